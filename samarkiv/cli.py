"""The `samarkiv` command line: thin wrappers that parse arguments, call the library, and map
errors to one-line messages and exit codes (0 success, 1 some input failed, 2 bad usage)."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from samarkiv import __version__
from samarkiv.errors import SamarkivError
from samarkiv.ingest import IngestOptions

app = typer.Typer(
    help="samarkiv: archive the minutes and reports of Swedish samordningsförbund and query them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Pipes and CI logs get a wide console so that tables are not folded into 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DbOption = Annotated[str, typer.Option("--db", help="Archive: an SQLite file, or a database URL.",
                                       envvar="SAMARKIV_DB")]


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _open_archive(db: str, *, must_exist: bool = False):
    from samarkiv.store import Archive

    if must_exist and "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no archive at {db} (run `samarkiv ingest` first, or pass --db)")
        raise typer.Exit(2)
    try:
        return Archive(db)
    except SamarkivError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"samarkiv {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Archive the minutes and reports of Swedish samordningsförbund and query them."""


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or glob patterns.",
                                               show_default=False)],
    db: DbOption = "archive.sqlite",
    lang: Annotated[str, typer.Option(help="Tesseract language(s) for OCR, e.g. swe or swe+eng.")] = "swe",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default="all cores",
                                             help="Worker processes.")] = None,
    force: Annotated[bool, typer.Option(help="Reprocess files that are already archived.")] = False,
    retry_failed: Annotated[bool, typer.Option(help="Try again files that failed before.")] = False,
    max_pages: Annotated[int, typer.Option(help="Refuse documents with more pages than this.")] = 500,
    dpi: Annotated[int, typer.Option(help="Resolution at which scanned PDF pages are rendered for OCR.")] = 300,
    preprocess: Annotated[bool, typer.Option(help="Clean scans (grayscale, deskew) before OCR.")]
    = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")] = False,
    keep_originals: Annotated[bool, typer.Option(help="Keep a copy of each file's bytes in the originals folder "
                                                      "beside the archive (ARCHIVE.originals/).")] = True,
    queue: Annotated[str | None, typer.Option("--queue", envvar="SAMARKIV_QUEUE", show_default=False,
                                              help="Send the documents to `samarkiv worker`s on this Redis broker "
                                                   "(redis://host:6379/0) instead of reading them here.")] = None,
) -> None:
    """Read documents into the archive: text, born-digital and scanned PDFs, images, Word and
    OpenDocument files, RTF and saved web pages.

    Files are identified by the SHA-256 of their bytes: a file already archived is skipped (its
    new path is recorded), unless --force. Bad inputs are reported and the batch goes on. The
    archive's own files (its database and originals) are never read as inputs.

    Example: samarkiv ingest protokoll/ 'scans/**/*.tif' --db archive.sqlite
    """
    from samarkiv.batch import ArchiveFiles, FileResult, Ingestor, Status, expand_inputs, sigterm_as_interrupt

    archive = _open_archive(db)
    originals = _originals(db) if keep_originals else None
    options = IngestOptions(lang=lang, dpi=dpi, max_pages=max_pages, preprocess=preprocess)
    inputs = list(expand_inputs(paths, exclude=ArchiveFiles.of(db)))
    show_progress = not quiet and err.is_terminal
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("files · {task.fields[pages]} pages · {task.fields[rate]} pages/s"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=err, disable=not show_progress)
    task = progress.add_task("ingest", total=len(inputs), pages=0, rate="–")
    started = time.perf_counter()
    pages = 0

    def on_result(result: FileResult) -> None:
        nonlocal pages
        pages += result.pages
        rate = pages / max(time.perf_counter() - started, 1e-6)
        progress.update(task, advance=1, pages=pages, rate=f"{rate:.1f}")
        if result.status is Status.FAILED:
            progress.console.print(f"[red]failed[/] {result.path}: {result.reason}", highlight=False,
                                   markup=True, soft_wrap=True)
        elif result.status is Status.INGESTED and result.reason:
            progress.console.print(f"[yellow]warning[/] {result.path}: {result.reason}", highlight=False,
                                   markup=True, soft_wrap=True)

    ingestor = Ingestor(archive, options, jobs=jobs or os.cpu_count() or 1, force=force,
                        retry_failed=retry_failed, on_result=on_result, originals=originals)
    if queue:
        from samarkiv.queue import QueueIngestor, QueueUnavailable

        try:
            with sigterm_as_interrupt(), progress:
                summary = QueueIngestor(archive, queue, options, force=force, retry_failed=retry_failed,
                                        on_result=on_result).run(inputs)
        except QueueUnavailable as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None
    else:
        with sigterm_as_interrupt(), progress:
            summary = ingestor.run(inputs)
    archive.close()

    if not quiet:
        failed = [r for r in summary.results if r.status is Status.FAILED]
        if failed:
            table = Table(title="Failed", title_justify="left", show_lines=False)
            table.add_column("file", overflow="fold")
            table.add_column("reason", overflow="fold")
            for r in failed:
                table.add_row(r.path, r.reason)
            err.print(table)
        rate = summary.pages / summary.seconds if summary.seconds else 0.0
        stopped = f"interrupted by {signal.Signals(summary.signal).name}: " if summary.signal else "interrupted: "
        err.print(f"{stopped if summary.interrupted else ''}"
                  f"[green]{summary.count(Status.INGESTED)} ingested[/], {summary.count(Status.SKIPPED)} skipped, "
                  f"[{'red' if failed else 'green'}]{len(failed)} failed[/] · {summary.pages} pages in "
                  f"{summary.seconds:.1f} s ({rate:.1f} pages/s) → {db}")
    if summary.interrupted:
        raise typer.Exit(128 + (summary.signal or 2))
    raise typer.Exit(0 if summary.ok else 1)


def _originals(db: str):
    from samarkiv.store.originals import Originals, folder_for

    folder = folder_for(db)
    if folder is None:
        err.print("[yellow]warning:[/] originals are kept only beside an SQLite archive file; none kept for "
                  f"{db}", highlight=False)
        return None
    originals = Originals(folder)
    originals.remove_leftovers(older_than=3600)
    return originals


@app.command()
def export(
    db: DbOption = "archive.sqlite",
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json: one array; jsonl: a record a line.")]
    = ExportFormat.json,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")]
    = None,
) -> None:
    """Write one extraction record per archived document (contract samarkiv.extraction/1).

    Example: samarkiv export --format jsonl --out records.jsonl
    """
    archive = _open_archive(db, must_exist=True)
    stream = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        records = archive.export()
        if format is ExportFormat.jsonl:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            stream.write("[")
            for i, record in enumerate(records):
                stream.write((",\n" if i else "\n") + json.dumps(record, ensure_ascii=False, indent=1))
            stream.write("\n]\n")
    finally:
        if out_file:
            stream.close()
        archive.close()


@app.command()
def status(
    db: DbOption = "archive.sqlite",
    failed: Annotated[bool, typer.Option("--failed", help="List the inputs that failed, with reasons.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")] = TableFormat.table,
) -> None:
    """Show what the archive holds: documents and what was found in each, or the failures.

    Example: samarkiv status --failed
    """
    from samarkiv.store.overview import document_overview

    archive = _open_archive(db, must_exist=True)
    try:
        if failed:
            rows = [{"path": f.path, "error": f.error_type, "reason": f.reason, "attempts": f.attempts}
                    for f in archive.failures()]
            title = "Failed inputs"
        else:
            rows = document_overview(archive)
            title = "Archived documents"
    finally:
        archive.close()
    _print_rows(rows, format, title)
    if failed and rows:
        raise typer.Exit(1)


@app.command()
def normalize(
    file: Annotated[Path, typer.Argument(help="Any file ingest accepts: text, PDF or image.", show_default=False)],
    lines: Annotated[bool, typer.Option("--lines", help="Repair words only: one output line per input line, "
                                                        "no reflow, nothing dropped.")] = False,
    lang: Annotated[str, typer.Option(help="Tesseract language(s) for scanned pages.")] = "swe",
    diff: Annotated[bool, typer.Option("--diff", help="Print what repair changed instead of the text: page, line, "
                                                      "the raw text, what replaced it, confidence and rule.")] = False,
) -> None:
    """Print the repaired, normalized text of a file (OCR-damaged Swedish mended).

    Example: samarkiv normalize gammal-ocr.txt --lines > lagad.txt
    """
    from samarkiv.ingest import read_source
    from samarkiv.normalize import change_lines, normalize_pages, repair_lines

    try:
        source = read_source(file, IngestOptions(lang=lang))
    except SamarkivError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if diff:
        for line in change_lines(normalize_pages(source.pages)):
            sys.stdout.write(line + "\n")
    elif lines:
        sys.stdout.write("\f".join(repair_lines(page.text) for page in source.pages))
    else:
        sys.stdout.write(normalize_pages(source.pages).text)
        sys.stdout.write("\n")


ForbundOption = Annotated[str | None, typer.Option("--forbund", help="Förbund, loosely: 'söderåsen' will do.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Only this year.")]
FromOption = Annotated[str | None, typer.Option("--from", help="From this date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Up to this date (YYYY-MM-DD).")]
FormatOption = Annotated[TableFormat | None, typer.Option("--format", "-f",
                                                          help="table (default on a terminal), csv or json.")]


def _query(db: str, run, title: str, fmt: TableFormat | None) -> None:
    from samarkiv.store.query import UnknownValue
    from samarkiv.store.search import BadQuery

    archive = _open_archive(db, must_exist=True)
    try:
        with archive.session() as session:
            rows = run(session)
    except (UnknownValue, BadQuery) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    finally:
        archive.close()
    _print_rows(rows, fmt or (TableFormat.table if sys.stdout.isatty() else TableFormat.csv), title)


def _filters(forbund: str | None, year: int | None, date_from: str | None, date_to: str | None,
             kind: str | None = None):
    from samarkiv.store.query import Filters

    return Filters(forbund, year, date_from, date_to, kind)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find; 'förläng*' for a prefix, quotes for a phrase.")],
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="decision, item or page.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 50,
    format: FormatOption = None,
) -> None:
    """Full-text search of decisions, § items and page text, best hits first.

    Example: samarkiv search "förläng*" --kind decision --forbund söderåsen
    """
    from samarkiv.store.query import resolve_forbund
    from samarkiv.store.search import search as run_search

    def run(session):
        name = resolve_forbund(session, forbund) if forbund else None
        hits = run_search(session, text, forbund=name, date_from=date_from, date_to=date_to, kind=kind, limit=limit)
        return [{"kind": h.kind, "forbund": h.forbund, "date": h.date, "§": h.paragraph, "snippet": h.snippet,
                 "source": h.source, "page": h.page} for h in hits]

    _query(db, run, f"Search: {text}", format)


@app.command()
def decisions(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    kind: Annotated[str | None, typer.Option(help="approve, grant, reject, table, note, elect, assign, other.")]
    = None,
    text: Annotated[str | None, typer.Option("--text", help="Only decisions whose text contains this.")] = None,
    format: FormatOption = None,
) -> None:
    """Decisions, by förbund, date and § (a grant's amounts alongside).

    Example: samarkiv decisions --kind grant --year 2020 --format csv
    """
    from samarkiv.store import query

    _query(db, lambda s: query.decisions(s, _filters(forbund, year, date_from, date_to, kind), text),
           "Decisions", format)


@app.command()
def amounts(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: Annotated[int | None, typer.Option("--year", help="Only amounts concerning this year.")] = None,
    label: Annotated[str | None, typer.Option(help="Only amounts whose label contains this.")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Sum instead of listing: by forbund, year or forbund,year. Granted amounts apart from "
                     "budget, plan, forecast and actual lines, income apart from cost; Summa rows, results, "
                     "rates and figures named twice are not counted.")] = None,
    format: FormatOption = None,
) -> None:
    """Money amounts in whole SEK, with label, year and where they were read; or, with --by, their sums.

    Examples: samarkiv amounts --forbund söderåsen --year 2021 --label summa
              samarkiv amounts --by forbund,year --format csv
    """
    from samarkiv.store import query

    filters = _filters(forbund, year, None, None)
    if by is not None:
        keys = tuple(k.strip() for k in by.split(",") if k.strip())
        _query(db, lambda s: query.amount_totals(s, filters, keys), "Amounts summed", format)
        return
    _query(db, lambda s: query.amounts(s, filters, label), "Amounts", format)


@app.command()
def outcomes(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    insats: Annotated[str | None, typer.Option(help="Only this insats (contains).")] = None,
    category: Annotated[str | None, typer.Option(help="deltagare, avslutade, arbete, studier, …")] = None,
    by_insats: Annotated[bool, typer.Option("--by-insats", help="Sum counts per förbund, insats and category.")]
    = False,
    format: FormatOption = None,
) -> None:
    """Participant outcomes per insats and period.

    Example: samarkiv outcomes --category arbete --by-insats
    """
    from samarkiv.store import query

    def run(session):
        rows = query.outcomes(session, _filters(forbund, None, None, None), insats, category)
        return query.outcomes_by_insats(rows) if by_insats else rows

    _query(db, run, "Outcomes", format)


@app.command()
def people(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    name: Annotated[str | None, typer.Option(help="Only people whose name contains this.")] = None,
    group: Annotated[str | None, typer.Option(help="beslutande, ovriga, franvarande, ledamot, ersattare, other.")]
    = None,
    history: Annotated[str | None, typer.Option("--history", show_default=False,
                                                help="One person across documents, by year: a row per "
                                                     "document and role, with the body and the date.")] = None,
    format: FormatOption = None,
) -> None:
    """People named in minutes' headings and board lists, with role and organisation.

    Examples: samarkiv people --name persson
              samarkiv people --history "Anna Berg"
    """
    from samarkiv.store import query

    if history:
        _query(db, lambda s: query.people_history(s, _filters(forbund, year, None, None), history),
               f"History: {history}", format)
        return
    _query(db, lambda s: query.people(s, _filters(forbund, year, None, None, group), name), "People", format)


@app.command()
def votes(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    format: FormatOption = None,
) -> None:
    """Votes held in §§ (omröstning, votering): ja, nej and avstår counts, what ja and nej stood
    for, the result and each member's ballot where printed; a warning where the counts do not add
    up to the members present.

    Example: samarkiv votes --forbund kungsbacka --year 2025
    """
    from samarkiv.store import query

    _query(db, lambda s: query.votes(s, _filters(forbund, year, None, None)), "Votes", format)


@app.command()
def reservations(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    kind: Annotated[str | None, typer.Option(help="reservation, protokollsanteckning or avstar.")] = None,
    format: FormatOption = None,
) -> None:
    """Reservations against decisions, protokollsanteckningar and declared abstentions: who, against
    what, and the written text where printed.

    Example: samarkiv reservations --kind reservation --format csv
    """
    from samarkiv.store import query

    _query(db, lambda s: query.reservations(s, _filters(forbund, year, None, None, kind)), "Reservations", format)


@app.command()
def motions(
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    kind: Annotated[str | None, typer.Option(help="bifall, avslag, aterremiss, bordlaggning, andring, tillagg, "
                                                  "eget.")] = None,
    name: Annotated[str | None, typer.Option(help="Only yrkanden by someone whose name contains this.")] = None,
    format: FormatOption = None,
) -> None:
    """Yrkanden: who moved what in which §, as written.

    Example: samarkiv motions --kind aterremiss
    """
    from samarkiv.store import query

    _query(db, lambda s: query.motions(s, _filters(forbund, year, None, None, kind), name), "Motions", format)


@app.command()
def mentions(
    name: Annotated[str, typer.Argument(help="A name, or part of one.")],
    db: DbOption = "archive.sqlite",
    forbund: ForbundOption = None,
    year: YearOption = None,
    label: Annotated[str | None, typer.Option(help="PER, ORG or LOC.")] = None,
    format: FormatOption = None,
) -> None:
    """Where a person, organisation or place is named anywhere in the text (found by the NER).

    Example: samarkiv mentions "Anna Berg" --label PER
    """
    from samarkiv.store import query

    _query(db, lambda s: query.mentions(s, _filters(forbund, year, None, None), name, label), "Mentions", format)


@app.command()
def show(
    kind: Annotated[str, typer.Argument(help="decision, amount, person, item or outcome.")],
    fact_id: Annotated[int, typer.Argument(metavar="ID", help="The fact's id, as the query commands list it.")],
    db: DbOption = "archive.sqlite",
    png: Annotated[Path | None, typer.Option("--png", help="Write the page image with the fact's words "
                                                          "outlined to this PNG file.")] = None,
) -> None:
    """Show one fact with its document, page and the text around it; --png draws it on the page."""
    from samarkiv.show import FactKind, NoOriginal, fact_view, render_page
    from samarkiv.store.originals import Originals, folder_for

    try:
        fact_kind = FactKind(kind)
    except ValueError:
        err.print(f"[red]error:[/] no fact kind {kind!r}; choose {', '.join(k.value for k in FactKind)}")
        raise typer.Exit(2) from None
    archive = _open_archive(db, must_exist=True)
    try:
        view = fact_view(archive, fact_kind, fact_id)
    except SamarkivError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        archive.close()
    out.print(f"{view.kind.value} {view.id}: " + ", ".join(f"{k}={v}" for k, v in view.fields.items()
                                                            if v not in (None, [], "")), markup=False,
              highlight=False)
    out.print(f"document {view.document_id} {view.source}, page {view.page if view.page is not None else '-'}",
              markup=False, highlight=False)
    if view.span_text:
        out.print(f"…{view.before}[[{view.span_text}]]{view.after}…", markup=False, highlight=False)
    if view.highlight is not None and not view.highlight.rectangles:
        out.print("no word boxes kept for this page", markup=False, highlight=False)
    if png is not None:
        folder = folder_for(db)
        try:
            width, height = render_page(view, Originals(folder) if folder else None, png)
        except NoOriginal as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(1) from None
        err.print(f"wrote {png} ({width}×{height} px)")


@app.command()
def reindex(db: DbOption = "archive.sqlite") -> None:
    """Rebuild the full-text search index from the archive."""
    from samarkiv.store.search import rebuild

    archive = _open_archive(db, must_exist=True)
    with archive.session() as session, session.begin():
        n = rebuild(session)
    archive.close()
    err.print(f"search index rebuilt over {n} documents")


@app.command()
def verify(db: DbOption = "archive.sqlite",
           quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False) -> None:
    """Check the archive: SQLite integrity and foreign keys, and every kept original re-hashed.

    Missing or altered originals are named (document and SHA-256). Exit status 1 on any finding.

    Example: samarkiv verify --db archive.sqlite
    """
    from samarkiv.store.originals import Originals, folder_for
    from samarkiv.verify import verify as run_verify

    archive = _open_archive(db, must_exist=True)
    folder = folder_for(db)
    progress = Progress(TextColumn("[bold]verify"), BarColumn(), MofNCompleteColumn(), TextColumn("originals"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=err,
                        disable=quiet or not err.is_terminal)
    task = progress.add_task("verify", total=None)
    try:
        with progress:
            report = run_verify(archive, Originals(folder) if folder else None,
                                lambda done, total: progress.update(task, completed=done, total=total))
    finally:
        archive.close()
    for finding in report.findings:
        out.print(str(finding), highlight=False, markup=False, soft_wrap=True)
    if not report.ok:
        err.print(f"[red]{len(report.findings)} finding(s)[/] in {db}", highlight=False)
        raise typer.Exit(1)
    out.print(f"ok: {report.documents} documents, {report.originals_checked} originals re-hashed, "
              "database integrity and foreign keys checked", highlight=False)


class ReprocessStage(StrEnum):
    normalize = "normalize"
    extract = "extract"


@app.command()
def reprocess(
    db: DbOption = "archive.sqlite",
    stage: Annotated[ReprocessStage, typer.Option(help="normalize: re-run normalize and extract from the raw page "
                                                       "text; extract: re-run extract from the normalized text.")]
    = ReprocessStage.normalize,
    everything: Annotated[bool, typer.Option("--all", help="Every document, not only those derived by an older "
                                                           "pipeline version.")] = False,
    boxes: Annotated[bool, typer.Option("--boxes/--no-boxes", help="Give pages archived without word boxes theirs, "
                                                                   "from the kept originals (a text layer in "
                                                                   "milliseconds, a scanned page by OCR again).")]
    = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Re-derive facts from the text the archive holds: no file is read and no OCR runs, except
    to give pages archived without word boxes theirs from their kept originals (--no-boxes: never).

    Each document is rewritten in one transaction, with its full-text index and mentions.

    Example: samarkiv reprocess --stage extract --all
    """
    from samarkiv.batch import Terminated, sigterm_as_interrupt
    from samarkiv.reprocess import Stage
    from samarkiv.reprocess import reprocess as run_reprocess
    from samarkiv.store.originals import Originals, folder_for

    archive = _open_archive(db, must_exist=True)
    folder = folder_for(db) if boxes else None
    progress = Progress(TextColumn("[bold]reprocess"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                        TimeElapsedColumn(), TimeRemainingColumn(), console=err,
                        disable=quiet or not err.is_terminal)
    task = progress.add_task("reprocess", total=None)
    started = time.perf_counter()
    try:
        with sigterm_as_interrupt(), progress:
            done = run_reprocess(archive, Stage(stage.value), everything,
                                 lambda n, total: progress.update(task, completed=n, total=total),
                                 originals=Originals(folder) if folder is not None else None)
    except KeyboardInterrupt as exc:
        err.print("interrupted: documents reprocessed so far are saved; run again to finish")
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from None
    finally:
        archive.close()
    for source, reason in done.failed:
        err.print(f"[red]failed[/] {source}: {reason}", highlight=False)
    for source, reason in done.boxes_unread:
        err.print(f"[yellow]no word boxes[/] for some pages of {source}: {reason}", highlight=False)
    if done.boxes_filled or done.boxes_missed:
        err.print(f"{done.boxes_filled} pages given word boxes from their originals, {done.boxes_missed} left "
                  "without (read again, their words do not match the archived text)", highlight=False)
    err.print(f"{done.documents} documents reprocessed from the {stage.value} stage, {len(done.failed)} failed "
              f"in {time.perf_counter() - started:.1f} s → {db}", highlight=False)
    raise typer.Exit(1 if done.failed else 0)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="The folder to watch (recursively).", show_default=False,
                                           exists=True, file_okay=False)],
    db: DbOption = "archive.sqlite",
    once: Annotated[bool, typer.Option("--once", help="Ingest what is there and settled, then exit (cron, CI).")]
    = False,
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between looks at the folder.")] = 1.0,
    settle: Annotated[float, typer.Option(min=0.0, help="A file is taken when its size and time stay the same "
                                                        "this many seconds.")] = 2.0,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default="all cores",
                                             help="Worker processes.")] = None,
    lang: Annotated[str, typer.Option(help="Tesseract language(s) for OCR.")] = "swe",
    keep_originals: Annotated[bool, typer.Option(help="Keep a copy of each file's bytes beside the archive.")]
    = True,
    queue: Annotated[str | None, typer.Option("--queue", envvar="SAMARKIV_QUEUE", show_default=False,
                                              help="Send new files to `samarkiv worker`s on this Redis broker "
                                                   "instead of reading them here.")] = None,
) -> None:
    """Ingest files as they arrive in a folder, once they are completely written.

    Archived bytes are skipped, as by ingest. Ctrl-C (or SIGTERM) stops the watch.

    Examples: samarkiv watch inkorg/ --db archive.sqlite
              samarkiv watch inkorg/ --once --queue redis://broker:6379/0 --db postgresql+psycopg://…/archive
    """
    from samarkiv.batch import ArchiveFiles, FileResult, Ingestor, Input, Status, Summary, sigterm_as_interrupt
    from samarkiv.watch import Watch

    archive = _open_archive(db)
    originals = _originals(db) if keep_originals else None

    def on_result(result: FileResult) -> None:
        colour = {Status.INGESTED: "green", Status.SKIPPED: "yellow", Status.FAILED: "red"}[result.status]
        reason = f": {result.reason}" if result.reason else ""
        err.print(f"[{colour}]{result.status}[/] {result.path}{reason}", highlight=False, soft_wrap=True)

    ingestor = Ingestor(archive, IngestOptions(lang=lang), jobs=jobs or os.cpu_count() or 1,
                        on_result=on_result, originals=originals)

    def ingest_batch(inputs: list[Input]) -> Summary:
        if queue:
            from samarkiv.queue import QueueIngestor

            return QueueIngestor(archive, queue, IngestOptions(lang=lang), on_result=on_result).run(inputs)
        return ingestor.run(inputs)

    if queue:
        from samarkiv.queue import QueueIngestor, QueueUnavailable

        try:
            QueueIngestor(archive, queue).check()
        except QueueUnavailable as exc:
            archive.close()
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2) from None

    watcher = Watch(folder, ingest_batch, settle=settle, interval=interval, exclude=ArchiveFiles.of(db),
                    on_waiting=lambda paths: err.print(f"{len(paths)} file(s) still being written, left for the "
                                                       "next run", highlight=False))
    try:
        with sigterm_as_interrupt():
            if once:
                summary = watcher.once()
                if summary.interrupted:
                    raise KeyboardInterrupt
                err.print(f"{summary.count(Status.INGESTED)} ingested, {summary.count(Status.SKIPPED)} skipped, "
                          f"{summary.count(Status.FAILED)} failed → {db}", highlight=False)
                raise typer.Exit(0 if summary.ok else 1)
            err.print(f"watching {folder} → {db} (Ctrl-C stops)", highlight=False)
            watcher.run()
    except KeyboardInterrupt:
        err.print("stopped", highlight=False)
    finally:
        archive.close()


@app.command()
def worker(
    queue: Annotated[str, typer.Option("--queue", envvar="SAMARKIV_QUEUE", help="The Redis broker.")]
    = "redis://127.0.0.1:6379/0",
    db: DbOption = "archive.sqlite",
    concurrency: Annotated[int | None, typer.Option("--concurrency", "-c", min=1, show_default="all cores",
                                                    help="Documents read at once (worker processes).")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds a document may take before it is recorded as failed.")]
    = 1800.0,
    visibility_timeout: Annotated[float | None, typer.Option(
        help="Seconds after which a document whose worker died is handed out again.",
        show_default="time limit + 10 min")] = None,
    max_deliveries: Annotated[int, typer.Option(help="Deliveries of a document (a worker died on each) before "
                                                     "it is recorded as failed.")] = 3,
) -> None:
    """Run a queue worker: read documents sent by `ingest --queue` and store them in the archive.

    Run one per machine (each uses --concurrency processes); point them all at the same broker and
    the same PostgreSQL archive.

    Example: samarkiv worker --queue redis://broker:6379/0 --db postgresql+psycopg://samarkiv@db/archive
    """
    from samarkiv.queue import WorkerLimits, run_worker

    hard = time_limit + min(60.0, time_limit)  # a grace for the task to record its failure
    limits = WorkerLimits(soft_seconds=time_limit, hard_seconds=hard,
                          visibility_seconds=visibility_timeout or time_limit + 600, max_deliveries=max_deliveries)
    if limits.visibility_seconds <= hard:
        err.print(f"[red]error:[/] --visibility-timeout must exceed the hard time limit ({hard:.0f} s)")
        raise typer.Exit(2)
    try:
        run_worker(queue, db, concurrency or os.cpu_count() or 1, limits)
    except SamarkivError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


@app.command("migrate-archive")
def migrate_archive(
    to: Annotated[str, typer.Option("--to", help="The target archive: a database URL or an SQLite file.",
                                    show_default=False)],
    source: Annotated[str | None, typer.Option("--from", show_default="--db",
                                               help="The archive to copy (an SQLite file or a URL).")] = None,
    db: DbOption = "archive.sqlite",
    force: Annotated[bool, typer.Option(help="Replace what a non-empty target holds.")] = False,
) -> None:
    """Copy a whole archive into another database, e.g. an SQLite file into PostgreSQL.

    The target's schema is built by the migrations, every table is copied with its ids, the search
    index is rebuilt there, and the row counts of both are compared. A non-empty target is refused
    unless --force.

    Example: samarkiv migrate-archive --from archive.sqlite --to postgresql+psycopg://samarkiv@db/archive
    """
    from samarkiv.store.transfer import copy_archive

    origin = source or db
    if "://" not in origin and not Path(origin).exists():
        err.print(f"[red]error:[/] no archive at {origin}")
        raise typer.Exit(2)
    try:
        copied = copy_archive(origin, to, replace=force)
    except SamarkivError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    from sqlalchemy.engine import make_url

    shown = make_url(to).render_as_string(hide_password=True) if "://" in to else to
    _print_rows([{"table": name, "rows": n} for name, n in copied.items()], TableFormat.table,
                f"Copied {origin} → {shown}")


def _print_rows(rows: list[dict[str, object]], format: TableFormat, title: str) -> None:
    if format is TableFormat.json:
        out.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    if format is TableFormat.csv:
        import csv

        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return
    if not rows:
        out.print(f"{title}: none")
        return
    table = Table(title=title, title_justify="left")
    for key in rows[0]:
        table.add_column(key, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    out.print(table)


@app.command()
def serve(
    db: DbOption = "archive.sqlite",
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the archive in a web browser.")]
    = False,
    page_cache_mb: Annotated[int, typer.Option(min=0, help="Most MiB of page images kept in ARCHIVE.pages-cache/ "
                                                           "beside the archive (least recently shown go first).")]
    = 256,
) -> None:
    """Browse the archive in a web browser (Datasette, read-only): tables, facets, full-text
    search, the analyst's questions as canned queries, a chart of amounts per förbund and year,
    and every fact on its page: the page image with the fact's words outlined, beside its text.

    Example: samarkiv serve --db archive.sqlite --open
    """
    from samarkiv.browse import NotAnArchive, check_archive
    from samarkiv.browse import serve as serve_archive

    if "://" in db:
        err.print(f"[red]error:[/] serve reads an SQLite archive file, not a database URL: {db}")
        raise typer.Exit(2)
    try:
        check_archive(Path(db))
    except NotAnArchive as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    _open_archive(db).close()  # an archive of an older samarkiv is migrated first, as every command does
    try:
        serve_archive(Path(db), host=host, port=port, open_browser=open_browser,
                      page_cache_bytes=page_cache_mb * 2**20)
    except NotAnArchive as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


if __name__ == "__main__":
    app()
