"""The questions analysts ask across förbund: decisions, amounts, outcomes and people, with
filters, and the first aggregates (outcomes by insats and category). Every filter is a bound
parameter; nothing a user types becomes SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from samarkiv.errors import SamarkivError

from .models import AmountRow, DecisionRow, Document, MentionRow, OutcomeRow, PersonRow
from .search import document_dates


class UnknownValue(SamarkivError):
    """A filter value that matches nothing in the archive; the message lists close matches."""


@dataclass(frozen=True, slots=True)
class Filters:
    forbund: str | None = None
    year: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None


def resolve_forbund(session: Session, name: str) -> str:
    """The archived förbund a loosely typed name means ("söderåsen" → "Söderåsens samordningsförbund")."""
    known = [f for f in session.scalars(select(Document.forbund).distinct()) if f]
    lowered = name.casefold()
    exact = [f for f in known if f.casefold() == lowered]
    if exact:
        return exact[0]
    contains = [f for f in known if lowered in f.casefold()]
    if len(contains) == 1:
        return contains[0]
    scored = process.extract(name, known, scorer=fuzz.WRatio, processor=str.casefold, limit=3)
    if scored and scored[0][1] >= 88 and (len(scored) == 1 or scored[0][1] - scored[1][1] >= 5):
        return str(scored[0][0])
    close = ", ".join(str(s[0]) for s in scored) or "none archived yet"
    raise UnknownValue(f"no förbund matches {name!r}; close matches: {close}")


def _document_filter(session: Session, filters: Filters) -> set[int] | None:
    """Ids of the documents the filters allow, or None for all."""
    if not (filters.forbund or filters.year or filters.date_from or filters.date_to):
        return None
    stmt = select(Document.id)
    if filters.forbund:
        stmt = stmt.where(Document.forbund == resolve_forbund(session, filters.forbund))
    ids = set(session.scalars(stmt))
    if filters.year or filters.date_from or filters.date_to:
        dates = document_dates(session, ids)
        lo = filters.date_from or (f"{filters.year}-01-01" if filters.year else None)
        hi = filters.date_to or (f"{filters.year}-12-31" if filters.year else None)
        ids = {i for i in ids if (d := dates.get(i)) and (not lo or d >= lo) and (not hi or d <= hi)}
    return ids


S = TypeVar("S", bound=Select)


def _restrict(stmt: S, model: Any, ids: set[int] | None) -> S:
    return stmt if ids is None else stmt.where(model.document_id.in_(ids))


def decisions(session: Session, filters: Filters, text: str | None = None) -> list[dict[str, Any]]:
    ids = _document_filter(session, filters)
    stmt = _restrict(select(DecisionRow, Document).join(Document), DecisionRow, ids)
    if filters.kind:
        stmt = stmt.where(DecisionRow.kind == filters.kind)
    if text:
        stmt = stmt.where(func.lower(DecisionRow.text).contains(text.casefold()))
    dates = document_dates(session, ids)
    rows = [{"forbund": doc.forbund, "date": dates.get(doc.id), "paragraph": d.paragraph, "kind": d.kind,
             "text": d.text, "amounts": d.amounts or [], "warnings": d.warnings or [], "source": doc.source,
             "page": d.page} for d, doc in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r["forbund"] or "", r["date"] or "", _num(r["paragraph"])))


def amounts(session: Session, filters: Filters, label: str | None = None) -> list[dict[str, Any]]:
    # An amount's year is the year it concerns (a budget column), not the document's date.
    ids = _document_filter(session, Filters(filters.forbund, None, filters.date_from, filters.date_to))
    stmt = _restrict(select(AmountRow, Document).join(Document), AmountRow, ids)
    if label:
        stmt = stmt.where(func.lower(AmountRow.label).contains(label.casefold()))
    if filters.year:
        stmt = stmt.where(AmountRow.year == filters.year)
    rows = [{"forbund": doc.forbund, "year": a.year, "label": a.label, "value": a.value, "value_max": a.value_max,
             "text": a.text, "unit_inferred": a.unit_inferred, "paragraph": a.paragraph,
             "warnings": a.warnings or [], "source": doc.source, "page": a.page}
            for a, doc in session.execute(stmt.order_by(AmountRow.document_id, AmountRow.position))]
    return rows


def outcomes(session: Session, filters: Filters, insats: str | None = None,
             category: str | None = None) -> list[dict[str, Any]]:
    ids = _document_filter(session, filters)
    stmt = _restrict(select(OutcomeRow, Document).join(Document), OutcomeRow, ids)
    if insats:
        stmt = stmt.where(func.lower(OutcomeRow.insats).contains(insats.casefold()))
    if category:
        stmt = stmt.where(OutcomeRow.category == category)
    return [{"forbund": doc.forbund, "insats": o.insats, "period_start": o.period_start,
             "period_end": o.period_end, "category": o.category, "count": o.count, "share": o.share,
             "warnings": o.warnings or [], "source": doc.source, "page": o.page}
            for o, doc in session.execute(stmt.order_by(OutcomeRow.document_id, OutcomeRow.position))]


def outcomes_by_insats(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts summed per förbund, insats and category (shares are not summed)."""
    totals: dict[tuple[Any, Any, Any], int] = {}
    for r in rows:
        if r["count"] is not None:
            key = (r["forbund"], r["insats"], r["category"])
            totals[key] = totals.get(key, 0) + r["count"]
    return [{"forbund": f, "insats": i, "category": c, "count": n}
            for (f, i, c), n in sorted(totals.items(), key=lambda kv: tuple(str(x) for x in kv[0]))]


def people(session: Session, filters: Filters, name: str | None = None) -> list[dict[str, Any]]:
    ids = _document_filter(session, filters)
    stmt = _restrict(select(PersonRow, Document).join(Document), PersonRow, ids)
    if name:
        stmt = stmt.where(func.lower(PersonRow.name).contains(name.casefold()))
    if filters.kind:
        stmt = stmt.where(PersonRow.group == filters.kind)
    dates = document_dates(session, ids)
    rows = [{"name": p.name, "group": p.group, "role": p.role, "organisation": p.organisation,
             "forbund": doc.forbund, "date": dates.get(doc.id), "source": doc.source, "page": p.page}
            for p, doc in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r["name"], r["date"] or ""))


def mentions(session: Session, filters: Filters, name: str, label: str | None = None) -> list[dict[str, Any]]:
    """Where a name occurs in running text (found by the NER), document by document and page by page."""
    ids = _document_filter(session, filters)
    stmt = _restrict(select(MentionRow, Document).join(Document), MentionRow, ids)
    stmt = stmt.where(func.lower(MentionRow.text).contains(name.casefold()))
    if label:
        stmt = stmt.where(MentionRow.label == label.upper())
    dates = document_dates(session, ids)
    counts: dict[tuple[Any, ...], int] = {}
    for m, doc in session.execute(stmt.order_by(MentionRow.document_id, MentionRow.position)):
        key = (m.text, m.label, doc.forbund, dates.get(doc.id), doc.source, m.page)
        counts[key] = counts.get(key, 0) + 1
    return [{"name": k[0], "label": k[1], "forbund": k[2], "date": k[3], "source": k[4], "page": k[5], "times": n}
            for k, n in counts.items()]


def _num(paragraph: str | None) -> tuple[int, str]:
    digits = "".join(c for c in paragraph or "" if c.isdigit())
    return (int(digits) if digits else 0, paragraph or "")
