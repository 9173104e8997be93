"""Speed of the stages after ingest on text, in a process of their own: normalize (ftfy, OCR
repair, layout) in tokens/s and extract (rules and NER) in pages/s, over the seeds and their
legacy OCR. Prints JSON. The first document warms up the models and is not counted.
"""

from __future__ import annotations

import json
import time

from corpus import PAGE_LINES, legacy_ocr_texts, page_chunks, seed_texts


def main() -> None:
    from samarkiv.extract import extract_record
    from samarkiv.ingest import read_bytes
    from samarkiv.normalize import normalize_pages

    # The seeds are typed without page breaks; cut them into pages as long as the legacy OCR's.
    paged = ["\f".join(page_chunks(t, PAGE_LINES)) for t in seed_texts()] + legacy_ocr_texts()
    sources = [read_bytes(t.encode("utf-8")) for t in paged]
    extract_record(normalize_pages(sources[0].pages))  # loads hunspell, word lists and the NER model
    started = time.perf_counter()
    texts = [normalize_pages(s.pages) for s in sources]
    normalize_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        extract_record(text)
    extract_seconds = time.perf_counter() - started
    tokens = sum(len(p.text.split()) for s in sources for p in s.pages)
    pages = sum(len(s.pages) for s in sources)
    print(json.dumps({"normalize_tokens_per_s": tokens / normalize_seconds,
                      "extract_pages_per_s": pages / extract_seconds,
                      "tokens": tokens, "pages": pages, "documents": len(sources)}))


if __name__ == "__main__":
    main()
