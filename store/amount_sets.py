"""The sets of tables the amount sums choose among, kept beside the amounts they are made of.

For each förbund, year and measure one set of tables speaks: the tables of one § or, outside
minutes, of one document. Which one depends only on the set and its document (the latest
document, a text layer before a scan's OCR, a table for that year alone before a column of a
multi-year plan, the most detailed), so each set's standing is written once, as a sortable
`choice` key, with its sums per flow; `store.query.amount_totals` is then one indexed query.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from .models import AmountRow, AmountSetRow, Document, PageRow
from .search import document_dates

BUDGET_MEASURES = ("budget", "plan", "forecast", "actual")
GRANTED = "granted"
_BATCH = 500


def table_line() -> Any:
    """The amounts that sum as budget lines: counted lines of tables and statements with a
    year and a measure, not named in a grant decision."""
    return ((AmountRow.role == "line") & AmountRow.granted.is_(False)
            & AmountRow.source.in_(("table", "statement")) & AmountRow.measure.in_(BUDGET_MEASURES)
            & AmountRow.year.is_not(None))


_PARAGRAPH_CHARS = 16


def _earlier_first(paragraph: str | None) -> str:
    """Digits that sort the other way round from the § label: greatest for no label, then for the
    label that sorts first ("10" before "9", as text)."""
    if paragraph is None:
        return "1" + "999" * _PARAGRAPH_CHARS
    codes = [1000 - min(ord(c), 999) for c in paragraph[:_PARAGRAPH_CHARS]]
    return "0" + "".join(f"{c:03d}" for c in codes) + "999" * (_PARAGRAPH_CHARS - len(codes))


def choice_key(date: str | None, scanned: bool, width: int, lines: int, document_id: int,
               paragraph: str | None) -> str:
    """The key that sorts the sets of one förbund, year and measure, best last: the latest
    document, a text layer before OCR, fewer year-and-measure columns, more lines; then, so that
    the choice is always one set, the earlier document and the § label that sorts first.

    Only digits, all of fixed width, so that every collation (SQLite's bytes, PostgreSQL's
    locales, which pass over punctuation) sorts the keys alike.
    """
    day = "".join(c for c in (date or "")[:10] if c.isdigit()).ljust(8, "0")
    return (f"{day}{0 if scanned else 1}{9_999 - min(width, 9_999):04d}{min(lines, 999_999):06d}"
            f"{999_999_999_999 - document_id:012d}{_earlier_first(paragraph)}")


def refresh(session: Session, document_ids: Collection[int] | None = None) -> int:
    """Rewrites the amount sets of the given documents (all documents when None) from their
    amounts; returns how many set rows were written."""
    chunks: list[list[int] | None]
    if document_ids is None:
        session.execute(delete(AmountSetRow))
        chunks = [None]
    else:
        ids = sorted(document_ids)
        chunks = [ids[i:i + _BATCH] for i in range(0, len(ids), _BATCH)]
    written = 0
    for chunk in chunks:
        if chunk is not None:
            session.execute(delete(AmountSetRow).where(AmountSetRow.document_id.in_(chunk)))
        rows = _set_rows(session, chunk)
        for i in range(0, len(rows), 5_000):
            session.execute(insert(AmountSetRow), rows[i:i + 5_000])
        written += len(rows)
    return written


def _set_rows(session: Session, ids: list[int] | None) -> list[dict[str, Any]]:
    def only(stmt: Any, column: Any) -> Any:
        return stmt if ids is None else stmt.where(column.in_(ids))

    forbund: dict[int, str | None] = {doc: name for doc, name in session.execute(
        only(select(Document.id, Document.forbund), Document.id))}
    dates = document_dates(session, set(forbund) if ids is not None else None)
    scanned = set(session.scalars(only(select(PageRow.document_id).distinct().where(PageRow.method == "ocr"),
                                       PageRow.document_id)))
    # A label counts once within a set, year, measure and flow.
    first = func.row_number().over(
        partition_by=(AmountRow.document_id, AmountRow.paragraph, AmountRow.year, AmountRow.measure,
                      AmountRow.label, AmountRow.flow), order_by=AmountRow.position).label("nth")
    once = only(select(AmountRow.document_id, AmountRow.paragraph, AmountRow.year, AmountRow.measure,
                       AmountRow.flow, AmountRow.value, first).where(table_line()), AmountRow.document_id).subquery()
    sums = session.execute(
        select(once.c.document_id, once.c.paragraph, once.c.year, once.c.measure, once.c.flow,
               func.sum(once.c.value), func.count())
        .where(once.c.nth == 1)
        .group_by(once.c.document_id, once.c.paragraph, once.c.year, once.c.measure, once.c.flow)).all()
    columns = only(select(AmountRow.document_id, AmountRow.paragraph, AmountRow.year, AmountRow.measure)
                   .where(table_line()).distinct(), AmountRow.document_id).subquery()
    widths = {(doc, para): n for doc, para, n in session.execute(
        select(columns.c.document_id, columns.c.paragraph, func.count())
        .group_by(columns.c.document_id, columns.c.paragraph))}
    lines: dict[tuple[int, str | None, int, str], int] = {}
    for doc, para, year, measure, _flow, _sek, n in sums:
        lines[(doc, para, year, measure)] = lines.get((doc, para, year, measure), 0) + n
    rows: list[dict[str, Any]] = []
    for doc, para, year, measure, flow, total, n in sums:
        key = choice_key(dates.get(doc), doc in scanned, widths[(doc, para)], lines[(doc, para, year, measure)],
                         doc, para)
        total = int(total)
        rows.append({"document_id": doc, "forbund": forbund.get(doc) or "", "paragraph": para, "year": year,
                     "measure": measure, "flow": flow, "sek": -total if flow == "cost" and total < 0 else total,
                     "amounts": n, "choice": key})
    # Granted amounts all count, each in its own year or else its decision's.
    granted: dict[tuple[int, int | None], list[int]] = {}
    for doc, year, value in session.execute(only(
            select(AmountRow.document_id, AmountRow.year, AmountRow.value)
            .where(AmountRow.role == "line", AmountRow.granted.is_(True)), AmountRow.document_id)):
        date = dates.get(doc)
        key2 = (doc, year or (int(date[:4]) if date else None))
        granted.setdefault(key2, [0, 0])
        granted[key2][0] += value
        granted[key2][1] += 1
    rows += [{"document_id": doc, "forbund": forbund.get(doc) or "", "paragraph": None, "year": year,
              "measure": GRANTED, "flow": None, "sek": sek, "amounts": n, "choice": ""}
             for (doc, year), (sek, n) in granted.items()]
    return rows
