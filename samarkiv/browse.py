"""Browsing the archive in a web browser: Datasette over the SQLite file, read-only, with the
archive's tables described, facets, full-text search and the analyst's questions as canned
queries. Everything Datasette is told about the archive is declared in this module.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from samarkiv.errors import SamarkivError
from samarkiv.store.query import BUDGET_MEASURES

DATABASE = "archive"
"""The name the archive has in Datasette's URLs (/archive/decisions, …), whatever its file is called."""

CHART_PATH = "/-/amounts-chart"
PLUGIN = "samarkiv-browse"
"""The name the plugin is registered under, and its settings are found under in the metadata."""
PAGE_PATH = "/-/page"
"""The page view: /-/page/<document>/<page>?start=&end= shows the page with a fact's span marked."""
PAGE_IMAGE_PATH = "/-/page-image"
"""A page's image: /-/page-image/<document>/<page>.jpg, rendered from the kept original."""

EXPLANATION = ("Money per förbund and year in whole SEK, as samarkiv amounts --by forbund,year sums it: "
               "granted amounts apart from budget, plan, forecast and actual lines, income apart from cost, "
               "each figure once (no Summa rows, results, rates or duplicates). A negative sum is drawn "
               "left of the zero line.")

_MEASURES = ", ".join(f"'{m}'" for m in BUDGET_MEASURES)

_FACT_COLUMNS = {
    "document_id": "The document the fact was read from.",
    "position": "Order of the fact within its document, as exported.",
    "page": "Page the fact was read on, 1-based (links to the page view: the page's image with the fact outlined, "
            "beside its text).",
    "char_start": "Start of the fact in the document's normalized text (pages joined by a form feed), in "
                  "characters (0-based).",
    "char_end": "End of the fact in the document's normalized text, in characters (exclusive).",
}

_BY_FORBUND = {
    "forbund": "The förbund of the fact's document.",
    "year": "The year of the fact's document: its first meeting's, else its first dated part's.",
}

# Views of the fact tables with the document's förbund and year beside each fact (migration 0012).
_VIEWS: dict[str, tuple[str, str]] = {
    "decisions_by_forbund": ("decisions", "Decisions with their document's förbund and year, to browse by both."),
    "amounts_by_forbund": ("amounts", "Amounts with their document's förbund and year (document_year; year is the "
                                      "year an amount concerns), to browse by both."),
    "people_by_forbund": ("people", "People of headings and board lists with their document's förbund and year."),
    "items_by_forbund": ("items", "The § items with their document's förbund and year."),
    "outcomes_by_forbund": ("outcomes", "Participant outcomes with their document's förbund and year."),
    "meetings_by_forbund": ("meetings", "Meetings with their document's förbund and year."),
}

_TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "One row per archived input file, identified by the SHA-256 of its bytes.",
        "label_column": "source",
        "facets": ["forbund", "kind"],
        "sortable_columns": ["id", "source", "forbund", "page_count", "size", "created_at"],
        "columns": {
            "sha256": "SHA-256 of the file's bytes, hex.",
            "source": "File name the document was first archived under.",
            "size": "Size of the file in bytes.",
            "kind": "pdf, image or text, detected from the content.",
            "encoding": "Character encoding of a text file (utf-8, cp1252, …).",
            "page_count": "Number of pages.",
            "status": "archived, or the reason it is not.",
            "pipeline_version": "Version of the pipeline that read it.",
            "forbund": "The samordningsförbund the document is from.",
            "date": "The date the document is about, ISO 8601: its first meeting's, else its first dated part's.",
            "ordforande": "Chair (ordförande) who signed the minutes.",
            "sekreterare": "Secretary (sekreterare) who signed the minutes.",
            "created_at": "When it was archived, UTC, ISO 8601.",
            "updated_at": "When it was last re-read, UTC, ISO 8601.",
        },
    },
    "document_paths": {
        "description": "Every path under which the same bytes were seen.",
        "columns": {"path": "Path as given to ingest.", "seen_at": "When, UTC, ISO 8601."},
    },
    "pages": {
        "description": "Each page's text: raw as read, and normalized (repaired Swedish, clean layout).",
        "facets": ["method"],
        "sortable_columns": ["number", "confidence"],
        "columns": {
            "number": "Page number, 1-based (links to the page view).",
            "method": "How it was read: text-layer, ocr, plain, docx, odt, doc, rtf, html, or blank (nothing on "
                      "the page to read).",
            "confidence": "Mean OCR word confidence, 0–100 (OCR pages only).",
            "raw_text": "Text as read from the file.",
            "text": "Normalized text; fact offsets point into it.",
            "boxes": "Page size and each word's box, packed (store/boxes.py); empty for text documents.",
            "offsets": "Map from the normalized text back to the raw text, packed (store/boxes.py).",
        },
    },
    "failures": {
        "description": "Inputs that could not be archived, with the reason, until they succeed.",
        "facets": ["error_type"],
        "columns": {
            "error_type": "Kind of failure (UnsupportedInput, CorruptInput, TooLarge, …).",
            "reason": "Why, in one line.",
            "attempts": "How many times it was tried.",
            "failed_at": "Last attempt, UTC, ISO 8601.",
        },
    },
    "parts": {
        "description": "The kinds of document a file holds: protokoll, kallelse, budget, verksamhetsplan, …",
        "facets": ["type"],
        "columns": {"type": "Kind of document part.", "title": "Its heading.", "date": "Its date, ISO 8601."},
    },
    "meetings": {
        "description": "Meetings the minutes record.",
        "sortable_columns": ["date"],
        "columns": {
            "date": "Meeting date, ISO 8601 (YYYY-MM-DD).",
            "start": "Start time, HH:MM.",
            "end": "End time, HH:MM.",
            "place": "Where it was held.",
            "first_paragraph": "First § of the meeting.",
            "last_paragraph": "Last § of the meeting.",
        },
    },
    "justerare": {
        "description": "Those who checked and signed the minutes (justerare).",
        "columns": {"name": "Name as written."},
    },
    "people": {
        "description": "People in minutes' headings and board lists, with group, role and organisation.",
        "facets": ["grp", "role"],
        "sortable_columns": ["name", "grp"],
        "columns": {
            "name": "Name as written.",
            "grp": "beslutande, ovriga, franvarande, ledamot, ersattare or other.",
            "role": "Role (ordförande, ledamot, ersättare, förbundschef, …).",
            "organisation": "Organisation the person represents.",
        },
    },
    "items": {
        "description": "The § items (paragraphs) of the minutes.",
        "columns": {"number": "§ number.", "title": "Heading of the §."},
    },
    "decisions": {
        "description": "Each decided point of the minutes, with its kind and the amounts it names.",
        "facets": ["kind"],
        "sortable_columns": ["paragraph", "kind", "page"],
        "columns": {
            "paragraph": "§ the decision belongs to.",
            "kind": "approve, assign, elect, grant, note, reject, table or other.",
            "text": "The decision as written.",
            "amounts": "Amounts the decision names, whole SEK.",
            "warnings": "Failed cross-checks, if any.",
        },
    },
    "amounts": {
        "description": "Money amounts in whole SEK, with what they are for and the year they concern.",
        "facets": ["year", "measure", "role", "granted"],
        "sortable_columns": ["value", "year", "label", "measure", "role", "page"],
        "columns": {
            "value": "Amount in whole SEK (tkr and mnkr are multiplied out).",
            "value_max": "Top of a range, whole SEK; empty when not a range.",
            "text": "The amount as written.",
            "per": "month or year when the amount is a rate; empty for a sum.",
            "label": "What the amount is for, from its line or sentence.",
            "year": "Year the amount concerns (a budget column), not the document's date.",
            "paragraph": "§ the amount was read in.",
            "unit_inferred": "1 when the unit (kr, tkr) was taken from a table heading, not the figure.",
            "warnings": "Failed cross-checks, if any.",
            "source": "Where it was read: text, table or statement.",
            "measure": "A table column's measure: budget, plan, forecast, actual or deviation.",
            "table_no": "The table it belongs to, counted within the document.",
            "role": "line (counts in totals), total, derived, rate or duplicate.",
            "flow": "income or cost, for table lines.",
            "granted": "1 when a grant decision names the amount.",
        },
    },
    "outcomes": {
        "description": "Participant outcomes per insats and period (in work, in studies, ended, …).",
        "facets": ["category", "insats"],
        "sortable_columns": ["count", "share", "category", "insats"],
        "columns": {
            "insats": "The insats (programme) the figures are about.",
            "period_start": "Start of the period, ISO 8601.",
            "period_end": "End of the period, ISO 8601.",
            "category": "deltagare, avslutade, arbete, studier, …",
            "count": "Number of participants.",
            "share": "Share of participants, a fraction 0–1, where the text gives a percentage.",
            "label": "The line the figure was read from.",
        },
    },
    "mentions": {
        "description": "Persons, organisations and places the Swedish NER found in running text.",
        "facets": ["label"],
        "sortable_columns": ["text", "label", "page"],
        "columns": {"label": "PER, ORG or LOC.", "text": "The name as written."},
    },
    "repairs": {
        "description": "What OCR repair changed in each document: the raw text, what replaced it, a confidence.",
        "facets": ["rule"],
        "sortable_columns": ["confidence", "rule", "page"],
        "columns": {
            "original": "The raw text as OCR read it.",
            "text": "What the normalized text says instead.",
            "confidence": "How sure the repair is, 0.5–1.",
            "rule": "word, split, join, paragraph, percent, zero, i, dash or glyph.",
        },
    },
    "search_index": {
        "description": "Full-text index over decisions, § items and page text; search with FTS5 syntax "
                       "(förläng*, \"egna kapitalet\", AND/OR). Swedish letters stay distinct.",
        "fts_table": "search_index",
        "fts_pk": "rowid",
        "searchmode": "raw",
        "facets": ["kind"],
        "columns": {
            "text": "The indexed text.",
            "kind": "decision, item or page.",
            "document_id": "The document it is from (links to it).",
            "ref_id": "The decision, item or page row it is (links to it).",
            "page": "Page, 1-based (links to the page text).",
        },
    },
    "bodies": {
        "description": "The nämnd, styrelse or utskott whose minutes a document is.",
        "columns": {"name": "The body as its heading names it (Nämnden för Teknik, Kommunstyrelsen, …)."},
    },
    "motions": {
        "description": "Yrkanden: who moved what in a §, as written.",
        "facets": ["kind"],
        "sortable_columns": ["paragraph", "kind", "page"],
        "columns": {
            "paragraph": "§ the yrkande was made in.",
            "movers": "Who moved it: names with party letters, a party group or the chair.",
            "members": "The movers one by one: name, party, role and group.",
            "kind": "bifall, avslag, aterremiss, bordlaggning, andring, tillagg or eget (an own proposal).",
            "text": "The yrkande as written, from its verb.",
        },
    },
    "propositions": {
        "description": "What the chair put to the body in the beslutsgång, and what it was found to decide.",
        "columns": {"paragraph": "§.", "text": "The sentence as written.", "result": "What the chair found."},
    },
    "votes": {
        "description": "Votes (omröstning, votering) in §§: counts, what ja and nej stood for, the result.",
        "sortable_columns": ["paragraph", "ja", "nej", "avstar"],
        "columns": {
            "paragraph": "§ the vote was held in.",
            "ja": "Ja votes, as printed or as the voting table tallies them.",
            "nej": "Nej votes.",
            "avstar": "Members who abstained (avstår från att rösta).",
            "present": "Members deciding, as the heading of the minutes lists them.",
            "ja_means": "What a ja vote stood for (propositionsordning).",
            "nej_means": "What a nej vote stood for.",
            "result": "The result as written.",
            "warnings": "Counts that do not add up to the members present or to the voting table.",
        },
    },
    "ballots": {
        "description": "Each member's vote in a voting table.",
        "facets": ["vote", "party"],
        "columns": {"vote_id": "The vote (links to it).", "name": "Member as printed.", "party": "Party letters.",
                    "vote": "ja, nej or avstar."},
    },
    "reservations": {
        "description": "Reservations against decisions, protokollsanteckningar and declared abstentions.",
        "facets": ["kind"],
        "sortable_columns": ["paragraph", "kind", "page"],
        "columns": {
            "paragraph": "§.",
            "kind": "reservation, protokollsanteckning or avstar.",
            "who": "Who made it: names with party letters, or a party group.",
            "members": "The same one by one: name, party, role and group.",
            "against": "What the reservation is against, as written.",
            "reason": "The motivation or written text of the reservation.",
            "own_motion": "1 when made in favour of the members' own yrkande (till förmån för eget yrkande).",
            "written": "1 for a written (skriftlig) reservation.",
            "text": "As written.",
        },
    },
    "jav": {
        "description": "Members who declared jäv in a § and left it, with who served instead.",
        "columns": {"paragraph": "§.", "name": "Member as printed.", "party": "Party letters.",
                    "replacement": "Who served instead, where printed.", "replacement_party": "Their party.",
                    "left": "1 when the member took no part in the §.", "text": "As written."},
    },
    "persons": {
        "description": "One person across documents: a name within one förbund or kommun, with party or "
                       "organisation. Names alike with different parties or organisations are different people.",
        "sortable_columns": ["name", "scope", "affiliation"],
        "columns": {"name": "Name as most often written.", "name_key": "The name as compared (casefolded).",
                    "scope": "The förbund or kommun of the documents.",
                    "affiliation": "Party letters or organisation printed beside the name."},
    },
    "person_roles": {
        "description": "Which people rows (a document's heading and board lists) are which person.",
        "columns": {"person_id": "The person.", "people_id": "The row of people.", "document_id": "The document."},
    },
    "amount_sets": {
        "description": "What the amount sums choose among: per set of tables (one §, or one document outside "
                       "minutes), year, measure and flow, its sum and its standing. For each förbund, year and "
                       "measure the set with the greatest choice key counts; granted amounts all count.",
        "facets": ["measure", "flow"],
        "columns": {
            "document_id": "The document it is from (links to it).",
            "forbund": "The document's förbund; empty when unknown.",
            "paragraph": "The § of the tables; empty outside minutes.",
            "year": "The year the amounts concern.",
            "measure": "granted, budget, plan, forecast or actual.",
            "flow": "income or cost; empty for granted amounts.",
            "sek": "The sum, whole SEK; costs as a positive sum.",
            "amounts": "How many amounts the sum is of.",
            "choice": "Sorts the sets of one förbund, year and measure: the latest document, a text layer "
                      "before OCR, fewer columns, more lines.",
        },
    },
    "alembic_version": {"hidden": True},
}

QUERIES: dict[str, dict[str, Any]] = {
    "decisions_mentioning": {
        "title": "Decisions mentioning a term",
        "description": "Full-text search over decisions (FTS5 syntax: prefix*, \"a phrase\", AND/OR), "
                       "with förbund, date, § and links to the decision and its page.",
        "sql": """
SELECT d.forbund AS forbund, d.date AS date, dec.paragraph AS paragraph, dec.kind AS kind,
       snippet(search_index, 0, '[', ']', '…', 16) AS excerpt, dec.amounts AS amounts,
       dec.id AS decision_id, d.id AS document_id, dec.page AS page,
       dec.char_start AS char_start, dec.char_end AS char_end
FROM search_index s
JOIN decisions dec ON s.kind = 'decision' AND dec.id = s.ref_id
JOIN documents d ON d.id = s.document_id
WHERE :term != '' AND search_index MATCH :term
ORDER BY bm25(search_index)
LIMIT 200""".strip(),
    },
    "amount_lines": {
        "title": "Amount lines by förbund, year and measure",
        "description": "The figures sums are made of: table and statement lines (no Summa rows, results, "
                       "rates or duplicates) and amounts grant decisions name, in whole SEK. Their sums per "
                       "förbund and year, each figure once, are on the amounts chart. Leave a field empty "
                       "for all.",
        "sql": f"""
SELECT d.forbund AS forbund, a.year AS year, CASE WHEN a.granted THEN 'granted' ELSE a.measure END AS measure,
       a.flow AS flow, a.value AS value, a.label AS label, a.paragraph AS paragraph, d.date AS date,
       d.id AS document_id, a.page AS page,
       a.char_start AS char_start, a.char_end AS char_end
FROM amounts a JOIN documents d ON d.id = a.document_id
WHERE a.role = 'line' AND (a.granted OR (a.source IN ('table', 'statement') AND a.measure IN ({_MEASURES})))
  AND (:forbund = '' OR d.forbund LIKE '%' || :forbund || '%')
  AND (:year = '' OR a.year = :year)
  AND (:measure = '' OR (CASE WHEN a.granted THEN 'granted' ELSE a.measure END) = :measure)
ORDER BY d.forbund, a.year, measure, a.flow, a.document_id, a.position""".strip(),
    },
    "outcomes_by_insats": {
        "title": "Outcomes by insats and category",
        "description": "Participant counts summed per förbund, insats and category (shares are not summed). "
                       "Leave a field empty for all.",
        "sql": """
SELECT d.forbund AS forbund, o.insats AS insats, o.category AS category, sum(o.count) AS count,
       count(*) AS figures
FROM outcomes o JOIN documents d ON d.id = o.document_id
WHERE o.count IS NOT NULL
  AND (:insats = '' OR o.insats LIKE '%' || :insats || '%')
  AND (:category = '' OR o.category = :category)
GROUP BY d.forbund, o.insats, o.category
ORDER BY d.forbund, o.insats, o.category""".strip(),
    },
    "person_decided": {
        "title": "What a person decided",
        "description": "Decisions of the meetings where a person (name or part of it) sat among those deciding.",
        "sql": """
SELECT p.name AS person, p.role AS role, d.forbund AS forbund, d.date AS date,
       dec.paragraph AS paragraph, dec.kind AS kind, dec.text AS text, dec.amounts AS amounts,
       dec.id AS decision_id, d.id AS document_id, dec.page AS page,
       dec.char_start AS char_start, dec.char_end AS char_end
FROM people p
JOIN documents d ON d.id = p.document_id
JOIN decisions dec ON dec.document_id = p.document_id
WHERE :name != '' AND p.grp = 'beslutande' AND p.name LIKE '%' || :name || '%'
ORDER BY date, d.id, dec.position""".strip(),
    },
    "person_appears": {
        "title": "Where a person appears",
        "description": "A person (name or part of it) in headings and board lists, and named in running text.",
        "sql": """
SELECT * FROM (
  SELECT 'listed' AS how, p.name AS name, p.grp || coalesce(' (' || p.role || ')', '') AS as_what,
         d.forbund AS forbund,
         d.date AS date, 1 AS times, d.id AS document_id, p.page AS page,
       p.char_start AS char_start, p.char_end AS char_end
  FROM people p JOIN documents d ON d.id = p.document_id
  WHERE :name != '' AND p.name LIKE '%' || :name || '%'
  UNION ALL
  SELECT 'named in text', m.text, m.label, d.forbund, d.date, count(*), d.id, m.page, min(m.char_start),
         min(m.char_end)
  FROM mentions m JOIN documents d ON d.id = m.document_id
  WHERE :name != '' AND m.label = 'PER' AND m.text LIKE '%' || :name || '%'
  GROUP BY m.text, d.id, m.page
)
ORDER BY date, document_id, page, how""".strip(),
    },
    "votes_held": {
        "title": "Votes held",
        "description": "Omröstningar by förbund, body, date and §, with counts, what ja and nej stood for, the "
                       "result and each member's ballot. Leave a field empty for all.",
        "sql": """
SELECT d.forbund AS forbund, b.name AS body, d.date AS date, v.paragraph AS paragraph, v.ja AS ja,
       v.nej AS nej, v.avstar AS avstar, v.present AS present, v.ja_means AS ja_means, v.nej_means AS nej_means,
       v.result AS result,
       (SELECT group_concat(x.name || coalesce(' (' || x.party || ')', '') || ': ' || x.vote, '; ')
        FROM (SELECT * FROM ballots WHERE vote_id = v.id ORDER BY position) x) AS ballots,
       v.warnings AS warnings, d.id AS document_id, v.page AS page,
       v.char_start AS char_start, v.char_end AS char_end
FROM votes v JOIN documents d ON d.id = v.document_id LEFT JOIN bodies b ON b.document_id = d.id
WHERE (:forbund = '' OR d.forbund LIKE '%' || :forbund || '%')
  AND (:year = '' OR substr(d.date, 1, 4) = :year)
ORDER BY d.forbund, date, d.id, v.position""".strip(),
    },
    "reservations_made": {
        "title": "Reservations and protokollsanteckningar",
        "description": "Who reserved against which decision (or wrote a protokollsanteckning, or declared an "
                       "abstention), with the written text. A name or party, or empty for all.",
        "sql": """
SELECT d.forbund AS forbund, b.name AS body, d.date AS date, r.paragraph AS paragraph, r.kind AS kind,
       r.who AS who, r.against AS against, r.own_motion AS own_motion, r.written AS written, r.reason AS reason,
       d.id AS document_id, r.page AS page,
       r.char_start AS char_start, r.char_end AS char_end
FROM reservations r JOIN documents d ON d.id = r.document_id LEFT JOIN bodies b ON b.document_id = d.id
WHERE (:who = '' OR r.who LIKE '%' || :who || '%') AND (:kind = '' OR r.kind = :kind)
ORDER BY d.forbund, date, d.id, r.position""".strip(),
    },
    "person_history": {
        "title": "A person across the years",
        "description": "Each person whose name contains the term, one row per document and role, by year: the "
                       "body, the meeting date and the document. One person is one name within a förbund or "
                       "kommun and a party or organisation.",
        "sql": """
SELECT * FROM (
  SELECT ps.id AS person, ps.name AS name, ps.affiliation AS affiliation,
         substr(d.date, 1, 4) AS year, d.date AS date, d.forbund AS forbund, b.name AS body,
         p.role AS role, p.grp AS grp, d.source AS source, d.id AS document_id, p.page AS page,
       p.char_start AS char_start, p.char_end AS char_end
  FROM persons ps
  JOIN person_roles pr ON pr.person_id = ps.id
  JOIN people p ON p.id = pr.people_id
  JOIN documents d ON d.id = pr.document_id
  LEFT JOIN bodies b ON b.document_id = d.id
  WHERE :name != '' AND ps.name_key LIKE '%' || lower(:name) || '%'
)
ORDER BY name, person, date, source""".strip(),
    },
    "page": {
        "title": "Page text",
        "description": "One page of a document, normalized and as read.",
        "sql": """
SELECT d.source AS source, d.forbund AS forbund, pg.number AS page_number, pg.method AS method,
       pg.confidence AS confidence, pg.text AS text, pg.raw_text AS raw_text, d.id AS document_id
FROM pages pg JOIN documents d ON d.id = pg.document_id
WHERE pg.document_id = :document_id AND pg.number = :number""".strip(),
    },
}

SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "truncate_cells_html": 400,
    "sql_time_limit_ms": 3000,
    "allow_download": False,
    "allow_facet": True,
}


def metadata(page_cache_bytes: int | None = None) -> dict[str, Any]:
    """Datasette's metadata for the archive: titles, descriptions, column help, facets, queries;
    and the plugin's settings (the page cache's bound in bytes)."""
    tables = {}
    for name, table in _TABLES.items():
        table = dict(table)
        if name in ("parts", "meetings", "justerare", "people", "items", "decisions", "amounts", "outcomes",
                    "mentions", "motions", "propositions", "votes", "reservations", "jav", "repairs"):
            table["columns"] = _FACT_COLUMNS | table.get("columns", {})
        tables[name] = table
    for name, (base, description) in _VIEWS.items():
        columns = _BY_FORBUND | _FACT_COLUMNS | _TABLES[base].get("columns", {})
        facets = ["forbund", "year", *(f for f in _TABLES[base].get("facets", ()) if f != "year")]
        if base == "amounts":
            columns = columns | {"document_year": _BY_FORBUND["year"], "year": _TABLES["amounts"]["columns"]["year"]}
            facets = ["forbund", "document_year", *_TABLES["amounts"]["facets"]]
        tables[name] = {"description": description, "facets": facets, "columns": columns}
    plugin: dict[str, Any] = {}
    if page_cache_bytes is not None:
        plugin["page_cache_bytes"] = page_cache_bytes
    return {
        "title": "samarkiv",
        "description_html": (
            "Minutes and reports of Swedish samordningsförbund, read into one archive: decisions, "
            "amounts (whole SEK), outcomes and people, each linked to its document and page. "
            f'See <a href="{CHART_PATH}">amounts per förbund and year</a> as a chart, or ask the canned '
            f'queries of the <a href="/{DATABASE}">archive</a>. Read-only.'),
        "databases": {
            DATABASE: {
                "description": "The samarkiv archive. Dates are ISO 8601, amounts whole SEK, pages 1-based.",
                "tables": tables,
                "queries": QUERIES,
            },
        },
        "plugins": {PLUGIN: plugin},
    }


class NotAnArchive(SamarkivError):
    """The file to serve is missing or is not a samarkiv archive."""


def check_archive(db: Path) -> None:
    """Raises NotAnArchive unless `db` is an SQLite file holding a samarkiv archive."""
    if not db.is_file():
        raise NotAnArchive(f"no archive at {db} (run `samarkiv ingest` first, or pass --db)")
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotAnArchive(f"{db}: not an SQLite database ({exc})") from None
    missing = {"documents", "decisions", "amounts", "search_index"} - names
    if missing:
        raise NotAnArchive(f"{db}: not a samarkiv archive (no {', '.join(sorted(missing))} table)")


def datasette_for(db: Path, page_cache_bytes: int | None = None) -> Any:
    """A Datasette serving `db` read-only as /archive, with our metadata and plugin; page images
    are cached beside the archive in at most `page_cache_bytes` (page_cache.DEFAULT_MAX_BYTES
    when None)."""
    from datasette.app import Datasette  # first: it registers Datasette's own plugins in order
    from datasette.database import Database
    from datasette.plugins import pm

    from samarkiv import browse_plugin

    check_archive(db)
    # Datasette prints every error with rich, locals included, when rich is importable (it is, for
    # our CLI); outside an except block (any 404) rich raises, and the 404 becomes a 500.
    setattr(sys.modules["datasette.handle_exception"], "rich", None)  # noqa: B010
    if pm.get_plugin(PLUGIN) is None:
        pm.register(browse_plugin, name=PLUGIN)
    ds = Datasette(metadata=metadata(page_cache_bytes), settings=SETTINGS)
    # Not immutable: an ingest may write while we serve, and Datasette must see its new rows.
    # Reads go through mode=ro connections; the plugin makes every connection query_only too.
    ds.add_database(Database(ds, path=str(db.resolve()), is_mutable=True), name=DATABASE)
    ds.remove_database("_memory")
    return ds


def serve(db: Path, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False,
          page_cache_bytes: int | None = None) -> None:
    """Serves the archive until interrupted."""
    import uvicorn

    ds = datasette_for(db, page_cache_bytes)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(f"http://{host}:{port}/{DATABASE}",)).start()
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
