"""Page view benchmark: how fast `samarkiv serve` shows a fact on its page, against rendering the
same page with pypdfium2 alone, side by side.

Ingests the PDFs given (born-digital and scanned, originals kept), then for each page that holds
a fact, in turn: renders the page with pypdfium2 alone at the page view's size, to a Pillow
image and to a JPEG at the page view's quality (the peer); asks the page view for the fact
and its page image with the page cache empty (cold); and asks both again (from the cache). The
requests go to Datasette in this process (its ASGI client), so that no network is timed.

    python benchmarks/page_view_bench.py WORKDIR --born A.pdf B.pdf --scans C.pdf
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import shutil
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

PAGES_PER_KIND = 12
ROUNDS = 3


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build(db: Path, pdfs: list[Path]) -> None:
    """An archive of `pdfs` with their originals kept, as `samarkiv ingest` makes it."""
    from samarkiv.batch import Ingestor, expand_inputs
    from samarkiv.ingest import IngestOptions
    from samarkiv.store import Archive
    from samarkiv.store.originals import Originals, folder_for

    folder = folder_for(db)
    assert folder is not None
    with Archive(db) as archive:
        Ingestor(archive, IngestOptions(), jobs=1, originals=Originals(folder)).run(expand_inputs(map(str, pdfs)))


def fact_pages(db: Path, count: int) -> list[tuple[int, int, int, int, str]]:
    """(document, page, start, end, sha256) of a fact (an amount, a decision, a person, an item)
    on each of up to `count` pages."""
    facts = " UNION ALL ".join(f"SELECT document_id, page, char_start, char_end FROM {table} "
                               "WHERE char_start IS NOT NULL AND page IS NOT NULL"
                               for table in ("amounts", "decisions", "people", "items"))
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            f"SELECT f.document_id, f.page, min(f.char_start), min(f.char_end), d.sha256 FROM ({facts}) f "
            "JOIN documents d ON d.id = f.document_id GROUP BY f.document_id, f.page "
            "ORDER BY f.document_id, f.page").fetchall()
    return rows[:count]


def bare_render(original: Path, page: int) -> bytes:
    """Page `page` rendered by pypdfium2 alone at the page view's width, as a JPEG."""
    import pypdfium2 as pdfium

    from samarkiv.page_cache import JPEG_QUALITY, PAGE_WIDTH

    pdf = pdfium.PdfDocument(original)
    try:
        pdf_page = pdf[page - 1]
        image = pdf_page.render(scale=PAGE_WIDTH / pdf_page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=JPEG_QUALITY)
        return out.getvalue()
    finally:
        pdf.close()


def bare_bitmap(original: Path, page: int) -> None:
    """Page `page` rendered by pypdfium2 alone at the page view's width, to a Pillow image."""
    import pypdfium2 as pdfium

    from samarkiv.page_cache import PAGE_WIDTH

    pdf = pdfium.PdfDocument(original)
    try:
        pdf_page = pdf[page - 1]
        pdf_page.render(scale=PAGE_WIDTH / pdf_page.get_width()).to_pil().load()
    finally:
        pdf.close()


async def _time_pages(db: Path, pages: list[tuple[int, int, int, int, str]]) -> dict[str, list[float]]:
    from samarkiv.browse import datasette_for
    from samarkiv.page_cache import folder_for as cache_folder
    from samarkiv.store.originals import Originals
    from samarkiv.store.originals import folder_for as originals_folder

    ds = datasette_for(db)
    await ds.invoke_startup()
    folder = originals_folder(db)
    assert folder is not None
    originals = Originals(folder)
    cache = cache_folder(db)
    times: dict[str, list[float]] = {"bare_image": [], "bare_bitmap": [], "cold": [], "cached": [], "view_html": []}

    async def view(document: int, page: int, start: int, end: int) -> float:
        t = time.perf_counter()
        html = await ds.client.get(f"/-/page/{document}/{page}?start={start}&end={end}")
        image = await ds.client.get(f"/-/page-image/{document}/{page}.jpg")
        seconds = time.perf_counter() - t
        assert html.status_code == 200 and image.status_code == 200, (html.status_code, image.status_code)
        return seconds

    await view(*pages[0][:4])  # imports and first connections, not counted
    for n, (document, page, start, end, sha) in enumerate(pages):
        original = originals.path_for(sha)
        shutil.rmtree(cache, ignore_errors=True)
        if n % 2:  # each goes first on every other page
            times["cold"].append(await view(document, page, start, end))
        t = time.perf_counter()
        bare_bitmap(original, page)
        times["bare_bitmap"].append(time.perf_counter() - t)
        t = time.perf_counter()
        bare_render(original, page)
        times["bare_image"].append(time.perf_counter() - t)
        if not n % 2:
            times["cold"].append(await view(document, page, start, end))
        times["cached"].append(await view(document, page, start, end))
        t = time.perf_counter()
        await ds.client.get(f"/-/page/{document}/{page}?start={start}&end={end}")
        times["view_html"].append(time.perf_counter() - t)
    return times


def measure(db: Path, pages: int = PAGES_PER_KIND) -> dict[str, float]:
    """The page view's figures over the archive `db`: ratios, and times in ms."""
    found = fact_pages(db, pages)
    if not found:
        raise SystemExit(f"no facts with a page in {db}")
    # Every page three times over: the machine's other work comes and goes within a round.
    times = asyncio.run(_time_pages(db, found * ROUNDS))
    ms = {k: [v * 1000 for v in values] for k, values in times.items()}
    return {
        "pages": float(len(found)),
        "cold_ms": round(statistics.median(ms["cold"]), 1),
        "pypdfium2_image_ms": round(statistics.median(ms["bare_image"]), 1),
        "pypdfium2_bitmap_ms": round(statistics.median(ms["bare_bitmap"]), 1),
        "cold_over_pypdfium2_image": round(sum(ms["cold"]) / sum(ms["bare_image"]), 2),
        "cold_over_pypdfium2_bitmap": round(sum(ms["cold"]) / sum(ms["bare_bitmap"]), 2),
        "cached_p95_ms": round(_percentile(ms["cached"], 0.95), 1),
        "view_html_ms": round(statistics.median(ms["view_html"]), 1),
    }


def run(workdir: Path, born: list[Path], scans: list[Path], pages: int = PAGES_PER_KIND) -> dict[str, Any]:
    """Builds an archive per kind in `workdir` and measures the page view on each."""
    workdir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    for kind, pdfs in (("born-digital", born), ("scanned", scans)):
        if not pdfs:
            continue
        db = workdir / f"pages-{kind}.sqlite"
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        shutil.rmtree(f"{db}.originals", ignore_errors=True)
        build(db, pdfs)
        out[kind] = measure(db, pages)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--born", type=Path, nargs="*", default=[])
    parser.add_argument("--scans", type=Path, nargs="*", default=[])
    parser.add_argument("--pages", type=int, default=PAGES_PER_KIND, help="pages measured of each kind")
    args = parser.parse_args()
    print(json.dumps(run(args.workdir, args.born, args.scans, args.pages)))


if __name__ == "__main__":
    main()
