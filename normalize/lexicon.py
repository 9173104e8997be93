"""The Swedish lexicon that OCR repair judges candidates by: word frequencies, prefixes, compounds.

Frequencies come from wordfreq's Swedish list; names of public bodies from the gazetteers count as
common words. Hunspell's Swedish dictionary, when its binding and files are installed, judges
compounds that no frequency list holds; without it, compounds are split over the frequency list.
The sorted word table is kept in the user's cache folder, as reading it back is quicker than
building it from wordfreq's list.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import marshal
import math
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from itertools import filterfalse
from pathlib import Path
from typing import Protocol

from samarkiv import gazetteer

# Where Debian's hunspell-sv (and most distributions) put the dictionary.
HUNSPELL_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
# Zipf given to every word of a gazetteer name (and its genitive): names matter most.
NAME_ZIPF = 4.5
# A compound's parts must each be at least this common and this long, so that OCR junk that a
# web corpus happens to hold ("ar", "pa") never glues a false compound together.
PART_MIN_ZIPF = 3.0
PART_MIN_LEN = 3

# Suffixes that end compounds but rarely stand alone ("arbetsmässiga", "verksamhetsmässigt"), given
# the frequency a compound part needs.
BOUND_SUFFIXES = ("mässig", "mässiga", "mässigt")

_WORD = re.compile(r"^[^\W\d_]+$")
# wordfreq's best Swedish list, as its `get_frequency_list("sv")` picks it.
WORDLIST = "large_sv.msgpack.gz"


class Speller(Protocol):
    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> tuple[str, ...]: ...


def _hunspell() -> Speller | None:
    """Hunspell for Swedish, or None when the binding or the dictionary is missing.

    The dictionary is loaded with n-gram suggestions turned off: they take a quarter of a second
    a word and offer look-alikes no OCR confusion explains; edit-based suggestions take a few ms.
    """
    try:
        from hunspell import Hunspell  # the chunspell package
    except ImportError:
        return None
    for folder in HUNSPELL_DIRS:
        dic, aff = Path(folder) / "sv_SE.dic", Path(folder) / "sv_SE.aff"
        if dic.exists() and aff.exists():
            try:
                with tempfile.TemporaryDirectory(prefix="samarkiv-hunspell-") as tmp:
                    rules = [line for line in aff.read_text(encoding="utf-8", errors="replace").splitlines()
                             if not line.startswith("MAXNGRAMSUGS")]
                    (Path(tmp) / "sv_SE.aff").write_text("\n".join([*rules, "MAXNGRAMSUGS 0"]) + "\n",
                                                         encoding="utf-8")
                    (Path(tmp) / "sv_SE.dic").symlink_to(dic.resolve())
                    speller: Speller = Hunspell("sv_SE", hunspell_data_dir=tmp)
                return speller
            except Exception:  # a broken dictionary must not stop the pipeline
                return None
    return None


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased Swedish words with Zipf frequencies, sorted for prefix look-ups."""

    zipfs: dict[str, float]
    sorted_words: list[str]
    speller: Speller | None = field(default=None, compare=False)
    names: frozenset[str] = frozenset()
    # A name spelled without its å, ä and ö → the name ("vannas" → "vännäs").
    plain_names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _prefixes: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _verdicts: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _suggested: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def zipf(self, word: str) -> float:
        """Zipf frequency of a lower-cased word (0 when unknown)."""
        return self.zipfs.get(word, 0.0)

    @property
    def prefix_cache(self) -> dict[str, bool]:
        """The answers of `has_prefix` so far, for callers in a tight loop."""
        return self._prefixes

    def has_prefix(self, prefix: str) -> bool:
        """Whether some word starts with `prefix`."""
        known = self._prefixes.get(prefix)
        if known is None:
            i = bisect.bisect_left(self.sorted_words, prefix)
            known = i < len(self.sorted_words) and self.sorted_words[i].startswith(prefix)
            self._prefixes[prefix] = known
        return known

    def is_part(self, word: str) -> bool:
        """Whether `word` can stand first in a compound, alone or in a linking form.

        Linking forms: "samordnings-" (s), "hälso-" and "gatu-" (a word in -a as -o or -u).
        """
        if len(word) < PART_MIN_LEN:
            return False
        if self.zipfs.get(word, 0.0) >= PART_MIN_ZIPF:
            return True
        if len(word) == PART_MIN_LEN:
            return False
        stem, link = word[:-1], word[-1]
        if link == "s":
            return self.zipfs.get(stem, 0.0) >= PART_MIN_ZIPF
        if link in "ou":
            return self.zipfs.get(stem + "a", 0.0) >= PART_MIN_ZIPF
        return False

    def part_zipf(self, word: str) -> float:
        """Zipf of a compound part, read through its linking form."""
        zipf = self.zipfs.get(word, 0.0)
        if zipf or len(word) <= PART_MIN_LEN:
            return zipf
        stem, link = word[:-1], word[-1]
        if link == "s":
            return self.zipfs.get(stem, 0.0)
        return self.zipfs.get(stem + "a", 0.0) if link in "ou" else 0.0

    def spells(self, word: str) -> bool | None:
        """Hunspell's verdict on a cased word, or None without hunspell."""
        if self.speller is None:
            return None
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._verdicts[word] = bool(self.speller.spell(word))
        return verdict

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Hunspell's suggestions for a word (a few ms each, so kept), none without hunspell."""
        if self.speller is None:
            return ()
        found = self._suggested.get(word)
        if found is None:
            found = self._suggested[word] = tuple(self.speller.suggest(word))
        return found


_PLAIN = str.maketrans("åäöÅÄÖ", "aaoAAO")


def plain(word: str) -> str:
    """`word` as OCR reads it most often, without the rings and dots of å, ä and ö."""
    return word.translate(_PLAIN)


def _name_words() -> set[str]:
    words: set[str] = set()
    for body in gazetteer.all_bodies():
        for form in body.forms:
            words.update(w.lower() for w in re.split(r"[\s\-/()]+", form) if len(w) >= 3 and _WORD.match(w))
    return words


def _wordlist_path() -> Path | None:
    """wordfreq's Swedish list file, or None where wordfreq keeps its data otherwise."""
    spec = importlib.util.find_spec("wordfreq")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]) / "data" / WORDLIST if folders else None
    return path if path is not None and path.is_file() else None


def _swedish_buckets() -> list[list[str]]:
    """wordfreq's Swedish list: its words in buckets, the bucket's number the words' frequency in
    centibels below 1. Read straight from wordfreq's file, in the cBpack format its `read_cBpack`
    documents (importing wordfreq, with its language-code tables, took longer than reading the
    list); through wordfreq where the file is not found or reads otherwise."""
    path = _wordlist_path()
    if path is not None:
        import gzip

        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
        header = data[0] if data else None
        if isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1:
            return data[1:]
    from wordfreq import get_frequency_list

    return get_frequency_list("sv")


def _frequency_zipfs() -> dict[str, float]:
    """Zipf of every word of wordfreq's Swedish list, read bucket by bucket: the list holds one
    bucket per centibel of frequency, so a bucket's words share one Zipf (9 less a hundredth of
    the bucket's number) and no word needs a logarithm of its own."""
    zipfs: dict[str, float] = {}
    for index, bucket in enumerate(_swedish_buckets()):
        zipf = round(math.log10(10 ** (-index / 100)) + 9, 2)  # wordfreq's cB_to_freq(-index)
        zipfs.update(dict.fromkeys(filter(str.isalpha, bucket), zipf))
        # the pattern also takes a word with a digit that is no decimal ("m²")
        zipfs.update((word, zipf) for word in filterfalse(str.isalpha, bucket) if _WORD.match(word))
    return zipfs


# Bumped whenever what the cached table holds, or how it is built, changes.
_CACHE_FORMAT = 1


def _cache_folder() -> Path:
    """samarkiv's folder in the user's cache directory (XDG_CACHE_HOME, else ~/.cache)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samarkiv"


def _cache_key(names: set[str]) -> str | None:
    """What the word table is built from: wordfreq's file as it stands, the gazetteer names and
    the constants merged in, and the marshal format. None when wordfreq's file is not found."""
    path = _wordlist_path()
    if path is None:
        return None
    stat = path.stat()
    inputs = (_CACHE_FORMAT, marshal.version, sys.version_info[:2], str(path.resolve()), stat.st_size,
              stat.st_mtime_ns, NAME_ZIPF, PART_MIN_ZIPF, BOUND_SUFFIXES, sorted(names))
    return hashlib.sha256(repr(inputs).encode()).hexdigest()[:20]


def _cached_zipfs(key: str) -> dict[str, float] | None:
    """The word table kept under `key`, or None when there is none or it cannot be read."""
    try:
        zipfs = marshal.loads((_cache_folder() / f"lexicon-{key}.marshal").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return zipfs if isinstance(zipfs, dict) else None


def _keep_zipfs(key: str, zipfs: dict[str, float]) -> None:
    """Writes the word table under `key` (atomically, replacing tables of other keys); a cache
    that cannot be written is left out."""
    folder = _cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".lexicon-", delete=False) as fh:
            fh.write(marshal.dumps(zipfs))
        os.replace(fh.name, folder / f"lexicon-{key}.marshal")
        for old in folder.glob("lexicon-*.marshal"):
            if old.name != f"lexicon-{key}.marshal":
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _built_zipfs(names: set[str]) -> dict[str, float]:
    """The word table: wordfreq's words, bound suffixes and gazetteer names with their Zipf
    values, in sorted order of the words."""
    zipfs = _frequency_zipfs()
    for suffix in BOUND_SUFFIXES:
        zipfs[suffix] = max(zipfs.get(suffix, 0.0), PART_MIN_ZIPF)
    for word in names:
        zipfs[word] = max(zipfs.get(word, 0.0), NAME_ZIPF)
    return {word: zipfs[word] for word in sorted(zipfs)}


@cache
def lexicon() -> Lexicon:
    """The shared Swedish lexicon (built once per process, about half a second; read back from
    the user's cache in a third of that)."""
    names = _name_words()
    # Names are written in the genitive as often as not ("Åstorps kommun").
    names |= {w + "s" for w in names if not w.endswith("s")}
    key = _cache_key(names)
    zipfs = _cached_zipfs(key) if key else None
    if zipfs is None:
        zipfs = _built_zipfs(names)
        if key:
            _keep_zipfs(key, zipfs)
    plain_names = {plain(w): w for w in sorted(names) if plain(w) != w and plain(w) not in names}
    return Lexicon(zipfs=zipfs, sorted_words=list(zipfs), speller=_hunspell(), names=frozenset(names),
                   plain_names=plain_names)
