"""Types of the normalize stage: a document's normalized text with a map back to raw pages."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A run of normalized text `[start, end)` that came from `[raw_start, raw_end)` of `page`.

    Runs are contiguous and sorted; inside a run, offsets map proportionally, which is exact
    for unchanged text and close enough to cite a page for repaired words.
    """

    start: int
    end: int
    page: int
    raw_start: int
    raw_end: int


def _span_start(span: Span) -> int:
    return span.start


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `line[start:end]` by `text`; `confidence` (0-1) says how sure the repair is, `rule` which
    repair made it (`word`, `split`, `join`, `paragraph`, `percent`, `zero`, `i`, `dash`, `glyph`)."""

    start: int
    end: int
    text: str
    confidence: float = 1.0
    rule: str = "word"


@dataclass(frozen=True, slots=True)
class Change:
    """One repair in a document's normalized text: `text[start:end]` was `original` in the raw page
    (as ftfy left it, where it mended mojibake).

    `start` and `end` are offsets of `Text.text`; `page` the page number (from 1); `confidence`
    (0-1) how sure the repair is; `rule` which repair made it (see `Edit`).
    """

    start: int
    end: int
    page: int
    original: str
    text: str
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class Text:
    """Normalized text of one document.

    `text` holds every page's text, pages separated by a form feed (\\f). `spans` maps each
    offset of `text` back to a page number and an offset in that page's raw text; `changes` lists
    what OCR repair changed, in text order.
    """

    text: str
    spans: tuple[Span, ...]
    changes: tuple[Change, ...] = ()

    def _span_index(self, offset: int) -> int:
        i = bisect.bisect_right(self.spans, offset, key=_span_start) - 1
        return max(0, min(i, len(self.spans) - 1))

    def page_at(self, offset: int) -> int | None:
        """The page number (from 1) that the character at `offset` comes from."""
        if not self.spans:
            return None
        return self.spans[self._span_index(offset)].page

    def raw_offset(self, offset: int) -> tuple[int, int] | None:
        """(page, offset in that page's raw text) for a normalized offset."""
        if not self.spans:
            return None
        s = self.spans[self._span_index(offset)]
        if s.end == s.start:
            return s.page, s.raw_start
        frac = (offset - s.start) / (s.end - s.start)
        return s.page, s.raw_start + round(frac * (s.raw_end - s.raw_start))

    def page_texts(self) -> list[str]:
        """The normalized text split back into pages."""
        return self.text.split("\f")
