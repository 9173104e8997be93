"""Word boxes kept at ingest: an amount of a born-digital seed PDF lands on the PDF's own
character boxes, through the normalized text's offset map kept beside them, and reprocess
keeps both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from samarkiv.cli import app
from samarkiv.ingest import Method, Page
from samarkiv.ingest.types import WordBox
from samarkiv.normalize import Span
from samarkiv.store import Archive
from samarkiv.store.boxes import pack, pack_offsets, unpack, unpack_offsets, words_in
from samarkiv.store.models import AmountRow, DecisionRow, PageRow

from .pdf_boxes import pdf_word_boxes, union


def test_packed_boxes_come_back_to_the_tenth_of_a_point() -> None:
    page = Page(1, "Beviljar 320 000 kr", Method.TEXT_LAYER,
                boxes=(WordBox(0, 8, 56.7, 100.04, 98.31, 111.2), WordBox(9, 12, 101.0, 100.04, 117.55, 111.2)),
                size=(595.28, 841.89))
    packed = pack(page)
    assert packed is not None and len(packed) < 4 * 14
    size, boxes = unpack(packed)
    assert size == (595.3, 841.9)
    assert boxes == (WordBox(0, 8, 56.7, 100.0, 98.3, 111.2), WordBox(9, 12, 101.0, 100.0, 117.6, 111.2))
    assert pack(Page(1, "ren text", Method.PLAIN)) is None


def test_the_words_of_a_range_are_decoded_alone_as_unpack_decodes_them() -> None:
    words = "Styrelsen beslutar att bevilja 320 000 kr till projektet".split()
    boxes, start = [], 0
    for n, word in enumerate(words):
        boxes.append(WordBox(start, start + len(word), 50.0 + 40 * n, 100.0, 80.0 + 40 * n, 111.2))
        start += len(word) + 1
    packed = pack(Page(1, " ".join(words), Method.TEXT_LAYER, boxes=tuple(boxes), size=(595.28, 841.89)))
    assert packed is not None
    size, every = unpack(packed)
    for ranges in ([(31, 41)], [(0, 1), (58, 59)], [(9, 10)], [(30, 31)], [(0, 200)], [], [(200, 210)]):
        expected = tuple(b for b in every if any(b.start < hi and b.end > lo for lo, hi in ranges))
        assert words_in(packed, ranges) == (size, expected), ranges
    assert words_in(packed, [(31, 41)])[1][0].start == 31  # '320', then '000' and 'kr'
    # Boxes out of the text's order (none are written so) are all looked at.
    backwards = pack(Page(1, " ".join(words), Method.TEXT_LAYER, boxes=tuple(reversed(boxes)), size=(595.28, 841.89)))
    assert backwards is not None
    _, reversed_boxes = unpack(backwards)
    assert words_in(backwards, [(31, 41)])[1] == tuple(b for b in reversed_boxes if b.start < 41 and b.end > 31)


def test_an_amount_lands_on_the_pdfs_own_character_boxes(born_archive: Path, seed_000_pdfs) -> None:
    with Archive(born_archive) as archive:
        with archive.session() as s:
            amounts = [a for a in s.scalars(select(AmountRow).order_by(AmountRow.id))
                       if a.char_start is not None and a.text and " " in a.text]
            assert amounts
            amount = amounts[0]
        found = archive.highlights(amount.document_id, amount.char_start, amount.char_end)
    assert [h.page for h in found] == [amount.page]
    highlight = found[0]
    assert highlight.size is not None and (round(highlight.size[0]), round(highlight.size[1])) == (595, 842)
    ours = union([(r.x0, r.top, r.x1, r.bottom) for r in highlight.rectangles])
    theirs = union(pdf_word_boxes(seed_000_pdfs[0], amount.page, amount.text))
    assert ours == pytest.approx(theirs, abs=1.5)
    assert len(highlight.rectangles) == len(amount.text.split())


def test_packed_offset_maps_come_back_whole() -> None:
    spans = (Span(100, 140, 2, 0, 40), Span(140, 141, 2, 42, 43), Span(141, 180, 2, 44, 83))
    packed = pack_offsets(spans, page_start=100)
    assert unpack_offsets(packed, page=2, page_start=100) == spans
    assert unpack_offsets(packed, page=2, page_start=7)[0] == Span(7, 47, 2, 0, 40)


def test_the_kept_offset_maps_give_what_normalizing_the_document_again_gives(born_archive: Path,
                                                                             tmp_path: Path) -> None:
    copy = tmp_path / "archive.sqlite"
    shutil.copy(born_archive, copy)
    with Archive(copy) as archive:
        with archive.session() as s:
            facts = [(a.document_id, a.char_start, a.char_end) for model in (AmountRow, DecisionRow)
                     for a in s.scalars(select(model)) if a.char_start is not None]
            assert all(r.offsets for r in s.scalars(select(PageRow)))
        kept = [archive.highlights(*fact) for fact in facts]
        with archive.writing() as s:
            for row in s.scalars(select(PageRow)):
                row.offsets = None
        again = [archive.highlights(*fact) for fact in facts]
    assert len(facts) > 20
    assert kept == again
    assert sum(len(h.rectangles) for found in kept for h in found) > 100


def test_reprocess_keeps_the_boxes(born_archive: Path, runner) -> None:
    with Archive(born_archive) as archive, archive.session() as s:
        before = {r.number: (r.boxes, r.offsets) for r in s.scalars(select(PageRow))}
    assert all(b and o for b, o in before.values())
    for stage in ("normalize", "extract"):
        result = runner.invoke(app, ["reprocess", "--all", "--stage", stage, "--db", str(born_archive)])
        assert result.exit_code == 0, result.output
    with Archive(born_archive) as archive, archive.session() as s:
        after = {r.number: (r.boxes, r.offsets) for r in s.scalars(select(PageRow))}
    assert after == before
