"""Canonical money amounts: whole SEK from the ways Swedish documents write sums."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samarkiv.normalize.amounts import find_money, parse_amount, split_groups


def value(text: str, unit: str | None = None) -> int | None:
    money = parse_amount(text, unit)
    return money.value if money else None


def test_kronor_with_spaces_of_every_width() -> None:
    assert value("1 542 000 kr") == 1_542_000
    assert value("1\u00a0542\u00a0000 kr") == 1_542_000
    assert value("1\u202f542\u2009000 kr") == 1_542_000


def test_thousands_and_millions() -> None:
    assert value("3 084 tkr") == 3_084_000
    assert value("3 323 kkr") == 3_323_000
    assert value("1,5 mkr") == 1_500_000
    assert value("500 mnkr") == 500_000_000


def test_bare_cells_take_the_table_unit() -> None:
    assert value("-1 382", "tkr") == -1_382_000
    assert value("2 050 666") == 2_050_666
    assert value("1025333") == 1_025_333


def test_colon_dash_is_kronor() -> None:
    assert value("12 000:-") == 12_000


def test_range_keeps_both_ends() -> None:
    money = parse_amount("cirka 300 - 350 tkr")
    assert money is not None
    assert (money.value, money.value_max) == (300_000, 350_000)
    money = parse_amount("mellan 400 000-500 000 kr")
    assert money is not None
    assert (money.value, money.value_max) == (400_000, 500_000)


def test_per_month_and_year() -> None:
    money = parse_amount("21 333 kr/månad")
    assert money is not None and (money.value, money.per) == (21_333, "month")
    money = parse_amount("3 084 000 kr/år")
    assert money is not None and money.per == "year"


def test_sign_is_kept_as_printed() -> None:
    assert value("-560 000 kr *") == -560_000


def test_a_year_before_a_dash_is_not_a_range() -> None:
    found = find_money("fördelat på år 2021 – 255 996 kr och år 2022 – 63 999 kr")
    assert [(m.value, m.value_max) for m in found] == [(255_996, None), (63_999, None)]


def test_percentages_and_counts_are_not_money() -> None:
    assert find_money("Minst 80 % av medelstillsättning, 12 månader, 2003:1210") == []


def test_glued_cells_are_split_into_columns() -> None:
    assert split_groups("256 333 255 000") == ["256 333", "255 000"]
    assert split_groups("256 333 255000") == ["256 333", "255000"]
    assert split_groups("640 833 637 500", 2) == ["640 833", "637 500"]
    assert split_groups("1025333 1 020 000", 2) == ["1025333", "1 020 000"]
    assert split_groups("3 084 000") == ["3 084 000"]


def spaced(n: int, sep: str = " ") -> str:
    return f"{n:,}".replace(",", sep)


amounts = st.integers(min_value=0, max_value=99_999_999)
spaces = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"])


@given(amounts, spaces)
def test_kronor_round_trip(n: int, sep: str) -> None:
    assert value(f"{spaced(n, sep)} kr") == n


@given(amounts, st.booleans())
def test_tkr_round_trip(n: int, negative: bool) -> None:
    sign = "-" if negative else ""
    assert value(f"{sign}{spaced(n)} tkr") == (-1 if negative else 1) * n * 1000


@given(st.integers(1, 999), st.integers(1, 999))
def test_range_round_trip(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    money = parse_amount(f"ca {lo} - {hi} tkr")
    assert money is not None and (money.value, money.value_max) == (lo * 1000, hi * 1000)


@given(st.integers(100_000, 9_999_999), st.integers(100_000, 9_999_999))
def test_two_glued_cells_of_similar_size_split_back(a: int, b: int) -> None:
    if max(a, b) > 3 * min(a, b):
        return
    assert split_groups(f"{spaced(a)} {spaced(b)}", 2) == [spaced(a), spaced(b)]


def test_bare_millions_received_or_spent_are_money_and_millions_of_visitors_are_not() -> None:
    text = ("Sedan starten har förbundet fått 42 miljoner till verksamheten. Av dem har 30 miljoner använts. "
            "Webbplatsen har haft 2 miljoner besökare. Kommunen har 3 miljoner träd.")
    assert [(m.value, m.text) for m in find_money(text)] == [(42_000_000, "42 miljoner"), (30_000_000, "30 miljoner")]


def test_thousands_parted_by_dots_and_one_million() -> None:
    text = ("Kostnaden blev 12.500 kr, ramen 1.200.000:- och bidraget uppgick till 1 miljon kronor; "
            "2.5 mkr är ingen summa.")
    assert [(m.value, m.text) for m in find_money(text)] == [(12_500, "12.500 kr"), (1_200_000, "1.200.000:-"),
                                                             (1_000_000, "1 miljon kronor")]
