"""implausibility: the penalty of a decoding, scored per distinct word, must equal the score
summed word by word over the text (the rule as first written)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.txt import _LATVIAN, LEGACY_ENCODINGS, implausibility


def _word_by_word(text: str) -> int:
    penalty = 10 * sum(1 for ch in text if "\x80" <= ch <= "\x9f" or ch == "\ufffd")
    penalty += 2 * sum(text.count(ch) for ch in "˙´¤¦")
    for word in re.findall(r"[^\W\d_]+", text):
        cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        if cyr and cyr < len(word):
            penalty += 5
        elif not cyr and len(word) >= 3:
            if sum(1 for ch in word if not ch.isascii()) * 2 > len(word):
                penalty += 3
            penalty += sum(1 for ch in word if not ch.isascii() and ch not in _LATVIAN) // 2
            if any(ch.isascii() for ch in word):
                penalty -= sum(1 for ch in word if ch in _LATVIAN)
    return penalty


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("abcXYZ āčēšžĀŠ Ïðîåêò ПроектЦР ˙´¤¦\x85\x9f\ufffd.,1\n")), max_size=80))
def test_implausibility_equals_the_word_by_word_score(text: str) -> None:
    assert implausibility(text) == _word_by_word(text)


@pytest.mark.parametrize(
    "source",
    [
        "Pašvaldības projekta partneri tikās Daugavpilī un apsprieda sadarbību.",
        "Партнёры проекта встретились в Даугавпилсе и обсудили сотрудничество.",
    ],
)
def test_implausibility_of_every_legacy_decoding(source: str) -> None:
    for enc in LEGACY_ENCODINGS:
        data = source.encode(enc, errors="replace")
        for other in LEGACY_ENCODINGS:
            text = data.decode(other, errors="replace")
            assert implausibility(text) == _word_by_word(text)
