"""Checks an archive end to end: the database's own integrity and foreign keys, and every kept
original re-hashed against the SHA-256 it is archived under. `samarkiv verify` prints the
findings; a Python caller gets them as a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from samarkiv.ingest import hash_file
from samarkiv.store import Archive
from samarkiv.store.models import Document
from samarkiv.store.originals import Originals


class Problem(StrEnum):
    INTEGRITY = "integrity"
    FOREIGN_KEY = "foreign key"
    MISSING_ORIGINAL = "missing original"
    ALTERED_ORIGINAL = "altered original"
    NO_ORIGINALS_FOLDER = "no originals folder"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with the archive, named so that a person can find it."""

    problem: Problem
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.problem}: {self.subject}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Report:
    findings: list[Finding]
    documents: int
    originals_checked: int

    @property
    def ok(self) -> bool:
        return not self.findings


def database_findings(archive: Archive) -> list[Finding]:
    """SQLite's `integrity_check` and `foreign_key_check`, as findings (none on other backends)."""
    if archive.engine.dialect.name != "sqlite":
        return []
    findings: list[Finding] = []
    with archive.engine.connect() as conn:
        for (message,) in conn.exec_driver_sql("PRAGMA integrity_check"):
            if message != "ok":
                findings.append(Finding(Problem.INTEGRITY, "database", message))
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            findings.append(Finding(Problem.FOREIGN_KEY, f"{table} row {rowid}", f"refers to a missing {parent} row"))
    return findings


def verify(archive: Archive, originals: Originals | None,
           on_progress: Callable[[int, int], None] | None = None) -> Report:
    """Checks the database, then re-hashes the kept original of every document that has one.

    `on_progress(done, total)` is called after each original.
    """
    findings = database_findings(archive)
    with archive.session() as s:
        total_documents = s.scalar(select(func.count()).select_from(Document)) or 0
        kept = s.execute(select(Document.source, Document.sha256).where(Document.original_kept)
                         .order_by(Document.id)).all()
    if kept and (originals is None or not originals.folder.is_dir()):
        where = originals.folder if originals is not None else "an archive without a folder"
        findings.append(Finding(Problem.NO_ORIGINALS_FOLDER, str(where),
                                f"{len(kept)} document(s) have kept originals, but the folder is missing"))
        return Report(findings, total_documents, 0)
    checked = 0
    for done, (source, sha) in enumerate(kept, 1):
        assert originals is not None
        path = originals.path_for(sha)
        subject = f"{source} ({sha})"
        try:
            actual, _size = hash_file(path)
        except FileNotFoundError:
            findings.append(Finding(Problem.MISSING_ORIGINAL, subject, f"{path} does not exist"))
        except OSError as exc:
            findings.append(Finding(Problem.MISSING_ORIGINAL, subject, f"{path} cannot be read: {exc.strerror}"))
        else:
            checked += 1
            if actual != sha:
                findings.append(Finding(Problem.ALTERED_ORIGINAL, subject, f"{path} now hashes to {actual}"))
        if on_progress:
            on_progress(done, len(kept))
    return Report(findings, total_documents, checked)
