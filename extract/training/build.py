"""Builds the shipped NER model from the annotated sentences: `make model`, i.e.
`python -m samarkiv.extract.training.build`. Trains spaCy's CPU tok2vec+ner (efficiency config,
fixed seed) on the train split, puts the gazetteer EntityRuler in front of it, scores the held-out
split (whole documents and whole templates, never seen in training) and writes `extract/model`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import spacy
from spacy.cli.train import train
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example as SpacyExample
from thinc.api import Config

from . import seeds
from .rules import RULER_CONFIG, ruler_patterns
from .templates import OUTPUT as TEMPLATES
from .templates import Example

HERE = Path(__file__).parent
MODEL = HERE.parent / "model"
CONFIG = HERE / "config.cfg"
LABELS = ("PER", "ORG", "LOC")
# Every DEV_EVERY-th training example is kept back to pick the best checkpoint, so the held-out
# split stays untouched until the final score.
DEV_EVERY = 10


def load_examples() -> list[Example]:
    """The seed blocks and the template sentences, as annotated in this folder."""
    rows = [json.loads(line) for line in TEMPLATES.read_text(encoding="utf-8").splitlines()]
    templated = [Example(r["text"], tuple(tuple(e) for e in r["entities"]), r["group"], r["split"])
                 for r in rows]
    return [*seeds.examples(), *templated]


def to_docs(nlp: Language, examples: list[Example]) -> list[spacy.tokens.Doc]:
    """Gold docs; an example whose entity cuts through a token (`Bjuv-` in `Bjuv- och Åstorps kommun`)
    is left out whole, as a partial label would teach the model to ignore the rest."""
    docs = []
    for example in examples:
        doc = nlp.make_doc(example.text)
        found = [doc.char_span(s, e, label=label) for s, e, label in example.entities]
        spans = [span for span in found if span is not None]
        if len(spans) == len(found):
            doc.ents = spans
            docs.append(doc)
    return docs


def add_ruler(nlp: Language) -> None:
    """Gazetteer organisations are labelled by rule, before the NER, which keeps them."""
    ruler = nlp.add_pipe("entity_ruler", before=nlp.pipe_names[0], config=RULER_CONFIG)
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


def main() -> None:
    examples = load_examples()
    trainable = [e for e in examples if e.split == "train"]
    heldout = [e for e in examples if e.split == "heldout"]
    blank = spacy.blank("sv")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        DocBin(docs=to_docs(blank, [e for i, e in enumerate(trainable) if i % DEV_EVERY])).to_disk(
            work / "train.spacy")
        DocBin(docs=to_docs(blank, trainable[::DEV_EVERY])).to_disk(work / "dev.spacy")
        train(CONFIG, work / "out", overrides={"paths.train": str(work / "train.spacy"),
                                               "paths.dev": str(work / "dev.spacy")})
        nlp = spacy.load(work / "out" / "model-best")
    add_ruler(nlp)
    nlp.meta.update({"name": "samarkiv_ner", "version": "1.0.0",
                     "description": "Swedish PER/ORG/LOC for the minutes of samordningsförbund"})
    subsets = {"all": heldout, "seed_document": [e for e in heldout if e.group in seeds.HELDOUT],
               "templates": [e for e in heldout if e.group not in seeds.HELDOUT]}
    ner_only = _without_ruler(nlp)
    report = {"train_examples": len(trainable), "heldout_examples": len(heldout),
              "heldout": {name: {"examples": len(subset), "ner_only": score(ner_only, to_docs(blank, subset)),
                                 "ruler_and_ner": score(nlp, to_docs(blank, subset))}
                          for name, subset in subsets.items()},
              "tokens_per_second": speed(nlp, [(seeds.REPO / s).read_text(encoding="utf-8")
                                               for s in seeds.SOURCES])}
    _forget_training_text(nlp)
    # Written beside the old model and swapped in only when complete.
    staged = MODEL.with_name("model.new")
    shutil.rmtree(staged, ignore_errors=True)
    nlp.to_disk(staged)
    _clear_corpus_paths(staged)
    shutil.rmtree(MODEL, ignore_errors=True)
    staged.rename(MODEL)
    (HERE / "scores.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


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
    config.to_disk(model / "config.cfg")


def _without_ruler(nlp: Language) -> Language:
    copy = spacy.blank("sv")
    for name in nlp.pipe_names:
        if name != "entity_ruler":
            copy.add_pipe(name, source=nlp)
    return copy


if __name__ == "__main__":
    main()
