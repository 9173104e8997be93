"""The offset map: every normalized character cites its page and lands on the right raw word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages

PAGE_1 = """Förvaltningsberättelse

Styrelsen for Soderasens samordningsforbund har under aret arbetat med att
utveckla samverkan mellan de fyra parterna och att finansiera insatser for
personer som 4r i behov av samordnade rehabiliteringsinsatser. Malgruppen
&r unga och vuxna. Arbetet har bedrivits i nira dialog med Forsakrings-
kassan och Arbetsformedlingen under hela perioden fram till hésten.
"""
PAGE_2 = """Justerandes sign

8 37 Ekonomisk uppfoljning

Den ekonomiska uppfoljningen visar pa ett utfall som i stort foljer budgeten
och pa ett underskott for verksamheten med 428 tkr for hela perioden i ar.
"""
PAGES = [Page(number=1, text=PAGE_1, method=Method.OCR, confidence=71.0),
         Page(number=2, text=PAGE_2, method=Method.OCR, confidence=68.0)]


def _raw_word_at(page_text: str, offset: int) -> str:
    """The raw word that covers `offset` (or starts right after it)."""
    for m in re.finditer(r"\S+", page_text):
        if m.start() <= offset < m.end() or offset < m.start():
            return m.group()
    return ""


def test_repaired_words_cite_their_raw_words() -> None:
    text = normalize_pages(PAGES)
    for normalized, raw in [("Söderåsens", "Soderasens"), ("Målgruppen", "Malgruppen"), ("nära", "nira"),
                            ("hösten.", "hésten."), ("uppföljningen", "uppfoljningen"), ("§", "8")]:
        offset = text.text.index(normalized)
        page = 1 if offset < text.text.index("\f") else 2
        assert text.page_at(offset) == page
        raw_page, raw_offset = text.raw_offset(offset)  # type: ignore[misc]
        assert raw_page == page
        assert _raw_word_at(PAGES[page - 1].text, raw_offset) == raw


def test_reflowed_and_dehyphenated_text_keeps_its_place() -> None:
    text = normalize_pages(PAGES)
    assert "Försäkringskassan och Arbetsförmedlingen" in text.text
    offset = text.text.index("Arbetsförmedlingen")
    assert text.raw_offset(offset) == (1, PAGE_1.index("Arbetsformedlingen"))
    offset = text.text.index("utveckla samverkan")
    assert text.raw_offset(offset) == (1, PAGE_1.index("utveckla samverkan"))


def test_pages_and_furniture() -> None:
    text = normalize_pages(PAGES)
    first, second = text.page_texts()
    assert first.startswith("Förvaltningsberättelse\n\nStyrelsen för Söderåsens samordningsförbund har")
    assert second.lstrip().startswith("§ 37 Ekonomisk uppföljning")
    assert "Justerandes sign" not in text.text
    assert text.page_at(text.text.index("428 tkr")) == 2
    assert text.raw_offset(text.text.index("428 tkr")) == (2, PAGE_2.index("428 tkr"))


def test_spans_are_sorted_and_inside_their_pages() -> None:
    text = normalize_pages(PAGES)
    starts = [s.start for s in text.spans]
    assert starts == sorted(starts)
    for s in text.spans:
        assert 0 <= s.raw_start <= s.raw_end <= len(PAGES[s.page - 1].text)
        assert "\f" not in text.text[s.start:s.end]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcåäö ABC\n\t-.,§18", max_size=120), min_size=1, max_size=3))
def test_every_offset_maps_into_its_page(texts: list[str]) -> None:
    pages = [Page(number=i, text=t, method=Method.PLAIN) for i, t in enumerate(texts, 1)]
    text = normalize_pages(pages)
    assert len(text.page_texts()) == len(pages)
    for offset in range(len(text.text)):
        if text.text[offset] == "\f":
            continue
        page, raw = text.raw_offset(offset)  # type: ignore[misc]
        assert 1 <= page <= len(pages)
        assert 0 <= raw <= len(pages[page - 1].text)
