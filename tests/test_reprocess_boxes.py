"""An archive from before word boxes were kept gets them on `reprocess --all`, from the kept
originals: a text layer read again, a scanned page by OCR again, the boxes put on the archived
text where its words are found again, and pages whose words are not found left without."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from samarkiv.cli import app
from samarkiv.ingest import Method, Page
from samarkiv.ingest.types import WordBox
from samarkiv.store.boxes import align


def pages(db: Path) -> dict[int, tuple[bytes | None, bytes | None]]:
    with sqlite3.connect(db) as conn:
        return {n: (b, o) for n, b, o in conn.execute("SELECT number, boxes, offsets FROM pages ORDER BY number")}


def clear_boxes(db: Path, where: str = "1 = 1") -> None:
    """What an archive written before word boxes were kept holds: pages without boxes or maps."""
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE pages SET boxes = NULL, offsets = NULL WHERE {where}")


def copy_archive(db: Path, folder: Path, *, originals: bool = True) -> Path:
    copy = folder / "archive.sqlite"
    shutil.copy(db, copy)
    if originals:
        shutil.copytree(f"{db}.originals", f"{copy}.originals")
    return copy


def test_a_text_layer_gets_its_boxes_and_offset_maps_again(born_archive: Path, tmp_path: Path, runner) -> None:
    db = copy_archive(born_archive, tmp_path)
    before = pages(db)
    assert all(b and o for b, o in before.values())
    clear_boxes(db)
    result = runner.invoke(app, ["reprocess", "--all", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{len(before)} pages given word boxes from their originals, 0 left without" in result.output
    assert pages(db) == before


def test_without_the_original_the_pages_stay_without_boxes(born_archive: Path, tmp_path: Path, runner) -> None:
    db = copy_archive(born_archive, tmp_path, originals=False)
    clear_boxes(db)
    result = runner.invoke(app, ["reprocess", "--all", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "given word boxes" not in result.output
    assert all(b is None for b, _ in pages(db).values())


def test_no_boxes_leaves_the_originals_unread(born_archive: Path, tmp_path: Path, runner) -> None:
    db = copy_archive(born_archive, tmp_path)
    clear_boxes(db)
    result = runner.invoke(app, ["reprocess", "--all", "--no-boxes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert all(b is None for b, _ in pages(db).values())


def test_a_page_whose_words_are_not_found_again_is_counted(born_archive: Path, tmp_path: Path, runner) -> None:
    db = copy_archive(born_archive, tmp_path)
    clear_boxes(db, "number = 1")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE pages SET raw_text = 'Protokollet är ett annat än det som skannades.' WHERE number = 1")
    result = runner.invoke(app, ["reprocess", "--all", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 pages given word boxes from their originals, 1 left without" in result.output
    assert pages(db)[1][0] is None


def test_a_scanned_page_is_read_again_by_ocr(scan_archive: Path, tmp_path: Path, runner) -> None:
    db = copy_archive(scan_archive, tmp_path)
    before = pages(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT method FROM pages WHERE number = 1").fetchone() == ("ocr",)
    clear_boxes(db, "number = 1")
    result = runner.invoke(app, ["reprocess", "--all", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 pages given word boxes from their originals, 0 left without" in result.output
    assert pages(db) == before


def _page(text: str) -> Page:
    boxes, x = [], 50.0
    for word in text.split(" "):
        start = text.index(word, boxes[-1].end if boxes else 0)
        boxes.append(WordBox(start, start + len(word), x, 100.0, x + 6 * len(word), 112.0))
        x += 6 * len(word) + 4
    return Page(1, text, Method.OCR, boxes=tuple(boxes), size=(595.3, 841.9))


def test_words_read_again_take_their_boxes_on_the_archived_text() -> None:
    read = _page("Styrelsen beslutar att bevilja Casemanagement 320 000 kr för år 2021 och 2022")
    archived = "Styrelsen  beslutar att bevilia Casemanagement 320 000 kr för år 2021 och 2022"
    boxes = align(archived, read)
    assert boxes is not None and len(boxes) == 12  # all words but the one OCR read otherwise
    beslutar = boxes[1]
    assert archived[beslutar.start:beslutar.end] == "beslutar"
    assert (beslutar.x0, beslutar.x1) == (read.boxes[1].x0, read.boxes[1].x1)
    assert "bevilia" not in {archived[b.start:b.end] for b in boxes}
    assert align(read.text, read) == read.boxes
    assert align("Ett helt annat protokoll om annat", read) is None
