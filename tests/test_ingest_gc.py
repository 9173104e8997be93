"""A serial ingest run lets the garbage collector run less often, and leaves it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from samarkiv.batch import GC_YOUNG_THRESHOLD, Ingestor, Status, expand_inputs
from samarkiv.store import Archive


def test_a_serial_run_collects_less_often_and_restores_the_threshold(tmp_path: Path) -> None:
    minutes = tmp_path / "protokoll.txt"
    minutes.write_text("Protokoll fört vid styrelsens sammanträde 2024-03-12\n\n§ 1 Mötets öppnande\n",
                       encoding="utf-8")
    before = gc.get_threshold()
    during: list[int] = []
    archive = Archive(tmp_path / "a.sqlite")
    try:
        summary = Ingestor(archive, on_start=lambda _path: during.append(gc.get_threshold()[0])).run(
            expand_inputs([str(minutes)]))
    finally:
        archive.close()
    assert summary.count(Status.INGESTED) == 1
    assert during == [max(before[0], GC_YOUNG_THRESHOLD)]
    assert gc.get_threshold() == before
