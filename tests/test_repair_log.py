"""What repair changed, with a confidence: in `Text.changes`, in the archive, after reprocess, in --diff."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text as sql

from samarkiv.cli import app
from samarkiv.extract import extract_record
from samarkiv.ingest import Method, Page, read_bytes
from samarkiv.normalize import normalize_pages
from samarkiv.reprocess import Stage, reprocess
from samarkiv.store import Archive

PAGES = (
    "Protokoll fört vid sammanträde med kammaren\n"
    "Kammaren beslöt att överlämna ärendet till bevillningsutskottet.\n"
    "sammanträdet till herr talmavnen\n"
    "lydelse av 79 8 kommunallagen den 18\n",
    "Utskottet har kommit till det resul- tatet, vilket överensstämmer med förslaget.\n"
    "De skälinte vill låsa riksbanken; räntan steg med 3,5 96. Därmed var överläggningen slutad.\n",
)


def _document() -> list[Page]:
    return [Page(n, t, Method.PLAIN) for n, t in enumerate(PAGES, 1)]


def test_every_change_says_where_it_stands_what_it_was_and_how_sure() -> None:
    text = normalize_pages(_document())
    got = [(c.page, c.original, c.text, c.rule) for c in text.changes]
    assert got == [(1, "talmavnen", "talmannen", "word"), (1, "8", "§", "paragraph"),
                   (2, "resul- tatet", "resultatet", "join"), (2, "skälinte", "skäl inte", "split"),
                   (2, "96", "%", "percent")]
    for change in text.changes:
        assert text.text[change.start:change.end] == change.text
        assert 0.5 <= change.confidence <= 1.0
        page, raw_at = text.raw_offset(change.start) or (0, 0)
        assert page == change.page
        assert PAGES[page - 1][raw_at:raw_at + len(change.original)] == change.original


def test_a_line_that_ftfy_mends_keeps_its_repairs_in_place() -> None:
    raw = "Kammaren beslöt att överlämna ärendet.\nSÃ¶derÃ¥sens samordningsfÃ¶rbund, enligt 79 8 kommunallagen."
    text = normalize_pages([Page(1, raw, Method.PLAIN)])
    (change,) = text.changes
    assert (change.original, change.text) == ("8", "§")
    assert text.text[change.start:change.end] == "§"
    assert text.text.endswith("Söderåsens samordningsförbund, enligt 79 § kommunallagen.")


def test_clean_text_has_no_changes() -> None:
    text = normalize_pages([Page(1, "Styrelsen för Söderåsens samordningsförbund beslutar att godkänna "
                                    "årsredovisningen.\n", Method.PLAIN)])
    assert text.changes == ()


def test_the_archive_keeps_the_changes_and_reprocess_rewrites_them(archive_db: str) -> None:
    source = read_bytes("\f".join(PAGES).encode("utf-8"))
    text = normalize_pages(source.pages)
    with Archive(archive_db) as archive:
        doc_id = archive.save(source, text, extract_record(text), "/in/riksdag.txt")
        assert archive.repairs(doc_id) == list(text.changes)
        with archive.session() as s, s.begin():
            s.execute(sql("delete from repairs"))
            s.execute(sql("update documents set pipeline_version = '0'"))
        assert archive.repairs(doc_id) == []
        reprocess(archive, Stage.EXTRACT, everything=True)
        assert archive.repairs(doc_id) == []  # extract alone leaves the normalized text and its log
        reprocess(archive, Stage.NORMALIZE, everything=True)
        assert archive.repairs(doc_id) == list(text.changes)
        with archive.session() as s, s.begin():
            s.execute(sql("delete from documents"))
        assert archive.counts()["repairs"] == 0


def test_normalize_diff_prints_the_changes(runner, tmp_path: Path) -> None:
    path = tmp_path / "riksdag.txt"
    path.write_text("\f".join(PAGES), encoding="utf-8")
    result = runner.invoke(app, ["normalize", str(path), "--diff"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("p1 l3\ttalmavnen → talmannen\t0.")
    assert lines[1].startswith("p1 l4\t8 → §\t0.90 paragraph")
    assert [line.split("\t")[1] for line in lines[2:]] == ["resul- tatet → resultatet", "skälinte → skäl inte",
                                                           "96 → %"]
