"""how decisions were made, and people across documents

Yrkanden (motions), the chair's propositions, votes with each member's ballot, reservations and
protokollsanteckningar, jäv, the body whose minutes a document is, and person records that tie
the people rows of many documents to one person.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _fact(*columns: sa.Column) -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), primary_key=True),
            sa.Column('document_id', sa.Integer(), sa.ForeignKey('documents.id', ondelete='CASCADE'),
                      nullable=False, index=True),
            sa.Column('position', sa.Integer(), nullable=False),
            sa.Column('page', sa.Integer(), nullable=True),
            sa.Column('char_start', sa.Integer(), nullable=True),
            sa.Column('char_end', sa.Integer(), nullable=True),
            sa.Column('paragraph', sa.String(length=16), nullable=False),
            *columns]


def upgrade() -> None:
    op.create_table(
        'bodies',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('document_id', sa.Integer(), sa.ForeignKey('documents.id', ondelete='CASCADE'),
                  nullable=False, unique=True),
        sa.Column('name', sa.Text(), nullable=False),
    )
    op.create_table('motions', *_fact(
        sa.Column('movers', sa.Text(), nullable=False),
        sa.Column('members', sa.JSON(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False, index=True),
        sa.Column('text', sa.Text(), nullable=False)))
    op.create_table('propositions', *_fact(
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('result', sa.Text(), nullable=True)))
    op.create_table('votes', *_fact(
        sa.Column('ja', sa.Integer(), nullable=True),
        sa.Column('nej', sa.Integer(), nullable=True),
        sa.Column('avstar', sa.Integer(), nullable=True),
        sa.Column('present', sa.Integer(), nullable=True),
        sa.Column('ja_means', sa.Text(), nullable=True),
        sa.Column('nej_means', sa.Text(), nullable=True),
        sa.Column('result', sa.Text(), nullable=True),
        sa.Column('warnings', sa.JSON(), nullable=False)))
    op.create_table(
        'ballots',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('document_id', sa.Integer(), sa.ForeignKey('documents.id', ondelete='CASCADE'),
                  nullable=False, index=True),
        sa.Column('vote_id', sa.Integer(), sa.ForeignKey('votes.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('party', sa.String(length=8), nullable=True),
        sa.Column('vote', sa.String(length=8), nullable=False),
    )
    op.create_table('reservations', *_fact(
        sa.Column('kind', sa.String(length=24), nullable=False, index=True),
        sa.Column('who', sa.Text(), nullable=False),
        sa.Column('members', sa.JSON(), nullable=False),
        sa.Column('against', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('own_motion', sa.Boolean(), nullable=False),
        sa.Column('written', sa.Boolean(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False)))
    op.create_table('jav', *_fact(
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('party', sa.String(length=8), nullable=True),
        sa.Column('replacement', sa.Text(), nullable=True),
        sa.Column('replacement_party', sa.String(length=8), nullable=True),
        sa.Column('left', sa.Boolean(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False)))
    op.create_table(
        'persons',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False, index=True),
        sa.Column('scope', sa.Text(), nullable=True),
        sa.Column('affiliation', sa.Text(), nullable=True),
    )
    op.create_table(
        'person_roles',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('persons.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('people_id', sa.Integer(), sa.ForeignKey('people.id', ondelete='CASCADE'), nullable=False,
                  unique=True),
        sa.Column('document_id', sa.Integer(), sa.ForeignKey('documents.id', ondelete='CASCADE'),
                  nullable=False, index=True),
    )


def downgrade() -> None:
    for table in ('person_roles', 'persons', 'jav', 'reservations', 'ballots', 'votes', 'propositions', 'motions',
                  'bodies'):
        op.drop_table(table)
