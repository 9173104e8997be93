"""File types are told from content, never from the name."""

from samarkiv.ingest import FileKind, sniff


def test_pdf_png_jpeg_tiff_are_recognised_by_magic_bytes() -> None:
    assert sniff(b"%PDF-1.7\n%\xe2\xe3") is FileKind.PDF
    assert sniff(b"\x89PNG\r\n\x1a\n\x00\x00") is FileKind.IMAGE
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") is FileKind.IMAGE
    assert sniff(b"II*\x00\x08\x00") is FileKind.IMAGE
    assert sniff(b"MM\x00*\x00\x00") is FileKind.IMAGE


def test_text_is_the_fallback() -> None:
    assert sniff("Sammanträdesprotokoll nr 6\n".encode()) is FileKind.TEXT


def test_html_and_office_files_are_named_not_read() -> None:
    assert sniff(b"<!DOCTYPE html><html><body>Protokoll</body></html>") == "an HTML or XML document"
    assert "ZIP" in str(sniff(b"PK\x03\x04\x14\x00"))
