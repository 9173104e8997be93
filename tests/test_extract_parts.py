"""Parts of a file and the förbund that wrote it."""

from __future__ import annotations

from samarkiv.extract import extract_record

from .extract_examples import AGENDA, MINUTES, REPORT, as_text


def test_minutes_are_one_protokoll_dated_by_the_meeting() -> None:
    record = extract_record(as_text(MINUTES))
    assert [(p.type, p.title, p.date) for p in record.parts] == [("protokoll", "PROTOKOLL", "2022-03-15")]


def test_agenda_then_minutes_then_report_are_three_parts() -> None:
    record = extract_record(as_text(AGENDA + "\n" + MINUTES + "\n\f" + REPORT))
    assert [p.type for p in record.parts] == ["kallelse", "protokoll", "delarsrapport"]
    assert record.parts[2].date == "2021-09-10"


def test_report_heading_in_running_text_is_not_a_part() -> None:
    text = MINUTES.replace("Projektet ansöker om medel för 2022.",
                           "Projektet ansöker om medel för 2022.\n\nBudget 2022\n\nBudgeten är oförändrad.")
    assert [p.type for p in extract_record(as_text(text)).parts] == ["protokoll"]


def test_bilaga_opens_a_part() -> None:
    text = MINUTES + "\nBilaga\n\nVerksamhetsplan 2022 för Samordningsförbundet Västmanland\n\nFörbundet ska …\n"
    parts = extract_record(as_text(text)).parts
    assert [p.type for p in parts] == ["protokoll", "verksamhetsplan"]


def test_report_without_title_says_what_it_is() -> None:
    text = "Förvaltningsberättelse\n\nStyrelsen för Samordningsförbundet Halland avger följande delårsrapport.\n"
    assert [p.type for p in extract_record(as_text(text)).parts] == ["delarsrapport"]


def test_forbund_from_gazetteer() -> None:
    assert extract_record(as_text(MINUTES)).forbund == "Samordningsförbundet Västmanland"


def test_forbund_in_genitive_form_is_reported_by_its_canonical_name() -> None:
    text = "Verksamhetsplan 2022\n\nSydöstra Skånes samordningsförbund bildades 2009. " \
           "Sydöstra Skånes samordningsförbund ska stödja samverkan.\n"
    assert extract_record(as_text(text)).forbund == "Samordningsförbundet Sydöstra Skåne"


def test_forbund_keeps_the_form_a_document_names_itself_by_throughout() -> None:
    text = "Verksamhetsplan 2022\n\n" + "Sydöstra Skånes samordningsförbund ska stödja samverkan. " * 5 + "\n"
    assert extract_record(as_text(text)).forbund == "Sydöstra Skånes samordningsförbund"


def test_forbund_missing_from_gazetteer_is_taken_as_written() -> None:
    text = "Protokoll\n\nSamordningsförbundet Nordanvind\n\n2022-01-10\n\n§ 1 Mötets öppnande\n"
    assert extract_record(as_text(text)).forbund == "Samordningsförbundet Nordanvind"
