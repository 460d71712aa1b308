"""Counts of people and things: '8 partneri', 'seven partners', 'четыре семинара'.

A count is a number (digits or number words) followed, within a few words, by a unit word from
`resources/counts.json`; stop words, punctuation and other numbers end the search. The unit is
that of the head noun, found by each language's word order:

- Latvian and English put modifiers before the head ('7 pašvaldības darbinieku mobilitātes',
  '7 staff mobilities'): the search goes on past a unit word only while it can be a modifier (a
  Latvian genitive, an English singular), so in 'četri semināri tūrisma nozares speciālistiem'
  the nominative 'semināri' is the head and the dative complement after it is not.
- Russian puts the head first and genitive complements after it ('30 представителей
  муниципалитетов'): the first unit word is the head.

Numbers claimed by dates and money, years, ordinals ('7th', '2.darbības'), list numbering,
decimals, and identifiers after a label word ('Key Action 2', 'Nr. 3') never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.model import Document, Fact

# A number (with thousands groups: '1 200', '1,200'), a word (with inner hyphens or apostrophes:
# 'water-quality', "participants'"), or any other single character.
TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d.,]\d)|\d+)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?)"
    r"|(?P<other>\S)"
)
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
ROUND_COUNT = 50  # a year-like number divisible by this may be a count ('2000 cilvēku')
COMPOUND_INNER_MIN = 5  # a stem this long may end a Latvian compound ('partnervalstis')
MAX_DIGITS = 6  # longer digit runs are phone numbers or codes, not counts
QUALIFIER_CHARS = 30  # how far before the number a qualifier ('more than') may start
LANGS = ("lv", "en", "ru")


@dataclass
class CountLexicon:
    stems: list[tuple[str, str]]  # (stem, unit), longest first
    word_value: dict[str, int]
    stops: frozenset[str]
    modifier: re.Pattern[str]
    complement: re.Pattern[str]
    adjective_endings: tuple[str, ...]
    inner_match: bool
    qualifiers: list[tuple[str, re.Pattern[str]]]
    not_units: re.Pattern[str]
    label_before: re.Pattern[str]
    year_before: re.Pattern[str]
    max_between: int
    # unit_of per word, remembered: the same head nouns come back in every document
    units_seen: dict[str, str | None] = field(default_factory=dict)


@cache
def lexicon(lang: str) -> CountLexicon:
    data = langdata.load("counts.json")
    lang = lang if lang in LANGS else "en"
    stems = sorted(
        ((s.casefold(), unit) for unit, ss in data["units"].items() for s in ss if " " not in s),
        key=lambda p: (-len(p[0]), p[0]),
    )
    word_value = {
        w.casefold(): int(v)
        for words in data["number_words"].values()
        for v, forms in words.items()
        for w in forms
        if " " not in w
    }
    qualifiers = [
        (name, re.compile(r"(?<!\w)(?:" + langdata.alternation(forms) + r")\s+$", re.I))
        for name, forms in data["qualifiers"].items()
    ]
    return CountLexicon(
        stems=stems,
        word_value=word_value,
        stops=frozenset(w.casefold() for w in data["stop_words"][lang]),
        modifier=re.compile(data["modifier_pattern"][lang]),
        complement=re.compile(data["complement_pattern"][lang]),
        adjective_endings=tuple(data["adjective_endings"][lang]),
        inner_match=lang == "lv",
        qualifiers=qualifiers,
        not_units=re.compile(r"(?:" + langdata.alternation(data["not_units"]) + r")", re.I),
        label_before=re.compile(
            r"(?<!\w)(?:" + langdata.alternation(data["label_words_before"]) + r")\s*$", re.I
        ),
        year_before=re.compile(
            r"(?<!\w)(?:" + langdata.alternation(
                [w for ws in data["year_prepositions"].values() if isinstance(ws, list) for w in ws]
            ) + r")\s+$", re.I
        ),
        max_between=int(data["max_words_between"]),
    )


UNITS_SEEN_MAX = 100_000  # words remembered per language before the memo starts over


def unit_of(lex: CountLexicon, word: str) -> str | None:
    """Unit of a word by its stem; a Latvian compound by the stem that ends it."""
    try:
        return lex.units_seen[word]
    except KeyError:
        pass
    if len(lex.units_seen) >= UNITS_SEEN_MAX:
        lex.units_seen.clear()
    unit = lex.units_seen[word] = _unit_of(lex, word)
    return unit


def _unit_of(lex: CountLexicon, word: str) -> str | None:
    w = word.casefold().rstrip("'’")
    if w.endswith(lex.adjective_endings):
        return None
    best: tuple[int, int, str] | None = None  # (start, length, unit)
    for stem, unit in lex.stems:
        if w.startswith(stem):
            pos = 0
        elif lex.inner_match and len(stem) >= COMPOUND_INNER_MIN and stem in w[3:]:
            pos = w.rindex(stem)
        else:
            continue
        if best is None or (pos, len(stem)) > best[:2]:
            best = (pos, len(stem), unit)
    return best[2] if best else None


# (kind, text, start, end), kind one of num, word, other. Plain tuples: every character of every
# document goes through here, and building an object per token cost more than the counting.
Token = tuple[str, str, int, int]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [
        (m.lastgroup or "other", m.group(), m.start(), m.end())
        for m in TOKEN.finditer(text, start, end)
    ]


def _number(lex: CountLexicon, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(value, index of the number's last token) when token i starts a number."""
    kind, surface, _, _ = tokens[i]
    if kind == "num":
        return int(re.sub(r"\D", "", surface)), i
    if kind != "word":
        return None
    word = surface.casefold()
    if "-" in word or "'" in word or "’" in word:  # 'twenty-five'
        parts = re.split(r"[-'’]", word)
        if not all(p in lex.word_value for p in parts):
            return None
    elif word in lex.word_value:
        parts = [word]
    else:
        return None  # most words: not a number word
    value = sum(lex.word_value[p] for p in parts)
    # 'divdesmit pieci', 'двадцать пять', 'twenty five': tens then units
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if (
        len(parts) == 1 and value % 10 == 0 and 20 <= value <= 90 and nxt and nxt[0] == "word"
        and lex.word_value.get(nxt[1].casefold(), 0) in range(1, 10)
    ):
        return value + lex.word_value[nxt[1].casefold()], i + 1
    return value, i


def _excluded(
    lex: CountLexicon, text: str, start: int, end: int, digits: bool, head_next: bool
) -> bool:
    """Years, ordinals and list numbers ('7.', '1)'), decimals, codes, identifiers after a label
    word ('Action 2', 'Nr. 3'), numbers glued to signs. A year-like number is a count only
    when it is round (large crowds are counted in round numbers, the archive's years are
    not), right before its unit and without a preposition of time: '2000 cilvēku', not
    'in 2000 participants' nor '2018 participants' reports'."""
    token = text[start:end]
    if digits and YEAR.match(token) and (
        int(token) % ROUND_COUNT or not head_next
        or lex.year_before.search(text, max(0, start - 12), start)
    ):
        return True
    after = text[end : end + 2]
    if after[:1] in {".", ")", "%", "/", "-", "–", ":", "°"} or after[:1].isdigit():
        return True
    if after[:1] == "," and after[1:2].isdigit():
        return True
    if digits and re.match(r"(?:st|nd|rd|th|-?(?:й|я|го|е|ое|ого))\b", text[end : end + 4]):
        return True
    before = text[max(0, start - 2) : start]
    if before and (before[-1] in "+./-–#§№" or before[-1].isdigit()):
        return True
    if before[-1:] == "," and before[:1].isdigit():
        return True  # the decimals of '1,5'
    if digits and sum(c.isdigit() for c in token) > MAX_DIGITS:
        return True  # phone numbers and codes
    return bool(lex.label_before.search(text, max(0, start - 20), start))


def _head(lex: CountLexicon, text: str, tokens: list[Token], j: int) -> tuple[int, str] | None:
    """(index of the head noun, unit) among the words after the number's last token j."""
    head: tuple[int, str] | None = None
    for words, k in enumerate(range(j + 1, len(tokens)), start=1):
        kind, surface, start, _ = tokens[k]
        if kind != "word":
            break
        w = surface.casefold()
        if w in lex.stops or w in lex.word_value:
            break
        unit = None if lex.not_units.match(text, start) else unit_of(lex, surface)
        if unit:
            if head and lex.complement.search(w):
                break  # 'semināri ... speciālistiem': a dative or locative complement
            head = (k, unit)
            if not lex.modifier.search(w):
                break
        if words > lex.max_between:
            break
    return head


@register("participants", order=30)
def extract_counts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    for block in doc.blocks:
        lex = lexicon(block.lang)
        tokens = _tokens(text, block.start, block.end)
        i = 0
        while i < len(tokens):
            found = _number(lex, tokens, i) if tokens[i][0] != "other" else None
            if found is None:
                i += 1
                continue
            count, j = found
            first_kind, _, start, _ = tokens[i]
            num_end = tokens[j][3]
            head = _head(lex, text, tokens, j)
            i = j + 1
            if head is None or count <= 0:
                continue
            k, unit = head
            if _excluded(lex, text, start, num_end, first_kind == "num", k == j + 1):
                continue
            end = tokens[k][3]
            if ctx.is_claimed(start, end):
                continue
            qualifier, q_start = "", start
            for name, pattern in lex.qualifiers:
                m = pattern.search(text, max(block.start, start - QUALIFIER_CHARS), start)
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
