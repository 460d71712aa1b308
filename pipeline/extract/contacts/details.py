"""Phone numbers, fax numbers and e-mail addresses, each with its label."""

from __future__ import annotations

import bisect
import re
from functools import cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.contacts.items import Item
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.langdata import finditer_at

DEFAULT_REGION = "LV"


# A phone-number candidate: optional international prefix, digits in groups. Separated groups may
# hold several numbers ("65476064 29123456"); `split_numbers` takes them apart.
NUM = re.compile(
    r"(?<![\w+])(?:\+|00)?(?:\(\+?\d{1,4}\)[ \u00a0]?)?\(?\d(?:[\d \u00a0().\-–]{0,28}\d)?(?!\d)"
)
# Where a candidate can begin: a '+', '(' or digit after no word character or '+'. A scan led
# by a character class, which `re` skips through in C; NUM is then tried at these only
# (`finditer_at`): NUM's own leading lookbehind made it try every character of the text.
NUM_START = re.compile(r"[+(\d](?<![\w+][+(\d])")
NUM_GROUP = re.compile(r"[^ \u00a0.\-–]+")
EMAIL = re.compile(
    r"(?<![\w.+'-])[\w.+'-]+(?:@|[ \u00a0]?[\[(](?:at|@)[\])][ \u00a0]?)[\w-]+"
    r"(?:(?:\.|[ \u00a0]?[\[(](?:dot|\.)[\])][ \u00a0]?)[\w-]+)+",
    re.IGNORECASE,
)
# "name(at)domain", "name[at]domain", "name(@)domain"
OBFUSCATED_AT = re.compile(r"[ \u00a0]?[\[(](?:at|@)[\])][ \u00a0]?", re.IGNORECASE)
# "domain(dot)lv", "domain [dot] lv", "domain[.]lv"
OBFUSCATED_DOT = re.compile(r"[ \u00a0]?[\[(](?:dot|\.)[\])][ \u00a0]?", re.IGNORECASE)
# What every e-mail address holds, '@' or '(at)': a text without it is not scanned for addresses.
AT_MARK = re.compile(r"[@\[(](?:(?<=@)|(?i:at)[\])])")


def parse_phone(raw: str) -> str | None:
    """E.164 form of a valid phone number (LV by default), else None.

    A national number longer than a Latvian one that opens with the trunk prefix '8' is read
    in the neighbours that dial so (`trunk_prefix_regions` in contacts.json: '8 (8112) 72-15-44'
    is Russian, '8 685 12345' Lithuanian), never cut to eight digits of a Latvian number.
    """
    digits = sum(ch.isdigit() for ch in raw)
    if digits < 7:
        return None
    regions = [DEFAULT_REGION]
    if digits > LV_DIGITS and not is_international(raw) and raw.lstrip("( ").startswith("8"):
        regions = _trunk_regions()
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


LV_DIGITS = 8  # a Latvian national number


@cache
def _trunk_regions() -> tuple[str, ...]:
    return tuple(langdata.load("contacts.json")["trunk_prefix_regions"]["regions"])


def split_numbers(raw: str, base: int) -> list[tuple[int, int, str]]:
    """Valid phone numbers inside a digit run, taking the longest valid run of groups first."""
    groups = [m.span() for m in NUM_GROUP.finditer(raw)][:16]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            s, e = groups[i][0], groups[j - 1][1]
            value = parse_phone(raw[s:e])
            if value:
                found.append((base + s, base + e, value))
                i = j
                break
        else:
            i += 1
    return found


def is_international(raw: str) -> bool:
    return raw.lstrip("( \u00a0").startswith(("+", "00"))


YEAR_RANGE = re.compile(r"(?:19|20)\d\d[ \u00a0]*[-–][ \u00a0]*(?:19|20)\d\d")


def plausible_unlabelled(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """Whether an unlabelled digit run text[s:e] may be a phone number and not something else:
    a national number never holds dots (dates) or a year range, and no currency, 'Nr.' or
    percent sign stands around it."""
    raw = text[s:e]
    if not is_international(raw) and ("." in raw or YEAR_RANGE.search(raw)):
        return False
    if lex.not_phone_before.search(text, max(0, s - 12), s):
        return False
    return not lex.not_phone_after.match(text, e)


def find_details(
    text: str, masked: str, lo: int, hi: int, lex: Lexicon, *, national: bool = True
) -> list[Item]:
    """Phones, faxes and e-mails in text[lo:hi], each with its label.

    With `national=False` an unlabelled number counts only when written with a country prefix.
    """
    items: list[Item] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(item: Item, span: tuple[int, int] | None = None) -> None:
        items.append(item)
        taken.append(span or (item.start, item.end))

    has_at = AT_MARK.search(text, lo, hi) is not None
    for m in EMAIL.finditer(text, lo, hi) if has_at else ():
        s, e = m.span()
        address = OBFUSCATED_DOT.sub(".", OBFUSCATED_AT.sub("@", m.group()))
        try:
            value = validate_email(address, check_deliverability=False).normalized
            kind = "email"
        except (EmailNotValidError, ValueError, UnicodeError):
            value, kind = m.group(), "email_raw"
        label = lex.email_label_tail.search(text, max(lo, s - 40), s)
        add(Item(kind, label.start() if label else s, e, value))
    for m in lex.email_label.finditer(text, lo, hi) if has_at else ():
        if not free(m.start(), m.end()):
            continue
        token = re.match(r"[^\s,;]+", text[m.end() : hi])
        if token and ("@" in token.group() or OBFUSCATED_AT.search(token.group())):
            raw = token.group().rstrip(".")
            add(Item("email_raw", m.start(), m.end() + len(raw), raw))

    def labelled(label_rx: re.Pattern[str], kind: str) -> None:
        starts = cuescan.cue_starts(label_rx, text)  # the label's word starts, then [lo, hi)
        starts = starts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        for m in finditer_at(label_rx, text, starts, hi):
            if not free(m.start(), m.end()):
                continue
            n = NUM.match(masked, m.end(), hi)
            if not n or sum(ch.isdigit() for ch in n.group()) < 3:
                continue
            numbers = [x for x in split_numbers(n.group(), n.start()) if free(x[0], x[1])]
            if numbers:
                for k, (s, e, value) in enumerate(numbers):
                    start = m.start() if k == 0 else s
                    add(Item(kind, start, e, value, number=(s, e)))
                taken.append((m.start(), n.end()))
            elif kind == "phone":
                add(Item("phone_raw", m.start(), n.end(), n.group().strip()))

    labelled(lex.phone_label, "phone")
    labelled(lex.fax_label, "fax")
    num_starts = [m.start() for m in NUM_START.finditer(masked, lo, hi)]
    for n in finditer_at(NUM, masked, num_starts, hi):
        if not national and not is_international(n.group()):
            continue
        for s, e, value in split_numbers(n.group(), n.start()):
            if free(s, e) and plausible_unlabelled(text, s, e, lex):
                add(Item("phone", s, e, value, number=(s, e)))
    items.sort(key=lambda i: (i.start, i.end))
    return items
