"""Questions across förbund: full-text search, decisions, amounts, outcomes, people."""

from __future__ import annotations

import json

import pytest

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.query import Filters, UnknownValue, resolve_forbund
from samarkiv.store.search import BadQuery, rebuild, search

from .conftest import SEEDS, new_archive_db


@pytest.fixture(scope="module")
def seeded(request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    from typer.testing import CliRunner

    db = new_archive_db(request, backend, tmp_path_factory.mktemp("q"))
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", db, "-j", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_search_finds_the_casemanagement_grant_with_its_paragraph(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s:
        hits = search(s, "Casemanagement", kind="decision")
    grant = [h for h in hits if h.paragraph == "72" and "bevilja" in h.snippet]
    assert grant and grant[0].forbund == "Söderåsens samordningsförbund"
    assert "[Casemanagement]" in grant[0].snippet
    assert grant[0].date == "2020-11-24"


def test_swedish_letters_stay_distinct_and_prefixes_work(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s:
        assert search(s, "år")
        assert not search(s, "ar")
        assert any("förlängningsansökan" in h.snippet for h in search(s, "förläng*"))


def test_a_broken_query_is_a_clear_error(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s, pytest.raises(BadQuery, match="not a valid search"):
        search(s, '"unclosed')


def test_rebuilding_the_index_gives_the_same_hits(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s:
        before = [(h.source, h.snippet) for h in search(s, "budget*")]
        assert rebuild(s) == 5
        s.commit()
        assert [(h.source, h.snippet) for h in search(s, "budget*")] == before


def test_forbund_names_match_loosely(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s:
        assert resolve_forbund(s, "söderåsen") == "Söderåsens samordningsförbund"
        assert resolve_forbund(s, "SÖDRA DALARNAS SAMORDNINGSFÖRBUND") == "Södra Dalarnas samordningsförbund"
        with pytest.raises(UnknownValue, match="close matches: .*samordningsförbund"):
            resolve_forbund(s, "Norrbotten")


def test_decisions_filtered_by_kind_and_forbund(runner, seeded: str) -> None:
    result = runner.invoke(app, ["decisions", "--db", str(seeded), "--forbund", "söderåsen", "--kind", "grant",
                                 "--format", "json"])
    rows = json.loads(result.output)
    assert [(r["paragraph"], r["amounts"][0]) for r in rows] == [("72", 320000)]


def test_amounts_by_year_and_label(seeded: str) -> None:
    from samarkiv.store.query import amounts

    with Archive(seeded) as archive, archive.session() as s:
        rows = amounts(s, Filters(forbund="söderåsen", year=2021), label="medlemsavgifter")
    assert rows and all(r["year"] == 2021 for r in rows)
    assert 3084000 in {r["value"] for r in rows}


def test_outcomes_summed_by_insats_and_category(runner, seeded: str) -> None:
    result = runner.invoke(app, ["outcomes", "--db", str(seeded), "--by-insats", "--category", "deltagare",
                                 "--format", "json"])
    rows = json.loads(result.output)
    assert {"forbund": "Södra Dalarnas samordningsförbund", "insats": "personalinriktade insatser",
            "category": "deltagare", "count": 128} in rows


def test_unknown_forbund_exits_2_with_close_matches(runner, seeded: str) -> None:
    result = runner.invoke(app, ["people", "--db", str(seeded), "--forbund", "Gotland"])
    assert result.exit_code == 2
    assert "close matches" in result.output


def test_mentions_find_a_person_named_in_running_text(runner, seeded: str) -> None:
    result = runner.invoke(app, ["mentions", "Reino Persson", "--db", str(seeded), "--label", "PER",
                                 "--format", "json"])
    rows = json.loads(result.output)
    assert {r["source"][:3] for r in rows} == {"000", "002"}
    assert all(r["name"] == "Reino Persson" and r["page"] == 1 for r in rows)
