"""Re-derives an archive's facts from the text it already holds, without reading a file or
running OCR: after a change to normalize or extract, old documents catch up in seconds.

`Stage.NORMALIZE` re-runs normalize and extract from each page's stored raw text (and rewrites
the log of what repair changed);
`Stage.EXTRACT` re-runs extract from the stored normalized text. Each document is rewritten in
one transaction, with its pipeline version, full-text index and mentions.

Pages archived before word boxes were kept get theirs from the kept original (`fill_boxes`):
a text layer is read again in milliseconds, a scanned page by OCR again, and the boxes are put
on the archived text where the words read again match it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sqlalchemy import select

from samarkiv import PIPELINE_VERSION
from samarkiv.errors import SamarkivError
from samarkiv.ingest import IngestOptions, Method, Page, read_pdf_page
from samarkiv.ingest.image import read_image
from samarkiv.normalize import Span, Text, normalize_pages
from samarkiv.pipeline import extract
from samarkiv.show import PAGE_IMAGE_KINDS
from samarkiv.store import Archive
from samarkiv.store.boxes import align, pack
from samarkiv.store.models import Document, PageRow
from samarkiv.store.originals import Originals


class Stage(StrEnum):
    """Where reprocessing starts."""

    NORMALIZE = "normalize"
    EXTRACT = "extract"


@dataclass(slots=True)
class Reprocessed:
    """What a reprocess run did: documents rewritten, those that failed (source, reason), and
    pages given word boxes from their originals or left without (`boxes_missed`: read again,
    their words did not match the archived text, or the original could not be read; those
    are in `boxes_unread` with the reason)."""

    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    boxes_filled: int = 0
    boxes_missed: int = 0
    boxes_unread: list[tuple[str, str]] = field(default_factory=list)


def stale_documents(archive: Archive, everything: bool = False) -> list[int]:
    """Ids of the documents derived by another pipeline version than this one (all with `everything`)."""
    query = select(Document.id).order_by(Document.id)
    if not everything:
        query = query.where(Document.pipeline_version != PIPELINE_VERSION)
    with archive.session() as s:
        return list(s.scalars(query))


def stored_text(page_numbers: Sequence[int], page_texts: Sequence[str]) -> Text:
    """A `Text` from normalized page texts as the archive stores them: each page maps to itself.

    The offsets within a page no longer point into its raw text; extract needs only the page
    of an offset, which this keeps exact."""
    spans: list[Span] = []
    pos = 0
    for number, page_text in zip(page_numbers, page_texts, strict=True):
        if page_text:
            spans.append(Span(pos, pos + len(page_text), number, 0, len(page_text)))
        pos += len(page_text) + 1
    return Text(text="\f".join(page_texts), spans=tuple(spans))


def reprocess_document(archive: Archive, document_id: int, stage: Stage) -> None:
    """Re-derives one document's facts from its stored text and replaces them."""
    with archive.session() as s:
        rows = list(s.scalars(select(PageRow).where(PageRow.document_id == document_id).order_by(PageRow.number)))
    if stage is Stage.NORMALIZE or any(row.text is None for row in rows):
        text = normalize_pages([Page(r.number, r.raw_text, Method(r.method), r.confidence) for r in rows])
        archive.replace_facts(document_id, extract(text), text)
    else:
        archive.replace_facts(document_id, extract(stored_text([r.number for r in rows], [r.text or "" for r in rows])))


# Pages read from positions, which have word boxes when read again.
_BOXED = (Method.TEXT_LAYER.value, Method.OCR.value)


def _read_again(kind: str, data: bytes, numbers: Sequence[int], options: IngestOptions) -> Iterator[Page]:
    """Pages `numbers` of an original, read as ingest reads them."""
    if kind == "pdf":
        for number in numbers:
            yield read_pdf_page(data, number - 1, options)
        return
    for page in read_image(data, options):  # a multi-page scan is read frame by frame, in order
        if page.number in numbers:
            yield page
        if page.number >= numbers[-1]:
            return


@dataclass(frozen=True, slots=True)
class BoxesFilled:
    """Pages of a document given word boxes from the original, pages left without, and why
    reading the original stopped, if it did."""

    filled: int = 0
    missed: int = 0
    reason: str | None = None


def fill_boxes(archive: Archive, document_id: int, originals: Originals,
               options: IngestOptions | None = None) -> BoxesFilled:
    """Gives the pages of a document that were archived without word boxes theirs, read again
    from the kept original and put on the archived raw text (see `boxes.align`). A document
    whose original is not kept, or that has no page images, is left as it is."""
    with archive.session() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            return BoxesFilled()
        kind, sha256 = doc.kind, doc.sha256
        wanted = {number: raw for number, raw in s.execute(select(PageRow.number, PageRow.raw_text).where(
            PageRow.document_id == document_id, PageRow.boxes.is_(None), PageRow.method.in_(_BOXED)))}
    if not wanted or kind not in PAGE_IMAGE_KINDS or not originals.has(sha256):
        return BoxesFilled()
    data = originals.path_for(sha256).read_bytes()
    packed: dict[int, bytes] = {}
    reason = None
    try:
        for page in _read_again(kind, data, sorted(wanted), options or IngestOptions()):
            boxes = align(wanted[page.number], page)
            blob = pack(replace(page, boxes=boxes)) if boxes is not None else None
            if blob is not None:
                packed[page.number] = blob
    except SamarkivError as exc:  # the pages read before keep their boxes
        reason = str(exc)
    archive.keep_boxes(document_id, packed)
    return BoxesFilled(len(packed), len(wanted) - len(packed), reason)


def _source(archive: Archive, document_id: int) -> str:
    with archive.session() as s:
        return s.scalar(select(Document.source).where(Document.id == document_id)) or str(document_id)


def reprocess(archive: Archive, stage: Stage = Stage.EXTRACT, everything: bool = False,
              on_progress: Callable[[int, int], None] | None = None,
              originals: Originals | None = None) -> Reprocessed:
    """Reprocesses the stale documents (all with `everything`); a document that fails is named
    and left as it was, and the others go on. With `originals`, pages without word boxes get
    them first (`fill_boxes`)."""
    ids = stale_documents(archive, everything)
    done = Reprocessed()
    for n, document_id in enumerate(ids, 1):
        try:
            if originals is not None:
                boxes = fill_boxes(archive, document_id, originals)
                done.boxes_filled += boxes.filled
                done.boxes_missed += boxes.missed
                if boxes.reason is not None:
                    done.boxes_unread.append((_source(archive, document_id), boxes.reason))
            reprocess_document(archive, document_id, stage)
            done.documents += 1
        except Exception as exc:
            done.failed.append((_source(archive, document_id), f"{type(exc).__name__}: {exc}"))
        if on_progress:
            on_progress(n, len(ids))
    return done
