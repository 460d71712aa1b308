"""Counts without a unit word of their own, which take the unit of what came before: elliptic
numbers after a marker ('35 no Igaunijas', 'Four of them', 'в том числе два') and gapped
clauses ('Three rooms in Valka and seven – in Smiltene')."""

from __future__ import annotations

from pipeline.extract.counts.lexicon import CountLexicon, unit_of
from pipeline.extract.counts.numbers import SENTENCE_END, Token

ANTECEDENT_CHARS = 150  # how far back a count may be the antecedent of an elliptic one
ANTECEDENT_WORDS = 10  # how many words back a unit word may be


def _antecedent(
    lex: CountLexicon, text: str, tokens: list[Token], i: int, found: list[tuple[int, str]]
) -> str | None:
    """The unit an elliptic count ('60 dalībnieki: 35 no Igaunijas, 25 no Somijas', 'Eight
    projects ... Four of them') takes over: that of a count just before it, else that of
    the nearest unit word before it in its sentence that is not itself an origin ('viesi no
    citām valstīm – trīs no Zviedrijas' counts guests)."""
    start = tokens[i][2]
    if found:
        end, unit = found[-1]
        if end >= start - ANTECEDENT_CHARS and "\n\n" not in text[end:start]:
            return unit
    words = 0
    for k in range(i - 1, -1, -1):
        kind, surface, start, _ = tokens[k]
        if kind == "num" or surface in SENTENCE_END:
            return None
        if kind != "word":
            continue
        words += 1
        if words > ANTECEDENT_WORDS:
            return None
        unit = None if lex.not_units.match(text, start) else unit_of(lex, surface)
        low = surface.casefold()
        if unit and (lex.antecedent_not.search(low) or lex.singular.search(low)):
            continue  # 'Pasākumā piedalījās 22 no Rīgas': where, not what is counted
        if unit and not any(
            tokens[p][1].casefold() in lex.origin for p in range(max(0, k - 2), k)
        ):
            return unit
    return None


def _elliptic(
    lex: CountLexicon, text: str, tokens: list[Token], i: int, j: int, block_start: int,
    count: int, found: list[tuple[int, str]],
) -> tuple[str | None, int]:
    """(unit, end) of a number without a unit word that a marker shows to be elliptic ('35 no
    Igaunijas', 'four of them', 'в том числе два'), its unit from its antecedent."""
    start, num_end = tokens[i][2], tokens[j][3]
    gap = _gapped(lex, text, tokens, i, j, found)
    if gap:
        return gap
    after = lex.ellipsis_after.match(text, num_end)
    if not after:
        after = lex.origin_before.match(text, num_end)
        if after and not after.group(1).isupper():
            after = None  # '10 no rīta': a time of day, not '35 no Igaunijas'
    before = lex.ellipsis_before.search(text, max(block_start, start - 20), start)
    if not after and lex.measure_after.match(text, num_end):
        return None, num_end  # '30 skolēni (2 stundas)': hours, not pupils
    if not before and (not after or count < 2):
        return None, num_end  # 'one from ...' is rarely a count; 'pa vienam no ...' is
    unit = _antecedent(lex, text, tokens, i, found)
    return unit, after.end() if after else num_end


def _gapped(
    lex: CountLexicon, text: str, tokens: list[Token], i: int, j: int,
    found: list[tuple[int, str]],
) -> tuple[str, int] | None:
    """(unit, end) of a number in a gapped clause ('Three rooms in Valka and seven – in
    Smiltene'): after a coordinator or a comma, a dash for the repeated noun, then a place;
    the unit is that of the count just before it."""
    gap = lex.gap_after.match(text, tokens[j][3])
    if not gap or not found or i == 0:
        return None
    if tokens[i - 1][1].casefold() not in lex.gap_before:
        return None
    end, unit = found[-1]
    start = tokens[i][2]
    if end < start - ANTECEDENT_CHARS or "\n\n" in text[end:start]:
        return None
    return unit, gap.end()
