"""Runs the pipeline over many inputs: finds files, skips archived bytes, processes the rest in
worker processes and stores each result, in one transaction, from this (the only writer) process.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from samarkiv.errors import SamarkivError, UnsupportedInput
from samarkiv.ingest import IngestOptions, hash_file
from samarkiv.pipeline import Processed, process_path
from samarkiv.store import Archive


class Status(StrEnum):
    INGESTED = "ingested"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input."""

    path: str
    status: Status
    reason: str = ""
    pages: int = 0
    sha256: str | None = None


@dataclass(slots=True)
class Summary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if r.status is Status.INGESTED)

    @property
    def ok(self) -> bool:
        return self.count(Status.FAILED) == 0 and not self.interrupted


@dataclass(frozen=True, slots=True)
class Input:
    """A file to consider, or a named problem with an argument (a missing path, an empty folder)."""

    path: Path
    problem: str | None = None


def expand_inputs(args: Iterable[str]) -> Iterator[Input]:
    """Files named by `args`: files as given, folders recursively (hidden entries skipped,
    symlinks not followed into loops), and glob patterns. Each file is yielded once."""
    seen: set[str] = set()

    def emit(path: Path) -> Iterator[Input]:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            yield Input(path)

    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = False
            visited: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in visited:
                    dirs[:] = []
                    continue
                visited.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    found = True
                    yield from emit(Path(root) / name)
            if not found:
                yield Input(path, "the folder holds no files to read")
        elif path.exists() or path.is_symlink():
            yield from emit(path)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Input(path, "the pattern matches no files")
            for match in matches:
                yield from expand_inputs([match]) if Path(match).is_dir() else emit(Path(match))
        else:
            yield Input(path, "no such file or folder")


def _work(path: str, options: IngestOptions) -> Processed:
    return process_path(Path(path), options)


ProgressCallback = Callable[[FileResult], None]


@dataclass
class Ingestor:
    """Ingests inputs into an archive. `jobs` worker processes; 1 runs in this process."""

    archive: Archive
    options: IngestOptions = field(default_factory=IngestOptions)
    jobs: int = 1
    force: bool = False
    retry_failed: bool = False
    on_result: ProgressCallback | None = None
    on_start: Callable[[str], None] | None = None
    _failed_before: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)

    def run(self, inputs: Iterable[Input]) -> Summary:
        summary = Summary()
        self._failed_before = {} if (self.force or self.retry_failed) else self.archive.failed_paths()
        started = time.perf_counter()
        try:
            if self.jobs <= 1:
                self._run_serial(inputs, summary)
            else:
                self._run_parallel(inputs, summary)
        except KeyboardInterrupt:
            summary.interrupted = True
        summary.seconds = time.perf_counter() - started
        return summary

    # --- shared steps -----------------------------------------------------------------------

    def _report(self, summary: Summary, result: FileResult) -> None:
        summary.results.append(result)
        if self.on_result:
            self.on_result(result)

    def _fail(self, summary: Summary, path: str, sha: str | None, error: BaseException) -> None:
        reason = error.reason if isinstance(error, SamarkivError) else f"{type(error).__name__}: {error}"
        self.archive.record_failure(path, sha, type(error).__name__, reason)
        self._report(summary, FileResult(path, Status.FAILED, reason, sha256=sha))

    def _triage(self, item: Input, summary: Summary, in_flight: dict[str, list[str]]) -> str | None:
        """Decides whether a file needs processing; returns its sha256 if so."""
        path = str(item.path)
        if item.problem:
            self._fail(summary, path, None, UnsupportedInput(item.problem, path))
            return None
        try:
            if item.path.is_dir():
                raise UnsupportedInput("is a directory", path)
            sha, _size = hash_file(item.path)
        except OSError as exc:
            self._fail(summary, path, None, UnsupportedInput(f"cannot read the file: {exc.strerror or exc}", path))
            return None
        if sha in in_flight:
            in_flight[sha].append(path)
            return None
        if self._failed_before.get(path) == sha:
            self._report(summary, FileResult(path, Status.SKIPPED, "failed before; --retry-failed tries again",
                                             sha256=sha))
            return None
        if not self.force and self.archive.find(sha) is not None:
            new_path = self.archive.add_path(sha, path)
            self._report(summary, FileResult(path, Status.SKIPPED,
                                             "already archived" + (" (new path recorded)" if new_path else ""),
                                             sha256=sha))
            return None
        in_flight[sha] = []
        return sha

    def _store(self, summary: Summary, path: str, sha: str, processed: Processed, others: list[str]) -> None:
        self.archive.save(processed.source, processed.text, processed.record, path)
        self._report(summary, FileResult(path, Status.INGESTED, pages=len(processed.source.pages), sha256=sha))
        for other in others:
            self.archive.add_path(sha, other)
            self._report(summary, FileResult(other, Status.SKIPPED, "same bytes as " + path, sha256=sha))

    # --- runners ----------------------------------------------------------------------------

    def _run_serial(self, inputs: Iterable[Input], summary: Summary) -> None:
        in_flight: dict[str, list[str]] = {}
        for item in inputs:
            sha = self._triage(item, summary, in_flight)
            if sha is None:
                continue
            path = str(item.path)
            if self.on_start:
                self.on_start(path)
            try:
                processed = process_path(item.path, self.options)
                self._store(summary, path, sha, processed, in_flight.pop(sha))
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                in_flight.pop(sha, None)
                self._fail(summary, path, sha, exc)

    def _run_parallel(self, inputs: Iterable[Input], summary: Summary) -> None:
        in_flight: dict[str, list[str]] = {}
        pending: dict[Future[Processed], tuple[str, str]] = {}
        limit = self.jobs * 2  # bounded, so memory stays flat however many files there are

        def collect(block: bool) -> None:
            if not pending:
                return
            done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
            for future in done:
                path, sha = pending.pop(future)
                try:
                    self._store(summary, path, sha, future.result(), in_flight.pop(sha))
                except Exception as exc:
                    in_flight.pop(sha, None)
                    self._fail(summary, path, sha, exc)

        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            try:
                for item in inputs:
                    sha = self._triage(item, summary, in_flight)
                    if sha is None:
                        continue
                    while len(pending) >= limit:
                        collect(block=True)
                    if self.on_start:
                        self.on_start(str(item.path))
                    pending[pool.submit(_work, str(item.path), self.options)] = (str(item.path), sha)
                    collect(block=False)
                while pending:
                    collect(block=True)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
