"""Makes OCR test material the way it arises in archives: typeset clean Swedish text, scan it
(`samarkiv.synth`), and read it back with tesseract.

With `--lang eng` (the default) the English model, which cannot see å, ä or ö, gives the damage
old archives hold; with `--lang swe` the output is what samarkiv's own OCR gives on a scan.
Writes `fixtures/ocr/<lang>/<NNN>.txt`, pages separated by form feeds. Deterministic for a given
tesseract version; the outputs are committed so that tests need not run OCR.

    python scripts/make_ocr_fixtures.py --lang swe fixtures/seeds/000_*.txt fixtures/ocr/002_clean.txt
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samarkiv.ingest import IngestOptions, read_bytes
from samarkiv.synth import scanned_pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--lang", default="eng")
    parser.add_argument("--seed", type=int, default=100)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path("fixtures/ocr") / args.lang
    out.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(args.texts):
        source = read_bytes(scanned_pdf(path.read_text(encoding="utf-8"), seed=args.seed + i),
                            IngestOptions(lang=args.lang))
        target = out / f"{path.name.split('_')[0]}.txt"
        target.write_text("\f".join(p.text for p in source.pages), encoding="utf-8")
        print(target, len(source.pages), "pages")


if __name__ == "__main__":
    main()
