"""Re-derives an archive's facts from the text it already holds, without reading a file or
running OCR: after a change to normalize or extract, old documents catch up in seconds.

`Stage.NORMALIZE` re-runs normalize and extract from each page's stored raw text (and rewrites
the log of what repair changed);
`Stage.EXTRACT` re-runs extract from the stored normalized text. Each document is rewritten in
one transaction, with its pipeline version, full-text index and mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select

from samarkiv import PIPELINE_VERSION
from samarkiv.ingest import Method, Page
from samarkiv.normalize import Span, Text, normalize_pages
from samarkiv.pipeline import extract
from samarkiv.store import Archive
from samarkiv.store.models import Document, PageRow


class Stage(StrEnum):
    """Where reprocessing starts."""

    NORMALIZE = "normalize"
    EXTRACT = "extract"


@dataclass(slots=True)
class Reprocessed:
    documents: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


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
    page_texts: list[str] | None = None
    if stage is Stage.NORMALIZE or any(row.text is None for row in rows):
        text = normalize_pages([Page(r.number, r.raw_text, Method(r.method), r.confidence) for r in rows])
        page_texts = text.page_texts()
    else:
        text = stored_text([r.number for r in rows], [r.text or "" for r in rows])
    archive.replace_facts(document_id, extract(text), page_texts, text.changes)


def reprocess(archive: Archive, stage: Stage = Stage.EXTRACT, everything: bool = False,
              on_progress: Callable[[int, int], None] | None = None) -> Reprocessed:
    """Reprocesses the stale documents (all with `everything`); a document that fails is named
    and left as it was, and the others go on."""
    ids = stale_documents(archive, everything)
    done = Reprocessed()
    for n, document_id in enumerate(ids, 1):
        try:
            reprocess_document(archive, document_id, stage)
            done.documents += 1
        except Exception as exc:
            with archive.session() as s:
                source = s.scalar(select(Document.source).where(Document.id == document_id)) or str(document_id)
            done.failed.append((source, f"{type(exc).__name__}: {exc}"))
        if on_progress:
            on_progress(n, len(ids))
    return done
