"""Participant figures per insats and period, de-duplicated and checked against their totals."""

from __future__ import annotations

from samarkiv.extract import extract_record
from samarkiv.extract.layout import lines_of
from samarkiv.extract.outcomes import outcomes_in

from .extract_examples import REPORT, as_text


def figures(text: str, year: int | None = None) -> list[tuple[str | None, str, int | None, float | None]]:
    return [(o.insats, o.category, o.count, o.share) for o in outcomes_in(lines_of(text), year)]


def test_report_figures_with_insats_and_period() -> None:
    outcomes = extract_record(as_text(REPORT)).outcomes
    assert [(o.insats, o.category, o.count) for o in outcomes] == [
        ("Steget", "deltagare", 34), ("Steget", "avslutade", 12), ("Steget", "arbete", 5), ("Steget", "studier", 3)]
    assert all(o.period == ("2021-01-01", "2021-06-30") for o in outcomes)


def test_end_reasons_that_do_not_add_up_are_warned() -> None:
    (ended,) = [o for o in extract_record(as_text(REPORT)).outcomes if o.category == "avslutade"]
    assert ended.warnings


def test_shares_and_gender() -> None:
    text = ("Resultaten från de individinriktade insatserna är goda. Totalt har 120 individer deltagit "
            "och av 40 avslutade har 45 % gått i mål. Bland nyinskrivna är 55 % kvinnor och 45 % män.\n")
    assert figures(text) == [
        ("individinriktade insatser", "deltagare", 120, None), ("individinriktade insatser", "avslutade", 40, None),
        ("individinriktade insatser", "i_mal", None, 0.45),
        ("individinriktade insatser", "kvinnor", None, 0.55), ("individinriktade insatser", "man", None, 0.45)]


def test_heading_names_the_insats_and_month_period_takes_the_year() -> None:
    text = ("Jobbspåret\n\nVerksamheten i Jobbspåret har fortsatt. I slutet av juni hade vi totalt 18 deltagare "
            "inskrivna (10 kvinnor och 8 män) samt en man som gått vidare till studier.\n")
    found = outcomes_in(lines_of(text), 2022)
    assert [(o.insats, o.category, o.count) for o in found] == [
        ("Jobbspåret", "deltagare", 18), ("Jobbspåret", "kvinnor", 10), ("Jobbspåret", "man", 8),
        ("Jobbspåret", "studier", 1)]
    assert found[0].period == (None, "2022-06-30")


def test_staff_and_figures_stated_twice() -> None:
    text = ("Inom insatsen Lotsen har man arbetat med 15 deltagare under perioden 210101-210630.\n\n"
            "Lotsen\n\nLotsen arbetade med 15 deltagare. 2 personer arbetar i insatsen.\n")
    assert figures(text) == [("Lotsen", "deltagare", 15, None)]


def test_percent_signs_that_ocr_read_as_digits() -> None:
    text = ("Resultaten från de individinriktade insatserna är goda. Av 40 avslutade har 45 20 gått i mål. "
            "Bland nyinskrivna är 55 246 kvinnor och 45 94 män.\n")
    assert figures(text) == [
        ("individinriktade insatser", "avslutade", 40, None), ("individinriktade insatser", "i_mal", None, 0.45),
        ("individinriktade insatser", "kvinnor", None, 0.55), ("individinriktade insatser", "man", None, 0.45)]


def test_counts_of_women_and_men_in_thousands_stay_counts() -> None:
    text = "Under året har 1 246 kvinnor och 1 094 män deltagit i insatsen Steget.\n"
    assert [(c, n) for _, c, n, _ in figures(text)] == [("kvinnor", 1246), ("man", 1094)]


def test_man_for_men_when_ocr_drops_the_swedish_letters() -> None:
    text = "Inom insatsen Steget har 40 deltagare skrivits in, 60 % kvinnor och 40 % man.\n"
    assert [(c, s) for _, c, _, s in figures(text) if s] == [("kvinnor", 0.6), ("man", 0.4)]
