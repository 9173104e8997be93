"""The character confusions that OCR makes on Swedish text, declared once as data.

Tesseract's English model (and any scan without Swedish training) reads å, ä and ö as a plain
vowel, an accented letter, a digit or a symbol, and sometimes drops them. Each entry says what a
misread string may stand for and what assuming so costs; repair searches these against a lexicon.
"""

from __future__ import annotations

from types import MappingProxyType

# Misread string → ((what it may stand for, cost), …). Costs are in "edits": 1 for the common
# losses of a diacritic, more for readings that also occur in correct text.
SUBSTITUTIONS: MappingProxyType[str, tuple[tuple[str, float], ...]] = MappingProxyType({
    "a": (("ä", 1.0), ("å", 1.0)),
    "o": (("ö", 1.0),),
    "é": (("ä", 1.0), ("ö", 1.0), ("å", 1.0)),
    "è": (("ä", 1.0), ("ö", 1.0), ("å", 1.0)),
    "ë": (("ä", 1.0), ("ö", 1.0), ("å", 1.0)),
    "ê": (("ä", 1.0), ("ö", 1.0), ("å", 1.0)),
    "á": (("å", 1.0), ("ä", 1.0)),
    "ó": (("ö", 1.0),),
    "ò": (("ö", 1.0),),
    "6": (("ö", 1.0),),
    "4": (("ä", 1.0), ("å", 1.0)),
    "&": (("ä", 1.0), ("å", 1.0)),
    "#": (("ä", 1.0),),
    "@": (("ö", 1.0), ("ä", 1.0)),
    "§": (("ä", 1.0), ("å", 1.0)),
    "d": (("å", 1.5), ("ä", 1.5), ("ö", 1.5)),
    "i": (("ä", 1.5),),
    "1": (("i", 1.0),),
    "{": (("f", 1.0),),
    "[": (("i", 1.0),),
    "0": (("o", 1.0), ("ö", 1.5)),
    # Two glyphs read for one letter with a ring or dots.
    "éi": (("ä", 1.5),),
    "ié": (("ä", 1.5),),
    "éd": (("ä", 1.5), ("å", 1.5), ("ö", 1.5)),
    "dé": (("ö", 1.5),),
    "aé": (("ä", 1.0),),
    "6é": (("ö", 1.0),),
    "o6": (("ö", 1.0),),
    "ia": (("ä", 1.5),),
    "é&": (("ä", 1.0), ("å", 1.0)),
    "d&": (("ä", 2.0),),
    "ai": (("ä", 1.5),),
    "oé": (("ö", 1.0),),
    "éa": (("å", 1.5),),
})

# Letters with dots or a ring that OCR split into two plain letters ("mdoten", "samhdallet",
# "oOverenskommelse"). The pairs are common in correct words too, so they are tried only for
# a word that no other reading explains.
SPLIT_GLYPHS: MappingProxyType[str, tuple[tuple[str, float], ...]] = MappingProxyType({
    "do": (("ö", 1.5),),
    "od": (("ö", 1.5),),
    "da": (("ä", 1.5), ("å", 1.5)),
    "oo": (("ö", 1.5),),
    "aa": (("å", 1.5),),
})

# Single glyphs misread for a thin letter ("styrelsemediemmar"), as rare as the split glyphs and
# tried with them.
THIN_GLYPHS: MappingProxyType[str, tuple[tuple[str, float], ...]] = MappingProxyType({
    "i": (("l", 1.5),),
})

# Two-glyph readings that never begin a word: a word starting "da" or "do" is spelled so.
NOT_INITIAL = frozenset({"da", "do", "dé", "d&"})

# Upper-case letters that stand for a lower-case Swedish letter inside a word ("jimfSrelse").
INNER_UPPER: MappingProxyType[str, tuple[tuple[str, float], ...]] = MappingProxyType({
    "S": (("ö", 2.0),),
})

# A Swedish letter that OCR dropped altogether ("innebr", "Sderasens"), at most one per word.
INSERTIONS: tuple[str, ...] = ("ä", "å", "ö")
INSERTION_COST = 2.5

# Capitals the English model reads for a lower-case å, ä or ö at the start of a word ("Oppnande").
PLAIN_CAPITALS = frozenset("AO")

# The Swedish letters that OCR loses; a word that holds one was read intact.
SWEDISH_LETTERS = frozenset("åäöÅÄÖ")
