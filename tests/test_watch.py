"""`samarkiv watch`: files are ingested once completely written; --once for cron and CI."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from samarkiv.cli import app
from samarkiv.watch import Settling

from .conftest import seed_path


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_taken_when_it_stops_changing(tmp_path: Path) -> None:
    clock = Clock()
    settling = Settling(settle=2.0, clock=clock)
    path = tmp_path / "protokoll.txt"
    path.write_bytes(b"Protokoll fort vid styrelsens")
    assert settling.look([path]) == []
    clock.now = 2.5
    with path.open("ab") as fh:
        fh.write(b" sammantrade 2021-03-12")
    assert settling.look([path]) == []  # it grew: the wait starts again
    clock.now = 3.5
    assert settling.look([path]) == []  # unchanged, but only for one second
    clock.now = 4.6
    assert settling.look([path]) == [path]
    settling.handled(path)
    clock.now = 9.0
    assert settling.look([path]) == []  # taken already, and unchanged since
    path.write_bytes(b"Protokoll, ny version")
    assert settling.look([path]) == []
    clock.now = 11.5
    assert settling.look([path]) == [path]


def test_a_vanished_file_is_forgotten(tmp_path: Path) -> None:
    settling = Settling(settle=0.0)
    path = tmp_path / "a.txt"
    path.write_text("Kallelse", encoding="utf-8")
    settling.look([path])
    path.unlink()
    assert settling.look([path]) == [] and settling.waiting() == []


def test_once_ingests_the_folder_and_exits(runner, tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    (inbox / "2021").mkdir(parents=True)
    (inbox / "2021" / "vp.txt").write_bytes(seed_path("001").read_bytes())
    (inbox / "kallelse.txt").write_bytes(seed_path("004").read_bytes())
    (inbox / ".kopia.tmp").write_bytes(b"halvfardig")
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["watch", str(inbox), "--once", "--settle", "0.2", "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "2 ingested, 0 skipped, 0 failed" in result.output
    conn = sqlite3.connect(db)
    paths = sorted(p for (p,) in conn.execute("SELECT path FROM document_paths"))
    conn.close()
    assert paths == [str(inbox / "2021" / "vp.txt"), str(inbox / "kallelse.txt")]
    again = runner.invoke(app, ["watch", str(inbox), "--once", "--settle", "0.2", "--db", str(db), "-j", "1"])
    assert again.exit_code == 0 and "0 ingested, 2 skipped, 0 failed" in again.output


def test_once_reports_a_bad_file_with_exit_1(runner, tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    (inbox / "tom.pdf").write_bytes(b"")
    (inbox / "vp.txt").write_bytes(seed_path("001").read_bytes())
    result = runner.invoke(app, ["watch", str(inbox), "--once", "--settle", "0.1", "--db", str(tmp_path / "a.sqlite"),
                                 "-j", "1"])
    assert result.exit_code == 1
    assert "1 ingested, 0 skipped, 1 failed" in result.output
    assert "tom.pdf: the file is empty" in result.output.replace("\n", "")


def archived_shas(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return [sha for (sha,) in conn.execute("SELECT sha256 FROM documents")]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return []


def test_watching_waits_for_a_file_written_in_two_chunks(tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    db = tmp_path / "a.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "samarkiv.cli", "watch", str(inbox), "--db", str(db),
                             "--settle", "1.5", "--interval", "0.2", "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        assert "watching" in proc.stderr.readline()
        content = seed_path("003").read_bytes()
        target = inbox / "protokoll.txt"
        with target.open("wb") as fh:
            fh.write(content[: len(content) // 2])
            fh.flush()
            time.sleep(1.0)
            assert archived_shas(db) == []  # half a file is not taken
            fh.write(content[len(content) // 2:])
        deadline = time.monotonic() + 60
        while not archived_shas(db) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert archived_shas(db) == [hashlib.sha256(content).hexdigest()]
    finally:
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr
    assert "stopped" in stderr
    assert f"ingested {target}" in stderr.replace("\n", "")


def test_without_file_system_events_the_folder_is_scanned(tmp_path: Path, monkeypatch) -> None:
    import threading

    import samarkiv.watch as watch_module
    from samarkiv.batch import FileResult, Input, Status, Summary

    monkeypatch.setattr(watch_module, "_start_observer", lambda folder, events: None)
    taken: list[Path] = []

    def ingest(inputs: list[Input]) -> Summary:
        taken.extend(item.path for item in inputs)
        return Summary([FileResult(str(item.path), Status.INGESTED) for item in inputs])

    stop = threading.Event()
    watcher = watch_module.Watch(tmp_path, ingest, settle=0.3, interval=0.05)
    thread = threading.Thread(target=watcher.run, args=(stop,))
    thread.start()
    try:
        (tmp_path / "kallelse.txt").write_text("Kallelse till styrelsemöte", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not taken and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a second look finds nothing new
    finally:
        stop.set()
        thread.join(timeout=10)
    assert taken == [tmp_path / "kallelse.txt"]
