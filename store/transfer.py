"""Copies a whole archive from one database to another (an SQLite file into PostgreSQL, or back):
the target's schema is built by the migrations, every table is copied row for row with its ids,
the search index is rebuilt in the target, and the row counts of both are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, select, text

from samarkiv.errors import ArchiveError

from . import search
from .archive import Archive
from .models import Base, Document, Failure, PersonIdentity

BATCH = 2000
"""Rows read and written at a time, so that memory stays flat on a large archive."""


def copy_archive(source: str | Path, target: str | Path, *, replace: bool = False,
                 on_table: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copies the archive `source` into `target`; returns the rows copied per table.

    A target that already holds documents or failures is refused unless `replace`, which empties
    it first. The copy is one transaction on the target: it ends whole or not at all.
    """
    with Archive(source) as src, Archive(target) as dst:
        if src.engine.url == dst.engine.url:
            raise ArchiveError("the source and the target are the same archive")
        held = {name: n for name, n in dst.counts().items() if n and name in ("documents", "failures")}
        if held and not replace:
            listed = ", ".join(f"{n} {name}" for name, n in held.items())
            raise ArchiveError(f"the target archive is not empty ({listed}); --force replaces what it holds")
        copied: dict[str, int] = {}
        with src.engine.connect() as reader, dst.session() as session, session.begin():
            session.execute(delete(Document))  # facts, pages and paths go with their documents
            session.execute(delete(Failure))
            session.execute(delete(PersonIdentity))  # the one table that does not hang on a document
            writer = session.connection()
            for table in Base.metadata.sorted_tables:
                copied[table.name] = 0
                rows = reader.execution_options(stream_results=True).execute(select(table).order_by(*table.primary_key))
                while batch := rows.fetchmany(BATCH):
                    writer.execute(table.insert(), [dict(row._mapping) for row in batch])
                    copied[table.name] += len(batch)
                if on_table:
                    on_table(table.name, copied[table.name])
            if writer.dialect.name == "postgresql":
                # Rows came with their ids: the sequences must go on after the highest.
                for table in Base.metadata.sorted_tables:
                    writer.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                        f"coalesce(max(id), 0) + 1, false) FROM {table.name}"))
            search.rebuild(session)
        before, after = src.counts(), dst.counts()
        if before != after:
            differ = ", ".join(f"{name} {before[name]} → {after.get(name)}" for name in before
                               if before[name] != after.get(name))
            raise ArchiveError(f"the copy does not hold what the source holds: {differ}")
        return copied
