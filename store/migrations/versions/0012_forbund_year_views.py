"""the fact tables by förbund and year

Each document keeps the date it is about (its first meeting's date, else its first dated part's,
as the canned queries computed it per row), filled here for the documents already archived; and
a view per fact table puts the document's förbund and year beside every fact, so that analysts
can facet and filter the facts by both. Amounts keep their own `year` (the year they concern)
and get the document's as `document_year`.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_YEAR = "CAST(substr(d.date, 1, 4) AS INTEGER)"
VIEWS = {
    "decisions_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS year, x.* FROM decisions x",
    "amounts_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS document_year, x.* FROM amounts x",
    "people_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS year, x.* FROM people x",
    "items_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS year, x.* FROM items x",
    "outcomes_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS year, x.* FROM outcomes x",
    "meetings_by_forbund": f"SELECT d.forbund AS forbund, {_YEAR} AS year, x.* FROM meetings x",
}


def upgrade() -> None:
    # A plain ALTER TABLE on both databases: a batch copy of documents would cascade-delete its facts.
    op.add_column('documents', sa.Column('date', sa.String(length=10), nullable=True))
    op.execute("UPDATE documents SET date = coalesce("
               "(SELECT m.date FROM meetings m WHERE m.document_id = documents.id AND m.date IS NOT NULL "
               "ORDER BY m.position LIMIT 1), "
               "(SELECT p.date FROM parts p WHERE p.document_id = documents.id AND p.date IS NOT NULL "
               "ORDER BY p.position LIMIT 1))")
    for name, select in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {select} JOIN documents d ON d.id = x.document_id")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_column('documents', 'date')
