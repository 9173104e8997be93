"""An analyst's path through `samarkiv serve` in a real browser (Debian's headless chromium):
search a term, open a decision, read its amount where Datasette shows it; and an archivist's,
from a decision of a scanned seed to its page, where the outlines drawn must stand on the OCR
boxes of the decision's words."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages
from samarkiv.store.boxes import unpack

from .serving import running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium and chromium-driver are not installed (make test installs them)")
    profile = tempfile.mkdtemp(prefix="samarkiv-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                f"--user-data-dir={profile}"):
        options.add_argument(arg)
    try:
        # The driver path is given so that selenium never looks for (or downloads) one of its own.
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium could not start: {exc.msg}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _searched(browser: Any, base: str, word: str) -> list[Any]:
    """The result rows of the decisions_mentioning query for `word`, once the results page has loaded
    (a submitted form may return before the browser has left the form's page)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{base}/archive/decisions_mentioning")
    term = browser.find_element(By.CSS_SELECTOR, 'input[name="term"]')
    term.send_keys(word)
    term.submit()
    WebDriverWait(browser, 60).until(lambda b: "term=" in b.current_url and b.find_elements(
        By.CSS_SELECTOR, "table.rows-and-columns tbody tr td.col-paragraph"))
    return browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")


def test_search_a_term_open_the_decision_and_read_its_amount(browser: Any, served_seeds: str) -> None:
    from selenium.webdriver.common.by import By

    rows = _searched(browser, served_seeds, "Casemanagement")
    grant = [r for r in rows if r.find_element(By.CSS_SELECTOR, "td.col-paragraph").text == "72"
             and r.find_element(By.CSS_SELECTOR, "td.col-kind").text == "grant"]
    assert len(grant) == 1
    assert grant[0].find_element(By.CSS_SELECTOR, "td.col-forbund").text == "Söderåsens samordningsförbund"
    grant[0].find_element(By.CSS_SELECTOR, "td.col-decision_id a").click()

    assert "/archive/decisions/" in browser.current_url
    # fixtures/gold: § 72 of seed 000 grants 320 000 kr, split 255 996 kr (2021) and 63 999 kr (2022).
    amounts = browser.find_element(By.CSS_SELECTOR, "td.col-amounts").text
    assert amounts == "320 000 kr, 255 996 kr, 63 999 kr"
    assert browser.find_element(By.CSS_SELECTOR, "td.col-paragraph").text == "72"
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "serve-decision-72.png"))

    browser.find_element(By.CSS_SELECTOR, "td.col-page a").click()
    assert "/-/page/" in browser.current_url
    assert "320 000 kr" in browser.find_element(By.CSS_SELECTOR, "mark#fact").text
    browser.find_element(By.LINK_TEXT, "The page's text as read").click()
    assert "Casemanagement 2.0" in browser.find_element(By.CSS_SELECTOR, "td.col-text").text


@pytest.fixture(scope="module")
def served_scan(scan_archive: Path) -> Iterator[str]:
    with running_server(scan_archive) as url:
        yield url


def ocr_boxes_of(db: Path, decision_id: int) -> tuple[int, tuple[float, float], list[tuple[float, float, float, float]],
                                                      str, str]:
    """The page of a decision, the page's size in points, the OCR boxes (points) of the words
    the decision was read from, the raw text under them and the decision's text. The words are
    found through normalize's own offset map of the archived raw pages."""
    with sqlite3.connect(db) as conn:
        document, page, start, end, text = conn.execute(
            "SELECT document_id, page, char_start, char_end, text FROM decisions WHERE id = ?",
            (decision_id,)).fetchone()
        rows = conn.execute("SELECT number, raw_text, method, confidence, boxes FROM pages WHERE document_id = ? "
                            "ORDER BY number", (document,)).fetchall()
    normalized = normalize_pages([Page(n, raw, Method(m), c) for n, raw, m, c, _ in rows])
    first, last = normalized.raw_offset(start), normalized.raw_offset(end - 1)
    assert first is not None and last is not None and first[0] == last[0] == page
    raw, packed = next((raw, b) for n, raw, _, _, b in rows if n == page)
    size, boxes = unpack(packed)
    words = [b for b in boxes if b.end > first[1] and b.start <= last[1]]
    return page, size, [(b.x0, b.top, b.x1, b.bottom) for b in words], " ".join(raw[b.start:b.end] for b in words), text


def test_a_decision_of_a_scan_is_outlined_on_its_ocr_boxes(browser: Any, served_scan: str,
                                                           scan_archive: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    rows = _searched(browser, served_scan, "Casemanagement")
    grant = next(r for r in rows if r.find_element(By.CSS_SELECTOR, "td.col-paragraph").text == "72"
                 and r.find_element(By.CSS_SELECTOR, "td.col-kind").text == "grant")
    decision_id = int(grant.find_element(By.CSS_SELECTOR, "td.col-decision_id").text)
    grant.find_element(By.CSS_SELECTOR, "td.col-page a").click()

    assert "/-/page/" in browser.current_url and "start=" in browser.current_url
    WebDriverWait(browser, 60).until(lambda b: b.execute_script(
        "const i = document.querySelector('.samarkiv-page-image img'); return i && i.complete && i.naturalWidth > 0"))
    image = browser.execute_script(
        "const r = document.querySelector('.samarkiv-page-image img').getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height];")
    drawn = browser.execute_script(
        "return [...document.querySelectorAll('rect.samarkiv-fact')].map(e => {"
        "const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });")

    page, size, words, raw, text = ocr_boxes_of(scan_archive, decision_id)
    assert "Casemanagement" in raw and "320" in raw and "63" in raw  # the decision's own words, as OCR read them
    assert f", page {page} of " in browser.find_element(By.CSS_SELECTOR, "h1").text
    scale = image[2] / size[0]
    assert image[3] / size[1] == pytest.approx(scale, rel=0.01)
    expected = sorted((image[0] + x0 * scale, image[1] + top * scale, image[0] + x1 * scale, image[1] + bottom * scale)
                      for x0, top, x1, bottom in words)
    assert len(drawn) == len(expected) > 10
    margin = 1.0 * scale + 1.0  # the outline stands a point outside the word, and a pixel of rounding
    for ours, theirs in zip(sorted(drawn), expected, strict=True):
        # Each outline covers its OCR box, and by no more than the margin on any side.
        assert ours[0] <= theirs[0] + 0.5 and ours[1] <= theirs[1] + 0.5
        assert ours[2] >= theirs[2] - 0.5 and ours[3] >= theirs[3] - 0.5
        assert ours[0] >= theirs[0] - margin and ours[1] >= theirs[1] - margin
        assert ours[2] <= theirs[2] + margin and ours[3] <= theirs[3] + margin
    marked = " ".join(browser.find_element(By.CSS_SELECTOR, "mark#fact").text.split())
    assert marked == " ".join(text.split())
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "page-view-decision-72-scan.png"))
