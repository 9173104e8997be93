"""How a § was decided: yrkanden, propositions, votes, reservations, protokollsanteckningar and
jäv, one phrase family at a time, from lines written in the genre's way."""

from __future__ import annotations

from samarkiv.extract.procedure import Member, body_of, paragraph_sections, procedure_in


def section(*lines: str) -> str:
    return "\n".join(["§ 12 Dnr KS 2025/101", "Motion om gång- och cykelväg", "", *lines, ""])


# --- yrkanden ---------------------------------------------------------------------------------

def test_a_yrkande_of_bifall_names_the_mover_with_party_and_the_motion_as_written() -> None:
    p = procedure_in(section("Yrkanden", "Anna Lind (S) yrkar bifall till arbetsutskottets förslag."), "12")
    (m,) = p.motions
    assert m.movers == (Member(name="Anna Lind", party="S"),)
    assert (m.paragraph, m.kind, m.text) == ("12", "bifall", "yrkar bifall till arbetsutskottets förslag")


def test_avslag_aterremiss_and_bordlaggning_are_told_apart() -> None:
    p = procedure_in(section(
        "Förslag till beslut på sammanträdet",
        "Per Ek (SD) yrkar avslag på motionen.",
        "Karin Berg (V) och Ola Strand (MP) yrkar att ärendet återremitteras till förvaltningen för vidare utredning.",
        "Sofia Lund (KD) yrkar att ärendet bordläggs till nästa sammanträde."), "12")
    assert [m.kind for m in p.motions] == ["avslag", "aterremiss", "bordlaggning"]
    assert p.motions[1].movers == (Member(name="Karin Berg", party="V"), Member(name="Ola Strand", party="MP"))


def test_amendments_additions_own_proposals_and_the_chair_by_title() -> None:
    p = procedure_in(section(
        "Yrkanden",
        "Jonas Ek (M), Lena Sjö (C) och Pia Ahl (L) lämnar ändringsyrkande att andra att-satsen stryks.",
        "Ida Holm (S) lämnar tilläggsyrkande att förvaltningen återrapporterar i december.",
        "Ordföranden (M) yrkar att nämnden ger förvaltningen i uppdrag att ta fram en plan.",
        "Vice ordförande Bo Falk (S) yrkar på förvaltningens förslag."), "12")
    assert [m.kind for m in p.motions] == ["andring", "tillagg", "eget", "bifall"]
    assert len(p.motions[0].movers) == 3
    assert p.motions[2].movers == (Member(party="M", role="ordförande"),)
    assert p.motions[3].movers == (Member(name="Bo Falk", party="S", role="vice ordförande"),)


def test_a_party_group_moves_and_a_sentence_broken_by_a_blank_line_is_read_whole() -> None:
    p = procedure_in(section(
        "Yrkanden",
        "Ledamöterna för Moderaterna yrkar avslag till förslaget.",
        "Maja Ros (S), ordförande Leif Berg (C) och Nils Ahl (KD)",
        "",
        "yrkar bifall till kommunstyrelsens förslag."), "12")
    assert p.motions[0].movers == (Member(party="M", group="Moderaterna"),)
    assert [x.name for x in p.motions[1].movers] == ["Maja Ros", "Leif Berg", "Nils Ahl"]
    assert p.motions[1].movers[1].role == "ordförande"


def test_a_sentence_about_an_earlier_yrkande_is_no_yrkande() -> None:
    p = procedure_in(section("Kommunfullmäktige biföll motionens andra yrkande år 2022.",
                             "Nämnden ger bifall åt Alliansens ändringsyrkande."), "12")
    assert p.motions == ()


# --- beslutsgång and votes ----------------------------------------------------------------------

def test_the_chair_puts_a_proposition_and_finds_the_result() -> None:
    p = procedure_in(section(
        "Beslutsgång",
        "Ordföranden ställer proposition på arbetsutskottets förslag och avslagsyrkandet och finner att "
        "kommunstyrelsen bifaller arbetsutskottets förslag."), "12")
    (q,) = p.propositions
    assert q.result == "kommunstyrelsen bifaller arbetsutskottets förslag"


def test_a_vote_with_counts_that_add_up_to_the_members_present() -> None:
    p = procedure_in(section(
        "Beslutsgång",
        "Omröstning begärs och verkställs.",
        "Ordföranden ställer följande propositionsordning: Ja-röst för arbetsutskottets förslag och "
        "nej-röst för avslagsyrkandet.",
        "Omröstningsresultat",
        "Med 7 ja-röster mot 4 nej-röster och 2 som avstår beslutar kommunstyrelsen enligt arbetsutskottets förslag."),
        "12", present=13)
    (v,) = p.votes
    assert (v.ja, v.nej, v.avstar, v.present) == (7, 4, 2, 13)
    assert v.ja_means == "arbetsutskottets förslag"
    assert v.nej_means == "avslagsyrkandet"
    assert v.warnings == ()


def test_a_vote_whose_counts_do_not_add_up_gets_a_warning() -> None:
    p = procedure_in(section("Votering begärs och verkställs.",
                             "Ja-röster: 6, Nej-röster: 3, Avstår: 1."), "12", present=11)
    (v,) = p.votes
    assert (v.ja, v.nej, v.avstar) == (6, 3, 1)
    assert v.warnings == ("ja 6 + nej 3 + avstår 1 = 10, but 11 members were present",)


def test_counts_in_words_are_read() -> None:
    p = procedure_in(section(
        "Omröstning begärs.",
        "Ordföranden finner att nämnden med fem ja-röster mot fyra nej-röster bifaller förslaget."), "12", present=9)
    assert (p.votes[0].ja, p.votes[0].nej, p.votes[0].warnings) == (5, 4, ())


def test_a_voting_table_gives_each_members_ballot_and_is_checked_against_the_printed_counts() -> None:
    p = procedure_in(section(
        "Votering begärs och verkställs.",
        "Ordföranden finner att nämnden med 2 ja-röster och 2 nej-röster bifaller förslaget genom utslagsröst.",
        "",
        "| Ledamot | Ja | Nej | Avstår |",
        "| --- | --- | --- | --- |",
        "| Eva Strand (M), ordförande | X |  |  |",
        "| Kalle Berg (S) |  | X |  |",
        "| Lisa Nord (C) | X |  |  |",
        "| Omar Ali (V) |  |  | X |"), "12", present=4)
    (v,) = p.votes
    assert [(b.member.name, b.member.party, b.vote) for b in v.ballots] == [
        ("Eva Strand", "M", "ja"), ("Kalle Berg", "S", "nej"), ("Lisa Nord", "C", "ja"), ("Omar Ali", "V", "avstar")]
    assert v.ballots[0].member.role == "ordförande"
    assert v.avstar == 1  # not printed: the table tells
    assert v.warnings == ("nej printed as 2 but the voting table has 1",
                          "ja 2 + nej 2 + avstår 1 = 5, but 4 members were present")


def test_a_tab_separated_voting_table_alone_gives_the_counts() -> None:
    p = procedure_in(section("Omröstning begärs och verkställs.", "",
                             "Namn\tJa\tNej", "Eva Strand (M)\tX\t", "Kalle Berg (S)\t\tX", "Lisa Nord (C)\tX\t"),
                     "12", present=3)
    (v,) = p.votes
    assert (v.ja, v.nej, v.avstar, v.warnings) == (2, 1, 0, ())


# --- reservations, notes, abstentions --------------------------------------------------------

def test_a_reservation_by_a_party_group_in_favour_of_its_own_yrkande() -> None:
    p = procedure_in(section("Reservation",
                             "Ledamöterna för Moderaterna reserverar sig mot beslutet till förmån för eget yrkande."),
                     "12")
    (r,) = p.reservations
    assert r.kind == "reservation"
    assert r.members == (Member(party="M", group="Moderaterna"),)
    assert (r.against, r.own_motion, r.written) == ("beslutet", True, False)


def test_named_members_reserve_against_a_yrkande_with_a_motivation() -> None:
    p = procedure_in(section(
        "Reservation: Jan Ek (S) och Siv Al (S) reserverar sig mot Alliansens ändringsyrkande med följande "
        "motivering: förslaget saknar finansiering."), "12")
    (r,) = p.reservations
    assert [m.label() for m in r.members] == ["Jan Ek (S)", "Siv Al (S)"]
    assert (r.against, r.reason) == ("Alliansens ändringsyrkande", "förslaget saknar finansiering")


def test_a_written_reservation_keeps_its_text_and_is_counted_once() -> None:
    p = procedure_in(section(
        "Reservation",
        "Vänsterpartiet lämnar en skriftlig reservation mot beslutet:",
        "",
        "\"Vänsterpartiet reserverar sig mot beslutet. Vi anser att taxan slår hårdast mot barnfamiljer.\""), "12")
    (r,) = p.reservations
    assert r.members == (Member(party="V", group="Vänsterpartiet"),)
    assert r.written
    assert r.reason == "Vänsterpartiet reserverar sig mot beslutet. Vi anser att taxan slår hårdast mot barnfamiljer."


def test_a_protokollsanteckning_and_a_declared_abstention() -> None:
    p = procedure_in(section(
        "Avstår från att rösta",
        "Ali Demir (V) avstår från att delta i beslutet.",
        "",
        "Protokollsanteckning",
        "Greta Ny (MP) anser att nämnden borde ha väntat på länsstyrelsens yttrande. Hon vill att det antecknas.",
        "",
        "Beslutet skickas till",
        "Kommunstyrelsen"), "12")
    abstain, note = p.reservations
    assert (abstain.kind, abstain.members) == ("avstar", (Member(name="Ali Demir", party="V"),))
    assert note.kind == "protokollsanteckning"
    assert note.members == (Member(name="Greta Ny", party="MP"),)
    assert note.text.endswith("Hon vill att det antecknas.")


# --- jäv -----------------------------------------------------------------------------------------

def test_jav_with_the_replacement_in_the_next_sentence() -> None:
    p = procedure_in(section("Jäv",
                             "Lena Holm (C) anmäler jäv och deltar inte i handläggningen. "
                             "Erik Sand (C) tjänstgör i hennes ställe."), "12")
    (j,) = p.javs
    assert j.member == Member(name="Lena Holm", party="C")
    assert j.replacement == Member(name="Erik Sand", party="C")
    assert j.left


def test_jav_replaced_in_the_same_sentence_and_jav_without_replacement() -> None:
    p = procedure_in(section("Protokollsanteckning",
                             "Nils Berg (M) anmäler jäv och ersätts av Karin Ström (M).",
                             "",
                             "Ove Lind (S) deltar inte i handläggningen på grund av jäv."), "12")
    assert [(j.member.name, j.replacement.name if j.replacement else None) for j in p.javs] == [
        ("Nils Berg", "Karin Ström"), ("Ove Lind", None)]
    assert p.reservations == ()


# --- sections and body ---------------------------------------------------------------------------

def test_sections_start_at_body_headings_not_at_the_table_of_contents() -> None:
    text = ("Innehåll\n§ 4 Budget 2026 ........ 3\n§ 5 Taxor ........ 4\n\n"
            "§ 4 Dnr 2025/7\nBudget 2026\nAnna Lind (S) yrkar avslag.\n\n"
            "§ 5 Dnr 2025/8\nTaxor\nBeslut enligt förslaget, se § 4 ovan.\n")
    sections = paragraph_sections(text)
    assert [s.number for s in sections] == ["4", "5"]
    assert sections[0].text.startswith("§ 4 Dnr 2025/7")
    assert "yrkar avslag" in sections[0].text and "Taxor\nBeslut" in sections[1].text
    (motion,) = procedure_in(sections[0].text, "4", offset=sections[0].start).motions
    assert motion.movers == (Member(name="Anna Lind", party="S"),)  # on the line after the title
    assert motion.span and motion.span[0] <= text.index("Anna Lind") < motion.span[1] <= text.index("§ 5 Dnr")


def test_the_body_is_read_from_the_heading_zone() -> None:
    assert body_of("KOMMUN X   SAMMANTRÄDESPROTOKOLL\nBarn- och utbildningsnämnden\nDatum\n") == \
        "Barn- och utbildningsnämnden"
    assert body_of("Sammanträdesprotokoll\nNämnden för Kultur & Fritid Datum\n2024-11-20\n") == \
        "Nämnden för Kultur & Fritid"
    assert body_of("PROTOKOLL\nStyrelsen för Samordningsförbundet Väst\n") == "Styrelsen för Samordningsförbundet Väst"


def test_a_voting_list_in_a_bilaga_joins_the_vote_of_its_paragraph() -> None:
    from samarkiv.extract.procedure import procedure_of
    from samarkiv.ingest import read_bytes
    from samarkiv.normalize import normalize_pages

    doc = "\n".join([
        "Kommunfullmäktige", "", "§ 45 Dnr KS 2025/12", "Taxor för 2026", "",
        "Omröstning begärs och verkställs. Omröstningsresultat, se bilaga 1.", "",
        "Med 2 ja-röster mot 1 nej-röst beslutar fullmäktige enligt kommunstyrelsens förslag.", "",
        "§ 46 Dnr KS 2025/13", "Avslutning", "", "Ordföranden förklarar sammanträdet avslutat.", "",
        "Bilaga 1, voteringslista § 45", "",
        "| Ledamot | Ja | Nej |", "| --- | --- | --- |",
        "| Eva Strand (M) | X |  |", "| Kalle Berg (S) |  | X |", "| Lisa Nord (C) | X |  |", ""])
    source = read_bytes(doc.encode())
    (vote,) = procedure_of(normalize_pages(source.pages), present=3).votes
    assert (vote.paragraph, vote.ja, vote.nej, len(vote.ballots), vote.warnings) == ("45", 2, 1, 3, ())
