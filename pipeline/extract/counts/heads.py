"""The head noun of a count: the unit word after the number that the noun phrase's word order
and case make its head ('7 pašvaldības darbinieku mobilitātes', '30 представителей
муниципалитетов', 'trim biedrības “X” projektiem'), the agreement of a singular head, and
partitives ('two of the partners')."""

from __future__ import annotations

import re

from pipeline.extract.counts.lexicon import CountLexicon, _winner, unit_of
from pipeline.extract.counts.numbers import Token

DASHES = frozenset("-–—")
OPEN_QUOTES = frozenset("\"“„«‘'")
CLOSE_QUOTES = frozenset("\"”“»’'")
QUOTE_WORDS = 8  # a quoted name inside a noun phrase is at most this long


def _head(
    lex: CountLexicon, text: str, tokens: list[Token], j: int, case: re.Pattern[str] | None = None
) -> tuple[int, str] | None:
    """(index of the head noun, unit) among the words after the number's last token j.

    `case`: the endings the head must have when the number word shows its case (Latvian
    'trim', 'septiņās', Russian 'тремя'): unit words in another case are modifiers
    ('septiņās valsts nozīmes objektos': the locative 'objektos' is the head, not 'valsts')."""
    head: tuple[int, str] | None = None
    modifiers: set[str] = set()
    words = 0
    k = j
    while k + 1 < len(tokens):
        k += 1
        kind, surface, start, _ = tokens[k]
        if kind != "word":
            if surface in OPEN_QUOTES:  # after the number or a modifier ('biedrības “X” projekti')
                k = _quote_end(tokens, k)  # 'biedrības “Nosaukums” projekti': a name
                if k < 0:
                    break
                words += 1
                continue
            if head is not None:
                break
            if surface in lex.connectors:
                continue  # 'Learning / Teaching / Training activities'
            if surface in DASHES and _capitalised(tokens, k - 1) and _capitalised(tokens, k + 1):
                words -= 1  # 'Latvijas – Lietuvas programmas projekti': one name
                continue
            break
        words += 1
        w = surface.casefold()
        if w in lex.coordinators and head is None and words > 1:
            continue  # '4 music and dance schools'
        if w in lex.stops or w in lex.word_value:
            break
        unit = None if lex.not_units.match(text, start) else unit_of(lex, surface)
        if unit and case is not None and not case.search(w):
            modifiers.add(unit)  # another case: a modifier ('trim biedrības ... projektiem')
        elif unit:
            if (
                head and case is None and lex.complement.search(w)
                and not lex.genitive_only.search(tokens[head[0]][1].casefold())
            ):
                break  # 'semināri ... speciālistiem': a dative or locative complement
            head = (k, _winner(lex, modifiers, w, unit))
            if not lex.modifier.search(w):
                break
            modifiers.add(unit)
        elif lex.between is not None and not lex.between.search(w):
            break  # Russian: only adjectives stand between a number and its noun
        if words > (lex.max_between if case is None else lex.max_between_case):
            break
    return head


def _capitalised(tokens: list[Token], k: int) -> bool:
    return 0 <= k < len(tokens) and tokens[k][0] == "word" and tokens[k][1][:1].isupper()


def _quote_end(tokens: list[Token], k: int) -> int:
    """Index of the quote that closes the one at k (a few words later), else -1."""
    for m in range(k + 1, min(len(tokens), k + QUOTE_WORDS + 1)):
        if tokens[m][1] in CLOSE_QUOTES:
            return m
    return -1


def _agrees(lex: CountLexicon, count: int, word: str) -> bool:
    """False when the head is a singular form that no count but one takes ('Bella 2 project',
    'Projekta 2 daļa', '37 заседание' read as '37th'): in Latvian and Russian, as in
    English, a singular follows one; the first two also put it after 21, 31, ..."""
    if count == 1 or not lex.singular.search(word.casefold()):
        return True
    return lex.singular_after_one and count % 10 == 1 and count % 100 != 11


def _partitive(
    lex: CountLexicon, text: str, tokens: list[Token], j: int
) -> tuple[int, str] | None:
    """The head of 'two of the partners', 'divi no partneriem', 'двое из участников': the
    number, a partitive preposition, then a plural unit word."""
    if j + 1 >= len(tokens) or tokens[j + 1][1].casefold() not in lex.partitive:
        return None
    head = _head(lex, text, tokens, j + 1)
    if head and lex.partitive_head.search(tokens[head[0]][1].casefold()):
        return head
    return None
