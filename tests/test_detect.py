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


def test_html_and_rtf_are_recognised_by_their_opening() -> None:
    assert sniff(b"<!DOCTYPE html><html><body>Protokoll</body></html>") is FileKind.HTML
    assert sniff(b"\n<html lang=\"sv\"><head><title>Protokoll</title>") is FileKind.HTML
    assert sniff(b"{\\rtf1\\ansi\\ansicpg1252 Protokoll}") is FileKind.RTF
    assert sniff(b"<?xml version=\"1.0\"?><faktura/>") == "an XML document"


def test_containers_are_named_until_their_directory_is_read() -> None:
    assert "ZIP" in str(sniff(b"PK\x03\x04\x14\x00"))
    assert sniff(b"SQLite format 3\x00\x10\x00") == "an SQLite database"
