"""Template sentences in the style of Swedish minutes and reports, filled with varied names, roles,
organisations and places, each filled slot remembered as a labelled span. Every fifth template and
the held-out halves of the vocabulary pools make the held-out split. Run it to rewrite
`templates.jsonl`: `python -m samarkiv.extract.training.templates`.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samarkiv import gazetteer

from . import vocabulary as v
from .rules import organisation_forms, place_names

OUTPUT = Path(__file__).with_name("templates.jsonl")
PER_TEMPLATE = 60
SEED = 20240601

# A span labelled UNKNOWN is not annotated: neither an entity nor outside one, so training and
# scoring ignore it (a lone surname, a name a two-column layout cut in two).
UNKNOWN = "?"

# {PER} person, {ORG} organisation, {KOMMUN} a kommun as organisation, {FORBUND} a samordningsförbund,
# {LOC} a place, {LOCS} a place in the genitive; {ROLE}, {PARTY}, {VENUE}, {INSATS}, {DATE}, {TIME},
# {NUM}, {PARA} unlabelled.
SENTENCES = (
    "{PER}, {ROLE}, {ORG}",
    "{PER}, {ROLE} ({ORG})",
    "{PER} ({ROLE}), {KOMMUN}",
    "Beslutande {PER}, ordförande, {KOMMUN}\n{PER}, ledamot, {ORG}\n{PER}, ersättare, {ORG}",
    "Övriga närvarande {PER}, förbundschef, {FORBUND}\n{PER}, {ROLE}, {KOMMUN} § {PARA}",
    "Anmält förhinder {PER}, ledamot, {ORG}",
    "Plats och tid {VENUE}, {LOC}, kl {TIME}",
    "Plats och tid {FORBUND}, {VENUE}, {LOC}, klockan {TIME}",
    "Lokal: {VENUE} i {LOC}",
    "Justering sker {DATE} på {FORBUND} i {LOC}.",
    "Utses att justera {PER}",
    "{PER} utses att tillsammans med ordföranden justera dagens protokoll.",
    "{PER} föredrar ärendet.",
    "{PER} rapporterar från {ORG}.",
    "Förbundschef {PER} informerar om det ekonomiska läget.",
    "Styrelsen ger förbundschef {PER} i uppdrag att ta fram ett förslag till nästa sammanträde.",
    "Ordförande {PER} öppnar mötet och hälsar alla välkomna.",
    "Sekreterare {PER}\nOrdförande {PER}\nJusterare {PER}",
    "Vid protokollet\n{PER}\nJusteras\n{PER} {PER}",
    "{ORG} har meddelat att medelstilldelningen för {DATE} blir {NUM} kr.",
    "Medlemmar i förbundet är {ORG}, {ORG}, {ORG} och {KOMMUN}.",
    "De ingående parterna är {ORG}, {ORG} samt kommunerna {LOC} och {LOC}.",
    "Förbundet har sitt säte i {LOC}.",
    "{FORBUND} bildades {DATE} och omfattar kommunerna {LOC}, {LOC} och {LOC}.",
    "Insatsen bedrivs i {LOC} och {LOC} med personal från {ORG} och {KOMMUN}.",
    "Deltagarna kommer främst från stadsdelen {LOC} i {LOC}.",
    "En ny processledare, {PER}, har anställts från och med {DATE}.",
    "{PER} från {ORG} presenterar resultatet av utvärderingen.",
    "Styrelsen beslutar att bevilja {FORBUND} {NUM} kronor för insatsen i {LOC}.",
    "Ansökan från {KOMMUN} om medel till ett projekt i {LOC} bordläggs.",
    "Revisorerna {PER} och {PER} har granskat räkenskaperna.",
    "Mötet hölls i {VENUE} i {LOC} den {DATE}.",
    "{LOCS} arbetsmarknad har enligt {ORG} förbättrats under året.",
    "Nätverksträffen i {LOC} samlade handläggare från {ORG} och {ORG}.",
    "Kontaktperson är {PER}, {ROLE}, telefon 0{NUM}.",
    "{ORG}: {PER}\n{KOMMUN}: {PER}\n{ORG}: {PER}",
    "Närvarande: {PER} ({ORG}), {PER} ({KOMMUN}) och {PER} ({ORG}).",
    "Informationen från {ORG} tas till protokollet.",
    "Till ny ordförande för {DATE} väljs {PER}, {KOMMUN}, och till vice ordförande {PER}, {ORG}.",
    "Representanter från {ORG} och {FORBUND} deltog på konferensen i {LOC}.",
    "Enligt {ORG} har arbetslösheten i {LOC} ökat under året.",
    "{PER} har avgått som ledamot och ersätts av {PER}.",
    "Rapporten är framtagen av {PER} på uppdrag av {FORBUND}.",
    "Dagens möte hålls digitalt via {VENUE} på grund av läget i {LOC}.",
    "Tack till {PER} för ett gott arbete under året!",
    "Helårsrapporter från insatserna {INSATS}, {INSATS} och {INSATS}",
    "{PER}, coach {INSATS} § {PARA}-{PARA}",
    "{PER}, verksamhetsledare {INSATS}",
    "Verksamhetssamordnare {PER} föredrar resultatet för {INSATS} i {LOC}.",
    "Ledamöter {PER} och {PER} informerar om läget hos {ORG}.",
    "{INSATS} har haft {PARA} deltagare under året och drivs av {KOMMUN}.",
    "Äskande för {DATE} från {INSATS}",
    "I {LOC} berättar coach {PER} om arbetet i teamet.",
    "Från {LOC} föredrog {ROLE} {PER} om insatsens resultat.",
    "Protokollets förvaring {VENUE},\n{LOC}",
    "Förbunden i {LOC} och {LOC} har uttryckt intresse av samarbetet med {INSATS}.",
    "Kalendariet uppdateras med styrelsemöte den {DATE}.",
    "Firmatecknare är ordförande {PER} och vice ordförande {PER}, två i förening.",
    "Den lokala samverkansgruppen i {LOC} har träffats {PARA} gånger inom {INSATS}.",
    "{PER}, {ROLE}, {ORG} § {PARA}-{PARA}",
    "Förvaringsplats för protokollet {VENUE}\n{LOC}",
    "Ledamoten {PER} och ersättaren {PER} deltar på distans.",
    "Vid sammanträdet deltog ledamöterna {PER}, {PER} och {PER}.",
    "Underskrifter\nSekreterare {PER}\n{LOC} den {DATE}",
)
# The heading lists of minutes as the text layer gives them: a party in parentheses in any case,
# "Namn, roll", two columns interleaved on one line, commas or no separators at all, and the cells
# of a web table glued together (the tokenizer splits "DanderydAnna" in two, see rules.GLUED).
HEADING_LISTS = (
    "Beslutande {PER} ({PARTY}), ordförande\n{PER} ({PARTY}), 1:e vice ordförande\n{PER} ({PARTY})\n"
    "{PER} ({PARTY})\n{PER} ({PARTY}), tjänstgörande ersättare för {PER} ({PARTY})",
    "Beslutande    Ledamöter                     Tjänstgörande ersättare\n"
    "{PER} ({PARTY}), ordförande  {PER} ({PARTY}) tjänstgör för\n"
    "{PER} ({PARTY}), 2:e vice ordförande {PER} ({PARTY})\n"
    "{PER} ({PARTY})          {PER} ({PARTY}) ersätter {PER}\n"
    "{PER} ({PARTY})          ({PARTY})",
    "Övriga närvarande Ersättare                 Tjänstepersoner\n"
    "{PER} ({PARTY})          {PER}, {ROLE}\n{PER} ({PARTY})          {PER}, {ROLE}\n"
    "{PER} ({PARTY})          {PER},\n                              {ROLE}",
    "Närvarande: {PER} ({PARTY}), {PER} ({PARTY}), {PER} ({PARTY}) och {PER} ({PARTY}).",
    "Ledamöter {PER}, {PER}, {PER}, {PER}\nErsättare {PER}, {PER}",
    "Ledamöter {PER} {PER} {PER} {PER}\nErsättare {PER} {PER} {PER}",
    "Ordinarie ledamöter\n{PER}, {ROLE}\n{PER}, {ROLE}, {KOMMUN}\n{PER}, {ROLE}, {ORG}",
    "Frånvarande {PER} ({PARTY}), {PER} ({PARTY})\nAnmält förhinder {PER}, {ROLE}",
    "Justerare\n{PER} ({PARTY})            {PER} ({PARTY})",
    "Underskrifter Ordförande Justerare Sekreterare {PER} {PER} {PER}",
    "Utses att justera {PER} ({PARTY}) och {PER} ({PARTY})",
    "LedamöterErsättare\n{LOC}{PER}{PER}\n{LOC}{PER}{PER}\n{ORG}{PER}{PER}",
    "{PER} ({PARTY}) ordförande {PER} ({PARTY}) vice ordförande {PER} ({PARTY}) ledamot",
)
# Each heading list also flattened, as web copies and some text layers lose the line breaks.
TEMPLATES = (*SENTENCES, *HEADING_LISTS, *(re.sub(r"\s+", " ", t) for t in HEADING_LISTS))
HELDOUT_EVERY = 5
PARTIES = ("S", "M", "C", "L", "KD", "V", "MP", "SD")


@dataclass(frozen=True, slots=True)
class Example:
    """One annotated text: entities as (start, end, label) character offsets."""

    text: str
    entities: tuple[tuple[int, int, str], ...]
    group: str
    split: str

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "entities": [list(e) for e in self.entities],
                           "group": self.group, "split": self.split}, ensure_ascii=False)


def _halves(values: list[str]) -> v.Pool:
    return v.Pool(train=tuple(x for i, x in enumerate(values) if i % 4), heldout=tuple(values[::4]))


def _genitive(place: str) -> str:
    return place if place.endswith(("s", "x", "z")) else place + "s"


class _Filler:
    """Draws slot values from the train or held-out half of each pool."""

    def __init__(self, rng: random.Random, heldout: bool) -> None:
        self.rng = rng
        half: Callable[[v.Pool], tuple[str, ...]] = (lambda p: p.heldout) if heldout else (lambda p: p.train)
        forms = organisation_forms()
        kinds = {b.name: b.kind for b in gazetteer.all_bodies()}
        orgs = sorted(form for form, name in forms.items() if kinds[name] != "kommun")
        self.first = half(v.FIRST_NAMES)
        self.last = half(v.LAST_NAMES)
        self.roles = half(v.ROLES)
        self.orgs = half(_halves(orgs))
        self.kommuner = half(_halves(sorted(b.name for b in gazetteer.kommuner())))
        self.forbund = half(_halves(sorted(b.name for b in gazetteer.samordningsforbund())))
        self.places = half(_halves(list(place_names()))) + half(v.LOCALITIES)

    def person(self) -> str:
        r = self.rng.random()
        first = self.rng.choice(self.first)
        if r < 0.1:
            first = f"{first} {self.rng.choice(self.first)}"
        last = self.rng.choice(self.last)
        if r > 0.93:
            last = f"{last} {self.rng.choice(self.last)}"
        return f"{first} {last}"

    def forbund_name(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(self.forbund)
        place = self.rng.choice(self.places)
        if r < 0.75:
            return f"Samordningsförbundet {place}"
        if r < 0.9:
            return f"{_genitive(place)} samordningsförbund"
        return f"Finsam {place}"

    def fill(self, slot: str) -> tuple[str, str | None]:
        rng = self.rng
        match slot:
            case "PER":
                return self.person(), "PER"
            case "ORG":
                return (rng.choice(self.orgs) if rng.random() < 0.8 else rng.choice(self.kommuner)), "ORG"
            case "KOMMUN":
                return rng.choice(self.kommuner), "ORG"
            case "FORBUND":
                return self.forbund_name(), "ORG"
            case "LOC":
                return rng.choice(self.places), "LOC"
            case "LOCS":
                return _genitive(rng.choice(self.places)), "LOC"
            case "ROLE":
                return rng.choice(self.roles), None
            case "PARTY":
                party = rng.choice(PARTIES)
                return (party.lower() if rng.random() < 0.3 else party), None
            case "INSATS":
                if rng.random() < 0.5:
                    return rng.choice(v.INSATS_NAMES), None
                return f"{rng.choice(v.INSATS_KINDS)} {rng.choice(self.places)}", None
            case "VENUE":
                return rng.choice(v.VENUES), None
            case "DATE":
                year, month, day = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
                return rng.choice((f"{year}-{month:02d}-{day:02d}", f"den {day} maj {year}", f"{year}")), None
            case "TIME":
                start = rng.randint(8, 15)
                return f"{start}.00–{start + rng.randint(1, 3)}.30", None
            case "NUM":
                return f"{rng.randint(1, 999)} {rng.randint(0, 999):03d}", None
            case "PARA":
                return str(rng.randint(1, 90)), None
        raise ValueError(f"unknown slot {slot}")


def _instantiate(template: str, filler: _Filler) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    text, entities, last = "", [], 0
    for match in re.finditer(r"\{([A-Z]+)\}", template):
        text += template[last:match.start()]
        value, label = filler.fill(match.group(1))
        if label:
            entities.append((len(text), len(text) + len(value), label))
        text += value
        last = match.end()
    return text + template[last:], tuple(entities)


def examples() -> list[Example]:
    """Every template filled PER_TEMPLATE times, reproducibly."""
    rng = random.Random(SEED)
    out = []
    for index, template in enumerate(TEMPLATES):
        heldout = index % HELDOUT_EVERY == HELDOUT_EVERY - 1
        filler = _Filler(rng, heldout)
        for _ in range(PER_TEMPLATE):
            text, entities = _instantiate(template, filler)
            out.append(Example(text, entities, f"template-{index:02d}", "heldout" if heldout else "train"))
    return out


def main() -> None:
    OUTPUT.write_text("".join(e.to_json() + "\n" for e in examples()), encoding="utf-8")


if __name__ == "__main__":
    main()
