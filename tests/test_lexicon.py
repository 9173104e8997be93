"""The Swedish lexicon that OCR repair reads words by: wordfreq's list as Zipf values, read from
wordfreq's file directly, and gazetteer names as common words."""

from __future__ import annotations

import math
import re

from wordfreq import get_frequency_dict, get_frequency_list

from samarkiv.normalize import lexicon as lexicon_module
from samarkiv.normalize.lexicon import lexicon


def test_the_word_list_read_directly_is_wordfreqs() -> None:
    assert lexicon_module._swedish_buckets() == get_frequency_list("sv")


def test_zipf_values_are_wordfreqs_rounded() -> None:
    word = re.compile(r"^[^\W\d_]+$")
    expected = {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict("sv").items() if word.match(w)}
    assert lexicon_module._frequency_zipfs() == expected


def test_common_words_and_gazetteer_names() -> None:
    lex = lexicon()
    assert lex.zipf("och") > 7.0
    assert lex.zipf("kommunstyrelsen") > 3.0
    assert lex.zipf("åstorps") >= lexicon_module.NAME_ZIPF
    assert lex.zipf("xqzvw") == 0.0
    assert lex.has_prefix("samordnings") and not lex.has_prefix("xqzv")


def test_the_word_table_read_back_from_the_cache_is_the_one_built(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = lexicon.__wrapped__()
    assert len(list((tmp_path / "samarkiv").glob("lexicon-*.marshal"))) == 1
    read_back = lexicon.__wrapped__()
    assert read_back.zipfs == built.zipfs and list(read_back.zipfs) == list(built.zipfs)
    assert read_back.sorted_words == sorted(built.zipfs)
    assert read_back.names == built.names and read_back.plain_names == built.plain_names


def test_an_unreadable_cache_is_built_anew(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = lexicon.__wrapped__()
    for kept in (tmp_path / "samarkiv").glob("lexicon-*.marshal"):
        kept.write_bytes(b"\x00not marshal")
    assert lexicon.__wrapped__().zipfs == built.zipfs
