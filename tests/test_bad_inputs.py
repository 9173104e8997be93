"""Bad inputs: each gets a one-line reason naming the file, and the batch goes on."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF

from samarkiv.cli import app
from samarkiv.errors import CorruptInput, EmptyInput, EncryptedInput, TooLarge, UnsupportedInput
from samarkiv.ingest import IngestOptions, read_bytes, read_source
from samarkiv.store import Archive
from samarkiv.synth import find_font, typeset_pdf

from .conftest import seed_path

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


def test_html_is_unsupported() -> None:
    with pytest.raises(UnsupportedInput, match="HTML"):
        read_bytes(b"<!DOCTYPE html>\n<html><body><p>Protokoll</p></body></html>")


def test_a_batch_of_bad_inputs_goes_on_and_reports_each_file(tmp_path: Path, runner) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    (folder / "tom.txt").write_bytes(b"")
    (folder / "trasig.pdf").write_bytes(typeset_pdf(TEXT)[:400])
    (folder / "krypterad.pdf").write_bytes(encrypted_pdf("hemligt"))
    (folder / "slump.pdf").write_bytes(os.urandom(2048) + b"\x00")
    (folder / "bomb.png").write_bytes(png_header(100_000, 100_000))
    (folder / "sida.html").write_text("<html><body>hej</body></html>", encoding="utf-8")
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
                             "tom-mapp", "saknas.pdf"}
    assert "empty" in failures["tom.txt"].reason
    assert "password" in failures["krypterad.pdf"].reason
    assert failures["bomb.png"].error_type == "TooLarge"
    assert "HTML" in failures["sida.html"].reason
    assert "no files" in failures["tom-mapp"].reason
    assert "no such file" in failures["saknas.pdf"].reason
    for name in ("tom.txt", "trasig.pdf", "krypterad.pdf", "bomb.png", "sida.html"):
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
