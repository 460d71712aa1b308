"""Person names by their shape (script, not language): capitalised tokens, hyphenated surnames,
initials before or after the surname."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline import langdata
from pipeline.extract.contacts.lexicon import Lexicon
from pipeline.extract.contacts.script import GLUE, LO, UP
from pipeline.gazetteer import get_gazetteer

NAME_MAX_TOKENS = 4
__all__ = ["GLUE", "LO", "UP"]  # the script's classes, for the modules that read names


SP = r"[ \u00a0]{1,2}"
CAPWORD = rf"[{UP}][{LO}]+(?:['’][{UP}]?[{LO}]+)?"
SURNAME = rf"{CAPWORD}(?:-{CAPWORD})*"
INITIAL = rf"[{UP}]\."
# not glued to a preceding word; every name starts with a capital, tested first because it
# turns most positions away at once
NB = rf"(?=[{UP}])(?:(?<![\w.'’-])|{GLUE})"
NA = rf"(?:(?![\w'’-])|{GLUE})"  # not glued to a following word

SURNAME_RX = re.compile(SURNAME)
_INITIAL_RX = re.compile(INITIAL)  # a span without one holds no name with initials
# "Anna K. Bērziņa", "Anna Marija K. Bērziņa"
NAME_MIDDLE_INITIAL = re.compile(
    rf"{NB}{CAPWORD}(?:{SP}{CAPWORD})?{SP}{INITIAL}{SP}?{SURNAME}{NA}"
)
# "J.Reča-Lāže", "J. Reča-Lāže", "J. K. Bērziņš", "А.Иванова"
NAME_INITIALS_FIRST = re.compile(rf"{NB}(?:{INITIAL}[ \u00a0]?){{1,2}}{SURNAME}{NA}")
# "Иванова А.В.", "Иванова А. В."
NAME_INITIALS_LAST = re.compile(
    rf"{NB}{SURNAME}{SP}{INITIAL}(?:[ \u00a0]?{INITIAL})?(?![\w'’-]|[ \u00a0]?[{UP}])"
)
# small words inside a name ('Jan van der Berg', 'Maria da Silva'): contacts.json name_particles
PARTICLE = langdata.alternation(langdata.load("contacts.json")["name_particles"]["words"])
# "Jolanta Reča-Lāže", "Project Coordinator Anna Smith" (leading title words are dropped later)
CAP_RUN = re.compile(
    rf"{NB}{SURNAME}(?:{SP}(?:(?-i:{PARTICLE}){SP}){{0,2}}{SURNAME})*{NA}"
)

# a capitalised word, a small word and a space right before a run: "University of |Applied"
_ORG_OF = re.compile(rf"([{UP}][\w-]*)[ \u00a0]+([{LO}]+)[ \u00a0]+$")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"[\w'’]+(?:[-./][\w'’]+)*")


def find_names(text: str, s: int, e: int, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of person names inside text[s:e] (a line is often asked twice: remembered)."""
    return list(_find_names(text, s, e, lex))


@lru_cache(maxsize=2048)
def _find_names(text: str, s: int, e: int, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in found)

    def accept(rx: re.Pattern[str], a: int, b: int) -> tuple[int, int] | None:
        """The span without leading title words ('Project Manager Anna K. Smith'), if a name."""
        while True:
            tokens = list(SURNAME_RX.finditer(text, a, b))
            if not tokens or not rx.fullmatch(text, a, b):
                return None
            if all(t.group() not in lex.not_name for t in tokens):
                return a, b
            if tokens[0].group() not in lex.not_name or len(tokens) < 2:
                return None
            a = tokens[1].start()

    initials = (NAME_MIDDLE_INITIAL, NAME_INITIALS_FIRST, NAME_INITIALS_LAST)
    for rx in initials if _INITIAL_RX.search(text, s, e) else ():
        for m in rx.finditer(text, s, e):
            span = accept(rx, *m.span())
            if span and free(*span):
                found.append(span)
    for m in CAP_RUN.finditer(text, s, e):
        tokens = [t for t in SURNAME_RX.finditer(text, m.start(), m.end()) if free(*t.span())]
        if tokens and tokens[0].group() in lex.org:
            continue  # "Urząd Miasta Lublin": an organisation's name, not a person's
        if _org_of_before(text, m.start(), lex):
            continue  # "University of Applied Sciences": the tail of an organisation's name
        following = WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if following and following.group().islower() and following.group() in lex.org:
            continue  # "Latgales Centrālās bibliotēkas": the start of an organisation's name
        while tokens and tokens[0].group() in lex.not_name:
            tokens.pop(0)
        tokens = _without_trailing_role(tokens, lex)
        if len(tokens) > 2 and is_place(tokens[0].group()):
            tokens.pop(0)  # "koordinatore Cēsīs Anna Kalniņa": a place written before the name
        if not 2 <= len(tokens) <= NAME_MAX_TOKENS:
            continue
        if any(t.group() in lex.not_name for t in tokens):
            continue
        a, b = tokens[0].start(), tokens[-1].end()
        if free(a, b) and not re.search(r"\s{3,}|\n", text[a:b]):
            found.append((a, b))
    return tuple(sorted(found))



def _without_trailing_role(tokens: list[re.Match[str]], lex: Lexicon) -> list[re.Match[str]]:
    """'Anna Bērziņa Project Manager': a capitalised job title written after the name is cut off.
    Only a tail of role words and title words: 'Riga Technical University' stays whole (and is
    no name)."""
    for k, tok in enumerate(tokens):
        if tok.group() in lex.not_name:
            tail = [t.group() for t in tokens[k:]]
            if any(w in lex.role for w in tail) and not any(w in lex.org for w in tail):
                return tokens[:k]
            return tokens
    return tokens


@lru_cache(maxsize=4096)
def is_place(word: str) -> bool:
    """Whether a capitalised word is a form of a known city or country ('Cēsīs', 'Rīgā')."""
    gaz = get_gazetteer()
    return gaz.city(word) is not None or gaz.country(word) is not None


def _org_of_before(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the words before `start` are an organisation's name and its 'of' ('University of',
    'Ministry for'): what follows continues that name."""
    m = _ORG_OF.search(text, max(0, start - 40), start)
    return m is not None and m.group(1) in lex.org and m.group(2) in lex.org_name_links
