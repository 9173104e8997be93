"""The shape of a document as extract sees it: table rows versus running text that OCR spaced out
with tabs, and blocks that close at a short standalone line."""

from __future__ import annotations

from samarkiv.extract.layout import lines_of, spaced_text, units_of


def test_justified_text_with_tabs_for_gaps_is_not_a_table_row() -> None:
    assert spaced_text("avdelningen\tArbete\toch\tTillväxt\tangående = förlängningsansökan\tför\tprojekt")
    assert spaced_text("-\tinformation\tom\tFörsäkringskassans\toch\tArbetsförmedlingens — reaktion\tpå")
    assert not spaced_text("Summa\t-1 010 000 kr\t-837 000 kr\t-945 000 kr")
    assert not spaced_text("Kostnader\tBudget\tUtfall\tPrognos")
    assert not spaced_text("§ 34\tÖppnande och val av justerare\t3")


def test_a_short_unpunctuated_line_before_a_capitalised_one_closes_its_block() -> None:
    text = "Delårsrapport 2021\nBeslutad av styrelsen 2021-09-20\nFörbundet har haft\nett lugnt år.\n"
    assert [b.text for b in units_of(lines_of(text))] == [
        "Delårsrapport 2021", "Beslutad av styrelsen 2021-09-20", "Förbundet har haft ett lugnt år."]
