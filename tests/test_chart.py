"""The amounts chart: Swedish SEK figures and bars drawn to one scale, negative sums left of zero."""

from __future__ import annotations

import re

from samarkiv.chart import amounts_chart_svg, format_sek


def test_sek_figures_are_written_the_swedish_way() -> None:
    assert format_sek(1542000) == "1 542 000 kr"
    assert format_sek(63999) == "63 999 kr"
    assert format_sek(-1382000) == "−1 382 000 kr"
    assert format_sek(0) == "0 kr"


def test_bars_share_one_scale_and_a_deficit_is_left_of_zero() -> None:
    svg = amounts_chart_svg([
        {"forbund": "Söderåsens samordningsförbund", "year": 2021, "measure": "budget", "flow": "cost",
         "sek": 3000000},
        {"forbund": "Söderåsens samordningsförbund", "year": 2022, "measure": "granted", "sek": -1000000},
        {"forbund": "Samordningsförbundet Umeåregionen", "year": 2019, "measure": "actual", "sek": 1500000},
    ])
    bars = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"', svg)]
    zero = float(re.search(r'<line x1="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    (x_2021, w_2021), (x_2022, w_2022), (x_umea, w_umea) = bars
    assert x_2021 == zero and x_umea == zero
    assert abs(x_2022 + w_2022 - zero) < 0.2
    assert abs(w_2021 / w_umea - 2) < 0.01 and abs(w_2021 / w_2022 - 3) < 0.01
    assert "3 000 000 kr" in svg and "−1 000 000 kr" in svg
    assert ">2021 budget cost<" in svg and ">2022 granted<" in svg and "Samordningsförbundet Umeåregionen" in svg


def test_an_archive_without_dated_amounts_says_so() -> None:
    assert "No amounts to sum" in amounts_chart_svg([])


def test_names_are_escaped() -> None:
    svg = amounts_chart_svg([{"forbund": "A & B <förbund>", "year": None, "sek": 5}])
    assert "A &amp; B &lt;förbund&gt;" in svg and "<förbund>" not in svg and ">no year <" in svg
