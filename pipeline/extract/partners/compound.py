"""Partner countries named by a compound adjective before a project word.

Russian writes a project of partners from two or three countries as "российско-эстонский
проект", "латвийско-литовско-белорусского сотрудничества": every part of the compound is a
nationality adjective (`places.json` `country_words`), the noun after it (up to two words
later) says that the countries are the project's. The nouns live in `organizations.json`
`compound_country_nouns`, per language.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline import langdata
from pipeline.places import country_of_words

MAX_WORDS_BETWEEN = 2
JOIN = "о-"  # between two parts of the compound
_JOIN = re.compile(re.escape(JOIN), re.I)


@cache
def _pattern() -> re.Pattern[str] | None:
    data = langdata.load("organizations.json")["compound_country_nouns"]
    nouns = [n for lang, ns in data.items() if not lang.startswith("_") for n in ns]
    if not nouns:
        return None
    return re.compile(
        r"(?<![\w-])(?P<compound>(?:[^\W\d_]+" + re.escape(JOIN) + r")+[^\W\d_]+)"
        r"(?:\s+[^\W\d_]+){0," + str(MAX_WORDS_BETWEEN) + r"}?\s+"
        r"(?:" + langdata.alternation(nouns) + r")",
        re.I,
    )


def compound_countries(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of each part of a compound nationality adjective that qualifies
    a project word; the compound counts only when every part names a country."""
    pattern = _pattern()
    out: list[tuple[int, int, str]] = []
    if pattern is None or not _JOIN.search(text):  # the whole scan costs ten times more
        return out
    for m in pattern.finditer(text):
        parts: list[tuple[int, int, str]] = []
        pos = m.start("compound")
        for part in m.group("compound").split("-"):
            code = country_of_words(part)
            if not code:
                parts = []
                break
            parts.append((pos, pos + len(part), code))
            pos += len(part) + 1
        if len({code for _, _, code in parts}) >= 2:
            out.extend(parts)
    return out
