"""Person names by their shape (script, not language): capitalised tokens, hyphenated surnames,
initials before or after the surname."""

from __future__ import annotations

import re

from pipeline.extract.contacts.lexicon import Lexicon

NAME_MAX_TOKENS = 4


def letters(pred: str) -> str:
    """All Latin and Cyrillic letters for which `str.<pred>()` holds, as a regex class body."""
    return "".join(
        re.escape(ch) for ch in map(chr, range(0x41, 0x530)) if ch.isalpha() and getattr(ch, pred)()
    )


UP = letters("isupper")
LO = letters("islower")
SP = r"[ \u00a0]{1,2}"
CAPWORD = rf"[{UP}][{LO}]+(?:['’][{UP}]?[{LO}]+)?"
SURNAME = rf"{CAPWORD}(?:-{CAPWORD})*"
INITIAL = rf"[{UP}]\."
NB = r"(?<![\w.'’-])"  # not glued to a preceding word
NA = r"(?![\w'’-])"  # not glued to a following word

SURNAME_RX = re.compile(SURNAME)
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
# "Jolanta Reča-Lāže", "Project Coordinator Anna Smith" (leading title words are dropped later)
CAP_RUN = re.compile(rf"{NB}{SURNAME}(?:{SP}{SURNAME})*{NA}")

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"[\w'’]+(?:[-./][\w'’]+)*")


def find_names(text: str, s: int, e: int, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of person names inside text[s:e]."""
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

    for rx in (NAME_MIDDLE_INITIAL, NAME_INITIALS_FIRST, NAME_INITIALS_LAST):
        for m in rx.finditer(text, s, e):
            span = accept(rx, *m.span())
            if span and free(*span):
                found.append(span)
    for m in CAP_RUN.finditer(text, s, e):
        tokens = [t for t in SURNAME_RX.finditer(text, m.start(), m.end()) if free(*t.span())]
        if tokens and tokens[0].group() in lex.org:
            continue  # "Urząd Miasta Lublin": an organisation's name, not a person's
        following = WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if following and following.group().islower() and following.group() in lex.org:
            continue  # "Latgales Centrālās bibliotēkas": the start of an organisation's name
        while tokens and tokens[0].group() in lex.not_name:
            tokens.pop(0)
        if not 2 <= len(tokens) <= NAME_MAX_TOKENS:
            continue
        if any(t.group() in lex.not_name for t in tokens):
            continue
        a, b = tokens[0].start(), tokens[-1].end()
        if free(a, b) and not re.search(r"\s{3,}|\n", text[a:b]):
            found.append((a, b))
    return sorted(found)

