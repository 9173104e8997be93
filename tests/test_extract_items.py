"""Items: § paragraphs (also with OCR's "8" and "S" for "§"), agenda points, tables of contents."""

from __future__ import annotations

from samarkiv.extract import extract_record

from .extract_examples import AGENDA, MINUTES, as_text


def test_paragraphs_with_ocr_variants_of_the_section_sign() -> None:
    items = extract_record(as_text(MINUTES)).items
    assert [(i.number, i.title) for i in items] == [
        ("12", "Budget 2022"), ("13", "Val av revisor"), ("14", "Ansökan om medel från projektet Steget"),
        ("15", "Rapporter"), ("16", "Övrigt")]


def test_agenda_points_are_items() -> None:
    items = extract_record(as_text(AGENDA)).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Budget 2023 – beslut"),
        ("4", "Mötets avslutande")]


def test_title_on_the_line_after_the_number_and_trailing_period() -> None:
    text = "Protokoll\n\n2021-02-02\n\n§ 7\n\nVal av justerare.\n\n§ 8 **Godkännande av dagordning.**\n"
    items = extract_record(as_text(text)).items
    assert [(i.number, i.title) for i in items] == [("7", "Val av justerare"), ("8", "Godkännande av dagordning")]


def test_table_of_contents_is_not_a_second_copy() -> None:
    text = ("Protokoll\n\n2021-02-02\n\nÄRENDELISTA\n\n§ 7\tVal av justerare\t3\n§ 8\tBudget 2022\t4\n\n"
            "§ 7 Val av justerare\n\nBeslut\n\n- Styrelsen väljer Eva Ek till justerare\n\n"
            "§ 8 Budget 2022\n\nBeslut\n\n- Styrelsen godkänner budgeten\n")
    record = extract_record(as_text(text))
    assert [(i.number, i.title) for i in record.items] == [("7", "Val av justerare"), ("8", "Budget 2022")]
    assert [(d.paragraph, d.kind) for d in record.decisions] == [("7", "elect"), ("8", "approve")]
    assert record.amounts == ()


def test_numbered_chapters_of_a_report_are_not_items() -> None:
    text = "Verksamhetsplan 2022\n\n1. Inledning\n\nFörbundet bildades 2009.\n\n2. Uppdrag\n"
    assert extract_record(as_text(text)).items == ()


def test_paragraph_ranges_are_not_items() -> None:
    text = "Protokoll\n\n2021-02-02\n\nParagrafer\n\n§ 34-47\n\n§ 34 Öppnande\n"
    assert [i.number for i in extract_record(as_text(text)).items] == ["34"]


def test_markup_read_as_stray_characters_before_an_agenda_point() -> None:
    text = ("Kallelse\n\nStyrelsemöte 2021-02-02\n\n1. Mötets öppnande\n2. Val av justerare\n"
            "»x3. Budget 2023 - beslut\"\n4, Övriga frågor\n5. Mötets avslutande\n")
    items = extract_record(as_text(text)).items
    assert [i.number for i in items] == ["1", "2", "3", "4", "5"]
    assert items[2].title is not None and items[2].title.startswith("Budget 2023")


def test_paragraph_sign_misread_and_bold_markup_read_as_a_letter() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§ 7 Val av justerare\n\nEva Ek väljs.\n\n"
            "& 8 \"tÄskande från insatserna\n\nBeslut\n\n- Styrelsen bordlägger ärendet\n\n"
            "§ 9 FGodkännande av dagordning.”\n")
    items = extract_record(as_text(text)).items
    assert [(i.number, i.title) for i in items] == [
        ("7", "Val av justerare"), ("8", "Äskande från insatserna"), ("9", "Godkännande av dagordning.”")]


def test_paragraph_number_glued_to_its_sign_or_to_the_previous_sentence() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§ 7 Val av justerare\n\nStyrelsen väljer Eva Ek.88\n\n"
            "Budget för 2022.\n\nBeslut\n\nStyrelsen antar budgeten.\n\n§ 9 Övrigt\n\nInget.\n\n810\n\n"
            "Avslutning.\n")
    items = extract_record(as_text(text)).items
    assert [(i.number, i.title) for i in items] == [
        ("7", "Val av justerare"), ("8", "Budget för 2022"), ("9", "Övrigt"), ("10", "Avslutning")]


def test_tabs_inside_a_body_heading_do_not_make_it_a_table_of_contents_row() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§\t71\tAngående\tutvärdering\tav\nsamordningsförbunden\n\n"
            "Beslut\n\nStyrelsen beslutar att avstå från studien.\n")
    record = extract_record(as_text(text))
    assert [i.number for i in record.items] == ["71"]
    assert [d.paragraph for d in record.decisions] == ["71"]
