"""One page of an archived document with a fact's span on it: what the page view of `samarkiv
serve` shows. The page's normalized text with the span marked, and the rectangles of the span's
words on the page image, from the word boxes and offset maps the archive keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from samarkiv.errors import ArchiveError
from samarkiv.show import PAGE_IMAGE_KINDS
from samarkiv.store.boxes import PageHighlight, highlights, page_starts, unpack
from samarkiv.store.models import Document, PageRow


class PageNotFound(ArchiveError):
    """No such document or page, or the span is not on the page: a 404."""


class BadSpan(ArchiveError):
    """A span that is not two offsets, start before end: a 400."""


@dataclass(frozen=True, slots=True)
class PageView:
    """Page `page` of `pages` of a document. `text` is the page's normalized text and `mark` the
    part of it the span covers (offsets within `text`); `highlight` holds the span's rectangles
    on this page and the page's size in points, where word boxes are kept; `span_pages` are all
    the pages the span runs over."""

    document_id: int
    source: str
    sha256: str
    document_kind: str
    forbund: str | None
    page: int
    pages: int
    method: str
    confidence: float | None
    text: str
    span: tuple[int, int] | None
    mark: tuple[int, int] | None
    span_pages: tuple[int, ...]
    size: tuple[float, float] | None
    highlight: PageHighlight | None

    @property
    def has_image(self) -> bool:
        """Whether the document's kind has page images at all (a PDF, a scan)."""
        return self.document_kind in PAGE_IMAGE_KINDS


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


def find_page(s: Session, document_id: int, page: int) -> tuple[Document, list[tuple[int, int]]]:
    """The document and the number and text length of each of its pages; PageNotFound unless
    the document exists and has page `page`."""
    if not (0 < document_id < _LARGEST and 0 < page < _LARGEST):
        raise PageNotFound(f"no page {page} of document {document_id}")
    doc = s.get(Document, document_id)
    if doc is None:
        raise PageNotFound(f"no document with id {document_id}")
    lengths = [(number, length) for number, length in s.execute(
        select(PageRow.number, func.coalesce(func.length(PageRow.text), 0))
        .where(PageRow.document_id == document_id).order_by(PageRow.number))]
    if page not in (number for number, _ in lengths):
        raise PageNotFound(f"document {document_id} ({doc.source}) has no page {page}; it has {len(lengths)}")
    return doc, lengths


def page_view(s: Session, document_id: int, page: int, span: tuple[int, int] | None = None) -> PageView:
    """Page `page` of document `document_id`, with `span` (offsets of the document's normalized
    text) marked where it lies on the page. Raises PageNotFound for an unknown document or page,
    and for a span that is not on the page."""
    doc, lengths = find_page(s, document_id, page)
    numbers = [number for number, _ in lengths]
    row = s.scalars(select(PageRow).where(PageRow.document_id == document_id, PageRow.number == page)).one()
    index = numbers.index(page)
    first, length = page_starts([n for _, n in lengths])[index], lengths[index][1]
    mark = None
    span_pages: tuple[int, ...] = ()
    highlight = None
    if span is not None:
        start, end = span
        if not (start < first + length and end > first) and not (start == end and first <= start <= first + length):
            raise PageNotFound(f"characters {start}–{end} are not on page {page} of document {document_id}, "
                               f"which holds characters {first}–{first + length}")
        mark = (max(start, first) - first, min(end, first + length) - first)
        found = highlights(s, document_id, start, end) if end > start else []
        span_pages = tuple(h.page for h in found) or (page,)
        highlight = next((h for h in found if h.page == page), None)
    size = unpack(row.boxes)[0] if row.boxes else None
    return PageView(doc.id, doc.source, doc.sha256, doc.kind, doc.forbund, page, len(numbers), row.method,
                    row.confidence, row.text or "", span, mark, span_pages, size, highlight)
