"""Partners named through a count that refers back to them ("both municipalities", "between
the two partners", "abas pašvaldības", "этими тремя партнерствами"): when the page names fewer
partners than the count, the nearest enumeration of exactly that many towns or organisations
("the parks in Ludza and Sebezh", "in X and Y municipalities") names them. The words are in
`organizations.json` (`count_anaphora`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import Mention, get_lang, has_head, partner
from pipeline.extract.partners.mentions import enumeration, list_separator
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document, Fact
from pipeline.orgnames import head_at, nominative, scan_backward

MAX_DISTANCE = 1500  # characters between the count and the enumeration it refers to
MAX_BETWEEN = 2  # lower-case words between the count and its head ("abas projektā iesaistītās")


@cache
def _data() -> dict:  # type: ignore[type-arg]
    return langdata.load("organizations.json")["count_anaphora"]


@cache
def _phrases() -> list[str]:
    return [w for lang, ws in _data()["counts"].items() if not lang.startswith("_") for w in ws]


@cache
def _counts() -> dict[str, int]:
    """The number of each count word (the last word of a phrase: "two" of "the two")."""
    return {w.split()[-1].casefold(): n for lang, ws in _data()["counts"].items()
            if not lang.startswith("_") for w, n in ws.items()}


@cache
def _cue() -> re.Pattern[str]:
    """A count and its head; the words before a number ("the two", "этими тремя") are read
    behind it, so that the cue is tried at the number's words only, not at every "the"."""
    alts = []
    for phrase in sorted(_phrases(), key=len, reverse=True):
        *det, word = phrase.split()
        behind = r"(?<=\b" + re.escape(" ".join(det) + " ") + ")" if det else ""
        alts.append(behind + re.escape(word))
    heads = [h for hs in _data()["heads"].values() for h in hs]
    return cuescan.register(re.compile(
        r"(?<!\w)(?P<count>" + "|".join(alts) + r")\s+(?:[^\W\d_]+\s+){0,"
        + str(MAX_BETWEEN) + r"}?(?:" + langdata.alternation(heads) + r")(?!\w)", re.I),
        sorted({p.split()[-1] for p in _phrases()}))


@cache
def _correlatives() -> frozenset[str]:
    return frozenset(w.casefold() for lang, ws in _data()["correlatives"].items()
                     if not lang.startswith("_") for w in ws)


@cache
def _conjunctions() -> re.Pattern[str]:
    words = [w for ws in langdata.load("organizations.json")["enumeration"].values() for w in ws]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(words) + r")(?!\w)", re.I)


def _named(mention: Mention, text: str, lang: str) -> bool:
    """An enumeration item that names one organisation or town: capitalised or quoted, a known
    city or with a head noun."""
    surface = text[mention.start : mention.end]
    if not (surface[:1].isupper() or surface[:1] in "„“\"«"):
        return False  # "parkus Ludzā": a common noun before the town
    return bool(get_gazetteer().city(surface) or get_gazetteer().city(mention.name)
                or has_head(surface, lang) or has_head(mention.name, lang))


def _nominative(mention: Mention, text: str) -> Mention:
    """A town named in an oblique case ("Ludzā un Kārsavā") by its gazetteer name."""
    surface = text[mention.start : mention.end]
    gaz = get_gazetteer()
    place = gaz.city(surface)
    cases = gaz.city_cases(surface) if place else set()
    if place and cases and "nom" not in cases and mention.name == surface:
        return Mention(mention.start, mention.end, place.name, mention.role,
                       mention.country or place.country)
    return mention


def _enumeration_at(doc: Document, ctx: ExtractContext, conj: re.Match[str],
                    lang: str) -> list[Mention]:
    """The enumeration whose conjunction is `conj` ("Ludza and Sebezh", "A, B un C"), read
    from its first item; empty when an item is no name."""
    text = doc.text
    s_start, s_end = ctx.sentence(conj.start())
    sep = list_separator(lang)
    first = scan_backward(text, conj.start(), s_start, lang)
    if first is None or text[first.end : conj.start()].strip():
        return []
    start = first.start
    for _ in range(6):  # "A, B and C": step back over the separators
        before = text[s_start:start]
        m = next((m for m in sep.finditer(before) if m.end() == len(before) and "," in m.group()),
                 None)
        if m is None:
            break
        prev = scan_backward(text, s_start + m.start(), s_start, lang)
        if prev is None or text[prev.end : s_start + m.start()].strip():
            break
        start = prev.start
    items = list(enumeration(text, start, s_end, lang))
    if not items or items[-1].start < conj.end() or not all(_named(i, text, lang) for i in items):
        return []
    return items


_QUOTED = re.compile(r"(?:(?P<word>[^\W\d_]+)[ \t]+)?[«„“\"](?P<name>[^«»„“”\"\n]{1,80})[»”“\"]")


def _quoted_enumeration_at(doc: Document, conj: re.Match[str], lang: str) -> list[Mention]:
    """Quoted names joined by `conj` and the separators before it ("«A», «B» и партнерства
    «C»"): each named by its quoted text, in the nominative when it holds a head noun, else
    after a lower-case head noun (a legal form, no part of the name); other quotes are
    titles."""
    text = doc.text
    right = _QUOTED.match(text, conj.end() + len(text[conj.end() :]) -
                          len(text[conj.end() :].lstrip(" \t")))
    if not right or (right.group("word") and not right.group("word").islower()):
        return []
    items = [right]
    sep = list_separator(lang)
    end = conj.start()
    while True:
        left = next((m for m in _QUOTED.finditer(text, max(0, end - 120), end)
                     if not text[m.end() : end].strip()), None)
        if left is None or (left.group("word") and not left.group("word").islower()):
            break
        items.insert(0, left)
        before = text[max(0, left.start() - 4) : left.start()]
        m = next((m for m in sep.finditer(before) if m.end() == len(before) and "," in m.group()),
                 None)
        if m is None:
            break
        end = left.start() - len(before) + m.start()
    out = []
    for m in items:
        name, word = m.group("name").strip(), m.group("word")
        if has_head(name, lang):
            name = nominative(name.split(), lang)
        elif not (word and head_at([word], 0)):
            return []  # "filmas „Sniegs” un „Lietus”": titles, no organisations
        out.append(Mention(m.start("name") - 1, m.end(), name, "partner"))
    return out if len(items) >= 2 else []


def _antecedents(doc: Document, ctx: ExtractContext, cue: re.Match[str], count: int,
                 lang: str) -> list[Mention]:
    """The nearest enumeration of exactly `count` distinct names before the cue, else after
    it in the same paragraph (line)."""
    text = doc.text
    para_end = text.find("\n", cue.end())
    conjs = list(_conjunctions().finditer(text, max(0, cue.start() - MAX_DISTANCE), min(
        len(text), cue.end() + MAX_DISTANCE)))
    before = [c for c in conjs if c.end() <= cue.start()][::-1]
    after = [c for c in conjs if c.start() >= cue.end() and (para_end < 0 or c.end() < para_end)]
    for conj in (*before, *after):
        for items in (_enumeration_at(doc, ctx, conj, lang),
                      _quoted_enumeration_at(doc, conj, lang)):
            if len(items) == count and len({i.name.casefold() for i in items}) == count:
                return [_nominative(i, text) for i in items]
    return []


def anaphora_partners(doc: Document, ctx: ExtractContext, named: list[Fact]) -> Iterator[Fact]:
    """Partners of the enumerations that counts such as "both municipalities" refer to, when
    the page names fewer partners than the count; a town or name already named is left."""
    text = doc.text
    found = list(named)
    for m in cuescan.find(_cue(), text):
        count = _counts().get(m.group("count").casefold(), 0)
        if len(found) >= count:
            continue
        lang = get_lang(doc.lang_at(m.start()))
        if m.group("count").casefold() in _correlatives() and _conjunctions().match(
                text, m.end() + len(text[m.end() : m.end() + 5]) -
                len(text[m.end() : m.end() + 5].lstrip(" \t"))):
            continue  # "both partners and residents": a coordination, no count
        facts = [partner(doc, ctx, i.start, i.end, i.name, "partner", i.country, source="prose")
                 for i in _antecedents(doc, ctx, m, count, lang)]
        shared = {f.values["country"] for f in facts if f.values["country"]}
        for fact in facts:
            if not fact.values["country"] and len(shared) == 1:  # one enumeration, one country
                fact.values["country"] = next(iter(shared))
            if any(f.values["name"].casefold() == fact.values["name"].casefold() or (
                    fact.values["city"] and f.values["city"] == fact.values["city"])
                   for f in found):
                continue
            found.append(fact)
            yield fact
