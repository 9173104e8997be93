"""The benchmark corpus, built from the repository's fixtures: scanned and born-digital PDFs
typeset by `samarkiv.synth`, the same seeds written as Word and OpenDocument files by
`samarkiv.synth_office`, and text documents cut from the seeds and the legacy-OCR texts.

Every document has bytes of its own (archived bytes would be skipped), and the same arguments
give the same bytes, so two runs of the benchmark read the same corpus.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from samarkiv.synth import scan_pages, typeset_pdf, typeset_report
from samarkiv.synth_office import docx_from_text, odt_from_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Folders of one kind of input each, and the page images the scans were made of."""

    scans: Path
    scan_images: Path
    short_scans: Path
    short_scan_images: Path
    born: Path
    texts_small: Path
    texts_large: Path
    scan_pages: int
    born_pages: int
    docx: Path | None = None
    odt: Path | None = None
    office_pages: int = 0
    short_scan_pages: int = 0


def seed_texts() -> list[str]:
    """The five seed documents, as typed."""
    return [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]


def legacy_ocr_texts() -> list[str]:
    """The seeds as an old OCR engine read them, mangled å/ä/ö and all."""
    return [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "ocr").glob("*/*.txt"))]


PAGE_LINES = 45  # lines on a typed A4 page of minutes


def page_chunks(text: str, lines: int) -> list[str]:
    """`text` cut into pieces of `lines` lines, blank pieces left out."""
    rows = text.replace("\f", "\n").split("\n")
    return ["\n".join(rows[i:i + lines]) for i in range(0, len(rows), lines) if "".join(rows[i:i + lines]).strip()]


def text_documents(count: int, lines: int = PAGE_LINES) -> list[str]:
    """`count` distinct one-page documents: page-sized pieces of the seeds and of their legacy
    OCR, each headed by its own registration number so that no two have the same bytes."""
    pieces = [c for t in seed_texts() + legacy_ocr_texts() for c in page_chunks(t, lines)]
    return [f"Dnr {2015 + n % 10}/{n:05d}\n{pieces[n % len(pieces)]}\n" for n in range(count)]


def _single_page_pdfs(pdf: bytes) -> list[bytes]:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    out = []
    for index in range(len(source)):
        single = pdfium.PdfDocument.new()
        single.import_pages(source, [index])
        buffer = io.BytesIO()
        single.save(buffer)
        out.append(buffer.getvalue())
    return out


def _write_scans(folder: Path, images: Path, pages: int, pages_per_doc: int) -> None:
    """Scanned documents of `pages_per_doc` pages at 300 dpi, and their page images as PNG."""
    from samarkiv.synth import images_to_pdf

    folder.mkdir(parents=True)
    images.mkdir(parents=True)
    made: list = []
    for number, text in enumerate(seed_texts()):
        if len(made) >= pages:
            break
        made.extend(scan_pages(typeset_pdf(text), seed=number)[: pages - len(made)])
    if len(made) < pages:
        raise SystemExit(f"the seeds give {len(made)} scanned pages; ask for at most that many")
    for number, image in enumerate(made):
        image.save(images / f"page{number:03d}.png", dpi=(300, 300))
    for start in range(0, pages, pages_per_doc):
        (folder / f"scan{start // pages_per_doc:03d}.pdf").write_bytes(
            images_to_pdf(made[start:start + pages_per_doc]))


SHORT_LINES = 14  # a protokollsutdrag or a short letter: one decision on a page


def _write_short_scans(folder: Path, images: Path, docs: int) -> int:
    """`docs` short scanned documents, one or two pages each, of page-sized pieces of the seeds
    cut short; their page images as PNG. Returns the page count."""
    from samarkiv.synth import images_to_pdf

    folder.mkdir(parents=True)
    images.mkdir(parents=True)
    pieces = [c for t in seed_texts() for c in page_chunks(t, SHORT_LINES)]
    pages = 0
    for number in range(docs):
        length = 1 + number % 2
        text = "\f".join(pieces[(number * 2 + k) % len(pieces)] for k in range(length))
        made = scan_pages(typeset_pdf(text), seed=100 + number)[:length]
        for k, image in enumerate(made):
            image.save(images / f"short{number:03d}_{k}.png", dpi=(300, 300))
        (folder / f"short{number:03d}.pdf").write_bytes(images_to_pdf(made))
        pages += len(made)
    return pages


CONTENTS = [("1", "Sammanfattning", 3), ("2", "Bakgrund", 4), ("2.1", "Uppdrag och mål", 4), ("3", "Ekonomi", 6),
            ("3.1", "Budget och prognos", 7), ("3.2", "Resultaträkning", 8), ("4", "Insatser", 9),
            ("5", "Uppföljning", 12), ("6", "Bilagor", 14)]


def _report_table(text: str) -> list[list[str]]:
    """The tab-separated rows of a seed, as a ruled table; figures with their labels."""
    rows = [line.split("\t") for line in text.splitlines() if line.count("\t") >= 1]
    width = max((len(r) for r in rows), default=2)
    return [r + [""] * (width - len(r)) for r in rows[:30]] or [["Intäkter", "3 084 000"]]


def _write_born(folder: Path) -> int:
    """Every seed typeset in two font sizes (so the bytes differ), and as a report with a table of
    contents and a ruled table of its figures; returns the page count."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True)
    pages = 0
    for number, text in enumerate(seed_texts()):
        for size in (10.5, 9.5):
            pdf = typeset_pdf(text, font_size=size)
            pages += len(pdfium.PdfDocument(pdf))
            (folder / f"born{number}_{int(size * 10)}.pdf").write_bytes(pdf)
        report = typeset_report(f"Rapport {number + 1}", CONTENTS, _report_table(text), text.replace("\t", " "))
        pages += len(pdfium.PdfDocument(report))
        (folder / f"report{number}.pdf").write_bytes(report)
    return pages


def _write_office(docx_folder: Path, odt_folder: Path) -> int:
    """Every seed written twice as DOCX and twice as ODT, as `_write_born` typesets it twice
    (each copy headed by its own registration number, so the bytes differ). Returns the pages the
    same texts take when typeset as born-digital PDFs, so that rates compare page for page."""
    import pypdfium2 as pdfium

    docx_folder.mkdir(parents=True)
    odt_folder.mkdir(parents=True)
    pages = 0
    for number, text in enumerate(seed_texts()):
        pages += 2 * len(pdfium.PdfDocument(typeset_pdf(text)))
        for copy in range(2):
            headed = f"Dnr 2021/{number * 2 + copy:05d}\n{text}"
            (docx_folder / f"office{number}_{copy}.docx").write_bytes(docx_from_text(headed))
            (odt_folder / f"office{number}_{copy}.odt").write_bytes(odt_from_text(headed))
    return pages


def _write_texts(folder: Path, texts: list[str]) -> None:
    folder.mkdir(parents=True)
    for number, text in enumerate(texts):
        (folder / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")


def build(root: Path, *, docs: int, scan_pages_total: int, pages_per_scan: int = 2, short_scans: int = 12) -> Corpus:
    """Builds the corpus under `root`, reusing what an earlier run with the same sizes built."""
    root = root / f"docs{docs}-scans{scan_pages_total}x{pages_per_scan}-short{short_scans}"
    done = root / ".done"
    corpus = Corpus(scans=root / "scans", scan_images=root / "scan-images", short_scans=root / "short-scans",
                    short_scan_images=root / "short-scan-images", born=root / "born",
                    texts_small=root / "texts-small", texts_large=root / "texts-large",
                    scan_pages=scan_pages_total, born_pages=0)
    if not done.exists():
        import shutil

        shutil.rmtree(root, ignore_errors=True)
        _write_scans(corpus.scans, corpus.scan_images, scan_pages_total, pages_per_scan)
        short_pages = _write_short_scans(corpus.short_scans, corpus.short_scan_images, short_scans)
        born_pages = _write_born(corpus.born)
        texts = text_documents(docs)
        _write_texts(corpus.texts_large, texts)
        _write_texts(corpus.texts_small, texts[: max(1, docs // 10)])
        done.write_text(f"{born_pages} {short_pages}")
    born_pages, short_pages = (int(n) for n in done.read_text().split())
    office_done = root / ".done-office"
    docx, odt = root / "docx", root / "odt"
    if not office_done.exists():
        import shutil

        shutil.rmtree(docx, ignore_errors=True)
        shutil.rmtree(odt, ignore_errors=True)
        office_done.write_text(str(_write_office(docx, odt)))
    return Corpus(**{**{f: getattr(corpus, f) for f in corpus.__dataclass_fields__},
                     "born_pages": born_pages, "short_scan_pages": short_pages, "docx": docx, "odt": odt,
                     "office_pages": int(office_done.read_text())})
