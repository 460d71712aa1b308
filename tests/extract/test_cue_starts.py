"""The one-scan cue positions (`starts` patterns or the partners' `cuescan` + langdata.finditer_at)
must find exactly what scanning the text with every cue pattern finds, on text made of the cue
phrases themselves."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata
from pipeline.extract import contacts, cuescan, identity, money, partners
from pipeline.extract.partners import owner, prose
from pipeline.langdata import finditer_at
from pipeline.text import digit_runs


def _strings(data: object) -> list[str]:
    """Every string of a JSON document, but its `_doc` notes."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    if isinstance(data, dict):
        return [s for k, v in data.items() if not k.startswith("_") for s in _strings(v)]
    return []


def _registered_cues() -> list[re.Pattern[str]]:
    """Every cue pattern found with `cuescan` (their builders register them)."""
    contacts._lexicon()
    identity._lexicon()
    money.lexicon()
    partners.cues()
    partners._trailing_cue()
    for build in (prose._copula_cue, prose._copula_subject_cue, prose._titled_role,
                  prose._verbs_before_names, owner._verb_cue, owner._genitive_cue):
        build()
    return cuescan.registered()


def _phrases() -> list[str]:
    out = _strings(langdata.load("organizations.json"))
    out += langdata.load("identifiers.json")["acronym_labels"]
    data = contacts.json.loads(contacts.RESOURCE.read_text(encoding="utf-8"))
    for key in ("heading_cues", "author_cues", "author_cues_line_start", "phone_labels",
                "fax_labels", "email_labels"):
        out += contacts._all(data, key)
    return sorted(set(out))


PIECES = _phrases() + [" ", "  ", "\n", ": ", ", ", "-", "x", "Rīga", "12 34 56 78", "e-", ".",
                       "(at)", "@", "„Title” ", "Ogre (LV) "]
text_st = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(PIECES).map(str.upper)), max_size=12
).map("".join)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(text=text_st)
def test_cue_starts_find_every_match(text: str) -> None:
    patterns = _registered_cues()
    assert len(patterns) > 20
    for p in patterns:
        assert _spans(cuescan.find(p, text)) == _spans(p.finditer(text)), p.pattern[:60]


def test_cues_begin_at_word_starts() -> None:
    """`cuescan` lists the starts of `\\w+` runs: no character that a cue's first letter
    matches (ignoring case, as `re` does: 'ι' matches U+0345, which is no word character) may
    be other than a word character."""
    _registered_cues()
    firsts = cuescan._REGISTRY.firsts
    assert len(firsts) > 10
    non_word = "".join(c for c in map(chr, range(0x110000))
                       if not re.fullmatch(r"\w", c) and not 0xD800 <= ord(c) < 0xE000)
    for first, flags in firsts:
        assert re.compile(re.escape(first), flags).search(non_word) is None, first


@settings(max_examples=300, deadline=None)
@given(text=text_st, cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_contact_cue_and_label_starts_find_every_match(
    text: str, cut: tuple[int, int]
) -> None:
    lex = contacts._lexicon()
    for p in (lex.heading, lex.author, lex.author_line_start):
        assert _spans(cuescan.find(p, text)) == _spans(p.finditer(text))
    lo, hi = min(cut[0], len(text)), max(0, len(text) - cut[1])
    for p in (lex.phone_label, lex.fax_label):
        starts = [s for s in cuescan.cue_starts(p, text) if lo <= s < hi]
        assert _spans(finditer_at(p, text, starts, hi)) == _spans(p.finditer(text, lo, hi))


@settings(max_examples=300, deadline=None)
@given(text=text_st)
def test_text_without_an_at_mark_has_no_email(text: str) -> None:
    if contacts._AT_MARK.search(text) is None:
        assert contacts._EMAIL.search(text) is None
        assert re.search("@", text) is None


def _money_pieces() -> list[str]:
    data = langdata.load("money.json")
    forms = [f for fs in data["currencies"].values() for f in fs]
    scales = [f for fs in data["scales"].values() for f in fs]
    return forms + scales + [" ", "  ", "\n", ":", ",", ".", "-", "x", "1", "12", "1 000",
                             "2,5", "100.00", "€", "Rīga", "(", "%"]


money_text_st = st.lists(st.sampled_from(_money_pieces()), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=money_text_st)
def test_amounts_are_tried_at_their_possible_starts(text: str) -> None:
    """The amount patterns, tried only where a run of digits, a currency word or a currency
    symbol begins, find what a scan of every character finds."""
    lex = money.lexicon()
    for p, starts in ((lex.pattern, money._amount_starts(text)),
                      (lex.scaled_number, digit_runs(text)),
                      (money.BARE_NUMBER, digit_runs(text))):
        assert _spans(finditer_at(p, text, starts)) == _spans(p.finditer(text)), p.pattern[:60]
