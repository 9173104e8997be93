"""Light damage in good OCR of a clean document: non-words mended, known words and old spellings kept."""

from __future__ import annotations

from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages, repair_lines
from samarkiv.normalize.mend import mend, split_joined

from .conftest import FIXTURES
from .test_repair import _rates

RIKSDAGEN = FIXTURES / "riksdagen"

# Clean Swedish around the line under test, so that the document reads as one whose å, ä and ö survived.
CONTEXT = ("Kammaren beslöt att överlämna ärendet till bevillningsutskottet.\n"
           "Herr Andersson yttrade: Jag får väl säga några ord om förslaget, som här har behandlats.\n"
           "Därmed var överläggningen slutad, och det blev bifall till utskottets förslag.\n")


def repaired_line(line: str) -> str:
    return repair_lines(CONTEXT + line).split("\n")[-1]


def test_riksdag_lines_are_mended_and_nothing_right_is_damaged() -> None:
    raw = (RIKSDAGEN / "raw.txt").read_text(encoding="utf-8")
    clean = (RIKSDAGEN / "clean.txt").read_text(encoding="utf-8")
    fix, damage = _rates(raw, clean, repair_lines(raw))
    assert fix >= 0.75
    assert damage == 0.0


def test_non_words_one_shape_away_are_mended() -> None:
    assert repaired_line("sammanträdet till herr talmavnen") == "sammanträdet till herr talmannen"
    assert repaired_line("få byggnadsverksambeten i gång.") == "få byggnadsverksamheten i gång."
    assert repaired_line("har bragts inför riksdagen till föriyad") == "har bragts inför riksdagen till förnyad"


def test_known_words_names_and_old_spellings_stay() -> None:
    lines = ["så renar jag, att däri icke finns någon logik.",
             "Häri instämde herr Hace.",
             "Som herrarne av betänkandet finna, äro de icke eniga.",
             "befunnos rösterna hava utfallit sålunda; skatterna uppgingo till 643,000 kronor",
             "de voro ense om att de skola ändringen, att 5 § erhölle ny lydelse"]
    for line in lines:
        assert repaired_line(line) == line


def test_spelling_apart_from_shape_is_the_author_s() -> None:
    # A dropped or an added letter, an "e" for an "a": spelling, not OCR.
    assert mend("medelstillelningen") is None
    assert mend("urhålkar") is None
    assert mend("banvakterna") is None


def test_a_non_word_written_twice_is_kept() -> None:
    text = CONTEXT + "Insatsen dataskyddsbud ska utredas.\nMed dataskyddsbud avses en tjänst."
    assert repair_lines(text) == text


def test_words_run_together_are_split() -> None:
    assert repaired_line("skälinte vill låsa riksbanken") == "skäl inte vill låsa riksbanken"
    assert repaired_line("angesi vårt förslag") == "anges i vårt förslag"
    assert split_joined("individnära") is None
    assert split_joined("kontrollenär") is None


def test_a_word_broken_by_a_hyphen_is_joined_inside_a_line() -> None:
    assert repaired_line("kommit till det resul- tatet, vilket") == "kommit till det resultatet, vilket"
    assert repaired_line("barn- och ungdomsnämnden och kultur- fritidsnämnden") == \
        "barn- och ungdomsnämnden och kultur- fritidsnämnden"


def test_codes_and_front_matter_stay() -> None:
    text = ("---\nkommun: kungsbacka\narenden: null\nhamtad: 2025-01-01\n---\n" + CONTEXT
            + "Se https://kungsbacka.se/download/N%C3%A4mnden%20f%C3%B6r.pdf och tal_obekraftade samt SundmanBirgitta.")
    assert repair_lines(text) == text


def test_a_word_broken_at_a_line_end_is_joined_and_keeps_its_place() -> None:
    raw = CONTEXT + "skall man nu i fall då presumtio-\nnen utpekar flera möjliga fäder söka"
    text = normalize_pages([Page(1, raw, Method.PLAIN)])
    at = text.text.index("presumtionen")
    assert text.text[at:].startswith("presumtionen utpekar")
    assert text.raw_offset(at) == (1, raw.index("presumtio-"))
    assert text.raw_offset(at + len("presumtionen ")) == (1, raw.index("utpekar"))


def test_a_non_word_first_in_a_sentence_is_mended_in_its_case() -> None:
    assert repaired_line("Talmavnen lämnade ordet.") == "Talmannen lämnade ordet."


def test_the_t_of_t_o_m_run_into_the_words_before() -> None:
    assert repaired_line("Dethart. o. m. varit ett visst räntekrig") == "Det har t. o. m. varit ett visst räntekrig"
    assert repaired_line("gäller t.o.m. 2021-12-31") == "gäller t.o.m. 2021-12-31"
