"""The whole pipeline for one file: read → normalize → extract, as a pure function.

`process_path` is what a worker process runs; it returns plain picklable data and leaves the
database to the caller, so that one writer commits each document in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samarkiv.extract import Record, extract_record
from samarkiv.ingest import IngestOptions, SourceFile, read_source
from samarkiv.normalize import Text, normalize_pages


@dataclass(frozen=True, slots=True)
class Processed:
    """A file carried through every stage, ready to be stored."""

    source: SourceFile
    text: Text
    record: Record


def extract(text: Text) -> Record:
    """The facts of one document's normalized text, with how its §§ were decided."""
    return extract_record(text)


def process_source(source: SourceFile) -> Processed:
    """Normalizes and extracts an already-read file."""
    text = normalize_pages(source.pages)
    return Processed(source=source, text=text, record=extract(text))


def process_path(path: Path, options: IngestOptions | None = None) -> Processed:
    """Reads, normalizes and extracts one file."""
    return process_source(read_source(path, options))
