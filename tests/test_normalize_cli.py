"""`samarkiv normalize`: the repaired text of a file, line for line with --lines."""

from __future__ import annotations

from samarkiv.cli import app

from .conftest import seed_path


def test_lines_mode_keeps_every_line_and_repairs_words(runner) -> None:
    seed = seed_path("002")
    result = runner.invoke(app, ["normalize", str(seed), "--lines"])
    assert result.exit_code == 0
    raw_lines = seed.read_text(encoding="utf-8").split("\n")
    out_lines = result.output.split("\n")
    assert len(out_lines) == len(raw_lines)
    assert "Förvaltningsberättelse" in out_lines[2]
    assert "Söderåsens samordningsförbund" in result.output


def test_default_mode_drops_page_furniture(runner) -> None:
    result = runner.invoke(app, ["normalize", str(seed_path("000"))])
    assert result.exit_code == 0
    assert "Justerandes sign" not in result.output
    assert "§ 72 Förslag till förlängningsansökan" in result.output


def test_unreadable_file_is_a_one_line_error(runner, tmp_path) -> None:
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["normalize", str(empty)])
    assert result.exit_code == 1
    assert "tom.txt: the file is empty" in result.output
