"""Extract: normalized text → the facts of the contract (parts, meetings, people, items,
decisions, amounts, outcomes)."""

from __future__ import annotations

from samarkiv.normalize import Text

from .types import (
    Amount,
    Decision,
    Item,
    Meeting,
    Outcome,
    Part,
    Person,
    Record,
    Signatories,
    contract_record,
)

__all__ = ["Amount", "Decision", "Item", "Meeting", "Outcome", "Part", "Person", "Record", "Signatories",
           "contract_record", "extract_record"]


def extract_record(text: Text) -> Record:
    """Extracts every fact of the contract from one document's normalized text."""
    return Record()
