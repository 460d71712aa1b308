"""Sentence spans: where a sentence ends, in the archive's and the partners' languages."""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata
from pipeline.text import add_number_word, sentence_spans, sentence_spans_around


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
    # a title or label with a dot stands before a name or a number
    ("Partners: St. Olaf’s School of Bergen (Norway). Dr. Anna Kalniņa leads it.",
     ["Partners: St. Olaf’s School of Bergen (Norway).", "Dr. Anna Kalniņa leads it."]),
    ("Project No. LLI-100 is new. Sv. Jāņa baznīca is old.",
     ["Project No. LLI-100 is new.", "Sv. Jāņa baznīca is old."]),
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


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """The rule of `sentence_spans`, one character at a time: a sentence ends at a run of line
    breaks, or at the white space after . ! ? (itself after two characters that are neither
    white space nor a full stop) when a capital letter or an opening quote follows, unless
    the word before the dot is a listed abbreviation ("St.", "Dr.", "No.")."""
    abbreviations = set(langdata.load("sentences.json")["abbreviations"])

    def abbreviation_before(p: int) -> bool:
        word = re.search(r"(?<!\w)\w+$", text[: p - 1])
        return bool(word) and word.group() in abbreviations

    def plain(ch: str) -> bool:
        return not ch.isspace() and ch != "."

    def opens(ch: str) -> bool:
        return ch in "\"„“«" or (ch.isupper() and 0x41 <= ord(ch) < 0x530)

    spans, pos, p = [], 0, 0
    while p < len(text):
        q = p
        if text[p] == "\n":
            while q < len(text) and text[q] == "\n":
                q += 1
        elif text[p].isspace() and p >= 3 and text[p - 1] in ".!?" and plain(text[p - 2]) \
                and plain(text[p - 3]) and not (text[p - 1] == "." and abbreviation_before(p)):
            while q < len(text) and text[q].isspace():
                q += 1
            if q == len(text) or not opens(text[q]):
                q = p
        if q == p:
            p += 1
            continue
        if p > pos:
            spans.append((pos, p))
        pos = p = q
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="aAŽжSt.!? \n\r\t\u00a0„«1", max_size=60))
def test_sentence_spans_follow_the_rule(text: str) -> None:
    assert sentence_spans(text) == _reference_spans(text)


@pytest.mark.parametrize(("current", "last", "value", "step"), [
    (20, 20, 5, (25, 5)), (200, 200, 50, (250, 50)), (250, 50, 5, (255, 5)),
    (1000, 1000, 300, (1300, 300)), (2, 2, 100, (200, 100)),
    (5, 5, 20, None), (25, 5, 3, None), (50, 50, 50, None), (20, 20, 10, None),
    (100, 100, 0, None), (20, 20, 100, None),
])
def test_add_number_word(current: int, last: int, value: int,
                         step: tuple[int, int] | None) -> None:
    assert add_number_word(current, last, value) == step
