"""Cognates across the archive's languages: words that are the same word in another spelling.

A translated project title keeps its international words ('Innovative Interactive Methods' /
'Inovatīvu interaktīvu metožu' / 'Инновационных интерактивных методов'), but each language
spells them its own way. `skeleton` maps a folded word to a spelling key where those meet
(the rules are language data: resources/cognates.json), and two words are cognates when their
keys share a long start. Used by linking (`pipeline.link`) to compare titles in two languages.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline import langdata

COGNATE_PREFIX = 5  # shared start of two words' keys that makes them cognates
SHORT_WORD = 3  # words this short are never compared (articles, prepositions, 'un', 'и')


@cache
def _rules() -> tuple[dict[int, str], list[tuple[re.Pattern[str], str]]]:
    data = langdata.load("cognates.json")
    table = str.maketrans(data["transliterate"])
    return table, [(re.compile(p), r) for p, r in data["rewrites"]]


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """The spelling key of a folded word: 'innovative' -> 'inovative', 'objekts' -> 'objekts',
    'objects' -> 'objekts', 'туризма' -> 'turisma'."""
    table, rewrites = _rules()
    key = word.translate(table)
    for pattern, repl in rewrites:
        key = pattern.sub(repl, key)
    return key


def key(word: str) -> str:
    """The start of a word's spelling key that cognates share (an index key for linking)."""
    return skeleton(word)[:COGNATE_PREFIX]


def cognates(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str]]:
    """Word pairs of two titles (folded words) that are the same word or whose spelling keys
    share a long start: cognates and inflected forms across Latvian, English and Russian
    ('digitalas'/'digital', 'senioriem'/'seniors', 'objektu'/'objects'). Each word of `b` is
    used once."""
    used: set[int] = set()
    pairs = []
    for x in a:
        if len(x) <= SHORT_WORD:
            continue
        kx = skeleton(x)
        for j, y in enumerate(b):
            if j in used or len(y) <= SHORT_WORD:
                continue
            ky = skeleton(y)
            if x == y or (len(kx) >= COGNATE_PREFIX and len(ky) >= COGNATE_PREFIX
                          and kx[:COGNATE_PREFIX] == ky[:COGNATE_PREFIX]):
                used.add(j)
                pairs.append((x, y))
                break
    return pairs
