"""Places named in a sentence: countries and cities from the gazetteer, plus cue-marked towns.

Used to give an event its place and a partner its city. A city word followed by an organisation
noun ("Daugavpils pilsētas dome", "Daugavpils City Council") names an organisation, not where
something happened, so `place_near` skips it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from pipeline import langdata
from pipeline.gazetteer import fold, get_gazetteer

if TYPE_CHECKING:  # the extractors import this module, not the other way round
    from pipeline.extract.base import ExtractContext

UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
CAP_WORD = re.compile(rf"(?<![\w-])[{UPPER}][\w'’-]*(?:[ -][{UPPER}][\w'’-]*){{0,2}}")
MAX_WORDS = 3


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    kind: str  # country or city
    city: str  # canonical city ('' for countries)
    country: str  # ISO alpha-2 ('' when unknown)
    org: bool = False  # the word starts an organisation name


@cache
def _cues() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    data = langdata.load("places.json")
    cue = re.compile(
        r"(?<!\w)(?:" + langdata.alternation(data["city_cues"]) + r")\s+(?P<name>"
        r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w'’-]+)",
        re.IGNORECASE,
    )
    org = langdata.load("organizations.json")["types"]
    heads = {
        form
        for langs in org.values()
        for nouns in langs.values()
        for forms in nouns.values()
        for form in forms
    }
    return cue, frozenset(heads), frozenset(data["not_places"])


def _org_follows(text: str, end: int) -> bool:
    """True when the words after `end` start with an organisation head noun."""
    _, heads, _ = _cues()
    rest = text[end : end + 40].lstrip(" ")
    words = rest.split()[:3]
    for n in (1, 2):
        if len(words) >= n and " ".join(words[:n]).casefold().strip(",.;:()") in heads:
            return True
    return False


def find_places(text: str, start: int, end: int) -> list[PlaceMention]:
    """Country and city mentions in text[start:end], left to right, longest names first."""
    gaz = get_gazetteer()
    cue, _, not_places = _cues()
    found: list[PlaceMention] = []
    for m in CAP_WORD.finditer(text, start, end):
        words = m.group().split(" ")
        pos = m.start()
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                surface = " ".join(words[i : i + n])
                if surface in not_places:
                    continue
                code = gaz.country(surface)
                if code:
                    hit = (n, PlaceMention(pos, pos + len(surface), "country", "", code))
                    break
                place = gaz.city(surface)
                if place:
                    s, e = pos, pos + len(surface)
                    hit = (n, PlaceMention(s, e, "city", place.name, place.country,
                                           _org_follows(text, e)))
                    break
            n = hit[0] if hit else 1
            if hit:
                found.append(hit[1])
            pos += len(" ".join(words[i : i + n])) + 1
            i += n
    taken = [(p.start, p.end) for p in found]
    for m in cue.finditer(text, start, end):
        s, e = m.span("name")
        name = m.group("name")
        if not name[0].isupper() or any(a < e and s < b for a, b in taken) or name in not_places:
            continue
        found.append(PlaceMention(s, e, "city", m.group("name"), "", _org_follows(text, e)))
    return sorted(found, key=lambda p: p.start)


@dataclass(frozen=True)
class Place:
    city: str
    country: str


def place_near(ctx: ExtractContext, start: int, end: int) -> Place | None:
    """The place of the thing mentioned at [start, end): the first place after it in its
    sentence, else the nearest before it; organisation names do not count as places."""
    text = ctx.doc.text
    s_start, s_end = ctx.sentence(start)
    mentions = [p for p in find_places(text, s_start, s_end) if not p.org]
    if not mentions:
        return None
    after = [p for p in mentions if p.start >= end]
    before = [p for p in mentions if p.end <= start]
    ordered = after + before[::-1]
    city = next((p for p in ordered if p.kind == "city"), None)
    country = next((p for p in ordered if p.kind == "country"), None)
    code = country.country if country else (city.country if city else "")
    name = ""
    if city:
        name = city.city
        if not city.country or (code and city.country != code):
            name = canonical_city(ctx, text[city.start : city.end], code) or name
    return Place(name, code) if name or code else None


def canonical_city(ctx: ExtractContext, surface: str, country: str) -> str | None:
    """Canonical spelling of a city the gazetteer does not know exactly.

    First a fuzzy gazetteer match within the country; then the majority spelling of similar
    words in the same document (a typo such as 'Colleccio' beside three 'Collecchio').
    """
    gaz = get_gazetteer()
    if country:
        place = gaz.city(surface, country) or gaz.fuzzy_city(surface, country)
        if place:
            return place.name
    counts = ctx.cache.get("cap_words")
    if counts is None:
        counts = ctx.cache["cap_words"] = Counter(
            w for w in re.findall(r"(?<![\w-])[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w-]{3,}", ctx.doc.text)
        )
    key = fold(surface)
    similar = [
        (n, w) for w, n in counts.items()
        if w[:3].casefold() == surface[:3].casefold() and fuzz.ratio(fold(w), key) >= 85
    ]
    if not similar:
        return surface
    return max(similar)[1]


@cache
def _adjective_rules() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]]:
    data = langdata.load("places.json")["adjective_of_place"]
    return {
        lang: (tuple(sorted(r["adjective_endings"], key=len, reverse=True)),
               tuple(r["stem_endings"]), r.get("stem_alternations", {}))
        for lang, r in data.items() if not lang.startswith("_")
    }


def city_of_adjective(word: str, lang: str = "ru", country: str | None = None) -> Place | None:
    """The city a capitalised place adjective is made from ("Печорского" -> Pechory,
    "Даугавпилсская" -> Daugavpils), or None."""
    rules = _adjective_rules().get(lang)
    if not rules or not word[:1].isupper():
        return None
    endings, stem_endings, alternations = rules
    gaz = get_gazetteer()
    for ending in endings:
        if word.casefold().endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            stems = [stem]
            if stem[-1] in alternations:
                stems.append(stem[:-1] + alternations[stem[-1]])
            for s in stems:
                for tail in stem_endings:
                    place = gaz.city(s + tail, country)
                    if place:
                        return Place(place.name, place.country)
    return None


@cache
def _country_words() -> tuple[tuple[str, str], ...]:
    data = langdata.load("places.json")["country_words"]
    pairs = [(stem.casefold(), code) for code, stems in data.items() if not code.startswith("_")
             for stem in stems]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


_NAME_WORD = re.compile(r"\w+")


def country_of_words(name: str) -> str:
    """The country a name ties itself to by a nationality adjective or a region word
    ("Latvian Institute of ..." -> LV, "Kurzemes plānošanas reģions" -> LV), else ''."""
    for word in _NAME_WORD.findall(name.casefold()):
        for stem, code in _country_words():
            if word.startswith(stem):
                return code
    return ""


@cache
def home_country() -> tuple[str, str]:
    """(language, country): the archive's own country, given to an organisation whose name
    and context name no place (see places.json)."""
    data = langdata.load("places.json")["home_country"]
    return data["lang"], data["country"]
