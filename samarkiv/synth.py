"""Synthetic test documents: typeset any text as a born-digital PDF, and "scan" it.

The scan renders each page at 300 dpi and adds what a real scanner does to paper — a slight
skew, speckle and blur — deterministically from a seed, so tests and benchmarks get the same
bytes every run. `python -m samarkiv.synth` (or `make fixtures`) writes both for every seed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
)


def find_font() -> Path:
    """A Unicode TrueType font to embed (DejaVu Sans; Debian package fonts-dejavu-core)."""
    env = os.environ.get("SAMARKIV_FONT")
    for candidate in ([env] if env else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("no DejaVuSans.ttf found: install fonts-dejavu-core or set SAMARKIV_FONT")


def typeset_pdf(text: str, *, font_size: float = 10.5) -> bytes:
    """A born-digital A4 PDF of `text` with an embedded Unicode font.

    Lines wrap at the margin; a line with tabs is set as a table row, one cell after another;
    a form feed starts a new page.
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=font_size)
    line_h = font_size * 0.48
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for p, page in enumerate(text.split("\f")):
        pdf.add_page()
        for line in page.split("\n"):
            line = line.rstrip()
            if not line.strip():
                pdf.ln(line_h)
                continue
            if "\t" in line:
                _table_row(pdf, line.split("\t"), width, font_size, line_h)
            else:
                pdf.multi_cell(width, line_h, line.strip(), new_x="LMARGIN", new_y="NEXT")
        del p
    return bytes(pdf.output())


def typeset_report(title: str, contents: list[tuple[str, str, int]], table: list[list[str]], body: str = "",
                   *, font_size: float = 11) -> bytes:
    """A born-digital report as kommuner and förbund publish them: a table of contents whose
    headings lead by dots to a right-aligned page-number column, a ruled table of figures, then
    `body` as running text. `contents` are (number, heading, page); `table` rows of cells."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=font_size)
    pdf.add_page()
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 10, "Innehållsförteckning", new_x="LMARGIN", new_y="NEXT")
    for number, heading, page in contents:
        pdf.cell(12, 7, number)
        pdf.cell(150, 7, heading + " " + "." * max(3, 110 - 2 * len(heading)))
        pdf.cell(0, 7, str(page), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    with pdf.table(borders_layout="ALL", text_align="RIGHT", first_row_as_headings=False) as grid:
        for cells in table:
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    if body.strip():
        pdf.add_page()
        pdf.multi_cell(0, font_size * 0.5, body.strip(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _table_row(pdf, cells: list[str], width: float, font_size: float, line_h: float) -> None:
    """Sets a tab-separated row on one line, shrinking the font until the cells fit."""
    cells = [c.strip() for c in cells]
    gap = 2.2 * font_size * 0.3528  # two em, in mm
    size = font_size
    while size > 5:
        pdf.set_font_size(size)
        needed = sum(pdf.get_string_width(c) for c in cells if c) + gap * (len(cells) - 1)
        if needed <= width:
            break
        size -= 0.5
    x = pdf.l_margin
    y = pdf.get_y()
    if y + line_h > pdf.h - pdf.b_margin:
        pdf.add_page()
        y = pdf.get_y()
    for cell in cells:
        if cell:
            pdf.set_xy(x, y)
            pdf.cell(pdf.get_string_width(cell), line_h, cell)
            x += pdf.get_string_width(cell) + gap
        else:
            x += gap
    pdf.set_font_size(font_size)
    pdf.set_xy(pdf.l_margin, y + line_h)


@dataclass(frozen=True, slots=True)
class ScanStyle:
    """How rough the fake scan is."""

    dpi: int = 300
    max_skew_degrees: float = 0.8
    speckle: float = 0.0004  # share of pixels flipped to dark dots
    blur_radius: float = 0.7


def scan_pages(pdf_bytes: bytes, *, seed: int = 0, style: ScanStyle | None = None) -> list[Image.Image]:
    """Renders a PDF's pages as grayscale scans with skew, speckle and blur."""
    import pypdfium2 as pdfium

    style = style or ScanStyle()
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(pdf_bytes)
    images = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            image = page.render(scale=style.dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            angle = rng.uniform(-style.max_skew_degrees, style.max_skew_degrees)
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            pixels = np.asarray(image).copy()
            dots = nprng.random(pixels.shape) < style.speckle
            pixels[dots] = nprng.integers(0, 90, size=int(dots.sum()), dtype=np.uint8)
            image = Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(style.blur_radius))
            images.append(image)
    finally:
        doc.close()
    return images


def images_to_pdf(images: list[Image.Image], dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer), one image per page."""
    buffer = io.BytesIO()
    first, rest = images[0], images[1:]
    first.save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return buffer.getvalue()


def scanned_pdf(text: str, *, seed: int = 0, style: ScanStyle | None = None) -> bytes:
    """`text` typeset, printed and scanned: an image-only PDF."""
    style = style or ScanStyle()
    return images_to_pdf(scan_pages(typeset_pdf(text), seed=seed, style=style), dpi=style.dpi)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Typeset text files as born-digital and scanned PDFs.")
    parser.add_argument("texts", nargs="+", type=Path, help="UTF-8 text files")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kind", choices=("born", "scan", "both"), default="both",
                        help="born-digital PDFs, scanned image-only PDFs, or both")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(args.texts):
        text = path.read_text(encoding="utf-8")
        if args.kind in ("born", "both"):
            born = args.out / f"{path.stem}.pdf"
            born.write_bytes(typeset_pdf(text))
            print(born)
        if args.kind in ("scan", "both"):
            scan = args.out / f"{path.stem}.scan.pdf"
            scan.write_bytes(scanned_pdf(text, seed=args.seed + i))
            print(scan)


if __name__ == "__main__":
    main()
