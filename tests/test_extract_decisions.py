"""Decisions of Beslut sections, passive decision sentences and decisions a report recounts."""

from __future__ import annotations

from samarkiv.extract import extract_record
from samarkiv.extract.decisions import kind_of

from .extract_examples import AGENDA, MINUTES, REPORT, as_text


def decisions(text: str) -> list[tuple[str | None, str, str]]:
    return [(d.paragraph, d.kind, d.text) for d in extract_record(as_text(text)).decisions]


def test_inline_beslut_and_proposal() -> None:
    assert ("12", "approve", "Styrelsen beslutar att anta budget 2022 enligt bilaga.") in decisions(MINUTES)
    assert not any("föreslås" in text for _, _, text in decisions(MINUTES))


def test_each_bullet_is_a_decision_and_empty_bullets_are_ignored() -> None:
    found = [d for d in decisions(MINUTES) if d[0] == "13"]
    assert found == [("13", "elect", "Styrelsen väljer Per Holm till revisor."),
                     ("13", "assign", "Styrelsen ger förbundschefen i uppdrag att teckna avtal med revisionsbyrån.")]


def test_grant_names_its_amounts() -> None:
    (grant,) = [d for d in extract_record(as_text(MINUTES)).decisions if d.paragraph == "14"]
    assert grant.kind == "grant" and grant.amounts == (450_000,)


def test_passive_sentence_without_beslut_heading() -> None:
    assert ("15", "approve", "Rapporten godkändes och lades till handlingarna.") in decisions(MINUTES)
    assert not [d for d in decisions(MINUTES) if d[0] == "16"]


def test_agenda_proposals_are_not_decisions() -> None:
    assert decisions(AGENDA) == []


def test_report_recounts_board_decisions_without_paragraph() -> None:
    found = decisions(REPORT)
    assert (None, "approve", "Beslutad av styrelsen 2021-09-10") in found
    assert (None, "approve", "Styrelsen fastställde den 20 november 2020 en budget för 2021 på 4 100 tkr.") in found


def test_sub_bullets_stay_with_their_decision() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§ 3 Dagordning\n\nBeslut\n\n"
            "- Styrelsen godkänner dagordningen med följande tillägg:\n  - information om lokaler\n"
            "  - rapport från kansliet\n- Punkten om konferensen utgår\n")
    assert decisions(text) == [
        ("3", "approve", "Styrelsen godkänner dagordningen med följande tillägg: - information om lokaler "
                         "- rapport från kansliet"),
        ("3", "other", "Punkten om konferensen utgår")]


def test_thanks_and_a_task_are_two_decisions() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§ 9 Information\n\nBeslut\n\n"
            "Styrelsen tackar för informationen och beslutar att förbundschefen tar fram ett underlag.\n")
    assert [kind for _, kind, _ in decisions(text)] == ["note", "assign"]


def test_kinds_from_the_verb() -> None:
    assert kind_of("Styrelsen beslutar att godkänna dagordningen.") == "approve"
    assert kind_of("Styrelsen beslutar att bevilja projektet 200 000 kr.") == "grant"
    assert kind_of("Styrelsen avslår ansökan.") == "reject"
    assert kind_of("Styrelsen bifaller inte förslaget.") == "reject"
    assert kind_of("Ärendet bordläggs till nästa möte.") == "table"
    assert kind_of("Styrelsen tackar för informationen.") == "note"
    assert kind_of("Lena Ek utses till justerare.") == "elect"
    assert kind_of("Förbundschefen får i uppdrag att återkomma.") == "assign"
    assert kind_of("Styrelsen väljer att avstå från studien.") == "other"


def test_sub_points_whose_indentation_ocr_lost_stay_with_the_point_that_lists_them() -> None:
    text = ("Protokoll\n\n2021-02-02\n\n§ 5 Firmateckning\n\nBeslut\n\n"
            "- Följande personer tecknar firma för förbundet:\n- Ordförande Eva Ek och vice ordförande Per Ås\n"
            "-\tinformation\tom\tförbundets\tnya\tfirmatecknare\n"
            "- Beslutet gäller från 2021-03-01\n- Paragrafen justeras omedelbart\n")
    assert decisions(text) == [
        ("5", "other", "Följande personer tecknar firma för förbundet: - Ordförande Eva Ek och vice ordförande "
                       "Per Ås - information om förbundets nya firmatecknare"),
        ("5", "other", "Beslutet gäller från 2021-03-01"), ("5", "other", "Paragrafen justeras omedelbart")]


def test_report_decision_on_a_line_whose_blank_line_ocr_lost() -> None:
    text = ("Tertialrapport maj - augusti 2021\nBeslutad av styrelsen 2021-09-20\nVerksamhetsberättelse tertial 2\n"
            "Förbundet har haft ett lugnt år.\n\nNot 4 Kostnader\nSumma\n640 833 637 500\n"
            "Vi intygar att rapporten ger en rättvisande bild av\nförbundets ekonomiska ställning.\n")
    assert decisions(text) == [
        (None, "approve", "Beslutad av styrelsen 2021-09-20"),
        (None, "approve", "Vi intygar att rapporten ger en rättvisande bild av förbundets ekonomiska ställning.")]
