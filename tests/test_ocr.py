"""OCR of scanned pages: accuracy on a generated scan, images, multi-page TIFF, deskew."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from samarkiv.ingest import FileKind, Method, read_bytes
from samarkiv.ingest.ocr import estimate_skew
from samarkiv.synth import ScanStyle, scan_pages, typeset_pdf

from .conftest import requires_ocr, seed_path

pytestmark = requires_ocr


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate, whitespace runs counted as one space."""
    hyp = re.sub(r"\s+", " ", hypothesis).strip()
    ref = re.sub(r"\s+", " ", reference).strip()
    return Levenshtein.distance(hyp, ref) / len(ref)


def test_scan_of_seed_000_reads_with_at_most_two_percent_character_errors(seed_000_pdfs) -> None:
    _, scan = seed_000_pdfs
    source = read_bytes(scan.read_bytes())
    assert {p.method for p in source.pages} == {Method.OCR}
    reference = seed_path("000").read_text(encoding="utf-8")
    assert cer(source.text, reference) <= 0.02
    # Swedish letters survive: these words are in the seed and must come back whole.
    for word in ("Söderåsens", "Åstorp", "Förbundschef", "ersättare", "Övriga"):
        assert word in source.text
    assert all(p.confidence is not None and p.confidence > 80 for p in source.pages)


PAGE_TEXT = ("Protokoll fört vid styrelsens sammanträde\n\n"
             "Styrelsen beslutar att bevilja ansökan om förlängning med 250 000 kr.\n"
             "Förbundschefen får i uppdrag att teckna överenskommelse med Region Örebro län.")


def _scanned_images(text: str, skew: float = 0.0) -> list[Image.Image]:
    return scan_pages(typeset_pdf(text), seed=1, style=ScanStyle(max_skew_degrees=skew))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_png_and_jpeg_images_are_read(fmt: str) -> None:
    image = _scanned_images(PAGE_TEXT)[0]
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=(300, 300))
    source = read_bytes(buffer.getvalue())
    assert source.kind is FileKind.IMAGE
    assert cer(source.text, PAGE_TEXT) < 0.03


def test_multi_page_tiff_gives_one_page_per_frame() -> None:
    pages = _scanned_images(PAGE_TEXT + "\f§ 2 Val av justerare\n\nAnna Berg väljs till justerare.")
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    source = read_bytes(buffer.getvalue())
    assert [p.number for p in source.pages] == [1, 2]
    assert "Anna Berg" in source.pages[1].text and "2 Val av justerare" in source.pages[1].text


def test_skew_is_measured_and_levelling_helps() -> None:
    level = _scanned_images(PAGE_TEXT)[0]
    tilted = level.rotate(4.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(tilted) == pytest.approx(-4.0, abs=0.3)
    from samarkiv.ingest.ocr import ocr_image

    with_deskew = ocr_image(tilted, do_preprocess=True)
    without = ocr_image(tilted, do_preprocess=False)
    assert with_deskew.skew_degrees == pytest.approx(-4.0, abs=0.3)
    assert cer(with_deskew.text, PAGE_TEXT) < cer(without.text, PAGE_TEXT)
    assert cer(with_deskew.text, PAGE_TEXT) < 0.03


def test_a_blank_scanned_page_is_noted_and_not_read() -> None:
    from samarkiv.synth import images_to_pdf

    written = _scanned_images(PAGE_TEXT)[0]
    # A sheet with nothing printed on it, as scanned: paper, blur and a scanner's specks.
    paper = scan_pages(typeset_pdf(" "), seed=2, style=ScanStyle(max_skew_degrees=0.0))[0]
    source = read_bytes(images_to_pdf([written, paper]))
    assert [p.method for p in source.pages] == [Method.OCR, Method.BLANK]
    assert source.pages[1].text == "" and source.pages[1].notes == ("blank page: no ink on the scan, not read by OCR",)
    assert "page 2 is blank and was not read" in source.notes


def test_ocr_word_boxes_lie_where_the_text_layer_puts_the_same_words() -> None:
    pdf = typeset_pdf(PAGE_TEXT)
    layer = read_bytes(pdf).pages[0]
    scan = read_bytes(_png(scan_pages(pdf, seed=1, style=ScanStyle(max_skew_degrees=0.0))[0])).pages[0]
    assert layer.boxes and scan.boxes

    def box(page, word):
        return next(b for b in page.boxes if page.text[b.start:b.end] == word)

    for word in ("Styrelsen", "förlängning", "Örebro"):
        printed, read = box(layer, word), box(scan, word)
        assert read.x0 == pytest.approx(printed.x0, abs=3) and read.x1 == pytest.approx(printed.x1, abs=3)
        assert (read.top + read.bottom) / 2 == pytest.approx((printed.top + printed.bottom) / 2, abs=3)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    return buffer.getvalue()


def test_the_tesseract_library_and_program_read_a_page_alike(monkeypatch) -> None:
    from samarkiv.ingest import ocr

    image = _scanned_images(PAGE_TEXT)[0]
    through_library = ocr.ocr_image(image)
    assert ocr._engine("swe") is ocr._engine("swe")  # loaded once, then reused page after page
    monkeypatch.setattr(ocr, "_library", lambda: None)  # as where tesserocr is not installed
    through_program = ocr.ocr_image(image)
    assert cer(through_library.text, through_program.text) < 0.005
    assert cer(through_library.text, PAGE_TEXT) < 0.03
    assert len(through_library.boxes) == len(through_program.boxes)
