"""Counts of people and things: '8 partneri', 'seven partners', 'четыре семинара'.

A count is a number (digits or number words) followed, within a few words, by a unit word from
`resources/counts.json`; stop words, punctuation and other numbers end the search. The unit is
that of the head noun, found by each language's word order:

- Latvian and English put modifiers before the head ('7 pašvaldības darbinieku mobilitātes',
  '7 staff mobilities'): the search goes on past a unit word only while it can be a modifier (a
  Latvian genitive, an English singular), so in 'četri semināri tūrisma nozares speciālistiem'
  the nominative 'semināri' is the head and the dative complement after it is not.
- Russian puts the head first and genitive complements after it ('30 представителей
  муниципалитетов'): the first unit word is the head.

Where a number word shows its case (Latvian 'trim', 'septiņās', 'četru', Russian 'тремя') the
head is the unit word in that case. A singular head after a count other than one is a name or an
ordinal ('Bella 2 project', '25 заседание'). Without a unit word after it, a number still counts
as a partitive ('two of the partners') or as an ellipsis after a marker ('60 dalībnieki: 35 no
Igaunijas', 'Four of them', 'в том числе два'), with the unit of the count or unit word before it
(a plural that is no Latvian locative or dative: 'Pasākumā ... 22 no Rīgas' counts no events).

Numbers claimed by dates and money, years, ordinals ('7th', '2.darbības'), list numbering,
decimals, ranges, codes ('AP1', 'ELRII 308 „...”') and identifiers after a label word ('Key
Action 2', 'Nr. 3') never count.

The parts: `lexicon` (the language data of `resources/counts.json`, the unit of a word),
`numbers` (tokens, numbers and the numbers that never count), `heads` (the head noun and its
agreement, partitives), `ellipsis` (counts that take the unit of what came before: elliptic
numbers and gapped clauses), `context` (units the context decides: a head cut off by the end of
the page, houses under building works); this module walks the blocks and yields the facts.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.extract.base import ExtractContext, register
from pipeline.extract.counts.context import _building_works, _cut_off
from pipeline.extract.counts.ellipsis import _elliptic
from pipeline.extract.counts.heads import _agrees, _head, _partitive
from pipeline.extract.counts.lexicon import CountLexicon, lexicon, unit_of
from pipeline.extract.counts.numbers import _excluded, _may_hold_number, _number, _tokens
from pipeline.model import Document, Fact

__all__ = [
    "CountLexicon", "_may_hold_number", "_number", "_tokens", "extract_counts", "lexicon",
    "unit_of",
]

QUALIFIER_CHARS = 30  # how far before the number a qualifier ('more than') may start


@register("participants", order=30)
def extract_counts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    text_end = len(text.rstrip())  # where a page cut short ends ('15 самоуп')
    for block in doc.blocks:
        lex = lexicon(block.lang)
        if not _may_hold_number(lex, text, block.start, block.end):
            continue
        tokens = _tokens(text, block.start, block.end)
        found: list[tuple[int, str]] = []  # (end, unit) of this block's counts
        word_value = lex.word_value
        # the tokens that may start a number (most are not: one comprehension instead of a
        # loop turn each); a number's later tokens are skipped (`following`)
        maybe = [
            k for k, (kind, surface, _, _) in enumerate(tokens)
            if kind == "num" or kind == "word" and (
                surface.casefold() in word_value
                or "-" in surface or "'" in surface or "’" in surface)
        ]
        following = 0
        for i in maybe:
            if i < following:
                continue
            number = _number(lex, tokens, i)
            if number is None:
                continue
            count, j = number
            first = i
            first_kind, _, start, _ = tokens[i]
            num_end = tokens[j][3]
            following = j + 1
            if count <= 0:
                continue
            case = lex.cases.get(tokens[j][1].casefold()) if first_kind == "word" else (
                lex.case_before.get(tokens[first - 1][1].casefold()) if first else None
            )
            head = _head(lex, text, tokens, j, case)
            if head and not _agrees(lex, count, tokens[head[0]][1]):
                continue
            if head is None and count > 1:
                head = _partitive(lex, text, tokens, j)
            if head is None:
                head = _cut_off(lex, tokens, j, text_end)
            if head:
                unit, end = head[1], tokens[head[0]][3]
                if count == 1 and first_kind == "word" and unit not in lex.one_word_units:
                    continue  # 'one practical example', 'vienam projektam', 'ещё один контракт'
            else:
                unit, end = _elliptic(lex, text, tokens, first, j, block.start, count, found)
                if not unit:
                    continue
            if _excluded(lex, text, start, num_end, first_kind == "num",
                         head is not None and head[0] == j + 1):
                continue
            if ctx.is_claimed(start, end):
                continue
            if unit == "organizations" and head and _building_works(lex, tokens, i, head[0]):
                unit = "other"  # 'rekonstruēt četras ... iestādes': houses, not organisations
            qualifier, q_start = "", start
            for name, pattern in lex.qualifiers:
                m = pattern.search(text, max(block.start, start - QUALIFIER_CHARS), start)
                if m:
                    qualifier, q_start = name, m.start()
                    break
            found.append((end, unit))
            yield Fact(
                table="participants",
                doc_id=doc.doc_id,
                text=text[q_start:end],
                start=q_start,
                end=end,
                values={"count": count, "unit": unit, "qualifier": qualifier,
                        "lang": block.lang},
            )
