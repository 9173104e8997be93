"""`samarkiv migrate-archive`: an SQLite archive copied into PostgreSQL (and back) exports the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.search import search

from .conftest import SEEDS, seed_path


@pytest.fixture
def sqlite_archive(runner, tmp_path: Path) -> str:
    db = str(tmp_path / "archive.sqlite")
    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(SEEDS), str(bad), "--db", db, "-j", "1"])
    assert result.exit_code == 1, result.output  # the empty file is a recorded failure, copied too
    return db


def exported(runner, db: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["export", "--db", db])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_an_sqlite_archive_moves_into_postgresql_and_back(runner, sqlite_archive: str, postgres_server,
                                                          tmp_path: Path) -> None:
    target = postgres_server.new_database("moved")
    result = runner.invoke(app, ["migrate-archive", "--from", sqlite_archive, "--to", target])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output and "mentions" in result.output

    assert exported(runner, target) == exported(runner, sqlite_archive)
    with Archive(sqlite_archive) as before, Archive(target) as after:
        assert after.counts() == before.counts()
        assert [f.reason for f in after.failures()] == [f.reason for f in before.failures()]
        with after.session() as s:
            assert any(h.paragraph == "72" for h in search(s, "Casemanagement", kind="decision"))

    # The moved archive takes new documents: its ids go on after the copied ones.
    new = tmp_path / "ny.txt"
    new.write_text(seed_path("001").read_text(encoding="utf-8") + "\nBilaga 1\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(new), "--db", target]).exit_code == 0
    assert len(exported(runner, target)) == 6

    back = str(tmp_path / "back.sqlite")
    assert runner.invoke(app, ["migrate-archive", "--db", target, "--to", back]).exit_code == 0
    assert exported(runner, back) == exported(runner, target)


def test_a_non_empty_target_is_refused_unless_forced(runner, sqlite_archive: str, tmp_path: Path) -> None:
    target = str(tmp_path / "target.sqlite")
    assert runner.invoke(app, ["migrate-archive", "--from", sqlite_archive, "--to", target]).exit_code == 0
    again = runner.invoke(app, ["migrate-archive", "--from", sqlite_archive, "--to", target])
    assert again.exit_code == 1
    assert "the target archive is not empty (5 documents, 1 failures); --force replaces" in again.output
    forced = runner.invoke(app, ["migrate-archive", "--from", sqlite_archive, "--to", target, "--force"])
    assert forced.exit_code == 0, forced.output
    assert exported(runner, target) == exported(runner, sqlite_archive)


def test_an_archive_is_not_copied_onto_itself(runner, sqlite_archive: str) -> None:
    result = runner.invoke(app, ["migrate-archive", "--from", sqlite_archive, "--to", sqlite_archive])
    assert result.exit_code == 1
    assert "the same archive" in result.output
