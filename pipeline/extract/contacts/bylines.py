"""Contacts without a cue: signatures and bylines, known by the shape of their lines.

- a signature block: a few short lines (blank lines between allowed) that hold a person's name
  and a role, an organisation or a phone/e-mail, and nothing else ("Anna Kalniņa" / "projekta
  vadītāja", "Dr. Anna Smith" / "Project manager" / "Ph: ...", "Анна Петрова, журналист");
- a dated byline: a short line of a name (and an agency or role) on the line of the page's
  date or right after it ("published: 02.03.2021" / "Anna Kalniņa, BNA"), or a parenthesised
  dateline opening a news item ("(Rīga, 2 March, BNA, Anna Kalniņa)");
- a newspaper byline: a line of a first name and a surname in capitals ("Anna KALNIŅA").

A name alone on a line is no contact: lists of participants, partner names and captions look the
same. The role, title, detail, date or capitals are what make it a signature.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from pipeline.extract.contacts.cues import SHORT_LINE_WORDS, line_has_detail
from pipeline.extract.contacts.items import Item, Person
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.names import CAPWORD, GLUE, LO, UP, WORD, find_names, is_place
from pipeline.extract.contacts.parts import (
    classify,
    group_persons,
    region_items,
    split_parts,
    trim,
)
from pipeline.model import Fact

BLOCK_MAX_LINES = 6  # a signature block never has more non-blank lines than this
BLOCK_MAX_GAP = 2  # blank lines allowed between two lines of one block
SHORT_LINE_CHARS = 200  # a line of at most SHORT_LINE_WORDS words is never longer than this
BARE_NAME_CHARS = 60  # a line that is a name only is never longer
PROSE_LINE = 6  # the paragraph before a bare signature has at least this many words on its line
LIST_PART_WORDS = 3  # "kultūras, sporta un ... vadītāja": a part of a role written as a list
AGENCY_MAX_WORDS = 3  # "BNA", "Регион-информ": the part beside a dated byline's name

_GLUE_RX = re.compile(GLUE)
_TIME = re.compile(r"[\d:.\s]+")  # "15:08", what is left of a date line besides the date
_CAPS = rf"[{UP}]{{3,}}(?:-[{UP}]{{2,}})?"
# "Anna KALNIŅA", "Anna Marija KALNIŅA-BĒRZIŅA", "Евгений АШИХМИН": the whole line
_CAPS_BYLINE = re.compile(
    rf"[ \t\u00a0]*({CAPWORD}(?:[ \u00a0]{CAPWORD})?[ \u00a0]{_CAPS})[ \t\u00a0]*"
)
# two capitalised words, or an initial and a capitalised word: where a name can be
_NAME_HINT = re.compile(rf"[{UP}][\w'’-]*\.?[ \u00a0]?[{UP}][{LO}]")
# a line that ends a sentence: a full stop after a word of two letters or more (not an initial)
_SENTENCE_END = re.compile(r"\w\w[)\]\"”»’]*[.!?][\s\"”»]*$")
_PAREN = re.compile(r"\(([^()\n]{4,120})\)")


def virtual_lines(text: str) -> list[tuple[int, int]]:
    """Line spans of the text; in a short line that may hold a name, a lost line break
    ("BērziņšPielikums") ends a line too (long paragraphs are no signature: not searched)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if end - start <= SHORT_LINE_CHARS and _NAME_HINT.search(text, start, end):
            for m in _GLUE_RX.finditer(text, start, end):
                spans.append((start, m.start()))
                start = m.start()
        spans.append((start, end))
    return spans


class _Kinds:
    """The kind of each line, worked out only for the lines a block can reach: a page has many
    short lines and only a few of them are near a name."""

    def __init__(self, text: str, lines: list[tuple[int, int]], lex: Lexicon) -> None:
        self.text, self.lines, self.lex = text, lines, lex
        self.memo: dict[int, str | None] = {}

    def __call__(self, k: int) -> str | None:
        if k not in self.memo:
            self.memo[k] = self._kind(*self.lines[k])
        return self.memo[k]

    def _kind(self, s: int, e: int) -> str | None:
        """'name' (a name with at most a role, organisation or title beside it), 'role' (roles
        and organisations), 'detail' (a phone or e-mail line), 'blank', or None (else)."""
        text, lex = self.text, self.lex
        line = text[s:e]
        if not line.strip():
            return "blank"
        if line_has_detail(line, lex):
            return "detail"
        if len(WORD.findall(line)) > SHORT_LINE_WORDS or _SENTENCE_END.search(line):
            return None  # running text ("Projekta vadītāja Anna Kalniņa pastāstīja ...")
        parts = split_parts(text, s, e)
        items = [i for ps, pe, _ in parts for i in classify(text, ps, pe, lex)]
        kinds = {i.kind for i in items} - {"title"}
        if not kinds or kinds & {"prose", "address"}:
            return None
        if "other" in kinds:
            # "Anna Kalniņa, izglītības, jaunatnes un sporta nodaļas vadītāja": the
            # small words of a role written as a list are no other thing (a whole part, a few
            # small words)
            whole = {(ps, pe) for ps, pe, _ in parts}
            others = [i for i in items if i.kind == "other"]
            plain = all(
                (i.start, i.end) in whole
                and text[i.start : i.end].islower()
                and len(WORD.findall(text[i.start : i.end])) <= LIST_PART_WORDS
                for i in others
            )
            if "role" not in kinds or not plain:
                return None
        if "name" in kinds:
            # "Анна Петрова, руководитель проекта:" introduces what she says, no signature
            return None if line.rstrip().endswith((":", "：")) else "name"
        # "Valmieras novada pašvaldības" / "attīstības nodaļas vadītāja": roles and employers
        return "role" if kinds <= {"role", "org"} else None


def _title_before(text: str, start: int, lex: Lexicon) -> bool:
    words = WORD.findall(text[max(0, start - 16) : start])
    return bool(words) and words[-1] in lex.titles


def signatures(
    text: str, masked: str, lines: list[tuple[int, int]], lex: Lexicon
) -> Iterator[Person]:
    """Persons of signature blocks: a name with a role, a title or a phone/e-mail."""
    kind = _Kinds(text, lines, lex)
    # lines that may hold a name: short ones (most of a page's text is in long paragraphs)
    hints = {
        k for k, (s, e) in enumerate(lines)
        if e - s <= SHORT_LINE_CHARS and _NAME_HINT.search(text, s, e)
    }
    done = -1
    for c in sorted(hints):
        if c <= done or not find_names(text, *lines[c], lex) or kind(c) != "name":
            continue
        first = last = c
        for step in (-1, 1):
            j, gap, edge = c + step, 0, c
            while 0 <= j < len(lines) and abs(j - c) <= BLOCK_MAX_LINES + BLOCK_MAX_GAP:
                kj = kind(j)
                if kj == "blank":
                    gap += 1
                    if gap > BLOCK_MAX_GAP:
                        break
                elif kj is None or (step < 0 and j <= done):
                    break
                else:
                    edge, gap = j, 0
                j += step
            first, last = (edge, last) if step < 0 else (first, edge)
        done = last
        lo, hi = lines[first][0], lines[last][1]
        for person in group_persons(region_items(text, masked, lo, hi, lex)):
            name = person.first("name")
            if name is None:
                continue
            if person.first("role") or person.has_detail() or _title_before(text, name.start, lex):
                yield person


def dated_bylines(
    text: str, lines: list[tuple[int, int]], dates: list[Fact], lex: Lexicon
) -> Iterator[Person]:
    """Names on a dated byline line, or on the line right after a line that is only a date
    when the name has an agency or a role beside it ('Anna Kalniņa, BNA')."""
    if not dates:
        return
    dates = sorted(dates, key=lambda f: f.start)
    date_starts = [f.start for f in dates]

    def dates_in(s: int, e: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(date_starts, s)
        out = []
        while i < len(dates) and dates[i].start < e:
            if dates[i].end <= e:
                out.append((dates[i].start, dates[i].end))
            i += 1
        return out

    # the lines that hold a date, and the next line with text after each
    starts = [s for s, _ in lines]
    dated = sorted({bisect.bisect_right(starts, f.start) - 1 for f in dates})
    candidates: dict[int, list[tuple[int, int]]] = {}
    for k in dated:
        s, e = lines[k]
        here = dates_in(s, e)
        candidates.setdefault(k, here)
        if _date_line(text, s, e, here):
            nxt = k + 1
            while nxt < len(lines) and not text[slice(*lines[nxt])].strip():
                nxt += 1
            if nxt < len(lines):
                candidates.setdefault(nxt, dates_in(*lines[nxt]))
    for k in sorted(candidates):
        s, e = lines[k]
        here = candidates[k]
        if e - s > SHORT_LINE_CHARS or text[s:e].rstrip().endswith((":", "：")):
            continue  # running text; a label ("Meeting objectives:"), not a byline
        if not _NAME_HINT.search(text, s, e):
            continue
        if not here and len(split_parts(text, s, e)) < 2:
            continue  # a name alone under the date line is as often a headline ('Bicycle Paths')
        person = _byline_person(text, s, e, here, lex)
        name = person.first("name") if person else None
        if person and name and (person.first("role") or all(b <= name.start for _, b in here)):
            # on the date's own line the name comes after the date, or has its role
            # ("12.03.2021 | Anna Kalniņa"); "Signing Date | 14.05.2020" is a field
            yield person
    for m in _PAREN.finditer(text):
        s, e = m.span(1)
        if not _NAME_HINT.search(text, s, e):
            continue
        here = dates_in(s, e)
        if here and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            person = _byline_person(text, s, e, here, lex, last_only=True)
            if person:
                yield person


def _date_line(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """A line that is a date (and a time or a short label): 'published: 02.03.2021 15:08'."""
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
    parts = [(a, b) for a, b in parts if not _TIME.fullmatch(text, a, b)]
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
        cue = lex.author_line_start.match(text, m.start(1)) or lex.author.match(text, m.start(1))
        if cue:  # 'Подготовила Ирина ВОЛКОВА': the cue word is no first name
            m = _CAPS_BYLINE.fullmatch(text, cue.end(), e)
            if not m:
                continue
        words = m.group(1).split()
        if any(w in lex.not_name for w in words) or is_place(words[0]):
            continue
        yield Person([Item("name", *m.span(1))])


_CAPS_NAME = re.compile(rf"({CAPWORD}(?:[ \u00a0]{CAPWORD})?[ \u00a0]{_CAPS})(?![\w'’-])")


def caps_name_item(text: str, lo: int, hi: int) -> Item | None:
    """'Anna KALNIŅA' opening an author line ('Written by Anna KALNIŅA, ...'): a name whose
    surname is in capitals, which the name grammar of running text does not read."""
    a, b = trim(text, lo, hi)
    m = _CAPS_NAME.match(text, a, b)
    return Item("name", *m.span(1)) if m else None


def bare_signatures(text: str, lines: list[tuple[int, int]], lex: Lexicon) -> Iterator[Person]:
    """A name alone on a line right after a paragraph's last sentence: the author signing the
    text ('... darbi sāksies maijā.' / 'Anna Kalniņa'). The name must agree as a first name and
    a surname of one gender, and not stand above running text: a title-case heading opens the
    paragraph after it ('Riga Castle' / 'The castle was built ...'), and headings agree by
    their endings too. Not followed by another such line (a list)."""
    content = [(s, e) for s, e in lines if text[s:e].strip()]
    for n, (s, e) in enumerate(content):
        if n == 0 or e - s > BARE_NAME_CHARS or not _NAME_HINT.search(text, s, e):
            continue
        ps, pe = content[n - 1]
        if not _SENTENCE_END.search(text, ps, pe) or len(WORD.findall(text[ps:pe])) < PROSE_LINE:
            continue
        name = _bare_name(text, s, e, lex)
        if name and not (n + 1 < len(content) and _opens_text(text, *content[n + 1], lex)):
            yield Person([Item("name", *name)])


def _opens_text(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """The line after a bare name shows the name was a heading or one of a list: running text
    (a sentence or a long line) or another bare name."""
    running = _SENTENCE_END.search(text, s, e) or len(WORD.findall(text, s, e)) >= PROSE_LINE
    return bool(running) or _bare_name(text, s, e, lex) is not None


def _bare_name(text: str, s: int, e: int, lex: Lexicon) -> tuple[int, int] | None:
    """The line's name when the line is that name only, first name and surname agreeing."""
    a, b = trim(text, s, e)
    found = find_names(text, a, b, lex)
    if len(found) != 1 or found[0] != (a, b):
        return None
    words = text[a:b].split()
    if len(words) != 2:
        return None
    first, last = (w.lower() for w in words)
    if first.endswith(lex.not_first_endings):
        return None
    ok = any(first.endswith(f) and last.endswith(sur) for f, sur in lex.name_endings)
    return (a, b) if ok else None
