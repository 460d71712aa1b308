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


def find_sections(text: str) -> list[Section]:
    """Headed sections of `text`, in order. Empty for narrative documents."""
    return list(_sections_of(text))


@lru_cache(maxsize=4)
def _sections_of(text: str) -> tuple[Section, ...]:
    """Remembers the last few texts: the document type (pipeline.doctype) and the extractors
    ask for the sections of the same document one after the other."""
    heads: list[tuple[str, int, int]] = []  # field, heading start, value start
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        colon = stripped.find(":")
        if colon > 0:
            field = classify_heading(stripped[:colon])
            if field:
                value_start = m.start() + lead + colon + 1
                while value_start < m.end() and text[value_start] == " ":
                    value_start += 1
                heads.append((field, m.start() + lead, value_start))
                continue
        if len(stripped) <= MAX_HEADING_CHARS:
            field = classify_heading(stripped)
            # a bare heading line: short, no sentence inside it
            if field and not re.search(r"[.!?]\s+\w", stripped):
                heads.append((field, m.start() + lead, min(m.end() + 1, len(text))))
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
