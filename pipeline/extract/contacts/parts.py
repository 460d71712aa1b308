"""A region of text cut into details and comma-separated parts; each part classified (name,
role, organisation, title, address, prose, other); the items grouped into persons."""

from __future__ import annotations

import re
from functools import cache

from pipeline import langdata
from pipeline.extract.contacts.details import find_details
from pipeline.extract.contacts.items import Item, Person
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.names import WORD, find_names

PROSE_WORDS = 12  # a part with more words is running text, not a name, role or organisation

# Part separators: punctuation, spaced dashes, and full stops that do not close an initial.
PART_SEP = re.compile(r"[,;:\n\r\t()\[\]|•·]|[ \u00a0][–—-][ \u00a0]|\.(?=\s|$)")
TRIM = " \u00a0\t\r\n-–—•·*\"'„“”«»‘’/"


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def split_parts(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Comma-separated parts of text[lo:hi] as (start, end, follows a full stop)."""
    parts: list[tuple[int, int, bool]] = []
    pos, stop = lo, False
    for m in PART_SEP.finditer(text, lo, hi):
        if m.group() == ".":
            before = text[max(lo, m.start() - 2) : m.start()]
            # the dot of an initial ("J. Reča", "А.В.") does not end a part
            if before[-1:].isupper() and (len(before) < 2 or not before[0].isalpha()):
                continue
        s, e = trim(text, pos, m.start())
        if s < e:
            parts.append((s, e, stop))
            stop = False
        if m.group() == ".":
            stop = True
        pos = m.end()
    s, e = trim(text, pos, hi)
    if s < e:
        parts.append((s, e, stop))
    return parts



def is_address(text: str, s: int, e: int, lex: Lexicon) -> bool:
    words = WORD.findall(text[s:e])
    if any(w in lex.address for w in words):
        return True
    return bool(lex.address_rx and lex.address_rx.search(text, s, e))


@cache
def subunits() -> frozenset[str]:
    """Words for a unit inside an organisation, in every case (department, nodaļa, отдел)."""
    words = langdata.load("organizations.json")["subunits"]["words"]
    return frozenset(w.casefold() for w in words)


def classify_phrase(
    text: str, s: int, e: int, lex: Lexicon, default: str | None = None
) -> list[Item]:
    """A role and/or organisation from a phrase without a name."""
    s, e = trim(text, s, e)
    words = list(WORD.finditer(text, s, e))
    if not words or len(words) > PROSE_WORDS:
        return []
    roles = [k for k, w in enumerate(words) if w.group() in lex.role]
    orgs = [k for k, w in enumerate(words) if w.group() in lex.org]
    if roles:
        before = [k for k in orgs if k < roles[0]]
        if (before and before[-1] + 1 < len(words)
                and words[before[-1]].group().casefold() not in subunits()):
            # "Latgales Centrālās bibliotēkas sabiedrisko attiecību speciāliste": the
            # organisation (genitive) first, then the role; a unit inside an organisation
            # stays in the job title ("Attīstības departamenta projektu vadītājs")
            os_, oe = trim(text, s, words[before[-1]].end())
            rs, re_ = trim(text, words[before[-1] + 1].start(), e)
            return [Item("org", os_, oe), Item("role", rs, re_)]
        last = roles[-1]
        for k in range(last + 1, len(words) - 1):
            if words[k].group().lower() in lex.org_connectors and any(o > k for o in orgs):
                rs, re_ = trim(text, s, words[k].start())
                os_, oe = trim(text, words[k].end(), e)
                return [Item("role", rs, re_), Item("org", os_, oe)]
        return [Item("role", *_role_span(text, words, roles[0], lex))]
    if orgs and words[0].group().casefold() not in lex.conjunctions:
        return [Item("org", s, e)]
    if default and not any(ch.isdigit() for ch in text[s:e]):
        return [Item(default, s, e)]
    return []


def _role_span(text: str, words: list[re.Match[str]], first_role: int, lex: Lexicon
               ) -> tuple[int, int]:
    """A role phrase without the sentence that leads to it ('contact the | project manager',
    'sazinieties ar | projekta vadītāju', 'обращайтесь к | координатору проекта') and without
    a title between it and the name ('project manager | Ms')."""
    first = 0
    for k in range(first_role):
        if words[k].group().casefold() in lex.role_lead_ins:
            first = k + 1
    last = len(words) - 1
    while last > first_role and words[last].group() in lex.titles:
        last -= 1
    return trim(text, words[first].start(), words[last].end())


def classify(
    text: str, s: int, e: int, lex: Lexicon, *, role_before_name: bool = False
) -> list[Item]:
    """The items of one part."""
    words = WORD.findall(text[s:e])
    if not words:
        return []
    if len(words) > PROSE_WORDS:
        return [Item("prose", s, e)]
    if is_address(text, s, e, lex):
        return [Item("address", s, e)]
    if all(w in lex.titles for w in words):
        return [Item("title", s, e)]  # "Dr.", "Mg. sc. ing.": said of a person, not a role

    def phrase(a: int, b: int, default: str | None = None) -> list[Item]:
        a, b = trim(text, a, b)
        if not WORD.search(text, a, b):
            return []
        return classify_phrase(text, a, b, lex, default) or [Item("other", a, b)]

    items: list[Item] = []
    pos = s
    for k, (a, b) in enumerate(find_names(text, s, e, lex)):
        items += phrase(pos, a, "role" if role_before_name and k == 0 else None)
        items.append(Item("name", a, b))
        pos = b
    return items + phrase(pos, e)


def region_items(
    text: str, masked: str, lo: int, hi: int, lex: Lexicon, *, author: bool = False
) -> list[Item]:
    """Details and classified parts of text[lo:hi], in text order."""
    details = find_details(text, masked, lo, hi, lex)
    items: list[Item] = list(details)
    gaps: list[tuple[int, int]] = []
    pos = lo
    for d in details:
        if d.start > pos:
            gaps.append((pos, d.start))
        pos = max(pos, d.end)
    if pos < hi:
        gaps.append((pos, hi))
    index = 0
    for gs, ge in gaps:
        for ps, pe, stop in split_parts(text, gs, ge):
            for item in classify(text, ps, pe, lex, role_before_name=author and index == 0):
                item.part, item.after_stop = index, stop
                items.append(item)
            index += 1
    items.sort(key=lambda i: (i.start, i.end))
    return items


def group_persons(items: list[Item]) -> list[Person]:
    """Group items into persons: each new name opens a new person."""
    persons: list[Person] = []
    cur = Person()
    new_sentence = False
    seen_part = -2
    for item in items:
        if item.part != seen_part and item.part >= 0:
            seen_part = item.part
            if item.after_stop:
                new_sentence = True
        if item.kind == "prose":
            if cur.has_any():
                break
            cur = Person()
            continue
        if item.kind in ("other", "address", "title"):
            continue
        if item.kind in ("role", "org"):
            if new_sentence and cur.has_any():
                break
            cur.items.append(item)
            continue
        new_sentence = False
        if item.kind == "name" and cur.first("name") is not None:
            carried = [
                i
                for i in cur.items
                if i.part == item.part and i.kind in ("role", "org") and i.start < item.start
            ]
            cur.items = [i for i in cur.items if i not in carried]
            persons.append(cur)
            cur = Person(carried)
        cur.items.append(item)
    persons.append(cur)
    return [p for p in persons if p.has_any()]
