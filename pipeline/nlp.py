"""spaCy pipelines: `spacy.blank(lang)` tokenizers, created once per process and language."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

SUPPORTED = ("lv", "en", "ru")


@cache
def blank(lang: str) -> Language:
    """A blank spaCy pipeline for `lang` (no model download: tokenizer rules only)."""
    return spacy.blank(lang if lang in SUPPORTED else "xx")
