"""`samarkiv verify`: database integrity and every kept original re-hashed, findings named."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from samarkiv.cli import app

from .conftest import seed_path


@pytest.fixture
def archived(runner, tmp_path: Path) -> Path:
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(seed_path("001")), str(seed_path("004")), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    return db


def kept_copy(db: Path, seed: str) -> Path:
    digest = hashlib.sha256(seed_path(seed).read_bytes()).hexdigest()
    return Path(f"{db}.originals") / digest[:2] / digest


def test_a_clean_archive_verifies_ok(runner, archived: Path) -> None:
    result = runner.invoke(app, ["verify", "--db", str(archived)])
    assert result.exit_code == 0, result.output
    assert "ok: 2 documents, 2 originals re-hashed" in result.output


def test_one_altered_byte_is_named(runner, archived: Path) -> None:
    kept = kept_copy(archived, "004")
    data = bytearray(kept.read_bytes())
    data[100] ^= 0x01
    os.chmod(kept, 0o644)
    kept.write_bytes(bytes(data))
    result = runner.invoke(app, ["verify", "--db", str(archived)])
    assert result.exit_code == 1
    digest = hashlib.sha256(seed_path("004").read_bytes()).hexdigest()
    line = next(ln for ln in result.output.splitlines() if ln.startswith("altered original"))
    assert f"{seed_path('004').name} ({digest})" in line
    assert hashlib.sha256(bytes(data)).hexdigest() in line
    assert seed_path("001").name not in result.output


def test_a_deleted_original_is_named(runner, archived: Path) -> None:
    kept_copy(archived, "001").unlink()
    result = runner.invoke(app, ["verify", "--db", str(archived)])
    assert result.exit_code == 1
    digest = hashlib.sha256(seed_path("001").read_bytes()).hexdigest()
    assert f"missing original: {seed_path('001').name} ({digest})" in result.output


def test_a_broken_foreign_key_is_found(runner, archived: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(archived)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("INSERT INTO decisions (document_id, position, kind, text, amounts, warnings) "
                 "VALUES (999, 0, 'approve', 'Styrelsen beslutar att godkänna.', '[]', '[]')")
    conn.commit()
    conn.close()
    result = runner.invoke(app, ["verify", "--db", str(archived)])
    assert result.exit_code == 1
    assert "foreign key: decisions row" in result.output
    assert "documents" in result.output


def test_an_archive_without_kept_originals_checks_the_database_only(runner, tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    runner.invoke(app, ["ingest", str(seed_path("001")), "--db", str(db), "-j", "1", "--no-keep-originals"])
    result = runner.invoke(app, ["verify", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "ok: 1 documents, 0 originals re-hashed" in result.output


def test_a_missing_archive_is_bad_usage(runner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["verify", "--db", str(tmp_path / "saknas.sqlite")]).exit_code == 2
