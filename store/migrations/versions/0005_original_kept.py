"""documents record whether their original bytes are kept

`ingest` copies each input into a content-addressed folder beside the archive; this column says
which documents have their copy there, so that `verify` knows what to re-hash.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


# Plain ALTER TABLE both ways, never batch mode: batch mode copies the documents table, and
# dropping the old copy would cascade to every page and fact of every document.


def upgrade() -> None:
    op.add_column('documents', sa.Column('original_kept', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    # SQLite has DROP COLUMN since 3.35.
    op.drop_column('documents', 'original_kept')
