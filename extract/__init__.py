"""Extract: normalized text → the facts of the contract (parts, meetings, people, items,
decisions, amounts, outcomes)."""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from samarkiv.normalize import Text
from samarkiv.normalize.dates import years_in

from .amounts import find_amounts, mark_granted
from .decisions import decisions_of_section, reported_decisions
from .forbund import author_of
from .items import Heading
from .layout import Line
from .meetings import document_year, meeting_of, reported_meetings
from .mentions import mentions_in
from .outcomes import outcomes_in
from .parts import MINUTES, PartSpan, part_at, report_date
from .people import Entry, heading_people, list_people, roll_call, unseparated_names, zone_people, zone_signatories
from .procedure import Section as ProcedureSection
from .procedure import procedure_of
from .structure import PEOPLE_GROUPS, Document, PartNode, owner, physical_lines, structure_of, within
from .types import (
    Amount,
    Decision,
    Item,
    Meeting,
    Mention,
    Outcome,
    Part,
    Person,
    Record,
    Signatories,
    contract_record,
)

__all__ = ["Amount", "Decision", "Item", "Meeting", "Mention", "Outcome", "Part", "Person", "Record", "Signatories",
           "contract_record", "extract_record"]

HEADING_ZONE_LINES = 15
CLOSING_LINES = 25  # lines at the end of minutes that may hold their signatures
BUDGET_PARTS = ("budget", "verksamhetsplan")


def extract_record(text: Text) -> Record:
    """Extracts every fact of the contract from one document's normalized text."""
    doc = text.text
    tree = structure_of(doc)
    lines = list(tree.lines)
    parts = [n.part for n in tree.parts]
    headings = list(tree.headings)
    sections = [h for h in headings if not h.toc]

    def paragraph_at(offset: int) -> str | None:
        home = owner(parts, part_at(parts, offset))
        if home.type not in MINUTES:
            return None
        before = [h for h in sections if home.start <= h.start <= offset]
        return before[-1].number if before else None

    meetings: list[Meeting] = []
    people: list[Person] = []
    signed = Signatories()
    part_facts: list[Part] = []
    for node in tree.parts:
        p = node.part
        date: str | None = None
        if p.type in MINUTES and node.zone is not None:
            head = list(node.zone.lines)
            owned = [h for h in sections if owner(parts, part_at(parts, h.start)) is p]
            meeting = meeting_of(head, p, owned)
            if meeting:
                meetings.append(replace(meeting, page=text.page_at(meeting.span[0] if meeting.span else p.start)))
                date = meeting.date
            if p.type == "protokoll":
                found = _heading_people(node, text)
                listed = {x.name.casefold() for x in found}
                found.extend(_person(g, e, ln, text) for g, e, ln in roll_call(list(node.lines))
                             if e.name.casefold() not in listed)
                people.extend(found)
                if not (signed.ordforande or signed.sekreterare or signed.justerare):
                    signed = _signatories(node, found, doc)
                    listed_as = next((x for x in found if x.name == signed.sekreterare), None)
                    if signed.sekreterare and listed_as is None:
                        # the sekreterare takes part in the meeting even where the lists leave them out
                        people.append(Person(name=signed.sekreterare, group="ovriga", role="sekreterare",
                                             page=text.page_at(p.start)))
                    elif listed_as is not None and listed_as.group == "ovriga" and listed_as.role is None:
                        people[people.index(listed_as)] = replace(listed_as, role="sekreterare")
        else:
            date = report_date(lines, p)
            if not p.attached and p.type == "other":
                told = reported_meetings(within(lines, p.start, p.end), document_year(doc))
                meetings.extend(replace(m, page=text.page_at(m.span[0]) if m.span else None) for m in told)
            if not p.attached:
                people.extend(_person(g, e, ln, text) for g, e, ln in list_people(within(lines, p.start, p.end)))
        part_facts.append(Part(type=p.type, title=p.title, date=date, page=text.page_at(p.start),
                               span=(p.start, p.end)))

    decisions = _decisions(tree, text)
    boundaries = {p.start for p in parts} | {p.end for p in parts} | {h.start for h in sections}
    amounts = mark_granted(find_amounts(doc, physical_lines(doc), paragraph_at, boundaries, text.page_at), decisions)
    amounts = _budget_tables(amounts, parts)
    outcomes: list[Outcome] = []
    for p, fact in zip(parts, part_facts, strict=True):
        if p.attached:
            continue  # a bilaga is read with the minutes it belongs to
        years = years_in(fact.date or "") or years_in(p.title or "")
        own = [ln for ln in lines if owner(parts, part_at(parts, ln.start)) is p]
        found_outcomes = outcomes_in(own, years[0] if years else None)
        outcomes.extend(replace(o, page=text.page_at(o.span[0]) if o.span else None) for o in found_outcomes)
    zone = lines[HEADING_ZONE_LINES].start if len(lines) > HEADING_ZONE_LINES else len(doc)
    present = sum(p.group == "beslutande" for p in _unique_people(people))
    procedure = procedure_of(text, present=present, sections=_paragraph_sections(tree))
    return Record(
        procedure=procedure,
        forbund=author_of(doc, min(zone, doc.find("\f") if "\f" in doc else zone)),
        parts=tuple(part_facts),
        meetings=tuple(meetings),
        signatories=signed,
        people=tuple(_unique_people(people)),
        items=tuple(_items(headings, text)),
        decisions=tuple(decisions),
        amounts=tuple(amounts),
        outcomes=tuple(outcomes),
        mentions=mentions_in(text),
    )


def _paragraph_sections(tree: Document) -> list[ProcedureSection]:
    """The § sections of the document's minutes, for reading how each was decided."""
    return [ProcedureSection(s.heading.number, s.start, s.end, tree.text[s.start:s.end])
            for node in tree.parts if node.part.type == "protokoll"
            for s in node.sections if s.heading.kind == "paragraph"]


def _budget_tables(amounts: list[Amount], parts: list[PartSpan]) -> list[Amount]:
    """Table cells of a budget or verksamhetsplan whose columns do not name their measure are budget lines."""
    out = []
    for a in amounts:
        if a.source == "table" and a.measure is None and a.span and part_at(parts, a.span[0]).type in BUDGET_PARTS:
            a = replace(a, measure="budget")
        out.append(a)
    return out


def _person(group: str, entry: Entry, ln: Line, text: Text) -> Person:
    return Person(name=entry.name, group=group, role=entry.role, organisation=entry.organisation,
                  page=text.page_at(ln.start), span=(ln.start, ln.end))


def _unique_people(people: list[Person]) -> list[Person]:
    """Each person once: the same name, or the same first and last name with a middle name
    written in one list and not in another ("Sara Lind", "Sara Maria Lind")."""
    seen: set[str] = set()
    ends: set[tuple[str, str]] = set()
    out: list[Person] = []
    for p in people:
        tokens = p.name.casefold().split()
        end = (tokens[0], tokens[-1])
        if p.name.casefold() in seen or (len(tokens) > 2 and end in ends):
            continue
        if len(tokens) == 2 and any(len(o.name.split()) > 2 and (o.name.casefold().split()[0],
                                                                 o.name.casefold().split()[-1]) == end for o in out):
            continue
        seen.add(p.name.casefold())
        ends.add(end)
        out.append(p)
    return out


def _items(headings: list[Heading], text: Text) -> list[Item]:
    """One item per number and kind; a table of contents only lends its title."""
    out: dict[tuple[str, str], Item] = {}
    for h in headings:
        key = (h.kind, h.number)
        if key not in out:
            out[key] = Item(number=h.number, title=h.title, page=text.page_at(h.start), span=(h.start, h.end))
    return list(out.values())


def _decisions(tree: Document, text: Text) -> list[Decision]:
    out: list[Decision] = []
    lines = list(tree.lines)
    for node in tree.parts:
        p = node.part
        if p.type == "protokoll":
            for section in node.sections:
                if section.heading.kind != "paragraph":
                    continue
                for f in decisions_of_section(section, utskott=tree.utskott):
                    out.append(Decision(paragraph=section.heading.number, kind=f.kind, text=f.text, amounts=f.amounts,
                                        page=text.page_at(f.start), span=(f.start, f.end)))
        elif p.type != "kallelse" and not p.attached:
            for f in reported_decisions(within(lines, p.start, p.end)):
                out.append(Decision(paragraph=None, kind=f.kind, text=f.text, amounts=f.amounts,
                                    page=text.page_at(f.start), span=(f.start, f.end)))
    return sorted(out, key=lambda d: d.span[0] if d.span else 0)


def _heading_people(node: PartNode, text: Text) -> list[Person]:
    """The people of a minutes heading zone: its lists as the seeds print them, and every other
    name the zone's labels introduce, whatever the layout."""
    assert node.zone is not None
    zone = node.zone
    head = list(zone.lines)
    found = [_person(g, e, ln, text) for g, e, ln in heading_people(head)]
    groups = [(f.start, GROUP_OF_LABEL.get(f.key)) for f in zone.fields]
    first_label = min((f.start for f in zone.fields if GROUP_OF_LABEL.get(f.key)), default=None)
    known = [p.name.casefold() for p in found]
    if first_label is not None:
        spotted = zone_people([ln for ln in head if ln.end > first_label], groups)
        for g, e, ln in spotted:
            low = e.name.casefold()
            if any(f" {k} " in f" {low} " or f" {low} " in f" {k} " or _ocr_variant(k, low) for k in known):
                continue
            known.append(low)
            found.append(_person(g, e, ln, text))
    for f in zone.fields:
        group = PEOPLE_GROUPS.get(f.key)
        if group is None or not f.value:
            continue
        for at, name in unseparated_names(f.value, f.value_start):
            if name.casefold() in known or any(name.casefold() in k or k in name.casefold() for k in known):
                continue
            known.append(name.casefold())
            ln = next((x for x in head if x.start <= at < x.end + 1), head[0])
            found.append(_person(group, Entry(name, None, None), ln, text))
    return found


def _ocr_variant(a: str, b: str) -> bool:
    """Two spellings of one name that OCR told apart ("Roger Almqvist", "Höger Almqvist")."""
    return a.split()[-1:] == b.split()[-1:] and SequenceMatcher(None, a, b).ratio() >= OCR_VARIANT


OCR_VARIANT = 0.85
GROUP_OF_LABEL: dict[str, str | None] = {"beslutande": "beslutande", "ovriga": "ovriga", "franvarande": "franvarande",
                  "sekreterare": "ovriga", "ordforande": "beslutande", "justerare": "beslutande",
                  "justera": "beslutande", "underskrifter": "beslutande"}


def _signatories(node: PartNode, people: list[Person], doc: str) -> Signatories:
    assert node.zone is not None
    zone = node.zone
    index = {ln.start: i for i, ln in enumerate(zone.lines)}
    fields = []
    for f in zone.fields:
        i = next((index[s] for s in sorted(index, reverse=True) if s <= f.start), 0)
        fields.append((f.key, i, f.value, f.start))
    justera = [f.value for f in zone.fields if f.key == "justera" and f.value]
    body = doc[node.part.start:node.part.end]
    if justera:
        body = "utses att justera " + justera[0] + "\n" + body
    # a signature block closing the minutes stands in the last lines of the part
    closing = [ln for ln in node.lines if ln.start >= zone.end][-CLOSING_LINES:]
    return zone_signatories(fields, list(zone.lines), people, body, closing)
