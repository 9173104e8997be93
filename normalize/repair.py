"""Repair of Swedish words that OCR mangled ("Forvaltningsberittelse" → "Förvaltningsberättelse").

Each word the lexicon does not know, or knows only as a rare spelling, gets candidates from the
OCR confusions (`confusions.py`); the lexicon, the document's own intact vocabulary and a little
context ("ar" after a number is "år") pick one. A document whose å, ä and ö survived is trusted:
there, known words are never changed, and a non-word is mended only where one reading is clearly
best (`mend.py`); signs around numbers ("79 8 kommunallagen") are mended everywhere (`signs.py`).
Every repair carries a confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .confusions import (
    INNER_UPPER,
    INSERTION_COST,
    INSERTIONS,
    NOT_INITIAL,
    PLAIN_CAPITALS,
    SPLIT_GLYPHS,
    SUBSTITUTIONS,
    SWEDISH_LETTERS,
    THIN_GLYPHS,
)
from .lexicon import PART_MIN_LEN, PART_MIN_ZIPF, Lexicon, lexicon
from .mend import JOIN_CONFIDENCE, SPLIT_CONFIDENCE, broken_words, confidence, mend, split_joined
from .signs import i_edits, sign_edits
from .types import Edit

# A run of word characters, including the symbols OCR reads for Swedish letters ("&r", "f4",
# "m@jligt", "g§ller"); "@" and "§" only before a letter.
_RUN = re.compile(r"(?:[^\W_]|[&#{\[]|[@§](?=[^\W\d_]))+")
_LETTERS = re.compile(r"^[^\W\d_]+$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"^\d+$")
# A year or a date: "2021", "2022-03-31".
_YEAR = re.compile(r"^(?:19|20)\d\d(?:-\d\d){0,2}$")
_ACCENT_INSIDE = re.compile(r"[éèêëáóò](?=.)")
_ACCENT = re.compile(r"[éèêëáóò]")

# Score of a compound that hunspell accepts but no frequency list holds (a Zipf value).
COMPOUND_ZIPF = 3.0
# How much one edit of `confusions.py` lowers a candidate's score.
COST_WEIGHT = 0.5
# How much a word seen intact elsewhere in the same document raises a candidate's score.
DOCUMENT_BONUS = 1.0
# In a document whose Swedish letters were lost, a known word is replaced only when a candidate
# scores this much higher. In a document where they survived, known words are never replaced.
THRESHOLD_DAMAGED = 0.55
# An unknown word is replaced only by a candidate scoring at least this.
MIN_SCORE_DAMAGED = 1.0
MIN_SCORE_CLEAN = 1.5
# A word below this Zipf that hunspell rejects counts as unknown: web corpora hold OCR junk.
JUNK_ZIPF = 2.0
# How much less a word known only to hunspell counts against a reading the frequency list knows.
RARE_KNOWN_PENALTY = 0.5
# The share of unknown words among unknown words plus words with an intact å, ä or ö above which a
# document counts as damaged.
DAMAGED_SHARE = 0.4
MAX_PARTS = 3
# A known word this common, capitalised inside a sentence, is a name ("Star Hotel") even where
# hunspell rejects it; rarer ones are web-corpus spellings of names that lost a letter ("Bjorn").
COMMON_NAME_ZIPF = 3.5
# How much more common the rarest part of a reading must be than that of a compound only
# hunspell knows, for the reading to replace it.
STRONGER_PARTS = 1.0
# Words this long are compounds rather than names.
LONG_WORD = 10
# Parts this common make a compound believable even where hunspell rejects it.
STRONG_PART_ZIPF = 4.0

# Words after which "ar" is "år" rather than "är" (besides numbers).
YEAR_WORDS = frozenset({
    "föregående", "varje", "per", "detta", "nästa", "förra", "hela", "samma", "innevarande",
    "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "flera", "några",
    "många", "sista", "första", "andra", "tredje", "halvt", "kommande", "senaste", "nytt", "gott",
    "tidigare",
})
# Known words whose twin with å, ä or ö the words around can call for, and what calls: a noun
# after a determiner or an adjective, a possessive or a noun after a preposition, a plural after a
# count, an adverb before an adjective, an adjective or a noun before "att" ("svårt att", "skäl
# att"), an infinitive after a modal verb, a county's "läns" after its name, a definite noun after
# a definite adjective ("det ekonomiska läget"), a present passive where no auxiliary calls for
# the supine ("anslaget sätts upp"). Verb forms are the plain spellings ("satt", "stod", "vara").
TWIN_RULES: dict[str, tuple[str, str]] = {
    "satt": ("sätt", "noun"), "stod": ("stöd", "noun"), "vara": ("våra", "possessive"),
    "man": ("män", "plural"), "val": ("väl", "adverb"), "vart": ("vårt", "possessive"),
    "helar": ("helår", "possessive"), "matt": ("mått", "noun"), "skal": ("skäl", "before_att"),
    "svart": ("svårt", "before_att"), "inga": ("ingå", "infinitive"), "lans": ("läns", "county"),
    "laget": ("läget", "definite"), "satts": ("sätts", "present"),
}
# Rules whose word also ends compounds ("avsatts" → "avsätts").
TWIN_SUFFIXES = ("satts",)
MODALS = frozenset({"ska", "skall", "kan", "bör", "måste", "får", "vill", "skulle", "kunde", "kunna"})
# Words before a supine ("har satts", "har inte satts"), where the plain spelling is right.
SUPINE_BEFORE = frozenset({
    "har", "hade", "ha", "inte", "ej", "redan", "också", "även", "aldrig", "tidigare", "nyligen",
})
DETERMINERS = frozenset({
    "ett", "en", "detta", "denna", "samma", "vilket", "vilken", "något", "någon",
    "annat", "annan", "varje", "vårt", "sitt", "ditt", "mitt", "ert", "ytterligare", "mer", "mera",
    "mindre", "inget", "ingen",
})
PREPOSITIONS = frozenset({
    "av", "i", "för", "med", "på", "till", "om", "från", "inom", "under", "över", "mellan", "hos",
    "genom", "vid", "mot", "efter", "bland", "utan", "kring", "enligt",
})
QUANTIFIERS = frozenset({"många", "fler", "flera", "några", "få", "alla", "%", "två", "tre"})
# Words in -a that are no adjective: "vilka man kan fråga", "kunna man".
_NOT_ADJECTIVES = frozenset({"vilka", "kunna", "borta"})
# Endings of adjectives and participles: "samordnat", "omfattande", "fungerande", "nödvändigt".
_ADJECTIVE_ENDINGS = ("ande", "ende", "at", "ad", "igt", "iga", "ligt")
# Nouns a count of one goes with, so "1" before them is the number, not the preposition "i".
MONTHS = frozenset({
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
})
# Nouns that follow the preposition "i" in set phrases ("i behov av", "i enlighet med").
I_PHRASE_NOUNS = frozenset({
    "behov", "samband", "enlighet", "form", "stort", "huvudsak", "princip", "samverkan",
    "samarbete", "övrigt", "dag", "år", "tid", "första", "andra", "fråga", "stället", "syfte",
    "slutet", "början", "mitten", "samråd", "egenskap", "uppdrag", "praktiken",
})
# Words after which a lone "&" is the verb "är", not an ampersand ("& i behov", "& att").
_AFTER_LONE_AMPERSAND = frozenset({"i", "att", "en", "ett", "det", "inte", "också"})
# Endings of Swedish definite nouns: "i insatsen", "i utvecklingsgruppen".
_DEFINITE = re.compile(r"(?:en|et|na|an)$")
# "t.0.m.", "f.0.m.": a zero read for the o of an abbreviation.
_ZERO_ABBREVIATION = re.compile(r"\b([a-zåäö])\.0\.([a-zåäö])\.")
_INNER_GAP = re.compile(r"[,;]?\s+")
# "kunna_ tillgodogöra": an underline read as part of the word before.
_TRAILING_UNDERSCORE = re.compile(r"(?<=[^\W\d_])_(?=\s|$)")
# "| denna rapport": a lone bar read for the word "i" or "I" (a table has more than one bar).
# At a line's end, the "i" or "I" that the next line's words follow ("nej |" / "denna fråga").
_BAR_FOR_I = re.compile(r"(?<![^\s\w.,;:])\|(?= +[^\W_]|(?<=[\w.] \|)\s*$)")
# What the bar follows when it stands first in a sentence or a bullet.
_SENTENCE_END = re.compile(r"(?:^\s*[-–•*]?|[.!?:])\s*$")
# A chunk between spaces that is a code, not words: a URL, a file name, an e-mail address, an
# identifier ("tal_obekraftade"), a slug ("protokoll-2024-05-14-75").
_CODE = re.compile(r"://|www\.|\w@\w+\.\w|[^\W_]_[^\W_]|\\|%[0-9A-F]{2}|\.(?:pdf|csv|html?|docx?|xlsx?|md|txt)\b"
                   r"|[^\W\d_]-\d|\d-[^\W\d_]")
# Two words run together with a capital ("SundmanBirgitta"): names, left as they are.
_CAMEL = re.compile(r"[a-zåäö][A-ZÅÄÖ][a-zåäö]")
# What follows the "t" of "t. o. m." ("till och med").
_T_O_M = re.compile(r"\. ?o\. ?m\.")
# Confidence of repairs that no score margin measures.
NAME_CONFIDENCE = 0.9
CAPITALISED_CONFIDENCE = 0.8
TWIN_CONFIDENCE = 0.7
SHORT_WORD_CONFIDENCE = 0.7
PATTERN_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class Candidate:
    """A lower-case reading of a misread word, its cost in edits and its lexical score."""

    word: str
    cost: float
    score: float
    weakest: float = 99.0  # Zipf of the rarest part of a compound


def _budget(length: int) -> float:
    return min(6.0, 1.5 + 0.25 * length)


_SINGLE: dict[str, tuple[tuple[str, float], ...]] = {k: v for k, v in SUBSTITUTIONS.items() if len(k) == 1}
_PAIRS: dict[str, tuple[tuple[str, float], ...]] = {k: v for k, v in SUBSTITUTIONS.items() if len(k) == 2}
_PAIR_STARTS = frozenset(k[0] for k in _PAIRS)
_WITH_SPLIT: dict[str, tuple[tuple[str, float], ...]] = {**_PAIRS, **SPLIT_GLYPHS}
_SPLIT_STARTS = frozenset(k[0] for k in _WITH_SPLIT)


@lru_cache(maxsize=8192)
def _options(char: str, following: str, initial: bool, split: bool,
             thin: bool) -> tuple[tuple[int, str, float], ...]:
    """(characters consumed, replacement, cost) for the misreadings of `char`, given the next one.

    `split` also reads two plain letters as one letter with dots or a ring, `thin` an "i" as an "l".
    """
    pairs, starts = (_WITH_SPLIT, _SPLIT_STARTS) if split else (_PAIRS, _PAIR_STARTS)
    low = char.lower()
    out: list[tuple[int, str, float]] = [(1, low, 0.0)]
    out.extend((1, rep, cost) for rep, cost in _SINGLE.get(low, ()))
    if thin:
        out.extend((1, rep, cost) for rep, cost in THIN_GLYPHS.get(low, ()))
    if char != low:
        out.extend((1, rep, cost) for rep, cost in _SINGLE.get(char, ()))
        if not initial:
            out.extend((1, rep, cost) for rep, cost in INNER_UPPER.get(char, ()))
    if low in starts and following:
        pair = (char + following).lower()
        if not initial or pair not in NOT_INITIAL:
            out.extend((2, rep, cost) for rep, cost in pairs.get(pair, ()))
    return tuple(out)


_INSERTION_OPTIONS = tuple((0, letter, INSERTION_COST) for letter in INSERTIONS)


def _walk(lex: Lexicon, token: str, *, insert: bool, max_parts: int, budget: float,
          pairs: bool = True, split: bool = False, thin: bool = False) -> dict[str, tuple[float, int, float]]:
    """Every reading of `token` that the lexicon spells as one word or a compound.

    A depth-first search over the confusions, pruned as soon as the current word part is no
    prefix of any known word. Returns reading → (cost, number of parts, Zipf of the rarest part).
    """
    n = len(token)
    by_position: list[tuple[tuple[int, str, float], ...]]
    if budget <= 0.0:
        by_position = [((1, c.lower(), 0.0),) for c in token]
    else:
        # Two glyphs are read as one letter only inside a longer word: "oo" alone is no "ö".
        two = pairs and n > 2
        by_position = [_options(token[i], token[i + 1:i + 2] if two else "", i == 0, split, thin)
                       for i in range(n)]
    insertions = _INSERTION_OPTIONS
    prefixes, has_prefix = lex.prefix_cache, lex.has_prefix
    found: dict[str, tuple[float, int, float]] = {}
    stack: list[tuple[int, str, int, float, int, bool, float]] = [(0, "", 0, 0.0, 1, not insert, 99.0)]
    while stack:
        i, out, seg, cost, parts, inserted, weakest = stack.pop()
        if i == n:
            last = out[seg:]
            if parts == 1:
                ok = lex.zipf(last) > 0
            else:
                ok = len(last) >= PART_MIN_LEN and lex.zipf(last) >= PART_MIN_ZIPF
            if ok and (out not in found or (found[out][0], found[out][1]) > (cost, parts)):
                found[out] = (cost, parts, min(weakest, lex.zipf(last)))
            continue
        options = by_position[i] if inserted else by_position[i] + insertions
        for consumed, rep, step in options:
            new_cost = cost + step
            if new_cost > budget:
                continue
            new_out = out + rep
            part = new_out[seg:]
            known = prefixes.get(part)  # the cache inlined: this is the innermost loop
            if known is None:
                known = has_prefix(part)
            if not known:
                continue
            now_inserted = inserted or consumed == 0
            stack.append((i + consumed, new_out, seg, new_cost, parts, now_inserted, weakest))
            if i + consumed < n and parts < max_parts and lex.is_part(part):
                stack.append((i + consumed, new_out, len(new_out), new_cost, parts + 1, now_inserted,
                              min(weakest, lex.part_zipf(part))))
    return found


def _cased(word: str, like: str) -> str:
    """`word` in the casing of `like` (upper, capitalised or lower)."""
    letters = [c for c in like if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if like[:1].isupper() or like[:1] == "[":
        return word[:1].upper() + word[1:]
    return word


def _rare_score(zipf: float, parts: int, weakest: float, verdict: bool | None) -> float | None:
    """Score of a reading that is rare or a compound, given hunspell's verdict (None: no hunspell)."""
    if verdict:
        return COMPOUND_ZIPF
    if parts > 1 and (verdict is None or weakest >= STRONG_PART_ZIPF):
        # Hunspell's compounding misses some compounds of common words ("individnära").
        return COMPOUND_ZIPF - 1.0
    return zipf if zipf > 0 else None


@lru_cache(maxsize=200_000)
def candidates(token: str, thorough: bool = True) -> tuple[Candidate, ...]:
    """The readings of a possibly misread word, best lexical score first (context-free).

    `thorough` also tries compounds and a dropped letter (for words no lexicon knows); without
    it, only single words within two edits (for known words that may hide a lost diacritic).
    """
    lex = lexicon()
    low = token.lower()
    if thorough:
        budget = _budget(len(token))
        found = _walk(lex, token, insert=False, max_parts=MAX_PARTS, budget=budget)
        # An "i" for an "l" only in words of plain letters: an accent has a likelier reading.
        thin = not _ACCENT.search(low)
        if not any(w != low for w in found) and any(p in low for p in (*SPLIT_GLYPHS, *THIN_GLYPHS)):
            found = _walk(lex, token, insert=False, max_parts=MAX_PARTS, budget=budget, split=True, thin=thin)
        if not any(w != low for w in found):
            found = _walk(lex, token, insert=True, max_parts=MAX_PARTS, budget=budget)
    else:
        # A known word hides a lost dot or ring, not a glyph split in two.
        found = _walk(lex, token, insert=False, max_parts=1, budget=2.0, pairs=False)
    out: list[Candidate] = []
    pending: list[tuple[float, str]] = []
    for word, (cost, _, _) in found.items():
        if word == low:
            continue
        zipf = lex.zipf(word)
        if zipf >= COMPOUND_ZIPF:
            out.append(Candidate(word, cost, zipf, zipf))
        else:
            pending.append((-(COMPOUND_ZIPF - COST_WEIGHT * cost), word))
    # Rare words and compounds need hunspell's verdict, which is slow on compounds: it is asked
    # best reading first, and only until no reading left could beat the best one (branch and
    # bound).
    best = max((c.score - COST_WEIGHT * c.cost for c in out), default=-99.0)
    for neg_bound, word in sorted(pending):
        if -neg_bound <= best:
            break
        cost, parts, weakest = found[word]
        score = _rare_score(lex.zipf(word), parts, weakest, lex.spells(_cased(word, token)))
        if score is not None:
            out.append(Candidate(word, cost, score, zipf if parts == 1 else weakest))
            best = max(best, score - COST_WEIGHT * cost)
    out.sort(key=lambda c: (-(c.score - COST_WEIGHT * c.cost), c.word))
    return tuple(out)


@lru_cache(maxsize=50_000)
def _weakest_part(token: str) -> float:
    """Zipf of the rarest part of `token` read as it stands, 0 when no frequency list splits it."""
    found = _walk(lexicon(), token, insert=False, max_parts=MAX_PARTS, budget=0.0).get(token.lower())
    return found[2] if found else 0.0


@lru_cache(maxsize=200_000)
def known_score(token: str) -> float | None:
    """How sure the lexicon is that `token` is a correct word (a Zipf value), None if it is not."""
    if not _LETTERS.match(token):
        return None
    lex = lexicon()
    zipf = lex.zipf(token.lower())
    if zipf >= JUNK_ZIPF:
        return zipf
    if _ACCENT_INSIDE.search(token):
        return None  # "hésten": an accent inside a rare word is OCR's, and hunspell is slow to say so
    verdict = lex.spells(token)
    if verdict is None and token.lower() in _walk(lex, token, insert=False, max_parts=MAX_PARTS, budget=0.0):
        return max(zipf, COMPOUND_ZIPF - 1.0)  # without hunspell: a compound of known words
    if verdict:
        return max(zipf, COMPOUND_ZIPF)
    if zipf < JUNK_ZIPF and verdict is False:
        return None
    return zipf if zipf > 0 else None


def _gazetteer_name(token: str) -> str | None:
    """The gazetteer name a capitalised word lost its å, ä or ö from ("Vannas" → "Vännäs").

    A common word that spells a name so ("Ange" for "Ånge") stays as it is.
    """
    lex = lexicon()
    name = lex.plain_names.get(token.lower())
    if name is None or lex.zipf(token.lower()) >= COMMON_NAME_ZIPF:
        return None
    return _cased(name, token)


def _capitalised_inside(token: str, original: float | None) -> str:
    """A capitalised word inside a sentence of a damaged document.

    It is a name ("Star Hotel", "Vigen"), a name that lost its letter ("Bjorn" → "Björn"), or a
    word whose initial å, ä or ö the English model read as a capital ("Oppnande" → "öppnande").
    Hunspell knows names with their capitals, so it tells a name from a misread word.
    """
    lex = lexicon()
    if original is not None and lex.spells(token) is not False:
        return token
    plain_initial = token[0] in PLAIN_CAPITALS and not any(c.isupper() for c in token[1:])
    for cand in candidates(token, thorough=original is None):
        if cand.score - COST_WEIGHT * cand.cost < MIN_SCORE_DAMAGED:
            break
        if plain_initial and cand.word[0] in SWEDISH_LETTERS and lex.spells(cand.word):
            return cand.word
        if original is not None and original >= COMMON_NAME_ZIPF:
            continue
        cased = _cased(cand.word, token)
        # A short capitalised word becomes a common word only through the cheapest confusions:
        # "Vigen" is a surname, not "Vägen".
        cheap = cand.cost <= 1.0 or len(token) >= LONG_WORD
        if cand.word in lex.names or lex.spells(cased) and (cheap or lex.spells(cand.word) is False):
            return cased
    return token


def _is_candidate_token(token: str) -> bool:
    return len(token) > 1 and bool(_HAS_LETTER.search(token)) and not (token.isupper() and len(token) < 5)


@dataclass(frozen=True)
class Repairer:
    """Repairs the lines of one document, using what the whole document says about itself."""

    intact: frozenset[str]
    damaged: bool
    # Lower-cased words the document uses, and words it uses more than once (a non-word written
    # twice the same way is the author's: a name, a term).
    vocabulary: frozenset[str] = frozenset()
    repeated: frozenset[str] = frozenset()

    @classmethod
    def for_document(cls, text: str) -> Repairer:
        """Reads the document once: its intact Swedish vocabulary and whether it lost å, ä, ö."""
        intact: set[str] = set()
        vocabulary: set[str] = set()
        unknown = 0
        intact_count = 0
        # each distinct spelling judged once, counted as often as it is written
        tokens = Counter(_RUN.findall(text))
        lows: Counter[str] = Counter()
        for token, n in tokens.items():
            lows[token.lower()] += n
        repeated = {low for low, n in lows.items() if n > 1}
        for token, n in tokens.items():
            if not _is_candidate_token(token):
                continue
            score = known_score(token)
            if score is None:
                unknown += n
                continue
            low = token.lower()
            vocabulary.add(low)
            if SWEDISH_LETTERS.intersection(token):
                intact.add(low)
                intact_count += n
        share = unknown / (unknown + intact_count) if unknown + intact_count else 0.0
        return cls(intact=frozenset(intact), damaged=unknown >= 3 and share > DAMAGED_SHARE,
                   vocabulary=frozenset(vocabulary), repeated=frozenset(repeated))

    def word(self, token: str, prev: str, nxt: str, *, inner: bool = False) -> str:
        """The repaired form of one word, given the words before and after it.

        `inner` says the word stands inside a sentence, where a capitalised known word is a
        name ("Star Hotel") rather than a misread common word.
        """
        return self.repair(token, prev, nxt, inner=inner)[0]

    def repair(self, token: str, prev: str, nxt: str, *, inner: bool = False) -> tuple[str, float, str]:
        """(repaired word, confidence, rule) for one word; the word itself with confidence 1 when kept."""
        if not self.damaged and known_score(token) is not None:
            return token, 1.0, "word"  # where å, ä and ö survived, a known word is never changed
        fixed, conf = self._confusions(token, prev, nxt, inner)
        if fixed != token or self.damaged and known_score(token) is not None:
            return fixed, conf, "word"
        if not _LETTERS.match(token) or known_score(token) is not None:
            return token, 1.0, "word"
        split = split_joined(token)
        if split:
            return split[0], split[1], "split"
        low = token.lower()
        # A capitalised word inside a sentence is a name; first in one, it may be any word.
        first = not inner and token[:1].isupper() and token[1:].islower()
        # Where å, ä and ö were lost, so is the likeness of shapes `mend` relies on.
        if self.damaged:
            return token, 1.0, "word"
        if (token.islower() or first) and low not in self.repeated and _weakest_part(low) == 0.0:
            mended = mend(low, self.vocabulary)
            if mended:
                return _cased(mended[0], token), mended[1], "word"
        return token, 1.0, "word"

    def _confusions(self, token: str, prev: str, nxt: str, inner: bool) -> tuple[str, float]:
        """The repair through the diacritic confusions of `confusions.py`, with its confidence."""
        if not _is_candidate_token(token):
            return token, 1.0
        original = known_score(token)
        if self.damaged and token[:1].isupper() and not token.isupper():
            name = _gazetteer_name(token)
            if name:
                return name, NAME_CONFIDENCE
            if inner:
                return _capitalised_inside(token, original), CAPITALISED_CONFIDENCE
        if original is not None and (inner and token[:1].isupper() or not self.damaged):
            return token, 1.0
        weaker_than = 99.0
        if original is not None and len(token) >= LONG_WORD and lexicon().zipf(token.lower()) == 0.0:
            # A long word only hunspell's compounding knows may be a misread compound of common
            # parts ("resultatrakningen": "rakning" is shaving); a reading whose every part is
            # clearly more common wins as if the word were unknown.
            weakest = _weakest_part(token)
            if weakest < PART_MIN_ZIPF:
                weaker_than = weakest + STRONGER_PARTS
                original = None
        if not self.damaged and SWEDISH_LETTERS.intersection(token) and _LETTERS.match(token):
            return token, 1.0  # its å, ä and ö survived: another kind of damage, if any (`mend`)
        if original is not None and (lexicon().zipf(token.lower()) < JUNK_ZIPF
                                     or token.islower() and lexicon().spells(token) is False):
            # Known to hunspell alone, or to the web corpus alone: a twin both know outranks it
            # ("genomfors" → "genomförs", "na" → "nå").
            original -= RARE_KNOWN_PENALTY
        cands = candidates(token, thorough=original is None)
        if weaker_than < 99.0:
            cands = tuple(c for c in cands if c.score >= COMPOUND_ZIPF
                          and (c.weakest >= weaker_than or lexicon().zipf(c.word) > 0))
        if not self.damaged and token[:1].isupper() and _LETTERS.match(token) and len(token) < LONG_WORD:
            # Where å, ä and ö survived, a short capitalised word spelled with plain letters is
            # a name ("Vigen"), unless it is a gazetteer name that lost its letter ("Skane").
            cands = tuple(c for c in cands if c.word in lexicon().names)
        if not cands:
            return token, 1.0

        # The document's own vocabulary settles unknown words only: a known word may well
        # stand next to its diacritic twin ("val" and "väl").
        bonus = DOCUMENT_BONUS if original is None else 0.0

        def value(c: Candidate) -> float:
            return c.score - COST_WEIGHT * c.cost + (bonus if c.word in self.intact else 0.0)

        best = max(cands, key=value)
        best = self._by_context(best, cands, prev, nxt)
        runner_up = max((value(c) for c in cands if c.word != best.word), default=-99.0)
        if original is None:
            floor = MIN_SCORE_DAMAGED if self.damaged else MIN_SCORE_CLEAN
            if value(best) < floor:
                return token, 1.0
            margin = min(value(best) - floor, value(best) - runner_up)
        else:
            if token.lower() in self.intact or value(best) - original <= THRESHOLD_DAMAGED:
                twin = _twin_by_context(token.lower(), prev, nxt.lower())
                return (_cased(twin, token), TWIN_CONFIDENCE) if twin else (token, 1.0)
            margin = min(value(best) - original - THRESHOLD_DAMAGED, value(best) - runner_up)
        return _cased(best.word, token), confidence(margin)

    @staticmethod
    def _by_context(best: Candidate, cands: tuple[Candidate, ...], prev: str, nxt: str) -> Candidate:
        """Settles "är" against "år" (and their kin) by the words around."""
        if best.word not in ("är", "år"):
            return best
        want = "år" if _is_year_noun(prev, nxt) else "är"
        return next((c for c in cands if c.word == want), best)

    def edits(self, line: str, before: str = "", after: str = "") -> list[Edit]:
        """The repairs of one line, left to right; `before` is the last word of the line above,
        `after` the first word of the line below."""
        edits: list[Edit] = []
        runs = list(_RUN.finditer(line))
        prev = before
        codes = _CODE.search(line) is not None
        for k, match in enumerate(runs):
            token = match.group()
            if not self.damaged and known_score(token) is not None:
                prev = token  # where å, ä and ö survived, a known word is never changed
                continue
            if not self.damaged and _HAS_LETTER.search(token) is None:
                prev = token  # a figure ("2021", "000"): where å, ä and ö survived, only words are repaired
                continue
            gap = line[runs[k - 1].end():match.start()] if k else line[:match.start()]
            prev_word = prev if gap.strip() in ("", "(", "-") else ""
            nxt = runs[k + 1].group() if k + 1 < len(runs) else ""
            if self._leave(line, match, codes):
                prev = token
                continue
            special = self._special(token, prev_word, nxt, line, match) if self.damaged else None
            # Inside a sentence: after a word and a space, perhaps a comma ("Star Hotel", "och Vigen").
            inner = (k > 0 and token[:1].isupper() and runs[k - 1].group()[-1].isalpha()
                     and _INNER_GAP.fullmatch(gap) is not None)
            abbreviation = self._before_t_o_m(token, line[match.end():])
            if special:
                fixed, conf, rule = special, SHORT_WORD_CONFIDENCE, "word"
            elif abbreviation:
                fixed, conf, rule = abbreviation, SPLIT_CONFIDENCE, "split"
            else:
                fixed, conf, rule = self.repair(token, prev_word, nxt, inner=inner)
            if fixed != token:
                edits.append(Edit(match.start(), match.end(), fixed, conf, rule))
            prev = fixed
        return _merge(edits, _pattern_edits(line, self.damaged, after))

    @staticmethod
    def _before_t_o_m(token: str, rest: str) -> str | None:
        """"Dethart. o. m." → "Det har t. o. m.": the "t" of "t. o. m." run into the words before it."""
        if len(token) < 3 or not token.endswith("t") or not _T_O_M.match(rest) or known_score(token) is not None:
            return None
        head = token[:-1]
        if known_score(head) is not None:
            return head + " t"
        split = split_joined(head)
        return split[0] + " t" if split else None

    def _leave(self, line: str, match: re.Match[str], codes: bool) -> bool:
        """Whether a word is left alone: it belongs to a code, or (in a clean document) it opens with a
        bracket ("[ok"), holds a capital inside ("SundmanBirgitta") or a hyphen joins it to another word."""
        if codes:
            start = line.rfind(" ", 0, match.start()) + 1
            end = line.find(" ", match.end())
            if _CODE.search(line[start:end if end >= 0 else len(line)]):
                return True
        if self.damaged:
            return False
        token = match.group()
        return (token[0] in "[{" or _CAMEL.search(token) is not None
                or line[match.start() - 1:match.start()] == "-" or line[match.end():match.end() + 1] == "-")

    def _special(self, token: str, prev: str, nxt: str, line: str, match: re.Match[str]) -> str | None:
        """Repairs of tokens too short for the lexicon to judge alone."""
        before = line[:match.start()]
        after = line[match.end():]
        if token == "1" and after.startswith(" "):
            return "i" if self._is_preposition_i(prev, nxt) else None
        if token == "[" and after.startswith(" ") and nxt[:1].islower():
            return "I"
        lone_or = token in ("r", "&", "#") and prev and after.startswith((" ", ")")) and before.endswith(" ")
        if lone_or and (token != "&" or after.startswith(")") or nxt.lower() in _AFTER_LONE_AMPERSAND):
            return "år" if _is_year_noun(prev, nxt) else "är"
        if token == "s" and nxt == "att":
            return "så"
        return None

    def _is_preposition_i(self, prev: str, nxt: str) -> bool:
        if not nxt or _NUMBER.match(prev) or not _HAS_LETTER.search(nxt) or any(c.isdigit() for c in nxt):
            return False
        low = self.word(nxt, "", "").lower()
        if low in MONTHS:
            return False
        if low in I_PHRASE_NOUNS or (len(low) > 4 and _DEFINITE.search(low)):
            return True
        return nxt[:1].isupper() and bool(prev) and prev[:1].islower()


def _twin_by_context(low: str, prev: str, nxt: str) -> str | None:
    """The twin of a known word that the words around call for ("på samma satt" → "sätt")."""
    rule = TWIN_RULES.get(low)
    head = ""
    if rule is None:
        suffix = next((s for s in TWIN_SUFFIXES if low.endswith(s) and len(low) > len(s) + 1), None)
        if suffix is None:
            return None
        head, rule = low[:-len(suffix)], TWIN_RULES[suffix]
    twin, kind = rule
    return head + twin if _calls_for_twin(kind, prev, nxt) else None


def _calls_for_twin(kind: str, cased_prev: str, nxt: str) -> bool:
    prev = cased_prev.lower()
    adjective = len(prev) > 3 and prev.endswith("a") and prev not in _NOT_ADJECTIVES
    if kind == "noun":  # after an article, a determiner or an adjective, not after a subject
        return prev in DETERMINERS or prev in PREPOSITIONS or prev.endswith(_ADJECTIVE_ENDINGS) or adjective
    if kind == "possessive":  # "av vara insatser": a preposition takes no infinitive
        return prev in PREPOSITIONS
    if kind == "plural":  # "unga man", "många man": an adjective or a count before the noun
        return prev in QUANTIFIERS or bool(_NUMBER.match(prev)) or adjective
    if kind == "adverb":  # "val fungerande": before a participle or an adjective
        return nxt.endswith(_ADJECTIVE_ENDINGS)
    if kind == "before_att":
        return nxt == "att"
    if kind == "infinitive":
        return prev in MODALS
    if kind == "county":  # "Västerbottens lans landsting"
        return len(prev) > 3 and cased_prev[:1].isupper() and prev.endswith("s")
    if kind == "definite":  # "det ekonomiska laget", "nuvarande laget"
        return adjective or prev.endswith("ande")
    if kind == "present":
        return bool(prev) and prev not in SUPINE_BEFORE
    return False


def _is_year_noun(prev: str, nxt: str) -> bool:
    """Whether a misread "ar" between `prev` and `nxt` is the noun "år" rather than the verb "är".

    "18 år", "nästa år", "i år" and "år 2022" take the noun; a year or a date before
    ("2021 är klart") and a capitalised "Detta" or "Det" take the verb.
    """
    if _YEAR.match(nxt):
        return True
    if _YEAR.match(prev) or prev in ("Detta", "Det"):
        return False
    return bool(_NUMBER.match(prev)) or prev.lower() in YEAR_WORDS or prev == "i"


def _pattern_edits(line: str, damaged: bool, after: str) -> list[Edit]:
    """Repairs that need the characters around words: signs ("79 8 kommunallagen" → "79 §
    kommunallagen"), "t.0.m." → "t.o.m.", a word broken by a hyphen ("resul- tatet"), and "i" read
    as "1", "l" or "|"; the first of overlapping ones is kept."""
    edits = sign_edits(line, after)
    edits += [Edit(m.start() + 2, m.start() + 3, "o", PATTERN_CONFIDENCE, "glyph")
              for m in _ZERO_ABBREVIATION.finditer(line)]
    edits += [Edit(start, end, word, JOIN_CONFIDENCE, "join") for start, end, word in broken_words(line, _knows)]
    if damaged:
        edits += [Edit(m.start(), m.end(), "", PATTERN_CONFIDENCE, "glyph")
                  for m in _TRAILING_UNDERSCORE.finditer(line)]
        if line.count("|") == 1:
            edits += [Edit(m.start(), m.end(), "I" if _SENTENCE_END.search(line[:m.start()]) else "i",
                           PATTERN_CONFIDENCE, "i") for m in _BAR_FOR_I.finditer(line)]
    else:
        edits += i_edits(line)
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def _knows(word: str) -> bool:
    return known_score(word) is not None


def _merge(word_edits: list[Edit], pattern_edits: list[Edit]) -> list[Edit]:
    """Pattern edits win over word edits that overlap them."""
    if not pattern_edits:
        return word_edits
    kept = [e for e in word_edits if not any(p.start < e.end and e.start < p.end for p in pattern_edits)]
    return sorted(kept + pattern_edits, key=lambda e: e.start)


def apply(line: str, edits: list[Edit]) -> str:
    """`line` with `edits` made."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(line[pos:e.start])
        parts.append(e.text)
        pos = e.end
    parts.append(line[pos:])
    return "".join(parts)


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each line of `text`, without its newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def opening_word(lines: list[str], n: int) -> str:
    """The first word of line `n`, the context of the last word on the line above ("" past the end)."""
    words = lines[n].split(None, 1) if n < len(lines) else []
    return words[0] if words else ""


def last_word(line: str) -> str:
    """The last word of a line, the context of the first word on the next line."""
    runs = _RUN.findall(line)
    return runs[-1] if runs and not line.rstrip().endswith((".", ":", "!", "?")) else ""


# Metadata before a Markdown document's text ("---", "key: value" lines, "---"): not prose.
_FRONT_MATTER_LINES = 100


def front_matter_lines(text: str) -> int:
    """How many lines a leading front matter block takes ("---" … "---"), 0 without one."""
    if not text.startswith("---\n"):
        return 0
    lines = text.split("\n", _FRONT_MATTER_LINES + 1)[1:_FRONT_MATTER_LINES]
    for i, line in enumerate(lines, 2):
        if line.rstrip() == "---":
            return i
    return 0


def repair_lines(text: str) -> str:
    """Repairs the words of `text` line by line: same lines, same count, nothing reflowed."""
    repairer = Repairer.for_document(text)
    skip = front_matter_lines(text)
    out: list[str] = []
    before = ""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        out.append(line if n < skip else apply(line, repairer.edits(line, before, opening_word(lines, n + 1))))
        before = last_word(out[-1]) if line.strip() else before
    return "\n".join(out)
