"""The project's owner named without a role word: the organisation that carries out, started,
submitted or received money for its own project ("Ogres novada pašvaldība jau otro gadu
aktīvi piedalās projektā", "X ir saņēmusi finansējumu", "X has been actively participating in
cooperation projects"), or that owns the project or pays its share in the genitive ("Ogres
novada domes projekta iesniegums", "Ogres novada pašvaldības līdzfinansējums ir 10%").

All cue words are in `organizations.json` (`owner_cues`). Organisations only mentioned (a
school as a venue, a ministry or agency as funder, a council that grants money to someone
else's project) are no owners: the subject must be a proper organisation name with a head
noun (or a city in the nominative) and must not be a funder's head; a genitive owner must be a
municipality or region paying its own share or owning the project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import Mention, cues, get_lang, society_legal_forms
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
from pipeline.places import country_of_words

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
        if span is None or text[span.end : end].strip():
            continue
        if lang == "lv" and any(lv_locative_head(w) for w in span.words):
            continue  # "Valmieras novadā pašvaldība īsteno": where, not who
        if _after_cue(text, s_start, span.start):
            continue
        role = m.lastgroup or "applicant"
        found = _mention(text, _trim_start(text, span, s_start), role)
        if found:
            yield found
            yield from _listed_before(text, s_start, span.start, lang, role)


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
        if span is None or not span.has_head:
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
        if not lv_genitive_head(span.words[-1]) or \
                org_type(" ".join(span.words), lang) not in _data()["owner_types"]:
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
