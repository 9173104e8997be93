"""The shape of a normalized document as extract sees it: lines with offsets, paragraphs,
bullets and sentences. Every unit keeps its offsets in `Text.text`, so every fact can cite a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-–•▪◦*]|(?:e|o)(?=\s+[A-ZÅÄÖ0-9]))(?:\s+(?P<text>.*))?$")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ\"”0-9])")
MARKUP = re.compile(r"\*\*")
LINE_BREAK = re.compile(r"[\n\f]")


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
        """A table row: cells separated by tabs."""
        return "\t" in self.text.strip("\n")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or a bullet: consecutive lines read as one unit of text."""

    start: int
    end: int
    text: str
    bullet: bool = False
    indent: int = 0


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


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, markup removed."""
    return re.sub(r"\s+", " ", MARKUP.sub("", text)).strip()


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

    for ln in lines:
        if ln.blank:
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
