"""Gazetteers of Swedish public bodies: kommuner, regioner, myndigheter and samordningsförbund.

Compiled from public sources (see `data/SOURCES.md`). Shared by normalize (names are strong
evidence when repairing OCR) and extract (canonical organisation names).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Body:
    """A named public body with the forms it is written in."""

    name: str
    kind: str  # "kommun", "region", "myndighet" or "samordningsforbund"
    variants: tuple[str, ...] = ()
    status: str | None = None
    successor: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Canonical name first, then every variant."""
        return (self.name, *self.variants)


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("samarkiv") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (field or "").split("|") if v.strip())


@cache
def kommuner() -> tuple[Body, ...]:
    return tuple(Body(r["kommun_name"], "kommun", (r["kommun"], *_split(r["variants"]))) for r in _rows("kommuner.tsv"))


@cache
def regioner() -> tuple[Body, ...]:
    return tuple(Body(r["region"], "region", _split(r["variants"])) for r in _rows("regioner.tsv"))


@cache
def myndigheter() -> tuple[Body, ...]:
    return tuple(Body(r["name"], "myndighet", (*_split(r["abbreviation"]), *_split(r["variants"])))
                 for r in _rows("myndigheter.tsv"))


@cache
def samordningsforbund() -> tuple[Body, ...]:
    return tuple(Body(r["name"], "samordningsforbund", _split(r["variants"]), r["status"] or None,
                      r["successor"] or None) for r in _rows("samordningsforbund.tsv"))


@cache
def all_bodies() -> tuple[Body, ...]:
    return (*samordningsforbund(), *regioner(), *myndigheter(), *kommuner())
