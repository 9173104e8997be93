"""Money totals across förbund: amounts summed per förbund and year, for the CLI, the browser's
canned query and chart, and the query benchmark. Which amounts count in a total is decided here
and nowhere else, so that one SQL text serves every caller.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

# What counts in a total: a figure tied to a year, not a rate (kr/månad, kr/timme) and not a
# "Summa"/"Totalt" line that repeats figures already counted.
COUNTED = ("a.year IS NOT NULL AND a.per IS NULL "
           "AND lower(coalesce(a.label, '')) NOT LIKE 'summa%' "
           "AND lower(coalesce(a.label, '')) NOT LIKE 'totalt%'")

# Parameters :forbund and :year are '' for "any", as Datasette passes an empty form field.
AMOUNTS_BY_FORBUND_YEAR = f"""
SELECT d.forbund AS forbund, a.year AS year, count(*) AS amounts, sum(a.value) AS total
FROM amounts a JOIN documents d ON d.id = a.document_id
WHERE {COUNTED} AND d.forbund IS NOT NULL
  AND (:forbund = '' OR d.forbund = :forbund)
  AND (:year = '' OR a.year = :year)
GROUP BY d.forbund, a.year
ORDER BY d.forbund, a.year
""".strip()


def amounts_by_forbund_year(session: Session, forbund: str | None = None,
                            year: int | None = None) -> list[dict[str, Any]]:
    """Amounts in whole SEK summed per förbund and year: förbund, year, how many amounts, total."""
    params = {"forbund": forbund or "", "year": "" if year is None else year}
    return [dict(row._mapping) for row in session.execute(text(AMOUNTS_BY_FORBUND_YEAR), params)]
