"""langdata.alternation: the trie must match exactly what a plain longest-first alternation
matches (same spans, same preference), with and without IGNORECASE."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata


def _plain(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


ALPHABET = "abAB.- āĀмМ"
forms_st = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=5), max_size=8)
text_st = st.text(alphabet=ALPHABET + "x1", max_size=40)


@settings(max_examples=300, deadline=None)
@given(forms=forms_st, text=text_st, ignore_case=st.booleans(), tail=st.sampled_from(
    ["", r"(?!\w)", r"\s", r"b"]))
def test_trie_matches_like_the_plain_alternation(
    forms: list[str], text: str, ignore_case: bool, tail: str
) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    if not forms:
        return
    trie = re.compile("(?P<m>" + langdata.alternation(forms) + ")" + tail, flags)
    plain = re.compile("(?P<m>" + _plain(forms) + ")" + tail, flags)
    assert [m.span("m") for m in trie.finditer(text)] == [
        m.span("m") for m in plain.finditer(text)
    ]


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        (["mar", "mar.", "marts", "marta"], "marts", "marts"),
        (["mar", "mar.", "marts", "marta"], "mar. 5", "mar."),
        (["mar", "mar.", "marts"], "mart", "mar"),
        (["no", "from", "from the"], "from the city", "from the"),
        (["šī gada", "šā gada"], "Šā gada", "Šā gada"),
    ],
)
def test_longest_form_wins(forms: list[str], text: str, expected: str) -> None:
    m = re.match("(?:" + langdata.alternation(forms) + ")", text, re.IGNORECASE)
    assert m is not None and m.group() == expected


def test_no_forms_give_an_empty_pattern() -> None:
    assert langdata.alternation([]) == ""
