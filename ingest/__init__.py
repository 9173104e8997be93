"""Ingest: input files → pages of raw text with provenance.

`read_source` reads one file of any supported kind (PDF, image, plain text, Word and
OpenDocument documents, RTF, saved web pages) into a `SourceFile` of `Page`s. It is a pure
function of the bytes and the options; the batch runner around it decides what to read and
where the results go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from samarkiv.errors import CorruptInput, EmptyInput, SamarkivError, TooLarge, UnsupportedInput

from .detect import identify, sniff
from .html import read_html
from .image import read_image
from .language import looks_swedish
from .office import read_docx, read_odt
from .pdf import count_pages, read_pdf, read_pdf_page, text_layer_is_usable
from .text import decode, read_text
from .types import FileKind, IngestOptions, Method, Page, SourceFile

__all__ = ["FileKind", "IngestOptions", "Method", "Page", "SourceFile", "count_pages", "decode", "hash_file",
           "identify", "read_bytes", "read_pdf_page", "read_source", "sniff", "source_from_pages",
           "text_layer_is_usable"]

_CHUNK = 1 << 20


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _too_large(size: int, options: IngestOptions) -> str:
    return f"the file is {size / 2**20:.0f} MiB, over the limit of {options.max_bytes / 2**20:.0f} MiB"


def read_bytes(data: bytes, options: IngestOptions | None = None) -> SourceFile:
    """Reads an input held in memory into pages."""
    options = options or IngestOptions()
    if not data:
        raise EmptyInput("the file is empty (0 bytes)")
    if len(data) > options.max_bytes:
        raise TooLarge(_too_large(len(data), options))
    sha = hashlib.sha256(data).hexdigest()
    kind = identify(data)
    encoding = None
    if kind is FileKind.PDF:
        pages = list(read_pdf(data, options))
    elif kind is FileKind.IMAGE:
        pages = list(read_image(data, options))
    elif kind is FileKind.TEXT:
        pages, encoding = read_text(data)
    elif kind is FileKind.DOCX:
        pages = read_docx(data, options)
    elif kind is FileKind.ODT:
        pages = read_odt(data, options)
    elif kind is FileKind.DOC or kind is FileKind.RTF:
        pages = _read_legacy(data, kind, options)
    elif kind is FileKind.HTML:
        pages = read_html(data, options)
    else:
        raise UnsupportedInput(f"unsupported file type: {kind}; samarkiv reads PDF, PNG, JPEG, TIFF, text, "
                               "Word (docx, doc), OpenDocument text (odt), RTF and HTML")
    return source_from_pages(sha, len(data), FileKind(kind), pages, encoding)


def _read_legacy(data: bytes, kind: FileKind, options: IngestOptions) -> list[Page]:
    """A .doc or RTF file, converted to DOCX by LibreOffice and read as one."""
    from .convert import convert

    converted = convert(data, f".{kind.value}", "docx", options.convert_timeout)
    return read_docx(converted, options, Method(kind.value))


def source_from_pages(sha256: str, size: int, kind: FileKind, pages: Sequence[Page],
                      encoding: str | None = None) -> SourceFile:
    """A `SourceFile` from pages read one by one (perhaps by several processes), in page order."""
    ordered = tuple(sorted(pages, key=lambda p: p.number))
    if not any(p.text.strip() for p in ordered):
        raise EmptyInput(f"no text found on any of its {len(ordered)} page(s)")
    notes: tuple[str, ...] = ()
    if looks_swedish("\n".join(p.text for p in ordered)) is False:
        notes = ("the text does not look Swedish (more English than Swedish function words); "
                 "archived, but extraction is made for Swedish minutes and reports",)
    blank = [str(p.number) for p in ordered if p.method is Method.BLANK]
    if blank:
        which = f"page {blank[0]} is" if len(blank) == 1 else f"pages {', '.join(blank)} are"
        notes += (f"{which} blank and {'was' if len(blank) == 1 else 'were'} not read",)
    return SourceFile(sha256=sha256, size=size, kind=kind, pages=ordered, encoding=encoding, notes=notes)


def read_source(path: Path, options: IngestOptions | None = None) -> SourceFile:
    """Reads one input file into pages; every error names the file."""
    try:
        if path.is_dir():
            raise UnsupportedInput("is a directory")
        options = options or IngestOptions()
        try:
            size = path.stat().st_size
            if size > options.max_bytes:
                raise TooLarge(_too_large(size, options))
            data = path.read_bytes()
        except OSError as exc:
            raise CorruptInput(f"cannot read the file: {exc.strerror or exc}") from exc
        return read_bytes(data, options)
    except SamarkivError as exc:
        raise exc.with_path(path) from None
