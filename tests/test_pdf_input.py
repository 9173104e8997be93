"""PDF inputs: text layers read with table columns kept, scans and garbage layers sent to OCR."""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from PIL import Image

from samarkiv.ingest import Method, read_bytes, text_layer_is_usable
from samarkiv.synth import find_font, typeset_pdf, typeset_report

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


def _report_with_contents_and_tables() -> bytes:
    contents = [("1", "Sammanfattning", 3), ("2", "Bakgrund", 4), ("2.1", "Uppdrag", 4), ("3", "Ekonomi", 7),
                ("3.1", "Budget 2021", 8), ("3.2", "Prognos", 9), ("4", "Insatser", 11), ("5", "Bilagor", 14)]
    table = [["Not", "2019-01-01", "2019-08-31", "2020"], ["4", "-618 174", "-810 598", "-1 083 000"],
             ["5", "-208 000", "-198 909", "-406 000"], ["6", "-695", "-1 083", "-2 000"],
             ["7", "3 084 000", "3 126 000", "3 480 000"], ["Summa", "2 257 131", "2 115 410", "1 989 000"]]
    return typeset_report("Delårsrapport 2019", contents, table)


def test_a_table_of_contents_and_a_ruled_table_of_figures_are_read_from_the_text_layer() -> None:
    source = read_bytes(_report_with_contents_and_tables())
    assert [p.method for p in source.pages] == [Method.TEXT_LAYER, Method.TEXT_LAYER]
    contents = source.pages[0].text.splitlines()
    assert any(line.startswith("1\tSammanfattning ....") and line.endswith("\t3") for line in contents)
    assert any(line.startswith("3.1\tBudget 2021 ....") and line.endswith("\t8") for line in contents)
    assert "4\t-618 174\t-810 598\t-1 083 000" in source.pages[1].text.splitlines()


def test_leaders_and_page_numbers_are_not_symbol_soup() -> None:
    assert text_layer_is_usable("Innehåll\n1 Sammanfattning ........................ 3\n"
                                "2 Bakgrund . . . . . . . . . . . . . . . 4\n3 Ekonomi ___________________ 12\n")
    assert text_layer_is_usable("Not 4 Övriga externa kostnader\n2019-01-01\t2019-08-31\n-618 174\t-810 598\n"
                                "-208 000\t-198 909\nSumma\t-1 083 000\n")


def test_word_boxes_point_back_into_the_page_text() -> None:
    page = read_bytes(typeset_pdf("Medlemsavgifter\t3 084 000 kr\nStyrelsen tackar för informationen.")).pages[0]
    assert page.boxes is not None and page.size is not None
    width, height = page.size
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    words = [page.text[b.start:b.end] for b in page.boxes]
    assert words[:4] == ["Medlemsavgifter", "3", "084", "000"]
    first, thanks = page.boxes[0], page.boxes[words.index("tackar")]
    assert 0 < first.x0 < first.x1 < width and 0 < first.top < first.bottom < height / 4
    assert thanks.top > first.bottom  # the second line lies below the first


def test_a_page_with_nothing_on_it_is_not_rendered() -> None:
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=11)
    pdf.add_page()
    pdf.multi_cell(170, 6, "Sammanträdesprotokoll för styrelsen i samordningsförbundet, § 1–5.")
    pdf.add_page()
    source = read_bytes(bytes(pdf.output()))
    assert [p.method for p in source.pages] == [Method.TEXT_LAYER, Method.BLANK]
    assert source.pages[1].text == "" and source.pages[1].notes
    assert source.notes == ("page 2 is blank and was not read",)


def test_a_page_with_one_word_and_no_picture_is_read_from_its_text_layer() -> None:
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=11)
    pdf.add_page()
    pdf.multi_cell(170, 6, "Sammanträdesprotokoll för styrelsen i samordningsförbundet, § 1–5.")
    pdf.add_page()
    pdf.cell(60, 6, "Utdragsbestyrkande")
    source = read_bytes(bytes(pdf.output()))
    assert [(p.method, p.text) for p in source.pages][1] == (Method.TEXT_LAYER, "Utdragsbestyrkande")
