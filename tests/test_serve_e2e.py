"""An analyst's path through `samarkiv serve` in a real browser (Debian's headless chromium):
search a term, open a decision, read its amount where Datasette shows it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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


def test_search_a_term_open_the_decision_and_read_its_amount(browser: Any, served_seeds: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{served_seeds}/archive/decisions_mentioning")
    term = browser.find_element(By.CSS_SELECTOR, 'input[name="term"]')
    term.send_keys("Casemanagement")
    term.submit()

    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
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
    assert "Casemanagement 2.0" in browser.find_element(By.CSS_SELECTOR, "td.col-text").text
