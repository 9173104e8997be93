"""Makes OCR test material the way the damage arises in archives: typeset clean Swedish text,
scan it, and read it back with tesseract's *English* model, which cannot see å, ä or ö.

Writes `fixtures/ocr/eng/<name>.txt` for each clean text given. Deterministic for a given
tesseract version; the outputs are committed so that tests need not run OCR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samarkiv.ingest import IngestOptions, read_bytes
from samarkiv.synth import scanned_pdf


def main(paths: list[str], out: Path = Path("fixtures/ocr/eng")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(paths):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        source = read_bytes(scanned_pdf(text, seed=100 + i), IngestOptions(lang="eng"))
        target = out / f"{path.name.split('_')[0]}.txt"
        target.write_text(source.text, encoding="utf-8")
        print(target, len(source.pages), "pages")


if __name__ == "__main__":
    main(sys.argv[1:])
