"""Parts of a file: which kinds of document it holds (kallelse, protokoll, reports, bilagor) and
where each begins. A heading line names the kind; a report heading inside minutes opens a part
only when it stands out (a bilaga, or a report of its own after the minutes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samarkiv.normalize.dates import ISO_DATE, compact, find_dates, parse_date

from .layout import Line, squash

# Kind of part, the heading that opens it, and whether the heading alone is enough evidence.
PART_HEADINGS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("kallelse", re.compile(r"^(kallelse|föredragningslista|dagordning|underrättelse)\b", re.I), True),
    ("protokoll", re.compile(r"^(sammanträdesprotokoll|protokoll|mötesprotokoll|styrelseprotokoll|protokollsutdrag|"
                             r"utdrag ur (?:sammanträdes|styrelse)?protokoll(?:et)?|justerat protokoll)\b", re.I),
     True),
    ("tertialrapport", re.compile(r"^tertial(rapport|uppföljning)\b", re.I), True),
    ("delarsrapport", re.compile(r"^(delårsrapport|delårsbokslut|delårsredovisning)\b", re.I), True),
    ("arsredovisning", re.compile(r"^årsredovisning\b", re.I), True),
    ("verksamhetsberattelse", re.compile(r"^verksamhetsberättelse\b", re.I), True),
    ("verksamhetsplan", re.compile(r"^verksamhetsplan\b", re.I), True),
    ("budget", re.compile(r"^budget\b", re.I), False),
)
# A report without a title still says what it is ("Styrelsen … avger följande delårsrapport").
SELF_DESCRIBED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("delarsrapport", re.compile(r"avger (?:härmed )?följande delårsrapport", re.I)),
    ("arsredovisning", re.compile(r"avger (?:härmed )?följande årsredovisning", re.I)),
    ("verksamhetsberattelse", re.compile(r"avger (?:härmed )?följande verksamhetsberättelse", re.I)),
)
MINUTES = ("protokoll", "kallelse")
# The byline of a web page's news item: when it was published or last changed.
PUBLISHED = re.compile(r"(?:^|(?<=\s))(?:Publicerad|Publicerat|PUBLICERAD|Senast (?:uppdaterad|ändrad))\b\s*:?\s*\S*\d",
                       re.M)
BILAGA = re.compile(r"^bilaga\b(\s*\d+)?\s*$", re.I)
DECIDED_ON = re.compile(r"^(beslutad|fastställd|antagen|godkänd)\s+av\s+\w+", re.I)
PERIOD_END = re.compile(r"\bper\s+((?:19|20)\d{2}-\d{2}-\d{2})")
CAPS_HEADING = re.compile(r"^(?:KALLELSE|SAMMANTRÄDESPROTOKOLL|PROTOKOLL|DAGORDNING|FÖREDRAGNINGSLISTA|"
                          r"UNDERRÄTTELSE|MÖTESPROTOKOLL|STYRELSEPROTOKOLL|PROTOKOLLSUTDRAG|UTDRAG UR PROTOKOLL)"
                          r"(?:\s*/\s*[A-ZÅÄÖ]+)?\b")
# A table-of-contents row: a title, dot leaders, a page number.
DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d*\s*$|…{2,}")
# The § heading line before a title ("§ 99   Dnr BN-2025-00112", "KS § 12").
PARAGRAPH_LINE = re.compile(r"^(?:[A-ZÅÄÖ]{1,4}\s?)?§\s*\d+(?:\s+(?:dnr|diarienummer)\b.*)?$", re.I)
SELF_DESCRIBED_ANY = re.compile(r"\bavger\s+(?:härmed\s+)?(?:följande\s+)?"
                                r"(?P<kind>delårsrapport|årsredovisning|verksamhetsberättelse)",
                                re.I)
COVER_TITLE = re.compile(r"^(?:\S+\s+){0,2}"
                         r"(?P<kind>Delårsrapport|Årsredovisning|Verksamhetsberättelse|Tertialrapport)\b")
COVER_KIND = {"delårsrapport": "delarsrapport", "årsredovisning": "arsredovisning",
              "verksamhetsberättelse": "verksamhetsberattelse", "verksamhetsplan": "verksamhetsplan",
              "tertialrapport": "tertialrapport"}
# The first line of a page that lost its line breaks: a page number, the body's name in a few
# capitalised words, then what the document is ("3 LYSEKILS KOMMUN Sammanträdesprotokoll …").
OPENING_KIND = re.compile(r"^(?:\d{1,3}\s+)?(?:[A-ZÅÄÖ][\wåäöÅÄÖ\-]*\s+){1,4}?"
                          r"(?P<kind>(?:Sammanträdesprotokoll|Protokoll|Protokollsutdrag|Mötesprotokoll|"
                          r"Styrelseprotokoll|Kallelse|Föredragningslista|Dagordning)"
                          r"|(?:SAMMANTRÄDESPROTOKOLL|PROTOKOLL|PROTOKOLLSUTDRAG|KALLELSE|FÖREDRAGNINGSLISTA))\b")
AGENDA_POINT = re.compile(r"^\W{0,3}(?:\d{1,2}[.)]|§\s*\d+|Ärende\s+\d+)\s", re.M)
MINUTES_HEADING_WORDS = 6
UNDERLAG = re.compile(r"^(beslutsunderlag|handlingar i ärendet|underlag|bilagor|handlingar)\s*:?\s*$", re.I)
SIGNED_DATE = re.compile(r"förbund\w*\s+(\d{6}|\d{8}|(?:19|20)\d{2}-\d{2}-\d{2})\s*$", re.I)


@dataclass(frozen=True, slots=True)
class PartSpan:
    """A part with the offsets it covers; `attached` when it is a bilaga to the minutes before it."""

    type: str
    title: str | None
    start: int
    end: int
    attached: bool = False


def _heading_kind(ln: Line) -> tuple[str, bool] | None:
    text = ln.stripped
    caps = CAPS_HEADING.match(text)
    if caps:
        # "KALLELSE/UNDERRÄTTELSE Tid: …" where the line breaks were lost
        text = caps[0]
    if not text or text[0] in "§0123456789-–" or len(text.split()) > 12 or text.endswith(":"):
        return None
    if ln.is_row or DOT_LEADER.search(text):
        return None
    if text.endswith(".") and len(text.split()) > 8:
        return None
    for kind, pattern, strong in PART_HEADINGS:
        if pattern.match(text):
            return kind, strong
    return None


def _letterhead_kind(ln: Line) -> tuple[str, str] | None:
    """A part heading printed in a column of the letterhead ("KOMMUN    SAMMANTRÄDESPROTOKOLL   2 (5)")."""
    cells = [c.strip() for c in re.split(r"\t|\s{3,}", ln.stripped) if c.strip()]
    if len(cells) < 2:
        return None
    for cell in cells[1:]:
        kind = _heading_kind(Line(ln.start, ln.start + len(cell), cell))
        if kind and kind[0] != "budget" and cell.isupper():
            return kind[0], cell
    return None


def _listed_as_underlag(lines: list[Line], i: int) -> bool:
    """The heading is an entry of a § section's list of documents ("Beslutsunderlag")."""
    return any(UNDERLAG.match(ln.stripped) for ln in lines[max(0, i - 8):i])


def _near_bilaga(lines: list[Line], i: int) -> bool:
    before = [ln for ln in lines[max(0, i - 6):i] if not ln.blank][-2:]
    after = [ln for ln in lines[i + 1:i + 7] if not ln.blank][:2]
    return any(BILAGA.match(ln.stripped) for ln in before + after)


def find_parts(lines: list[Line], paragraph_starts: list[int], text: str) -> list[PartSpan]:
    """Parts in document order. The first part always starts at offset 0."""
    found: list[tuple[str, str | None, int, bool]] = []
    prev_nonblank: Line | None = None
    for i, ln in enumerate(lines):
        kind = _heading_kind(ln)
        letterhead = None if kind else _letterhead_kind(ln)
        if letterhead and not found:
            kind = (letterhead[0], True)
        after_bare_paragraph = prev_nonblank is not None and bool(PARAGRAPH_LINE.match(prev_nonblank.stripped))
        if not ln.blank:
            prev_nonblank = ln
        if kind is None or after_bare_paragraph:
            continue
        ptype, strong = kind
        early = sum(1 for x in lines[:i] if not x.blank) < 12
        bilaga = _near_bilaga(lines, i)
        current = found[-1][0] if found else None
        if current == ptype:
            continue
        if current is None:
            if not (strong or early or bilaga):
                continue
            if not early and ptype == "protokoll" and not any(p > ln.start for p in paragraph_starts):
                continue  # a link to minutes in a web page, not minutes
            if not early and ptype == "kallelse" and not AGENDA_POINT.search(text, ln.end):
                continue
        elif ptype in MINUTES:
            if ln.stripped.endswith(".") or len(ln.stripped.split()) > MINUTES_HEADING_WORDS:
                continue  # a sentence that mentions a kallelse or protokoll, not a heading
        elif current in MINUTES:
            if not (strong or bilaga) or (not bilaga and _listed_as_underlag(lines, i)):
                continue
        elif not bilaga:
            continue
        caps = CAPS_HEADING.match(ln.stripped)
        printed = letterhead[1] if letterhead else caps[0] if caps else ln.stripped
        title = squash(printed).strip(" .") or None
        start = ln.start if found else 0
        found.append((ptype, title, start, bilaga and bool(found)))
    if not found:
        described = next((k for k, p in SELF_DESCRIBED if p.search(text)), None)
        said = SELF_DESCRIBED_ANY.search(text[:3000])
        if described is None and said:
            described = COVER_KIND[said["kind"].lower()]
        first = next((ln.stripped for ln in lines if not ln.blank), "")
        cover = COVER_TITLE.match(first)
        if described is None and cover:
            described = COVER_KIND[cover["kind"].lower()]
        opening = OPENING_KIND.match(first)
        if described is None and opening:
            # "LYSEKILS KOMMUN Sammanträdesprotokoll Kommunstyrelsen …": the letterhead of a page
            # whose line breaks were lost
            kind = _heading_kind(Line(0, len(opening["kind"]), opening["kind"]))
            if kind:
                found.append((kind[0], opening["kind"], 0, False))
    if not found:
        fallback = "protokoll" if len(paragraph_starts) >= 2 else "other"
        found.append((described or fallback, None, 0, False))
    if PUBLISHED.search(text) and found[0][0] not in MINUTES and len(found) == 1:
        # a web page's news item ("Publicerad: 2020-09-28") headed by the report it tells of
        found[0] = ("other", *found[0][1:])
    parts: list[PartSpan] = []
    for n, (ptype, title, start, attached) in enumerate(found):
        end = found[n + 1][2] if n + 1 < len(found) else len(text)
        if attached and ptype not in MINUTES:
            later = [p for p in paragraph_starts if p > start]
            if later:
                end = min(end, later[0])
        parts.append(PartSpan(ptype, title, start, end, attached))
    return parts


def part_at(parts: list[PartSpan], offset: int) -> PartSpan:
    """The part an offset belongs to; text after a bilaga belongs to the minutes again."""
    inside = [p for p in parts if p.start <= offset < p.end]
    if inside:
        return inside[-1]
    before = [p for p in parts if p.start <= offset and not p.attached]
    return before[-1] if before else parts[0]


def report_date(lines: list[Line], part: PartSpan) -> str | None:
    """A report's own date: a dated line near its title, a dated signature, else the period end."""
    own = [ln for ln in lines if part.start <= ln.start < part.end and not ln.blank]
    for ln in own[:10]:
        text = ln.stripped
        if DECIDED_ON.match(text) or (len(text.split()) <= 6 and find_dates(text)
                                      and re.fullmatch(r"[\w\s\-.,]*", text)
                                      and (ISO_DATE.fullmatch(text) or text.lower().startswith("den ")
                                           or DECIDED_ON.match(text))):
            found = parse_date(text)
            if found:
                return found
    for ln in reversed(own):
        m = SIGNED_DATE.search(ln.stripped)
        if m and len(ln.stripped.split()) <= 6:
            token = m[1]
            return token if "-" in token else compact(token)
    for ln in own:
        m = PERIOD_END.search(ln.text)
        if m:
            return m[1]
    return None
