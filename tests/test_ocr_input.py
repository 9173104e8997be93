"""How a page reaches tesseract: the scan's own pixels, one tesseract run, its word table read back."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from samarkiv.errors import CorruptInput, OcrUnavailable
from samarkiv.ingest.ocr import ocr_image, words_from_tsv
from samarkiv.ingest.pdf import _scanned_image
from samarkiv.synth import ScanStyle, images_to_pdf, scan_pages, typeset_pdf

from .conftest import requires_ocr

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t247\t217\t1977\t50\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t247\t227\t77\t34\t96.358688\tStyrelsen\n"
    "5\t1\t1\t1\t1\t2\t340\t226\t90\t34\t91.5\tbeslutar\n"
    "5\t1\t1\t1\t1\t3\t440\t226\t10\t34\t95\t \n"
)


def test_word_table_gives_words_with_boxes_and_their_confidences() -> None:
    words, confs = words_from_tsv(TSV)
    assert [w.text for w in words] == ["Styrelsen", "beslutar"]
    assert (words[0].x0, words[0].x1, words[0].top, words[0].bottom) == (247, 324, 227, 261)
    assert confs == [96.358688, 91.5]


@pytest.fixture(scope="module")
def scan() -> tuple[bytes, np.ndarray]:
    """A one-page scanned PDF and the pixels of the scan inside it."""
    image = scan_pages(typeset_pdf("Protokoll fört vid styrelsens sammanträde"), seed=2,
                       style=ScanStyle(max_skew_degrees=0))[0]
    return images_to_pdf([image]), np.asarray(image, dtype=np.int16)


def test_a_page_that_is_one_scan_is_read_from_the_scan_itself(scan) -> None:
    data, pixels = scan
    page = pdfium.PdfDocument(data)[0]
    image = _scanned_image(page, 300)
    assert image is not None and image.mode == "L"
    assert image.size == (pixels.shape[1], pixels.shape[0])
    # The PDF stores the scan as JPEG, so pixels differ by compression noise only.
    assert np.abs(np.asarray(image, dtype=np.int16) - pixels).mean() < 2


def test_a_scan_at_another_resolution_or_a_typeset_page_is_rendered(scan) -> None:
    data, _ = scan
    assert _scanned_image(pdfium.PdfDocument(data)[0], 200) is None
    born = pdfium.PdfDocument(typeset_pdf("Protokoll fört vid styrelsens sammanträde"))[0]
    assert _scanned_image(born, 300) is None


@requires_ocr
def test_missing_language_data_is_named() -> None:
    with pytest.raises(OcrUnavailable, match="no language data for xyz"):
        ocr_image(Image.new("L", (200, 100), 255), "swe+xyz")


@requires_ocr
def test_a_page_over_the_time_limit_fails_with_a_reason() -> None:
    # A full page: one line of text is read within the 10 ms allowed here.
    lines = "\n".join(f"§ {n} Styrelsen beslutar att godkänna verksamhetsplanen för år {2000 + n}."
                      for n in range(40))
    image = scan_pages(typeset_pdf(lines), seed=2, style=ScanStyle(max_skew_degrees=0))[0]
    with pytest.raises(CorruptInput, match="OCR gave up on a page after 0 s"):
        ocr_image(image, timeout=0.01)
