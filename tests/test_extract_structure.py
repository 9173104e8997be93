"""The document-structure step: heading zones, § headings, decision blocks and people in the
layouts Swedish minutes come in. Each test is a line or a few lines of the genre, written for the
test, and the structure or fact that must come out of them.
"""

from __future__ import annotations

from samarkiv.extract import extract_record
from samarkiv.extract.items import agenda_headings, paragraph_headings
from samarkiv.extract.layout import lines_of
from samarkiv.extract.structure import logical_lines, structure_of
from samarkiv.ingest import Method, Page
from samarkiv.normalize import normalize_pages


def record(text: str):
    return extract_record(normalize_pages([Page(1, text, Method.PLAIN)]))


MINUTES = """ÖSTHAMMARS KOMMUN                SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen
Datum 2007-03-12

Plats och tid    Kommunhuset, Stora salen, kl 13.00-16.10

Beslutande       Anna Lindqvist (c), ordförande
                 Per Holm (s), 1:e vice ordförande
                 Karin Berg (m)
                 Olof Sjöberg (kd)
                 Eva Nyström (s) tjänstgörande ersättare för Lars Ek (s)

Ej beslutande    Maria Falk (fp)

Övriga deltagande Kommunchef Jonas Ahl
                 Sekreterare Lena Ström

Utses att justera Karin Berg

Sekreterare      ……………………………
                 Lena Ström

Ordförande       ……………………………
                 Anna Lindqvist

Justerande       ……………………………          ……………………………
                 Karin Berg                     Olof Sjöberg

KS § 1   DNR: KS 2007/12
Val av justerare

Kommunstyrelsens beslut
Kommunstyrelsen utser Karin Berg och Olof Sjöberg att justera protokollet.

KS § 2   DNR: KS 2007/3
Budget 2007

Förvaltningens förslag till beslut
Kommunstyrelsen föreslås godkänna budgeten.

Kommunstyrelsens beslut
Kommunstyrelsen godkänner budgeten för 2007. Rättelse av § 1 görs enligt 6 kap. 11 § kommunallagen.
"""


def test_a_kommun_letterhead_in_capitals_is_the_producer() -> None:
    assert record(MINUTES).forbund == "Östhammars kommun"


def test_a_kommunstyrelse_protokoll_of_the_standard_layout() -> None:
    r = record(MINUTES)
    assert [p.type for p in r.parts] == ["protokoll"]
    assert [i.number for i in r.items] == ["1", "2"]
    names = {p.name for p in r.people}
    assert {"Anna Lindqvist", "Per Holm", "Karin Berg", "Olof Sjöberg", "Eva Nyström", "Maria Falk"} <= names
    groups = {p.name: p.group for p in r.people}
    assert groups["Maria Falk"] == "ovriga"
    assert groups["Lars Ek"] == "franvarande"
    assert r.signatories.ordforande == "Anna Lindqvist"
    assert r.signatories.sekreterare == "Lena Ström"
    assert list(r.signatories.justerare) == ["Karin Berg", "Olof Sjöberg"]
    assert [(d.paragraph, d.kind) for d in r.decisions] == [("1", "elect"), ("2", "approve")]
    assert r.decisions[1].text.startswith("Kommunstyrelsen godkänner budgeten för 2007.")


def test_the_party_in_any_case_and_the_role_after_the_name() -> None:
    people = {p.name: p for p in record(MINUTES).people}
    assert people["Anna Lindqvist"].organisation == "C"
    assert people["Anna Lindqvist"].role == "ordförande"
    assert people["Per Holm"].role == "1:e vice ordförande"


def test_a_kallelse_mentioned_inside_a_protokoll_keeps_it_a_protokoll() -> None:
    text = MINUTES.replace("Budget 2007\n", "Budget 2007\n\nKallelse till mötet skickades ut den 1 mars.\n")
    assert [p.type for p in record(text).parts] == ["protokoll"]


def test_label_and_value_on_one_line_or_on_the_lines_below() -> None:
    same = "Protokoll\n\nBeslutande: Anna Ek (S), Bo Lind (M)\nSekreterare: Cecilia Ny\n\n§ 1 Mötets öppnande\n"
    below = "Protokoll\n\nBeslutande:\nAnna Ek (S)\nBo Lind (M)\n\nSekreterare:\nCecilia Ny\n\n§ 1 Mötets öppnande\n"
    for text in (same, below):
        r = record(text)
        assert {p.name for p in r.people} >= {"Anna Ek", "Bo Lind"}, text
        assert r.signatories.sekreterare == "Cecilia Ny"


def test_a_two_column_form_read_label_column_first() -> None:
    text = ("Protokoll\n\nPlats och tid\n\nBeslutande\n\nPlats och tid för justering\n\nSekreterare\n\nOrdförande\n\n"
            "Justerare\n\nRådhuset, kl 18.00\n\nLedamöter\n\nAnna Ek (S), ordförande\nBo Lind (M)\nCarl Moberg (C)\n\n"
            "Digital justering, 2023-02-03\n\nDina Sund\n\nAnna Ek (S)\n\nBo Lind (M)\n\n§ 1 Mötets öppnande\n")
    signed = record(text).signatories
    assert (signed.sekreterare, signed.ordforande, signed.justerare) == ("Dina Sund", "Anna Ek", ("Bo Lind",))


def test_labels_printed_in_a_row_take_the_names_that_follow_in_order() -> None:
    text = ("1 Plats och tid Beslutande Stadshuset den 13 april 2012 kl 13.00 Anna Ek, ordförande, Skara kommun "
            "Bo Lind, ledamot, Ersättare Cia Berg, ersättare Anmält förhinder Dan Ek, ledamot Paragrafer "
            "Underskrifter Ordförande Justerare Sekreterare Anna Ek Bo Lind Eva Sjö ANSLAG/BEVIS Organ "
            "Styrelsen Sammanträdesdatum den 13 april 2012 " + "Utfyllnad utan betydelse. " * 10)
    r = record(text)
    assert r.parts[0].type == "protokoll"
    assert (r.signatories.ordforande, r.signatories.justerare, r.signatories.sekreterare) == (
        "Anna Ek", ("Bo Lind",), "Eva Sjö")
    assert {"Anna Ek", "Bo Lind", "Cia Berg", "Dan Ek"} <= {p.name for p in r.people}


def test_a_flattened_page_is_cut_at_labels_and_paragraph_headings() -> None:
    text = ("Protokoll Plats och tid Rådhuset kl 9.00 Beslutande Anna Ek (S), Bo Lind (M) Sekreterare Cia Berg "
            "§ 12 Dnr KS 2020/1 Val av justerare Beslut Styrelsen utser Bo Lind att justera protokollet. "
            "§ 13 Budget 2021 Beslut Styrelsen godkänner budgeten. Styrelsen beslutar att paragrafen justeras "
            "omedelbart. Beslutsunderlag Tjänsteskrivelse 2020-11-01 enligt § 4 i reglementet.")
    starts = [ln.text.split()[0] for ln in logical_lines(text)]
    assert starts == ["Protokoll", "Plats", "Beslutande", "Sekreterare", "§", "Beslut", "§", "Beslut",
                      "Beslutsunderlag"]
    r = record(text)
    assert [i.number for i in r.items] == ["12", "13"]
    assert [(d.paragraph, d.kind) for d in r.decisions] == [("12", "elect"), ("13", "approve"), ("13", "other")]


def test_paragraph_headings_of_every_body() -> None:
    text = ("KS § 12 Dnr KS 2024/7\nVal av justerare\n\nKs §13 Budget\n\nAU § 86 Yttrande\n\n§87. Revision\n\n"
            "Paragraf 88 Övrigt\n\nrättelse av § 72 gjordes\nenligt 6 kap. 11 § kommunallagen\n")
    assert [(h.number, h.title) for h in paragraph_headings(lines_of(text))] == [
        ("12", "Val av justerare"), ("13", "Budget"), ("86", "Yttrande"), ("87", "Revision"), ("88", "Övrigt")]


def test_headings_with_a_bodys_letters_and_no_sign_in_a_run() -> None:
    text = "FHR 29 Val av justerare\nFHR 30 Dagordning\nFHR 31 Budget\n\nSE 2 Text som inte är en rubrik\n"
    assert [h.number for h in paragraph_headings(lines_of(text))] == ["29", "30", "31"]


def test_a_paragraph_reference_in_a_list_of_documents_is_no_heading() -> None:
    text = ("§ 40 Dnr 1\nFörsta\n\n§ 41 Dnr 2\nAndra\n\nBeslutsunderlag\nKommunstyrelsen 2019-05-28,\n"
            "§ 133 Tidigare beslut\n\n§ 42 Dnr 3\nTredje\n")
    assert [h.number for h in paragraph_headings(lines_of(text))] == ["40", "41", "42"]


def test_table_of_contents_entries_on_two_lines_are_not_sections() -> None:
    text = ("Innehåll\n\n§ 5 Dnr A-1\nBudget för året ........................ 3\n\n§ 6 Dnr A-2\nEn lång titel som\n"
            "fortsätter här ...................... 4\n\n§ 5 Dnr A-1\nBudget för året\n\nBeslut\nNämnden godkänner.\n")
    heads = paragraph_headings(lines_of(text))
    assert [(h.number, h.toc) for h in heads] == [("5", True), ("6", True), ("5", False)]


def test_agenda_points_numbered_every_way() -> None:
    text = "1) Mötets öppnande\n2) Val av justerare\nÄrende 3 Budget 2021\n| 4. | Övriga frågor | Dnr 1 |  |\n"
    assert [h.number for h in agenda_headings(lines_of(text))] == ["1", "2", "3", "4"]


def test_decision_blocks_of_any_body() -> None:
    for heading, subject in (("Beslut", "Nämnden"), ("Styrelsens beslut", "Styrelsen"),
                             ("Nämndens beslut", "Nämnden"), ("Arbetsutskottets beslut", "Arbetsutskottet"),
                             ("Kommunfullmäktiges beslut", "Kommunfullmäktige")):
        text = (f"Protokoll\n\n§ 4 Taxa\n\n{heading}\n{subject} fastställer taxan.\n\n"
                "Beslutsgång\nOrdföranden finner bifall.\n")
        decisions = record(text).decisions
        assert [(d.paragraph, d.kind, d.text) for d in decisions] == [("4", "approve", f"{subject} fastställer taxan.")]


def test_proposals_by_others_are_not_decisions() -> None:
    text = ("Protokoll\n\n§ 4 Taxa\n\nFörvaltningens förslag till beslut\nNämnden föreslås fastställa taxan.\n\n"
            "Förslag till beslut på sammanträdet\nAnna Ek (S) yrkar avslag.\n\nBeslut\nNämnden fastställer taxan.\n")
    assert [d.text for d in record(text).decisions] == ["Nämnden fastställer taxan."]


def test_an_utskotts_proposal_to_the_board_is_what_it_decided() -> None:
    text = ("KOMMUNSTYRELSENS ARBETSUTSKOTT\nProtokoll\n\n§ 9 Dnr 1\nPlanbesked\n\n"
            "Förslag till beslut i kommunstyrelsen\nKommunstyrelsen lämnar besked att kommunen inte avser att "
            "pröva åtgärden.\n\nFörslag till beslut på sammanträdet\nBo Lind (M) yrkar bifall.\n")
    assert [(d.paragraph, d.kind) for d in record(text).decisions] == [("9", "reject")]
    board = text.replace("KOMMUNSTYRELSENS ARBETSUTSKOTT\n", "KOMMUNSTYRELSEN\n")
    assert record(board).decisions == ()


def test_later_points_of_a_decision_block_and_what_is_not_a_point() -> None:
    text = ("Protokoll\n\n§ 75 Uppföljning\n\nBeslut\nNämnden godkänner uppföljningen.\n\n"
            "Resultatet för perioden är +6,2 miljoner kronor.\n\nNämnden förklarar paragrafen omedelbart justerad.\n")
    assert [d.text for d in record(text).decisions] == ["Nämnden godkänner uppföljningen."]
    text = ("Protokoll\n\n§ 75 Uppföljning\n\nBeslut\nNämnden godkänner uppföljningen.\n\n"
            "Nämnden förklarar paragrafen omedelbart justerad.\n\nAnna Ek (S) deltar inte i beslutet.\n")
    assert [(d.kind, d.text) for d in record(text).decisions] == [
        ("approve", "Nämnden godkänner uppföljningen."), ("other", "Nämnden förklarar paragrafen omedelbart justerad.")]


def test_a_protokoll_without_paragraph_headings_is_warned() -> None:
    text = "Protokoll\n\nBeslutande: Anna Ek (S)\n\nMötet öppnades och avslutades.\n"
    assert structure_of(text).warnings == ("protokoll without § headings",)
    assert record(text).parts[0].type == "protokoll"


def test_paragraph_numbers_that_lost_their_sign_are_read_from_their_run() -> None:
    text = ("Plats och tid Beslutande Rådhuset den 2 maj 2012 Anna Ek, ordförande Justerare Sekreterare "
            "Anna Ek Bo Lind Underskrifter " + "Fyllnad. " * 30 + "\f2 382 Mötets öppnande Ordföranden öppnade mötet. "
            "383 Fastställande av dagordning Den föreliggande dagordningen fastställdes. 384 Val av justerare "
            "Bo Lind valdes att justera protokollet.")
    r = record(text)
    assert [i.number for i in r.items] == ["382", "383", "384"]
    assert [(d.paragraph, d.kind) for d in r.decisions] == [("383", "approve"), ("384", "elect")]


def test_the_producer_of_every_kind_of_author() -> None:
    cases = {
        "REGION HALLAND\nRegionstyrelsen\nProtokoll 2023-01-01\n": "Region Halland",
        "Försäkringskassan\nRapport\n\nText om samverkan.\n": "Försäkringskassan",
        "Finnvedens samordningsförbunds logga\n\nStyrelsemötet 210527\n": "Finnvedens samordningsförbund",
        "Protokoll\n\nSamordningsförbundet Nordanvind Sammanträdesdatum 2022-01-10\n":
            "Samordningsförbundet Nordanvind",
    }
    for text, producer in cases.items():
        assert record(text).forbund == producer, text


def test_a_news_item_records_the_meetings_it_tells_of() -> None:
    text = ("Styrelsemötet 210527\n\nStyrelsen beslutade att avvakta. Protokollet från styrelsens möte 210527 är "
            "justerat. Frågan tas upp vid ett extra möte 210621.\n")
    assert [m.date for m in record(text).meetings] == ["2021-05-27"]


def test_figures_in_prose_as_reports_and_news_write_them() -> None:
    text = ("Hittills i år har 31 kvinnor och 24 män deltagit. Drygt 40 procent av deltagarna gick vidare till "
            "arbete eller studier. Av 120 avslutade gick 40 till arbete.\n")
    got = [(o.category, o.count, o.share) for o in record(text).outcomes]
    assert got == [("kvinnor", 31, None), ("man", 24, None), ("arbete_studier", None, 0.4), ("avslutade", 120, None),
                   ("arbete", 40, None)]


def test_amounts_in_words_as_prose_writes_them() -> None:
    text = "Rapport\n\nFörbundet fick 1,5 miljoner kronor, 8,1 mkr och en avgift på 2 m.kr. Utfallet blev – 0,75 mkr.\n"
    assert [a.value for a in record(text).amounts] == [1_500_000, 8_100_000, 2_000_000, -750_000]


def test_att_clauses_under_a_lead_in_are_decided_points() -> None:
    text = ("Protokoll\n\n§ 8 Budget\n\nKommunstyrelsens beslut\nKommunstyrelsen beslutar\n\n"
            "att anta budgeten för 2008,\n\natt ge förvaltningen i uppdrag att återkomma i maj.\n")
    assert [(d.kind, d.text) for d in record(text).decisions] == [
        ("approve", "Kommunstyrelsen beslutar att anta budgeten för 2008,"),
        ("assign", "Kommunstyrelsen beslutar att ge förvaltningen i uppdrag att återkomma i maj.")]


def test_decision_sentences_without_a_decision_block() -> None:
    text = ("Protokoll\n\n§ 1 Dagordning\n\nDagordningen godkänns.\n\n§ 2 Rapport\n\nFörbundschefen rapporterade. "
            "Styrelsen beslutade att lägga rapporten till handlingarna.\n")
    assert [(d.paragraph, d.kind) for d in record(text).decisions] == [("1", "approve"), ("2", "note")]


def test_a_narvarolista_table() -> None:
    text = ("Protokoll\n\nSammanträdesdatum 2019-05-02\n\n§ 1 Mötets öppnande\n\nOrdföranden öppnade mötet.\n\n"
            "Närvarolista\n| Namn | Parti | Roll | Närvaro |\n| --- | --- | --- | --- |\n"
            "| Anna Ek | S | Ordförande | 1 |\n"
            "| Bo Lind | M | Ledamot | - |\n| Dan Ström | KD | Ersättare | 1 |\n")
    people = {p.name: (p.group, p.role, p.organisation) for p in record(text).people}
    assert people == {"Anna Ek": ("beslutande", "ordförande", "S"), "Bo Lind": ("franvarande", "ledamot", "M"),
                      "Dan Ström": ("beslutande", "ersättare", "KD")}


def test_an_attached_paragraph_extract_is_minutes() -> None:
    text = ("Verksamhetsberättelse 2019\n\nFörbundet har haft ett bra år.\n\nBilaga 1\n\nProtokollsutdrag\n\n"
            "§ 14 Verksamhetsberättelse\n\nBeslut\nStyrelsen godkänner verksamhetsberättelsen.\n")
    r = record(text)
    assert [p.type for p in r.parts] == ["verksamhetsberattelse", "protokoll"]
    assert [(d.paragraph, d.kind) for d in r.decisions] == [("14", "approve")]
