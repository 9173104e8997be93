"""Minutes as small boards write them, in layouts the seeds and the dev documents do not show:
an attendance column with presence marks, points numbered as an agenda instead of §§, a
signature block closing the minutes, results counted before their verb."""

from __future__ import annotations

from samarkiv.extract import extract_record
from samarkiv.ingest import read_bytes
from samarkiv.normalize import normalize_pages

MARKED = """PROTOKOLL

Sammanträde med styrelsen för Samordningsförbundet Norra Bohuslän den 4 mars 2022

Ledamöter Närvarande
Karin Holm X, mötesordförande
Per Svedberg X
Lena Ahlström Anmält förhinder
Omar Haddad X, ej § 14-15
Ersättare
Britt Sandell X
Tjänstepersoner
Jonas Wik X, förbundschef

§10 Val av justerare

Beslut

att utse Per Svedberg till justerare.

§11 Verksamhetsrapport

Av 48 deltagare som avslutat insatsen under 2021 har 19 gått vidare till arbete och 7 till studier.

Beslut

att godkänna rapporten.

Vid protokollet

Jonas Wik

Justeras

Karin Holm                Per Svedberg
"""

NUMBERED = """Samordningsförbundet Mittvästra Värmland
Protokoll styrelsemöte 2023-05-12

Tid: kl. 09.00–11.30
Plats: Kommunhuset, Sunne

Närvarande ledamöter:
Anders Nyqvist, ordförande, Sunne kommun
Tobias Grahn, Försäkringskassan

Närvarande ersättare:
Helena Strand, Arbetsförmedlingen

Övriga närvarande:
Sofia Berg, förbundschef

1. Mötets öppnande
Ordföranden hälsade välkommen och förklarade mötet öppnat.

2. Val av justerare
Tobias Grahn valdes att jämte ordföranden justera protokollet.

3. Ekonomisk uppföljning
Förbundschefen redovisade utfallet per april.
Styrelsen beslutade att lägga uppföljningen till handlingarna.

4. Insatsen Vägen vidare
Styrelsen beslutade
- att förlänga insatsen till och med 2024-06-30
- att avsätta 600 tkr för förlängningen.

Under 2022 deltog 64 personer i insatsen. 22 av dem har gått till arbete och 5 till studier.

Vid protokollet
Sofia Berg

Justeras
Anders Nyqvist, ordförande
Tobias Grahn, justerare
"""


def _record(text: str):
    return extract_record(normalize_pages(read_bytes(text.encode("utf-8")).pages))


def test_an_attendance_column_of_marks_gives_each_group() -> None:
    people = {(p.name, p.group, p.role) for p in _record(MARKED).people}
    assert people == {("Karin Holm", "beslutande", "mötesordförande"), ("Per Svedberg", "beslutande", None),
                      ("Lena Ahlström", "franvarande", None), ("Omar Haddad", "beslutande", None),
                      ("Britt Sandell", "ovriga", "ersättare"), ("Jonas Wik", "ovriga", "förbundschef")}


def test_a_signature_block_closing_the_minutes_names_the_signatories() -> None:
    signed = _record(MARKED).signatories
    # "Justeras" is signed by the chair and the justerare: the chair is not a justerare.
    assert (signed.ordforande, signed.sekreterare, signed.justerare) == ("Karin Holm", "Jonas Wik", ("Per Svedberg",))
    signed = _record(NUMBERED).signatories
    assert (signed.ordforande, signed.sekreterare, signed.justerare) == ("Anders Nyqvist", "Sofia Berg",
                                                                        ("Tobias Grahn",))


def test_results_counted_before_their_verb() -> None:
    got = [(o.category, o.count, o.period) for o in _record(MARKED).outcomes]
    year = ("2021-01-01", "2021-12-31")
    assert got == [("avslutade", 48, year), ("arbete", 19, year), ("studier", 7, year)]
    got = [(o.category, o.count, o.period) for o in _record(NUMBERED).outcomes]
    year = ("2022-01-01", "2022-12-31")
    assert got == [("deltagare", 64, year), ("arbete", 22, year), ("studier", 5, year)]


def test_minutes_numbered_as_an_agenda_have_items_and_decisions() -> None:
    record = _record(NUMBERED)
    assert [(i.number, i.title) for i in record.items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Ekonomisk uppföljning"),
        ("4", "Insatsen Vägen vidare")]
    assert [(d.paragraph, d.kind, d.text) for d in record.decisions] == [
        ("2", "elect", "Tobias Grahn valdes att jämte ordföranden justera protokollet."),
        ("3", "note", "Styrelsen beslutade att lägga uppföljningen till handlingarna."),
        ("4", "approve", "Styrelsen beslutade att förlänga insatsen till och med 2024-06-30"),
        ("4", "grant", "Styrelsen beslutade att avsätta 600 tkr för förlängningen.")]
    assert record.decisions[3].amounts == (600_000,)


def test_titles_are_roles_and_list_labels_give_the_substitutes_theirs() -> None:
    people = {p.name: (p.group, p.role, p.organisation) for p in _record(NUMBERED).people}
    assert people["Sofia Berg"] == ("ovriga", "förbundschef", None)
    assert people["Helena Strand"] == ("ovriga", "ersättare", "Arbetsförmedlingen")
    assert people["Anders Nyqvist"] == ("beslutande", "ordförande", "Sunne kommun")


REPORT = """Samordningsförbundet Västra Mälardalen
Verksamhetsberättelse 2022

Sammanfattning
Förbundet har under året finansierat fem insatser.
Totalt har 212 personer deltagit i förbundets individinriktade insatser under 2022.

Resultat per insats 2022

Insats\tDeltagare\tAvslutade\tTill arbete\tTill studier
Vägen vidare\t64\t40\t22\t5
Totalt\t95\t58\t28\t7

Ekonomi
Förbundets intäkter uppgick till 8 450 tkr. Årets resultat blev 340 tkr.

Styrelsen
Ordinarie ledamöter:
Eva Lund, ordförande, Köpings kommun
Jan Berg, Region Västmanland
"""


def test_a_table_of_participant_figures_gives_outcomes_and_no_money() -> None:
    record = _record(REPORT)
    year = ("2022-01-01", "2022-12-31")
    assert [(o.insats, o.category, o.count, o.period) for o in record.outcomes] == [
        ("individinriktade insatser", "deltagare", 212, year),
        ("Vägen vidare", "deltagare", 64, year), ("Vägen vidare", "avslutade", 40, year),
        ("Vägen vidare", "arbete", 22, year), ("Vägen vidare", "studier", 5, year),
        (None, "deltagare", 95, year), (None, "avslutade", 58, year), (None, "arbete", 28, year),
        (None, "studier", 7, year)]
    assert [a.value for a in record.amounts] == [8_450_000, 340_000]


def test_an_organisation_of_two_capitalised_words_is_not_a_role() -> None:
    people = {p.name: (p.role, p.organisation) for p in _record(REPORT).people}
    assert people["Jan Berg"] == ("ledamot", "Region Västmanland")


def test_a_foredragningslista_as_a_table_gives_the_agenda_points() -> None:
    text = ("KALLELSE\n\nStyrelsen för Samordningsförbundet Södra Hälsingland kallas till sammanträde\n\n"
            "Datum: Torsdagen den 14 september 2023, kl. 13.00–15.30\n\nFöredragningslista\n\n"
            "Nr\tÄrende\tFöredragande\n1\tMötets öppnande\tOrdförande\n2\tVal av justerare\tOrdförande\n"
            "3\tDelårsrapport per 2023-08-31\tFörbundschef\n4\tÖvriga frågor\t\n")
    assert [(i.number, i.title) for i in _record(text).items] == [
        ("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Delårsrapport per 2023-08-31"),
        ("4", "Övriga frågor")]


def test_a_budget_table_whose_first_heading_cell_names_the_unit_keeps_its_column_years() -> None:
    text = ("Samordningsförbundet Gotland\nBudget 2024 och plan 2025–2026\n\nFastställd av styrelsen 2023-11-24\n\n"
            "Budget (tkr)\tBudget 2024\tPlan 2025\tPlan 2026\n"
            "Statlig medelstilldelning\t2 400\t2 400\t2 500\nAdministration\t900\t950\t960\n")
    got = [(a.label, a.year, a.value, a.measure) for a in _record(text).amounts]
    assert got == [("Statlig medelstilldelning", 2024, 2_400_000, "budget"),
                   ("Statlig medelstilldelning", 2025, 2_400_000, "plan"),
                   ("Statlig medelstilldelning", 2026, 2_500_000, "plan"),
                   ("Administration", 2024, 900_000, "budget"), ("Administration", 2025, 950_000, "plan"),
                   ("Administration", 2026, 960_000, "plan")]


AU = """SAMMANTRÄDESPROTOKOLL
Kommunstyrelsens arbetsutskott
Sammanträdesdatum 2024-02-06

Plats och tid\tKommunhuset, kl. 08.30–11.45
Beslutande\tÅsa Lind (S), ordförande
\tKarl Öberg (M)
\tNils Strand (C), tjänstgörande ersättare för Pia Holm (KD)
Övriga deltagare\tMona Ek, kommundirektör
Utses att justera\tKarl Öberg
Underskrifter\tSekreterare\tLeif Sand\tParagrafer 12–13
\tOrdförande\tÅsa Lind
\tJusterare\tKarl Öberg

§ 12\tDnr KS 2023/412
Medfinansiering av samordningsförbundet 2025

Arbetsutskottets förslag till kommunstyrelsen
Kommunstyrelsen föreslår kommunfullmäktige besluta
att kommunens bidrag till samordningsförbundet för 2025 fastställs till 1 250 000 kronor.

§ 13
Information om delårsbokslut

Arbetsutskottets beslut
Informationen noteras till protokollet.
"""


def test_an_arbetsutskott_decides_its_proposal_to_the_board() -> None:
    record = _record(AU)
    assert [(d.paragraph, d.kind, d.text, d.amounts) for d in record.decisions] == [
        ("12", "approve", "Kommunstyrelsen föreslår kommunfullmäktige besluta att kommunens bidrag till "
                          "samordningsförbundet för 2025 fastställs till 1 250 000 kronor.", (1_250_000,)),
        ("13", "note", "Informationen noteras till protokollet.", ())]


def test_a_heading_in_two_columns_gives_values_parties_and_signatories() -> None:
    record = _record(AU)
    assert record.meetings[0].place == "Kommunhuset"
    assert [(p.name, p.group, p.role, p.organisation) for p in record.people] == [
        ("Åsa Lind", "beslutande", "ordförande", "S"), ("Karl Öberg", "beslutande", None, "M"),
        ("Nils Strand", "beslutande", "tjänstgörande ersättare", "C"),
        ("Mona Ek", "ovriga", "kommundirektör", None), ("Pia Holm", "franvarande", None, "KD"),
        ("Leif Sand", "ovriga", "sekreterare", None)]
    signed = record.signatories
    assert (signed.ordforande, signed.sekreterare, signed.justerare) == ("Åsa Lind", "Leif Sand", ("Karl Öberg",))


NUMBERED_POINTS = """PROTOKOLL                                    Sammanträdesdatum
Samordningsförbundet Centrala Östergötland   2019-10-18

Beslutande:
Lars Öst, ordförande, Linköpings kommun
Kerstin Ahl, vice ordförande, Region Östergötland

Övriga närvarande:
Ove Strid, controller

§ 45 Verksamhetsplan 2020

Styrelsens beslut
1. att fastställa verksamhetsplan och budget för 2020,
2. att ge förbundschefen i uppdrag att återkomma med en uppföljning i april 2020.

§ 46 Uppföljning av insatsen Jobbvägen

Under perioden januari-augusti 2019 har 41 deltagare varit inskrivna i Jobbvägen.
15 deltagare har avslutats, varav 6 till arbete och 3 till studier.

Vid protokollet
Ove Strid

Ordförande                     Justerare
Lars Öst                       Kerstin Ahl
"""


def test_numbered_points_of_a_decision_are_decisions_each() -> None:
    assert [(d.paragraph, d.kind, d.text) for d in _record(NUMBERED_POINTS).decisions] == [
        ("45", "approve", "att fastställa verksamhetsplan och budget för 2020,"),
        ("45", "assign", "att ge förbundschefen i uppdrag att återkomma med en uppföljning i april 2020.")]


def test_signature_labels_in_a_row_over_their_names() -> None:
    signed = _record(NUMBERED_POINTS).signatories
    assert (signed.ordforande, signed.sekreterare, signed.justerare) == ("Lars Öst", "Ove Strid", ("Kerstin Ahl",))


def test_the_insats_a_section_title_names_holds_for_its_figures() -> None:
    period = ("2019-01-01", "2019-08-31")
    assert [(o.insats, o.category, o.count, o.period) for o in _record(NUMBERED_POINTS).outcomes] == [
        ("Jobbvägen", "deltagare", 41, period), ("Jobbvägen", "avslutade", 15, period),
        ("Jobbvägen", "arbete", 6, period), ("Jobbvägen", "studier", 3, period)]


INLINE_LISTS = """Protokoll fört vid styrelsemöte med samordningsförbundet

Datum: 2021-06-10
Plats: Digitalt via Teams

Närvarande: Mats Rudin (ordförande), Anna-Lena Krantz, Jukka Peura (S)
Frånvarande: Tord Holm
Övriga: Berit Sjö (förbundschef), Nils Mäkelä (sekreterare)

§ 1 Val av justerare
Till justerare valdes Jukka Peura.

§ 2 Delårsrapport januari–april 2021
Under perioden har 87 personer deltagit i förbundets insatser. Andelen deltagare som gått vidare till arbete
eller studier var 38 procent.
Styrelsen beslutar att godkänna delårsrapporten.
"""


def test_people_listed_on_the_labels_line_with_their_roles_in_parentheses() -> None:
    record = _record(INLINE_LISTS)
    assert [(p.name, p.group, p.role, p.organisation) for p in record.people] == [
        ("Mats Rudin", "beslutande", "ordförande", None), ("Anna-Lena Krantz", "beslutande", None, None),
        ("Jukka Peura", "beslutande", None, "S"), ("Tord Holm", "franvarande", None, None),
        ("Berit Sjö", "ovriga", "förbundschef", None), ("Nils Mäkelä", "ovriga", "sekreterare", None)]
    signed = record.signatories
    assert (signed.ordforande, signed.sekreterare, signed.justerare) == ("Mats Rudin", "Nils Mäkelä", ("Jukka Peura",))


def test_a_share_stated_after_what_it_is_a_share_of() -> None:
    period = ("2021-01-01", "2021-04-30")
    assert [(o.category, o.count, o.share, o.period) for o in _record(INLINE_LISTS).outcomes] == [
        ("deltagare", 87, None, period), ("arbete_studier", None, 0.38, period)]


def test_shares_in_words_and_new_participants_counted() -> None:
    text = ("Årsredovisning 2023\n\nUnder året har 312 individer tagit del av förbundets insatser, varav 54 procent "
            "kvinnor. I insatsen Jobbvägen skrevs 28 nya deltagare in och 19 avslutades.\n")
    assert [(o.insats, o.category, o.count, o.share) for o in _record(text).outcomes] == [
        (None, "deltagare", 312, None), (None, "kvinnor", None, 0.54), ("Jobbvägen", "nya", 28, None),
        ("Jobbvägen", "avslutade", 19, None)]


def test_minutes_of_short_paragraphs_written_double_spaced() -> None:
    doubled = "\r\n\r\n".join(MARKED.split("\n"))
    assert {(p.name, p.group) for p in _record(doubled).people} == {(p.name, p.group) for p in _record(MARKED).people}
    assert _record(doubled).signatories == _record(MARKED).signatories


def test_a_list_label_alone_on_its_line_with_a_blank_line_before_the_names() -> None:
    text = ("Verksamhetsberättelse 2022\n\nStyrelsen\n\nOrdinarie ledamöter\n\nEva Lund, ordförande, Köpings kommun\n"
            "Jan Berg, Region Västmanland\n\nErsättare\n\nLisa Ek, Köpings kommun\n")
    assert [(p.name, p.group, p.role) for p in _record(text).people] == [
        ("Eva Lund", "ledamot", "ordförande"), ("Jan Berg", "ledamot", "ledamot"),
        ("Lisa Ek", "ersattare", "ersättare")]


def _flattened(text: str) -> str:
    return " ".join(text.split())


def test_minutes_whose_line_breaks_were_lost_keep_titles_and_decisions() -> None:
    for text in (AU, INLINE_LISTS, NUMBERED_POINTS):
        written, flat = _record(text), _record(_flattened(text))
        assert [(i.number, i.title) for i in flat.items] == [(i.number, i.title) for i in written.items]
        assert [(d.paragraph, d.kind, d.text) for d in flat.decisions] == [
            (d.paragraph, d.kind, d.text) for d in written.decisions]


def test_a_protokollsutdrag_of_the_council_on_the_forbunds_annual_report() -> None:
    text = ("Utdrag ur protokoll\nKommunfullmäktige i Hjo kommun\nSammanträdesdatum 2023-04-27\n\n"
            "§ 34 Dnr 2023/77\nÅrsredovisning 2022 för samordningsförbundet och ansvarsfrihet för styrelsen\n\n"
            "Kommunfullmäktiges beslut\n1. Kommunfullmäktige godkänner årsredovisningen för 2022.\n"
            "2. Kommunfullmäktige beviljar styrelsen ansvarsfrihet för verksamhetsåret 2022.\n\n"
            "Sammanfattning av ärendet\nFörbundet redovisar ett överskott på 612 tkr för 2022.\n")
    record = _record(text)
    assert record.forbund == "Hjo kommun"
    assert [(d.paragraph, d.kind, d.text) for d in record.decisions] == [
        ("34", "approve", "Kommunfullmäktige godkänner årsredovisningen för 2022."),
        ("34", "approve", "Kommunfullmäktige beviljar styrelsen ansvarsfrihet för verksamhetsåret 2022.")]


def test_a_board_table_of_ledamot_and_ersattare_columns() -> None:
    tabbed = ("Verksamhetsberättelse 2021\n\nStyrelsen\n\nOrganisation\tLedamot\tErsättare\n"
              "Mora kommun\tKarin Dahl\tOla Björk\nRegion Dalarna\tPer Sund\tAnna Lilja\n")
    glued = ("Förbundets styrelse\n\nLedamöterErsättare\nMora kommunKarin DahlOla Björk\n"
             "Region DalarnaPer SundAnna Lilja\n")
    for text in (tabbed, glued):
        assert {(p.name, p.group, p.role, p.organisation) for p in _record(text).people} == {
            ("Karin Dahl", "ledamot", "ledamot", "Mora kommun"), ("Ola Björk", "ersattare", "ersättare", "Mora kommun"),
            ("Per Sund", "ledamot", "ledamot", "Region Dalarna"),
            ("Anna Lilja", "ersattare", "ersättare", "Region Dalarna")}


def test_tables_typed_with_spaces_are_read_as_tables() -> None:
    budget = ("Budget 2024 och plan 2025\n\nBudget (tkr)     Budget 2024     Plan 2025\n"
              "Statlig medelstilldelning     2 400     2 500\nAdministration     900     950\n")
    got = [(a.label, a.year, a.value) for a in _record(budget).amounts]
    assert got == [("Statlig medelstilldelning", 2024, 2_400_000), ("Statlig medelstilldelning", 2025, 2_500_000),
                   ("Administration", 2024, 900_000), ("Administration", 2025, 950_000)]
    results = "Resultat 2022\n\nInsats     Deltagare     Avslutade     Till arbete\nSteget     31     18     6\n"
    assert [(o.insats, o.category, o.count) for o in _record(results).outcomes] == [
        ("Steget", "deltagare", 31), ("Steget", "avslutade", 18), ("Steget", "arbete", 6)]
    assert _record(results).amounts == ()


def test_att_clauses_on_lines_of_their_own_and_a_title_under_a_bare_paragraph_sign() -> None:
    text = ("PROTOKOLL\nStyrelsemöte 2024-09-12\n\n§ 2.\nVal av protokolljusterare\n"
            "Mona Berg utses att jämte ordföranden justera dagens protokoll.\n\n"
            "§ 3.\nAnsökan om finansiering\nBeslut\nStyrelsen beslutar\n"
            "att bevilja insatsen 1 150 000 kr för 2025,\natt insatsen ska lämna en delrapport i juni 2025.\n\n"
            "§ 4.\nUppföljning\nAv de 98 som avslutat har 41 procent gått vidare till arbete eller studier.\n")
    record = _record(text)
    assert [(d.paragraph, d.kind, d.text) for d in record.decisions] == [
        ("2", "elect", "Mona Berg utses att jämte ordföranden justera dagens protokoll."),
        ("3", "grant", "Styrelsen beslutar att bevilja insatsen 1 150 000 kr för 2025,"),
        ("3", "other", "Styrelsen beslutar att insatsen ska lämna en delrapport i juni 2025.")]
    assert [(o.category, o.count, o.share) for o in record.outcomes] == [
        ("avslutade", 98, None), ("arbete_studier", None, 0.41)]


def test_an_insats_heading_over_its_figures_and_results_that_continue() -> None:
    text = ("Delårsrapport januari–juni 2024\n\nInsatsen Nya vägar\nUnder första halvåret 2024 var 73 deltagare "
            "inskrivna i insatsen. 25 deltagare avslutades under perioden. Av dessa gick 9 till arbete, 4 till "
            "studier och 3 till annan insats.\n")
    period = ("2024-01-01", "2024-06-30")
    assert [(o.insats, o.category, o.count, o.period) for o in _record(text).outcomes] == [
        ("Nya vägar", "deltagare", 73, period), ("Nya vägar", "avslutade", 25, period),
        ("Nya vägar", "arbete", 9, period), ("Nya vägar", "studier", 4, period)]


COUNCIL = """SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2021-10-18
Kommunfullmäktige

Beslutande ledamöter
Eva Granlund (S) (ordförande)
Lars Öberg (M) (1:e vice ordförande)
Anton Pihl (C)
Maja Sandin (V)

Ej tjänstgörande ersättare
Rolf Ekdahl (SD)

Övriga
Kerstin Alm (Kommundirektör)
Ulla Berg (Nämndsekreterare)
Gustav Lind (Arbetsförmedlingen)

Ordförande Eva Granlund (S)
Justerare Anton Pihl (C) Maja Sandin (V)
Sekreterare Ulla Berg

§ 41 Val av justerare

Beslut
Kommunfullmäktige utser Anton Pihl (C) och Maja Sandin (V) att justera protokollet.
"""


def test_parenthesised_parties_and_titles_after_names() -> None:
    people = {(p.name, p.group, p.role, p.organisation) for p in _record(COUNCIL).people}
    assert people == {("Eva Granlund", "beslutande", "ordförande", "S"),
                      ("Lars Öberg", "beslutande", "1:e vice ordförande", "M"),
                      ("Anton Pihl", "beslutande", None, "C"), ("Maja Sandin", "beslutande", None, "V"),
                      ("Rolf Ekdahl", "ovriga", "ersättare", "SD"),
                      ("Kerstin Alm", "ovriga", "kommundirektör", None),
                      ("Ulla Berg", "ovriga", "nämndsekreterare", None),
                      ("Gustav Lind", "ovriga", None, "Arbetsförmedlingen")}


def test_a_transcript_whose_pages_lost_their_line_breaks() -> None:
    # As document sites transcribe a PDF: each page one line, opened by its number and closed by
    # "Page N of M", the signature form's own labels beside the names.
    pages = ["1 SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Kommunfullmäktige Tid Plats 18:30-20:10 Folkets hus "
             "Beslutande ledamöter Eva Granlund (S) (ordförande) Lars Öberg (M) (1:e vice ordförande) Anton Pihl (C) "
             "Maja Sandin (V) Hugo Tell (KD) Stina Wern (L) Ej tjänstgörande ersättare Page 1 of 9",
             "2 SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Rolf Ekdahl (SD) Övriga Kerstin Alm (Kommundirektör) "
             "Ulla Berg (Nämndsekreterare) Protokollet innehåller paragraferna Ordförande Eva Granlund (S) "
             "Justerare Anton Pihl (C) Maja Sandin (V) Sekreterare Ulla Berg Justerare signatur "
             "Utdragsbestyrkande Page 2 of 9"]
    record = _record("\n\n".join(pages))
    people = {(p.name, p.group, p.role) for p in record.people}
    assert people == {("Eva Granlund", "beslutande", "ordförande"), ("Lars Öberg", "beslutande", "1:e vice ordförande"),
                      ("Anton Pihl", "beslutande", None), ("Maja Sandin", "beslutande", None),
                      ("Hugo Tell", "beslutande", None), ("Stina Wern", "beslutande", None),
                      ("Rolf Ekdahl", "ovriga", None), ("Kerstin Alm", "ovriga", "kommundirektör"),
                      ("Ulla Berg", "ovriga", "nämndsekreterare")}
    assert record.signatories.sekreterare == "Ulla Berg"
    assert record.signatories.ordforande == "Eva Granlund"
    assert list(record.signatories.justerare) == ["Anton Pihl", "Maja Sandin"]


def test_an_extract_of_board_minutes_whose_page_lost_its_line_breaks_and_paragraph_sign() -> None:
    # A transcript of one § of a kommunstyrelse's minutes: the letterhead, the § number without
    # its sign before a title in capitals, the board's proposal to the council as its decision.
    text = ("1 ÅMÅLS KOMMUN Sammanträdesprotokoll Kommunstyrelsen (12) 88 MEDLEMSAVGIFT TILL SAMORDNINGSFÖRBUNDET "
            "DALSLAND 2024 Dnr: KS Samordningsförbundet har begärt att medlemmarna höjer sina bidrag för att "
            "insatserna för unga i utanförskap ska kunna fortsätta. För kommunens del innebär förslaget en ökning "
            "från 140 tkr till 165 tkr. Beslutsunderlag Kommunkansliets tjänsteskrivelse Kommunstyrelsens förslag "
            "till kommunfullmäktige Kommunfullmäktige beslutar att bevilja samordningsförbundet ett bidrag om "
            "165 tkr för år 2024.")
    record = _record(text)
    assert [p.type for p in record.parts] == ["protokoll"]
    assert [(i.number, i.title) for i in record.items] == [
        ("88", "MEDLEMSAVGIFT TILL SAMORDNINGSFÖRBUNDET DALSLAND 2024")]
    assert [(d.paragraph, d.kind, d.text) for d in record.decisions] == [
        ("88", "grant",
         "Kommunfullmäktige beslutar att bevilja samordningsförbundet ett bidrag om 165 tkr för år 2024.")]


def test_a_news_item_recounting_what_the_board_decided() -> None:
    # A förbund's web news on its board meeting: decisions told in prose, one over its bullets.
    text = """Rapport från styrelsemötet i mars

Samordningsförbundet Västra Mälardalen höll styrelsemöte den 14 mars.

Beslut

Styrelsen fattade som första beslut att välja Omar Berg till ordförande.

Sedan fattades beslut om budget, delegationsordning och attestordning.

Styrelsen beslutade att förbundet under året ska:

  • Att starta en förstudie om unga med aktivitetsersättning.
  • Att söka medel från ESF.

Övrigt

Nästa möte hålls i maj.
"""
    decisions = [(d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [
        ("elect", "Styrelsen fattade som första beslut att välja Omar Berg till ordförande."),
        *[("other", "Sedan fattades beslut om budget, delegationsordning och attestordning.")] * 3,
        ("other", "Styrelsen beslutade att förbundet under året ska: - Att starta en förstudie om unga med "
                  "aktivitetsersättning. - Att söka medel från ESF."),
    ]


def test_a_table_of_contents_with_page_numbers_on_their_own_lines_gives_no_amounts() -> None:
    text = """Årsredovisning 2019
Samordningsförbundet Östra Skaraborg

Innehåll
Ordföranden har ordet
3
Förvaltningsberättelse
4
Resultaträkning
9
Balansräkning
10
Noter
12

Förbundets medlemsavgifter uppgick till 6 miljoner under året, från 5,5 miljoner året innan.
"""
    assert [(a.value, a.text) for a in _record(text).amounts] == [(6_000_000, "6 miljoner"),
                                                                  (5_500_000, "5,5 miljoner")]


def test_results_per_insats_stated_against_the_target() -> None:
    text = """Tertialrapport 2 2023

Målet för insatserna Bryggan och Navet är att 30 procent av de avslutade deltagarna ska ha gått vidare till
arbete eller studier. Efter andra tertialet är utfallet 27 procent för Bryggan och 35 procent för Navet.
"""
    outcomes = {(o.category, o.insats, o.share) for o in _record(text).outcomes}
    assert outcomes == {("arbete_studier", "Bryggan", 0.27), ("arbete_studier", "Navet", 0.35)}


def test_a_web_news_item_headed_by_the_report_it_tells_of() -> None:
    text = """Verksamhetsplan 2024 på remiss

Styrelsens möte 231012 fastställde ett förslag till verksamhetsplan, som nu skickas till medlemmarna.
Planen ska antas vid nästa styrelsemöte, 231207.

Publicerad: 2023-10-16
"""
    record = _record(text)
    assert [p.type for p in record.parts] == ["other"]
    assert [m.date for m in record.meetings] == ["2023-10-12"]


ASSOCIATION = """Protokoll 230311

Närvarande: Jonas Lund, Eva-lena Sjö, Pia Ek, Tor Backman
Adjungerad: Malin Höök

1. Mötets öppnande
Ordförande Jonas Lund öppnade mötet

2. Val av justeringsperson
Pia Ek

3. Godkännande av budget 2023
Beslut: Budgeten godkändes

Jonas Lund
Ordförande

Tor Backman
Sekreterare

Pia Ek
Justeringsperson
"""


def test_an_association_protocol_with_a_comma_list_and_names_signed_over_their_titles() -> None:
    record = _record(ASSOCIATION)
    assert {(p.name, p.group) for p in record.people} == {
        ("Jonas Lund", "beslutande"), ("Eva-lena Sjö", "beslutande"), ("Pia Ek", "beslutande"),
        ("Tor Backman", "beslutande"), ("Malin Höök", "ovriga")}
    assert record.signatories.ordforande == "Jonas Lund"
    assert record.signatories.sekreterare == "Tor Backman"
    assert list(record.signatories.justerare) == ["Pia Ek"]
    assert [m.date for m in record.meetings] == ["2023-03-11"]


def test_a_forbund_named_with_a_spaced_dash() -> None:
    # The gazetteer writes "Samordningsförbundet Skellefteå–Norsjö"; letterheads type the dash as
    # they please.
    text = "Samordningsförbundet Skellefteå - Norsjö\n\nKALLELSE\n\nTid: 2015-03-05\n\n1. Val av justerare\n"
    assert _record(text).forbund == "Samordningsförbundet Skellefteå–Norsjö"


def test_markdown_escaped_bullets_and_a_sentence_run_over_a_page_break() -> None:
    # A PDF converted to Markdown: the converter escapes a bullet's hyphen, and a page break
    # leaves a blank line inside a sentence.
    text = """PROTOKOLL

§ 14 Riktlinjer för föreningsbidrag

Beslut

Nämnden beslutar att

\\-  anta riktlinjerna för föreningsbidrag daterade 2024-02-01,

\\-  ge förvaltningen i uppdrag att följa upp riktlinjerna under hösten.

§ 15 Lokalförsörjning

Beslut

Nämnden ger förvaltningen i uppdrag att ta fram en plan för lokalförsörjningen under de kommande

fem åren.
"""
    decisions = [(d.paragraph, d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [
        ("14", "approve", "Nämnden beslutar att anta riktlinjerna för föreningsbidrag daterade 2024-02-01,"),
        ("14", "assign", "Nämnden beslutar att ge förvaltningen i uppdrag att följa upp riktlinjerna under hösten."),
        ("15", "assign", "Nämnden ger förvaltningen i uppdrag att ta fram en plan för lokalförsörjningen under de "
                         "kommande fem åren.")]


def test_a_reports_board_list_inside_a_page_that_lost_its_line_breaks() -> None:
    text = ("3 Förvaltningsberättelse Styrelse Förbundet har under 2019 letts av en styrelse med fem ordinarie "
            "ledamöter, och styrelsen har haft 7 sammanträden under året. Ordinarie ledamöter: Siv Lantz, ordförande "
            "Erik Bohm, vice ordförande Lina Aho Tove Brink Ersättare: Ali Demir/Karin Ulv Sten Moberg Ragunda "
            "kommun Försäkringskassan Arbetsförmedlingen Region Jämtland Härjedalen")
    people = [(p.name, p.group, p.role) for p in _record(text).people]
    assert people == [("Siv Lantz", "ledamot", "ordförande"), ("Erik Bohm", "ledamot", "vice ordförande"),
                      ("Lina Aho", "ledamot", "ledamot"), ("Tove Brink", "ledamot", "ledamot"),
                      ("Ali Demir", "ersattare", "ersättare"), ("Karin Ulv", "ersattare", "ersättare"),
                      ("Sten Moberg", "ersattare", "ersättare")]


def test_a_report_that_says_what_it_is_herewith() -> None:
    text = ("1 ÅRSREDOVISNING 2019 Samordningsförbundet\n\n2 Styrelsen för samordningsförbundet avger härmed "
            "följande årsredovisning för verksamhetsåret 2019.")
    assert [p.type for p in _record(text).parts] == ["arsredovisning"]


def test_a_heading_whose_names_lost_every_separator() -> None:
    # A transcript of a board's minutes: the names of each list one run of capitalised words.
    text = ("1 1 (9) Plats och tid Sessionssalen, regionens hus, den 12 mars 2019 kl Beslutande Ingrid Fors Tomas "
            "Lind Mona Berg Per-Ola Strand Åsa Nyman Hans Tell Övriga deltagande Karl Lönn Eva Wiik Utses att "
            "justera Mona Berg Justeringens plats och tid Underskrifter Sekreterare Paragrafer Eva Wiik "
            "Ordförande Ingrid Fors Justerande Mona Berg\n\n2 2 (9) 22 Fastställande av föredragningslista "
            "Föredragningslistan fastställs.")
    record = _record(text)
    people = {(p.name, p.group) for p in record.people}
    assert people == {("Ingrid Fors", "beslutande"), ("Tomas Lind", "beslutande"), ("Mona Berg", "beslutande"),
                      ("Per-Ola Strand", "beslutande"), ("Åsa Nyman", "beslutande"), ("Hans Tell", "beslutande"),
                      ("Karl Lönn", "ovriga"), ("Eva Wiik", "ovriga")}
    # the §§ signed were lost with the digits: the name after "Sekreterare Paragrafer" is the sekreterare's
    assert (record.signatories.sekreterare, record.signatories.ordforande) == ("Eva Wiik", "Ingrid Fors")
    assert list(record.signatories.justerare) == ["Mona Berg"]


def test_members_with_party_and_kommun_after_the_name_run_together() -> None:
    # A kommunförbund's board: "Name, (party), Kommun" one after another on a page that lost its
    # line breaks, the officials with their titles.
    text = ("1 Styrelsen Sida 4 (30) Plats Stadshuset, Umeå Beslutande kommunrepresentanter Karin Ålund, (s), Vindeln "
            "Per Hedqvist, (m), Lycksele Sofia Bergh, (c), Sorsele, Tjänstgörande ersättare Övriga deltagare "
            "Tor Lidman, kansliet, sekreterare Underskrifter Sekreterare Tor Lidman Ordförande Karin Ålund "
            "Justerare Per Hedqvist\n\n2 Styrelsen Sida 5 (30) § 12 Val av justerare Per Hedqvist utses att "
            "justera protokollet.")
    people = {(p.name, p.group, p.role, p.organisation) for p in _record(text).people}
    assert people == {("Karin Ålund", "beslutande", None, "S"), ("Per Hedqvist", "beslutande", None, "M"),
                      ("Sofia Bergh", "beslutande", "tjänstgörande ersättare", "C"),
                      ("Tor Lidman", "ovriga", "kansliet, sekreterare", None)}


def test_decisions_stated_in_the_paragraph_text_without_a_decision_heading() -> None:
    text = """PROTOKOLL
Förbundsstyrelsen 2022-05-12

§ 21 Årsredovisning 2021
Förbundschefen redogör för årsredovisningen. Förbundsstyrelsen beslutar att godkänna årsredovisningen för 2021.

§ 22 Ansökan om medel
Direktionen beslutar att bevilja 250 000 kr till insatsen Stegvis för 2022.

§ 23 Information
Kommunstyrelsen har beslutat att höja medlemsavgiften. Informationen noteras.
"""
    decisions = [(d.paragraph, d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [
        ("21", "approve", "Förbundsstyrelsen beslutar att godkänna årsredovisningen för 2021."),
        ("22", "grant", "Direktionen beslutar att bevilja 250 000 kr till insatsen Stegvis för 2022."),
        ("23", "note", "Informationen noteras.")]


def test_results_with_their_share_in_parentheses_and_who_the_participants_were() -> None:
    text = """Verksamhetsberättelse 2021

Insatsen Steget

Av de 60 deltagare som avslutats har 24 (40 %) gått vidare till arbete eller studier. 31 av deltagarna var
kvinnor. Totalt 112 personer har tagit del av insatsen.
"""
    outcomes = {(o.category, o.count) for o in _record(text).outcomes}
    assert outcomes == {("avslutade", 60), ("arbete_studier", 24), ("kvinnor", 31), ("deltagare", 112)}


def test_suppleanter_and_the_secretariat_heading_their_own_attendance_lists() -> None:
    text = """PROTOKOLL

Möte med föreningens styrelse den 9 maj 2018

Ledamöter Närvarande
Maja Fält X, mötesordf.
Olof Berggren X
Sanna Krook Anmält förhinder
Suppleanter
Ida Vall X
Tjänstgörande suppleant
Leo Ståhl X
Sekretariatet
Rut Malm X, sekreterare

§5 Val av justerare

Beslut

att utse Olof Berggren till justerare.
"""
    people = {(p.name, p.group, p.role) for p in _record(text).people}
    assert people == {("Maja Fält", "beslutande", "mötesordf"), ("Olof Berggren", "beslutande", None),
                      ("Sanna Krook", "franvarande", None), ("Ida Vall", "ovriga", "suppleant"),
                      ("Leo Ståhl", "beslutande", "tjänstgörande suppleant"),
                      ("Rut Malm", "ovriga", "sekreterare")}


def test_the_secretary_signed_after_the_paragraphs_of_a_page_run_into_one_line() -> None:
    text = ("1 1 (4) Plats och tid Kommunhuset, Västby den 2 april 2020 kl 09.00-11.00 Beslutande Nils Ekdahl "
            "Stina Holt Övriga deltagande Alva Brink, förbundschef Utses att justera Stina Holt Underskrifter "
            "Sekreterare Paragrafer 21-27 Alva Brink Ordförande Nils Ekdahl Justerande Stina Holt BEVIS "
            "Justeringen har tillkännagivits genom anslag\n")
    signatories = _record(text).signatories
    assert (signatories.sekreterare, signatories.ordforande, signatories.justerare) == (
        "Alva Brink", "Nils Ekdahl", ("Stina Holt",))


def test_a_board_list_with_its_members_between_semicolons() -> None:
    text = ("Verksamhetsberättelse 2022\n\nStyrelsen\nOrdinarie ledamöter: Rakel Bodin (S), Region Östmark, "
            "ordförande; Sven Lax (C), Ådalens kommun, vice ordförande; Tilda Norén, Försäkringskassan; Gert Alm, "
            "Arbetsförmedlingen.\n")
    people = [(p.name, p.role, p.organisation) for p in _record(text).people]
    assert people == [("Rakel Bodin", "ordförande", "Region Östmark"),
                      ("Sven Lax", "vice ordförande", "Ådalens kommun"),
                      ("Tilda Norén", "ledamot", "Försäkringskassan"),
                      ("Gert Alm", "ledamot", "Arbetsförmedlingen")]


def test_each_amount_of_a_list_labelled_by_its_own_words() -> None:
    text = ("Delårsrapport 2021\n\nBidragen för 2021 uppgår till 4 800 tkr, varav Försäkringskassan 1 200 tkr, "
            "Region Östmark 1 200 tkr och kommunerna 2 400 tkr.\n")
    amounts = [(a.value, a.label) for a in _record(text).amounts]
    assert amounts == [(4_800_000, "Bidragen för 2021"), (1_200_000, "Försäkringskassan"),
                       (1_200_000, "Region Östmark"), (2_400_000, "kommunerna")]


def test_a_sentence_split_at_a_wide_gap_is_no_table_row() -> None:
    text = ("PROTOKOLL\n\n§ 8 Budget 2020\n\nKansliet redovisar förslaget. Kostnaderna för kansliet beräknas till"
            "\t740 000 kronor.\n\nKanslikostnader\t740 000\n")
    amounts = [(a.value, a.label, a.source) for a in _record(text).amounts]
    assert amounts == [(740_000, "Kostnaderna för kansliet", "text"), (740_000, "Kanslikostnader", "table")]


def test_results_of_those_who_began_to_work_or_study_and_the_participants_an_insats_had() -> None:
    text = """Verksamhetsberättelse 2022

Insatsen Lotsen
Av de 25 som avslutat insatsen har 8 börjat arbeta och 5 påbörjat studier.

Insatsen Vågen
Vågen har under 2022 haft 37 inskrivna deltagare.
"""
    outcomes = {(o.insats, o.category, o.count) for o in _record(text).outcomes}
    assert outcomes == {("Lotsen", "avslutade", 25), ("Lotsen", "arbete", 8), ("Lotsen", "studier", 5),
                        ("Vågen", "deltagare", 37)}


def test_the_decision_of_a_paragraph_run_into_its_heading_line() -> None:
    text = ("SAMMANTRÄDESPROTOKOLL\nKommunfullmäktige 2023-03-20\n\n"
            "§ 21 Val av justerare Beslut Kommunfullmäktige beslutar att utse Rut Holm (S) och Kent Lid (M) att "
            "jämte ordföranden justera protokollet.\n\n"
            "§ 22 Medlemsavgift till samordningsförbundet Beslut Kommunfullmäktige beslutar att avsätta 410 000 "
            "kronor som medlemsavgift för 2025.\n")
    decisions = [(d.paragraph, d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [
        ("21", "elect", "Kommunfullmäktige beslutar att utse Rut Holm (S) och Kent Lid (M) att jämte ordföranden "
                        "justera protokollet."),
        ("22", "grant", "Kommunfullmäktige beslutar att avsätta 410 000 kronor som medlemsavgift för 2025.")]


def test_numbered_points_that_follow_their_lead_in_on_one_line() -> None:
    text = ("PROTOKOLL\nKommunstyrelsen 2021-10-08\n\n§ 102 Delårsrapport 2021\n\nBeslut\n"
            "Kommunstyrelsen beslutar 1. att godkänna delårsrapporten, 2. att uppdra åt kommunchefen att "
            "återkomma med en åtgärdsplan.\n")
    decisions = [(d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [("approve", "Kommunstyrelsen beslutar att godkänna delårsrapporten,"),
                         ("assign", "Kommunstyrelsen beslutar att uppdra åt kommunchefen att återkomma med en "
                                    "åtgärdsplan.")]


def test_a_forbund_name_ends_before_the_council_words_that_run_on_after_it() -> None:
    text = ("SAMMANTRÄDESPROTOKOLL Kommunstyrelsen § 101 Verksamhetsplan 2022 för Samordningsförbundet Ådalen "
            "Kommunstyrelsens förslag till kommunfullmäktige Kommunfullmäktige beslutar att godkänna "
            "verksamhetsplanen för Samordningsförbundet Ådalen Sammanfattning Förbundet har lämnat förslag.\n")
    assert _record(text).forbund == "Samordningsförbundet Ådalen"


def test_figures_each_on_a_row_or_line_labelled_by_what_they_count() -> None:
    text = """Verksamhetsberättelse 2022

Insatsen Ankaret
Antal deltagare: 64 (varav 30 kvinnor och 34 män)

Resultat för förbundets insatser 2022
Till arbete\t19
Till studier\t8
Avslutade totalt\t52
Arbete eller studier efter avslutad insats: 52 %
"""
    record = _record(text)
    outcomes = {(o.insats, o.category, o.count, o.share) for o in record.outcomes}
    assert outcomes == {("Ankaret", "deltagare", 64, None), ("Ankaret", "kvinnor", 30, None),
                        ("Ankaret", "man", 34, None), (None, "arbete", 19, None), (None, "studier", 8, None),
                        (None, "avslutade", 52, None), (None, "arbete_studier", None, 0.52)}
    assert record.amounts == ()  # the rows count people, not thousands of kronor


def test_a_heading_with_its_year_ends_the_column_years_of_the_table_before() -> None:
    text = ("Verksamhetsplan 2024–2025\n\nBudget (tkr)\t2024\t2025\nIntäkter\t6 000\t6 100\n\n"
            "Kommunernas avgifter 2024\nÄlvby\t\t520 000 kr\nNorrå\t\t610 000 kr\n")
    amounts = [(a.label, a.value, a.year) for a in _record(text).amounts]
    assert amounts == [("Intäkter", 6_000_000, 2024), ("Intäkter", 6_100_000, 2025), ("Älvby", 520_000, 2024),
                       ("Norrå", 610_000, 2024)]


def test_decisions_in_the_phrasings_of_small_boards_minutes() -> None:
    text = """Protokoll fört vid styrelsemöte 2022-05-10

§ 6 Verksamhetsplan 2023
Styrelsens beslut: att anta verksamhetsplanen för 2023.

§ 10 Internkontroll
Direktionen beslutar i enlighet med förslaget.

§ 11 Nästa möte
Mötet beslutade att nästa möte hålls den 14 juni.

§ 12 Rapport från beredningsgruppen
Beslut - Styrelsen noterar informationen.

§ 13 Taxa
Beslut – för fastställande i fullmäktige

Styrelsen antar taxan.
"""
    decisions = [(d.paragraph, d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [("6", "approve", "att anta verksamhetsplanen för 2023."),
                         ("10", "approve", "Direktionen beslutar i enlighet med förslaget."),
                         ("11", "other", "Mötet beslutade att nästa möte hålls den 14 juni."),
                         ("12", "note", "Styrelsen noterar informationen."),
                         ("13", "approve", "Styrelsen antar taxan.")]


def test_a_report_board_listed_as_points_under_a_sentence() -> None:
    text = """Årsredovisning 2022

Styrelse
Styrelsen har under året bestått av följande ledamöter och ersättare:

- Tora Vik (S), ordförande, Region Jämtland Härjedalen
- Ulf Dahl, ledamot, Försäkringskassan
- Vera Ström (C), ersättare, Åby kommun
"""
    people = [(p.name, p.group, p.role, p.organisation) for p in _record(text).people]
    assert people == [("Tora Vik", "ledamot", "ordförande", "Region Jämtland Härjedalen"),
                      ("Ulf Dahl", "ledamot", "ledamot", "Försäkringskassan"),
                      ("Vera Ström", "ersattare", "ersättare", "Åby kommun")]


def test_a_report_board_with_the_role_before_each_member_and_a_table_of_names_and_roles() -> None:
    text = """Verksamhetsberättelse 2021

Styrelsens sammansättning
Ordförande: Tora Vik (S), Region Jämtland Härjedalen
Vice ordförande: Ulf Dahl (M), Åby kommun
Ersättare: Vera Ström (C), Åby kommun

Beredningsgrupp
Namn\tRoll\tOrganisation
Wilma Ek\tSamordnare\tFörsäkringskassan
Yngve Lund\tErsättare\tArbetsförmedlingen
"""
    people = {(p.name, p.group, p.role, p.organisation) for p in _record(text).people}
    assert people == {("Tora Vik", "ledamot", "ordförande", "Region Jämtland Härjedalen"),
                      ("Ulf Dahl", "ledamot", "vice ordförande", "Åby kommun"),
                      ("Vera Ström", "ersattare", "ersättare", "Åby kommun"),
                      ("Wilma Ek", "ledamot", "samordnare", "Försäkringskassan"),
                      ("Yngve Lund", "ersattare", "ersättare", "Arbetsförmedlingen")}


def test_the_meeting_date_in_a_running_header_on_every_page() -> None:
    head = "SAMMANTRÄDESPROTOKOLL Sammanträdesdatum 2023-03-20\nKommunstyrelsen\n\n"
    pages = [head + "Beslutande Rut Holm (S), ordförande\nKent Lid (M)\n\n§ 21 Val av justerare\n\nBeslut\n\n"
                    "Kommunstyrelsen utser Kent Lid att justera protokollet.\n",
             head + "§ 22 Budget\n\nBeslut\n\nKommunstyrelsen godkänner budgeten.\n",
             head + "§ 23 Information\n\nBeslut\n\nKommunstyrelsen noterar informationen.\n"]
    record = _record("\f".join(pages))
    assert [m.date for m in record.meetings] == ["2023-03-20"]
    assert [p.paragraph for p in record.decisions] == ["21", "22", "23"]


def test_a_paragraph_opening_after_a_sentence_on_a_wrapped_flattened_page() -> None:
    # a scan of a page that lost its breaks: lines wrapped by width, a § opening mid-line, a
    # decision sentence running on to the next line
    text = ("PROTOKOLL Kommunfullmäktige 2023-03-20\n\n"
            "§ 21 Val av justerare Beslut Kommunfullmäktige beslutar att utse Rut Holm (S) och\n"
            "Kent Lid (M) att jämte ordföranden justera protokollet.\n"
            "§ 22 Medlemsavgift Beslut Kommunfullmäktige beslutar att avsätta 410 000 kronor. Sammanfattning\n"
            "Kommunen är medlem i förbundet tillsammans med regionen. § 23 Årsredovisning 2022 Beslut\n"
            "Kommunfullmäktige beslutar att godkänna årsredovisningen.\n")
    record = _record(text)
    assert [i.number for i in record.items] == ["21", "22", "23"]
    assert [(d.paragraph, d.text) for d in record.decisions] == [
        ("21", "Kommunfullmäktige beslutar att utse Rut Holm (S) och Kent Lid (M) att jämte ordföranden justera "
               "protokollet."),
        ("22", "Kommunfullmäktige beslutar att avsätta 410 000 kronor."),
        ("23", "Kommunfullmäktige beslutar att godkänna årsredovisningen.")]


def test_a_decision_on_its_heading_line_running_on_to_the_next_line() -> None:
    text = ("PROTOKOLL Styrelsen 2023-03-20\n\n§ 4 Val av justerare Beslut Styrelsen utser Rut Holm och\n"
            "Kent Lid att justera protokollet.\n")
    assert [(d.paragraph, d.text) for d in _record(text).decisions] == [
        ("4", "Styrelsen utser Rut Holm och Kent Lid att justera protokollet.")]


def test_a_table_row_whose_first_figure_ocr_glued_to_its_label() -> None:
    text = ("Budget 2024-2026 (tkr)\n\n\tBudget 2024\tPlan 2025\tPlan 2026\nRegionen\t1 500\t1 500\t1 600\n"
            "Kommunerna 1 500\t1 500\t1 600\nProjekt 2\t1 200\t1 300\t\n")
    amounts = [(a.label, a.value, a.year) for a in _record(text).amounts]
    assert amounts == [("Regionen", 1_500_000, 2024), ("Regionen", 1_500_000, 2025), ("Regionen", 1_600_000, 2026),
                       ("Kommunerna", 1_500_000, 2024), ("Kommunerna", 1_500_000, 2025),
                       ("Kommunerna", 1_600_000, 2026), ("Projekt 2", 1_200_000, 2024), ("Projekt 2", 1_300_000, 2025)]


def test_results_in_the_phrasings_of_interim_reports() -> None:
    text = """Delårsrapport januari–juni 2023

Insatsen Lyftet
Av de avslutade deltagarna gick 35 % till arbete och 12 % till studier.
Under perioden har insatsen haft 41 deltagare, varav 9 nya.

Insatsen Bron
11 personer har skrivits ut, 4 av dem till arbete eller studier.

Insatsen Vägvisaren
Varav till arbete: 4
"""
    outcomes = {(o.insats, o.category, o.count, o.share) for o in _record(text).outcomes}
    assert outcomes == {("Lyftet", "arbete", None, 0.35), ("Lyftet", "studier", None, 0.12),
                        ("Lyftet", "deltagare", 41, None), ("Lyftet", "nya", 9, None),
                        ("Bron", "avslutade", 11, None), ("Bron", "arbete_studier", 4, None),
                        ("Vägvisaren", "arbete", 4, None)}


def test_an_attendance_list_between_commas_with_roles_running_on_to_the_next_line() -> None:
    text = """Protokoll från styrelsemöte 2022-11-24

Närvarande: Tora Vik, ordförande, Ulf Dahl, Region Värmland, Vera Ström,
Wilma Ek och Yngve Lund.
Frånvarande: Åke Berg.

1. Mötets öppnande
2. Val av justerare
3. Mötets avslutande
"""
    people = [(p.name, p.group, p.role, p.organisation) for p in _record(text).people]
    assert people == [("Tora Vik", "beslutande", "ordförande", None),
                      ("Ulf Dahl", "beslutande", None, "Region Värmland"),
                      ("Vera Ström", "beslutande", None, None), ("Wilma Ek", "beslutande", None, None),
                      ("Yngve Lund", "beslutande", None, None), ("Åke Berg", "franvarande", None, None)]


def test_minutes_as_a_markdown_page_with_a_forbund_the_gazetteer_lacks() -> None:
    text = """# Protokoll styrelsemöte 2021-09-16

**Samordningsförbundet Nordkusten**

| Namn | Roll | Organisation |
|---|---|---|
| Pia Norén | Ordförande | Region Västernorrland |
| Jonas Berg | Ledamot | Försäkringskassan |

## § 31 Val av justerare
**Beslut:** Styrelsen utser Jonas Berg att justera protokollet.

## § 32 Budget 2022
Styrelsen beslutar att fastställa budget för 2022 om 8 400 000 kronor.
"""
    record = _record(text)
    assert record.forbund == "Samordningsförbundet Nordkusten"
    assert [(p.type, p.date) for p in record.parts] == [("protokoll", "2021-09-16")]
    assert {p.name for p in record.people} == {"Pia Norén", "Jonas Berg"}
    assert [(d.paragraph, d.kind) for d in record.decisions] == [("31", "elect"), ("32", "approve")]


def test_board_decisions_a_news_item_recounts() -> None:
    text = """Nyheter från styrelsen

Publicerad 2022-05-20

Styrelsen har också beslutat att förlänga insatsen Vägen till och med 2024.

På mötet togs beslut om att anta en ny verksamhetsplan. Förbundsstyrelsen godkände även årsredovisningen för 2021.

Förbundschefen informerade om arbetet med den nya webbplatsen.
"""
    decisions = [(d.kind, d.text) for d in _record(text).decisions]
    assert decisions == [("approve", "Styrelsen har också beslutat att förlänga insatsen Vägen till och med 2024."),
                         ("approve", "På mötet togs beslut om att anta en ny verksamhetsplan."),
                         ("approve", "Förbundsstyrelsen godkände även årsredovisningen för 2021.")]


def test_a_statement_with_a_note_column_and_a_header_of_years() -> None:
    # the last row as a scan or a text layer gives it: the empty note cell gone
    text = ("Årsredovisning 2022\n\nResultaträkning (tkr)\tNot\t2022\t2021\nVerksamhetens intäkter\t1\t6 520\t6 410\n"
            "Verksamhetens kostnader\t2\t-6 102\t-6 655\nÅrets resultat\t418\t-245\n")
    amounts = [(a.label, a.value, a.year) for a in _record(text).amounts]
    assert amounts == [("Verksamhetens intäkter", 6_520_000, 2022), ("Verksamhetens intäkter", 6_410_000, 2021),
                       ("Verksamhetens kostnader", -6_102_000, 2022), ("Verksamhetens kostnader", -6_655_000, 2021),
                       ("Årets resultat", 418_000, 2022), ("Årets resultat", -245_000, 2021)]


def test_a_kommun_extract_of_minutes_about_a_forbund_is_the_kommun_s() -> None:
    text = """PROTOKOLLSUTDRAG
Kommunstyrelsen i Tierps kommun
Sammanträdesdatum 2021-06-08

§ 143 Dnr 2021/310
Budget 2022 för Samordningsförbundet Uppsala län

Kommunstyrelsens beslut
Kommunstyrelsen godkänner förbundets förslag till budget 2022.
"""
    record = _record(text)
    assert record.forbund == "Tierps kommun"
    assert [(d.paragraph, d.kind) for d in record.decisions] == [("143", "approve")]


def test_a_date_field_written_compact() -> None:
    text = "PROTOKOLL\nStyrelsemöte\n\nDatum: 220512\nPlats: Kansliet\n\n§ 1 Mötets öppnande\n§ 2 Val av justerare\n"
    assert [m.date for m in _record(text).meetings] == ["2022-05-12"]


def test_titles_of_a_flattened_page_end_where_a_body_decides() -> None:
    text = ("Protokoll fört vid styrelsemöte 2022-05-10 § 6 Verksamhetsplan 2023 Styrelsens beslut: att anta "
            "verksamhetsplanen för 2023. § 7 Ansökan från insatsen Vägen Förbundsstyrelsen beslutade att bevilja "
            "300 000 kr till insatsen Vägen. § 9 Revision Styrelsen beslöt att utse Kent Ahl till kontaktperson.\n")
    record = _record(text)
    assert [(i.number, i.title) for i in record.items] == [("6", "Verksamhetsplan 2023"),
                                                           ("7", "Ansökan från insatsen Vägen"), ("9", "Revision")]
    assert [(d.paragraph, d.kind) for d in record.decisions] == [("6", "approve"), ("7", "grant"), ("9", "elect")]


def test_a_report_board_role_on_a_line_of_its_own_and_a_signature_that_is_no_member() -> None:
    text = """Verksamhetsberättelse 2021

Styrelsens sammansättning
Ordförande
Tora Vik (S), Region Värmland
Vice ordförande:
Ulf Dahl (M)

Förbundet har haft ett bra år.

Vera Ström
Ordförande
Wilma Ek
Förbundschef
"""
    people = [(p.name, p.group, p.role, p.organisation) for p in _record(text).people]
    assert people == [("Tora Vik", "ledamot", "ordförande", "Region Värmland"),
                      ("Ulf Dahl", "ledamot", "vice ordförande", "M")]


def test_figures_labelled_as_shares_and_counts_after_their_verb() -> None:
    text = """Verksamhetsberättelse 2022

Insatsen Kliv
Deltagare: 45 (25 kvinnor, 20 män)
Andel till arbete: 34 %
Under året avslutades 30 deltagare. Av dessa gick 10 till arbete.
Insatsen har haft 18 nyinskrivningar.
"""
    outcomes = {(o.insats, o.category, o.count, o.share) for o in _record(text).outcomes}
    assert outcomes == {("Kliv", "deltagare", 45, None), ("Kliv", "kvinnor", 25, None), ("Kliv", "man", 20, None),
                        ("Kliv", "arbete", None, 0.34), ("Kliv", "avslutade", 30, None), ("Kliv", "arbete", 10, None),
                        ("Kliv", "nya", 18, None)}


def test_closing_signatures_with_each_name_after_its_label() -> None:
    text = """PROTOKOLL
Styrelsemöte 2022-03-10

§ 1 Mötets öppnande
§ 2 Val av justerare

Underskrifter
Sekreterare: Rut Malm
Ordförande: Tora Vik
Justerare: Ulf Dahl och Vera Ström
"""
    signed = _record(text).signatories
    assert (signed.sekreterare, signed.ordforande, signed.justerare) == ("Rut Malm", "Tora Vik",
                                                                         ("Ulf Dahl", "Vera Ström"))


def test_a_decision_run_on_to_its_heading_line_before_the_closing_labels() -> None:
    text = ("PROTOKOLL Styrelsemöte 2022-03-10 Närvarande: Tora Vik, ordförande, Ulf Dahl § 1 Mötets öppnande "
            "§ 2 Val av justerare Ulf Dahl valdes att justera protokollet. Underskrifter Sekreterare: Rut Malm "
            "Ordförande: Tora Vik Justerare: Ulf Dahl\n")
    record = _record(text)
    assert [(i.number, i.title) for i in record.items] == [("1", "Mötets öppnande"), ("2", "Val av justerare")]
    assert [(d.paragraph, d.kind, d.text) for d in record.decisions] == [
        ("2", "elect", "Ulf Dahl valdes att justera protokollet.")]


def test_a_contents_page_that_lost_its_line_breaks_is_no_run_of_sections() -> None:
    text = ("SAMMANTRÄDESPROTOKOLL Styrelsen 2020-09-11 Utses att justera Rut Malm ÄRENDELISTA § 34 Öppnande och "
            "val av justerare 3 § 35 Dagordning 4 § 36 Delårsrapport januari – augusti 2020 5\f"
            "§ 34 Öppnande och val av justerare Beslut - Styrelsen väljer Rut Malm till justerare. § 35 Dagordning "
            "Beslut - Styrelsen godkänner dagordningen. § 36 Delårsrapport januari – augusti 2020 Dnr SDSF 2020 "
            "000012 Beslut - Styrelsen godkänner rapporten.\n")
    record = _record(text)
    assert [(i.number, i.title) for i in record.items] == [
        ("34", "Öppnande och val av justerare"), ("35", "Dagordning"), ("36", "Delårsrapport januari – augusti 2020")]
    assert [(d.paragraph, d.kind) for d in record.decisions] == [("34", "elect"), ("35", "approve"),
                                                                 ("36", "approve")]
