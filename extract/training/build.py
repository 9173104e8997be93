"""Builds the shipped NER model from the annotated sentences: `make model`, i.e.
`python -m samarkiv.extract.training.build`. Trains spaCy's CPU tok2vec+ner (efficiency config,
fixed seed) on the train split, puts the gazetteer EntityRuler in front of it, scores the held-out
split (whole documents and whole templates, never seen in training) and writes `extract/model`.
`--score MODEL` only scores a model already built (another version, to compare).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.cli.train import train
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example as SpacyExample
from thinc.api import Config

from ..ruler import FACTORY as GAZETTEER_RULER
from . import dev, seeds
from .rules import RULER_CONFIG, ruler_patterns, split_glued_words
from .templates import OUTPUT as TEMPLATES
from .templates import UNKNOWN, Example

HERE = Path(__file__).parent
MODEL = HERE.parent / "model"
CONFIG = HERE / "config.cfg"
LABELS = ("PER", "ORG", "LOC")
# Every DEV_EVERY-th training example is kept back to pick the best checkpoint, so the held-out
# split stays untouched until the final score.
DEV_EVERY = 10


def load_examples() -> list[Example]:
    """The seed blocks, the dev blocks and the template sentences, as annotated in this folder."""
    rows = [json.loads(line) for line in TEMPLATES.read_text(encoding="utf-8").splitlines()]
    templated = [Example(r["text"], tuple(tuple(e) for e in r["entities"]), r["group"], r["split"])
                 for r in rows]
    return [*seeds.examples(), *dev.examples(), *templated]


def blank() -> Language:
    """An empty Swedish pipeline with the tokenizer of the shipped model."""
    return split_glued_words(spacy.blank("sv"))


def to_docs(nlp: Language, examples: list[Example]) -> list[spacy.tokens.Doc]:
    """Gold docs. UNKNOWN spans, and an entity that cuts through a token (`Bjuv-` in `Bjuv- och
    Åstorps kommun`), are left unannotated, as a partial label would teach the model to ignore the rest."""
    docs = []
    for example in examples:
        doc = nlp.make_doc(example.text)
        spans, missing = [], []
        for start, end, label in example.entities:
            span = doc.char_span(start, end, label=label) if label != UNKNOWN else None
            if span is not None:
                spans.append(span)
            elif (wide := doc.char_span(start, end, alignment_mode="expand")) is not None:
                missing.append(wide)
        missing = [m for m in missing if all(m.end <= s.start or m.start >= s.end for s in spans)]
        doc.set_ents(spans, missing=_disjoint(missing), default="outside")
        docs.append(doc)
    return docs


def _disjoint(spans: list[spacy.tokens.Span]) -> list[spacy.tokens.Span]:
    out: list[spacy.tokens.Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def add_ruler(nlp: Language) -> None:
    """Gazetteer organisations are labelled by rule, before the NER, which keeps them."""
    ruler = nlp.add_pipe(GAZETTEER_RULER, name="entity_ruler", before=nlp.pipe_names[0], config=RULER_CONFIG)
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]


def score(nlp: Language, docs: list[spacy.tokens.Doc]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per label (and overall) on gold docs."""
    scores = nlp.evaluate([SpacyExample(nlp.make_doc(d.text), d) for d in docs])
    table = {label: {k: round(v, 3) for k, v in scores["ents_per_type"].get(label, {}).items()}
             for label in LABELS}
    table["ALL"] = {"p": round(scores["ents_p"], 3), "r": round(scores["ents_r"], 3),
                    "f": round(scores["ents_f"], 3)}
    return table


def speed(nlp: Language, texts: list[str], rounds: int = 3) -> int:
    """Tokens tagged per second over whole documents."""
    started = time.perf_counter()
    tokens = sum(len(doc) for _ in range(rounds) for doc in nlp.pipe(texts))
    return int(tokens / (time.perf_counter() - started))


def gold_name_recall(nlp: Language, sources: tuple[str, ...], trained_on: set[str]) -> dict[str, int]:
    """How many gold people of the documents `nlp` labels PER exactly where their name is first
    written (the heading lists), of all of them and of those no training document names."""
    counts = {"names": 0, "found": 0, "unseen_names": 0, "unseen_found": 0}
    for source in sources:
        text = (seeds.REPO / source).read_text(encoding="utf-8")
        people = {(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == "PER"}
        for name in dev.gold_names(source):
            spans = dev.name_spans(text, name)
            if not spans:
                continue
            found = spans[0] in people
            counts["names"] += 1
            counts["found"] += found
            if name not in trained_on:
                counts["unseen_names"] += 1
                counts["unseen_found"] += found
    return counts


def report(nlp: Language, examples: list[Example]) -> dict[str, object]:
    """The scores of a built pipeline on the held-out split, per subset, with and without the ruler."""
    heldout = [e for e in examples if e.split == "heldout"]
    dev_heldout = set(dev.heldout())
    subsets = {"all": heldout, "seed_document": [e for e in heldout if e.group in seeds.HELDOUT],
               "dev_documents": [e for e in heldout if e.group in dev_heldout],
               "templates": [e for e in heldout if e.group.startswith("template-")]}
    ner_only = _without_ruler(nlp)
    trained_on = {n for s in dev.sources() if s not in dev_heldout for n in dev.gold_names(s)}
    return {"train_examples": sum(e.split == "train" for e in examples), "heldout_examples": len(heldout),
            "heldout": {name: {"examples": len(subset), "ner_only": score(ner_only, to_docs(blank(), subset)),
                               "ruler_and_ner": score(nlp, to_docs(blank(), subset))}
                        for name, subset in subsets.items()},
            "dev_gold_people_found_by_ner": gold_name_recall(ner_only, dev.heldout(), trained_on),
            "tokens_per_second": speed(nlp, [(seeds.REPO / s).read_text(encoding="utf-8")
                                             for s in seeds.SOURCES])}


def main(argv: list[str]) -> None:
    examples = load_examples()
    if argv[:1] == ["--score"]:
        print(json.dumps(report(spacy.load(argv[1]), examples), indent=2))
        return
    trainable = [e for e in examples if e.split == "train"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        DocBin(docs=to_docs(blank(), [e for i, e in enumerate(trainable) if i % DEV_EVERY])).to_disk(
            work / "train.spacy")
        DocBin(docs=to_docs(blank(), trainable[::DEV_EVERY])).to_disk(work / "dev.spacy")
        train(CONFIG, work / "out", overrides={"paths.train": str(work / "train.spacy"),
                                               "paths.dev": str(work / "dev.spacy")})
        nlp = spacy.load(work / "out" / "model-best")
    add_ruler(nlp)
    nlp.meta.update({"name": "samarkiv_ner", "version": "1.1.0",
                     "description": "Swedish PER/ORG/LOC for Swedish minutes and reports"})
    scores = report(nlp, examples)
    _forget_training_text(nlp)
    # Written beside the old model and swapped in only when complete.
    staged = MODEL.with_name("model.new")
    shutil.rmtree(staged, ignore_errors=True)
    nlp.to_disk(staged)
    _clear_corpus_paths(staged)
    shutil.rmtree(MODEL, ignore_errors=True)
    staged.rename(MODEL)
    (HERE / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(scores, indent=2))


def _forget_training_text(nlp: Language) -> None:
    """Drops the words of the training documents from the string store: the model does not need
    them (its features are hashed), and the shipped files should not quote the documents."""
    keep = {*spacy.blank("sv").vocab.strings, *LABELS}
    for pattern in nlp.get_pipe("entity_ruler").patterns:  # type: ignore[attr-defined]
        keep.add(pattern["id"])
        words = pattern["pattern"]
        if isinstance(words, str):
            keep.update(t.text for t in nlp.make_doc(words))
        else:
            keep.update(value for token in words for value in token.values())
    nlp.vocab.strings._reset_and_load([s for s in nlp.vocab.strings if s in keep])


def _clear_corpus_paths(model: Path) -> None:
    config = Config().from_disk(model / "config.cfg", interpolate=False)
    config["paths"].update({"train": None, "dev": None})
    # The tokenizer on disk already splits glued words; loading needs no training callback.
    config["initialize"]["before_init"] = None
    config.to_disk(model / "config.cfg")


def _without_ruler(nlp: Language) -> Language:
    copy = spacy.blank("sv")
    copy.tokenizer = nlp.tokenizer
    for name in nlp.pipe_names:
        if name != "entity_ruler":
            copy.add_pipe(name, source=nlp)
    return copy


if __name__ == "__main__":
    main(sys.argv[1:])
