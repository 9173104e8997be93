"""SQLAlchemy models of the archive: documents, their pages, and the facts extracted from them.

Every fact row belongs to one document (deleted with it) and carries `position` (its order in
the export), `page` (where it was read) and `warnings` (failed cross-checks, JSON list).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Document(Base):
    """One archived input, identified by the SHA-256 of its bytes."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text, doc="File name it was first archived under.")
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), doc="pdf, image, text, docx, odt, doc, rtf or html, from content.")
    encoding: Mapped[str | None] = mapped_column(String(32))
    page_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="archived")
    error: Mapped[str | None] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(16))
    original_kept: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                                doc="A copy of the bytes is in the originals folder.")
    forbund: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(
        String(10), doc="The date the document is about, ISO 8601: its first meeting's, else its first dated part's.")
    ordforande: Mapped[str | None] = mapped_column(Text)
    sekreterare: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    paths: Mapped[list[DocumentPath]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                     passive_deletes=True)
    pages: Mapped[list[PageRow]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                passive_deletes=True, order_by="PageRow.number")


class DocumentPath(Base):
    """A path under which the same bytes were seen."""

    __tablename__ = "document_paths"
    __table_args__ = (UniqueConstraint("document_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="paths")


class PageRow(Base):
    """One page of a document: its raw text as read and its normalized text."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16), doc="text-layer, ocr, plain, blank, docx, odt, doc, rtf or html.")
    confidence: Mapped[float | None] = mapped_column(Float, doc="Mean OCR word confidence, 0-100.")
    raw_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text, doc="Normalized text.")
    boxes: Mapped[bytes | None] = mapped_column(
        LargeBinary, doc="Page size and word boxes, packed by store.boxes; none for plain-text pages.")
    offsets: Mapped[bytes | None] = mapped_column(
        LargeBinary, doc="Map from the normalized text back to the raw text, packed by store.boxes; kept for "
                         "pages with boxes.")

    document: Mapped[Document] = relationship(back_populates="pages")


class Failure(Base):
    """An input that could not be archived, with the reason, until it succeeds."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    error_type: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class _Fact:
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    char_start: Mapped[int | None] = mapped_column(Integer)
    char_end: Mapped[int | None] = mapped_column(Integer)


def _document_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class PartRow(_Fact, Base):
    __tablename__ = "parts"
    document_id: Mapped[int] = _document_fk()
    type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))


class MeetingRow(_Fact, Base):
    __tablename__ = "meetings"
    document_id: Mapped[int] = _document_fk()
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    start: Mapped[str | None] = mapped_column(String(5))
    end: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str | None] = mapped_column(Text)
    first_paragraph: Mapped[str | None] = mapped_column(String(16))
    last_paragraph: Mapped[str | None] = mapped_column(String(16))


class SignatoryRow(_Fact, Base):
    """A justerare (ordförande and sekreterare are columns of the document)."""

    __tablename__ = "justerare"
    document_id: Mapped[int] = _document_fk()
    name: Mapped[str] = mapped_column(Text)


class PersonRow(_Fact, Base):
    __tablename__ = "people"
    document_id: Mapped[int] = _document_fk()
    name: Mapped[str] = mapped_column(Text, index=True)
    group: Mapped[str] = mapped_column("grp", String(16))
    role: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)


class ItemRow(_Fact, Base):
    __tablename__ = "items"
    document_id: Mapped[int] = _document_fk()
    number: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)


class DecisionRow(_Fact, Base):
    __tablename__ = "decisions"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    amounts: Mapped[list[int]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)


# Whole kronor pass 2^31 in a region's budget: 64 bits on PostgreSQL (SQLite's integers are 64 bits).
_SEK = BigInteger().with_variant(Integer(), "sqlite")


class AmountRow(_Fact, Base):
    __tablename__ = "amounts"
    document_id: Mapped[int] = _document_fk()
    value: Mapped[int] = mapped_column(_SEK)
    value_max: Mapped[int | None] = mapped_column(_SEK)
    text: Mapped[str | None] = mapped_column(Text)
    per: Mapped[str | None] = mapped_column(String(8))
    label: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    paragraph: Mapped[str | None] = mapped_column(String(16))
    unit_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16), default="text", server_default="text",
                                        doc="Where it was read: text, table or statement.")
    measure: Mapped[str | None] = mapped_column(
        String(16), index=True, doc="A table column's measure: budget, plan, forecast, actual or deviation.")
    table_no: Mapped[int | None] = mapped_column(Integer, doc="The table it belongs to, counted within the document.")
    role: Mapped[str] = mapped_column(String(16), default="line", server_default="line",
                                      doc="line (counts in totals), total, derived, rate or duplicate.")
    flow: Mapped[str | None] = mapped_column(String(8), doc="income or cost, for table lines.")
    granted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0", index=True,
                                          doc="Named in a grant decision.")


class OutcomeRow(_Fact, Base):
    __tablename__ = "outcomes"
    document_id: Mapped[int] = _document_fk()
    insats: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(24), index=True)
    count: Mapped[int | None] = mapped_column(Integer)
    share: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)


class MentionRow(_Fact, Base):
    """A person, organisation or place the NER found in the text (not part of the contract)."""

    __tablename__ = "mentions"
    document_id: Mapped[int] = _document_fk()
    label: Mapped[str] = mapped_column(String(8), index=True)
    text: Mapped[str] = mapped_column(Text, index=True)


class BodyRow(Base):
    """The nämnd, styrelse or utskott whose minutes a document is ("Nämnden för Teknik")."""

    __tablename__ = "bodies"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(Text)


class MotionRow(_Fact, Base):
    """A yrkande in a §: who moved it and what, as written."""

    __tablename__ = "motions"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str] = mapped_column(String(16))
    movers: Mapped[str] = mapped_column(Text, doc="Who moved it, as named: 'Anna Berg (S), Moderaterna'.")
    members: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, default=list)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)


class PropositionRow(_Fact, Base):
    """A question the chair put in the beslutsgång, and what the body was found to decide."""

    __tablename__ = "propositions"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)


class VoteRow(_Fact, Base):
    """An omröstning (votering) in a §, with its counts and what ja and nej stood for."""

    __tablename__ = "votes"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str] = mapped_column(String(16))
    ja: Mapped[int | None] = mapped_column(Integer)
    nej: Mapped[int | None] = mapped_column(Integer)
    avstar: Mapped[int | None] = mapped_column(Integer)
    present: Mapped[int | None] = mapped_column(Integer, doc="Members deciding, as the heading lists them.")
    ja_means: Mapped[str | None] = mapped_column(Text)
    nej_means: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)


class BallotRow(Base):
    """One member's vote in an omröstning, from the voting table."""

    __tablename__ = "ballots"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(String(8))
    vote: Mapped[str] = mapped_column(String(8), doc="ja, nej or avstar.")


class ReservationRow(_Fact, Base):
    """A reservation, protokollsanteckning or declared abstention in a §."""

    __tablename__ = "reservations"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(24), index=True)
    who: Mapped[str] = mapped_column(Text)
    members: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, default=list)
    against: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    own_motion: Mapped[bool] = mapped_column(Boolean, default=False)
    written: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)


class JavRow(_Fact, Base):
    """A member who declared jäv in a § and left it, with who served instead."""

    __tablename__ = "jav"
    document_id: Mapped[int] = _document_fk()
    paragraph: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(String(8))
    replacement: Mapped[str | None] = mapped_column(Text)
    replacement_party: Mapped[str | None] = mapped_column(String(8))
    left: Mapped[bool] = mapped_column(Boolean, default=True)
    text: Mapped[str] = mapped_column(Text)


class PersonIdentity(Base):
    """One person across documents: a name within one förbund or kommun, with the party or
    organisation printed beside it (a name printed alone joins the only one known)."""

    __tablename__ = "persons"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True, doc="The name casefolded, spaces collapsed.")
    scope: Mapped[str | None] = mapped_column(Text, doc="The förbund or kommun of the documents.")
    affiliation: Mapped[str | None] = mapped_column(Text, doc="Party letters or organisation.")


class PersonRole(Base):
    """A person's appearance in one document's heading or board list (a row of `people`)."""

    __tablename__ = "person_roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    people_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    document_id: Mapped[int] = _document_fk()


class RepairRow(_Fact, Base):
    """One word or sign that OCR repair changed: what the raw page said, what the text says now.

    `char_start`/`char_end` are offsets of the document's normalized text (pages joined by a form
    feed), as for every fact; `confidence` is 0-1.
    """

    __tablename__ = "repairs"
    document_id: Mapped[int] = _document_fk()
    original: Mapped[str] = mapped_column(Text, doc="The raw text the repair replaced.")
    text: Mapped[str] = mapped_column(Text, doc="What the normalized text says instead.")
    confidence: Mapped[float] = mapped_column(Float, doc="How sure the repair is, 0-1.")
    rule: Mapped[str] = mapped_column(String(16), doc="word, split, join, paragraph, percent, zero, i, dash or glyph.")
class AmountSetRow(Base):
    """What the amount sums need of one set of tables (the tables of one §, or of one document
    outside minutes) for one year, measure and flow, kept by `store.amount_sets` from the amounts.

    For each förbund, year and measure the sums take the sets whose `choice` is the greatest;
    granted amounts (measure `granted`) all count. Written with the document's facts.
    """

    __tablename__ = "amount_sets"
    __table_args__ = (Index("ix_amount_sets_choice", "forbund", "year", "measure", "choice"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _document_fk()
    forbund: Mapped[str] = mapped_column(Text, doc="The document's förbund; empty when unknown.")
    paragraph: Mapped[str | None] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(16), doc="granted, budget, plan, forecast or actual.")
    flow: Mapped[str | None] = mapped_column(String(8), doc="income or cost; none for granted amounts.")
    sek: Mapped[int] = mapped_column(_SEK, doc="The sum of the set's lines; costs as a positive sum.")
    amounts: Mapped[int] = mapped_column(Integer, doc="How many amounts the sum is of.")
    choice: Mapped[str] = mapped_column(String(96), doc="Sorts the sets of one förbund, year and measure: "
                                                        "the greatest speaks for them.")
