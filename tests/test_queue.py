"""Ingest through the queue: `samarkiv worker` processes on a private Redis broker store documents in
a private PostgreSQL archive, with the same records as a local ingest, each exactly once even when
a worker is killed mid-run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samarkiv.batch import Input, Status
from samarkiv.cli import app
from samarkiv.store import Archive

from .conftest import SEEDS, requires_ocr, seed_path

_redis_databases = iter(range(1, 16))


def queue_url(redis_url: str) -> str:
    """A Redis database of its own for each test, so that no test's workers take another's tasks."""
    return redis_url.rsplit("/", 1)[0] + f"/{next(_redis_databases)}"


class Workers:
    """`samarkiv worker` subprocesses, each in its own process group so that it can be killed whole."""

    def __init__(self, queue: str, db: str, folder: Path, count: int, *args: str) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs = [folder / f"worker{i}.log" for i in range(count)]
        for log in self.logs:
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "samarkiv.cli", "worker", "--queue", queue, "--db", db, "--concurrency", "1",
                 *args], stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True, cwd=folder))
        self.wait_ready()

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not all(b"ready." in log.read_bytes() for log in self.logs if log.exists()):
            for p, log in zip(self.processes, self.logs, strict=True):
                assert p.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.2)

    def unfinished(self, index: int) -> set[str]:
        """Ids of the tasks worker `index` has received and not finished."""
        log = self.logs[index].read_text(errors="replace")
        received = set(re.findall(r"ingest_document\[([0-9a-f-]+)\] received", log))
        return received - set(re.findall(r"ingest_document\[([0-9a-f-]+)\] (?:succeeded|failed)", log))

    def kill(self, index: int) -> None:
        os.killpg(self.processes[index].pid, signal.SIGKILL)
        self.processes[index].wait()

    def stop(self) -> None:
        for p in self.processes:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.processes:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@pytest.fixture
def pg_archive(postgres_server) -> str:
    return str(postgres_server.new_database(f"queue{time.monotonic_ns()}"))


@pytest.fixture
def two_workers(redis_url: str, pg_archive: str, tmp_path: Path) -> Iterator[tuple[str, str, Workers]]:
    queue = queue_url(redis_url)
    workers = Workers(queue, pg_archive, tmp_path, 2, "--time-limit", "60")
    yield queue, pg_archive, workers
    workers.stop()


def exported(runner, db: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["export", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return sorted(json.loads(result.output), key=lambda r: str(r["sha256"]))


def test_the_queue_archives_the_same_records_as_a_local_ingest(runner, two_workers, tmp_path: Path) -> None:
    from samarkiv.synth import typeset_pdf

    queue, db, _workers = two_workers
    born = tmp_path / "004.pdf"
    born.write_bytes(typeset_pdf(seed_path("004").read_text(encoding="utf-8")))
    inputs = [str(SEEDS), str(born)]
    local = str(tmp_path / "local.sqlite")
    assert runner.invoke(app, ["ingest", *inputs, "--db", local, "-j", "1"]).exit_code == 0

    started = time.perf_counter()
    result = runner.invoke(app, ["ingest", *inputs, "--db", db, "--queue", queue])
    seconds = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert f"{len(exported(runner, local))} ingested, 0 skipped, 0 failed" in result.output
    print(f"queue: {len(exported(runner, local))} documents in {seconds:.1f} s through two workers")

    assert exported(runner, db) == exported(runner, local)
    # Sent again, every document is already archived: nothing is read twice.
    again = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--queue", queue])
    assert again.exit_code == 0 and "0 ingested, 5 skipped, 0 failed" in again.output


def test_a_file_over_the_inline_limit_is_read_by_the_worker_from_its_path(two_workers, tmp_path: Path) -> None:
    from samarkiv.queue import QueueIngestor

    queue, db, _workers = two_workers
    seed = tmp_path / "delad" / "protokoll.txt"
    seed.parent.mkdir()
    seed.write_bytes(seed_path("002").read_bytes())
    with Archive(db) as archive:
        summary = QueueIngestor(archive, queue, inline_limit=0).run([Input(seed)])
        (result,) = summary.results
        assert result.status is Status.INGESTED and result.pages == 1
        (exported_record,) = list(archive.export())
    assert exported_record["source"] == "protokoll.txt"


def test_watch_once_sends_new_uploads_through_the_queue(runner, two_workers, tmp_path: Path) -> None:
    queue, db, _workers = two_workers
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    for seed in ("001", "004"):
        (inbox / f"{seed}.txt").write_bytes(seed_path(seed).read_bytes())
    result = runner.invoke(app, ["watch", str(inbox), "--once", "--settle", "0", "--db", db, "--queue", queue])
    assert result.exit_code == 0, result.output
    assert "2 ingested, 0 skipped, 0 failed" in result.output
    (inbox / "002.txt").write_bytes(seed_path("002").read_bytes())
    again = runner.invoke(app, ["watch", str(inbox), "--once", "--settle", "0", "--db", db, "--queue", queue])
    assert again.exit_code == 0 and "1 ingested, 2 skipped, 0 failed" in again.output
    assert sorted(r["source"] for r in exported(runner, db)) == ["001.txt", "002.txt", "004.txt"]


def test_a_bad_file_through_the_queue_is_a_recorded_failure(runner, two_workers, tmp_path: Path) -> None:
    queue, db, _workers = two_workers
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    result = runner.invoke(app, ["ingest", str(bad), "--db", db, "--queue", queue])
    assert result.exit_code == 1
    with Archive(db) as archive:
        (failure,) = archive.failures()
    assert failure.path == str(bad) and failure.error_type == "CorruptInput"
    assert "0 ingested, 0 skipped, 1 failed" in result.output


def test_a_document_whose_worker_keeps_dying_ends_as_a_failure(runner, two_workers, tmp_path: Path) -> None:
    import redis

    from samarkiv.ingest import hash_file
    from samarkiv.queue import WorkerLimits

    queue, db, _workers = two_workers
    seed = next(SEEDS.glob("001_*.txt"))
    # As if workers had died on it at every delivery allowed so far.
    redis.Redis.from_url(queue).set(f"samarkiv:deliveries:{hash_file(seed)[0]}", WorkerLimits().max_deliveries)
    result = runner.invoke(app, ["ingest", str(seed), "--db", db, "--queue", queue])
    assert result.exit_code == 1
    with Archive(db) as archive:
        (failure,) = archive.failures()
        assert archive.counts()["documents"] == 0
    assert failure.error_type == "WorkerLost" and "lost while reading it 3 times" in failure.reason


def distinct_documents(folder: Path, count: int) -> list[Path]:
    """`count` documents with different bytes: the seeds, each with a numbered line of its own."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"{i:03d}_{seeds[i % len(seeds)].name}"
        path.write_text(seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\nBilaga {i + 1}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_killing_a_worker_mid_run_loses_and_duplicates_nothing(redis_url: str, pg_archive: str,
                                                               tmp_path: Path) -> None:
    from samarkiv.queue import QueueIngestor

    queue = queue_url(redis_url)
    paths = distinct_documents(tmp_path / "in", 16)
    # Short limits, so that the killed worker's document is handed out again within seconds.
    workers = Workers(queue, pg_archive, tmp_path, 2, "--time-limit", "8", "--visibility-timeout", "20")
    try:
        with Archive(pg_archive) as archive:
            ingestor = QueueIngestor(archive, queue)
            for path in paths:
                assert ingestor.submit(Input(path))
            ingestor.collect(block=True, timeout=60)
            deadline = time.monotonic() + 60
            while not workers.unfinished(0) and time.monotonic() < deadline:
                time.sleep(0.01)
            workers.kill(0)
            deadline = time.monotonic() + 120
            while ingestor.pending and time.monotonic() < deadline:
                ingestor.collect(block=True, timeout=5)
            assert ingestor.pending == 0
            statuses = {r.path: r.status for r in ingestor.summary.results}
            with archive.session() as s:
                from sqlalchemy import func, select

                from samarkiv.store.models import Document, DocumentPath

                documents = s.scalar(select(func.count()).select_from(Document))
                paths_per_document = set(s.scalars(select(func.count()).select_from(DocumentPath)
                                                   .group_by(DocumentPath.document_id)))
    finally:
        workers.stop()
    # The killed worker had taken a document it never finished: that one had to be handed out again.
    assert len(workers.unfinished(0)) == 1
    assert documents == len(paths)
    assert paths_per_document == {1}
    assert set(statuses) == {str(p) for p in paths}
    # A document the killed worker had stored but not acknowledged comes back as already archived.
    assert set(statuses.values()) <= {Status.INGESTED, Status.SKIPPED}


@requires_ocr
def test_a_document_over_the_time_limit_is_a_recorded_failure(runner, redis_url: str, pg_archive: str,
                                                              tmp_path: Path) -> None:
    from samarkiv.synth import scanned_pdf

    queue = queue_url(redis_url)
    scan = tmp_path / "skannat.pdf"
    scan.write_bytes(scanned_pdf(seed_path("000").read_text(encoding="utf-8")[:3000], seed=1))
    workers = Workers(queue, pg_archive, tmp_path, 1, "--time-limit", "1")
    try:
        result = runner.invoke(app, ["ingest", str(scan), "--db", pg_archive, "--queue", queue])
    finally:
        workers.stop()
    assert result.exit_code == 1
    with Archive(pg_archive) as archive:
        (failure,) = archive.failures()
    assert failure.error_type == "TooLarge" and failure.reason == "reading it took longer than 1 s"


def test_a_queue_that_does_not_answer_is_a_clear_error(runner, tmp_path: Path) -> None:
    from .servers import free_port

    queue = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    result = runner.invoke(app, ["ingest", str(seed_path("001")), "--db", str(tmp_path / "a.sqlite"),
                                 "--queue", queue])
    assert result.exit_code == 2
    assert f"cannot reach the queue at {queue}" in result.output
    watched = runner.invoke(app, ["watch", str(tmp_path), "--once", "--db", str(tmp_path / "a.sqlite"),
                                  "--queue", queue])
    assert watched.exit_code == 2
    assert f"cannot reach the queue at {queue}" in watched.output
