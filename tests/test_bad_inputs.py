"""Bad inputs: each gets a one-line reason naming the file, and the batch goes on."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from sqlalchemy import select

from samarkiv.cli import app
from samarkiv.errors import CorruptInput, EmptyInput, EncryptedInput, TooLarge, UnsupportedInput
from samarkiv.ingest import IngestOptions, read_bytes, read_source
from samarkiv.store import Archive
from samarkiv.store.models import Document, PageRow
from samarkiv.synth import find_font, typeset_pdf
from samarkiv.synth_office import docx_from_text, odt_from_text

from .conftest import requires_ocr, seed_path

TEXT = "Styrelsen beslutar att godkänna verksamhetsplanen för samordningsförbundet 2021."


def encrypted_pdf(user_password: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("body", fname=str(find_font()))
    pdf.set_font("body", size=11)
    pdf.set_encryption(owner_password="ägare", user_password=user_password)
    pdf.add_page()
    pdf.multi_cell(170, 6, TEXT)
    return bytes(pdf.output())


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size but holds next to no data: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b"")


def test_zero_bytes() -> None:
    with pytest.raises(EmptyInput, match="empty"):
        read_bytes(b"")


def test_truncated_pdf() -> None:
    whole = typeset_pdf(TEXT)
    with pytest.raises(CorruptInput, match="PDF"):
        read_bytes(whole[: len(whole) // 3])


def test_encrypted_pdf_with_a_password_is_refused() -> None:
    with pytest.raises(EncryptedInput, match="password"):
        read_bytes(encrypted_pdf("hemligt"))


def test_encrypted_pdf_with_an_empty_user_password_is_read() -> None:
    source = read_bytes(encrypted_pdf(""))
    assert TEXT in source.text.replace("\n", " ")


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(os.urandom(4096) + b"\x00")
    with pytest.raises(UnsupportedInput) as info:
        read_source(path)
    assert str(info.value).startswith(str(path))


def test_png_declaring_a_huge_size_is_refused_before_decoding() -> None:
    with pytest.raises(TooLarge, match="too large|over the limit"):
        read_bytes(png_header(100_000, 100_000))


def test_pdf_over_the_page_limit() -> None:
    with pytest.raises(TooLarge, match="pages"):
        read_bytes(typeset_pdf("\f".join(["sida"] * 12)), IngestOptions(max_pages=10))


SCRIPTS_ONLY = (b"<!DOCTYPE html>\n<html><head><script src='app.js'></script></head>"
                b"<body><script>document.body.innerHTML = render();</script></body></html>")


def test_html_of_scripts_only_is_refused() -> None:
    with pytest.raises(EmptyInput, match="web page holds no main text to read"):
        read_bytes(SCRIPTS_ONLY)


def broken_docx() -> bytes:
    """A Word document cut short: the ZIP's directory, at its end, is gone."""
    whole = docx_from_text(TEXT)
    return whole[: len(whole) // 2]


def encrypted_docx(password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_from_text(TEXT))).encrypt(password, out)
    return out.getvalue()


def encrypted_odt() -> bytes:
    """An ODT whose manifest says its content is encrypted, as LibreOffice's "save with password"."""
    from lxml import etree

    ns = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    plain = zipfile.ZipFile(io.BytesIO(odt_from_text(TEXT)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        for info in plain.infolist():
            data = plain.read(info)
            if info.filename == "META-INF/manifest.xml":
                manifest = etree.fromstring(data)
                for entry in manifest.iter(f"{{{ns}}}file-entry"):
                    if entry.get(f"{{{ns}}}full-path") == "content.xml":
                        etree.SubElement(entry, f"{{{ns}}}encryption-data",
                                         {f"{{{ns}}}checksum-type": "SHA1/1K", f"{{{ns}}}checksum": "AAAA"})
                data = etree.tostring(manifest, xml_declaration=True, encoding="UTF-8")
            odt.writestr(info, data)
    return out.getvalue()


def docx_bomb(unpacked: int = 272 * 2**20) -> bytes:
    """A small DOCX whose document.xml inflates to `unpacked` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * 2**24
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def test_a_docx_that_is_a_broken_zip_is_refused() -> None:
    with pytest.raises(CorruptInput, match="damaged ZIP"):
        read_bytes(broken_docx())


def test_a_password_protected_word_document_is_refused() -> None:
    with pytest.raises(EncryptedInput, match="protected by a password"):
        read_bytes(encrypted_docx("hemligt"))


def test_a_password_protected_odt_is_refused() -> None:
    with pytest.raises(EncryptedInput, match="protected by a password"):
        read_bytes(encrypted_odt())


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    data = docx_bomb()
    assert len(data) < 2 * 2**20
    with pytest.raises(TooLarge, match="would unpack to 272 MiB, over the limit of 256 MiB"):
        read_bytes(data)


def test_a_batch_of_bad_inputs_goes_on_and_reports_each_file(tmp_path: Path, runner) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "tom.txt").write_bytes(b"")
    (folder / "trasig.pdf").write_bytes(typeset_pdf(TEXT)[:400])
    (folder / "krypterad.pdf").write_bytes(encrypted_pdf("hemligt"))
    (folder / "slump.pdf").write_bytes(os.urandom(2048) + b"\x00")
    (folder / "bomb.png").write_bytes(png_header(100_000, 100_000))
    (folder / "sida.html").write_bytes(SCRIPTS_ONLY)
    (folder / "trasig.docx").write_bytes(broken_docx())
    (folder / "krypterad.docx").write_bytes(encrypted_docx("hemligt"))
    (folder / "bomb.docx").write_bytes(docx_bomb())
    (folder / "bra.txt").write_bytes(seed_path("000").read_bytes())
    (folder / "gammal.txt").write_bytes(TEXT.encode("cp1252"))
    (tmp_path / "tom-mapp").mkdir()
    db = tmp_path / "a.sqlite"

    result = runner.invoke(app, ["ingest", str(folder), str(tmp_path / "tom-mapp"), str(tmp_path / "saknas.pdf"),
                                 "--db", str(db), "-j", "1"])
    assert result.exit_code == 1
    with Archive(db) as archive:
        failures = {Path(f.path).name: f for f in archive.failures()}
        assert {d["source"] for d in archive.documents()} == {"bra.txt", "gammal.txt"}
    assert set(failures) == {"tom.txt", "trasig.pdf", "krypterad.pdf", "slump.pdf", "bomb.png", "sida.html",
                             "trasig.docx", "krypterad.docx", "bomb.docx", "tom-mapp", "saknas.pdf"}
    assert "empty" in failures["tom.txt"].reason
    assert "password" in failures["krypterad.pdf"].reason
    assert failures["bomb.png"].error_type == "TooLarge"
    assert "web page holds no main text to read" in failures["sida.html"].reason
    assert "damaged ZIP" in failures["trasig.docx"].reason
    assert "password" in failures["krypterad.docx"].reason
    assert failures["bomb.docx"].error_type == "TooLarge"
    assert "no files" in failures["tom-mapp"].reason
    assert "no such file" in failures["saknas.pdf"].reason
    for name in ("tom.txt", "trasig.pdf", "krypterad.pdf", "bomb.png", "sida.html", "trasig.docx", "krypterad.docx",
                 "bomb.docx"):
        assert f"{name}: " in result.output.replace("\n", "")

    status = runner.invoke(app, ["status", "--failed", "--db", str(db), "--format", "json"])
    assert status.exit_code == 1
    assert "krypterad.pdf" in status.output


def test_symlink_loop_in_a_folder_does_not_hang(tmp_path: Path, runner) -> None:
    folder = tmp_path / "mapp"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.symlink(folder, folder / "loop")
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "a.sqlite"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output


def empty_pages_pdf(pages: int) -> bytes:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


ENGLISH = ("The board of the association decided to approve the annual report for the year. The members were "
           "present at the meeting and the minutes were signed by the chair. It was noted that the budget has "
           "been followed and that the activities of the year were carried out as planned by the staff.")


def test_a_thousand_page_pdf_is_refused_by_the_default_page_limit() -> None:
    with pytest.raises(TooLarge, match="1000 pages, over the limit of 500"):
        read_bytes(empty_pages_pdf(1000))


def test_a_pdf_page_too_large_to_render_is_refused() -> None:
    pdf = FPDF(unit="pt", format=(5000, 5000))
    pdf.add_page()
    pdf.line(100, 100, 4900, 4900)  # drawn, not written: only rendering could read it
    with pytest.raises(TooLarge, match="434 megapixels at 300 dpi, over the limit of 200"):
        read_bytes(bytes(pdf.output()))


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "jatte.pdf"
    with path.open("wb") as fh:
        fh.truncate(513 * 2**20)  # sparse: no disk used, and nothing to read if the limit holds
    with pytest.raises(TooLarge, match="513 MiB, over the limit of 512 MiB"):
        read_source(path)


@requires_ocr
def test_ocr_gives_up_on_a_page_after_the_timeout() -> None:
    from samarkiv.synth import scanned_pdf

    with pytest.raises(CorruptInput, match="OCR gave up on a page"):
        read_bytes(scanned_pdf(TEXT, seed=1), IngestOptions(ocr_timeout=0.001))


def test_cp1252_text_keeps_its_swedish_letters() -> None:
    source = read_bytes("Årsredovisning för Södra förbundet: beslut om överföring".encode("cp1252"))
    assert source.encoding == "cp1252"
    assert source.text == "Årsredovisning för Södra förbundet: beslut om överföring"


def test_english_text_is_archived_with_a_warning() -> None:
    assert read_bytes(ENGLISH.encode()).notes[0].startswith("the text does not look Swedish")
    assert read_bytes(seed_path("001").read_bytes()).notes == ()


def test_a_file_that_vanishes_after_listing_is_reported(tmp_path: Path) -> None:
    from samarkiv.batch import Ingestor, Status, expand_inputs

    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_path("004").read_bytes())
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    with (folder / "c.pdf").open("wb") as fh:
        fh.truncate(513 * 2**20)  # sparse; refused before it is hashed
    inputs = list(expand_inputs([str(folder)]))
    (folder / "b.txt").unlink()
    with Archive(tmp_path / "a.sqlite") as archive:
        summary = Ingestor(archive, jobs=1).run(inputs)
    results = {Path(r.path).name: r for r in summary.results}
    assert results["a.txt"].status is Status.INGESTED
    assert results["b.txt"].status is Status.FAILED
    assert results["b.txt"].reason == "cannot read the file: No such file or directory"
    assert results["c.pdf"].reason == "the file is 513 MiB, over the limit of 512 MiB"


def test_a_mixed_batch_reports_every_bad_file_and_archives_every_good_one(tmp_path: Path, runner) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "tom.pdf").write_bytes(b"")
    (folder / "trasig.pdf").write_bytes(typeset_pdf(TEXT)[:600])
    (folder / "krypterad.pdf").write_bytes(encrypted_pdf("hemligt"))
    (folder / "oppen-krypterad.pdf").write_bytes(encrypted_pdf(""))
    (folder / "slump.pdf").write_bytes(os.urandom(4096) + b"\x00")
    (folder / "bomb.png").write_bytes(png_header(100_000, 100_000))
    (folder / "tusen-sidor.pdf").write_bytes(empty_pages_pdf(1000))
    (folder / "gammal.txt").write_bytes("Styrelsen beslutar att godkänna årsredovisningen för 2020.".encode("cp1252"))
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "sida.html").write_bytes(SCRIPTS_ONLY)
    (folder / "bra.txt").write_bytes(seed_path("002").read_bytes())
    os.symlink(folder, folder / "slinga")
    db = tmp_path / "a.sqlite"

    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "1"])
    output = result.output.replace("\n", "")
    assert result.exit_code == 1
    with Archive(db) as archive:
        failures = {Path(f.path).name: f.reason for f in archive.failures()}
        sources = {d["source"] for d in archive.documents()}
        with archive.session() as s:
            old = s.scalar(select(PageRow.raw_text).join(Document).where(Document.source == "gammal.txt"))
    assert sources == {"oppen-krypterad.pdf", "gammal.txt", "english.txt", "bra.txt"}
    assert failures == {
        "tom.pdf": "the file is empty (0 bytes)",
        "trasig.pdf": failures["trasig.pdf"],
        "krypterad.pdf": "the PDF is encrypted and needs a password",
        "slump.pdf": "binary data (NUL bytes), not a text, PDF or image file",
        "bomb.png": failures["bomb.png"],
        "tusen-sidor.pdf": "the PDF has 1000 pages, over the limit of 500 (--max-pages)",
        "sida.html": "the web page holds no main text to read (only scripts, styles, menus or a few words)",
    }
    assert "truncated or damaged" in failures["trasig.pdf"]
    assert "too large" in failures["bomb.png"] or "over the limit" in failures["bomb.png"]
    assert old == "Styrelsen beslutar att godkänna årsredovisningen för 2020."
    assert "warning " in output and "english.txt: the text does not look Swedish" in output
    for name in failures:
        assert f"{name}: " in output
