"""The archive never ingests itself: its database, the files SQLite keeps beside it, its
originals folder and the page images `serve` caches are left out of ingest and watch, silently,
whatever folder is given."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from samarkiv.batch import ArchiveFiles, expand_inputs
from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.watch import files_under

from .conftest import seed_path


def _inbox_with_its_archive(tmp_path: Path, runner) -> tuple[Path, Path]:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "protokoll.txt").write_bytes(seed_path("000").read_bytes())
    db = folder / "arkiv.sqlite"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert "1 ingested, 0 skipped, 0 failed" in first.output
    # What SQLite leaves beside a database while it is written, and a second input arriving.
    for suffix in ("-wal", "-shm", "-journal"):
        (folder / f"arkiv.sqlite{suffix}").write_bytes(b"\x00" * 32)
    (folder / "kallelse.txt").write_bytes(seed_path("004").read_bytes())
    # A page image `serve` cached beside the archive.
    cache = folder / "arkiv.sqlite.pages-cache"
    cache.mkdir()
    Image.new("L", (120, 170), 255).save(cache / f"{'ab' * 32}-p1-w1200.jpg")
    return folder, db


def test_ingest_of_the_folder_holding_the_archive_reads_only_the_inputs(tmp_path: Path, runner) -> None:
    folder, db = _inbox_with_its_archive(tmp_path, runner)
    assert any((folder / "arkiv.sqlite.originals").rglob("*"))
    again = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "-j", "1"])
    assert again.exit_code == 0, again.output
    assert "1 ingested, 1 skipped, 0 failed" in again.output
    assert "arkiv.sqlite" not in again.output.replace(f"→ {db}", "")
    with Archive(db) as archive:
        assert sorted(d["source"] for d in archive.documents()) == ["kallelse.txt", "protokoll.txt"]
        assert archive.failures() == []


def test_a_glob_reaching_into_the_originals_finds_none_of_them(tmp_path: Path, runner) -> None:
    folder, db = _inbox_with_its_archive(tmp_path, runner)
    found = [i.path.name for i in expand_inputs([f"{folder}/**/*"], ArchiveFiles.of(db))]
    assert sorted(found) == ["kallelse.txt", "protokoll.txt"]


def test_watch_on_the_folder_holding_the_archive_takes_only_the_inputs(tmp_path: Path, runner) -> None:
    folder, db = _inbox_with_its_archive(tmp_path, runner)
    assert sorted(p.name for p in files_under(folder, ArchiveFiles.of(db))) == ["kallelse.txt", "protokoll.txt"]
    result = runner.invoke(app, ["watch", str(folder), "--once", "--settle", "0", "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "1 ingested, 1 skipped, 0 failed" in result.output
    assert ".originals" not in result.output


def test_an_archive_named_by_a_relative_path_is_recognised(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arkiv.sqlite").write_bytes(b"")
    (tmp_path / "arkiv.sqlite-wal").write_bytes(b"")
    (tmp_path / "arkiv.sqlite.originals" / "ab").mkdir(parents=True)
    (tmp_path / "arkiv.sqlite.originals" / "ab" / "ab12").write_bytes(b"x")
    (tmp_path / "protokoll.txt").write_text("Protokoll", encoding="utf-8")
    files = ArchiveFiles.of("arkiv.sqlite")
    assert [i.path.name for i in expand_inputs(["."], files)] == ["protokoll.txt"]
    assert files.holds(tmp_path / "arkiv.sqlite.originals" / "ab" / "ab12")
    assert not files.holds(tmp_path / "annat.sqlite")
