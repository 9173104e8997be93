"""Turns positioned words (from a PDF text layer or from OCR) into lines of text.

Words on one baseline become one line; a horizontal gap much wider than a space becomes a tab,
so a table row stays on one line with its cells tab-separated. A vertical gap larger than the
usual line spacing becomes a blank line, marking a paragraph break. Each word's box comes out
with its offsets in the text, so a later reader can point from a span of text back to the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from .types import WordBox


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _group_lines(words: Sequence[Word]) -> list[list[Word]]:
    height = median(w.bottom - w.top for w in words) or 1.0
    lines: list[list[Word]] = []
    mids: list[float] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        # Same line when the word's middle is within half a line height of the line's middle;
        # ascenders, descenders and accents move a word's box but not that much.
        if lines and abs(mid - mids[-1]) < 0.5 * height:
            lines[-1].append(w)
            n = len(lines[-1])
            mids[-1] += (mid - mids[-1]) / n
            continue
        lines.append([w])
        mids.append(mid)
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def lay_out(words: Iterable[Word], tab_gap: float = 0.8) -> tuple[str, tuple[WordBox, ...]]:
    """The text of positioned words, and each word's box with its offsets in that text.

    `tab_gap` is the gap, in word heights, that separates columns: about one em, twice or more a
    justified space, well under a typical column gutter.
    """
    words = [w for w in words if w.text.strip()]
    if not words:
        return "", ()
    lines = _group_lines(words)
    heights = [max(w.bottom for w in ln) - min(w.top for w in ln) for ln in lines]
    line_height = median(heights) or 1.0
    tops = [min(w.top for w in ln) for ln in lines]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    pitch = median(steps) if steps else line_height * 1.2
    parts: list[str] = []
    boxes: list[WordBox] = []
    offset = 0
    prev_top: float | None = None
    for line, top in zip(lines, tops, strict=True):
        if prev_top is not None:
            brk = "\n\n" if top - prev_top > max(pitch, line_height) * 1.6 else "\n"
            parts.append(brk)
            offset += len(brk)
        prev_top = top
        usual = min((b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False)), default=0.0)
        a = None
        for word in line:
            if a is not None:
                gap = word.x0 - a.x1
                h = max(a.bottom - a.top, word.bottom - word.top, 1.0)
                # A column break is wide in absolute terms and wide against this line's other gaps;
                # a justified line widens every gap alike, so it stays one run of words.
                parts.append("\t" if gap > 2.5 * h or (gap > tab_gap * h and gap > 2 * usual) else " ")
                offset += 1
            end = offset + len(word.text)
            boxes.append(WordBox(offset, end, word.x0, word.top, word.x1, word.bottom))
            parts.append(word.text)
            offset = end
            a = word
    return "".join(parts), tuple(boxes)


def words_to_text(words: Iterable[Word], tab_gap: float = 0.8) -> str:
    """Lays out words as text (see `lay_out`), without their boxes."""
    return lay_out(words, tab_gap)[0]
