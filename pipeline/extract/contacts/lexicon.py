"""The language data of the contacts extractor: `resources/contacts.json` compiled once into
word sets and cue patterns (every language word lives there, none in the code)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.contacts.script import GLUE

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "contacts.json"
LANGS = ("lv", "en", "ru")
# the end of a cue: no letter follows, or a lost line break does ("KontaktpersonaJānis")
CUE_END = rf"(?:(?![\w-])|{GLUE})"
MEMO_MAX = 200_000  # words remembered per word set (a bound on memory in a long batch)


@dataclass(frozen=True)
class WordSet:
    """Single words from contacts.json: exact words, prefixes (`word*`) and case-kept capitals."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    capitals: frozenset[str]
    # answers already given: every short line of every page is looked up word by word
    memo: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def build(cls, words: list[str]) -> WordSet:
        exact: set[str] = set()
        prefixes: list[str] = []
        capitals: set[str] = set()
        for word in words:
            if word.endswith("*"):
                prefixes.append(word[:-1].lower())
            elif len(word) > 1 and word.isupper():
                capitals.add(word)
            else:
                exact.add(word.lower())
        return cls(frozenset(exact), tuple(prefixes), frozenset(capitals))

    def __contains__(self, token: object) -> bool:
        if not isinstance(token, str):
            return False
        hit = self.memo.get(token)
        if hit is None:
            low = token.lower().rstrip(".")
            hit = token in self.capitals or low in self.exact or low.startswith(self.prefixes)
            if len(self.memo) < MEMO_MAX:
                self.memo[token] = hit
        return hit


def _cue(pattern: re.Pattern[str], phrases: list[str]) -> re.Pattern[str]:
    """A cue pattern found with `cuescan.find` (its phrases open a word)."""
    return cuescan.register(pattern, [p.strip() for p in phrases if p.strip()])


def phrase_rx(phrases: list[str]) -> str:
    """Alternation of phrases, longest first, any white space between words."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process, a cache key
class Lexicon:
    heading: re.Pattern[str]
    author: re.Pattern[str]
    author_line_start: re.Pattern[str]
    cue_lang: dict[str, str]  # lower-cased cue with single spaces -> language
    phone_label: re.Pattern[str]
    fax_label: re.Pattern[str]
    email_label: re.Pattern[str]
    email_label_tail: re.Pattern[str]
    role: WordSet
    name_endings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (first, surname) per gender
    not_first_endings: tuple[str, ...]  # "Rīgas Pils": a genitive before a noun, no first name
    credit: WordSet  # "foto", "photo", "фото": an author cue before them credits a picture
    titles: WordSet  # "Dr.", "Mg.", "prof.": written before a name, part of no role
    role_lead_ins: frozenset[str]  # "pie", "the", "к": a role phrase starts after them
    project_words: WordSet  # "projekta", "project", "проекта": a role of the project's own
    source_complements: frozenset[str]  # "par", "that", "что": the verb's subject came before
    source_verbs: re.Pattern[str]  # "informē", "сообщила": the person named gives the information
    source_stems: tuple[str, ...]  # the verbs casefolded: a page without any is not scanned
    org: WordSet
    not_name: WordSet
    address: WordSet
    address_rx: re.Pattern[str] | None
    org_connectors: frozenset[str]
    org_name_links: frozenset[str]  # "of", "for": inside an organisation's name
    conjunctions: frozenset[str]
    lang_words: dict[str, WordSet]
    not_phone_before: re.Pattern[str]
    not_phone_after: re.Pattern[str]


def all_words(data: dict[str, Any], key: str) -> list[str]:
    """The entries of `key` in every language the file gives, the three main ones first: a cue
    of a neighbour's language (Estonian 'Kontaktid') opens a block in a page that quotes it."""
    section = data.get(key, {})
    langs = [*LANGS, *sorted(k for k in section if k not in LANGS and not k.startswith("_"))]
    return [w for lang in langs for w in section.get(lang, [])]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Compile contacts.json once."""
    data = json.loads(RESOURCE.read_text(encoding="utf-8"))
    cue_lang: dict[str, str] = {}
    for key in ("heading_cues", "author_cues", "author_cues_line_start"):
        for lang in LANGS:
            for cue in data.get(key, {}).get(lang, []):
                cue_lang.setdefault(" ".join(cue.lower().rstrip(":").split()), lang)

    def label_rx(key: str) -> str:
        return rf"(?<![\w.])(?:{phrase_rx(all_words(data, key))})\.?(?![^\W\d_])"

    label_tail = r"(?:[ \u00a0]*(?:nr\.?|no\.?|№))?[ \u00a0]*[:：]?[ \t\u00a0]*"
    flags = re.IGNORECASE
    not_name = (
        all_words(data, "role_words")
        + all_words(data, "org_cues")
        + all_words(data, "name_stopwords")
        + all_words(data, "address_words")
        + all_words(data, "title_words")
    )
    lang_words = {
        lang: WordSet.build(
            [
                w
                for key in ("role_words", "org_cues", "name_stopwords", "address_words")
                for w in data.get(key, {}).get(lang, [])
            ]
            + [
                w
                for key in ("phone_labels", "email_labels", "fax_labels")
                for p in data.get(key, {}).get(lang, [])
                for w in p.split()
            ]
        )
        for lang in LANGS
    }
    addr_patterns = data.get("address_patterns", [])
    return Lexicon(
        heading=_cue(re.compile(
            rf"(?<![\w-])(?:{phrase_rx(all_words(data, 'heading_cues'))}){CUE_END}"
            r"(?P<sep>[ \t\u00a0]*[:：\-–—])?",
            flags,
        ), all_words(data, 'heading_cues')),
        author=_cue(re.compile(
            rf"(?<![\w-])(?:{phrase_rx(all_words(data, 'author_cues'))}){CUE_END}"
            r"[ \t\u00a0]*[:：]?",
            flags,
        ), all_words(data, 'author_cues')),
        author_line_start=_cue(re.compile(
            rf"(?<![\w-])(?:{phrase_rx(all_words(data, 'author_cues_line_start'))}){CUE_END}"
            r"[ \t\u00a0]*[:：]?",
            flags,
        ), all_words(data, 'author_cues_line_start')),
        cue_lang=cue_lang,
        phone_label=_cue(re.compile(label_rx("phone_labels") + label_tail, flags),
                         all_words(data, "phone_labels")),
        fax_label=_cue(re.compile(label_rx("fax_labels") + label_tail, flags),
                       all_words(data, "fax_labels")),
        email_label=re.compile(label_rx("email_labels") + r"[ \u00a0]*[:：]?[ \t\u00a0]*", flags),
        email_label_tail=re.compile(
            label_rx("email_labels") + r"[ \u00a0]*[:：]?[ \t\u00a0]*$", flags
        ),
        role=WordSet.build(all_words(data, "role_words")),
        titles=WordSet.build(all_words(data, "title_words")),
        role_lead_ins=frozenset(w.casefold() for w in all_words(data, "role_lead_ins")),
        credit=WordSet.build(all_words(data, "credit_words")),
        name_endings=tuple(
            (tuple(first), tuple(last))
            for lang, genders in data.get("name_endings", {}).items()
            if not lang.startswith("_")
            for first, last in genders.values()
        ),
        not_first_endings=tuple(all_words(data, "not_first_name_endings")),
        project_words=WordSet.build(all_words(data, "project_words")),
        source_stems=tuple(w.casefold() for w in all_words(data, "source_verbs")),
        source_complements=frozenset(w.casefold() for w in all_words(data, "source_complements")),
        source_verbs=re.compile(
            rf"(?<![\w-])(?=[{langdata.first_chars(all_words(data, 'source_verbs'))}])"
            rf"(?:{phrase_rx(all_words(data, 'source_verbs'))})(?![\w-])",
            flags,
        ),
        org=WordSet.build(all_words(data, "org_cues")),
        not_name=WordSet.build(not_name),
        address=WordSet.build(all_words(data, "address_words")),
        address_rx=re.compile("|".join(addr_patterns)) if addr_patterns else None,
        org_connectors=frozenset(w.lower() for w in all_words(data, "org_connectors")),
        org_name_links=frozenset(w for w in all_words(data, "org_name_links")),
        conjunctions=frozenset(w.casefold() for w in all_words(data, "clause_conjunctions")),
        lang_words=lang_words,
        not_phone_before=re.compile(
            rf"(?<![\w$€%№])(?:{phrase_rx(all_words(data, 'not_phone_before'))})[ \u00a0]*$", flags
        ),
        not_phone_after=re.compile(
            rf"[ \u00a0]*(?:{phrase_rx(all_words(data, 'not_phone_after'))})(?![^\W\d_])", flags
        ),
    )
