"""Word boxes of archived pages: a compact encoding for the pages table, and the rectangles
on its page of any fact's character span.

A page's boxes are packed into one flat run of integers: the page width and height, then six
numbers per word (its start in the raw text counted from the previous word's end, its length,
x0, top, width and height), coordinates in tenths of a point from the page's top left; the run is
stored as little-endian 32-bit integers, zlib-compressed. Facts
carry spans of the normalized text; the offset map of normalize leads them back to the raw text
that the boxes index.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from samarkiv.ingest import Method, Page
from samarkiv.ingest.types import WordBox
from samarkiv.normalize import Text, normalize_pages

from .models import PageRow

_SCALE = 10  # tenths of a point: finer than any glyph edge a reader can see


def pack(page: Page) -> bytes | None:
    """The page's size and word boxes, packed; None without boxes."""
    if page.boxes is None or page.size is None:
        return None
    out = [round(page.size[0] * _SCALE), round(page.size[1] * _SCALE)]
    end = 0
    for b in page.boxes:
        x0, top = round(b.x0 * _SCALE), round(b.top * _SCALE)
        out += [b.start - end, b.end - b.start, x0, top, round(b.x1 * _SCALE) - x0, round(b.bottom * _SCALE) - top]
        end = b.end
    ints = array("i", out)
    if sys.byteorder == "big":
        ints.byteswap()
    return zlib.compress(ints.tobytes(), 9)


def unpack(data: bytes) -> tuple[tuple[float, float], tuple[WordBox, ...]]:
    """The page size and word boxes that `pack` encoded."""
    packed = array("i")
    packed.frombytes(zlib.decompress(data))
    if sys.byteorder == "big":
        packed.byteswap()
    size = (packed[0] / _SCALE, packed[1] / _SCALE)
    boxes: list[WordBox] = []
    end = 0
    for i in range(2, len(packed) - 5, 6):
        gap, length, x0, top, width, height = packed[i:i + 6]
        start = end + gap
        end = start + length
        boxes.append(WordBox(start, end, x0 / _SCALE, top / _SCALE, (x0 + width) / _SCALE, (top + height) / _SCALE))
    return size, tuple(boxes)


@dataclass(frozen=True, slots=True)
class Rectangle:
    """Where part of a fact sits on a page, in points from the page's top left."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PageHighlight:
    """A page of a document with the rectangles of a fact's words on it; `size` in points."""

    page: int
    size: tuple[float, float] | None
    rectangles: tuple[Rectangle, ...]


def raw_ranges(text: Text, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
    """Page number → the ranges of that page's raw text that normalized `text[start:end]` came from."""
    out: dict[int, list[tuple[int, int]]] = {}
    for s in text.spans:
        lo, hi = max(start, s.start), min(end, s.end)
        if lo >= hi:
            continue
        width = s.end - s.start
        raw_width = s.raw_end - s.raw_start
        raw_lo = s.raw_start + (lo - s.start) * raw_width // width
        raw_hi = s.raw_start + -(-(hi - s.start) * raw_width // width)
        if raw_hi > raw_lo:
            out.setdefault(s.page, []).append((raw_lo, raw_hi))
    return out


def rectangles_for(text: Text, boxes: dict[int, tuple[WordBox, ...]], start: int,
                   end: int) -> dict[int, tuple[Rectangle, ...]]:
    """Page number → the boxes of the words that normalized `text[start:end]` came from."""
    out: dict[int, tuple[Rectangle, ...]] = {}
    for page, ranges in raw_ranges(text, start, end).items():
        words = [b for b in boxes.get(page, ())
                 if any(b.start < hi and b.end > lo for lo, hi in ranges)]
        if words:
            out[page] = tuple(Rectangle(b.x0, b.top, b.x1, b.bottom) for b in words)
    return out


def document_text(rows: Sequence[PageRow]) -> Text:
    """A document's normalized text with its offset map, re-derived from the stored raw pages."""
    return normalize_pages([Page(r.number, r.raw_text, Method(r.method), r.confidence) for r in rows])


def highlights(s: Session, document_id: int, start: int, end: int) -> list[PageHighlight]:
    """The pages that a fact's span `[start, end)` of the document's normalized text lies on,
    with the rectangles of its words (none on pages without boxes)."""
    rows = list(s.scalars(select(PageRow).where(PageRow.document_id == document_id).order_by(PageRow.number)))
    text = document_text(rows)
    packed = {r.number: unpack(r.boxes) for r in rows if r.boxes}
    found = rectangles_for(text, {n: b for n, (_, b) in packed.items()}, start, end)
    pages = sorted(raw_ranges(text, start, end))
    return [PageHighlight(n, packed[n][0] if n in packed else None, found.get(n, ())) for n in pages]
