"""Browsing the archive over HTTP (`samarkiv serve`): read-only, described, and answering the
analyst's canned queries with the figures of the seed archive."""

from __future__ import annotations

import asyncio
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samarkiv.browse import datasette_for
from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.query import Filters, amount_totals, outcomes, outcomes_by_insats

from .serving import get, get_json

SODERASEN = "Söderåsens samordningsförbund"


def rows(url: str) -> list[dict[str, object]]:
    return get_json(url + ("&" if "?" in url else "?") + "_shape=array")


def test_serve_says_there_is_no_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.sqlite"), "--no-open"])
    assert result.exit_code == 2
    assert "no archive at" in result.output and "none.sqlite" in result.output


def test_serve_refuses_a_database_that_is_not_an_archive(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    result = CliRunner().invoke(app, ["serve", "--db", str(other), "--no-open"])
    assert result.exit_code == 2
    assert "not a samarkiv archive" in result.output


def test_sql_that_writes_is_refused_and_the_archive_is_unchanged(served_seeds: str, seed_archive: Path) -> None:
    before = sqlite3.connect(seed_archive).execute("SELECT count(*) FROM decisions").fetchone()[0]
    for sql in ("DELETE FROM decisions", "select 1; DELETE FROM decisions", "PRAGMA query_only = 0"):
        status, body = get(f"{served_seeds}/archive.json?" + urllib.parse.urlencode({"sql": sql}))
        assert status == 400, (sql, body[:300])
    status, _ = get(f"{served_seeds}/archive/decisions/-/insert")
    assert status == 404
    after = sqlite3.connect(seed_archive).execute("SELECT count(*) FROM decisions").fetchone()[0]
    assert after == before > 0


def test_even_datasette_own_write_connection_cannot_change_the_archive(seed_archive: Path) -> None:
    async def try_to_write() -> None:
        ds = datasette_for(seed_archive)
        await ds.invoke_startup()
        await ds.get_database("archive").execute_write("DELETE FROM decisions")

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(try_to_write())


def test_an_unknown_page_is_a_404_not_a_server_error(served_seeds: str) -> None:
    assert get(f"{served_seeds}/archive/no_such_table")[0] == 404


def test_metadata_describes_tables_columns_and_queries(served_seeds: str) -> None:
    meta = get_json(f"{served_seeds}/-/metadata.json")
    archive = meta["databases"]["archive"]
    assert meta["title"] == "samarkiv"
    assert "whole SEK" in archive["tables"]["amounts"]["columns"]["value"]
    assert "1-based" in archive["tables"]["pages"]["columns"]["number"]
    assert set(archive["queries"]) >= {"decisions_mentioning", "amount_lines", "outcomes_by_insats",
                                       "person_decided", "person_appears", "page"}


def test_tables_offer_facets_on_forbund_and_kind(served_seeds: str) -> None:
    documents = get_json(f"{served_seeds}/archive/documents.json")
    forbund = {f["value"]: f["count"] for f in documents["facet_results"]["forbund"]["results"]}
    assert forbund[SODERASEN] == 2 and forbund["Samordningsförbundet Umeåregionen"] == 1
    decisions = get_json(f"{served_seeds}/archive/decisions.json")
    assert "grant" in {f["value"] for f in decisions["facet_results"]["kind"]["results"]}


def test_the_search_box_searches_the_full_text_index(served_seeds: str) -> None:
    found = rows(f"{served_seeds}/archive/search_index.json?_search=Casemanagement&kind=decision")
    assert len(found) == 3
    assert all("Casemanagement" in str(r["text"]) for r in found)


def test_decisions_mentioning_a_term_name_forbund_date_paragraph_and_amounts(served_seeds: str) -> None:
    found = rows(f"{served_seeds}/archive/decisions_mentioning.json?term=Casemanagement")
    grant = [r for r in found if r["paragraph"] == "72" and r["kind"] == "grant"]
    assert len(grant) == 1
    assert grant[0]["forbund"] == SODERASEN and grant[0]["date"] == "2020-11-24"
    assert grant[0]["amounts"] == "[320000, 255996, 63999]"
    assert "[Casemanagement]" in str(grant[0]["excerpt"])


def test_decisions_mentioning_nothing_yet_is_an_empty_form(served_seeds: str) -> None:
    status, body = get(f"{served_seeds}/archive/decisions_mentioning")
    assert status == 200 and 'name="term"' in body


def test_amount_lines_are_what_the_sums_are_made_of(served_seeds: str, seed_archive: Path) -> None:
    lines = rows(f"{served_seeds}/archive/amount_lines.json?forbund=söderåsen&year=2021&measure=")
    granted = [r for r in lines if r["measure"] == "granted"]
    # § 72 of seed 000 grants 255 996 kr for 2021.
    assert [(r["value"], r["paragraph"], r["date"]) for r in granted] == [(255996, "72", "2020-11-24")]
    with Archive(seed_archive) as archive, archive.session() as session:
        totals = amount_totals(session, Filters(forbund="söderåsen", year=2021))
    budget_cost = [t for t in totals if t["measure"] == "budget" and t["flow"] == "cost"]
    assert budget_cost and budget_cost[0]["sek"] == 3785000  # the budget's own total of costs
    counted = {r["measure"] for r in lines}
    assert counted >= {t["measure"] for t in totals}
    only_budget = rows(f"{served_seeds}/archive/amount_lines.json?forbund=&year=2021&measure=budget")
    assert only_budget and {(r["year"], r["measure"]) for r in only_budget} == {(2021, "budget")}


def test_outcomes_by_insats_sum_counts_as_the_cli_does(served_seeds: str, seed_archive: Path) -> None:
    served = rows(f"{served_seeds}/archive/outcomes_by_insats.json?insats=&category=")
    with Archive(seed_archive) as archive, archive.session() as session:
        expected = outcomes_by_insats(outcomes(session, Filters()))
    assert {(r["forbund"], r["insats"], r["category"]): r["count"] for r in served} == {
        (r["forbund"], r["insats"], r["category"]): r["count"] for r in expected}
    etablering = rows(f"{served_seeds}/archive/outcomes_by_insats.json?insats=etablering&category=deltagare")
    assert [r["count"] for r in etablering] == [49]


def test_what_a_person_decided_and_where_they_appear(served_seeds: str) -> None:
    decided = rows(f"{served_seeds}/archive/person_decided.json?name=Reino+Persson")
    assert any(r["paragraph"] == "72" and r["kind"] == "grant" and r["date"] == "2020-11-24" for r in decided)
    appears = rows(f"{served_seeds}/archive/person_appears.json?name=Reino+Persson")
    listed = {(r["date"], r["as_what"]) for r in appears if r["how"] == "listed"}
    assert ("2020-11-24", "beslutande (ledamot)") in listed  # seed 000's minutes
    assert {r["forbund"] for r in appears} == {SODERASEN}
    assert {r["how"] for r in appears} == {"listed", "named in text"}


def test_facts_link_to_their_document_and_page_view(served_seeds: str) -> None:
    grant = [r for r in rows(f"{served_seeds}/archive/decisions_mentioning.json?term=Casemanagement")
             if r["paragraph"] == "72" and r["kind"] == "grant"][0]
    status, html = get(f"{served_seeds}/archive/decisions/{grant['decision_id']}")
    assert status == 200
    view = f"/-/page/{grant['document_id']}/{grant['page']}?start={grant['char_start']}&end={grant['char_end']}"
    assert f'href="{view.replace("&", "&amp;")}"' in html
    assert f'href="/archive/documents/{grant["document_id"]}"' in html
    status, page_view = get(f"{served_seeds}{view}")
    assert status == 200 and '<mark id="fact">Styrelsen beslutar att bevilja' in page_view
    page_href = f"/archive/page?document_id={grant['document_id']}&amp;number={grant['page']}"
    assert page_href in page_view
    page = rows(f"{served_seeds}/archive/page.json?document_id={grant['document_id']}&number={grant['page']}")
    assert len(page) == 1 and "Casemanagement 2.0" in str(page[0]["text"])


def test_the_chart_draws_the_stores_sums_per_forbund_and_year(served_seeds: str, seed_archive: Path) -> None:
    status, html = get(f"{served_seeds}/-/amounts-chart")
    assert status == 200
    svg = html[html.index("<svg xmlns"):html.index("</svg>", html.index("<svg xmlns"))]
    with Archive(seed_archive) as archive, archive.session() as session:
        totals = amount_totals(session, Filters())
    assert svg.count("<rect ") == len(totals) > 0
    assert SODERASEN in svg
    assert "2021 budget cost" in svg and "3 785 000 kr" in svg  # Söderåsen's budgeted costs for 2021
    status, only = get(f"{served_seeds}/-/amounts-chart?" + urllib.parse.urlencode({"forbund": "söderåsen"}))
    assert status == 200 and "Umeåregionen" not in only and "3 785 000 kr" in only
    status, unknown = get(f"{served_seeds}/-/amounts-chart?forbund=Atlantis")
    assert status == 200 and "no förbund matches" in unknown
