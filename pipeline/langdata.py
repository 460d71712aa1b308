"""Access to the language data shipped in `pipeline/resources/` (loaded once per process)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources as _res
from typing import Any


@cache
def load(name: str) -> Any:
    """Parsed JSON resource `name` (e.g. 'dates.json')."""
    text = _res.files("pipeline.resources").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def text(name: str) -> str:
    return _res.files("pipeline.resources").joinpath(name).read_text(encoding="utf-8")


def alternation(forms: list[str]) -> str:
    """A regex alternation of literal `forms` in which the longest form wins.

    Written as a trie ('mar(?:t(?:s|a)?|ch)') rather than 'form|form|...': Python's `re` tries
    the alternatives of a plain alternation one by one at every position of the text, which made
    the date grammar (hundreds of month forms) the slowest part of the pipeline. The trie matches
    exactly what the plain alternation sorted longest first matches, in the same order of
    preference: the forms that match at one position are prefixes of one another, and the trie
    tries the longer continuation before stopping at a shorter form.
    """
    trie: dict[str, dict] = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}  # a form ends here
    return _trie_regex(trie)


def phrase_alternation(phrases: list[str]) -> str:
    """`alternation` for phrases whose words may be separated by any white space ('\\s+'), as
    `phrase_regex` and the contacts cues write them. For finding where one of the phrases
    starts (inside a lookahead): a trie instead of trying a hundred phrases one by one."""
    forms = [" ".join(p.split()) for p in phrases if p.split()]
    return alternation(forms).replace(re.escape(" "), r"\s+")


def first_chars(forms: list[str]) -> str:
    """The first characters of `forms` as a regex character class body ('ajm').

    Put as a lookahead before a case-insensitive alternation that is tried at every position
    ('(?=[ajm])(?:janv|marts|...)'), it turns most positions away with one test instead of one
    per branch: the same matches (every match starts with one of these characters, and a class
    matches a character case-insensitively whenever one of its letters alone would), a third of
    the time. Forms must not be empty (an empty form matches anywhere).
    """
    assert all(forms), "an empty form matches anywhere"
    return "".join(re.escape(c) for c in sorted({f[0] for f in forms}))


def _suffixes(node: dict[str, dict]) -> list[str]:
    return [ch + rest for ch, child in node.items() for rest in ([""] if not ch else
                                                                 _suffixes(child))]


def _trie_regex(node: dict[str, dict]) -> str:
    keys = [ch for ch in node if ch]
    if len({ch.casefold() for ch in keys}) < len(keys):
        # Branches that differ only in case ('A…', 'a…') can both match under IGNORECASE;
        # here the plain longest-first alternation keeps the longest-form-wins rule.
        suffixes = sorted(set(_suffixes(node)), key=lambda x: (-len(x), x))
        body = "(?:" + "|".join(re.escape(x) for x in suffixes if x) + ")"
        return body + "?" if "" in suffixes else body
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:  # a shorter form ends here: the longer ones first, then stop
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """Case-insensitive regex for stem phrases: each word of a phrase is a word prefix.

    'kopējās izmaksas' matches 'kopējās izmaksas' and 'Kopējās  izmaksas'; 'ES līdzfinansējum'
    matches 'ES līdzfinansējums' and 'ES līdzfinansējumu'.
    """
    return re.compile(r"(?<!\w)(?:" + _phrase_body(phrases) + r")\w*", re.IGNORECASE)


def _phrase_body(phrases: list[str]) -> str:
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return "|".join(parts)


def first_phrase_regex(groups: list[list[str]]) -> re.Pattern[str]:
    """One regex for several `phrase_regex` lists: its search finds the earliest match of any of
    them (at equal starts, the earliest list's), with the same span, and `lastgroup` is
    'g<index of the list>'.

    One scan instead of one per list, and the word-start test is made once per position rather
    than once per list: searching fifteen programme regexes one by one was a tenth of the time
    spent on a document.
    """
    branches = [
        rf"(?P<g{i}>(?:{_phrase_body(phrases)})\w*)" for i, phrases in enumerate(groups)
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + ")", re.IGNORECASE)


def stem_phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """Case-insensitive regex for phrases of word stems: every word may be inflected.

    'pašvaldīb līdzfinansējum' matches 'pašvaldības līdzfinansējums' and 'pašvaldību
    līdzfinansējumu' (phrase_regex lets only the last word grow).
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) + (r"\w*" if w[-1].isalnum() else "") for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")", re.IGNORECASE)


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: list[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, 0, endpos)` when every match can only begin at one of `starts`
    (sorted):
    the same matches, but the pattern is tried at those positions only, not at every character.
    Like finditer, the search goes on after the end of each match (matches are never empty).

    One scan for the positions where any of several patterns can start, then this for each,
    costs one scan instead of one per pattern.
    """
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start) if endpos is None else pattern.match(text, start, endpos)
        if m:
            yield m
            pos = m.end()
