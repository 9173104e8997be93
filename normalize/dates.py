"""Canonical dates, times and periods from Swedish text: "2020-11-24", "fredagen den 11 september
2020", "190101-190831", "11/9", "kl 13.00–14.30". Every parser returns ISO strings ("YYYY-MM-DD",
"HH:MM") or None, so extract never has to know how a date was written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen")

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DASH = r"[-–—]"

ISO_DATE = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d])")
LONG_DATE = re.compile(
    rf"(?:(?:{'|'.join(WEEKDAYS)})\s+)?(?:den\s+)?(\d{{1,2}})(?::e|:a)?\s+({_MONTH_ALT})\.?(?:\s+((?:19|20)\d{{2}}))?\b",
    re.IGNORECASE)
COMPACT_PERIOD = re.compile(rf"(?<!\d)(\d{{6}}|\d{{8}})\s*{_DASH}\s*(\d{{6}}|\d{{8}})(?!\d)")
SHORT_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:[-/]((?:19|20)?\d{2})|\s+((?:19|20)\d{2}))?(?![\d/])")
# "12.5.2022": day, month and year parted by dots
DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d.])")
TIME_RANGE = re.compile(
    rf"\b(?:kl\.?|klockan)\s*(?:ca\.?\s*|cirka\s*)?(\d{{1,2}})[.:]?(\d{{2}})\s*(?:{_DASH}|till)\s*(\d{{1,2}})[.:]?(\d{{2}})",
    re.IGNORECASE)
SINGLE_TIME = re.compile(r"\b(?:kl\.?|klockan)\s*(?:ca\.?\s*)?(\d{1,2})[.:](\d{2})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """A date found in text: its ISO value and where it was written."""

    iso: str
    start: int
    end: int


def iso(year: int, month: int, day: int) -> str | None:
    """ISO date, or None when the day does not exist."""
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_end(year: int, month: int) -> str:
    """The last day of a month ("I slutet av augusti" 2019 → 2019-08-31)."""
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def compact(token: str) -> str | None:
    """A compact date: "190101" (YYMMDD) or "20211231" (YYYYMMDD)."""
    if len(token) == 8:
        return iso(int(token[:4]), int(token[4:6]), int(token[6:]))
    if len(token) == 6:
        return iso(2000 + int(token[:2]), int(token[2:4]), int(token[4:]))
    return None


def parse_date(text: str, year: int | None = None) -> str | None:
    """The first date written in `text`; `year` completes dates written without one ("11/9")."""
    found = find_dates(text, year)
    return found[0].iso if found else None


def find_dates(text: str, year: int | None = None) -> list[Found]:
    """Every date in `text`, in order: ISO, long Swedish form, compact periods and day/month."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(value: str | None, a: int, b: int) -> None:
        if value and free(a, b):
            out.append(Found(value, a, b))
            taken.append((a, b))

    for m in ISO_DATE.finditer(text):
        add(iso(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    for m in LONG_DATE.finditer(text):
        y = int(m[3]) if m[3] else year
        if y is not None:
            add(iso(y, MONTHS[m[2].lower()], int(m[1])), m.start(), m.end())
    for m in COMPACT_PERIOD.finditer(text):
        add(compact(m[1]), m.start(1), m.end(1))
        add(compact(m[2]), m.start(2), m.end(2))
    for m in DOTTED_DATE.finditer(text):
        add(iso(int(m[3]), int(m[2]), int(m[1])), m.start(), m.end())
    for m in SHORT_DATE.finditer(text):
        y = int(m[3] or m[4]) if m[3] or m[4] else year
        if y is not None and y < 100:
            y += 2000
        if y is not None:
            add(iso(y, int(m[2]), int(m[1])), m.start(), m.end())
    return sorted(out, key=lambda f: f.start)


def parse_period(text: str) -> tuple[str, str] | None:
    """A compact period "190101-190831" or an ISO one "2019-01-01 – 2019-08-31"."""
    m = COMPACT_PERIOD.search(text)
    if m:
        a, b = compact(m[1]), compact(m[2])
        if a and b:
            return a, b
    isos = [f for f in find_dates(text) if ISO_DATE.fullmatch(text[f.start:f.end])]
    if len(isos) >= 2:
        return isos[0].iso, isos[1].iso
    return None


def parse_time_range(text: str) -> tuple[str, str | None] | None:
    """Start and end time: "kl 13.00–14.30", "klockan 08:30-12:25", "klockan ca 14.00 – 15.00"."""
    m = TIME_RANGE.search(text)
    if m and int(m[1]) < 24 and int(m[3]) < 24:
        return f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"
    m = SINGLE_TIME.search(text)
    if m and int(m[1]) < 24:
        return f"{int(m[1]):02d}:{m[2]}", None
    return None


def years_in(text: str) -> list[int]:
    """Four-digit years 1990–2099 written in `text`."""
    return [int(y) for y in re.findall(r"(?<![\d\-/])((?:19[89]|20\d)\d)(?![\d])", text)]
