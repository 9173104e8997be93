"""Synthetic word-processor documents: any text written out as DOCX (python-docx) or ODT (odfpy).

A line becomes a paragraph, a run of lines with tabs a table (one cell per tab-separated field),
a form feed a page break: what a person typing the text in Word or LibreOffice would make of it.
Tests and benchmarks use them to read the seeds as office documents.
"""

from __future__ import annotations

import io
from collections.abc import Iterator


def _blocks(page: str) -> Iterator[tuple[str, list[str]]]:
    """("p", [line]) for a paragraph, ("table", rows) for a run of tab-separated lines."""
    lines = page.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            yield "p", [lines[i]]
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        yield "table", lines[i:j]
        i = j


def docx_from_text(text: str) -> bytes:
    """The bytes of a Word document holding `text`."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for number, page in enumerate(text.split("\f")):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for kind, lines in _blocks(page):
            if kind == "p":
                document.add_paragraph(lines[0])
                continue
            rows = [line.split("\t") for line in lines]
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=False):
                    cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_from_text(text: str) -> bytes:
    """The bytes of an OpenDocument text holding `text`."""
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentText()
    new_page = Style(name="NewPage", family="paragraph")
    new_page.addElement(ParagraphProperties(breakbefore="page"))
    document.automaticstyles.addElement(new_page)

    def paragraph(line: str, style: Style | None = None) -> P:
        element = P(stylename=style) if style is not None else P()
        teletype.addTextToElement(element, line)
        return element

    for number, page in enumerate(text.split("\f")):
        first = number > 0
        for kind, lines in _blocks(page):
            if kind == "p":
                document.text.addElement(paragraph(lines[0], new_page if first else None))
                first = False
                continue
            if first:
                document.text.addElement(paragraph("", new_page))
                first = False
            rows = [line.split("\t") for line in lines]
            width = max(map(len, rows))
            table = Table()
            table.addElement(TableColumn(numbercolumnsrepeated=width))
            for cells in rows:
                row = TableRow()
                for value in cells + [""] * (width - len(cells)):
                    cell = TableCell()
                    cell.addElement(paragraph(value))
                    row.addElement(cell)
                table.addElement(row)
            document.text.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
