"""Contacts named in running text by their role.

- a parenthesis of a project role and a name ("(project coordinator – teacher Anna Smith)");
- a role with a name in a sentence whose verb gives them as the source of the information
  ("..., informē domes sabiedrisko attiecību speciāliste Anna Kalniņa", "сообщила
  пресс-секретарь думы Анна Петрова").

A person quoted ("stāsta", "says") or only mentioned is no contact: "projekta vadītāja Anna
Kalniņa pastāstīja ..." or "delegāciju veidoja projektu vadītāja ..." name people, not points
of contact, so a role with a name counts only beside a verb of informing (resources/contacts.json:
`source_verbs`, `source_complements`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pipeline.extract.contacts.items import Item, Person
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.names import WORD, find_names
from pipeline.extract.contacts.parts import classify_phrase, trim

ROLE_MAX_WORDS = 7  # a role phrase before a name is at most this long
ROLE_LAST_WORDS = 4  # ... and its role word is among its last four words
# what ends a role phrase when reading back from a name: a clause mark, a line break, a dash
# that opens an apposition is allowed ("project coordinator – teacher Anna Smith")
_PAREN = re.compile(r"\(([^()\n]{4,120})\)")
_ROLE_STOP = re.compile(r"[.;:!?()\"„“”«»\n]|,")
# what follows a verb of informing: a punctuation mark, or its first word
_NEXT = re.compile(r"[ \t\u00a0]*(?:([,.:;!?])|([^\W\d_]+))")


def _role_before(text: str, lo: int, name_start: int, lex: Lexicon) -> tuple[int, int] | None:
    """The role phrase written right before a name: the words back to a clause mark or to a
    conjunction, when the last of them (or the one before a spaced dash) is a role word."""
    window = text[max(lo, name_start - 120) : name_start]
    base = name_start - len(window)
    stops = list(_ROLE_STOP.finditer(window))
    start = base + (stops[-1].end() if stops else 0)
    words = list(WORD.finditer(text, start, name_start))
    # only the words after the last conjunction belong to the role
    for k in range(len(words) - 1, -1, -1):
        if words[k].group().casefold() in lex.conjunctions:
            words = words[k + 1 :]
            break
    words = words[-ROLE_MAX_WORDS:]
    if not words:
        return None
    # a role word among the last words: "vadītāja Anna", "coordinator – teacher Anna",
    # "пресс-секретарь Резекненской думы Анна"
    if not any(w.group() in lex.role for w in words[-ROLE_LAST_WORDS:]):
        return None
    return words[0].start(), words[-1].end()


def _person(text: str, role: tuple[int, int], name: tuple[int, int], lex: Lexicon) -> Person:
    items = classify_phrase(text, role[0], role[1], lex, "role") or [Item("role", *role)]
    return Person([*items, Item("name", *name)])


def source_persons(
    text: str,
    lex: Lexicon,
    sentence: Callable[[int], tuple[int, int]],
    free: Callable[[int, int], bool],
) -> Iterator[Person]:
    """Roles with names in the sentences of a verb of informing: after the verb when it opens a
    reporting clause ('..., informē speciāliste Anna Kalniņa'), before it when a complement
    follows it ('Anna Kalniņa informēja par ...', 'Анна Петрова сообщила, что ...')."""
    folded = text.casefold()
    if not any(stem in folded for stem in lex.source_stems):
        return
    seen: set[int] = set()
    for m in lex.source_verbs.finditer(text):
        lo, hi = sentence(m.start())
        nxt = _NEXT.match(text, m.end(), hi)
        subject_before = not nxt or nxt.group(1) is not None or (
            nxt.group(2).casefold() in lex.source_complements
        )
        a_, b_ = (lo, m.start()) if subject_before else (m.end(), hi)
        for a, b in find_names(text, a_, b_, lex):
            if a in seen or not free(a, b):
                continue
            role = _role_before(text, a_, a, lex)
            if role:
                seen.add(a)
                yield _person(text, role, (a, b), lex)


def parenthesised_roles(
    text: str, lex: Lexicon, free: Callable[[int, int], bool]
) -> Iterator[Person]:
    """'(project coordinator – teacher Anna Smith)', '(projekta vadītāja Anna Kalniņa)': a
    parenthesis holding only a role of the project and a name."""
    for m in _PAREN.finditer(text):
        s, e = trim(text, *m.span(1))
        found = find_names(text, s, e, lex)
        if len(found) != 1 or found[0][1] != e or not free(*found[0]):
            continue
        a, b = found[0]
        words = WORD.findall(text[s:a])
        if (
            any(w in lex.role for w in words)
            and any(w in lex.project_words for w in words)
            and len(words) <= ROLE_MAX_WORDS
        ):
            yield _person(text, (s, a), (a, b), lex)
