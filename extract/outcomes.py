"""Participant figures per insats and period: "arbetat med 20 deltagare under perioden
190101-190831 varav 13 deltagare har avslutats", "6 deltagare avslutades till studier", "57 % har
gått i mål", "(41 kvinnor och 8 män)". A figure stated twice is kept once, and the end reasons of
an insats are checked against its number of avslutade.
"""

from __future__ import annotations

import re
from dataclasses import replace

from samarkiv.normalize.dates import MONTHS, compact, iso, month_end, years_in

from .layout import Block, Line, sentences, spaced_rows, units_of
from .types import Outcome

NUMBER_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
                "nio": 9, "tio": 10}
_COUNT = r"(?P<n>\d{1,3}(?: \d{3})+(?!\d)|\d{1,5}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)"
# What happened to the counted people, read from the words after the count; first match wins.
CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # OCR often reads "åter" as "äter"; no other Swedish phrase reads "äter till remitterande".
    ("aterremitterad", re.compile(r"[åäa]ter till (?:\w+ )?remitter\w*|återremitter\w*|tillbaka till remitter", re.I)),
    ("arbete_studier", re.compile(r"till arbete (?:eller|och|/) ?studier|till studier (?:eller|och|/) ?arbete", re.I)),
    ("studier", re.compile(r"till (?:studier|utbildning)", re.I)),
    ("arbete", re.compile(r"till (?:arbete|anställning|jobb)\b", re.I)),
    ("hallbar_planering", re.compile(r"hållbar (?:och \w+ )?planering", re.I)),
    ("annan_anledning", re.compile(r"annan anledning|andra anledningar|övriga orsaker", re.I)),
    ("i_mal", re.compile(r"gått i mål|gick i mål", re.I)),
    ("avslutade", re.compile(r"\bavslut\w*|\butskriv\w*|\bskrivits ut\b|\bskrevs ut\b", re.I)),
    ("nya", re.compile(r"nyinskriv\w*|påbörja\w*|\bnya\b|skrivits in", re.I)),
    ("other", re.compile(r"^\s*(?:som ingår i|med \w+ utbildning|utan |förgymnasial|\w+ utbildning)", re.I)),
)
COUNTED = re.compile(rf"(?<![\w,.\-]){_COUNT} (?:(?P<new>nya|nyinskrivna) )?"
                     r"(?P<noun>deltagare|personer|person|individer|individ|unga|kvinnor|kvinna|män|man|ungdomar)\b",
                     re.I)
BARE_ENDED = re.compile(r"\b(?:har (?P<n>\d{1,5}) (?:avslutat|avslutats|skrivits ut)|"
                        r"(?<![\d,.])(?P<m>\d{1,5}) (?:har )?(?:avslutats|avslutat|avslutades|skrivits ut))\b", re.I)
# OCR reads "%" as digits ("57 20 har gått i mål"): one or two digits after a number are never a
# thousands group, so they can only be the sign. Without Swedish letters it reads "män" as "man".
SHARE = re.compile(r"(?P<p>\d{1,3}(?:,\d+)?) ?(?:%|procent|(?<=\d )\d{1,2}) "
                   r"(?P<what>kvinnor|m[äa]n|har gått i mål|gått i mål|"
                   r"(?:har )?(?:gått|avslutats) (?:vidare )?till (?:arbete|studier)"
                   r"(?: (?:eller|och) (?:studier|arbete))?)", re.I)
# "60 % kvinnor och 40 % män" with each "%" misread as digits: shares that add up to a hundred.
_SIGN = r" ?(?:%|(?<=\d )\d{1,4})"
GENDER_SPLIT = re.compile(rf"(?<![\d,])(?P<a>\d{{1,3}}){_SIGN} kvinnor och (?P<b>\d{{1,3}}){_SIGN} m[äa]n\b", re.I)
WORKED_WITH = re.compile(r"\b(?:arbetat|jobbat|arbetade|jobbade|träffat|mött) med (?:totalt )?$", re.I)
STAFF = re.compile(r"^(?:arbetar|jobbar|är anställda|tjänst)", re.I)
CLAUSE_END = re.compile(r",|;|\.(?:\s|$)|\bvarav\b|\bsamt\b|\boch (?!studier|arbete)|\bmedan\b|\(")
INSATS_NAMED = re.compile(r"\b(?:[Ii]nom (?:insatsen|projektet|projekt)|[Ii]nsatsen|[Pp]rojektet|[Pp]rojekt|"
                          r"[Tt]eamet) (?P<name>[A-ZÅÄÖ][\wåäö\-]*(?: \d+(?:\.\d+)?(?![\d.])(?! (?:personer|deltagare|"
                          r"individer|unga|ungdomar|nya|kvinnor|män|av)\b))?)")
INSATS_GROUP = re.compile(r"\b(?:de (?P<kind>\w+inriktade) insatserna|"
                          r"(?:förbundets|våra|samtliga) (?P<many>\w+inriktade) insatser|"
                          r"en (?P<one>\w+inriktad) insats)\b", re.I)
# Shares and counts as news items and reports write them: "drygt 40 procent av deltagarna gick
# vidare till arbete eller studier", "gick 37% ut i arbete eller studier", "gick 40 till arbete",
# "fick fram 17 jobb".
_WHAT = (r"(?P<what>arbete(?:,| (?:eller|och|/)) ?studier|studier(?:,| (?:eller|och|/)) ?arbete|arbete|studier|"
         r"utbildning|jobb)")
_WENT = r"(?:gick|har gått|gått|kom|har kommit|gick över|övergick)"
_PCT = r"(?:drygt |cirka |ca |nästan |närmare |över |knappt )?(?P<p>\d{1,3}(?:,\d+)?) ?(?:%|procent)"
PROSE_SHARES = (
    re.compile(rf"{_PCT}(?: av (?:de |alla )?(?:\w+ )?(?:deltagarna|deltagare|avslutade|de avslutade))?"
               rf"(?: \w+){{0,3}}? "
               rf"{_WENT} (?:vidare |ut |direkt )*(?:till|i) {_WHAT}", re.I),
    re.compile(rf"{_WENT} {_PCT} (?:vidare |ut |direkt )*(?:till|i) {_WHAT}", re.I),
    # "Andelen deltagare som gått vidare till arbete eller studier var 38 procent"
    re.compile(rf"\bandel(?:en)? (?:av )?(?:de |alla )?(?:\w+ )?(?:deltagare|deltagarna|avslutade)? ?som (?:har )?"
               rf"(?:{_WENT} )?(?:vidare |ut |direkt )*(?:till|i) {_WHAT} (?:var|är|blev|uppgick till|uppgår till|"
               rf"låg på) {_PCT}", re.I),
)
PROSE_COUNT = re.compile(rf"\b{_WENT} (?P<n>\d{{1,5}}) (?:deltagare |personer )?(?:vidare |ut |direkt )*"
                         rf"(?:till|i) {_WHAT}\b",
                         re.I)
# The count before its verb: "19 har gått vidare till arbete", "22 av dem gick till studier",
# "varav 12 till arbete"; and the figures that continue it: "… och 7 till studier", ", 3 till utbildning".
_OF_THEM = r"(?:av (?:dem|dessa|deltagarna|de avslutade) |personer |deltagare |individer |ungdomar )"
RESULT_COUNT = re.compile(
    rf"(?:(?<![\d,.\w])(?P<n>\d{{1,5}}) (?:\(\d{{1,3}}(?:,\d+)? ?%\) )?{_OF_THEM}?(?:har |hade )?{_WENT} |"
    rf"\bvarav (?P<v>\d{{1,5}}) {_OF_THEM}?(?:har |hade )?(?:{_WENT} )?)"
    rf"(?:vidare |ut |direkt )*(?:till|i|ut i) {_WHAT}\b", re.I)
# "… gick 35 % till arbete och 12 % till studier": the shares that continue a result
MORE_SHARES = re.compile(rf"^(?:,| och| samt)+ {_PCT} (?:till|i|ut i) {_WHAT}\b", re.I)
# "11 personer har skrivits ut, 4 av dem till arbete eller studier": the result without its verb
OF_THEM_TO = re.compile(rf"(?<![\d,.\w])(?P<n>\d{{1,5}}) av (?:dem|dessa|deltagarna) (?:till|ut i) {_WHAT}\b", re.I)
# A verb before a count that says what became of the counted: "avslutades 30 deltagare".
ENDED_LEAD = re.compile(r"\b(?:avslutades|avslutade|avslutats|skrevs ut|skrivits ut)\s+(?:totalt\s+|sammanlagt\s+|"
                        r"ytterligare\s+)?$", re.I)
NEW_LEAD = re.compile(r"\b(?:skrevs in|skrivits in|tillkom|började|påbörjade)\s+(?:totalt\s+|sammanlagt\s+)?$", re.I)
NEW_ENROLMENTS = re.compile(r"(?<![\d,.])(?P<n>\d{1,5}) (?:nyinskrivningar|nya inskrivningar)\b", re.I)
# "41 deltagare, varav 9 nya"
NEW_AMONG = re.compile(r"\bvarav (?P<n>\d{1,5}) (?:nya|nyinskrivna)\b(?! (?:deltagare|personer)\b)", re.I)
MORE_RESULTS = re.compile(rf"^(?:,| och| samt)+ (?P<n>\d{{1,5}}) (?:har )?(?:{_WENT} )?(?:vidare )?"
                          rf"(?:till|i) {_WHAT}\b", re.I)
# Who took part: "deltog 64 personer", "48 deltagare har deltagit".
TOOK_PART = re.compile(r"\b(?:deltog|har deltagit|deltagit|medverkade|har medverkat) (?:totalt |sammanlagt )?"
                       r"(?P<n>\d{1,5}) (?:personer|deltagare|individer|ungdomar|unga)\b|"
                       r"(?<![\d,.])(?P<m>\d{1,5}) (?:personer|deltagare|individer|ungdomar|unga) (?:har |hade )?"
                       r"(?:deltagit|deltog|medverkat|medverkade|varit inskrivna|tagit del av)\b|"
                       r"\b(?:har|hade) (?:under \S+ )?haft (?:totalt |sammanlagt )?(?P<h>\d{1,5}) (?:inskrivna )?"
                       r"(?:personer|deltagare|individer|ungdomar|unga)\b", re.I)
# "31 av deltagarna var kvinnor"
OF_THEM_WERE = re.compile(r"(?<![\d,.])(?P<n>\d{1,5}) av (?:deltagarna|dem|dessa) (?:var|är|har varit) "
                          r"(?P<what>kvinnor|män)\b", re.I)
# A goal, not a result: "målet är att 20 procent ska ha gått vidare till arbete".
TARGET = re.compile(r"\b(mål(?:et|en)?|målsättning\w*|ska ha|skall ha|bör ha|förväntas)\b", re.I)
OF_ENDED = re.compile(r"\b[Aa]v (?:de |alla )?(?:ca |cirka |drygt )?(?P<n>\d{1,5}) "
                      r"(?:(?:deltagare|personer|individer) )?(?:som )?(?:har )?"
                      r"(?:avslutade|avslutat|avslutats|skrivits ut)\b")
GOT_WORK = re.compile(r"(?<![\d,.])(?P<n>\d{1,5}) (?:personer |deltagare |av dem |av deltagarna )?(?:har )?"
                      r"(?:(?:fått|fick|erhållit) (?:ett |en )?(?:jobb|arbete|anställning)|"
                      r"(?:börjat|började|påbörjat) (?:att )?arbeta)\b", re.I)
# "6 har påbörjat studier", "4 började studera"
BEGAN_STUDIES = re.compile(r"(?<![\d,.])(?P<n>\d{1,5}) (?:personer |deltagare |av dem |av deltagarna )?(?:har )?"
                           r"(?:påbörjat|påbörjade|börjat|började) (?:att studera|studera|studier|en utbildning|"
                           r"utbildning)\b", re.I)
JOBS = re.compile(r"(?<![\d,.])(?P<n>\d{1,5}) (?:nya )?(?:jobb|anställningar)\b", re.I)
PERIOD_ISO = re.compile(r"((?:19|20)\d{2}-\d{2}-\d{2})\s*(?:[-–]|till|t\.o\.m\.?)\s*((?:19|20)\d{2}-\d{2}-\d{2})")
PERIOD_COMPACT = re.compile(r"(?<!\d)(\d{6})\s*[-–]\s*(\d{6})(?!\d)")
PERIOD_UNTIL = re.compile(r"\b(?:fram till|till och med|t\.o\.m\.?) (\d{6}|(?:19|20)\d{2}-\d{2}-\d{2})", re.I)
STARTED = re.compile(r"\bstartade(?: upp)? (\d{6}|(?:19|20)\d{2}-\d{2}-\d{2})", re.I)
HALF_YEAR = re.compile(r"\b(första|andra) halvåret (\d{4})", re.I)
MONTH_SPAN = re.compile(rf"\bperioden ({'|'.join(MONTHS)})\s*[-–]\s*({'|'.join(MONTHS)})(?: (\d{{4}}))?", re.I)
# A whole year: "under 2022", "resultaten för 2018", "verksamhetsåret 2021".
YEAR_SPAN = re.compile(r"\b(?:under|för|resultaten för|(?:verksamhets|hel|kalender)?året|år) "
                       r"((?:19|20)\d{2})\b(?![-/]\d)", re.I)
# "Delårsrapport januari–april 2021": months with their year, without the word "perioden".
MONTH_SPAN_YEAR = re.compile(rf"\b({'|'.join(MONTHS)})\s*[-–]\s*({'|'.join(MONTHS)}) ((?:19|20)\d{{2}})\b", re.I)
END_OF_MONTH = re.compile(rf"\bi slutet av ({'|'.join(MONTHS)})(?: (\d{{4}}))?", re.I)
# Columns of a table of participant figures, by their heading; first match wins.
COUNT_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("arbete_studier", re.compile(r"arbete (?:eller|och|/) ?studier|arbete/studier|studier (?:eller|och|/) ?arbete",
                                  re.I)),
    ("arbete", re.compile(r"^(?:till |i |gått till )?(?:arbete|anställning|jobb)$", re.I)),
    ("studier", re.compile(r"^(?:till |i |gått till )?(?:studier|utbildning)$", re.I)),
    ("avslutade", re.compile(r"^(?:antal )?avslutade(?: deltagare)?$", re.I)),
    ("nya", re.compile(r"^(?:antal )?(?:nya(?: deltagare)?|nyinskrivna|inskrivna under (?:året|perioden))$", re.I)),
    ("deltagare", re.compile(r"^(?:antal )?(?:deltagare|inskrivna|individer|personer)(?: totalt)?$", re.I)),
    ("kvinnor", re.compile(r"^(?:varav )?kvinnor$", re.I)),
    ("man", re.compile(r"^(?:varav )?män$", re.I)),
)
# A table row that sums the others: its figures concern every insats of the table.
TOTAL_ROW = re.compile(r"^(?:totalt|total|summa|samtliga|alla insatser|förbundet totalt)\b", re.I)
_TABLE_COUNT = re.compile(r"^\d{1,3}(?: \d{3})*$|^\d{1,5}$")
_TABLE_SHARE = re.compile(r"^(\d{1,3}(?:,\d+)?) ?%$")
SUB_CATEGORIES = ("arbete", "studier", "arbete_studier", "aterremitterad", "hallbar_planering", "annan_anledning")


def _date_token(token: str) -> str | None:
    return token if "-" in token else compact(token)


def period_of(text: str, year: int | None, context: str = "") -> tuple[str | None, str | None] | None:
    """The period a sentence or paragraph states, if any; `context` may state when it started."""
    m = PERIOD_COMPACT.search(text)
    if m and compact(m[1]) and compact(m[2]):
        return compact(m[1]), compact(m[2])
    m = PERIOD_ISO.search(text)
    if m:
        return m[1], m[2]
    until = PERIOD_UNTIL.search(text)
    if until:
        started = STARTED.search(text) or STARTED.search(context)
        return (_date_token(started[1]) if started else None), _date_token(until[1])
    m = HALF_YEAR.search(text)
    if m:
        y = int(m[2])
        return (f"{y}-01-01", f"{y}-06-30") if m[1].lower() == "första" else (f"{y}-07-01", f"{y}-12-31")
    m = MONTH_SPAN.search(text)
    span_year = int(m[3]) if m and m[3] else year
    if m and span_year:
        return iso(span_year, MONTHS[m[1].lower()], 1), month_end(span_year, MONTHS[m[2].lower()])
    m = MONTH_SPAN_YEAR.search(text)
    if m:
        y = int(m[3])
        return iso(y, MONTHS[m[1].lower()], 1), month_end(y, MONTHS[m[2].lower()])
    m = END_OF_MONTH.search(text)
    end_year = int(m[2]) if m and m[2] else year
    if m and end_year:
        return None, month_end(end_year, MONTHS[m[1].lower()])
    m = YEAR_SPAN.search(text)
    if m:
        return f"{m[1]}-01-01", f"{m[1]}-12-31"
    return None


def _insats_in(text: str) -> str | None:
    m = INSATS_NAMED.search(text)
    if m:
        return m["name"]
    g = INSATS_GROUP.search(text)
    if not g:
        return None
    kind = g["kind"] or g["many"]
    return f"{kind.lower()} insatser" if kind else f"{g['one'].lower()}e insatser"


def _category(after: str, noun: str) -> tuple[str, str | None] | None:
    clause = CLAUSE_END.split(after, maxsplit=1)[0]
    if STAFF.match(clause.strip()):
        return None
    for name, pattern in CATEGORIES:
        if pattern.search(clause):
            return name, (clause.strip() if name == "other" else None)
    if noun.lower() in ("kvinnor", "kvinna"):
        return "kvinnor", None
    if noun.lower() in ("män", "man"):
        return "man", None
    return ("deltagare", None) if noun.lower() in ("deltagare", "individer", "ungdomar", "unga") else None


def _count(token: str) -> int:
    return NUMBER_WORDS.get(token.lower(), 0) or int(token.replace(" ", ""))


def count_columns(cells: list[str]) -> list[str | None] | None:
    """The outcome category of each column of a table heading, or None when the heading does not
    name at least two columns of participant figures (a table of money, of contents)."""
    cats = [next((c for c, p in COUNT_COLUMNS if p.search(" ".join(cell.split()))), None) for cell in cells]
    return cats if sum(c is not None for c in cats) >= 2 else None


def _cells(ln: Line) -> list[tuple[int, str]]:
    """A table row's cells with their offsets: tab-separated, or a Markdown row's."""
    text, base = ln.text, ln.start
    if text.strip().startswith("|"):
        out, pos = [], 0
        for piece in text.split("|"):
            if piece.strip():
                out.append((base + pos + len(piece) - len(piece.lstrip()), piece.strip()))
            pos += len(piece) + 1
        return out
    out, pos = [], 0
    for piece in text.split("\t"):
        out.append((base + pos + len(piece) - len(piece.lstrip()), piece.strip()))
        pos += len(piece) + 1
    return out


def _is_table_row(ln: Line) -> bool:
    return ln.is_row or (ln.text.strip().startswith("|") and ln.text.count("|") >= 3)


def table_outcomes(lines: list[Line], year: int | None) -> list[Outcome]:
    """Participant figures of tables whose heading names their columns ("Insats ⇥ Deltagare ⇥
    Avslutade ⇥ Till arbete ⇥ Till studier"): a figure per row and column, the row's label its
    insats (none for a Totalt row), the period the lines before the table state."""
    out: list[Outcome] = []
    columns: list[str | None] | None = None
    period: tuple[str | None, str | None] | None = None
    lines = spaced_rows(lines)
    for i, ln in enumerate(lines):
        if not _is_table_row(ln):
            columns = None
            continue
        cells = _cells(ln)
        if columns is None:
            columns = count_columns([c for _, c in cells])
            if columns is not None:
                before = [x.stripped for x in lines[max(0, i - 3):i] if x.stripped and not _is_table_row(x)]
                period = period_of(ln.text, year) or period_of(" ".join(before), year)
                heading_years = years_in(before[-1]) if before and len(before[-1].split()) <= 8 else []
                if period is None and len(heading_years) == 1:
                    period = (f"{heading_years[0]}-01-01", f"{heading_years[0]}-12-31")  # "Resultat 2022"
            continue
        if set("".join(c for _, c in cells)) <= set("|-: "):
            continue  # a Markdown rule under the heading
        label = cells[0][1] if cells else ""
        insats = None if TOTAL_ROW.match(label) else (label or None)
        for (start, cell), cat in zip(cells, columns, strict=False):
            if cat is None or not cell:
                continue
            value = cell.replace("\u00a0", " ")
            share = _TABLE_SHARE.match(value)
            if _TABLE_COUNT.match(value):
                out.append(Outcome(category=cat, insats=insats, period=period, count=int(value.replace(" ", "")),
                                   span=(start, start + len(cell))))
            elif share:
                out.append(Outcome(category=cat, insats=insats, period=period,
                                   share=round(float(share[1].replace(",", ".")) / 100, 4),
                                   span=(start, start + len(cell))))
    return out


# A row's or a line's label that names the figure after it ("Till arbete ⇥ 31", "Antal deltagare:
# 112"), read as a column heading once its counting words are put aside.
ROW_LABEL_NOISE = re.compile(r"^(?:antal|totalt|varav|andel(?:en)?)\s+|\s+(?:totalt|\(antal\)|antal|"
                             r"efter avslutad (?:insats|period)|under (?:året|perioden|\d{4}))$", re.I)
LABELLED_FIGURE = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäö /]{2,60}?)\s*:\s*(?P<value>\d{1,5}|\d{1,3}(?:,\d+)? ?%)"
                             r"(?:\s*\([^)]*\))?\s*\.?$")
_ROW_COUNT = re.compile(r"^\d{1,5}$")


def row_category(label: str) -> str | None:
    """The outcome category a row's label names, or None."""
    text = " ".join(label.split()).strip(" :")
    while True:
        shorter = ROW_LABEL_NOISE.sub("", text)
        if shorter == text:
            break
        text = shorter
    return next((c for c, p in COUNT_COLUMNS if p.search(text)), None)


def labelled_outcomes(lines: list[Line], year: int | None) -> list[Outcome]:
    """Participant figures each on a row or line of its own, labelled by what they count ("Till
    arbete ⇥ 31", "Avslutade totalt ⇥ 140", "Antal deltagare: 112 (varav …)"): the insats the
    title above names, if any, and the period it or the lines before state."""
    out: list[Outcome] = []
    context: list[str] = []  # the non-figure lines so far, the nearest last
    for ln in spaced_rows(lines):
        text = ln.stripped
        if not text:
            continue
        value_at: tuple[str, int, str] | None = None  # (label, offset of the value, value)
        if _is_table_row(ln):
            cells = [(a, c) for a, c in _cells(ln) if c]
            if len(cells) == 2:
                value_at = (cells[0][1], cells[1][0], cells[1][1].replace("\u00a0", " "))
        else:
            m = LABELLED_FIGURE.match(text)
            if m:
                value_at = (m["label"], ln.start + ln.text.find(m["value"], ln.text.find(m["label"])), m["value"])
        category = row_category(value_at[0]) if value_at else None
        if value_at is None or category is None:
            if not _is_table_row(ln):
                context.append(text)
            continue
        _, at, value = value_at
        title = next((c for c in reversed(context[-3:]) if len(c.split()) <= 12 and not c.endswith(".")), "")
        insats = _insats_in(title.title() if title.isupper() else title) if title else None
        before = " ".join(context[-3:])
        period = period_of(before, year)
        if period is None and title and len(years_in(title)) == 1:
            only = years_in(title)[0]
            period = (f"{only}-01-01", f"{only}-12-31")
        share = _TABLE_SHARE.match(value)
        if _ROW_COUNT.match(value):
            out.append(Outcome(category=category, insats=insats, period=period, count=int(value),
                               span=(at, at + len(value))))
        elif share:
            out.append(Outcome(category=category, insats=insats, period=period,
                               share=round(float(share[1].replace(",", ".")) / 100, 4), span=(at, at + len(value))))
    return out


def outcomes_in(lines: list[Line], year: int | None) -> list[Outcome]:
    """Participant figures of a report or minutes, one per insats, category and figure."""
    found: list[Outcome] = table_outcomes(lines, year) + labelled_outcomes(lines, year)
    heading_insats: str | None = None
    blocks = units_of(lines)  # a short title line over its text stands alone
    # A title over the figures may state their period; it is read only where a sentence below it
    # holds figures, as most titles have none below them.
    title = ""
    periods: dict[str, tuple[str | None, str | None] | None] = {}

    def period_in(text: str) -> tuple[str | None, str | None] | None:
        if text not in periods:
            periods[text] = period_of(text, year)
        return periods[text]

    for i, block in enumerate(blocks):
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if len(block.text.split()) <= 8 and not block.text.endswith((".", ":", ";")):
            title = block.text
        if _is_heading(block):
            name = re.sub(r"^(?:projekt|insatsen|insats)\s+", "", block.text, flags=re.I).strip(" .")
            # "Insatsen Nya vägar" over its figures names it; any other heading must be named below it
            said = re.match(r"(?:projektet|insatsen|insats)\s", block.text, re.I) is not None
            heading_insats = name if name and (said or name.casefold() in nxt.casefold()[:200]) else None
            continue
        cased = block.text.title() if block.text.isupper() else block.text  # "UPPFÖLJNING AV INSATSEN JOBBVÄGEN"
        titled = _insats_in(cased) if len(block.text.split()) <= 12 and not block.text.endswith(".") else None
        if titled and not INSATS_GROUP.search(block.text):
            # "§ 46 Uppföljning av insatsen Jobbvägen" over the figures of "… inskrivna i Jobbvägen"
            heading_insats = titled if titled.casefold() in nxt.casefold()[:400] else None
            continue
        earlier_insats: str | None = None
        measured: str | None = None  # what an earlier sentence of the paragraph measures
        for start, end, sentence in sentences(block):
            named = _insats_in(sentence)
            if measured and OUTCOME_AGAINST.search(sentence) and SHARE_OF_INSATS.search(sentence):
                # "Målet är att 20 procent ska ha gått vidare till arbete eller studier. Utfallet är
                # 27 procent för Bryggan och 35 procent för Navet": each insats its share
                period = period_of(sentence, year, block.text) or (period_in(title) if title else None)
                found.extend(Outcome(category=measured, insats=m["insats"], period=period,
                                     share=round(float(m["p"].replace(",", ".")) / 100, 4), span=(start, end))
                             for m in SHARE_OF_INSATS.finditer(sentence))
                continue
            what = MEASURE.search(sentence)
            measured = _prose_category(what["what"].lower()) if what else measured
            # Figures read without their context first: the periods around them are looked for
            # only where there are figures (a sentence's, its paragraph's, its title's).
            figures = _figures(sentence, (start, end)) if _may_state_figures(sentence) else []
            if figures:
                insats = named or heading_insats or earlier_insats
                period = (period_of(sentence, year, block.text) or period_in(block.text)
                          or (period_in(title) if title else None))
                found.extend(replace(o, insats=insats, period=period) for o in figures)
            earlier_insats = named or earlier_insats
    found.sort(key=lambda o: o.span[0] if o.span else 0)
    return _checked(_dedupe(found))


_DIGIT = re.compile(r"\d")
# What a paragraph measures ("… ska ha gått vidare till arbete eller studier"), and a result stated
# against it per insats ("Utfallet är 27 procent för Bryggan och 35 procent för Navet").
MEASURE = re.compile(rf"\b{_WENT} (?:vidare |ut |direkt )*(?:till|i) {_WHAT}\b", re.I)
OUTCOME_AGAINST = re.compile(r"\b(?:utfall(?:et)?|resultat(?:et)?)\b", re.I)
SHARE_OF_INSATS = re.compile(r"(?P<p>\d{1,3}(?:,\d+)?) ?(?:%|procent) för (?:insatsen |projektet )?"
                             r"(?P<insats>[A-ZÅÄÖ][\wåäöÅÄÖ\-]+(?: [A-ZÅÄÖ][\wåäöÅÄÖ\-]+)?)")


def _may_state_figures(sentence: str) -> bool:
    """Whether a sentence can hold a figure `_figures` reads: every pattern of it wants a digit,
    but a count written as a word ("tre deltagare")."""
    return _DIGIT.search(sentence) is not None or COUNTED.search(sentence) is not None


def _is_heading(block: Block) -> bool:
    text = block.text
    return (not block.bullet and len(text.split()) <= 5 and not text.endswith((".", ":", ";"))
            and text[:1].isupper() and not re.search(r"\d{3}", text)
            and not re.search(r":\s*\d", text))  # "Andel till arbete: 34 %" is a figure under the heading


def _figures(sentence: str, span: tuple[int, int]) -> list[Outcome]:
    """The figures a sentence states, without insats or period (its context gives those)."""
    out: list[tuple[int, Outcome]] = []
    at = 0

    def add(category: str, count: int | None = None, share: float | None = None, label: str | None = None) -> None:
        out.append((at, Outcome(category=category, insats=None, period=None, count=count, share=share,
                                label=label, span=span)))

    split = GENDER_SPLIT.search(sentence)
    if split and int(split["a"]) + int(split["b"]) != 100:
        split = None
    shares = [m for m in SHARE.finditer(sentence) if not (split and split.start() <= m.start() < split.end())]
    if split:
        at = split.start()
        add("kvinnor", share=int(split["a"]) / 100)
        add("man", share=int(split["b"]) / 100)
    taken = [(m.start(), m.end()) for m in shares] + ([(split.start(), split.end())] if split else [])
    for m in shares:
        at = m.start()
        what = m["what"].lower()
        share = round(float(m["p"].replace(",", ".")) / 100, 4)
        if "kvinnor" in what:
            add("kvinnor", share=share)
        elif what in ("män", "man"):
            add("man", share=share)
        elif "mål" in what:
            add("i_mal", share=share)
        else:
            add(_prose_category(what.rsplit("till ", 1)[-1]), share=share)
    for m in (m for pattern in PROSE_SHARES for m in pattern.finditer(sentence)):
        if any(a <= m.start("p") < b for a, b in taken) or TARGET.search(sentence[:m.end()]):
            continue
        at = m.start()
        add(_prose_category(m["what"].lower()), share=round(float(m["p"].replace(",", ".")) / 100, 4))
        taken.append((m.start(), m.end()))
        end = m.end()
        while more := MORE_SHARES.match(sentence[end:]):
            at = end
            add(_prose_category(more["what"].lower()), share=round(float(more["p"].replace(",", ".")) / 100, 4))
            taken.append((end, end + more.end()))
            end += more.end()
    def more_results(end: int) -> None:
        # "… gick 9 till arbete, 4 till studier och 3 till …": the figures that continue a result
        nonlocal at
        while more := MORE_RESULTS.match(sentence[end:]):
            at = end
            add(_prose_category(more["what"].lower()), count=int(more["n"]))
            taken.append((end, end + more.end()))
            end += more.end()

    for m in PROSE_COUNT.finditer(sentence):
        at = m.start()
        add(_prose_category(m["what"].lower()), count=int(m["n"]))
        taken.append((m.start(), m.end()))
        more_results(m.end())
    for m in RESULT_COUNT.finditer(sentence):
        if TARGET.search(sentence[:m.end()]) or any(a <= m.start() < b for a, b in taken):
            continue
        at = m.start()
        add(_prose_category(m["what"].lower()), count=int(m["n"] or m["v"]))
        taken.append((m.start(), m.end()))
        more_results(m.end())
    for m in OF_THEM_TO.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        at = m.start()
        add(_prose_category(m["what"].lower()), count=int(m["n"]))
        taken.append((m.start(), m.end()))
    def counted(pattern: re.Pattern[str], category: str) -> None:
        # a figure whose pattern alone says what it counts ("18 nyinskrivningar", "8 börjat arbeta")
        nonlocal at
        for m in pattern.finditer(sentence):
            at = m.start()
            add(category, count=int(m["n"]))
            taken.append((m.start(), m.end()))

    counted(NEW_ENROLMENTS, "nya")
    counted(NEW_AMONG, "nya")
    for m in TOOK_PART.finditer(sentence):
        at = m.start()
        add("deltagare", count=int(m["n"] or m["m"] or m["h"]))
        taken.append((m.start(), m.end()))
    for m in OF_THEM_WERE.finditer(sentence):
        at = m.start()
        add("kvinnor" if m["what"].lower() == "kvinnor" else "man", count=int(m["n"]))
        taken.append((m.start(), m.end()))
    counted(OF_ENDED, "avslutade")
    counted(GOT_WORK, "arbete")
    counted(BEGAN_STUDIES, "studier")
    for m in JOBS.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken) or STAFF.search(sentence):
            continue
        at = m.start()
        add("arbete", count=int(m["n"]))
    for m in BARE_ENDED.finditer(sentence):
        at = m.start()
        add("avslutade", count=int(m["n"] or m["m"]))
    for m in COUNTED.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before = sentence[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"\b(av de|de|i åldern|mellan)\s*$", before) or sentence[m.end():m.end() + 1] == "%":
            continue
        at = m.start()
        lead = sentence[max(0, m.start() - 30):m.start()]
        cat = ("nya", None) if m["new"] else _category(sentence[m.end():], m["noun"])
        if (cat is None or cat[0] == "deltagare") and m["noun"].lower() in ("deltagare", "personer", "individer",
                                                                              "ungdomar", "unga"):
            # the verb before the count, where nothing after it says more ("Under året avslutades 30
            # deltagare"; but "avslutades 6 deltagare till studier")
            if ENDED_LEAD.search(lead):
                cat = ("avslutade", None)
            elif NEW_LEAD.search(lead):
                cat = ("nya", None)
        if cat is None and WORKED_WITH.search(sentence[max(0, m.start() - 30):m.start()]):
            cat = ("deltagare", None)
        if cat is None:
            continue
        add(cat[0], count=_count(m["n"]), label=cat[1])
    return [o for _, o in sorted(out, key=lambda x: x[0])]


def _prose_category(what: str) -> str:
    if "arbete" in what and "studier" in what:
        return "arbete_studier"
    return "studier" if what in ("studier", "utbildning") else "arbete"


def _dedupe(found: list[Outcome]) -> list[Outcome]:
    """A figure stated in the summary and again in the body is one figure; the first keeps its period."""
    seen: dict[tuple[str, str, int | None, float | None], int] = {}
    out: list[Outcome] = []
    for o in found:
        key = ((o.insats or "").casefold(), o.category, o.count, o.share)
        if key in seen:
            k = seen[key]
            if out[k].period is None and o.period is not None:
                out[k] = replace(out[k], period=o.period)
            continue
        seen[key] = len(out)
        out.append(o)
    return out


def _checked(outcomes: list[Outcome]) -> list[Outcome]:
    """End reasons must add up to avslutade, kvinnor and män to deltagare, per insats."""
    out = list(outcomes)
    by_insats: dict[str, list[int]] = {}
    for i, o in enumerate(out):
        by_insats.setdefault((o.insats or "").casefold(), []).append(i)
    for idx in by_insats.values():
        counts = {out[i].category: out[i].count for i in idx if out[i].count is not None}
        checks = (("avslutade", SUB_CATEGORIES), ("deltagare", ("kvinnor", "man")))
        for total_cat, cats in checks:
            parts = [counts[c] for c in cats if c in counts]
            total = counts.get(total_cat)
            if total is not None and len(parts) >= 2 and sum(v for v in parts if v is not None) != total:
                i = next(i for i in idx if out[i].category == total_cat and out[i].count == total)
                out[i] = replace(out[i], warnings=(*out[i].warnings,
                                                   f"{total_cat} {total} != sum of {', '.join(cats)}"))
    return out
