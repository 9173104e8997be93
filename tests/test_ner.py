"""The shipped Swedish NER model on sentences it was not trained on: people with roles,
gazetteer organisations labelled by the EntityRuler, places, Swedish letters in spans, the people
of heading lists in the layouts of minutes, and the held-out scores of the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from samarkiv.extract import ner
from samarkiv.extract.ner import Entity, ModelMissing, entities, person_names
from samarkiv.extract.ruler import FACTORY, GazetteerRuler
from samarkiv.extract.training.rules import RULER_CONFIG

# Floors of the held-out scores of `make model` (extract/training/scores.json), set at what it reaches.
DEV_PER_F1 = 0.97
SEED_PER_F1 = 0.95
TEMPLATES_PER_F1 = 0.90
DEV_GOLD_RECALL = 0.95


def found(text: str) -> set[tuple[str, str]]:
    return {(e.label, e.text) for e in entities(text)}


def test_person_with_role_and_region() -> None:
    text = "Ordförande Ingela Sundström (Region Dalarna) öppnar mötet och hälsar alla välkomna."
    assert found(text) == {("PER", "Ingela Sundström"), ("ORG", "Region Dalarna")}


def test_participant_lines_of_minutes() -> None:
    text = ("Beslutande Karl-Johan Öst, ledamot, Härnösands kommun\n"
            "Göran Wikberg, ersättare, Arbetsförmedlingen")
    assert found(text) == {("PER", "Karl-Johan Öst"), ("ORG", "Härnösands kommun"),
                           ("PER", "Göran Wikberg"), ("ORG", "Arbetsförmedlingen")}


def test_person_in_running_text_with_agency_and_place() -> None:
    text = "Förbundschef Birgitta Åhlén berättar att Försäkringskassan minskar bemanningen i Örnsköldsvik."
    assert found(text) == {("PER", "Birgitta Åhlén"), ("ORG", "Försäkringskassan"), ("LOC", "Örnsköldsvik")}


def test_meeting_place() -> None:
    assert ("LOC", "Sundsvall") in found("Mötet hölls i Stadshuset i Sundsvall den 4 maj 2022.")


def test_a_decision_without_names_has_no_entities() -> None:
    assert found("Styrelsen beslutar att bevilja 250 000 kr till insatsen för 2023.") == set()


def test_entity_ruler_runs_before_the_ner() -> None:
    names = ner.load().pipe_names
    assert names.index("entity_ruler") < names.index("ner")


def test_gazetteer_forms_are_labelled_exactly_with_their_canonical_body() -> None:
    text = "SKL och Inspektionen för vård och omsorg (IVO) har granskat Region Västerbottens rutiner."
    doc = ner.load()(text)
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("SKL", "ORG", "Sveriges Kommuner och Regioner"),
        ("Inspektionen för vård och omsorg", "ORG", "Inspektionen för vård och omsorg"),
        ("IVO", "ORG", "Inspektionen för vård och omsorg"),
        ("Region Västerbottens", "ORG", "Region Västerbotten"),
    ]


def test_swedish_letters_kept_and_offsets_point_into_the_text() -> None:
    text = "Justerare: Åsa Öhrström, Älvsbyns kommun. Mötet hölls i Östersund."
    result = entities(text)
    assert Entity("PER", 11, 23, "Åsa Öhrström") in result
    assert ("ORG", "Älvsbyns kommun") in {(e.label, e.text) for e in result}
    assert ("LOC", "Östersund") in {(e.label, e.text) for e in result}
    assert all(text[e.start:e.end] == e.text for e in result)


def test_missing_model_names_the_command_that_builds_it(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setattr(ner.resources, "files", lambda package: tmp_path)
    with pytest.raises(ModelMissing, match="make model"):
        ner.load.__wrapped__()


def people(text: str) -> list[str]:
    return [e.text for e in person_names(text)]


def test_person_names_gives_people_only_with_offsets_into_the_text() -> None:
    text = "Ordförande Ingela Sundström (Region Dalarna) öppnar mötet i Falun."
    result = person_names(text)
    assert result == [Entity("PER", 11, 27, "Ingela Sundström")]


def test_heading_list_with_party_in_parentheses_in_any_case() -> None:
    text = ("Beslutande Karin Ljungberg (S), ordförande\n"
            "Tomas Ekman (kd), 1:e vice ordförande\n"
            "Leila Haddad (M)\n"
            "Per-Erik Brink (c)")
    assert people(text) == ["Karin Ljungberg", "Tomas Ekman", "Leila Haddad", "Per-Erik Brink"]


def test_two_columns_interleaved_on_one_line() -> None:
    text = ("Beslutande    Ledamöter                     Tjänstgörande ersättare\n"
            "Ingvar Holm (C), ordförande   Siv Åkerlund (S) tjänstgör för\n"
            "Rune Sjödin (M)               Elsa Nordin (S)")
    assert people(text) == ["Ingvar Holm", "Siv Åkerlund", "Rune Sjödin", "Elsa Nordin"]


def test_flattened_list_with_commas() -> None:
    text = ("Närvarande ledamöter: Maja Forsgren (V), Olle Brink (SD), Sara Lindholm (MP) "
            "och Jonas Ekdahl (L). Övriga deltagande: Anders Wik, förbundschef.")
    assert people(text) == ["Maja Forsgren", "Olle Brink", "Sara Lindholm", "Jonas Ekdahl", "Anders Wik"]


def test_name_and_role_lines() -> None:
    text = "Övriga närvarande\nLena Sjöholm, förbundschef\nErik Svanberg, ekonom\nAnna Kask, sekreterare"
    assert people(text) == ["Lena Sjöholm", "Erik Svanberg", "Anna Kask"]


def test_glued_table_cells_are_split_into_words() -> None:
    doc = ner.load().make_doc("SollentunaKerstin BrandtOla Hedman")
    assert [t.text for t in doc] == ["Sollentuna", "Kerstin", "Brandt", "Ola", "Hedman"]
    assert [t.text for t in ner.load().make_doc("FoU SoF iPhone")] == ["FoU", "SoF", "iPhone"]


def test_heldout_scores_meet_their_floors() -> None:
    scores = json.loads((Path(ner.__file__).parent / "training" / "scores.json").read_text("utf-8"))
    heldout = scores["heldout"]
    assert heldout["dev_documents"]["ruler_and_ner"]["PER"]["f"] >= DEV_PER_F1
    assert heldout["dev_documents"]["ner_only"]["PER"]["f"] >= DEV_PER_F1
    assert heldout["seed_document"]["ruler_and_ner"]["PER"]["f"] >= SEED_PER_F1
    assert heldout["templates"]["ruler_and_ner"]["PER"]["f"] >= TEMPLATES_PER_F1
    found = scores["dev_gold_people_found_by_ner"]
    assert found["found"] / found["names"] >= DEV_GOLD_RECALL


def test_abbreviations_are_matched_in_their_own_case_only() -> None:
    nlp = ner.load()
    ruler = nlp.get_pipe("entity_ruler")
    doc = ruler(nlp.make_doc("Frågan har skickats till IVO och till ivo för kännedom, och till SKL:s kansli."))
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("IVO", "Inspektionen för vård och omsorg"),
                                                        ("SKL:s", "Sveriges Kommuner och Regioner")]


def test_gazetteer_ruler_keeps_its_patterns_on_disk(tmp_path: Path) -> None:
    ruler = ner.load().get_pipe("entity_ruler")
    assert isinstance(ruler, GazetteerRuler)
    ruler.to_disk(tmp_path / "ruler")
    copy = spacy.blank("sv").add_pipe(FACTORY, config=RULER_CONFIG)
    copy.from_disk(tmp_path / "ruler")
    assert len(copy) == len(ruler)
    text = "Region Västerbotten och IVO"
    assert [(e.text, e.ent_id_) for e in copy(copy.nlp.make_doc(text)).ents] == [
        ("Region Västerbotten", "Region Västerbotten"), ("IVO", "Inspektionen för vård och omsorg")]


def test_the_tokenizer_loaded_bare_has_the_rules_of_the_saved_model(monkeypatch: pytest.MonkeyPatch) -> None:
    saved = spacy.load(Path(ner.__file__).parent / "model").tokenizer

    def default_tokenizer_built(*_: object) -> None:
        raise AssertionError("spaCy's default Swedish tokenizer was built")

    # spaCy's default tokenizer starts by compiling the language's prefixes; the bare one never does
    monkeypatch.setattr(spacy.util, "compile_prefix_regex", default_tokenizer_built)
    ner.load.cache_clear()
    try:
        loaded = ner.load().tokenizer
    finally:
        ner.load.cache_clear()
    monkeypatch.undo()
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert getattr(loaded, attr).__self__.pattern == getattr(saved, attr).__self__.pattern
    assert loaded.token_match is saved.token_match is None
    assert loaded.rules == saved.rules and loaded.faster_heuristics == saved.faster_heuristics
    text = "Beslut: Kungsbacka kommun:s förslag (bil. 3) godkänns, t.ex. 12,5 % fr.o.m. 2024-01-01."
    assert [t.text for t in loaded(text)] == [t.text for t in saved(text)]


def test_words_read_alone_first_split_a_page_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # A special case early on ("kl.", "t.ex.") is where spaCy stops remembering the page's words.
    text = ("Mötet öppnades kl. 9.00 av ordföranden Vera Lind, t.ex. om budgeten (2024–2025).\n"
            "Förbundsstyrelsen beslutar att godkänna rapporten; bl.a. 1 250 tkr till insatsen Nystart.")
    nlp = ner.load()

    def fresh() -> spacy.tokenizer.Tokenizer:
        return spacy.tokenizer.Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())

    plain = [(t.text, t.whitespace_) for t in fresh()(text)]
    monkeypatch.setattr(ner, "_cached_words", lambda: set())
    tokenizer = fresh()
    assert ner._with_words_cached(tokenizer, text) == text
    assert [(t.text, t.whitespace_) for t in tokenizer(text)] == plain
