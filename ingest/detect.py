"""Detects what an input file is from its first bytes, never from its name."""

from __future__ import annotations

from .types import FileKind

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)

# Formats people drop in upload folders that are not ours to read; named in the error.
_KNOWN_OTHER = (
    (b"PK\x03\x04", "a ZIP container (docx/xlsx/odt or zip)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office 97-2003 file"),
    (b"{\\rtf", "an RTF file"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)


def sniff(head: bytes) -> FileKind | str:
    """The kind of a file from its first bytes, or a description of what it is if unsupported.

    `head` should be the first 8 KiB or so. Plain text is decided later, when decoding.
    """
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        return FileKind.IMAGE
    for magic, what in _KNOWN_OTHER:
        if head.startswith(magic):
            return what
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg")) or b"<html" in lowered[:256]:
        return "an HTML or XML document"
    return FileKind.TEXT
