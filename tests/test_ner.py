"""The shipped Swedish NER model on sentences it was not trained on: people with roles,
gazetteer organisations labelled by the EntityRuler, places, and Swedish letters in spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from samarkiv.extract import ner
from samarkiv.extract.ner import Entity, ModelMissing, entities


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
