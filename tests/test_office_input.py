"""Word and OpenDocument files: read natively, pages where the file says, tables as rows, the
same extraction record as the same text read as plain text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from sqlalchemy import select

from samarkiv.cli import app
from samarkiv.extract import contract_record, extract_record
from samarkiv.ingest import FileKind, Method, identify, read_bytes
from samarkiv.normalize import normalize_pages
from samarkiv.store import Archive
from samarkiv.store.models import PageRow
from samarkiv.synth_office import docx_from_text, odt_from_text

from .conftest import SEEDS

SEED_PATHS = sorted(SEEDS.glob("*.txt"))


def _record(data: bytes) -> dict:
    source = read_bytes(data)
    record = contract_record(extract_record(normalize_pages(source.pages)), source="seed", sha256="-")
    return record


@pytest.fixture(scope="module")
def text_records() -> dict[str, dict]:
    return {path.stem: _record(path.read_bytes()) for path in SEED_PATHS}


@pytest.mark.parametrize("write", [docx_from_text, odt_from_text], ids=["docx", "odt"])
@pytest.mark.parametrize("seed", SEED_PATHS, ids=[p.stem[:3] for p in SEED_PATHS])
def test_a_seed_written_as_an_office_document_gives_the_record_of_its_text(
        seed: Path, write, text_records: dict[str, dict]) -> None:
    record = _record(write(seed.read_text(encoding="utf-8")))
    expected = text_records[seed.stem]
    for field in expected:
        assert record[field] == expected[field], field


def test_a_docx_is_told_from_its_content_not_its_name() -> None:
    data = docx_from_text("Protokoll")
    assert identify(data) is FileKind.DOCX
    assert identify(odt_from_text("Protokoll")) is FileKind.ODT
    sheet = io.BytesIO()
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in str(identify(sheet.getvalue()))


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_pages_break_where_the_author_or_word_broke_them() -> None:
    document = docx.Document()
    document.add_paragraph("§ 1 Mötets öppnande")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("§ 2 Val av justerare")
    document.add_paragraph("§ 3 Dagordning").paragraph_format.page_break_before = True
    source = read_bytes(_docx_bytes(document))
    assert [p.text for p in source.pages] == ["§ 1 Mötets öppnande", "§ 2 Val av justerare", "§ 3 Dagordning"]
    assert {p.method for p in source.pages} == {Method.DOCX}
    assert source.kind is FileKind.DOCX


def test_a_page_word_rendered_splits_a_paragraph_where_the_page_ended() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Styrelsen beslutar att godkänna ")
    run = paragraph.add_run("verksamhetsplanen för 2021.")
    run._r.insert(0, run._r.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lastRenderedPageBreak"))
    source = read_bytes(_docx_bytes(document))
    assert [p.text for p in source.pages] == ["Styrelsen beslutar att godkänna ", "verksamhetsplanen för 2021."]


def test_docx_tables_are_rows_of_tab_separated_cells_and_line_breaks_are_lines() -> None:
    document = docx.Document()
    document.add_paragraph("Närvarande\nAnna Berg, ordförande\tRegion Skåne")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [["Post", "Budget 2021", "Utfall"], ["Kanslikostnader", "", "210 000"],
                                       ["Summa kostnader", "3 785 000", "3 700 000"]], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    merged = table.rows[0].cells[1].merge(table.rows[0].cells[2])
    merged.text = "Budget och utfall 2021"
    source = read_bytes(_docx_bytes(document))
    assert source.pages[0].text.split("\n") == [
        "Närvarande", "Anna Berg, ordförande\tRegion Skåne",
        "Post\tBudget och utfall 2021", "Kanslikostnader\t\t210 000", "Summa kostnader\t3 785 000\t3 700 000"]


def _numbered(document, paragraph, num_id: str, level: int = 0) -> None:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.makeelement(f"{w}numPr")
    ilvl = numpr.makeelement(f"{w}ilvl", {f"{w}val": str(level)})
    num = numpr.makeelement(f"{w}numId", {f"{w}val": num_id})
    numpr.extend([ilvl, num])
    ppr.append(numpr)


def test_numbers_word_draws_before_paragraphs_are_written_out() -> None:
    from lxml import etree

    document = docx.Document()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="67"/><w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(etree.fromstring(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in [("Mötets öppnande", 0), ("Val av justerare", 0), ("att godkänna budgeten", 1),
                        ("att lägga rapporten till handlingarna", 1), ("Dagordning", 0)]:
        _numbered(document, document.add_paragraph(text), "90", level)
    document.add_paragraph("Inför mötet", style="List Number")
    assert read_bytes(_docx_bytes(document)).pages[0].text.split("\n") == [
        "§ 67 Mötets öppnande", "§ 68 Val av justerare", "a) att godkänna budgeten",
        "b) att lägga rapporten till handlingarna", "§ 69 Dagordning", "1. Inför mötet"]


def test_the_first_page_header_opens_page_one_and_footers_are_left_out() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Söderåsens samordningsförbund\tSammanträdesprotokoll 2020-11-24"
    section.footer.paragraphs[0].text = "Justerandes sign"
    document.add_paragraph("§ 72 Casemanagement 2.0")
    document.add_page_break()
    document.add_paragraph("§ 73 Budget 2021")
    source = read_bytes(_docx_bytes(document))
    assert source.pages[0].text == ("Söderåsens samordningsförbund\tSammanträdesprotokoll 2020-11-24\n\n"
                                    "§ 72 Casemanagement 2.0")
    assert source.pages[1].text == "§ 73 Budget 2021"


def test_tracked_deletions_are_not_read() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Styrelsen beslutar att bevilja ")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    deleted = paragraph._p.makeelement(f"{w}del")
    run = deleted.makeelement(f"{w}r")
    text = run.makeelement(f"{w}delText")
    text.text = "300 000 kr"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    paragraph.add_run("255 996 kr.")
    assert read_bytes(_docx_bytes(document)).pages[0].text == "Styrelsen beslutar att bevilja 255 996 kr."


def test_odt_pages_break_at_page_styles_and_rendered_page_breaks() -> None:
    data = odt_from_text("§ 1 Mötets öppnande\f§ 2 Val av justerare\nAnna Berg\tRegion Skåne")
    source = read_bytes(data)
    assert [p.text for p in source.pages] == ["§ 1 Mötets öppnande", "§ 2 Val av justerare\nAnna Berg\tRegion Skåne"]
    assert {p.method for p in source.pages} == {Method.ODT}


def test_odt_pages_break_where_libreoffice_laid_them_out_between_table_rows() -> None:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P, SoftPageBreak

    document = OpenDocumentText()
    heading = P()
    teletype.addTextToElement(heading, "Budget 2021")
    document.text.addElement(heading)
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for number, cells in enumerate([["Medlemsavgifter", "3 084 000"], ["Kanslikostnader", "945 000"]]):
        if number:
            table.addElement(SoftPageBreak())
        row = TableRow()
        for value in cells:
            cell = TableCell()
            paragraph = P()
            teletype.addTextToElement(paragraph, value)
            cell.addElement(paragraph)
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    out = io.BytesIO()
    document.write(out)
    assert [p.text for p in read_bytes(out.getvalue()).pages] == ["Budget 2021\nMedlemsavgifter\t3 084 000",
                                                                   "Kanslikostnader\t945 000"]


def test_odt_list_numbers_and_bullets_are_written_out() -> None:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.text import List, ListItem, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P

    document = OpenDocumentText()
    numbered = ListStyle(name="Paragrafer")
    numbered.addElement(ListLevelStyleNumber(level=1, numformat="1", numprefix="§ ", numsuffix="", startvalue=67))
    numbered.addElement(ListLevelStyleNumber(level=2, numformat="a", numsuffix=")"))
    bullets = ListStyle(name="Punkter")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="•"))
    document.automaticstyles.addElement(numbered)
    document.automaticstyles.addElement(bullets)

    def paragraph(text: str) -> P:
        element = P()
        teletype.addTextToElement(element, text)
        return element

    def items(style: str | None, texts: list[str], **attributes) -> List:
        element = List(stylename=style, **attributes) if style else List()
        for text in texts:
            item = ListItem()
            item.addElement(paragraph(text))
            element.addElement(item)
        return element

    first = items("Paragrafer", ["Mötets öppnande", "Val av justerare"])
    first.childNodes[-1].addElement(items(None, ["att godkänna budgeten", "att lägga rapporten till handlingarna"]))
    document.text.addElement(first)
    document.text.addElement(paragraph("Styrelsen beslutar enligt förslaget."))
    document.text.addElement(items("Paragrafer", ["Dagordning"], continuenumbering="true"))
    document.text.addElement(items("Punkter", ["Bilaga 1"]))
    out = io.BytesIO()
    document.write(out)
    assert read_bytes(out.getvalue()).pages[0].text.split("\n") == [
        "§ 67 Mötets öppnande", "§ 68 Val av justerare", "a) att godkänna budgeten",
        "b) att lägga rapporten till handlingarna", "Styrelsen beslutar enligt förslaget.", "§ 69 Dagordning",
        "• Bilaga 1"]


def test_pages_keep_their_method_in_the_archive_and_reprocess(tmp_path: Path, runner) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    opening = "\n".join(SEED_PATHS[0].read_text(encoding="utf-8").split("\n")[:60])
    (folder / "protokoll.docx").write_bytes(docx_from_text(opening))
    (folder / "kallelse.odt").write_bytes(odt_from_text(opening + "\fKallelse"))
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    with Archive(db) as archive:
        kinds = {d["source"]: d["kind"] for d in archive.documents()}
        with archive.session() as session:
            methods = set(session.scalars(select(PageRow.method)))
    assert kinds == {"protokoll.docx": "docx", "kallelse.odt": "odt"}
    assert methods == {"docx", "odt"}
    reprocessed = runner.invoke(app, ["reprocess", "--all", "--db", str(db)])
    assert reprocessed.exit_code == 0, reprocessed.output
