"""Canonical dates, periods and times from the ways Swedish minutes and reports write them."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from samarkiv.normalize.dates import (
    MONTHS,
    find_dates,
    parse_date,
    parse_period,
    parse_time_range,
)

MONTH_NAMES = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
               "november", "december"]


def test_every_month_name_is_known() -> None:
    assert [MONTHS[m] for m in MONTH_NAMES] == list(range(1, 13))


def test_iso_date() -> None:
    assert parse_date("Sammanträdesdatum 2020-11-24") == "2020-11-24"


def test_long_date_with_weekday() -> None:
    assert parse_date("Best Western Nya Star Hotel, Avesta fredagen den 11 september 2020") == "2020-09-11"


def test_long_date_without_weekday() -> None:
    assert parse_date("den 1 november 2021") == "2021-11-01"


def test_compact_period() -> None:
    assert parse_period("under perioden 190101-190831 varav 13 deltagare") == ("2019-01-01", "2019-08-31")


def test_iso_period() -> None:
    assert parse_period("för tiden 2021-01-01 – 2022-03-31") == ("2021-01-01", "2022-03-31")


def test_day_month_takes_year_from_context() -> None:
    assert parse_date("Den 11/9 träffas samordningsteamet", year=2019) == "2019-09-11"
    assert parse_date("fr.o.m. 2/9 slås samman", year=2019) == "2019-09-02"


def test_day_month_without_context_is_unknown() -> None:
    assert parse_date("Kommande träffar är 2/9 samt 3/10.") is None


def test_impossible_date_is_not_a_date() -> None:
    assert parse_date("2019-02-30") is None


def test_time_ranges() -> None:
    assert parse_time_range("Skolgatan 5, Åstorp, kl 13.00–14.30") == ("13:00", "14:30")
    assert parse_time_range("klockan 08:30-12:25") == ("08:30", "12:25")
    assert parse_time_range("2019-09-20 klockan ca 14.00 – 15.00") == ("14:00", "15:00")


def test_single_time() -> None:
    assert parse_time_range("Justering 2020-11-27 kl 13.00") == ("13:00", None)


def test_dates_found_in_order() -> None:
    found = find_dates("Datum då anslaget sätts upp 2020-11-30, tas ner den 21 december 2020")
    assert [f.iso for f in found] == ["2020-11-30", "2020-12-21"]


days = st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31))


@given(days)
def test_iso_round_trip(d: date) -> None:
    assert parse_date(f"Protokoll {d.isoformat()}") == d.isoformat()


@given(days)
def test_long_form_round_trip(d: date) -> None:
    text = f"onsdagen den {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    assert parse_date(text) == d.isoformat()


@given(days, st.integers(min_value=0, max_value=400))
def test_compact_period_round_trip(d: date, length: int) -> None:
    end = d + timedelta(days=length)
    if d.year < 2000 or end.year > 2099:
        return
    text = f"perioden {d:%y%m%d}-{end:%y%m%d}"
    assert parse_period(text) == (d.isoformat(), end.isoformat())


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59), st.sampled_from([".", ":"]),
       st.sampled_from(["-", "–", " – "]))
def test_time_range_round_trip(h1: int, m1: int, h2: int, m2: int, sep: str, dash: str) -> None:
    text = f"klockan {h1:02d}{sep}{m1:02d}{dash}{h2:02d}{sep}{m2:02d}"
    assert parse_time_range(text) == (f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}")


def test_day_and_month_with_a_spaced_year_and_dotted_dates() -> None:
    assert parse_date("styrelsemötet den 12/5 2022") == "2022-05-12"
    assert parse_date("Datum: 12.5.2022") == "2022-05-12"
    assert parse_date("kostnaden 1.200.000 kr") is None
