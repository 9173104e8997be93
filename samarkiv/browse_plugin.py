"""The Datasette plugin behind `samarkiv serve`: keeps every connection to the archive read-only,
turns ids and page numbers into links to the document, the fact and the page it stands on,
writes amounts as Swedish SEK figures, serves the amounts chart as a server-rendered SVG page,
and the page view: a page's image with a fact's words outlined beside its text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, NotFound, Response
from markupsafe import Markup
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from samarkiv import page_cache
from samarkiv.browse import CHART_PATH, DATABASE, EXPLANATION, PAGE_IMAGE_PATH, PAGE_PATH, PLUGIN
from samarkiv.chart import amounts_chart_svg, format_sek
from samarkiv.errors import SamarkivError
from samarkiv.page_view import BadSpan, FoundPage, PageNotFound, PageView, find_page, page_view, parse_span
from samarkiv.store.originals import Originals, folder_for
from samarkiv.store.query import Filters, amount_totals

# The fact a search_index row points at, by its kind.
_INDEXED = {"decision": "decisions", "item": "items", "page": "pages"}
# Columns in whole SEK: of the amounts table, and of the canned queries' results.
_SEK_COLUMNS = {"amounts": {"value", "value_max"}, "amounts_by_forbund": {"value", "value_max"}, None: {"value"}}

_CHART_TEMPLATE = """{% extends "base.html" %}
{% block title %}Amounts per förbund and year{% endblock %}
{% block content %}
<h1>Amounts per förbund and year</h1>
<p>{{ explanation }}</p>
<form action="{{ chart_path }}" method="get">
  <label>Förbund <input type="text" name="forbund" value="{{ forbund }}"></label>
  <label>Year <input type="text" name="year" value="{{ year }}" size="6"></label>
  <input type="submit" value="Show">
</form>
{% if message %}<p class="message-error">{{ message }}</p>{% endif %}
<div class="samarkiv-chart">{{ svg }}</div>
<table class="rows-and-columns">
  <thead><tr><th>förbund</th><th>year</th><th>measure</th><th>flow</th><th>sek</th><th>amounts</th></tr></thead>
  <tbody>{% for r in rows %}
    <tr><td>{{ r.forbund }}</td><td>{{ r.year }}</td><td>{{ r.measure }}</td><td>{{ r.flow or "" }}</td>
        <td style="white-space: nowrap">{{ r.sek }}</td><td>{{ r.amounts }}</td></tr>{% endfor %}
  </tbody>
</table>
<p><a href="{{ table_url }}">The amount lines behind these sums</a></p>
{% endblock %}
"""


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    # Belt and braces over Datasette's mode=ro: even its write connection cannot change the archive.
    if database == DATABASE:
        conn.execute("PRAGMA query_only = 1")


def _link(href: str, label: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, label)


def _sek(value: int) -> Markup:
    # A figure is not broken across lines at its thousands spaces.
    return Markup('<span style="white-space: nowrap">{}</span>').format(format_sek(value))


def page_url(datasette: Any, document_id: object, number: object, span: tuple[object, object] | None = None) -> str:
    """The page view of page `number` of a document, with a fact's span marked when given."""
    path = datasette.urls.path(f"{PAGE_PATH}/{document_id}/{number}")
    if span is None or span[0] is None or span[1] is None:
        return str(path)
    return f"{path}?{urlencode({'start': span[0], 'end': span[1]})}"


def page_text_url(datasette: Any, document_id: object, number: object) -> str:
    """The canned query that shows a page's text, normalized and as read."""
    return f"{datasette.urls.query(DATABASE, 'page')}?{urlencode({'document_id': document_id, 'number': number})}"


def _page_link(datasette: Any, row: Any, number: object) -> Markup:
    keys = row.keys()
    span = (row["char_start"], row["char_end"]) if "char_start" in keys and "char_end" in keys else None
    return _link(page_url(datasette, row["document_id"], number, span), number)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if database != DATABASE or value is None:
        return None
    keys = row.keys()
    if column == "page" and "document_id" in keys and row["document_id"] is not None:
        return _page_link(datasette, row, value)
    if table == "pages" and column == "number" and row["document_id"] is not None:
        return _link(page_url(datasette, row["document_id"], value), value)
    if table == "search_index" and column == "ref_id" and row["kind"] in _INDEXED:
        return _link(datasette.urls.row(DATABASE, _INDEXED[row["kind"]], value), value)
    if column == "document_id" and table != "documents":
        # Also where Datasette has no foreign key to follow: queries, the index, a row's own page.
        return _link(datasette.urls.row(DATABASE, "documents", value), value)
    if column == "decision_id" and table is None:
        return _link(datasette.urls.row(DATABASE, "decisions", value), value)
    if column == "amounts" and table in (None, "decisions", "decisions_by_forbund") and isinstance(value, str):
        try:
            figures = json.loads(value)
        except ValueError:
            return None
        if isinstance(figures, list) and all(isinstance(v, int) for v in figures):
            return Markup(", ").join(_sek(v) for v in figures)
        return None
    if column in _SEK_COLUMNS.get(table, ()) and isinstance(value, int):
        return _sek(value)
    if column in ("text", "raw_text") and table is None and "page_number" in keys:
        return Markup('<div style="white-space: pre-wrap">{}</div>').format(value)
    return None


_engines: dict[str, Engine] = {}
# Compiled once per Datasette: compiling a page's template takes longer than rendering it.
_templates: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _template(datasette: Any, source: str) -> Any:
    compiled = _templates.setdefault(datasette.jinja_env, {})
    if source not in compiled:
        compiled[source] = datasette.jinja_env.from_string(source)
    return compiled[source]


def _read_only_engine(path: str) -> Engine:
    """An SQLAlchemy engine on the archive file that can only read (for the store's Python queries)."""
    if path not in _engines:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")

        @event.listens_for(engine, "connect")
        def _query_only(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA query_only = 1")

        _engines[path] = engine
    return _engines[path]


def _totals(path: str, forbund: str, year: str) -> list[dict[str, Any]]:
    filters = Filters(forbund=forbund or None, year=int(year) if year.isdigit() else None)
    with Session(_read_only_engine(path)) as session:
        return amount_totals(session, filters)


async def amounts_chart(datasette: Any, request: Any) -> Response:
    forbund = request.args.get("forbund", "").strip()
    year = request.args.get("year", "").strip()
    db = datasette.get_database(DATABASE)
    message = ""
    try:
        # The store's own sums, the same as `samarkiv amounts --by forbund,year`, off the event loop.
        rows = await db.execute_fn(lambda _conn: _totals(db.path, forbund, year))
    except SamarkivError as exc:  # a förbund that matches nothing names the close matches
        rows, message = [], str(exc)
    table_url = datasette.urls.query(DATABASE, "amount_lines") + "?" + urlencode(
        {"forbund": forbund, "year": year, "measure": ""})
    template = _template(datasette, _CHART_TEMPLATE)
    html = await datasette.render_template(template, {
        "explanation": EXPLANATION,
        "svg": Markup(amounts_chart_svg(rows)),
        "rows": [{**r, "sek": format_sek(r["sek"])} for r in rows],
        "message": message,
        "forbund": forbund,
        "year": year,
        "chart_path": CHART_PATH,
        "table_url": table_url,
    }, request=request)
    return Response.html(html)


_PAGE_TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ view.source }}, page {{ view.page }}{% endblock %}
{% block extra_head %}
<style>
  .samarkiv-page-view { display: flex; gap: 1.5em; align-items: flex-start; }
  .samarkiv-page-image { position: relative; flex: 0 1 62%; max-width: 1200px; line-height: 0;
                         border: 1px solid #bbb; }
  .samarkiv-page-image img { display: block; width: 100%; height: auto; }
  .samarkiv-page-image svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
  .samarkiv-page-image rect { fill: rgba(255, 210, 0, 0.25); stroke: #d00; stroke-width: 2px;
                              vector-effect: non-scaling-stroke; }
  .samarkiv-page-text { flex: 1 1 38%; white-space: pre-wrap; max-height: 85vh; overflow: auto;
                        font-size: 0.9em; }
  .samarkiv-page-text mark { background: #ffd84d; }
</style>
{% endblock %}
{% block content %}
<h1>{{ view.source }}, page {{ view.page }} of {{ view.pages }}</h1>
<p>Document <a href="{{ document_url }}">{{ view.document_id }}</a>{% if view.forbund %}, {{ view.forbund }}{% endif %},
  read by {{ view.method }}{% if view.confidence is not none %} (OCR confidence {{ view.confidence }}){% endif %}.
  <a href="{{ text_url }}">The page's text as read</a>.
  {% if prev_url %}<a href="{{ prev_url }}" rel="prev">Page {{ view.page - 1 }}</a>{% endif %}
  {% if next_url %}<a href="{{ next_url }}" rel="next">Page {{ view.page + 1 }}</a>{% endif %}</p>
{% for message in messages %}<p class="message-warning">{{ message }}</p>{% endfor %}
<div class="samarkiv-page-view">
  {% if image_url %}
  <div class="samarkiv-page-image">
    <img src="{{ image_url }}" alt="Page {{ view.page }} of {{ view.source }}"
         {% if view.size %}width="{{ view.size[0] }}" height="{{ view.size[1] }}"{% endif %}>
    {% if view.size %}
    <svg viewBox="0 0 {{ view.size[0] }} {{ view.size[1] }}" preserveAspectRatio="none" aria-hidden="true">
      {% for r in rectangles %}<rect class="samarkiv-fact" x="{{ r.x }}" y="{{ r.y }}" width="{{ r.width }}"
            height="{{ r.height }}"></rect>{% endfor %}
    </svg>
    {% endif %}
  </div>
  {% endif %}
  <div class="samarkiv-page-text">{{ before }}{% if mark is not none -%}
    <mark id="fact">{{ mark }}</mark>{%- endif %}{{ after }}</div>
</div>
<script>
  // The marked words at a third of the text column's height, and the first outlined word in the
  // middle of the window (the image's size is known before it loads, from its width and height).
  (function () {
    var mark = document.getElementById("fact");
    if (!mark) return;
    var column = mark.closest(".samarkiv-page-text");
    column.scrollTop = mark.offsetTop - column.offsetTop - column.clientHeight / 3;
    var outlined = document.querySelector("rect.samarkiv-fact");
    if (outlined) outlined.scrollIntoView({block: "center"});
  })();
</script>
{% endblock %}
"""

# Rectangles stand this far (points) outside their words, so that the outline leaves the letters clear.
_MARGIN = 1.0


def _archive_path(datasette: Any) -> str:
    return str(datasette.get_database(DATABASE).path)


def _whole(value: str) -> int:
    # The route's pattern admits digits only; a number this long is no row of any archive.
    if len(value) > 40:
        raise NotFound(f"no page or document numbered {value[:40]}…")
    return int(value)


def _messages(view: PageView, kept: bool) -> list[str]:
    messages = []
    if not view.has_image:
        messages.append(f"{view.source} is a {view.document_kind} document: its text is all there is, "
                        "it has no page image.")
    elif not kept:
        messages.append(f"The original of {view.source} (sha256 {view.sha256}) is not kept beside the archive: "
                        "there is no page image to show. Ingesting the file again keeps it.")
    elif view.span is not None and (view.highlight is None or not view.highlight.rectangles):
        messages.append("No word boxes are kept for this page, so its words cannot be outlined; "
                        "samarkiv reprocess --all fills them where the original is kept.")
    if len(view.span_pages) > 1:
        messages.append(f"The span runs over pages {view.span_pages[0]}–{view.span_pages[-1]}; "
                        f"this page shows its part on page {view.page}.")
    return messages


def _original(path: str, found: FoundPage) -> Path | None:
    """The kept original of a document that has page images; None for text or when it is not kept."""
    folder = folder_for(path)
    if not found.has_image or folder is None:
        return None
    originals = Originals(folder)
    return originals.path_for(found.sha256) if originals.has(found.sha256) else None


async def _find_page(datasette: Any, document_id: int, number: int) -> FoundPage:
    try:
        return await datasette.get_database(DATABASE).execute_fn(lambda conn: find_page(conn, document_id, number))
    except PageNotFound as exc:
        raise NotFound(str(exc)) from None


async def page_view_page(datasette: Any, request: Any) -> Response:
    document_id = _whole(request.url_vars["document_id"])
    number = _whole(request.url_vars["page"])
    try:
        span = parse_span(request.args.get("start"), request.args.get("end"))
    except BadSpan as exc:
        raise BadRequest(str(exc)) from None
    path = _archive_path(datasette)
    found = await _find_page(datasette, document_id, number)
    original = _original(path, found)
    cache = _page_cache(datasette, path)
    if original is not None and not cache.holds(found.sha256, number):
        # The page image is rendered while the page is read and goes out: the browser asks for it next.
        asyncio.get_running_loop().run_in_executor(None, _prefetch, cache, found, original)
    try:
        view = await datasette.get_database(DATABASE).execute_fn(lambda conn: page_view(conn, found, span))
    except PageNotFound as exc:
        raise NotFound(str(exc)) from None
    kept = original is not None
    rectangles = []
    if view.highlight is not None and view.size is not None:
        rectangles = [{"x": round(r.x0 - _MARGIN, 1), "y": round(r.top - _MARGIN, 1),
                       "width": round(r.x1 - r.x0 + 2 * _MARGIN, 1), "height": round(r.bottom - r.top + 2 * _MARGIN, 1)}
                      for r in view.highlight.rectangles]
    mark = view.mark
    text = view.text

    def other_page(number: int) -> str:
        # The span goes along to the pages it runs over.
        return page_url(datasette, view.document_id, number, span if number in view.span_pages else None)

    template = _template(datasette, _PAGE_TEMPLATE)
    html = await datasette.render_template(template, {
        "view": view,
        "messages": _messages(view, kept),
        "image_url": datasette.urls.path(f"{PAGE_IMAGE_PATH}/{view.document_id}/{view.page}.jpg") if kept else None,
        "rectangles": rectangles,
        "before": text[:mark[0]] if mark else text,
        "mark": text[mark[0]:mark[1]] if mark else None,
        "after": text[mark[1]:] if mark else "",
        "document_url": datasette.urls.row(DATABASE, "documents", view.document_id),
        "text_url": page_text_url(datasette, view.document_id, view.page),
        "prev_url": other_page(view.page - 1) if view.page > 1 else None,
        "next_url": other_page(view.page + 1) if view.page < view.pages else None,
    }, request=request)
    return Response.html(html)


_caches: dict[tuple[str, int], page_cache.PageCache] = {}


def _page_cache(datasette: Any, path: str) -> page_cache.PageCache:
    """The archive's page cache, one a process: requests for a page being rendered wait for it."""
    config = datasette.plugin_config(PLUGIN) or {}
    key = (path, int(config.get("page_cache_bytes", page_cache.DEFAULT_MAX_BYTES)))
    if key not in _caches:
        _caches[key] = page_cache.PageCache(page_cache.folder_for(path), key[1])
    return _caches[key]


def _prefetch(cache: page_cache.PageCache, found: FoundPage, original: Path) -> None:
    # What goes wrong here goes wrong again, and is answered, when the browser asks for the image.
    with contextlib.suppress(Exception):
        cache.image(found.sha256, found.document_kind, original, found.page)


async def page_image(datasette: Any, request: Any) -> Response:
    document_id = _whole(request.url_vars["document_id"])
    number = _whole(request.url_vars["page"])
    path = _archive_path(datasette)
    found = await _find_page(datasette, document_id, number)
    if not found.has_image:
        raise NotFound(f"{found.source} is a {found.document_kind} document: it has no page image")
    original = _original(path, found)
    if original is None:
        raise NotFound(f"the original of {found.source} (sha256 {found.sha256}) is not kept beside the archive")
    cache = _page_cache(datasette, path)
    # The page view has most often started rendering the page: its image is awaited, not a thread's.
    rendering = cache.rendering(found.sha256, number)
    if rendering is not None:
        data = await asyncio.wrap_future(rendering)
    else:
        # Rendering takes a core for milliseconds: off the event loop.
        data = await asyncio.to_thread(cache.image, found.sha256, found.document_kind, original, number)
    # A page's image changes only when its document is replaced by other bytes under the same id.
    return Response(data, content_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [(f"^{CHART_PATH}$", amounts_chart),
            (f"^{PAGE_PATH}/(?P<document_id>[0-9]+)/(?P<page>[0-9]+)$", page_view_page),
            (f"^{PAGE_IMAGE_PATH}/(?P<document_id>[0-9]+)/(?P<page>[0-9]+)\\.jpg$", page_image)]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path(CHART_PATH), "label": "Amounts chart"}]

