"""Decisions: every decided point of a Beslut section (each bullet its own decision), passive
decision sentences in minutes ("Dagordningen godkändes"), and decisions a report recounts
("Styrelsen fastställde den 30 november 2018 en budget …"). Proposals are never decisions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from samarkiv.normalize.amounts import find_money

from .layout import Block, Line, blocks_of, sentences, squash, units_of
from .structure import Section

# Decision kinds, first match wins: the specific verbs before the general ones.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other", re.compile(r"\b(för \w+ räkning underteckna|teckna firma|firmatecknare|ansöker om|ansöka om)\b", re.I)),
    ("reject", re.compile(r"\b(bifaller inte|avslår|avslogs|avslag|inte bifalla|(?:inte|ej) avser att)\b", re.I)),
    ("table", re.compile(r"\b(bordlägg\w*|bordlades|skjuter upp|skjuts upp|återremitter\w*|remitterar|"
                         r"avvakta\w* med)\b", re.I)),
    ("elect", re.compile(r"\b(utses|utser|utse|valdes|väljs|väljer (?!att)|representerar|företräder|deltar vid|"
                         r"till justerare|till ordförande)\b", re.I)),
    ("assign", re.compile(r"\b(i uppdrag|uppdra[rs]?\b|överlämnar till \w+ att|"
                          r"beslutar att (?:förbundschefen|kansliet|presidiet|förbundssekreteraren|ordföranden?)\b"
                          r"(?! \S+ \S+ (?:representerar|deltar)))", re.I)),
    # Discharge from liability is granted, but no money: it approves the year's management.
    ("approve", re.compile(r"\bansvarsfrihet\b", re.I)),
    ("grant", re.compile(r"\b(bevilja\w*|finansiera|anslå\w*|tilldela\w*|utökar \w+ ramar?|avsätt\w*|avsatte)\b",
                         re.I)),
    ("approve", re.compile(r"\b(godkänn\w*|godkänd\w*|godkänts|ant(?:ar|og|ogs|as|a)\b|fastställ\w*|"
                           r"ställer sig (?:positiv\w*|bakom)|intygar|enligt förslag|"
                           r"i enlighet med (?:\w+ )?förslag\w*|beslutad av|ger bifall|"
                           r"avger yttrande|uppdaterar|förläng(?:a|er|s|des)\b)", re.I)),
    ("note", re.compile(r"\b(tackar för informationen|till handlingarna|noterar|noteras|informationen antecknas|"
                        r"antecknas till protokollet)\b", re.I)),
)
DECISION_WORDS = re.compile(
    r"\b(beslut\w*|godkänn\w*|godkändes|tackar för|uppdrag|utses|utser|väljer|valdes|ant(?:ar|og|ogs|as|a)\b|"
    r"fastställ\w*|bevilja\w*|bifall\w*|avslå\w*|bordlägg\w*|handlingarna|ställer sig|uppdateras|"
    r"justeras omedelbart|utgår|noterar|representerar|deltar vid)", re.I)
BESLUT_HEADING = re.compile(r"^(?:(?:styrelsens |nämndens )?beslut(?:et)?\s*[.:]?|"
                            # "Beslut – Styrelsen noterar …" decides; "Beslut – för fastställande i …" notes
                            r"(?:[\wåäö]+s )?beslut\s*(?::\s*|\s[-–]\s*(?-i:(?=[A-ZÅÄÖ])))(?P<rest>\S.*))\s*$", re.I)
PROPOSAL = re.compile(r"\b(föreslås|föreslår|förslag till beslut|yrkar)\b", re.I)
PASSIVE = re.compile(r"\b(utses|valdes|godkändes|beslutades|antogs|fastställdes|beviljades|bordlades|"
                     r"godkänns|fastställs|beviljas|bordläggs|läggs till handlingarna|"
                     r"styrelsen beslutar|beslutar styrelsen)\b|"
                     r"\b[\wåäö]*(?:styrelsen|nämnden|direktionen|utskottet|stämman|fullmäktige|mötet) beslutar "
                     r"(?:att|(?:i enlighet med|enligt) (?:\w+ )?förslag(?:et)?)\b|"
                     r"^(?:informationen|rapporten|redovisningen|uppföljningen) (?:noteras|antecknas)\b|"
                     r"^(?:Styrelsen|Nämnden|Förbundsstyrelsen|Direktionen|Stämman|Kommunstyrelsen|Utskottet|"
                     r"Arbetsutskottet|Mötet) (?:beslutade|beslöt)\b", re.I)
# "Kommunstyrelsen beslutar" (att) over its att-clauses or bullets: each clause a decided point.
LEAD_IN = re.compile(r"^(?:[A-ZÅÄÖ][\wåäöÅÄÖ&\- ]{2,60}?) (?i:beslutar|beslöt|beslutade|beslutar för egen del|"
                     r"föreslår [\wåäö]+ (?:att )?besluta)(?i: att)?\s*:?$")
REPORTED = re.compile(
    r"(\b(?:[Ff]örbunds)?(?:[Ss]tyrelse(?:n|ns)?|[Dd]irektionen)\b(?: för [^.]{0,60}?)?(?: \w+){0,3}? "
    r"(beslutade|beslöt|antog|fastställde|har beslutat|beslutat|beviljade|godkände)\b|"
    r"\befter beslut av styrelsen\b|^Beslutad av styrelsen\b|"
    r"^(?:På|Vid) (?:mötet|sammanträdet|styrelsemötet) (?:\w+ ){0,3}?(?:togs|fattades) (?:\w+ )?beslut (?:om|att)\b|"
    r"\b[Ss]tyrelsen (?:tog|fattade)(?: \w+){0,4}? beslut(?:et)? (?:att|om)\b|"
    r"\b(?:beslutade|beslöt) styrelsen\b|^(?:Därefter |Sedan |Även )?fattades (?:\w+ )?beslut om\b|"
    r"\b(Samordningsförbundet|Förbundet|Styrelsen) har fattat beslut\b|\bVi intygar\b)")
# In a decision block, proposing to the body above is what was decided ("Kommunstyrelsen föreslår
# kommunfullmäktige besluta att …").
PROPOSES_ON = re.compile(r"^[A-ZÅÄÖ][\wåäö&\- ]{2,60}? föreslår [\wåäö]+ (?:att )?besluta\b")
NOT_THE_BOARD = re.compile(r"^(Styrgrupp|Presidi|Beredningsgrupp|Försäkringskassan|Arbetsförmedlingen)", re.I)
# The deciding body as the subject of a present-tense verb: a decided point of a decision block.
BODY_DECIDES = re.compile(
    r"^(?:(?:Nämnden|Styrelsen|Förbundsstyrelsen|Kommunstyrelsen|Kommunfullmäktige|Regionstyrelsen|Regionfullmäktige|"
    r"Fullmäktige|Arbetsutskottet|Utskottet|Direktionen|Förbundsdirektionen|Stämman|Presidiet|Förbundet|"
    r"Samordningsförbundet|[A-ZÅÄÖ][a-zåäö]+(?:nämnden|styrelsen|utskottet))(?:s)?(?: för [^,.]{1,50}?)?|"
    r"Paragrafen|Beslutet|[A-ZÅÄÖ][\wåäö\-]+(?: [\wåäö\-]+){0,12}? upphör)\s+(?:\w+(?:ar|er|r|s)\b|att gälla)")
# Said in a decision block, but no decision: who abstained or did not take part.
NOT_DECIDED = re.compile(r"\b(deltar inte i (?:beslutet|beslut)|avstår från att rösta|deltar ej i beslutet)\b", re.I)
# What follows a decision in a flattened § and is not part of it.
STOP_SENTENCE = re.compile(r"^(?:Sammanfattning|Beslutsunderlag|Beslutsgång|Bakgrund|Ärendebeskrivning|Reservation|"
                           r"Protokollsanteckning|Beslutet skickas|Yrkanden|Förslag till beslut|Justerandes|"
                           r"Utdragsbestyrkande|Vid protokollet|Justeras|Underskrift)\b")
FLAT_SECTION_WORDS = 40
RUN_ON_WORDS = 3  # words after the title on a § heading's line that are the § text run on to it
ATT_CLAUSE = re.compile(r"^att\s+\S")
NEXT_CLAUSE = re.compile(r"(?<=[,;])\s+(?=att\s)")
BOARD_PROPOSES = re.compile(r"^[\wåäö]*(?:styrelsens|nämndens|direktionens) förslag till "
                            r"(?:[\wåäö]*fullmäktige|kommunstyrelsen|regionstyrelsen)\b", re.I)
DECIDED_ABOUT = re.compile(r"\bbeslut om (?!att\b)(?P<subjects>[^.;:\d]+?)\.?$")
LIST_SEPARATORS = re.compile(r", | och | samt ")
LIST_ITEM_WORDS = 4
PROPOSAL_BY_OTHERS = re.compile(r"\b(förvaltningens|ordförandens|presidiets|sökandens)\b", re.I)
TWO_POINTS = re.compile(r"^(?P<first>.+?) samt (?P<second>(?:godkänner|fastställer|antar|väljer|utser|"
                        r"beviljar|uppdrar|ger) .*)$")
SPLIT_NOTE = re.compile(r"^(?P<note>.*?tackar för informationen) och (?P<rest>(beslutar|ger|uppdrar) .*)$", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """A decision before it is attached to its paragraph."""

    kind: str
    text: str
    start: int
    end: int
    amounts: tuple[int, ...]


def kind_of(text: str) -> str:
    """The decision kind of a decided point, from its verb."""
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return "other"


def _make(text: str, start: int, end: int) -> list[Found]:
    amounts = tuple(m.value for m in find_money(text))
    m = SPLIT_NOTE.match(text)
    if m:
        return [Found("note", text, start, end, amounts), Found(kind_of(m["rest"]), text, start, end, amounts)]
    m = TWO_POINTS.match(text)
    if m and kind_of(m["first"]) != kind_of(m["second"]):
        # "väljer Anna Ek till justerare samt godkänner föredragningslistan": two decided points
        return [Found(kind_of(m["first"]), text, start, end, amounts),
                Found(kind_of(m["second"]), text, start, end, amounts)]
    return [Found(kind_of(text), text, start, end, amounts)]


# Numbered points of a decision ("1. att fastställa …, 2. att ge …"): each its own point.
NUMBERED_POINT = re.compile(r"(?:^|(?<=\s))(?P<num>\d{1,2}|[a-h])[.)]\s+(?=att\b|[A-ZÅÄÖ])")


def _numbered_points(blocks: list[Block]) -> list[Block]:
    """Blocks with a run of numbered points ("1. …", "2. …" from 1 or a) cut into one bullet a point."""
    out: list[Block] = []
    for b in blocks:
        marks = list(NUMBERED_POINT.finditer(b.text))
        firsts = [m["num"] for m in marks]
        # the points may follow their lead-in on its line ("Nämnden beslutar 1. att …, 2. att …")
        lead = b.text[:marks[0].start()].strip() if marks else ""
        if len(marks) < 2 or (lead and not LEAD_IN.match(lead)) or firsts[0] not in ("1", "a") or not all(
                _next_mark(x, y) for x, y in zip(firsts, firsts[1:], strict=False)):
            out.append(b)
            continue
        if lead:
            out.append(Block(b.start, b.end, lead, False, b.indent))
        for m, nxt in zip(marks, [*marks[1:], None], strict=True):
            piece = b.text[m.end():nxt.start() if nxt else len(b.text)].strip()
            out.append(Block(b.start, b.end, piece, True, b.indent))
    return out


def _next_mark(a: str, b: str) -> bool:
    return (a.isdigit() and b.isdigit() and int(b) == int(a) + 1) or (a.isalpha() and b.isalpha()
                                                                      and ord(b) == ord(a) + 1)


def _beslut_block(blocks: list[Block], *, block: bool = False) -> list[tuple[str, int, int]]:
    """Decided points of the blocks after a Beslut heading, until the decision text ends. With
    `block`, the text is a decision block of the § structure: its first paragraph decides, and so
    does every later one whose subject is the deciding body ("Nämnden för Teknik förklarar …")."""
    points: list[list] = []
    listing = False  # the last point ended in ":" and its list runs on
    lead: str | None = None  # a lead-in whose clauses follow ("Nämnden beslutar att:")
    for b in _numbered_points(blocks):
        text = b.text
        if lead is not None and (b.bullet or ATT_CLAUSE.match(text)):
            # att-clauses on lines of their own run together into one block: each is a point
            points.extend([f"{lead} {clause}", b.start, b.end] for clause in NEXT_CLAUSE.split(text))
            continue
        if block and not points and LEAD_IN.match(text):
            lead = text
            continue
        if b.bullet:
            if not text.strip(" -–"):
                continue
            # OCR loses the indentation of sub-points; a point that introduces a list with ":"
            # keeps the bullets that follow until one decides something itself.
            listing = bool(points) and (points[-1][0].endswith(":") or listing)
            sub = points and (b.indent > 0 or (listing and (text[:1].islower() or not DECISION_WORDS.search(text))))
            listing = bool(sub) and listing
            if sub:
                points[-1][0] += " - " + text
                points[-1][2] = b.end
            else:
                points.append([text, b.start, b.end])
            continue
        if NOT_DECIDED.search(text):
            continue
        if points and (points[-1][0].endswith((";", ":")) or text[:1].islower()):
            points[-1][0] += " " + text
            points[-1][2] = b.end
        elif ((DECISION_WORDS.search(text) or (block and (not points or BODY_DECIDES.match(text))))
              and (not PROPOSAL.search(text) or (block and PROPOSES_ON.match(text))) and not b.text.count("\t")):
            points.append([text, b.start, b.end])
        else:
            break
    if lead is not None and not points:
        return [(lead, blocks[0].start, blocks[0].end)] if blocks else []
    return [(t, a, z) for t, a, z in points]


def section_decisions(lines: list[Line]) -> list[Found]:
    """Decisions of one § section of minutes."""
    out: list[Found] = []
    for i, ln in enumerate(lines):
        m = BESLUT_HEADING.match(ln.stripped)
        if not m or len(ln.stripped.split()) > 40:
            continue
        rest = (m["rest"] or "").strip()
        if rest and not DECISION_WORDS.search(rest):
            continue
        following = blocks_of(lines[i + 1:])
        if rest:
            following = [Block(ln.start + ln.text.find(rest), ln.end, rest), *following]
        for text, a, z in _beslut_block(following):
            out.extend(_make(text, a, z))
        return out
    for b in blocks_of(lines[1:]):
        for a, z, s in sentences(b):
            if PASSIVE.search(s) and not PROPOSAL.search(s):
                out.extend(_make(s, a, z))
    return out


def reported_decisions(lines: list[Line]) -> list[Found]:
    """Board decisions a report recounts, one per sentence; a sentence that ends in a colon over
    bullets decided them too ("Styrelsen beslutade att …: - att delta …, - att ansöka …")."""
    out: list[Found] = []
    blocks = units_of(lines)
    for i, b in enumerate(blocks):
        said = sentences(b)
        for k, (a, z, s) in enumerate(said):
            if REPORTED.search(s) and not PROPOSAL.search(s) and not NOT_THE_BOARD.match(s):
                points = list(takewhile(lambda x: x.bullet, blocks[i + 1:]))
                if k == len(said) - 1 and s.rstrip().endswith(":") and points:
                    text = " - ".join([s.rstrip(), *(p.text for p in points)])
                    out.extend(_make(text, a, points[-1].end))
                    continue
                # "fattades beslut om årets internkontroll, delegationsordning och företrädare":
                # each subject of the list a decided point
                listed = DECIDED_ABOUT.search(s)
                items = LIST_SEPARATORS.split(listed["subjects"]) if listed else []
                subjects = len(items) if items and all(len(x.split()) <= LIST_ITEM_WORDS for x in items) else 1
                out.extend(_make(s, a, z) * subjects)
    return out


def _point_lines(lines: list[Line]) -> list[Line]:
    """Lines with a paragraph break where a line that ends a sentence is followed by one that
    opens a new decided point ("… markanvisningstävlingen." / "Kommunstyrelsens ordförande …")."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and not prev.blank and prev.text.rstrip().endswith(".") and ln.stripped[:1].isupper()
                and (BODY_DECIDES.match(ln.stripped) or DECISION_WORDS.search(ln.stripped.split(".")[0]))):
            out.append(Line(prev.end, prev.end, ""))
        out.append(ln)
    return out


def _sentence_points(block: Block) -> list[Block]:
    """A paragraph cut before each sentence that opens a new decided point, the rest of its
    sentences kept with the point before them."""
    out: list[Block] = []
    for a, z, sentence in sentences(block):
        opens = BODY_DECIDES.match(sentence) or STOP_SENTENCE.match(sentence) or (
            sentence[:1].isupper() and DECISION_WORDS.search(sentence.split(",")[0]))
        if out and not opens:
            prev = out[-1]
            out[-1] = Block(prev.start, z, prev.text + " " + sentence)
        else:
            out.append(Block(a, z, sentence))
    return out


def decisions_of_section(section: Section, *, utskott: bool = False) -> list[Found]:
    """Decisions of one § section read from its blocks: every decision block ("Beslut",
    "Nämndens beslut", "Stämman beslutade"), and in an utskott's own minutes its "Förslag till
    beslut i kommunstyrelsen", which is what the utskott decided. A section without such a block
    is read line by line as before (a "Beslut:" line, passive decision sentences)."""
    out: list[Found] = []
    decided = [b for b in section.blocks if b.kind == "beslut"]
    if not decided:
        # "Kommunstyrelsens förslag till kommunfullmäktige": a board's proposal to the council is
        # what the board decided, where its minutes give the § no decision block of its own
        decided = [b for b in section.blocks if b.kind == "forslag" and BOARD_PROPOSES.match(b.heading or "")]
    if not decided and utskott:
        decided = [b for b in section.blocks if b.kind == "forslag" and b.addressee
                   and not PROPOSAL_BY_OTHERS.search(b.heading or "")
                   and not re.match(r"(på|vid|under) (sammanträdet|mötet)", b.addressee, re.I)]
    for b in decided:
        head = b.lines[0]
        following = blocks_of(_point_lines(list(b.lines[1:])))
        if b.content is not None:
            # the decision's text on the heading's own line: a page that lost its line breaks
            inline = Block(b.content, head.end, squash(head.text[b.content - head.start:]))
            if following and not following[0].bullet and not inline.text.endswith((".", "!", "?", ":", ";")):
                # the sentence runs on to the next line ("… utse Olle Strand (S) och" / "Sanna Vik …")
                inline = Block(inline.start, following[0].end, f"{inline.text} {following[0].text}")
                following = following[1:]
            for text, a, z in _beslut_block(_sentence_points(inline) + following, block=True):
                out.extend(_make(text, a, z))
            continue
        m = BESLUT_HEADING.match(head.stripped)
        rest = (m["rest"] or "").strip() if m and m["rest"] else ""
        if (not m and b.kind == "beslut" and DECISION_WORDS.search(head.stripped) and len(head.stripped.split()) > 3
                and not re.match(r"beslut\b", head.stripped, re.I)):
            rest = head.stripped  # "Stämman beslutade att …" opens the block and decides
        if not rest and LEAD_IN.match(head.stripped):
            rest = head.stripped  # "Kommunstyrelsen beslutar" heads its att-clauses
        if rest:
            following = [Block(head.start + head.text.find(rest), head.end, rest), *following]
        for text, a, z in _beslut_block(following, block=True):
            out.extend(_make(text, a, z))
    if decided:
        return out
    lines = [ln for b in section.blocks for ln in b.lines]
    title = section.heading.title or ""
    if len(lines) > 2 and title and lines[1].stripped == title and len(lines[0].stripped.split()) <= 3:
        lines = [lines[0], *lines[2:]]  # "§ 2." over its title: the § text begins below the title
    if lines:
        first = lines[0]
        at = first.text.find(title) + len(title) if title and title in first.text else 0
        if (len(lines) == 1 or len(first.text.split()) > FLAT_SECTION_WORDS
                or (at and len(first.text[at:].split()) >= RUN_ON_WORDS)):
            # a section whose line breaks were lost: its text follows the title on the heading's line
            lines = [first, Line(first.start + at, first.end, first.text[at:]), *lines[1:]]
    return section_decisions(lines)
