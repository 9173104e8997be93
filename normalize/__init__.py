"""Normalize: raw page text → clean NFC Swedish text with a map back to raw page offsets."""

from __future__ import annotations

from collections.abc import Sequence

import ftfy

from samarkiv.ingest import Page

from .types import Span, Text

__all__ = ["Span", "Text", "normalize_pages"]


def _fix(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def normalize_pages(pages: Sequence[Page]) -> Text:
    """Normalizes a document's pages into one `Text`."""
    chunks: list[str] = []
    spans: list[Span] = []
    pos = 0
    for page in pages:
        fixed = _fix(page.text)
        if chunks:
            chunks.append("\f")
            pos += 1
        spans.append(Span(pos, pos + len(fixed), page.number, 0, len(page.text)))
        chunks.append(fixed)
        pos += len(fixed)
    return Text(text="".join(chunks), spans=tuple(spans))
