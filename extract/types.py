"""Types of the extract stage: the facts found in one document (contract samarkiv.extraction/1).

Each fact carries `page` (where it was read, for citing), `span` (its character offsets in the
normalized text) and `warnings` (failed cross-checks);
these and `unit_inferred` live in the archive but are not part of the exported contract record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .procedure import Procedure

SCHEMA = "samarkiv.extraction/1"

PART_TYPES = ("protokoll", "kallelse", "delarsrapport", "tertialrapport", "verksamhetsplan", "budget",
              "verksamhetsberattelse", "arsredovisning", "bilaga", "other")
PEOPLE_GROUPS = ("beslutande", "ovriga", "franvarande", "ledamot", "ersattare", "other")
MEASURES = ("budget", "plan", "forecast", "actual", "deviation")
# line: counts in totals; total: a Summa row or a sum of other amounts; derived: a result or equity
# row computed from others; rate: per month or year; duplicate: a figure already named.
AMOUNT_ROLES = ("line", "total", "derived", "rate", "duplicate")
FLOWS = ("income", "cost")
DECISION_KINDS = ("approve", "grant", "reject", "table", "note", "elect", "assign", "other")
OUTCOME_CATEGORIES = ("deltagare", "nya", "avslutade", "arbete", "studier", "arbete_studier", "i_mal",
                      "aterremitterad", "hallbar_planering", "annan_anledning", "kvinnor", "man", "other")


@dataclass(frozen=True, slots=True)
class Part:
    type: str
    title: str | None = None
    date: str | None = None
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    date: str | None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    paragraphs: tuple[str, str] | None = None
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Signatories:
    ordforande: str | None = None
    sekreterare: str | None = None
    justerare: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    group: str
    role: str | None = None
    organisation: str | None = None
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Item:
    number: str
    title: str | None
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    paragraph: str | None
    kind: str
    text: str
    amounts: tuple[int, ...] = ()
    page: int | None = None
    span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Amount:
    value: int
    value_max: int | None = None
    text: str | None = None
    per: str | None = None
    label: str | None = None
    year: int | None = None
    paragraph: str | None = None
    unit_inferred: bool = False
    page: int | None = None
    span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()
    # What the amount is for totals (archive only): where it was read (`text`, `table`, `statement`),
    # the measure of its table column (`MEASURES`), the table it belongs to (an ordinal within the
    # document), its role (`AMOUNT_ROLES`), whether a table line is income or cost, and whether a
    # grant decision names it.
    source: str = "text"
    measure: str | None = None
    table: int | None = None
    role: str = "line"
    flow: str | None = None
    granted: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    category: str
    insats: str | None = None
    period: tuple[str | None, str | None] | None = None
    count: int | None = None
    share: float | None = None
    label: str | None = None
    page: int | None = None
    span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A name the NER found in running text: `label` is PER, ORG or LOC."""

    label: str
    text: str
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one document."""

    forbund: str | None = None
    parts: tuple[Part, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    signatories: Signatories = field(default_factory=Signatories)
    people: tuple[Person, ...] = ()
    items: tuple[Item, ...] = ()
    decisions: tuple[Decision, ...] = ()
    amounts: tuple[Amount, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # How the §§ were decided (yrkanden, votes, reservations, jäv) and by which body; archive only.
    procedure: Procedure = field(default_factory=Procedure)


def contract_record(record: Record, *, source: str, sha256: str) -> dict[str, Any]:
    """The exported JSON object for one document, exactly in the contract's shape."""
    return {
        "schema": SCHEMA,
        "source": source,
        "sha256": sha256,
        "forbund": record.forbund,
        "parts": [{"type": p.type, "title": p.title, "date": p.date} for p in record.parts],
        "meetings": [{"date": m.date, "start": m.start, "end": m.end, "place": m.place,
                      "paragraphs": list(m.paragraphs) if m.paragraphs else None}
                     for m in record.meetings],
        "signatories": {"ordforande": record.signatories.ordforande,
                        "sekreterare": record.signatories.sekreterare,
                        "justerare": list(record.signatories.justerare)},
        "people": [{"name": p.name, "group": p.group, "role": p.role, "organisation": p.organisation}
                   for p in record.people],
        "items": [{"number": i.number, "title": i.title} for i in record.items],
        "decisions": [{"paragraph": d.paragraph, "kind": d.kind, "text": d.text, "amounts": list(d.amounts)}
                      for d in record.decisions],
        "amounts": [{"value": a.value, "value_max": a.value_max, "text": a.text, "per": a.per,
                     "label": a.label, "year": a.year, "paragraph": a.paragraph} for a in record.amounts],
        "outcomes": [{"insats": o.insats, "period": list(o.period) if o.period else None,
                      "category": o.category, "count": o.count, "share": o.share} for o in record.outcomes],
    }
