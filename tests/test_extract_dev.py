"""Per-field floors on the dev corpus: real minutes, agendas, reports and news of other
organisations than the seeds (`fixtures/dev`, hand-made gold, judgement calls in its NOTES),
read as text the way `samarkiv ingest` reads them. The floors are what extraction reaches, so a
change that loses ground on documents it was not written for fails here.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

import pytest

from samarkiv.extract import contract_record, extract_record
from samarkiv.ingest import read_source
from samarkiv.normalize import normalize_pages

from .conftest import FIXTURES, load_scorer

DEV = FIXTURES / "dev"
# Measured F1 on the whole dev corpus, rounded down to the next 0.01.
FLOORS = {"forbund": 0.95, "parts": 0.98, "meetings": 0.94, "signatories": 0.99, "people": 0.99, "items": 0.99,
          "decisions": 0.93, "decision_kind": 0.99, "amounts": 0.88, "outcomes": 0.99}
CORE_FLOOR = 0.96  # the mean of decisions, amounts, outcomes, people and items


@pytest.fixture(scope="module")
def scored() -> dict[str, float]:
    score = load_scorer()
    tallies: dict = defaultdict(score.Tally)
    for path in sorted((DEV / "text").glob("*.txt")):
        gold = json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        record = extract_record(normalize_pages(read_source(path).pages))
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        score.score_pair(gold, contract_record(record, source=path.name, sha256=sha), tallies, {})
    return {field: tallies[field].prf()[2] for field in score.FIELDS}


def test_every_dev_text_has_its_gold() -> None:
    texts = sorted(p.stem for p in (DEV / "text").glob("*.txt"))
    assert texts == sorted(p.stem for p in (DEV / "gold").glob("*.json"))
    assert len(texts) == 36


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_fields_reach_their_floor(scored: dict[str, float], field: str) -> None:
    assert scored[field] >= FLOORS[field], f"{field} F1 {scored[field]:.3f}"


def test_dev_core_f1_reaches_its_floor(scored: dict[str, float]) -> None:
    core = sum(scored[f] for f in ("decisions", "amounts", "outcomes", "people", "items")) / 5
    assert core >= CORE_FLOOR, f"core F1 {core:.3f}"
