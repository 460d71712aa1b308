"""Contact persons: contact blocks, author lines and stray phone numbers or e-mail addresses.

Three sources, read in this order:

1. contact blocks opened by a heading cue (`Kontaktpersona:`, `Contact person:`,
   `Контактное лицо:`, `Papildu informācija:` ...) that run over the following short lines;
2. author lines of press releases (`Informāciju sagatavoja projekta koordinatore J.Reča-Lāže`,
   `By coordinator of the project J.Reča-Lāže`); the words between cue and name are the role;
3. phone numbers (labelled, or written with a country prefix) and e-mail addresses outside 1 and 2,
   read together with the rest of their line (`Jānis Bērziņš, tālr. 65412345`).

A region of text is cut into details (phone, fax, e-mail, each with its label) and the
comma-separated parts between them. A part is a name, a role (it holds a role word), an
organisation (it holds an organisation cue), an address, prose (too long) or something else.
Parts are then grouped into persons: a new name opens a new person. Every language word comes from
`resources/contacts.json`; this module holds only the patterns of names, numbers and addresses.

Phone numbers are read from a copy of the text in which the spans claimed by earlier extractors
(dates, money) are blanked out, so a date or an amount is never taken for a phone number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact

RESOURCE = Path(__file__).resolve().parents[1] / "resources" / "contacts.json"
LANGS = ("lv", "en", "ru")
DEFAULT_REGION = "LV"

PROSE_WORDS = 12  # a part with more words is running text, not a name, role or organisation
HEADING_MAX_LINES = 8  # a contact block never runs over more lines than this
SHORT_LINE_WORDS = 14  # a continuation line without a detail must be this short
NAME_MAX_TOKENS = 4

# --- character classes and name patterns (script, not language) ----------------------------------


def _letters(pred: str) -> str:
    """All Latin and Cyrillic letters for which `str.<pred>()` holds, as a regex class body."""
    return "".join(
        re.escape(ch) for ch in map(chr, range(0x41, 0x530)) if ch.isalpha() and getattr(ch, pred)()
    )


_UP = _letters("isupper")
_LO = _letters("islower")
_SP = r"[ \u00a0]{1,2}"
_CAPWORD = rf"[{_UP}][{_LO}]+(?:['’][{_UP}]?[{_LO}]+)?"
_SURNAME = rf"{_CAPWORD}(?:-{_CAPWORD})*"
_INITIAL = rf"[{_UP}]\."
_NB = r"(?<![\w.'’-])"  # not glued to a preceding word
_NA = r"(?![\w'’-])"  # not glued to a following word

_SURNAME_RX = re.compile(_SURNAME)
# "Anna K. Bērziņa", "Anna Marija K. Bērziņa"
_NAME_MIDDLE_INITIAL = re.compile(
    rf"{_NB}{_CAPWORD}(?:{_SP}{_CAPWORD})?{_SP}{_INITIAL}{_SP}?{_SURNAME}{_NA}"
)
# "J.Reča-Lāže", "J. Reča-Lāže", "J. K. Bērziņš", "А.Иванова"
_NAME_INITIALS_FIRST = re.compile(rf"{_NB}(?:{_INITIAL}[ \u00a0]?){{1,2}}{_SURNAME}{_NA}")
# "Иванова А.В.", "Иванова А. В."
_NAME_INITIALS_LAST = re.compile(
    rf"{_NB}{_SURNAME}{_SP}{_INITIAL}(?:[ \u00a0]?{_INITIAL})?(?![\w'’-]|[ \u00a0]?[{_UP}])"
)
# "Jolanta Reča-Lāže", "Project Coordinator Anna Smith" (leading title words are dropped later)
_CAP_RUN = re.compile(rf"{_NB}{_SURNAME}(?:{_SP}{_SURNAME})*{_NA}")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\w'’]+(?:[-./][\w'’]+)*")

# --- details -------------------------------------------------------------------------------------

# A phone-number candidate: optional international prefix, digits in groups. Separated groups may
# hold several numbers ("65476064 29123456"); `_split_numbers` takes them apart.
_NUM = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\(\+?\d{1,4}\)[ \u00a0]?)?\(?\d(?:[\d \u00a0().\-–]{0,28}\d)?(?!\d)"
)
_NUM_GROUP = re.compile(r"[^ \u00a0.\-–]+")
_EMAIL = re.compile(
    r"(?<![\w.+'-])[\w.+'-]+(?:@|[ \u00a0]?[\[(]at[\])][ \u00a0]?)[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
_OBFUSCATED_AT = re.compile(r"[ \u00a0]?[\[(]at[\])][ \u00a0]?", re.IGNORECASE)
# What every e-mail address holds, '@' or '(at)': a text without it is not scanned for addresses.
_AT_MARK = re.compile(r"[@\[(](?:(?<=@)|(?i:at)[\])])")

# Part separators: punctuation, spaced dashes, and full stops that do not close an initial.
_PART_SEP = re.compile(r"[,;:\n\r\t()\[\]|•·]|[ \u00a0][–—-][ \u00a0]|\.(?=\s|$)")
_TRIM = " \u00a0\t\r\n-–—•·*\"'„“”«»‘’/"
_BULLET_PREFIX = re.compile(r"[\s•·*\-–—\d.)]*")


# --- language data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WordSet:
    """Single words from contacts.json: exact words, prefixes (`word*`) and case-kept capitals."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    capitals: frozenset[str]

    @classmethod
    def build(cls, words: list[str]) -> _WordSet:
        exact: set[str] = set()
        prefixes: list[str] = []
        capitals: set[str] = set()
        for word in words:
            if word.endswith("*"):
                prefixes.append(word[:-1].lower())
            elif len(word) > 1 and word.isupper():
                capitals.add(word)
            else:
                exact.add(word.lower())
        return cls(frozenset(exact), tuple(prefixes), frozenset(capitals))

    def __contains__(self, token: object) -> bool:
        if not isinstance(token, str):
            return False
        if token in self.capitals:
            return True
        low = token.lower().rstrip(".")
        return low in self.exact or any(low.startswith(p) for p in self.prefixes)


def _phrase_rx(phrases: list[str]) -> str:
    """Alternation of phrases, longest first, any white space between words."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@dataclass(frozen=True)
class _Lexicon:
    heading: re.Pattern[str]
    author: re.Pattern[str]
    author_line_start: re.Pattern[str]
    cue_lang: dict[str, str]  # lower-cased cue with single spaces -> language
    phone_label: re.Pattern[str]
    fax_label: re.Pattern[str]
    email_label: re.Pattern[str]
    email_label_tail: re.Pattern[str]
    role: _WordSet
    org: _WordSet
    not_name: _WordSet
    address: _WordSet
    address_rx: re.Pattern[str] | None
    org_connectors: frozenset[str]
    conjunctions: frozenset[str]
    lang_words: dict[str, _WordSet]
    not_phone_before: re.Pattern[str]
    not_phone_after: re.Pattern[str]
    # every position where heading, author or author_line_start can match: one scan of the text
    # instead of three (see langdata.finditer_at)
    cue_starts: re.Pattern[str]
    label_starts: re.Pattern[str]  # the same for phone_label and fax_label


def _all(data: dict[str, Any], key: str) -> list[str]:
    return [w for lang in LANGS for w in data.get(key, {}).get(lang, [])]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Compile contacts.json once."""
    data = json.loads(RESOURCE.read_text(encoding="utf-8"))
    cue_lang: dict[str, str] = {}
    for key in ("heading_cues", "author_cues", "author_cues_line_start"):
        for lang in LANGS:
            for cue in data.get(key, {}).get(lang, []):
                cue_lang.setdefault(" ".join(cue.lower().split()), lang)

    def label_rx(key: str) -> str:
        return rf"(?<![\w.])(?:{_phrase_rx(_all(data, key))})\.?(?![^\W\d_])"

    number_labels = [p.strip() for key in ("phone_labels", "fax_labels") for p in _all(data, key)
                     if p.strip()]

    label_tail = r"(?:[ \u00a0]*(?:nr\.?|no\.?|№))?[ \u00a0]*[:：]?[ \t\u00a0]*"
    flags = re.IGNORECASE
    not_name = (
        _all(data, "role_words")
        + _all(data, "org_cues")
        + _all(data, "name_stopwords")
        + _all(data, "address_words")
    )
    lang_words = {
        lang: _WordSet.build(
            [
                w
                for key in ("role_words", "org_cues", "name_stopwords", "address_words")
                for w in data.get(key, {}).get(lang, [])
            ]
            + [
                w
                for key in ("phone_labels", "email_labels", "fax_labels")
                for p in data.get(key, {}).get(lang, [])
                for w in p.split()
            ]
        )
        for lang in LANGS
    }
    addr_patterns = data.get("address_patterns", [])
    cue_phrases = [
        p.strip() for key in ("heading_cues", "author_cues", "author_cues_line_start")
        for p in _all(data, key) if p.strip()
    ]
    return _Lexicon(
        heading=re.compile(
            rf"(?<![\w-])(?:{_phrase_rx(_all(data, 'heading_cues'))})(?![\w-])"
            r"(?P<sep>[ \t\u00a0]*[:：\-–—])?",
            flags,
        ),
        author=re.compile(
            rf"(?<![\w-])(?:{_phrase_rx(_all(data, 'author_cues'))})(?![\w-])[ \t\u00a0]*[:：]?",
            flags,
        ),
        author_line_start=re.compile(
            rf"(?<![\w-])(?:{_phrase_rx(_all(data, 'author_cues_line_start'))})(?![\w-])"
            r"[ \t\u00a0]*[:：]?",
            flags,
        ),
        cue_lang=cue_lang,
        phone_label=re.compile(label_rx("phone_labels") + label_tail, flags),
        fax_label=re.compile(label_rx("fax_labels") + label_tail, flags),
        email_label=re.compile(label_rx("email_labels") + r"[ \u00a0]*[:：]?[ \t\u00a0]*", flags),
        email_label_tail=re.compile(
            label_rx("email_labels") + r"[ \u00a0]*[:：]?[ \t\u00a0]*$", flags
        ),
        role=_WordSet.build(_all(data, "role_words")),
        org=_WordSet.build(_all(data, "org_cues")),
        not_name=_WordSet.build(not_name),
        address=_WordSet.build(_all(data, "address_words")),
        address_rx=re.compile("|".join(addr_patterns)) if addr_patterns else None,
        org_connectors=frozenset(w.lower() for w in _all(data, "org_connectors")),
        conjunctions=frozenset(w.casefold() for w in _all(data, "clause_conjunctions")),
        lang_words=lang_words,
        not_phone_before=re.compile(
            rf"(?<![\w$€%№])(?:{_phrase_rx(_all(data, 'not_phone_before'))})[ \u00a0]*$", flags
        ),
        not_phone_after=re.compile(
            rf"[ \u00a0]*(?:{_phrase_rx(_all(data, 'not_phone_after'))})(?![^\W\d_])", flags
        ),
        cue_starts=re.compile(
            rf"(?<![\w-])(?=[{langdata.first_chars(cue_phrases)}])"
            rf"(?={langdata.phrase_alternation(cue_phrases)})",
            flags,
        ),
        label_starts=re.compile(
            rf"(?<![\w.])(?=[{langdata.first_chars(number_labels)}])"
            rf"(?={langdata.phrase_alternation(number_labels)})",
            flags,
        ),
    )


# --- items and persons ---------------------------------------------------------------------------

DETAIL_KINDS = ("phone", "phone_raw", "fax", "email", "email_raw")


@dataclass
class _Item:
    """A recognised piece of a contact: name, role, org, a detail, address, prose or other."""

    kind: str
    start: int
    end: int
    value: str | None = None
    part: int = -1  # index of the comma-separated part it came from (-1 for details)
    after_stop: bool = False  # the part follows a full stop
    number: tuple[int, int] | None = None  # a phone's or fax's digits, without the label


@dataclass
class _Person:
    items: list[_Item] = field(default_factory=list)

    def first(self, kind: str) -> _Item | None:
        return next((i for i in self.items if i.kind == kind), None)

    def has_detail(self) -> bool:
        return any(i.kind in DETAIL_KINDS for i in self.items)

    def has_any(self) -> bool:
        return self.has_detail() or self.first("name") is not None


# --- details: phones and e-mails -----------------------------------------------------------------


def _parse_phone(raw: str) -> str | None:
    """E.164 form of a valid phone number (LV by default), else None."""
    if sum(ch.isdigit() for ch in raw) < 7:
        return None
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _split_numbers(raw: str, base: int) -> list[tuple[int, int, str]]:
    """Valid phone numbers inside a digit run, taking the longest valid run of groups first."""
    groups = [m.span() for m in _NUM_GROUP.finditer(raw)][:16]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            s, e = groups[i][0], groups[j - 1][1]
            value = _parse_phone(raw[s:e])
            if value:
                found.append((base + s, base + e, value))
                i = j
                break
        else:
            i += 1
    return found


def _is_international(raw: str) -> bool:
    return raw.lstrip("( \u00a0").startswith(("+", "00"))


_YEAR_RANGE = re.compile(r"(?:19|20)\d\d[ \u00a0]*[-–][ \u00a0]*(?:19|20)\d\d")


def _plausible_unlabelled(text: str, s: int, e: int, lex: _Lexicon) -> bool:
    """Whether an unlabelled digit run text[s:e] may be a phone number and not something else:
    a national number never holds dots (dates) or a year range, and no currency, 'Nr.' or
    percent sign stands around it."""
    raw = text[s:e]
    if not _is_international(raw) and ("." in raw or _YEAR_RANGE.search(raw)):
        return False
    if lex.not_phone_before.search(text, max(0, s - 12), s):
        return False
    return not lex.not_phone_after.match(text, e)


def _details(
    text: str, masked: str, lo: int, hi: int, lex: _Lexicon, *, national: bool = True
) -> list[_Item]:
    """Phones, faxes and e-mails in text[lo:hi], each with its label.

    With `national=False` an unlabelled number counts only when written with a country prefix.
    """
    items: list[_Item] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(item: _Item, span: tuple[int, int] | None = None) -> None:
        items.append(item)
        taken.append(span or (item.start, item.end))

    has_at = _AT_MARK.search(text, lo, hi) is not None
    for m in _EMAIL.finditer(text, lo, hi) if has_at else ():
        s, e = m.span()
        address = _OBFUSCATED_AT.sub("@", m.group())
        try:
            value = validate_email(address, check_deliverability=False).normalized
            kind = "email"
        except (EmailNotValidError, ValueError, UnicodeError):
            value, kind = m.group(), "email_raw"
        label = lex.email_label_tail.search(text, max(lo, s - 40), s)
        add(_Item(kind, label.start() if label else s, e, value))
    for m in lex.email_label.finditer(text, lo, hi) if has_at else ():
        if not free(m.start(), m.end()):
            continue
        token = re.match(r"[^\s,;]+", text[m.end() : hi])
        if token and ("@" in token.group() or _OBFUSCATED_AT.search(token.group())):
            raw = token.group().rstrip(".")
            add(_Item("email_raw", m.start(), m.end() + len(raw), raw))

    label_starts = [m.start() for m in lex.label_starts.finditer(text, lo, hi)]

    def labelled(label_rx: re.Pattern[str], kind: str) -> None:
        for m in finditer_at(label_rx, text, label_starts, hi):
            if not free(m.start(), m.end()):
                continue
            n = _NUM.match(masked, m.end(), hi)
            if not n or sum(ch.isdigit() for ch in n.group()) < 3:
                continue
            numbers = [x for x in _split_numbers(n.group(), n.start()) if free(x[0], x[1])]
            if numbers:
                for k, (s, e, value) in enumerate(numbers):
                    start = m.start() if k == 0 else s
                    add(_Item(kind, start, e, value, number=(s, e)))
                taken.append((m.start(), n.end()))
            elif kind == "phone":
                add(_Item("phone_raw", m.start(), n.end(), n.group().strip()))

    labelled(lex.phone_label, "phone")
    labelled(lex.fax_label, "fax")
    for n in _NUM.finditer(masked, lo, hi):
        if not national and not _is_international(n.group()):
            continue
        for s, e, value in _split_numbers(n.group(), n.start()):
            if free(s, e) and _plausible_unlabelled(text, s, e, lex):
                add(_Item("phone", s, e, value, number=(s, e)))
    items.sort(key=lambda i: (i.start, i.end))
    return items


# --- parts: names, roles, organisations ----------------------------------------------------------


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _split_parts(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Comma-separated parts of text[lo:hi] as (start, end, follows a full stop)."""
    parts: list[tuple[int, int, bool]] = []
    pos, stop = lo, False
    for m in _PART_SEP.finditer(text, lo, hi):
        if m.group() == ".":
            before = text[max(lo, m.start() - 2) : m.start()]
            # the dot of an initial ("J. Reča", "А.В.") does not end a part
            if before[-1:].isupper() and (len(before) < 2 or not before[0].isalpha()):
                continue
        s, e = _trim(text, pos, m.start())
        if s < e:
            parts.append((s, e, stop))
            stop = False
        if m.group() == ".":
            stop = True
        pos = m.end()
    s, e = _trim(text, pos, hi)
    if s < e:
        parts.append((s, e, stop))
    return parts


def _names(text: str, s: int, e: int, lex: _Lexicon) -> list[tuple[int, int]]:
    """Spans of person names inside text[s:e]."""
    found: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in found)

    def accept(rx: re.Pattern[str], a: int, b: int) -> tuple[int, int] | None:
        """The span without leading title words ('Project Manager Anna K. Smith'), if a name."""
        while True:
            tokens = list(_SURNAME_RX.finditer(text, a, b))
            if not tokens or not rx.fullmatch(text, a, b):
                return None
            if all(t.group() not in lex.not_name for t in tokens):
                return a, b
            if tokens[0].group() not in lex.not_name or len(tokens) < 2:
                return None
            a = tokens[1].start()

    for rx in (_NAME_MIDDLE_INITIAL, _NAME_INITIALS_FIRST, _NAME_INITIALS_LAST):
        for m in rx.finditer(text, s, e):
            span = accept(rx, *m.span())
            if span and free(*span):
                found.append(span)
    for m in _CAP_RUN.finditer(text, s, e):
        tokens = [t for t in _SURNAME_RX.finditer(text, m.start(), m.end()) if free(*t.span())]
        if tokens and tokens[0].group() in lex.org:
            continue  # "Urząd Miasta Lublin": an organisation's name, not a person's
        following = _WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if following and following.group().islower() and following.group() in lex.org:
            continue  # "Latgales Centrālās bibliotēkas": the start of an organisation's name
        while tokens and tokens[0].group() in lex.not_name:
            tokens.pop(0)
        if not 2 <= len(tokens) <= NAME_MAX_TOKENS:
            continue
        if any(t.group() in lex.not_name for t in tokens):
            continue
        a, b = tokens[0].start(), tokens[-1].end()
        if free(a, b) and not re.search(r"\s{3,}|\n", text[a:b]):
            found.append((a, b))
    return sorted(found)


def _is_address(text: str, s: int, e: int, lex: _Lexicon) -> bool:
    words = _WORD.findall(text[s:e])
    if any(w in lex.address for w in words):
        return True
    return bool(lex.address_rx and lex.address_rx.search(text, s, e))


@cache
def _subunits() -> frozenset[str]:
    """Words for a unit inside an organisation, in every case (department, nodaļa, отдел)."""
    words = langdata.load("organizations.json")["subunits"]["words"]
    return frozenset(w.casefold() for w in words)


def _phrase(text: str, s: int, e: int, lex: _Lexicon, default: str | None = None) -> list[_Item]:
    """A role and/or organisation from a phrase without a name."""
    s, e = _trim(text, s, e)
    words = list(_WORD.finditer(text, s, e))
    if not words or len(words) > PROSE_WORDS:
        return []
    roles = [k for k, w in enumerate(words) if w.group() in lex.role]
    orgs = [k for k, w in enumerate(words) if w.group() in lex.org]
    if roles:
        before = [k for k in orgs if k < roles[0]]
        if (before and before[-1] + 1 < len(words)
                and words[before[-1]].group().casefold() not in _subunits()):
            # "Latgales Centrālās bibliotēkas sabiedrisko attiecību speciāliste": the
            # organisation (genitive) first, then the role; a unit inside an organisation
            # stays in the job title ("Attīstības departamenta projektu vadītājs")
            os_, oe = _trim(text, s, words[before[-1]].end())
            rs, re_ = _trim(text, words[before[-1] + 1].start(), e)
            return [_Item("org", os_, oe), _Item("role", rs, re_)]
        last = roles[-1]
        for k in range(last + 1, len(words) - 1):
            if words[k].group().lower() in lex.org_connectors and any(o > k for o in orgs):
                rs, re_ = _trim(text, s, words[k].start())
                os_, oe = _trim(text, words[k].end(), e)
                return [_Item("role", rs, re_), _Item("org", os_, oe)]
        return [_Item("role", s, e)]
    if orgs and words[0].group().casefold() not in lex.conjunctions:
        return [_Item("org", s, e)]
    if default and not any(ch.isdigit() for ch in text[s:e]):
        return [_Item(default, s, e)]
    return []


def _classify(
    text: str, s: int, e: int, lex: _Lexicon, *, role_before_name: bool = False
) -> list[_Item]:
    """The items of one part."""
    words = _WORD.findall(text[s:e])
    if not words:
        return []
    if len(words) > PROSE_WORDS:
        return [_Item("prose", s, e)]
    if _is_address(text, s, e, lex):
        return [_Item("address", s, e)]

    def phrase(a: int, b: int, default: str | None = None) -> list[_Item]:
        a, b = _trim(text, a, b)
        if not _WORD.search(text, a, b):
            return []
        return _phrase(text, a, b, lex, default) or [_Item("other", a, b)]

    items: list[_Item] = []
    pos = s
    for k, (a, b) in enumerate(_names(text, s, e, lex)):
        items += phrase(pos, a, "role" if role_before_name and k == 0 else None)
        items.append(_Item("name", a, b))
        pos = b
    return items + phrase(pos, e)


def _region_items(
    text: str, masked: str, lo: int, hi: int, lex: _Lexicon, *, author: bool = False
) -> list[_Item]:
    """Details and classified parts of text[lo:hi], in text order."""
    details = _details(text, masked, lo, hi, lex)
    items: list[_Item] = list(details)
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
        for ps, pe, stop in _split_parts(text, gs, ge):
            for item in _classify(text, ps, pe, lex, role_before_name=author and index == 0):
                item.part, item.after_stop = index, stop
                items.append(item)
            index += 1
    items.sort(key=lambda i: (i.start, i.end))
    return items


def _group(items: list[_Item]) -> list[_Person]:
    """Group items into persons: each new name opens a new person."""
    persons: list[_Person] = []
    cur = _Person()
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
            cur = _Person()
            continue
        if item.kind in ("other", "address"):
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
            cur = _Person(carried)
        cur.items.append(item)
    persons.append(cur)
    return [p for p in persons if p.has_any()]


# --- regions -------------------------------------------------------------------------------------


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def _at_line_start(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    return _BULLET_PREFIX.fullmatch(text, start, offset) is not None


def _has_detail(line: str, lex: _Lexicon) -> bool:
    return bool(lex.phone_label.search(line) or lex.email_label.search(line) or _EMAIL.search(line))


def _contact_line(text: str, s: int, e: int, lex: _Lexicon, after_details: bool) -> bool:
    """Whether a line can continue a contact block.

    A line with a phone or e-mail always can; a short line of a name with its role or organisation
    can; a line of roles, organisations or an address only before the block's first detail line.
    """
    line = text[s:e]
    if _has_detail(line, lex):
        return True
    if len(_WORD.findall(line)) > SHORT_LINE_WORDS or line.rstrip().endswith(":"):
        return False
    kinds = {i.kind for ps, pe, _ in _split_parts(text, s, e) for i in _classify(text, ps, pe, lex)}
    if not kinds or "prose" in kinds:
        return False
    if "name" in kinds:
        return "other" not in kinds
    if after_details:
        return False
    return "address" in kinds or kinds <= {"role", "org"}


def _heading_region(text: str, lo: int, limit: int, lex: _Lexicon) -> tuple[int, int]:
    """A contact block: the rest of the cue line and the short contact lines after it."""
    _, hi = _line_bounds(text, lo)
    hi = min(hi, limit)
    taken = 1 if text[lo:hi].strip() else 0
    after_details = _has_detail(text[lo:hi], lex)
    blanks = 0
    pos = hi + 1
    while pos < limit and taken < HEADING_MAX_LINES:
        _, end = _line_bounds(text, pos)
        end = min(end, limit)
        if not text[pos:end].strip():
            blanks += 1
            if taken or blanks > 2:
                break
        elif _contact_line(text, pos, end, lex, after_details):
            hi, taken = end, taken + 1
            after_details = after_details or _has_detail(text[pos:end], lex)
        else:
            break
        pos = end + 1
    return lo, hi


def _author_region(text: str, lo: int, limit: int, lex: _Lexicon) -> tuple[int, int]:
    """An author line: the rest of the cue line (or the next line), plus detail lines after it."""
    _, hi = _line_bounds(text, lo)
    hi = min(hi, limit)
    pos = hi + 1
    if not text[lo:hi].strip():
        while pos < limit and not text[pos : _line_bounds(text, pos)[1]].strip():
            pos = _line_bounds(text, pos)[1] + 1
        if pos >= limit:
            return lo, hi
        hi = min(_line_bounds(text, pos)[1], limit)
        pos = hi + 1
    for _ in range(3):
        if pos >= limit:
            break
        _, end = _line_bounds(text, pos)
        end = min(end, limit)
        line = text[pos:end]
        if not (lex.phone_label.search(line) or lex.email_label.search(line)):
            break
        hi, pos = end, end + 1
    return lo, hi


@dataclass
class _Cue:
    start: int
    end: int
    kind: str  # contact_block or author_line
    lang: str | None


def _cues(text: str, lex: _Lexicon) -> list[_Cue]:
    """Heading and author cues, leftmost-longest, not overlapping."""
    found: list[_Cue] = []
    starts = [m.start() for m in lex.cue_starts.finditer(text)]
    for m in finditer_at(lex.heading, text, starts):
        if m.group("sep") or _at_line_start(text, m.start()) or _name_follows(text, m.end(), lex):
            found.append(_Cue(m.start(), m.end(), "contact_block", _cue_lang(m.group(), lex)))
    for m in finditer_at(lex.author, text, starts):
        found.append(_Cue(m.start(), m.end(), "author_line", _cue_lang(m.group(), lex)))
    for m in finditer_at(lex.author_line_start, text, starts):
        if _at_line_start(text, m.start()):
            found.append(_Cue(m.start(), m.end(), "author_line", _cue_lang(m.group(), lex)))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    result: list[_Cue] = []
    for cue in found:
        if not result or cue.start >= result[-1].end:
            result.append(cue)
    return result


def _name_follows(text: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a name follows within two words ('kontaktpersona ir Jānis Bērziņš'): the test of
    a heading cue written inside a sentence, without a colon."""
    parts = _split_parts(text, pos, _line_bounds(text, pos)[1])
    if not parts:
        return False
    names = _names(text, parts[0][0], parts[0][1], lex)
    return bool(names) and len(_WORD.findall(text[pos : names[0][0]])) <= 2


def _cue_lang(matched: str, lex: _Lexicon) -> str | None:
    key = " ".join(matched.lower().rstrip(" \t\u00a0:：-–—").split())
    return lex.cue_lang.get(key)


# --- facts ---------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def _join(values: list[str], sep: str) -> str | None:
    unique = list(dict.fromkeys(v for v in values if v))
    return sep.join(unique) if unique else None


def _lang(doc: Document, start: int, end: int, cue_lang: str | None, lex: _Lexicon) -> str:
    """The cue's language, else the block's, else a vote of the known words, else the script."""
    if cue_lang:
        return cue_lang
    if doc.blocks:
        return doc.lang_at(start)
    words = _WORD.findall(doc.text[start:end])
    votes = {lang: sum(w in lex.lang_words[lang] for w in words) for lang in LANGS}
    best = max(votes.values())
    winners = [lang for lang, v in votes.items() if v == best]
    if best and len(winners) == 1:
        return winners[0]
    if _CYRILLIC.search(doc.text[start:end]):
        return "ru"
    lang = doc.lang_at(start)
    return lang if lang in LANGS else "lv"


def _fact(
    doc: Document,
    person: _Person,
    mention: str,
    lex: _Lexicon,
    cue: _Cue | None = None,
) -> Fact:
    """The fact of one person: the span runs from the cue (or first item) to the last item."""
    text = doc.text
    items = [i for i in person.items if i.kind not in ("other", "address", "prose")]
    start = cue.start if cue else min(i.start for i in items)
    end = max(i.end for i in items)

    def values(kind: str) -> list[str]:
        return [
            i.value if i.value is not None else _clean(text[i.start : i.end])
            for i in items
            if i.kind == kind
        ]

    name = person.first("name")
    out: dict[str, object] = {
        "name": _clean(text[name.start : name.end]) if name else None,
        "role": _join(values("role"), ", "),
        "organization": _join(values("org"), ", "),
        "phone": _join(values("phone"), ";"),
        "email": _join(values("email"), ";"),
        "phone_raw": _join(values("phone_raw"), ";"),
        "email_raw": _join(values("email_raw"), ";"),
        "fax": _join(values("fax"), ";"),
        "lang": _lang(doc, start, end, cue.lang if cue else None, lex),
        "mention": mention,
    }
    if name:
        out["name_start"], out["name_end"] = name.start, name.end
    return Fact(
        table="contacts",
        doc_id=doc.doc_id,
        text=text[start:end],
        start=start,
        end=end,
        values=out,
    )


def _masked(text: str, claimed: list[tuple[int, int]]) -> str:
    """The text with claimed spans blanked out (same length, same offsets)."""
    chars = list(text)
    for s, e in claimed:
        for k in range(max(0, s), min(len(chars), e)):
            chars[k] = "\x00"
    return "".join(chars)


@register("contacts", order=50)
def extract_contacts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Yield one `contacts` fact per contact person mention (see the module docstring)."""
    text = doc.text
    if not text:
        return
    lex = _lexicon()
    masked = _masked(text, ctx.claimed)
    facts: list[tuple[Fact, _Person]] = []

    cues = _cues(text, lex)
    for k, cue in enumerate(cues):
        limit = cues[k + 1].start if k + 1 < len(cues) else len(text)
        region = _heading_region if cue.kind == "contact_block" else _author_region
        lo, hi = region(text, cue.end, limit, lex)
        items = _region_items(text, masked, lo, hi, lex, author=cue.kind == "author_line")
        for n, person in enumerate(_group(items)):
            facts.append((_fact(doc, person, cue.kind, lex, cue if n == 0 else None), person))

    # details outside every contact block and author line, read with the rest of their line
    covered = sorted((f.start, f.end) for f, _ in facts)
    triggers = [
        d for d in _details(text, masked, 0, len(text), lex, national=False) if d.kind != "fax"
    ]
    for trig in triggers:
        if any(s <= trig.start and trig.end <= e for s, e in covered):
            continue
        line_start, line_end = _line_bounds(text, trig.start)
        lo = max(line_start, ctx.sentence(trig.start)[0])
        lo = max([lo] + [e for _, e in covered if e <= trig.start])
        lo = min(lo, trig.start)
        hi = min([line_end] + [s for s, _ in covered if s >= trig.end])
        people = [p for p in _group(_region_items(text, masked, lo, hi, lex)) if p.has_detail()]
        if not any(i.start <= trig.start and trig.end <= i.end for p in people for i in p.items):
            people.append(_Person([trig]))
        for person in people:
            fact = _fact(doc, person, "details", lex)
            facts.append((fact, person))
            covered.append((fact.start, fact.end))
        covered.sort()

    facts.sort(key=lambda fp: (fp[0].start, fp[0].end))
    for fact, person in facts:
        for item in person.items:
            if item.number:
                ctx.claim(*item.number)
        yield fact
