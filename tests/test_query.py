"""Questions across förbund: full-text search, decisions, amounts, outcomes, people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.query import Filters, UnknownValue, amount_totals, resolve_forbund
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


def test_amounts_summed_by_forbund_and_year_count_each_figure_once(seeded: str) -> None:
    with Archive(seeded) as archive, archive.session() as s:
        rows = amount_totals(s, Filters())
    sums = {(r["forbund"].split()[0], r["year"], r["measure"], r["flow"]): r["sek"] for r in rows}
    # Seed 000: the grant of § 72 counts its yearly parts, not the 320 000 kr they add up to; the budget
    # of 2021 comes from its own table (§ 73), not also from the 2021 column of the multi-year plan.
    assert sums[("Söderåsens", 2021, "granted", None)] == 255_996
    assert sums[("Söderåsens", 2022, "granted", None)] == 63_999
    assert sums[("Söderåsens", 2021, "budget", "cost")] == 3_785_000
    assert sums[("Söderåsens", 2021, "budget", "income")] == 3_084_000
    assert sums[("Söderåsens", 2022, "plan", "cost")] == 3_420_000
    # Seed 001 prints costs as positive tkr in three tables: lines only, never the Summa rows.
    assert sums[("Sydöstra", 2021, "budget", "cost")] == 8_464_000
    assert sums[("Sydöstra", 2021, "budget", "income")] == 7_082_000


def test_amounts_summed_by_forbund_alone_add_up_the_years(runner, seeded: str) -> None:
    result = runner.invoke(app, ["amounts", "--db", str(seeded), "--by", "forbund", "--forbund", "söderåsen",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    granted = [r for r in rows if r["measure"] == "granted"]
    assert granted == [{"forbund": "Söderåsens samordningsförbund", "measure": "granted", "flow": None,
                        "sek": 319_995, "amounts": 2, "sources": "000_5be25ce82476d800.txt"}]
    assert "year" not in rows[0]


def test_an_archive_migrated_from_before_the_amount_sets_sums_as_before(seeded: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from samarkiv.store.archive import _alembic_config

    with Archive(seeded) as archive:
        with archive.session() as s:
            before = amount_totals(s, Filters())
        with archive.engine.begin() as conn:
            cfg = _alembic_config(archive.engine)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
            assert "amount_sets" not in inspect(conn).get_table_names()
    # Opening the archive migrates it, and migration 0008 writes the sets from the stored amounts.
    with Archive(seeded) as archive, archive.session() as s:
        assert amount_totals(s, Filters()) == before
    assert {"measure": "budget", "flow": "cost", "sek": 3_785_000} in [
        {k: r[k] for k in ("measure", "flow", "sek")} for r in before if r["forbund"].startswith("Söderåsens")
        and r["year"] == 2021]


def test_summing_by_an_unknown_key_exits_2(runner, seeded: str) -> None:
    result = runner.invoke(app, ["amounts", "--db", str(seeded), "--by", "kommun"])
    assert result.exit_code == 2
    assert "choose from forbund, year" in result.output


def test_a_text_layer_speaks_before_a_scan_of_the_same_report(tmp_path: Path) -> None:
    from dataclasses import replace

    from samarkiv.ingest import Method, read_source
    from samarkiv.pipeline import process_source

    from .conftest import FIXTURES

    born = process_source(read_source(SEEDS / "003_a4db34470421a47c.txt"))
    # Tesseract's reading of the same report, stored as the scan it came from.
    read = read_source(FIXTURES / "ocr" / "swe" / "003.txt")
    scan = process_source(replace(read, pages=tuple(replace(p, method=Method.OCR, confidence=90.0)
                                                    for p in read.pages)))
    with Archive(tmp_path / "archive.sqlite") as archive:
        archive.save(scan.source, scan.text, scan.record, "003.scan.pdf")
        archive.save(born.source, born.text, born.record, "003.txt")
        with archive.session() as s:
            rows = amount_totals(s, Filters(), ("forbund", "year"))
    budget = {r["flow"]: (r["sek"], r["sources"]) for r in rows if r["measure"] == "budget"}
    # The report's own totals: "Summa intäkter 11 540" and "Kostnader totalt 13 890" (tkr).
    assert budget == {"income": (11_540_000, "003.txt"), "cost": (13_890_000, "003.txt")}
