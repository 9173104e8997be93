"""Shared fixtures: the repository's fixture files, temporary archives, generated PDFs."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"
GOLD = FIXTURES / "gold"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000" … "004")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def load_eval(name: str) -> ModuleType:
    """One of the project's scorers in `fixtures/eval/` ("score", "repair_score"), loaded as a module."""
    spec = importlib.util.spec_from_file_location(f"samarkiv_eval_{name}", FIXTURES / "eval" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer() -> ModuleType:
    """The extraction scorer (`fixtures/eval/score.py`)."""
    return load_eval("score")


def has_tesseract_swe() -> bool:
    try:
        from samarkiv.ingest.ocr import check_tesseract

        check_tesseract("swe")
        return True
    except Exception:
        return False


requires_ocr = pytest.mark.skipif(not has_tesseract_swe(),
                                  reason="tesseract with Swedish data is not installed (make test installs it)")


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.sqlite"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed folder, safe to add files to."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seed_000_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Seed 000 typeset as a born-digital PDF and as a scanned image-only PDF."""
    from samarkiv.synth import scanned_pdf, typeset_pdf

    folder = tmp_path_factory.mktemp("pdfs")
    text = seed_path("000").read_text(encoding="utf-8")
    born = folder / "000.pdf"
    born.write_bytes(typeset_pdf(text))
    scan = folder / "000.scan.pdf"
    scan.write_bytes(scanned_pdf(text, seed=0))
    return born, scan


@pytest.fixture(scope="module")
def born_archive(seed_000_pdfs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of seed 000 typeset as a born-digital PDF, with its original kept, a module each."""
    from samarkiv.cli import app

    db = tmp_path_factory.mktemp("born") / "archive.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(seed_000_pdfs[0]), "--db", str(db), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def seed_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of the five seeds, shared by the tests that only read it."""
    from samarkiv.cli import app

    db = tmp_path_factory.mktemp("seed-archive") / "archive.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", str(db), "-j", "1", "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def scan_archive(seed_000_pdfs, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of seed 000 scanned (read by OCR), its original kept; for tests that only read it."""
    from samarkiv.cli import app

    if not has_tesseract_swe():
        pytest.skip("tesseract with Swedish data is not installed (make test installs it)")
    db = tmp_path_factory.mktemp("scan-archive") / "archive.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(seed_000_pdfs[1]), "--db", str(db), "-j", "2", "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def served_seeds(seed_archive: Path) -> Iterator[str]:
    """`samarkiv serve` over the seed archive on a free local port; yields its base URL."""
    from .serving import running_server

    with running_server(seed_archive) as url:
        yield url


# --- database backends ------------------------------------------------------------------------
# Tests that touch the archive take `archive_db` (or a module's own fixture over `backend`) and
# run once on SQLite and once on a private PostgreSQL server.

BACKENDS = ("sqlite", "postgresql")


def _serve(servers: Generator[Any, None, None], name: str) -> Iterator[Any]:
    """What a private server generator yields, for as long as a fixture needs it; a skip naming the
    server and the reason where it cannot be started."""
    from .servers import Unavailable

    try:
        running = next(servers)
    except Unavailable as exc:
        pytest.skip(f"{name} cannot be started here: {exc}")
    yield running
    servers.close()


@pytest.fixture(scope="session")
def postgres_server():
    from .servers import run_postgres

    yield from _serve(run_postgres(), "PostgreSQL")


@pytest.fixture(scope="session")
def redis_url():
    from .servers import run_redis

    yield from _serve(run_redis(), "Redis")


_databases = iter(range(1, 1_000_000))


def new_archive_db(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """A fresh, empty archive on `backend`: an SQLite path in `folder` or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / f"archive{next(_databases)}.sqlite")
    server = request.getfixturevalue("postgres_server")
    return str(server.new_database(f"archive{next(_databases)}"))


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend a module's tests run on, each in turn."""
    return str(request.param)


@pytest.fixture
def archive_db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """A fresh, empty archive (path or URL) on each backend in turn."""
    return new_archive_db(request, backend, tmp_path)
