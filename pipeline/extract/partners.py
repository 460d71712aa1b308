"""Partners: lists under partner headings, cooperation prose, and partner countries.

Sources, one output shape:
- headed fields ("Projekta partneri:", "Lead partner:", "Партнёры проекта:") whose lines are
  items such as `1. Gotingena/ Vācija;` or `Name, Country (English name)`;
- prose: `X kopā ar Y Zviedrijā (vadošais partneris), Z un W īsteno`, `X together with Y
  (lead partner)`, `в сотрудничестве с Y и Z` (every item of the list after the cue, and the
  subject before it), a name followed by a role in brackets (`Volkshochschule Linz (lead
  partner)`), a role word before a name (`projekta iesniedzēja Daugavpils pilsētas dome`,
  `implemented by ...`), a host before "uzņēma partnerus" / "hosted the partners", and twin
  cities after a delegation cue (`delegācijas no Lubļinas (Polija), Lincas (Austrija) ...`);
- country-only mentions (`8 partneri no 7 valstīm: Itālija, Zviedrija, ...`), written to the
  `partner_countries` table instead of inventing partner names.
Where organisation names begin and end, their nominative and type: `pipeline.orgnames`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.compound_countries import compound_countries
from pipeline.extract.base import ExtractContext, register
from pipeline.gazetteer import get_gazetteer
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact
from pipeline.orgnames import (
    OrgSpan,
    Token,
    head_at,
    nominative,
    org_type,
    ru_adverb,
    ru_after_preposition,
    ru_can_be_subject,
    ru_people,
    ru_plural,
    ru_singular,
    ru_verb,
    scan_backward,
    scan_forward,
    tokens,
    word_ok,
)
from pipeline.places import (
    canonical_city,
    city_of_adjective,
    country_of_words,
    find_places,
    home_country,
)
from pipeline.sections import classify_heading
from pipeline.text import UPPER, list_marker_end

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


def _scanned(phrases: list[str]) -> list[str]:
    return [p[:-2] if p.endswith(" -") else p for p in phrases]


@dataclass(frozen=True)
class Cues:
    coop: re.Pattern[str]
    roles: list[tuple[str, re.Pattern[str]]]
    country: re.Pattern[str]
    apposition: list[tuple[str, re.Pattern[str]]]
    subject: list[tuple[str, re.Pattern[str]]]
    lists: list[tuple[str, re.Pattern[str]]]
    city: re.Pattern[str]
    verbs: list[tuple[str, re.Pattern[str]]]
    role_bracket: re.Pattern[str]
    # every position where one of coop, country, apposition, subject, lists or city can match:
    # one scan of the text instead of one per cue (see langdata.finditer_at)
    starts: re.Pattern[str]


@cache
def cues() -> Cues:
    data = langdata.load("organizations.json")
    coop_forms = [c for cs in data["cooperation_cues"].values() for c in cs]
    roles = [(role, _cue_regex(c, r"(?!\w)")) for role, c in data["role_cues"].items()]

    def by_role(key: str) -> dict[str, list[str]]:
        return {role: c for role, c in data[key].items() if not role.startswith("_")}

    scanned = _scanned([
        *coop_forms, *data["partner_country_cues"], *data["partner_city_cues"],
        *(c for key in ("apposition_cues", "subject_cues", "list_cues", "subject_verbs")
          for forms in by_role(key).values() for c in forms),
    ])
    return Cues(
        coop=_cue_regex(coop_forms, r"\s+"),
        roles=roles,
        country=_cue_regex(data["partner_country_cues"]),
        apposition=[(r, _cue_regex(c, r"(?!\w)")) for r, c in by_role("apposition_cues").items()],
        subject=[(r, _cue_regex(c, r"(?!\w)")) for r, c in by_role("subject_cues").items()],
        lists=[(r, _cue_regex(c, r"[\s:]+")) for r, c in by_role("list_cues").items()],
        city=_cue_regex(data["partner_city_cues"], r"\s*[-–—:]?\s*"),
        verbs=[(r, _cue_regex(c, r"(?!\w)")) for r, c in by_role("subject_verbs").items()],
        role_bracket=re.compile(r"\(([^()\n]{2,60})\)"),
        starts=re.compile(
            r"(?<!\w)(?=[" + langdata.first_chars(scanned) + r"])"
            r"(?=" + langdata.alternation(scanned) + ")",
            re.I,
        ),
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
    return gaz.country(text) or gaz.iso_code(text) or ""


def role_in(text: str) -> str | None:
    """A role other than plain `partner` named in `text` (lead, applicant, associated)."""
    code = role_code(text)
    if code:
        return code if code != "partner" else None
    for role, cue in cues().roles:
        if role != "partner" and cue.search(text):
            return role
    return None


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
    if not country and org_type(name, doc.lang_at(start)):
        country = home_country()[1]
    return city, country, False


@cache
def _not_partner_phrases() -> tuple[str, ...]:
    return tuple(langdata.load("organizations.json")["not_partners"]["phrases"])


def not_a_partner(name: str) -> bool:
    """A funder or programme body (see organizations.json `not_partners`)."""
    low = name.casefold()
    return any(p in low for p in _not_partner_phrases())


def _partner(
    doc: Document, ctx: ExtractContext, start: int, end: int, name: str, role: str,
    country: str = "", alias: str = "", source: str = "",
) -> Fact:
    """A partner fact for the name at [start, end), with city and country from the gazetteer."""
    lang = doc.lang_at(start)
    city, country, is_city = _locate(doc, ctx, start, end, name, country)
    typ = org_type(name, lang) or ("municipality" if is_city else "")
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


# -- lists under partner headings ----------------------------------------------------------

MAX_ROLE_WORDS = 4
_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")


_ADDRESS_START = re.compile(r"[^,\d]{0,40}\d+[a-zA-Z]?\s*(?:,|$)")
_ADDRESS_PART = re.compile(r",\s*[^,]*\d[^,]*(?:,|$)")


def _without_address(item: str) -> str:
    """'Name, Taikos iela 19, Rokiškis, Lietuva' -> 'Name': an address (a part with a house or
    postal number) and what follows it are not part of the name."""
    m = _ADDRESS_PART.search(item)
    return item[: m.start()] if m and m.start() > 0 else item


def _without_city(name: str, country: str) -> str:
    """'Daugavpils pilsētas dome, Daugavpils' -> 'Daugavpils pilsētas dome': the city after the
    name (before its country) is where it is, not part of it."""
    if "," not in name:
        return name
    left, right = (p.strip() for p in name.rsplit(",", 1))
    gaz = get_gazetteer()
    if left and (gaz.city(right, country) or gaz.fuzzy_city(right, country)):
        return left
    return name


def _split_item(item: str) -> tuple[str, str, str]:
    """'Name/ Country', 'Name, Country (alias)', 'Name (Country)', 'Name (City, Country)',
    'Country – Name' -> (name, country, alias)."""
    gaz = get_gazetteer()
    alias = ""
    tail_country = ""
    short = _without_address(item)
    if short != item:
        tail_country = gaz.country(re.split(r"[,/]", item)[-1].strip(" .;")) or ""
        item = short
    tail = re.search(r"\s*[–—,-]\s*([^–—,()-]{3,40})$", item)
    if tail and role_in(tail.group(1)) and len(tail.group(1).split()) <= MAX_ROLE_WORDS:
        item = item[: tail.start()]  # "Name (Country) – vadošais partneris"
    m = _PAREN_TAIL.search(item)
    if m:
        inner = m.group(1).strip()
        head = item[: m.start()]
        code = country_in(inner) or gaz.country(re.split(r"[,/–—]", inner)[-1])
        # "Name, Country (English name)": the brackets hold an alias, not part of the name
        if re.search(r"[,/]\s*[^,/]+$", head) and gaz.country(re.split(r"[,/]", head)[-1].strip()):
            alias, item = inner, head
        elif code:  # "Name (Country)"; the city in "(Torun, Poland)" is found in the item
            return head.strip(), code, ""
        elif role_in(inner) or role_code(inner):
            item = head  # "Name, Country (lead partner)": the role is read from the item
    for sep in ("/", ",", " – ", " - "):
        if sep in item:
            left, right = item.rsplit(sep, 1)
            code = country_in(right.strip(" .;"))
            if code:
                return _without_city(left.strip(), code), code, alias
    for sep in (":", " – ", " - ", "/"):  # "Lietuva – Panevēžas pilsētas pašvaldība"
        if sep in item:
            left, right = item.split(sep, 1)
            code = gaz.country(left.strip())
            if code and right.strip():
                return right.strip(), code, alias
    return item.strip(), tail_country, alias


@cache
def _subunits() -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["subunits"]["words"])


def _without_subunit(name: str) -> str:
    """'Daugavpils pilsētas dome, Jaunatnes nodaļa' -> 'Daugavpils pilsētas dome': a unit
    after a comma belongs to the organisation before it."""
    if "," not in name:
        return name
    left, right = (p.strip() for p in name.rsplit(",", 1))
    left_words = left.split()
    has_head = any(head_at(left_words, i) for i in range(len(left_words)))
    if has_head and any(w.casefold().strip(".") in _subunits() for w in right.split()):
        return left
    return name


MAX_ITEM_WORDS = 12
_CONTACT_LIKE = re.compile(r"@|\+?\d[\d ]{6,}")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[" + UPPER + r"])")


_BRACKET_COMMA = re.compile(r"\(([^()\n]{2,40})\)\s*,\s*(?=\S)")


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the list items in text[start:end]: lines and `;`-separated parts, the
    sentences of a line ("Applicant: Daugavpils City Council. Project No. ..."), and names
    run together as "A (Lietuva), B (Igaunija)"."""
    gaz = get_gazetteer()
    for m in re.finditer(r"(?:(?<=\s/\s)|(?<![^\n;]))[^\n;]+?(?=\s/\s|[\n;]|$)",
                         text[start:end]):
        pos = start + m.start()
        cuts = [(s.start(), s.end()) for s in _SENTENCE_END.finditer(text, pos, start + m.end())]
        cuts += [(b.end(1) + 1, b.end()) for b in _BRACKET_COMMA.finditer(text, pos,
                                                                          start + m.end())
                 if gaz.country(b.group(1))]
        for cut_start, cut_end in sorted(cuts):
            yield pos, cut_start
            pos = cut_end
        yield pos, start + m.end()


MAX_FOREIGN_WORDS = 1
MAX_ACRONYM = 6


def _looks_like_item(doc: Document, ctx: ExtractContext, start: int, item: str) -> bool:
    """A partner list item is a name, not a sentence, a sub-heading or a contact line."""
    bare = re.sub(r"\([^()]*\)", " ", item)  # brackets hold a role, a country or an alias
    for _, cue in cues().roles:
        bare = cue.sub(" ", bare)  # "Name – vadošais partneris"
    if item.endswith(":") or _CONTACT_LIKE.search(item) or len(bare.split()) > MAX_ITEM_WORDS:
        return False
    label = re.match(r"([^:(]{2,40}):\s", item)
    if label and not country_in(label.group(1).strip()):
        return False  # "Study directions: Tourism": a field of the partner, not a name
    lang = get_lang(doc.lang_at(start))
    toks = [t for t in tokens(bare, 0, len(bare)) if not t.text.isdigit()]
    words = [t.text for t in toks]
    has_head = any(head_at(words, i) for i in range(len(words)))
    if not has_head and sum(not word_ok(t, lang) for t in toks) > MAX_FOREIGN_WORDS:
        return False  # "Project No. ..., funded by the European Solidarity Corps"
    if len(toks) == 1 and toks[0].text.isupper() and len(toks[0].text) > MAX_ACRONYM:
        return False  # "FINANSĒJUMS": a capitalised heading after the list, not an acronym
    end = start + len(item)
    if any(f.table == "participants" and start <= f.start < end for f in ctx.facts):
        return False  # "В проекте участвуют 3 партнёра из 2 стран" states counts
    if doc.lang_at(start) == "ru":
        words = [t.text for t in tokens(item, 0, len(item)) if t.text.islower()]
        if any(ru_verb(w) for w in words):
            return False
    return True


def _heading_ok(heading: str) -> bool:
    """A partner heading is a short label; "Partners’ meeting of the project “Clean Daugava:"
    starts like one but is a title."""
    label = re.sub(r"\([^()]*\)", " ", heading).strip(" \t\n:")
    return len(label.split()) <= MAX_HEADING_WORDS and not re.search(r"[„“”\"«»]", label)


def _from_sections(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    sections = ctx.sections
    for i, section in enumerate(sections):
        role = PARTNER_FIELDS.get(section.field)
        if not role:
            continue
        heading = text[section.heading_start : section.start]
        if not _heading_ok(heading):
            continue
        end = section.end
        for after in sections[i + 1 :]:  # "Contact person X" under each partner
            if after.field != "contact":
                break
            end = after.end
        yield from _list_items(doc, ctx, section.start, end, role_in(heading) or role)


def _list_items(doc: Document, ctx: ExtractContext, start: int, end: int,
                role: str) -> Iterator[Fact]:
    """The partners listed in text[start:end], one item a line or `;`-part, until the first
    line that is no name (see _looks_like_item)."""
    text = doc.text
    last: Fact | None = None
    group_country = ""  # "● Denmark" above its partners
    line_country = (-1, "")  # "• Vācija: A; B; C": (line start, country) for A, B and C
    for i_start, i_end in _items(text, start, end):
        body_start = i_start + list_marker_end(text[i_start:i_end])
        symbols = _LEADING_SYMBOLS.match(text, body_start, i_end)  # "🇪🇸 Spain – Name"
        body_start = symbols.end() if symbols else body_start
        item = text[body_start:i_end].rstrip(" .;,\t|")
        lead_ws = len(item) - len(item.lstrip())
        body_start += lead_ws
        item = item.strip()
        if len(item) < 3:
            continue
        if item.startswith("(") and item.endswith(")") and last is not None:
            last.values["alias"] = item[1:-1].strip()  # an English name under the item
            continue
        if _ADDRESS_START.match(item) or classify_heading(item) == "contact":
            continue  # the address or contact person under a name
        sub = country_in(item.rstrip(" :"))
        if sub:
            group_country = sub  # a country sub-heading: the names below are from it
            continue
        label = _LABEL.match(item)
        label_role = role_in(label.group(1)) if label else None
        if label and label_role:  # "Leading partner: X"
            body_start += label.start(2)
            item = label.group(2)
        elif label and not country_in(label.group(1).strip()):
            if last is not None and label.group(1).strip().casefold() in _country_labels():
                last.values["country"] = country_in(label.group(2)) or last.values["country"]
            continue  # "Country: FI", "Partner budget: ..." under a name: fields of it
        if not _looks_like_item(doc, ctx, body_start, item):
            if last is not None and body_start == i_start + lead_ws:
                break  # the list has ended: what follows is other text
            continue  # a numbered or bulleted item that is no name: the list goes on
        name, country, alias = _split_item(item)
        line = text.rfind("\n", 0, body_start)
        if country and re.match(r"[^:–—-]{2,30}[:–—-]", item) and country_in(
                re.split(r"[:–—-]", item, maxsplit=1)[0].strip()):
            line_country = (line, country)
        country = country or (line_country[1] if line_country[0] == line else "")
        country = country or group_country
        name = _without_subunit(name)
        if not name or not any(c.isupper() for c in name[:1]):
            continue
        item_role = label_role or role_in(item) or role
        last = _partner(doc, ctx, body_start, body_start + len(item), name, item_role,
                        country, alias, "heading")
        yield last


MAX_COLON_LIST = 1500
_LEADING_SYMBOLS = re.compile(r"[^\w\s„“\"«(]+\s*")
_LABEL = re.compile(r"([^:(\d]{2,40}):\s*(\S.*)$")


@cache
def _country_labels() -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["country_labels"]["words"])


def _from_colon_lists(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """A list cue that ends its line ("The partner schools are:") and the items on the lines
    below it, read like a partner section."""
    text = doc.text
    for role, cue in cues().lists:
        for m in finditer_at(cue, text, _cue_starts(doc, ctx)):
            cue_end = m.start() + len(m.group().rstrip())
            line_end = text.find("\n", cue_end)
            if line_end < 0 or text[cue_end:line_end].strip() or text[cue_end - 1] != ":":
                continue
            if any(s.heading_start <= m.start() < s.end for s in ctx.sections
                   if s.field in PARTNER_FIELDS):
                continue
            yield from _list_items(doc, ctx, line_end + 1,
                                   min(len(text), line_end + MAX_COLON_LIST), role)


_COUNTRY_ORG_LINE = re.compile(
    r"^[ \t]*(?P<country>[^\W\d_][\w .'’-]{1,30}?)[ \t]*\((?P<org>[^()\n]{3,80})\)[ \t]*[:–—-]",
    re.M)


def _country_org_lines(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Lines such as "Estonia (Tamme Gümnaasium): Mari Mets, Jaan Tamm" in lists of the
    people each partner sent: the bracket names the organisation of that country."""
    text = doc.text
    for m in _COUNTRY_ORG_LINE.finditer(text):
        country = country_in(m.group("country"))
        org = m.group("org").strip()
        if not country or country_in(org) or not org[:1].isupper():
            continue
        yield _partner(doc, ctx, m.start("org"), m.start("org") + len(org), org, "partner",
                       country, source="list")


def _partner_section_spans(ctx: ExtractContext) -> list[tuple[int, int]]:
    """Partner lists read as lists (a heading that is a sentence is read as prose)."""
    text = ctx.doc.text
    return [(s.heading_start, s.end) for s in ctx.sections if s.field in PARTNER_FIELDS
            and _heading_ok(text[s.heading_start : s.start])]


# -- prose ---------------------------------------------------------------------------------


@dataclass
class Mention:
    start: int
    end: int
    name: str
    role: str
    country: str = ""


def _name_of(text: str, span: OrgSpan) -> str | None:
    """The nominative name of a span; a lone place is named by its city (nominative), a
    lone country or an unknown single word is not an organisation."""
    surface = text[span.start : span.end]
    gaz = get_gazetteer()
    if span.has_head and len(span.words) == 1 and not span.words[0].isupper():
        return None  # "Biedrība", "The Municipality": a common noun, no name
    if not span.has_head:
        if gaz.country(surface):
            return None
        city = gaz.city_nominative(surface)
        if city:
            return city
        if len(span.words) < 2:
            return None
    return nominative(span.words, span.lang)


def _mention(text: str, span: OrgSpan | None, role: str, country: str = "") -> Mention | None:
    if span is None:
        return None
    name = _name_of(text, span)
    if not name:
        return None
    return Mention(span.start, span.end, name, role, span.country or country)


def _bracket_after(text: str, end: int, limit: int) -> tuple[str | None, str, int]:
    """A bracket right after a name: (role in it, country in it, end of the bracket)."""
    m = re.match(r"\s*\(([^()\n]{1,60})\)", text[end:limit])
    if not m:
        return None, "", end
    inner = m.group(1)
    return role_in(inner) or "", country_in(inner), end + m.end()


def _enumeration(text: str, pos: int, limit: int, lang: str,
                 default: str = "partner", country: str = "") -> Iterator[Mention]:
    """The names listed from `pos`: "A Lietuvā (vadošais partneris), B un C"; names that
    share the head of the last one ("Saldus, Durbes un Talsu novadu pašvaldības") each get
    it (see shared_heads)."""
    items = _enumerated(text, pos, limit, lang, default, country)
    yield from share_head(text, items, lang)


def _enumerated(text: str, pos: int, limit: int, lang: str, default: str,
                country: str) -> list[tuple[OrgSpan, Mention | None]]:
    out: list[tuple[OrgSpan, Mention | None]] = []
    sep = _separator(lang)
    while pos < limit:
        span = scan_forward(text, pos, limit, lang)
        if span is None:  # "..., un diviem partneriem no Krievijas – C un D": a new group
            after, group_country = _after_partner_words(text, pos, limit)
            if after == pos:  # "..., bet Baltkrievijā – C un D"
                g = _group_country_prefix().match(text, pos, limit)
                code = country_in(g.group("country")) if g else ""
                if not g or not code:
                    return out
                after, group_country = g.end(), code
            else:  # the new group has its own role: "..., partners: C, D"
                default = role_in(text[pos:after]) or "partner"
            pos, country = after, group_country or country
            continue
        joined = _joined_name(text, span, limit, lang)
        if joined is not None:  # "Sporta un tūrisma departaments": one name
            span = joined
        end = max(span.end, span.country_end)
        role, in_bracket, end = _bracket_after(text, end, limit)
        m = sep.match(text, end, limit)
        closed = bool(m and m.end() > end) or not text[end:limit].strip(" .!?:)")
        if not span.has_head and not closed and not _inflected(text[span.start : span.end]):
            # "kopā ar Daugavpils (un Rēzeknes) jauniešiem": the places only qualify a noun
            while out and not out[-1][0].has_head:
                out.pop()
            return out
        out.append((span, _mention(text, span, role or default, in_bracket or country)))
        if not m or m.end() == end:
            return out
        pos = m.end()
    return out


def _joined_name(text: str, span: OrgSpan, limit: int, lang: str) -> OrgSpan | None:
    """The span and the words after it when both are one name: "Utenas ģimenes un bērnu
    labklājības centrs" (a Latvian name not yet at its head: lower-case words and a
    conjunction up to the head), "Ministry of Environmental Protection and Regional
    Development" (an English "of" tail going on after "and", no head, no place)."""
    if span.country:
        return None
    after = tokens(text, span.end, limit)[: MAX_JOIN_WORDS + 1]
    if not after or not _gap_ok_line(text, span.end, after[0].start):
        return None
    open_name = lang == "lv" and (not span.has_head or not head_at(span.words,
                                                                  len(span.words) - 1))
    if open_name and after[0].text[:1].islower():
        run: list[Token] = []
        for tok in after:
            if not _gap_ok_line(text, run[-1].end if run else span.end, tok.start):
                return None
            if tok.text[:1].isupper() or tok.quoted:
                return None
            run.append(tok)
            words = [t.text for t in run]
            if head_at(words, len(words) - 1) and len(run) > 1:
                inner = words[:-1]
                conj = [w for w in inner if _is_conj(w, lang)]
                if conj and all(w in conj or w.endswith(_lv_genitive_endings())
                                for w in inner):
                    return OrgSpan(span.start, tok.end, [*span.words, *words], lang, True)
                return None
        return None
    if lang == "en" and span.has_head and "of" in (w.casefold() for w in span.words) and \
            after[0].text.casefold() == "and" and len(after) > 1:
        nxt = scan_forward(text, after[1].start, limit, lang)
        if nxt and not nxt.has_head and not get_gazetteer().lookup(text[nxt.start : nxt.end]):
            return OrgSpan(span.start, nxt.end, [*span.words, "and", *nxt.words], lang, True,
                           nxt.country, nxt.country_end)
    return None


MAX_JOIN_WORDS = 4


@cache
def _lv_genitive_endings() -> tuple[str, ...]:
    return tuple(langdata.load("organizations.json")["lv_genitive_endings"]["endings"])


def _is_conj(word: str, lang: str) -> bool:
    return (word.casefold(),) in {tuple(p.split()) for p in
                                  langdata.load("organizations.json")["enumeration"][lang]}


def _gap_ok_line(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip() and "\n" not in text[a:b]


def _inflected(surface: str) -> bool:
    """A city form that can only be an object ("Kauņu", "Lincai"), never a genitive
    modifier or an uninflected name."""
    cases = get_gazetteer().city_cases(surface)
    return bool(cases) and not cases & {"nom", "gen"}


def get_lang(lang: str) -> str:
    """The block language the name rules know (lv, en, ru); others are read as English."""
    return lang if lang in ("lv", "en", "ru") else "en"


def _subject(text: str, cue_start: int, s_start: int, lang: str) -> OrgSpan | None:
    """The organisation right before a cue; in Russian a verb may stand between
    ("Даугавпилсская городская дума реализует в сотрудничестве с")."""
    pos = comma = _before_comma(text, s_start, cue_start)  # "X Region, together with"
    before = tokens(text, s_start, pos)
    for tok in reversed(before[-MAX_VERB_WORDS:]):  # "уезд давно сотрудничает с"
        word = tok.text
        if not word.islower() or not (
                ru_verb(word) or ru_adverb(word) if lang == "ru"
                else word in _verbs_before_cue().get(lang, ())):
            break
        pos = tok.start
    span = scan_backward(text, pos, s_start, lang)
    if span and not span.has_head and text[s_start : span.start].strip(" \"„“«”"):
        return None  # "Jaunieši no Daugavpils kopā ar ...": a place, not the subject
    if span and comma < cue_start and not span.has_head:
        return None  # only an organisation stands apart from its cue
    return span


MAX_VERB_WORDS = 2


def _before_comma(text: str, floor: int, pos: int) -> int:
    """Where a name before ", <cue>" ends: the comma and spaces are skipped."""
    stripped = text[floor:pos].rstrip()
    if stripped.endswith(","):
        return floor + len(stripped) - 1
    return pos


@cache
def _verbs_before_cue() -> dict[str, frozenset[str]]:
    data = langdata.load("organizations.json")["verbs_before_cue"]
    return {lang: frozenset(ws) for lang, ws in data.items() if not lang.startswith("_")}


@cache
def _partner_prefix() -> re.Pattern[str]:
    """'(projekta) partneri(em) (no Lietuvas) –', 'its 10 project partners (', 'партнерами из
    Пскова (Россия) -': the words between a cooperation cue and the names."""
    data = langdata.load("organizations.json")["partner_nouns"]
    mods = langdata.alternation(data["modifiers"])
    return re.compile(
        r"(?:(?:" + mods + r"|\w[\w.-]*)\s+){0,4}"
        r"(?:" + langdata.alternation(data["nouns"]) + r")"
        r"(?:\s+(?:" + langdata.alternation(data["from"]) + r")\s+(?P<place>[^-–—:(\n]{2,40}?)"
        r"(?:\s*\((?P<bracket>[^()\n]{2,30})\))?)?"
        r"\s*(?:[-–—:]|(?P<open>\())\s*",
        re.I,
    )


def _after_partner_words(text: str, pos: int, limit: int) -> tuple[int, str]:
    """Where the names start after "partneri no Lietuvas –" (else `pos`), and the country the
    words give."""
    m = _partner_prefix().match(text, pos, limit)
    if not m:
        return pos, ""
    for part in (m.group("bracket"), m.group("place")):
        if part:
            city = get_gazetteer().city(part.strip())
            country = country_in(part.strip()) or (city.country if city else "")
            if country:
                return m.end(), country
    return m.end(), ""


_COUNTRY_BRACKET = re.compile(r"\(([^()\n]{2,30})\)")
_LEAD_CONJ = re.compile(
    r"(?:[,;]\s*)?(?:(?:" + langdata.alternation(
        [c for cs in langdata.load("organizations.json")["enumeration"].values() for c in cs]
    ) + r")\s+)?", re.I)
MAX_PIECE_WORDS = 12


def _piece(text: str, start: int, end: int, lang: str, role: str,
           country: str) -> Mention | None:
    """A list piece taken whole ("St. Peter’s School of Tartu", "Andrihovas"): a name with
    its country, as long as it looks like one (a capital, a digit or a quote first)."""
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip())
    lead = _LEAD_CONJ.match(text, start, end)
    start = lead.end() if lead else start
    raw = text[start:end]
    stripped = raw.rstrip(" ,.;:–—-")
    end = start + len(stripped)
    stripped = stripped.strip()
    if not stripped or re.search(r"[\n()]", stripped) or len(stripped.split()) > MAX_PIECE_WORDS:
        return None
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "„“\"«"):
        return None
    start += len(raw) - len(raw.lstrip())
    words = [t.text for t in tokens(stripped, 0, len(stripped))]
    gaz = get_gazetteer()
    city = gaz.city_nominative(stripped, country or None)
    if city:
        name = city
    elif any(head_at(words, i) for i in range(len(words))) and lang in ("lv", "ru"):
        name = nominative(stripped.split(), lang)
    else:
        name = stripped
    return Mention(start, end, name, role, country)


def _bracketed_countries(text: str, pos: int, limit: int, lang: str,
                         role: str) -> list[Mention]:
    """"A (Estonia), B (Spain) and C (Latvia)": every name before a bracket that holds a
    country, taken whole. At least two such brackets, the first piece starting at `pos`."""
    found: list[Mention] = []
    prev = pos
    for m in _COUNTRY_BRACKET.finditer(text, pos, limit):
        code = country_in(m.group(1))
        if not code:
            continue
        between = text[prev : m.start()]
        if found and not _LEAD_CONJ.match(between.lstrip()):
            break
        piece = _piece(text, prev, m.start(), lang, role, code)
        if piece is None:
            break
        found.append(piece)
        prev = m.end()
        rest = text[prev:limit]
        after = _LEAD_CONJ.match(text, prev + len(rest) - len(rest.lstrip()), limit)
        if not after or after.end() == after.start():
            break  # the list ends: no comma or conjunction after the bracket
    return found if len(found) >= 2 else []


def _bracket_group(text: str, pos: int, limit: int, lang: str, role: str,
                   country: str) -> list[Mention]:
    """"partners (A, B, C un D, E)": the names inside the bracket that opens before `pos`."""
    close = text.find(")", pos, limit)
    if close < 0:
        return []
    out: list[Mention] = []
    start = pos
    for m in re.finditer(r"[,;]", text[pos:close] + ";"):
        end = pos + m.start()
        piece = _piece(text, start, end, lang, role, country)
        if piece:
            out.append(piece)
        start = end + 1
    return out if len(out) >= 2 else []


def _listed(text: str, pos: int, limit: int, lang: str, role: str = "partner",
            country: str = "", whole: bool = False) -> list[Mention]:
    """The names a cue introduces: a bracket group, a list of "Name (Country)" pieces, else
    names the grammar finds one by one; after an explicit list cue (`whole`) the
    comma-separated pieces of the rest of the sentence when they are more and all names."""
    if pos > 0 and text[pos - 1 : pos] == "(" or text[max(0, pos - 2) : pos].startswith("("):
        group = _bracket_group(text, pos, limit, lang, role, country)
        if group:
            return group
    pieces = _bracketed_countries(text, pos, limit, lang, role)
    if pieces:
        return pieces
    found = list(_enumeration(text, pos, limit, lang, role, country=country))
    if whole:
        commas = _comma_pieces(text, pos, limit, lang, role, country)
        if len(commas) > len(found):
            return commas
    return found


def _comma_pieces(text: str, pos: int, limit: int, lang: str, role: str,
                  country: str) -> list[Mention]:
    """"A, B, C and D." up to the sentence end, each piece a name (a head noun, a known
    place or capitalised words); a final "and" splits only between two named heads."""
    end = limit
    rest = text[pos:end].rstrip(" .;:")
    if not rest or "\n" in rest:
        return []
    parts: list[tuple[int, int]] = []
    start = pos
    for m in re.finditer(r"\s*[,;]\s*", rest):
        parts.append((start, pos + m.start()))
        start = pos + m.end()
    parts.append((start, pos + len(rest)))
    last_start, last_end = parts[-1]
    conj = list(_separator(lang).finditer(text, last_start, last_end))
    for c in conj[-1:]:
        if "," in c.group() or ";" in c.group():
            continue
        left, right = text[last_start : c.start()], text[c.end() : last_end]
        if _has_head(left, lang) and _has_head(right, lang):
            parts[-1:] = [(last_start, c.start()), (c.end(), last_end)]
    out: list[Mention] = []
    for a, b in parts:
        piece = _piece(text, a, b, lang, role, country)
        if piece is None:
            return []
        surface = text[piece.start : piece.end]
        words = surface.split()
        if not (_has_head(surface, lang) or get_gazetteer().city(surface)
                or all(w[:1].isupper() for w in words) and len(words) <= MAX_CAP_NAME):
            return []
        out.append(piece)
    return out if len(out) >= 2 else []


MAX_CAP_NAME = 4


def _has_head(surface: str, lang: str) -> bool:
    words = [t.text for t in tokens(surface, 0, len(surface))]
    return any(head_at(words, i) for i in range(len(words)))


@cache
def _separator(lang: str) -> re.Pattern[str]:
    """A list separator: a comma or semicolon and/or a conjunction ("un", "and", "и")."""
    enum = langdata.load("organizations.json")["enumeration"].get(lang, [])
    conj = r"(?:" + langdata.alternation(enum) + r")\s+"
    return re.compile(r"\s*(?:[,;]\s*(?:" + conj + r")?|" + conj + r")", re.I)


@cache
def _copula_cue() -> re.Pattern[str]:
    """"(vadošais) partneris (projektā / Latvijā) ir A, B", "the lead partner of the project
    is A", "партнерами проекта являются A": a partner noun, up to four words, a copula."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(
        r"(?<!\w)(?=[" + langdata.first_chars(data["nouns"]) + r"])"
        r"(?:" + langdata.alternation(data["nouns"]) + r")"
        r"(?P<gap>(?:\s+[^\s.,;:!?()]+){0,4}?)\s+(?:" + langdata.alternation(data["copulas"])
        + r")\s+(?:[-–—:]\s*)?",
        re.I,
    )


@cache
def _lead_before() -> re.Pattern[str]:
    """A lead word in the two words before a partner noun ("vadošais partneris")."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(data["lead"]) + r")\s+(?:\w+\s+)?$",
                      re.I)


@cache
def _group_country_prefix() -> re.Pattern[str]:
    """"bet Baltkrievijā – C, D": a new group of names with its country inside a list."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?:(?:" + langdata.alternation(data["but"]) + r")\s+)?"
                      r"(?P<country>[^\W\d_][\w-]*(?:\s[^\W\d_][\w-]*)?)\s*[-–—:]\s*", re.I)


def _copula_lists(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in _copula_cue().finditer(text):
        s_start, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        role = "lead" if _lead_before().search(text, max(0, m.start() - 40), m.start()) \
            else "partner"
        country = ""
        for word in m.group("gap").split():
            country = country or country_in(word)
        yield from _listed(text, m.end(), s_end, lang, role,
                           country or _clause_country(text, s_start, m.start()), whole=True)


@cache
def _from_words() -> re.Pattern[str]:
    words = langdata.load("organizations.json")["partner_nouns"]["from"]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(words) + r")\s+(\w+(?:\s\w+)?)",
                      re.I)


def _clause_country(text: str, s_start: int, cue_start: int) -> str:
    """The country of "no Krievijas ir četri partneri:", "from Russia the partners are": a
    country after 'no'/'from'/'из' in the clause before a list cue."""
    clause_start = max(s_start, *(text.rfind(c, s_start, cue_start) + 1 for c in ",;"))
    for m in _from_words().finditer(text, clause_start, cue_start):
        for surface in (m.group(1), m.group(1).split()[0]):
            code = country_in(surface)
            if code:
                return code
    return ""


MAX_BACKWARD_ITEMS = 12


def _backward_items(text: str, span: OrgSpan, floor: int,
                    lang: str) -> list[tuple[OrgSpan, Mention | None]]:
    """The names listed before `span` and with it ("A, B un C īsteno", "Нарва и Ивангород
    реализуют"), in text order, while a list separator stands between them."""
    role = "partner"
    out = [(span, _mention(text, span, role))]
    sep = _separator(lang)
    while len(out) < MAX_BACKWARD_ITEMS:
        first = out[0][0]
        before = text[floor : first.start]
        if not _ends_with_separator(before, lang):
            break
        cut = max((m.start() for m in sep.finditer(before) if m.end() == len(before)),
                  default=len(before.rstrip()))
        prev = scan_backward(text, floor + cut, floor, lang)
        if prev is None or prev.end > first.start:
            break
        out.insert(0, (prev, _mention(text, prev, role)))
    return out


def _ends_with_separator(before: str, lang: str) -> bool:
    """The text before a name ends with a list separator ("A, B un ")."""
    tail = before.rstrip()
    if tail.endswith((",", ";")):
        return True
    enum = langdata.load("organizations.json")["enumeration"].get(lang, [])
    return any(re.search(r"(?<!\w)" + re.escape(e) + "$", tail, re.I) for e in enum)


def _cities(text: str, pos: int, limit: int, lang: str) -> list[tuple[int, int, str, str]]:
    """Cities listed from `pos` ("Lubļinas (Polija), Lincas (Austrija) un Tartu (Igaunija)"):
    (start, end, nominative, country in the bracket after it)."""
    gaz = get_gazetteer()
    sep = _separator(lang)
    out: list[tuple[int, int, str, str]] = []
    while pos < limit:
        toks = tokens(text, pos, limit)[:3]
        if not toks or text[pos : toks[0].start].strip():
            break
        found = None
        for n in range(len(toks), 0, -1):
            surface = text[toks[0].start : toks[n - 1].end]
            if "\n" in surface or not surface[:1].isupper() or gaz.country(surface):
                continue
            nom = gaz.city_nominative(surface)
            if nom:
                found = (toks[0].start, toks[n - 1].end, nom)
                break
        if not found:
            break
        start, end, nom = found
        _, country, after = _bracket_after(text, end, limit)
        out.append((start, end, nom, country))
        m = sep.match(text, after, limit)
        if not m or m.end() == after:
            break
        pos = m.end()
        skip = _bare_head(text, pos, limit, sep)
        if skip:  # "Даугавпилс и край, а также Резекне": the town's own county, no name
            pos = skip
    return out


_WORD = re.compile(r"\w+")


def _bare_head(text: str, pos: int, limit: int, sep: re.Pattern[str]) -> int:
    """End of the separator after a lone lower-case head noun at `pos` ("край, "), else 0."""
    m = _WORD.match(text, pos, limit)
    if not m or not m.group().islower() or not head_at([m.group()], 0):
        return 0
    after = sep.match(text, m.end(), limit)
    return after.end() if after and after.end() > m.end() else 0


def _cue_starts(doc: Document, ctx: ExtractContext) -> list[int]:
    found = ctx.cache.get("partner_cue_starts")
    if found is None:
        found = ctx.cache["partner_cue_starts"] = [
            m.start() for m in cues().starts.finditer(doc.text)
        ]
    return found


@cache
def _partner_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in
                     langdata.load("organizations.json")["partner_nouns"]["nouns"])


def _people_after(text: str, pos: int, limit: int) -> bool:
    """"вместе с другими мэрами": the cue is followed by people, not by organisations, so the
    one before it acts as a person too ("председатель думы ... вместе с мэрами")."""
    words = [t.text for t in tokens(text, pos, min(limit, pos + 40))[:2]]
    for word in words:
        if not word.islower() or word in _partner_words():
            return False
        if ru_people(word):
            return True
    return False


def _prose_mentions(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    cs = cues()
    starts = _cue_starts(doc, ctx)
    for m in finditer_at(cs.coop, text, starts):
        s_start, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        subject = _mention(text, _subject(text, m.start(), s_start, lang), "partner")
        if subject and not (lang == "ru" and _people_after(text, m.end(), s_end)):
            yield subject
        start, country = _after_partner_words(text, m.end(), s_end)
        listed = _listed(text, start, s_end, lang, country=country)
        colon = text.find(":", m.end(), min(s_end, m.end() + MAX_COLON_GAP))
        if not listed and colon > 0:  # "вместе с партнёрами из Литвы: A и B"
            listed = _listed(text, colon + 1, s_end, lang)
        yield from listed
    for m in cs.role_bracket.finditer(text):
        role = role_in(m.group(1)) or role_code(m.group(1))
        if not role:
            continue
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        found = _mention(text, scan_backward(text, m.start(), s_start, lang), role)
        if found:
            yield found
    for role, cue in cs.apposition:
        for m in finditer_at(cue, text, starts):
            _, s_end = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            gap = re.match(r"[\s,:–—-]*", text[m.end() : s_end])  # "The lead partner, X"
            span = scan_forward(text, m.end() + (gap.end() if gap else 0), s_end, lang)
            found = _mention(text, span, role) if span and span.has_head else None
            if span and not found and not span.has_head:  # "initiated by Linnalabor (EE)"
                _, code, _ = _bracket_after(text, max(span.end, span.country_end), s_end)
                if code and all(w[:1].isupper() for w in span.words):
                    found = Mention(span.start, span.end, " ".join(span.words), role, code)
            if found and role == "payer":  # "собственный вклад Лудзенской краевой думы"
                if org_type(found.name, lang) != "municipality":
                    continue  # a ministry or a fund paying is a funder
                found.role = "partner"
            if found and span:
                bracket_role, country, _ = _bracket_after(text, max(span.end, span.country_end),
                                                          s_end)
                found.country = found.country or country
                found.role = bracket_role or found.role
                yield found
    for role, cue in cs.lists:
        for m in finditer_at(cue, text, starts):
            s_start, s_end = ctx.sentence(m.start())
            yield from _listed(text, m.end(), s_end, get_lang(doc.lang_at(m.start())), role,
                               _clause_country(text, s_start, m.start()), whole=True)
    yield from _copula_lists(doc, ctx)
    for role, cue in cs.subject:
        for m in finditer_at(cue, text, starts):
            s_start, _ = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            cut = _before_comma(text, s_start, m.start())  # "X, kā vadošais partneris,"
            span = scan_backward(text, cut, s_start, lang)
            if span and cut < m.start() and not span.has_head:
                span = None
            found = _mention(text, span, role)
            if found and span and _ends_with_separator(text[s_start : span.start], lang):
                yield from share_head(text, _backward_items(text, span, s_start, lang), lang)
            elif found:
                after = tokens(text, m.end(), min(len(text), m.end() + 40))[:3]
                for n in (3, 2, 1):
                    code = get_gazetteer().country(" ".join(t.text for t in after[:n]))
                    if len(after) >= n and code:  # "X is the partner from Russia"
                        found.country = found.country or code
                        break
                yield found
    for role, cue in cs.verbs:
        for m in finditer_at(cue, text, starts):
            s_start, _ = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            span = scan_backward(text, m.start(), s_start, lang)
            found = _mention(text, span, role) if span else None
            if not found or not span or not (span.has_head or get_gazetteer().city(found.name)):
                continue
            before = text[s_start : found.start]
            if lang == "ru" and (not ru_can_be_subject(span.words) or ru_after_preposition(before)):
                continue  # "в Резекненском крае получат", "из Резекне получили": a place
            if any(c.end() == len(before) for c in cs.coop.finditer(before)):
                continue  # "вместе с X реализует": X is the cue's object, not the subject
            if not _ends_with_separator(before, lang):
                yield found
            elif not cs.coop.search(text, s_start, span.start):  # "A, B un C īsteno projektu"
                yield from share_head(text, _backward_items(text, span, s_start, lang), lang)
    for m in finditer_at(cs.country, text, starts):
        _, s_end = ctx.sentence(m.start())
        colon = text.find(":", m.end(), min(s_end, m.end() + MAX_COLON_GAP))
        if colon > 0:  # "guests from seven countries: Heraklion (Greece), Gerace (Italy)"
            yield from _bracketed_countries(text, colon + 1, s_end,
                                            get_lang(doc.lang_at(m.start())), "partner")
    for m in finditer_at(cs.city, text, starts):
        _, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        pieces = _bracketed_countries(text, m.end(), s_end, lang, "partner")
        if pieces:
            yield from pieces
            continue
        cities = _cities(text, m.end(), s_end, lang)
        if len(cities) >= 2:
            for start, end, nom, country in cities:
                yield Mention(start, end, nom, "partner", country)


def _from_prose(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Prose mentions outside partner lists; overlapping mentions of one name are one partner
    with the most specific role."""
    skip = _partner_section_spans(ctx)
    kept: list[Mention] = []
    for mention in _prose_mentions(doc, ctx):
        if any(a <= mention.start < b for a, b in skip):
            continue
        twin = next((k for k in kept if k.start < mention.end and mention.start < k.end), None)
        if twin is None:
            kept.append(mention)
            continue
        if ROLE_RANK[mention.role] > ROLE_RANK[twin.role]:
            twin.role = mention.role
        twin.country = twin.country or mention.country
    for k in sorted(kept, key=lambda k: k.start):
        yield _partner(doc, ctx, k.start, k.end, k.name, k.role, k.country, source="prose")


# -- partner countries ---------------------------------------------------------------------


def _partner_countries(doc: Document, ctx: ExtractContext, named: list[Fact]) -> Iterator[Fact]:
    """Countries listed after a partner-country cue; a country in brackets after a named
    partner ("Lubļinas (Polija)") belongs to that partner and is not listed again."""
    text = doc.text
    seen: set[tuple[int, int]] = set()
    for m in finditer_at(cues().country, text, _cue_starts(doc, ctx)):
        s_start, s_end = ctx.sentence(m.start())
        if (s_start, s_end) in seen:
            continue
        countries = [
            p for p in find_places(text, m.end(), s_end)
            if p.kind == "country" and not any(
                f.start <= p.start and p.end <= f.end + 40
                and text[f.end : p.start].strip(" (") == "" for f in named)
        ]
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
    named = [f for f in (*_from_sections(doc, ctx), *_from_colon_lists(doc, ctx),
                         *_country_org_lines(doc, ctx), *_from_prose(doc, ctx))
             if not not_a_partner(f.values["name"])]
    yield from named
    yield from _partner_countries(doc, ctx, named)
    own = {f.values["country"] for f in named}
    for start, end, code in compound_countries(doc.text):  # "российско-эстонский проект"
        if code not in own:
            yield Fact(table="partner_countries", doc_id=doc.doc_id, text=doc.text[start:end],
                       start=start, end=end,
                       values={"country": code, "lang": doc.lang_at(start)})


# -- shared heads ------------------------------------------------------------------------


@cache
def _shared_data() -> dict:  # type: ignore[type-arg]
    return langdata.load("organizations.json")["shared_heads"]


def _plural_tail(words: list[str], lang: str) -> list[str] | None:
    """The words of a name from its first lower-case word on, in the singular, when that
    part is plural ("novadu pašvaldības" -> ["novada", "pašvaldības"], "районами" ->
    ["районами"] read as plural); None when the name shares no plural head."""
    first = next((i for i, w in enumerate(words) if w[:1].islower()), None)
    if first is None or first == 0:
        return None
    tail = words[first:]
    if lang == "lv":
        data = _shared_data()
        gens, heads, adjs = (data["lv_plural_genitives"], data["lv_plural_heads"],
                             data["lv_plural_adjectives"])
        if not any(w in gens or w in heads or w in adjs for w in tail):
            return None
        return [gens.get(w, adjs.get(w, w)) for w in tail]
    if lang == "en":
        plurals = _shared_data()["en_plural_heads"]
        if not any(w.casefold() in plurals for w in tail):
            return None
        return [plurals.get(w.casefold(), w) for w in tail]
    if lang == "ru":  # "районами (Псковской области)": the tail ends at the head
        at = next((i for i in range(len(tail)) if head_at(tail, i)), None)
        if at is None:
            return None
        tail = tail[: at + head_at(tail, at)[0]]  # type: ignore[index]
        return tail if ru_plural(tail[-1]) else None
    return None


def share_head(text: str, items: list[tuple[OrgSpan, Mention | None]],
               lang: str) -> Iterator[Mention]:
    """Mentions of an enumeration; the names right before a name with a plural head
    ("Cēsu, Amatas, Pārgaujas novadu pašvaldības") each get that head in the singular."""
    pending: list[tuple[OrgSpan, Mention | None]] = []
    for span, mention in items:
        if not span.has_head:
            pending.append((span, mention))
            continue
        tail = _plural_tail(span.words, lang) if pending else None
        if tail is None:
            yield from (m for _, m in pending if m)
            pending = []
            if mention:
                yield mention
            continue
        for own_span, own in [*pending, (span, mention)]:
            if own_span is span:
                first = next(i for i, w in enumerate(span.words) if w[:1].islower())
                words = span.words[:first]
            else:
                words = own_span.words
            if not words or not all(w[:1].isupper() for w in words):
                if own:
                    yield own
                continue
            name = (ru_singular([*words, *tail]) if lang == "ru"
                    else nominative([*words, *tail], lang))
            yield Mention(own_span.start, own_span.end, name,
                          own.role if own else "partner",
                          (own.country if own else "") or own_span.country)
        pending = []
    yield from (m for _, m in pending if m)
