"""Access to the language data shipped in `pipeline/resources/` (loaded once per process)."""

from __future__ import annotations

import json
import re
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
    """A regex alternation of literal `forms`, longest first so that the longest form wins."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """Case-insensitive regex for stem phrases: each word of a phrase is a word prefix.

    'kopējās izmaksas' matches 'kopējās izmaksas' and 'Kopējās  izmaksas'; 'ES līdzfinansējum'
    matches 'ES līdzfinansējums' and 'ES līdzfinansējumu'.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")\w*", re.IGNORECASE)


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
