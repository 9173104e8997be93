"""Layout clean-up of a page: drop page furniture, normalise bullets, undo hyphenation and wrapping.

Conservative by design: a line break is kept unless the lines around it clearly belong to one
wrapped paragraph. Table rows (lines with tabs), lists, headings, "label value" lines and blank
lines survive, so text laid out one paragraph per line comes out as it went in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .mapped import Mapped

# Lines printed on every page of Swedish minutes that say nothing about the meeting.
FURNITURE = frozenset({
    "justerandes sign", "justerandes signatur", "justerarens sign", "justerares sign",
    "ordförandes sign", "sekreterarens sign", "utdragsbestyrkande", "justerandes signaturer",
    "justerandes sign.", "sign",
})
# A page number on a line of its own: "3", "- 3 -", "Sida 3", "Sida 3 av 12", "3 (12)", "3/12".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*(\d{1,3})\s*-|(?:sida|page|s\.)\s*(\d{1,3})(?:\s*(?:av|\(|/)\s*\d{1,3}\)?)?"
    r"|(\d{1,3})\s*(?:\(\s*\d{1,3}\s*\)|/\s*\d{1,3}|av\s+\d{1,3}))\s*$", re.IGNORECASE)
# A page mark that gives the page count too, run on with the page's text where its line breaks
# were lost ("… Justeringen har tillkännagivits genom anslag. Page 3 of 14", "Sida 2 av 9 Närvarande
# …", "Styrelsen Sida 32 (65) Plats …"): page furniture wherever it stands on the line, where a
# bare "3 (12)" may be content.
_RUN_ON_PAGE_MARK = re.compile(r"(?:^|(?<=\s))(?:sida|page)\s+(\d{1,3})\s*"
                               r"(?:(?:av|of|/)\s*(\d{1,3})|\(\s*(\d{1,3})\s*\))(?=\s|$)", re.I)
_HEADER_LIKE = re.compile(r"[^\W\d_]{3,}\s.*[^\W\d_]{3,}")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
# Bullet glyphs, and the letters OCR reads for a round bullet, before an item's first word.
_BULLET = re.compile(r"^\s*(?:[•●▪◦·■□➢►‣∙]|[eo](?=\s+[A-ZÅÄÖ0-9]))\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—*•●▪◦·■□➢►‣∙](?:\s|$)|\d{1,2}[.)]\s|[a-z][.)]\s|§)")
# Words that continue a phrase broken after a hyphen: "Bjuvs- och Åstorps kommun".
_HYPHEN_PHRASE = re.compile(r"^(?:och|eller|samt|resp\.?|respektive|till)\b")
# Wrapped lines are shorter than this; a longer line is a paragraph laid out on one line.
MAX_WRAPPED = 130
# A line this share of the page's wrap width or longer was wrapped by the layout, not the author.
FULL_LINE = 0.75
MIN_LINES_FOR_WIDTH = 5
# The share of a page's lines that must be nearly full for the page to count as wrapped.
WRAPPED_SHARE = 0.25
# Words a sentence or a list item never ends on: a line ending on one continues on the next.
CONTINUING_WORDS = frozenset({
    "och", "eller", "samt", "i", "på", "för", "med", "till", "av", "om", "från", "hos", "vid",
    "under", "efter", "inom", "mellan", "den", "det", "de", "en", "ett", "att", "som", "där",
    "när", "genom", "mot", "utan", "enligt", "både", "såväl", "inte", "är", "har", "var", "ska",
    "kan", "vara", "blir", "bli", "sin", "sitt", "sina", "deras", "dess", "vilket", "vilka",
})


def _wrap_width(lines: Sequence[str]) -> int:
    """The width the page's paragraphs were wrapped at, or 0 when they were not wrapped.

    A wrapped page has many lines of nearly the same length and hardly any very long ones; a
    page laid out one paragraph per line has neither.
    """
    lengths = [len(x.strip()) for x in lines if x.strip() and "\t" not in x]
    short = sorted(n for n in lengths if n <= MAX_WRAPPED)
    if len(short) < MIN_LINES_FOR_WIDTH:
        return 0
    width = short[int(len(short) * 0.9)]
    near = sum(1 for n in lengths if FULL_LINE * width <= n <= width * 1.05)
    too_long = len(lengths) - len(short)
    return width if near >= WRAPPED_SHARE * len(lengths) and too_long <= 0.05 * len(lengths) else 0


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _is_header_like(line: str) -> bool:
    return len(line.strip()) <= 80 and not line.lstrip().startswith("§") and bool(_HEADER_LIKE.search(line))


def running_headers(pages: Sequence[str]) -> frozenset[str]:
    """Lines repeated at the top or at the bottom of most pages (digits ignored), as signatures.

    Only lines with words count: a "§ 12" or a bare number at the top of every page is content.
    """
    if len(pages) < 3:
        return frozenset()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        lines = [x for x in page.split("\n") if x.strip()]
        top.update({_signature(x) for x in lines[:2] if _is_header_like(x)})
        bottom.update({_signature(x) for x in lines[-2:] if _is_header_like(x)})
    least = max(3, (len(pages) + 1) // 2)
    return frozenset(s for counts in (top, bottom) for s, n in counts.items() if n >= least)


def _is_furniture(line: str, index: int, last: int, page_number: int, headers: frozenset[str]) -> bool:
    stripped = line.strip()
    if stripped.lower() in FURNITURE or _signature(line) in headers:
        return True
    at_edge = index <= 1 or index >= last - 1
    if at_edge and _PAGE_NUMBER.match(line):
        return True
    bare = _BARE_NUMBER.match(line)
    return at_edge and bare is not None and int(bare.group(1)) == page_number


def _drop_furniture(lines: list[Mapped], page_number: int, headers: frozenset[str]) -> list[Mapped]:
    filled = [i for i, x in enumerate(lines) if x.text.strip()]
    edge = {i: rank for rank, i in enumerate(filled)}
    last = len(filled) - 1
    out: list[Mapped] = []
    dropped = False
    for i, line in enumerate(lines):
        if i in edge and _is_furniture(line.text, edge[i], last, page_number, headers):
            dropped = True
            continue
        line = _without_page_marks(line)
        # Blank lines around a dropped line collapse into the one blank line already kept.
        if dropped and not line.text.strip() and out and not out[-1].text.strip():
            continue
        dropped = dropped and not line.text.strip()
        out.append(line)
    return out


def _without_page_marks(line: Mapped) -> Mapped:
    """`line` without the page marks run on with its text ("Page 3 of 14"), and the space before."""
    marks = [m for m in _RUN_ON_PAGE_MARK.finditer(line.text) if 0 < int(m[1]) <= int(m[2] or m[3])]
    for m in reversed(marks):
        start = m.start()
        while start > 0 and line.text[start - 1] in " \t":
            start -= 1
        end = m.end()
        if start == 0:
            while end < len(line.text) and line.text[end] in " \t":
                end += 1
        line = line[:start] + line[end:]
    return line


# A Markdown heading's marks ("## § 31 Val av justerare"), as a converted web page writes them.
_HEADING_MARKS = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)")


def _without_heading_marks(line: Mapped) -> Mapped:
    m = _HEADING_MARKS.match(line.text)
    return line[m.end():] if m else line


def _bullet(line: Mapped) -> Mapped:
    m = _BULLET.match(line.text)
    if not m:
        return line
    return Mapped.inserted("- ", line.raw[m.start()] if line.raw else 0) + line[m.end():]


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) < 60 and not stripped.endswith((",", "-")) and (
        stripped.isupper() or bool(re.match(r"^(?:§\s*\d+|\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ])", stripped)))


def _joins(a: str, b: str, width: int, knows: Callable[[str], bool]) -> str | None:
    """How line `a` continues into line `b`: " " (wrapped), "" (hyphenated), or None (a break)."""
    if not a.strip() or not b.strip() or "\t" in a or "\t" in b:
        return None
    a_s, b_s = a.rstrip(), b.strip()
    if len(a_s.strip()) > MAX_WRAPPED or _LIST_ITEM.match(b) or _BULLET.match(b) or _is_heading(a) \
            or _is_heading(b):
        return None
    first = b_s[0]
    hyphen = re.search(r"([^\W\d_]+)-$", a_s)
    if hyphen and not a_s.endswith(" -"):
        if _HYPHEN_PHRASE.match(b_s):
            return " "
        if first.islower():
            word = hyphen.group(1) + re.match(r"[^\W\d_]*", b_s).group()  # type: ignore[union-attr]
            return "" if knows(word) else "-"
        return None
    if not width or len(a_s.strip()) < FULL_LINE * width:
        return None
    if first.islower() or first.isdigit() or first == "(":
        return " "
    last = a_s.rsplit(None, 1)[-1].lower()
    return " " if first.isupper() and last in CONTINUING_WORDS else None


def lay_out(lines: list[Mapped], page_number: int, headers: frozenset[str],
            knows: Callable[[str], bool]) -> Mapped:
    """One page's lines, cleaned and reflowed, joined into one text."""
    lines = [_bullet(_without_heading_marks(x)) for x in _drop_furniture(lines, page_number, headers)]
    width = _wrap_width([x.text for x in lines])
    parts: list[Mapped] = []
    current = lines[0] if lines else Mapped.copied("", 0)
    previous = current.text
    for line in lines[1:]:
        how = _joins(previous, line.text, width, knows)
        previous = line.text
        at = current.raw[-1] + 1 if current.raw else 0
        if how is None:
            parts.append(current)
            current = Mapped.inserted("\n", at) + line
            continue
        head = current.strip_end()
        if how == "":
            head = head[:-1]  # the hyphen
        elif how == "-":
            how = ""
        current = head + Mapped.inserted(how, at) + line.strip_start()
    parts.append(current)
    return Mapped.join(parts)
