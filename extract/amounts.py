"""Money: amounts in running text ("320 000 kr"), every cell of budget, result and balance tables
with its row label and column year, and the number columns a text layer or OCR dumps below a
financial statement. The unit comes from the cell, the table heading ("Tkr", "(tkr)"), the section
("Noterna nedan redovisas i kr") or, failing all three, from the size of the numbers
(`unit_inferred`). A "Summa" row that does not equal its parts gets a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from samarkiv.normalize.amounts import SPACE, find_money, number_value, split_groups, to_sek
from samarkiv.normalize.dates import ISO_DATE, compact, years_in

from .layout import Line, spaced_rows, squash
from .outcomes import count_columns, row_category
from .types import Amount, Decision

CELL = re.compile(rf"^(?:ca\.?\s*|cirka\s*)?(?P<sign>[-−–])?\s?(?P<num>(?:\d{{1,3}}(?:{SPACE}\d{{3}})+|\d+)(?:,\d+)?)"
                  r"\s*(?P<unit>tkr|kkr|mkr|mnkr|kr|sek|:-)?\s*[*+]*$", re.I)
# OCR reads a zero before its unit as the letter ("O kr", "Okr") and a footnote "*" as "+".
OCR_ZERO = re.compile(r"^[Oo](?=\s*(?:tkr|kkr|kr|sek)\b)", re.I)
UNIT_STATEMENT = re.compile(r"(?:\(\s*(?P<paren>tkr|kkr|mkr|mnkr|kr|sek)\s*\)|(?:belopp|redovisas|anges|uttryckt)"
                            r"(?: \w+){0,2} i (?P<said>tkr|kkr|mkr|mnkr|kr|tusentals kronor|kronor)\b|^(?P<bare>tkr)$)",
                            re.I)
# OCR without Swedish letters reads "ä" and "ö" as "a" and "o".
FIN_HEADING = re.compile(r"^(resultatr[äa]kning|balansr[äa]kning|resultatrapport|balansrapport|kassafl[öo]desanalys|"
                         r"driftredovisning|finansieringsanalys|not\s?\d{1,2}(?![\d-]))\b", re.I)
HEADER_WORDS = re.compile(r"\b(budget|utfall|prognos|plan|bokslut|tkr|kr|avvikelse|period|ack|helår|not)\b|\d{4}",
                          re.I)
NOTE_COLUMN = re.compile(r"not(?:er)?|not nr|nr", re.I)
HEADER_LABEL = re.compile(r"^(?:belopp|budget|utfall|prognos|plan|år)\b", re.I)
SUM_LABEL = re.compile(r"^(summa|totalt|total|totala)\b|\btotalt\s*$", re.I)
NUMBER_RUN = re.compile(rf"(?<![\w,.])[-−–]?\d+(?:{SPACE}\d+)*(?:,\d+)?(?![\w%])")
COMPACT_DATE = re.compile(r"(?<![\d\-])(?:\d{6}|\d{8}|\d{2}-\d{2}-\d{2})(?![\d\-])")
NUMBER_LABEL = re.compile(r"^[§8S$&£]?\s?\d{1,3}$")
TOC_LABEL = re.compile(r"^(§|punkt\b|ärende\b|\d{1,2}\.$)", re.I)
YEAR_INTRODUCED = re.compile(r"\b(?:för|år|verksamhetsåret|budgetåret|budget)\s+((?:19|20)\d{2})(?![\d-])", re.I)
# What OCR makes of markup and footnote marks around a cell's number ("+11 451++", "=+-11 451>++", "0)").
CELL_JUNK = re.compile(r"^[\"'”“»«*+=<>|]+|(?<!\()(?<=[\d\w\s])[\"'”“»«*+=<>|)]+$")
MARK_JUNK = re.compile(r"[\"”“»«*+=<>|]")
# A row OCR glued to the row after it: a number directly followed by the next row's label.
GLUED_ROW = re.compile(r"(?<=\d)(?=[A-ZÅÄÖ][a-zåäö]{2}|[-–] [A-ZÅÄÖ])")
# A table row whose tab OCR read as a space: a short label, then one amount ("Styrelse 150").
SPACED_ROW = re.compile(rf"^(?P<label>[^\d\t]*[^\W\d_)][ .:]*?) (?P<cell>[-−–]?(?:\d{{1,3}}(?:{SPACE}\d{{3}})+|\d+)"
                        r"(?:,\d+)?(?:\s*(?:tkr|kkr|mkr|mnkr|kr))?)$", re.I)
SALARY = re.compile(r"\b(lönestruktur\w*|lönenivå\w*|löneläge\w*|lönespann\w*|månadslön\w*|löner|lönerna)\b", re.I)
SALARY_REACH = 30  # lines after a mention of salaries that a table of them may follow
SMALL_TABLE = 100_000  # cells below this in a table without a unit are read as tkr
# The measure of a table column, from the words of its header ("Budget 2021", "Utfall jan-aug",
# "Ack. prognos", "Plan 2023", "Avvikelse").
MEASURE_WORDS = (("deviation", re.compile(r"\b(avvikelse|avvik|differens|diff)\b", re.I)),
                 ("forecast", re.compile(r"\b(prognos|helårsprognos|beräknat utfall)\b", re.I)),
                 ("actual", re.compile(r"\b(utfall|bokslut|ack(?:\.|umulerat)?|redovisat|verkligt)\b", re.I)),
                 ("plan", re.compile(r"\b(plan|flerårsplan)\b", re.I)),
                 ("budget", re.compile(r"\b(budget|budgeterat|budgeten)\b", re.I)))
# Rows that restate or follow from other rows: never a line of their own in a total.
DERIVED_LABEL = re.compile(r"\b(resultat|överskott|underskott|eget kapital|balanserat|avvikelse|differens|"
                           r"netto|kassa|likvida medel|tillgångar|skulder|fordringar|avsättningar)\b", re.I)
INCOME_WORDS = re.compile(r"intäkt|medelstill?s?delning|tilldelning|medlemsavgift|bidrag|finansiering|anslag", re.I)
COST_WORDS = re.compile(r"kostnad|utgift|insats|verksamhet|kansli|personal|lön|arvode", re.I)

ParagraphAt = Callable[[int], str | None]


@dataclass(slots=True)
class _Table:
    """State while reading consecutive table rows."""

    unit: str | None = None
    years: list[int | None] = field(default_factory=list)
    measures: list[str | None] = field(default_factory=list)
    heading_measure: str | None = None
    rows: list[tuple[str, list[int], list[Amount]]] = field(default_factory=list)
    counts: bool = False  # its heading names participant figures (Deltagare, Avslutade): not money
    notes: frozenset[int] = frozenset()  # value columns headed "Not": note numbers, not money


@dataclass(slots=True)
class _Statement:
    """State while reading a financial statement whose columns may be dumped as plain lines."""

    unit: str | None = None
    explicit: bool = False
    note_column: bool = False
    columns: int | None = None
    year: int | None = None
    column_years: list[int] = field(default_factory=list)


def _unit_said(text: str) -> str | None:
    m = UNIT_STATEMENT.search(text)
    if not m:
        return None
    word = (m["paren"] or m["said"] or m["bare"]).lower()
    return {"tusentals kronor": "tkr", "kronor": "kr", "sek": "kr"}.get(word, word)


# A figure at the end of a row's label, after a word; and a cell that is a figure alone.
GLUED_FIGURE = re.compile(rf"[^\W\d_]\s+(?P<figure>[-−–]?(?:\d{{1,3}}(?:{SPACE}\d{{3}})+|\d{{1,6}}))\s*$")
BARE_FIGURE = re.compile(rf"^[-−–]?(?:\d{{1,3}}(?:{SPACE}\d{{3}})+|\d{{1,6}})$")


def _is_year(cell: str) -> bool:
    return re.fullmatch(r"\s*(?:19|20)\d{2}\s*", cell) is not None


def _digits(figure: str) -> int:
    return sum(c.isdigit() for c in figure)


def _label(text: str) -> str | None:
    label = squash(text).lstrip("-–• ").strip(" :")
    return label or None


AMOUNT_BEFORE = re.compile(r"\d\s*(?:kr|kronor|tkr|mnkr|mkr|msek|sek|miljoner kronor|miljoner)(?![\wåäö])[.,]?",
                           re.I)


def _clause_before(text: str, start: int) -> str | None:
    """A short label for a text amount: the words just before it in its clause."""
    head = text[max(0, start - 120):start]
    head = re.split(r"[.;:!?\n]|\b(?:vilket|varav|och|samt)\b", head)[-1]
    # a list of amounts ("A 1 600 tkr, B 1 600 tkr"): a label starts after the amount before it
    head = AMOUNT_BEFORE.split(head)[-1]
    words = head.split()
    while words and words[-1].lower() in {"på", "till", "med", "om", "är", "av", "ca", "cirka", "mellan", "från",
                                          "uppgår", "uppgick", "blir", "beräknas", "totalt", "för", "en", "ett"}:
        words.pop()
    return " ".join(words[-7:]) or None


def _sentence_year(text: str, start: int, end: int) -> int | None:
    """The year a text amount concerns: one named just before it ("år 2021 – 255 996 kr", "för
    verksamhetsåret 2019 på"), else the single year of its clause before, its clause after or its
    sentence; a sentence naming several years and none of them near the amount names none."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    near = years_in(text[max(left + 1, start - 12):start])
    if near:
        return near[-1]
    before = text[max(left + 1, text.rfind(",", 0, start) + 1):start]
    introduced = YEAR_INTRODUCED.findall(before)
    if introduced:
        return int(introduced[-1])
    comma = text.find(",", end)
    after = text[end:min(right, comma) if comma >= 0 else right]
    for scope in (before, after, text[left + 1:start] + " " + text[end:right]):
        distinct = set(years_in(scope))
        if len(distinct) == 1:
            return distinct.pop()
        if len(distinct) > 1:
            return None
    return None


def _header_years(cells: list[str], previous: list[int | None]) -> list[int | None]:
    years: list[int | None] = []
    for cell in cells:
        found = years_in(cell)
        years.append(found[0] if found else None)
    distinct = {y for y in years if y}
    if len(distinct) == 1:
        only = distinct.pop()
        years = [y if y else (only if c.strip() else None) for y, c in zip(years, cells, strict=False)]
    return years


def _measure_of(text: str) -> str | None:
    return next((measure for measure, words in MEASURE_WORDS if words.search(text)), None)


def _flow_of(label: str) -> str | None:
    if INCOME_WORDS.search(label):
        return "income"
    if COST_WORDS.search(label):
        return "cost"
    return None


def _table_amounts(table: _Table, number: int) -> list[Amount]:
    """All amounts of a table with their role and flow. A line's flow comes from its group heading
    ("Intäkter", "Kanslikostnader"), else the "Summa …" row closing its group, else its own label,
    else a minus sign (a cost). A "Summa" cell is warned when the rows above it do not add up to it."""
    out: list[Amount] = []
    parts: dict[int, int] = {}
    group_flow: str | None = None
    unsettled: list[int] = []
    for label, columns, cells in table.rows:
        if not cells:
            parts, unsettled = {}, []
            group_flow = _flow_of(label)
            continue
        if SUM_LABEL.search(label):
            closing = _flow_of(label)
            if closing:
                for i in unsettled:
                    out[i] = replace(out[i], flow=closing)
            for k, cell in zip(columns, cells, strict=False):
                if k in parts and parts[k] != cell.value:
                    cell = replace(cell, warnings=(*cell.warnings, f"summa {cell.value} != rows above {parts[k]}"))
                out.append(replace(cell, role="total", flow=closing or group_flow, table=number))
            parts, unsettled, group_flow = {}, [], None
            continue
        for k, cell in zip(columns, cells, strict=False):
            parts[k] = parts.get(k, 0) + cell.value
        if DERIVED_LABEL.search(label):
            out.extend(replace(cell, role="derived", table=number) for cell in cells)
            continue
        for cell in cells:
            flow = group_flow or _flow_of(label) or ("cost" if cell.value < 0 else None)
            if flow is None:
                unsettled.append(len(out))
            out.append(replace(cell, flow=flow, table=number))
    return out


def find_amounts(text: str, lines: list[Line], paragraph_at: ParagraphAt,
                 boundaries: set[int], page_at: Callable[[int], int | None]) -> list[Amount]:
    """Every money amount of the document, in order of appearance.

    `boundaries` are line offsets where unit and column context reset (parts and § headings).
    """
    found: list[Amount] = []
    table = _Table()
    tables = 0
    carried_unit: str | None = None
    heading_year: int | None = None
    section_unit: str | None = None
    notes_unit: str | None = None
    fin: _Statement | None = None
    previous_row = False

    def flush() -> None:
        nonlocal table, tables
        if any(cells for _, _, cells in table.rows):
            tables += 1
            found.extend(_table_amounts(table, tables))
        table = _Table(years=table.years, measures=table.measures, heading_measure=table.heading_measure)

    lines = _unglued([_markdown_row(ln) for ln in spaced_rows(lines)])
    salary_until = -1  # a table of salaries is in kronor, whatever the size of its figures
    for i, ln in enumerate(lines):
        if ln.start in boundaries:
            flush()
            table = _Table()
            carried_unit = heading_year = section_unit = None
            fin = None
        stripped = ln.stripped
        if not ln.is_row and SALARY.search(stripped):
            salary_until = i + SALARY_REACH
        if ln.is_row and i <= salary_until and not section_unit:
            section_unit = "kr"
        if not ln.is_row and (previous_row or (i + 1 < len(lines) and lines[i + 1].is_row)):
            ln = _as_row(ln)
        if ln.is_row:
            if not previous_row:
                flush()
            previous_row = True
            _read_row(ln, table, section_unit, carried_unit, heading_year, paragraph_at, page_at)
            if table.unit:
                carried_unit = table.unit
            continue
        if previous_row:
            flush()
        previous_row = False
        if not stripped:
            continue
        said = _unit_said(stripped)
        if said and re.search(r"\bnot", stripped, re.I) and len(stripped.split()) > 2:
            notes_unit = said
        words = stripped.split()
        if FIN_HEADING.match(stripped) and len(words) <= 8 and not _contents_entry(lines, i):
            unit = said or (notes_unit if stripped.lower().startswith("not") else None)
            section_unit = said or section_unit
            heading_dates = ISO_DATE.findall(stripped)
            fin = _Statement(unit=unit, explicit=unit is not None,
                             columns=len(heading_dates) if len(heading_dates) >= 2 else None,
                             year=int(heading_dates[0][0]) if heading_dates else None,
                             column_years=[int(d[0]) for d in heading_dates] if len(heading_dates) >= 2 else [])
            continue
        if said and len(words) <= 6:
            section_unit = said
            if fin is not None and not fin.explicit:
                fin.unit, fin.explicit = said, True
            continue
        if len(words) <= 8 and not find_money(stripped):
            if years_in(stripped):
                heading_year = years_in(stripped)[-1]
                if not CONTINUED.search(stripped):
                    # a new heading with its year: the columns of the table before no longer hold
                    table.years = []
            table.heading_measure = _measure_of(stripped) or table.heading_measure
        if fin is not None:
            if _read_statement_line(ln, fin, paragraph_at, page_at, found):
                continue
            if len(words) >= 8 and not NUMBER_RUN.search(stripped):
                fin = None
    flush()
    found.extend(_text_amounts(text, lines, paragraph_at, page_at))
    found.sort(key=lambda a: a.span[0] if a.span else 0)
    return _infer_units(found)


PAGE_NUMBER = re.compile(r"^\d{1,3}$")
CONTINUED = re.compile(r"\bforts(?:\.|ättning)?(?!\w)", re.I)


def _contents_entry(lines: list[Line], i: int) -> bool:
    """A statement's heading that is an entry of a table of contents: its page number on the line
    below, another title after it ("Resultaträkning / 11 / Balansräkning / 12")."""
    after = [ln.stripped for ln in lines[i + 1:i + 6] if ln.stripped][:2]
    return (len(after) == 2 and PAGE_NUMBER.match(after[0]) is not None
            and re.match(r"[A-ZÅÄÖ][a-zåäö]", after[1]) is not None)


def _markdown_row(ln: Line) -> Line:
    """A row of a Markdown table of figures ("| A | 23 690 | 28 840 |") as a tab-separated row; a
    row of words stays running text (its amounts have their units)."""
    text = ln.text.strip()
    if not (text.startswith("|") and text.endswith("|")):
        return ln
    cells = [c.strip() for c in text.strip("|").split("|")]
    figures = sum(1 for c in cells if CELL.match(_cell_text(c)))
    if not cells or figures * 2 < len(cells) or all(re.fullmatch(r"[-: ]*", c) for c in cells):
        return ln
    # inner borders become tabs, outer ones spaces: the same length, so every offset stays
    lead, inner = ln.text.index("|"), ln.text.rindex("|")
    row = "".join("\t" if ch == "|" and lead < k < inner else " " if ch == "|" else ch
                  for k, ch in enumerate(ln.text))
    return Line(ln.start, ln.end, row)


def _cell_text(cell: str) -> str:
    text = cell.strip().replace("**", "")
    if "(" not in text:
        text = CELL_JUNK.sub("", text).strip()
    return OCR_ZERO.sub("0", text)


def _unglued(lines: list[Line]) -> list[Line]:
    """Table rows OCR glued together split back into one line each."""
    out: list[Line] = []
    for ln in lines:
        cuts = [m.start() for m in GLUED_ROW.finditer(ln.text)] if ln.is_row else []
        if not cuts and ln.end == ln.start + len(ln.text):
            out.append(ln)
            continue
        edges = [0, *cuts, len(ln.text)]
        out.extend(Line(ln.start + a, ln.start + b, ln.text[a:b]) for a, b in zip(edges, edges[1:], strict=False))
    return out


def _as_row(ln: Line) -> Line:
    """A line among table rows read as a row when it is a label and one amount separated by a space."""
    text = MARK_JUNK.sub(" ", ln.text)
    m = SPACED_ROW.match(text.rstrip())
    if (not m or len(m["label"].split()) > 6 or re.fullmatch(r"(?:19|20)\d{2}", m["cell"])
            or COMPACT_DATE.fullmatch(m["cell"]) and compact(m["cell"])):
        return ln
    cut = m.end("label")
    return Line(ln.start, ln.end, text[:cut] + "\t" + text[cut + 1:])


def _read_row(ln: Line, table: _Table, stated_unit: str | None, hint_unit: str | None, heading_year: int | None,
              paragraph_at: ParagraphAt, page_at: Callable[[int], int | None]) -> None:
    """One table row: a header sets column years and unit, a money row adds one amount per cell."""
    raw_cells = ln.text.split("\t")
    offsets = []
    pos = ln.start
    for c in raw_cells:
        offsets.append(pos)
        pos += len(c) + 1
    label_cell, values = raw_cells[0], raw_cells[1:]
    glued = GLUED_FIGURE.search(label_cell)
    filled = [v for v in values if v.strip()]
    if (glued and table.years and len(filled) == len(values) == len(table.years) - 1
            and all(BARE_FIGURE.match(v.strip()) for v in filled)
            and abs(_digits(glued["figure"]) - _digits(filled[0])) <= 1):
        # "Kommunerna 1500 ⇥ 1500 ⇥ 1500" under three year columns: OCR read the gap after the
        # label as a space, and the first figure became part of the label
        cut = glued.start("figure")
        offsets.insert(1, offsets[0] + cut)
        label_cell, values = label_cell[:cut], [label_cell[cut:], *values]
    label = _label(label_cell)
    if label and TOC_LABEL.match(label):
        return
    if label and NUMBER_LABEL.match(label) and any(re.search(r"[^\W\d_]{3}", v) for v in values):
        return  # a table of contents row whose "§" OCR misread or dropped ("540	Äskande …	9")
    if label and not any(v.strip() for v in values):
        table.rows.append((label, [], []))  # a group heading: the next "Summa" adds up from here
        return
    money = [(k, CELL.match(_cell_text(v))) for k, v in enumerate(values) if v.strip()]
    nonempty = [v for v in values if v.strip()]
    # A header of years alone, its label cell empty or naming the unit or the measure ("Budget (tkr) ⇥ 2024
    # ⇥ 2025"); a row of money in tkr whose label says so repeats a figure sooner than a year.
    header_label = not label or ((_unit_said(label_cell.strip()) is not None or HEADER_LABEL.match(label) is not None)
                                 and len({v.strip() for v in nonempty}) == len(nonempty))
    bare_years = bool(nonempty) and header_label and all(_is_year(v) for v in nonempty)
    if (not any(m for _, m in money) and not table.rows
            and count_columns([c.strip() for c in raw_cells]) is not None):
        table.counts = True
        return
    if table.counts or (label and row_category(label)):
        # a table of participant figures, by its columns or by this row's label ("Till arbete ⇥ 31"):
        # only figures that say they are money
        money = [(k, m) for k, m in money if m and m["unit"]]
        if not money:
            return
    if bare_years or not money or not all(m for _, m in money):
        unit = next((u for c in raw_cells if (u := _unit_said(c.strip()))), None)
        if unit:
            table.unit = unit
        if any(HEADER_WORDS.search(v) for v in values) or bare_years:
            table.notes = frozenset(k for k, v in enumerate(values) if NOTE_COLUMN.fullmatch(v.strip()))
            merged = _header_years(values, table.years)
            if bare_years and table.years:
                merged = [a if a else b for a, b in zip(table.years + [None] * len(values), merged, strict=False)]
            table.years = merged
            if not bare_years:
                table.measures = [_measure_of(v) for v in values]
                if label and len(label.split()) <= 3 and _measure_of(label) and years_in(label):
                    # "Budget 2019 ⇥ Utfall t.o.m. T2 ⇥ Prognos 2019": a header read without its empty
                    # label cell names the first column in the label's place.
                    table.measures.insert(0, _measure_of(label))
                    table.years = _header_years([label_cell, *values], table.years)
                    return
            if label:
                table.rows.append((label, [], []))  # "Intäkter  Tkr": the header names the group below
        if bare_years or not money or not any(m for _, m in money) or all(_is_year(values[k]) for k, m in money if m):
            return  # a header whose figures are its columns' years ("Resultaträkning (tkr) ⇥ Not ⇥ 2022")
        money = [(k, m) for k, m in money if m]
    # A row without its note numbers is one cell short per note column, its figures those of the
    # columns after the notes; a row with them skips them.
    shift = len(table.notes) if table.notes and len(values) == len(table.years) - len(table.notes) else 0
    money = [(k, m) for k, m in money if shift or k not in table.notes]
    label_years = years_in(label or "")
    cells: list[Amount] = []
    for k, m in money:
        assert m is not None
        unit = (m["unit"] or "").lower() or table.unit or stated_unit
        inferred = unit is None
        sign = -1 if m["sign"] else 1
        value_number = sign * number_value(m["num"])
        col = k + shift
        col_year = table.years[col] if col < len(table.years) else None
        # A table that names the measure of some columns leaves the others unnamed, not the heading's.
        measure = table.measures[col] if col < len(table.measures) else None
        if not any(table.measures):
            measure = table.heading_measure
        year = col_year or (label_years[-1] if label_years else None) or heading_year
        start = offsets[k + 1] + (len(values[k]) - len(values[k].lstrip()))
        end = start + len(values[k].strip())
        amount = Amount(value=int(value_number), text=values[k].strip().rstrip("*+ ").strip(), label=label,
                        year=year, paragraph=paragraph_at(start), unit_inferred=inferred,
                        page=page_at(start), span=(start, end),
                        warnings=() if not inferred else (f"unit:{hint_unit or ''}",),
                        source="table", measure=measure)
        cells.append(amount if inferred else replace(amount, value=to_sek(value_number, unit)))
    table.rows.append((label or "", [k for k, _ in money], cells))


def _infer_units(amounts: list[Amount]) -> list[Amount]:
    """Cells without a unit of their own: the unit of the table before them, else by size."""
    out: list[Amount] = []
    group: list[Amount] = []

    def close() -> None:
        if not group:
            return
        hint = next((w[5:] for w in group[0].warnings if w.startswith("unit:")), "")
        largest = max(abs(a.value) for a in group)
        unit = hint or ("tkr" if largest < SMALL_TABLE else "kr")
        for a in group:
            rest = tuple(w for w in a.warnings if not w.startswith("unit:"))
            out.append(replace(a, value=to_sek(a.value, unit), warnings=rest))
        group.clear()

    for a in amounts:
        if a.unit_inferred and any(w.startswith("unit:") for w in a.warnings):
            if group and a.span and group[-1].span and a.span[0] - group[-1].span[1] > 2000:
                close()
            group.append(a)
        else:
            close()
            out.append(a)
    close()
    return out


def _statement_role(label: str) -> str:
    if SUM_LABEL.search(label):
        return "total"
    return "derived" if DERIVED_LABEL.search(label) else "line"


def _blank_if_date(m: re.Match[str]) -> str:
    return " " * len(m[0]) if compact(m[0].replace("-", "")) else m[0]


def _read_statement_line(ln: Line, fin: _Statement, paragraph_at: ParagraphAt,
                         page_at: Callable[[int], int | None], found: list[Amount]) -> bool:
    """Numbers of a financial statement whose columns were dumped as plain lines."""
    text = ln.text.replace("**", "  ")
    dates = ISO_DATE.findall(text) or [(str(2000 + int(m[0][:2])),) for m in COMPACT_DATE.finditer(text)
                                        if "-" in m[0] and compact(m[0].replace("-", ""))]
    without_dates = COMPACT_DATE.sub(_blank_if_date, ISO_DATE.sub(lambda m: " " * len(m[0]), text))
    if re.search(r"\bnot\b", text, re.I) and (dates or HEADER_WORDS.search(text)):
        fin.note_column = True
    lone_years = years_in(text) if not re.search(r"\d[ ]\d{3}", text) and len(text.split()) <= 4 else []
    if lone_years and fin.year is not None and abs(lone_years[0] - fin.year) > 3:
        lone_years = []
    if dates or lone_years:
        years = [int(d[0]) for d in dates] or years_in(text)
        fin.year = years[0]
        if len(dates) >= 2 and len(text.split()) <= 4:
            fin.columns = len(dates)
            fin.column_years = [int(d[0]) for d in dates]
        elif re.search(r"\bnot\s?\d", text, re.I):
            fin.columns = len(dates) or None
        return True
    m = re.match(r"^\s*(?P<label>[^\d\-−–\t][^\t]*?[A-Za-zÅÄÖåäö)\]])?\s*(?P<nums>[-−–]?\d[\d \u00a0\u202f\-−–,]*)\s*$",
                 without_dates)
    if not m:
        return False
    runs = [(r.start(), r[0]) for r in NUMBER_RUN.finditer(m["nums"])]
    if not runs:
        return False
    base = ln.start + m.start("nums")
    columns = fin.columns
    tokens: list[tuple[int, str]] = []
    nums = m["nums"]
    for pos, run in runs:
        cursor = pos
        for part in split_groups(run, columns if len(runs) == 1 and columns else None):
            at = max(nums.find(part.split()[0], cursor), cursor)
            tokens.append((base + at, part))
            cursor = at + len(part)
    if fin.note_column and len(tokens) >= 2 and re.fullmatch(r"\d", tokens[0][1]) and m["label"] is None:
        tokens = tokens[1:]
    unit = fin.unit
    label = _label(m["label"] or "") if m["label"] else None
    by_column = len(tokens) == len(fin.column_years)
    for i, (start, token) in enumerate(tokens):
        number = number_value(token)
        amount = Amount(value=int(number), text=token, label=label, year=fin.column_years[i] if by_column else fin.year,
                        paragraph=paragraph_at(start),
                        unit_inferred=unit is None,
                        page=page_at(start), span=(start, start + len(token)),
                        warnings=("unit:",) if unit is None else (), source="statement",
                        role=_statement_role(label or ""))
        found.append(amount if unit is None else replace(amount, value=to_sek(number, unit)))
    return True


def _text_amounts(text: str, lines: list[Line], paragraph_at: ParagraphAt,
                  page_at: Callable[[int], int | None]) -> list[Amount]:
    """Amounts with a written unit outside table rows, and millions without one where the
    sentence speaks of money ("från 6 miljoner till 7 miljoner")."""
    masked = list(text)
    for ln in lines:
        if ln.is_row:
            masked[ln.start:ln.end] = " " * (ln.end - ln.start)
    flat = "".join(masked).replace("\n", " ").replace("\f", " ")
    out: list[Amount] = []
    for money in find_money(flat):
        label = _clause_before(text, money.start)
        year = _sentence_year(text, money.start, money.end)
        out.append(Amount(value=money.value, value_max=money.value_max, text=squash(money.text), per=money.per,
                          label=label, year=year, paragraph=paragraph_at(money.start),
                          page=page_at(money.start), span=(money.start, money.end),
                          role="rate" if money.per else "line"))
    return out


def mark_granted(amounts: list[Amount], decisions: list[Decision]) -> list[Amount]:
    """Amounts named in the text of a grant decision marked `granted`. Within one decision a figure
    named twice counts once, and a figure that is the sum of the others it names ("320 000 kr,
    fördelat på år 2021 – 255 996 kr och år 2022 – 63 999 kr") is their total, not a grant of its own."""
    spans = [d.span for d in decisions if d.kind == "grant" and d.span]
    out = list(amounts)
    for lo, hi in spans:
        inside = [i for i, a in enumerate(out) if a.source == "text" and a.span and lo <= a.span[0] < hi]
        seen: set[tuple[int, int | None, int | None]] = set()
        for i in inside:
            a = out[i]
            key = (a.value, a.value_max, a.year)
            role = a.role if a.role != "line" else ("duplicate" if key in seen else "line")
            seen.add(key)
            out[i] = replace(a, granted=True, role=role)
        lines = [i for i in inside if out[i].role == "line"]
        for i in lines:
            others = [out[j].value for j in lines if j != i and out[j].year is not None]
            close = abs(sum(others) - out[i].value) <= max(10, out[i].value // 1000)
            if out[i].year is None and len(others) >= 2 and close:
                out[i] = replace(out[i], role="total")
    return out
