"""word boxes of each page

Where each word of a page's raw text sits on the page (text layers and OCR), packed as zlib-compressed
integers per page (see store/boxes.py), and the page's size.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pages') as batch:
        batch.add_column(sa.Column('boxes', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pages') as batch:
        batch.drop_column('boxes')
