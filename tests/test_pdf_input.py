"""PDF inputs: text layers read with table columns kept, scans and garbage layers sent to OCR."""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from PIL import Image

from samarkiv.ingest import Method, read_bytes, text_layer_is_usable
from samarkiv.synth import find_font, typeset_pdf

from .conftest import requires_ocr, seed_path


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_born_digital_pdf_text_equals_the_source_modulo_whitespace(seed_000_pdfs) -> None:
    born, _ = seed_000_pdfs
    source = read_bytes(born.read_bytes())
    assert {p.method for p in source.pages} == {Method.TEXT_LAYER}
    assert len(source.pages) > 5
    assert collapse(source.text) == collapse(seed_path("000").read_text(encoding="utf-8"))


def test_table_rows_stay_on_one_line_with_tab_separated_cells() -> None:
    text = "Budget 2021\n\nIntäkter\tBudget 2021\tPrognos 2020\nMedlemsavgifter\t3 084 000 kr\t3 126 000 kr\n"
    page = read_bytes(typeset_pdf(text)).pages[0]
    assert "Medlemsavgifter\t3 084 000 kr\t3 126 000 kr" in page.text.splitlines()
    assert "Intäkter\tBudget 2021\tPrognos 2020" in page.text.splitlines()


def test_running_text_keeps_single_spaces() -> None:
    page = read_bytes(typeset_pdf("Styrelsen tackar för informationen.")).pages[0]
    assert page.text.strip() == "Styrelsen tackar för informationen."


def test_cid_runs_and_symbol_soup_are_not_usable_text_layers() -> None:
    assert not text_layer_is_usable("(cid:12)(cid:45)(cid:3)(cid:77) " * 20)
    assert not text_layer_is_usable("§§ ## ** 12 34 56 -- ++ ;; " * 5)
    assert not text_layer_is_usable("   \n  ")
    assert text_layer_is_usable("Styrelsen beslutar att godkänna dagordningen för dagens möte.")


@requires_ocr
def test_mixed_pdf_is_decided_page_by_page() -> None:
    # Page 1 has a text layer; page 2 is only a picture of text.
    picture = Image.new("L", (1700, 400), 255)
    from PIL import ImageDraw, ImageFont

    ImageDraw.Draw(picture).text((60, 120), "Styrelsen beslutar att godkänna budgeten.", fill=0,
                                 font=ImageFont.truetype(str(find_font()), 56))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=11)
    pdf.add_page()
    pdf.multi_cell(170, 6, "Sammanträdesprotokoll för styrelsen i samordningsförbundet, § 1–5.")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=20, w=190)
    source = read_bytes(bytes(pdf.output()))
    assert [p.method for p in source.pages] == [Method.TEXT_LAYER, Method.OCR]
    assert "godkänna budgeten" in source.pages[1].text
    assert source.pages[1].confidence is not None and source.pages[1].confidence > 60
    assert source.pages[0].confidence is None
