"""How a § was decided: yrkanden, the propositions the chair put, votes with their counts and
ballots, reservations, protokollsanteckningar, declared abstentions and jäv.

`procedure_in` reads the text of one § section; `procedure_of` runs it over every § of a
document's normalized text (split by `paragraph_sections`) and adds the body whose minutes they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from samarkiv.normalize import Text

MOTION_KINDS = ("bifall", "avslag", "aterremiss", "bordlaggning", "andring", "tillagg", "eget")
RESERVATION_KINDS = ("reservation", "protokollsanteckning", "avstar")
VOTE_CHOICES = ("ja", "nej", "avstar")

# The parties of Swedish councils, by the names their groups go by in minutes.
PARTIES = {
    "moderaterna": "M", "socialdemokraterna": "S", "sverigedemokraterna": "SD", "centerpartiet": "C",
    "liberalerna": "L", "folkpartiet": "FP", "kristdemokraterna": "KD", "vänsterpartiet": "V",
    "miljöpartiet": "MP", "miljöpartiet de gröna": "MP",
}
# Coalitions that reserve and move as one group, with no party letters of their own.
COALITIONS = ("alliansen", "oppositionen", "majoriteten", "samstyret", "rödgröna")
NUMBER_WORDS = {"noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
                "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20}

# Block headings of a § that say what follows; "Reservation: …" may carry its text on the same line.
HEADINGS = {
    "yrkande": "motions", "yrkanden": "motions", "förslag till beslut på sammanträdet": "motions",
    "förslag till beslut under sammanträdet": "motions", "beslutsgång": "procedure",
    "propositionsordning": "procedure", "omröstning": "vote", "omröstningsresultat": "vote",
    "votering": "vote", "voteringsresultat": "vote", "reservation": "reservation", "reservationer": "reservation",
    "skriftlig reservation": "reservation", "protokollsanteckning": "note", "protokollsanteckningar": "note",
    "jäv": "jav", "avstår från att rösta": "abstain", "avstår från att delta i beslutet": "abstain",
}
HEADING_CHARS = 60  # no block heading is longer, "Heading: text" has its colon before this
OTHER_HEADINGS = ("beslut", "sammanfattning", "beslutsunderlag", "beslutet skickas till", "expedierat",
                  "bakgrund", "ärendet", "yttrande", "förslag till beslut", "protokollsutdrag")

_NAME_WORD = r"[A-ZÅÄÖÉØÜŠŽČĆÁÀÍÓÚÑ][\w'’\-]*"
_TITLE = r"(?i:(?:(?:\d:e\s+|förste\s+|andre\s+)?vice\s+)?ordförande(?:n)?|ledamot(?:en)?|ersättare(?:n)?)"
# "Anna Berg (S)", "ordförande Eva Holm (M)", "Ordföranden (L)", "Anna Berg" alone.
MEMBER = re.compile(
    rf"^(?:(?P<title>{_TITLE})\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?\s*"
    r"(?:\((?P<party>[A-ZÅÄÖa-zåäö]{1,4})\))?$")
GROUP = re.compile(
    r"^(?:(?:de\s+)?(?:ledamöterna|ledamöter|ledamoten|gruppen|ersättarna)\s+(?:för|från)\s+)?"
    r"(?P<group>[A-ZÅÄÖ][a-zåäö]+(?:\s+de\s+gröna)?)(?:s\s+(?:ledamöter|ledamot|grupp|representanter))?$",
    re.IGNORECASE)
LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:och|samt)\s+")

MOTION_VERB = re.compile(
    r"\b(?:yrkar|yrkade|instämmer\s+i|lämnar\s+(?:ett\s+|följande\s+)?(?:\w+-\s+och\s+)?\w*yrkanden?|"
    r"framställer\s+(?:ett\s+)?\w*yrkande)\b", re.IGNORECASE)
RESERVE_VERB = re.compile(
    r"\b(?:reserverar\s+sig|reserverade\s+sig|reserverar\s+(?:hon|han)\s+sig|anmäler\s+reservation|"
    r"(?:lämnar|inkommer\s+med|anmäler|lämnade)\s+(?:en\s+)?(?:skriftlig\s+)?reservation)\b", re.IGNORECASE)
NOTE_VERB = re.compile(r"\b(?:får\s+(?:göra|lämna)|lämnar|anmäler|gör)\s+(?:en\s+|följande\s+)?"
                       r"(?:skriftlig\s+)?protokollsanteckning", re.IGNORECASE)
ABSTAIN_VERB = re.compile(r"\b(?:avstår|avstod)\s+från\s+(?:att\s+(?:rösta|delta\s+i\s+beslut\w*)|beslut\w*)",
                          re.IGNORECASE)
JAV = re.compile(r"\b(?:anmäler|anmälde|meddelar)\s+jäv\b|\bpå\s+grund\s+av\s+jäv\b|\bp\.?g\.?a\.?\s+jäv\b|"
                 r"\bär\s+jävig\b|\bjävig\b", re.IGNORECASE)
JAV_LEAVES = re.compile(r"deltar\s+inte|lämnar\s+(?:sammanträdet|lokalen|rummet)|deltog\s+inte|går\s+ut|"
                        r"avstår\s+från\s+att\s+delta", re.IGNORECASE)
REPLACED_BY = re.compile(r"\bersätts\s+av\s+(?P<who>[^.;]+?)(?:\s+under\b|\s+i\s+\w+\s+ställe|[.;]|$)", re.IGNORECASE)
SERVES_INSTEAD = re.compile(r"(?P<who>(?:ersättare(?:n)?\s+)?[A-ZÅÄÖ][^.;]*?\))\s+(?:tjänstgör|ersätter)\b")
VOTE_ASKED = re.compile(r"\b(?:omröstning|votering)\s+(?:begärs|har\s+begärts|begärdes|ska\s+genomföras|"
                        r"verkställs|genomförs|genomfördes)\b|\bbegär\s+(?:omröstning|votering)\b", re.IGNORECASE)
_N = r"\b(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + r")"
COUNT_BEFORE = re.compile(
    _N + r"\s+(?P<what>ja|nej)(?:[-\s]?röst(?:er|en)?|\b)|" + _N.replace("n>", "m>") +
    r"\s+(?:ledamöter\s+|ledamot\s+|röster\s+)?(?:som\s+)?(?P<abst>avstår|avstod|avstående|nedlagda)", re.IGNORECASE)
COUNT_AFTER = re.compile(
    r"\b(?P<what>ja|nej|avstår|avstående|avstod|avstår från att rösta)(?:[-\s]?röster)?\s*[:=]\s*"
    r"(?P<n>\d{1,3})\b", re.IGNORECASE)
PROPOSITION = re.compile(r"\bställer\s+(?:\w+\s+){0,8}?(?:proposition|förslag\w*\s+mot|\w+\s+mot\s+varandra)|"
                         r"\bprövar\s+(?:först\s+)?(?:förslag\w*|om|\w+s?\s+förslag|yrkande\w*)|"
                         r"\bfrågar\s+om\s+(?:det\s+är\s+)?\w+s\s+mening|\b(?:finner|konstaterar)\s+att\s+det\s+finns\s+\w+\s+förslag",
                         re.IGNORECASE)
FINDS = re.compile(r"\bfinner\s+att\s+(?P<result>.+)$", re.IGNORECASE)
JA_MEANS = re.compile(r"\bja[-\s]?(?:röst)?\s+(?:innebär|för)\s+(?:att\s+)?(?P<ja>.+?)(?:,?\s+och\s+|;\s*|\.\s+|$)"
                      r"(?:nej[-\s]?(?:röst)?\s+(?:innebär|för)\s+(?:att\s+)?(?P<nej>.+?)\.?$)?", re.IGNORECASE)
OWN_MOTION = re.compile(r"\b(?:till|i)\s+förmån\s+för\s+(?:eget|egna|sitt|sina|\w+s?)\s+(?:\w+\s+)?yrkande\w*",
                        re.IGNORECASE)
VOTE_WORD = re.compile(r"\b(?:ja|nej)\b", re.IGNORECASE)
# Words without which a § holds none of these facts: most §§ are read no further than this.
ANY_FACT = re.compile(r"yrka|reserv|jäv|jävig|röst|votering|omröstning|proposition|anteckning|avst[åo]|prövar|"
                      r"finner|ställer|frågar|konstaterar|\bja\b|\bnej\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"”]?[A-ZÅÄÖ0-9])")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|\t")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
PARAGRAPH_HEAD = re.compile(r"^\s*(?:\*\*)?(?:§|\$)\s?(?P<num>\d{1,4})(?![\d\-–,])\b(?P<rest>.*)$")
TOC_ROW = re.compile(r"\.{4,}\s*\d+\s*$|\t\s*\d{1,3}\s*$")
# The nämnd or styrelse whose minutes a document is, from its heading zone.
BODY = re.compile(
    r"^\s*(?P<body>(?:Nämnden|Styrelsen|Direktionen|Utskottet)\s+för\s+[^\t|]+?|"
    r"(?:[A-ZÅÄÖ][\wåäö]*-\s+och\s+[a-zåäö]*?|[A-ZÅÄÖ][\wåäö\-]*?)?(?:nämnden|styrelsen|styrelsens\s+arbetsutskott|fullmäktige|"
    r"förbundsstyrelsen|direktionen|arbetsutskottet|utskottet|beredningen|kommunstyrelsens\s+\w*utskott))"
    r"(?:\s+(?:Datum|Sammanträdesdatum|Protokoll)\b.*)?\s*$")
BODY_ZONE_LINES = 40
# A paragraph of more words than this that does not end a sentence goes on after a blank line.
CONTINUED_WORDS = 6


@dataclass(frozen=True, slots=True)
class Member:
    """Someone a § names as acting: a person (name, and party letters where printed), the chair
    named only by title, or a party group or coalition (`group` as written, `party` its letters)."""

    name: str | None = None
    party: str | None = None
    role: str | None = None
    group: str | None = None

    def label(self) -> str:
        who = self.name or self.group or (self.role or "").capitalize()
        return f"{who} ({self.party})" if self.party else who


@dataclass(frozen=True, slots=True)
class Motion:
    """A yrkande: who moved it and what, as written ("yrkar bifall till arbetsutskottets förslag")."""

    paragraph: str
    movers: tuple[Member, ...]
    kind: str
    text: str
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Proposition:
    """A question the chair put (beslutsgång) and, where printed, what the body was found to decide."""

    paragraph: str
    text: str
    result: str | None = None
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Ballot:
    """One member's vote in a voting table: `vote` is ja, nej or avstar."""

    member: Member
    vote: str


@dataclass(frozen=True, slots=True)
class Vote:
    """An omröstning: the counts as printed (or as the voting table tallies them), what ja and nej
    stood for, the result, and each member's ballot where a table prints them."""

    paragraph: str
    ja: int | None = None
    nej: int | None = None
    avstar: int | None = None
    ja_means: str | None = None
    nej_means: str | None = None
    result: str | None = None
    ballots: tuple[Ballot, ...] = ()
    present: int | None = None
    from_table: bool = False
    page: int | None = None
    span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reservation:
    """A reservation against a decision, a protokollsanteckning, or a declared abstention (`kind`),
    with who made it, what it is against and its written text where printed."""

    paragraph: str
    kind: str
    members: tuple[Member, ...]
    text: str
    against: str | None = None
    reason: str | None = None
    own_motion: bool = False
    written: bool = False
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Jav:
    """A member who declared jäv and left the §, and who served in their place where printed."""

    paragraph: str
    member: Member
    text: str
    replacement: Member | None = None
    left: bool = True
    page: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Procedure:
    """How the §§ of one document were decided, and the body whose minutes they are."""

    body: str | None = None
    motions: tuple[Motion, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    votes: tuple[Vote, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    javs: tuple[Jav, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """The text of one § of the minutes, from its heading to the next §."""

    number: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    text: str
    block: str | None
    quoted: bool = False


@dataclass(slots=True)
class _Found:
    motions: list[Motion] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    javs: list[Jav] = field(default_factory=list)


# --- sections -------------------------------------------------------------------------------

def paragraph_sections(text: str) -> list[Section]:
    """The § sections of a document's normalized text: from each body heading ("§ 88 Dnr …") to
    the next. A table of contents row (ending in a page number, or a § heading whose number comes
    again later) opens no section."""
    heads: list[tuple[str, int]] = []
    pos = 0
    for line in re.split(r"(?<=[\n\f])", text):
        m = PARAGRAPH_HEAD.match(line)
        if m and not TOC_ROW.search(line.rstrip()) and _heading_rest(m["rest"]):
            heads.append((m["num"], pos))
        pos += len(line)
    # A ToC prints each § before its body does: of repeated numbers, the last one opens the section.
    last = {num: start for num, start in heads}
    starts = sorted((start, num) for num, start in last.items())
    out = []
    for i, (start, num) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        out.append(Section(num, start, end, text[start:end]))
    return out


def _heading_rest(rest: str) -> bool:
    """What follows a § number on a heading line: a Dnr, a title, or nothing; not running text."""
    rest = rest.strip(" .:*\t")
    return not rest or rest[:1].isupper() or rest.lower().startswith("dnr")


# --- the whole document ---------------------------------------------------------------------

def procedure_of(text: Text, present: int | None = None, sections: list[Section] | None = None) -> Procedure:
    """Everything `procedure_in` finds in each § of the document, with pages, and its body.
    `present` is the number of members deciding, which a vote's counts are checked against;
    `sections` are the document's § sections (from the structure step), found here when not given."""
    found = Procedure(body=body_of(text.text))
    present = present or None  # no members found in the heading: nothing to check a vote against
    motions: list[Motion] = []
    propositions: list[Proposition] = []
    votes: list[Vote] = []
    reservations: list[Reservation] = []
    javs: list[Jav] = []
    for section in paragraph_sections(text.text) if sections is None else sections:
        p = procedure_in(section.text, section.number, present=present, offset=section.start)
        motions += [replace(m, page=_page(text, m.span)) for m in p.motions]
        propositions += [replace(m, page=_page(text, m.span)) for m in p.propositions]
        votes += [replace(m, page=_page(text, m.span)) for m in p.votes]
        reservations += [replace(m, page=_page(text, m.span)) for m in p.reservations]
        javs += [replace(m, page=_page(text, m.span)) for m in p.javs]
    return replace(found, motions=tuple(motions), propositions=tuple(propositions),
                   votes=tuple(_placed(votes, present)), reservations=tuple(reservations), javs=tuple(javs))


def _placed(votes: list[Vote], present: int | None) -> list[Vote]:
    """Voting tables printed apart from their vote (in a bilaga, after the last §) joined to the
    vote they tally: the nearest earlier vote without ballots whose printed counts they match."""
    out: list[Vote] = []
    for v in votes:
        if v.from_table:
            tally = (sum(b.vote == "ja" for b in v.ballots), sum(b.vote == "nej" for b in v.ballots))
            home = next((k for k in range(len(out) - 1, -1, -1) if not out[k].ballots and not out[k].from_table
                         and (out[k].ja, out[k].nej) in (tally, (None, None))), None)
            if home is not None:
                raw = replace(out[home], ballots=v.ballots, warnings=())
                if (raw.ja, raw.nej) == (None, None):
                    raw = replace(raw, ja=None, nej=None, avstar=None)
                out[home] = _checked(raw, present)
                continue
        out.append(v)
    return out


def _page(text: Text, span: tuple[int, int] | None) -> int | None:
    return text.page_at(span[0]) if span else None


def body_of(text: str) -> str | None:
    """The nämnd, styrelse or utskott named in the heading zone ("Nämnden för Teknik")."""
    lines = [ln for ln in text.split("\n")[:BODY_ZONE_LINES * 2] if ln.strip()][:BODY_ZONE_LINES]
    for line in lines:
        for cell in re.split(r"\t| {3,}", line.strip()):
            m = BODY.match(cell)
            if m:
                return re.sub(r"\s+", " ", m["body"]).strip()
    return None


# --- one § ------------------------------------------------------------------------------------

def procedure_in(section: str, paragraph: str, *, present: int | None = None, offset: int = 0) -> Procedure:
    """Yrkanden, propositions, votes, reservations, notes and jäv in the text of one § section.
    `offset` is where the section starts in the document (spans are document offsets); `present`
    the number of members deciding, which a vote's counts must add up to."""
    found = _Found()
    if not ANY_FACT.search(section):
        return Procedure()
    sentences, tables = _read(section, offset)
    i = 0
    while i < len(sentences):
        s = sentences[i]
        i += 1
        if s.quoted or (s.block != "note" and not ANY_FACT.search(s.text)):
            continue
        span = (s.start, s.end)
        if JAV.search(s.text):
            jav = _jav(s.text, paragraph, span)
            if jav:
                if jav.replacement is None and i < len(sentences):
                    instead = SERVES_INSTEAD.search(sentences[i].text)
                    who = _members(re.sub(r"^ersättare(?:n)?\s+", "", instead["who"], flags=re.IGNORECASE)) \
                        if instead else ()
                    if len(who) == 1 and who[0].name:
                        jav = replace(jav, replacement=who[0], left=True)
                        i += 1
                found.javs.append(jav)
                continue
        if RESERVE_VERB.search(s.text):
            written_text = _quoted_after(sentences, i) if re.search(r"skriftlig", s.text, re.IGNORECASE) else ""
            reservation = _reservation(s.text, paragraph, span, written_text)
            if reservation:
                found.reservations.append(reservation)
                continue
        if abstain := ABSTAIN_VERB.search(s.text):
            members = _members(s.text[:abstain.start()])
            if members:
                found.reservations.append(Reservation(paragraph, "avstar", members, _flat(s.text), span=span))
                continue
        if s.block == "note" or NOTE_VERB.search(s.text):
            note = _note(sentences, i - 1, paragraph)
            if note:
                found.reservations.append(note[0])
                i = note[1]
                continue
        if MOTION_VERB.search(s.text):
            motion = _motion(s.text, paragraph, span)
            if motion:
                found.motions.append(motion)
                continue
        if VOTE_ASKED.search(s.text) or _counts(s.text):
            _vote_sentence(found, s.text, paragraph, span)
            continue
        if JA_MEANS.search(s.text) and found.votes:
            m = JA_MEANS.search(s.text)
            assert m is not None
            vote = found.votes[-1]
            found.votes[-1] = replace(vote, ja_means=vote.ja_means or _clean(m["ja"]),
                                      nej_means=vote.nej_means or (_clean(m["nej"]) if m["nej"] else None))
            continue
        if PROPOSITION.search(s.text) or (s.block == "procedure" and FINDS.search(s.text)):
            result = FINDS.search(s.text)
            found.propositions.append(Proposition(paragraph, _flat(s.text),
                                                  _clean(result["result"]) if result else None, span=span))
    for start, end, ballots in tables:
        _vote_table(found, paragraph, (start, end), ballots)
    votes = [_checked(v, present) for v in found.votes]
    return Procedure(motions=tuple(found.motions), propositions=tuple(found.propositions), votes=tuple(votes),
                     reservations=tuple(found.reservations), javs=tuple(found.javs))


def _read(section: str, offset: int) -> tuple[list[_Sentence], list[tuple[int, int, list[tuple[str, str]]]]]:
    """The section's sentences, each with the block heading it falls under, and its voting tables."""
    lines: list[tuple[int, str]] = []
    pos = offset
    for raw in re.split(r"(?<=[\n\f])", section):
        lines.append((pos, raw.rstrip("\n\f")))
        pos += len(raw)
    paragraphs: list[tuple[int, int, str, str | None]] = []
    tables: list[tuple[int, int, list[tuple[str, str]]]] = []
    block: str | None = None
    cur: list[tuple[int, str]] = []
    table: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal cur
        if cur:
            # Line breaks are kept: a subject may start on a line of its own after a title.
            body = re.sub(r"[ \t]+", " ", "\n".join(t.strip() for _, t in cur)).strip()
            start, end = cur[0][0], cur[-1][0] + len(cur[-1][1])
            if paragraphs and _continues(paragraphs[-1][2], body) and paragraphs[-1][3] == block:
                p = paragraphs.pop()
                paragraphs.append((p[0], end, f"{p[2]} {body}", block))
            else:
                paragraphs.append((start, end, body, block))
        cur = []

    def close_table() -> None:
        nonlocal table
        rows, table = table, []
        if rows:
            ballots = _ballots([t for _, t in rows])
            if ballots:
                tables.append((rows[0][0], rows[-1][0] + len(rows[-1][1]), ballots))
            else:  # not a voting table: its lines are text like any other
                for start, text in rows:
                    line(start, text)

    def line(start: int, text: str) -> None:
        nonlocal block
        stripped = text.strip().strip("*").strip()
        if not stripped:
            close()
            return
        heading, rest = _heading(stripped)
        if heading is not None:
            close()
            block = heading or None
            if rest:
                cur.append((start + len(text) - len(rest), rest))
            return
        cur.append((start, text))

    for start, text in lines[1:]:  # the first line is the § heading itself
        if TABLE_ROW.search(text) and ("|" in text or text.count("\t") >= 2):
            close()
            table.append((start, text))
            continue
        close_table()
        line(start, text)
    close_table()
    close()
    sentences: list[_Sentence] = []
    for start, end, body, kind in paragraphs:
        quoted = body[:1] in "\"”“'"
        pos = 0
        for m in SENTENCE_END.finditer(body):
            sentences.append(_Sentence(start + pos, start + m.start(), body[pos:m.start()], kind, quoted))
            pos = m.end()
        if pos < len(body):
            sentences.append(_Sentence(start + pos, min(end, start + len(body)), body[pos:], kind, quoted))
    return sentences, tables


def _heading(line: str) -> tuple[str | None, str]:
    """("reservation", rest) for a block heading, with the text after "Heading:" where it goes on;
    ("", "") for a heading that closes those blocks (Beslut, Beslutsunderlag, …); (None, "") otherwise."""
    if len(line) > HEADING_CHARS and ":" not in line[:HEADING_CHARS]:
        return None, ""
    head, sep, rest = line.partition(":")
    key = head.strip().casefold().rstrip(".")
    if key in HEADINGS and (sep or not rest):
        return HEADINGS[key], rest.strip()
    whole = line.casefold().rstrip(".: ")
    if whole in HEADINGS:
        return HEADINGS[whole], ""
    if len(line.split()) <= 6 and not line.endswith((".", ",")) and any(whole.startswith(h) for h in OTHER_HEADINGS):
        return "", ""
    return None, ""


def _continues(before: str, after: str) -> bool:
    """A sentence broken by a blank line or a page break: running text (more than a heading's few
    words) that does not end a sentence, followed by more text."""
    return (len(before.split()) > CONTINUED_WORDS and not before.endswith((".", "!", "?", ":", ";", "\"", "”"))
            and after[:1].isalpha())


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clean(text: str) -> str:
    return _flat(text).rstrip(".").strip()


# --- who ----------------------------------------------------------------------------------------

def _members(subject: str) -> tuple[Member, ...]:
    """The people or groups a sentence's subject names ("Anna Berg (S), ordförande Eva Holm (M)
    och Olle Sten (KD)", "Ledamöterna för Moderaterna"); empty when it names none."""
    found = _named(_flat(subject))
    if not found and "\n" in subject.strip():
        found = _named(_flat(subject.strip().rsplit("\n", 1)[1]))
    return found


def _named(subject: str) -> tuple[Member, ...]:
    subject = subject.strip().strip(",").strip()
    if not subject or len(subject) > 300:
        return ()
    out: list[Member] = []
    for chunk in LIST_SPLIT.split(subject):
        chunk = chunk.strip()
        if not chunk:
            continue
        member = _member(chunk)
        if member is None:
            return ()
        out.append(member)
    return tuple(out)


def _member(chunk: str) -> Member | None:
    group = GROUP.match(chunk)
    if group:
        name = group["group"].casefold()
        if name in PARTIES:
            return Member(party=PARTIES[name], group=group["group"])
        if name in COALITIONS:
            return Member(group=group["group"])
    m = MEMBER.match(chunk)
    if not m or not (m["name"] or m["title"]):
        return None
    name, title, party = m["name"], m["title"], m["party"]
    if name and name.casefold() in PARTIES:
        return Member(party=PARTIES[name.casefold()], group=name)
    if name and not party and (len(name.split()) < 2 or name.casefold().split()[0] in HEADING_WORDS):
        return None  # a lone capitalised word is no name ("Nämnden", "Förvaltningen")
    role = re.sub(r"\s+", " ", title).casefold().removesuffix("n") if title else None
    if role == "ordförande" and not name and not party:
        return Member(role=role)
    if name and name.casefold().split()[0].startswith("ordförande"):
        return None
    return Member(name=name, party=party.upper() if party else None, role=role)


HEADING_WORDS = ("nämnden", "styrelsen", "förvaltningen", "kommunstyrelsen", "kommunfullmäktige", "utskottet",
                 "arbetsutskottet", "beslutet", "ärendet", "förbundet", "det", "den", "sekreteraren")


# --- facts ----------------------------------------------------------------------------------------

def _motion(sentence: str, paragraph: str, span: tuple[int, int]) -> Motion | None:
    m = MOTION_VERB.search(sentence)
    assert m is not None
    movers = _members(sentence[:m.start()])
    if not movers:
        return None
    motion = sentence[m.start():].strip()
    return Motion(paragraph, movers, _motion_kind(motion), _clean(motion), span=span)


def _motion_kind(motion: str) -> str:
    low = motion.casefold()
    if re.search(r"återremi", low):
        return "aterremiss"
    if re.search(r"bordl[äa]g", low):
        return "bordlaggning"
    if re.search(r"\bavslag|\bavslå", low):
        return "avslag"
    if "tilläggsyrkande" in low or re.search(r"\btillägg\b|\bläggs\s+till\b", low):
        return "tillagg"
    if "ändringsyrkande" in low or re.search(r"\bändras\b|\bändring(?:en)?\s+att\b", low):
        return "andring"
    if re.search(r"\bbifall|\bbifalla|^yrkar\s+på\s+\S+\s+förslag|^yrkar\s+på\s+|instämmer", low):
        return "bifall"
    return "eget"


def _reservation(sentence: str, paragraph: str, span: tuple[int, int], written_text: str) -> Reservation | None:
    verb = RESERVE_VERB.search(sentence)
    assert verb is not None
    members = _members(sentence[:verb.start()])
    if not members:
        return None
    after = sentence[verb.end():]
    against = re.search(r"\bmot\s+(?P<what>.+?)(?=\s+(?:till|i)\s+förmån\s+för|\s+med\s+(?:följande\s+)?motivering|"
                        r"\s+och\s+kan\s+inte|\s*[:;]|\.?$)", after, re.IGNORECASE)
    reason = re.search(r"motivering\w*\s*:?\s*(?P<why>.+)$", after, re.IGNORECASE)
    text = _flat(sentence if not written_text else f"{sentence} {written_text}")
    return Reservation(paragraph, "reservation", members, text,
                       against=_clean(against["what"]) if against else None,
                       reason=_clean(reason["why"]) if reason else (written_text.strip("\"”“ ") or None),
                       own_motion=bool(OWN_MOTION.search(sentence)),
                       written=bool(written_text or re.search(r"skriftlig", sentence, re.IGNORECASE)),
                       span=span)


def _quoted_after(sentences: list[_Sentence], i: int) -> str:
    """The quoted text of a written reservation that follows the sentence announcing it; its
    sentences are marked so that they are not read as facts of their own."""
    parts = []
    while i < len(sentences) and sentences[i].quoted:
        parts.append(sentences[i].text)
        sentences[i].quoted = True
        i += 1
    return _flat(" ".join(parts))


def _note(sentences: list[_Sentence], i: int, paragraph: str) -> tuple[Reservation, int] | None:
    """A protokollsanteckning: the sentences of its block (or the one sentence announcing it), with
    the member it names first; returns it and where reading goes on."""
    first = sentences[i]
    j = i + 1
    if first.block == "note":
        while j < len(sentences) and sentences[j].block == "note" and not _fact_sentence(sentences[j].text):
            j += 1
    text = _flat(" ".join(s.text for s in sentences[i:j]))
    verb = re.search(r"\s(?:anser|vill|anför|noterar|framför|påpekar|får|lämnar|gör|anmäler|önskar|"
                     r"konstaterar|yttrar|tycker|menar)\b", first.text)
    members = _members(first.text[:verb.start()]) if verb else ()
    if not members and first.block != "note":
        return None
    return Reservation(paragraph, "protokollsanteckning", members, text,
                       span=(first.start, sentences[j - 1].end)), j


def _fact_sentence(text: str) -> bool:
    return bool(JAV.search(text) or RESERVE_VERB.search(text) or MOTION_VERB.search(text))


def _jav(sentence: str, paragraph: str, span: tuple[int, int]) -> Jav | None:
    verb = re.search(r"\s(?:anmäler|anmälde|meddelar|deltar|deltog|lämnar|är|går|avstår)\b", sentence)
    if not verb:
        return None
    members = _members(sentence[:verb.start()])
    people = [m for m in members if m.name]
    if len(people) != 1:
        return None
    replacement: Member | None = None
    by = REPLACED_BY.search(sentence) or SERVES_INSTEAD.search(sentence[verb.end():])
    if by:
        who = _members(re.sub(r"^ersättare(?:n)?\s+", "", by["who"].strip(), flags=re.IGNORECASE))
        replacement = who[0] if len(who) == 1 and who[0].name else None
    left = bool(JAV_LEAVES.search(sentence) or replacement)
    return Jav(paragraph, people[0], _flat(sentence), replacement, left, span=span)


# --- votes ------------------------------------------------------------------------------------

def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.casefold()]


def _counts(sentence: str) -> dict[str, int]:
    """Ja, nej and avstår counts a sentence prints ("med 5 Nej-röster och 4 Ja-röster", "Ja: 7")."""
    out: dict[str, int] = {}
    if not VOTE_WORD.search(sentence):
        return out
    for m in COUNT_BEFORE.finditer(sentence):
        if m["what"]:
            if m["n"].isdigit() or re.search(r"röst", m.group(0), re.IGNORECASE):
                out.setdefault(m["what"].casefold(), _number(m["n"]))
        elif m["abst"]:
            out.setdefault("avstar", _number(m["m"]))
    for m in COUNT_AFTER.finditer(sentence):
        what = m["what"].casefold()
        out.setdefault("avstar" if what.startswith("avst") else what, int(m["n"]))
    return out if ("ja" in out or "nej" in out) else {}


def _vote_sentence(found: _Found, sentence: str, paragraph: str, span: tuple[int, int]) -> None:
    counts = _counts(sentence)
    open_vote = found.votes[-1] if found.votes and found.votes[-1].ja is None and found.votes[-1].nej is None else None
    if not counts:
        if open_vote is None:
            found.votes.append(Vote(paragraph, span=span))
        return
    finds = FINDS.search(sentence)
    result = _clean(finds["result"] if finds else sentence)
    vote = open_vote or Vote(paragraph, span=span)
    vote = replace(vote, ja=counts.get("ja"), nej=counts.get("nej"), avstar=counts.get("avstar"), result=result,
                   span=((vote.span or span)[0], span[1]))
    if open_vote is not None:
        found.votes[-1] = vote
    else:
        found.votes.append(vote)


def _ballots(rows: list[str]) -> list[tuple[str, str]]:
    """(member, vote) from a voting table's rows (Markdown or tab-separated), whose header has
    Ja and Nej columns and whose rows mark one column."""
    cells = [[c.strip() for c in re.split(r"\s*\|\s*|\t", row.strip().strip("|"))] for row in rows
             if not TABLE_RULE.match(row)]
    if not cells:
        return []
    header = [c.casefold() for c in cells[0]]
    columns: dict[int, str] = {}
    for k, h in enumerate(header):
        if re.match(r"^ja\b|^ja-", h):
            columns[k] = "ja"
        elif re.match(r"^nej\b|^nej-", h):
            columns[k] = "nej"
        elif h.startswith("avst"):
            columns[k] = "avstar"
    if "ja" not in columns.values() or "nej" not in columns.values():
        return []
    out = []
    for row in cells[1:]:
        marked = [columns[k] for k, c in enumerate(row) if k in columns and c.strip()]
        if row and row[0] and len(marked) == 1:
            out.append((row[0], marked[0]))
    return out


def _vote_table(found: _Found, paragraph: str, span: tuple[int, int], rows: list[tuple[str, str]]) -> None:
    ballots = []
    for who, choice in rows:
        name = re.split(r",\s*", who, maxsplit=1)[0]
        members = _members(name)
        member = members[0] if len(members) == 1 else Member(name=name)
        role = re.split(r",\s*", who, maxsplit=1)[1].casefold() if "," in who else None
        ballots.append(Ballot(replace(member, role=role or member.role), choice))
    target = next((k for k in range(len(found.votes) - 1, -1, -1) if not found.votes[k].ballots), None)
    if target is None:
        found.votes.append(Vote(paragraph, ballots=tuple(ballots), from_table=True, span=span))
    else:
        found.votes[target] = replace(found.votes[target], ballots=tuple(ballots))


def _checked(vote: Vote, present: int | None) -> Vote:
    """Counts taken from the ballots where none are printed, and warnings where printed counts,
    ballots and the members present disagree."""
    warnings: list[str] = []
    if vote.ballots:
        tally = {c: sum(b.vote == c for b in vote.ballots) for c in VOTE_CHOICES}
        if vote.ja is None and vote.nej is None:
            vote = replace(vote, ja=tally["ja"], nej=tally["nej"], avstar=tally["avstar"])
        else:
            if vote.avstar is None:  # a table with an avstår column tells that none abstained
                vote = replace(vote, avstar=tally["avstar"])
            for choice, printed in (("ja", vote.ja), ("nej", vote.nej), ("avstar", vote.avstar)):
                if printed is not None and printed != tally[choice]:
                    warnings.append(f"{choice} printed as {printed} but the voting table has {tally[choice]}")
    if vote.ja is None and vote.nej is None:
        warnings.append("a vote was held but no counts are printed")
    elif present is not None:
        total = (vote.ja or 0) + (vote.nej or 0) + (vote.avstar or 0)
        if total != present:
            warnings.append(f"ja {vote.ja or 0} + nej {vote.nej or 0} + avstår {vote.avstar or 0} = {total}, "
                            f"but {present} members were present")
    return replace(vote, present=present, warnings=tuple(warnings))
