"""The page view of `samarkiv serve`: a fact's page image with its words outlined beside the
page's text; what it says when there is no image, and 400s and 404s (never a 500) for what
does not exist or is not a span."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from samarkiv.browse import datasette_for
from samarkiv.cli import app
from samarkiv.page_cache import PAGE_WIDTH, render_jpeg
from samarkiv.store.originals import Originals

from .conftest import seed_path
from .pdf_boxes import pdf_word_boxes, union

_RECT = re.compile(r'<rect class="samarkiv-fact" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)"\s+height="([\d.]+)">')


@pytest.fixture(scope="module")
def archive(seed_000_pdfs, tmp_path_factory) -> Path:
    """Seed 000 as a born-digital PDF and seed 004 as text, originals kept."""
    db = tmp_path_factory.mktemp("page-view") / "archive.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(seed_000_pdfs[0]), str(seed_path("004")), "--db", str(db),
                                      "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    return db


def fetch(db: Path, *paths: str) -> list[tuple[int, bytes, str]]:
    """Status, body and content type of GETs, in order, from one Datasette over `db`."""
    async def run() -> list[tuple[int, bytes, str]]:
        ds = datasette_for(db)
        await ds.invoke_startup()
        out = []
        for path in paths:
            response = await ds.client.get(path)
            out.append((response.status_code, response.content, response.headers.get("content-type", "")))
        return out

    return asyncio.run(run())


def one(db: Path, path: str) -> tuple[int, str]:
    status, body, _ = fetch(db, path)[0]
    return status, body.decode("utf-8")


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def an_amount(db: Path) -> tuple[int, int, int, int, str]:
    """document_id, page, char_start, char_end and text of the first amount written with a space."""
    return next(r for r in query(db, "SELECT document_id, page, char_start, char_end, text FROM amounts "
                                     "WHERE char_start IS NOT NULL ORDER BY id") if " " in r[4])


def test_an_amount_is_outlined_on_the_pdfs_own_character_boxes(archive: Path, seed_000_pdfs) -> None:
    document, page, start, end, text = an_amount(archive)
    status, html = one(archive, f"/-/page/{document}/{page}?start={start}&end={end}")
    assert status == 200, html[:500]
    rects = [tuple(float(v) for v in m.groups()) for m in _RECT.finditer(html)]
    assert len(rects) == len(text.split())
    # Drawn a point outside the words' boxes, so that the outline leaves the letters clear.
    drawn = (min(x for x, _, _, _ in rects) + 1, min(y for _, y, _, _ in rects) + 1,
             max(x + w for x, _, w, _ in rects) - 1, max(y + h for _, y, _, h in rects) - 1)
    assert drawn == pytest.approx(union(pdf_word_boxes(seed_000_pdfs[0], page, text)), abs=1.5)
    assert f'src="/-/page-image/{document}/{page}.jpg"' in html
    assert 'viewBox="0 0 595.3 841.9"' in html
    assert f'<mark id="fact">{text}</mark>' in html


def test_the_page_image_is_a_jpeg_at_screen_width_and_is_cached_beside_the_archive(archive: Path) -> None:
    document, page, *_ = an_amount(archive)
    cache = Path(f"{archive}.pages-cache")
    shutil.rmtree(cache, ignore_errors=True)
    (first, rendered, kind), (second, cached, _) = fetch(archive, *[f"/-/page-image/{document}/{page}.jpg"] * 2)
    assert (first, second, kind) == (200, 200, "image/jpeg")
    assert cached == rendered
    with Image.open(io.BytesIO(rendered)) as image:
        assert image.format == "JPEG" and image.width == PAGE_WIDTH
        assert abs(image.height - PAGE_WIDTH * 841.89 / 595.28) <= 1  # A4
    assert [p.read_bytes() for p in cache.iterdir()] == [rendered]


def test_a_document_replaced_under_the_same_id_shows_its_new_page(archive: Path, tmp_path: Path,
                                                                  seed_000_pdfs) -> None:
    # Its image is cached under the bytes' SHA-256, which the page view and the image read anew each time.
    copy = tmp_path / "archive.sqlite"
    shutil.copy(archive, copy)
    shutil.copytree(f"{archive}.originals", f"{copy}.originals")
    document, page, *_ = an_amount(copy)
    other = seed_000_pdfs[1].read_bytes()  # the scan of the same minutes, another original
    sha = hashlib.sha256(other).hexdigest()
    replacement = Originals(Path(f"{copy}.originals")).path_for(sha)
    replacement.parent.mkdir(parents=True, exist_ok=True)
    replacement.write_bytes(other)

    async def run() -> tuple[bytes, bytes]:
        ds = datasette_for(copy)
        await ds.invoke_startup()
        before = await ds.client.get(f"/-/page/{document}/{page}")
        first = await ds.client.get(f"/-/page-image/{document}/{page}.jpg")
        with sqlite3.connect(copy) as conn:
            conn.execute("UPDATE documents SET sha256 = ? WHERE id = ?", (sha, document))
        after = await ds.client.get(f"/-/page/{document}/{page}")
        second = await ds.client.get(f"/-/page-image/{document}/{page}.jpg")
        assert (before.status_code, first.status_code, after.status_code, second.status_code) == (200,) * 4
        return first.content, second.content

    first, second = asyncio.run(run())
    assert first != second
    assert second == render_jpeg("pdf", replacement, page)


def test_a_text_document_shows_its_text_alone(archive: Path) -> None:
    document, page, start, end, text = next(
        r for r in query(archive, "SELECT a.document_id, a.page, a.char_start, a.char_end, a.text FROM amounts a "
                                  "JOIN documents d ON d.id = a.document_id WHERE d.kind = 'text' "
                                  "AND a.char_start IS NOT NULL ORDER BY a.id"))
    status, html = one(archive, f"/-/page/{document}/{page}?start={start}&end={end}")
    assert status == 200
    assert "is a text document: its text is all there is" in html
    assert "<img" not in html and "<svg viewBox" not in html
    assert f'<mark id="fact">{text}</mark>' in html
    assert fetch(archive, f"/-/page-image/{document}/{page}.jpg")[0][0] == 404


def test_a_removed_original_says_so_on_the_page(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archive.sqlite"
    shutil.copy(archive, copy)  # and not its originals
    document, page, start, end, text = an_amount(copy)
    status, html = one(copy, f"/-/page/{document}/{page}?start={start}&end={end}")
    assert status == 200
    assert "The original of 000.pdf" in html and "is not kept beside the archive" in html
    assert "<img" not in html
    assert f'<mark id="fact">{text}</mark>' in html
    status, body = one(copy, f"/-/page-image/{document}/{page}.jpg")
    assert status == 404 and "is not kept beside the archive" in body


def test_pages_and_documents_that_do_not_exist_are_404s(archive: Path) -> None:
    document, page, *_ = an_amount(archive)
    pages = query(archive, "SELECT page_count FROM documents WHERE id = ?", document)[0][0]
    for path, says in ((f"/-/page/{document}/{pages + 1}", f"has no page {pages + 1}"),
                       (f"/-/page/{document}/0", "no page 0"),
                       ("/-/page/999999/1", "no document with id 999999"),
                       (f"/-/page/{document}/{'9' * 40}", f"no page {'9' * 40} of document {document}"),
                       (f"/-/page/{document}/{'9' * 50}", "no page or document numbered"),
                       (f"/-/page-image/{'9' * 30}/1.jpg", f"no page 1 of document {'9' * 30}"),
                       (f"/-/page-image/{document}/{pages + 1}.jpg", f"has no page {pages + 1}"),
                       ("/-/page-image/999999/1.jpg", "no document with id 999999"),
                       (f"/-/page/{document}/x", "")):
        status, body = one(archive, path)
        assert status == 404, (path, body[:300])
        assert says in body, (path, body[:300])


def test_hostile_spans_are_refused_with_a_reason(archive: Path) -> None:
    document, page, start, end, _ = an_amount(archive)
    base = f"/-/page/{document}/{page}"
    refused = {
        "?start=abc&end=10": (400, "start must be a whole number of characters, not 'abc'"),
        "?start=-5&end=10": (400, "start must be a whole number"),
        "?start=1.5&end=10": (400, "start must be a whole number"),
        f"?start={end}&end={start}": (400, f"the span ends ({start}) before it starts ({end})"),
        f"?start={start}": (400, "a span needs both start and end"),
        "?start=" + "9" * 30 + "&end=" + "9" * 31: (404, f"characters {'9' * 30}–{'9' * 31} are not on page"),
        "?start=" + "9" * 41 + "&end=" + "9" * 42: (400, "start must be a whole number"),
        "?start=%3Cscript%3Ealert(1)%3C/script%3E&end=1": (400, "start must be a whole number"),
        "?start=99999999&end=100000000": (404, f"characters 99999999–100000000 are not on page {page}"),
    }
    for args, (expected, says) in refused.items():
        status, body = one(archive, base + args)
        assert status == expected, (args, body[:300])
        assert says in body.replace("&#39;", "'"), (args, body[:400])
        assert "<script>alert" not in body
    other = page + 1 if page == 1 else page - 1
    status, body = one(archive, f"/-/page/{document}/{other}?start={start}&end={end}")
    assert status == 404 and f"are not on page {other}" in body


def test_every_fact_row_links_to_its_page_view_with_its_span(archive: Path) -> None:
    for table in ("decisions", "amounts", "people", "items", "outcomes", "meetings"):
        rows = query(archive, f"SELECT id, document_id, page, char_start, char_end FROM {table} "
                              "WHERE char_start IS NOT NULL AND page IS NOT NULL ORDER BY id LIMIT 1")
        if not rows:
            continue
        fact, document, page, start, end = rows[0]
        status, html = one(archive, f"/archive/{table}/{fact}")
        assert status == 200, table
        assert f'href="/-/page/{document}/{page}?start={start}&amp;end={end}"' in html, table
    status, html = one(archive, "/archive/decisions_mentioning?term=bevilja*")
    assert status == 200 and 'href="/-/page/' in html and "start=" in html


def test_facts_can_be_browsed_by_forbund_and_year(archive: Path) -> None:
    status, body, _ = fetch(archive, "/archive/decisions_by_forbund.json?_facet=forbund&_facet=year")[0]
    assert status == 200
    import json

    facets = json.loads(body)["facet_results"]
    forbund = {f["value"]: f["count"] for f in facets["forbund"]["results"]}
    years = {f["value"]: f["count"] for f in facets["year"]["results"]}
    decisions = query(archive, "SELECT count(*) FROM decisions")[0][0]
    # fixtures/gold: seed 000 is Söderåsen's minutes of 2020-11-24.
    soderasen = query(archive, "SELECT count(*) FROM decisions x JOIN documents d ON d.id = x.document_id "
                               "WHERE d.forbund = 'Söderåsens samordningsförbund'")[0][0]
    assert forbund["Söderåsens samordningsförbund"] == soderasen > 0
    assert years[2020] >= soderasen and sum(years.values()) <= decisions
    status, body, _ = fetch(archive, "/archive/amounts_by_forbund.json?document_year=2020&_shape=array")[0]
    assert status == 200
    rows = json.loads(body)
    assert rows and {r["document_year"] for r in rows} == {2020} and all("year" in r for r in rows)
