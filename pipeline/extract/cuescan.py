"""Where a document's cue phrases can begin: one scan of its words for every cue.

The partner and contact rules look for their cue phrases (organizations.json, contacts.json) at
the start of a word. Letting every rule scan the whole text with its own regex (`re` tries a
pattern at every character) cost a dozen scans of each document, half of the partners' time.
Here the words of a text are listed once, and each cue is tried (`langdata.finditer_at`) only
at the words whose first characters can begin one of its phrases: the same matches as
`pattern.finditer(text)`.

A cue pattern is registered with `register(pattern, phrases)` where it is compiled; `find(pattern,
text)` then gives its matches. Registering needs every match of the pattern to begin at the start
of a word (a `(?<!\\w)` before the phrases) with the first characters of one of `phrases` (same
flags as the pattern); `tests/extract/test_cue_starts.py` checks it for every registered cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline import langdata

LEAD_CHARS = 3  # characters of a word that pick the cues tried there
MAX_MEMO = 100_000  # word beginnings remembered (a few thousand in practice)
_WORD = re.compile(r"\w+")


class _Registry:
    """The registered cues: for each, the patterns of the beginnings of its matches."""

    def __init__(self) -> None:
        self.index: dict[re.Pattern[str], int] = {}
        self.leads: list[list[re.Pattern[str]]] = []
        self.memo: dict[str, tuple[int, ...]] = {}  # word beginning -> cues that may start it
        self.version = 0  # changes with every registration: a text's scan is then redone
        self.firsts: set[tuple[str, int]] = set()  # first letters of the phrases, with flags

    def add(self, pattern: re.Pattern[str], lead: re.Pattern[str]) -> None:
        if pattern in self.index:  # re hands back one object for one pattern string
            self.leads[self.index[pattern]].append(lead)
        else:
            self.index[pattern] = len(self.leads)
            self.leads.append([lead])
        self.memo.clear()
        self.version += 1

    def cues_at(self, key: str) -> tuple[int, ...]:
        """The cues one of whose phrases can begin a word that begins with `key`."""
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= MAX_MEMO:
                self.memo.clear()
            found = self.memo[key] = tuple(
                i for i, leads in enumerate(self.leads) if any(lead.match(key) for lead in leads)
            )
        return found

    def scan(self, text: str) -> list[list[int]]:
        """For each registered cue, the word starts of `text` where it may match."""
        starts: list[list[int]] = [[] for _ in self.leads]
        known = self.memo.get
        for start in [m.start() for m in _WORD.finditer(text)]:  # a comprehension: faster
            key = text[start : start + LEAD_CHARS]
            cues = known(key)
            if cues is None:
                cues = self.cues_at(key)
            for i in cues:
                starts[i].append(start)
        return starts


_REGISTRY = _Registry()


def lead_pattern(phrases: list[str], flags: int) -> re.Pattern[str]:
    """The beginnings of `phrases`: up to LEAD_CHARS characters of each one's first word."""
    if not all(p[:1].isalnum() or p[:1] == "_" for p in phrases):
        raise ValueError("a cue phrase must begin with a word character")
    heads = [p.split()[0][:LEAD_CHARS] for p in phrases]
    return re.compile("(?:" + langdata.alternation(heads) + ")", flags)


def register(pattern: re.Pattern[str], phrases: list[str],
             flags: int | None = None) -> re.Pattern[str]:
    """Make `pattern` findable with `find`; every match of it begins a word with one of
    `phrases`, matched with `flags` (default: the pattern's; `re.I` for phrases the pattern
    reads in a `(?i:...)` group). Returns `pattern`."""
    flags = pattern.flags if flags is None else flags
    _REGISTRY.add(pattern, lead_pattern(phrases, flags))
    _REGISTRY.firsts.update((p[0], flags) for p in phrases)
    return pattern


def registered() -> list[re.Pattern[str]]:
    """The cue patterns registered so far."""
    return list(_REGISTRY.index)


@lru_cache(maxsize=4)
def _scan(text: str, version: int) -> list[list[int]]:
    """The registry's scan of `text`, kept for the extractors of one document (the version
    makes a cue registered since the scan scan it again)."""
    return _REGISTRY.scan(text)


def cue_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """The word starts of `text` where the registered `pattern` may match."""
    return _scan(text, _REGISTRY.version)[_REGISTRY.index[pattern]]


def find(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`: for a registered pattern, tried at its word starts only."""
    if pattern not in _REGISTRY.index:
        return pattern.finditer(text)
    return langdata.finditer_at(pattern, text, cue_starts(pattern, text))
