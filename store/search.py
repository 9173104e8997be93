"""Full-text search over the archive: decisions, § items and page text, with snippets that
point back to document and page. Kept in step on every save; `rebuild` remakes it whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from samarkiv.errors import SamarkivError

from .models import DecisionRow, Document, ItemRow, MeetingRow, PageRow, PartRow
from .tsquery import CONFIG, QuerySyntaxError, to_tsquery

KINDS = ("decision", "item", "page")


class BadQuery(SamarkivError):
    """The search text is not a valid full-text query."""


def available(session: Session) -> bool:
    return session.get_bind().dialect.name in ("sqlite", "postgresql")


def index_document(session: Session, document_id: int) -> None:
    """(Re)indexes one document's decisions, items and pages."""
    if not available(session):
        return
    session.execute(text("DELETE FROM search_index WHERE document_id = :d"), {"d": document_id})
    rows: list[dict[str, object]] = []
    for d in session.scalars(select(DecisionRow).where(DecisionRow.document_id == document_id)):
        rows.append({"t": d.text, "k": "decision", "d": document_id, "r": d.id, "p": d.page})
    for it in session.scalars(select(ItemRow).where(ItemRow.document_id == document_id)):
        rows.append({"t": f"§ {it.number} {it.title or ''}", "k": "item", "d": document_id, "r": it.id, "p": it.page})
    for pg in session.scalars(select(PageRow).where(PageRow.document_id == document_id)):
        rows.append({"t": pg.text or pg.raw_text, "k": "page", "d": document_id, "r": pg.id, "p": pg.number})
    if rows:
        session.execute(text("INSERT INTO search_index (text, kind, document_id, ref_id, page) "
                             "VALUES (:t, :k, :d, :r, :p)"), rows)


def rebuild(session: Session) -> int:
    """Remakes the whole index from the archive's tables; returns the documents indexed.

    The same rows as `index_document` makes, written table by table in three statements.
    """
    if not available(session):
        return 0
    session.execute(text("DELETE FROM search_index"))
    for sql in _REBUILD:
        session.execute(text(sql))
    return session.scalar(select(func.count()).select_from(Document)) or 0


_REBUILD = (
    "INSERT INTO search_index (text, kind, document_id, ref_id, page) "
    "SELECT text, 'decision', document_id, id, page FROM decisions ORDER BY document_id, id",
    "INSERT INTO search_index (text, kind, document_id, ref_id, page) "
    "SELECT '§ ' || number || ' ' || coalesce(title, ''), 'item', document_id, id, page FROM items "
    "ORDER BY document_id, id",
    "INSERT INTO search_index (text, kind, document_id, ref_id, page) "
    "SELECT coalesce(nullif(text, ''), raw_text), 'page', document_id, id, number FROM pages "
    "ORDER BY document_id, id",
)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    forbund: str | None
    date: str | None
    source: str
    page: int | None
    paragraph: str | None
    snippet: str
    document_id: int


def document_dates(session: Session, ids: set[int] | None = None) -> dict[int, str | None]:
    """The date a document is about: its first meeting's date, else its first dated part's.

    `ids` limits the lookup to those documents.
    """
    parts = select(PartRow.document_id, PartRow.date).where(PartRow.date.is_not(None))
    meetings = select(MeetingRow.document_id, MeetingRow.date).where(MeetingRow.date.is_not(None))
    if ids is not None:
        parts = parts.where(PartRow.document_id.in_(ids))
        meetings = meetings.where(MeetingRow.document_id.in_(ids))
    dates: dict[int, str | None] = {}
    for doc_id, date in session.execute(parts.order_by(PartRow.position)):
        dates.setdefault(doc_id, date)
    for doc_id, date in session.execute(meetings.order_by(MeetingRow.position.desc())):
        dates[doc_id] = date
    return dates


def search(session: Session, query: str, *, forbund: str | None = None, date_from: str | None = None,
           date_to: str | None = None, kind: str | None = None, limit: int = 50) -> list[Hit]:
    """Best-ranked hits for an FTS5 query ("förläng*", "casemanagement AND budget", "\\"egna kapitalet\\"")."""
    if not available(session):
        raise BadQuery("full-text search needs an SQLite or PostgreSQL archive")
    if session.get_bind().dialect.name == "postgresql":
        sql, params = _postgres_query(query)
    else:
        sql, params = _sqlite_query(query)
    if kind:
        sql += " AND s.kind = :k"
        params["k"] = kind
    if forbund:
        sql += " AND d.forbund = :f"
        params["f"] = forbund
    # `rank` lets FTS5 hand rows over best first, so the LIMIT stops the joins and snippets early;
    # ordering by a bm25(...) expression made SQLite snippet and join every match before sorting.
    sql += " ORDER BY rank LIMIT :n"
    params["n"] = limit * 4 if (date_from or date_to) else limit
    try:
        rows = session.execute(text(sql), params).all()
    except (OperationalError, ProgrammingError) as exc:
        session.rollback()
        raise BadQuery(f"not a valid search: {query!r} ({exc.orig})") from None
    dates = document_dates(session, {row.document_id for row in rows})
    hits = []
    for kind_, doc_id, page, snippet, forbund_, source, paragraph, _rank in rows:
        date = dates.get(doc_id)
        if (date_from and (date is None or date < date_from)) or (date_to and (date is None or date > date_to)):
            continue
        hits.append(Hit(kind_, forbund_, date, source, page, paragraph, snippet.replace("\n", " "), doc_id))
    return hits[:limit]


def _sqlite_query(query: str) -> tuple[str, dict[str, object]]:
    sql = ("SELECT s.kind, s.document_id, s.page, snippet(search_index, 0, '[', ']', '…', 14) AS snippet, "
           "d.forbund, d.source, coalesce(dec.paragraph, it.number) AS paragraph, s.rank AS rank "
           "FROM search_index s JOIN documents d ON d.id = s.document_id "
           "LEFT JOIN decisions dec ON s.kind = 'decision' AND dec.id = s.ref_id "
           "LEFT JOIN items it ON s.kind = 'item' AND it.id = s.ref_id "
           "WHERE search_index MATCH :q")
    return sql, {"q": query}


def _postgres_query(query: str) -> tuple[str, dict[str, object]]:
    try:
        tsquery = to_tsquery(query)
    except QuerySyntaxError as exc:
        raise BadQuery(f"not a valid search: {query!r} ({exc})") from None
    sql = (f"SELECT s.kind, s.document_id, s.page, ts_headline('{CONFIG}', s.text, q.q, "
           "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=30, MinWords=15') AS snippet, "
           "d.forbund, d.source, coalesce(dec.paragraph, it.number) AS paragraph, -ts_rank(s.tsv, q.q) AS rank "
           f"FROM (SELECT {tsquery.sql} AS q) q JOIN search_index s ON s.tsv @@ q.q "
           "JOIN documents d ON d.id = s.document_id "
           "LEFT JOIN decisions dec ON s.kind = 'decision' AND dec.id = s.ref_id "
           "LEFT JOIN items it ON s.kind = 'item' AND it.id = s.ref_id "
           "WHERE TRUE")
    return sql, dict(tsquery.params)
