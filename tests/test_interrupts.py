"""Ingest runs killed at any moment (kill -9, SIGINT, SIGTERM) and run again finish the job:
nothing archived twice or by halves, the database sound, the same export as an unbroken run.

Real `samarkiv ingest` processes are killed at points drawn from a seeded RNG, so a failure
names its seed and kill time and can be reproduced.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samarkiv.synth import typeset_pdf

from .conftest import SEEDS, seed_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The text seeds, one of them twice under another name, and a born-digital PDF."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(seed_path("001"), folder / "kopia-av-001.txt")
    (folder / "004.pdf").write_bytes(typeset_pdf(seed_path("004").read_text(encoding="utf-8")))
    return folder


def ingest(db: Path, corpus: Path, jobs: int = 1) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "samarkiv.cli", "ingest", str(corpus), "--db", str(db),
                             "-j", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(db: Path, corpus: Path, jobs: int = 1) -> str:
    proc = ingest(db, corpus, jobs)
    _, stderr = proc.communicate(timeout=180)
    assert proc.returncode == 0, stderr
    return stderr


def export(db: Path) -> list[dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "samarkiv.cli", "export", "--db", str(db)], capture_output=True,
                          text=True, timeout=120, check=True)
    return sorted(json.loads(done.stdout), key=lambda r: str(r["sha256"]))


def assert_sound(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" not in tables:
            # Killed during the first migration: it is one transaction, so no table is left of it.
            assert tables == set()
            return
        # A document is whole or absent: every archived document has all its pages.
        assert conn.execute("SELECT d.source FROM documents d WHERE d.page_count != "
                            "(SELECT count(*) FROM pages p WHERE p.document_id = d.id)").fetchall() == []
    finally:
        conn.close()


def assert_archived_once(db: Path, corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    shas = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    conn = sqlite3.connect(db)
    try:
        archived = [sha for (sha,) in conn.execute("SELECT sha256 FROM documents")]
        paths = [p for (p,) in conn.execute("SELECT path FROM document_paths")]
        kept = conn.execute("SELECT count(*) FROM documents WHERE NOT original_kept").fetchone()
    finally:
        conn.close()
    assert sorted(archived) == sorted(shas)
    assert sorted(paths) == [str(f) for f in files]
    assert kept == (0,)
    originals = Path(f"{db}.originals")
    assert sorted(p.name for p in originals.glob("*/*")) == sorted(shas)


def document_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not yet migrated


@pytest.fixture(scope="module")
def unbroken(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, object]], float]:
    """The export of an uninterrupted run, and how long that run took (to place kill points)."""
    db = tmp_path_factory.mktemp("unbroken") / "a.sqlite"
    started = time.monotonic()
    finish(db, corpus)
    return export(db), time.monotonic() - started


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_kill_9_at_a_random_moment_then_run_again(seed: int, corpus: Path, unbroken, tmp_path: Path) -> None:
    expected, duration = unbroken
    rng = random.Random(seed)
    jobs = 1 + seed % 2
    db = tmp_path / "a.sqlite"
    for _ in range(2):
        delay = rng.uniform(0.3, duration)
        proc = ingest(db, corpus, jobs)
        time.sleep(delay)
        proc.kill()
        proc.communicate(timeout=60)
        if db.exists():
            assert_sound(db)
    finish(db, corpus, jobs)
    assert_sound(db)
    assert_archived_once(db, corpus)
    assert export(db) == expected
    again = finish(db, corpus, jobs)
    assert "0 ingested, 7 skipped, 0 failed" in again


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_with_a_summary(signum: int, code: int, corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    proc = ingest(db, corpus, jobs=2)
    deadline = time.monotonic() + 120
    while document_count(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    if "interrupted" not in stderr:
        pytest.fail(f"the run ended before the signal arrived: {stderr}")
    assert proc.returncode == code
    assert f"interrupted by {signal.Signals(signum).name}: " in stderr
    assert " ingested, " in stderr and "pages in" in stderr
    assert_sound(db)
    finish(db, corpus)
    assert_archived_once(db, corpus)
