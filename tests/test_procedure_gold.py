"""How decisions were made, measured on the hand-checked gold list in fixtures/procedure/ (the
Kungsbacka minutes of the dev corpus and the seeds): every yrkande, vote, reservation and jäv."""

from __future__ import annotations

from .conftest import FIXTURES, load_eval


def test_every_yrkande_vote_reservation_and_jav_of_the_gold_is_found_and_nothing_else() -> None:
    scorer = load_eval("procedure_score")
    result = scorer.score(FIXTURES / "procedure" / "gold.json", FIXTURES / "dev" / "text", FIXTURES / "seeds")
    assert {k: (r["gold"], r["found"], r["tp"]) for k, r in result.items() if k != "motion_kind"} == {
        "motions": (24, 24, 24), "votes": (1, 1, 1), "reservations": (9, 9, 9), "jav": (1, 1, 1)}
    assert result["motion_kind"] == {"matched": 24, "agree": 23 / 24}
