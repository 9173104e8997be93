"""The query benchmark's synthetic archive: real seed facts spread over förbund and years, searchable
and summable through the store (speed itself is measured by running the benchmark, not here)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.query_bench import FORBUND, YEARS, run


def test_a_small_synthetic_archive_is_built_searched_and_summed(tmp_path: Path) -> None:
    figures = run(tmp_path, decisions=400)
    assert figures["decisions"] == 400
    assert figures["fts_queries"] == 200 and figures["fts_hits_mean"] > 0
    assert figures["aggregate_groups"] > 0
    assert set(figures) >= {"build_s", "fts_median_ms", "fts_p95_ms", "aggregate_ms"}
    db = sqlite3.connect(tmp_path / "query-bench.sqlite")
    documents, forbund = db.execute("SELECT count(*), count(DISTINCT forbund) FROM documents").fetchone()
    assert documents == figures["documents"] and forbund == min(FORBUND, documents)
    years = {int(y) for (y,) in db.execute("SELECT DISTINCT substr(date, 1, 4) FROM meetings")}
    assert years <= set(YEARS)
    indexed = db.execute("SELECT count(*) FROM search_index WHERE kind = 'decision'").fetchone()[0]
    assert indexed == 400
    granted = db.execute("SELECT count(*) FROM amounts a JOIN decisions d ON d.document_id = a.document_id "
                         "AND d.paragraph = a.paragraph WHERE d.kind = 'grant' AND a.granted").fetchone()[0]
    assert granted > 0
