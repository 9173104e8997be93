"""Signs OCR misreads around numbers and between words: §, §§, %, a zero before kr, "i", dashes."""

from __future__ import annotations

import pytest

from samarkiv.normalize.repair import apply
from samarkiv.normalize.signs import i_edits, sign_edits


def signs(line: str) -> str:
    return apply(line, sign_edits(line))


@pytest.mark.parametrize(("raw", "want"), [
    ("lydelse av 79 8 kommunallagen den 18", "lydelse av 79 § kommunallagen den 18"),
    ("ändrad lydelse av 10 $ 1 mom.", "ändrad lydelse av 10 § 1 mom."),
    ("ändringen, att 5a $, 9 $ och 14a $ erhölle", "ändringen, att 5a §, 9 § och 14a § erhölle"),
    ("med den ändringen, att 17 a $ erhölle", "med den ändringen, att 17 a § erhölle"),
    ("enligt 6 kap. 11 8 socialtjänstlagen", "enligt 6 kap. 11 § socialtjänstlagen"),
    ("enligt 6 kap. 11 8", "enligt 6 kap. 11 §"),
    ("104 S försäkringsavtalslagen gäller", "104 § försäkringsavtalslagen gäller"),
    ("9 & kommunallagen", "9 § kommunallagen"),
    ("$ 12.", "§ 12."),
    ("8 37 Val av justerare", "§ 37 Val av justerare"),
    ("att 1 och 4 88 skulle hava den lydelse", "att 1 och 4 §§ skulle hava den lydelse"),
    ("enligt 2 och 3 $$ förbundsordningen", "enligt 2 och 3 §§ förbundsordningen"),
    ("8 kap. 38 ärvdabalken", "8 kap. 3 § ärvdabalken"),
    ("88 12-14 Föredrogs och hänvisades", "§§ 12-14 Föredrogs och hänvisades"),
    ("beslutet fattades enligt 37 8.", "beslutet fattades enligt 37 §."),
    ("$& 1 Mötets öppnande", "§ 1 Mötets öppnande"),
    ("Erik Sand X, 8 15-16", "Erik Sand X, § 15-16"),
    ("med regionen och Arbetsförmedlingen. & 14 Årsredovisning 2022", "med regionen och Arbetsförmedlingen. § 14 "
     "Årsredovisning 2022"),
    ("protokollet justerades. 8 15 Budget för 2023", "protokollet justerades. § 15 Budget för 2023"),
])
def test_paragraph_signs(raw: str, want: str) -> None:
    assert signs(raw) == want


@pytest.mark.parametrize("line", [
    "8 37 tkr avser lokaler",
    "totalt 12 88 deltagare",
    "Budget\t45\t96\tkr",
    "under 2019 8 gånger",
    "sammanträdet 2021-03-08 kl. 13 20 i Bjuv",
    "1 och 4 88 kr",
    "8 12-13 år gamla",
    "Kostnader, 8 150",
    "barn i åldern 6, 8 12-13 år",
    "Mötet börjar kl. 8 15 Deltagarna samlas",
    "Antalet ökade. 8 14-åringar deltog",
])
def test_numbers_that_stay_numbers(line: str) -> None:
    assert signs(line) == line


def test_per_cent_read_as_digits() -> None:
    assert signs("räntehöjningen med 3,5 96. Därför") == "räntehöjningen med 3,5 %. Därför"
    assert signs("av dem gick 45 96 till arbete") == "av dem gick 45 % till arbete"
    assert signs("ökade med 2,5 20 under året") == "ökade med 2,5 % under året"
    assert signs("ökade med 12 20 under året") == "ökade med 12 20 under året"
    assert signs("år 1995 96 kronor") == "år 1995 96 kronor"
    assert signs("i snitt 1,5 20 timmar") == "i snitt 1,5 20 timmar"


def test_zero_dash_and_range() -> None:
    assert signs("Utbildning\t-150 000 kr\tO kr") == "Utbildning\t-150 000 kr\t0 kr"
    assert signs("ange preciserade summor -— vilket man") == "ange preciserade summor — vilket man"
    assert signs("för femtio å sextio år sedan") == "för femtio à sextio år sedan"
    assert signs("vid en å i Skåne") == "vid en å i Skåne"


@pytest.mark.parametrize(("raw", "want"), [
    ("det finns l denna fråga", "det finns i denna fråga"),
    ("styrelsen. | början av året", "styrelsen. I början av året"),
    ("bor 1 kommunen sedan", "bor i kommunen sedan"),
    ("1 denna fråga har", "I denna fråga har"),
    ("bilaga 1 till protokollet", "bilaga 1 till protokollet"),
    ("punkt 1 beslutet", "punkt 1 beslutet"),
    ("1 person avslutade", "1 person avslutade"),
    ("Kolumn | A | B", "Kolumn | A | B"),
])
def test_i_read_as_one_l_or_bar(raw: str, want: str) -> None:
    assert apply(raw, i_edits(raw)) == want


def test_every_sign_repair_has_a_confidence_and_rule() -> None:
    edits = sign_edits("lydelse av 79 8 kommunallagen med 3,5 96 och O kr")
    assert [(e.text, e.rule) for e in edits] == [("§", "paragraph"), ("%", "percent"), ("0", "zero")]
    assert all(0.5 <= e.confidence <= 1.0 for e in edits)


def test_a_range_across_a_line_end() -> None:
    assert apply("att tolv å", sign_edits("att tolv å", after="tretton")) == "att tolv à"
    assert sign_edits("att tolv å", after="barn") == []
