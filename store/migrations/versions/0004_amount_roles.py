"""what each amount is for totals

Where an amount was read (text, table, statement), its column's measure (budget, plan, forecast,
actual, deviation), its table, its role (line, total, derived, rate, duplicate), income or cost,
and whether a grant decision names it. Rows archived before this revision get the defaults until
they are reprocessed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('amounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=16), server_default='text', nullable=False))
        batch_op.add_column(sa.Column('measure', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('table_no', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('role', sa.String(length=16), server_default='line', nullable=False))
        batch_op.add_column(sa.Column('flow', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('granted', sa.Boolean(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_amounts_measure'), ['measure'], unique=False)
        batch_op.create_index(batch_op.f('ix_amounts_granted'), ['granted'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('amounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amounts_granted'))
        batch_op.drop_index(batch_op.f('ix_amounts_measure'))
        for column in ('granted', 'flow', 'role', 'table_no', 'measure', 'source'):
            batch_op.drop_column(column)
