"""the sets of tables the amount sums choose among

One row per set of tables (the tables of one §, or of one document outside minutes), year,
measure and flow, with its sum and a sortable key saying how it stands against the other sets of
its förbund, year and measure; granted amounts per document and year. The rows are written from
the amounts already archived, so the sums stay the same.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    sek = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        'amount_sets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('forbund', sa.Text(), nullable=False),
        sa.Column('paragraph', sa.String(length=16), nullable=True),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('measure', sa.String(length=16), nullable=False),
        sa.Column('flow', sa.String(length=8), nullable=True),
        sa.Column('sek', sek, nullable=False),
        sa.Column('amounts', sa.Integer(), nullable=False),
        sa.Column('choice', sa.String(length=96), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_amount_sets_document_id', 'amount_sets', ['document_id'], unique=False)
    op.create_index('ix_amount_sets_choice', 'amount_sets', ['forbund', 'year', 'measure', 'choice'], unique=False)
    # The sets of the documents already archived, written by the code that writes them at ingest.
    from samarkiv.store import amount_sets

    session = Session(bind=op.get_bind())
    amount_sets.refresh(session)
    session.flush()


def downgrade() -> None:
    op.drop_index('ix_amount_sets_choice', table_name='amount_sets')
    op.drop_index('ix_amount_sets_document_id', table_name='amount_sets')
    op.drop_table('amount_sets')
