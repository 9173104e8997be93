"""The archive: migrations, whole-document transactions, facts stored and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from samarkiv.extract.types import Amount, Decision, Item, Meeting, Outcome, Part, Person, Record, Signatories
from samarkiv.ingest import read_bytes
from samarkiv.normalize import normalize_pages
from samarkiv.store import Archive

SOURCE = read_bytes("§ 5 Budget 2021\n\nStyrelsen beslutar att anta budgeten om 3 084 000 kr.\n".encode())

RECORD = Record(
    forbund="Södra Dalarnas samordningsförbund",
    parts=(Part("protokoll", "Sammanträdesprotokoll", "2020-09-11", page=1),),
    meetings=(Meeting("2020-09-11", "08:30", "12:25", "Avesta", ("34", "47"), page=1),),
    signatories=Signatories("Anna Berg", None, ("Per Ek",)),
    people=(Person("Anna Berg", "beslutande", "ordförande", "Avesta kommun", page=1, span=(0, 9)),),
    items=(Item("5", "Budget 2021", page=1, span=(0, 15)),),
    decisions=(Decision("5", "approve", "Styrelsen beslutar att anta budgeten om 3 084 000 kr.", (3084000,),
                        page=1, span=(17, 70)),),
    amounts=(Amount(3084000, text="3 084 000 kr", label="budget", year=2021, paragraph="5", page=1,
                    warnings=("Summa differs from its rows by 1 000",)),),
    outcomes=(Outcome("deltagare", "Samverkansteam", ("2020-01-01", "2020-08-31"), 128, page=1),),
)


def test_a_new_archive_is_migrated_to_the_newest_schema(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        tables = set(inspect(archive.engine).get_table_names())
        with archive.engine.connect() as conn:
            version = conn.execute(text("select version_num from alembic_version")).scalar()
    assert {"documents", "pages", "failures", "decisions", "amounts", "outcomes", "people"} <= tables
    assert version is not None
    # Opening again is a no-op, not a second migration.
    with Archive(archive_db) as archive:
        assert archive.counts()["documents"] == 0


def test_a_record_survives_the_round_trip(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        doc_id = archive.save(SOURCE, normalize_pages(SOURCE.pages), RECORD, "/in/protokoll.txt")
        assert archive.record(doc_id) == RECORD
        (exported,) = list(archive.export())
    assert exported["decisions"][0]["amounts"] == [3084000]
    assert exported["meetings"][0]["paragraphs"] == ["34", "47"]
    assert exported["signatories"] == {"ordforande": "Anna Berg", "sekreterare": None, "justerare": ["Per Ek"]}
    assert "warnings" not in exported["amounts"][0]


def test_a_document_that_fails_to_save_leaves_nothing_behind(archive_db: str) -> None:
    broken = Record(decisions=(Decision("5", "approve", None),))  # type: ignore[arg-type]
    with Archive(archive_db) as archive:
        with pytest.raises(Exception, match="(?i)not.null"):
            archive.save(SOURCE, normalize_pages(SOURCE.pages), broken, "/in/protokoll.txt")
        counts = archive.counts()
    assert counts["documents"] == 0 and counts["pages"] == 0 and counts["decisions"] == 0


def test_amounts_beyond_32_bits_are_stored(archive_db: str) -> None:
    billions = Record(amounts=(Amount(12_500_000_000, text="12,5 miljarder kronor", label="regionens budget",
                                      page=1),))
    with Archive(archive_db) as archive:
        doc_id = archive.save(SOURCE, normalize_pages(SOURCE.pages), billions, "/in/budget.txt")
        assert archive.record(doc_id).amounts[0].value == 12_500_000_000


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite") as archive, archive.engine.connect() as conn:
        assert conn.execute(text("pragma journal_mode")).scalar() == "wal"
        assert conn.execute(text("pragma foreign_keys")).scalar() == 1


def test_deleting_a_document_deletes_its_facts(archive_db: str) -> None:
    with Archive(archive_db) as archive:
        archive.save(SOURCE, normalize_pages(SOURCE.pages), RECORD, "/in/a.txt")
        with archive.session() as s, s.begin():
            s.execute(text("delete from documents"))
        counts = archive.counts()
    assert counts["pages"] == counts["decisions"] == counts["amounts"] == counts["document_paths"] == 0


def test_the_migrations_build_exactly_the_models(archive_db: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from samarkiv.store.models import Base

    with Archive(archive_db) as archive, archive.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The full-text index is each backend's own (an FTS5 virtual table, a table with a tsvector),
    # made by migrations 0002 and 0006 and not a model.
    def search_index(d: tuple) -> bool:
        table = d[1] if d[0] == "remove_table" else getattr(d[1], "table", None)
        return d[0] in ("remove_table", "remove_index") and table is not None and table.name.startswith("search_index")

    assert [d for d in diff if not search_index(d)] == []
