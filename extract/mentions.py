"""Mentions: people, organisations and places named anywhere in a document, found by the
Swedish NER (`extract.ner`). They are not part of the exported contract; the archive keeps them
so that an analyst can find every document and page that names someone.
"""

from __future__ import annotations

from samarkiv.normalize import Text

from .ner import tag
from .types import Mention

# spaCy refuses texts over a million characters; pages are far smaller, so run page by page.
_PAGE_LIMIT = 900_000


def mentions_in(text: Text) -> tuple[Mention, ...]:
    """Every PER, ORG and LOC the NER finds, page by page, with offsets into `text.text`."""
    chunks: list[tuple[int, str]] = []  # (offset in text.text, text of the chunk)
    offset = 0
    for page_text in text.page_texts():
        chunks.extend((offset + start, page_text[start:start + _PAGE_LIMIT])
                      for start in range(0, len(page_text), _PAGE_LIMIT))
        offset += len(page_text) + 1  # the form feed between pages
    out: list[Mention] = []
    # the pages go through the model together: one batched pass is faster than a call a page
    for (base, _), doc in zip(chunks, tag(chunk for _, chunk in chunks), strict=True):
        for e in doc.ents:
            name = " ".join(e.text.split())
            if len(name) < 2:
                continue
            a = base + e.start_char
            out.append(Mention(e.label_, name, text.page_at(a), (a, base + e.end_char)))
    return tuple(out)
