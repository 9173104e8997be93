"""The meeting of a protokoll or kallelse: date, times, place and § range."""

from __future__ import annotations

from samarkiv.extract import extract_record

from .extract_examples import AGENDA, MINUTES, as_text


def test_minutes_heading() -> None:
    (meeting,) = extract_record(as_text(MINUTES)).meetings
    assert (meeting.date, meeting.start, meeting.end) == ("2022-03-15", "09:00", "11:30")
    assert meeting.place == "Stadshuset, Västerås"
    assert meeting.paragraphs == ("12", "16")


def test_agenda_calls_a_meeting_without_paragraphs() -> None:
    (meeting,) = extract_record(as_text(AGENDA)).meetings
    assert (meeting.date, meeting.start, meeting.end) == ("2022-05-20", "13:00", "15:00")
    assert meeting.place == "Kommunhuset i Sala, rum Silvret"
    assert meeting.paragraphs is None


def test_place_and_time_with_weekday_and_tabs() -> None:
    text = ("Sammanträdesprotokoll\n\nPlats och tid\tKommunhuset, Hedemora onsdagen den 3 mars 2021\t\n"
            "klockan 13:15-16:00\n\n§ 1 Mötets öppnande\n")
    (meeting,) = extract_record(as_text(text)).meetings
    assert (meeting.date, meeting.start, meeting.end, meeting.place) == (
        "2021-03-03", "13:15", "16:00", "Kommunhuset, Hedemora")


def test_meeting_cites_its_page() -> None:
    (meeting,) = extract_record(as_text(MINUTES)).meetings
    assert meeting.page == 1 and meeting.span is not None
    assert MINUTES[meeting.span[0]:meeting.span[1]] == "2022-03-15"
