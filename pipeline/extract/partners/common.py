"""Partner cues, roles, countries and the partner fact itself: what the list and prose
readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document, Fact
from pipeline.orgnames import (
    head_at,
    org_type,
    tokens,
)
from pipeline.places import (
    canonical_city,
    city_of_adjective,
    country_of_words,
    find_places,
    home_country,
)

PARTNER_FIELDS = {"lead_partner": "lead", "applicant": "applicant", "partners": "partner",
                  "associated_partners": "associated"}
ROLE_RANK = {"lead": 3, "applicant": 2, "associated": 1, "partner": 0}
MAX_HEADING_WORDS = 4  # "Partners’ meeting of the project ...:" is a sentence, not a heading
MAX_COLON_GAP = 60  # "together with partners from Lithuania and Belarus: A and B"


def _cue_regex(phrases: list[str], tail: str = "") -> re.Pattern[str]:
    """Cue phrases; a phrase written with a final " -" ("projekta partneri -") needs a dash or
    a colon after it, spaces around it optional ("Partneris- X", "partneri – X")."""
    plain = [p for p in phrases if not p.endswith(" -")]
    dashed = [p[:-2] for p in phrases if p.endswith(" -")]
    alts = []  # the dashed ones first: "ведущий партнёр проекта –" before "ведущий партнёр"
    if dashed:
        alts.append(r"(?:" + langdata.alternation(dashed) + r")\s*[-–—:]\s*")
    if plain:
        alts.append(r"(?:" + langdata.alternation(plain) + r")" + tail)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.I)


def _cue(phrases: list[str], tail: str = "") -> re.Pattern[str]:
    """`_cue_regex`, found in a document with `cuescan.find`."""
    return cuescan.register(_cue_regex(phrases, tail),
                            [p[:-2] if p.endswith(" -") else p for p in phrases])


@dataclass(frozen=True)
class Cues:
    """The partner cues; all but `roles` and `role_bracket` are found with `cuescan.find`."""

    coop: re.Pattern[str]
    roles: list[tuple[str, re.Pattern[str]]]
    country: re.Pattern[str]
    apposition: list[tuple[str, re.Pattern[str]]]
    subject: list[tuple[str, re.Pattern[str]]]
    lists: list[tuple[str, re.Pattern[str]]]
    city: re.Pattern[str]
    verbs: list[tuple[str, re.Pattern[str]]]
    role_bracket: re.Pattern[str]


@cache
def cues() -> Cues:
    data = langdata.load("organizations.json")
    coop_forms = [c for cs in data["cooperation_cues"].values() for c in cs]
    roles = [(role, _cue_regex(c, r"(?!\w)")) for role, c in data["role_cues"].items()]

    def by_role(key: str) -> dict[str, list[str]]:
        return {role: c for role, c in data[key].items() if not role.startswith("_")}

    return Cues(
        coop=_cue(coop_forms, r"\s+"),
        roles=roles,
        country=_cue(data["partner_country_cues"]),
        apposition=[(r, _cue(c, r"(?!\w)")) for r, c in by_role("apposition_cues").items()],
        subject=[(r, _cue(c, r"(?!\w)")) for r, c in by_role("subject_cues").items()],
        lists=[(r, _cue(c, r"[\s:]+")) for r, c in by_role("list_cues").items()],
        city=_cue(data["partner_city_cues"], r"\s*[-–—:]?\s*"),
        verbs=[(r, _cue(c, r"(?!\w)")) for r, c in by_role("subject_verbs").items()],
        role_bracket=re.compile(r"\(([^()\n]{2,60})\)"),
    )


@cache
def _role_codes() -> re.Pattern[str]:
    data = langdata.load("organizations.json")["role_abbreviations"]
    alts = "|".join(f"(?P<{role}>{'|'.join(map(re.escape, codes))})"
                    for role, codes in data.items() if not role.startswith("_"))
    return re.compile(r"\s*(?:" + alts + r")\s*\d*\s*")


def role_code(text: str) -> str | None:
    """The role a bracketed code gives ("LP" -> lead, "PP2" -> partner), else None."""
    m = _role_codes().fullmatch(text)
    return m.lastgroup if m else None


def country_in(text: str) -> str:
    """The country a bracket or list part names: a country name in any case form or an ISO
    code ("(EE)"); a role code such as "(LB)" is no country."""
    if role_code(text):
        return ""
    gaz = get_gazetteer()
    return gaz.country(text) or gaz.iso_code(text) or _alpha3().get(text.strip(), "")


@cache
def _alpha3() -> dict[str, str]:
    """'FIN' -> 'FI' (see places.json `alpha3`): capitals only."""
    return {k: v for k, v in langdata.load("places.json")["alpha3"].items() if k.isupper()}


def role_in(text: str) -> str | None:
    """A role other than plain `partner` named in `text` (lead, applicant, associated)."""
    code = role_code(text)
    if code:
        return code if code != "partner" else None
    for role, cue in cues().roles:
        if role != "partner" and cue.search(text):
            return role
    return None


def role_named(text: str) -> str | None:
    """The role a short label names, plain `partner` included ("Partneris", "Lead partner")."""
    role = role_in(text)
    if role:
        return role
    cue = dict(cues().roles).get("partner")
    return "partner" if cue is not None and cue.search(text) else None


# -- one partner fact ---------------------------------------------------------------------


def _locate(doc: Document, ctx: ExtractContext, start: int, end: int, name: str,
            country: str) -> tuple[str, str, bool]:
    """(city, country, the name is just a city) for a partner name at [start, end)."""
    gaz = get_gazetteer()
    whole = gaz.city(name, country or None)
    if whole:
        return whole.name, country or whole.country, True
    city = ""
    for place in find_places(doc.text, start, end):
        if place.kind == "country" and not country:
            country = place.country
        if place.kind == "city" and not city:
            if place.country and (not country or place.country == country):
                city, country = place.city, country or place.country
            else:
                city = canonical_city(ctx, doc.text[place.start : place.end], country) or ""
    if not city:
        for tok in tokens(name, 0, len(name)):
            place = city_of_adjective(tok.text, doc.lang_at(start), country or None)
            if place:
                city, country = place.city, country or place.country
                break
    if not city and country and name.split():
        first = name.split()[0]
        fuzzy = gaz.fuzzy_city(first, country) if first[:1].isupper() else None
        if fuzzy:
            city = fuzzy.name
    if not country:
        country = country_of_words(name)
    if not country and name.split():
        country = _coded_words(doc, ctx).get(name.split()[0], "")
    if not country and org_type(name, doc.lang_at(start)):
        country = home_country()[1]
    return city, country, False


_CODE = r"\(([A-Z]{2,3})\)"
_ANY_CODE = re.compile(_CODE)  # led by a literal "(", which `re` skips to in C
_CODED_WORD = re.compile(r"(?<![\w-])([A-ZĀČĒĢĪĶĻŅŠŪŽ][\w-]+)\s+" + _CODE)


def _coded_words(doc: Document, ctx: ExtractContext) -> dict[str, str]:
    """Words the document itself ties to a country with a code in brackets ("ap Gaujienas
    (LV) un Olustveres (EE) muižām"): a name starting with such a word is from that country
    when nothing else in it says so."""
    found = ctx.cache.get("partner_coded_words")
    if found is None:
        found = {}
        coded = _ANY_CODE.search(doc.text) and _CODED_WORD.finditer(doc.text)
        for m in coded or ():
            code = country_in(m.group(2))
            if code and found.setdefault(m.group(1), code) != code:
                found[m.group(1)] = ""  # two countries: no help
        ctx.cache["partner_coded_words"] = found
    return found


@cache
def _not_partner_phrases() -> tuple[str, ...]:
    return tuple(langdata.load("organizations.json")["not_partners"]["phrases"])


def not_a_partner(name: str) -> bool:
    """A funder or programme body (see organizations.json `not_partners`)."""
    low = name.casefold()
    return any(p in low for p in _not_partner_phrases())


_WRAPPED = re.compile(r"(\S+)\s+(?:[„“\"«]([^„“”\"«»]+[„“\"«][^„“”\"«»]+[”“\"»])[”“\"»]"
                      r"|([^„“”\"«»]+[„“\"«][^„“”\"«»]+[”“\"»]))")


@cache
def society_legal_forms() -> frozenset[str]:
    """Legal forms of societies and foundations (organizations.json `society_legal_forms`):
    what may wrap a quoted name, and what owns a project in the genitive (owner.py)."""
    return frozenset(langdata.load("organizations.json")["society_legal_forms"]["lv"])


def without_wrapper(name: str) -> str:
    """A legal form before a name with a head noun and a quoted name of its own ('biedrība
    “Eiroreģions “Zaļā robeža””', 'Biedrība «Attīstības centrs «Mēs»»', 'biedrība Lauku
    partnerība „Upe”'): the name is the inner one ('Eiroreģions “Zaļā robeža”'), so that
    the society named with and without its legal form is one partner. A legal form before a
    plain quoted name stays ('biedrība “Zaļā sēta”', 'biedrība “Kalnu krasta partnerība”'),
    and so does one before a quoted name with no head noun ('biedrība “Upes „Sala, Krasts””')."""
    m = _WRAPPED.fullmatch(name)
    if m is None:
        return name
    hit = head_at([m.group(1)], 0)
    if hit is None or hit[1].casefold() not in society_legal_forms():
        return name
    inner = m.group(2) or m.group(3)
    return inner if org_type(inner) else name  # the inner name has a head noun


def partner(
    doc: Document, ctx: ExtractContext, start: int, end: int, name: str, role: str,
    country: str = "", alias: str = "", source: str = "",
) -> Fact:
    """A partner fact for the name at [start, end), with city and country from the gazetteer."""
    lang = doc.lang_at(start)
    city, country, is_city = _locate(doc, ctx, start, end, name, country)
    typ = org_type(name, lang) or ("municipality" if is_city else "")
    name = without_wrapper(name)
    return Fact(
        table="partners",
        doc_id=doc.doc_id,
        text=doc.text[start:end],
        start=start,
        end=end,
        values={
            "name": name,
            "name_normalized": " ".join(name.strip(" ,.;:").split()),
            "city": city,
            "country": country,
            "role": role,
            "org_type": typ,
            "alias": alias,
            "source": source,
            "lang": lang,
        },
    )



@dataclass
class Mention:
    start: int
    end: int
    name: str
    role: str
    country: str = ""


def get_lang(lang: str) -> str:
    """The block language the name rules know (lv, en, ru); others are read as English."""
    return lang if lang in ("lv", "en", "ru") else "en"


MAX_PIECE_WORDS = 12


def has_head(surface: str, lang: str) -> bool:
    words = [t.text for t in tokens(surface, 0, len(surface))]
    return any(head_at(words, i) for i in range(len(words)))


@cache
def list_join() -> re.Pattern[str]:
    """Between two items of a list: a comma or semicolon and/or a conjunction of any language."""
    enum = [w for ws in langdata.load("organizations.json")["enumeration"].values() for w in ws]
    conj = r"(?<!\w)(?:" + langdata.alternation(enum) + r")\s+"
    return re.compile(r"\s*(?:[,;]\s*(?:" + conj + r")?|" + conj + r")", re.I)


_OPENING = "„«"
_CLOSING = "”»"
_EITHER = "“\""


def unquoted_separators(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the list separators in text[start:end] that stand outside quotes: the comma in
    'biedrība “Eiroreģions “Pleskava, Livonija””, A un B' is part of a name. A quote mark
    opens before a word and closes after one; a closing mark before a comma or the end closes
    every open quote (nested names often lose their last mark)."""
    depth = 0
    inside: list[tuple[int, int]] = []  # quoted stretches
    opened = start
    for i in range(start, end):
        c = text[i]
        if c not in _OPENING and c not in _CLOSING and c not in _EITHER:
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        opens = c in _OPENING or (c in _EITHER and (before.isspace() or before in "(„«“\"")
                                  and after.isalnum())
        if opens:
            if depth == 0:
                opened = i
            depth += 1
        elif depth:
            depth = 0 if after in ",;." or i + 1 >= end else depth - 1
            if depth == 0:
                inside.append((opened, i + 1))
    if depth:
        inside.append((opened, end))
    return [(m.start(), m.end()) for m in list_join().finditer(text, start, end)
            if m.end() > m.start() and not any(a <= m.start() < b for a, b in inside)]
