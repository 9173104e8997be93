"""OCR accuracy and cost on generated scans whose text is known: the seeds typeset at two sizes
(`samarkiv.synth`), "scanned" at 300 dpi, read as samarkiv reads a page (`ingest.ocr.prepare`,
then tesseract) through the tesseract library and through the tesseract program. The reference
is each page's own text layer. Prints JSON: character error rate and CPU seconds a page per way.

Run as `python benchmarks/ocr_accuracy.py [PAGES_PER_SIZE]`; `make bench` runs it.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from corpus import PAGE_LINES, page_chunks, seed_texts  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

SIZES = (10.5, 8.0)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main(argv: list[str]) -> None:
    from samarkiv.ingest import IngestOptions
    from samarkiv.ingest.layout import lay_out
    from samarkiv.ingest.ocr import check_tesseract, prepare, tesseract_program_tsv, tesseract_tsv, words_from_tsv
    from samarkiv.ingest.pdf import read_pdf
    from samarkiv.synth import scan_pages, typeset_pdf

    per_size = int(argv[0]) if argv else 8
    check_tesseract("swe")
    pieces = [c for t in seed_texts() for c in page_chunks(t, PAGE_LINES)]
    ways = {"library": tesseract_tsv, "program": tesseract_program_tsv}
    out: dict[str, object] = {"pages_per_size": per_size}
    for size in SIZES:
        pdf = typeset_pdf("\f".join(pieces[:per_size * 2]), font_size=size)
        reference = [p.text for p in read_pdf(pdf, IngestOptions())][:per_size]
        images = scan_pages(pdf, seed=7)[:per_size]
        ready = [prepare(image) for image in images]
        for name, read in ways.items():
            errors = chars = 0
            cpu = 0.0
            for ref, page in zip(reference, ready, strict=True):
                started = time.process_time() + _children_cpu()
                tsv = read(page.image, "swe") if page else ""
                cpu += time.process_time() + _children_cpu() - started
                text, _ = lay_out(words_from_tsv(tsv)[0])
                errors += Levenshtein.distance(_flat(text), _flat(ref))
                chars += len(_flat(ref))
            out[f"cer_{size}pt_{name}"] = errors / chars
            out[f"cpu_s_per_page_{size}pt_{name}"] = cpu / len(ready)
    print(json.dumps(out))


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


if __name__ == "__main__":
    main(sys.argv[1:])
