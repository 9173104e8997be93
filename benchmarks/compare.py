"""Compares two `make bench` results: each figure before and after, and the ratio after/before,
marked better or worse by the figure's own direction (pages/s up is better, memory up is worse).

Usage: python benchmarks/compare.py bench-results/OLD.json bench-results/NEW.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def compare(old: dict, new: dict) -> list[tuple[str, float | None, float | None, float | None, str]]:
    """Rows of (figure, old value, new value, new/old, verdict) over the figures of either run."""
    rows = []
    names = list(old["figures"]) + [n for n in new["figures"] if n not in old["figures"]]
    for name in names:
        before = old["figures"].get(name, {}).get("value")
        after = new["figures"].get(name, {}).get("value")
        if before is None or after is None or before == 0:
            rows.append((name, before, after, None, "only in one run" if before is None or after is None else ""))
            continue
        ratio = after / before
        higher_is_better = new["figures"][name].get("higher_is_better", True)
        better = ratio > 1 if higher_is_better else ratio < 1
        verdict = "same" if abs(ratio - 1) < 0.05 else ("better" if better else "worse")
        rows.append((name, before, after, ratio, verdict))
    return rows


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        raise SystemExit("usage: python benchmarks/compare.py OLD.json NEW.json")
    old, new = (json.loads(Path(a).read_text(encoding="utf-8")) for a in args)
    for label, run in (("old", old["machine"]), ("new", new["machine"])):
        print(f"{label}: {run.get('commit')} {run.get('when')} load {run.get('load_at_start')}")
    width = max(len(r[0]) for r in compare(old, new))
    for name, before, after, ratio, verdict in compare(old, new):
        cells = [f"{v:12.4g}" if v is not None else f"{'–':>12}" for v in (before, after)]
        shown = f"{ratio:7.2f}x" if ratio is not None else f"{'':8}"
        print(f"{name:<{width}}  {cells[0]}  {cells[1]}  {shown}  {verdict}")


if __name__ == "__main__":
    main()
