"""Saved web pages: the main text, tables as rows, `<br>` as line breaks, the page's title and date."""

from __future__ import annotations

import pytest

from samarkiv.errors import EmptyInput
from samarkiv.extract import extract_record
from samarkiv.ingest import FileKind, Method, read_bytes, sniff
from samarkiv.normalize import normalize_pages

MINUTES_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Protokoll styrelsen 24 november 2020 | Söderåsens samordningsförbund</title>
<meta property="article:published_time" content="2020-12-01T09:30:00+01:00">
<script>window.dataLayer = [];</script>
<style>body { font-family: sans-serif; }</style>
</head>
<body>
<nav><ul><li><a href="/">Startsida</a></li><li><a href="/om-oss">Om förbundet</a></li>
<li><a href="/kontakt">Kontakt</a></li></ul></nav>
<main><article>
<h1>Sammanträdesprotokoll nr 6</h1>
<p>Plats och tid: Söderåsens samordningsförbund, Skolgatan 5, Åstorp, kl 13.00&ndash;14.30<br/>2020-11-24</p>
<p>Beslutande<br>Christer Landin, ledamot och ordförande, Bjuvs kommun<br/>Reino Persson, ledamot,
&Aring;storps kommun</p>
<h2>§ 72 Casemanagement 2.0</h2>
<p>Styrelsen beslutar att bevilja f&ouml;rl&auml;ngningsans&ouml;kan f&ouml;r Casemanagement 2.0 med
255&nbsp;996 kr f&ouml;r 2021.</p>
<h2>§ 73 Budget 2021</h2>
<table>
<tr><th>Post</th><th>Budget 2021</th></tr>
<tr><td>Medlemsavgifter</td><td>3 084 000</td></tr>
<tr><td>Kanslikostnader</td><td>945 000</td></tr>
</table>
</article></main>
<footer><p>© Söderåsens samordningsförbund · Cookies · Tillgänglighetsredogörelse</p></footer>
</body>
</html>
"""


def test_a_minutes_page_is_read_as_its_main_text() -> None:
    source = read_bytes(MINUTES_PAGE.encode("utf-8"))
    assert source.kind is FileKind.HTML
    (page,) = source.pages
    assert page.method is Method.HTML
    assert page.text.split("\n") == [
        "Sammanträdesprotokoll nr 6",
        "Plats och tid: Söderåsens samordningsförbund, Skolgatan 5, Åstorp, kl 13.00–14.30",
        "2020-11-24",
        "Beslutande",
        "Christer Landin, ledamot och ordförande, Bjuvs kommun",
        "Reino Persson, ledamot, Åstorps kommun",
        "§ 72 Casemanagement 2.0",
        "Styrelsen beslutar att bevilja förlängningsansökan för Casemanagement 2.0 med 255 996 kr för 2021.",
        "§ 73 Budget 2021",
        "Post\tBudget 2021",
        "Medlemsavgifter\t3 084 000",
        "Kanslikostnader\t945 000",
        "Publicerad 2020-12-01",
    ]


def test_the_meeting_comes_from_the_page_not_from_its_publication_date() -> None:
    record = extract_record(normalize_pages(read_bytes(MINUTES_PAGE.encode("utf-8")).pages))
    assert record.forbund == "Söderåsens samordningsförbund"
    assert [m.date for m in record.meetings] == ["2020-11-24"]
    assert [(d.paragraph, d.kind, d.amounts) for d in record.decisions] == [("72", "grant", (255996,))]


def test_the_title_opens_the_text_when_the_body_does_not_start_with_it() -> None:
    page = ("<html><head><title>Kallelse till styrelsemöte</title></head><body><div>"
            "<p>Styrelsen för Samordningsförbundet Välfärd i Väst kallas till sammanträde den 3 mars 2021.</p>"
            "</div></body></html>")
    text = read_bytes(page.encode("utf-8")).pages[0].text
    assert text.split("\n")[0] == "Kallelse till styrelsemöte"


def test_a_page_saved_by_a_browser_in_latin_1_is_recognised_and_decoded() -> None:
    page = ("<!-- saved from url=(0040)https://example.org/protokoll -->\n<html><head>"
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>'
            "<p>Styrelsen beslutar att godkänna årsredovisningen för samordningsförbundet.</p></body></html>")
    data = page.encode("latin-1")
    assert sniff(data) is FileKind.HTML
    assert "godkänna årsredovisningen" in read_bytes(data).pages[0].text


def test_a_page_of_scripts_only_is_a_clear_failure() -> None:
    page = b"<!DOCTYPE html><html><head><script>var app = init();</script></head><body><script>render(app);" \
           b"</script><noscript></noscript></body></html>"
    with pytest.raises(EmptyInput, match="web page holds no main text to read"):
        read_bytes(page)
