"""Types that the ingest stage produces: one `Page` of raw text per page of an input file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True, slots=True)
class Page:
    """The raw text of one page, with how it was read.

    `number` counts from 1. `confidence` is tesseract's mean word confidence (0–100) for OCR
    pages and None otherwise.
    """

    number: int
    text: str
    method: Method
    confidence: float | None = None


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
