"""normalize_text: one canonical line per block, content characters kept, idempotent."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.textnorm import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Projekta  partneri:\t ", "Projekta partneri:"),
        ("266\u00a0648,91\u00a0EUR", "266 648,91 EUR"),
        ("1\u202f234\u2009567 EUR", "1 234 567 EUR"),
        ("\u2002\u2003\u2007a\u200ab", "a b"),
        ("pašval\u00addība", "pašvaldība"),
        ("Dau\u200bgav\u200cpils\u200d\ufeff\u2060", "Daugavpils"),
        ("Reča\u2010Lāže", "Reča-Lāže"),
        ("Reča\u2011Lāže", "Reča-Lāže"),
        ("2016\u20122017", "2016–2017"),
        ("\u2015 citāts", "– citāts"),
        ("\u22125 °C", "–5 °C"),
        ("02.01.2018. – 31.08.2018.", "02.01.2018. – 31.08.2018."),
        ("a — b", "a — b"),
        ("„Eiropa pilsoņiem” “Europe” «Европа» ‘x’", "„Eiropa pilsoņiem” “Europe” «Европа» ‘x’"),
        ("\u201fa\u201d \u201bb\u2019", "\u201da\u201d \u2019b\u2019"),
        ("12\u2033 and 5\u2032", "12\" and 5'"),
        ("Kontaktpersona:\r\nJolanta", "Kontaktpersona: Jolanta"),
        ("line\nbreak\rhere", "line break here"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("c1\x85next", "c1 next"),
        ("a\u2028b\u2029c", "a b c"),
        ("ofDaugavpils", "ofDaugavpils"),  # glued words are left alone
        ("e\u0301", "\u00e9"),  # NFC
        ("Rı\u0304ga", "Rı\u0304ga"),
        ("", ""),
        (" \t\n ", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_text_composes_after_removing_invisible_characters() -> None:
    assert normalize_text("a\u200b\u0304") == "ā"


def test_normalize_text_keeps_offsets_meaningful() -> None:
    out = normalize_text("Tālr:\u00a06\u00a054\u00a076064")
    assert out == "Tālr: 6 54 76064"
    assert "\n" not in normalize_text("a\n\nb")


_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            list("āčēģīķļņšūž „“”«»‘’‛‟″′–—\u2010\u2011\u2012\u2015\u2212\u00ad\u00a0\u202f")
            + ["\u200b", "\ufeff", "\u2060", "\t", "\n", "\r", "\u0301", "\u0304", "\u2000"]
        ),
    ),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_normalize_text_is_idempotent(s: str) -> None:
    once = normalize_text(s)
    assert normalize_text(once) == once


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_normalize_text_output_is_one_clean_line(s: str) -> None:
    out = normalize_text(s)
    assert out == out.strip(" ")
    assert "  " not in out
    assert unicodedata.is_normalized("NFC", out)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in out)
    assert not any(ch in out for ch in "\u00ad\u200b\u200c\u200d\ufeff\u2060\u00a0\t")


def _per_character(s: str) -> str:
    """The rule spelled out one character at a time (the table, then every Unicode space
    separator to ' ' and surrogates dropped, then NFC): the fast path must agree with it."""
    from pipeline.textnorm import _MAP

    out = []
    for ch in s:
        ch = _MAP.get(ord(ch), ch)
        if ch is None:
            continue
        cat = unicodedata.category(ch) if len(ch) == 1 else ""
        out.append(" " if cat == "Zs" else "" if cat == "Cs" else ch)
    joined = unicodedata.normalize("NFC", "".join(out))
    while "  " in joined:
        joined = joined.replace("  ", " ")
    return joined.strip(" ")


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_normalize_text_agrees_with_the_per_character_rule(s: str) -> None:
    assert normalize_text(s) == _per_character(s)


def test_every_space_separator_and_surrogate_is_handled() -> None:
    import sys

    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Zs":
            assert normalize_text(f"a{ch}b") == "a b", hex(cp)
        elif cat == "Cs":
            assert normalize_text(f"a{ch}b") == "ab", hex(cp)
