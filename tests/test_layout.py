"""Layout clean-up: furniture dropped, bullets normalised, wrapped paragraphs reflowed, tables kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages

FIXTURES = Path(__file__).parent.parent / "fixtures"
CLEAN_SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.startswith("002_"))

# A report page wrapped at about 70 characters, as pdftotext or tesseract writes it.
WRAPPED = """Verksamhetsberättelse

Förbundet har under året arbetat med att utveckla samverkan mellan de
fyra parterna och att finansiera insatser för personer som är i behov av
samordnade rehabiliteringsinsatser. Arbetet har bedrivits i nära dialog
med Försäkringskassan, Arbetsförmedlingen, kommunen och regionen. Under
hösten genomfördes en kartläggning av målgruppens behov och en arbets-
modell för uppföljning togs fram tillsammans med utvecklingsgruppen.

• Insatsen Steget har haft 24 deltagare under året och arbetat med dem
e Insatsen Vägen har haft 12 deltagare under perioden och arbetat bra
o 3 deltagare avslutades av annan anledning under perioden januari–juni

Resultaträkning\t2019\t2018
Medlemsavgifter\t3 076\t2 040
"""


def _page(text: str, number: int = 1) -> Page:
    return Page(number=number, text=text, method=Method.PLAIN)


def _normalized(*texts: str) -> str:
    return normalize_pages([_page(t, i) for i, t in enumerate(texts, 1)]).text


def test_wrapped_paragraph_becomes_one_line() -> None:
    lines = _normalized(WRAPPED).split("\n")
    paragraph = lines[2]
    assert paragraph.startswith("Förbundet har under året arbetat med att utveckla samverkan mellan de fyra")
    assert "Under hösten genomfördes" in paragraph
    assert paragraph.endswith("tillsammans med utvecklingsgruppen.")


def test_hyphenated_word_is_joined() -> None:
    assert "en arbetsmodell för uppföljning" in _normalized(WRAPPED)


def test_hyphen_of_an_abbreviation_is_kept() -> None:
    text = WRAPPED.replace("kommunen och regionen. Under", "kommunen och Af-").replace(
        "hösten genomfördes", "rådet genomfördes")
    assert "kommunen och Af-rådet genomfördes" in _normalized(text)


def test_heading_blank_lines_bullets_and_table_rows_survive() -> None:
    lines = _normalized(WRAPPED).split("\n")
    assert lines[:2] == ["Verksamhetsberättelse", ""]
    assert lines[3] == ""
    assert lines[4:7] == [
        "- Insatsen Steget har haft 24 deltagare under året och arbetat med dem",
        "- Insatsen Vägen har haft 12 deltagare under perioden och arbetat bra",
        "- 3 deltagare avslutades av annan anledning under perioden januari–juni",
    ]
    assert lines[8:10] == ["Resultaträkning\t2019\t2018", "Medlemsavgifter\t3 076\t2 040"]


def test_label_value_lines_stay_apart() -> None:
    text = ("Plats och tid Kommunhuset, Åstorp 13.00-15.00\n"
            "Beslutande Reino Persson, ordförande\nRoger Eliasson, ledamot\n")
    assert _normalized(text) == text


def test_minutes_furniture_is_dropped() -> None:
    text = ("§ 67\n\nMötets öppnande.\n\nJusterandes sign\n\n\n\nUtdragsbestyrkande\n\n"
            "§ 68\n\nVal av justerare.\n")
    assert _normalized(text) == "§ 67\n\nMötets öppnande.\n\n§ 68\n\nVal av justerare.\n"


def test_page_numbers_and_running_headers_are_dropped() -> None:
    pages = [f"Protokoll styrelsemöte 2021-03-12\n\n§ {n}\n\nText om ärende {n}.\n\nBeslut\n\n{n}\n"
             for n in (1, 2, 3)]
    out = _normalized(*pages).split("\f")
    assert out[1].strip() == "§ 2\n\nText om ärende 2.\n\nBeslut"
    # the first page keeps it: there the running header is the title and the date of the minutes
    assert out[0].startswith("Protokoll styrelsemöte 2021-03-12\n\n§ 1")
    assert all("Protokoll styrelsemöte" not in page for page in out[1:])


def test_page_marks_run_on_with_a_page_that_lost_its_line_breaks_are_dropped() -> None:
    text = ("Sida 2 av 9 Närvarande Kerstin Alm (S) Tor Ek (M)\n"
            "§ 4 Årsredovisning Beslut Direktionen godkänner årsredovisningen. Page 3 of 9\n"
            "Page 4 of 9\n"
            "Bilaga 2 (3) och sidan 12 av rapporten\n"
            "Styrelsen Sida 12 (30) Plats Folkets hus\n"
            "Slut\n")
    assert _normalized(text) == ("Närvarande Kerstin Alm (S) Tor Ek (M)\n"
                                 "§ 4 Årsredovisning Beslut Direktionen godkänner årsredovisningen.\n\n"
                                 "Bilaga 2 (3) och sidan 12 av rapporten\n"
                                 "Styrelsen Plats Folkets hus\n"
                                 "Slut\n")


def test_markdown_heading_marks_are_dropped() -> None:
    text = "# Protokoll styrelsemöte 2021-09-16\n\n## § 31 Val av justerare\n\nBeslut #2 gäller.\n"
    assert _normalized(text) == "Protokoll styrelsemöte 2021-09-16\n\n§ 31 Val av justerare\n\nBeslut #2 gäller.\n"


def test_numbers_inside_a_table_are_not_page_numbers() -> None:
    text = "Summa\n\n2019\n\n3076\n\n12\n"
    assert _normalized(text) == text


def test_ocr_report_is_repaired_and_reflowed() -> None:
    raw = (FIXTURES / "seeds" / "002_381cdb54b4063d0b.txt").read_text(encoding="utf-8")
    text = _normalized(raw)
    assert "bildades den 1 januari 2015 efter att beslut fattats av samtliga parter" in text
    assert "- Inom insatsen Ungsam har man totalt arbetat med 20 deltagare under perioden 190101" in text
    assert "Af-rådet för Bjuv- och Åstorps kommun." in text


@pytest.mark.parametrize("path", CLEAN_SEEDS, ids=lambda p: p.name[:3])
def test_text_laid_out_one_paragraph_per_line_is_unchanged(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    kept = [line for line in _normalized(raw).split("\n")]
    furniture = {"Justerandes sign", "Utdragsbestyrkande"}
    expected = [line for line in raw.split("\n") if line.strip() not in furniture]
    assert [x for x in kept if x.strip()] == [x for x in expected if x.strip()]
