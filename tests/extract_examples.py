"""Swedish minutes and report snippets written for the extract tests (not from the seeds), and a
helper that turns a string into the normalized `Text` extract reads."""

from __future__ import annotations

from samarkiv.normalize.types import Span, Text


def as_text(text: str) -> Text:
    """A one-page normalized document holding `text` as is."""
    return Text(text=text, spans=(Span(0, len(text), 1, 0, len(text)),))


MINUTES = """Samordningsförbundet Västmanland

PROTOKOLL

Sammanträdesdatum 2022-03-15

Plats och tid Stadshuset, Västerås, kl 09.00–11.30

Beslutande Anna Svensson (S), ordförande, Region Västmanland
Erik Johansson (M), vice ordförande, Västerås kommun
Karin Lind, ledamot (Försäkringskassan)

Övriga närvarande Maria Berg, förbundschef
Olle Nyström, controller Region Västmanland § 12

Anmält förhinder Olof Ek, ersättare, Arbetsförmedlingen

Sekreterare

.....
Maria Berg

Justerare

.....
Karin Lind

§ 12 Budget 2022

Förbundschefen redogör för budgeten. Kostnaderna beräknas till 2 500 tkr för 2022.

Förslag till beslut: Styrelsen föreslås anta budgeten.

Beslut: Styrelsen beslutar att anta budget 2022 enligt bilaga.

S 13 Val av revisor

Beslut
- Styrelsen väljer Per Holm till revisor.
- Styrelsen ger förbundschefen i uppdrag att teckna avtal med revisionsbyrån.
-

8 14 Ansökan om medel från projektet Steget

Projektet ansöker om medel för 2022.

Beslut

Styrelsen beslutar att bevilja projektet Steget 450 000 kr för 2022.

§ 15 Rapporter

Rapporten godkändes och lades till handlingarna.

§ 16 Övrigt

Ordföranden tackar för ett gott möte.
"""

AGENDA = """KALLELSE

Styrelsemöte 2022-05-20 klockan 13.00-15.00
Lokal: Kommunhuset i Sala, rum Silvret

1. Mötets öppnande

2. Val av justerare

3. Budget 2023 – beslut

Förslag till beslut: Styrelsen föreslås fastställa budgeten på 3 200 tkr.

4. Mötets avslutande
"""

REPORT = """Delårsrapport januari – juni 2021

Beslutad av styrelsen 2021-09-10

Styrelsen fastställde den 20 november 2020 en budget för 2021 på 4 100 tkr.

Steget

Under perioden 2021-01-01 – 2021-06-30 har insatsen Steget arbetat med 34 deltagare varav 12 har avslutats.
Av dessa gick 5 deltagare till arbete och 3 deltagare till studier.

Styrelsens ledamöter:

Anna Svensson, ordförande, Region Västmanland
Erik Johansson, Västerås kommun

Resultaträkning (tkr)

\tUtfall 2021\tBudget 2021
Medlemsavgifter\t2 050\t4 100
Summa intäkter\t2 050\t4 100
Personal\t-900\t-1 800
Insatser\t-1 100\t-2 200
Summa kostnader\t-2 000\t-4 100
"""
