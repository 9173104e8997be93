"""The shape of a normalized document as extract sees it: lines with offsets, paragraphs,
bullets and sentences. Every unit keeps its offsets in `Text.text`, so every fact can cite a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Normalize has already turned OCR's bullet letters ("e ", "o ") into "- ".
# A Markdown converter escapes a bullet's hyphen ("\\-  Uppräkningen …").
BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:\\-|[-–•▪◦*])(?:\s+(?P<text>.*))?$")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ\"”0-9])")
MARKUP = re.compile(r"\*\*")
LINE_BREAK = re.compile(r"[\n\f]")
# OCR renders the wide gaps of justified text as tabs (sometimes with a stray "=", "_" or "—"); such a line
# has many cells of one or two running-text words and is no table row.
GAP_JUNK = re.compile(r"(?<=\s)[=|_~—](?=\s)")
MIN_SPACED_CELLS = 4
# A line this short without closing punctuation, followed by a capitalised line, stands alone (a
# heading, a table cell) even where OCR lost the blank line after it.
SHORT_LINE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document; `text` excludes the newline."""

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return MARKUP.sub("", self.text).strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_row(self) -> bool:
        """A table row: cells separated by tabs, unless the tabs are the spacing of running text."""
        return "\t" in self.text.strip("\n") and not spaced_text(self.text) and not sentence_across_gap(self.text)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a bullet: consecutive lines read as one unit of text."""

    start: int
    end: int
    text: str
    bullet: bool = False
    indent: int = 0


@lru_cache(maxsize=65_536)
def spaced_text(text: str) -> bool:
    """A line of running text whose word gaps OCR read as tabs (kept: `Line.is_row` asks it of
    the same line again and again)."""
    cells = [c.split() for c in GAP_JUNK.sub(" ", text).split("\t") if c.strip()]
    if len(cells) < MIN_SPACED_CELLS or any(len(c) > 2 for c in cells):
        return False
    words = [w for c in cells for w in c if re.search(r"[^\W\d_]", w)]
    if any(not re.search(r"[^\W\d_]", w) and w not in "-–•" for c in cells for w in c):
        return False
    return sum(w[:1].islower() for w in words) * 2 >= len(words)


PROSE_WORDS = 6  # a row's label is a name or a short phrase; a sentence's start is longer


@lru_cache(maxsize=65_536)
def sentence_across_gap(text: str) -> bool:
    """A sentence that OCR split at one wide gap ("Intäkterna beräknas till ⇥ 1 250 000 kronor."):
    six or more words, most of them lower-case, before the gap, and after it the sentence's end,
    words as well as figures, closed by a full stop."""
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    if len(cells) != 2:
        return False
    head, tail = cells[0].split(), cells[1]
    lower = sum(w[:1].islower() for w in head)
    return (len(head) >= PROSE_WORDS and lower * 2 > len(head) and tail.endswith((".", "!", "?"))
            and re.search(r"[^\W\d_]{2}", tail) is not None)


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of `text[start:end]`, page breaks treated as line breaks."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos <= end:
        m = LINE_BREAK.search(text, pos, end)
        stop = m.start() if m else end
        out.append(Line(pos, stop, text[pos:stop]))
        if not m:
            break
        pos = m.end()
    return out


# Cells of a table typed with spaces (plain text, a layout-preserving dump): three spaces or more apart.
SPACED_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")


def spaced_rows(lines: list[Line]) -> list[Line]:
    """Lines of a table whose cells stand three spaces or more apart written as tab-separated rows,
    each gap a tab and spaces so that every offset stays where it was: a line of three cells or
    more, two of them with figures, and the heading over such lines."""
    def cells(ln: Line) -> list[str]:
        return [] if "\t" in ln.text else SPACED_GAP.split(ln.text.strip())

    def figures(ln: Line) -> bool:
        parts = cells(ln)
        return len(parts) >= 3 and sum(bool(re.search(r"\d", c)) for c in parts[1:]) >= 2

    def tabbed(ln: Line) -> Line:
        return Line(ln.start, ln.end, SPACED_GAP.sub(lambda m: "\t" + " " * (len(m[0]) - 1), ln.text))

    out = list(lines)
    rows = [figures(ln) for ln in lines]
    for i, ln in enumerate(lines):
        if rows[i]:
            out[i] = tabbed(ln)
            continue
        nxt = next((j for j in range(i + 1, min(len(lines), i + 3)) if not lines[j].blank), None)
        if nxt is not None and rows[nxt] and len(cells(ln)) >= 3 and len(cells(ln)) >= len(cells(lines[nxt])) - 1:
            out[i] = tabbed(ln)  # the heading over the figures
    return out


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, markup removed."""
    return re.sub(r"\s+", " ", MARKUP.sub("", text)).strip()


RUN_ON_WORDS = 8  # a wrapped line of running text is at least this long


def _runs_on(last: Line, lines: list[Line], blank: int) -> bool:
    """Whether a sentence goes on past the blank line at `blank` (a page break of a converted PDF):
    a long line of running text without closing punctuation, the next line in lower case."""
    nxt = next((x for x in lines[blank + 1:blank + 3] if not x.blank), None)
    text = last.stripped
    return (nxt is not None and len(text.split()) >= RUN_ON_WORDS and not text.endswith((".", "!", "?", ":", ";"))
            and nxt.stripped[:1].islower() and not nxt.stripped.startswith("att ") and not BULLET.match(nxt.text))


def blocks_of(lines: list[Line]) -> list[Block]:
    """Paragraphs (separated by blank lines) and bullets (each its own block)."""
    out: list[Block] = []
    cur: list[Line] = []
    cur_bullet = False
    cur_indent = 0

    def close() -> None:
        nonlocal cur
        if cur:
            body = " ".join(ln.text for ln in cur)
            if cur_bullet:
                m = BULLET.match(cur[0].text)
                body = " ".join([(m["text"] or "") if m else cur[0].text] + [ln.text for ln in cur[1:]])
            out.append(Block(cur[0].start, cur[-1].end, squash(body), cur_bullet, cur_indent))
        cur = []

    for i, ln in enumerate(lines):
        if ln.blank:
            if not (cur and _runs_on(cur[-1], lines, i)):
                close()
            continue
        m = BULLET.match(ln.text)
        if m and not ln.is_row:
            close()
            cur, cur_bullet, cur_indent = [ln], True, len(m["indent"].expandtabs(4))
            continue
        if not cur:
            cur_bullet, cur_indent = False, 0
        cur.append(ln)
    close()
    return out


def units_of(lines: list[Line]) -> list[Block]:
    """Blocks, with a short unpunctuated line before a capitalised one closing its block."""
    cut: list[Line] = []
    for ln, nxt in zip(lines, [*lines[1:], None], strict=True):
        cut.append(ln)
        text = ln.stripped
        if (nxt is not None and not nxt.blank and text and len(text.split()) <= SHORT_LINE_WORDS
                and not text.endswith((".", ",", ":", ";", "-", "–")) and nxt.stripped[:1].isupper()
                and not BULLET.match(ln.text)):
            cut.append(Line(ln.end, ln.end, ""))
    return blocks_of(cut)


def sentences(block: Block) -> list[tuple[int, int, str]]:
    """Sentences of a block with approximate offsets (start of block plus position in its text)."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    text = block.text
    for m in SENTENCE_END.finditer(text):
        out.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), text[pos:]))
    span = max(1, block.end - block.start)
    scale = span / max(1, len(text))
    return [(block.start + int(a * scale), block.start + int(b * scale), s) for a, b, s in out]


def words(text: str) -> list[str]:
    return re.findall(r"[\wÅÄÖåäöé\-–.:/%]+", text)
