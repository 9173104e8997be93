"""Mending the light damage of good OCR: a letter misread for one of like shape, words run together.

Good OCR of a clean page leaves a few non-words ("talmavnen", "byggnadsverksambeten",
"skälinte"). A non-word is mended only where one reading is clearly best: reached through the
confusions of letters of like shape (`GLYPHS`), known to the frequency list or to hunspell (whose
own suggestions are among the readings), likelier still where the document uses it. Old
spellings differ from today's by other edits ("herrarne", "erhölle", "voro") and stay as written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from .lexicon import Lexicon, lexicon

# Letters (or pairs) that print and OCR take for one another: what was printed, what OCR read.
# Only shapes: a dropped or doubled letter, an "e" for an "a", belong to spelling, not to OCR.
GLYPHS: tuple[tuple[str, str], ...] = (
    ("n", "v"), ("n", "i"), ("n", "u"), ("u", "n"), ("h", "b"), ("b", "h"), ("m", "rn"), ("rn", "m"),
    ("m", "in"), ("m", "ni"), ("n", "ri"), ("d", "cl"), ("h", "li"), ("u", "ii"), ("e", "c"), ("c", "e"),
    ("o", "c"), ("t", "f"), ("f", "t"), ("l", "i"), ("i", "l"), ("l", "t"), ("f", "l"), ("u", "v"), ("v", "u"),
    ("y", "v"), ("v", "y"), ("e", "o"), ("o", "e"), ("a", "o"), ("g", "q"),
)
# Each confusion costs one edit; a word this long may hold two.
LONG = 8
# A reading known only to hunspell (a compound no frequency list holds) counts as this Zipf.
COMPOUND_ZIPF = 3.0
# How much one confusion lowers a reading's score, and how much use in the document raises it.
COST_WEIGHT = 0.75
DOCUMENT_BONUS = 1.0
# A reading must score this much, and this much more than the next best, to replace a non-word.
MIN_SCORE = 1.5
MARGIN = 1.0
# Words shorter than this are abbreviations and codes as often as words.
MIN_LENGTH = 5

# Words that stand after another word with no space when OCR loses one ("skälinte", "angesi"),
# and words that stand before one ("ochdet"). No Swedish compound ends or begins with them.
JOINED_AFTER = frozenset({
    "i", "och", "att", "inte", "icke", "som", "har", "av", "på", "för", "med", "till", "ska", "skall", "eller",
    "vid", "ej", "under", "efter", "från", "utan", "också", "hade", "kan", "vilket", "vilka", "samt", "även",
    "dock", "när",
})
JOINED_BEFORE = frozenset({"och", "att", "som", "inte", "icke", "det", "har", "hade", "eller", "men", "vilket",
                           "vilka", "samt", "även", "dock", "när"})
# A part of a split must be this common to stand alone.
SPLIT_ZIPF = 3.0
SPLIT_CONFIDENCE = 0.8
# Words after "ord- " that keep the hyphen: "barn- och ungdomsnämnden".
_AFTER_HYPHEN_PHRASE = frozenset({"och", "eller", "samt", "resp", "respektive", "som", "till", "men", "liksom",
                                  "än", "o"})
# "resul- tatet": a word broken at a line end that OCR (or an earlier join) put on one line.
_BROKEN = re.compile(r"(?<![\w-])([^\W\d_]{2,})- ([^\W\d_]+)")
JOIN_CONFIDENCE = 0.9
_LOWER_WORD = re.compile(r"^[a-zåäöéü]+$")


def _variants(token: str, budget: int) -> set[tuple[str, int]]:
    """Readings of `token` reached through up to `budget` glyph confusions, with their count."""
    out: set[tuple[str, int]] = set()
    frontier = {(token, 0, 0)}
    for _ in range(budget):
        nxt: set[tuple[str, int, int]] = set()
        for text, cost, start in frontier:
            for printed, read in GLYPHS:
                i = text.find(read, start)
                while i >= 0:
                    new = text[:i] + printed + text[i + len(read):]
                    nxt.add((new, cost + 1, i + len(printed)))
                    out.add((new, cost + 1))
                    i = text.find(read, i + 1)
        frontier = nxt
    return out


@lru_cache(maxsize=8192)
def _glyph_cost(read: str, printed: str, budget: int) -> int | None:
    """How many glyph confusions turn `printed` into `read` (None beyond `budget`)."""
    if read == printed:
        return 0
    if budget <= 0 or abs(len(read) - len(printed)) > budget:
        return None
    i = 0
    while i < min(len(read), len(printed)) and read[i] == printed[i]:
        i += 1
    best: int | None = None
    for p, r in GLYPHS:
        if printed.startswith(p, i) and read.startswith(r, i):
            rest = _glyph_cost(read[i + len(r):], printed[i + len(p):], budget - 1)
            if rest is not None and (best is None or rest + 1 < best):
                best = rest + 1
    return best


def _score(lex: Lexicon, word: str) -> float | None:
    zipf = lex.zipf(word)
    if zipf >= 2.0:
        return zipf
    verdict = lex.spells(word)
    if verdict:
        return max(zipf, COMPOUND_ZIPF)
    return zipf if zipf > 0 and verdict is None else None


@lru_cache(maxsize=50_000)
def mend(token: str, in_document: frozenset[str] = frozenset()) -> tuple[str, float] | None:
    """The reading of a lower-case non-word that is clearly best, with a confidence, or None.

    `in_document` holds the words the document uses elsewhere, which make a reading likelier.
    """
    if len(token) < MIN_LENGTH or not _LOWER_WORD.match(token):
        return None
    lex = lexicon()
    budget = 2 if len(token) >= LONG else 1
    readings: dict[str, int] = {}
    for word, cost in _variants(token, budget):
        if lex.zipf(word) >= 2.0 and (word not in readings or cost < readings[word]):
            readings[word] = cost
    for word in _suggestions(lex, token):
        steps = _glyph_cost(token, word, budget)
        if steps is not None and steps > 0 and (word not in readings or steps < readings[word]):
            readings[word] = steps
    scored: list[tuple[float, str]] = []
    for word, cost in readings.items():
        score = _score(lex, word)
        if score is not None:
            scored.append((score - COST_WEIGHT * cost + (DOCUMENT_BONUS if word in in_document else 0.0), word))
    if not scored:
        return None
    scored.sort(reverse=True)
    best, word = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else best - MIN_SCORE + MARGIN
    if best < MIN_SCORE or margin < MARGIN:
        return None
    return word, confidence(margin)


def _suggestions(lex: Lexicon, token: str) -> Iterable[str]:
    return [w for w in lex.suggestions(token) if _LOWER_WORD.match(w)]


def confidence(margin: float) -> float:
    """A confidence (0.5-1) from how far the chosen reading leads the next one."""
    return round(1.0 - 0.5 * math.exp(-max(margin, 0.0)), 2)


def split_joined(token: str) -> tuple[str, float] | None:
    """Two words that OCR ran together ("skälinte" → "skäl inte"), or None.

    One part must be a short function word that no compound begins or ends with, the other a
    common word; the caller has made sure the whole is no word.
    """
    if len(token) < 4 or not token.isalpha():
        return None
    lex = lexicon()
    low = token.lower()
    best: tuple[float, int] | None = None
    for cut in range(2, len(low)):
        left, right = low[:cut], low[cut:]
        if right in JOINED_AFTER and len(left) >= 3:
            strength = lex.zipf(left)
        elif left in JOINED_BEFORE and len(right) >= 3:
            strength = lex.zipf(right)
        else:
            continue
        if strength >= SPLIT_ZIPF and (best is None or strength > best[0]):
            best = (strength, cut)
    if best is None:
        return None
    cut = best[1]
    return f"{token[:cut]} {token[cut:]}", SPLIT_CONFIDENCE


def broken_words(line: str, knows: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """(start, end, word) of words broken by a hyphen and a space inside a line ("resul- tatet").

    Joined only where the whole is a word and the first part alone is not one, so that "barn-
    och ungdomsnämnd" and "kultur- fritidsnämnden" keep their hyphen.
    """
    out: list[tuple[int, int, str]] = []
    for m in _BROKEN.finditer(line):
        head, tail = m.group(1), m.group(2)
        if tail.lower() in _AFTER_HYPHEN_PHRASE or not tail[:1].islower():
            continue
        if knows(head) and len(head) > 3:
            continue
        word = head + tail
        if knows(word):
            out.append((m.start(), m.end(), word))
    return out
