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
