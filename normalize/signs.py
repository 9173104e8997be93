"""Signs that OCR misreads around numbers and between words: §, §§, %, a zero, "i", dashes.

Tesseract reads the paragraph sign of a law reference as "8", "$", "S" or "&" ("79 8
kommunallagen", "10 $ 1 mom."), per cent as "96", a zero before "kr" as "O" and the word "i" as
"1", "l" or "|". Each rule here needs the characters around the sign and returns `Edit`s with a
confidence; `repair` merges them with its word repairs.
"""

from __future__ import annotations

import re

from .types import Edit

# Confidence of each rule: how rarely its context holds for the sign as it stands.
DOLLAR_CONFIDENCE = 0.95  # a "$" beside a paragraph number; Swedish minutes write "USD"
LAW_CONFIDENCE = 0.9  # "79 8 kommunallagen": a number, a sign, a law
PARAGRAPH_CONFIDENCE = 0.85  # "8 37 Val av justerare" at a line start, "enligt 8 12"
GLUED_CONFIDENCE = 0.7  # "6 kap. 38 ärvdabalken": the sign glued to the number as an 8
PERCENT_CONFIDENCE = 0.75
ZERO_CONFIDENCE = 0.9
I_CONFIDENCE = 0.8
DASH_CONFIDENCE = 0.9
A_GRAVE_CONFIDENCE = 0.8

# What follows "N §" in a law reference: a law or an ordinance ("kommunallagen", "lagen
# (1947:…)", "arbetsordningen"), a moment or a paragraph of the section ("1 mom.", "andra stycket").
_LAW = (r"(?:[^\W\d_]*(?:lagen|balken|förordningen|kungörelsen|stadgan|ordningen|reglementet|instruktionen)"
        r"|lag|mom|st|stycket|första|andra|tredje|fjärde|femte|sista|punkt)\b")
# A paragraph number, perhaps with a letter ("5a", "17 a"); not the tail of a decimal or a date.
_NUMBER = r"(?<![\w,.:/-])\d{1,3}(?: ?[a-z](?!\w))?"
_ONE = r"(?:8|S|&|\$|£)"
_TWO = r"(?:88|SS|&&|\$\$)"
_END = r"(?=[\s,.;:)]|$)"
# "79 8 kommunallagen", "10 $ 1 mom.", "4 88 lagen".
_BEFORE_LAW = re.compile(rf"({_NUMBER}) +({_TWO}|{_ONE})(?=,? +(?:\d{{1,2}} +)?{_LAW})")
# "enligt 6 kap. 11 8": a section after a chapter.
_AFTER_CHAPTER = re.compile(rf"\bkap\. *\d{{1,3}}(?: ?[a-z](?!\w))? +({_TWO}|{_ONE}){_END}")
# "10 $", "$ 12": a dollar sign beside a paragraph number.
_DOLLAR_AFTER = re.compile(rf"(?<=\d)(?: ?[a-z](?!\w))? +(\$\$?){_END}")
_DOLLAR_BEFORE = re.compile(r"(?:^|(?<=[ (]))(\$\$?)(?= *\d)")
# "1 och 4 88", "12, 13 SS": the plural sign after a list of paragraph numbers.
_AFTER_LIST = re.compile(rf"(?:{_NUMBER}|\b[IVX]+) *(?:,|och|-|–) *{_NUMBER} +({_TWO})"
                         r"(?=[\s,.;:)]|$)(?!\s*(?:\d|kr\b|tkr\b|mkr\b|kronor\b|%|procent\b|st\b))")
# "6 kap. 38 ärvdabalken": "3 §" read as "38", a law right after it.
_GLUED = re.compile(r"\bkap\. *\d?(\d)(8)(?= +[^\W\d_]*(?:lagen|balken|förordningen|ordningen)\b)")
# "8 37", "S 37", "& 37", "$40", "£39" at the start of a line, where a minutes' paragraph (§ 37)
# begins: the shapes tesseract reads for a "§" it does not know, in Swedish and English models.
_PARAGRAPH = re.compile(r"^(\s*)(88(?= +\d)|\$\$|8(?=\s)|[S$&][&$](?=\s*\d)|[S$&£€](?=\s*\d))(\s*\d{1,3}\b)"
                        r"(?=(?:\s*[-–—]\s*\d{1,3})?(?:\s*$|\s+[A-ZÅÄÖ]|\s*[.:])|\s+-\s*\d)")
# "… och Arbetsförmedlingen. & 14 Årsredovisning 2022": a paragraph that opens after a sentence
# on a page whose line breaks were lost; not after a clock time ("kl. 8 15").
_RUN_ON_PARAGRAPH = re.compile(r"(?<![Kk]l\. )(?<=[.!?] )(88|\$\$|[S$&][&$]|[8S$&£])(?= ?\d{1,3} +[A-ZÅÄÖ][a-zåäö])")
# "X, 8 15-16" closing an attendance line: the §§ someone sat for, the sign read as a letter or 8.
_RANGE_NOTE = re.compile(r"(?<=, )([8S$&])(?= ?\d{1,3} ?[-–] ?\d{1,3}\s*$)")
# "enligt 8 37" in running text, and "enligt 37 8." with the sign after the number.
_PARAGRAPH_REF = re.compile(r"\b((?:enligt|se|jfr|jämför|under|i)\s+)([8S$])(\s+\d{1,3}\b)")
_REF_AFTER = re.compile(rf"\b(?:enligt|enl\.|jfr|jämför) +{_NUMBER} +(8|S|&){_END}")

# "3,5 96.", "12 96 av": per cent read as "96" or "246" after a number, "20" after a decimal.
_PERCENT = re.compile(r"(?<![\w,.:/-])(\d{1,3})(,\d{1,2})? +(96|246|20)(?=[.,;:)]?(?:\s|$))")
# What may follow a per cent: a stop, a comma, the line's end, or a word that goes on the phrase
# ("45 % av deltagarna", "ökade med 3 % till"); a count noun ("12 96 kr", "20 timmar") may not.
_AFTER_PERCENT = re.compile(r"^(?:[.,;:)]|\s*$| +(?:av|och|i|till|för|per|på|mot|under|jämfört|eller|samt|medan|"
                            r"vilket|som|från|med|lägre|högre|mer|mindre|enligt)\b)")
_CLOCK = re.compile(r"(?:kl\.?|klockan)\s*$")
# "O kr", "O,5 mkr": a capital O read for a zero before money or per cent.
_ZERO = re.compile(r"(?<![\w,.])O(?=(?:,\d+)?\s*(?:kr|tkr|mkr|kronor|%|procent)\b)")
# "-—": a hyphen read beside a dash.
_DOUBLE_DASH = re.compile(r"-[—–]|[—–]-")
# "femtio å sextio", "10 å 15 kr": the "à" of a range between two numbers, read as "å".
_NUMERALS = (r"(?:\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|sexton|"
             r"sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|hundra|tusen)")
_A_GRAVE = re.compile(rf"\b{_NUMERALS} (å)(?= {_NUMERALS}\b)")
_A_GRAVE_AT_END = re.compile(rf"\b{_NUMERALS} (å)\s*$")
_NUMERAL_FIRST = re.compile(rf"^{_NUMERALS}\b")
# A lone "l" or "|" between words, or before a word at a line's start: the word "i".
_LONE_I = re.compile(r"(?:^|(?<=[^\W\d_] )|(?<=[^\W\d_][,;] )|(?<=^[-–•*] )|(?<=[.!?:] ))([l|])(?= [^\W\d_]{2,})")
_SENTENCE_END = re.compile(r"(?:^\s*[-–•*]?|[.!?:])\s*$")
# "1 denna fråga", "samt 1 utvecklingsgruppen": a "1" between words.
_ONE_AS_I = re.compile(r"(?:^|(?<=[^\W\d_] )|(?<=[.!?:] ))(1)(?= ([^\W\d_]+))")
# Words a "1" after them is a number of ("bilaga 1 till", "punkt 1 och").
NUMBERED = frozenset({
    "bilaga", "bil", "punkt", "kapitel", "kap", "paragraf", "sida", "sidan", "nr", "nummer", "mom",
    "steg", "fas", "etapp", "alternativ", "grupp", "del", "avsnitt", "tabell", "figur", "version",
    "rum", "våning", "ärende", "typ", "klass", "nivå", "år", "vecka", "kvartal", "tertial", "diagram",
    "rad", "zon", "område", "moment", "stycke", "stycket", "kl", "klockan", "linje", "plan", "mål",
    "insats", "aktivitet", "prioritet", "bild", "kolumn", "tertialrapport", "delår", "spår", "lag",
})
# Words the preposition "i" comes before: determiners, possessives and set phrases.
AFTER_I = frozenset({
    "denna", "detta", "dessa", "den", "det", "de", "vår", "vårt", "våra", "sin", "sitt", "sina", "hans",
    "hennes", "deras", "vilken", "vilket", "vilka", "samband", "övrigt", "behov", "enlighet", "form",
    "huvudsak", "princip", "samverkan", "samråd", "syfte", "slutet", "början", "mitten", "stället",
    "fråga", "dag", "år", "tid", "landet", "staden", "kommunen", "riksdagen", "frågan", "sådana",
    "sådan", "samma", "allmänhet", "synnerhet", "stort", "praktiken", "uppdrag", "egenskap",
})
_DEFINITE = re.compile(r"[^\W\d_]{3,}(?:en|et|na|an|arna|erna)$")


_DIGIT = re.compile(r"\d")


def _sign(found: str) -> str:
    """"§§" for a shape read twice ("88", "$$"); "§" for one shape, or for two shapes that are one
    sign misread ("$&")."""
    return "§§" if len(found) == 2 and found[0] == found[1] else "§"


def paragraph_edits(line: str) -> list[Edit]:
    """"§" and "§§" read as "8", "$", "S" or "&" in law references and minutes' paragraphs."""
    edits: list[Edit] = []
    for pattern, confidence in ((_BEFORE_LAW, LAW_CONFIDENCE), (_AFTER_CHAPTER, LAW_CONFIDENCE),
                                (_AFTER_LIST, LAW_CONFIDENCE)):
        for m in pattern.finditer(line):
            group = m.lastindex or 1
            found = m.group(group)
            edits.append(Edit(m.start(group), m.end(group), _sign(found),
                              DOLLAR_CONFIDENCE if "$" in found else confidence, "paragraph"))
    for pattern in (_DOLLAR_AFTER, _DOLLAR_BEFORE):
        edits += [Edit(m.start(1), m.end(1), _sign(m.group(1)), DOLLAR_CONFIDENCE, "paragraph")
                  for m in pattern.finditer(line)]
    edits += [Edit(m.start(2), m.end(2), " §", GLUED_CONFIDENCE, "paragraph") for m in _GLUED.finditer(line)]
    edits += [Edit(m.start(2), m.end(2), _sign(m.group(2)), PARAGRAPH_CONFIDENCE, "paragraph")
              for m in _PARAGRAPH.finditer(line)]
    edits += [Edit(m.start(1), m.end(1), _sign(m.group(1)), PARAGRAPH_CONFIDENCE, "paragraph")
              for m in _RUN_ON_PARAGRAPH.finditer(line)]
    edits += [Edit(m.start(1), m.end(1), "§", PARAGRAPH_CONFIDENCE, "paragraph") for m in _RANGE_NOTE.finditer(line)]
    edits += [Edit(m.start(1), m.end(1), "§", PARAGRAPH_CONFIDENCE, "paragraph") for m in _REF_AFTER.finditer(line)]
    edits += [Edit(m.start(2), m.end(2), "§", PARAGRAPH_CONFIDENCE, "paragraph")
              for m in _PARAGRAPH_REF.finditer(line)]
    return edits


def percent_edits(line: str) -> list[Edit]:
    """"%" read as "96" or "246" after a number up to 100 (or a decimal), "20" after a decimal."""
    edits: list[Edit] = []
    for m in _PERCENT.finditer(line):
        whole, decimal, found = m.group(1), m.group(2), m.group(3)
        if int(whole) > 100 or (found == "20" and not decimal) or _CLOCK.search(line[:m.start()]):
            continue
        if not _AFTER_PERCENT.match(line[m.end():]):
            continue
        edits.append(Edit(m.start(3), m.end(3), "%", PERCENT_CONFIDENCE, "percent"))
    return edits


def _is_i_before(nxt: str) -> bool:
    low = nxt.lower()
    return low in AFTER_I or (nxt.islower() and bool(_DEFINITE.match(nxt)))


def i_edits(line: str) -> list[Edit]:
    """The word "i" (or "I" first in a sentence) read as "l", "|" or "1" between words.

    A "1" becomes "i" only before a determiner, a set phrase or a definite noun and not after a
    word that numbers things ("bilaga 1 till").
    """
    edits: list[Edit] = []
    if line.count("|") <= 1:
        for m in _LONE_I.finditer(line):
            word = "I" if _SENTENCE_END.search(line[:m.start()]) else "i"
            edits.append(Edit(m.start(1), m.end(1), word, I_CONFIDENCE, "i"))
    for m in _ONE_AS_I.finditer(line):
        before = line[:m.start()].rstrip()
        prev = before.rsplit(None, 1)[-1].lower() if before else ""
        first = _SENTENCE_END.search(line[:m.start()]) is not None
        if prev in NUMBERED or not _is_i_before(m.group(2)):
            continue
        if first and not m.group(2).islower():
            continue
        edits.append(Edit(m.start(1), m.end(1), "I" if first else "i", I_CONFIDENCE, "i"))
    return edits


def other_edits(line: str, after: str = "") -> list[Edit]:
    """A zero read as "O" before "kr", a hyphen beside a dash, "à" read as "å" between numbers
    (the second perhaps `after`, the first word of the next line)."""
    edits = [Edit(m.start(), m.end(), "0", ZERO_CONFIDENCE, "zero") for m in _ZERO.finditer(line)]
    edits += [Edit(m.start(), m.end(), "—" if "—" in m.group() else "–", DASH_CONFIDENCE, "dash")
              for m in _DOUBLE_DASH.finditer(line)]
    edits += [Edit(m.start(1), m.end(1), "à", A_GRAVE_CONFIDENCE, "glyph") for m in _A_GRAVE.finditer(line)]
    if _NUMERAL_FIRST.match(after):
        edits += [Edit(m.start(1), m.end(1), "à", A_GRAVE_CONFIDENCE, "glyph") for m in _A_GRAVE_AT_END.finditer(line)]
    return edits


def sign_edits(line: str, after: str = "") -> list[Edit]:
    """Every sign repair of one line, left to right, the first of overlapping ones kept; `after` is
    the first word of the next line."""
    edits: list[Edit] = []
    if _DIGIT.search(line):  # most lines have none: their words are all there is to repair
        edits += paragraph_edits(line) + percent_edits(line)
    if "O" in line or "-" in line or " å" in line:
        edits += other_edits(line, after)
    edits.sort(key=lambda e: (e.start, -e.end))
    out: list[Edit] = []
    for e in edits:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out
