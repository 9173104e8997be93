"""Plain-text inputs: UTF-8 and the legacy encodings old OCR exports use."""

import pytest

from samarkiv.errors import EmptyInput, UnsupportedInput
from samarkiv.ingest import FileKind, Method, read_bytes

LINE = "Styrelsen beslutar att godkänna årsredovisningen för Söderåsens samordningsförbund."


def test_utf8_text_is_one_plain_page() -> None:
    source = read_bytes(LINE.encode("utf-8"))
    assert source.kind is FileKind.TEXT
    assert source.encoding == "utf-8"
    assert [p.method for p in source.pages] == [Method.PLAIN]
    assert source.pages[0].text == LINE


def test_cp1252_text_is_decoded_with_swedish_letters() -> None:
    source = read_bytes(LINE.encode("cp1252"))
    assert source.encoding == "cp1252"
    assert source.pages[0].text == LINE


def test_utf8_bom_and_crlf_are_removed() -> None:
    source = read_bytes(b"\xef\xbb\xbf" + "Rad ett\r\nRad två".encode())
    assert source.pages[0].text == "Rad ett\nRad två"


def test_form_feeds_separate_pages() -> None:
    source = read_bytes("§ 1 Mötets öppnande\f§ 2 Val av justerare\f".encode())
    assert [p.number for p in source.pages] == [1, 2]
    assert source.pages[1].text == "§ 2 Val av justerare"


def test_text_is_nfc() -> None:
    decomposed = "Åstorp".replace("Å", "A\u030a")
    assert read_bytes(decomposed.encode()).pages[0].text == "Åstorp"


def test_whitespace_only_and_binary_are_refused() -> None:
    with pytest.raises(EmptyInput):
        read_bytes(b" \n\t\n")
    with pytest.raises(UnsupportedInput, match="binary"):
        read_bytes(bytes(range(256)) * 40)
