"""One `samarkiv ingest` run, timed inside the process: what the CLI does (expand the inputs,
run the Ingestor into an archive), printed as JSON for the benchmark that started it.

Run as `python benchmarks/ingest_run.py DB JOBS PATH...`; a fresh process per run, so each run
pays for its own worker processes and its memory is its own.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> None:
    db, jobs, paths = argv[0], int(argv[1]), argv[2:]
    from samarkiv.batch import Ingestor, Status, expand_inputs
    from samarkiv.ingest import IngestOptions
    from samarkiv.store import Archive

    archive = Archive(db)
    started = time.perf_counter()
    summary = Ingestor(archive, IngestOptions(), jobs=jobs).run(expand_inputs(paths))
    seconds = time.perf_counter() - started
    archive.close()
    failed = [f"{r.path}: {r.reason}" for r in summary.results if r.status is Status.FAILED]
    print(json.dumps({"seconds": seconds, "pages": summary.pages, "ingested": summary.count(Status.INGESTED),
                      "skipped": summary.count(Status.SKIPPED), "failed": failed}))


if __name__ == "__main__":
    main(sys.argv[1:])
