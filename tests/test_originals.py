"""Preserved originals: each ingested file's bytes kept once, by SHA-256, beside the archive."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.models import Document
from samarkiv.store.originals import _HOST, _TEMP_PREFIX, OriginalChanged, Originals, folder_for

from .conftest import seed_path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kept_flags(db: Path) -> dict[str, bool]:
    with Archive(db) as archive, archive.session() as s:
        return {d.source: d.original_kept for d in s.scalars(select(Document))}


def test_ingest_keeps_each_original_under_its_sha256(runner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(seed_path("001")), str(seed_path("004")), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "a.sqlite.originals"
    for seed in ("001", "004"):
        digest = sha(seed_path(seed))
        kept = folder / digest[:2] / digest
        assert kept.read_bytes() == seed_path(seed).read_bytes()
    assert sorted(p.name for p in folder.glob("*/*")) == sorted([sha(seed_path("001")), sha(seed_path("004"))])
    assert kept_flags(db) == {seed_path("001").name: True, seed_path("004").name: True}


def test_the_same_bytes_under_another_name_are_kept_once(runner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    copy = tmp_path / "kopia.txt"
    shutil.copy(seed_path("002"), copy)
    runner.invoke(app, ["ingest", str(seed_path("002")), "--db", str(db), "-j", "1"])
    kept = Originals(tmp_path / "a.sqlite.originals").path_for(sha(copy))
    before = kept.stat().st_mtime_ns
    result = runner.invoke(app, ["ingest", str(copy), "--db", str(db), "-j", "1"])
    assert "0 ingested, 1 skipped" in result.output
    assert kept.stat().st_mtime_ns == before
    assert len(list((tmp_path / "a.sqlite.originals").glob("*/*"))) == 1


def test_no_keep_originals_keeps_nothing_and_says_so_in_the_archive(runner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(seed_path("001")), "--db", str(db), "-j", "1", "--no-keep-originals"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "a.sqlite.originals").exists()
    assert kept_flags(db) == {seed_path("001").name: False}
    # A later run that keeps originals fills in the copy for the document already archived.
    again = runner.invoke(app, ["ingest", str(seed_path("001")), "--db", str(db), "-j", "1"])
    assert "1 skipped" in again.output
    assert kept_flags(db) == {seed_path("001").name: True}
    assert Originals(tmp_path / "a.sqlite.originals").has(sha(seed_path("001")))


def test_a_file_changed_after_it_was_read_is_not_kept(tmp_path: Path) -> None:
    source = tmp_path / "protokoll.txt"
    source.write_text("Styrelsen beslutar att godkänna budgeten.", encoding="utf-8")
    digest = sha(source)
    source.write_text("Styrelsen beslutar att avslå budgeten.", encoding="utf-8")
    originals = Originals(tmp_path / "orig")
    with pytest.raises(OriginalChanged, match="changed"):
        originals.keep(source, digest)
    assert not originals.has(digest)
    assert list(originals.leftovers()) == []


def test_copies_are_read_only_and_leftover_temporaries_are_cleared(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"Protokoll fr\xc3\xa5n styrelsens sammantr\xc3\xa4de")
    originals = Originals(tmp_path / "orig")
    kept = originals.keep(source, sha(source))
    assert kept.stat().st_mode & 0o222 == 0
    # What a run killed in the middle of a copy leaves behind.
    stale = kept.parent / ".incoming-abc123"
    stale.write_bytes(b"half a fi")
    assert list(originals.leftovers()) == [stale]
    assert originals.remove_leftovers(older_than=3600) == 0
    assert originals.remove_leftovers() == 1
    assert not stale.exists() and kept.exists()


def test_a_copy_left_by_a_process_that_ended_is_cleared_at_once(tmp_path: Path) -> None:
    originals = Originals(tmp_path / "orig")
    folder = tmp_path / "orig" / "ab"
    folder.mkdir(parents=True)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    dead = folder / f"{_TEMP_PREFIX}{_HOST}-{ended.stdout.strip()}-x1y2"
    alive = folder / f"{_TEMP_PREFIX}{_HOST}-{os.getpid()}-x3y4"
    other_host = folder / f"{_TEMP_PREFIX}elsewhere-{ended.stdout.strip()}-x5y6"
    for path in (dead, alive, other_host):
        path.write_bytes(b"half a fi")
    # a young copy is kept unless its writer is known to be gone
    assert originals.remove_leftovers(older_than=3600) == 1
    assert not dead.exists() and alive.exists() and other_host.exists()


def test_the_folder_sits_beside_an_sqlite_file_and_not_beside_a_server(tmp_path: Path) -> None:
    assert folder_for(tmp_path / "arkiv.sqlite") == tmp_path / "arkiv.sqlite.originals"
    assert folder_for(f"sqlite:///{tmp_path}/arkiv.sqlite") == tmp_path / "arkiv.sqlite.originals"
    assert folder_for("postgresql://localhost/arkiv") is None
