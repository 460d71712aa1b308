"""Sentence and line helpers over the normalized document text."""

from __future__ import annotations

import re

# A sentence ends at a line break, or at . ! ? followed by space and an upper-case letter or a
# quote. Latvian ordinals ("11. maijā") and initials ("J. Surname") are followed by a lower-case
# word or are single letters, so they do not end sentences.
_SENT_END = re.compile(r"\n+|(?<=[^\s.][^\s.][.!?])\s+(?=[\"„“«A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into (start, end) sentence spans that cover every non-blank character."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def line_span(text: str, offset: int) -> tuple[int, int]:
    """Bounds of the line that holds `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, (len(text) if end == -1 else end)
