"""Counts of people and things: '8 partneri', 'seven partners', 'четыре семинара'.

A spaCy Matcher finds a number (digits or a number word) followed, within a few non-stop words,
by a unit word; the longest match per number wins, so the head noun (the last unit word) decides
the unit: '7 pašvaldības darbinieku mobilitātes' is 7 mobilities. Numbers claimed by dates and
money, years, ordinals ('7th', '2.darbības') and list numbering never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.model import Document, Fact
from pipeline.nlp import blank


@dataclass
class CountLexicon:
    matcher: Matcher
    word_value: dict[str, int]
    qualifiers: list[tuple[str, re.Pattern[str]]]
    not_units: re.Pattern[str]


@cache
def lexicon(lang: str) -> CountLexicon:
    data = langdata.load("counts.json")
    nlp = blank(lang)
    word_value = {
        w.casefold(): int(v)
        for words in data["number_words"].values()
        for v, forms in words.items()
        for w in forms
        if " " not in w
    }
    stops = sorted({w for ws in data["stop_words"].values() for w in ws})
    number = [{"TEXT": {"REGEX": r"^\d{1,5}$"}}, {"LOWER": {"IN": sorted(word_value)}}]
    between = {
        "IS_ALPHA": True,
        "LOWER": {"NOT_IN": stops + sorted(word_value)},
        "OP": "{0," + str(data["max_words_between"]) + "}",
    }
    matcher = Matcher(nlp.vocab)
    for unit, stems in data["units"].items():
        single = [re.escape(s) for s in stems if " " not in s]
        unit_token = {"LOWER": {"REGEX": "^(?:" + "|".join(single) + ")"}}
        matcher.add(unit, [[num, between, unit_token] for num in number], greedy="LONGEST")
    qualifiers = [
        (name, re.compile(r"(?<!\w)(?:" + langdata.alternation(forms) + r")\s+$", re.I))
        for name, forms in data["qualifiers"].items()
    ]
    not_units = re.compile(r"^(?:" + langdata.alternation(data["not_units"]) + r")", re.I)
    return CountLexicon(matcher, word_value, qualifiers, not_units)


YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _excluded(text: str, start: int, end: int) -> bool:
    """Years, list numbering ('1. ...' at a line start), numbers glued to digits or signs."""
    token = text[start:end]
    if YEAR.match(token):
        return True
    after = text[end : end + 2]
    if after[:1] in {".", ")", "%", "/", "-", "–"} or after[:1].isdigit():
        return True  # ordinal '7.', list '1)', percent, ranges and codes
    before = text[max(0, start - 2) : start]
    return bool(before) and (before[-1] in "+./-–#§№" or before[-1].isdigit())


@register("participants", order=30)
def extract_counts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    for block in doc.blocks:
        lex = lexicon(block.lang)
        sdoc = blank(block.lang).make_doc(text[block.start : block.end])
        best: dict[int, tuple[int, int, str]] = {}  # number token -> (end token, length, unit)
        for match_id, s, e in lex.matcher(sdoc):
            unit = sdoc.vocab.strings[match_id]
            if s not in best or e > best[s][0]:
                best[s] = (e, e - s, unit)
        for s, (e, _, unit) in sorted(best.items()):
            num_tok, unit_tok = sdoc[s], sdoc[e - 1]
            start = block.start + num_tok.idx
            end = block.start + unit_tok.idx + len(unit_tok.text)
            if _excluded(text, start, start + len(num_tok.text)) or ctx.is_claimed(start, end):
                continue
            if lex.not_units.match(text[block.start + unit_tok.idx :]):
                continue
            raw = num_tok.text
            count = int(raw) if raw.isdigit() else lex.word_value[raw.casefold()]
            qualifier = ""
            q_start = start
            for name, pattern in lex.qualifiers:
                m = pattern.search(text, max(block.start, start - 30), start)
                if m:
                    qualifier, q_start = name, m.start()
                    break
            yield Fact(
                table="participants",
                doc_id=doc.doc_id,
                text=text[q_start:end],
                start=q_start,
                end=end,
                values={"count": count, "unit": unit, "qualifier": qualifier,
                        "lang": block.lang},
            )
