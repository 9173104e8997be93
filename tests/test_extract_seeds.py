"""Regression floors on the five seeds, scored with the project's own scorer against the gold.

Seeds are read and normalized as the pipeline does; seed 002 (OCR) is read from its corrected
reference so that the floor measures extraction, not OCR repair.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

from samarkiv.extract import contract_record, extract_record
from samarkiv.ingest import Method, Page, read_source
from samarkiv.normalize import normalize_pages

from .conftest import FIXTURES, GOLD, SEEDS, load_scorer

CORE_FLOOR = 0.95  # decisions, amounts, outcomes, people, items over all seeds (measured: 1.0)
EXACT = ("forbund", "parts", "meetings", "signatories")


def _predict(path: Path) -> dict:
    if path.name.startswith("002"):
        clean = (FIXTURES / "ocr" / "002_clean.txt").read_text(encoding="utf-8")
        text = normalize_pages([Page(1, clean, Method.PLAIN)])
    else:
        text = normalize_pages(read_source(path).pages)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return contract_record(extract_record(text), source=path.name, sha256=sha)


@pytest.fixture(scope="module")
def scored() -> tuple[dict, dict]:
    score = load_scorer()
    tallies: dict = defaultdict(score.Tally)
    per_doc: dict[str, dict] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        detail: dict = {}
        score.score_pair(gold, _predict(path), tallies, detail)
        per_doc[path.stem] = detail
    return {field: tallies[field].prf()[2] for field in score.FIELDS}, per_doc


@pytest.mark.parametrize("field", ["decisions", "decision_kind", "amounts", "outcomes", "people", "items"])
def test_core_fields_reach_their_floor(scored: tuple[dict, dict], field: str) -> None:
    f1, _ = scored
    assert f1[field] >= CORE_FLOOR, f"{field} F1 {f1[field]:.3f}"


@pytest.mark.parametrize("field", EXACT)
def test_every_seed_gets_parts_forbund_meetings_and_signatories_right(scored: tuple[dict, dict], field: str) -> None:
    _, per_doc = scored
    for stem, detail in per_doc.items():
        tp, fp, fn = detail[field]
        assert fp == 0 and fn == 0, f"{stem} {field} tp/fp/fn={detail[field]}"
