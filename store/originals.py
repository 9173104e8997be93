"""Preserved originals: a copy of every ingested file's bytes, in a content-addressed folder.

A file lives at `<folder>/<first two hex digits of its SHA-256>/<SHA-256>`, so the same bytes are
kept once however many paths they came from, and a name says what the content must hash to.
Copies are written atomically (temporary file, fsync, rename, fsync of the folder) so that a
kill at any moment leaves either the whole copy or none under the final name.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from samarkiv.errors import SamarkivError

_CHUNK = 1 << 20
# Temporary copies start with a dot so that listings and `verify` never take them for originals,
# and name the host and process writing them, so that a run can tell a dead run's copy at once.
_TEMP_PREFIX = ".incoming-"
_HOST = socket.gethostname().replace("-", "_")


def _writer_gone(name: str) -> bool:
    """Whether the temporary copy `name` was written by a process of this host that has ended."""
    parts = name[len(_TEMP_PREFIX):].split("-")
    if len(parts) < 3 or parts[0] != _HOST or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


class OriginalChanged(SamarkivError):
    """The file's bytes changed between being read for the archive and being copied."""


def folder_for(db: str | Path) -> Path | None:
    """The originals folder beside an SQLite archive file (`archive.sqlite.originals`); None for
    a database URL, whose server has no folder beside it."""
    text = str(db)
    if "://" in text:
        if not text.startswith("sqlite:///"):
            return None
        text = text.removeprefix("sqlite:///")
    return Path(f"{Path(text).expanduser().resolve()}.originals")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Originals:
    """The content-addressed folder of kept originals."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def keep(self, source: Path, sha256: str) -> Path:
        """Copies `source` in as the original with this SHA-256, unless it is there already.

        The copy is hashed as it is written; if the bytes no longer hash to `sha256` (the file was
        changed after it was read) nothing is kept and OriginalChanged is raised.
        """
        target = self.path_for(sha256)
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{_HOST}-{os.getpid()}-", dir=target.parent)
        temp = Path(temp_name)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise OriginalChanged("the file changed while it was being archived; run ingest again", source)
            os.chmod(temp, 0o444)
            os.replace(temp, target)
            _fsync_dir(target.parent)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return target

    def leftovers(self) -> Iterator[Path]:
        """Temporary copies left by a run that was killed mid-copy (safe to delete)."""
        if self.folder.is_dir():
            yield from self.folder.glob(f"*/{_TEMP_PREFIX}*")

    def remove_leftovers(self, older_than: float = 0.0) -> int:
        """Deletes temporary copies older than `older_than` seconds (a younger one may belong to
        a run still going, on another machine too), and at once those whose writer, a process of
        this machine, has ended; returns how many."""
        removed = 0
        now = time.time()
        for path in self.leftovers():
            try:
                if _writer_gone(path.name) or now - path.stat().st_mtime >= older_than:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed
