"""The Datasette plugin behind `samarkiv serve`: keeps every connection to the archive read-only,
turns ids and page numbers into links to the document, the fact and the page text, writes
amounts as Swedish SEK figures, and serves the amounts chart as a server-rendered SVG page.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from samarkiv.browse import CHART_PATH, DATABASE, EXPLANATION
from samarkiv.chart import amounts_chart_svg, format_sek
from samarkiv.errors import SamarkivError
from samarkiv.store.query import Filters, amount_totals

NAME = "samarkiv-browse"

# The fact a search_index row points at, by its kind.
_INDEXED = {"decision": "decisions", "item": "items", "page": "pages"}
# Columns in whole SEK: of the amounts table, and of the canned queries' results.
_SEK_COLUMNS = {"amounts": {"value", "value_max"}, None: {"value"}}

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


def _page_link(datasette: Any, document_id: object, number: object) -> Markup:
    query = urlencode({"document_id": document_id, "number": number})
    return _link(f"{datasette.urls.query(DATABASE, 'page')}?{query}", number)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if database != DATABASE or value is None:
        return None
    keys = row.keys()
    if column == "page" and "document_id" in keys and row["document_id"] is not None:
        return _page_link(datasette, row["document_id"], value)
    if table == "search_index" and column == "ref_id" and row["kind"] in _INDEXED:
        return _link(datasette.urls.row(DATABASE, _INDEXED[row["kind"]], value), value)
    if column == "document_id" and table != "documents":
        # Also where Datasette has no foreign key to follow: queries, the index, a row's own page.
        return _link(datasette.urls.row(DATABASE, "documents", value), value)
    if column == "decision_id" and table is None:
        return _link(datasette.urls.row(DATABASE, "decisions", value), value)
    if column == "amounts" and table in (None, "decisions") and isinstance(value, str):
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
    template = datasette.jinja_env.from_string(_CHART_TEMPLATE)
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


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [(f"^{CHART_PATH}$", amounts_chart)]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path(CHART_PATH), "label": "Amounts chart"}]

