"""The organisation that wrote a document. Every gazetteer form of every samordningsförbund is
counted in the text (case-insensitive, also across a line break), headings count double, and the
förbund named most wins; it is reported in the form the document itself uses most.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from samarkiv.gazetteer import Body, samordningsforbund

# A förbund the gazetteer lacks, as the document writes it.
UNKNOWN_FORBUND = re.compile(
    r"\b(Samordningsförbundet(?:\s+(?:i\s+)?[A-ZÅÄÖ][\wåäö\-]+){1,3}|(?:[A-ZÅÄÖ][\wåäö\-]+s\s+){1,2}[Ss]amordningsförbund)\b")
GENERIC_WORDS = {"Samordningsförbundet", "Samordningsförbundets"}


@cache
def _patterns() -> tuple[tuple[Body, str, re.Pattern[str]], ...]:
    out = []
    for body in samordningsforbund():
        for form in body.forms:
            words = [re.escape(w) for w in form.split()]
            if len(words) < 2 and "förbund" not in form.lower():
                continue  # short brand names ("SDS", "Samspelet") are too ambiguous in running text
            out.append((body, form, re.compile(r"(?<![\wåäö])" + r"\s+".join(words) + r"(?![\wåäö])", re.I)))
    return tuple(out)


def forbund_of(text: str, heading_end: int) -> str | None:
    """Canonical name of the writing förbund; `heading_end` marks the first page's heading zone."""
    scores: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    taken: list[tuple[int, int]] = []
    for body, form, pattern in sorted(_patterns(), key=lambda x: -len(x[1])):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            weight = 2 if m.start() < heading_end else 1
            scores[body.name] += weight
            written.setdefault(body.name, Counter())[form.casefold()] += weight
    if scores:
        best = scores.most_common(1)[0][0]
        body = next(b for b in samordningsforbund() if b.name == best)
        usual = written[best].most_common(1)[0][0]
        return next(f for f in body.forms if f.casefold() == usual)
    names = Counter(re.sub(r"\s+", " ", m[1]) for m in UNKNOWN_FORBUND.finditer(text)
                    if m[1].split()[-1] not in GENERIC_WORDS)
    return names.most_common(1)[0][0] if names else None
