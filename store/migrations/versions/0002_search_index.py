"""full-text search index

An FTS5 table over decisions, items and page text. Swedish letters stay distinct
(`remove_diacritics 0`: "år" is not "ar"); rows go when their document goes (trigger).
SQLite only; other backends get their own search in a later migration.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE search_index USING fts5("
               "text, kind UNINDEXED, document_id UNINDEXED, ref_id UNINDEXED, page UNINDEXED, "
               "tokenize = 'unicode61 remove_diacritics 0')")
    op.execute("CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN "
               "DELETE FROM search_index WHERE document_id = old.id; END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS documents_search_delete")
    op.execute("DROP TABLE IF EXISTS search_index")
