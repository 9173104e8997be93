"""Swedish named entities (PER, ORG, LOC) from the spaCy model shipped in `extract/model`: a
gazetteer EntityRuler labels public bodies exactly, a statistical NER trained in this repository
(`extract/training`) finds the names in running text. The model is loaded once, lazily, and runs
on one core: parallel work is the batch runner's, one process per core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController

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


BARE_TOKENIZER = "samarkiv.bare_tokenizer.v1"


@spacy.registry.tokenizers(BARE_TOKENIZER)
def bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer without rules, for a pipeline that reads all of its tokenizer's rules from disk.

    spaCy first builds the language's default tokenizer, compiling its affix patterns and adding
    its special cases, then replaces every one of them with the model's own (`Tokenizer.from_bytes`
    resets them all); starting bare saves that first build, a third of the model's loading.
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


@cache
def load() -> Language:
    """The shipped pipeline (entity_ruler, tok2vec, ner), loaded from the package on first use.

    Its layers multiply matrices through numpy's BLAS rather than thinc's default BLIS: measured
    on the benchmark's born-digital pages, one core, the network ran in 0.61 of the time, and the
    entities of 1 690 texts (seeds, dev documents, the held-out examples) came out the same. Its
    tokenizer starts bare (`bare_tokenizer`) and takes the model's rules as they were saved.
    """
    model = resources.files("samarkiv.extract") / "model"
    with resources.as_file(model) as path:
        if not (path / "config.cfg").is_file():
            raise ModelMissing(f"the NER model is missing in {path}; build it with `make model`")
        # The config is edited in place rather than overridden through `spacy.load(config=…)`:
        # spaCy 3.8 turns a nested override into "nlp.tokenizer.@tokenizers", which it drops.
        config = spacy.util.load_config(path / "config.cfg")
        config["nlp"]["tokenizer"] = {"@tokenizers": BARE_TOKENIZER}
        with use_ops("numpy", use_blis=False):
            nlp = spacy.util.load_model_from_config(config, meta=spacy.util.get_model_meta(path))
            return nlp.from_disk(path)


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@cache
def _cached_words() -> set[str]:
    """The words `_with_words_cached` has had the tokenizer read alone, in this process."""
    return set()


def _with_words_cached(tokenizer: Tokenizer, text: str) -> str:
    """`text`, once the tokenizer has read each of its words not read before on its own.

    spaCy's tokenizer remembers how it split a word, but within one text it stops remembering at
    the first special case ("t.ex.", "kl."), so on a page of running text it splits nearly every
    word afresh. A word read alone is remembered unless it holds a special case itself, and the
    page is then split from memory, into the same tokens. Words are read alone only while the
    tokenizer has room to remember them.
    """
    seen = _cached_words()
    if len(seen) >= tokenizer.max_cache_size:
        return text
    for word in dict.fromkeys(text.split()):
        if len(seen) >= tokenizer.max_cache_size:
            break
        if word not in seen:
            seen.add(word)
            tokenizer(word)
    return text


def tag(texts: Iterable[str]) -> Iterator[Doc]:
    """The shipped pipeline over `texts`, in order, with BLAS on one thread (its own threads
    would compete with the other worker processes for the same cores)."""
    nlp = load()
    with _blas().limit(limits=1, user_api="blas"):
        yield from nlp.pipe(_with_words_cached(nlp.tokenizer, text) for text in texts)


def entities(text: str) -> list[Entity]:
    """Every PER, ORG and LOC in `text`, in reading order."""
    return [Entity(e.label_, e.start_char, e.end_char, e.text) for doc in tag([text]) for e in doc.ents]


def person_names(text: str) -> list[Entity]:
    """The people named in `text` (PER only), in reading order: where a name ends when no rule can
    tell, as in a heading list without separators or with two columns interleaved on one line."""
    return [e for e in entities(text) if e.label == "PER"]
