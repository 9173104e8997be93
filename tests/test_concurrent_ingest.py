"""Two `samarkiv ingest` runs on one archive at once, over overlapping inputs: both finish, and
the archive holds each file once, sound."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import seed_path

pytestmark = pytest.mark.slow


def test_two_runs_at_once_over_overlapping_inputs(tmp_path: Path) -> None:
    first, second = tmp_path / "forsta", tmp_path / "andra"
    first.mkdir()
    second.mkdir()
    for prefix in ("000", "001", "002", "003"):
        shutil.copy(seed_path(prefix), first)
    for prefix in ("002", "003", "004"):
        shutil.copy(seed_path(prefix), second)
    db = tmp_path / "a.sqlite"  # new: both runs race to create and migrate it too

    def start(folder: Path) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "samarkiv.cli", "ingest", str(folder), "--db", str(db),
                                 "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    runs = [start(first), start(second)]
    outputs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("0 failed" in out for out in outputs)

    files = sorted([*first.iterdir(), *second.iterdir()])
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        shas = sorted(sha for (sha,) in conn.execute("SELECT sha256 FROM documents"))
        paths = sorted(p for (p,) in conn.execute("SELECT path FROM document_paths"))
        failures = conn.execute("SELECT count(*) FROM failures").fetchone()
    finally:
        conn.close()
    assert shas == sorted({hashlib.sha256(f.read_bytes()).hexdigest() for f in files})
    assert len(shas) == 5
    assert paths == [str(f) for f in files]
    assert failures == (0,)
