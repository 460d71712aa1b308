"""Language of each block (lv, en, ru): bilingual files become runs of language blocks."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lingua import Language, LanguageDetectorBuilder

CODES = {Language.LATVIAN: "lv", Language.ENGLISH: "en", Language.RUSSIAN: "ru"}
# Everything but Cyrillic / Latin letters: what is left after removing it is counted.
_NOT_CYRILLIC = re.compile(r"[^А-Яа-яЁё]+")
_NOT_LATIN = re.compile(r"[^A-Za-zĀ-žÀ-ÿ]+")
_LV_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
MIN_CHARS = 25  # shorter blocks take the language of their neighbours
# Answers are remembered across documents for texts up to this long, the last this many: an
# archive repeats its short blocks (a page's labels, "Projekta iesniedzējs ...", a contact
# line) from document to document, and lingua took a sixth of a document's CPU time.
# Long blocks rarely recur; the cap on their length bounds the memory (~10 MB at most).
MEMO_MAX_CHARS = 600
MEMO_SIZE = 4096


@cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def detect(text: str) -> str | None:
    """Language code of `text`, or None when it is too short or has no letters to tell."""
    return _detect_memo(text) if len(text) <= MEMO_MAX_CHARS else _detect(text)


def _detect(text: str) -> str | None:
    cyr = len(_NOT_CYRILLIC.sub("", text))
    lat = len(_NOT_LATIN.sub("", text))
    if cyr + lat < 3:
        return None
    if cyr > lat:
        return "ru"
    if len(text) < MIN_CHARS:
        return "lv" if _LV_LETTERS.search(text) else None
    lang = _detector().detect_language_of(text)
    return CODES.get(lang) if lang else None


# The same answers as `_detect` (lingua is deterministic), each text asked once per process.
_detect_memo = lru_cache(maxsize=MEMO_SIZE)(_detect)


def forget() -> None:
    """Clear the answers remembered across documents (a benchmark's passes over the same
    files would otherwise time the memo, not the detection)."""
    _detect_memo.cache_clear()


def detect_blocks(texts: list[str]) -> list[str]:
    """One language per block; undecided blocks take the previous block's (or the next's).

    A text that recurs in the document (a repeated sentence or line) is detected once.
    """
    seen: dict[str, str | None] = {}
    langs = []
    for t in texts:
        if t not in seen:
            seen[t] = detect(t)
        langs.append(seen[t])
    known = [lang for lang in langs if lang]
    fallback = known[0] if known else "lv"
    out: list[str] = []
    for i, lang in enumerate(langs):
        if lang is None:
            lang = out[-1] if out else next((x for x in langs[i + 1 :] if x), fallback)
        out.append(lang)
    return out


def language_around(text: str, pos: int) -> str | None:
    """Language of the stretch of the line at `pos`, by lingua's mixed-language detection: an
    English title quoted inside a Latvian sentence ("Projekts “Green palette” tiek īstenots")
    is English there, though its block is Latvian. None when lingua cannot tell."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    for part in _detector().detect_multiple_languages_of(line):
        if part.start_index <= pos - start < part.end_index:
            return CODES.get(part.language)
    return None
