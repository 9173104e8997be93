"""Normalize: raw page text → clean NFC Swedish text with a map back to raw page offsets.

ftfy mends mojibake, `repair` mends the Swedish letters OCR lost, `layout` drops page furniture
and undoes wrapping; every step works on `Mapped` text, so each character can cite its page.
"""

from __future__ import annotations

from collections.abc import Sequence

import ftfy

from samarkiv.ingest import Page

from .layout import lay_out, running_headers
from .mapped import Mapped
from .repair import Repairer, apply, iter_lines, known_score, last_word, repair_lines
from .types import Span, Text

__all__ = ["Span", "Text", "normalize_pages", "repair_lines"]


def fix_encoding(text: str) -> str:
    """Mends mojibake ("SÃ¶derÃ¥sens" → "Söderåsens") and composes to NFC; quotes stay curly."""
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC", fix_line_breaks=False)


def _repaired_lines(raw: str, repairer: Repairer, first_word: int) -> list[Mapped]:
    """The page's lines with mojibake and OCR damage mended, each mapped to the raw page."""
    lines: list[Mapped] = []
    word = first_word
    before = ""
    for offset, line in iter_lines(raw):
        fixed = fix_encoding(line)
        edits = repairer.edits(fixed, before)
        if fixed != line:
            lines.append(Mapped.replaced(apply(fixed, edits), offset, offset + len(line), word))
            word += 1
        else:
            parts: list[Mapped] = []
            pos = 0
            for e in edits:
                parts.append(Mapped.copied(line[pos:e.start], offset + pos))
                parts.append(Mapped.replaced(e.text, offset + e.start, offset + e.end, word))
                word += 1
                pos = e.end
            parts.append(Mapped.copied(line[pos:], offset + pos))
            lines.append(Mapped.join(parts))
        if line.strip():
            before = last_word(lines[-1].text)
    return lines


def _knows(word: str) -> bool:
    return known_score(word) is not None


def normalize_pages(pages: Sequence[Page]) -> Text:
    """Normalizes a document's pages into one `Text`, pages separated by a form feed."""
    fixed_pages = [fix_encoding(p.text) for p in pages]
    repairer = Repairer.for_document("\n".join(fixed_pages))
    headers = running_headers(fixed_pages)
    chunks: list[str] = []
    spans: list[Span] = []
    pos = 0
    for page in pages:
        if chunks:
            chunks.append("\f")
            pos += 1
        lines = _repaired_lines(page.text, repairer, first_word=pos)
        text = lay_out(lines, page.number, headers, _knows)
        spans.extend(text.spans(page.number, pos))
        chunks.append(text.text)
        pos += len(text.text)
    return Text(text="".join(chunks), spans=tuple(spans))
