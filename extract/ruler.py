"""The gazetteer ruler of the shipped NER model: spaCy's EntityRuler, with its exact-case token
patterns (an authority's letters, and the same with ":s") matched by a phrase matcher on ORTH.

spaCy's token Matcher tries every pattern at every token, which made it the costliest step after
the network; a phrase matcher looks each token up once, and finds the same spans.

The factory's annotations are evaluated, not postponed: spaCy validates a component's config
from them.
"""


from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP, entity_ruler_score
from spacy.tokens import Doc

FACTORY = "gazetteer_ruler"


def _orth_words(pattern: Any) -> list[str] | None:
    """The words of a token pattern that asks nothing but each token's exact text, else None."""
    if not isinstance(pattern, list) or not pattern:
        return None
    if not all(isinstance(t, dict) and list(t) == ["ORTH"] and isinstance(t["ORTH"], str) for t in pattern):
        return None
    return [t["ORTH"] for t in pattern]


class GazetteerRuler(EntityRuler):
    """An EntityRuler whose exact-text token patterns go to a phrase matcher on ORTH; every other
    token pattern still goes to spaCy's Matcher. Patterns are stored and served as given."""

    def __init__(self, nlp: Language, name: str = FACTORY, **options: Any) -> None:
        self.orth_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        super().__init__(nlp, name, **options)

    def clear(self) -> None:
        super().clear()
        self.orth_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        patterns = list(patterns)
        exact = [p for p in patterns if _orth_words(p["pattern"]) is not None]
        super().add_patterns([p for p in patterns if _orth_words(p["pattern"]) is None])
        for entry in exact:
            label = entry["label"]
            if "id" in entry:
                label = self._create_label(entry["label"], entry["id"])
                self._ent_ids[self.matcher._normalize_key(label)] = (entry["label"], entry["id"])
            self.token_patterns[label].append(entry["pattern"])
            words = _orth_words(entry["pattern"])
            assert words is not None
            self.orth_matcher.add(label, [Doc(self.nlp.vocab, words=words)])

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        self._require_patterns()
        tokens = self.matcher(doc) if len(self.matcher) else []  # an empty Matcher warns on every call
        found = {(m_id, start, end) for m_id, start, end in
                 [*tokens, *self.orth_matcher(doc), *self.phrase_matcher(doc)] if start != end}
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(
    FACTORY,
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"phrase_matcher_attr": None, "validate": False, "overwrite_ents": False,
                    "ent_id_sep": DEFAULT_ENT_ID_SEP},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_gazetteer_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None, validate: bool,
                         overwrite_ents: bool, ent_id_sep: str) -> GazetteerRuler:
    scorer: Callable[..., Any] = entity_ruler_score
    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                          overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep, scorer=scorer)
