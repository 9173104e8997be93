"""`samarkiv ingest`: identity by content, skipping, extra paths, --force, parallel workers."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.models import DocumentPath, PageRow

from .conftest import SEEDS, seed_path


def ingest(runner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", *args])


def test_seeds_are_ingested_once_and_then_skipped(runner, archive_db: str) -> None:
    first = ingest(runner, str(SEEDS), "--db", archive_db, "-j", "1")
    assert first.exit_code == 0, first.output
    assert "5 ingested, 0 skipped, 0 failed" in first.output
    again = ingest(runner, str(SEEDS), "--db", archive_db, "-j", "1")
    assert again.exit_code == 0
    assert "0 ingested, 5 skipped, 0 failed" in again.output
    with Archive(archive_db) as archive:
        assert archive.counts()["documents"] == 5


def test_same_bytes_under_a_new_path_record_the_path(runner, archive_db: str, tmp_path: Path) -> None:
    ingest(runner, str(seed_path("001")), "--db", archive_db, "-j", "1")
    copy = tmp_path / "kopia" / "vp-2021.txt"
    copy.parent.mkdir()
    shutil.copy(seed_path("001"), copy)
    result = ingest(runner, str(copy), "--db", archive_db, "-j", "1")
    assert "0 ingested, 1 skipped" in result.output
    with Archive(archive_db) as archive, archive.session() as s:
        paths = sorted(Path(p).name for p in s.scalars(select(DocumentPath.path)))
    assert paths == [seed_path("001").name, "vp-2021.txt"]


def test_two_copies_in_one_batch_are_processed_once(runner, archive_db: str, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed_path("004"), tmp_path / name)
    result = ingest(runner, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", archive_db, "-j", "1")
    assert "1 ingested, 1 skipped" in result.output


def test_force_reprocesses_without_duplicating(runner, archive_db: str) -> None:
    ingest(runner, str(seed_path("003")), "--db", archive_db, "-j", "1")
    result = ingest(runner, str(seed_path("003")), "--db", archive_db, "--force", "-j", "1")
    assert "1 ingested, 0 skipped" in result.output
    with Archive(archive_db) as archive:
        assert archive.counts()["documents"] == 1


def test_glob_patterns_and_parallel_workers(runner, archive_db: str) -> None:
    result = ingest(runner, str(SEEDS / "00[0-2]_*.txt"), "--db", archive_db, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "3 ingested" in result.output
    with Archive(archive_db) as archive, archive.session() as s:
        pages = s.scalars(select(PageRow.method)).all()
    assert set(pages) == {"plain"}


def test_born_digital_pdf_is_archived_with_text_layer_pages(runner, archive_db: str, seed_000_pdfs) -> None:
    born, _ = seed_000_pdfs
    result = ingest(runner, str(born), "--db", archive_db, "-j", "1")
    assert result.exit_code == 0, result.output
    with Archive(archive_db) as archive, archive.session() as s:
        methods = s.scalars(select(PageRow.method)).all()
    assert len(methods) > 5 and set(methods) == {"text-layer"}


def test_bad_usage_exits_with_2(runner) -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["ingest", "x", "--jobs", "0"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", "/nonexistent/a.sqlite"]).exit_code == 2
