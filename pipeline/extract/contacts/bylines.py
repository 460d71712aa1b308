"""Contacts without a cue: signatures and bylines, known by the shape of their lines.

- a signature block: a few short lines (blank lines between allowed) that hold a person's name
  and a role, an organisation or a phone/e-mail, and nothing else ("Anna Kalniņa" / "projekta
  vadītāja", "Dr. Anna Smith" / "Project manager" / "Ph: ...", "Анна Петрова, журналист");
- a dated byline: a short line of a name (and an agency or role) on the line of the page's
  date or right after it ("published: 02.03.2021" / "Anna Kalniņa, LETA"), or a parenthesised
  dateline opening a news item ("(Rīga, 2 March, LETA, Anna Kalniņa)");
- a newspaper byline: a line of a first name and a surname in capitals ("Anna KALNIŅA").

A name alone on a line is no contact: lists of participants, partner names and captions look the
same. The role, title, detail, date or capitals are what make it a signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.contacts.cues import SHORT_LINE_WORDS, line_has_detail
from pipeline.extract.contacts.items import Item, Person
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.names import CAPWORD, GLUE, UP, WORD, is_place
from pipeline.extract.contacts.parts import classify, group_persons, region_items, split_parts
from pipeline.model import Fact

BLOCK_MAX_LINES = 6  # a signature block never has more non-blank lines than this
BLOCK_MAX_GAP = 2  # blank lines allowed between two lines of one block
AGENCY_MAX_WORDS = 3  # "LETA", "Татар-информ": the part beside a dated byline's name

_GLUE_RX = re.compile(GLUE)
_CAPS = rf"[{UP}]{{3,}}(?:-[{UP}]{{2,}})?"
# "Anna KALNIŅA", "Anna Marija KALNIŅA-BĒRZIŅA", "Евгений АШИХМИН": the whole line
_CAPS_BYLINE = re.compile(
    rf"[ \t\u00a0]*({CAPWORD}(?:[ \u00a0]{CAPWORD})?[ \u00a0]{_CAPS})[ \t\u00a0]*"
)
_PAREN = re.compile(r"\(([^()\n]{4,120})\)")


def virtual_lines(text: str) -> list[tuple[int, int]]:
    """Line spans of the text; a lost line break ("BērziņšPielikums") ends a line too."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        cut = start
        if len(line) > 6:
            for m in _GLUE_RX.finditer(text, start, end):
                spans.append((cut, m.start()))
                cut = m.start()
        spans.append((cut, end))
    return spans


def _line_kind(text: str, s: int, e: int, lex: Lexicon) -> str | None:
    """'name' (a name with at most a role, organisation or title beside it), 'role' (roles and
    organisations), 'detail' (a phone or e-mail line), 'blank', or None (anything else)."""
    line = text[s:e]
    if not line.strip():
        return "blank"
    if line_has_detail(line, lex):
        return "detail"
    if len(WORD.findall(line)) > SHORT_LINE_WORDS:
        return None
    items = [i for ps, pe, _ in split_parts(text, s, e) for i in classify(text, ps, pe, lex)]
    kinds = {i.kind for i in items} - {"title"}
    if not kinds or kinds & {"prose", "address"}:
        return None
    if "other" in kinds:
        # "Anna Kalniņa, kultūras, sporta un sabiedrisko attiecību nodaļas vadītāja": the small
        # words of a role written as a list are no other thing
        others = [text[i.start : i.end] for i in items if i.kind == "other"]
        plain = all(o == o.lower() and not any(c.isdigit() for c in o) for o in others)
        if "role" not in kinds or not plain:
            return None
    if "name" in kinds:
        return "name"
    return "role" if "role" in kinds else None


def _title_before(text: str, start: int, lex: Lexicon) -> bool:
    words = WORD.findall(text[max(0, start - 16) : start])
    return bool(words) and words[-1] in lex.titles


def signatures(
    text: str, masked: str, lines: list[tuple[int, int]], lex: Lexicon
) -> Iterator[Person]:
    """Persons of signature blocks: a name with a role, a title or a phone/e-mail."""
    kinds = [_line_kind(text, s, e, lex) for s, e in lines]
    k = 0
    while k < len(lines):
        if kinds[k] in (None, "blank"):
            k += 1
            continue
        block = [k]
        gap = 0
        j = k + 1
        while j < len(lines) and len(block) < BLOCK_MAX_LINES:
            if kinds[j] == "blank":
                gap += 1
                if gap > BLOCK_MAX_GAP:
                    break
            elif kinds[j] is None:
                break
            else:
                block.append(j)
                gap = 0
            j += 1
        k = j
        if not any(kinds[b] == "name" for b in block):
            continue
        lo, hi = lines[block[0]][0], lines[block[-1]][1]
        for person in group_persons(region_items(text, masked, lo, hi, lex)):
            name = person.first("name")
            if name is None:
                continue
            if person.first("role") or person.has_detail() or _title_before(text, name.start, lex):
                yield person


def dated_bylines(
    text: str, lines: list[tuple[int, int]], dates: list[Fact], lex: Lexicon
) -> Iterator[Person]:
    """Names on a dated byline line, or on the line right after a line that is only a date."""
    if not dates:
        return
    content = [k for k, (s, e) in enumerate(lines) if text[s:e].strip()]
    for n, k in enumerate(content):
        s, e = lines[k]
        here = _dates_in(dates, s, e)
        prev = lines[content[n - 1]] if n else None
        if not here and not (prev and _date_line(text, *prev, dates)):
            continue
        if text[s:e].rstrip().endswith((":", "：")):
            continue  # a label ("Meeting objectives:"), not a byline
        person = _byline_person(text, s, e, here, lex)
        name = person.first("name") if person else None
        if person and name and (person.first("role") or all(b <= name.start for _, b in here)):
            # on the date's own line the name comes after the date, or has its role
            # ("12.03.2021 | Anna Kalniņa"); "Contract Date | 26.07.2021" is a field
            yield person
    for m in _PAREN.finditer(text):
        s, e = m.span(1)
        here = _dates_in(dates, s, e)
        if here and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            person = _byline_person(text, s, e, here, lex, last_only=True)
            if person:
                yield person


def _dates_in(dates: list[Fact], s: int, e: int) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in dates if s <= f.start and f.end <= e]


def _date_line(text: str, s: int, e: int, dates: list[Fact]) -> bool:
    """A line that is a date (and a time or a short label): 'published: 02.03.2021 15:08'."""
    spans = _dates_in(dates, s, e)
    if not spans:
        return False
    rest = text[s:e]
    for a, b in sorted(spans, reverse=True):
        rest = rest[: a - s] + rest[b - s :]
    return len([w for w in WORD.findall(rest) if not w[0].isdigit()]) <= 2


def _byline_person(
    text: str, s: int, e: int, dates: list[tuple[int, int]], lex: Lexicon, last_only: bool = False
) -> Person | None:
    """The person of a byline: one name; the other parts are dates, times, roles or a short
    agency name."""
    parts = [(a, b) for a, b, _ in split_parts(text, s, e)]
    parts = [(a, b) for a, b in parts if not any(x <= a and b <= y for x, y in dates)]
    parts = [(a, b) for a, b in parts if not re.fullmatch(r"[\d:.\s]+", text[a:b])]
    if not parts or len(parts) > 4:
        return None
    items: list[Item] = []
    names = 0
    for k, (a, b) in enumerate(parts):
        found = classify(text, a, b, lex)
        kinds = {i.kind for i in found}
        if "name" in kinds:
            if kinds - {"name", "title"} or (last_only and k != len(parts) - 1):
                return None
            names += 1
        elif kinds - {"role", "org"} and len(WORD.findall(text[a:b])) > AGENCY_MAX_WORDS:
            return None
        items += [i for i in found if i.kind in ("name", "role", "org")]
    if names != 1:
        return None
    return Person(items)


def caps_bylines(text: str, lines: list[tuple[int, int]], lex: Lexicon) -> Iterator[Person]:
    """'Anna KALNIŅA' alone on a line: a newspaper's byline (no place, no known word)."""
    for s, e in lines:
        m = _CAPS_BYLINE.fullmatch(text, s, e)
        if not m:
            continue
        words = m.group(1).split()
        if any(w in lex.not_name for w in words) or is_place(words[0]):
            continue
        yield Person([Item("name", *m.span(1))])
