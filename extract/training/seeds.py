"""The seed documents as training data: stand-off annotations (`seeds.jsonl`) of text blocks in
`fixtures/seeds` and `fixtures/ocr/002_clean.txt`, so no document text is copied here.

The labels were first set by rules (`python -m samarkiv.extract.training.seeds --label`: gazetteer
organisations, known first names followed by a surname, places) and then checked and corrected
by hand; `python -m samarkiv.extract.training.seeds` prints the blocks with their labels for review.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import spacy

from . import vocabulary as v
from .rules import RULER_CONFIG, place_names, ruler_patterns
from .templates import Example

ANNOTATIONS = Path(__file__).with_name("seeds.jsonl")
REPO = Path(__file__).resolve().parents[2]
# Seed 002 is an OCR scan; its hand-corrected transcript stands in for it.
SOURCES = ("fixtures/seeds/000_5be25ce82476d800.txt", "fixtures/seeds/001_e888f43bf1d84521.txt",
           "fixtures/ocr/002_clean.txt", "fixtures/seeds/003_a4db34470421a47c.txt",
           "fixtures/seeds/004_405dff6d22113504.txt")
HELDOUT = ("fixtures/seeds/004_405dff6d22113504.txt",)

_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME = re.compile(rf"(?<![\wåäöÅÄÖ-])(?=({_WORD})((?: {_WORD}){{1,3}}))")
_BLOCK = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


def blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: runs of non-blank lines."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def _rule_entities(nlp: spacy.language.Language, block: str) -> list[tuple[int, int, str]]:
    first_names = set(v.FIRST_NAMES.train + v.FIRST_NAMES.heldout)
    places = set(place_names()) | set(v.LOCALITIES.train + v.LOCALITIES.heldout)
    found = [(e.start_char, e.end_char, "ORG") for e in nlp(block).ents]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in found)

    for m in _NAME.finditer(block):
        # A first name, maybe a second one, then surnames up to the next first name.
        words = [m.group(1), *m.group(2).split()]
        if words[0].split("-")[0] not in first_names:
            continue
        size = 2 if words[1] in first_names and len(words) > 2 else 1
        surnames = 0
        while size < len(words) and words[size] not in first_names and surnames < 2:
            size, surnames = size + 1, surnames + 1
        end = m.start() + len(" ".join(words[:size]))
        if surnames and free(m.start(), end):
            found.append((m.start(), end, "PER"))
    for place in places:
        for m in re.finditer(rf"\b{re.escape(place)}(?: kommun)?\b", block):
            if free(m.start(), m.end()):
                found.append((m.start(), m.end(), "ORG" if m.group().endswith(" kommun") else "LOC"))
    return sorted(found)


def label() -> None:
    """Rewrites `seeds.jsonl` from the rules alone (the hand corrections are lost)."""
    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler", config=RULER_CONFIG)
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]
    with ANNOTATIONS.open("w", encoding="utf-8") as out:
        for source in SOURCES:
            text = (REPO / source).read_text(encoding="utf-8")
            for start, end in blocks(text):
                ents = _rule_entities(nlp, text[start:end])
                out.write(json.dumps({"source": source, "start": start, "end": end, "entities": ents},
                                     ensure_ascii=False) + "\n")


def examples() -> list[Example]:
    """The annotated blocks with their text read from the fixtures."""
    texts = {source: (REPO / source).read_text(encoding="utf-8") for source in SOURCES}
    out = []
    for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append(Example(texts[row["source"]][row["start"]:row["end"]],
                           tuple((s, e, label) for s, e, label in row["entities"]),
                           row["source"], "heldout" if row["source"] in HELDOUT else "train"))
    return out


def marked(example: Example) -> str:
    """The text with each entity written as [text|LABEL], for reading labels by eye."""
    out, last = "", 0
    for start, end, tag in example.entities:
        out += example.text[last:start] + f"[{example.text[start:end]}|{tag}]"
        last = end
    return out + example.text[last:]


def main(argv: list[str]) -> None:
    if "--label" in argv:
        label()
    for example in examples():
        if example.entities:
            print(f"--- {example.group}\n{marked(example)}")


if __name__ == "__main__":
    main(sys.argv[1:])
