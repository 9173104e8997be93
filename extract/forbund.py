"""The organisation that wrote a document: the one its letterhead names (the first lines and the
running header of its pages), a samordningsförbund, kommun, region or authority from the
gazetteers, in any case; else the samordningsförbund the text names most (headings count
double). A förbund is reported by its canonical name, or in the document's own form where the
document names itself so at least five times.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from samarkiv.gazetteer import Body, kommuner, myndigheter, regioner, samordningsforbund

# A förbund the gazetteer lacks, as the document writes it.
# Its words apart by spaces or one line break, never by a blank line ("… för Samordningsförbundet" over
# a paragraph that opens "Vid årets första sammanträde").
_GAP = r"(?:[ \t]*\n[ \t]*(?!\n)|[ \t]+)"
UNKNOWN_FORBUND = re.compile(
    rf"\b(Samordningsförbundet(?:{_GAP}(?:i{_GAP})?[A-ZÅÄÖ][\wåäö\-]+){{1,3}}|"
    rf"(?:[A-ZÅÄÖ][\wåäö\-]+s{_GAP}){{1,2}}[Ss]amordningsförbund)\b")
GENERIC_WORDS = {"Samordningsförbundet", "Samordningsförbundets"}
# Words that end a förbund's name in running text: labels and the words of a heading zone.
NAME_STOP = re.compile(r"^(sammanträdesdatum|datum|organ|plats|tid|protokoll\w*|kallelse|styrelse\w*|org\.?nr|"
                       r"organisationsnummer|dnr|sida|box|telefon|tel|e-post|besöksadress|postadress|hemsida|"
                       r"verksamhetsberättelse|årsredovisning|delårsrapport|verksamhetsplan|budget|avger|"
                       # the bodies and block headings of a council's minutes that run on after the name
                       r"kommunstyrelse\w*|\w*fullmäktige\w*|regionstyrelse\w*|\w*nämnd\w*|direktion\w*|"
                       r"förslag\w*|beslut\w*|sammanfattning|ärende\w*|bakgrund|"
                       # the words that open the sentence after a name that ends a heading
                       r"vid|under|och|som|den|det|detta|för|med|efter|inför|på|av|till|har|är|var|samt|nu|i|"
                       r"(?-i:[A-ZÅÄÖ]{3,}))$",
                       re.I)
OWN_FORM_USES = 5  # a document naming itself this often in one form is reported in that form
LETTERHEAD_LINES = 8
CAPS_SCAN = 3000
HEADING_LABEL = re.compile(r"^(plats och tid|tid och plats|beslutande|närvarande|ledamöter|närvarolista)\b", re.I)
FIRST_PARAGRAPH = re.compile(r"^(?:[A-ZÅÄÖ]{1,4}\s?)?§\s?\d{1,3}\b")
FRONT_MATTER = re.compile(r"^[a-z_]+:(\s|$)")  # "kommun: kungsbacka", the key lines of a converter's header
LETTERHEAD_WORDS = 10  # a letterhead line is short; a longer one is running text or a flattened page
KIND_RANK = {"samordningsforbund": 0, "kommun": 1, "region": 1, "myndighet": 2}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A form's pattern, compiled on first use: the word test leaves few of the hundreds to try."""
    return re.compile(pattern, re.I)


@cache
def _patterns() -> tuple[tuple[Body, str, str], ...]:
    out = []
    for body in samordningsforbund():
        for form in body.forms:
            # "Skellefteå–Norsjö" also as typed "Skellefteå - Norsjö" or "Skellefteå-Norsjö"
            words = [re.sub(r"\\-|–", r"\\s*[-–]\\s*", re.escape(w)) for w in form.split()]
            if len(words) < 2 and "förbund" not in form.lower():
                continue  # short brand names ("SDS", "Samspelet") are too ambiguous in running text
            out.append((body, form, r"(?<![\wåäö])" + r"\s+".join(words) + r"s?(?![\wåäö])"))
    return tuple(out)


@cache
def _author_patterns() -> tuple[tuple[Body, str, str], ...]:
    """Forms of kommuner, regions and authorities that name the body itself ("Kungsbacka kommun",
    "KUNGSBACKA KOMMUN", "Region Halland", "Landstinget i Uppsala län", "Försäkringskassan")."""
    out = []
    for body in (*kommuner(), *regioner(), *myndigheter()):
        for form in body.forms:
            words = form.split()
            if body.kind == "kommun" and not re.search(r"\b(kommun|stad)$", form, re.I):
                continue
            if len(form) < 4 or (body.kind == "myndighet" and form.isupper()):
                continue
            dash = r"[\s\-–]+"
            pattern = r"(?<![\wåäö])" + dash.join(re.escape(w) for w in words) + r"s?(?![\wåäö])"
            out.append((body, form, pattern))
    return tuple(out)


_WORD_RUN = re.compile(r"\w+")


@cache
def _runs(form: str) -> tuple[str, ...]:
    return tuple(_WORD_RUN.findall(form.casefold()))


def _words(text: str) -> frozenset[str]:
    """The words of a text, casefolded, for `_may_occur`."""
    return frozenset(_WORD_RUN.findall(text.casefold()))


def _may_occur(form: str, words: frozenset[str]) -> bool:
    """Every word of `form` is a word of the text (its last perhaps with an s), as its pattern
    needs: a set look-up a word before the pattern, not a search of the whole text."""
    runs = _runs(form)
    if not runs:
        return True
    return all(r in words for r in runs[:-1]) and (runs[-1] in words or runs[-1] + "s" in words)


def _letterhead(text: str) -> list[str]:
    """The first lines of the document and the lines repeated as a running header on its pages."""
    lines = [ln.strip() for ln in re.split(r"[\n\f]", text)]
    head: list[str] = []
    for ln in lines:
        if HEADING_LABEL.match(ln):
            break  # the heading's lists begin: their members' organisations are no letterhead
        if FIRST_PARAGRAPH.match(ln):
            break  # the first § begins: what it is about is no letterhead ("Budget för Samordningsförbundet …")
        if ln and not ln.startswith(("---", "<!--")) and not FRONT_MATTER.match(ln):
            head.append(ln)
    first = [" ".join(ln.split()[:LETTERHEAD_WORDS]) for ln in head[:LETTERHEAD_LINES]]
    first = [ln for ln in first if not ln.endswith((".", "!", "?"))]
    seen: Counter[str] = Counter(ln for ln in lines if 3 < len(ln) < 120)
    repeated = [ln for ln, n in seen.items() if n >= 2 and not re.fullmatch(r"[\d\s()/.\-–]+", ln)]
    return first + repeated


def _canonical(body: Body, uses: Counter[str]) -> str:
    form, n = uses.most_common(1)[0]
    if n >= OWN_FORM_USES:
        return next(f for f in body.forms if f.casefold() == form)
    return body.name


def author_of(text: str, heading_end: int) -> str | None:
    """Canonical name of the organisation that produced the document."""
    head = _letterhead(text)
    joined = "\n".join(head)
    head_words = _words(joined)
    for body, form, pattern in sorted(_patterns(), key=lambda x: -len(x[1])):
        if _may_occur(form, head_words) and _compiled(pattern).search(joined):
            named = forbund_of(text, heading_end)
            return named if named in body.forms else body.name
    unknown = next((name for ln in head if len(ln.split()) <= LETTERHEAD_WORDS and (name := _unknown_forbund(ln))),
                   None)
    if unknown:
        return unknown  # a förbund the gazetteer lacks in the letterhead, as a known one would be
    hits: list[tuple[int, int, Body]] = []
    candidates = [(body, _compiled(pattern)) for body, form, pattern in _author_patterns()
                  if _may_occur(form, head_words)]
    for line_no, ln in enumerate(head):
        for body, compiled in candidates:
            m = compiled.search(ln)
            if m:
                hits.append((KIND_RANK[body.kind], line_no, body))
    if hits:
        return min(hits, key=lambda h: (h[0], h[1]))[2].name
    named = forbund_of(text, heading_end)
    if named:
        return named
    # a letterhead set in capitals inside a page whose line breaks were lost ("KUNGSBACKA KOMMUN")
    head_text = text[:CAPS_SCAN]
    scan_words = _words(head_text)
    for body, form, pattern in _author_patterns():
        if _may_occur(form, scan_words) and any(m[0].isupper() and len(m[0]) > 5
                                                for m in _compiled(pattern).finditer(head_text)):
            return body.name
    return None


def forbund_of(text: str, heading_end: int) -> str | None:
    """Canonical name of the writing förbund; `heading_end` marks the first page's heading zone."""
    scores: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    taken: list[tuple[int, int]] = []
    text_words = _words(text)
    for body, form, pattern in sorted(_patterns(), key=lambda x: -len(x[1])):
        if not _may_occur(form, text_words):
            continue
        for m in _compiled(pattern).finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            weight = 2 if m.start() < heading_end else 1
            scores[body.name] += weight
            written.setdefault(body.name, Counter())[form.casefold()] += weight
    if scores:
        best = scores.most_common(1)[0][0]
        body = next(b for b in samordningsforbund() if b.name == best)
        return _canonical(body, written[best])
    return _unknown_forbund(text)


def _unknown_forbund(text: str) -> str | None:
    """The förbund the gazetteer lacks that `text` names most often, as it writes it."""
    names: Counter[str] = Counter()
    for m in UNKNOWN_FORBUND.finditer(text):
        words = re.sub(r"\s+", " ", m[1]).split()
        cut = next((i for i, w in enumerate(words) if i > 0 and NAME_STOP.match(w)), len(words))
        words = words[:cut]
        if len(words) >= 2 and words[-1] not in GENERIC_WORDS:
            names[" ".join(words)] += 1
    return names.most_common(1)[0][0] if names else None
