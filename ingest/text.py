"""Reads plain-text inputs: UTF-8, or legacy cp1252/latin-1 as old OCR exports often are."""

from __future__ import annotations

import unicodedata

from samarkiv.errors import EmptyInput, UnsupportedInput

from .types import Method, Page


def decode(data: bytes) -> tuple[str, str]:
    """Decodes text bytes to NFC `str`; returns (text, encoding).

    UTF-8 (with or without BOM) and UTF-16 with BOM are tried first; otherwise cp1252, which
    is a superset of latin-1 for printable text. Bytes that look binary are refused.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data[:65536]:
            raise UnsupportedInput("binary data (NUL bytes), not a text, PDF or image file")
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    _refuse_binary(text)
    return unicodedata.normalize("NFC", text), encoding


def _refuse_binary(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    control = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r\f")
    if control / len(sample) > 0.02:
        raise UnsupportedInput("binary data, not a text, PDF or image file")


def read_text(data: bytes) -> tuple[list[Page], str]:
    """Splits decoded text into pages on form feeds (as pdftotext writes them)."""
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInput("the text file holds only whitespace")
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()
    return [Page(number=i, text=chunk, method=Method.PLAIN) for i, chunk in enumerate(chunks, 1)], encoding
