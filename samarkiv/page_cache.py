"""The page images `samarkiv serve` shows: rendered on demand from the kept originals at screen
resolution, and kept in a folder beside the archive (`ARCHIVE.pages-cache/`) bounded in bytes,
the least recently used images going first.

An image is written to a temporary name and renamed into place, so that a request reading an
image while another evicts it, or another process rendering the same page, never sees half a
file; within a process, requests for a page being rendered wait for that rendering.

The folder is read through (every image's size and age) only when the images a cache has
written since it last looked may take it past its bound, and at least once a minute while it
writes: a folder of a thousand images takes longer to read through than a page to render.
Another process's images count from the next look, so the folder may hold up to a minute of
theirs past the bound.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from samarkiv.show import page_image

DEFAULT_MAX_BYTES = 256 * 2**20
"""The cache's bound when none is given: some 1 300 pages of scans, at about 200 KiB a page."""

PAGE_WIDTH = 1200
"""Pixels across a page image: a page of A4 at 145 dpi, sharp on a screen, small on the wire."""

JPEG_QUALITY = 90
"""Letters of 8 pt stay clean at it. A page is encoded in 4–9 ms, against 25–50 ms as a PNG
at zlib's fastest level, and takes 160–200 KiB, against 160–460 KiB (a scan's grain is what a
PNG pays for)."""


_TEMP_PREFIX = ".incoming-"
_STALE_TEMP_SECONDS = 600.0  # a temporary file this old belongs to no request still running
_LOOK_AGAIN_SECONDS = 60.0  # the folder is read through at least this often while images are written
# The rendering's own parameters are in every file name, so that a change to them is a new image.
_VERSION = f"w{PAGE_WIDTH}-q{JPEG_QUALITY}"


def folder_for(db: str | Path) -> Path:
    """The page cache beside an SQLite archive file (`archive.sqlite.pages-cache`)."""
    return Path(f"{Path(db).expanduser().resolve()}.pages-cache")


def render_jpeg(document_kind: str, original: Path, page: int) -> bytes:
    """Page `page` of a kept original as a JPEG, `PAGE_WIDTH` pixels across at most."""
    image = page_image(document_kind, original, page, scale=4.0, max_width=PAGE_WIDTH)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


class PageCache:
    """Page images in a folder, at most `max_bytes` of them; a `folder` of None keeps none."""

    def __init__(self, folder: Path | None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._rendering: dict[tuple[str, int], Future[bytes]] = {}
        # Bytes the folder held when last read through and those written since (None before), and
        # all bytes this cache has written, to count those written while it reads through.
        self._held: int | None = None
        self._looked = 0.0
        self._written = 0

    def path_for(self, sha256: str, page: int) -> Path | None:
        return None if self.folder is None else self.folder / f"{sha256}-p{page}-{_VERSION}.jpg"

    def image(self, sha256: str, document_kind: str, original: Path, page: int) -> bytes:
        """The JPEG of page `page` of the original with this SHA-256: from the folder, else rendered
        and kept there."""
        path = self.path_for(sha256, page)
        if path is not None:
            try:
                data = path.read_bytes()
                os.utime(path)  # used now: the last to be evicted
                return data
            except FileNotFoundError:
                pass
        key = (sha256, page)
        mine: Future[bytes] = Future()
        with self._lock:
            rendering = self._rendering.get(key)
            if rendering is None:
                self._rendering[key] = mine
        if rendering is not None:
            return rendering.result()
        try:
            data = render_jpeg(document_kind, original, page)
            if path is not None:
                self._keep(path, data)
            mine.set_result(data)
            return data
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        finally:
            with self._lock:
                del self._rendering[key]

    def holds(self, sha256: str, page: int) -> bool:
        """Whether the folder holds the image of page `page` of the original with this SHA-256 now."""
        path = self.path_for(sha256, page)
        return path is not None and path.is_file()

    def rendering(self, sha256: str, page: int) -> Future[bytes] | None:
        """The image of page `page` of the original with this SHA-256 while it is being rendered,
        for a caller to wait on without taking a thread; None when no rendering is under way."""
        with self._lock:
            return self._rendering.get((sha256, page))

    def _keep(self, path: Path, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a folder that cannot be written serves every image freshly rendered
        with self._lock:
            self._written += len(data)
            if (self._held is not None and self._held + len(data) <= self.max_bytes
                    and time.monotonic() - self._looked < _LOOK_AGAIN_SECONDS):
                self._held += len(data)
                return
        self.evict()

    def evict(self) -> int:
        """Deletes the least recently used images until the folder holds at most `max_bytes`;
        returns how many were deleted."""
        if self.folder is None:
            return 0
        now = time.time()
        with self._lock:
            looked, written = time.monotonic(), self._written
        images: list[tuple[int, int, str]] = []
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            if entry.name.startswith(_TEMP_PREFIX):
                if now - stat.st_mtime > _STALE_TEMP_SECONDS:
                    Path(entry.path).unlink(missing_ok=True)
                continue
            if entry.is_file():
                images.append((stat.st_mtime_ns, stat.st_size, entry.path))
        total = sum(size for _, size, _ in images)
        deleted = 0
        for _, size, name in sorted(images):
            if total <= self.max_bytes:
                break
            Path(name).unlink(missing_ok=True)
            total -= size
            deleted += 1
        with self._lock:
            self._held, self._looked = total + self._written - written, looked
        return deleted

    def size(self) -> int:
        """Bytes of images the folder holds now."""
        if self.folder is None:
            return 0
        total = 0
        with contextlib.suppress(FileNotFoundError), os.scandir(self.folder) as entries:
            for entry in entries:
                if not entry.name.startswith(_TEMP_PREFIX):
                    with contextlib.suppress(FileNotFoundError):  # evicted meanwhile
                        total += entry.stat().st_size
        return total
