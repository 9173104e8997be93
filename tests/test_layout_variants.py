"""Every gold document (the seeds and the dev corpus) rendered in the layouts of `tests/layouts.py`
must score per field within 0.05 F1 of the document as written. Where a layout still loses more,
the gap is recorded in KNOWN_GAPS with what it is; the test fails if a gap grows, and also if one
closes without its entry being tightened.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from samarkiv.extract import contract_record, extract_record
from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages

from .conftest import FIXTURES, GOLD, SEEDS, load_scorer
from .layouts import LAYOUTS

TOLERANCE = 0.05
FIELDS = ("forbund", "parts", "meetings", "signatories", "people", "items", "decisions", "amounts", "outcomes")
# (corpus, layout, field): the F1 lost against the text as written, measured, rounded up to 0.01.
KNOWN_GAPS: dict[tuple[str, str, str], float] = {
    # A page in one paragraph: labels and § headings are found inside it, but signatures printed
    # in two columns read as one stream of names.
    ("dev", "flattened", "signatories"): 0.09,
    # A Markdown table of figures run into one line has no rows left to read cells from (and a
    # table of contents run into one line never gave page numbers as amounts to lose).
    ("dev", "flattened", "amounts"): 0.12,
    # Nor has a board table of Ledamot and Ersättare columns.
    ("dev", "flattened", "people"): 0.07,
    # A blank line after every line: read single-spaced, but a few decided points still split.
    ("dev", "crlf_blank_lines", "decisions"): 0.06,
    # The seeds' budget and result tables lose their rows, the bilagor their headings.
    ("seeds", "flattened", "parts"): 0.34,
    ("seeds", "flattened", "people"): 0.32,
    ("seeds", "flattened", "items"): 0.10,
    ("seeds", "flattened", "decisions"): 0.44,
    ("seeds", "flattened", "amounts"): 0.37,
    ("seeds", "flattened", "outcomes"): 0.37,
    ("seeds", "flattened", "signatories"): 0.06,
    # Parallel name and organisation columns whose label was moved to a line of its own.
    ("seeds", "labels_on_own_lines", "people"): 0.10,
    ("seeds", "labels_on_own_lines", "signatories"): 0.19,
}
CORPORA: dict[str, tuple[Path, Path]] = {"seeds": (SEEDS, GOLD),
                                         "dev": (FIXTURES / "dev" / "text", FIXTURES / "dev" / "gold")}


def _as_written(corpus: str, path: Path) -> str:
    if corpus == "seeds" and path.name.startswith("002"):
        return (FIXTURES / "ocr" / "002_clean.txt").read_text(encoding="utf-8")  # extraction, not OCR repair
    return path.read_text(encoding="utf-8")


def _f1(corpus: str, layout: Callable[[str], str]) -> dict[str, float]:
    score = load_scorer()
    texts, golds = CORPORA[corpus]
    tallies: dict = defaultdict(score.Tally)
    for path in sorted(texts.glob("*.txt")):
        gold = json.loads((golds / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = normalize_pages([Page(1, layout(_as_written(corpus, path)), Method.PLAIN)])
        score.score_pair(gold, contract_record(extract_record(text), source=path.name, sha256=""), tallies, {})
    return {field: tallies[field].prf()[2] for field in FIELDS}


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], dict[str, float]]:
    return {(corpus, name): _f1(corpus, layout) for corpus in CORPORA for name, layout in LAYOUTS.items()}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name != "as_written"])
def test_each_layout_scores_as_the_text_as_written(scores: dict, corpus: str, layout: str) -> None:
    base, got = scores[(corpus, "as_written")], scores[(corpus, layout)]
    for field in FIELDS:
        allowed = max(TOLERANCE, KNOWN_GAPS.get((corpus, layout, field), 0.0))
        lost = base[field] - got[field]
        assert lost <= allowed + 1e-9, f"{corpus} {layout} {field}: {got[field]:.3f} against {base[field]:.3f}"


def test_known_gaps_are_still_gaps(scores: dict) -> None:
    for (corpus, layout, field), gap in KNOWN_GAPS.items():
        lost = scores[(corpus, "as_written")][field] - scores[(corpus, layout)][field]
        assert lost > gap - 0.06, f"{corpus} {layout} {field} lost only {lost:.3f}; tighten KNOWN_GAPS to it"


def test_the_layouts_change_the_text() -> None:
    text = _as_written("dev", next((FIXTURES / "dev" / "text").glob("kungsbacka-bygg*.txt")))
    rendered = {name: layout(text) for name, layout in LAYOUTS.items()}
    assert len(set(rendered.values())) == len(LAYOUTS)
    assert "\n" not in rendered["flattened"]
    assert rendered["crlf_blank_lines"].count("\r\n") > text.count("\n")
