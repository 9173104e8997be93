"""A PDF's own character boxes, read with pypdfium2, for tests that check where samarkiv puts a
fact's words against where the PDF says they are."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pypdfium2 as pdfium

Box = tuple[float, float, float, float]


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding all of `boxes` (x0, top, x1, bottom)."""
    listed = list(boxes)
    return (min(b[0] for b in listed), min(b[1] for b in listed), max(b[2] for b in listed),
            max(b[3] for b in listed))


def pdf_word_boxes(pdf: Path, page_number: int, phrase: str) -> list[Box]:
    """pdfium's loose character boxes of `phrase` on a page, in points from the top left."""
    doc = pdfium.PdfDocument(pdf)
    page = doc[page_number - 1]
    height = page.get_height()
    textpage = page.get_textpage()
    found = textpage.search(phrase).get_next()
    assert found is not None, phrase
    index, count = found
    # Boxes are kept per word: the last word runs on to its end ("kr." with its full stop).
    end = index + count
    while end < textpage.count_chars() and not textpage.get_text_range(end, 1).isspace():
        end += 1
    out = []
    for i in range(index, end):
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right > left:
            out.append((left, height - top, right, height - bottom))
    return out
