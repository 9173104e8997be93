"""`make bench`: how fast samarkiv reads, against the bare tesseract program and OCRmyPDF.

Builds a corpus from the fixtures (see corpus.py), runs every measurement in this one run so
that ratios are fair on a noisy machine, prints a table and writes the figures as JSON to
bench-results/ for `benchmarks/compare.py`. Each ingest runs in a fresh process, whose whole
process tree is sampled for its peak resident memory.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import corpus as corpus_module
import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per tesseract, as samarkiv runs it
BORN_PAIRS = 3  # born-digital ingest and the bare pdfplumber loop, run in turns this many times


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured number, with what it is measured in and the target it should meet."""

    name: str
    value: float
    unit: str
    target: float | None = None
    higher_is_better: bool = True
    note: str = ""

    @property
    def meets(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


@dataclass(frozen=True, slots=True)
class Run:
    stdout: str
    seconds: float
    peak_rss_mib: float


def run_sampled(command: Sequence[str], interval: float = 0.05) -> Run:
    """Runs `command`, sampling the summed resident memory of its whole process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                               cwd=HERE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                return
            peak = max(peak, total)
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}… failed ({process.returncode}):\n{stderr[-2000:]}")
    return Run(stdout, seconds, peak / 2**20)


def ingest(db: Path, jobs: int, *paths: Path) -> tuple[dict, Run]:
    """One `samarkiv ingest` in a fresh process; its own report and the sampled run."""
    run = run_sampled([sys.executable, str(HERE / "ingest_run.py"), str(db), str(jobs), *map(str, paths)])
    report = json.loads(run.stdout.strip().splitlines()[-1])
    if report["failed"]:
        raise SystemExit("ingest failed on: " + "; ".join(report["failed"][:3]))
    return report, run


def parallel_commands(commands: list[list[str]], jobs: int) -> float:
    """Wall seconds to run `commands`, `jobs` at a time."""
    def one(command: list[str]) -> None:
        done = subprocess.run(command, capture_output=True, env=ENV, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{command[0]} failed: {done.stderr.decode(errors='replace')[-1000:]}")

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, commands))
    return time.perf_counter() - started


def bare_tesseract(images: list[Path], jobs: int) -> float:
    """Pages per second of the bare tesseract program on `images`, `jobs` at a time."""
    seconds = parallel_commands([["tesseract", str(p), "-", "-l", "swe", "--psm", "3"] for p in images], jobs)
    return len(images) / seconds


def ocr_share(db: Path) -> float:
    """The share of an archive's pages that were read by OCR."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        ocr, total = conn.execute("SELECT SUM(method = 'ocr'), COUNT(*) FROM pages").fetchone()
    return (ocr or 0) / total if total else 0.0


def load() -> list[float]:
    """The load averages over 1, 5 and 15 minutes: how busy the machine was with others' work."""
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, object]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    tesseract = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    return {"cpu": model or platform.processor(), "cores": os.cpu_count(),
            "ram_gib": round(psutil.virtual_memory().total / 2**30, 1), "python": platform.python_version(),
            "tesseract": (tesseract.stdout or tesseract.stderr).split("\n", 1)[0], "commit": commit,
            "load_at_start": load()}


def load_query_bench() -> Callable[..., dict[str, float]] | None:
    """`benchmarks/query_bench.py`'s `run`, when that benchmark is there."""
    path = HERE / "query_bench.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("samarkiv_query_bench", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return getattr(module, "run", None)


def measure(args: argparse.Namespace, log: Callable[[str], None]) -> list[Figure]:
    figures: list[Figure] = []
    work = Path(tempfile.mkdtemp(prefix="samarkiv-bench-"))
    try:
        log(f"corpus: {args.docs} text documents, {args.scan_pages} scanned pages …")
        c = corpus_module.build(args.results / "corpus", docs=args.docs, scan_pages_total=args.scan_pages,
                                short_scans=args.short_scans)
        jobs = args.jobs

        log("profile of the scanned path …")
        profile = json.loads(run_sampled([sys.executable, str(HERE / "profile_scan.py"),
                                          *map(str, sorted(c.scans.glob("*.pdf"))[:2]),
                                          "--pyinstrument", str(args.results / "profile-scan.txt")]).stdout)
        for step in ("image", "preprocess", "tesseract", "layout"):
            figures.append(Figure(f"scan page: {step}", profile[f"{step}_s_per_page"], "s/page",
                                  higher_is_better=False))
        figures.append(Figure("scan page: share in tesseract", profile["tesseract_share"], "ratio"))

        log("OCR accuracy on generated scans: the tesseract library against the program …")
        accuracy = json.loads(run_sampled([sys.executable, str(HERE / "ocr_accuracy.py"),
                                           str(args.accuracy_pages)]).stdout)
        for size in ("10.5", "8.0"):
            library, program = accuracy[f"cer_{size}pt_library"], accuracy[f"cer_{size}pt_program"]
            figures.append(Figure(f"CER {size} pt scans, tesseract library", 100 * library, "%",
                                  higher_is_better=False))
            figures.append(Figure(f"CER {size} pt scans, tesseract program", 100 * program, "%",
                                  higher_is_better=False))
            # The library must read no worse than the program did (a few characters either way).
            figures.append(Figure(f"CER {size} pt scans: library minus program", 100 * (library - program),
                                  "points", 0.05, higher_is_better=False))
            figures.append(Figure(f"tesseract CPU a {size} pt page: library / program",
                                  accuracy[f"cpu_s_per_page_{size}pt_library"]
                                  / accuracy[f"cpu_s_per_page_{size}pt_program"], "ratio", 1.0,
                                  higher_is_better=False))

        # What a run costs before its first page (worker processes, models): paid once per run,
        # it weighs on a short benchmark far more than on a day's batch, so it is shown apart.
        log("ingest start-up: one text document …")
        report, _ = ingest(work / "startup.sqlite", jobs, sorted(c.texts_small.iterdir())[0])
        startup = report["seconds"]
        figures.append(Figure(f"ingest start-up, --jobs {jobs}", startup, "s", higher_is_better=False))

        log(f"scanned PDFs through samarkiv ingest --jobs {jobs} …")
        report, _ = ingest(work / "scan2.sqlite", jobs, c.scans)
        samarkiv_scan = report["pages"] / report["seconds"]
        steady_scan = report["pages"] / max(report["seconds"] - startup, 1e-6)
        figures.append(Figure(f"scanned pages/s, --jobs {jobs}", samarkiv_scan, "pages/s"))
        figures.append(Figure(f"scanned pages/s, --jobs {jobs}, start-up excluded", steady_scan, "pages/s"))

        log(f"bare tesseract on the same page images, {jobs} at a time …")
        bare = bare_tesseract(sorted(c.scan_images.glob("*.png")), jobs)
        figures.append(Figure(f"bare tesseract pages/s, {jobs} at a time", bare, "pages/s"))
        figures.append(Figure("samarkiv / bare tesseract", samarkiv_scan / bare, "ratio", 1.0))
        figures.append(Figure("samarkiv / bare tesseract, start-up excluded", steady_scan / bare, "ratio"))
        figures.append(Figure("scanned pages read by OCR", ocr_share(work / "scan2.sqlite"), "share", 1.0))

        # --jobs 1 right after --jobs N, so that both meet the machine in the same state
        log("scanned PDFs through samarkiv ingest --jobs 1 …")
        report, _ = ingest(work / "scan1.sqlite", 1, c.scans)
        one = report["pages"] / report["seconds"]
        figures.append(Figure("scanned pages/s, --jobs 1", one, "pages/s"))
        figures.append(Figure(f"speed-up --jobs {jobs} over --jobs 1", samarkiv_scan / one, "x",
                              1.8 if jobs == 2 else None))
        if jobs > 1:
            # What the machine itself gives: bare tesseract on the same pages one at a time, against
            # `jobs` at a time (two virtual cores may be one physical core's two threads).
            log("bare tesseract on the same page images, one at a time …")
            bare_one = bare_tesseract(sorted(c.scan_images.glob("*.png")), 1)
            figures.append(Figure("bare tesseract pages/s, one at a time", bare_one, "pages/s"))
            figures.append(Figure(f"bare tesseract speed-up, {jobs} at a time over one", bare / bare_one, "x"))

        log(f"{c.short_scan_pages} pages of short scanned documents (one or two pages each), --jobs {jobs} …")
        report, _ = ingest(work / "short.sqlite", jobs, c.short_scans)
        short = report["pages"] / report["seconds"]
        figures.append(Figure(f"short scans pages/s, --jobs {jobs}", short, "pages/s"))
        bare_short = bare_tesseract(sorted(c.short_scan_images.glob("*.png")), jobs)
        figures.append(Figure(f"short scans, bare tesseract pages/s, {jobs} at a time", bare_short, "pages/s"))
        figures.append(Figure("short scans: samarkiv / bare tesseract", short / bare_short, "ratio", 1.0))

        if args.skip_ocrmypdf:
            log("ocrmypdf skipped (--skip-ocrmypdf)")
        elif shutil.which("ocrmypdf") is None and not (Path(sys.executable).parent / "ocrmypdf").exists():
            log("ocrmypdf is not installed (pip install -e '.[bench]'); its comparison is left out")
        else:
            log(f"ocrmypdf --skip-text -l swe on the same PDFs, {jobs} at a time …")
            ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")
            out = work / "ocrmypdf"
            out.mkdir()
            scans = sorted(c.scans.glob("*.pdf"))
            seconds = parallel_commands([[ocrmypdf, "--skip-text", "-l", "swe", "--jobs", "1", "--quiet",
                                          str(p), str(out / p.name)] for p in scans], jobs)
            ocr_rate = c.scan_pages / seconds
            figures.append(Figure(f"ocrmypdf pages/s, {jobs} at a time", ocr_rate, "pages/s"))
            figures.append(Figure("samarkiv / ocrmypdf", samarkiv_scan / ocr_rate, "ratio"))


        # Born-digital ingest against the bare pdfplumber loop: a few seconds each, so a busy
        # neighbour moves one run by a third. The two are run in turns, BORN_PAIRS times, and the
        # ratio is the median of the pairs' ratios; the spread is shown beside it.
        pdfs = [str(p) for p in sorted(c.born.glob("*.pdf"))]
        pairs: list[tuple[float, float]] = []
        for turn in range(BORN_PAIRS):
            log(f"born-digital PDFs, --jobs 1, and a bare pdfplumber extract_text loop over them ({turn + 1} of "
                f"{BORN_PAIRS}) …")
            db = work / f"born{turn}.sqlite"
            report, _ = ingest(db, 1, c.born)
            if turn == 0:
                figures.append(Figure("born-digital pages read by OCR", ocr_share(db), "share", 0.0,
                                      higher_is_better=False))
            plumber = json.loads(run_sampled([sys.executable, str(HERE / "text_layer_run.py"), "plumber",
                                              *pdfs]).stdout)
            pairs.append((report["pages"] / report["seconds"], plumber["pages"] / plumber["seconds"]))
        ratios = sorted(ours / theirs for ours, theirs in pairs)
        born_rate = statistics.median(ours for ours, _ in pairs)
        plumber_rate = statistics.median(theirs for _, theirs in pairs)
        figures.append(Figure("born-digital pages/s, --jobs 1", born_rate, "pages/s"))
        figures.append(Figure("bare pdfplumber extract_text pages/s, one core", plumber_rate, "pages/s"))
        figures.append(Figure("born-digital ingest / bare pdfplumber", statistics.median(ratios), "ratio", 2.0,
                              note=f"median of {len(ratios)} pairs run in turns; "
                                   + ", ".join(f"{r:.2f}" for r in ratios)))
        log("text layers of the same PDFs through samarkiv's reading …")
        layer = json.loads(run_sampled([sys.executable, str(HERE / "text_layer_run.py"), "samarkiv", *pdfs]).stdout)
        figures.append(Figure("text-layer reading pages/s", layer["pages"] / layer["seconds"], "pages/s", 300))

        figures.extend(page_view(c, work, log))

        # The same seeds as Word and OpenDocument files, read natively; a page is a page of the
        # same text typeset as a PDF, so the rates compare page for page with the line above.
        assert c.docx is not None and c.odt is not None
        for name, folder in (("DOCX", c.docx), ("ODT", c.odt)):
            log(f"the same texts as {name}, --jobs 1 …")
            report, _ = ingest(work / f"{name.lower()}.sqlite", 1, folder)
            rate = c.office_pages / report["seconds"]
            figures.append(Figure(f"{name} pages/s (as typeset), --jobs 1", rate, "pages/s", 20))
            figures.append(Figure(f"{name} / born-digital PDF, same text", rate / born_rate, "ratio"))
        figures.extend(office_through_libreoffice(c, work, log))

        small_n = len(list(c.texts_small.iterdir()))
        large_n = len(list(c.texts_large.iterdir()))
        log(f"{small_n} text documents, --jobs {jobs} …")
        report, small = ingest(work / "small.sqlite", jobs, c.texts_small)
        figures.append(Figure(f"peak memory, {small_n} documents", small.peak_rss_mib, "MiB", higher_is_better=False))
        log(f"{large_n} text documents, --jobs {jobs} …")
        large_db = work / "large.sqlite"
        report, large = ingest(large_db, jobs, c.texts_large)
        figures.append(Figure(f"text documents/s, --jobs {jobs}", report["ingested"] / report["seconds"], "docs/s"))
        figures.append(Figure(f"peak memory, {large_n} documents", large.peak_rss_mib, "MiB", higher_is_better=False))
        figures.append(Figure(f"memory {large_n} / {small_n} documents", large.peak_rss_mib / small.peak_rss_mib,
                              "ratio", 1.2, higher_is_better=False))

        log(f"re-ingest of the {large_n} archived documents …")
        report, _ = ingest(large_db, jobs, c.texts_large)
        assert report["skipped"] == large_n, report
        figures.append(Figure("re-ingest, all skipped", report["skipped"] / report["seconds"], "files/s", 500))

        log("normalize and extract on text …")
        stages = json.loads(run_sampled([sys.executable, str(HERE / "stages_run.py")]).stdout)
        figures.append(Figure("normalize tokens/s", stages["normalize_tokens_per_s"], "tokens/s"))
        figures.append(Figure("extract pages/s (with NER)", stages["extract_pages_per_s"], "pages/s"))

        query = None if args.skip_query else load_query_bench()
        if query is not None:
            log("queries (benchmarks/query_bench.py) …")
            (work / "query").mkdir()
            targets = {"fts_p95_ms": 50.0, "aggregate_over_group_by": 2.0}
            for name, value in query(work / "query", decisions=args.decisions).items():
                figures.append(Figure(f"query: {name}", float(value), "", targets.get(name), higher_is_better=False))
        elif not args.skip_query:
            log("no benchmarks/query_bench.py here; query latency left out")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def page_view(c: corpus_module.Corpus, work: Path, log: Callable[[str], None]) -> list[Figure]:
    """`samarkiv serve`'s page view of a fact on born-digital and scanned pages: cold (the page
    image rendered from the kept original) against pypdfium2 rendering the same page alone, side
    by side, and from the page cache (see page_view_bench.py)."""
    log("page view: a fact on its page, cold and from the cache, against pypdfium2 alone …")
    born = [str(p) for p in sorted(c.born.glob("*.pdf"))[:3]]
    scans = [str(p) for p in sorted(c.scans.glob("*.pdf"))[:2]]
    found = json.loads(run_sampled([sys.executable, str(HERE / "page_view_bench.py"), str(work / "page-view"),
                                    "--born", *born, "--scans", *scans]).stdout)
    figures = []
    for kind, f in found.items():
        figures += [Figure(f"page view cold / pypdfium2 render to a JPEG, {kind}", f["cold_over_pypdfium2_image"],
                           "ratio", 2.0, higher_is_better=False),
                    Figure(f"page view cold / pypdfium2 render to a bitmap, {kind}", f["cold_over_pypdfium2_bitmap"],
                           "ratio", higher_is_better=False),
                    Figure(f"page view cold (page and image), {kind}", f["cold_ms"], "ms", higher_is_better=False),
                    Figure(f"page view from the cache, p95, {kind}", f["cached_p95_ms"], "ms", 50,
                           higher_is_better=False)]
    return figures


def office_through_libreoffice(c: corpus_module.Corpus, work: Path, log: Callable[[str], None]) -> list[Figure]:
    """The road not taken for DOCX: LibreOffice converts each file to PDF (real pages and boxes),
    which the PDF path then reads. Left out when LibreOffice is not installed."""
    from samarkiv.ingest import convert

    if convert.soffice() is None or c.docx is None:
        log(f"LibreOffice is not installed ({convert.PACKAGE}); DOCX through PDF left out")
        return []
    log("the same DOCX converted to PDF by LibreOffice, then read, --jobs 1 …")
    pdfs = work / "docx-as-pdf"
    pdfs.mkdir()
    started = time.perf_counter()
    for path in sorted(c.docx.glob("*.docx")):
        (pdfs / f"{path.stem}.pdf").write_bytes(convert.convert(path.read_bytes(), ".docx", "pdf", 300))
    converting = time.perf_counter() - started
    report, _ = ingest(work / "docx-pdf.sqlite", 1, pdfs)
    rate = c.office_pages / (converting + report["seconds"])
    return [Figure("DOCX via LibreOffice PDF pages/s, --jobs 1", rate, "pages/s"),
            Figure("DOCX via LibreOffice: s per document converting", converting / len(list(pdfs.iterdir())), "s",
                   higher_is_better=False)]


def print_table(figures: list[Figure], meta: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"samarkiv bench · {meta['cpu']}, {meta['cores']} cores, {meta['ram_gib']} GiB · "
                        f"load {meta['load_at_start']}", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("unit")
    table.add_column("target", justify="right")
    table.add_column("")
    table.add_column("note")
    for f in figures:
        target = "" if f.target is None else ("≥ " if f.higher_is_better else "≤ ") + f"{f.target:g}"
        mark = {True: "[green]ok[/]", False: "[red]below[/]" if f.higher_is_better else "[red]above[/]",
                None: ""}[f.meets]
        table.add_row(f.name, f"{f.value:,.3g}" if f.value < 100 else f"{f.value:,.0f}", f.unit, target, mark, f.note)
    Console(width=160).print(table)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark samarkiv against bare tesseract and OCRmyPDF.")
    parser.add_argument("--docs", type=int, default=1000,
                        help="text documents in the large run; the small run has a tenth (default 1000)")
    parser.add_argument("--scan-pages", type=int, default=16, help="scanned pages, two to a PDF (default 16)")
    parser.add_argument("--short-scans", type=int, default=12,
                        help="short scanned documents, one or two pages each (default 12)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--accuracy-pages", type=int, default=6,
                        help="generated scan pages of each print size for the OCR accuracy figures (default 6)")
    parser.add_argument("--decisions", type=int, default=100_000, help="decisions for the query benchmark")
    parser.add_argument("--skip-query", action="store_true", help="leave out the query benchmark")
    parser.add_argument("--skip-ocrmypdf", action="store_true", help="leave out the OCRmyPDF comparison")
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results", help="folder for the JSON")
    args = parser.parse_args(argv)
    args.results = args.results.resolve()
    args.results.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    meta = machine()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)

    figures = measure(args, log)
    meta["load_at_end"] = load()
    meta["seconds"] = round(time.perf_counter() - started, 1)
    meta["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    meta["args"] = {"docs": args.docs, "scan_pages": args.scan_pages, "short_scans": args.short_scans,
                    "jobs": args.jobs}
    result = {"machine": meta, "figures": {f.name: {"value": f.value, "unit": f.unit, "target": f.target,
                                                    "higher_is_better": f.higher_is_better,
                                                    **({"note": f.note} if f.note else {})} for f in figures}}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = args.results / f"bench-{stamp}-{meta['commit'] or 'nogit'}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(figures, meta)
    print(f"{meta['seconds']:.0f} s; load {meta['load_at_start']} → {meta['load_at_end']}; wrote {path}")


if __name__ == "__main__":
    main()
