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


phrase_lists_st = st.lists(
    st.lists(st.text(alphabet="abAB āĀмМ", min_size=1, max_size=6).filter(str.strip),
             min_size=1, max_size=4),
    min_size=1, max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(groups=phrase_lists_st, text=st.text(alphabet="abAB āĀмМx1.\n", max_size=50))
def test_first_phrase_regex_finds_the_earliest_of_the_separate_searches(
    groups: list[list[str]], text: str
) -> None:
    """Same answer as searching each phrase_regex and keeping the earliest start (the first list
    at equal starts): the list and the span."""
    hits = [
        (m.start(), i, m.span())
        for i, phrases in enumerate(groups)
        for m in [langdata.phrase_regex(phrases).search(text)]
        if m
    ]
    expected = min(hits)[1:] if hits else None
    m = langdata.first_phrase_regex(groups).search(text)
    got = (int(m.lastgroup[1:]), m.span()) if m and m.lastgroup else None
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ar Erasmus+ atbalstu", "B"),
        ("Europe for Citizens un Erasmus plus", "A"),
        ("Erasmus plus un Europe for Citizens", "B"),
        ("programma Eiropa pilsoņiem", "A"),
        ("ERASMUSA programmas", "B"),
        ("preerasmus", None),
    ],
)
def test_first_phrase_regex_names_the_list(text: str, expected: str | None) -> None:
    names = ["A", "B"]
    rx = langdata.first_phrase_regex(
        [["europe for citizens", "eiropa pilsoņiem"], ["erasmus", "erasmus plus"]]
    )
    m = rx.search(text)
    assert (names[int(m.lastgroup[1:])] if m and m.lastgroup else None) == expected


# Letters whose case-insensitive matches are unusual: long s, Kelvin sign, dotted and dotless i,
# sharp s, micro sign and mu, the three sigmas.
TRICKY = "sſkKKiIİıßẞµμΜσςΣ"


@settings(max_examples=400, deadline=None)
@given(
    forms=st.lists(st.text(alphabet="abAB āĀмМ." + TRICKY, min_size=1, max_size=4), min_size=1,
                   max_size=6),
    text=st.text(alphabet="abAB āĀмМx1." + TRICKY, max_size=40),
    ignore_case=st.booleans(),
)
def test_first_chars_lookahead_keeps_every_match(
    forms: list[str], text: str, ignore_case: bool
) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    alt = "(?:" + langdata.alternation(forms) + ")"
    guarded = re.compile("(?=[" + langdata.first_chars(forms) + "])" + alt, flags)
    plain = re.compile(alt, flags)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    phrases=st.lists(st.text(alphabet="abAB āĀм ", min_size=1, max_size=7).filter(str.strip),
                     min_size=1, max_size=6),
    text=st.text(alphabet="abAB āĀмx \n\t", max_size=40),
    ignore_case=st.booleans(),
)
def test_phrase_alternation_starts_where_a_phrase_starts(
    phrases: list[str], text: str, ignore_case: bool
) -> None:
    """Positions where the trie of phrases matches = where one phrase, its words separated by
    any white space, matches."""
    flags = re.IGNORECASE if ignore_case else 0
    plain = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    expected = [m.start() for m in re.finditer(f"(?=(?:{plain}))", text, flags)]
    trie = f"(?={langdata.phrase_alternation(phrases)})"
    assert [m.start() for m in re.finditer(trie, text, flags)] == expected
