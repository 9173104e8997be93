"""Word boxes of archived pages, and the offset maps that tie them to the normalized text: a
compact encoding for the pages table, and the rectangles on its page of any fact's character span.

A page's boxes are packed into one flat run of integers: the page width and height, then six
numbers per word (its start in the raw text counted from the previous word's end, its length,
x0, top, width and height), coordinates in tenths of a point from the page's top left. A page's
offset map is packed the same way, four numbers per run of normalized text (its start counted
from the previous run's end, its length, its raw start counted from the previous run's raw end,
its raw length), offsets within the page. Both are stored as little-endian 32-bit integers,
zlib-compressed. Facts carry spans of the document's normalized text (pages joined by a form
feed); the offset map leads them back to the raw text that the boxes index.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate
from operator import add

from samarkiv.ingest import Method, Page
from samarkiv.ingest.types import WordBox
from samarkiv.normalize import Span, Text, normalize_pages

_SCALE = 10  # tenths of a point: finer than any glyph edge a reader can see
# zlib's default level: on born-digital pages its output is about 2 % larger than level 9's, at
# half the time; any level decompresses alike.
_LEVEL = 6
_WORD = re.compile(r"\S+")
ALIGNED_SHARE = 0.9
"""The share of a page's archived words that must be found again, in order, for a re-read
page's boxes to be put on the archived text."""


def _pack_ints(values: list[int]) -> bytes:
    ints = array("i", values)
    if sys.byteorder == "big":
        ints.byteswap()
    return zlib.compress(ints.tobytes(), _LEVEL)


def _unpack_ints(data: bytes) -> array[int]:
    ints = array("i")
    ints.frombytes(zlib.decompress(data))
    if sys.byteorder == "big":
        ints.byteswap()
    return ints


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
    return _pack_ints(out)


def unpack(data: bytes) -> tuple[tuple[float, float], tuple[WordBox, ...]]:
    """The page size and word boxes that `pack` encoded."""
    packed = _unpack_ints(data)
    size = (packed[0] / _SCALE, packed[1] / _SCALE)
    boxes: list[WordBox] = []
    end = 0
    for i in range(2, len(packed) - 5, 6):
        gap, length, x0, top, width, height = packed[i:i + 6]
        start = end + gap
        end = start + length
        boxes.append(WordBox(start, end, x0 / _SCALE, top / _SCALE, (x0 + width) / _SCALE, (top + height) / _SCALE))
    return size, tuple(boxes)


def words_in(data: bytes, ranges: Iterable[tuple[int, int]]) -> tuple[tuple[float, float], tuple[WordBox, ...]]:
    """The page size and the boxes of the words overlapping any of `ranges` of the raw text, from
    what `pack` encoded. Only those words are decoded: a page holds a thousand, a fact a few."""
    packed = _unpack_ints(data)
    size = (packed[0] / _SCALE, packed[1] / _SCALE)
    words = (len(packed) - 2) // 6
    gaps, lengths = packed[2:2 + 6 * words:6], packed[3:3 + 6 * words:6]
    ends = list(accumulate(map(add, gaps, lengths)))
    in_order = min(gaps, default=0) >= 0  # as the words stand in the text, the ends only grow
    chosen: set[int] = set()
    for lo, hi in ranges:
        for i in range(bisect_right(ends, lo) if in_order else 0, words):
            start = ends[i] - lengths[i]
            if start >= hi and in_order:
                break  # the words after it start later still
            if start < hi and ends[i] > lo:
                chosen.add(i)
    boxes = []
    for i in sorted(chosen):
        x0, top, width, height = packed[4 + 6 * i:8 + 6 * i]
        boxes.append(WordBox(ends[i] - lengths[i], ends[i], x0 / _SCALE, top / _SCALE, (x0 + width) / _SCALE,
                             (top + height) / _SCALE))
    return size, tuple(boxes)


def page_size(data: bytes) -> tuple[float, float]:
    """The page size that `pack` encoded, in points, without decoding the boxes after it."""
    head = array("i")
    head.frombytes(zlib.decompressobj().decompress(data, 8))
    if sys.byteorder == "big":
        head.byteswap()
    return head[0] / _SCALE, head[1] / _SCALE


def align(raw_text: str, read: Page) -> tuple[WordBox, ...] | None:
    """The boxes of `read` (the page read again from its original) placed on the archived raw
    text of the same page: the same text takes them as they are; otherwise the words of both
    are matched in order, and a word found again takes its box. None when fewer than
    `ALIGNED_SHARE` of the archived words are found (the page was read differently)."""
    if read.boxes is None:
        return None
    if read.text == raw_text:
        return read.boxes
    ours = [m.span() for m in _WORD.finditer(raw_text)]
    matcher = SequenceMatcher(None, [raw_text[a:b] for a, b in ours], [read.text[b.start:b.end] for b in read.boxes],
                              autojunk=False)
    out: list[WordBox] = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            (start, end), box = ours[block.a + k], read.boxes[block.b + k]
            out.append(WordBox(start, end, box.x0, box.top, box.x1, box.bottom))
    if len(out) < ALIGNED_SHARE * len(ours):
        return None
    return tuple(out)


def pack_offsets(spans: Iterable[Span], page_start: int) -> bytes:
    """The runs of one page's offset map, packed with offsets counted from the page's start
    (`page_start` in the document's normalized text)."""
    out: list[int] = []
    end = raw_end = 0
    for s in spans:
        start = s.start - page_start
        out += [start - end, s.end - s.start, s.raw_start - raw_end, s.raw_end - s.raw_start]
        end, raw_end = start + (s.end - s.start), s.raw_end
    return _pack_ints(out)


def unpack_offsets(data: bytes, page: int, page_start: int) -> tuple[Span, ...]:
    """The runs `pack_offsets` encoded, placed back at `page_start` of the document's text."""
    packed = _unpack_ints(data)
    spans: list[Span] = []
    end = raw_end = 0
    for i in range(0, len(packed) - 3, 4):
        gap, length, raw_gap, raw_length = packed[i:i + 4]
        start = end + gap
        raw_start = raw_end + raw_gap
        end, raw_end = start + length, raw_start + raw_length
        spans.append(Span(page_start + start, page_start + end, page, raw_start, raw_end))
    return tuple(spans)


def page_starts(lengths: Sequence[int]) -> list[int]:
    """Where each page starts in the document's normalized text, from the pages' text lengths
    (pages are joined by one form feed)."""
    starts: list[int] = []
    pos = 0
    for length in lengths:
        starts.append(pos)
        pos += length + 1
    return starts


def page_offsets(text: Text, numbers: Sequence[int]) -> list[bytes]:
    """Each page's packed offset map, for the pages `numbers` in the order they were normalized."""
    by_page: dict[int, list[Span]] = {n: [] for n in numbers}
    for s in text.spans:
        by_page.setdefault(s.page, []).append(s)
    starts = page_starts([len(t) for t in text.page_texts()])
    return [pack_offsets(by_page[n], start) for n, start in zip(numbers, starts, strict=False)]


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


def raw_ranges(spans: Iterable[Span], start: int, end: int) -> dict[int, list[tuple[int, int]]]:
    """Page number → the ranges of that page's raw text that normalized `[start, end)` came from,
    through the offset map `spans`."""
    out: dict[int, list[tuple[int, int]]] = {}
    for s in spans:
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


def page_lengths(conn: sqlite3.Connection, document_id: int) -> list[tuple[int, int]]:
    """The number and normalized text length of each page of a document, in page order."""
    return conn.execute("SELECT number, coalesce(length(text), 0) FROM pages WHERE document_id = ? "
                        "ORDER BY number", (document_id,)).fetchall()


def highlights(conn: sqlite3.Connection, document_id: int, start: int, end: int,
               lengths: Sequence[tuple[int, int]] | None = None) -> list[PageHighlight]:
    """The pages that a fact's span `[start, end)` of the document's normalized text lies on,
    with the rectangles of its words (none on pages without boxes). `lengths` are the document's
    `page_lengths`, where the caller has read them already.

    Only the pages the span touches are read, through their stored offset maps; a page with
    boxes and no map (archived before maps were kept) has its document normalized again. Plain
    SQL on the archive's SQLite connection: the page view of `samarkiv serve` asks this for every
    page it shows, and the ORM's statements took longer than the work."""
    if lengths is None:
        lengths = page_lengths(conn, document_id)
    starts = page_starts([length for _, length in lengths])
    touched = [number for (number, length), first in zip(lengths, starts, strict=True)
               if start < first + length and end > first]
    if not touched:
        return []
    rows = conn.execute(f"SELECT number, boxes, offsets FROM pages WHERE document_id = ? "
                        f"AND number IN ({', '.join('?' * len(touched))}) ORDER BY number",
                        (document_id, *touched)).fetchall()
    packed = {number: data for number, data, _ in rows if data}
    if all(offsets is not None for number, _, offsets in rows if number in packed):
        start_of = {number: first for (number, _), first in zip(lengths, starts, strict=True)}
        spans = [span for number, _, offsets in rows if offsets is not None
                 for span in unpack_offsets(offsets, number, start_of[number])]
        pages = touched
    else:
        whole = conn.execute("SELECT number, raw_text, method, confidence FROM pages WHERE document_id = ? "
                             "ORDER BY number", (document_id,)).fetchall()
        spans = list(normalize_pages([Page(n, raw, Method(m), c) for n, raw, m, c in whole]).spans)
        pages = sorted(raw_ranges(spans, start, end))
    ranges = raw_ranges(spans, start, end)
    found = []
    for n in pages:
        if n not in packed:
            found.append(PageHighlight(n, None, ()))
            continue
        size, words = words_in(packed[n], ranges.get(n, ()))
        found.append(PageHighlight(n, size, tuple(Rectangle(b.x0, b.top, b.x1, b.bottom) for b in words)))
    return found
