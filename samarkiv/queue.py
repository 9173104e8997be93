"""Ingest through a Celery queue on a Redis broker: the enqueuer sends one task per document, and
workers on any number of machines read, extract and store it in the shared archive (PostgreSQL).

Workers write to the archive themselves, each document in one transaction, and return only a small
status, so results never travel through Redis and the enqueuer may go away. Tasks are idempotent by
content hash: archived bytes are skipped, and the unique sha256 of `documents` settles a race.
Files up to `INLINE_LIMIT` travel inside the task; larger ones are read by the worker from their
path, which must then be the same on every machine (a shared mount).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from celery import Celery, Task, states
from celery.exceptions import SoftTimeLimitExceeded
from celery.result import AsyncResult
from sqlalchemy.exc import IntegrityError, OperationalError

from samarkiv.batch import FileResult, Input, Status, Summary
from samarkiv.errors import CorruptInput, SamarkivError, TooLarge, UnsupportedInput
from samarkiv.ingest import IngestOptions, hash_file, read_bytes
from samarkiv.pipeline import process_source
from samarkiv.store import Archive

TASK = "samarkiv.ingest_document"
INLINE_LIMIT = 16 * 1024 * 1024
"""Files up to this size travel inside the task message; larger ones by path."""



class QueueUnavailable(SamarkivError):
    """The Redis broker does not answer."""


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """How long a document may take, and how often it may be tried, before it is a recorded failure."""

    soft_seconds: float = 1800.0
    """The task is told to stop (and records the document as failed) after this long."""
    hard_seconds: float = 1860.0
    """The worker process is killed after this long."""
    visibility_seconds: float = 2400.0
    """A task not acknowledged this long after delivery (its worker died) is delivered again.
    Must exceed `hard_seconds`, or a slow document would be handed to a second worker."""
    max_retries: int = 3
    """Retries after the archive could not be reached."""
    max_deliveries: int = 3
    """Deliveries of one document before it is recorded as failed (a worker died on each)."""


def make_app(queue: str, db: str | None = None, limits: WorkerLimits | None = None) -> Celery:
    """A Celery app on the Redis `queue`; `db` is the archive a worker writes to."""
    limits = limits or WorkerLimits()
    app = Celery("samarkiv", broker=queue, backend=queue)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # A task is acknowledged when done, not when received: a worker that dies mid-document
        # leaves it in the queue for another one.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=limits.soft_seconds,
        task_time_limit=limits.hard_seconds,
        result_expires=7 * 24 * 3600,
        broker_transport_options={"visibility_timeout": limits.visibility_seconds,
                                  "unacked_restore_interval": min(60.0, limits.visibility_seconds / 4),
                                  "unacked_restore_throttle": 1},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        samarkiv_db=db,
        samarkiv_limits=dataclasses.asdict(limits),
    )
    app.task(name=TASK, bind=True, max_retries=limits.max_retries)(_ingest_document)
    return app


# --- the worker side ------------------------------------------------------------------------------

_archives: dict[str, Archive] = {}


def _archive(db: str) -> Archive:
    # One archive (engine and connection pool) per worker process, opened after the fork.
    if db not in _archives:
        _archives[db] = Archive(db)
    return _archives[db]


def _result(status: Status, path: str, sha: str, reason: str = "", pages: int = 0) -> dict[str, Any]:
    return {"status": status.value, "path": path, "sha256": sha, "reason": reason, "pages": pages}


def _ingest_document(task: Task, path: str, sha256: str, data: str | None, options: dict[str, Any],
                     force: bool = False) -> dict[str, Any]:
    """Reads, extracts and archives one document; returns what happened to it."""
    db = task.app.conf.samarkiv_db
    if not db:
        raise SamarkivError("the worker was started without an archive (--db)")
    limits = WorkerLimits(**task.app.conf.samarkiv_limits)
    archive = _archive(db)
    deliveries = _count_delivery(task, sha256)
    if deliveries > limits.max_deliveries:
        reason = f"a worker was lost while reading it {deliveries - 1} times; given up"
        archive.record_failure(path, sha256, "WorkerLost", reason)
        _forget_deliveries(task, sha256)
        return _result(Status.FAILED, path, sha256, reason)
    try:
        if not force and archive.find(sha256) is not None:
            new = archive.add_path(sha256, path)
            return _result(Status.SKIPPED, path, sha256, "already archived" + (" (new path recorded)" if new else ""))
        try:
            processed = process_source(read_bytes(_input_bytes(path, data), IngestOptions(**options)))
        except SoftTimeLimitExceeded:
            raise TooLarge(f"reading it took longer than {limits.soft_seconds:.0f} s") from None
        except SamarkivError:
            raise
        except Exception as exc:  # a bug on one document must not stop the queue
            raise CorruptInput(f"{type(exc).__name__}: {exc}") from exc
        try:
            archive.save(processed.source, processed.text, processed.record, path)
        except IntegrityError:
            # Another worker archived the same bytes at the same moment: the unique sha256 kept one.
            archive.add_path(sha256, path)
            return _result(Status.SKIPPED, path, sha256, "archived at the same time by another worker")
        _forget_deliveries(task, sha256)
        return _result(Status.INGESTED, path, sha256, pages=len(processed.source.pages))
    except SamarkivError as exc:
        error = exc.with_path(path)
        archive.record_failure(path, sha256, type(error).__name__, error.reason)
        _forget_deliveries(task, sha256)
        return _result(Status.FAILED, path, sha256, error.reason)
    except OperationalError as exc:
        # The archive could not be reached: worth trying again later, up to max_retries.
        if task.request.retries >= limits.max_retries:
            _forget_deliveries(task, sha256)
            return _result(Status.FAILED, path, sha256, f"the archive could not be reached: {exc.orig}")
        _forget_deliveries(task, sha256)
        raise task.retry(exc=exc, countdown=2 ** task.request.retries * 5) from None


def _input_bytes(path: str, data: str | None) -> bytes:
    if data is not None:
        return base64.b64decode(data)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CorruptInput(f"the worker cannot read the file (is the path shared with the workers?): "
                           f"{exc.strerror or exc}") from exc


def _deliveries_key(sha256: str) -> str:
    return f"samarkiv:deliveries:{sha256}"


def _count_delivery(task: Task, sha256: str) -> int:
    # Redis does not count redeliveries, so a document that kills its worker every time is
    # counted here; without this it would go round the queue for ever.
    client = task.app.backend.client
    count = int(client.incr(_deliveries_key(sha256)))
    client.expire(_deliveries_key(sha256), 7 * 24 * 3600)
    return count


def _forget_deliveries(task: Task, sha256: str) -> None:
    task.app.backend.client.delete(_deliveries_key(sha256))


def run_worker(queue: str, db: str, concurrency: int, limits: WorkerLimits | None = None,
               loglevel: str = "INFO") -> None:
    """Runs a Celery worker (blocking) that ingests documents from `queue` into the archive `db`."""
    Archive(db).close()  # migrate once, and fail early on a bad URL
    app = make_app(queue, db, limits)
    app.worker_main(["worker", f"--concurrency={concurrency}", f"--loglevel={loglevel}", "--without-gossip",
                     "--without-mingle", "--pool=prefork"])


# --- the enqueuing side ---------------------------------------------------------------------------


@dataclass
class QueueIngestor:
    """Sends inputs to the workers and reports results as they arrive; the `ingest --queue` runner.

    `submit` sends one input (what a folder watcher calls per new file) and `collect` reports the
    results that have arrived; `run` does both for a whole batch.
    """

    archive: Archive
    queue: str
    options: IngestOptions = field(default_factory=IngestOptions)
    force: bool = False
    retry_failed: bool = False
    on_result: Callable[[FileResult], None] | None = None
    inline_limit: int = INLINE_LIMIT
    max_pending: int = 500
    """Documents sent and not yet settled, at most; enough to keep some hundreds of worker processes busy."""
    poll_seconds: float = 0.2
    summary: Summary = field(default_factory=Summary)
    _app: Celery | None = field(default=None, init=False, repr=False)
    _pending: dict[str, tuple[str, AsyncResult]] = field(default_factory=dict, init=False, repr=False)
    _in_flight: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _failed_before: dict[str, str | None] | None = field(default=None, init=False, repr=False)

    @property
    def app(self) -> Celery:
        if self._app is None:
            self._app = make_app(self.queue)
        return self._app

    def check(self) -> None:
        """Raises QueueUnavailable unless the broker answers (`run` checks first; a watcher should too)."""
        try:
            with self.app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=2, interval_start=0.2, interval_step=0.5)
            self.app.backend.client.ping()
        except Exception as exc:  # kombu and redis-py raise their own kinds for the same thing
            raise QueueUnavailable(f"cannot reach the queue at {self.queue}: {exc}") from None

    def _report(self, result: FileResult) -> None:
        self.summary.results.append(result)
        if self.on_result:
            self.on_result(result)

    def _fail(self, path: str, sha: str | None, error: SamarkivError) -> None:
        self.archive.record_failure(path, sha, type(error).__name__, error.reason)
        self._report(FileResult(path, Status.FAILED, error.reason, sha256=sha))

    def submit(self, item: Input) -> bool:
        """Sends one input to the workers; False when it was settled here (a problem, archived bytes)."""
        if self._failed_before is None:
            self._failed_before = {} if (self.force or self.retry_failed) else self.archive.failed_paths()
        path = str(item.path)
        if item.problem:
            self._fail(path, None, UnsupportedInput(item.problem, path))
            return False
        try:
            if item.path.is_dir():
                raise UnsupportedInput("is a directory", path)
            data: str | None = None
            if item.path.stat().st_size <= self.inline_limit:
                raw = item.path.read_bytes()  # read once: hashed and sent from the same bytes
                sha, data = hashlib.sha256(raw).hexdigest(), base64.b64encode(raw).decode("ascii")
            else:
                sha, _size = hash_file(item.path)
        except OSError as exc:
            self._fail(path, None, UnsupportedInput(f"cannot read the file: {exc.strerror or exc}", path))
            return False
        except SamarkivError as exc:
            self._fail(path, None, exc)
            return False
        if sha in self._in_flight:
            self._in_flight[sha].append(path)
            return False
        if self._failed_before.get(path) == sha:
            self._report(FileResult(path, Status.SKIPPED, "failed before; --retry-failed tries again", sha256=sha))
            return False
        if not self.force and self.archive.find(sha) is not None:
            new = self.archive.add_path(sha, path)
            self._report(FileResult(path, Status.SKIPPED, "already archived" + (" (new path recorded)" if new else ""),
                                    sha256=sha))
            return False
        self._in_flight[sha] = []
        # The absolute path is what a worker reads when the bytes do not travel with the task.
        location = str(item.path.resolve()) if data is None else path
        self._pending[sha] = (path, self.app.send_task(TASK, args=[location, sha, data,
                                                                   dataclasses.asdict(self.options), self.force]))
        return True

    def collect(self, block: bool = False, timeout: float | None = None) -> int:
        """Reports results that have arrived; with `block`, waits for at least one. Returns how many."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            done = self._ready()
            for sha in done:
                self._settle(sha, *self._pending.pop(sha))
            if done or not block or not self._pending:
                return len(done)
            if deadline is not None and time.monotonic() > deadline:
                return 0
            time.sleep(self.poll_seconds)

    def _ready(self) -> list[str]:
        # One MGET per few hundred tasks instead of a round trip per task: a batch may hold thousands.
        backend = self.app.backend
        pending = list(self._pending.items())
        ready = []
        for start in range(0, len(pending), 500):
            chunk = pending[start:start + 500]
            values = backend.mget([backend.get_key_for_task(result.id) for _sha, (_path, result) in chunk])
            for (sha, _), value in zip(chunk, values, strict=True):
                if value is not None and backend.decode_result(value)["status"] in states.READY_STATES:
                    ready.append(sha)
        return ready

    def _settle(self, sha: str, path: str, result: AsyncResult) -> None:
        others = self._in_flight.pop(sha, [])
        if result.successful():
            value = result.get()
            status = Status(value["status"])
            self._report(FileResult(path, status, value["reason"], value["pages"], sha))
        else:
            # The worker could not record it (killed at the hard time limit, an error while saving).
            status = Status.FAILED
            self.app.backend.client.delete(_deliveries_key(sha))
            self._fail(path, sha, SamarkivError(f"the worker failed on it: {type(result.result).__name__}: "
                                                f"{result.result}", path))
        for other in others:
            if status is not Status.FAILED:
                self.archive.add_path(sha, other)
            self._report(FileResult(other, Status.SKIPPED, "same bytes as " + str(path), sha256=sha))
        result.forget()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(self, inputs: Iterable[Input]) -> Summary:
        """Sends every input and waits until each has a result."""
        self.check()
        started = time.perf_counter()
        try:
            for item in inputs:
                # Bounded, so that Redis does not hold the bytes of a whole national archive at once.
                while len(self._pending) >= self.max_pending:
                    self.collect(block=True)
                self.submit(item)
                self.collect()
            while self._pending:
                self.collect(block=True)
        except KeyboardInterrupt:
            self.summary.interrupted = True
        self.summary.seconds = time.perf_counter() - started
        return self.summary
