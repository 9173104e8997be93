"""Gazetteer patterns of the EntityRuler: every form of a kommun, region, myndighet or
samordningsförbund is an ORG. Bare kommun and county names are places (LOC) only in context, so
they are left to the statistical NER instead of a rule that would also fire on surnames like Lund.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex
from wordfreq import zipf_frequency

from samarkiv import gazetteer

ORG = "ORG"
# Phrase patterns compare lower-cased tokens, so "Region skåne" and "REGION SKÅNE" match too;
# the EntityRuler keeps entities already set and sits before the NER, which keeps its spans.
RULER_CONFIG = {"phrase_matcher_attr": "LOWER", "overwrite_ents": False}
# An all-caps short form that is also a frequent Swedish word (AV = av) would fire on running text.
_COMMON_WORD_ZIPF = 5.5
# A flattened web table glues the cells of a row into one word ("DanderydAnna Berg"): a capital
# after two small letters starts a new token. "FoU", "SoF", "iPhone" and "McDonald" stay whole.
GLUED = r"(?<=[a-zåäöéüø]{2})(?=[A-ZÅÄÖÉÜØ][a-zåäöéüø])"


def split_glued_words(nlp: Language) -> Language:
    """Adds the GLUED split to the tokenizer; the shipped tokenizer keeps it on disk."""
    infixes = [*nlp.Defaults.infixes, GLUED]  # type: ignore[misc]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    return nlp


@spacy.registry.callbacks("samarkiv.split_glued_words.v1")
def _split_glued_words_callback() -> Any:
    # Named in config.cfg ([initialize.before_init]) so `spacy train` tokenizes as the shipped model.
    return split_glued_words


def organisation_forms() -> dict[str, str]:
    """Every written form of a gazetteer body mapped to its canonical name (bare kommun names left out)."""
    forms: dict[str, str] = {}
    for body in gazetteer.all_bodies():
        bare = body.variants[0] if body.kind == "kommun" else None
        for form in body.forms:
            if form != bare:
                forms.setdefault(form, body.name)
    return forms


def place_names() -> tuple[str, ...]:
    """Bare kommun names and the county names inside region names: places when used as places."""
    kommuner = tuple(body.variants[0] for body in gazetteer.kommuner())
    counties = tuple(body.name.removeprefix("Region ") for body in gazetteer.regioner()
                     if body.name.startswith("Region "))
    return tuple(dict.fromkeys((*kommuner, *counties)))


def _is_abbreviation(form: str) -> bool:
    return " " not in form and (len(form) <= 5 or any(c.isupper() for c in form[1:]))


def ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    """Patterns for spaCy's EntityRuler (configured with RULER_CONFIG): abbreviations are token
    patterns matched case-sensitively, names are phrase patterns matched in any case."""
    patterns: list[dict[str, Any]] = []
    for form, canonical in organisation_forms().items():
        variants: list[Any]
        if _is_abbreviation(form):
            if zipf_frequency(form.lower(), "sv") >= _COMMON_WORD_ZIPF:
                continue
            variants = [[{"ORTH": t.text} for t in nlp.make_doc(form)], [{"ORTH": form + ":s"}]]
        else:
            variants = [form] if form.endswith(("s", "x", "z")) else [form, form + "s"]
        patterns.extend({"label": ORG, "pattern": p, "id": canonical} for p in variants)
    return patterns
