"""Units that the context decides: a head noun cut off by the end of a page stored cut short
('15 самоуп'), and organisation words that name the houses building works are done to
('rekonstruēt četras ... iestādes' counts buildings: unit other)."""

from __future__ import annotations

from pipeline.extract.counts.lexicon import CountLexicon
from pipeline.extract.counts.numbers import SENTENCE_END, Token


def _cut_off(
    lex: CountLexicon, tokens: list[Token], j: int, text_end: int
) -> tuple[int, str] | None:
    """(index, unit) of a head noun cut off by the end of the page ('15 самоуп', '14 new
    social inclusion me'): the words after the number run to the end of the text, and the last
    one begins unit stems. The unit is the one those stems share, else other (a noun the
    page no longer shows). Pages are stored cut short, often mid-word."""
    last = len(tokens) - 1
    if last <= j or last - j > lex.max_between or tokens[last][0] != "word":
        return None
    if tokens[last][3] != text_end:
        return None
    for k in range(j + 1, last):
        kind, surface, _, _ = tokens[k]
        w = surface.casefold()
        if kind != "word" or w in lex.stops or w in lex.word_value:
            return None
        if lex.between is not None and not lex.between.search(w):
            return None
    cut = tokens[last][1].casefold()
    if cut in lex.stops or cut in lex.word_value:
        return None  # a whole word after all ('5 par', 'voted 5 in')
    units = {unit for stem, unit in lex.stems if stem.startswith(cut) and stem != cut}
    if not units:
        return None
    return last, units.pop() if len(units) == 1 else "other"


def _building_works(lex: CountLexicon, tokens: list[Token], i: int, h: int) -> bool:
    """Whether the head at h (after the number at i) names houses that building works are done
    to: an organisation word that also names its building ('iestādes', 'schools', 'школ') with
    a works word ('rekonstruēt', 'renovated', 'ремонт') in the same clause, within
    `works_words` words of the count: a comma ends the search ('After the park was
    renovated, 12 schools joined' counts schools)."""
    if not tokens[h][1].casefold().startswith(lex.building_stems):
        return False
    for step, edge in ((-1, i), (1, h)):
        k, words = edge, 0
        while 0 <= k + step < len(tokens) and words < lex.works_words:
            k += step
            kind, surface, _, _ = tokens[k]
            if surface in SENTENCE_END or surface == ",":
                break
            if kind != "word":
                continue
            words += 1
            if surface.casefold().startswith(lex.works_stems):
                return True
    return False
