"""The count lexicon of one language: unit stems, number words, cases and the patterns of
`resources/counts.json`, and the unit of a word by its stem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline import langdata

COMPOUND_INNER_MIN = 5  # a stem this long may end a Latvian compound ('partnervalstis')
LANGS = ("lv", "en", "ru")


@dataclass
class CountLexicon:
    stems: list[tuple[str, str]]  # (stem, unit), longest first
    word_value: dict[str, int]
    stops: frozenset[str]
    modifier: re.Pattern[str]
    complement: re.Pattern[str]
    genitive_only: re.Pattern[str]
    adjective_endings: tuple[str, ...]
    inner_match: bool
    qualifiers: list[tuple[str, re.Pattern[str]]]
    not_units: re.Pattern[str]
    label_before: re.Pattern[str]
    year_before: re.Pattern[str]
    max_between: int
    max_between_case: int
    one_word_units: frozenset[str]
    coordinators: frozenset[str]
    singular: re.Pattern[str]
    connectors: frozenset[str]
    wins: list[tuple[str, tuple[str, ...]]]  # (modifier unit, head stems it takes over)
    scale: dict[str, int]
    partitive: frozenset[str]
    partitive_head: re.Pattern[str]
    singular_after_one: bool
    between: re.Pattern[str] | None
    cases: dict[str, re.Pattern[str]]  # number word -> endings of its head
    case_before: dict[str, re.Pattern[str]]  # word before digits -> endings of their head
    ellipsis_after: re.Pattern[str]
    ellipsis_before: re.Pattern[str]
    origin: frozenset[str]
    origin_before: re.Pattern[str]  # group 1: the first letter of the next word
    antecedent_not: re.Pattern[str]  # "pasākumā": a complement, never the noun counted
    measure_after: re.Pattern[str]  # "(2 stundas)", "(15 %)": a measure, no elliptic count
    gap_after: re.Pattern[str]  # '... and seven – in Smiltene': a dash for the noun, a place
    gap_before: frozenset[str]  # words before a gapped clause's number ('and', ',')
    number_words: re.Pattern[str]  # any key of word_value, searched in case-folded text
    building_stems: tuple[str, ...]  # organisation words that also name their house
    works_stems: tuple[str, ...]  # building works ('rekonstruēt', 'renovated', 'ремонт')
    works_words: int  # how many words from the count a works word may stand
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
    building = data["building_units"]
    return CountLexicon(
        building_stems=tuple(w.casefold() for w in building["stems"]),
        works_stems=tuple(w.casefold() for w in building["works_stems"]),
        works_words=int(building["works_words"]),
        stems=stems,
        word_value=word_value,
        number_words=re.compile(langdata.alternation(list(word_value)) if word_value else "(?!)"),
        stops=frozenset(w.casefold() for w in data["stop_words"][lang]),
        modifier=re.compile(data["modifier_pattern"][lang]),
        complement=re.compile(data["complement_pattern"][lang]),
        genitive_only=re.compile(data["genitive_only_pattern"][lang]),
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
        max_between_case=int(data["max_words_between_case"]),
        one_word_units=frozenset(data["units_after_word_one"]),
        coordinators=frozenset(w.casefold() for w in data["coordinators"][lang]),
        singular=re.compile(data["singular_pattern"][lang]),
        connectors=frozenset(data["np_connectors"]),
        wins=[(unit, tuple(h.casefold() for h in heads))
              for unit, heads in data["modifier_wins"].items() if not unit.startswith("_")],
        scale={w.casefold(): int(v) for v, ws in data["scale_words"].items()
               if not v.startswith("_") for w in ws},
        partitive=frozenset(data["partitive"][lang]),
        partitive_head=re.compile(data["partitive_head_pattern"][lang]),
        singular_after_one=lang in data["singular_after_ending_one"],
        between=re.compile(data["between_pattern"][lang])
        if lang in data["between_pattern"] else None,
        cases=_case_map(data["number_word_cases"][lang], data["case_endings"][lang]),
        case_before=_case_map(data["case_before"][lang], data["case_endings"][lang]),
        ellipsis_after=re.compile(
            r"\s*(?:" + langdata.alternation(data["ellipsis_after"][lang]) + r")(?!\w)", re.I
        ),
        ellipsis_before=_before_pattern(
            data["ellipsis_before"][lang],
            [f for forms in data["qualifiers"].values() if isinstance(forms, list) for f in forms],
        ),
        origin=frozenset(w.casefold() for w in data["ellipsis_origin"][lang]),
        antecedent_not=re.compile(data["antecedent_not_pattern"][lang]),
        measure_after=_measure_pattern(data["measure_after"][lang]),
        gap_before=frozenset(w.casefold() for w in data["gapping"]["before"][lang]),
        gap_after=re.compile(
            r"[ \u00a0]*[–—-](?:[ \u00a0]+(?:"
            + langdata.alternation(data["gapping"]["prepositions"][lang])
            + r"))?(?=[ \u00a0]+[A-ZĀ-ŽА-ЯЁ])"
        ),
        origin_before=re.compile(
            r"\s*(?:" + langdata.alternation(data["ellipsis_origin"][lang]) + r")(?=\s+(\w))",
            re.I,
        ),
    )


def _before_pattern(markers: list[str], qualifiers: list[str]) -> re.Pattern[str]:
    """A pattern for one of `markers` right before a number: words with a space after them
    ('including 5'), signs with or without one ('(1.7 million'); a qualifier may stand between
    ('(at least 2 of them online', 'tai skaitā vismaz 3')."""
    words = [m for m in markers if m[-1].isalnum()]
    signs = [m for m in markers if not m[-1].isalnum()]
    alternatives = [r"(?<!\w)(?:" + langdata.alternation(words) + r")\s+"] if words else []
    alternatives += [r"(?:" + langdata.alternation(signs) + r")\s*"] if signs else []
    qualifier = r"(?:(?:" + langdata.alternation(qualifiers) + r")\s+)?" if qualifiers else ""
    return re.compile(r"(?:" + "|".join(alternatives or ["(?!)"]) + r")" + qualifier + "$", re.I)


def _measure_pattern(words: list[str]) -> re.Pattern[str]:
    """Words ('km', stems ending in '*': 'stund*') or signs ('%') right after a number."""
    stems = [w[:-1] for w in words if w.endswith("*")]
    whole = [w for w in words if not w.endswith("*") and w[-1].isalnum()]
    signs = [w for w in words if not w.endswith("*") and not w[-1].isalnum()]
    alternatives = [r"(?:" + langdata.alternation(signs) + r")"] if signs else []
    alternatives += [r"(?:" + langdata.alternation(stems) + r")"] if stems else []
    alternatives += [r"(?:" + langdata.alternation(whole) + r")(?![^\W\d_])"] if whole else []
    return re.compile(r"\s*(?:" + "|".join(alternatives or ["(?!)"]) + r")", re.I)


def _case_map(words: dict[str, list[str]], endings: dict[str, str]) -> dict[str, re.Pattern[str]]:
    """word -> compiled endings of the case it shows."""
    patterns = {case: re.compile(e) for case, e in endings.items()}
    return {w.casefold(): patterns[case] for case, ws in words.items() for w in ws}


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
    """The unit of a word: that of the stem standing last in it, the longest there (a Latvian
    compound or a hyphenated one counts by its last part); adjectives have none."""
    w = word.casefold().rstrip("'’")
    if w.endswith(lex.adjective_endings):
        return None
    best: tuple[int, int, str] | None = None  # (start, length, unit)
    first: set[str] = set()  # units of the stems that start the word
    for stem, unit in lex.stems:
        if w.startswith(stem):
            pos = 0
            first.add(unit)
        elif lex.inner_match and len(stem) >= COMPOUND_INNER_MIN and stem in w[3:]:
            pos = w.rindex(stem)
        elif "-" + stem in w:  # the second part of a hyphenated compound: 'организаций-партнёров'
            pos = w.rindex("-" + stem) + 1
        else:
            continue
        if best is None or (pos, len(stem)) > best[:2]:
            best = (pos, len(stem), unit)
    if best is None:
        return None
    if best[0] > 0:  # a compound: 'partnerorganizācijas' counts partners
        return _winner(lex, first, w[best[0]:], best[2])
    return best[2]


def _winner(lex: CountLexicon, modifiers: set[str], head: str, unit: str) -> str:
    """The unit of `head` after modifiers of `modifiers` units: a generic head ('organisations')
    after a modifier that says what they are ('partner') counts the modifier's unit."""
    for mod_unit, heads in lex.wins:
        if mod_unit in modifiers and mod_unit != unit and head.startswith(heads):
            return mod_unit
    return unit
