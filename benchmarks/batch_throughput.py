"""Throughput of `ingest` on scanned PDFs with one and two workers, and the speed-up of reading
one large scan page by page across workers. Run: `python benchmarks/batch_throughput.py`.

Builds its corpus with `samarkiv.synth` from the seeds (a scan per seed, and one large scan of
several seeds together), ingests it into fresh archives, and prints pages per second. The
figures depend on the machine and its load, which is printed alongside.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from samarkiv.batch import Ingestor, expand_inputs
from samarkiv.ingest import IngestOptions
from samarkiv.store import Archive
from samarkiv.synth import scanned_pdf

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def run(paths: list[Path], db: Path, jobs: int, split_min_pages: int) -> tuple[int, float]:
    with Archive(db) as archive:
        ingestor = Ingestor(archive, IngestOptions(), jobs=jobs, split_min_pages=split_min_pages)
        started = time.perf_counter()
        summary = ingestor.run(expand_inputs([str(p) for p in paths]))
        seconds = time.perf_counter() - started
    assert summary.ok, [r for r in summary.results if r.reason]
    return summary.pages, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="000,002,003", help="seeds scanned one by one for the corpus")
    parser.add_argument("--large", default="000,001,002,003", help="seeds joined into the one large scan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = []
        for n, prefix in enumerate(args.seeds.split(",")):
            path = folder / f"scan-{prefix}.pdf"
            path.write_bytes(scanned_pdf(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"), seed=n))
            corpus.append(path)
        large = folder / "large.pdf"
        texts = [next(SEEDS.glob(f"{p}_*.txt")).read_text(encoding="utf-8") for p in args.large.split(",")]
        large.write_bytes(scanned_pdf("\f".join(texts), seed=99))
        print(f"cores: {os.cpu_count()}, load before: {os.getloadavg()}")
        cases = [("corpus", corpus, 1, 4), ("corpus", corpus, 2, 4),
                 ("large scan", [large], 1, 4), ("large scan", [large], 2, 10**9), ("large scan", [large], 2, 4)]
        for i, (name, paths, jobs, split) in enumerate(cases):
            pages, seconds = run(paths, folder / f"a{i}.sqlite", jobs, split)
            how = "page by page" if jobs > 1 and split < 10**9 else "whole files"
            print(f"{name:10} --jobs {jobs} {how:12}: {pages} pages in {seconds:6.1f} s = {pages / seconds:.2f} pages/s"
                  f"   (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
