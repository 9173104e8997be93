"""One page of an archived document with a fact's span on it: what the page view of `samarkiv
serve` shows. The page's normalized text with the span marked, and the rectangles of the span's
words on the page image, from the word boxes and offset maps the archive keeps.

Plain SQL on the archive's SQLite connection, as Datasette hands it out: the queries of a page
view are a few rows by key, and the ORM took longer to build them than SQLite to answer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from samarkiv.errors import ArchiveError
from samarkiv.show import PAGE_IMAGE_KINDS
from samarkiv.store.boxes import PageHighlight, highlights, page_lengths, page_size, page_starts


class PageNotFound(ArchiveError):
    """No such document or page, or the span is not on the page: a 404."""


class BadSpan(ArchiveError):
    """A span that is not two offsets, start before end: a 400."""


@dataclass(frozen=True, slots=True)
class FoundPage:
    """Page `page` of `pages` of a document that has it: what the page view and the page image
    read first, the image's rendering starting from it."""

    document_id: int
    source: str
    sha256: str
    document_kind: str
    forbund: str | None
    page: int
    pages: int

    @property
    def has_image(self) -> bool:
        """Whether the document's kind has page images at all (a PDF, a scan)."""
        return self.document_kind in PAGE_IMAGE_KINDS


@dataclass(frozen=True, slots=True)
class PageView(FoundPage):
    """A found page as the page view shows it. `text` is the page's normalized text and `mark`
    the part of it the span covers (offsets within `text`); `highlight` holds the span's
    rectangles on this page and the page's size in points, where word boxes are kept;
    `span_pages` are all the pages the span runs over."""

    method: str
    confidence: float | None
    text: str
    span: tuple[int, int] | None
    mark: tuple[int, int] | None
    span_pages: tuple[int, ...]
    size: tuple[float, float] | None
    highlight: PageHighlight | None


# Row ids and page numbers past this are no rows of any archive (SQLite's integers end at 2^63).
_LARGEST = 2**62
# A number this long is no offset of any text (and Python reads no more than 4 300 digits).
_MAX_DIGITS = 40


def parse_span(start: str | None, end: str | None) -> tuple[int, int] | None:
    """The span `[start, end)` from the page view's query string; None when both are absent.

    Raises BadSpan for one without the other, a value that is not a whole number, a negative
    one, or an end before the start."""
    if start in (None, "") and end in (None, ""):
        return None
    if start in (None, "") or end in (None, ""):
        raise BadSpan("a span needs both start and end")
    values: list[int] = []
    for name, value in (("start", start), ("end", end)):
        assert value is not None
        if not value.isascii() or not value.isdigit() or len(value) > _MAX_DIGITS:
            raise BadSpan(f"{name} must be a whole number of characters, not {value[:_MAX_DIGITS]!r}")
        values.append(int(value))
    if values[1] < values[0]:
        raise BadSpan(f"the span ends ({values[1]}) before it starts ({values[0]})")
    return values[0], values[1]


def find_page(conn: sqlite3.Connection, document_id: int, page: int) -> FoundPage:
    """The document with page `page`; PageNotFound unless the document exists and has that page."""
    if not (0 < document_id < _LARGEST and 0 < page < _LARGEST):
        raise PageNotFound(f"no page {page} of document {document_id}")
    row = conn.execute(
        "SELECT source, sha256, kind, forbund, (SELECT count(*) FROM pages WHERE document_id = d.id), "
        "EXISTS (SELECT 1 FROM pages WHERE document_id = d.id AND number = ?) FROM documents d WHERE id = ?",
        (page, document_id)).fetchone()
    if row is None:
        raise PageNotFound(f"no document with id {document_id}")
    source, sha256, kind, forbund, pages, has_page = row
    if not has_page:
        raise PageNotFound(f"document {document_id} ({source}) has no page {page}; it has {pages}")
    return FoundPage(document_id, source, sha256, kind, forbund, page, pages)


def page_view(conn: sqlite3.Connection, found: FoundPage, span: tuple[int, int] | None = None) -> PageView:
    """The page `found`, with `span` (offsets of the document's normalized text) marked where it
    lies on the page. Raises PageNotFound for a span that is not on the page."""
    document_id, page = found.document_id, found.page
    method, confidence, text, boxes = conn.execute(
        "SELECT method, confidence, coalesce(text, ''), boxes FROM pages WHERE document_id = ? AND number = ?",
        (document_id, page)).fetchone()
    mark = None
    span_pages: tuple[int, ...] = ()
    highlight = None
    if span is not None:
        lengths = page_lengths(conn, document_id)
        index = [number for number, _ in lengths].index(page)
        first, length = page_starts([n for _, n in lengths])[index], lengths[index][1]
        start, end = span
        if not (start < first + length and end > first) and not (start == end and first <= start <= first + length):
            raise PageNotFound(f"characters {start}–{end} are not on page {page} of document {document_id}, "
                               f"which holds characters {first}–{first + length}")
        mark = (max(start, first) - first, min(end, first + length) - first)
        spans = highlights(conn, document_id, start, end, lengths) if end > start else []
        span_pages = tuple(h.page for h in spans) or (page,)
        highlight = next((h for h in spans if h.page == page), None)
    size = page_size(boxes) if boxes else None
    return PageView(document_id, found.source, found.sha256, found.document_kind, found.forbund, page, found.pages,
                    method, confidence, text, span, mark, span_pages, size, highlight)
