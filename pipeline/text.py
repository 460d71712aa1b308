"""Sentence and line helpers over the normalized document text."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline import langdata

# Every upper-case letter of the Latin, Greek and Cyrillic blocks (Ł, Ü, Õ, Ā, Ж ...), as a
# regex character class body: the partners' languages all start sentences with one.
UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper())

# A sentence ends at a line break, or at . ! ? followed by space and an upper-case letter or a
# quote. Latvian ordinals ("11. maijā") and initials ("J. Surname") are followed by a lower-case
# word or are single letters, so they do not end sentences. Both ends start with white space,
# which the pattern consumes first: `re` then skips to the next white space in C instead of
# trying the pattern at every character (the lookbehinds re-check what that first character
# was: a run of line breaks, or white space after the end of a sentence).
# Title words and labels written with a dot ("St. Peter’s", "Dr. Name", "No. LLI-100") stand
# before a name and end nothing (sentences.json).
_NOT_AFTER = "".join(f"(?<!(?<!\\w){re.escape(a)}\\.\\s)"
                     for a in langdata.load("sentences.json")["abbreviations"])
_SENT_END = re.compile(
    r"\s(?:(?<=\n)\n*|(?<=[^\s.][^\s.][.!?]\s)" + _NOT_AFTER + r"\s*(?=[\"„“«" + UPPER + r"]))"
)


_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=4)
def digit_runs(text: str) -> list[int]:
    r"""Where the runs of digits of `text` start: the only places where a pattern that begins
    with a digit after no digit (`(?<!\d)\d`) can match (see langdata.finditer_at). A scan
    led by a class without case is fast: `re` skips to the next digit in C."""
    return [m.start() for m in _DIGITS.finditer(text)]


HUNDRED = 100


def add_number_word(current: int, last: int, value: int) -> tuple[int, int] | None:
    """The number so far (`current`, its last word's value `last`) with the next number word
    of `value` added ('divi' then 'simti' 200, 'twenty' then 'five' 25, 'двести' then
    'пятьдесят' 250), as (current, last); None when the word starts another number ('five'
    then 'twenty'). Shared by the counts' and the money's number words."""
    if value == HUNDRED and 0 < current < 10:
        return current * HUNDRED, HUNDRED
    zeros = 0
    while last and last % 10 == 0:
        last //= 10
        zeros += 1
    return (current + value, value) if 0 < value < 10 ** zeros else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into (start, end) sentence spans that cover every non-blank character."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=64)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of a text, kept for the few texts in hand: merging and several validation
    rules split the same document's text one after the other."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return tuple(spans)


def sentence_spans_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `sentence_spans(text)` from the one holding `start` through the one holding
    `end - 1` (and a few around them), found without splitting the whole text.

    The scan starts after a line break followed by a non-blank character (or at 0): every break
    ends inside a sentence-end match and no match spans a non-blank character, so the full scan
    is at exactly that point with no match under way, and from there both agree."""
    pos = 0
    k = min(start, len(text))
    while (k := text.rfind("\n", 0, k)) != -1:
        if k + 1 < len(text) and not text[k + 1].isspace():
            pos = k + 1
            break
    last = max(start, end - 1)
    spans: list[tuple[int, int]] = []
    for m in _SENT_END.finditer(text, pos):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
        if m.start() > last:
            return spans
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def line_span(text: str, offset: int) -> tuple[int, int]:
    """Bounds of the line that holds `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)


LABEL_MAX_CHARS = 80  # a previous line this short, without digits, can label a value below it


def label_line_above(
    text: str, line_start: int, ignore: re.Pattern[str] | None = None
) -> tuple[int, int] | None:
    """Bounds of the line above the one starting at `line_start` when it can be a label (a table
    row's label cell, or a 'Label\n value' layout): short and without digits once `ignore`
    (e.g. a percentage, 'ENI co-financing (90%)') is taken out."""
    prev_end = line_start - 1
    if prev_end <= 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    prev = text[prev_start:prev_end]
    if ignore is not None:
        prev = ignore.sub("", prev)
    if not prev.strip() or len(prev) > LABEL_MAX_CHARS or any(c.isdigit() for c in prev):
        return None
    return prev_start, prev_end


MONTH_STEM_CHARS = 4  # "11. aprīlī", "5. May": a number before a month word is a date


@cache
def _list_mark() -> re.Pattern[str]:
    """A line start like a list item: a bullet glyph (Word's text export writes `·`), a dash and
    a space, or `1.` / `1)` / `a)` not followed by a month word ("11. aprīlī" is a date)."""
    months = langdata.load("dates.json")["months"]
    stems = {
        form.rstrip(".").casefold()[:MONTH_STEM_CHARS]
        for forms_by_month in months.values()
        for forms in forms_by_month.values()
        for form in forms
    }
    return re.compile(
        r"(?:[·•▪◦●○■□♦◆►▶➢➤✓✔\uf0b7\uf0a7\uf0d8\uf076]"
        r"|[-–—*]\s"
        r"|\d{1,2}[.)](?!\d)(?!\s*(?i:" + langdata.alternation(sorted(stems)) + r"))"
        r"|[a-z]\)"
        r")"
    )


def list_marker_end(line: str) -> int:
    """Offset in `line` just past its bullet or item number (0 when it has none)."""
    stripped = line.lstrip()
    m = _list_mark().match(stripped)
    return len(line) - len(stripped) + m.end() if m else 0
