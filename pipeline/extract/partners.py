"""Partners: lists under partner headings, cooperation prose, and partner countries.

Three sources, one output shape:
- headed fields ("Projekta partneri:", "Lead partner:", "Партнёры проекта:") whose lines are
  items such as `1. Gotingena/ Vācija;` or `Name, Country (English name)`;
- prose: `X kopā ar Y Zviedrijā (vadošais partneris)`, `X together with Y (lead partner)`,
  `в сотрудничестве с Y`;
- country-only mentions (`8 partneri no 7 valstīm: Itālija, Zviedrija, ...`), written to the
  `partner_countries` table instead of inventing partner names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document, Fact
from pipeline.places import canonical_city, find_places
from pipeline.text import list_marker_end

PARTNER_FIELDS = {"lead_partner": "lead", "applicant": "applicant", "partners": "partner"}
MAX_ORG_WORDS = 8


@dataclass
class OrgLexicon:
    head_nominative: dict[str, str]  # surface form -> nominative
    head_type: dict[str, str]  # surface form -> organisation type
    coop: re.Pattern[str]
    roles: list[tuple[str, re.Pattern[str]]]
    country_cue: re.Pattern[str]


@cache
def lexicon() -> OrgLexicon:
    data = langdata.load("organizations.json")
    head_nominative: dict[str, str] = {}
    head_type: dict[str, str] = {}
    for org_type, langs in data["types"].items():
        for nouns in langs.values():
            for nominative, forms in nouns.items():
                for form in forms:
                    head_nominative[form] = nominative
                    head_type[form] = org_type
    coop_forms = [c for cs in data["cooperation_cues"].values() for c in cs]
    coop = re.compile(r"(?<!\w)(?:" + langdata.alternation(coop_forms) + r")\s+", re.I)
    roles = [
        (role, re.compile(r"(?<!\w)(?:" + langdata.alternation(cues) + r")(?!\w)", re.I))
        for role, cues in data["role_cues"].items()
    ]
    country_cue = re.compile(
        r"(?<!\w)(?:" + langdata.alternation(data["partner_country_cues"]) + r")", re.I
    )
    return OrgLexicon(head_nominative, head_type, coop, roles, country_cue)


def org_type(name: str) -> str:
    words = [w.casefold().strip(",.;:()\"'„“”«»") for w in name.split()]
    types = lexicon().head_type
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            t = types.get(" ".join(words[i : i + n]))
            if t:
                return t
    return ""


def nominative(words: list[str]) -> list[str]:
    """Put a Latvian/Russian head noun (the last word) into the nominative."""
    if not words:
        return words
    last = words[-1]
    nom = lexicon().head_nominative.get(last.casefold())
    if nom and last.casefold() != nom:
        fixed = nom if last[0].islower() else nom[0].upper() + nom[1:]
        return [*words[:-1], fixed]
    return words


def role_in(text: str) -> str | None:
    for role, cue in lexicon().roles:
        if role != "partner" and cue.search(text):
            return role
    return None


def _partner(
    doc: Document, ctx: ExtractContext, start: int, end: int, name: str, role: str,
    country: str = "", alias: str = "", source: str = "",
) -> Fact:
    """A partner fact for the name at [start, end), with city and country from the gazetteer."""
    gaz = get_gazetteer()
    city = ""
    whole = gaz.city(name, country or None)
    if whole:
        city, country = whole.name, country or whole.country
    else:
        for place in find_places(doc.text, start, end):
            if place.kind == "country" and not country:
                country = place.country
            if place.kind == "city" and not city:
                if place.country and (not country or place.country == country):
                    city, country = place.city, country or place.country
                else:
                    city = canonical_city(ctx, doc.text[place.start : place.end], country) or ""
        if not city and country and name.split():
            first = name.split()[0]
            fuzzy = gaz.fuzzy_city(first, country) if first[:1].isupper() else None
            if fuzzy:
                city = fuzzy.name
    typ = org_type(name) or ("municipality" if whole else "")
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
            "lang": doc.lang_at(start),
        },
    )


_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")


def _split_item(item: str) -> tuple[str, str, str]:
    """'Name/ Country', 'Name, Country (alias)', 'Name (Country)' -> (name, country, alias)."""
    gaz = get_gazetteer()
    alias = ""
    m = _PAREN_TAIL.search(item)
    if m:
        inner = m.group(1).strip()
        if gaz.country(inner):
            return item[: m.start()].strip(), gaz.country(inner) or "", ""
        head = item[: m.start()]
        # "Name, Country (English name)": the brackets hold an alias, not part of the name
        if re.search(r"[,/]\s*[^,/]+$", head) and gaz.country(re.split(r"[,/]", head)[-1].strip()):
            alias, item = inner, head
    for sep in ("/", ",", " – ", " - "):
        if sep in item:
            left, right = item.rsplit(sep, 1)
            code = gaz.country(right.strip(" .;"))
            if code:
                return left.strip(), code, alias
    return item.strip(), "", alias


MAX_ITEM_WORDS = 12
_CONTACT_LIKE = re.compile(r"@|\+?\d[\d ]{6,}")


def _looks_like_item(item: str) -> bool:
    """A partner list item is a name, not a sentence, a sub-heading or a contact line."""
    if item.endswith(":") or _CONTACT_LIKE.search(item):
        return False
    return len(item.split()) <= MAX_ITEM_WORDS


def _from_sections(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    last: Fact | None = None
    for section in ctx.sections:
        role = PARTNER_FIELDS.get(section.field)
        if not role:
            continue
        heading = text[section.heading_start : section.start]
        role = role_in(heading) or role
        for m in re.finditer(r"[^\n;]+", text[section.start : section.end]):
            raw = m.group()
            body_start = section.start + m.start() + list_marker_end(raw)
            item = text[body_start : section.start + m.end()].rstrip(" .;,\t")
            lead_ws = len(item) - len(item.lstrip())
            body_start += lead_ws
            item = item.strip()
            if len(item) < 3 or not _looks_like_item(item):
                continue
            if item.startswith("(") and item.endswith(")") and last is not None:
                last.values["alias"] = item[1:-1].strip()  # an English name under the item
                continue
            name, country, alias = _split_item(item)
            if not name or not any(c.isupper() for c in name[:1]):
                continue
            item_role = role_in(item) or role
            end = body_start + len(item)
            name_end = body_start + len(name)
            last = _partner(doc, ctx, body_start, end, name, item_role, country, alias,
                            "heading")
            # the name's own place words decide the city; the country comes from the item
            if name_end < end:
                last.values["name_end"] = name_end
            yield last


def _org_phrase(text: str, start: int, limit: int) -> tuple[int, list[str]] | None:
    """Words from `start` up to an organisation head noun (or a lone place name)."""
    heads = lexicon().head_nominative
    words = []
    for m in re.finditer(r"[^\s,;:()]+", text[start:limit]):
        words.append((start + m.start(), start + m.end(), m.group()))
        if len(words) > MAX_ORG_WORDS:
            break
        low = m.group().casefold()
        pair = " ".join(w[2].casefold() for w in words[-2:])
        if low in heads or pair in heads:
            return words[-1][1], [w[2] for w in words]
    if words and get_gazetteer().city(words[0][2]):
        return words[0][1], [words[0][2]]
    return None


def _from_prose(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    lex = lexicon()
    for m in lex.coop.finditer(text):
        s_start, s_end = ctx.sentence(m.start())
        # the subject before the cue: "Daugavpils pilsētas dome kopā ar ..."
        subject = text[s_start : m.start()].strip()
        if subject and len(subject.split()) <= 6 and subject[0].isupper():
            sub_start = text.index(subject, s_start)
            if org_type(subject) or get_gazetteer().city(subject.split()[0]):
                yield _partner(doc, ctx, sub_start, sub_start + len(subject), subject,
                               "partner", source="prose")
        found = _org_phrase(text, m.end(), s_end)
        if not found:
            continue
        end, words = found
        if not words[0][:1].isupper():
            continue
        after = text[end : min(s_end, end + 60)]
        role = "partner"
        bracket = re.match(r"[^()]{0,40}\(([^()]+)\)", after)
        if bracket:
            role = role_in(bracket.group(1)) or role
        country = ""
        for place in find_places(text, end, min(s_end, end + 30)):
            if place.kind == "country":
                country = place.country
                break
        name = " ".join(nominative(words))
        yield _partner(doc, ctx, m.end(), end, name, role, country, source="prose")


def _partner_countries(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    seen: set[tuple[int, int]] = set()
    for m in lexicon().country_cue.finditer(text):
        s_start, s_end = ctx.sentence(m.start())
        if (s_start, s_end) in seen:
            continue
        countries = [p for p in find_places(text, m.end(), s_end) if p.kind == "country"]
        if len(countries) < 2:
            continue
        seen.add((s_start, s_end))
        for p in countries:
            yield Fact(
                table="partner_countries",
                doc_id=doc.doc_id,
                text=text[p.start : p.end],
                start=p.start,
                end=p.end,
                values={"country": p.country, "lang": doc.lang_at(p.start)},
            )


@register("partners", order=40)
def extract_partners(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    yield from _from_sections(doc, ctx)
    yield from _from_prose(doc, ctx)
    yield from _partner_countries(doc, ctx)
