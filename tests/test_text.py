"""Sentence spans: where a sentence ends, in the archive's and the partners' languages."""

from __future__ import annotations

import pytest

from pipeline.text import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text,expected", [
    ("Seminārs notika 11. maijā Rīgā. Piedalījās 20 dalībnieki.",
     ["Seminārs notika 11. maijā Rīgā.", "Piedalījās 20 dalībnieki."]),  # ordinal day
    ("Informāciju sagatavoja J. Bērziņš. Ārā lija.",
     ["Informāciju sagatavoja J. Bērziņš.", "Ārā lija."]),  # initial; Latvian capital
    ("The meeting was held in Poland. Łódź hosted it.",
     ["The meeting was held in Poland.", "Łódź hosted it."]),
    ("Partners came from Germany. Überlingen was one.",
     ["Partners came from Germany.", "Überlingen was one."]),
    ("Встреча прошла в Пскове. Ёлки стояли. Участвовали 30 человек.",
     ["Встреча прошла в Пскове.", "Ёлки стояли.", "Участвовали 30 человек."]),
    ("Line one\nLine two", ["Line one", "Line two"]),
    ("Budžets ir 2,5 milj. eiro. Tas ir daudz.", ["Budžets ir 2,5 milj. eiro.", "Tas ir daudz."]),
])
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
