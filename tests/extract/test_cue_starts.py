"""The one-scan cue positions (`starts` patterns + langdata.finditer_at) must find exactly what
scanning the text with every cue pattern finds, on text made of the cue phrases themselves."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata
from pipeline.extract import contacts, partners
from pipeline.langdata import finditer_at


def _phrases() -> list[str]:
    org = langdata.load("organizations.json")
    out = [
        c
        for key in ("cooperation_cues", "apposition_cues", "subject_cues", "list_cues")
        for role, forms in org[key].items()
        if not role.startswith("_")
        for c in forms
    ]
    out += org["partner_country_cues"] + org["partner_city_cues"]
    data = contacts.json.loads(contacts.RESOURCE.read_text(encoding="utf-8"))
    for key in ("heading_cues", "author_cues", "author_cues_line_start", "phone_labels",
                "fax_labels", "email_labels"):
        out += contacts._all(data, key)
    return sorted(set(out))


PIECES = _phrases() + [" ", "  ", "\n", ": ", ", ", "-", "x", "Rīga", "12 34 56 78", "e-", ".",
                       "(at)", "@"]
text_st = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(PIECES).map(str.upper)), max_size=12
).map("".join)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(text=text_st)
def test_partner_cue_starts_find_every_match(text: str) -> None:
    cs = partners.cues()
    starts = [m.start() for m in cs.starts.finditer(text)]
    patterns = [cs.coop, cs.country, cs.city] + [
        p for _, p in cs.apposition + cs.subject + cs.lists
    ]
    for p in patterns:
        assert _spans(finditer_at(p, text, starts)) == _spans(p.finditer(text)), p.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(text=text_st, cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_contact_cue_and_label_starts_find_every_match(
    text: str, cut: tuple[int, int]
) -> None:
    lex = contacts._lexicon()
    starts = [m.start() for m in lex.cue_starts.finditer(text)]
    for p in (lex.heading, lex.author, lex.author_line_start):
        assert _spans(finditer_at(p, text, starts)) == _spans(p.finditer(text))
    lo, hi = min(cut[0], len(text)), max(0, len(text) - cut[1])
    label_starts = [m.start() for m in lex.label_starts.finditer(text, lo, hi)]
    for p in (lex.phone_label, lex.fax_label):
        assert _spans(finditer_at(p, text, label_starts, hi)) == _spans(p.finditer(text, lo, hi))


@settings(max_examples=300, deadline=None)
@given(text=text_st)
def test_text_without_an_at_mark_has_no_email(text: str) -> None:
    if contacts._AT_MARK.search(text) is None:
        assert contacts._EMAIL.search(text) is None
        assert re.search("@", text) is None
