"""Watches a folder and ingests files once they are completely written: a file is taken when its
size and modification time are the same at two looks `settle` seconds apart, so a scanner or a
copy still writing it is waited for. File-system events (watchdog) say where to look; without
them the folder is scanned every `interval` seconds. The archive's own files (its database, kept
originals and cached page images, should they be inside the folder) are never taken.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samarkiv.batch import NO_ARCHIVE_FILES, ArchiveFiles, Input, Summary

Stat = tuple[int, int]  # size, mtime in nanoseconds


def _stat(path: Path) -> Stat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns) if path.is_file() else None


def files_under(folder: Path, exclude: ArchiveFiles = NO_ARCHIVE_FILES) -> Iterator[Path]:
    """Files below `folder`, hidden entries (temporary files of copies and editors) and the
    archive's own files skipped."""
    for root, dirs, files in os.walk(folder):
        if exclude.is_archive_folder(root):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not exclude.is_database(Path(root) / name):
                yield Path(root) / name


@dataclass
class Settling:
    """Decides which files have stopped changing. `look` is fed what is seen now; it returns the
    files whose size and time are unchanged since a look at least `settle` seconds ago."""

    settle: float = 2.0
    clock: Callable[[], float] = time.monotonic
    _first_seen: dict[Path, tuple[Stat, float]] = field(default_factory=dict)
    _done: dict[Path, Stat] = field(default_factory=dict)

    def look(self, paths: Iterator[Path] | list[Path]) -> list[Path]:
        now = self.clock()
        ready: list[Path] = []
        for path in paths:
            stat = _stat(path)
            if stat is None:
                self._first_seen.pop(path, None)
                continue
            if self._done.get(path) == stat:
                continue
            seen = self._first_seen.get(path)
            if seen is None or seen[0] != stat:
                self._first_seen[path] = (stat, now)
            elif now - seen[1] >= self.settle:
                ready.append(path)
        return ready

    def waiting(self) -> list[Path]:
        """Files seen but not yet settled."""
        return sorted(self._first_seen)

    def handled(self, path: Path) -> None:
        """`path` was ingested (or refused) as it is now; it is looked at again once it changes."""
        entry = self._first_seen.pop(path, None)
        if entry is not None:
            self._done[path] = entry[0]


class _Events:
    """Paths that file-system events named since the last look (watchdog)."""

    def __init__(self) -> None:
        self._paths: set[Path] = set()
        self._lock = threading.Lock()

    def dispatch(self, event: Any) -> None:
        if getattr(event, "is_directory", False):
            return
        with self._lock:
            for attr in ("src_path", "dest_path"):
                value = getattr(event, attr, "")
                if value:
                    self._paths.add(Path(os.fsdecode(value)))

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


def _start_observer(folder: Path, events: _Events) -> Any | None:
    """A running watchdog observer feeding `events`, or None (no watchdog, or no inotify watches
    left): then the folder is scanned instead."""
    try:
        from watchdog.observers import Observer
    except ImportError:
        return None
    observer = Observer()
    try:
        observer.schedule(events, str(folder), recursive=True)  # type: ignore[arg-type]
        observer.start()
    except OSError:
        return None
    return observer


IngestBatch = Callable[[list[Input]], Summary]


@dataclass
class Watch:
    """Ingests what settles in `folder`, by `ingest` (a batch of inputs in, a summary out),
    never the archive's own files (`exclude`)."""

    folder: Path
    ingest: IngestBatch
    settle: float = 2.0
    interval: float = 1.0
    on_waiting: Callable[[list[Path]], None] | None = None
    exclude: ArchiveFiles = NO_ARCHIVE_FILES
    settling: Settling = field(init=False)

    def __post_init__(self) -> None:
        self.settling = Settling(self.settle)

    def _ingest_ready(self, ready: list[Path]) -> Summary | None:
        if not ready:
            return None
        summary = self.ingest([Input(path) for path in ready])
        for result in summary.results:
            self.settling.handled(Path(result.path))
        return summary

    def once(self) -> Summary:
        """Ingests what is in the folder now and settled: two looks `settle` seconds apart.
        Files still being written are left for the next run."""
        self.settling.look(list(files_under(self.folder, self.exclude)))
        time.sleep(self.settle)
        ready = self.settling.look(list(files_under(self.folder, self.exclude)))
        summary = self._ingest_ready(ready) or Summary()
        if self.on_waiting and self.settling.waiting():
            self.on_waiting(self.settling.waiting())
        return summary

    def run(self, stop: threading.Event | None = None) -> bool:
        """Watches until `stop` is set or an ingest is interrupted (Ctrl-C, SIGTERM raised in
        here stops the watch too); returns whether every file was ingested or skipped."""
        stop = stop or threading.Event()
        events = _Events()
        observer = _start_observer(self.folder, events)
        ok = True
        # Everything is looked at first; afterwards only what events name, with a full scan
        # now and then in case an event was missed.
        candidates: set[Path] = set(files_under(self.folder, self.exclude))
        last_scan = time.monotonic()
        try:
            while not stop.is_set():
                if observer is None or time.monotonic() - last_scan >= 60:
                    candidates |= set(files_under(self.folder, self.exclude))
                    last_scan = time.monotonic()
                candidates |= {p for p in events.take() if not self.exclude.holds(p)}
                ready = self.settling.look(sorted(candidates))
                candidates = set(self.settling.waiting())
                summary = self._ingest_ready(ready)
                if summary is not None:
                    ok = ok and summary.ok
                    if summary.interrupted:
                        raise KeyboardInterrupt
                stop.wait(self.interval)
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)
        return ok
