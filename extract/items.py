"""Items of a meeting: § paragraphs ("§ 71 Beslut om …", also OCR's "8 71" and "S 71") and the
numbered points of an agenda ("7. Eventuell förlängning …"). A table of contents (ärendelista)
names the same items again; it gives titles but opens no sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Line, squash

# "§ 71 Titel", "§71. Titel", "§ 67" (title on a later line); OCR reads "§" as "8" or "S".
PARAGRAPH_HEAD = re.compile(r"^(?:§§?\s?|(?P<ocr>[8S])\s)(?P<num>\d{1,3})(?![\d\-–])\s*[.:]?\s*(?P<rest>.*)$")
RANGE_AFTER = re.compile(r"^[-–]\s*\d")
AGENDA_HEAD = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
TRAILING_PAGE = re.compile(r"\s+\d{1,3}$")


@dataclass(frozen=True, slots=True)
class Heading:
    """Where an item starts: its number, title and whether it only lists the item (a ToC row)."""

    number: str
    title: str | None
    start: int
    end: int
    kind: str  # "paragraph" (§) or "agenda"
    toc: bool = False


def clean_title(raw: str) -> str | None:
    """Title as printed, without bold markup after the title, a trailing period or a page number."""
    text = raw.strip()
    if text.startswith("**"):
        text = text.strip("*")
    elif "**" in text:
        text = text[:text.index("**")]
    text = squash(text).strip(" .:")
    return text or None


def paragraph_headings(lines: list[Line]) -> list[Heading]:
    """Every § heading, body or table-of-contents row, in order."""
    out: list[Heading] = []
    for i, ln in enumerate(lines):
        raw = ln.text.strip().lstrip("*").strip()
        m = PARAGRAPH_HEAD.match(raw)
        if not m or RANGE_AFTER.match(m["rest"]):
            continue
        rest = m["rest"]
        if m["ocr"] and not (rest[:1].isupper() and not rest[:1].isdigit()):
            continue
        toc = "\t" in rest
        if toc:
            cells = [c for c in rest.split("\t") if c.strip()]
            title = clean_title(cells[0]) if cells else None
        elif rest.strip(" *"):
            title = clean_title(rest)
            if rest.strip().startswith("**") and not rest.strip().endswith("**"):
                title = _continue_bold(rest, lines[i + 1:])
        else:
            title = _next_title(lines[i + 1:])
        out.append(Heading(m["num"], title, ln.start, ln.end, "paragraph", toc))
    return out


def agenda_headings(lines: list[Line]) -> list[Heading]:
    """Numbered agenda points of a kallelse or dagordning, in order."""
    out: list[Heading] = []
    expected = 1
    for i, ln in enumerate(lines):
        raw = ln.text.strip()
        bold = raw.startswith("**")
        m = AGENDA_HEAD.match(raw.lstrip("*").strip())
        if not m or int(m["num"]) != expected:
            continue
        title = _continue_bold(m["rest"], lines[i + 1:]) if bold and not raw.endswith("**") else clean_title(m["rest"])
        out.append(Heading(m["num"], title, ln.start, ln.end, "agenda"))
        expected += 1
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
