"""The project's owner named without a role word: the organisation that carries out, started,
submitted or received money for its own project ("Ogres novada pašvaldība jau otro gadu
aktīvi piedalās projektā", "X ir saņēmusi finansējumu", "X has been actively participating in
cooperation projects"), or that owns the project or pays its share in the genitive ("Ogres
novada domes projekta iesniegums", "Ogres novada pašvaldības līdzfinansējums ir 10%").

All cue words are in `organizations.json` (`owner_cues`). Organisations only mentioned (a
school as a venue, a ministry or agency as funder, a council that grants money to someone
else's project) are no owners: the subject must be a proper organisation name with a head
noun (or a city in the nominative) and must not be a funder's head; a genitive owner must be a
municipality or region paying its own share or owning the project. A bare "pašvaldība" or
"Dome" in an owner's place is the page's own municipality when the page names one town before
municipality words ("Kuldīgas novadā", `own_municipality` in the data), else nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import Mention, cues, get_lang, society_legal_forms
from pipeline.extract.partners.shared import plural_tail, share_head
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document
from pipeline.orgnames import (
    OrgSpan,
    head_at,
    lv_genitive_head,
    lv_locative_head,
    nominative,
    org_type,
    scan_backward,
    tokens,
)
from pipeline.places import city_of_adjective, country_of_words
from pipeline.text import UPPER

MAX_GAP_WORDS = 4  # "X jau trešo gadu aktīvi piedalās": words between a subject and its verb
MAX_OBJECT_WORDS = 4  # "īsteno septiņus lauku teritoriju attīstības projektus"


@cache
def _data() -> dict:
    return langdata.load("organizations.json")["owner_cues"]


def _by_role(key: str) -> dict[str, list[str]]:
    return {role: forms for role, forms in _data()[key].items() if not role.startswith("_")}


@cache
def _verb_cue() -> re.Pattern[str]:
    """An owner verb and, at most MAX_OBJECT_WORDS words later, its object ("saņēma ERAF
    finansējumu", "implemented 17 projects"); the group named after the verb's role."""
    verbs = "|".join(f"(?P<{role}>{langdata.alternation(forms)})"
                     for role, forms in _by_role("verbs").items())
    objects = [o for forms in _data()["objects"].values() for o in forms]
    return cuescan.register(re.compile(
        r"(?<!\w)(?:" + verbs + r")(?!\w)(?:[ \t]+[^\s.;:!?()]+){0," + str(MAX_OBJECT_WORDS)
        + r"}?[ \t]+(?:" + langdata.alternation(objects) + r")", re.I),
        [v for forms in _by_role("verbs").values() for v in forms])


@cache
def _gap_words() -> frozenset[str]:
    return frozenset(w for forms in _data()["gap_words"].values() for w in forms)


@cache
def _gap_phrase() -> re.Pattern[str]:
    """A prepositional phrase between a subject and its verb ("ar Lauku atbalsta dienesta
    atbalstu"), matched at the end of the text before the verb; `*` stands for 1-5 words."""
    alts = []
    for phrase in (p for forms in _data()["gap_phrases"].values() for p in forms):
        first, _, last = phrase.partition(" * ")
        alts.append(re.escape(first) + r"(?:\s+[^\s.,;:!?()]+){1,5}?\s+" + re.escape(last))
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")\s*$", re.I)


@cache
def _funder_heads() -> frozenset[str]:
    return frozenset(w.casefold() for w in _data()["not_owner_heads"])


@cache
def _genitive_cue() -> re.Pattern[str]:
    phrases = [p for forms in _data()["genitive_nouns"].values() for p in forms]
    return cuescan.register(langdata.stem_phrase_regex(phrases), phrases)


@cache
def _participation() -> re.Pattern[str]:
    return langdata.stem_phrase_regex(
        [p for lang, forms in _data()["participation_nouns"].items() if not lang.startswith("_")
         for p in forms])


@cache
def _genitive_exclusions() -> re.Pattern[str]:
    return langdata.stem_phrase_regex(
        [p for forms in _data()["genitive_not"].values() for p in forms])


@cache
def _grant_nouns() -> re.Pattern[str]:
    return langdata.stem_phrase_regex(
        [p for forms in _data()["grant_nouns"].values() for p in forms])


@cache
def _granted_before() -> frozenset[str]:
    return frozenset(w for forms in _data()["granted_before"].values() for w in forms)


def _proper(span: OrgSpan) -> bool:
    """The span names one organisation: it starts with a capitalised word that is not itself
    a head noun ("Novada pašvaldība" at a sentence start is a kind, not a name) or with a
    quoted name."""
    first = span.words[0]
    if first.casefold() in _pronouns():
        return False  # "Mūsu pašvaldība", "Our municipality"
    return (first[:1].isupper() or not first[:1].isalnum()) and head_at(span.words, 0) is None


@cache
def _pronouns() -> frozenset[str]:
    return frozenset(_data()["pronouns"])


def _funder(span: OrgSpan) -> bool:
    """A ministry, agency or commission: such a body signs or grants, it is no owner."""
    words = span.words
    for i in range(len(words)):
        hit = head_at(words, i)
        if hit and hit[1].casefold() in _funder_heads():
            return True
    return False


def _city_nominative(surface: str) -> bool:
    gaz = get_gazetteer()
    if not gaz.city(surface):
        return False
    cases = gaz.city_cases(surface)
    return not cases or "nom" in cases


def _trim_start(text: str, span: OrgSpan, s_start: int) -> OrgSpan:
    """Drop a word capitalised only because it starts the sentence ("Šogad Ogres pašvaldība",
    "Apstiprināts Ogres novada Domes ..."): an adverb of the gap list, or a word that is no
    place before a name that begins with a known place."""
    if text[s_start : span.start].strip(" \t\n\"„“«”'•*-") or len(span.words) < 3:
        return span
    toks = tokens(text, span.start, span.end)
    if len(toks) < 3 or toks[0].quoted:
        return span
    first, second = toks[0].text, toks[1].text
    gaz = get_gazetteer()
    if first.casefold() in _gap_words() or (
            not (gaz.city(first) or gaz.country(first) or country_of_words(first))
            and head_at(span.words, 0) is None and gaz.city(second)):
        return OrgSpan(toks[1].start, span.end, span.words[1:], span.lang, span.has_head,
                       span.country, span.country_end)
    return span


def _mention(text: str, span: OrgSpan, role: str) -> Mention | None:
    surface = text[span.start : span.end]
    if span.has_head:
        if len(span.words) < 2 or not _proper(span) or _funder(span):
            return None
        name = nominative(span.words, span.lang)
    elif _city_nominative(surface):
        name = get_gazetteer().city_nominative(surface) or surface
    else:
        return None
    return Mention(span.start, span.end, name, role, span.country)


def _subject_end(text: str, s_start: int, verb_start: int) -> int:
    """Where the subject of a verb ends: before the adverbs and auxiliaries between them
    ("jau trešo gadu aktīvi", "has been actively", "ar X atbalstu")."""
    pos = verb_start
    for _ in range(2):
        toks = tokens(text, s_start, pos)
        skipped = 0
        while toks and skipped < MAX_GAP_WORDS and toks[-1].text.casefold() in _gap_words() \
                and not text[toks[-1].end : pos].strip():
            pos = toks[-1].start
            toks.pop()
            skipped += 1
        m = _gap_phrase().search(text, s_start, pos)
        if not m:
            break
        pos = m.start()
    return pos


def _after_cue(text: str, s_start: int, start: int) -> bool:
    """A cooperation cue stands before the name: it is the cue's object ("kopā ar X un Y
    īsteno"), and the cue's own reader takes the subject."""
    return bool(cues().coop.search(text, s_start, start))


def _subjects(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in cuescan.find(_verb_cue(), text):
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        end = _subject_end(text, s_start, m.start())
        span = scan_backward(text, end, s_start, lang)
        if span is None:
            bare = _bare_before(text, end, s_start, lang)
            own = _own_mention(doc, ctx, bare, m.lastgroup or "applicant", subject=True) \
                if bare else None
            if own:  # "Tuvākajā laikā pašvaldība uzsāks projektu"
                yield own
            continue
        if text[span.end : end].strip():
            continue
        role = m.lastgroup or "applicant"
        if lang == "lv" and any(lv_locative_head(w) for w in span.words):
            # "Valmieras novadā pašvaldība īsteno": the place is where; only a bare head
            # after it acts
            if len(span.words) > 1 and lv_locative_head(span.words[-2]):
                own = _own_mention(doc, ctx, span, role, subject=True)
                if own:
                    yield own
            continue
        if _after_cue(text, s_start, span.start):
            continue
        found = _mention(text, _trim_start(text, span, s_start), role)
        shared = _shared_before(text, s_start, span, lang) if found else []
        if found and shared:  # "Talsu un Dundagas novadu pašvaldības saņēma finansējumu"
            for mention in share_head(text, [*((p, None) for p in shared), (span, found)],
                                      lang):
                mention.role = role
                yield mention
        elif found:
            yield found
            yield from _listed_before(text, s_start, span.start, lang, role)
        elif len(span.words) == 1:
            own = _own_mention(doc, ctx, span, role, subject=True)
            if own:
                yield own


_JOINED = re.compile(r"(?:,|\s(?:un|and|with|и))\s*$")
MAX_LISTED = 6


def _listed_before(text: str, s_start: int, start: int, lang: str, role: str) -> Iterator[Mention]:
    """The names listed before an owner verb's subject ("A un B radīja projektu", "A with B
    and C implemented a project"): each one with a head noun of its own, read backwards."""
    for _ in range(MAX_LISTED):
        join = _JOINED.search(text, s_start, start)
        if not join:
            return
        span = scan_backward(text, join.start(), s_start, lang)
        if span is None or text[span.end : join.start()].strip() or not span.has_head:
            return
        found = _mention(text, _trim_start(text, span, s_start), role)
        if found is None:
            return
        yield found
        start = span.start


def _shared_before(text: str, s_start: int, span: OrgSpan, lang: str) -> list[OrgSpan]:
    """The names without a head of their own listed right before a subject whose head is
    plural and shared ("Talsu un Dundagas novadu pašvaldības"), in text order; none when the
    subject shares no head."""
    if plural_tail(span.words, lang) is None:
        return []
    items: list[OrgSpan] = []
    start = span.start
    for _ in range(MAX_LISTED):
        join = _JOINED.search(text, s_start, start)
        if not join:
            break
        prev = scan_backward(text, join.start(), s_start, lang)
        if prev is None or text[prev.end : join.start()].strip() or prev.has_head:
            break
        items.insert(0, prev)
        start = prev.start
    return items


def _genitive_owners(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in cuescan.find(_genitive_cue(), text):
        if _genitive_exclusions().match(text, m.start()):
            continue  # "pašvaldības projektu konkurss": a call the council runs
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        if lang != "lv":
            continue
        span = scan_backward(text, m.start(), s_start, lang)
        if span is None:
            bare = _bare_before(text, m.start(), s_start, lang)
            if bare and _own_project_noun(lang).match(text, m.start()):
                own = _own_mention(doc, ctx, bare, "applicant", subject=False)
                if own:  # "pašvaldības iesniegtais projekts": the page's own municipality
                    yield own
            continue
        if not span.has_head:
            continue
        if text[span.end : m.start()].strip() or "\n" in text[span.end : m.start()]:
            continue
        before = tokens(text, max(s_start, span.start - 40), span.start)
        if _grant_nouns().match(text, m.start()) and before and \
                before[-1].text.casefold() in _granted_before():
            continue  # "ar Ogres novada pašvaldības finansējumu": money granted to others
        quoted = _quoted_owner(text, span)
        if quoted:
            yield quoted
            continue
        if len(span.words) == 1 and _own_project_noun(lang).match(text, m.start()):
            own = _own_mention(doc, ctx, span, "applicant", subject=False)
            if own:  # "Pašvaldības iesniegtais projekts" opening a sentence
                yield own
            continue
        if not lv_genitive_head(span.words[-1]):
            continue
        if org_type(" ".join(span.words), lang) not in _data()["owner_types"]:
            if _participation().match(text, m.start()):  # "Kultūras pārvaldes dalība projektā"
                found = _mention(text, _trim_start(text, span, s_start), "partner")
                if found:
                    yield found
            continue
        found = _mention(text, _trim_start(text, span, s_start), "applicant")
        if found:
            yield found


def _quoted_owner(text: str, span: OrgSpan) -> Mention | None:
    """A society or foundation in the genitive right before its quoted name, before its
    project ("biedrības „Zaļā sēta” projekts", "nodibinājuma «X» projektus"): the owner,
    named from its legal form on (a word before it only starts the sentence)."""
    toks = tokens(text, span.start, span.end)
    if len(toks) < 2 or not toks[-1].quoted:
        return None
    words = [t.text for t in toks]
    hit = head_at(words, len(words) - 2)
    if hit is None or hit[0] != 1 or hit[1].casefold() not in society_legal_forms() \
            or not lv_genitive_head(words[-2]):
        return None
    name = nominative(words[-2:], "lv")
    return Mention(toks[-2].start, toks[-1].end, name, "applicant", span.country)


def owner_mentions(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    """Owners as subjects of owner verbs and as genitives before their project or share."""
    yield from _subjects(doc, ctx)
    yield from _genitive_owners(doc, ctx)


# -- the page's own municipality, named by a bare head -------------------------------------


@cache
def _own_data(lang: str) -> dict | None:  # type: ignore[type-arg]
    return _data()["own_municipality"].get(lang)


@cache
def _own_project_noun(lang: str) -> re.Pattern[str]:
    data = _own_data(lang)
    return langdata.stem_phrase_regex(data["project_nouns"] if data else ["(?!)"])


@cache
def _own_place(lang: str) -> re.Pattern[str]:
    """A town right before a municipality word: "Kuldīgas novadā", "Valmieras pilsētas
    pašvaldības", "Tukuma pašvaldībā"."""
    data = _own_data(lang) or {}
    levels = [f for forms in data.get("levels", {}).values() for f in forms] or ["(?!)"]
    heads = data.get("heads") or ["(?!)"]
    return re.compile(
        rf"(?<![\w-])(?P<town>[{UPPER}][\w-]+)\s+(?:(?P<level>{langdata.alternation(levels)})"
        rf"(?:\s+(?P<head>{langdata.alternation(heads)}))?|(?P<lone>"
        rf"{langdata.alternation(heads)}))(?!\w)")


@cache
def _level_genitives(lang: str) -> dict[str, str]:
    data = _own_data(lang) or {}
    return {f: gen for gen, forms in data.get("levels", {}).items() for f in forms}


def _own_municipality(doc: Document, ctx: ExtractContext,
                      lang: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """(country, the document's own names of it with their head's nominative, a name prefix
    built from a town and level: "Kuldīgas novada") of the one town that the document writes
    before municipality words; None when it names none or several."""
    key = "partner_own_municipality_" + lang
    if key in ctx.cache:
        return ctx.cache[key]  # type: ignore[no-any-return]
    gaz = get_gazetteer()
    towns: set[tuple[str, str]] = set()
    names: list[tuple[str, str]] = []
    prefix = ""
    for m in _own_place(lang).finditer(doc.text):
        place = gaz.city(m.group("town"))
        if place is None:
            continue
        towns.add((place.name, place.country))
        level = m.group("level")
        genitive = _level_genitives(lang)[level.casefold()] if level else ""
        head = m.group("lone") or (m.group("head") if level and level.casefold() == genitive
                                   else None)  # "novadā pašvaldība": the head is no name's
        if head:
            words = [m.group("town"), *([level] if level else []), head]
            hit = head_at(words, len(words) - 1)
            names.append((nominative(words, lang), hit[1] if hit else ""))
        elif not prefix:
            prefix = f"{m.group('town')} {genitive}"
    found = None
    if len(towns) == 1:
        found = (next(iter(towns))[1], names, prefix)
    ctx.cache[key] = found
    return found


def _bare_before(text: str, end: int, s_start: int, lang: str) -> OrgSpan | None:
    """The word right before `end` when it is a bare municipality head in lower case that no
    pronoun or name qualifies ("laikā pašvaldība", not "katra pašvaldība")."""
    data = _own_data(lang)
    toks = tokens(text, max(s_start, end - 60), end)
    if not data or not toks or text[toks[-1].end : end].strip() or \
            toks[-1].text.casefold() not in data["bare"]:
        return None
    if len(toks) > 1 and toks[-2].text.casefold() in _pronouns():
        return None
    tok = toks[-1]
    return OrgSpan(tok.start, tok.end, [tok.text], lang, True)


def _own_mention(doc: Document, ctx: ExtractContext, span: OrgSpan, role: str,
                 subject: bool) -> Mention | None:
    """A bare municipality head ("Pašvaldība īstenos", "pašvaldības iesniegtais projekts",
    `subject`: the nominative, else the genitive) as the one municipality the document names."""
    data = _own_data(span.lang)
    word = span.words[-1]
    nom = data["bare"].get(word.casefold()) if data else None
    if nom is None or (word.casefold() == nom) != subject:
        return None
    own = _own_municipality(doc, ctx, span.lang)
    if own is None:
        return None
    country, names, prefix = own
    name = next((n for n, head in names if head == nom), "")
    name = name or (f"{prefix} {nom}" if prefix else "") or (names[0][0] if names else "")
    if not name:
        return None
    start = span.end - len(word)
    return Mention(start, span.end, name, role, country)


# -- the page's own municipality paying its share, named by a bare head (Russian) ---------


@cache
def _payer_data(lang: str) -> dict | None:  # type: ignore[type-arg]
    return _data()["own_payer"].get(lang)


@cache
def _town_head(lang: str) -> re.Pattern[str]:
    """A town adjective, at most one lower-case word and a municipality head ("Рижская дума",
    "Екабпилсском краевом самоуправлении")."""
    data = _payer_data(lang) or {}
    types = langdata.load("organizations.json")["types"]["municipality"].get(lang, {})
    forms = [f for head in data.get("heads", []) for f in types.get(head, [])] or ["(?!)"]
    return re.compile(rf"(?<![\w-])(?P<town>[{UPPER}][\w-]+)(?:[ \t]+(?![{UPPER}])\w+)?[ \t]+"
                      rf"(?:{langdata.alternation(forms)})(?!\w)")


def _own_town_names(doc: Document, ctx: ExtractContext,
                    lang: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(country, the names with their head's nominative) of the one town whose adjective the
    document writes before municipality heads; None when it writes none or several."""
    key = "partner_own_payer_" + lang
    if key in ctx.cache:
        return ctx.cache[key]  # type: ignore[no-any-return]
    towns: set[tuple[str, str]] = set()
    names: list[tuple[str, str]] = []
    for m in _town_head(lang).finditer(doc.text):
        place = city_of_adjective(m.group("town"), lang)
        if place is None:
            continue
        towns.add((place.city, place.country))
        words = m.group().split()
        hit = head_at(words, len(words) - 1)
        names.append((nominative(words, lang), hit[1] if hit else ""))
    found = (next(iter(towns))[1], names) if len(towns) == 1 else None
    ctx.cache[key] = found
    return found


def own_payer(doc: Document, ctx: ExtractContext, pos: int, limit: int,
              lang: str) -> Mention | None:
    """A bare municipality head right at `pos`, after a payer's share ("софинансирование
    (столичного) самоуправления"): the one municipality the document names, else None."""
    data = _payer_data(lang)
    if not data:
        return None
    text = doc.text
    toks = tokens(text, pos, min(limit, pos + 60))[:2]
    if not toks or text[pos : toks[0].start].strip():
        return None
    first = toks[0]
    if first.text in data["modifiers"] and len(toks) == 2 and \
            not text[first.end : toks[1].start].strip():
        toks = toks[1:]
    tok = toks[0]
    nom = data["payer_heads"].get(tok.text)
    if nom is None:
        return None
    own = _own_town_names(doc, ctx, lang)
    if own is None or not own[1]:
        return None
    country, names = own
    name = next((n for n, head in names if head == nom), names[0][0])
    return Mention(first.start, tok.end, name, "partner", country)
