"""The archive: opening (and migrating) the database, saving documents, reading records back.

SQLite is the default and is opened in WAL mode with a busy timeout, so that a reader (a query,
`samarkiv serve`) and a writer (an ingest run) can work at once. Every document is saved in
one transaction: the archive holds a whole document or none of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session, sessionmaker

from samarkiv import PIPELINE_VERSION
from samarkiv.errors import ArchiveError
from samarkiv.extract import Record, contract_record
from samarkiv.extract.types import Amount, Decision, Item, Meeting, Mention, Outcome, Part, Person, Signatories
from samarkiv.ingest import SourceFile
from samarkiv.normalize import Change, Text

from . import amount_sets, boxes, search
from .models import (
    AmountRow,
    DecisionRow,
    Document,
    DocumentPath,
    Failure,
    ItemRow,
    MeetingRow,
    MentionRow,
    OutcomeRow,
    PageRow,
    PartRow,
    PersonRow,
    RepairRow,
    SignatoryRow,
    utcnow,
)
from .procedure import names_in, write_procedure

FACT_TABLES = (PartRow, MeetingRow, SignatoryRow, PersonRow, ItemRow, DecisionRow, AmountRow, OutcomeRow,
               MentionRow)


def database_url(db: str | Path) -> str:
    """An SQLAlchemy URL for `db`: a URL as given, or a path to an SQLite file."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("samarkiv.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


_MIGRATION_LOCK = 0x73616D61  # any constant number, the same for every samarkiv process


def migrate(engine: Engine) -> None:
    """Brings the schema to the newest migration; a no-op when it is there already."""
    cfg = _alembic_config(engine)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            # Two ingest runs may open a new archive at once: the first to take the write lock
            # migrates, the other waits for it and then finds the schema at head.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            # Workers starting at once on a new database: one migrates, the others wait and see it done.
            conn.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@dataclass(frozen=True, slots=True)
class Archived:
    """What the archive knows of a file's bytes before processing them."""

    id: int
    sha256: str
    source: str
    pipeline_version: str
    original_kept: bool = False


@dataclass(frozen=True, slots=True)
class FailureInfo:
    path: str
    sha256: str | None
    error_type: str
    reason: str
    attempts: int


class Archive:
    """An open archive database."""

    def __init__(self, db: str | Path = "archive.sqlite") -> None:
        url = database_url(db)
        if url.startswith("sqlite:///"):
            folder = Path(url.removeprefix("sqlite:///")).parent
            if not folder.is_dir():
                raise ArchiveError(f"the folder for the archive does not exist: {folder}")
        try:
            self.engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            migrate(self.engine)
        except ArchiveError:
            raise
        except Exception as exc:  # any driver error while opening is the archive's problem
            raise ArchiveError(f"cannot open the archive {db}: {exc}") from exc
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self) -> Session:
        return self._session()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one write transaction. On SQLite the write lock is taken at the start
        (BEGIN IMMEDIATE), so that two writers queue on the busy timeout instead of one failing
        when it turns a read into a write."""
        with self.session() as s, s.begin():
            if self.engine.dialect.name == "sqlite":
                s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield s

    # --- identity -------------------------------------------------------------------------

    def find(self, sha256: str) -> Archived | None:
        """The archived document with these bytes, if any."""
        with self.session() as s:
            doc = s.scalar(select(Document).where(Document.sha256 == sha256))
            if doc is None:
                return None
            return Archived(doc.id, doc.sha256, doc.source, doc.pipeline_version, doc.original_kept)

    def add_path(self, sha256: str, path: str) -> bool:
        """Records that the archived bytes were also seen at `path`; True if the path is new."""
        with self.writing() as s:
            doc = s.scalar(select(Document).where(Document.sha256 == sha256))
            if doc is None:
                return False
            known = s.scalar(select(DocumentPath.id).where(DocumentPath.document_id == doc.id,
                                                           DocumentPath.path == path))
            if known is not None:
                return False
            s.add(DocumentPath(document_id=doc.id, path=path))
            s.execute(delete(Failure).where(Failure.path == path))
            return True

    # --- writing --------------------------------------------------------------------------

    def save(self, source: SourceFile, text: Text, record: Record, path: str, *, original_kept: bool = False,
             replace: bool = True) -> int:
        """Stores a processed document, its pages and facts in one transaction; returns its id.

        A document already archived with the same bytes is replaced (that is `--force`); with
        `replace=False` it is kept and only `path` is recorded for it (another run archived the
        same bytes meanwhile).
        """
        page_texts = text.page_texts()
        with self.writing() as s:
            if not replace:
                existing = s.scalar(select(Document).where(Document.sha256 == source.sha256))
                if existing is not None:
                    if s.scalar(select(DocumentPath.id).where(DocumentPath.document_id == existing.id,
                                                              DocumentPath.path == path)) is None:
                        s.add(DocumentPath(document_id=existing.id, path=path))
                    existing.original_kept = existing.original_kept or original_kept
                    s.execute(delete(Failure).where(Failure.path == path))
                    return existing.id
            before = names_in(s, Document.sha256 == source.sha256)
            s.execute(delete(Document).where(Document.sha256 == source.sha256))
            doc = Document(sha256=source.sha256, source=Path(path).name, size=source.size, kind=source.kind.value,
                           encoding=source.encoding, page_count=len(source.pages), status="archived",
                           pipeline_version=PIPELINE_VERSION, original_kept=original_kept, forbund=record.forbund,
                           date=document_date(record),
                           ordforande=record.signatories.ordforande, sekreterare=record.signatories.sekreterare)
            doc.paths.append(DocumentPath(path=path))
            offsets = boxes.page_offsets(text, [p.number for p in source.pages])
            for i, page in enumerate(source.pages):
                packed = boxes.pack(page)
                doc.pages.append(PageRow(number=page.number, method=page.method.value,
                                         confidence=page.confidence, raw_text=page.text,
                                         text=page_texts[i] if i < len(page_texts) else None, boxes=packed,
                                         offsets=offsets[i] if packed is not None and i < len(offsets) else None))
            s.add(doc)
            s.flush()
            _insert(s, _fact_rows(doc.id, record) + _repair_rows(doc.id, text.changes))
            s.flush()
            write_procedure(s, doc.id, record, before)
            amount_sets.refresh(s, [doc.id])
            search.index_document(s, doc.id)
            s.execute(delete(Failure).where(Failure.path == path))
            return doc.id

    def record_failure(self, path: str, sha256: str | None, error_type: str, reason: str) -> None:
        """Remembers that `path` failed, and why; counts repeated attempts."""
        with self.writing() as s:
            row = s.scalar(select(Failure).where(Failure.path == path))
            if row is None:
                s.add(Failure(path=path, sha256=sha256, error_type=error_type, reason=reason))
            else:
                row.sha256, row.error_type, row.reason = sha256, error_type, reason
                row.attempts += 1
                row.failed_at = utcnow()

    def replace_facts(self, document_id: int, record: Record, text: Text | None = None) -> None:
        """Replaces a document's extracted facts in one transaction, stamps the current pipeline
        version and re-indexes it. Given `text`, the document normalized again, its page texts,
        the repairs that made them and the offset maps of its pages with boxes are replaced too."""
        with self.writing() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise ArchiveError(f"no document with id {document_id}")
            before = names_in(s, Document.id == document_id)
            for model in FACT_TABLES:
                s.execute(delete(model).where(model.document_id == document_id))
            if text is not None:
                offsets = boxes.page_offsets(text, [p.number for p in doc.pages])
                for page, page_text, page_offsets in zip(doc.pages, text.page_texts(), offsets, strict=False):
                    page.text = page_text
                    page.offsets = page_offsets if page.boxes is not None else None
                s.execute(delete(RepairRow).where(RepairRow.document_id == document_id))
                _insert(s, _repair_rows(document_id, text.changes))
            doc.forbund = record.forbund
            doc.date = document_date(record)
            doc.ordforande = record.signatories.ordforande
            doc.sekreterare = record.signatories.sekreterare
            doc.pipeline_version = PIPELINE_VERSION
            s.flush()
            _insert(s, _fact_rows(document_id, record))
            s.flush()
            write_procedure(s, document_id, record, before)
            amount_sets.refresh(s, [document_id])
            search.index_document(s, document_id)

    def keep_boxes(self, document_id: int, packed: dict[int, bytes]) -> None:
        """Stores the packed word boxes (`boxes.pack`) of some pages of a document, by page number."""
        if not packed:
            return
        with self.writing() as s:
            for page in s.scalars(select(PageRow).where(PageRow.document_id == document_id,
                                                        PageRow.number.in_(packed))):
                page.boxes = packed[page.number]

    def mark_original_kept(self, sha256: str) -> None:
        """Records that the original of an archived document is now kept."""
        with self.writing() as s:
            doc = s.scalar(select(Document).where(Document.sha256 == sha256))
            if doc is not None:
                doc.original_kept = True

    # --- reading --------------------------------------------------------------------------

    def failures(self) -> list[FailureInfo]:
        with self.session() as s:
            rows = s.scalars(select(Failure).order_by(Failure.path)).all()
            return [FailureInfo(r.path, r.sha256, r.error_type, r.reason, r.attempts) for r in rows]

    def failed_paths(self) -> dict[str, str | None]:
        """Path → sha256 of every recorded failure."""
        with self.session() as s:
            return {path: sha for path, sha in s.execute(select(Failure.path, Failure.sha256))}

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries."""
        out: dict[str, int] = {}
        with self.session() as s:
            for model in (Document, DocumentPath, PageRow, *FACT_TABLES, RepairRow, Failure):
                out[model.__tablename__] = s.scalar(select(func.count()).select_from(model)) or 0
        return out

    def repairs(self, document_id: int) -> list[Change]:
        """What OCR repair changed in one document, in text order."""
        with self.session() as s:
            rows = s.scalars(select(RepairRow).where(RepairRow.document_id == document_id)
                             .order_by(RepairRow.position)).all()
            return [Change(r.char_start or 0, r.char_end or 0, r.page or 0, r.original, r.text, r.confidence, r.rule)
                    for r in rows]

    def highlights(self, document_id: int, start: int, end: int) -> list[boxes.PageHighlight]:
        """The pages and word rectangles of the span `[start, end)` of a document's normalized text."""
        with self.engine.connect() as conn:
            sqlite = conn.connection.driver_connection
            assert isinstance(sqlite, sqlite3.Connection)
            return boxes.highlights(sqlite, document_id, start, end)

    def record(self, document_id: int) -> Record:
        """The extracted facts of one document, as the extract stage produced them."""
        with self.session() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise ArchiveError(f"no document with id {document_id}")
            return _load_record(s, doc)

    def export(self) -> Iterator[dict[str, Any]]:
        """Contract records of every archived document, in the order they were archived."""
        with self.session() as s:
            ids = s.scalars(select(Document.id).where(Document.status == "archived").order_by(Document.id)).all()
        for doc_id in ids:
            with self.session() as s:
                doc = s.get(Document, doc_id)
                if doc is None:
                    continue
                yield contract_record(_load_record(s, doc), source=doc.source, sha256=doc.sha256)

    def documents(self) -> list[dict[str, Any]]:
        """One summary row per archived document."""
        with self.session() as s:
            docs = s.scalars(select(Document).order_by(Document.id)).all()
            return [{"id": d.id, "source": d.source, "sha256": d.sha256, "kind": d.kind, "pages": d.page_count,
                     "forbund": d.forbund, "pipeline_version": d.pipeline_version} for d in docs]


def document_date(record: Record) -> str | None:
    """The date a document is about: its first meeting's date, else its first dated part's."""
    return (next((m.date for m in record.meetings if m.date), None)
            or next((p.date for p in record.parts if p.date), None))


def _span(fact: Any) -> dict[str, int | None]:
    span = fact.span
    return {"char_start": span[0] if span else None, "char_end": span[1] if span else None}


def _row_span(row: Any) -> tuple[int, int] | None:
    return (row.char_start, row.char_end) if row.char_start is not None else None


Rows = list[tuple[Any, list[dict[str, Any]]]]  # (model, its rows as column values)


@cache
def _column_names(model: Any) -> dict[str, str]:
    """A model's attribute names → its table's column names, where the two differ ("group" → "grp")."""
    return {a.key: a.columns[0].name for a in model.__mapper__.column_attrs if a.key != a.columns[0].name}


def _insert(s: Session, rows: Rows) -> None:
    """Bulk inserts: one executemany a table through SQLAlchemy Core, without an ORM object or the
    ORM's bulk path a row (a document has thousands)."""
    connection = s.connection()
    for model, values in rows:
        if values:
            if renamed := _column_names(model):
                values = [{renamed.get(k, k): v for k, v in row.items()} for row in values]
            connection.execute(insert(model.__table__), values)


def _repair_rows(doc_id: int, changes: tuple[Change, ...]) -> Rows:
    return [(RepairRow, [{"document_id": doc_id, "position": i, "page": c.page, "char_start": c.start,
                          "char_end": c.end, "original": c.original, "text": c.text, "confidence": c.confidence,
                          "rule": c.rule} for i, c in enumerate(changes)])]


def _fact_rows(doc_id: int, record: Record) -> Rows:
    def fact(i: int, f: Any) -> dict[str, Any]:
        return {"document_id": doc_id, "position": i, "page": f.page, **_span(f)}

    return [
        (PartRow, [{**fact(i, p), "type": p.type, "title": p.title, "date": p.date}
                   for i, p in enumerate(record.parts)]),
        (MeetingRow, [{**fact(i, m), "date": m.date, "start": m.start, "end": m.end, "place": m.place,
                       "first_paragraph": m.paragraphs[0] if m.paragraphs else None,
                       "last_paragraph": m.paragraphs[1] if m.paragraphs else None}
                      for i, m in enumerate(record.meetings)]),
        (SignatoryRow, [{"document_id": doc_id, "position": i, "page": None, "name": n}
                        for i, n in enumerate(record.signatories.justerare)]),
        (PersonRow, [{**fact(i, p), "name": p.name, "group": p.group, "role": p.role,
                      "organisation": p.organisation} for i, p in enumerate(record.people)]),
        (ItemRow, [{**fact(i, it), "number": it.number, "title": it.title} for i, it in enumerate(record.items)]),
        (DecisionRow, [{**fact(i, d), "paragraph": d.paragraph, "kind": d.kind, "text": d.text,
                        "amounts": list(d.amounts), "warnings": list(d.warnings)}
                       for i, d in enumerate(record.decisions)]),
        (AmountRow, [{**fact(i, a), "value": a.value, "value_max": a.value_max, "text": a.text, "per": a.per,
                      "label": a.label, "year": a.year, "paragraph": a.paragraph, "unit_inferred": a.unit_inferred,
                      "warnings": list(a.warnings), "source": a.source, "measure": a.measure, "table_no": a.table,
                      "role": a.role, "flow": a.flow, "granted": a.granted} for i, a in enumerate(record.amounts)]),
        (OutcomeRow, [{**fact(i, o), "insats": o.insats, "period_start": o.period[0] if o.period else None,
                       "period_end": o.period[1] if o.period else None, "category": o.category, "count": o.count,
                       "share": o.share, "label": o.label, "warnings": list(o.warnings)}
                      for i, o in enumerate(record.outcomes)]),
        (MentionRow, [{**fact(i, m), "label": m.label, "text": m.text} for i, m in enumerate(record.mentions)]),
    ]


def _load_record(s: Session, doc: Document) -> Record:
    def rows(model: Any) -> list[Any]:
        return list(s.scalars(select(model).where(model.document_id == doc.id).order_by(model.position)))

    return Record(
        forbund=doc.forbund,
        parts=tuple(Part(r.type, r.title, r.date, r.page, _row_span(r)) for r in rows(PartRow)),
        meetings=tuple(Meeting(r.date, r.start, r.end, r.place,
                               (r.first_paragraph, r.last_paragraph) if r.first_paragraph else None, r.page,
                               _row_span(r))
                       for r in rows(MeetingRow)),
        signatories=Signatories(doc.ordforande, doc.sekreterare, tuple(r.name for r in rows(SignatoryRow))),
        people=tuple(Person(r.name, r.group, r.role, r.organisation, r.page, _row_span(r)) for r in rows(PersonRow)),
        items=tuple(Item(r.number, r.title, r.page, _row_span(r)) for r in rows(ItemRow)),
        decisions=tuple(Decision(r.paragraph, r.kind, r.text, tuple(r.amounts or ()), r.page,
                                 _row_span(r), tuple(r.warnings or ())) for r in rows(DecisionRow)),
        amounts=tuple(Amount(r.value, r.value_max, r.text, r.per, r.label, r.year, r.paragraph,
                             bool(r.unit_inferred), r.page, _row_span(r), tuple(r.warnings or ()), r.source,
                             r.measure, r.table_no, r.role, r.flow, bool(r.granted)) for r in rows(AmountRow)),
        outcomes=tuple(Outcome(r.category, r.insats,
                               (r.period_start, r.period_end) if (r.period_start or r.period_end) else None,
                               r.count, r.share, r.label, r.page, _row_span(r), tuple(r.warnings or ()))
                       for r in rows(OutcomeRow)),
        mentions=tuple(Mention(r.label, r.text, r.page, _row_span(r)) for r in rows(MentionRow)),
    )
