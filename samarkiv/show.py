"""One fact on its page: the fact, its document, page and surrounding text, and the page image
rendered from the kept original with the fact's words outlined.

Used by `samarkiv show` and the page view of `samarkiv serve`; images are rendered with
pypdfium2 (PDFs) or read with Pillow (scans kept as images) and drawn on with Pillow, in the
page's own size in points at `scale` pixels each.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from samarkiv.errors import ArchiveError
from samarkiv.store import Archive
from samarkiv.store.boxes import PageHighlight
from samarkiv.store.models import AmountRow, DecisionRow, Document, ItemRow, OutcomeRow, PageRow, PersonRow
from samarkiv.store.originals import Originals

if TYPE_CHECKING:
    from PIL import Image


class FactKind(StrEnum):
    """The fact tables `show` can open."""

    DECISION = "decision"
    AMOUNT = "amount"
    PERSON = "person"
    ITEM = "item"
    OUTCOME = "outcome"


_TABLES = {FactKind.DECISION: DecisionRow, FactKind.AMOUNT: AmountRow, FactKind.PERSON: PersonRow,
           FactKind.ITEM: ItemRow, FactKind.OUTCOME: OutcomeRow}
_CONTEXT = 160  # characters of the page shown on each side of the fact
PAGE_IMAGE_KINDS = ("pdf", "image")
"""The kinds of document whose originals have page images; the others are text alone."""


class NoOriginal(ArchiveError):
    """The page image cannot be drawn: the original is not kept, or it is a text document."""


@dataclass(frozen=True, slots=True)
class FactView:
    """A fact with where it stands: `before`, `span_text` and `after` are the normalized text around it."""

    kind: FactKind
    id: int
    fields: dict[str, object]
    document_id: int
    source: str
    sha256: str
    document_kind: str
    page: int | None
    before: str
    span_text: str
    after: str
    highlight: PageHighlight | None


def fact_view(archive: Archive, kind: FactKind, fact_id: int) -> FactView:
    """The fact `kind` `fact_id` with its document, page, surrounding text and rectangles."""
    model = _TABLES[kind]
    with archive.session() as s:
        row = s.get(model, fact_id)
        if row is None:
            raise ArchiveError(f"no {kind.value} with id {fact_id}")
        doc = s.get(Document, row.document_id)
        assert doc is not None
        fields = {c.key: getattr(row, c.key) for c in model.__mapper__.column_attrs
                  if c.key not in ("id", "document_id", "position", "char_start", "char_end")}
        texts = list(s.scalars(select(PageRow.text).where(PageRow.document_id == doc.id).order_by(PageRow.number)))
        start, end = row.char_start, row.char_end
        page = row.page
        source, sha, doc_kind, doc_id = doc.source, doc.sha256, doc.kind, doc.id
    before = span_text = after = ""
    highlight = None
    if start is not None and end is not None:
        full = "\f".join(t or "" for t in texts)
        page_start = full.rfind("\f", 0, start) + 1
        page_end = full.find("\f", end)
        page_end = len(full) if page_end < 0 else page_end
        before = full[max(page_start, start - _CONTEXT):start]
        span_text = full[start:end]
        after = full[end:min(page_end, end + _CONTEXT)]
        found = archive.highlights(doc_id, start, end)
        highlight = next((h for h in found if h.page == page), found[0] if found else None)
    return FactView(kind, fact_id, fields, doc_id, source, sha, doc_kind, page, before, span_text, after, highlight)


# pdfium allows one call at a time in a process, whatever the document: `samarkiv serve` renders
# in threads.
_PDFIUM = threading.Lock()
MAX_PIXELS = 40_000_000
"""The most pixels a page image is rendered with, whatever the page's shape."""


def page_image(document_kind: str, original: Path, page: int, scale: float = 2.0,
               max_width: int | None = None) -> Image.Image:
    """Page `page` (from 1) of a kept original as a colour image, RGBX or RGB: a PDF page rendered
    at `scale` pixels a point, a scan as it was scanned; with `max_width`, no wider than that.

    A PDF page is the RGBX pdfium renders into a buffer Python allocated, which Pillow takes as it
    is (a copy into RGB would cost a fifth of the rendering) and which outlives the bitmap's
    handle; the JPEG encoder reads it as RGB."""
    from PIL import Image

    if document_kind == "pdf":
        import pypdfium2 as pdfium

        with _PDFIUM:
            pdf = pdfium.PdfDocument(original)
            try:
                pdf_page = pdf[page - 1]
                width, height = pdf_page.get_size()
                if max_width is not None:
                    scale = min(scale, max_width / width)
                scale = min(scale, (MAX_PIXELS / (width * height)) ** 0.5)
                bitmap = pdf_page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True,
                                         bitmap_maker=pdfium.PdfBitmap.new_native)
                image = bitmap.to_pil()
                bitmap.close()
                pdf_page.close()
            finally:
                pdf.close()
        return image
    with Image.open(original) as img:
        img.seek(page - 1)
        frame = img.convert("RGB")
    if max_width is not None and frame.width > max_width:
        frame = frame.resize((max_width, round(frame.height * max_width / frame.width)), Image.Resampling.BILINEAR)
    return frame


def render_page(view: FactView, originals: Originals | None, out: Path, scale: float = 2.0) -> tuple[int, int]:
    """Writes the fact's page as a PNG with its rectangles outlined; returns the image size in pixels."""
    from PIL import ImageDraw

    if view.document_kind not in PAGE_IMAGE_KINDS:
        raise NoOriginal(f"{view.source} is a {view.document_kind} document: it has text and no page image")
    if originals is None or not originals.has(view.sha256):
        raise NoOriginal(f"the original of {view.source} (sha256 {view.sha256}) is not kept beside the archive")
    if view.page is None:
        raise NoOriginal(f"{view.kind.value} {view.id} has no page")
    image = page_image(view.document_kind, originals.path_for(view.sha256), view.page, scale).convert("RGB")
    if view.highlight is not None and view.highlight.size is not None:
        sx = image.width / view.highlight.size[0]
        sy = image.height / view.highlight.size[1]
        draw = ImageDraw.Draw(image)
        for r in view.highlight.rectangles:
            draw.rectangle((r.x0 * sx - 2, r.top * sy - 2, r.x1 * sx + 2, r.bottom * sy + 2), outline=(220, 0, 0),
                           width=max(2, round(scale)))
    image.save(out, format="PNG")
    return image.width, image.height
