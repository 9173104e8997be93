"""Reads PDFs page by page: the text layer where it is usable, OCR of a 300 dpi rendering where not.

Deciding per page lets a mixed PDF (a born-digital agenda with scanned minutes appended) come
out right. Text layers are read through pypdfium2's text page, characters with their boxes,
in a few milliseconds a page; the boxes keep table columns apart (`layout.lay_out`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from samarkiv.errors import CorruptInput, EmptyInput, EncryptedInput, TooLarge

from .layout import Word, lay_out
from .ocr import ocr_image, ocr_page
from .types import IngestOptions, Method, Page

_CID = re.compile(r"\(cid:\d+\)")
_LINE_END_HYPHENS = frozenset("\ufffe\x02")


# Runs of three or more leader or rule characters, spaced or not: the dots that lead a table of
# contents' headings to their page numbers ("Sammanfattning ........ 3") and the underscores,
# dashes and bars some producers draw table rules with. They are typography, not symbol soup.
_LEADERS = re.compile(r"(?:[.·…_\-–—=─━│┃|](?:[ \t\xa0]?)){3,}")
# A number as tables and tables of contents print it: a page number, an amount ("-618 174",
# "3 084 000 kr" in two tokens), a date ("2019-01-01"), a share ("12,5%"), a § reference ("§ 34").
_NUMBER = re.compile(r"[(\-−–+]?(?:§|\d[\d.,:/\-–]*)[%)]?[.,:;]?")
_WHITESPACE = re.compile(r"\s")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_EDGE_PUNCTUATION = "()[]\"'”’«»,.:;!?"


def _is_word(token: str) -> bool:
    core = token.strip(_EDGE_PUNCTUATION)
    # Latin letters only: a font whose characters map to the wrong code points gives letters too,
    # but seldom Latin ones.
    letters = sum(1 for c in core if c.isalpha() and c < "\u0250")
    return letters >= 1 and letters * 2 >= len(core)


def text_layer_is_usable(text: str) -> bool:
    """True when a page's text layer is real text, not absent, (cid:NN) runs or symbol soup.

    Words and numbers are real; tables of contents, page-number columns and tables drawn with
    rule characters stay real text, as leaders and rules are left out before the text is judged.
    """
    stripped = _CID.sub("", text)
    if len(text) - len(stripped) > 0.2 * len(text):
        return False
    visible = len(stripped) - len(_WHITESPACE.findall(stripped))
    if visible >= 20 and 2 * len(_LATIN_LETTER.findall(stripped)) >= visible:
        return True  # mostly letters: running text, whatever else the page holds
    tokens = _LEADERS.sub(" ", stripped).split()
    if sum(len(t) for t in tokens) < 20:
        return False
    words = sum(1 for t in tokens if _is_word(t))
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t) and not _is_word(t))
    return words >= 2 and words + numbers >= 0.75 * len(tokens)


def _open(data: bytes | str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise EncryptedInput("the PDF is encrypted and needs a password") from exc
        if "format" in message or "file" in message:
            raise CorruptInput(f"not a readable PDF (truncated or damaged: {exc})") from exc
        raise CorruptInput(f"the PDF cannot be read: {exc}") from exc


def count_pages(data: bytes | Path) -> int:
    """The number of pages of a PDF, given as bytes or as a file (read lazily, not whole)."""
    doc = _open(str(data) if isinstance(data, Path) else data)
    try:
        return len(doc)
    finally:
        doc.close()


def _read_page(page, number: int, options: IngestOptions) -> Page:
    """One page by the cheapest method that gives real text: its text layer, else OCR.

    A short text layer ("Utdragsbestyrkande" alone on a page) is all there is to read when the
    page holds no picture, and a page with nothing on it at all is not rendered.
    """
    textpage = page.get_textpage()
    try:
        layer = textpage.get_text_range()
        if text_layer_is_usable(layer) or (any(_is_word(t) for t in layer.split()) and not _holds_image(page)):
            return _text_layer_page(page, textpage, number)
    finally:
        textpage.close()
    if not layer.strip() and not any(True for _ in page.get_objects(max_depth=1)):
        return Page(number=number, text="", method=Method.BLANK, size=page.get_size(), boxes=(),
                    notes=("blank page: nothing is drawn on it",))
    return _ocr_pdf_page(page, number, options)


def _holds_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for o in page.get_objects(max_depth=2))


def read_pdf(data: bytes, options: IngestOptions) -> Iterator[Page]:
    """Yields the pages of a PDF, each read by the cheapest method that gives real text."""
    doc = _open(data)
    try:
        n = len(doc)
        if n == 0:
            raise EmptyInput("the PDF has no pages")
        if n > options.max_pages:
            raise TooLarge(f"the PDF has {n} pages, over the limit of {options.max_pages} (--max-pages)")
        for index in range(n):
            page = doc[index]
            try:
                yield _read_page(page, index + 1, options)
            finally:
                page.close()
    finally:
        doc.close()


def read_pdf_page(data: bytes, index: int, options: IngestOptions) -> Page:
    """Reads one page (0-based `index`) of a PDF, as `read_pdf` would: so that the pages of a
    large scan can be read by several processes at once and put back together in order."""
    doc = _open(data)
    try:
        if not 0 <= index < len(doc):
            raise EmptyInput(f"the PDF has no page {index + 1}")
        page = doc[index]
        try:
            return _read_page(page, index + 1, options)
        finally:
            page.close()
    finally:
        doc.close()


# A word of a text layer: a run of characters up to whitespace, or up to and with pdfium's mark
# for a hyphen that ends a line (U+FFFE, or U+0002 in older builds); pdfium runs such a word on
# into the next line's characters, so the hyphen ends the word on its own line.
_LAYER_WORD = re.compile(r"[^\s\ufffe\x02]*[\ufffe\x02]|[^\s\ufffe\x02]+")


def text_layer_words(textpage, height: float) -> list[Word]:
    """The words of a pypdfium2 text page with their boxes, in points from the top left corner.

    A word is a run of characters between whitespace, real or the spaces and line breaks pdfium
    puts in where glyphs stand apart. Boxes are pdfium's loose character boxes, as high as the
    font's ascent and descent, so the words of one line share a height whatever their letters;
    a word's box spans its first and last characters' boxes.
    """
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # characters outside the Basic Multilingual Plane: read one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    raw = textpage.raw
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    first, last = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    words: list[Word] = []
    for match in _LAYER_WORD.finditer(text):
        start, end = match.span()
        loose_box(raw, start, first)
        loose_box(raw, end - 1, last)
        if first.right <= first.left or last.right <= last.left:
            # A glyph with no extent at an end (a control character, a hyphen mark with no ink).
            word = _word_of_inked_characters(textpage, text, start, end, height)
            if word is not None:
                words.append(word)
            continue
        letters = match.group()
        if letters[-1] in _LINE_END_HYPHENS:
            letters = letters[:-1] + "-"
        words.append(Word(letters, min(first.left, last.left), max(first.right, last.right),
                          height - max(first.top, last.top), height - min(first.bottom, last.bottom)))
    return words


def _word_of_inked_characters(textpage, text: str, start: int, end: int, height: float) -> Word | None:
    """The word of `text[start:end]` made of its characters that have an extent on the page."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    letters: list[str] = []
    x0 = x1 = top = bottom = 0.0
    for index in range(start, end):
        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, rect)
        if rect.right <= rect.left:
            continue
        if not letters:
            x0, x1, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        else:
            x0, x1 = min(x0, rect.left), max(x1, rect.right)
            top, bottom = max(top, rect.top), min(bottom, rect.bottom)
        letters.append("-" if text[index] in _LINE_END_HYPHENS else text[index])
    return Word("".join(letters), x0, x1, height - top, height - bottom) if letters else None


def _text_layer_page(page, textpage, number: int) -> Page:
    width, height = page.get_size()
    text, boxes = lay_out(text_layer_words(textpage, height))
    return Page(number=number, text=text, method=Method.TEXT_LAYER, boxes=boxes, size=(width, height))


def _ocr_pdf_page(page, number: int, options: IngestOptions) -> Page:
    width, height = page.get_size()  # points
    scale = options.dpi / 72
    pixels = width * scale * height * scale
    if pixels > options.max_pixels:
        raise TooLarge(f"page {number} would render to {pixels / 1e6:.0f} megapixels at {options.dpi} dpi, "
                       f"over the limit of {options.max_pixels / 1e6:.0f}")
    image = _scanned_image(page, options.dpi) or page.render(scale=scale, grayscale=True).to_pil()
    result = ocr_image(image, options.lang, do_preprocess=options.preprocess, timeout=options.ocr_timeout,
                       dpi=options.dpi)
    return ocr_page(number, result, (width, height))


def _scanned_image(page, dpi: int):
    """The page's own picture when the page is nothing but one scan at `dpi`, else None.

    Decoding the embedded image gives the scanner's pixels in a third of the time of rendering
    the page, which would only copy them. Anything the renderer would change (page rotation, a
    second object, transparency, an offset, a palette, a resolution other than `dpi`) falls back
    to rendering.
    """
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() != 0:
        return None
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    picture = objects[0]
    if pdfium_c.FPDFPageObj_HasTransparency(picture.raw):
        return None
    meta = picture.get_metadata()
    plain = {(pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, 8), (pdfium_c.FPDF_COLORSPACE_DEVICERGB, 24)}
    if (meta.colorspace, meta.bits_per_pixel) not in plain:  # palettes, bilevel and CMYK are rendered
        return None
    left, bottom, right, top = page.get_cropbox()
    matrix = picture.get_matrix()
    if (abs(matrix.b) > 1e-3 or abs(matrix.c) > 1e-3 or abs(matrix.e - left) > 0.5 or abs(matrix.f - bottom) > 0.5
            or abs(matrix.a - (right - left)) > 0.5 or abs(matrix.d - (top - bottom)) > 0.5):
        return None
    if abs(meta.width / (matrix.a / 72) - dpi) > 0.01 * dpi or abs(meta.height / (matrix.d / 72) - dpi) > 0.01 * dpi:
        return None
    image = picture.get_bitmap(render=False).to_pil()
    return image if image.mode == "L" else image.convert("L")

