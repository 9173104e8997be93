"""Server-rendered SVG charts for the browser: amounts per förbund and year as horizontal bars.

The picture is plain SVG text built here, with no script and no web font, so the archive can be
browsed on a machine without internet. Figures are whole SEK, written the Swedish way.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

WIDTH = 820
LABEL_WIDTH = 170
VALUE_WIDTH = 130
BAR_HEIGHT = 18
GAP = 6
HEADING_HEIGHT = 30
POSITIVE = "#2f6f9f"
NEGATIVE = "#b5523b"


def format_sek(value: int) -> str:
    """1542000 → "1 542 000 kr" (spaces between thousands, as Swedish documents write it)."""
    return f"{value:,}".replace(",", " ").replace("-", "−") + " kr"


def amounts_chart_svg(rows: Iterable[dict[str, Any]]) -> str:
    """One block per förbund, one bar per year, measure and flow; rows carry "forbund", "year",
    "sek" (the sum) and optionally "measure" (granted, budget, …) and "flow" (income, cost).

    Bars share one scale across förbund so that their sizes compare; a negative total (a deficit,
    a reduction) is drawn left of the zero line in another colour.
    """
    groups: dict[str, list[tuple[str, str, int]]] = {}
    for row in rows:
        what = " ".join(str(row[k]) for k in ("measure", "flow") if row.get(k))
        year = "no year" if row.get("year") is None else str(row["year"])
        bar = (year, what, int(row["sek"] or 0))
        groups.setdefault(str(row["forbund"]), []).append(bar)
    if not groups:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" role="img">'
                '<text x="0" y="24">No amounts to sum in the archive.</text></svg>')
    values = [v for bars in groups.values() for _, _, v in bars]
    low, high = min(0, *values), max(0, *values)
    span = (high - low) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    zero_x = LABEL_WIDTH + plot * (-low) / span
    parts: list[str] = []
    y = 0
    for forbund, bars in groups.items():
        parts.append(f'<text x="0" y="{y + 20}" font-weight="bold">{escape(forbund)}</text>')
        y += HEADING_HEIGHT
        for year, what, value in bars:
            length = plot * abs(value) / span
            x = zero_x if value >= 0 else zero_x - length
            colour = POSITIVE if value >= 0 else NEGATIVE
            label = format_sek(value)
            parts.append(
                f'<g><title>{escape(forbund)} {year} {escape(what)}: {label}</title>'
                f'<text x="0" y="{y + BAR_HEIGHT - 4}">{year} {escape(what)}</text>'
                f'<rect x="{x:.1f}" y="{y}" width="{max(length, 1):.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
                f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{y + BAR_HEIGHT - 4}">{label}</text></g>')
            y += BAR_HEIGHT + GAP
        y += GAP
    parts.append(f'<line x1="{zero_x:.1f}" y1="0" x2="{zero_x:.1f}" y2="{y}" stroke="#555"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}" '
            f'role="img" aria-label="Amounts per förbund and year" font-family="sans-serif" font-size="13">'
            + "".join(parts) + "</svg>")
