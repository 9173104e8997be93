"""A large PDF read page by page in several workers comes out as it does read whole: the same
pages, in order, stored as one document."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from samarkiv.batch import Ingestor, expand_inputs
from samarkiv.ingest import IngestOptions, read_bytes, read_pdf_page
from samarkiv.store import Archive
from samarkiv.store.models import PageRow
from samarkiv.synth import scanned_pdf, typeset_pdf

from .conftest import requires_ocr, seed_path


def stored_pages(db: Path) -> list[tuple[int, str, str]]:
    with Archive(db) as archive, archive.session() as s:
        return [(p.number, p.method, p.raw_text) for p in s.scalars(select(PageRow).order_by(PageRow.number))]


def test_each_page_read_alone_equals_the_whole_read() -> None:
    data = typeset_pdf(seed_path("000").read_text(encoding="utf-8"))
    whole = read_bytes(data).pages
    assert len(whole) > 4
    assert tuple(read_pdf_page(data, i, IngestOptions()) for i in range(len(whole))) == whole


def test_a_born_digital_pdf_split_over_two_workers_is_stored_like_a_serial_run(tmp_path: Path) -> None:
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(typeset_pdf(seed_path("000").read_text(encoding="utf-8")))
    runs = {}
    for jobs in (1, 2):
        db = tmp_path / f"j{jobs}.sqlite"
        with Archive(db) as archive:
            ingestor = Ingestor(archive, jobs=jobs)
            assert ingestor._pages_to_split(pdf)[0] > 4  # split when there are workers to share it
            summary = ingestor.run(expand_inputs([str(pdf)]))
            assert summary.ok and summary.pages > 4
            runs[jobs] = (stored_pages(db), list(archive.export()))
    assert runs[1] == runs[2]


@requires_ocr
def test_scanned_pages_come_back_in_order(tmp_path: Path) -> None:
    pages = [f"§ {n} Ärende nummer {n}\n\nStyrelsen beslutar att lägga ärende {n} till handlingarna." for n in
             range(1, 5)]
    scan = tmp_path / "skannat.pdf"
    scan.write_bytes(scanned_pdf("\f".join(pages), seed=7))
    db = tmp_path / "a.sqlite"
    with Archive(db) as archive:
        summary = Ingestor(archive, jobs=2, split_min_pages=2).run(expand_inputs([str(scan)]))
    assert summary.ok, summary.results
    stored = stored_pages(db)
    assert [(number, method) for number, method, _ in stored] == [(1, "ocr"), (2, "ocr"), (3, "ocr"), (4, "ocr")]
    for number, _, text in stored:
        assert f"ärende {number} till" in text
