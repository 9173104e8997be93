"""The questions analysts ask across förbund: decisions, amounts, outcomes and people, with
filters, and the first aggregates (outcomes by insats and category). Every filter is a bound
parameter; nothing a user types becomes SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import Select, and_, func, select, union_all
from sqlalchemy.orm import Session

from samarkiv.errors import SamarkivError

from .amount_sets import BUDGET_MEASURES, GRANTED
from .models import (
    AmountRow,
    AmountSetRow,
    BallotRow,
    BodyRow,
    DecisionRow,
    Document,
    MentionRow,
    MotionRow,
    OutcomeRow,
    PersonIdentity,
    PersonRole,
    PersonRow,
    ReservationRow,
    VoteRow,
)
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


TOTAL_KEYS = ("forbund", "year")


def amount_totals(session: Session, filters: Filters, by: tuple[str, ...] = TOTAL_KEYS) -> list[dict[str, Any]]:
    """Money summed by förbund and/or year, granted amounts apart from each measure of budget lines.

    No figure counts twice: "Summa" rows, results, equity, rates and a grant's total over its yearly
    parts are left out (their `role` is not `line`), a figure a grant decision names twice counts once,
    and for each förbund, year and measure one set of tables speaks (the tables of one § or, outside
    minutes, of one document): the latest document's, a text layer's before a scan's OCR, tables for
    that year alone before a column of a multi-year plan, the most detailed after that. Within that
    set a label counts once. Costs are given as positive sums whatever sign a table prints them with.
    A grant with no year of its own belongs to the year of its decision. The sets and their standing
    are kept at ingest (`store.amount_sets`), so this is one query on the index of their choice keys.
    """
    unknown = [k for k in by if k not in TOTAL_KEYS]
    if unknown or not by:
        raise UnknownValue(f"cannot sum by {', '.join(unknown) or 'nothing'}; choose from forbund, year")
    ids = _document_filter(session, Filters(filters.forbund, None, filters.date_from, filters.date_to))
    sets = AmountSetRow

    def narrowed(stmt: S) -> S:
        stmt = _restrict(stmt, sets, ids)
        return stmt.where(sets.year == filters.year) if filters.year else stmt

    best = narrowed(select(sets.forbund, sets.year, sets.measure, func.max(sets.choice).label("choice"))
                    .where(sets.measure != GRANTED)).group_by(sets.forbund, sets.year, sets.measure).subquery()
    shown = (sets.forbund, sets.year, sets.measure, sets.flow, sets.sek, sets.amounts, Document.source)
    chosen = (select(*shown).join(Document, Document.id == sets.document_id)
              .join(best, and_(sets.forbund == best.c.forbund, sets.year == best.c.year,
                               sets.measure == best.c.measure, sets.choice == best.c.choice)))
    granted = narrowed(select(*shown).join(Document, Document.id == sets.document_id)
                       .where(sets.measure == GRANTED))
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for forbund, year, measure, flow, sek, n, source in session.execute(union_all(chosen, granted)):
        key = (forbund or None if "forbund" in by else None, year if "year" in by else None, measure, flow)
        row = merged.setdefault(key, {"forbund": key[0], "year": key[1], "measure": measure, "flow": flow,
                                      "sek": 0, "amounts": 0, "sources": set()})
        row["sek"] += int(sek)
        row["amounts"] += int(n)
        row["sources"].add(source)
    order = {m: i for i, m in enumerate((GRANTED, *BUDGET_MEASURES))}
    out = []
    for row in sorted(merged.values(), key=lambda r: (r["forbund"] or "", r["year"] or 0, order[r["measure"]],
                                                      r["flow"] or "")):
        row["sources"] = ", ".join(sorted(row["sources"]))
        out.append({k: v for k, v in row.items() if k in (*by, "measure", "flow", "sek", "amounts", "sources")})
    return out


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


def _bodies(session: Session, ids: set[int] | None) -> dict[int, str]:
    stmt = _restrict(select(BodyRow.document_id, BodyRow.name), BodyRow, ids)
    return {doc: name for doc, name in session.execute(stmt)}


def votes(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Votes held in §§ (omröstning, votering): the counts, what ja and nej stood for, the result,
    each member's ballot where printed, and a warning where the counts do not add up."""
    ids = _document_filter(session, filters)
    stmt = _restrict(select(VoteRow, Document).join(Document), VoteRow, ids)
    found = session.execute(stmt.order_by(VoteRow.document_id, VoteRow.position)).all()
    doc_ids = {doc.id for _, doc in found}
    dates, bodies = document_dates(session, doc_ids), _bodies(session, doc_ids)
    ballots: dict[int, list[str]] = {}
    for b in session.scalars(select(BallotRow).where(BallotRow.vote_id.in_([v.id for v, _ in found]))
                             .order_by(BallotRow.vote_id, BallotRow.position)):
        who = f"{b.name} ({b.party})" if b.party else b.name
        ballots.setdefault(b.vote_id, []).append(f"{who}: {b.vote}")
    rows = [{"forbund": doc.forbund, "body": bodies.get(doc.id), "date": dates.get(doc.id), "paragraph": v.paragraph,
             "ja": v.ja, "nej": v.nej, "avstar": v.avstar, "present": v.present, "ja_means": v.ja_means,
             "nej_means": v.nej_means, "result": v.result, "ballots": "; ".join(ballots.get(v.id, [])),
             "warnings": v.warnings or [], "source": doc.source, "page": v.page} for v, doc in found]
    return sorted(rows, key=lambda r: (r["forbund"] or "", r["date"] or "", _num(r["paragraph"])))


def reservations(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Reservations, protokollsanteckningar and declared abstentions (`filters.kind` picks one):
    who, against what, and the written text where printed."""
    ids = _document_filter(session, filters)
    stmt = _restrict(select(ReservationRow, Document).join(Document), ReservationRow, ids)
    if filters.kind:
        stmt = stmt.where(ReservationRow.kind == filters.kind)
    found = session.execute(stmt.order_by(ReservationRow.document_id, ReservationRow.position)).all()
    doc_ids = {doc.id for _, doc in found}
    dates, bodies = document_dates(session, doc_ids), _bodies(session, doc_ids)
    rows = [{"forbund": doc.forbund, "body": bodies.get(doc.id), "date": dates.get(doc.id), "paragraph": r.paragraph,
             "kind": r.kind, "who": r.who, "against": r.against, "own_motion": r.own_motion, "written": r.written,
             "reason": r.reason, "text": r.text, "source": doc.source, "page": r.page} for r, doc in found]
    return sorted(rows, key=lambda r: (r["forbund"] or "", r["date"] or "", _num(r["paragraph"])))


def motions(session: Session, filters: Filters, name: str | None = None) -> list[dict[str, Any]]:
    """Yrkanden: who moved what in which §, `filters.kind` one of the motion kinds."""
    ids = _document_filter(session, filters)
    stmt = _restrict(select(MotionRow, Document).join(Document), MotionRow, ids)
    if filters.kind:
        stmt = stmt.where(MotionRow.kind == filters.kind)
    if name:
        stmt = stmt.where(func.lower(MotionRow.movers).contains(name.casefold()))
    found = session.execute(stmt.order_by(MotionRow.document_id, MotionRow.position)).all()
    doc_ids = {doc.id for _, doc in found}
    dates, bodies = document_dates(session, doc_ids), _bodies(session, doc_ids)
    rows = [{"forbund": doc.forbund, "body": bodies.get(doc.id), "date": dates.get(doc.id), "paragraph": m.paragraph,
             "movers": m.movers, "kind": m.kind, "text": m.text, "source": doc.source, "page": m.page}
            for m, doc in found]
    return sorted(rows, key=lambda r: (r["forbund"] or "", r["date"] or "", _num(r["paragraph"])))


def people_history(session: Session, filters: Filters, name: str) -> list[dict[str, Any]]:
    """Each person whose name contains `name`, one row per document and role, by year: the body,
    the meeting date and the document's source. One person is one name within a förbund and party."""
    ids = _document_filter(session, filters)
    stmt = _restrict(select(PersonIdentity, PersonRow, Document).join(PersonRole, PersonRole.person_id ==
                                                                        PersonIdentity.id)
                     .join(PersonRow, PersonRow.id == PersonRole.people_id)
                     .join(Document, Document.id == PersonRole.document_id), PersonRole, ids)
    stmt = stmt.where(PersonIdentity.name_key.contains(" ".join(name.split()).casefold()))
    found = session.execute(stmt).all()
    doc_ids = {doc.id for _, _, doc in found}
    dates, bodies = document_dates(session, doc_ids), _bodies(session, doc_ids)
    rows = []
    for person, p, doc in found:
        date = dates.get(doc.id)
        rows.append({"person": person.id, "name": person.name, "affiliation": person.affiliation,
                     "year": int(date[:4]) if date else None, "date": date, "forbund": doc.forbund,
                     "body": bodies.get(doc.id), "role": p.role, "group": p.group, "source": doc.source,
                     "page": p.page})
    return sorted(rows, key=lambda r: (r["name"], r["person"], r["date"] or "", r["source"]))
