"""Legacy .doc and RTF files: converted by LibreOffice in a child process with a time limit; a
one-line error naming the Debian package when LibreOffice is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarkiv.cli import app
from samarkiv.errors import ConverterUnavailable, TooLarge
from samarkiv.ingest import FileKind, Method, convert, read_bytes
from samarkiv.store import Archive
from samarkiv.synth_office import docx_from_text

requires_libreoffice = pytest.mark.skipif(convert.soffice() is None,
                                          reason="LibreOffice is not installed (make test installs it)")

# "Styrelsen beslutar att bevilja 255 996 kr." and a two-cell table row, in RTF's own escapes.
RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
       rb"\pard Sammantr\'e4desprotokoll 2020-11-24\par"
       rb"\pard Styrelsen beslutar att bevilja 255 996 kr f\'f6r Casemanagement 2.0.\par"
       rb"\trowd\cellx3000\cellx6000 Medlemsavgifter\cell 3 084 000\cell\row"
       rb"\pard \'c5storps kommun\par}")


@requires_libreoffice
def test_an_rtf_file_is_converted_and_read_with_its_table() -> None:
    source = read_bytes(RTF)
    assert source.kind is FileKind.RTF
    assert [p.method for p in source.pages] == [Method.RTF]
    assert source.pages[0].text.split("\n") == [
        "Sammanträdesprotokoll 2020-11-24",
        "Styrelsen beslutar att bevilja 255 996 kr för Casemanagement 2.0.",
        "Medlemsavgifter\t3 084 000",
        "Åstorps kommun",
    ]


@requires_libreoffice
def test_a_word_97_document_is_converted_and_read() -> None:
    doc = convert.convert(docx_from_text("Kallelse\nStyrelsen kallas till sammanträde.\fSida två"), ".docx", "doc",
                          timeout=120)
    source = read_bytes(doc)
    assert source.kind is FileKind.DOC
    assert [(p.number, p.method, p.text) for p in source.pages] == [
        (1, Method.DOC, "Kallelse\nStyrelsen kallas till sammanträde."), (2, Method.DOC, "Sida två")]


@requires_libreoffice
def test_a_conversion_over_its_time_limit_is_stopped() -> None:
    with pytest.raises(TooLarge, match="LibreOffice took more than 0 s"):
        convert.convert(RTF, ".rtf", "docx", timeout=0.05)


def test_without_libreoffice_the_error_names_the_package_and_the_batch_goes_on(
        tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "soffice", lambda: None)
    with pytest.raises(ConverterUnavailable, match="Debian package libreoffice-writer-nogui"):
        read_bytes(RTF)
    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "gammal.rtf").write_bytes(RTF)
    (folder / "ny.docx").write_bytes(docx_from_text("Styrelsen beslutar att godkänna verksamhetsplanen."))
    db = tmp_path / "a.sqlite"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "1"])
    assert result.exit_code == 1
    assert "gammal.rtf: reading this file needs LibreOffice" in result.output.replace("\n", "")
    with Archive(db) as archive:
        assert [d["source"] for d in archive.documents()] == ["ny.docx"]
