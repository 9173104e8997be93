"""Text layers read two ways over the same born-digital PDFs, in one process on one core:
a bare pdfplumber `extract_text` loop (the peer), and samarkiv's own reading of the layer
(`ingest.read_pdf`: characters with boxes, laid out into lines and table cells).

Run as `python benchmarks/text_layer_run.py plumber|samarkiv PDF...`; prints pages and seconds
as JSON. The files are read into memory first, so only the reading is timed.
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path


def plumber(pdfs: list[bytes]) -> int:
    import pdfplumber

    pages = 0
    for data in pdfs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.flush_cache()
                pages += 1
    return pages


def samarkiv(pdfs: list[bytes]) -> int:
    from samarkiv.ingest import IngestOptions
    from samarkiv.ingest.pdf import read_pdf

    options = IngestOptions()
    return sum(1 for data in pdfs for _ in read_pdf(data, options))


def main(argv: list[str]) -> None:
    how, paths = argv[0], argv[1:]
    pdfs = [Path(p).read_bytes() for p in paths]
    reader = {"plumber": plumber, "samarkiv": samarkiv}[how]
    reader(pdfs[:1])  # imports and first-use set-up, not counted
    started = time.perf_counter()
    pages = reader(pdfs)
    print(json.dumps({"pages": pages, "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main(sys.argv[1:])
