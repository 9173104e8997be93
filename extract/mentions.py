"""Mentions: people, organisations and places named anywhere in a document, found by the
Swedish NER (`extract.ner`). They are not part of the exported contract; the archive keeps them
so that an analyst can find every document and page that names someone.
"""

from __future__ import annotations

from samarkiv.normalize import Text

from .ner import entities
from .types import Mention

# spaCy refuses texts over a million characters; pages are far smaller, so run page by page.
_PAGE_LIMIT = 900_000


def mentions_in(text: Text) -> tuple[Mention, ...]:
    """Every PER, ORG and LOC the NER finds, page by page, with offsets into `text.text`."""
    out: list[Mention] = []
    offset = 0
    for page_text in text.page_texts():
        for start in range(0, len(page_text), _PAGE_LIMIT):
            chunk = page_text[start:start + _PAGE_LIMIT]
            for e in entities(chunk):
                name = " ".join(e.text.split())
                if len(name) < 2:
                    continue
                a = offset + start + e.start
                out.append(Mention(e.label, name, text.page_at(a), (a, offset + start + e.end)))
        offset += len(page_text) + 1  # the form feed between pages
    return tuple(out)
