"""Items of a meeting: § paragraphs ("§ 71 Beslut om …", also OCR's "8 71" and "S 71") and the
numbered points of an agenda ("7. Eventuell förlängning …"). A table of contents (ärendelista)
names the same items again; it gives titles but opens no sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .layout import Line, squash

# "§ 71 Titel", "§71. Titel", "§ 67" (title on a later line); OCR reads "§" as "8", "S", "$", "&" or "£".
SECTION_SIGN_OCR = "8S$&£"
PARAGRAPH_HEAD = re.compile(
    rf"^(?:(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{{0,4}}\s?)?§§?\s?|[Pp]aragraf\s|(?P<ocr>[{SECTION_SIGN_OCR}])\s)"
    rf"(?P<num>\d{{1,3}})(?![\d\-–])\s*[.:]?\s*(?P<rest>.*)$")
# "FHR 29", "BN 12": a body's letters before the number with no sign, trusted only in a run.
PREFIXED_HEAD = re.compile(r"^(?P<prefix>[A-ZÅÄÖ]{2,4})\s(?P<num>\d{1,3})(?![\d\-–:/.,])\s+(?P<rest>[A-ZÅÄÖ].*)$")
DNR = re.compile(r"^(?:dnr|diarienummer|diarienr)\b\s*:?", re.I)
RANGE_AFTER = re.compile(r"^[-–]\s*\d")
DNR_NUMBER = re.compile(r"^(?:dnr|diarienummer|diarienr)\b\s*:?\s*(?:[A-ZÅÄÖ]{1,6}\s+)?[\w.]*\d[\w./:-]*\s*", re.I)
# "7. Titel"; OCR reads the period as a comma and "1" as "l" or "I".
AGENDA_HEAD = re.compile(r"^(?:(?P<word>[Ää]rende|ÄRENDE|[Pp]unkt|PUNKT)\s+)?(?P<num>[\dlI]\d?)"
                         r"(?:[.,)]|(?(word)(?=\s+[A-ZÅÄÖ])|(?!)))\s+(?P<rest>\S.*)$")
# "Anna Ek, specialist" or "Anna Ek (M)": a person line of a heading's lists.
PERSON_LINE = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü]+){1,3}\s*(?:,|\([A-Za-zÅÄÖ]{1,4}\))")
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}\b")
TOC_LINE_END = re.compile(r"(?:\.\s?){3,}\s*\d+\s*$")  # a ToC title's last line: leaders, then its page
TRAILING_PAGE = re.compile(r"\s+\d{1,3}$")
# What OCR makes of bold markup ("**") and quotes before a heading's first word: stray punctuation,
# a lone lowercase letter or a capital glued to the capital of the word ("FGodkännande", "»x7.").
MARKUP_JUNK = re.compile(
    r"^[\"'”“»«*+]+[a-zåäö]?(?=\w)"
    r"|^[\"'”“»«*+]*[a-zåäö](?=[A-ZÅÄÖ\d])"
    r"|^[A-ZÅÄÖ](?=[A-ZÅÄÖ][a-zåäö]{3})")
# A § whose number OCR glued to its sign ("879") or to the end of the previous sentence
# ("verksamhetsår.873"); only trusted where the number continues the sequence.
GLUED_HEAD = r"(?:^|(?<=[.!?:]))\s?[§{signs}]\s?0*{num}$"


@dataclass(frozen=True, slots=True)
class Heading:
    """Where an item starts: its number, title and whether it only lists the item (a ToC row)."""

    number: str
    title: str | None
    start: int
    end: int
    kind: str  # "paragraph" (§) or "agenda"
    toc: bool = False


# Where the text of a § begins on a heading line that lost its line break: a deciding body or an
# official before their verb ("Styrelsen beslutar", "Ordföranden öppnade"), a word that opens a
# sentence ("Till justerare valdes"), a block heading, the end of a sentence.
TITLE_WORDS = 4
_BODY_OPENS = re.compile(
    r"(?<=\S)\s+(?=(?:Styrelsen|Nämnden|Kommunstyrelsen|Kommunfullmäktige|Fullmäktige|Direktionen|Utskottet|"
    r"Arbetsutskottet|Presidiet|Förbundet|Samordningsförbundet|Ordföranden|Ordförande|Förbundschefen|Sekreteraren|"
    r"Mötet|Dagordningen|Föredragningslistan|Protokollet|Informationen|Parterna|Kansliet|Förvaltningen|"
    r"[A-ZÅÄÖ][a-zåäö]+(?:chefen|ledaren|samordnaren|sekreteraren|styrelsen|nämnden|utskottet))"
    r"\s+[a-zåäö]+(?:ar|er|ade|de|te|des|tes|s|öt|og)\b)"
    # a body's own decision block ("Verksamhetsplan 2023 Styrelsens beslut: att anta …")
    r"|(?<=\S)\s+(?=[A-ZÅÄÖ][a-zåäö]+s beslut\b)"
    # the one elected ("Val av justerare Bo Ek valdes att justera protokollet")
    r"|(?<=\S)\s+(?=[A-ZÅÄÖ][a-zåäö]+(?:[ -][A-ZÅÄÖ][a-zåäö]+){1,2} (?:valdes|utsågs|utses|väljs)\b)"
    r"|(?<=\S)\s+(?=(?:Till|Under|Det|Den|Vid|Efter|Enligt|Inför)\s+[a-zåäö])"
    r"|(?<=\S)\s+(?=(?:Beslut|Beslutsunderlag|Sammanfattning|Bakgrund|Ärendet|Ärendebeskrivning)\b(?![a-zåäö]))"
    r"|(?<=[a-zåäö0-9)])\.\s+(?=[A-ZÅÄÖ])")


def clean_title(raw: str) -> str | None:
    """Title as printed, without bold markup after the title, a trailing period or a page number;
    on a line that also holds the § text (a page whose line breaks were lost), only the title."""
    text = strip_junk(raw.strip())
    if text.startswith("**"):
        text = text.strip("*")
    elif "**" in text:
        text = text[:text.index("**")]
    text = squash(text).strip(" .:")
    if len(text.split()) > TITLE_WORDS:
        cut = next((m for m in _BODY_OPENS.finditer(text) if m.start() > 0), None)
        if cut is not None:
            text = text[:cut.start()].strip(" .:")
    return text or None


def strip_junk(text: str) -> str:
    """`text` without what OCR made of markup or quotes before its first word."""
    return MARKUP_JUNK.sub("", text, count=1)


def paragraph_headings(lines: list[Line]) -> list[Heading]:
    """Every § heading, body or table-of-contents row, in order, with the ones OCR garbled
    recovered where the sequence of numbers shows a gap."""
    found = _longest_run(_in_sequence(_paragraph_headings(lines) + _prefixed_headings(lines), lines))
    return sorted(found + _recovered(lines, found), key=lambda h: h.start)


def _prefixed_headings(lines: list[Line]) -> list[Heading]:
    """Headings that print a body's letters instead of "§" ("FHR 29 Val av justerare"), where
    the same letters open at least two lines with numbers in order."""
    found = [(ln, m) for ln in lines if (m := PREFIXED_HEAD.match(ln.text.strip()))]
    by_prefix: dict[str, list[tuple[Line, re.Match[str]]]] = {}
    for ln, m in found:
        by_prefix.setdefault(m["prefix"], []).append((ln, m))
    out: list[Heading] = []
    for run in by_prefix.values():
        nums = [int(m["num"]) for _, m in run]
        if len(run) < 2 or nums != sorted(nums) or nums[-1] - nums[0] > 3 * len(nums):
            continue
        out.extend(Heading(m["num"], clean_title(m["rest"]), ln.start, ln.end, "paragraph") for ln, m in run)
    return out


def _longest_run(found: list[Heading]) -> list[Heading]:
    """Body headings that keep the order of the minutes: the longest run of numbers that never
    goes down; a § number out of that order is a reference ("Kommunstyrelsen 2019-05-28, § 133")."""
    body = [h for h in found if not h.toc and h.number.isdigit()]
    if len(body) < 3:
        return found
    nums = [int(h.number) for h in body]
    best = [1] * len(nums)
    prev = [-1] * len(nums)
    first = list(range(len(nums)))
    for i in range(len(nums)):
        for j in range(i):
            if nums[j] <= nums[i] and best[j] + 1 > best[i]:
                best[i], prev[i], first[i] = best[j] + 1, j, first[j]
    # of runs as long, the one whose numbers lie closest together
    i = max(range(len(nums)), key=lambda k: (best[k], -(nums[k] - nums[first[k]])))
    keep: set[int] = set()
    while i >= 0:
        keep.add(body[i].start)
        i = prev[i]
    return [h for h in found if h.toc or not h.number.isdigit() or h.start in keep]


def _in_sequence(found: list[Heading], lines: list[Line]) -> list[Heading]:
    """Body headings without attendance notes of the heading's lists: a bare "§ 96" over a name,
    or a "§ 96" a name follows on its line."""
    out: list[Heading] = []
    by_start = {ln.start: i for i, ln in enumerate(lines)}
    for h in found:
        if h.toc or not h.number.isdigit():
            out.append(h)
            continue
        line = lines[by_start[h.start]] if h.start in by_start else None
        if line is not None and re.fullmatch(r"\W*§+\s*\d+\W*", line.text.strip()):
            following = [ln for ln in lines[by_start[h.start] + 1:by_start[h.start] + 3] if not ln.blank]
            if following and PERSON_LINE.match(following[0].text.strip()):
                continue
        if line is not None and PERSON_LINE.match(re.sub(r"^\W*§+\s*\d+\s*", "", line.text.strip())):
            continue
        before = [ln for ln in lines[:by_start.get(h.start, 0)][-3:] if not ln.blank]
        if before and re.search(r"(,|\boch|\benligt|\bi)\s*$", before[-1].text):
            continue  # the line before runs on into this "§ 133": a reference
        out.append(h)
    return out


def _paragraph_headings(lines: list[Line]) -> list[Heading]:
    out: list[Heading] = []
    for i, ln in enumerate(lines):
        raw = ln.text.strip().lstrip("*").strip()
        m = PARAGRAPH_HEAD.match(raw)
        if not m or RANGE_AFTER.match(m["rest"]):
            continue
        rest = strip_junk(m["rest"])
        if m["ocr"] and not (rest[:1].isupper() and not rest[:1].isdigit()):
            continue
        # A row of a table of contents ends in its page number; OCR also puts tabs into wide spaces.
        toc = ("\t" in rest and bool(TRAILING_PAGE.search(rest.rstrip()))) or bool(DOT_LEADERS.search(rest))
        if toc:
            cells = [c for c in rest.split("\t") if c.strip()]
            title = clean_title(cells[0]) if cells else None
        elif rest.strip(" *") and not DNR.match(rest.strip(" *")):
            title = clean_title(rest)
            if rest.strip().startswith("**") and not rest.strip().endswith("**"):
                title = _continue_bold(rest, lines[i + 1:])
        else:
            after_dnr = DNR_NUMBER.sub("", rest.strip(" *"), count=1)
            if len(after_dnr.split()) >= 2 and after_dnr[:1].isupper():
                title = clean_title(after_dnr)  # "§ 12 Dnr KS 2023/412 Title": a line that lost its breaks
            else:
                title = _next_title(lines[i + 1:])
        # "§ 30   Dnr …" over "Title … ........ 3": a table-of-contents entry on lines of its own
        for following in [x for x in lines[i + 1:i + 6] if not x.blank][:4]:
            if PARAGRAPH_HEAD.match(following.text.strip()):
                break
            if TOC_LINE_END.search(following.text):
                toc = True
                break
        out.append(Heading(m["num"], title, ln.start, ln.end, "paragraph", toc))
    return _listed_in_a_row(out, lines)


TOC_RUN = 3  # consecutive § lines that end in their page numbers and hold no text: a table of contents


def _listed_in_a_row(found: list[Heading], lines: list[Line]) -> list[Heading]:
    """Headings marked as table-of-contents rows where at least TOC_RUN of them follow each other
    with nothing between them, each ending in a page number that never decreases ("§ 34 Öppnande
    och val av justerare 3 § 35 Dagordning 4 …", a contents page whose line breaks were lost)."""
    index = {ln.start: i for i, ln in enumerate(lines)}
    pages: list[int | None] = []
    for h in found:
        tail = TRAILING_PAGE.search(lines[index[h.start]].text.rstrip()) if h.start in index else None
        pages.append(int(tail.group().strip()) if tail and not h.toc else None)
    run: list[int] = []
    marked: set[int] = set()

    def close() -> None:
        if len(run) >= TOC_RUN:
            marked.update(run)
        run.clear()

    for k, h in enumerate(found):
        page = pages[k]
        if page is None:
            close()
            continue
        if run:
            prev = found[run[-1]]
            between = [ln for ln in lines[index[prev.start] + 1:index[h.start]] if not ln.blank]
            prev_page = pages[run[-1]]
            if between or prev_page is None or page < prev_page:
                close()
        run.append(k)
    close()
    return [replace(h, toc=True, title=TRAILING_PAGE.sub("", h.title or "") or None) if k in marked else h
            for k, h in enumerate(found)]


def _recovered(lines: list[Line], found: list[Heading]) -> list[Heading]:
    """Body headings missing from a run of numbers (n, n+2) or just after its last one, where a
    line holds the missing number glued to a misread "§"."""
    body = sorted((h for h in found if not h.toc), key=lambda h: h.start)
    out: list[Heading] = []
    for k, h in enumerate(body):
        after = body[k + 1] if k + 1 < len(body) else None
        stop = after.start if after else lines[-1].end + 1 if lines else 0
        missing = int(after.number) - int(h.number) - 1 if after and after.number.isdigit() else 1
        if not h.number.isdigit() or not 0 < missing <= 2:
            continue
        pattern = re.compile(GLUED_HEAD.format(signs=re.escape(SECTION_SIGN_OCR), num=int(h.number) + 1))
        window = [ln for ln in lines if h.end < ln.start < stop]
        for i, ln in enumerate(window):
            m = pattern.search(ln.text.rstrip())
            if m and (m.start() == 0 or not after or missing == 1):
                start = ln.start + m.start() + (len(m[0]) - len(m[0].lstrip()))
                out.append(Heading(str(int(h.number) + 1), _next_title(window[i + 1:]), start, ln.end, "paragraph"))
                break
    return out


def agenda_headings(lines: list[Line]) -> list[Heading]:
    """Numbered agenda points of a kallelse or dagordning, in order; one point OCR lost may be
    skipped."""
    out: list[Heading] = []
    expected = 1
    for i, ln in enumerate(lines):
        raw = ln.text.strip()
        if raw.startswith("|"):
            # a table row: "| 7. | Title<br>more | Dnr | Förslag |"
            cells = [c.strip() for c in raw.strip("|").split("|")]
            cells = [c for c in cells if c]
            if len(cells) >= 2 and re.fullmatch(r"\d{1,2}[.)]?", cells[0]):
                raw = cells[0].rstrip(".)") + ". " + re.sub(r"\s*<br\s*/?>\s*", " ", cells[1])
        elif "\t" in raw:
            # a row of a föredragningslista: "7 ⇥ Title ⇥ Föredragande"
            cells = [c.strip() for c in raw.split("\t") if c.strip()]
            if len(cells) >= 2 and re.fullmatch(r"\d{1,2}[.)]?", cells[0]):
                raw = cells[0].rstrip(".)") + ". " + cells[1]
        bold = raw.startswith("**")
        m = AGENDA_HEAD.match(strip_junk(raw.lstrip("*").strip()))
        if not m:
            continue
        number = int(m["num"].replace("l", "1").replace("I", "1"))
        if not (number == expected or (number == expected + 1 and out)):
            continue
        title = _continue_bold(m["rest"], lines[i + 1:]) if bold and not raw.endswith("**") else clean_title(m["rest"])
        out.append(Heading(str(number), title, ln.start, ln.end, "agenda"))
        expected = number + 1
    return out


def _continue_bold(first: str, following: list[Line]) -> str | None:
    parts = [first]
    for ln in following[:3]:
        parts.append(ln.text)
        if "**" in ln.text:
            break
    return clean_title(" ".join(p.replace("**", " ") for p in parts))


def _next_title(following: list[Line]) -> str | None:
    for ln in following[:4]:
        if ln.blank:
            continue
        if PARAGRAPH_HEAD.match(ln.text.strip()) or len(ln.text.split()) > 30:
            return None
        return clean_title(ln.text)
    return None
