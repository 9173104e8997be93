"""Full-text search on PostgreSQL with the syntax the CLI takes on SQLite: words, prefixes
(`förläng*`), phrases (`"egna kapitalet"`), `AND`, `OR`, `NOT` and parentheses. A query is parsed
here and rebuilt as a tsquery expression in which every word is a bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CONFIG = "swedish"
"""The text search configuration of the index (migration 0006) and of every query."""

_TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))')
_OPERATORS = {"AND", "OR", "NOT"}


class QuerySyntaxError(ValueError):
    """The text is not a query: an unclosed quote or parenthesis, an operator without operands."""


@dataclass
class TsQuery:
    """A tsquery as SQL (`sql`) with its bound parameters (`params`)."""

    sql: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def leaf(self, function: str, value: str) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return f"{function}('{CONFIG}', :{name})"


def _tokens(query: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    query = query.rstrip()
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None or match.end() == position:
            raise QuerySyntaxError(f"unclosed quote at {query[position:].strip()!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "word" and value in _OPERATORS:
            kind = value
        tokens.append((kind, value))
        position = match.end()
    return tokens


def to_tsquery(query: str) -> TsQuery:
    """The tsquery SQL for an FTS5-style query; raises QuerySyntaxError for a malformed one."""
    tokens = _tokens(query)
    out = TsQuery()
    position = 0

    def peek() -> str | None:
        return tokens[position][0] if position < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal position
        if position >= len(tokens):
            raise QuerySyntaxError("the query ends where a word was expected")
        position += 1
        return tokens[position - 1]

    def term() -> str:
        kind, value = take()
        if kind == "open":
            inner = either()
            if take()[0] != "close":
                raise QuerySyntaxError("a parenthesis is not closed")
            return f"({inner})"
        if kind == "phrase":
            return out.leaf("phraseto_tsquery", value.strip('"'))
        if kind == "word":
            if value.endswith("*"):
                words = re.findall(r"\w+", value)
                if not words:
                    raise QuerySyntaxError(f"no letters before '*' in {value!r}")
                # A prefix is matched against stemmed lexemes, so the prefix is stemmed the same way.
                return out.leaf("to_tsquery", " & ".join(words[:-1] + [words[-1] + ":*"]))
            return out.leaf("plainto_tsquery", value)
        raise QuerySyntaxError(f"{value!r} where a word was expected")

    def both() -> str:
        sql = term()
        while peek() in ("AND", "NOT", "word", "phrase", "open"):
            operator = peek()
            if operator in ("AND", "NOT"):
                take()
            sql = f"({sql} && !!{term()})" if operator == "NOT" else f"({sql} && {term()})"
        return sql

    def either() -> str:
        sql = both()
        while peek() == "OR":
            take()
            sql = f"({sql} || {both()})"
        return sql

    if not tokens:
        raise QuerySyntaxError("the query is empty")
    out.sql = either()
    if position != len(tokens):
        raise QuerySyntaxError(f"unexpected {tokens[position][1]!r}")
    return out
