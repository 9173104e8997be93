"""The dev corpus as training data: stand-off labels (`dev.jsonl`) of the text blocks of the dev
documents in `fixtures/dev/text` that have people in their gold record (`fixtures/dev/gold`), so no
document text is copied here. Every third of them, by sorted name, is held out whole.

`python -m samarkiv.extract.training.dev --label` rewrites `dev.jsonl` from the gold and rules:
every occurrence of a gold person's name is PER (written with any whitespace, a line break
included, in capitals, in the genitive, with a middle name or initials, or, where it is nowhere
written exactly, with an OCR-damaged letter or two), gazetteer organisations are ORG (the
EntityRuler), and what the shipped model finds besides that may be a name (`_maybe_entity`), or a
lone part of a gold name (a surname alone, a name cut in two by a two-column layout), is UNKNOWN:
neither entity nor outside, so training and scoring ignore it. The labels are then read by eye (`python -m
samarkiv.extract.training.dev`, held-out documents first) and corrected by hand in
`dev_corrections.jsonl`, which `--label` applies: people outside the gold (officials named in the
§ text, an article's author) become PER.
"""

from __future__ import annotations

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

import spacy

from .rules import GLUED, RULER_CONFIG, place_names, ruler_patterns, split_glued_words
from .seeds import REPO, blocks, marked
from .templates import UNKNOWN, Example

ANNOTATIONS = Path(__file__).with_name("dev.jsonl")
# Set by hand (offsets into the dev texts): people the gold leaves out, officials in the § text,
# as PER, and spans the rules would get wrong as UNKNOWN.
CORRECTIONS = Path(__file__).with_name("dev_corrections.jsonl")
TEXTS = REPO / "fixtures" / "dev" / "text"
GOLD = REPO / "fixtures" / "dev" / "gold"
HELDOUT_EVERY = 3
# An OCR-damaged name is still that person's when its words are this close to the gold spelling.
_FUZZY = 0.85
_WORD = re.compile(r"[\wÅÄÖåäöØøÆæÉéÜüŠšĆćČč'-]+")


def sources() -> tuple[str, ...]:
    """The dev documents used (those with people in their gold record), as paths relative to the
    repository, in sorted order."""
    every = (f"fixtures/dev/text/{p.name}" for p in sorted(TEXTS.glob("*.txt")))
    return tuple(s for s in every if gold_names(s))


def heldout() -> tuple[str, ...]:
    """Every HELDOUT_EVERY-th dev document by sorted name, never trained on."""
    return tuple(s for i, s in enumerate(sources()) if i % HELDOUT_EVERY == HELDOUT_EVERY - 1)


def gold_names(source: str) -> tuple[str, ...]:
    """The names of the people of one dev document's gold record."""
    record = json.loads((GOLD / (Path(source).name.removesuffix(".txt") + ".json")).read_text("utf-8"))
    return tuple(dict.fromkeys(p["name"] for p in record.get("people", [])))


def _exact(text: str, name: str) -> list[tuple[int, int]]:
    # Words apart by spaces or one line break, never inside a longer word unless glued to it as
    # the tokenizer splits it (rules.GLUED).
    # Signatures write a name in capitals, with middle initials ("Anna E K Berg") or a middle name;
    # running text writes it in the genitive ("Anna Bergs yrkande").
    gap = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    middle = r"(?:[ \t]+[A-ZÅÄÖ]\.?)*(?:[ \t]+[A-ZÅÄÖ][a-zåäöé]+(?=[ \t]))?"
    spans = []
    for written in dict.fromkeys((name, name.upper())):
        words = [re.escape(w) for w in written.split()]
        pattern = words[0] + middle + gap + gap.join(words[1:]) + "s?"
        edges = rf"(?:(?<![\w-])|{GLUED}){pattern}(?:(?![\w-])|{GLUED})"
        for m in re.finditer(edges, text):
            start = m.start()
            # A line of the name alone, after further given names ("Eva Anna Berg"), is all of it;
            # a label before it ("Ordförande", "Justerare", "Ledamot") is not.
            line = text.rfind("\n", 0, start) + 1
            before = text[line:start]
            if (re.fullmatch(r"(?:[ \t]*[A-ZÅÄÖ][a-zåäöé]+)+[ \t]+", before)
                    and not re.search(r"(?:ande|are|amot)\b", before)):
                start = line + len(before) - len(before.lstrip())
            spans.append((start, m.end()))
    return sorted(spans)


def _fuzzy(text: str, name: str) -> list[tuple[int, int]]:
    size = len(name.split())
    words = list(_WORD.finditer(text))
    found = []
    for i in range(len(words) - size + 1):
        run = words[i:i + size]
        if text[run[0].start():run[-1].end()].count("\n") > 1 or not run[0].group()[:1].isupper():
            continue
        written = " ".join(w.group() for w in run)
        if written != name and SequenceMatcher(None, written, name).ratio() >= _FUZZY:
            found.append((run[0].start(), run[-1].end()))
    return found


def name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where a person's name is written in a text: exactly, or else OCR-damaged, in reading order."""
    return _exact(text, name) or _fuzzy(text, name)


def _person_spans(text: str, names: tuple[str, ...]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Occurrences of the gold names, and the lone parts of them found elsewhere."""
    spans = [span for name in names for span in name_spans(text, name)]
    parts = {p for name in names for w in name.split() if len(w) > 2 for p in (w, w + "s")}
    lone = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group() in parts
            and all(m.end() <= s or m.start() >= e for s, e in spans)]
    return sorted(set(spans)), lone


def _free(found: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _ in found)


def _maybe_entity(text: str, places: set[str]) -> bool:
    """Whether a span the shipped model found may be a name left out of the gold: several words
    (an official, a project, a body), or a kommun or county. A single other word is outside: the
    model's slips are words of the genre ("Kultur", "Transaktionsidentitet", a party letter), and a
    diary number ("Dnr KS-2024-00641") is no entity."""
    if text.startswith("Dnr"):
        return False
    return len(text.split()) > 1 or text in places


def label() -> None:
    """Rewrites `dev.jsonl` from the gold, the gazetteer and the shipped model (hand corrections are lost)."""
    from samarkiv.extract import ner

    places = set(place_names())
    corrections: dict[str, list[tuple[int, int, str]]] = {}
    for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        corrections.setdefault(row["source"], []).append((row["start"], row["end"], row["label"]))
    ruler_nlp = split_glued_words(spacy.blank("sv"))
    ruler = ruler_nlp.add_pipe("entity_ruler", config=RULER_CONFIG)
    ruler.add_patterns(ruler_patterns(ruler_nlp))  # type: ignore[attr-defined]
    with ANNOTATIONS.open("w", encoding="utf-8") as out:
        for source in sources():
            text = (REPO / source).read_text(encoding="utf-8")
            people, lone = _person_spans(text, gold_names(source))
            for start, end in blocks(text):
                block = text[start:end]
                # The hand corrections first, then the gold people, then the gazetteer.
                found = [(s - start, e - start, tag) for s, e, tag in corrections.get(source, [])
                         if s >= start and e <= end]
                for s, e in people:
                    if s >= start and e <= end and _free(found, s - start, e - start):
                        found.append((s - start, e - start, "PER"))
                found += [(e.start_char, e.end_char, "ORG") for e in ruler_nlp(block).ents
                          if _free(found, e.start_char, e.end_char)]
                unknown = [(s - start, e - start) for s, e in lone if s >= start and e <= end]
                # A kommun or county named bare is a place or a body by context, left to the model.
                unknown += [(m.start(), m.end()) for m in _WORD.finditer(block) if m.group() in places]
                unknown += [(e.start, e.end) for e in ner.entities(block) if _maybe_entity(e.text, places)]
                for s, e in unknown:
                    if _free(found, s, e):
                        found.append((s, e, UNKNOWN))
                out.write(json.dumps({"source": source, "start": start, "end": end,
                                      "entities": sorted(found)}, ensure_ascii=False) + "\n")


def examples() -> list[Example]:
    """The annotated blocks with their text read from the fixtures, each distinct text once per split."""
    texts = {source: (REPO / source).read_text(encoding="utf-8") for source in sources()}
    held = set(heldout())
    out, seen = [], set()
    for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        # A block repeated word for word (a page's letterhead, a signing service's footer) counts once.
        key = (texts[row["source"]][row["start"]:row["end"]], row["source"] in held)
        if key in seen:
            continue
        seen.add(key)
        out.append(Example(texts[row["source"]][row["start"]:row["end"]],
                           tuple((s, e, tag) for s, e, tag in row["entities"]),
                           row["source"], "heldout" if row["source"] in held else "train"))
    return out


def main(argv: list[str]) -> None:
    if "--label" in argv:
        label()
    held = set(heldout())
    for example in sorted(examples(), key=lambda e: e.group not in held):
        if example.entities:
            print(f"--- {example.group}\n{marked(example)}")


if __name__ == "__main__":
    main(sys.argv[1:])
