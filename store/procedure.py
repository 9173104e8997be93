"""How decisions were made, in the archive: a document's yrkanden, propositions, votes and
ballots, reservations and jäv, written with its other facts, and the person records that tie the
people of many documents to one person.

A person is a name within one förbund or kommun (the documents' `forbund`) with the party or
organisation printed beside it. Two parties or organisations under one name are two people; a
name printed alone joins the one person of that name when only one is known there. Person
records are recomputed, name by name, for the names of each document saved.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from samarkiv.extract import Record
from samarkiv.extract.procedure import Member

from .models import (
    BallotRow,
    BodyRow,
    Document,
    JavRow,
    MotionRow,
    PersonIdentity,
    PersonRole,
    PersonRow,
    PropositionRow,
    ReservationRow,
    VoteRow,
)

PROCEDURE_TABLES = (BallotRow, VoteRow, MotionRow, PropositionRow, ReservationRow, JavRow, BodyRow)
_IDENTITY_LOCK = 0x70657273  # any constant number, the same for every samarkiv process


def _span(fact: Any) -> dict[str, Any]:
    span = fact.span
    return {"page": fact.page, "char_start": span[0] if span else None, "char_end": span[1] if span else None}


def _member(m: Member) -> dict[str, str | None]:
    return {"name": m.name, "party": m.party, "role": m.role, "group": m.group}


def names_in(session: Session, *where: Any) -> set[str]:
    """The names of the people of the documents `where` selects (before they are replaced)."""
    return set(session.scalars(select(PersonRow.name).join(Document).where(*where)))


def write_procedure(session: Session, document_id: int, record: Record,
                    before: Collection[str] = ()) -> None:
    """Replaces a document's procedure rows with those of `record` and brings the person records
    of its people, and of the people it named `before`, up to date."""
    for model in PROCEDURE_TABLES:
        session.execute(delete(model).where(model.document_id == document_id))
    p = record.procedure
    if p.body:
        session.add(BodyRow(document_id=document_id, name=p.body))
    session.add_all(MotionRow(document_id=document_id, position=i, **_span(m), paragraph=m.paragraph,
                              movers=", ".join(x.label() for x in m.movers),
                              members=[_member(x) for x in m.movers], kind=m.kind, text=m.text)
                    for i, m in enumerate(p.motions))
    session.add_all(PropositionRow(document_id=document_id, position=i, **_span(q), paragraph=q.paragraph,
                                   text=q.text, result=q.result) for i, q in enumerate(p.propositions))
    for i, v in enumerate(p.votes):
        row = VoteRow(document_id=document_id, position=i, **_span(v), paragraph=v.paragraph, ja=v.ja, nej=v.nej,
                      avstar=v.avstar, present=v.present, ja_means=v.ja_means, nej_means=v.nej_means,
                      result=v.result, warnings=list(v.warnings))
        session.add(row)
        session.flush()
        session.add_all(BallotRow(document_id=document_id, vote_id=row.id, position=k,
                                  name=b.member.name or b.member.label(), party=b.member.party, vote=b.vote)
                        for k, b in enumerate(v.ballots))
    session.add_all(ReservationRow(document_id=document_id, position=i, **_span(r), paragraph=r.paragraph,
                                   kind=r.kind, who=", ".join(x.label() for x in r.members),
                                   members=[_member(x) for x in r.members], against=r.against, reason=r.reason,
                                   own_motion=r.own_motion, written=r.written, text=r.text)
                    for i, r in enumerate(p.reservations))
    session.add_all(JavRow(document_id=document_id, position=i, **_span(j), paragraph=j.paragraph,
                           name=j.member.name or j.member.label(), party=j.member.party,
                           replacement=j.replacement.name if j.replacement else None,
                           replacement_party=j.replacement.party if j.replacement else None, left=j.left, text=j.text)
                    for i, j in enumerate(p.javs))
    session.flush()
    link_people(session, set(before) | {person.name for person in record.people})


def name_key(name: str) -> str:
    """A name as compared across documents: casefolded, spaces collapsed."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def link_people(session: Session, names: set[str]) -> None:
    """Recomputes the person records of these names over the whole archive."""
    spellings: dict[str, set[str]] = {}
    for n in names:
        if n.strip():
            spellings.setdefault(name_key(n), set()).add(n)
    if not spellings:
        return
    if session.get_bind().dialect.name == "postgresql":
        # Two workers saving documents that name the same person must not both recompute it.
        session.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": _IDENTITY_LOCK})
    # A few queries for all the names at once, not a few per name: a document names dozens.
    identity_keys: dict[int, str] = {person_id: key for person_id, key in session.execute(
        select(PersonIdentity.id, PersonIdentity.name_key).where(PersonIdentity.name_key.in_(spellings)))}
    linked: dict[str, set[int]] = {}
    if identity_keys:
        for person_id, people_id in session.execute(select(PersonRole.person_id, PersonRole.people_id)
                                                    .where(PersonRole.person_id.in_(identity_keys))):
            linked.setdefault(identity_keys[person_id], set()).add(people_id)
        session.execute(delete(PersonRole).where(PersonRole.person_id.in_(identity_keys)))
        session.execute(delete(PersonIdentity).where(PersonIdentity.id.in_(identity_keys)))
    every_spelling = {n for names in spellings.values() for n in names}
    every_linked = {i for ids in linked.values() for i in ids}
    wanted: Any = PersonRow.name.in_(every_spelling)
    if every_linked:
        wanted = wanted | PersonRow.id.in_(every_linked)
    by_key: dict[str, list[Any]] = {}
    for r in session.execute(
            select(PersonRow.id, PersonRow.name, PersonRow.organisation, PersonRow.document_id, Document.forbund)
            .join(Document, Document.id == PersonRow.document_id).where(wanted).order_by(PersonRow.id)):
        key = name_key(r.name)
        # the rows of a name: spelt as now, or linked to it before (written otherwise earlier)
        if key in spellings and (r.name in spellings[key] or r.id in linked.get(key, ())):
            by_key.setdefault(key, []).append(r)
    made = [made for key in sorted(spellings) for made in _persons(key, by_key.get(key, []))]
    session.add_all(person for person, _ in made)
    session.flush()  # the persons' ids, for their roles
    session.add_all(PersonRole(person_id=person.id, people_id=row.id, document_id=row.document_id)
                    for person, rows in made for row in rows)


def _persons(key: str, rows: list[Any]) -> list[tuple[PersonIdentity, list[Any]]]:
    """The person records of one name, each with its rows (id, name, organisation, document, förbund)."""
    out = []
    for (scope, affiliation), members in identities([(r.id, r.forbund, r.organisation) for r in rows]).items():
        own = [r for r in rows if r.id in members]
        names = [r.name for r in own]
        out.append((PersonIdentity(name=max(set(names), key=names.count), name_key=key, scope=scope,
                                   affiliation=affiliation), own))
    return out


def identities(rows: list[tuple[int, str | None, str | None]]) -> dict[tuple[str | None, str | None], list[int]]:
    """The people one name stands for, from its rows (id, förbund, party or organisation): one per
    förbund and affiliation. A row without affiliation joins the only affiliation its förbund knows;
    a row without förbund joins the only förbund the name is known in. Where two are known, a row
    that does not say which stays a person of its own: names alike are never enough."""
    scopes = {f for _, f, _ in rows if f}
    out: dict[tuple[str | None, str | None], list[int]] = {}
    for row_id, forbund, affiliation in rows:
        scope = forbund or (next(iter(scopes)) if len(scopes) == 1 else None)
        aff = affiliation.strip() if affiliation and affiliation.strip() else None
        if aff is None:
            known = {a.strip().casefold(): a.strip() for _, f, a in rows
                     if a and a.strip() and (f or (next(iter(scopes)) if len(scopes) == 1 else None)) == scope}
            aff = next(iter(known.values())) if len(known) == 1 else None
        same = next((k for k in out if k[0] == scope and (k[1] or "").casefold() == (aff or "").casefold()), None)
        out.setdefault(same or (scope, aff), []).append(row_id)
    return out
