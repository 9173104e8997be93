"""offset maps of pages with word boxes

The map from each page's normalized text back to its raw text (see store/boxes.py), kept beside
the page's word boxes so that a fact's rectangles are found without normalizing its document
again. Pages archived before have none until `reprocess` normalizes them; until then the map is
derived when it is needed.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pages') as batch:
        batch.add_column(sa.Column('offsets', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pages') as batch:
        batch.drop_column('offsets')
