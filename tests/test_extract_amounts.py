"""Money in running text and tables: units, labels, years, paragraphs and Summa checks."""

from __future__ import annotations

from samarkiv.extract import extract_record

from .extract_examples import AGENDA, MINUTES, REPORT, as_text


def test_text_amounts_in_minutes_carry_their_paragraph() -> None:
    amounts = extract_record(as_text(MINUTES)).amounts
    assert [(a.value, a.paragraph, a.year) for a in amounts] == [(2_500_000, "12", 2022), (450_000, "14", 2022)]


def test_agenda_amounts_carry_the_agenda_point() -> None:
    (amount,) = extract_record(as_text(AGENDA)).amounts
    assert (amount.value, amount.paragraph) == (3_200_000, "3")


def test_table_in_tkr_from_its_heading() -> None:
    amounts = [a for a in extract_record(as_text(REPORT)).amounts if a.label]
    cells = [(a.label, a.value, a.year, a.unit_inferred) for a in amounts if a.label == "Medlemsavgifter"]
    assert cells == [("Medlemsavgifter", 2_050_000, 2021, False), ("Medlemsavgifter", 4_100_000, 2021, False)]
    assert all(a.paragraph is None for a in amounts)


def test_summa_that_does_not_add_up_is_warned() -> None:
    amounts = extract_record(as_text(REPORT)).amounts
    warned = [(a.label, a.value) for a in amounts if a.warnings]
    assert warned == [("Summa kostnader", -4_100_000)]


def test_table_without_unit_is_inferred_as_tkr_from_its_size() -> None:
    text = "Ekonomi\n\nKostnader\tBudget 2022\nPersonal\t1 200\nLokaler\t300\nSumma\t1 500\n"
    amounts = extract_record(as_text(text)).amounts
    assert [(a.value, a.unit_inferred, a.year) for a in amounts] == [
        (1_200_000, True, 2022), (300_000, True, 2022), (1_500_000, True, 2022)]


def test_cells_with_kr_and_zero() -> None:
    text = "Budget 2022\n\n\tBudget 2022\nFörbundschef\t-560 000 kr\nReserv\t0 kr\n"
    amounts = extract_record(as_text(text)).amounts
    assert [(a.label, a.value) for a in amounts] == [("Förbundschef", -560_000), ("Reserv", 0)]


def test_percentages_in_labels_and_cells_are_not_money() -> None:
    text = "Intäkter\tTkr\n- Sala kommun, 12,5% av bef.\t340\nMål\tMinst 80 % till insatser\n"
    amounts = extract_record(as_text(text)).amounts
    assert [(a.label, a.value) for a in amounts] == [("Sala kommun, 12,5% av bef.", 340_000)]


def test_statement_columns_dumped_by_ocr() -> None:
    text = ("Noterna nedan redovisas i kr.\n\nNot 2 Medlemsavgifter 2021-01-01 2020-01-01\n\n"
            "2021-06-30 2020-06-30\nSala kommun 256 333 255 000\nSumma 2 050 666 2 040 000\n")
    amounts = extract_record(as_text(text)).amounts
    assert [a.value for a in amounts] == [256_333, 255_000, 2_050_666, 2_040_000]


def test_every_amount_cites_page_and_span() -> None:
    for a in extract_record(as_text(REPORT)).amounts:
        assert a.page == 1 and a.span is not None and REPORT[a.span[0]:a.span[1]].strip()


def test_ocr_zero_read_as_the_letter_and_a_footnote_star_read_as_plus() -> None:
    text = "Budget 2022\n\n\tBudget 2022\tPlan 2023\nFörbundschef\t-560 000 kr\tO kr\nReserv\t-65 000 kr +\tOkr\n"
    amounts = extract_record(as_text(text)).amounts
    assert [(a.label, a.value, a.year) for a in amounts] == [
        ("Förbundschef", -560_000, 2022), ("Förbundschef", 0, 2023), ("Reserv", -65_000, 2022), ("Reserv", 0, 2023)]


def test_rows_whose_tab_ocr_read_as_a_space() -> None:
    text = ("Ekonomi\n\nKostnader\tTkr\nInsatser\nUtvärderingar 150\nMöjligheternas hus\t500\nStyrelse 150\n"
            "Revision\t55\nEget kapital 191231\n")
    amounts = extract_record(as_text(text)).amounts
    assert [(a.label, a.value) for a in amounts] == [
        ("Utvärderingar", 150_000), ("Möjligheternas hus", 500_000), ("Styrelse", 150_000), ("Revision", 55_000)]


def test_rows_ocr_glued_together_and_markup_read_as_stray_marks() -> None:
    text = ("Balansräkning\n\nTillgångar\tTkr\nKassa och bank\t10 656\n"
            "Summa tillgångar\t10 656Summa omsättningstillgångar \"+10 656++\n"
            "- Reserv\t200\t0)\t0)\n")
    amounts = extract_record(as_text(text)).amounts
    assert [(a.label, a.value) for a in amounts] == [
        ("Kassa och bank", 10_656_000), ("Summa tillgångar", 10_656_000), ("Summa omsättningstillgångar", 10_656_000),
        ("Reserv", 200_000), ("Reserv", 0), ("Reserv", 0)]


def test_table_of_contents_row_whose_section_sign_ocr_misread_is_not_money() -> None:
    text = "Protokoll\n\n2021-02-02\n\n§ 39\tHelårsrapporter\t8\n540\tÄskande för 2021 från insatserna\t9\n"
    assert extract_record(as_text(text)).amounts == ()


def test_a_note_column_heading_with_dates_is_not_a_note() -> None:
    text = ("Resultaträkning\n(tkr)\nMedlemsavgifter\nNot 2021-01-01 Prognos\n2021-08-31 2021\n"
            "2 2051 3076\n")
    amounts = extract_record(as_text(text)).amounts
    assert sorted(a.value for a in amounts) == [2_051_000, 3_076_000]


def test_statement_heading_read_without_swedish_letters() -> None:
    text = "Resultatrakning\n(tkr)\nMedlemsavgifter\nNot 2021-01-01 Prognos\n2021-08-31 2021\n2 2051 3076\n"
    amounts = extract_record(as_text(text)).amounts
    assert sorted(a.value for a in amounts) == [2_051_000, 3_076_000]


def test_a_markdown_table_of_salaries_is_in_kronor() -> None:
    from samarkiv.extract import extract_record
    from samarkiv.ingest import Method, Page
    from samarkiv.normalize import normalize_pages

    text = ("Kallelse\n\n1. Lönestruktur 2024\n\nKommunstyrelsen fastställer lönestrukturen enligt tabellen.\n\n"
            "| Nivå | Golv 2024 | Tak 2024 |\n| --- | --- | --- |\n| A | 23 690 | 28 840 |\n| B | 24 720 | 31 930 |\n")
    amounts = extract_record(normalize_pages([Page(1, text, Method.PLAIN)])).amounts
    assert [a.value for a in amounts] == [23690, 28840, 24720, 31930]


def test_a_markdown_table_of_words_keeps_its_amounts_in_the_text() -> None:
    from samarkiv.extract import extract_record
    from samarkiv.ingest import Method, Page
    from samarkiv.normalize import normalize_pages

    text = ("Kallelse\n\n| | Ärende | Förslag |\n| --- | --- | --- |\n"
            "| 1. | Medel till föreningar | Kommunstyrelsen beviljar 500 000 kronor. |\n")
    amounts = extract_record(normalize_pages([Page(1, text, Method.PLAIN)])).amounts
    assert [(a.value, a.text) for a in amounts] == [(500000, "500 000 kronor")]
