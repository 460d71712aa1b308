"""Sentence spans: where a sentence ends, in the archive's and the partners' languages."""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import sentence_spans, sentence_spans_around


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


def _around(spans: list[tuple[int, int]], start: int, end: int) -> tuple:
    """What an evidence window reads: the spans holding start and end - 1 (or none)."""
    starts = [a for a, _ in spans]
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    return (spans[i] if i >= 0 else None), (spans[j] if j >= 0 else None)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="aA.!? \n\t\u00a0„Ž1", max_size=80),
    st.integers(0, 80),
    st.integers(0, 10),
)
def test_spans_around_agree_with_the_whole_split(text: str, start: int, width: int) -> None:
    start = min(start, len(text))
    end = min(start + width, len(text))
    local = sentence_spans_around(text, start, end)
    assert _around(local, start, end) == _around(sentence_spans(text), start, end)
    assert set(local) <= set(sentence_spans(text))


@pytest.mark.parametrize("text", ["", "\n\n", "One. Two\n\n  Three. Four.\nFive", "a\n"])
def test_spans_around_every_offset(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert _around(sentence_spans_around(text, start, end), start, end) == _around(
                sentence_spans(text), start, end
            )
