"""An archive written at schema revision 0001 opens with today's samarkiv: migrated to head, its
documents read back, and `reprocess` brings their facts and search index up to date.

`fixtures/archives/v1.sqlite` holds seeds 001 and 004, ingested and then migrated down to 0001.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text

from samarkiv.cli import app
from samarkiv.store import Archive
from samarkiv.store.archive import _alembic_config
from samarkiv.store.search import search

from .conftest import FIXTURES, seed_path

V1 = FIXTURES / "archives" / "v1.sqlite"


def test_a_v1_archive_is_migrated_and_reads_back(tmp_path: Path, runner) -> None:
    db = tmp_path / "v1.sqlite"
    shutil.copy(V1, db)
    with Archive(db) as archive:
        with archive.engine.connect() as conn:
            version = conn.execute(text("select version_num from alembic_version")).scalar()
            kept = conn.execute(text("select original_kept from documents")).scalars().all()
            # The date each document is about, filled in by the migration that added it.
            dates = conn.execute(text(
                "select d.date, coalesce((select m.date from meetings m where m.document_id = d.id "
                "and m.date is not null order by m.position limit 1), (select p.date from parts p "
                "where p.document_id = d.id and p.date is not null order by p.position limit 1)) "
                "from documents d")).all()
        records = {r["source"]: r for r in archive.export()}
        counts = archive.counts()
    # The migration keeps every row: a table copy in a migration would cascade-delete them.
    assert (counts["pages"], counts["decisions"], counts["amounts"], counts["document_paths"]) == (2, 19, 34, 2)
    assert version == ScriptDirectory.from_config(_alembic_config(archive.engine)).get_current_head()
    assert kept == [0, 0]
    assert all(date == expected for date, expected in dates) and any(date for date, _ in dates)
    assert set(records) == {seed_path("001").name, seed_path("004").name}
    for seed in ("001", "004"):
        assert records[seed_path(seed).name]["sha256"] == hashlib.sha256(seed_path(seed).read_bytes()).hexdigest()
    assert sum(len(r["decisions"]) + len(r["amounts"]) for r in records.values()) > 0

    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert exported.exit_code == 0 and len(exported.output.splitlines()) == 2
    assert runner.invoke(app, ["verify", "--db", str(db)]).exit_code == 0


def test_reprocess_fills_what_v1_did_not_have(tmp_path: Path, runner) -> None:
    db = tmp_path / "v1.sqlite"
    shutil.copy(V1, db)
    result = runner.invoke(app, ["reprocess", "--db", str(db), "--all"])
    assert result.exit_code == 0, result.output
    assert "2 documents reprocessed" in result.output
    with Archive(db) as archive, archive.session() as s:
        assert search(s, "samordningsförbund*", limit=5)
        assert archive.counts()["mentions"] > 0
