"""Reads a saved web page: its main text by trafilatura, without navigation, scripts or footers.

Paragraphs and headings become lines, `<br>` a line break, a table row a line of tab-separated
cells (as the PDF path lays out a table), list items lines of their own. The page's own title
opens the text when the main text does not start with it, and a publication date the page states
in its markup closes it ("Publicerad 2020-12-01"), after the body so that it is never taken for
the date of the meeting the page records.
"""

from __future__ import annotations

import configparser
import functools
import logging
import re
import unicodedata
from typing import Any

from samarkiv.errors import EmptyInput

from .types import IngestOptions, Method, Page

# Blocks shorter than trafilatura's default (250 characters) are kept: a page may hold one
# decision.
MIN_TEXT = 20
_BLOCK_SEPARATOR = {"p", "head", "quote", "code", "list", "table", "item", "row", "div"}
# Whitespace in HTML source, a line break included, is one space; a no-break space is kept.
_SPACE = re.compile(r"[ \t\r\n\f]+")


@functools.cache
def _config(max_bytes: int) -> configparser.ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = configparser.ConfigParser()
    config.read_dict({section: dict(DEFAULT_CONFIG[section]) for section in DEFAULT_CONFIG})
    config["DEFAULT"]["max_file_size"] = str(max_bytes)
    config["DEFAULT"]["min_extracted_size"] = str(MIN_TEXT)
    config["DEFAULT"]["min_output_size"] = str(MIN_TEXT)
    config["DEFAULT"]["extensive_date_search"] = "off"
    return config


def _inline(element: Any) -> str:
    """The text of an element with `<lb/>` as a line break and every other tag as its text."""
    parts = [_SPACE.sub(" ", element.text or "")]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _BLOCK_SEPARATOR:
            parts.append("\n" + _inline(child) + "\n")
        else:
            parts.append(_inline(child))
        parts.append(_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _lines_of(element: Any) -> list[str]:
    if element.tag == "table":
        rows: list[str] = []
        for row in element.iter("row"):
            cells = [_one_line(_inline(cell)) for cell in row if cell.tag == "cell"]
            if any(cells):
                rows.append("\t".join(cells))
        return rows
    if element.tag == "list":
        return [f"• {line}" for item in element.iter("item")
                for line in [_one_line(_inline(item))] if line]
    lines = [_one_line(x) for x in _inline(element).split("\n")]
    return [x for x in lines if x]


def read_html(data: bytes, options: IngestOptions) -> list[Page]:
    """The main text of a web page, as one page."""
    import trafilatura

    # trafilatura logs a warning for a page it finds nothing in; the error below says it once.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_tables=True, include_comments=False, include_images=False,
        include_links=False, favor_recall=True, config=_config(options.max_bytes),
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = getattr(document, "body", None)
    lines: list[str] = []
    if body is not None:
        for element in body:
            lines.extend(_lines_of(element))
    if not any(x.strip() for x in lines):
        raise EmptyInput("the web page holds no main text to read (only scripts, styles, menus or a few words)")
    title = _one_line(getattr(document, "title", None) or "")
    if title and _one_line(lines[0]).casefold() != title.casefold():
        lines.insert(0, title)
    date = getattr(document, "date", None)
    if date and date not in "\n".join(lines):
        lines.append(f"Publicerad {date}")
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return [Page(number=1, text=text, method=Method.HTML)]
