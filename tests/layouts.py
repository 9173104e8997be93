"""Layouts a document can arrive in, generated from its text as written: the same words with
their line breaks lost, labels on lines of their own, CRLF with extra blank lines, headings in
capitals, light OCR noise. The layout-variant tests render every gold document in each and
require the extraction to score as it does on the text as written.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from samarkiv.extract.structure import BLOCK_HEADINGS, ZONE_LABEL

# The sign of a § heading line, a part heading, or a block heading: the lines a printer sets apart.
HEADING_LINE = re.compile(r"^\s*(?:(?:[A-ZÅÄÖ]{1,4}\s?)?§+\s*\d+|(?:sammanträdes|styrelse)?protokoll\b|kallelse\b)",
                          re.I)
# Words OCR damages lightly: only lower-case words of five letters or more, never a capitalised
# word (names, places, bodies), never digits.
NOISY_WORD = re.compile(r"(?<![\w\-])[a-zåäö]{5,}(?![\w\-])")
OCR_SWAPS = (("rn", "m"), ("li", "h"), ("e", "c"), ("i", "l"))


def as_written(text: str) -> str:
    return text


def flattened(text: str) -> str:
    """Each page one paragraph, as web copies and some text layers give it."""
    return "\f".join(" ".join(page.split()) for page in text.split("\f"))


def labels_on_own_lines(text: str) -> str:
    """Every heading label that starts a line with its value beside it is put on a line of its own."""
    out = []
    for line in text.split("\n"):
        m = ZONE_LABEL.match(line)
        rest = line[m.end():] if m else ""
        beside = rest.strip() and rest[:1] in " \t:" and not rest.strip().startswith(("och", "för"))
        if m and line[:1].isupper() and beside:
            out.append(line[:m.end()].rstrip(" :"))
            out.append(rest.strip(" :\t"))
        else:
            out.append(line)
    return "\n".join(out)


def crlf_blank_lines(text: str) -> str:
    """Windows line ends and a blank line after every line."""
    return "\r\n\r\n".join(text.split("\n"))


def upper_headings(text: str) -> str:
    """§ headings, part headings and block headings in capitals."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        block = len(stripped.split()) <= 8 and any(p.match(stripped) for _, p in BLOCK_HEADINGS)
        out.append(line.upper() if HEADING_LINE.match(line) or block else line)
    return "\n".join(out)


def light_ocr_noise(text: str, seed: int = 7, rate: float = 0.04) -> str:
    """One OCR confusion in about one lower-case word in 25; names and numbers are left alone."""
    rng = random.Random(seed)

    def damage(m: re.Match[str]) -> str:
        word = m[0]
        if rng.random() >= rate:
            return word
        for a, b in OCR_SWAPS:
            if a in word:
                return word.replace(a, b, 1)
        return word

    return NOISY_WORD.sub(damage, text)


LAYOUTS: dict[str, Callable[[str], str]] = {
    "as_written": as_written,
    "flattened": flattened,
    "labels_on_own_lines": labels_on_own_lines,
    "crlf_blank_lines": crlf_blank_lines,
    "upper_headings": upper_headings,
    "light_ocr_noise": light_ocr_noise,
}
