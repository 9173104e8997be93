"""Canonical money amounts: whole SEK integers from the ways Swedish documents write them
("1 542 000 kr", "3 084 tkr", "1,5 mkr", "12 000:-", "ca 300 - 350 tkr", "21 333 kr/månad").
Also splits a run of digit groups that OCR or a text layer glued together ("256 333 255 000").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations

# Unit words and their factor to SEK; longest first so "tkr" wins over "kr".
UNITS: dict[str, int] = {
    "miljarder kronor": 1_000_000_000, "mdkr": 1_000_000_000, "mdr kr": 1_000_000_000,
    "miljoner kronor": 1_000_000, "miljoner kr": 1_000_000, "miljon kronor": 1_000_000, "miljon kr": 1_000_000,
    "milj. kr": 1_000_000, "milj kr": 1_000_000,
    "milj.kr": 1_000_000, "m.kr": 1_000_000, "mnkr": 1_000_000, "mkr": 1_000_000, "msek": 1_000_000,
    "tusen kronor": 1_000, "tkr": 1_000, "kkr": 1_000, "tsek": 1_000,
    "kronor": 1, "sek": 1, "kr": 1, ":-": 1,
}
PER: dict[str, str] = {"månad": "month", "mån": "month", "år": "year", "månaden": "month", "året": "year"}

SPACE = "[ \u00a0\u202f\u2009]"
MINUS = "[-−–]"
_GROUPED = rf"\d{{1,3}}(?:{SPACE}\d{{3}})+(?!\d)"
NUMBER = rf"(?:{_GROUPED}|\d+)(?:,\d+)?"
# Thousands parted by dots, as older documents print them before a unit ("12.500 kr", "1.200.000:-").
_DOTTED = r"\d{1,3}(?:\.\d{3})+(?![\d.])"
DOTTED = re.compile(_DOTTED)
_MONEY_NUMBER = rf"(?:{_GROUPED}|{_DOTTED}|\d+)(?:,\d+)?"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_PER_ALT = "|".join(sorted(PER, key=len, reverse=True))

MONEY = re.compile(
    rf"(?:(?<=\bca)|(?<![\w,.\-−–]))(?:(?P<sign>{MINUS}(?=\d))|(?P<spaced>(?<=[a-zåäö:(] )[-−–]\s(?=\d)))?"
    rf"(?P<num>{_MONEY_NUMBER})"
    rf"(?:\s*{MINUS}\s*(?P<max>{_MONEY_NUMBER}))?"
    rf"\s*(?P<unit>{_UNIT_ALT})(?![\wåäö])(?:\s*/\s*(?P<per>{_PER_ALT})\b)?",
    re.IGNORECASE)
# "6 miljoner", "2,2 milj": millions without a currency word, money only where the sentence speaks
# of money.
BARE_MILLIONS = re.compile(rf"(?<![\w,.])(?:ca\.?\s*|cirka\s*)?(?P<num>{NUMBER})\s*(?P<unit>miljoner|milj\.?)"
                           r"(?![\wåäö])",
                           re.IGNORECASE)
MONEY_CONTEXT = re.compile(r"\b(kronor|kr|m\.?kr|mkr|budget\w*|medel|medlemsavgift\w*|avgift\w*|bidrag\w*|"
                           r"kostnad\w*|kostar|kostade|anslag\w*|finansier\w*|utrymme|tilldela\w*|statsbidrag|pengar|"
                           # what is received, spent or left of money ("har fått 79 miljoner till sin verksamhet")
                           r"fått|fick|använ(?:t|ts|des|der|das)|förbruka\w*|satsa\w*|överskott\w*|"
                           r"underskott\w*|eget kapital)\b", re.I)
# What millions after a number count where they are no money; matched where the number ends.
PEOPLE_MILLIONS = re.compile(r"\s*(invånare|människor|personer|besök\w*|ärenden|timmar|kvadratmeter|träd|ton|liter|"
                             r"kilometer|resor)\b", re.I)
BARE_NUMBER = re.compile(rf"^(?P<sign>{MINUS})?\s?(?P<num>{NUMBER})$")
NUMBER_TOKEN = re.compile(rf"(?<![\w,.]){MINUS}?\d+(?:{SPACE}\d{{3}}(?!\d))*(?:,\d+)?(?![\w%])")


@dataclass(frozen=True, slots=True)
class Money:
    """A money amount in whole SEK, as found in text."""

    value: int
    value_max: int | None = None
    per: str | None = None
    unit: str | None = None
    start: int = 0
    end: int = 0
    text: str = ""


def number_value(text: str) -> float:
    """The number in "1 542 000", "1025333", "1,5", "-1 382" (spaces of every width allowed) or
    "12.500" (thousands parted by dots)."""
    clean = re.sub(SPACE, "", text.strip()).replace("−", "-").replace("–", "-")
    if DOTTED.fullmatch(clean.split(",")[0].lstrip("-")):
        clean = clean.replace(".", "")
    clean = clean.replace(",", ".")
    return float(clean)


def to_sek(number: float, unit: str | None) -> int:
    """Whole SEK for a number written in `unit` (kr when None)."""
    factor = UNITS.get((unit or "kr").lower(), 1)
    return int(round(number * factor))


def find_money(text: str) -> list[Money]:
    """Every amount with a written unit in running text, in order."""
    out: list[Money] = []
    for m in MONEY.finditer(text):
        unit = m["unit"].lower()
        sign = -1 if m["sign"] or m["spaced"] else 1
        value = to_sek(sign * number_value(m["num"]), unit)
        vmax = to_sek(number_value(m["max"]), unit) if m["max"] else None
        if vmax is not None and (vmax <= value or re.fullmatch(r"(?:19|20)\d{2}", m["num"])):
            # "2021 – 255 996 kr": the first number was a year, not the start of a range.
            start = m.start("max")
            out.append(Money(vmax, None, PER.get((m["per"] or "").lower()), unit, start, m.end(),
                             text[start:m.end()]))
            continue
        out.append(Money(value, vmax, PER.get((m["per"] or "").lower()), unit, m.start(), m.end(),
                         text[m.start():m.end()]))
    taken = [(x.start, x.end) for x in out]
    for m in BARE_MILLIONS.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken) or PEOPLE_MILLIONS.match(text, m.end()):
            continue
        # this sentence and the one before it ("en avgift på 1 m.kr. Dvs från 6 miljoner till 7 miljoner.")
        left = text.rfind(".", 0, max(0, text.rfind(".", 0, max(0, m.start() - 1)) - 1))
        left = max(left, text.rfind("\n\n", 0, m.start()))
        right = text.find(". ", m.end())
        sentence = text[left + 1:right if right >= 0 else len(text)]
        if not MONEY_CONTEXT.search(sentence.replace(m[0], " ")):
            continue
        start = m.start("num")
        out.append(Money(to_sek(number_value(m["num"]), "mkr"), None, None, "mkr", start, m.end(), text[start:m.end()]))
    return sorted(out, key=lambda x: x.start)


def parse_amount(text: str, unit: str | None = None) -> Money | None:
    """One amount: "1 542 000 kr", "ca 300 - 350 tkr", or a bare table cell "-1 382" in `unit`."""
    found = find_money(text)
    if found:
        return found[0]
    cell = re.sub(r"^(?:ca\.?|cirka)\s+", "", text.strip(), flags=re.IGNORECASE).rstrip("* ").strip()
    m = BARE_NUMBER.match(cell)
    if not m:
        return None
    sign = -1 if m["sign"] else 1
    return Money(to_sek(sign * number_value(m["num"]), unit), unit=unit, end=len(text), text=cell)


def split_groups(run: str, columns: int | None = None) -> list[str]:
    """Splits digit groups glued by spaces into numbers: "256 333 255 000" → two numbers.

    A number is a head of 1–3 digits (or a whole unspaced number) followed by 3-digit groups.
    With `columns` known the split has that many parts; otherwise the most even split wins,
    since cells of one row are of similar size.
    """
    tokens = re.split(SPACE + "+", run.strip())
    if len(tokens) <= 1:
        return tokens
    cuts = [i for i in range(1, len(tokens)) if _can_start(tokens[i])]
    best: tuple[float, list[str]] | None = None
    for k in range(0, len(cuts) + 1):
        if columns is not None and k + 1 != columns:
            continue
        for chosen in combinations(cuts, k):
            bounds = [0, *chosen, len(tokens)]
            parts = [tokens[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            if not all(_valid(p) for p in parts):
                continue
            values = [abs(number_value("".join(p))) or 1.0 for p in parts]
            spread = math.log(max(values) / min(values)) + 0.01 * k
            if len(parts) == 1 and len(tokens) > 3:
                spread += 5.0  # a single number of more than three groups is implausibly large
            if best is None or spread < best[0]:
                best = (spread, [" ".join(p) for p in parts])
    return best[1] if best else tokens


def _can_start(token: str) -> bool:
    t = token.lstrip("-−–")
    return bool(t) and (t == "0" or not t.startswith("0"))


def _valid(part: list[str]) -> bool:
    head = part[0].lstrip("-−–")
    if any(t[0] in "-−–" for t in part[1:]):
        return False
    if len(part) == 1:
        return bool(re.fullmatch(r"\d+(?:,\d+)?", head))
    return 1 <= len(head) <= 3 and all(re.fullmatch(r"\d{3}(?:,\d+)?", t) for t in part[1:-1] + [part[-1]])
