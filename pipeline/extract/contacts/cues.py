"""Contact blocks opened by a heading cue and author lines opened by an author cue: where they
start and how far they run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import cuescan
from pipeline.extract.contacts.details import EMAIL, NUM, split_numbers
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.names import WORD, find_names
from pipeline.extract.contacts.parts import classify, split_parts

HEADING_MAX_LINES = 8  # a contact block never runs over more lines than this
SHORT_LINE_WORDS = 14  # a continuation line without a detail must be this short
CREDIT_WORDS = 3  # a picture word this close after an author cue makes it a photo credit
AUTHOR_LEAD_LINES = 3  # organisation and role lines an author's name may come after
BULLET_PREFIX = re.compile(r"[\s•·*\-–—\d.)]*")
ROLE_LABEL_WORDS = 10  # "Project manager at the University of Applied Sciences:"
# a field label at a line start, up to its colon: "Projekta vadītāja:", "Project manager:"; no
# bracket in it ("The project (leader: ..." is running text, its role no "The project (leader")
ROLE_LABEL = re.compile(r"^[ \t\u00a0•·*\-–—]*([^\n:：()]{2,80}?)[ \t\u00a0]*[:：]", re.MULTILINE)


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


def at_line_start(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    return BULLET_PREFIX.fullmatch(text, start, offset) is not None


def line_has_detail(line: str, lex: Lexicon) -> bool:
    """A line with a labelled phone or e-mail, an e-mail address, or only a phone number
    ('+371 67 012 345' alone on its line in a signature), maybe after a one-letter label
    ('T. 64 100 200', 'M: 29 123 456')."""
    if lex.phone_label.search(line) or lex.email_label.search(line) or EMAIL.search(line):
        return True
    bare = _LETTER_LABEL.sub("", line.strip(" \t\u00a0"), count=1)
    return bool(bare) and NUM.fullmatch(bare) is not None and bool(split_numbers(bare, 0))


_LETTER_LABEL = re.compile(r"^[^\W\d_][.:][ \t\u00a0]*")


def contact_line(text: str, s: int, e: int, lex: Lexicon, after_details: bool) -> bool:
    """Whether a line can continue a contact block.

    A line with a phone or e-mail always can; a short line of a name with its role or organisation
    can; a line of roles, organisations or an address only before the block's first detail line.
    """
    line = text[s:e]
    if line_has_detail(line, lex):
        return True
    if len(WORD.findall(line)) > SHORT_LINE_WORDS or line.rstrip().endswith(":"):
        return False
    kinds = {i.kind for ps, pe, _ in split_parts(text, s, e) for i in classify(text, ps, pe, lex)}
    if not kinds or "prose" in kinds:
        return False
    kinds.discard("title")
    if "name" in kinds:
        return "other" not in kinds
    if after_details:
        return False
    return "address" in kinds or kinds <= {"role", "org"}


def heading_region(text: str, lo: int, limit: int, lex: Lexicon) -> tuple[int, int]:
    """A contact block: the rest of the cue line and the short contact lines after it."""
    _, hi = line_bounds(text, lo)
    hi = min(hi, limit)
    taken = 1 if text[lo:hi].strip() else 0
    after_details = line_has_detail(text[lo:hi], lex)
    blanks = 0
    pos = hi + 1
    while pos < limit and taken < HEADING_MAX_LINES:
        _, end = line_bounds(text, pos)
        end = min(end, limit)
        if not text[pos:end].strip():
            blanks += 1
            if taken or blanks > 2:
                break
        elif contact_line(text, pos, end, lex, after_details):
            hi, taken = end, taken + 1
            after_details = after_details or line_has_detail(text[pos:end], lex)
        else:
            break
        pos = end + 1
    return lo, hi


def author_region(text: str, lo: int, limit: int, lex: Lexicon) -> tuple[int, int]:
    """An author line: the rest of the cue line (or the next line), plus detail lines after it.
    A picture's credit later on the cue line ends it ('Autors: Anna Liepa | Foto: ...')."""
    _, hi = line_bounds(text, lo)
    hi = min(hi, limit)
    credit = next((m.start() for m in WORD.finditer(text, lo, hi) if m.group() in lex.credit), hi)
    if text[lo:credit].strip():
        hi = credit
    pos = hi + 1
    if not text[lo:hi].strip():
        while pos < limit and not text[pos : line_bounds(text, pos)[1]].strip():
            pos = line_bounds(text, pos)[1] + 1
        if pos >= limit:
            return lo, hi
        hi = min(line_bounds(text, pos)[1], limit)
        pos = hi + 1
    # "Informāciju sagatavoja:" / "Valmieras novada domes" / "attīstības nodaļas vadītāja" / "Anna
    # Kalniņa": organisation and role lines before the name, blank lines between
    for _ in range(AUTHOR_LEAD_LINES):
        if find_names(text, lo, hi, lex):
            break
        nxt = pos
        while nxt < limit and not text[nxt : line_bounds(text, nxt)[1]].strip():
            nxt = line_bounds(text, nxt)[1] + 1
        if nxt >= limit or text.count("\n", hi, nxt) > 3:
            break
        end = min(line_bounds(text, nxt)[1], limit)
        if not contact_line(text, nxt, end, lex, False):
            break
        hi, pos = end, end + 1
    for _ in range(3):
        if pos >= limit:
            break
        _, end = line_bounds(text, pos)
        end = min(end, limit)
        line = text[pos:end]
        if not (lex.phone_label.search(line) or lex.email_label.search(line)):
            break
        hi, pos = end, end + 1
    return lo, hi


@dataclass
class Cue:
    start: int
    end: int
    kind: str  # contact_block, author_line or role_label ("Projekta vadītāja: Anna Kalniņa")
    lang: str | None


def find_cues(text: str, lex: Lexicon) -> list[Cue]:
    """Heading, author and role-label cues, leftmost-longest, not overlapping."""
    found: list[Cue] = []
    for m in cuescan.find(lex.heading, text):
        if m.group("sep") or at_line_start(text, m.start()) or name_follows(text, m.end(), lex):
            found.append(Cue(m.start(), m.end(), "contact_block", cue_lang_of(m.group(), lex)))
    for m in cuescan.find(lex.author, text):
        if not _credit_follows(text, m.end(), lex):
            found.append(Cue(m.start(), m.end(), "author_line", cue_lang_of(m.group(), lex)))
    for m in cuescan.find(lex.author_line_start, text):
        if at_line_start(text, m.start()) and not _credit_follows(text, m.end(), lex):
            found.append(Cue(m.start(), m.end(), "author_line", cue_lang_of(m.group(), lex)))
    for m in ROLE_LABEL.finditer(text):
        label = m.group(1)
        words = WORD.findall(label)
        if not 1 <= len(words) <= ROLE_LABEL_WORDS or any(ch.isdigit() for ch in label):
            continue
        if any(w in lex.role for w in words) and _label_value_is_name(text, m.end(), lex):
            found.append(Cue(m.start(1), m.end(), "role_label", None))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    result: list[Cue] = []
    for cue in found:
        if not result or cue.start >= result[-1].end:
            result.append(cue)
    return result


def _credit_follows(text: str, pos: int, lex: Lexicon) -> bool:
    """'Автор фото:', 'Author of the photo:': the author of a picture, not of the text. A
    picture word after a name is another credit on the line ('Author: Anna Liepa | Photo: ...')."""
    end = min(pos + 30, line_bounds(text, pos)[1])
    for w in WORD.findall(text[pos:end])[:CREDIT_WORDS]:
        if w in lex.credit:
            return True
        if w[:1].isupper():
            return False  # a name first
    return False


def _label_value_is_name(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether the value after a label (on its line, else on the next non-blank line) starts
    with a person's name."""
    _, end = line_bounds(text, pos)
    if not text[pos:end].strip():
        nxt = end + 1
        while nxt < len(text) and text[nxt] in " \t\u00a0\r\n" and nxt - end < 8:
            nxt += 1
        pos, end = nxt, line_bounds(text, nxt)[1] if nxt < len(text) else nxt
    parts = split_parts(text, pos, end)
    return bool(parts) and bool(find_names(text, parts[0][0], parts[0][1], lex))


def name_follows(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a name follows within two words ('kontaktpersona ir Jānis Bērziņš'): the test of
    a heading cue written inside a sentence, without a colon."""
    parts = split_parts(text, pos, line_bounds(text, pos)[1])
    if not parts:
        return False
    names = find_names(text, parts[0][0], parts[0][1], lex)
    return bool(names) and len(WORD.findall(text[pos : names[0][0]])) <= 2


def cue_lang_of(matched: str, lex: Lexicon) -> str | None:
    key = " ".join(matched.lower().rstrip(" \t\u00a0:：-–—").split())
    return lex.cue_lang.get(key)
