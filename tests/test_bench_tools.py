"""The benchmark's own tools: the corpus it reads and the comparison of two results."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"samarkiv_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_text_documents_are_distinct_page_sized_and_numbered() -> None:
    documents = load("corpus").text_documents(300)
    assert len(set(documents)) == 300
    assert documents[7].startswith("Dnr 2022/00007\n")
    assert all(len(d.splitlines()) <= 46 for d in documents)


def test_comparison_marks_each_figure_by_its_own_direction() -> None:
    old = {"figures": {"pages/s": {"value": 1.0, "higher_is_better": True},
                       "memory": {"value": 500.0, "higher_is_better": False},
                       "files/s": {"value": 1000.0}}}
    new = {"figures": {"pages/s": {"value": 1.5, "higher_is_better": True},
                       "memory": {"value": 600.0, "higher_is_better": False},
                       "files/s": {"value": 1020.0}, "query p95": {"value": 0.01}}}
    rows = {name: (ratio, verdict) for name, _, _, ratio, verdict in load("compare").compare(old, new)}
    assert rows["pages/s"] == (1.5, "better")
    assert rows["memory"] == (1.2, "worse")
    assert rows["files/s"] == (1.02, "same")
    assert rows["query p95"] == (None, "only in one run")


def test_the_bench_finds_the_query_benchmark_and_can_call_it(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # bench.py imports its neighbours, as when run as a script
    run = load("bench").load_query_bench()
    assert run is not None and run.__name__ == "run"
    assert run.__module__ == "samarkiv_query_bench"
