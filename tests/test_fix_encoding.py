"""Mojibake repair (`normalize.fix_encoding`): ftfy's result on every text, with the lines that
ftfy would leave as they are told apart before it runs."""

from __future__ import annotations

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from samarkiv.normalize import fix_encoding


def ftfy_alone(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC", fix_line_breaks=False)


def test_mojibake_is_mended() -> None:
    assert fix_encoding("SÃ¶derÃ¥sens samordningsfÃ¶rbund") == "Söderåsens samordningsförbund"


def test_a_clean_swedish_line_is_kept() -> None:
    line = "§ 12 Beslut – styrelsen beviljar 250 000 kr för år 2023 “Steg för steg” • 5 %"
    assert fix_encoding(line) == line


def test_entities_ligatures_and_decomposed_letters_still_go_through_ftfy() -> None:
    assert fix_encoding("Budget &amp; verksamhetsplan") == "Budget & verksamhetsplan"
    assert fix_encoding("ﬁnansiering") == "finansiering"
    assert fix_encoding("Sa\u030amordning") == "Såmordning"


# Letters and signs of Swedish minutes, and the characters mojibake and ftfy's other fixers are about.
ALPHABET = st.sampled_from(list("abcåäöAÅÄÖé §–—’”•€°½²\t\n.,:;&<>#") +
                           ["Ã", "Â", "¶", "¥", "\x80", "\x9d", "ﬁ", "Ａ", "\u030a", "\x1b", "\x07", "\u200b",
                            "\u2028", "\xad", "\xa0", "×", "Ø", "ƒ", "\ufffd"])


@settings(max_examples=600, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_same_as_ftfy_on_any_text(text: str) -> None:
    assert fix_encoding(text) == ftfy_alone(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Ã¤", "Ã¥", "Ã¶", "ä", "å", "ö", "Ã ", "Â ", "€", "¤", "§ 3", "\n", " ", "o"]),
                max_size=12))
def test_same_as_ftfy_on_mojibake_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert fix_encoding(text) == ftfy_alone(text)
