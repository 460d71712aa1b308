"""Field headings of structured documents and the text span each heading governs.

Project descriptions are a fixed set of headed fields ("Projekta partneri:", "Duration",
"Контактное лицо:"); a value belongs to the nearest heading above it. A heading may stand alone on
its line or start the line ("Kontaktpersona: Jolanta ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline import langdata

MAX_HEADING_CHARS = 70
HEADING_WORDS = 5  # a heading line that goes on after its phrase: 'Objective and activities'


@dataclass(frozen=True)
class Section:
    field: str
    heading_start: int
    heading_end: int
    start: int  # value start (after the heading)
    end: int  # value end (before the next heading)


@cache
def _heading_index() -> list[tuple[str, str]]:
    data = langdata.load("headings.json")["fields"]
    pairs = [(phrase.casefold(), field) for field, phrases in data.items() for phrase in phrases]
    # the longest phrase first, so "projekta īstenošanas termiņš" beats "projekta"
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@cache
def _field_of() -> dict[str, str]:
    """Heading phrase -> field; a phrase listed under two fields keeps the first."""
    fields: dict[str, str] = {}
    for phrase, field in _heading_index():
        fields.setdefault(phrase, field)
    return fields


def classify_heading(label: str) -> str | None:
    """Canonical field of a heading label, or None when it is not a known heading.

    The longest known phrase that is the whole label or starts it up to a non-alphanumeric
    character ("projekta partneri (2)") wins. Looked up by the label's own prefixes, longest
    first, rather than by trying every phrase: every line of every document is a candidate.
    """
    key = " ".join(label.casefold().replace("\t", " ").split()).strip(" :.-–")
    if not key or len(key) > MAX_HEADING_CHARS:
        return None
    fields = _field_of()
    field = fields.get(key)
    if field is not None:
        return field
    for end in range(len(key) - 1, -1, -1):
        if not key[end].isalnum():
            field = fields.get(key[:end])
            if field is not None:
                return field
    return None


_LINE = re.compile(r"[^\n]+")
# a list marker before a heading: ' • Projekta mērķis: ...', '1. Project partners', '- Budget - ...'
_MARKER = re.compile(r"(?:[•·▪◦*–-]|\d{1,2}[.)])\s+")
# what separates a heading from its value on one line: a colon, a table bar, a dash between spaces
_SEPARATOR = re.compile(r"\s*(?::|\||\s[–-]\s)\s*")
_SENTENCE = re.compile(r"[.!?]\s+\w")


def find_sections(text: str) -> list[Section]:
    """Headed sections of `text`, in order. Empty for narrative documents."""
    return list(_sections_memo(text))


@lru_cache(maxsize=4)
def _sections_memo(text: str) -> tuple[Section, ...]:
    """A document's sections are asked for by the classifier (assemble) and then by the
    extractors: found once (a string's hash is computed once and kept with it)."""
    return tuple(_sections_of(text))


def _line_heading(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(field, heading start, value start) when the line text[start:end] opens with a heading:
    'Projekta partneri: A', 'Partneri' alone, ' • Projekta mērķis: ...', 'Programme | X |', or a
    heading glued to its value by a lost line break ('KontaktinformācijaJānis Bērziņš')."""
    line = text[start:end]
    stripped = line.strip()
    hstart = start + len(line) - len(line.lstrip())
    marker = _MARKER.match(stripped)
    if marker:
        stripped = stripped[marker.end():]
        hstart += marker.end()
    colon = stripped.find(":")
    if colon > 0:
        field = classify_heading(stripped[:colon])
        if field:
            value_start = hstart + colon + 1
            while value_start < end and text[value_start] == " ":
                value_start += 1
            return field, hstart, value_start
    sep = _SEPARATOR.search(stripped, 1, MAX_HEADING_CHARS + 3)
    if sep and sep.group().strip() in ("|", "–", "-"):
        field = _exact_heading(stripped[: sep.start()])
        if field:
            return field, hstart, hstart + sep.end()
    if not _heading_start().match(stripped):
        return None  # no heading phrase opens the line: neither a bare nor a glued heading
    if len(stripped) <= MAX_HEADING_CHARS and not _SENTENCE.search(stripped):
        prefix = _heading_prefix(stripped)
        if prefix:
            field, length = prefix
            rest = re.sub(r"\([^()]*\)?", "", stripped[length:])
            if not any(c.isalpha() for c in rest) or (
                    rest[:1] == " " and rest.lstrip()[:1].islower() and not stripped.endswith(".")
                    and len(stripped.split()) <= HEADING_WORDS
                    and not any(c.isdigit() for c in stripped)):
                # a bare heading line ('Projekta partneri', 'Partners (2)', 'Objective and
                # activities'): its value is below it
                return field, hstart, min(end + 1, len(text))
            after = stripped[length:]
            value = after.strip()
            if after[:1] == " " and value[:1].isupper() and not stripped.endswith(".") and (
                    len(value.split()) >= 2 or any(c.isdigit() for c in value)):
                # 'Contact person Anna Kalniņa, ...': the value follows on the line
                return field, hstart, hstart + length + len(after) - len(after.lstrip())
    glued = _glued_heading(stripped)
    if glued:
        field, length = glued
        return field, hstart, hstart + length
    return None


@cache
def _heading_start() -> re.Pattern[str]:
    """The first word of some heading phrase at the start of a text: a line that does not
    start so holds no heading (one test instead of a lookup per word end)."""
    firsts = {phrase.split()[0] for phrase, _ in _heading_index() if phrase.split()}
    return re.compile(langdata.alternation(sorted(firsts)), re.IGNORECASE)


def _heading_prefix(label: str) -> tuple[str, int] | None:
    """(field, length) of the longest heading phrase that starts `label` and ends before a
    character that is not a letter or digit (as `classify_heading` reads a label)."""
    if not _heading_start().match(label):
        return None
    for end in range(len(label), 0, -1):
        if end == len(label) or not label[end].isalnum():
            field = _exact_heading(label[:end])
            if field:
                return field, end
    return None


def _exact_heading(label: str) -> str | None:
    """The field of a label that is exactly a heading phrase (nothing after it)."""
    key = " ".join(label.casefold().split()).strip(" :.-–")
    return _field_of().get(key)


def _glued_heading(line: str) -> tuple[str, int] | None:
    """(field, heading length) of a heading glued to a capitalised value: the heading phrase
    ends in a lower-case letter and the next character is an upper-case one
    ('KontaktinformācijaJānis Bērziņš', 'PartneriRēzeknes novada pašvaldība')."""
    if not _heading_start().match(line):
        return None
    pairs = zip(line, line[1 : MAX_HEADING_CHARS + 1], strict=False)  # (line[end - 1], line[end])
    for end, (last, first) in enumerate(pairs, 1):
        if last.islower() and first.isupper():
            field = _exact_heading(line[:end])
            if field:
                return field, end
    return None


@lru_cache(maxsize=4)
def _sections_of(text: str) -> tuple[Section, ...]:
    """Remembers the last few texts: the document type (pipeline.doctype) and the extractors
    ask for the sections of the same document one after the other."""
    heads: list[tuple[str, int, int]] = []  # field, heading start, value start
    for m in _LINE.finditer(text):
        found = _line_heading(text, m.start(), m.end())
        if found:
            heads.append(found)
    sections = []
    for i, (field, hstart, vstart) in enumerate(heads):
        end = heads[i + 1][1] if i + 1 < len(heads) else len(text)
        sections.append(Section(field, hstart, vstart, max(vstart, hstart), end))
    return tuple(sections)


def section_at(sections: list[Section], offset: int) -> Section | None:
    for s in sections:
        if s.heading_start <= offset < s.end:
            return s
    return None
