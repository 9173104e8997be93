"""`samarkiv show`: a fact with its document, page and text, and its page drawn to a PNG."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from typer.testing import CliRunner

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.models import AmountRow


@pytest.fixture
def born_archive(seed_000_pdfs, tmp_path: Path) -> Path:
    db = tmp_path / "archive.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(seed_000_pdfs[0]), "--db", str(db), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    return db


def _an_amount(db: Path) -> AmountRow:
    with Archive(db) as archive, archive.session() as s:
        return next(a for a in s.scalars(select(AmountRow).order_by(AmountRow.id)) if a.char_start is not None)


def test_show_prints_the_fact_its_page_and_text_and_draws_the_page(born_archive: Path, tmp_path: Path) -> None:
    amount = _an_amount(born_archive)
    png = tmp_path / "page.png"
    result = CliRunner().invoke(app, ["show", "amount", str(amount.id), "--db", str(born_archive),
                                      "--png", str(png)])
    assert result.exit_code == 0, result.output
    assert f"document {amount.document_id} 000.pdf, page {amount.page}" in result.stdout
    assert f"[[{amount.text}]]" in result.stdout.replace("\n", "")
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert abs(image.width - 2 * 595.3) <= 1 and abs(image.height - 2 * 841.9) <= 1  # A4 at two pixels a point
        assert image.getpixel((10, 10)) == (255, 255, 255)
        reds = sum(count for count, colour in image.getcolors(1 << 20) or () if colour == (220, 0, 0))
    assert reds > 100


def test_a_removed_original_says_so(born_archive: Path, tmp_path: Path) -> None:
    amount = _an_amount(born_archive)
    shutil.rmtree(f"{born_archive}.originals")
    result = CliRunner().invoke(app, ["show", "amount", str(amount.id), "--db", str(born_archive),
                                      "--png", str(tmp_path / "page.png")])
    assert result.exit_code == 1
    assert "the original of 000.pdf" in result.output and "is not kept" in result.output
    assert not (tmp_path / "page.png").exists()


def test_an_unknown_fact_is_named(born_archive: Path) -> None:
    result = CliRunner().invoke(app, ["show", "decision", "999999", "--db", str(born_archive)])
    assert result.exit_code == 1
    assert "no decision with id 999999" in result.output
