"""`samarkiv export`: one record per archived document, valid against the contract's schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from samarkiv.cli import app
from samarkiv.ingest import hash_file

from .conftest import SEEDS

SCHEMA = json.loads((resources.files("samarkiv") / "data" / "extraction.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def archive_with_seeds(runner, archive_db: str) -> str:
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", archive_db, "-j", "1"])
    assert result.exit_code == 0, result.output
    return archive_db


def test_json_export_validates_against_the_schema(runner, archive_with_seeds: str, tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    result = runner.invoke(app, ["export", "--db", str(archive_with_seeds), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 5
    for record in records:
        jsonschema.validate(record, SCHEMA)
    by_source = {r["source"]: r for r in records}
    for path in SEEDS.glob("*.txt"):
        assert by_source[path.name]["sha256"] == hash_file(path)[0]
        assert by_source[path.name]["schema"] == "samarkiv.extraction/1"


def test_jsonl_export_is_a_record_a_line(runner, archive_with_seeds: str) -> None:
    result = runner.invoke(app, ["export", "--db", str(archive_with_seeds), "--format", "jsonl"])
    lines = result.output.strip().splitlines()
    assert len(lines) == 5
    for line in lines:
        jsonschema.validate(json.loads(line), SCHEMA)


def test_failed_inputs_are_not_exported(runner, archive_with_seeds: str, tmp_path: Path) -> None:
    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"")
    runner.invoke(app, ["ingest", str(bad), "--db", str(archive_with_seeds), "-j", "1"])
    result = runner.invoke(app, ["export", "--db", str(archive_with_seeds), "--format", "jsonl"])
    assert len(result.output.strip().splitlines()) == 5
