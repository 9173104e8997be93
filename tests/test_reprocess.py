"""`samarkiv reprocess`: facts re-derived from stored text equal a fresh ingest, with no OCR."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from samarkiv import PIPELINE_VERSION
from samarkiv.cli import app
from samarkiv.extract import Record
from samarkiv.store import Archive
from samarkiv.store.models import PageRow
from samarkiv.store.search import search
from samarkiv.synth import scanned_pdf

from .conftest import requires_ocr, seed_path

FACT_TABLES = ("parts", "meetings", "justerare", "people", "items", "decisions", "amounts", "outcomes", "mentions")


def records(db: Path) -> dict[str, Record]:
    with Archive(db) as archive:
        return {d["sha256"]: archive.record(d["id"]) for d in archive.documents()}


def hits(db: Path, query: str) -> list[tuple[str, str, int | None]]:
    with Archive(db) as archive, archive.session() as s:
        return sorted((h.kind, h.source, h.page) for h in search(s, query, limit=500))


def make_stale(db: Path, *, drop_normalized_text: bool = False, only: str | None = None) -> None:
    """What an archive made by an older pipeline looks like: another version, other (here: no) facts."""
    conn = sqlite3.connect(db)
    where = f" WHERE document_id IN (SELECT id FROM documents WHERE source = '{only}')" if only else ""
    for table in FACT_TABLES:
        conn.execute(f"DELETE FROM {table}{where}")
    conn.execute(f"DELETE FROM search_index{where}")
    conn.execute("UPDATE documents SET pipeline_version = '0', forbund = NULL"
                 + (f" WHERE source = '{only}'" if only else ""))
    if drop_normalized_text:
        conn.execute(f"UPDATE pages SET text = NULL{where}")
    conn.commit()
    conn.close()


def test_extract_stage_restores_facts_index_and_mentions(runner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    seeds = [str(seed_path(p)) for p in ("001", "003", "004")]
    assert runner.invoke(app, ["ingest", *seeds, "--db", str(db), "-j", "1"]).exit_code == 0
    fresh, fresh_hits = records(db), hits(db, "beslut*")
    assert sum(len(r.decisions) for r in fresh.values()) > 0 and fresh_hits
    make_stale(db)
    assert hits(db, "beslut*") == []

    result = runner.invoke(app, ["reprocess", "--db", str(db), "--stage", "extract"])
    assert result.exit_code == 0, result.output
    assert "3 documents reprocessed from the extract stage, 0 failed" in result.output
    assert records(db) == fresh
    assert hits(db, "beslut*") == fresh_hits
    with Archive(db) as archive:
        assert {d["pipeline_version"] for d in archive.documents()} == {PIPELINE_VERSION}


def test_only_stale_documents_unless_all(runner, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    runner.invoke(app, ["ingest", str(seed_path("001")), str(seed_path("004")), "--db", str(db), "-j", "1"])
    make_stale(db, only=seed_path("004").name)
    first = runner.invoke(app, ["reprocess", "--db", str(db)])
    assert "1 documents reprocessed from the normalize stage" in first.output
    assert "0 documents reprocessed" in runner.invoke(app, ["reprocess", "--db", str(db)]).output
    assert "2 documents reprocessed" in runner.invoke(app, ["reprocess", "--db", str(db), "--all"]).output


@requires_ocr
def test_normalize_stage_runs_without_tesseract_and_equals_a_fresh_ingest(runner, tmp_path: Path) -> None:
    scan = tmp_path / "skannat.pdf"
    scan.write_bytes(scanned_pdf("Protokoll fört vid styrelsens sammanträde 2021-03-12\n\n"
                                 "§ 4 Budget\n\nStyrelsen beslutar att anta budgeten om 1 200 000 kronor.\n", seed=5))
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(scan), str(seed_path("002")), "--db", str(db), "-j", "1"])
    assert result.exit_code == 0, result.output
    fresh = records(db)
    with Archive(db) as archive, archive.session() as s:
        methods = set(s.scalars(select(PageRow.method)))
    assert "ocr" in methods
    make_stale(db, drop_normalized_text=True)

    # A PATH without tesseract: any attempt at OCR would fail the document.
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run([sys.executable, "-m", "samarkiv.cli", "reprocess", "--db", str(db)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "2 documents reprocessed from the normalize stage, 0 failed" in done.stderr
    assert records(db) == fresh
