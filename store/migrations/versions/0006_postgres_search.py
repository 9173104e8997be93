"""full-text search on PostgreSQL

The same `search_index` rows as SQLite's FTS5 table (0002), as a plain table with a generated
`tsvector` in the Swedish configuration and a GIN index over it. The configuration stems words
(beslut, beslutet) and drops Swedish stop words, but keeps å/ä/ö as letters of their own, so
"år" stays apart from "ar". Rows go with their document (foreign key). Amounts in whole kronor
become 64-bit, as they are on SQLite. PostgreSQL only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE search_index ("
               "id BIGSERIAL PRIMARY KEY, "
               "document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE, "
               "kind VARCHAR(16) NOT NULL, ref_id INTEGER, page INTEGER, text TEXT NOT NULL, "
               "tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('swedish', text)) STORED)")
    op.execute("CREATE INDEX search_index_tsv ON search_index USING gin (tsv)")
    op.execute("CREATE INDEX search_index_document ON search_index (document_id)")
    for column in ("value", "value_max"):
        op.alter_column("amounts", column, type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS search_index")
    for column in ("value", "value_max"):
        op.alter_column("amounts", column, type_=sa.Integer(), existing_type=sa.BigInteger())
