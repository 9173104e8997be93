"""Tells whether a text reads as Swedish, by its most common short words.

Function words (och, att, som…) make up a large share of any running Swedish text, and a
different set does in English; counting both is cheap, needs no model and survives OCR damage
to the longer words. Used to warn about an input that is likely not a Swedish document.
"""

from __future__ import annotations

import re

# Frequent words of each language that are not words of the other.
_SWEDISH = frozenset("och att som för på med av till är det den de ett om har inte vid kan skall ska "
                     "eller från samt sig under även enligt mot efter vara varit blir".split())
_ENGLISH = frozenset("the and of to is that for with on are was be by this from have which not at "
                     "or as an were been has their its".split())
_WORD = re.compile(r"[^\W\d_]+")


def looks_swedish(text: str, min_words: int = 30) -> bool | None:
    """True for Swedish, False when English function words clearly outnumber Swedish ones,
    None when there are too few words to tell."""
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    swedish = sum(1 for w in words if w in _SWEDISH)
    english = sum(1 for w in words if w in _ENGLISH)
    if swedish + english < min_words // 3 or len(words) < min_words:
        return None
    return not english > 2 * swedish
