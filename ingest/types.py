"""Types that the ingest stage produces: one `Page` of raw text per page of an input file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Method(StrEnum):
    """How the text of a page was obtained."""

    TEXT_LAYER = "text-layer"
    OCR = "ocr"
    PLAIN = "plain"
    DOCX = "docx"
    ODT = "odt"
    DOC = "doc"
    RTF = "rtf"
    HTML = "html"
    BLANK = "blank"  # nothing on the page to read: no text layer and no ink


class FileKind(StrEnum):
    """The type of an input file, detected from its content, not its name."""

    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"
    DOCX = "docx"
    ODT = "odt"
    DOC = "doc"
    RTF = "rtf"
    HTML = "html"


class WordBox(NamedTuple):
    """Where one word of a page's text sits on the page.

    `start` and `end` are offsets in `Page.text`; the box is in points (1/72 inch) from the
    page's top left corner, `top` above `bottom`.
    """

    start: int
    end: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    """The raw text of one page, with how it was read.

    `number` counts from 1. `confidence` is tesseract's mean word confidence (0–100) for OCR
    pages and None otherwise. `boxes` places each word of `text` on the page, in text order, when
    the page was read from positions (a text layer, OCR); `size` is the page's width and height in
    points. An OCR page's boxes are those of the image tesseract read, which was levelled when the
    scan was tilted. `notes` say what a reader should know about the page ("blank page, not read").
    """

    number: int
    text: str
    method: Method
    confidence: float | None = None
    boxes: tuple[WordBox, ...] | None = field(default=None, compare=False, repr=False)
    size: tuple[float, float] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What the ingest stage may do with a file."""

    lang: str = "swe"
    dpi: int = 300
    max_pages: int = 500
    max_pixels: int = 200_000_000
    max_bytes: int = 512 * 1024 * 1024
    ocr_timeout: float = 180.0
    preprocess: bool = True
    max_unpacked_bytes: int = 256 * 1024 * 1024
    convert_timeout: float = 120.0


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An input file read into pages: what the rest of the pipeline knows of its bytes."""

    sha256: str
    size: int
    kind: FileKind
    pages: tuple[Page, ...]
    encoding: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """All pages' text, pages separated by form feeds."""
        return "\f".join(p.text for p in self.pages)
