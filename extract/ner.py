"""Swedish named entities (PER, ORG, LOC) from the spaCy model shipped in `extract/model`: a
gazetteer EntityRuler labels public bodies exactly, a statistical NER trained in this repository
(`extract/training`) finds the names in running text. The model is loaded once, lazily.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language

from samarkiv.errors import SamarkivError

from . import ruler  # noqa: F401  (registers the model's gazetteer ruler with spaCy)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with character offsets into the text it was found in."""

    label: str  # "PER", "ORG" or "LOC"
    start: int
    end: int
    text: str


class ModelMissing(SamarkivError):
    """The NER model directory is not there (a checkout where it was never built)."""


@cache
def load() -> Language:
    """The shipped pipeline (entity_ruler, tok2vec, ner), loaded from the package on first use."""
    model = resources.files("samarkiv.extract") / "model"
    with resources.as_file(model) as path:
        if not (path / "config.cfg").is_file():
            raise ModelMissing(f"the NER model is missing in {path}; build it with `make model`")
        return spacy.load(path)


def entities(text: str) -> list[Entity]:
    """Every PER, ORG and LOC in `text`, in reading order."""
    return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in load()(text).ents]


def person_names(text: str) -> list[Entity]:
    """The people named in `text` (PER only), in reading order: where a name ends when no rule can
    tell, as in a heading list without separators or with two columns interleaved on one line."""
    return [e for e in entities(text) if e.label == "PER"]
