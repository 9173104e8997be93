"""Runs the pipeline over many inputs: finds files, skips archived bytes, processes the rest in
worker processes and stores each result, in one transaction, from this (the only writer) process.

A large PDF is read page by page in several workers when there are workers to spare, and put
back together in page order before it is stored. SIGTERM stops a run as Ctrl-C does.
"""

from __future__ import annotations

import ctypes
import gc
import glob
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from samarkiv import page_cache
from samarkiv.errors import CorruptInput, SamarkivError, TooLarge, UnsupportedInput
from samarkiv.ingest import (
    FileKind,
    IngestOptions,
    Page,
    count_pages,
    hash_file,
    read_pdf_page,
    read_source,
    sniff,
    source_from_pages,
)
from samarkiv.pipeline import Processed, process_path, process_source
from samarkiv.store import Archive, database_url
from samarkiv.store.originals import Originals, folder_for


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
    signal: int | None = None

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


# SQLite writes these beside the database file; each belongs to the archive as much as it does.
_DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class ArchiveFiles:
    """The archive's own files, never inputs: its SQLite database with the files SQLite keeps
    beside it, the folder of kept originals and the page images `serve` caches. Paths are
    absolute, symlinks resolved."""

    database: frozenset[str] = frozenset()
    folders: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, db: str | Path) -> ArchiveFiles:
        """The files of the archive `db` (a path or a database URL; a server's has none here)."""
        url = database_url(db)
        database: frozenset[str] = frozenset()
        folders: tuple[str, ...] = ()
        if url.startswith("sqlite:///"):
            base = os.path.realpath(url.removeprefix("sqlite:///"))
            database = frozenset(base + suffix for suffix in _DATABASE_SUFFIXES)
            folders = (os.path.realpath(page_cache.folder_for(base)),)
        originals = folder_for(db)
        if originals is not None:
            folders = (os.path.realpath(originals), *folders)
        return cls(database, folders, frozenset(os.path.basename(x) for x in database))

    def is_archive_folder(self, folder: str | Path) -> bool:
        """True for the originals folder, the page cache and every folder inside them."""
        real = os.path.realpath(folder)
        return any(real == own or real.startswith(own + os.sep) for own in self.folders)

    def is_database(self, path: str | Path) -> bool:
        """True for the archive's database file and the files SQLite keeps beside it."""
        return os.path.basename(path) in self.names and os.path.realpath(path) in self.database

    def holds(self, path: str | Path) -> bool:
        """True when `path` is one of the archive's files (its database, a kept original, a cached page)."""
        return self.is_database(path) or self.is_archive_folder(os.path.dirname(os.path.abspath(path)))


NO_ARCHIVE_FILES = ArchiveFiles()


def expand_inputs(args: Iterable[str], exclude: ArchiveFiles = NO_ARCHIVE_FILES) -> Iterator[Input]:
    """Files named by `args`: files as given, folders recursively (hidden entries skipped,
    symlinks not followed into loops), and glob patterns. Each file is yielded once. The
    archive's own files (`exclude`) are left out silently, wherever they are found."""
    seen: set[str] = set()

    def emit(path: Path, walked: bool = False) -> Iterator[Input]:
        key = os.path.abspath(path)
        # A walk has left out the archive's files already.
        if key not in seen and (walked or not exclude.holds(path)):
            seen.add(key)
            yield Input(path)

    for arg in args:
        path = Path(arg)
        if path.is_dir() and exclude.is_archive_folder(path):
            continue
        if path.is_dir():
            found = False
            visited: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in visited or exclude.is_archive_folder(root):
                    dirs[:] = []
                    continue
                visited.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or exclude.is_database(Path(root) / name):
                        continue
                    found = True
                    yield from emit(Path(root) / name, walked=True)
            if not found:
                yield Input(path, "the folder holds no files to read")
        elif path.exists() or path.is_symlink():
            yield from emit(path)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Input(path, "the pattern matches no files")
            for match in matches:
                yield from expand_inputs([match], exclude) if Path(match).is_dir() else emit(Path(match))
        else:
            yield Input(path, "no such file or folder")


# Allocations between young-generation collections while ingesting, against CPython's 700: a
# document makes hundreds of thousands of short-lived objects (offset maps, tokens) and few
# reference cycles, and at 700 the collector ran some 250 times over the 159 pages of the
# born-digital benchmark, every tenth pass through the long-lived lexicon and model as well
# (0.27 s of CPU; 0.12 s at this threshold, peak memory the same).
GC_YOUNG_THRESHOLD = 20_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within the block, the cyclic garbage collector runs less often (`GC_YOUNG_THRESHOLD`)."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], GC_YOUNG_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


# glibc's malloc gives blocks this large their own mapping, and hands freed memory over this much
# at the top of its heap back to the system. Its defaults (128 KiB, and thresholds it raises as
# it goes) mapped and unmapped the NER's numpy arrays of every page batch anew: 150 000 page
# faults over the born-digital benchmark's 159 pages, 62 000 at these, the peak memory the same.
MMAP_THRESHOLD = 32 << 20
TRIM_THRESHOLD = 64 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameter numbers in glibc's malloc.h


def keep_freed_memory() -> None:
    """Lets this process reuse the memory it frees rather than return it to the system and fault
    it in again (`MMAP_THRESHOLD`, `TRIM_THRESHOLD`); where malloc is not glibc's, nothing. For
    the rest of the process: glibc's settings cannot be read back to restore them."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)


class Terminated(KeyboardInterrupt):
    """Raised in the main thread on SIGTERM, so that a run stops as it does on Ctrl-C."""


def _on_sigterm(_signum: int, _frame: Any) -> None:
    raise Terminated()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` (a KeyboardInterrupt) in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _init_worker() -> None:
    # Tesseract's own threads would compete with the other workers for the same cores.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # Ctrl-C reaches the whole process group; the main process alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker whose main process was killed outright (kill -9) would wait for work forever.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    # The NER model loads (about a second) while the worker's first file is read, which for a
    # scan is mostly waiting on tesseract; extraction waits for it (`_models_loaded`).
    _preloading.set()
    threading.Thread(target=_load_models, daemon=True).start()


_preloading = threading.Event()
_models_ready = threading.Event()


def _load_models() -> None:
    from samarkiv.extract import ner

    try:
        ner.load()
    except Exception:  # noqa: BLE001 - the extraction that needs the model reports why it is missing
        pass
    finally:
        _models_ready.set()


def _models_loaded() -> None:
    """Waits, in a worker process, for the models its start began loading (outside a worker
    nothing began, and the first extraction loads them)."""
    if _preloading.is_set():
        _models_ready.wait()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(path: str, options: IngestOptions) -> Processed:
    source = read_source(Path(path), options)
    _models_loaded()
    return process_source(source)


def _read_bytes_checked(path: str, sha: str, options: IngestOptions) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CorruptInput(f"cannot read the file: {exc.strerror or exc}", path) from exc
    if len(data) > options.max_bytes:
        raise CorruptInput("the file grew over the size limit while it was being read", path)
    import hashlib

    if hashlib.sha256(data).hexdigest() != sha:
        raise CorruptInput("the file changed while it was being read; run ingest again", path)
    return data


def _work_page(path: str, sha: str, index: int, options: IngestOptions) -> Page:
    try:
        return read_pdf_page(_read_bytes_checked(path, sha, options), index, options)
    except SamarkivError as exc:
        raise exc.with_path(path) from None


def _work_assemble(path: str, sha: str, size: int, pages: list[Page]) -> Processed:
    try:
        source = source_from_pages(sha, size, FileKind.PDF, pages)
        _models_loaded()
        return process_source(source)
    except SamarkivError as exc:
        raise exc.with_path(path) from None


ProgressCallback = Callable[[FileResult], None]

# A PDF with at least this many pages is read page by page when there are two workers or more.
SPLIT_MIN_PAGES = 4


@dataclass(slots=True)
class _PagedJob:
    """A PDF whose pages are read by separate tasks."""

    path: str
    sha: str
    size: int
    page_count: int
    pages: list[Page] = field(default_factory=list)
    outstanding: int = 0
    error: BaseException | None = None


@dataclass
class Ingestor:
    """Ingests inputs into an archive. `jobs` worker processes; 1 runs in this process.

    With `originals`, each ingested file's bytes are copied there (before the document is
    committed, so a committed document always has its original).
    """

    archive: Archive
    options: IngestOptions = field(default_factory=IngestOptions)
    jobs: int = 1
    force: bool = False
    retry_failed: bool = False
    on_result: ProgressCallback | None = None
    on_start: Callable[[str], None] | None = None
    originals: Originals | None = None
    split_min_pages: int = SPLIT_MIN_PAGES
    _failed_before: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)

    def run(self, inputs: Iterable[Input]) -> Summary:
        summary = Summary()
        self._failed_before = {} if (self.force or self.retry_failed) else self.archive.failed_paths()
        started = time.perf_counter()
        try:
            if self.jobs <= 1:
                keep_freed_memory()
                with fewer_collections():
                    self._run_serial(inputs, summary)
            else:
                self._run_parallel(inputs, summary)
        except KeyboardInterrupt as exc:
            summary.interrupted = True
            summary.signal = signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT
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
            # Checked before hashing, so that a huge file is refused without reading it.
            size = item.path.stat().st_size
            if size > self.options.max_bytes:
                self._fail(summary, path, None, TooLarge(f"the file is {size / 2**20:.0f} MiB, over the limit of "
                                                         f"{self.options.max_bytes / 2**20:.0f} MiB", path))
                return None
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
        archived = None if self.force else self.archive.find(sha)
        if archived is not None:
            if self.originals is not None and not archived.original_kept:
                try:
                    self.originals.keep(item.path, sha)
                    self.archive.mark_original_kept(sha)
                except (OSError, SamarkivError):
                    pass  # the document stays archived; its original is kept on a later run
            new_path = self.archive.add_path(sha, path)
            self._report(summary, FileResult(path, Status.SKIPPED,
                                             "already archived" + (" (new path recorded)" if new_path else ""),
                                             sha256=sha))
            return None
        in_flight[sha] = []
        return sha

    def _store(self, summary: Summary, path: str, sha: str, processed: Processed, others: list[str]) -> None:
        if not self.force and self.archive.find(processed.source.sha256) is not None:
            # Another run on the same archive stored these bytes while this one processed them.
            for each in (path, *others):
                self.archive.add_path(processed.source.sha256, each)
                self._report(summary, FileResult(each, Status.SKIPPED, "archived meanwhile by another run",
                                                 sha256=sha))
            return
        kept = False
        if self.originals is not None:
            try:
                self.originals.keep(Path(path), processed.source.sha256)
            except OSError as exc:
                raise CorruptInput(f"cannot keep a copy of the original: {exc.strerror or exc}", path) from exc
            kept = True
        self.archive.save(processed.source, processed.text, processed.record, path, original_kept=kept,
                          replace=self.force)
        self._report(summary, FileResult(path, Status.INGESTED, "; ".join(processed.source.notes),
                                         pages=len(processed.source.pages), sha256=sha))
        for other in others:
            self.archive.add_path(sha, other)
            self._report(summary, FileResult(other, Status.SKIPPED, "same bytes as " + path, sha256=sha))

    def _pages_to_split(self, path: Path) -> tuple[int, int]:
        """The page count and size of a PDF worth reading page by page in several workers, else
        (0, 0). Anything unusual (not a PDF, unreadable, encrypted, over the page or size limit)
        is left to the whole-file task, which reports it with its reason."""
        try:
            with path.open("rb") as fh:
                if sniff(fh.read(8192)) is not FileKind.PDF:
                    return 0, 0
                size = os.fstat(fh.fileno()).st_size
            pages = count_pages(path)
        except (OSError, SamarkivError):
            return 0, 0
        if size > self.options.max_bytes or not self.split_min_pages <= pages <= self.options.max_pages:
            return 0, 0
        return pages, size

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
        # A future is a whole file (path, sha), or one page of a paged PDF (job, page index), or
        # the assembly of a paged PDF's pages (job, -1).
        pending: dict[Future[Any], tuple[str, str] | tuple[_PagedJob, int]] = {}
        pages_to_read: deque[tuple[_PagedJob, int]] = deque()
        limit = self.jobs * 2  # bounded, so memory stays flat however many files there are
        items = iter(inputs)
        exhausted = False

        def finish(path: str, sha: str, future: Future[Any]) -> None:
            try:
                self._store(summary, path, sha, future.result(), in_flight.pop(sha))
            except Exception as exc:
                in_flight.pop(sha, None)
                self._fail(summary, path, sha, exc)

        def page_done(job: _PagedJob, future: Future[Any]) -> None:
            job.outstanding -= 1
            try:
                job.pages.append(future.result())
            except Exception as exc:
                job.error = job.error or exc
            if job.outstanding or any(j is job for j, _ in pages_to_read):
                return
            if job.error is not None:
                in_flight.pop(job.sha, None)
                self._fail(summary, job.path, job.sha, job.error)
                return
            pending[pool.submit(_work_assemble, job.path, job.sha, job.size, job.pages)] = (job, -1)

        def collect(block: bool) -> None:
            if not pending:
                return
            done, _ = wait(list(pending), timeout=None if block else 0, return_when=FIRST_COMPLETED)
            for future in done:
                key = pending.pop(future)
                if isinstance(key[0], _PagedJob):
                    job, index = key
                    if index < 0:
                        finish(job.path, job.sha, future)
                    else:
                        page_done(job, future)
                else:
                    path, sha = key
                    assert isinstance(path, str) and isinstance(sha, str)
                    finish(path, sha, future)

        def submit_next() -> bool:
            """Submits one task; False when there is nothing left to submit."""
            nonlocal exhausted
            while pages_to_read:
                job, index = pages_to_read.popleft()
                if job.error is None:
                    job.outstanding += 1
                    pending[pool.submit(_work_page, job.path, job.sha, index, self.options)] = (job, index)
                    return True
                if not any(j is job for j, _ in pages_to_read) and not job.outstanding:
                    in_flight.pop(job.sha, None)
                    self._fail(summary, job.path, job.sha, job.error)
            while not exhausted:
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                sha = self._triage(item, summary, in_flight)
                if sha is None:
                    continue
                path = str(item.path)
                if self.on_start:
                    self.on_start(path)
                page_count, size = self._pages_to_split(item.path)
                if page_count:
                    job = _PagedJob(path, sha, size, page_count)
                    pages_to_read.extend((job, i) for i in range(page_count))
                    return submit_next()
                pending[pool.submit(_work, path, self.options)] = (path, sha)
                return True
            return False

        pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker)
        try:
            while True:
                while len(pending) < limit and submit_next():
                    collect(block=False)
                if not pending:
                    break
                collect(block=True)
        except BaseException:
            _stop_now(pool)
            raise
        pool.shutdown(wait=True)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Stops the workers at once: on Ctrl-C or SIGTERM nothing they are doing is worth waiting for."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
