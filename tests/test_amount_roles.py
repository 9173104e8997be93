"""What each amount is for totals: a column's measure, a row's role and flow, a grant's figures."""

from __future__ import annotations

from samarkiv.extract import extract_record

from .extract_examples import as_text


def _cells(text: str) -> list[tuple[str | None, int, str | None, str, str | None]]:
    return [(a.label, a.value, a.measure, a.role, a.flow) for a in extract_record(as_text(text)).amounts]


def test_each_column_takes_the_measure_its_header_names() -> None:
    text = ("Ekonomisk uppföljning\n\n"
            "Tkr\tBudget 2023\tUtfall jan-aug\tPrognos 2023\tAvvikelse\n"
            "Intäkter\t\t\t\t\n"
            "Medlemsavgifter\t4 000\t2 667\t4 000\t0\n")
    cells = _cells(text)
    assert [(v, m) for _, v, m, _, _ in cells] == [(4_000_000, "budget"), (2_667_000, "actual"),
                                                   (4_000_000, "forecast"), (0, "deviation")]
    assert {flow for *_, flow in cells} == {"income"}


def test_a_header_read_without_its_empty_label_cell_still_names_the_first_column() -> None:
    text = ("Resultatrapport\n\n"
            "Budget 2019\tUtfall t.o.m. T2\tPrognos 2019\n"
            "Kostnader\n"
            "- Kansli och styrelse\t2 210\t1 477\t2 250\n")
    assert [(v, m) for _, v, m, _, _ in _cells(text)] == [(2_210_000, "budget"), (1_477_000, "actual"),
                                                          (2_250_000, "forecast")]


def test_summa_and_totalt_rows_are_totals_and_results_are_derived() -> None:
    text = ("Budget 2022\n\n"
            "Kostnader\tTkr\n"
            "Personal\t1 200\n"
            "Lokaler\t300\n"
            "Kostnader totalt\t1 500\n"
            "Resultat\t-200\n"
            "Eget kapital 2022-12-31\t900\n")
    assert [(label, role, flow) for label, _, _, role, flow in _cells(text)] == [
        ("Personal", "line", "cost"), ("Lokaler", "line", "cost"), ("Kostnader totalt", "total", "cost"),
        ("Resultat", "derived", None), ("Eget kapital 2022-12-31", "derived", None)]


def test_the_closing_summa_names_the_flow_of_its_group() -> None:
    text = ("Budget 2021\n\n"
            "\tBudget 2021\n"
            "Staten\t2 831\n"
            "Region\t1 415\n"
            "Summa intäkter\t4 246\n"
            "Utvärderingar\t150\n"
            "Summa insatskostnader\t150\n")
    assert [(label, flow) for label, _, _, _, flow in _cells(text)] == [
        ("Staten", "income"), ("Region", "income"), ("Summa intäkter", "income"),
        ("Utvärderingar", "cost"), ("Summa insatskostnader", "cost")]


def test_a_grant_split_over_years_counts_its_parts_not_its_total() -> None:
    text = ("Protokoll\nStyrelsemöte 2020-11-24\n\n"
            "§ 9 Ansökan om förlängning\n\n"
            "Styrelsen beslutar att bevilja ansökan med en budget på 300 000 kr, fördelat på år 2021 – "
            "200 000 kr och år 2022 – 100 005 kr.\n\n"
            "§ 10 Information\n\nKostnaden är 300 000 kr för hela perioden.\n")
    amounts = extract_record(as_text(text)).amounts
    assert [(a.value, a.granted, a.role, a.year) for a in amounts] == [
        (300_000, True, "total", None), (200_000, True, "line", 2021), (100_005, True, "line", 2022),
        (300_000, False, "line", None)]


def test_a_rate_is_not_a_line_of_a_total() -> None:
    text = "§ 3 Arvode\n\nArvodet är 1 200 kr/månad från och med 2021.\n"
    (amount,) = extract_record(as_text(text)).amounts
    assert (amount.value, amount.per, amount.role) == (1_200, "month", "rate")
