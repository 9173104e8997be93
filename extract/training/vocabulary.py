"""Swedish names, roles and places that fill the template sentences of the training data.

Every pool is split in two: the `train` half fills the training sentences, the `heldout` half
only the held-out ones, so the reported score measures names the model has never seen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pool:
    """Values of one slot, split into the half used for training and the half held out."""

    train: tuple[str, ...]
    heldout: tuple[str, ...]


def _split(values: str) -> Pool:
    items = tuple(v.strip() for v in values.split(",") if v.strip())
    return Pool(train=tuple(v for i, v in enumerate(items) if i % 4), heldout=items[::4])


FIRST_NAMES = _split("""
    Anna, Lars, Karin, Mikael, Eva, Anders, Maria, Johan, Kristina, Per, Lena, Erik, Åsa, Björn,
    Ingrid, Göran, Birgitta, Jörgen, Margareta, Håkan, Ulla, Mats, Elisabeth, Lennart, Marie,
    Stefan, Cecilia, Tomas, Helena, Jonas, Sofia, Magnus, Malin, Fredrik, Emma, Henrik, Linnéa,
    Patrik, Annika, Ulf, Ylva, Bengt, Susanne, Christer, Gunilla, Roger, Monica, Kjell, Agneta,
    Peter, Camilla, Thomas, Therese, Daniel, Jenny, Ola, Ann-Charlotte, Hans-Erik, Ebba, Nils,
    Elin, Örjan, Sven-Åke, Louise, Gustav, Ida, Torbjörn, Madeleine, Ahmed, Fatima, Mohammed,
    Leila, Jan-Olof, Kajsa, Rasmus, Tove, Pär, Frida, Sune, Hanna, Bo, Ann-Marie, Aleksandra,
    Mirja, Kent, Eila, Stig, Lotta, Arvid, Solveig, Viktor, Jessica, Dragan, Åke, Gun-Britt, Hans,
    Richard, Christel, Natalie, Tobias, Rikard, Sara, Paul, Tom, Sonja, Tina, Jan, Annelie, Anette,
    Ann, Harriet, Mathias, Christina, Sofi, Reino, Lisbeth, Yvonne, Kerstin, Gunnar, Leif, Inger
""")

LAST_NAMES = _split("""
    Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson,
    Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Jönsson, Lindberg, Jakobsson,
    Magnusson, Olofsson, Lindström, Lindqvist, Lindgren, Berg, Axelsson, Bergström, Lundberg,
    Lundgren, Lundqvist, Mattsson, Berglund, Fredriksson, Sandberg, Henriksson, Forsberg,
    Sjöberg, Wallin, Danielsson, Håkansson, Fransson, Nyström, Lundin, Holm, Åberg, Öberg,
    Björklund, Sjögren, Hedlund, Ström, Söderberg, Ekström, Dahlberg, Nordström, Sjöström,
    Löfgren, Hellström, Blomqvist, Åkesson, Isaksson, Strand, Falk, Nyberg, Hermansson,
    Ekholm Hagsten, Wikström, Östlund, Hägglund, Sundqvist, Grönlund, Vesterlund, Ali, Hussein,
    Kovačević, Nieminen, Virtanen, Rahimi, Al-Khalil, Yilmaz, Öhman, Åström, Bäckström,
    Sandström af Klint, Rydén, Thörn, Strömbäck, Fjällström, Wennerholm, Malmgren, Backlund
""")

ROLES = _split("""
    ledamot, ordförande, vice ordförande, ersättare, tjänstgörande ersättare, förbundschef,
    sekreterare, processledare, verksamhetsledare, coach, handläggare, controller, ekonom,
    förvaltningsekonom, socialchef, enhetschef, utvecklingsledare, kommunalråd, regionråd,
    arbetsförmedlare, verksamhetssamordnare, revisor, projektledare, samordnare, avdelningschef,
    sektionschef, socialsekreterare, arbetsterapeut, kurator, utredare, strateg, förste vice ordförande
""")

# Districts and localities that are not kommuner; the kommuner themselves come from the gazetteer.
LOCALITIES = _split("""
    Rinkeby, Tensta, Skärholmen, Hässelby, Rosengård, Gottsunda, Hammarkullen, Bergsjön, Gamlestaden,
    Husby, Fittja, Alby, Norsborg, Vårby, Hjulsta, Kista, Hovsjö, Ronna, Brandbergen, Jordbro,
    Sätra, Flemingsberg, Holma, Kroksbäck, Navestad, Skäggetorp, Vivalla, Araby, Råslätt, Öxnehaga,
    Bjärred, Dalby, Löddeköpinge, Billesholm, Ekeby, Kvidinge, Hyllinge, Svedmyra, Bredäng, Sörby
""")

# Names of workplaces and meeting rooms, written in place of a LOC but not labelled as one.
VENUES = (
    "Kommunhuset", "Regionhuset", "Stadshuset", "Folkets hus", "förbundets kansli", "Medborgarhuset",
    "sammanträdesrum Tallen", "Rådhuset", "konferensrum Eken", "Teams",
)

# Names of insatser and projects: capitalised, often with a place, yet neither PER nor ORG nor LOC.
INSATS_KINDS = ("Resursteam", "Insatsteam", "Arbetsteam", "Projekt", "Jobbteam", "Samverkansgrupp",
                "Lotsteam")
INSATS_NAMES = (
    "Steget vidare", "Vägen framåt", "Jobbverkstan", "Kraften", "Navet", "Unga in", "Basta", "Kompassen",
    "Språngbrädan", "Hälsoskolan", "Lotsen", "Motivationsgruppen", "Nya Steg", "Framtidsverkstan",
    "Arbetslivsresurs", "Aktivitetshuset", "Trappan", "Bryggan", "Vuxentrappan", "Järnet",
)
