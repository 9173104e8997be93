"""Extraction on the seeds as image-only scans: the stored tesseract (swe) output of each seed,
typeset and scanned at 300 dpi with skew, speckle and blur, run through normalize and extract and
scored with the project's scorer against the gold. Floors are what the rules reach overall.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from samarkiv.extract import contract_record, extract_record
from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages

from .conftest import FIXTURES, GOLD, load_scorer

SCANS = FIXTURES / "ocr" / "swe"
FLOORS = {"decisions": 0.95, "amounts": 0.97, "outcomes": 0.95, "people": 0.99, "items": 0.98,
          "forbund": 1.0, "parts": 1.0, "meetings": 1.0, "signatories": 1.0}


def _predict(stem: str) -> dict:
    raw = (SCANS / f"{stem}.txt").read_text(encoding="utf-8")
    pages = [Page(n, t, Method.OCR, None) for n, t in enumerate(raw.split("\f"), start=1)]
    return contract_record(extract_record(normalize_pages(pages)), source=f"{stem}.pdf", sha256="")


@pytest.fixture(scope="module")
def f1() -> dict[str, float]:
    score = load_scorer()
    tallies: dict = defaultdict(score.Tally)
    for gold_path in sorted(GOLD.glob("*.json")):
        stem = gold_path.stem.split("_")[0]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score.score_pair(gold, _predict(stem), tallies, {})
    return {field: tallies[field].prf()[2] for field in score.FIELDS}


def test_every_seed_has_its_scan() -> None:
    assert sorted(p.stem for p in SCANS.glob("*.txt")) == sorted(p.stem.split("_")[0] for p in GOLD.glob("*.json"))


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_scanned_seeds_reach_their_floor(f1: dict[str, float], field: str) -> None:
    assert f1[field] >= FLOORS[field], f"{field} F1 {f1[field]:.3f}"
