"""Normalize: raw page text → clean NFC Swedish text with a map back to raw page offsets.

ftfy mends mojibake, `repair` mends the Swedish letters OCR lost, `layout` drops page furniture
and undoes wrapping; every step works on `Mapped` text, so each character can cite its page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import ftfy
from ftfy.badness import is_bad

from samarkiv.ingest import Page

from .layout import lay_out, running_headers
from .mapped import Mapped
from .repair import (
    Repairer,
    apply,
    front_matter_lines,
    iter_lines,
    known_score,
    last_word,
    opening_word,
    repair_lines,
)
from .types import Change, Edit, Span, Text

__all__ = ["Change", "Span", "Text", "change_lines", "normalize_pages", "repair_lines"]


# Characters none of ftfy's fixers touch but its mojibake check: printable ASCII but "&" (an HTML
# entity), tab and newline, Latin-1 letters and signs, general punctuation and the euro sign. No
# C1 controls, ligatures, wide forms, control characters, escapes or surrogates.
_UNTOUCHED = re.compile("[\t\n\x20-\x25\x27-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e\u20ac]*")
# ftfy reads a text in segments of a line (with its newline), none longer than this.
_FTFY_SEGMENT = 1_000_000


def _untouched_by_ftfy(text: str) -> bool:
    """Whether ftfy would return `text` as it is: only characters its fixers leave alone, already
    NFC, and no line that looks like mojibake (ftfy's own test, line by line as ftfy reads)."""
    if len(text) >= _FTFY_SEGMENT or not _UNTOUCHED.fullmatch(text) or not unicodedata.is_normalized("NFC", text):
        return False
    return text.isascii() or not any(is_bad(line) for line in text.splitlines(keepends=True))


def fix_encoding(text: str) -> str:
    """Mends mojibake ("SÃ¶derÃ¥sens" → "Söderåsens") and composes to NFC; quotes stay curly.

    Most lines of a clean text layer need nothing; they are told apart first, as ftfy's passes
    over every line cost more than the rest of normalizing.
    """
    if _untouched_by_ftfy(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC", fix_line_breaks=False)


def _repaired_lines(raw: str, repairer: Repairer, first_word: int, skip: int,
                   log: dict[int, Edit], clean: bool = False) -> list[Mapped]:
    """The page's lines with mojibake and OCR damage mended, each mapped to the raw page.

    Each repair is a replaced word of its own, numbered from `first_word`; `log` gets the edit
    (offsets in the raw line) under its number. The first `skip` lines are front matter, kept.
    A `clean` page is one ftfy leaves as it is, line by line too.
    """
    lines: list[Mapped] = []
    word = first_word
    before = ""
    raw_lines = list(iter_lines(raw))
    texts = [line for _, line in raw_lines]
    for n, (offset, line) in enumerate(raw_lines):
        fixed = line if clean else fix_encoding(line)
        edits = repairer.edits(fixed, before, opening_word(texts, n + 1)) if n >= skip else []
        parts: list[Mapped] = []
        if fixed != line:
            # ftfy changed the line: its pieces map onto the raw line proportionally.
            out = apply(fixed, edits)
            scale = len(line) / max(len(out), 1)
            at = 0
            pieces: list[tuple[str, Edit | None]] = []
            pos = 0
            for e in edits:
                pieces += [(fixed[pos:e.start], None), (e.text, e)]
                pos = e.end
            pieces.append((fixed[pos:], None))
            for text, made_by in pieces:
                if not text and made_by is None:
                    continue
                start, end = offset + round(at * scale), offset + round((at + len(text)) * scale)
                parts.append(Mapped.replaced(text, start, max(end, start + 1) if text else start, word))
                if made_by is not None:
                    log[word] = Edit(made_by.start, made_by.end, fixed[made_by.start:made_by.end],
                                     made_by.confidence, made_by.rule)
                word += 1
                at += len(text)
        else:
            pos = 0
            for e in edits:
                parts.append(Mapped.copied(line[pos:e.start], offset + pos))
                parts.append(Mapped.replaced(e.text, offset + e.start, offset + e.end, word))
                log[word] = Edit(e.start, e.end, line[e.start:e.end], e.confidence, e.rule)
                word += 1
                pos = e.end
            parts.append(Mapped.copied(line[pos:], offset + pos))
        lines.append(Mapped.join(parts))
        if line.strip():
            before = last_word(lines[-1].text)
    return lines


def _changes(text: Mapped, page: int, offset: int, log: dict[int, Edit]) -> list[Change]:
    """The logged repairs as they stand in a page's laid-out text (placed at `offset`)."""
    out: list[Change] = []
    if not log:
        return out
    n = len(text.word)
    i = 0
    while i < n:
        word = text.word[i]
        j = i + 1
        while j < n and text.word[j] == word:
            j += 1
        edit = log.get(word)
        if edit is not None:
            out.append(Change(offset + i, offset + j, page, edit.text, text.text[i:j], edit.confidence, edit.rule))
        i = j
    return out


def _knows(word: str) -> bool:
    return known_score(word) is not None


def normalize_pages(pages: Sequence[Page]) -> Text:
    """Normalizes a document's pages into one `Text`, pages separated by a form feed.

    `Text.changes` lists every repair with what it replaced and its confidence.
    """
    # a page ftfy leaves as it is has no line it would change
    clean = [_untouched_by_ftfy(p.text) for p in pages]
    fixed_pages = [p.text if ok else fix_encoding(p.text) for p, ok in zip(pages, clean, strict=True)]
    repairer = Repairer.for_document("\n".join(fixed_pages))
    headers = running_headers(fixed_pages)
    chunks: list[str] = []
    spans: list[Span] = []
    changes: list[Change] = []
    pos = 0
    for k, page in enumerate(pages):
        if chunks:
            chunks.append("\f")
            pos += 1
        log: dict[int, Edit] = {}
        skip = front_matter_lines(fixed_pages[k]) if k == 0 else 0
        lines = _repaired_lines(page.text, repairer, first_word=pos, skip=skip, log=log, clean=clean[k])
        # the first page keeps its running header: there it is the title, the body and the date
        text = lay_out(lines, page.number, headers if k else frozenset(), _knows)
        spans.extend(text.spans(page.number, pos))
        changes.extend(_changes(text, page.number, pos, log))
        chunks.append(text.text)
        pos += len(text.text)
    return Text(text="".join(chunks), spans=tuple(spans), changes=tuple(changes))


def change_lines(text: Text) -> list[str]:
    """What repair changed, one line each: page and line, the raw text, what replaced it,
    confidence and rule ("p1 l3  talmavnen → talmannen  0.93 word")."""
    out: list[str] = []
    page_starts = [0]
    for i, c in enumerate(text.text):
        if c == "\f":
            page_starts.append(i + 1)
    for change in text.changes:
        start = max(s for s in page_starts if s <= change.start)
        line = text.text.count("\n", start, change.start) + 1
        out.append(f"p{change.page} l{line}\t{change.original} → {change.text}\t{change.confidence:.2f} {change.rule}")
    return out
