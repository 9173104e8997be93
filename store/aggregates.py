"""Money totals across förbund: amounts summed per förbund and year, for the browser's canned
query and chart and for the query benchmark. Which amounts count in a total is decided here
and nowhere else, so that one SQL text serves every caller.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

# What counts in a total: a line of a table or a figure of the text tied to a year; not a total,
# a derived figure, a rate (kr/månad) or a duplicate of a figure already counted.
COUNTED = "a.role = 'line' AND a.year IS NOT NULL"

# Budget, plan, forecast and actual figures of one year are kept apart: adding them would count
# the same money several times. Figures outside tables have no measure ('').
# Parameters :forbund and :year are '' for "any", as Datasette passes an empty form field.
AMOUNTS_BY_FORBUND_YEAR = f"""
SELECT d.forbund AS forbund, a.year AS year, coalesce(a.measure, '') AS measure, count(*) AS amounts,
       sum(a.value) AS total, sum(CASE WHEN a.granted THEN a.value ELSE 0 END) AS granted
FROM amounts a JOIN documents d ON d.id = a.document_id
WHERE {COUNTED} AND d.forbund IS NOT NULL
  AND (:forbund = '' OR d.forbund = :forbund)
  AND (:year = '' OR a.year = :year)
GROUP BY d.forbund, a.year, coalesce(a.measure, '')
ORDER BY d.forbund, a.year, coalesce(a.measure, '')
""".strip()


def amounts_by_forbund_year(session: Session, forbund: str | None = None,
                            year: int | None = None) -> list[dict[str, Any]]:
    """Amounts in whole SEK summed per förbund, year and measure: how many, their total, and how much
    of it grant decisions name."""
    params = {"forbund": forbund or "", "year": "" if year is None else year}
    return [dict(row._mapping) for row in session.execute(text(AMOUNTS_BY_FORBUND_YEAR), params)]
