"""The extractor contract and registry.

An extractor is one module with one function decorated by `@register(name, order)`. It takes a
`Document` and an `ExtractContext` and yields `Fact`s whose `start`/`end` index `doc.text`.
Extractors run in `order`; an extractor that owns digit runs (dates, money) records them in
`ctx.claimed` so that later ones (counts, phone numbers) leave them alone.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.model import Document, Fact
from pipeline.sections import Section, find_sections, section_at

ExtractorFn = Callable[[Document, "ExtractContext"], Iterable[Fact]]


@dataclass
class ExtractContext:
    """Per-document state shared by the extractors of one document."""

    doc: Document
    claimed: list[tuple[int, int]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # facts of earlier extractors
    cache: dict[str, Any] = field(default_factory=dict)

    def claim(self, start: int, end: int) -> None:
        bisect.insort(self.claimed, (start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a span an earlier extractor claimed."""
        return any(s < end and start < e for s, e in self.claimed)

    @property
    def sections(self) -> list[Section]:
        """Headed fields of the document (empty for narrative texts)."""
        found = self.cache.get("sections")
        if found is None:
            found = self.cache["sections"] = find_sections(self.doc.text)
        return found

    def field_at(self, offset: int) -> str | None:
        """Canonical field of the heading that governs `offset`, if any."""
        section = section_at(self.sections, offset)
        return section.field if section else None

    def sentence(self, offset: int) -> tuple[int, int]:
        """Bounds of the sentence around `offset` (see pipeline.text.sentence_spans)."""
        from pipeline.text import sentence_spans

        spans = self.cache.get("sentences")
        if spans is None:
            spans = self.cache["sentences"] = sentence_spans(self.doc.text)
            self.cache["sentence_starts"] = [s for s, _ in spans]
        i = max(0, bisect.bisect_right(self.cache["sentence_starts"], offset) - 1)
        return spans[i] if spans else (0, len(self.doc.text))


@dataclass(frozen=True)
class Registered:
    name: str
    order: int
    fn: ExtractorFn


EXTRACTORS: dict[str, Registered] = {}


def register(name: str, order: int) -> Callable[[ExtractorFn], ExtractorFn]:
    """Register an extractor under `name`; lower `order` runs first."""

    def wrap(fn: ExtractorFn) -> ExtractorFn:
        EXTRACTORS[name] = Registered(name, order, fn)
        return fn

    return wrap


def registered() -> Iterator[Registered]:
    yield from sorted(EXTRACTORS.values(), key=lambda r: r.order)
