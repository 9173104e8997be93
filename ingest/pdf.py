"""Reads PDFs page by page: the text layer where it is usable, OCR of a 300 dpi rendering where not.

Deciding per page lets a mixed PDF (a born-digital agenda with scanned minutes appended) come
out right. The check is cheap: pypdfium2 reads a page's text layer in about a millisecond;
pdfplumber, which is slower but keeps table columns apart, reads only the pages that pass.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from samarkiv.errors import CorruptInput, EmptyInput, EncryptedInput, TooLarge

from .layout import Word, words_to_text
from .ocr import ocr_image
from .types import IngestOptions, Method, Page

_CID = re.compile(r"\(cid:\d+\)")


def text_layer_is_usable(text: str) -> bool:
    """True when a page's text layer is real text, not absent, (cid:NN) runs or symbol soup."""
    stripped = _CID.sub("", text)
    cid_chars = len(text) - len(stripped)
    visible = [c for c in stripped if not c.isspace()]
    if len(visible) < 20:
        return False
    if cid_chars > 0.2 * len(text):
        return False
    letters = sum(1 for c in visible if c.isalpha())
    return letters / len(visible) >= 0.5


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


def _plumber_text(plumber_page) -> str:
    words = plumber_page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    return words_to_text(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words)


def read_pdf(data: bytes, options: IngestOptions) -> Iterator[Page]:
    """Yields the pages of a PDF, each read by the cheapest method that gives real text."""
    import pdfplumber

    doc = _open(data)
    try:
        n = len(doc)
        if n == 0:
            raise EmptyInput("the PDF has no pages")
        if n > options.max_pages:
            raise TooLarge(f"the PDF has {n} pages, over the limit of {options.max_pages} (--max-pages)")
        plumber = None
        try:
            for index in range(n):
                page = doc[index]
                textpage = page.get_textpage()
                quick = textpage.get_text_range()
                textpage.close()
                if text_layer_is_usable(quick):
                    if plumber is None:
                        plumber = pdfplumber.open(io.BytesIO(data))
                    yield _text_layer_page(plumber, index)
                else:
                    yield _ocr_pdf_page(page, index + 1, options)
                page.close()
        finally:
            if plumber is not None:
                plumber.close()
    finally:
        doc.close()


def read_pdf_page(data: bytes, index: int, options: IngestOptions) -> Page:
    """Reads one page (0-based `index`) of a PDF, as `read_pdf` would: so that the pages of a
    large scan can be read by several processes at once and put back together in order."""
    import pdfplumber

    doc = _open(data)
    try:
        if not 0 <= index < len(doc):
            raise EmptyInput(f"the PDF has no page {index + 1}")
        page = doc[index]
        try:
            textpage = page.get_textpage()
            quick = textpage.get_text_range()
            textpage.close()
            if not text_layer_is_usable(quick):
                return _ocr_pdf_page(page, index + 1, options)
        finally:
            page.close()
    finally:
        doc.close()
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        return _text_layer_page(plumber, index)


def _text_layer_page(plumber, index: int) -> Page:
    text = _plumber_text(plumber.pages[index])
    plumber.pages[index].flush_cache()
    return Page(number=index + 1, text=text, method=Method.TEXT_LAYER)


def _ocr_pdf_page(page, number: int, options: IngestOptions) -> Page:
    width, height = page.get_size()  # points
    scale = options.dpi / 72
    pixels = width * scale * height * scale
    if pixels > options.max_pixels:
        raise TooLarge(f"page {number} would render to {pixels / 1e6:.0f} megapixels at {options.dpi} dpi, "
                       f"over the limit of {options.max_pixels / 1e6:.0f}")
    image = _scanned_image(page, options.dpi) or page.render(scale=scale, grayscale=True).to_pil()
    result = ocr_image(image, options.lang, do_preprocess=options.preprocess, timeout=options.ocr_timeout)
    return Page(number=number, text=result.text, method=Method.OCR, confidence=result.confidence)


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

