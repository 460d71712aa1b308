"""Partner lists: headed fields, list cues that end their line, "Country (Organisation)"
lines and blocks of "Name (Country)" lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import (
    MAX_HEADING_WORDS,
    MAX_PIECE_WORDS,
    PARTNER_FIELDS,
    country_in,
    cues,
    get_lang,
    has_head,
    partner,
    role_code,
    role_in,
    role_named,
    unquoted_separators,
)
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document, Fact
from pipeline.orgnames import (
    head_at,
    ru_verb,
    tokens,
    word_ok,
)
from pipeline.sections import classify_heading
from pipeline.text import UPPER, list_marker_end

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


def _role_phrase(text: str) -> str | None:
    """The role a short phrase after a name states ("Lead partner", "vadošais partneris")."""
    return role_in(text) if len(text.split()) <= MAX_ROLE_WORDS else None


MAX_ITEM_WORDS = 12
_CONTACT_LIKE = re.compile(r"@|\+?\d[\d ]{6,}")
_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\)))\.\s+(?=[" + UPPER + r"])")


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
                 if gaz.country(b.group(1))
                 and not _role_phrase(text[b.end() : start + m.end()].split(",")[0])]
        for cut_start, cut_end in sorted(cuts):
            yield pos, cut_start
            pos = cut_end
        yield pos, start + m.end()


MAX_FOREIGN_WORDS = 1
MAX_ACRONYM = 6


@cache
def _item_verbs(lang: str) -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["item_verbs"].get(lang, []))


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
    if any(w.casefold() in _item_verbs(lang) for w in _without_address(bare).split()):
        return False  # "One of the partners must be appointed as ...": a sentence
    toks = [t for t in tokens(bare, 0, len(bare)) if not t.text.isdigit()]
    words = [t.text for t in toks]
    has_head = any(head_at(words, i) for i in range(len(words)))
    country_first = re.match(r"([^:–—-]{2,30})\s[–—-]\s", item)  # "Armenia – altera lab"
    if country_first and country_in(country_first.group(1).strip()) and \
            len(item[country_first.end() :].split()) <= MAX_PIECE_WORDS:
        return True
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


def from_sections(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
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
        item = _URL_TAIL.sub("", text[body_start:i_end]).rstrip(" .;,\t|")
        lead_ws = len(item) - len(item.lstrip())
        body_start += lead_ws
        item = item.strip()
        if len(item) < 3:
            continue
        if item.startswith("(") and item.endswith(")") and last is not None:
            last.values["alias"] = item[1:-1].strip()  # an English name under the item
            continue
        if _BYLINE.match(item):
            break  # "Informāciju sagatavoja ...": the text's byline, nothing after it is listed
        if "|" in item and _TABLE_ROW.match(item):
            continue  # "Donor state project partner | Name": a table row, see table_rows
        if _ADDRESS_START.match(item) or classify_heading(item) == "contact":
            continue  # the address or contact person under a name
        sub = country_in(item.rstrip(" :"))
        if sub:
            group_country = sub  # a country sub-heading: the names below are from it
            continue
        label = _LABEL.match(item)
        if not label:  # "partneris- Name (LT)": a role label before a dash
            dashed = _DASH_LABEL.match(item)
            label = dashed if dashed and len(dashed.group(1).split()) <= MAX_ROLE_WORDS and (
                role_named(dashed.group(1))) else None
        label_role = role_named(label.group(1)) if label else None
        if label and label_role:  # "Leading partner: X"
            body_start += label.start(2)
            item = label.group(2)
        elif label and not country_in(label.group(1).strip()):
            if last is not None and label.group(1).strip().casefold() in _country_labels():
                last.values["country"] = country_in(label.group(2)) or last.values["country"]
            continue  # "Country: FI", "Partner budget: ..." under a name: fields of it
        pieces = [(a, b) for a, b in _org_pieces(text, body_start, body_start + len(item),
                                                  get_lang(doc.lang_at(body_start)))
                  if _looks_like_item(doc, ctx, a, text[a:b])]
        if not pieces and not _looks_like_item(doc, ctx, body_start, item):
            if last is not None and body_start == i_start + lead_ws:
                break  # the list has ended: what follows is other text
            continue  # a numbered or bulleted item that is no name: the list goes on
        line = text.rfind("\n", 0, body_start)
        for p_start, p_end in pieces or [(body_start, body_start + len(item))]:
            piece = text[p_start:p_end]
            name, country, alias = _split_item(piece)
            prefixed = bool(country and re.match(r"[^:–—-]{2,30}[:–—-]", piece) and country_in(
                re.split(r"[:–—-]", piece, maxsplit=1)[0].strip()))
            if prefixed:
                line_country = (line, country)
            country = country or (line_country[1] if line_country[0] == line else "")
            country = country or group_country
            name = _without_subunit(name)
            if not name or not (name[0].isupper() or name[0] in "„“\"«" or _legal_form(name)
                                or prefixed and name[0].isalpha()  # "Armenia – altera lab"
                                or _NUMBERED_NAME.match(name)):  # "2nd Gymnasium of Kos"
                continue
            item_role = label_role or role_in(piece) or role
            last = partner(doc, ctx, p_start, p_end, name, item_role, country, alias, "heading")
            yield last


# a name that starts with its number: "1 Gimnasio Kalampakas", "2nd Primary School of Rhodes",
# "3o Lykeio Chanion" (schools numbered within their town); the number is part of the name
_NUMBERED_NAME = re.compile(rf"\d{{1,3}}(?:st|nd|rd|th|o)?\.?\s+[{UPPER}]")


def _legal_form(name: str) -> bool:
    """'biedrība “Name”': a lower-case head noun before a quoted name starts a name too."""
    words = name.split()
    return len(words) > 1 and words[1][:1] in "„“\"«" and bool(head_at(words, 0))


@cache
def _name_connectors(lang: str) -> frozenset[str]:
    data = langdata.load("organizations.json")["name_words"]["connectors"]
    return frozenset(data.get(lang, []))


def _org_pieces(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """An item that lists several organisations on one line ("Projekta partneri: A novada
    pašvaldība, B novada pašvaldība un C biedrība"): the spans of its names, when every piece
    between the separators (outside quotes) has a head noun of its own; else none, and the
    item is one name ("Daugavpils pilsētas dome, Latvija", "Daugavpils pilsētas dome, Jaunatnes
    nodaļa")."""
    seps = unquoted_separators(text, start, end)
    if not seps:
        return []
    bounds = [start, *(x for sep in seps for x in sep), end]
    pieces = [(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    if all(_bare_city(text[a:b]) for a, b in pieces):
        return pieces  # "Ventspils un Valmiera": towns standing for their municipalities
    if not any(text[a:b].strip(" ") in (",", ";") or "," in text[a:b] for a, b in seps) and any(
            w.casefold() in _name_connectors(lang) for a, b in seps for w in text[a:b].split()):
        return []  # "Foundation for Guarantee and Development": 'and' inside an English name
    for a, b in pieces:
        bare = re.sub(r"\([^()]*\)", " ", text[a:b])
        words = bare.split()
        acronym = len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= MAX_ACRONYM
        if not words or not (has_head(bare, lang) or acronym) or any(
                w.casefold().strip(".") in _subunits() for w in words):
            return []
    return pieces


def _bare_city(piece: str) -> bool:
    """A piece that is only a known town's name, capitalised ("Valmiera", "Rokiškis")."""
    piece = piece.strip(" .;,")
    return bool(piece) and piece[0].isupper() and len(piece.split()) <= 3 and \
        get_gazetteer().city(piece) is not None


MAX_COLON_LIST = 1500


def _byline_pattern() -> re.Pattern[str]:
    """Author cues that open a byline (contacts.json), in any language."""
    data = langdata.load("contacts.json")
    phrases = [p for key in ("author_cues", "author_cues_line_start")
               for lang, ps in data[key].items() if not lang.startswith("_") for p in ps]
    return re.compile(r"(?:" + langdata.alternation(phrases) + r")(?!\w)", re.I)


_BYLINE = _byline_pattern()
_URL_TAIL = re.compile(r"[,;\s]*(?:https?://|www\.)\S*\s*$")  # "Name, https://...": its site
_LEADING_SYMBOLS = re.compile(r"[^\w\s„“\"«(]+\s*")
_LABEL = re.compile(r"([^:(\d]{2,40}):\s*(\S.*)$")
_DASH_LABEL = re.compile(r"([^:(\d–—-]{2,40}?)\s*[-–—]\s+(\S.*)$")


@cache
def _country_labels() -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["country_labels"]["words"])


def from_colon_lists(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """A list cue that ends its line ("The partner schools are:") and the items on the lines
    below it, read like a partner section."""
    text = doc.text
    for role, cue in cues().lists:
        for m in cuescan.find(cue, text):
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


def country_org_lines(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Lines such as "Estonia (Tamme Gümnaasium): Mari Mets, Jaan Tamm" in lists of the
    people each partner sent: the bracket names the organisation of that country."""
    text = doc.text
    for m in _COUNTRY_ORG_LINE.finditer(text):
        country = country_in(m.group("country"))
        org = m.group("org").strip()
        if not country or country_in(org) or not org[:1].isupper():
            continue
        yield partner(doc, ctx, m.start("org"), m.start("org") + len(org), org, "partner",
                       country, source="list")


_NAME_COUNTRY_LINE = re.compile(r"^[ \t]*(?P<name>[^\W\d_][^()\n]{2,80}?)[ \t]*\("
                                r"(?P<country>[^()\n]{2,30}?)\)?"
                                r"(?:[ \t]*[,–—-][ \t]*(?P<role>[^()\n,–—-]{3,40}?))?[ \t]*$",
                                re.M)
MIN_COUNTRY_LINES = 3
MAX_LINE_GAP = 3  # blank lines between two lines of one list


def country_lines(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """A block of at least three lines, each a name and its country in brackets, is a list of
    partners even without a heading ("University of Tartu (EE)", "City of Vaasa (FIN)")."""
    text = doc.text
    block: list[tuple[re.Match[str], str]] = []

    def flush() -> Iterator[Fact]:
        if len(block) >= MIN_COUNTRY_LINES:
            for m, code in block:
                name = m.group("name").strip()
                role = _role_phrase(m.group("role") or "") or "partner"
                yield partner(doc, ctx, m.start("name"), m.start("name") + len(name), name,
                               role, code, source="list")

    for m in _NAME_COUNTRY_LINE.finditer(text):
        code = country_in(m.group("country").strip())
        if not code and len(m.group("country").strip()) == 3 and m.group("country").isupper():
            code = get_gazetteer().country(m.group("country").strip()) or ""
        name = m.group("name").strip()
        if m.group("role") and not _role_phrase(m.group("role")):
            continue  # "Name (EE), Tallinn" is no line of this list
        ok = code and len(name.split()) <= MAX_PIECE_WORDS and (
            has_head(name, get_lang(doc.lang_at(m.start()))) or name[:1].isupper())
        if not ok:
            continue
        if block and text.count("\n", block[-1][0].end(), m.start()) > MAX_LINE_GAP:
            yield from flush()
            block = []
        block.append((m, code))
    yield from flush()


@cache
def _partner_nouns() -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["partner_nouns"]["nouns"])


_TABLE_ROW = re.compile(r"^[ \t]*(?P<label>[^|\n]{3,60}?)[ \t]*\|[ \t]*(?P<value>[^|\n]+?)"
                        r"[ \t]*\|?[ \t]*$", re.M)


def table_rows(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Table rows "Lead partner | Name |", "National project partner | Name |": a label that
    names a partner role, the organisation in the next cell."""
    text = doc.text
    if "|" not in text:
        return
    for m in _TABLE_ROW.finditer(text):
        label = m.group("label")
        role = role_in(label) or ("partner" if _partner_nouns() & set(
            re.findall(r"\w+", label.casefold())) else None)
        value = m.group("value").strip()
        if not role or not value[:1].isupper() or not _looks_like_item(doc, ctx, m.start(
                "value"), value):
            continue
        name, country, alias = _split_item(value)
        yield partner(doc, ctx, m.start("value"), m.start("value") + len(value), name, role,
                      country, alias, "table")


def partner_section_spans(ctx: ExtractContext) -> list[tuple[int, int]]:
    """Partner lists read as lists (a heading that is a sentence is read as prose)."""
    text = ctx.doc.text
    return [(s.heading_start, s.end) for s in ctx.sections if s.field in PARTNER_FIELDS
            and _heading_ok(text[s.heading_start : s.start])]
