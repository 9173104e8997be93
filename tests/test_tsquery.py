"""The search syntax on PostgreSQL: FTS5-style queries rebuilt as tsquery SQL with bound words."""

from __future__ import annotations

import pytest

from samarkiv.store.tsquery import QuerySyntaxError, to_tsquery


def test_words_are_bound_parameters_joined_by_and() -> None:
    q = to_tsquery("budget 2021")
    assert q.sql == "(plainto_tsquery('swedish', :q0) && plainto_tsquery('swedish', :q1))"
    assert q.params == {"q0": "budget", "q1": "2021"}


def test_a_prefix_becomes_a_prefix_lexeme() -> None:
    q = to_tsquery("förläng*")
    assert q.sql == "to_tsquery('swedish', :q0)"
    assert q.params == {"q0": "förläng:*"}


def test_phrases_or_not_and_parentheses() -> None:
    q = to_tsquery('"egna kapitalet" OR (år NOT budget)')
    assert q.sql == ("(phraseto_tsquery('swedish', :q0) || "
                     "((plainto_tsquery('swedish', :q1) && !!plainto_tsquery('swedish', :q2))))")
    assert q.params == {"q0": "egna kapitalet", "q1": "år", "q2": "budget"}


def test_tsquery_operators_typed_by_a_user_are_not_operators() -> None:
    # A plain word goes to plainto_tsquery, which reads no operators; a prefix keeps only its letters.
    assert to_tsquery("a&b|!c").params == {"q0": "a&b|!c"}
    assert to_tsquery("a&b|!c*").params == {"q0": "a & b & c:*"}


@pytest.mark.parametrize("query", ['"unclosed', "(budget", "budget OR", "AND", "", "*"])
def test_malformed_queries_are_refused(query: str) -> None:
    with pytest.raises(QuerySyntaxError):
        to_tsquery(query)
