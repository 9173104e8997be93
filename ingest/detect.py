"""Detects what an input file is from its content, never from its name.

`sniff` decides from the first bytes; `identify` also looks inside the containers that office
files are (a DOCX or an ODT is a ZIP, a legacy .doc an OLE compound file), reading their
directories only, never their contents.
"""

from __future__ import annotations

import io
import re
import zipfile

from samarkiv.errors import CorruptInput, EncryptedInput

from .types import FileKind

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Formats people drop in upload folders that are not ours to read; named in the error.
_KNOWN_OTHER = (
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_HTML_START = re.compile(rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.S)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
# Other members of the families, named so that the error says what the file is.
_OTHER_OFFICE = (
    ("xl/workbook.xml", "an Excel workbook (xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (pptx)"),
)


def sniff(head: bytes) -> FileKind | str:
    """The kind of a file from its first bytes, or a description of what it is if unsupported.

    `head` should be the first 8 KiB or so. Plain text is decided later, when decoding; a ZIP or
    OLE container is only described here, `identify` looks inside it.
    """
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        return FileKind.IMAGE
    if head.startswith(ZIP_MAGIC):
        return "a ZIP container"
    if head.startswith(OLE_MAGIC):
        return "an MS Office 97-2003 file"
    if head.startswith(b"{\\rtf"):
        return FileKind.RTF
    for magic, what in _KNOWN_OTHER:
        if head.startswith(magic):
            return what
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if _HTML_START.match(lowered) or (lowered.startswith(b"<?xml") and b"<html" in lowered):
        return FileKind.HTML
    if lowered.startswith((b"<?xml", b"<svg")):
        return "an XML document"
    return FileKind.TEXT


def identify(data: bytes) -> FileKind | str:
    """The kind of a whole file: `sniff`, then a look at the directory of a ZIP or OLE file.

    Raises `EncryptedInput` for a password-protected office file and `CorruptInput` for a ZIP
    or OLE file whose directory cannot be read.
    """
    kind = sniff(data[:8192])
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    return kind


def _zip_kind(data: bytes) -> FileKind | str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return FileKind.DOCX
            mimetype = archive.read("mimetype")[:200].strip() if "mimetype" in names else b""
            if mimetype == _ODF_TEXT:
                return FileKind.ODT
            if mimetype.startswith(b"application/vnd.oasis.opendocument."):
                return f"an OpenDocument file of type {mimetype.decode('ascii', 'replace')}"
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptInput(f"a damaged ZIP container (truncated or broken: {exc})") from exc
    for name, what in _OTHER_OFFICE:
        if name in names:
            return what
    return "a ZIP archive"


def _ole_kind(data: bytes) -> FileKind | str:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except OSError as exc:
        raise CorruptInput(f"a damaged MS Office 97-2003 file ({exc})") from exc
    try:
        if ole.exists("EncryptedPackage"):
            raise EncryptedInput("the Office document is protected by a password")
        if ole.exists("WordDocument"):
            fib = ole.openstream("WordDocument").read(12)
            # The FIB's fEncrypted flag: bit 8 of the 16-bit word at offset 10.
            if len(fib) == 12 and int.from_bytes(fib[10:12], "little") & 0x0100:
                raise EncryptedInput("the Word document is protected by a password")
            return FileKind.DOC
        if ole.exists("Workbook") or ole.exists("Book"):
            return "an Excel 97-2003 workbook (xls)"
        if ole.exists("PowerPoint Document"):
            return "a PowerPoint 97-2003 presentation (ppt)"
        return "an OLE compound file that is not a Word document"
    finally:
        ole.close()
