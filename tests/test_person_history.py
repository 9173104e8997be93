"""People across documents, and how decisions were made as the archive answers it: one person
per name, förbund and party; votes, reservations and yrkanden by förbund and year."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from samarkiv.cli import app
from samarkiv.extract.procedure import Ballot, Jav, Member, Motion, Procedure, Reservation, Vote
from samarkiv.extract.types import Meeting, Person, Record
from samarkiv.ingest import read_bytes
from samarkiv.normalize import normalize_pages
from samarkiv.store import Archive
from samarkiv.store.procedure import identities
from samarkiv.store.query import Filters, people_history, reservations, votes


def save(archive: Archive, name: str, record: Record) -> int:
    source = read_bytes(f"Protokoll {name}\n".encode())
    return archive.save(source, normalize_pages(source.pages), record, f"/in/{name}.txt")


def minutes(forbund: str, date: str, body: str, *people: Person, procedure: Procedure | None = None) -> Record:
    return Record(forbund=forbund, meetings=(Meeting(date),), people=people,
                  procedure=procedure or Procedure(body=body))


def test_one_name_in_two_kommuner_is_two_people_and_a_missing_party_joins_the_only_one() -> None:
    found = identities([(1, "Alingsås kommun", "S"), (2, "Alingsås kommun", None), (3, "Lerums kommun", "S")])
    assert found == {("Alingsås kommun", "S"): [1, 2], ("Lerums kommun", "S"): [3]}


def test_two_parties_under_one_name_stay_apart_and_a_name_alone_is_not_guessed() -> None:
    found = identities([(1, "Vara kommun", "M"), (2, "Vara kommun", "C"), (3, "Vara kommun", None)])
    assert found == {("Vara kommun", "M"): [1], ("Vara kommun", "C"): [2], ("Vara kommun", None): [3]}


def test_a_document_without_forbund_joins_the_only_kommun_the_name_is_known_in() -> None:
    assert identities([(1, "Vara kommun", "M"), (2, None, None)]) == {("Vara kommun", "M"): [1, 2]}


def test_the_history_of_a_person_across_bodies_and_years(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        save(archive, "teknik-2024", minutes("Ale kommun", "2024-03-20", "Nämnden för Teknik",
                                             Person("Eva Holm", "beslutande", "ordförande", "L")))
        save(archive, "kultur-2025", minutes("Ale kommun", "2025-02-11", "Nämnden för Kultur",
                                             Person("Eva Holm", "beslutande", "ledamot", None)))
        save(archive, "vara-2025", minutes("Vara kommun", "2025-05-06", "Kommunstyrelsen",
                                           Person("Eva Holm", "beslutande", "ledamot", "L")))
        with archive.session() as s:
            rows = people_history(s, Filters(), "eva holm")
    ale = [r for r in rows if r["forbund"] == "Ale kommun"]
    vara = [r for r in rows if r["forbund"] == "Vara kommun"]
    assert [(r["year"], r["body"], r["role"], r["source"]) for r in ale] == [
        (2024, "Nämnden för Teknik", "ordförande", "teknik-2024.txt"),
        (2025, "Nämnden för Kultur", "ledamot", "kultur-2025.txt")]
    assert {r["person"] for r in ale} != {r["person"] for r in vara}
    assert len({r["person"] for r in ale}) == 1 and ale[0]["affiliation"] == "L"


def test_reprocessing_a_document_keeps_one_person_and_a_removed_name_is_forgotten(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        first = save(archive, "a", minutes("Ale kommun", "2024-03-20", "Nämnden för Teknik",
                                           Person("Omar Ali", "beslutande", "ledamot", "V")))
        save(archive, "b", minutes("Ale kommun", "2024-04-20", "Nämnden för Teknik",
                                   Person("Omar Ali", "beslutande", "ledamot", "V")))
        archive.replace_facts(first, minutes("Ale kommun", "2024-03-20", "Nämnden för Teknik",
                                             Person("Sara Lind", "beslutande", "ledamot", "S")))
        with archive.session() as s:
            omar = people_history(s, Filters(), "omar")
            sara = people_history(s, Filters(), "sara lind")
            counts = archive.counts()
    assert [r["source"] for r in omar] == ["b.txt"]
    assert [r["source"] for r in sara] == ["a.txt"]
    with Archive(archive_db) as archive, archive.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("select count(*) from persons")).scalar() == 2
    assert counts["people"] == 2


PROCEDURE = Procedure(
    body="Nämnden för Teknik",
    motions=(Motion("88", (Member("Tove Ek", "SD"),), "bifall", "yrkar bifall till eget förslag"),),
    votes=(Vote("88", ja=4, nej=5, avstar=0, present=10, result="nämnden beslutar enligt nej-förslaget",
                ballots=(Ballot(Member("Tove Ek", "SD"), "nej"),),
                warnings=("ja 4 + nej 5 + avstår 0 = 9, but 10 members were present",)),),
    reservations=(Reservation("88", "reservation", (Member(party="M", group="Moderaterna"),),
                              "Moderaterna reserverar sig mot beslutet.", against="beslutet"),),
    javs=(Jav("87", Member("Lena Holm", "C"), "Lena Holm (C) anmäler jäv.", Member("Erik Sand", "C")),),
)


def test_votes_and_reservations_by_forbund_and_year_in_json(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        save(archive, "teknik", minutes("Ale kommun", "2025-09-24", "", procedure=PROCEDURE))
        with archive.session() as s:
            assert votes(s, Filters(forbund="ale", year=2024)) == []
            (r,) = reservations(s, Filters(kind="reservation"))
    assert (r["who"], r["against"], r["body"], r["date"]) == ("Moderaterna (M)", "beslutet", "Nämnden för Teknik",
                                                              "2025-09-24")
    result = CliRunner().invoke(app, ["votes", "--db", archive_db, "--forbund", "ale", "--year", "2025",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    (vote,) = json.loads(result.output)
    assert (vote["ja"], vote["nej"], vote["present"], vote["ballots"]) == (4, 5, 10, "Tove Ek (SD): nej")
    assert vote["warnings"] == ["ja 4 + nej 5 + avstår 0 = 9, but 10 members were present"]
    csv = CliRunner().invoke(app, ["motions", "--db", archive_db, "--format", "csv"])
    assert csv.output.splitlines()[1].endswith("88,Tove Ek (SD),bifall,yrkar bifall till eget förslag,teknik.txt,")


def test_serves_canned_queries_answer_the_same(tmp_path: Path) -> None:
    import sqlite3

    from samarkiv.browse import QUERIES

    db = str(tmp_path / "archive.sqlite")
    with Archive(db) as archive:
        tove = Person("Tove Ek", "beslutande", "ledamot", "SD")
        save(archive, "teknik", minutes("Ale kommun", "2025-09-24", "", tove, procedure=PROCEDURE))
        save(archive, "kultur", minutes("Ale kommun", "2026-01-20", "Nämnden för Kultur",
                                        Person("Tove Ek", "beslutande", "ersättare", None)))
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    (vote,) = conn.execute(QUERIES["votes_held"]["sql"], {"forbund": "ale", "year": "2025"}).fetchall()
    assert (vote["body"], vote["ja"], vote["nej"], vote["ballots"]) == ("Nämnden för Teknik", 4, 5, "Tove Ek (SD): nej")
    (res,) = conn.execute(QUERIES["reservations_made"]["sql"], {"who": "moderat", "kind": ""}).fetchall()
    assert (res["who"], res["against"]) == ("Moderaterna (M)", "beslutet")
    history = conn.execute(QUERIES["person_history"]["sql"], {"name": "tove"}).fetchall()
    assert [(r["year"], r["body"], r["role"], r["affiliation"]) for r in history] == [
        ("2025", "Nämnden för Teknik", "ledamot", "SD"), ("2026", "Nämnden för Kultur", "ersättare", "SD")]
    assert len({r["person"] for r in history}) == 1
    conn.close()
    cli = CliRunner().invoke(app, ["people", "--db", db, "--history", "Tove Ek", "--format", "csv"])
    assert cli.exit_code == 0, cli.output
    assert [line.split(",")[3] for line in cli.output.splitlines()[1:]] == ["2025", "2026"]
