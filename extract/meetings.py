"""The meeting a protokoll records or a kallelse calls: date, start and end time, place and the
range of § paragraphs, read from the heading before the first item.
"""

from __future__ import annotations

import re

from samarkiv.normalize.dates import compact, find_dates, parse_time_range

from .items import Heading
from .layout import Line, squash
from .parts import PartSpan
from .types import Meeting

PLACE_LABEL = re.compile(r"^(plats och tid|plats|lokal|mötesplats|sammanträdesplats)\s*[:\t ]\s*(?P<rest>.*)$", re.I)
DATE_LABEL = re.compile(r"^(sammanträdesdatum|mötesdatum|datum|tid)\b", re.I)
# Where a place stops: the time, the date or a weekday that follows it on the same line.
PLACE_END = re.compile(
    r"[,\s]*(?:\b(?:kl\.?|klockan)\s|\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b|"
    r"\bden \d|\b(?:19|20)\d{2}-\d{2}-\d{2}|\t|$)", re.I)


TITLE_COMPACT_DATE = re.compile(r"^(?:\w+\s+){1,3}(?P<day>\d{6})$")


DATE_FIELD_COMPACT = re.compile(r"^(?:datum|sammanträdesdatum|mötesdatum|sammanträde|tid)\s*:?\s*"
                                r"(?P<day>\d{6}|\d{8})\b", re.I)


def heading_lines(lines: list[Line], part: PartSpan, headings: list[Heading]) -> list[Line]:
    """Lines of a minutes part before its first item."""
    first = [h.start for h in headings if part.start <= h.start < part.end]
    stop = min(first) if first else part.end
    return [ln for ln in lines if part.start <= ln.start < stop]


def meeting_of(head: list[Line], part: PartSpan, headings: list[Heading]) -> Meeting | None:
    """The meeting described by a minutes or agenda heading, or None if it names no date.

    `headings` are the items of this part; their § numbers give the paragraph range."""
    date = None
    span: tuple[int, int] | None = None
    for ln in head:
        found = find_dates(ln.text)
        if found and not re.match(r"^(justering|justeringsdatum|anslag|datum då)", ln.stripped, re.I):
            date = found[0].iso
            span = (ln.start + found[0].start, ln.start + found[0].end)
            break
    if date is None and head:
        # "Protokoll 180414", "Styrelsemöte 210527": the date written compact in the title
        first = next((ln for ln in head if not ln.blank), head[0])
        # or in a date field ("Datum: 220512")
        written = [(first, TITLE_COMPACT_DATE.match(first.stripped)),
                   *((ln, DATE_FIELD_COMPACT.match(ln.stripped)) for ln in head)]
        hit = next(((ln, m) for ln, m in written if m and compact(m["day"])), None)
        if hit:
            day = hit[1]["day"]
            date = compact(day)
            at = hit[0].start + hit[0].text.find(day)
            span = (at, at + len(day))
    if date is None:
        return None
    place = None
    times = None
    for i, ln in enumerate(head):
        m = PLACE_LABEL.match(ln.text.strip())
        if not m or not m["rest"].strip():
            continue
        rest = m["rest"].strip()
        end = PLACE_END.search(rest)
        place = squash(rest[:end.start()] if end else rest).strip(" ,") or None
        following = " ".join(x.text for x in head[i:i + 2])
        times = parse_time_range(following)
        break
    if times is None:
        for ln in head:
            times = parse_time_range(ln.text)
            if times and not re.match(r"^(justering)", ln.stripped, re.I):
                break
            times = None
    numbers = sorted({int(h.number) for h in headings if h.kind == "paragraph" and not h.toc})
    paragraphs = (str(numbers[0]), str(numbers[-1])) if numbers and part.type == "protokoll" else None
    return Meeting(date=date, start=times[0] if times else None, end=times[1] if times else None,
                   place=place, paragraphs=paragraphs, span=span)


# A meeting a report or news item tells of: a meeting word near its date ("styrelsemötet 17
# september", "vid mötet 200924", "styrelsen beslutade den 25 november", "Protokollet från
# styrelsens möte 210527"). A meeting still to come is not one the file records.
MEETING_WORD = re.compile(r"\b(?:styrelse(?:mötet?|sammanträdet?|ns möte|ns sammanträde)|sammanträdet?|mötet?|"
                          r"förbundsstämma\w*|stämma\w*|styrelse(?:n|ns)? (?:beslutade|behandlade|fastställde|antog|"
                          r"godkände|sammanträdde)|styrelseprotokoll|protokollet från)\b", re.I)
COMPACT_DAY = re.compile(r"(?<![\d\-])(\d{6})(?![\d\-])")
UPCOMING = re.compile(r"\b(nästa|kommande|planerade?|inställ\w*|ställer in|ställt in|nästkommande|extra|tills|till|"
                      r"inför)\s+(?:\w+\s+){0,2}$", re.I)
NEAR = 60  # characters between a meeting word and its date


def reported_meetings(lines: list[Line], year: int | None) -> list[Meeting]:
    """Meetings a report or news item records, by date, each once."""
    out: dict[str, Meeting] = {}
    for ln in lines:
        if ln.is_row or ln.blank:
            continue
        text = ln.text
        for m in MEETING_WORD.finditer(text):
            if UPCOMING.search(text[max(0, m.start() - 30):m.start()]):
                continue
            window = text[m.end():m.end() + NEAR]
            window = re.split(r"(?<=[.!?])\s", window, maxsplit=1)[0]
            # the year of the sentence that tells of the meeting (a line may hold a whole page)
            left = max(text.rfind(". ", 0, m.start()) + 1, 0)
            right = text.find(". ", m.end() + len(window))
            sentence = text[left:right if right >= 0 else len(text)]
            sentence_years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", sentence)]
            found = find_dates(window, sentence_years[0] if sentence_years else year)
            compact_hit = COMPACT_DAY.search(window)
            date = None
            at = None
            if found and found[0].start < 25:
                date, at = found[0].iso, found[0].start
            elif compact_hit and compact_hit.start() < 25 and compact(compact_hit[1]):
                date, at = compact(compact_hit[1]), compact_hit.start()
            if date and date not in out:
                a = ln.start + m.end() + (at or 0)
                out[date] = Meeting(date=date, span=(a, a + 10))
    return list(out.values())


def document_year(text: str) -> int | None:
    """The year a document is about, from its first full date, else its first year."""
    m = re.search(r"\b((?:19|20)\d{2})-\d{2}-\d{2}\b", text[:5000])
    if m:
        return int(m[1])
    c = next((compact(t) for t in COMPACT_DAY.findall(text[:5000]) if compact(t)), None)
    if c:
        return int(c[:4])
    y = re.search(r"\b((?:19|20)\d{2})\b", text[:5000])
    return int(y[1]) if y else None
