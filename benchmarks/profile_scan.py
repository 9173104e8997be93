"""Where the time of a scanned page goes on its way through `samarkiv.ingest`: the page image
(decoded or rendered), preprocessing (skew), tesseract, and reading its word table into lines.

Prints JSON of seconds per page for each step, and with `--pyinstrument FILE` also writes a
pyinstrument profile of one page read by `read_bytes`, the way ingest reads it.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="+", type=Path, help="scanned PDFs")
    parser.add_argument("--pyinstrument", type=Path, help="write a profile of one page here")
    args = parser.parse_args()

    import pypdfium2 as pdfium

    from samarkiv.ingest import read_bytes
    from samarkiv.ingest.layout import words_to_text
    from samarkiv.ingest.ocr import check_tesseract, prepare, tesseract_tsv, words_from_tsv
    from samarkiv.ingest.pdf import _scanned_image

    check_tesseract("swe")
    steps = {"image": 0.0, "preprocess": 0.0, "tesseract": 0.0, "layout": 0.0}
    pages = 0
    for path in args.pdfs:
        doc = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(doc)):
            page = doc[index]
            t0 = time.perf_counter()
            image = _scanned_image(page, 300) or page.render(scale=300 / 72, grayscale=True).to_pil()
            t1 = time.perf_counter()
            ready = prepare(image)
            t2 = time.perf_counter()
            tsv = tesseract_tsv(ready.image, "swe") if ready else ""
            t3 = time.perf_counter()
            words, _confs = words_from_tsv(tsv)
            words_to_text(words)
            t4 = time.perf_counter()
            for step, seconds in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                steps[step] += seconds
            pages += 1
            page.close()
        doc.close()
    per_page = {step: seconds / pages for step, seconds in steps.items()}
    total = sum(per_page.values())
    result = {f"{step}_s_per_page": value for step, value in per_page.items()}
    result["tesseract_share"] = per_page["tesseract"] / total
    result["pages"] = pages

    if args.pyinstrument:
        from pyinstrument import Profiler

        one = pdfium.PdfDocument.new()
        one.import_pages(pdfium.PdfDocument(args.pdfs[0].read_bytes()), [0])
        import io

        buffer = io.BytesIO()
        one.save(buffer)
        profiler = Profiler(interval=0.005)
        with profiler:
            read_bytes(buffer.getvalue())
        args.pyinstrument.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
