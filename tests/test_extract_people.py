"""People in a minutes heading and in a report's member lists; signatories."""

from __future__ import annotations

from samarkiv.extract import extract_record
from samarkiv.extract.people import parse_columns, parse_entry

from .extract_examples import MINUTES, REPORT, as_text


def test_beslutande_with_party_role_and_organisation() -> None:
    people = extract_record(as_text(MINUTES)).people
    first = people[0]
    assert (first.name, first.group, first.role, first.organisation) == (
        "Anna Svensson", "beslutande", "ordförande", "Region Västmanland")
    karin = next(p for p in people if p.name == "Karin Lind")
    assert (karin.role, karin.organisation) == ("ledamot", "Försäkringskassan")


def test_groups_of_the_heading() -> None:
    people = extract_record(as_text(MINUTES)).people
    assert [(p.name, p.group) for p in people] == [
        ("Anna Svensson", "beslutande"), ("Erik Johansson", "beslutande"), ("Karin Lind", "beslutande"),
        ("Maria Berg", "ovriga"), ("Olle Nyström", "ovriga"), ("Olof Ek", "franvarande")]


def test_attendance_note_is_not_part_of_the_organisation() -> None:
    olle = next(p for p in extract_record(as_text(MINUTES)).people if p.name == "Olle Nyström")
    assert (olle.role, olle.organisation) == ("controller", "Region Västmanland")


def test_signatories_from_the_signature_block_and_the_chair() -> None:
    signed = extract_record(as_text(MINUTES)).signatories
    assert (signed.sekreterare, signed.ordforande) == ("Maria Berg", "Anna Svensson")
    assert signed.justerare == ("Karin Lind",)


def test_board_list_in_a_report_takes_its_role_from_the_heading() -> None:
    people = extract_record(as_text(REPORT)).people
    assert [(p.name, p.group, p.role, p.organisation) for p in people] == [
        ("Anna Svensson", "ledamot", "ordförande", "Region Västmanland"),
        ("Erik Johansson", "ledamot", "ledamot", "Västerås kommun")]


def test_list_line_variants() -> None:
    entry = parse_entry("Per Westlund, verksamhetsledare Samverkansteam Kraften Hedemora § 39-40")
    assert entry is not None
    assert (entry.role, entry.organisation) == ("verksamhetsledare", "Samverkansteam Kraften Hedemora")
    entry = parse_entry("Paul Nilsson, områdeschef Activa, Arbete och tillväxt, Åstorps kommun")
    assert entry is not None
    assert (entry.role, entry.organisation) == ("områdeschef Activa, Arbete och tillväxt", "Åstorps kommun")
    assert parse_entry("Ekonomisk uppföljning 190831 och prognos 191231") is None


def test_parallel_columns_of_names_and_organisations() -> None:
    entries = parse_columns("Lisa Ek Jonas Berg Sara Holm",
                            "Sala kommun, ordförande Region Västmanland Försäkringskassan")
    assert [(e.name, e.role, e.organisation) for e in entries] == [
        ("Lisa Ek", "ordförande", "Sala kommun"), ("Jonas Berg", None, "Region Västmanland"),
        ("Sara Holm", None, "Försäkringskassan")]


def test_names_beyond_an_organisation_column_that_ocr_cut_short() -> None:
    entries = parse_columns("Lisa Ek Jonas Berg Sara Holm Per Ås",
                            "Sala kommun, ordförande Region Västmanland Försäkringskassan")
    assert [(e.name, e.organisation) for e in entries] == [
        ("Lisa Ek", "Sala kommun"), ("Jonas Berg", "Region Västmanland"), ("Sara Holm", "Försäkringskassan"),
        ("Per Ås", None)]


def test_two_justerare_and_serving_substitutes() -> None:
    text = ("Protokoll\n\n2022-04-04\n\nBeslutande Eva Ek, ordförande, Sala kommun\n\n"
            "Tjänstgörande ersättare Lars Holm, Region Västmanland\n\n"
            "Ersättare Nils Berg, Försäkringskassan\n\nJusterare\n\n.....\nEva Ek\n.....\nLars Holm\n\n"
            "§ 1 Mötets öppnande\n")
    record = extract_record(as_text(text))
    assert [(p.name, p.group) for p in record.people] == [
        ("Eva Ek", "beslutande"), ("Lars Holm", "beslutande"), ("Nils Berg", "ovriga")]
    assert record.signatories.justerare == ("Eva Ek", "Lars Holm")
