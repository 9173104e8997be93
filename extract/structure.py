"""The structure of a document, read once before any field is extracted: parts, each part's
heading zone with its labelled fields (Plats och tid, Beslutande, Ersättare, Underskrifter, …),
its § or agenda sections, and each section's blocks (Beslut, Förslag till beslut, Yrkanden,
Beslutsgång, Reservation, …). Every node keeps its span in the normalized text.

The same tree comes out whether a label has its value on its own line, on the lines that follow
or in a column the text layer interleaved, and whether the text kept its line breaks or lost
them: `logical_lines` cuts a flattened page at the labels and headings it recognises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .items import Heading, agenda_headings, paragraph_headings
from .layout import Line, lines_of
from .parts import MINUTES, PartSpan, find_parts, part_at

# A text is double-spaced where no more than this share of its lines follow one another directly
# and at least the second share are one blank line apart.
ADJACENT_SHARE = 0.05
DOUBLE_SPACED_SHARE = 0.5
DOUBLE_SPACED_MIN = 10
# A line longer than this holds a whole page or paragraph whose line breaks were lost; so does
# a shorter one (a short page) where two labels or headings or more begin inside it.
FLAT_LINE = 300
FLAT_LINE_SHORT = 150
FLAT_SHORT_CUTS = 2

# Labels of a minutes heading, the key each one fills, and whether it lists people.
ZONE_LABELS: tuple[tuple[str, str], ...] = (
    ("justering", r"justeringens plats och tid|plats och tid för justering|justeringsdatum|justeringsplats|"
                  r"justering(?:ens)?(?: plats och tid)?"),
    ("plats", r"plats och tid(?: för sammanträde(?:t)?)?|tid och plats|sammanträdesplats|mötesplats|plats|lokal"),
    ("beslutande", r"beslutande(?: ledamöter| [a-zåäö]*representanter| medlemmar)?|närvarande ledamöter|"
                   r"tjänstgörande ledamöter|ledamöter|"
                   r"tjänstgörande ersättare|närvarande(?! ersättare| tjänstem| tjänstepersoner)"),
    ("ovriga", r"ej beslutande(?: ledamöter)?|ej tjänstgörande ersättare|icke tjänstgörande ersättare|"
               r"närvarande ersättare|övriga (?:närvarande|deltagare|deltagande|ej beslutande)"
               r"(?: tjänstem[äa]n| tjänstepersoner)?|övriga|ersättare|tjänstepersoner|tjänstem[äa]n|"
               r"personalföreträdare|adjungerade?|insynsplatser?"),
    ("franvarande", r"anmält förhinder|frånvarande(?: ledamöter| ersättare)?|ej närvarande|förhinder|"
                    r"anmäld frånvaro"),
    ("justera", r"utses att justera|utsedd(?:a)? att justera|utses till justerare|justerare utses"),
    ("underskrifter", r"underskrifter|underskrift"),
    ("sekreterare", r"sekreterare|protokollförare|vid protokollet|protokollet fört av"),
    ("ordforande", r"mötesordförande|ordförande"),
    ("justerare", r"protokolljusterare|justerande|justerare|justeras"),
    ("paragrafer", r"justerade paragrafer|justerande paragrafer|paragrafer"),
    ("anslag", r"anslag\s*/\s*bevis|anslagsbevis|bevis om anslag|anslag|organ|sammanträdesdatum|"
               r"datum för anslags? (?:uppsättande|nedtagande)|förvaringsplats för protokollet"),
)
ZONE_LABEL = re.compile("|".join(f"(?P<{key}>{pattern})" for key, pattern in ZONE_LABELS), re.I)
PEOPLE_GROUPS = {"beslutande": "beslutande", "ovriga": "ovriga", "franvarande": "franvarande"}
SIGNATURE_KEYS = ("sekreterare", "ordforande", "justerare")
# A label is only a label where what follows is not the rest of a sentence.
LABEL_END = re.compile(r"\s*(?:[:\t]|\s{2,}|$|(?=[A-ZÅÄÖ§\d(.…_]))")

# Blocks of a § section, by their heading line.
BLOCK_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("forslag", re.compile(r"^(?:förslag|förlag) till beslut\b(?P<to>.*)$|^(?:\w+s )?förslag till (?:beslut|yttrande)"
                           r"\b(?P<to2>.*)$|^(?:förvaltningens|ordförandens|utskottets|arbetsutskottets|"
                           r"presidiets|kommunstyrelsens|beredningens) förslag(?: till beslut)?\b(?P<to3>.*)$", re.I)),
    ("beslut", re.compile(r"^(?:beslut(?:et)?(?:\s+[-–]\s+[^.]{0,60})?|[\wåäö]+s beslut|nämnden för [\wåäö &]+s beslut|"
                          r"(?:styrelsen|nämnden|stämman|kommunstyrelsen|fullmäktige) beslutar|"
                          r"beslut\s*:\s*\S.*|(?:styrelsen|stämman) beslutade\b.*)\s*[.:]?$", re.I)),
    ("beslutsgang", re.compile(r"^(?:beslutsgång|propositionsordning|omröstning|votering)\b.*$", re.I)),
    ("yrkanden", re.compile(r"^(?:yrkanden?|förslag till beslut på sammanträdet|yrkande på sammanträdet)\b.*$", re.I)),
    ("reservation", re.compile(r"^(?:reservationer?|skriftlig reservation)\b.*$", re.I)),
    ("protokollsanteckning", re.compile(r"^(?:protokollsanteckningar?|protokollanteckning(?:ar)?|särskilt yttrande)\b"
                                        r".*$", re.I)),
    ("skickas", re.compile(r"^(?:beslutet skickas till|beslutet ska skickas till|expedieras till|expediering|"
                           r"beslutet expedieras till|sändlista|för kännedom)\b.*$", re.I)),
    ("underlag", re.compile(r"^(?:beslutsunderlag|handlingar|underlag|bilagor)\s*:?$", re.I)),
    ("beskrivning", re.compile(r"^(?:ärendebeskrivning|sammanfattning(?: av ärendet)?|bakgrund|beskrivning av ärendet|"
                               r"ärendet|beredning|bedömning|förvaltningens bedömning|beslutsmotivering|motivering|"
                               r"ekonomiska konsekvenser|yttrande)\s*:?$", re.I)),
)
BLOCK_WORDS = 12  # a block heading is a short line
AGENDA_RUN = 3  # numbered points that make minutes without § headings an agenda
# A block heading at the start of a flattened line, its text after it.
INLINE_BLOCK = re.compile(
    r"^\s*(?P<head>(?i:(?:förslag|förlag) till beslut(?: (?:i|till|på) [\wåäö]+)?|"
    r"beslut(?:et)?(?:\s+[-–]\s+[^.]{0,60}?)?|"
    r"[\wåäö]+s beslut|[\wåäö]+s förslag till [\wåäö]+|beslutsgång|yrkanden?|reservationer?|protokollsanteckningar?|"
    r"beslutet skickas till|"
    r"beslutsunderlag|sammanfattning(?: av ärendet)?|ärendebeskrivning|bakgrund|beslutsmotivering|expedieras till)"
    r"\s*:?)\s+(?P<body>[A-ZÅÄÖ§\d])")
# Where a flattened line is cut: a § heading, a capitalised label, a part heading in capitals,
# a block heading, a bullet.
FLAT_CUTS = re.compile(
    r"(?<![\w,(])(?<!,\s)(?=(?:[A-ZÅÄÖ]{1,4}\s?)?§§?\s?\d{1,3}\b(?![\d\-–]|\s*(?:kap|st|mom|och|,)\b)[.:]?\s+[A-ZÅÄÖ\"])"
    r"|(?<=[\s.])(?<!,\s)(?=(?:Ordförande|Protokolljusterare|Justerare|Justerande)\s+[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ])"
    r"|(?<=\s)(?=\|\s*\d{1,2}[.)]?\s*\|)"
    r"|(?<=[\s.])(?<!,\s)(?=(?:Plats och tid|Beslutande|Ledamöter|Tjänstgörande ersättare|Ersättare|Övriga närvarande|"
    r"Övriga deltagande|Övriga|Närvarande|Ej beslutande|Ej tjänstgörande ersättare|Icke tjänstgörande ersättare|"
    r"Anmält förhinder|Frånvarande|Tjänstepersoner|Tjänstemän|"
    r"Utses att justera|Justeringens plats och tid|Justering|Underskrifter|Paragrafer|Sekreterare|ANSLAG|Anslag)\b"
    r"(?![\wåäö]))"
    r"|(?<=[\s.,])(?=(?:Beslutsunderlag|Beslutsgång|Beslutet skickas till|Förslag till beslut|Reservation|"
    r"Protokollsanteckning|Sammanfattning|Bakgrund|Ärendebeskrivning|Beslut)\b(?![\wåäö]))"
    r"|(?<=\s)(?=[A-ZÅÄÖ][a-zåäö]+s (?:beslut|förslag till [a-zåäö]+)\s+(?:[A-ZÅÄÖ\d]|att\b))"
    r"|(?<=\s)(?=(?:KALLELSE|PROTOKOLL|SAMMANTRÄDESPROTOKOLL|DAGORDNING|FÖREDRAGNINGSLISTA|UNDERRÄTTELSE)\b)"
    r"|(?<=\s)(?=[•▪]\s)")
RUN_ON_PARAGRAPH = re.compile(r"(?<=[a-zåäö)][.!?] )(?=§\s?\d{1,3} +[A-ZÅÄÖ][a-zåäö]+ [\wåäö])")
FLAT_AGENDA = re.compile(r"(?<=\s)(?=(?P<num>\d{1,2})[.)]\s+[A-ZÅÄÖ])")
# An utskott decides by proposing to the board: its own "Förslag till beslut i kommunstyrelsen" is
# what it decided.
UTSKOTT = re.compile(r"\b(arbetsutskott\w*|utskott\w*|beredning(?:en|sgrupp\w*)?|presidi\w+|AU)\b", re.I)
UTSKOTT_WORDS = 40  # of a page whose line breaks were lost, the words that hold its letterhead
UTSKOTT_PREFIX = re.compile(r"^\s*(?:[A-ZÅÄÖ]{0,4}AU|AU)\s*§", re.M)


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled field of a heading zone: `key` (ZONE_LABELS), the label's span and the
    value's span (empty when the value is printed elsewhere, as in an interleaved form)."""

    key: str
    label: str
    start: int
    end: int
    value_start: int
    value_end: int
    value: str


@dataclass(frozen=True, slots=True)
class Block:
    """A part of a § section under one heading: `kind` from BLOCK_HEADINGS, or "text" for what
    precedes the first heading. `addressee` is the body a Förslag is addressed to ("i kommunstyrelsen")."""

    kind: str
    heading: str | None
    start: int
    end: int
    lines: tuple[Line, ...]
    addressee: str | None = None
    content: int | None = None  # where text on the heading's own line begins, as in a flattened page


@dataclass(frozen=True, slots=True)
class Section:
    """A § paragraph or an agenda point with its blocks."""

    heading: Heading
    start: int
    end: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Zone:
    """A minutes part's heading zone: its lines and labelled fields."""

    start: int
    end: int
    lines: tuple[Line, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class PartNode:
    """A part of the file with its heading zone (minutes only) and its sections."""

    part: PartSpan
    zone: Zone | None
    sections: tuple[Section, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """The tree of one document."""

    text: str
    lines: tuple[Line, ...]
    parts: tuple[PartNode, ...]
    headings: tuple[Heading, ...]
    utskott: bool = False
    warnings: tuple[str, ...] = field(default=())


def logical_lines(text: str, extra: frozenset[int] = frozenset()) -> list[Line]:
    """The document's lines, with a line that lost its breaks cut where a label, a § heading, a
    part heading, a block heading or a numbered point begins (and at the offsets `extra`)."""
    out: list[Line] = []
    for ln in lines_of(text):
        own = {x - ln.start for x in extra if ln.start < x < ln.end}
        # a § heading that opens after a sentence ends ("… och Arbetsförmedlingen. § 14 Årsredovisning")
        if "§" in ln.text:
            own |= {m.start() for m in RUN_ON_PARAGRAPH.finditer(ln.text)}
        if len(ln.text) < FLAT_LINE_SHORT and not own:
            out.append(ln)
            continue
        cuts = {m.start() for m in FLAT_CUTS.finditer(ln.text)} if len(ln.text) >= FLAT_LINE_SHORT else set()
        if len(ln.text) < FLAT_LINE and len(cuts - {0}) < FLAT_SHORT_CUTS:
            cuts = set()  # a long sentence, not a page: it opens no two labels or headings
        if not cuts and not own:
            out.append(ln)
            continue
        cuts |= own
        expected = 1
        for m in FLAT_AGENDA.finditer(ln.text):
            if int(m["num"]) == expected:
                cuts.add(m.start())
                expected += 1
        pos = 0
        for cut in sorted(cuts):
            if cut > pos:
                out.append(Line(ln.start + pos, ln.start + cut, ln.text[pos:cut].rstrip()))
                pos = cut
        out.append(Line(ln.start + pos, ln.end, ln.text[pos:]))
    out = [Line(ln.start, ln.start + len(ln.text), ln.text) for ln in out]
    return _single_spaced(out)


def physical_lines(text: str) -> list[Line]:
    """The document's lines as printed (no cuts), a double-spaced text single-spaced: what the
    readers of table rows take."""
    return _single_spaced(lines_of(text))


def _single_spaced(lines: list[Line]) -> list[Line]:
    """Lines of a double-spaced text (a blank line after every line, as some converters write)
    without the blank lines that only space it; a paragraph break is then two blank lines or more."""
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    if len(nonblank) < DOUBLE_SPACED_MIN:
        return lines
    gaps = [b - a for a, b in zip(nonblank, nonblank[1:], strict=False)]
    # Minutes of many short paragraphs, doubled, have as many paragraph breaks (three blank lines,
    # never two) as lines that follow each other (one blank line).
    doubled_paragraphs = (gaps.count(2) >= DOUBLE_SPACED_SHARE / 2 * len(gaps) and gaps.count(3) == 0
                          and sum(g >= 4 for g in gaps) >= 2)
    if gaps.count(1) > ADJACENT_SHARE * len(gaps) or (gaps.count(2) < DOUBLE_SPACED_SHARE * len(gaps)
                                                       and not doubled_paragraphs):
        return lines
    out: list[Line] = []
    run = 0
    for ln in lines:
        if ln.blank:
            run += 1
            if run == 2:
                out.append(ln)
            continue
        run = 0
        out.append(ln)
    return out


def _zone_fields(lines: list[Line]) -> list[Field]:
    """Every label at the start of a line (or after a wide gap, in a two-column form), with the
    value that follows it on the same line."""
    found: list[Field] = []
    for ln in lines:
        text = ln.text
        pos = 0
        stripped = text.lstrip(" *")
        offset = len(text) - len(stripped)
        cursor = offset
        labels: list[tuple[str, int, int]] = []
        while cursor < len(text):
            m = ZONE_LABEL.match(text, cursor)
            if not m or not LABEL_END.match(text, m.end()) or (m.end() < len(text) and text[m.end()].isalpha()
                                                                and text[m.end() - 1].isalpha()):
                break
            if not text[m.start()].isupper():
                break  # "ordförande" under a name continues its role; labels are capitalised
            labels.append((m.lastgroup or "", m.start(), m.end()))
            cursor = m.end()
            while cursor < len(text) and text[cursor] in " \t:":
                cursor += 1
        if not labels:
            # a label after a wide gap: the right column of a two-column heading
            for m in re.finditer(r"(?:\t|\s{3,})", text):
                lm = ZONE_LABEL.match(text, m.end())
                if lm and LABEL_END.match(text, lm.end()) and lm.end() - lm.start() > 4:
                    rest_line = text[lm.end():]
                    if not rest_line.strip() or rest_line[:1] in " \t:":
                        labels.append((lm.lastgroup or "", lm.start(), lm.end()))
            if not labels:
                continue
        for n, (key, a, z) in enumerate(labels):
            nxt = labels[n + 1][1] if n + 1 < len(labels) else len(text)
            value = text[z:nxt]
            lead = len(value) - len(value.lstrip(" :\t"))
            gap = re.search(r"\t|\s{3,}", value[lead:])
            if gap and n + 1 == len(labels):
                value = value[:lead + gap.start()]  # what follows the gap is the next column
            vstart = z + (len(value) - len(value.lstrip(" :\t")))
            clean = value.strip(" :\t")
            found.append(Field(key, text[a:z], ln.start + a, ln.start + z, ln.start + vstart,
                               ln.start + vstart + len(clean), clean))
        del pos
    return found


def _block_kind(ln: Line) -> tuple[str, str | None, int | None] | None:
    """The kind of block a line opens, the body a Förslag is addressed to, and, where the line
    also holds the block's text (a page whose line breaks were lost), where that text begins."""
    text = ln.stripped.strip(" *")
    if not text or ln.is_row:
        return None
    if len(text.split()) <= BLOCK_WORDS:
        for kind, pattern in BLOCK_HEADINGS:
            m = pattern.match(text)
            if m:
                groups = m.groupdict()
                to = (groups.get("to") or groups.get("to2") or groups.get("to3") or "").strip(" :.") or None
                return kind, to, None
    m = INLINE_BLOCK.match(ln.text)
    if not m:
        return None
    found = _block_kind(Line(ln.start, ln.start + m.end("head"), m["head"]))
    return (found[0], found[1], ln.start + m.start("body")) if found else None


def _title_apart(heading: Heading, lines: list[Line]) -> list[Line]:
    """A section's lines with its heading line cut after the title where the line runs on into a
    block ("§ 12 Val av justerare Beslut Kommunstyrelsen beslutar att …", a page whose line
    breaks were lost), so that the block is read as one."""
    if not lines or not heading.title:
        return lines
    first = lines[0]
    at = first.text.find(heading.title)
    if at < 0:
        return lines
    cut = at + len(heading.title)
    rest = first.text[cut:]
    if not rest[:1].isspace() or not INLINE_BLOCK.match(rest):
        return lines
    lead = len(rest) - len(rest.lstrip())
    return [Line(first.start, first.start + cut, first.text[:cut]),
            Line(first.start + cut + lead, first.end, rest[lead:]), *lines[1:]]


def _blocks(lines: list[Line]) -> list[Block]:
    out: list[Block] = []
    kind, heading, addressee = "text", None, None
    content: int | None = None
    cur: list[Line] = lines[:1]
    start = lines[0].start if lines else 0
    for ln in lines[1:]:
        found = _block_kind(ln)
        if found:
            if cur:
                out.append(Block(kind, heading, start, cur[-1].end, tuple(cur), addressee, content))
            kind, addressee, content = found
            heading = ln.stripped if content is None else ln.text[:content - ln.start].strip()
            start, cur = ln.start, [ln]
            continue
        cur.append(ln)
    if cur:
        out.append(Block(kind, heading, start, cur[-1].end, tuple(cur), addressee, content))
    return out


def within(lines: list[Line], start: int, end: int) -> list[Line]:
    return [ln for ln in lines if start <= ln.start < end]


def owner(parts: list[PartSpan], part: PartSpan) -> PartSpan:
    """The part whose §§ run through `part`: the minutes before it when it is an attached bilaga."""
    if not part.attached or part.type in MINUTES:
        return part
    earlier = [p for p in parts if p.start < part.start and not p.attached]
    return earlier[-1] if earlier else part


def _minutes_by_labels(lines: list[Line]) -> bool:
    """A file without a title whose first lines hold a minutes heading's labels: attendance and
    signatures ("Plats och tid Beslutande … Justerare Sekreterare …")."""
    head = " ".join(ln.text for ln in lines[:40])[:4000]
    keys = {m.lastgroup for m in ZONE_LABEL.finditer(head) if head[m.start()].isupper()}
    return len(keys) >= 4 and bool(keys & {"beslutande", "franvarande"}) and bool(keys & set(SIGNATURE_KEYS))


# A § number whose sign the text layer lost: "382 Mötets öppnande", trusted only in a run.
BARE_NUMBER = re.compile(r"(?<![\S])(?P<num>\d{1,3}) (?=[A-ZÅÄÖ][a-zåäö]{2,})")
MIN_RUN = 3
# "63 BILDANDE AV SAMORDNINGSFÖRBUNDET VÄST": a number before a title of three words or more in capitals.
CAPS_TITLED_NUMBER = re.compile(r"(?<![\S])(?P<num>\d{1,3}) (?P<title>[A-ZÅÄÖ]{2,}(?: (?:[A-ZÅÄÖ]{2,}|[&,\-])){2,}"
                                r"(?: (?:19|20)\d{2})?)(?=\s|$)")


def _unsigned_paragraphs(text: str, start: int, end: int) -> list[tuple[int, str, str | None]]:
    """(offset, number, title) of § headings that lost their sign, from the longest run of
    numbers that each repeat or follow the one before."""
    found = [(m.start(), int(m["num"])) for m in BARE_NUMBER.finditer(text, start, end) if int(m["num"]) > 1]
    best: list[tuple[int, int]] = []
    for i in range(len(found)):
        run = [found[i]]
        for pos, n in found[i + 1:]:
            if n in (run[-1][1], run[-1][1] + 1):
                run.append((pos, n))
        if len(run) > len(best):
            best = run
    if len(best) < MIN_RUN or best[-1][1] - best[0][1] < MIN_RUN - 1:
        # one § of an extract, its title in capitals as some kommuner print it: trusted alone
        return [(m.start(), m["num"], " ".join(m["title"].split()))
                for m in CAPS_TITLED_NUMBER.finditer(text, start, end) if int(m["num"]) > 1]
    out = []
    for pos, n in best:
        words = text[pos:pos + 200].split()[1:]
        title = words[:1]
        for w in words[1:8]:
            if w[:1].isupper():
                break
            title.append(w)
        out.append((pos, str(n), " ".join(title).strip(" /") or None))
    return out


def structure_of(text: str) -> Document:
    """The tree of a document's normalized text."""
    lines = logical_lines(text)
    paragraph_heads = paragraph_headings(lines)
    body_starts = [h.start for h in paragraph_heads if not h.toc]
    parts = find_parts(lines, body_starts, text)
    if len(parts) == 1 and parts[0].type == "other" and parts[0].title is None and _minutes_by_labels(lines):
        parts = [PartSpan("protokoll", None, 0, len(text))]
    if any(p.type == "protokoll" for p in parts) and not body_starts:
        unsigned = _unsigned_paragraphs(text, 0, len(text))
        if unsigned:
            lines = logical_lines(text, frozenset(pos for pos, _, _ in unsigned))
            paragraph_heads = [Heading(num, title, pos, next(ln.end for ln in lines if ln.start == pos), "paragraph")
                               for pos, num, title in unsigned]
    agenda: list[Heading] = []
    for p in parts:
        if p.type == "kallelse":
            agenda.extend(agenda_headings(within(lines, p.start, p.end)))
        elif p.type == "protokoll" and not any(p.start <= h.start < p.end for h in paragraph_heads):
            # Minutes numbered as an agenda ("1. Mötets öppnande", "2. Val av justerare"), as small
            # boards write them: a run of points from the first is its sections.
            points = agenda_headings(within(lines, p.start, p.end))
            if len(points) >= AGENDA_RUN and points[0].number == "1":
                agenda.extend(replace(h, kind="paragraph") for h in points)
    headings = sorted(paragraph_heads + agenda, key=lambda h: h.start)
    sections = [h for h in headings if not h.toc]
    starts = sorted({p.start for p in parts} | {p.end for p in parts} | {h.start for h in sections} | {len(text)})
    nodes: list[PartNode] = []
    warnings: list[str] = []
    for p in parts:
        own_lines = within(lines, p.start, p.end)
        own = [h for h in sections if owner(parts, part_at(parts, h.start)) is p]
        zone = None
        if p.type in MINUTES:
            first = [h.start for h in headings if p.start <= h.start < p.end]
            stop = min(first) if first else p.end
            zone_lines = [ln for ln in own_lines if ln.start < stop]
            zone = Zone(p.start, stop, tuple(zone_lines), tuple(_zone_fields(zone_lines)))
            if p.type == "protokoll" and not own:
                warnings.append("protokoll without § headings")
        built = []
        for h in own:
            end = next((s for s in starts if s > h.start), len(text))
            sec_lines = within(lines, h.start, end)
            built.append(Section(h, h.start, end, tuple(_blocks(_title_apart(h, sec_lines)))))
        nodes.append(PartNode(p, zone, tuple(built), tuple(own_lines)))
    head = text[:2000]
    first_words = " ".join(" ".join(ln.text for ln in lines_of(head)[:40]).split()[:UTSKOTT_WORDS])
    utskott = bool(UTSKOTT_PREFIX.search(text)) or any(
        UTSKOTT.search(ln.text) for ln in lines_of(head)[:20] if len(ln.text.split()) <= 8) or (
        len(lines_of(head)) < 5 and bool(UTSKOTT.search(first_words)))
    return Document(text, tuple(lines), tuple(nodes), tuple(headings), utskott, tuple(warnings))
