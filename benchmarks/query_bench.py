"""Query benchmark: how fast the archive answers at the size of a national collection.

Builds a synthetic archive (by default 100 000 decisions across 80 förbund and 10 years) from the
real decisions, § items and amounts that the pipeline extracts from fixtures/seeds, varying
förbund, dates and amounts, through the store's models and its full-text upkeep; then times
full-text queries through `store.search` and the sums per förbund and year through
`store.query.amount_totals` (what `samarkiv amounts --by forbund,year` prints).

    python -m benchmarks.query_bench --decisions 100000 --workdir bench-results
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from samarkiv import PIPELINE_VERSION
from samarkiv.extract.types import Amount, Decision, Item
from samarkiv.gazetteer import samordningsforbund
from samarkiv.pipeline import process_path
from samarkiv.store import Archive, amount_sets
from samarkiv.store.models import AmountRow, DecisionRow, Document, ItemRow, MeetingRow, PageRow, PartRow
from samarkiv.store.query import Filters, amount_totals
from samarkiv.store.search import rebuild, search

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
FORBUND = 80
YEARS = tuple(range(2015, 2025))
QUERIES = 200
AGGREGATE_RUNS = 5
MEASURES = (None, "budget", "plan", "forecast", "actual")
_FIGURE = re.compile(r"\d{1,3}(?: \d{3})+")
_WORD = re.compile(r"[^\W\d_]{5,}")


@dataclass(frozen=True)
class Material:
    """The real facts the synthetic archive is made of."""

    decisions: list[Decision]
    items: list[Item]
    amounts: list[Amount]


def seed_material(seeds: Path = SEEDS) -> Material:
    """Decisions, § items and amounts the pipeline reads from the seed documents."""
    decisions: list[Decision] = []
    items: list[Item] = []
    amounts: list[Amount] = []
    for path in sorted(seeds.glob("*.txt")):
        record = process_path(path).record
        decisions += record.decisions
        items += [i for i in record.items if i.title]
        amounts += record.amounts
    return Material(decisions, items, amounts)


def _vary(value: int, rng: random.Random) -> int:
    """A figure of the same size, rounded as budgets are."""
    return max(1000, int(round(value * rng.uniform(0.4, 1.6), -3))) if value > 0 else value


def _sek(value: int) -> str:
    return f"{value:,}".replace(",", " ")


# Rows go in by table, parents first, a few hundred documents at a time.
_MODELS = (Document, PageRow, PartRow, MeetingRow, ItemRow, DecisionRow, AmountRow)
BATCH = 500


def _flush(session: Any, batch: dict[Any, list[dict[str, Any]]]) -> None:
    for model in _MODELS:
        if batch[model]:
            session.execute(insert(model), batch[model])
            batch[model].clear()


def build_archive(db: Path, decisions: int, material: Material, seed: int = 0) -> dict[str, int]:
    """Writes a synthetic archive with `decisions` decisions into `db`; returns row counts."""
    rng = random.Random(seed)
    names = [b.name for b in samordningsforbund()][:FORBUND]
    counts = {"documents": 0, "decisions": 0, "items": 0, "amounts": 0}
    batch: dict[Any, list[dict[str, Any]]] = {model: [] for model in _MODELS}
    with Archive(db) as archive, archive.session() as s, s.begin():
        doc_id = 0
        while counts["decisions"] < decisions:
            doc_id += 1
            forbund = names[doc_id % len(names)]
            year = YEARS[(doc_id // len(names)) % len(YEARS)]
            day = (date(year, 1, 15) + timedelta(days=rng.randrange(330))).isoformat()
            n = min(rng.randint(6, 18), decisions - counts["decisions"])
            chosen = rng.sample(material.decisions, n)
            decision_rows: list[dict[str, Any]] = []
            item_rows: list[dict[str, Any]] = []
            amount_rows: list[dict[str, Any]] = []
            page_lines: list[str] = []
            for position, decision in enumerate(chosen):
                paragraph = str(position + 1 + rng.randrange(200))
                figures = {f: _sek(_vary(int(f.replace(" ", "")), rng)) for f in _FIGURE.findall(decision.text)}
                text = _FIGURE.sub(lambda m, figures=figures: figures[m.group()], decision.text)  # type: ignore[misc]
                values = [_vary(v, rng) for v in decision.amounts]
                item = rng.choice(material.items)
                item_rows.append({"document_id": doc_id, "position": position, "page": 1, "number": paragraph,
                                  "title": item.title})
                decision_rows.append({"document_id": doc_id, "position": position, "page": 1,
                                      "paragraph": paragraph, "kind": decision.kind, "text": text,
                                      "amounts": values, "warnings": []})
                page_lines += [f"§ {paragraph} {item.title}", text]
                for value in values or [_vary(rng.choice(material.amounts).value, rng)]:
                    template = rng.choice(material.amounts)
                    amount_rows.append({"document_id": doc_id, "position": len(amount_rows), "page": 1,
                                        "value": value, "text": f"{_sek(value)} kr", "label": template.label,
                                        "year": year, "paragraph": paragraph, "warnings": [],
                                        "source": template.source, "measure": rng.choice(MEASURES),
                                        "role": rng.choice(("line", "line", "line", "total", "derived")),
                                        "granted": decision.kind == "grant"})
            for line in rng.sample(material.amounts, min(len(material.amounts), rng.randint(4, 12))):
                # A budget table's lines: income and cost per year, as reports and plans give them.
                amount_rows.append({"document_id": doc_id, "position": len(amount_rows), "page": 1,
                                    "value": _vary(line.value, rng), "text": line.text, "label": line.label,
                                    "year": rng.choice((year, year + 1)), "warnings": [], "source": "table",
                                    "measure": rng.choice(MEASURES[1:]), "table_no": 1,
                                    "role": rng.choice(("line", "line", "line", "total")),
                                    "flow": rng.choice(("income", "cost"))})
            batch[Document].append({
                "id": doc_id, "sha256": hashlib.sha256(f"bench-{seed}-{doc_id}".encode()).hexdigest(),
                "source": f"protokoll-{doc_id:06d}.pdf", "size": 0, "kind": "pdf", "page_count": 1,
                "status": "archived", "pipeline_version": PIPELINE_VERSION, "forbund": forbund})
            batch[PageRow].append({"document_id": doc_id, "number": 1, "method": "text-layer",
                                   "raw_text": "\n".join(page_lines), "text": "\n".join(page_lines)})
            batch[PartRow].append({"document_id": doc_id, "position": 0, "page": 1, "type": "protokoll",
                                   "date": day})
            batch[MeetingRow].append({"document_id": doc_id, "position": 0, "page": 1, "date": day})
            batch[ItemRow] += item_rows
            batch[DecisionRow] += decision_rows
            batch[AmountRow] += amount_rows
            counts["documents"] += 1
            counts["decisions"] += len(decision_rows)
            counts["items"] += len(item_rows)
            counts["amounts"] += len(amount_rows)
            if doc_id % BATCH == 0:
                _flush(s, batch)
        _flush(s, batch)
        rebuild(s)
        amount_sets.refresh(s)
    return counts


def queries(material: Material, forbund: list[str], n: int = QUERIES, seed: int = 1) -> list[tuple[str, str | None]]:
    """Varied full-text queries an analyst might type: words, prefixes, AND, phrases; some for one förbund."""
    rng = random.Random(seed)
    texts = [d.text for d in material.decisions] + [i.title or "" for i in material.items]
    words = sorted({w for t in texts for w in _WORD.findall(t)})
    out: list[tuple[str, str | None]] = []
    for k in range(n):
        shape = k % 4
        if shape == 0:
            q = rng.choice(words)
        elif shape == 1:
            q = rng.choice(words)[:5] + "*"
        elif shape == 2:
            q = f"{rng.choice(words)} AND {rng.choice(words)}"
        else:
            found = _WORD.findall(rng.choice(texts))
            at = rng.randrange(max(1, len(found) - 1))
            q = '"' + " ".join(found[at:at + 2]) + '"' if found else rng.choice(words)
        out.append((q, rng.choice(forbund) if k % 5 == 0 else None))
    return out


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(workdir: Path, decisions: int = 100_000) -> dict[str, float]:
    """Builds the synthetic archive in `workdir` and times the queries; figures in ms and s."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "query-bench.sqlite"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    material = seed_material()
    started = time.perf_counter()
    counts = build_archive(db, decisions, material)
    build_s = time.perf_counter() - started

    names = [b.name for b in samordningsforbund()][:FORBUND]
    fts_ms: list[float] = []
    hits = 0
    with Archive(db) as archive, archive.session() as s:
        for q, forbund in queries(material, names)[:10]:  # warm the page cache, not counted
            search(s, q, forbund=forbund)
        for q, forbund in queries(material, names):
            t = time.perf_counter()
            hits += len(search(s, q, forbund=forbund))
            fts_ms.append((time.perf_counter() - t) * 1000)
        aggregate_ms: list[float] = []
        plain_ms: list[float] = []
        # The peer: a plain GROUP BY over the same amounts, with no choice of table sets (it
        # counts a figure as often as tables repeat it).
        plain = (select(Document.forbund, AmountRow.year, AmountRow.measure, AmountRow.flow, func.sum(AmountRow.value),
                        func.count()).join(Document).where(AmountRow.role == "line")
                 .group_by(Document.forbund, AmountRow.year, AmountRow.measure, AmountRow.flow))
        for _ in range(AGGREGATE_RUNS):
            t = time.perf_counter()
            groups = amount_totals(s, Filters())
            aggregate_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            s.execute(plain).all()
            plain_ms.append((time.perf_counter() - t) * 1000)
    return {
        "decisions": float(counts["decisions"]),
        "documents": float(counts["documents"]),
        "amounts": float(counts["amounts"]),
        "archive_mb": round(db.stat().st_size / 2**20, 1),
        "build_s": round(build_s, 1),
        "fts_queries": float(len(fts_ms)),
        "fts_hits_mean": round(hits / len(fts_ms), 1),
        "fts_median_ms": round(statistics.median(fts_ms), 2),
        "fts_p95_ms": round(_percentile(fts_ms, 0.95), 2),
        "aggregate_groups": float(len(groups)),
        "aggregate_ms": round(statistics.median(aggregate_ms), 2),
        "plain_group_by_ms": round(statistics.median(plain_ms), 2),
        "aggregate_over_group_by": round(statistics.median(aggregate_ms) / statistics.median(plain_ms), 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--decisions", type=int, default=100_000, help="decisions in the synthetic archive")
    parser.add_argument("--workdir", type=Path, default=Path("bench-results"), help="where the archive is built")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = run(args.workdir, args.decisions)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
