"""People named with a role: the attendance lists of a minutes heading (Beslutande, Övriga,
Anmält förhinder), the board and working-group lists of reports, and the signatories.
Lists come as "Namn, roll, organisation", "Namn, roll (organisation)" or parallel table columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from samarkiv.gazetteer import all_bodies, kommuner

from .layout import Line, squash
from .structure import SIGNATURE_KEYS
from .types import Person, Signatories

# Labels of the minutes heading and the group each one opens.
HEADING_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("beslutande", re.compile(r"^(beslutande(?: ledamöter)?|närvarande ledamöter|ledamöter|"
                              r"tjänstgörande (?:ersättare|suppleanter|suppleant)|"
                              r"närvarande(?! ersättare| suppleant| tjänstem| tjänstepersoner))\b[:\s]*", re.I)),
    # "Suppleanter" is the older word for ersättare; "Sekretariatet" and "Kansliet" head the
    # förbund's own officials, as "Tjänstemän" does.
    ("ovriga", re.compile(r"^(övriga (?:närvarande|deltagare|deltagande|närvarande tjänstemän)|övriga|"
                          r"(?:icke tjänstgörande |ej tjänstgörande |närvarande )?(?:ersättare|suppleanter|suppleant)|"
                          r"närvarande tjänstem[äa]n|tjänstem[äa]n|(?:närvarande )?tjänstepersoner|personalföreträdare|"
                          r"sekretariatet|(?:från )?kansliet|adjungerade?)\b[:\s]*", re.I)),
    ("franvarande", re.compile(r"^(anmält förhinder|frånvarande(?: ledamöter)?|ej närvarande|förhinder)\b[:\s]*",
                               re.I)),
)
# Labels of member lists in reports (the line ends with a colon) and the role they imply.
LIST_LABELS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = (
    ("ersattare", "ersättare", re.compile(r"^(ersättare|styrelsens ersättare)\s*:?$", re.I)),
    ("ledamot", "ledamot", re.compile(r"^((ordinarie )?ledamöter|styrelsens ledamöter|styrelse)\s*:?$", re.I)),
    # "Styrelsen har under året bestått av följande ledamöter och ersättare:" over the list
    ("ledamot", "ledamot", re.compile(r"^(?:styrelsen|förbundsstyrelsen|direktionen)\b[^.:]{0,80}?\b(?:bestått|består|"
                                      r"utgjorts|utgörs|haft följande)\b[^.:]{0,80}:$", re.I)),
    ("other", None, re.compile(r"^(deltagare i \w*gruppen(?: är)?|\w*gruppen består av|\w*gruppen)\s*:$", re.I)),
)
ROLE_FIRST = re.compile(r"^(?P<role>(?:\d:e |förste |andre )?vice ordförande|ordförande|ledamot|ersättare|suppleant)"
                        r"\s*:\s*(?P<rest>\S.*)$", re.I)
ROLE_ALONE = re.compile(r"^(?P<role>(?:\d:e |förste |andre )?vice ordförande|ordförande|ledamot)\s*:?$", re.I)
LIST_BULLET = re.compile(r"^[-–•*]\s+")  # the mark of a list's point before its entry
ENTRY_WORDS = 8  # a role or an organisation after a name is never longer
FLAT_LIST_LINE = 200  # a line this long that holds a list label holds the list too
SIGNATORY_LABELS: dict[str, re.Pattern[str]] = {
    "sekreterare": re.compile(r"^(sekreterare|protokollförare|vid protokollet)\s*:?$", re.I),
    "ordforande": re.compile(r"^(ordförande|mötesordförande)\s*:?$", re.I),
    "justerare": re.compile(r"^(justerare|justerande|justeras|justeringsperson|protokolljusterare)\s*:?$", re.I),
}
ELECTED_JUSTERARE = (
    re.compile(r"^utses att justera\s*:?\s*(?P<name>.+)$", re.I),
    re.compile(r"(?P<name>[A-ZÅÄÖ][\wåäöé\-]+(?: [A-ZÅÄÖ][\wåäöé\-]+){1,3}) (?:utses|valdes|väljs) (?:att|till) "
               r"(?:[\w ]{0,40})?juster", re.I),
    re.compile(r"väljer (?P<name>[A-ZÅÄÖ][\wåäöé\-]+(?: [A-ZÅÄÖ][\wåäöé\-]+){1,3}) till justerare"),
)
ROLE_WORDS = {
    "ordförande", "vice", "ledamot", "ledamöter", "ersättare", "tjänstgörande", "förbundschef", "sekreterare",
    "förbundssekreterare", "justerare", "coach", "verksamhetsledare", "verksamhetssamordnare", "ekonom",
    "förvaltningsekonom", "controller", "handläggare", "chef", "enhetschef", "sektionschef", "avdelningschef",
    "områdeschef", "rektor", "processledare", "utvecklingsledare", "samordnare", "koordinator",
    "arbetsförmedlare", "revisor", "kanslist", "adjungerad", "och", "t.f.", "tf", "bitr.", "biträdande",
}
NAME_TOKEN = r"[A-ZÅÄÖÉ][a-zåäöéüè]+(?:-[A-ZÅÄÖÉa-zåäö][a-zåäöéüè]+)?"  # "Mari-Anne", as typed "Mari-anne"
NAME = re.compile(rf"^{NAME_TOKEN}(?: (?:af |von |de )?{NAME_TOKEN}){{1,3}}$")
ATTENDANCE_NOTE = re.compile(r"\s*§+\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+)*\s*$")
DATE_NOTE = re.compile(r"^(t\.?o\.?m\.?|fr\.?o\.?m\.?|from|tom)\s+\S+$", re.I)
PARTY = re.compile(r"\s*\([A-ZÅÄÖ]{1,3}\)")
# An attendance column beside the name: a mark for present, words for absent.
PRESENT_MARK = re.compile(r"(?<=\S)\s+(?:[Xx✓✔]|närvarande|deltog)(?=\s*(?:,|$))", re.I)
ABSENT_MARK = re.compile(r"(?<=\S)\s+(?:anmält förhinder|anmäld frånvaro|frånvarande|ej närvarande|förhinder)"
                         r"(?=\s*(?:,|$))", re.I)
# "ej § 14-15", "fr.o.m. § 12", "from § 3": which §§ someone sat for, not a role.
PARAGRAPH_NOTE = re.compile(r"\b(?:ej|inte|från|fr\.?o\.?m\.?|t\.?o\.?m\.?|till och med|from|tom)\s+§+\s*\d+"
                            r"(?:\s*[-–]\s*\d+)?(?:\s*(?:,|och)\s*\d+)*", re.I)
REPLACING = re.compile(r"\s+(?:för|ersätter)\s+[A-ZÅÄÖ][\wåäöé\-]+(?:\s+[A-ZÅÄÖ][\wåäöé\-]+){1,3}"
                       r"(?:\s*\([A-ZÅÄÖ]{1,3}\))?(?=\s*(?:,|$))")
# Headings of the columns beside a list label ("Ledamöter   Närvarande"), not a person.
COLUMN_HEADINGS = re.compile(r"^(?:(?:närvarande|närvaro|frånvaro|parti|roll|organisation|kommentar|anmärkning|"
                             r"representerar|ersättare för)\s*)+$", re.I)
ORG_WORDS = ("kommun", "region", "förbund", "kassan", "förmedlingen", "landsting", "myndighet")


@dataclass(frozen=True, slots=True)
class Entry:
    """One parsed list line."""

    name: str
    role: str | None
    organisation: str | None
    absent: bool = False  # marked absent in an attendance column ("Anmält förhinder", "Frånvarande")


@cache
def _body_forms() -> dict[str, str]:
    return {form.casefold(): form for body in all_bodies() for form in body.forms}


def is_name(text: str) -> bool:
    """Two to four capitalised words, none of them an organisation word."""
    text = text.strip()
    if not NAME.match(text):
        return False
    low = text.casefold()
    return low not in _body_forms() and not any(w in low for w in ORG_WORDS) and \
        not any(t.casefold() in ROLE_WORDS for t in text.split())


# Titles by their endings: förbundschef, utvecklingsledare, processtödjare, kommunsekreterare, …
TITLE_ENDINGS = re.compile(r"(?:chef|ledare|samordnare|sekreterare|handläggare|ekonom|strateg|utvecklare|konsulent|"
                           r"rådgivare|assistent|förmedlare|direktör|ansvarig|controller|revisor|stödjare|coach|"
                           r"koordinator|kanslist|företrädare|ombud|pedagog|kurator|inspektör|specialist|"
                           r"administratör|jurist|analytiker|handledare|ordförande|ledamot|ersättare)$")


def _is_title(text: str) -> bool:
    words = text.split()
    return bool(words) and len(words) <= 4 and text[:1].islower() and bool(TITLE_ENDINGS.search(words[-1].casefold()))


def _is_org(text: str) -> bool:
    low = text.casefold().strip()
    if low in _body_forms():
        return True
    if _is_title(text.strip()):
        return False
    if any(w in low for w in ORG_WORDS):
        return True
    first = text.split()[0] if text.split() else ""
    return bool(first[:1].isupper()) and first.casefold() not in ROLE_WORDS and not first.isupper()


def _role(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip(" ,")
    if text[:1].isupper() and text[1:2].islower() and text.split()[0].casefold() in ROLE_WORDS:
        text = text[0].lower() + text[1:]
    return text or None


def _holds_name(text: str) -> bool:
    """Whether a role as read holds a person's name: the next entry of a list run together."""
    return any(_name_in(m[0]) is not None for m in ZONE_NAME.finditer(text))


def _before_name(text: str) -> str | None:
    """What a role as read says before the first name in it, if anything."""
    for m in ZONE_NAME.finditer(text):
        found = _name_in(m[0])
        if found is not None:
            return _role(text[:m.start() + found[0]].strip(" ,")) or None
    return _role(text)


def _is_title_note(text: str) -> bool:
    """Whether a note in parentheses after a name is a title or role ("vice ordförande",
    "Kommundirektör", "2:e vice ordförande") rather than an organisation or party."""
    words = text.split()
    return bool(words) and (TITLE_ENDINGS.search(words[-1].casefold()) is not None
                            or words[0].casefold() in ROLE_WORDS)


def _title_role(text: str) -> str:
    """A title as a role: a capital that only opens the note is dropped ("Kommundirektör")."""
    text = " ".join(text.split())
    return text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def _next_name(text: str) -> bool:
    """Whether `text` opens with another person's name rather than a role or organisation."""
    m = ZONE_NAME.match(text.lstrip())
    if m is None or len(m[0].split()) < 2:
        return False
    first = m[0].split()[0].casefold()
    return first not in ROLE_WORDS and not _zone_stop(first) and _name_in(m[0]) is not None


def _split_role_org(text: str) -> tuple[str | None, str | None]:
    """"verksamhetsledare Arbetsmarknadsteamet Sala" → role, organisation."""
    if text.casefold().strip() in _body_forms():
        return None, text  # "Region Västmanland": an organisation whose name has two capitals
    tokens = text.split()
    for i, tok in enumerate(tokens):
        if i > 0 and tok[:1].isupper():
            return _role(" ".join(tokens[:i])), " ".join(tokens[i:])
    if _is_org(text):
        return None, text
    return _role(text), None


def parse_entry(line: str) -> Entry | None:
    """A list line: "Anna Svensson, ledamot och ordförande, Sala kommun" and its variants."""
    line = PARAGRAPH_NOTE.sub("", squash(line))
    line = ATTENDANCE_NOTE.sub("", line).strip(" ,.;")
    party = PARTY.search(line)
    if party:
        after = line[party.end():].split()
        if (len(after) >= 2 and is_name(" ".join(after[:2]).rstrip(",;"))
                and after[0].casefold() not in ROLE_WORDS):
            line = line[:party.end()]  # the next person of a list that lost its line breaks
    # "Nils Strand (C), tjänstgörande ersättare för Pia Holm (KD)": whom they replace is no role
    line = REPLACING.sub("", line)
    party = PARTY.search(line)
    party_letters = party[0].strip(" ()") if party and "," not in line[:party.start()] else None
    line = PARTY.sub("", line)
    absent = bool(ABSENT_MARK.search(line))
    line = ABSENT_MARK.sub("", PRESENT_MARK.sub("", line)).strip(" ,.;")
    org_in_parens = None
    m = re.search(r"\(([^)]+)\)\s*$", line)
    if m:
        org_in_parens = m[1].strip()
        line = line[:m.start()].strip(" ,")
    segs = [s.strip() for s in line.split(",") if s.strip()]
    if not segs or not is_name(segs[0]):
        return None
    name, rest = segs[0], [s for s in segs[1:] if not DATE_NOTE.match(s)]
    role: str | None
    org: str | None
    if not rest:
        role, org = None, None
    elif len(rest) == 1:
        role, org = _split_role_org(rest[0])
    elif _is_org(rest[-1]):
        role, org = _role(", ".join(rest[:-1])), rest[-1]
    elif _is_org(rest[0]) and not _is_title(rest[0]) and all(_is_title(r) or r.casefold() in ROLE_WORDS
                                                             or FLAT_ROLE.fullmatch(", " + r) for r in rest[1:]):
        role, org = _role(", ".join(rest[1:])), rest[0]  # "Anna Ek, Nordby kommun, ordförande"
    else:
        role, org = _role(", ".join(rest)), None
    if org_in_parens and _is_title_note(org_in_parens) and role is None:
        role, org_in_parens = _title_role(org_in_parens), None
    if org_in_parens:
        if org is None:
            org = org_in_parens
        elif role is None:
            role = _role(org)
            org = org_in_parens
    if org is None and party_letters:
        org = party_letters  # a politician's party stands where an official's organisation would
    if role and _holds_name(role):
        role = _before_name(role)  # "ordförande Anna Berg (S) …": the next entry of a run-together list
    if any(x and (len(x.split()) > ENTRY_WORDS or "(" in x) for x in (role, org)):
        return None  # a list that lost its line breaks, read as one entry: no role is that long
    return Entry(name, role, org, absent)


def _column_units(cell: str) -> list[tuple[str | None, str | None]]:
    """Splits a column of organisations and roles into one (role, organisation) per person."""
    tokens = cell.split()
    forms = _body_forms()
    units: list[list[str | None]] = []
    after_comma = False
    i = 0
    while i < len(tokens):
        hit = None
        for j in range(min(len(tokens), i + 5), i, -1):
            cand = " ".join(tokens[i:j]).rstrip(",")
            if cand.casefold() in forms:
                hit = j
                break
        if hit:
            units.append([None, " ".join(tokens[i:hit]).rstrip(",")])
            after_comma = tokens[hit - 1].endswith(",")
            i = hit
            continue
        word = tokens[i].rstrip(",")
        if word.casefold() in ROLE_WORDS:
            if after_comma and units:
                units[-1][0] = ((units[-1][0] or "") + " " + word).strip()
            else:
                units.append([word, None])
        elif units:
            units[-1][1] = ((units[-1][1] or "") + " " + word).strip()
        else:
            units.append([None, word])
        after_comma = tokens[i].endswith(",")
        i += 1
    return [(_role(r), o) for r, o in units]


def parse_columns(names_cell: str, orgs_cell: str) -> list[Entry]:
    """Parallel columns: "Lisa Ek Jonas Berg" beside "Sala kommun, ordförande Region Västmanland"."""
    units = _column_units(orgs_cell)
    tokens = names_cell.split()
    if not units or not tokens:
        return []
    per = len(tokens) // len(units) if len(tokens) % len(units) == 0 else 2
    out: list[Entry] = []
    for k, (role, org) in enumerate(units):
        name = " ".join(tokens[k * per:(k + 1) * per])
        if name and is_name(name):
            out.append(Entry(name, role, org))
    # Names beyond the last organisation (OCR lost the end of the column) are people all the same.
    rest = tokens[len(units) * per:]
    for k in range(0, len(rest) - 1, 2):
        name = " ".join(rest[k:k + 2])
        if is_name(name):
            out.append(Entry(name, None, None))
    return out


def heading_people(lines: list[Line]) -> list[tuple[str, Entry, Line]]:
    """(group, entry, line) for every person in a minutes heading's attendance lists."""
    out: list[tuple[str, Entry, Line]] = []
    group: str | None = None
    bare = False  # the list is headed "Närvarande" alone
    opened = False  # a label was read and no one yet listed under it: a blank line may follow it
    for ln in _continued(lines):
        text = ln.text.strip()
        if not text:
            if not opened:
                group = None
            continue
        opened = False
        label = next(((g, p.match(text)) for g, p in HEADING_LABELS if p.match(text)), None)
        if label:
            group, m = label[0], label[1]
            assert m is not None
            label_role = _label_role(m[0])
            bare = m[1].casefold() == "närvarande"
            text = text[m.end():].strip()
            opened = not text
            if COLUMN_HEADINGS.match(text):
                opened = True
                continue
            if "\t" in text:
                cells = [c for c in text.split("\t") if c.strip()]
                if len(cells) >= 2 and not is_name(cells[0]) and parse_entry(cells[0]) is None:
                    entries = parse_columns(cells[0], cells[1])
                elif len(cells) >= 2:
                    entries = parse_columns(cells[0], cells[1]) or [e for c in cells if (e := parse_entry(c))]
                else:
                    entries = [e for c in cells if (e := parse_entry(c))]
                out.extend((group, _with_role(e, label_role), ln) for e in entries)
                group = None
                continue
        if group is None or not text:
            continue
        listed = _semicolon_list(text) or _comma_list(text)
        if listed:
            out.extend((_group_of(group, e, bare), _with_role(e, label_role), ln) for e in listed)
            continue
        entry = parse_entry(text)
        if entry:
            out.extend((_group_of(group, e, bare), _with_role(e, label_role), ln) for e in _two_names(entry))
        elif not ATTENDANCE_NOTE.fullmatch(text):
            group = None
    return out


def _continued(lines: list[Line]) -> list[Line]:
    """Lines with a list that runs on after a comma joined to the line it runs on to ("Närvarande:
    Anna Berg, Bo Ek," over "Cecilia Lind och David Holm.")."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.text.rstrip().endswith(",") and ln.text.strip()
                and not any(p.match(ln.text.strip()) for _, p in HEADING_LABELS)):
            out[-1] = Line(prev.start, ln.end, prev.text.rstrip() + " " + ln.text.strip())
            continue
        out.append(ln)
    return out


def _split_pair(name: str) -> list[str]:
    """Four capitalised words without a separator are two people whose separator was lost
    ("Karl Lönn Eva Wiik"); any other name is one."""
    tokens = name.split()
    return [" ".join(tokens[:2]), " ".join(tokens[2:])] if len(tokens) == 4 else [name]


def _two_names(entry: Entry) -> list[Entry]:
    """An entry that is a name alone, split by `_split_pair`."""
    if entry.role or entry.organisation:
        return [entry]
    return [replace(entry, name=name) for name in _split_pair(entry.name)]


def _comma_list(text: str) -> list[Entry]:
    """"Mats Rudin (ordförande), Anna Krantz, Sara Vinter": several people on one line, each a
    name with perhaps a role or party in parentheses, or with the role after it between commas
    ("Anna Berg, ordförande, Bo Ek, Cecilia Lind och David Holm")."""
    segs = [s.strip() for s in re.split(r",|\s+och\s+(?=[A-ZÅÄÖ])", text.strip(" .")) if s.strip()]
    if len(segs) < 2:
        return []
    out: list[Entry] = []
    for seg in segs:
        m = re.fullmatch(r"(?P<name>[^()]+?)\s*(?:\((?P<note>[^)]+)\))?", seg)
        if out and out[-1].role is None and m and not m["note"] and (_is_title(seg) or FLAT_ROLE.fullmatch(", " + seg)):
            out[-1] = Entry(out[-1].name, seg, out[-1].organisation)  # the role of the name before
            continue
        if (out and out[-1].organisation is None and m and seg[:1].isupper() and not is_name(m["name"])
                and _is_org(seg)):
            out[-1] = Entry(out[-1].name, out[-1].role, seg)  # "Anna Berg, Region Värmland, Bo Ek, …"
            continue
        if not m or not is_name(m["name"]):
            return []
        note = (m["note"] or "").strip()
        if re.fullmatch(r"[A-ZÅÄÖ]{1,3}", note):
            out.append(Entry(m["name"], None, note))  # a party
        else:
            role, org = _split_role_org(note) if note else (None, None)
            out.append(Entry(m["name"], role, org))
    return out if len(out) >= 2 else []  # one name with its role and organisation is an entry


def _semicolon_list(text: str) -> list[Entry]:
    """"Eva Berg (S), Nordby kommun, ordförande; Per Kvist, Försäkringskassan": several people on
    one line, an entry of name, role and organisation between each semicolon."""
    segs = [s.strip(" .") for s in text.split(";") if s.strip(" .")]
    if len(segs) < 2:
        return []
    entries = [parse_entry(seg) for seg in segs]
    return [e for e in entries if e is not None] if all(entries) else []


def _group_of(group: str, entry: Entry, bare: bool) -> str:
    """The group of a listed person: absent where marked so; under a bare "Närvarande", an
    official (förbundschef, sekreterare) is among the others present, not those deciding."""
    if entry.absent:
        return "franvarande"
    if bare and group == "beslutande" and entry.role and _is_title(entry.role) and not re.search(
            r"ordförande|ledamot|ersättare", entry.role):
        return "ovriga"
    return group


def _label_role(label: str) -> str | None:
    """The role a list label gives those under it who print none: "Närvarande ersättare" → ersättare."""
    low = " ".join(label.casefold().strip(" :\t").split())
    word = next((w for w in ("ersättare", "suppleant") if w in low), None)
    if word is None:
        return None
    if re.search(rf"\b(?:ej|icke|inte) tjänstgörande {word}", low):
        return word
    return f"tjänstgörande {word}" if f"tjänstgörande {word}" in low else word


def _with_role(entry: Entry, role: str | None) -> Entry:
    return entry if entry.role or role is None else Entry(entry.name, role, entry.organisation, entry.absent)


# A member table's column of the organisations its people sit for.
ORG_COLUMN = re.compile(r"^(?:organisation|medlem|kommun|huvudman|representerar|part|myndighet)$", re.I)
# The columns of a board table ("Organisation ⇥ Ledamot ⇥ Ersättare"), glued together where a web
# page lost its cell breaks ("LedamöterErsättare").
BOARD_COLUMNS: tuple[tuple[str | None, str | None, re.Pattern[str]], ...] = (
    ("ledamot", "ledamot", re.compile(r"^(?:ordinarie )?(?:ledamöter|ledamot)$", re.I)),
    ("ersattare", "ersättare", re.compile(r"^(?:personlig )?ersättare$", re.I)),
    (None, None, ORG_COLUMN),
)
GLUED = re.compile(r"(?<=[a-zåäö])(?=[A-ZÅÄÖ])")


def _cells_of(text: str) -> list[str]:
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    return cells if len(cells) > 1 else [c.strip() for c in GLUED.split(text) if c.strip()]


def _board_columns(text: str) -> list[tuple[str | None, str | None]] | None:
    cells = _cells_of(text)
    columns = [next(((g, r) for g, r, p in BOARD_COLUMNS if p.match(c)), ("", "")) for c in cells]
    if ("", "") in columns or not any(g == "ledamot" for g, _ in columns) or not any(g == "ersattare"
                                                                                     for g, _ in columns):
        return None
    return columns


# A member table that names its columns: "Namn ⇥ Roll ⇥ Organisation", a row per person.
MEMBER_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("name", re.compile(r"^(?:namn|ledamot|ledamöter)$", re.I)),
    ("role", re.compile(r"^(?:roll|uppdrag|funktion|befattning)$", re.I)),
    ("org", ORG_COLUMN),
)


def member_table(lines: list[Line]) -> list[tuple[str, Entry, Line]]:
    """Members of a table whose heading names a name column and a role column ("Namn ⇥ Roll ⇥
    Organisation"), a row per person; an ersättare among them is one, everyone else a ledamot."""
    out: list[tuple[str, Entry, Line]] = []
    columns: list[str | None] | None = None
    for ln in lines:
        text = ln.stripped
        if not text:
            continue
        cells = _cells_of(text)
        head = [next((k for k, p in MEMBER_COLUMNS if p.match(c)), None) for c in cells]
        if len(cells) >= 2 and None not in head and "name" in head and "role" in head:
            columns = head
            continue
        if columns is None or len(cells) != len(columns):
            columns = None
            continue
        row = dict(zip(columns, cells, strict=True))
        name = row.get("name", "")
        if not is_name(name):
            columns = None
            continue
        role = (row.get("role") or "").strip().lower() or None
        group = "ersattare" if role and ("ersättare" in role or "suppleant" in role) else "ledamot"
        out.append((group, Entry(name, role, row.get("org") or None), ln))
    return out


def board_table(lines: list[Line]) -> list[tuple[str, Entry, Line]]:
    """Members of a board table: a heading of Ledamot and Ersättare columns (an organisation
    column named or not), then a row per member organisation."""
    out: list[tuple[str, Entry, Line]] = []
    columns: list[tuple[str | None, str | None]] | None = None
    for ln in lines:
        text = ln.stripped
        if not text:
            continue
        head = _board_columns(text)
        if head is not None:
            columns = head
            continue
        if columns is None:
            continue
        cells = _cells_of(text)
        if len(cells) == len(columns) + 1:
            cells_columns = [(None, None), *columns]  # the organisation's column has no heading
        elif len(cells) == len(columns):
            cells_columns = columns
        else:
            columns = None
            continue
        org = next((c for c, (g, _) in zip(cells, cells_columns, strict=True) if g is None), None)
        if org is not None and is_name(org):
            columns = None
            continue
        for cell, (group, role) in zip(cells, cells_columns, strict=True):
            if group is not None and is_name(cell):
                out.append((group, Entry(cell, role, org), ln))
    return out


# A report's member list inside a line that lost its breaks: "… Ordinarie ledamöter: Rune Ek,
# ordförande Dan Ros, vice ordförande Kim Berg Ersättare: Bo Al/Nils Ed …".
FLAT_LIST_LABEL = re.compile(r"(?<![\w])(?P<label>(?:Ordinarie ledamöter|Styrelsens ledamöter|Ledamöter|"
                             r"Styrelsens ersättare|Ersättare))\s*:\s*")
FLAT_ROLE = re.compile(r"\s*,\s*(?P<role>(?:\d:e |1:e |2:e )?(?:vice |förste vice |andre vice )?ordförande|ledamot|"
                       r"ersättare|sekreterare)\b", re.I)


def _flat_label_group(label: str) -> tuple[str, str]:
    """The group and role a report's list label gives its members: ersättare or ledamot."""
    return ("ersattare", "ersättare") if "rsättare" in label else ("ledamot", "ledamot")


def _flat_list_people(ln: Line) -> list[tuple[str, Entry, Line]]:
    """The names of labelled member lists inside one long line, each up to where the names end."""
    out: list[tuple[str, Entry, Line]] = []
    labels = list(FLAT_LIST_LABEL.finditer(ln.text))
    for k, lab in enumerate(labels):
        group, label_role = _flat_label_group(lab["label"])
        end = labels[k + 1].start() if k + 1 < len(labels) else len(ln.text)
        pos = lab.end()
        while pos < end:
            m = ZONE_NAME.match(ln.text, pos)
            found = _name_in(m[0]) if m else None
            if m is None or found is None or found[0] != 0:
                break
            role = FLAT_ROLE.match(ln.text, m.end())
            names = _split_pair(found[1])
            out.extend((group, Entry(name, role["role"].lower() if role and name == names[-1] else label_role,
                                     None), ln) for name in names)
            pos = role.end() if role else m.end()
            gap = re.match(r"\s*(?:/|,)?\s*", ln.text[pos:end])
            pos += gap.end() if gap else 0
    return out


def list_people(lines: list[Line]) -> list[tuple[str, Entry, Line]]:
    """Members listed under a report's "Ordinarie ledamöter:", "Ersättare:" or a group heading,
    and the members of a board table."""
    out: list[tuple[str, Entry, Line]] = board_table(lines) + member_table(lines)
    group: tuple[str, str | None] | None = None
    pending_role: str | None = None  # a board role on a line of its own, for the entry below it
    pending_colon = False
    for ln in lines:
        text = LIST_BULLET.sub("", ln.stripped)
        if not text:
            continue
        titled = ROLE_FIRST.match(text)
        under_role = titled is None and pending_role is not None
        if under_role:
            # the role on a line of its own over its member ("Ordförande:" / "Anna Berg (S), Region X")
            titled = ROLE_FIRST.match(f"{pending_role}: {text}")
        colon, pending_role = pending_colon, None
        entry = parse_entry(titled["rest"]) if titled and ";" not in titled["rest"] else None
        if under_role and entry is not None and not colon and entry.organisation is None:
            entry = None  # "Ordförande" over a bare name signs a report, it lists no member
        if titled and entry is not None and not entry.role:
            # "Vice ordförande: Bo Ek (M), Säffle kommun": the board role before the member
            board_role = " ".join(titled["role"].lower().split())
            out.append(("ersattare" if board_role in ("ersättare", "suppleant") else "ledamot",
                        Entry(entry.name, board_role, entry.organisation), ln))
            continue
        alone = ROLE_ALONE.match(text)
        if alone:
            pending_role, pending_colon = alone["role"], text.endswith(":")
            if group is None or not alone["role"].lower().startswith(("ersättare", "suppleant")):
                continue
        labelled = FLAT_LIST_LABEL.search(text)
        listed = _semicolon_list(text[labelled.end():]) if labelled and labelled.start() == 0 else []
        if labelled and listed:
            group_of, label_role = _flat_label_group(labelled["label"])
            out.extend((group_of, _with_role(e, label_role), ln) for e in listed)
            group = None
            continue
        if labelled and labelled.end() < len(text) and (len(text) >= FLAT_LIST_LINE or labelled.start() == 0):
            # the list follows its label on the same line ("Ersättare: Ali Demir/Karin Ulv …")
            out.extend(_flat_list_people(ln))
            group = None
            continue
        label = next(((g, r) for g, r, p in LIST_LABELS if p.match(text)), None)
        if label:
            group = label
            continue
        if group is None:
            continue
        entry = parse_entry(text)
        if entry is None:
            group = None
            continue
        role = entry.role or group[1]
        # a board list may name its ersättare among its members ("Eva Sund, ersättare, Region X")
        listed_as = "ersattare" if group[0] == "ledamot" and entry.role and "ersättare" in entry.role else group[0]
        out.append((listed_as, Entry(entry.name, role, entry.organisation), ln))
    return out


def _label_row(ln: Line) -> list[str]:
    """The signature labels of a line that holds two or more of them and nothing else."""
    cells = [c for c in re.split(r"\t|\s{3,}", ln.stripped) if c.strip()]
    keys = [next((k for k, p in SIGNATORY_LABELS.items() if p.match(c.strip())), None) for c in cells]
    return [k for k in keys if k] if len(cells) >= 2 and all(keys) else []


def closing_signatures(lines: list[Line], known: list[str]) -> dict[str, list[str]]:
    """Names under the signature labels of a block that closes the minutes ("Vid protokollet",
    "Justeras", "Ordförande"), each label's names on the lines below it, several on a line where
    wide gaps part them."""
    found: dict[str, list[str]] = {"sekreterare": [], "ordforande": [], "justerare": [], "justeras": []}
    if _names_over_labels(lines, known):
        # "Peder Ek / Ordförande / Gun Alm / Sekreterare": each name signed over its title
        for i, ln in enumerate(lines):
            key = next((k for k, p in SIGNATORY_LABELS.items() if p.match(ln.stripped)), None)
            above = _nonblank(lines[:i][::-1])
            if key and above is not None and _signed_name(above, known):
                found[key].append(_signed_name(above, known) or "")
        return found
    for i, ln in enumerate(lines):
        row = _label_row(ln)
        if row:
            # "Ordförande      Justerare" over "Lars Öst      Kerstin Ahl": names in the labels' order
            below = next((x for x in lines[i + 1:i + 4] if not x.blank), None)
            cells = [c.split(",")[0].strip(" .…_") for c in re.split(r"\t|\s{3,}", below.stripped)] if below else []
            names = [c for c in cells if c and (is_name(c) or c in known)]
            if len(names) == len(row):
                for label, name in zip(row, names, strict=True):
                    found[label].append(name)
            continue
        key = next((k for k, p in SIGNATORY_LABELS.items() if p.match(ln.stripped)), None)
        if key is None:
            # "Sekreterare: Karin Lund": the label and its name on one line
            label, _, value = ln.stripped.partition(":")
            key = next((k for k, p in SIGNATORY_LABELS.items() if value.strip() and p.match(label.strip())), None)
            names = [c for c in (x.split(",")[0].strip(" .…_") for x in re.split(r"\t|\s{3,}|\s+och\s+", value))
                     if c and (is_name(c) or c in known)]
            if key is not None and names:
                found[key].extend(names if key in ("justerare", "justeras") else names[:1])
            continue
        if key == "justerare" and re.match(r"justeras\b", ln.stripped, re.I):
            key = "justeras"  # signed by the chair and the justerare together
        for nxt in lines[i + 1:i + 8]:
            text = nxt.stripped.strip(" .…_")
            if not text:
                continue
            if any(p.match(text) for p in SIGNATORY_LABELS.values()):
                break
            cells = [c.split(",")[0].strip(" .…_") for c in re.split(r"\t|\s{3,}", text) if c.strip(" .…_")]
            names = [c for c in cells if is_name(c) or c in known]
            if not names:
                break
            found[key].extend(names)
            if key not in ("justerare", "justeras"):
                break  # only the justerare may be several
    return found


def _nonblank(lines: list[Line]) -> Line | None:
    return next((x for x in lines if not x.blank), None)


def _signed_name(ln: Line, known: list[str]) -> str | None:
    text = ln.stripped.split(",")[0].strip(" .…_")
    return text if is_name(text) or text in known else None


def _names_over_labels(lines: list[Line], known: list[str]) -> bool:
    """Whether a closing block prints each signatory's name over the label (title) naming them:
    the first label has a name above it, the last one none below."""
    at = [i for i, ln in enumerate(lines) if any(p.match(ln.stripped) for p in SIGNATORY_LABELS.values())]
    if not at:
        return False
    above = _nonblank(lines[:at[0]][::-1])
    below = _nonblank(lines[at[-1] + 1:])
    return (above is not None and _signed_name(above, known) is not None
            and (below is None or _signed_name(below, known) is None))


# Names in a heading zone, wherever the layout put them: "Anna Ek (S)", "Anna Ek, ordförande",
# a name alone on its line or its column, "Bo Ek (M) ersätter Eva Ström (M)".
_UPPER = "A-ZÅÄÖÉÈÜØÆŠŽČĆÁÍÓÚÑ"
_LOWER = "a-zåäöéèüøæšžčćáíóúñëïôçğı"
ZONE_NAME_TOKEN = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?"
ZONE_NAME = re.compile(rf"(?<![\w\-&])(?:{ZONE_NAME_TOKEN})"
                       rf"(?:[ \t]+(?:(?:de|af|von|van|der|den|da|di|el|al|bin)[ \t]+)?"
                       rf"{ZONE_NAME_TOKEN}){{0,3}}(?![\w\-])")
ZONE_PARTY = re.compile(r"\s*\(\s*(?P<party>[A-Za-zÅÄÖåäö]{1,4})\s*\)")
# What may follow a name in a list: its party, a comma, a wide gap, an attendance note, the end.
NAME_END = re.compile(r"\s*\(\s*[A-Za-zÅÄÖåäö]{1,4}\s*\)|\s*\([^()\d]{2,60}\)|\s*,|\t|\s{2,}|\s*$|"
                      r"\s+(?:§|ersätter\b|för\b|tjänstgör\b|"
                      r"från\b|fr\.?o\.?m\b|t\.?o\.?m\b|kl\b|ej\b)|\s+(?=[a-zåäö]{4,})")
RUN_BEFORE = re.compile(rf"(?<![\w\-])(?:{ZONE_NAME_TOKEN}) $")
NAME_START = re.compile(r"(?:^|\t|\s{2,}|[:;,]\s*|(?:ersätter|för|tjänstgör för)\s+)$")
REPLACES = re.compile(r"(?:ersätter|tjänstgör för|för)\s+$")
STOP_TOKENS = {
    "ordförande", "vice", "ledamot", "ledamöter", "ersättare", "övriga", "närvarande", "tjänstepersoner",
    "tjänstemän", "tjänsteman", "personalföreträdare", "beslutande", "sekreterare", "justerare",
    "protokolljusterare", "justerande", "paragrafer", "plats", "tid", "datum", "klockan", "digital", "digitalt",
    "justering", "underskrifter", "underskrift", "anslag", "organ", "sammanträdesdatum", "sammanträde",
    "kommun", "kommunen", "region", "regionen", "landsting", "landstinget", "kommunstyrelsen", "nämnden",
    "styrelsen", "förvaringsplats", "anmält", "förhinder", "frånvarande", "ej", "utses", "adjungerad",
    "adjungerade", "tjänstgörande", "deltagande", "deltagare", "kommunrevisionen", "revisor", "revisorer",
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "måndagen", "tisdagen", "onsdagen",
    "torsdagen", "fredagen", "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december", "sammanträdesprotokoll", "protokoll", "kallelse",
    "innehåll", "sida", "sidan", "page", "bilaga", "dnr", "insynsplats", "gäster", "gäst", "inbjudna", "föredragande",
    "signatur", "signaturer", "justerandes", "utdragsbestyrkande", "paragraferna",
    "samordningsförbundet", "förbundet", "förbundschef", "kansliet", "arbetsförmedlingen", "försäkringskassan",
    "beredningsgruppen", "verksamhetschef", "avdelningschef", "enhetschef", "socialchef",
    # the first words of trade unions and associations that precede a personalföreträdare's name
    "sveriges", "svenska", "lärare", "lärarförbundet", "vision", "akademikerförbundet", "vårdförbundet",
    "ssr", "saco", "tco", "lo", "fackförbund", "fackförbundet",
}


@cache
def _place_names() -> frozenset[str]:
    """The kommuner's own names ("Arjeplog", "Piteå"), which lists print after a member."""
    return frozenset(b.variants[0] for b in kommuner() if b.variants)


def _zone_stop(token: str) -> bool:
    low = token.casefold()
    return (low in STOP_TOKENS or low in ROLE_WORDS or any(w in low for w in ORG_WORDS)
            or low.endswith(("gatan", "vägen")))


def _name_in(candidate: str) -> tuple[int, str] | None:
    """The name at the end of a run of capitalised words: what follows the last label,
    organisation or role word in it, if two words or more remain."""
    tokens = list(re.finditer(r"\S+", candidate))
    keep = 0
    for i, t in enumerate(tokens):
        if _zone_stop(t[0]):
            keep = i + 1
    rest = tokens[keep:]
    if len(rest) == 3 and rest[0][0] in _place_names():
        rest = rest[1:]  # "Arjeplog Stina Holm": the place of the one before, then a name
    if len(rest) < 2 or len(rest) > 4:
        return None
    name = " ".join(t[0] for t in rest)
    if name.casefold() in _body_forms():
        return None
    return rest[0].start(), name


def _zone_role(after: str) -> tuple[str | None, str | None]:
    """(role, organisation) from what follows a name up to the next name or column."""
    party = None
    m = ZONE_PARTY.match(after) or ZONE_PARTY.match(re.sub(r"^\s*,", "", after))
    if m:
        party = m["party"].upper() if len(m["party"]) <= 3 else m["party"]
        after = re.sub(r"^\s*,", "", after)[m.end():]
        place = re.match(r"\s*,\s*(\S+)", after)
        if place and place[1].strip(",") in _place_names():
            after = after[place.end():]  # "Stina Holm, (s), Arvidsjaur": the member's kommun
    after = re.split(r"\t|\s{3,}", after)[0]
    note = re.match(r"\s*\(([^()]{2,60})\)", after)
    if note:
        # "Anna Ek (S) (ordförande)", "Lena Holm (Kommundirektör)", "Bo Ek (Arbetsförmedlingen)"
        if _is_title_note(note[1]):
            return _title_role(note[1]), party
        return None, party or note[1].strip()
    if _next_name(after):
        return None, party  # a list that lost its line breaks: the next person follows
    titled = re.match(r"\s*,\s*(?P<role>[a-zåäö][^,()]{1,40}?)\s*\((?P<org>[^()]{2,60})\)", after)
    if titled and _is_title_note(titled["role"]):
        # "Patrik Ek, ordförande (Avesta kommun) Anna Berg, ledamot (…)": a list run together
        return _title_role(titled["role"]), party or titled["org"].strip()
    after = ATTENDANCE_NOTE.sub("", re.sub(r"\s*§.*$", "", after)).strip(" ,.;")
    role = org = None
    if after:
        entry = parse_entry("Anna Ek, " + after)
        if entry:
            role, org = entry.role, entry.organisation
        elif "(" not in after:
            role = _before_name(after) if _holds_name(after) else _role(after) if len(after.split()) <= ENTRY_WORDS \
                else None
    return role, party or org


def _names_in(text: str, known: list[str]) -> list[str]:
    """The names in a signature value, in order: the heading's own names where they occur, and
    between them runs of capitalised words read two by two."""
    text = ZONE_PARTY.sub(" ", re.sub(r"[._…]{2,}", " ", text))
    hits = sorted((m.start(), m.end(), n) for n in known
                  for m in re.finditer(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text))
    chosen: list[tuple[int, int, str]] = []
    for a, z, n in hits:
        if not chosen or a >= chosen[-1][1]:
            chosen.append((a, z, n))
    out: list[tuple[int, str]] = [(a, n) for a, _, n in chosen]
    gaps = [(0, chosen[0][0] if chosen else len(text))]
    gaps += [(chosen[i][1], chosen[i + 1][0] if i + 1 < len(chosen) else len(text)) for i in range(len(chosen))]
    for a, z in gaps:
        for m in ZONE_NAME.finditer(text, a, z):
            tokens = m[0].split()
            if len(tokens) > 3 and len(tokens) % 2 == 0:
                out.extend((m.start(), " ".join(tokens[k:k + 2])) for k in range(0, len(tokens), 2))
            else:
                found = _name_in(m[0])
                if found:
                    out.append((m.start(), found[1]))
    return [n for _, n in sorted(out)]


# The §§ a protocol holds, as its "Paragrafer" field gives them: "12-18", "§§ 3–9, 11".
PARAGRAPH_RANGE = re.compile(r"^\s*(?:§+\s*)?\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|och)\s*\d+(?:\s*[-–]\s*\d+)?)*(?=\s|$)")


def zone_signatories(fields: list[tuple[str, int, str, int]], lines: list[Line], people: list[Person],
                     body: str, closing: list[Line] | None = None) -> Signatories:
    """Sekreterare, ordförande and justerare of a minutes heading zone.

    `fields` are (key, line index, value, label start) for every label of the zone in order. A
    label's name is its value on the same line, else the names on the lines below it; labels
    printed in a row take the names that follow the row, in order. What the labels do not give
    comes from a signature block that closes the minutes (`closing`, its last lines), then from
    the heading's people and from the § that elects the justerare."""
    known = sorted({p.name for p in people}, key=len, reverse=True)
    found: dict[str, list[str]] = {"sekreterare": [], "ordforande": [], "justerare": []}
    for key, name in _interleaved(fields, lines, known):
        found[key] = found[key] or [name]
    run: list[str] = []
    for n, (key, index, value, _end) in enumerate(fields):
        if key not in found:
            signed = PARAGRAPH_RANGE.sub("", value)
            if key == "paragrafer" and run and not re.search(r"\d", signed):
                # "Sekreterare Paragrafer Anna Ek", "Sekreterare Paragrafer 12-18 Anna Ek": the
                # name after the §§ signed (or after where they were lost) is the signatory's
                for k, name in zip(run, _names_in(signed, known), strict=False):
                    found[k] = found[k] or [name]
            if key not in ("underskrifter",):
                run = []
            continue
        if not re.sub(r"[\s._…\-]+", "", value):
            value = ""  # the dotted line the name is signed on
        names = _names_in(value, known) if value else []
        if not value:
            run.append(key)
            nxt_index = fields[n + 1][1] if n + 1 < len(fields) else len(lines)
            if nxt_index < len(lines):
                nxt_line = lines[nxt_index]
                indent = len(nxt_line.text) - len(nxt_line.text.lstrip())
                if fields[n + 1][3] > nxt_line.start + indent:
                    nxt_index += 1  # the next label stands in a right column: the name before it is ours
            below: list[str] = []
            for ln in lines[index + 1:min(nxt_index, index + 8)]:
                text = ln.stripped.strip(" .…_")
                if not text:
                    continue
                got = _names_in(text, known)
                if not got:
                    break
                below.extend(got)
                if key != "justerare":
                    break
            if below:
                found[key] = found[key] or below
                run = []
            continue
        if run and len(names) >= len(run) + 1:
            for k, name in zip([*run, key], names, strict=False):
                found[k] = found[k] or [name]
            if key == "justerare" or run[-1:] == ["justerare"]:
                pass
        elif names:
            found[key] = found[key] or (names if key == "justerare" else names[:1])
        run = []
    closed = closing_signatures(closing, known) if closing else {}
    for key, names in closed.items():
        if key in found:
            found[key] = found[key] or names
    ordforande = found["ordforande"][0] if found["ordforande"] else None
    if ordforande is None:
        chair = [p.name for p in people if p.role and re.search(r"(?<!vice )ordförande", p.role)
                 and p.group == "beslutande" and not re.search(r"vice|ersättare", p.role)]
        ordforande = chair[0] if chair else None
    sekreterare = found["sekreterare"][0] if found["sekreterare"] else None
    if sekreterare is None:
        sec = [p.name for p in people if p.role and re.search(r"sekreterare$", p.role.split(",")[0].strip())]
        sekreterare = sec[0] if sec else None
    justerare = found["justerare"]
    if not justerare:
        # "Justeras" is signed by the chair too: the chair is not one of the justerare.
        justerare = [n for n in closed.get("justeras", []) if n != ordforande]
    if not justerare:
        justerare = elected_justerare(body, known)
    return Signatories(ordforande=ordforande, sekreterare=sekreterare, justerare=tuple(dict.fromkeys(justerare)))


def _interleaved(fields: list[tuple[str, int, str, int]], lines: list[Line], known: list[str]) -> list[tuple[str, str]]:
    """Signature labels printed one under another with their values in a later column, as an
    OCR that reads a two-column form label column first gives them: the first run of as many
    value lines, a date for the justering, a name for each signature label."""
    run: list[tuple[str, int]] = []
    for key, index, value, _end in fields:
        if value:
            break
        if run and any(not ln.blank for ln in lines[run[-1][1] + 1:index]):
            if any(k in SIGNATURE_KEYS for k, _ in run):
                break
            run = []
        run.append((key, index))
    if len(run) < 2 or not any(k in SIGNATURE_KEYS for k, _ in run):
        return []
    label_lines = {f[1] for f in fields}
    values = [ln for i, ln in enumerate(lines) if i > run[-1][1] and not ln.blank and i not in label_lines]
    for k in range(len(values) - len(run) + 1):
        window = values[k:k + len(run)]
        names: list[tuple[str, str]] = []
        for (key, _), ln in zip(run, window, strict=True):
            text = ZONE_PARTY.sub("", ln.stripped).strip(" ,")
            if key in SIGNATURE_KEYS:
                if not (text in known or is_name(text)):
                    break
                names.append((key, text))
            elif key == "justering" and not re.search(r"\d{4}-\d{2}-\d{2}|\bdigital", text, re.I):
                break
        else:
            return names
    return []


_JUST_NAME = rf"(?P<name>{ZONE_NAME_TOKEN}(?: {ZONE_NAME_TOKEN}){{1,3}})(?:\s*\([A-Za-zÅÄÖåäö]{{1,4}}\))?"
ELECTED = (
    re.compile(rf"(?:utses|väljs|valdes|väljer|utser|utse|välja)\s+{_JUST_NAME}\s+(?:att|till)\s+"
               rf"(?:[\w ]{{0,30}})?juster"),
    re.compile(rf"{_JUST_NAME},?\s+(?:utses|valdes|väljs|utsågs)\s+(?:att|till)\s+(?:[\w ]{{0,30}})?juster"),
    re.compile(rf"(?i:till|som)\s+justerare\s+(?:utses|valdes|väljs|utsågs)\s+{_JUST_NAME}"),
    re.compile(rf"(?:utses|väljs|valdes)\s+att\s+justera\s*:?\s*{_JUST_NAME}"),
)


def elected_justerare(body: str, known: list[str]) -> list[str]:
    """The justerare a § elects ("Nämnden väljer Anna Ek (KD) till justerare")."""
    for pattern in ELECTED:
        for m in pattern.finditer(body):
            name = m["name"].strip()
            if is_name(name) or name in known:
                return [name]
    return []


def zone_people(lines: list[Line], groups: list[tuple[int, str | None]]) -> list[tuple[str, Entry, Line]]:
    """(group, entry, line) for every name in a minutes heading zone. `groups` are the offsets
    where a list label opens a group (beslutande, ovriga, franvarande), in order."""
    out: list[tuple[str, Entry, Line]] = []
    carried: str | None = None  # a first name that ended a line, its surname on the next line
    for ln in lines:
        text = ln.text
        for m in ZONE_NAME.finditer(text):
            before = text[:m.start()]
            if RUN_BEFORE.search(before) and not REPLACES.search(before):
                continue  # the tail of a longer run of names: `unseparated_names` reads such runs
            found = _name_in(m[0])
            if found is None:
                if carried and len(m[0].split()) == 1 and ZONE_PARTY.match(text, m.end()):
                    found = (0, f"{carried} {m[0]}")
                    before = before[:0]
                    carried = None
                else:
                    if m.end() == len(text.rstrip()) and len(m[0].split()) == 1 and REPLACES.search(before):
                        carried = m[0]
                    continue
            offset, name = found
            start = m.start() + offset
            end = NAME_END.match(text, m.end())
            if not end:
                continue
            strong = "(" in end[0] or "," in end[0]
            lead = text[:start]
            if not strong and offset == 0 and not NAME_START.search(lead) and not _after_label(lead):
                continue
            at = ln.start + start
            group = next((g for off, g in reversed(groups) if off <= at), None)
            if group is None:
                continue
            if REPLACES.search(lead):
                group = "franvarande"
            role, org = _zone_role(text[m.end():])
            if not strong and len(pair := _split_pair(name)) == 2:
                # two names of a column that lost its separators
                out.extend((group, Entry(half, None, None), ln) for half in pair)
                continue
            out.append((group, Entry(name, role, org), ln))
        if carried and not text.rstrip().endswith(carried):
            carried = None
    return out


# A run of names a flattened page printed without a separator between them: "Beslutande Ingrid
# Fors Tomas Lind Mona Berg Hans Tell …", which the list rules leave unread (three names or
# more). Swedish names are a given name and a surname (double names take a hyphen), so an even
# run is read two by two; an odd run holds a name of three words somewhere, and is left alone.
UNSEPARATED = re.compile(rf"(?:{ZONE_NAME_TOKEN})(?:[ ]+(?:{ZONE_NAME_TOKEN})){{5,}}")


def unseparated_names(value: str, at: int) -> list[tuple[int, str]]:
    """(offset, name) of the people in runs of six capitalised words or more (an even number) of
    a list's value; `at` is the value's offset."""
    out: list[tuple[int, str]] = []
    for run in UNSEPARATED.finditer(value):
        words = list(re.finditer(r"\S+", run[0]))
        if len(words) % 2 or any(_zone_stop(w[0]) for w in words):
            continue  # a name of three words, a label, an organisation or a title inside
        for k in range(0, len(words), 2):
            name = f"{words[k][0]} {words[k + 1][0]}"
            if is_name(name):
                out.append((at + run.start() + words[k].start(), name))
    return out


LIST_LABEL_WORDS = {"beslutande", "ledamöter", "ersättare", "övriga", "närvarande", "tjänstepersoner", "tjänstemän",
                    "sekreterare", "ordförande", "justerare", "protokolljusterare", "justerande", "förhinder",
                    "frånvarande", "personalföreträdare", "underskrifter", "justera", "deltagare", "deltagande",
                    "adjungerade", "adjungerad", "insynsplats", "gäster"}


def _after_label(lead: str) -> bool:
    """The text before a name ends with a list label ("Beslutande Ledamöter ", "Sekreterare ")."""
    words = lead.split()
    return bool(words) and words[-1].strip(":,").casefold() in LIST_LABEL_WORDS and words[-1][:1].isupper()


# A närvarolista: a table headed "Namn" with a party, role or presence column, one member a row
# ("Anna Ek | S | Ledamot | 1", presence "1", "x" or "ja", absence "-" or "0").
ROLL_HEADER = re.compile(r"^namn$", re.I)
ROLL_COLUMNS = re.compile(r"^(parti|närvaro|närvarande|närv|ledamot|ersättare|roll|funktion|tjänstgörande|grupp)$",
                          re.I)
PRESENT = {"1", "x", "ja", "närvarande", "n", "✓", "tjg", "tj"}
ABSENT = {"-", "–", "0", "nej", "frånvarande", "f", ""}


def _cells(line: Line) -> list[str]:
    text = line.text.strip()
    if text.startswith("|"):
        return [c.strip() for c in text.strip("|").split("|")]
    return [c.strip() for c in text.split("\t")] if "\t" in text else []


def roll_call(lines: list[Line]) -> list[tuple[str, Entry, Line]]:
    """(group, entry, line) for every member of a närvarolista table."""
    out: list[tuple[str, Entry, Line]] = []
    columns: dict[str, int] | None = None
    for ln in lines:
        cells = _cells(ln)
        if not cells:
            columns = None
            continue
        if columns is None:
            if any(ROLL_HEADER.match(c) for c in cells) and any(ROLL_COLUMNS.match(c) for c in cells):
                columns = {c.casefold(): i for i, c in enumerate(cells)}
            continue
        if all(re.fullmatch(r"[-: ]*", c) for c in cells):
            continue  # the rule under a Markdown header
        get = {k: (cells[i] if i < len(cells) else "") for k, i in columns.items()}
        name = ZONE_PARTY.sub("", get.get("namn", "")).strip()
        if not is_name(name):
            continue
        presence = next((get[k] for k in ("närvaro", "närvarande", "närv", "tjänstgörande") if k in get), None)
        role = next((get[k] for k in ("roll", "funktion", "ledamot", "ersättare") if k in get and get[k]), None)
        role = _role(role) if role and not re.fullmatch(r"[\dx✓-]+", role, re.I) else None
        party = get.get("parti") or None
        if presence is not None and presence.casefold() in ABSENT:
            group = "franvarande"
        elif role and "ersättare" in role and not (presence and presence.casefold() in PRESENT):
            group = "ovriga"
        else:
            group = "beslutande"
        out.append((group, Entry(name, role, party), ln))
    return out
