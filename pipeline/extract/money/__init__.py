"""Money amounts: number formats, currencies and scale words in three languages, and their kinds.

`lexicon` holds the amount grammar and the language data, `kinds` reads the kind of each amount
from the phrase it belongs to. An amount is a number with a currency word or symbol; a number
without one counts as money only where the text has declared the currency (a label line such
as 'Total budget (EUR)' above it, or amounts with a currency close by) and a kind cue says what
money it is ('ERAF finansējums 85% - 8 500.00').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext, register
from pipeline.extract.money.kinds import Amount, assign_kinds, phrase_cue
from pipeline.extract.money.lexicon import (
    BARE_NUMBER,
    NUMBER,
    fmt,
    lexicon,
    parse_number,
    to_eur,
    words_value,
)
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact
from pipeline.text import digit_runs

__all__ = ["NUMBER", "extract_money", "fmt", "lexicon", "parse_number", "to_eur"]

CURRENCY_REACH = 300  # a bare number takes the currency of an amount at most this far away


@dataclass
class _Found(Amount):
    raw: str = ""


_PERCENT = re.compile(r"\s*\(?\s*(\d{1,3}(?:[.,]\d+)?)\s?%")


def _amount_starts(text: str) -> list[int]:
    """Where an amount can begin: a run of digits (`NUMBER` follows no digit), a currency form
    at a word start or a currency symbol; the amount pattern is tried there only."""
    lex = lexicon()
    return sorted({*digit_runs(text), *cuescan.cue_starts(lex.currency_start, text),
                   *(m.start() for m in lex.currency_symbol.finditer(text))})


def _with_currency(text: str, ctx: ExtractContext) -> list[_Found]:
    lex = lexicon()
    found = []
    for m in finditer_at(lex.pattern, text, _amount_starts(text)):
        n = "1" if m.group("num1") else "2"
        cur_raw = m.group(f"cur{n}")
        if cur_raw.casefold() in lex.case_sensitive_folded and cur_raw not in lex.case_sensitive:
            continue  # 'ls', 'eur' in lower case inside words or prose are not currencies
        currency = lex.currency_of[cur_raw.casefold()]
        scale_raw = m.group(f"scale{n}")
        scale = lex.scale_of[scale_raw.casefold()] if scale_raw else 1
        number = parse_number(m.group(f"num{n}"), scaled=scale != 1)
        start = m.start()
        if number is not None and m.group("num0"):  # '2 млн 300 тыс. евро'
            big = lex.scale_of[m.group("scale0").casefold()]
            bigger = parse_number(m.group("num0"), scaled=True)
            if bigger is not None and big > scale > 1 and number * scale < big:
                number = bigger * big / scale + number
            else:
                start = m.start("num1")  # not one amount: '2 млн' is read on its own
        if number is None or ctx.is_claimed(start, m.end()):
            continue
        ctx.claim(start, m.end())
        found.append(_Found(start, m.end(), currency, amount=number * scale,
                            raw=text[start : m.end()]))
    scaled = bool(lex.scale_word.search(text))  # most pages have no scale word at all
    for m in lex.word_pattern.finditer(text) if scaled else ():
        if ctx.is_claimed(m.start(), m.end()):
            continue
        cur_raw = m.group("cur")
        if cur_raw.casefold() in lex.case_sensitive_folded and cur_raw not in lex.case_sensitive:
            continue
        words = m.group("word").split()
        value = words_value(words)
        start = m.start()
        if value is None:  # not one number: the last word alone ('pieci divi miljoni')
            value = lex.number_word[words[-1].casefold()]
            start = m.start("word") + m.group("word").rfind(words[-1])
        ctx.claim(start, m.end())
        amount = Decimal(value) * lex.scale_of[m.group("scale").casefold()]
        found.append(_Found(start, m.end(), lex.currency_of[cur_raw.casefold()],
                            amount=amount, raw=text[start : m.end()]))
    return found


def _without_currency(text: str, ctx: ExtractContext, found: list[_Found]) -> list[_Found]:
    """Bare numbers whose currency the text declares and whose phrase says what money it is."""
    extra = []
    scaled = bool(lexicon().scale_word.search(text))
    numbers = finditer_at(lexicon().scaled_number, text, digit_runs(text)) if scaled else ()
    for m in numbers:  # '2,1 miljons ir ...'
        if ctx.is_claimed(m.start(), m.end()) or lexicon().count_unit.match(
            text, m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip())
        ):
            continue
        number = parse_number(m.group("num"), scaled=True)
        currency = _nearby_currency(text, m.start(), found)
        if number is None or currency is None or not _has_cue(text, m.start(), m.end()):
            continue
        ctx.claim(m.start(), m.end())
        amount = number * lexicon().scale_of[m.group("scale").casefold()]
        extra.append(_Found(m.start(), m.end(), currency, amount=amount, raw=m.group()))
    for m in finditer_at(BARE_NUMBER, text, digit_runs(text)):
        if ctx.is_claimed(m.start(), m.end()):
            continue
        number = parse_number(m.group())
        if number is None or number < 100 or lexicon().not_money_before.search(
            text, max(0, m.start() - 16), m.start()
        ):
            continue
        labelled = _label_currency(text, m.start(), m.end())
        currency = labelled[0] if labelled else _nearby_currency(text, m.start(), found)
        label = labelled[1] if labelled else None
        if currency is None or not (
            _has_cue(text, m.start(), m.end()) or (label and phrase_cue(text, *label, left=True))
        ):
            continue
        ctx.claim(m.start(), m.end())
        extra.append(_Found(m.start(), m.end(), currency, label=label, amount=number,
                            raw=m.group()))
    return extra


def _label_currency(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The currency a heading declares for a line that holds only the number: 'Kopējās
    izmaksas (EUR)' on the line above, or the k-th of k column headings ('EU grant, EUR' /
    'Total cost, EUR') above a table whose rows are a label and k numbers."""
    lines = _lines_above(text, start, end)
    if lines is None:
        return None
    lex = lexicon()
    k = 0
    while k < len(lines) and _is_number_line(text, lines[k]):
        k += 1
    if k < len(lines):
        m = lex.currency_label.search(text, *lines[k])
        if m and k == 0:
            return lex.currency_of[m.group("cur").casefold()], lines[0]
    # a table: above the row's label, more rows, then the column headings
    i = k + 1
    while i < len(lines) and not lex.currency_label.search(text, *lines[i]):
        i += 1
    block = []
    while i < len(lines) and (m := lex.currency_label.search(text, *lines[i])):
        block.append((m, lines[i]))
        i += 1
    block.reverse()  # top to bottom
    if k < len(block) and len(block) > 1:
        m, span = block[k]
        return lex.currency_of[m.group("cur").casefold()], span
    return None


TABLE_LINES = 24  # how far up a table's column headings are looked for


def _lines_above(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Spans of the lines above a line that holds only [start, end), nearest first."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip(" |\t") or text[end:line_end].strip(" |\t"):
        return None
    spans = []
    pos = line_start - 1
    while pos > 0 and len(spans) < TABLE_LINES:
        s = text.rfind("\n", 0, pos) + 1
        if text[s:pos].strip():
            spans.append((s, pos))
        pos = s - 1
    return spans


def _is_number_line(text: str, span: tuple[int, int]) -> bool:
    return bool(BARE_NUMBER.fullmatch(text[span[0] : span[1]].strip(" |\t")))


def _nearby_currency(text: str, start: int, found: list[_Found]) -> str | None:
    near = [f for f in found if abs(f.start - start) <= CURRENCY_REACH
            and "\n\n" not in text[min(f.end, start) : max(f.start, start)]]
    if not near:
        return None
    return min(near, key=lambda f: abs(f.start - start)).currency


def _has_cue(text: str, start: int, end: int) -> bool:
    """A kind cue close before the number in its clause ('ERAF finansējums 85% - 8 500.00')
    or right after it ('1 000,50 valsts budžeta līdzfinansējums')."""
    lex = lexicon()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    lo = max(line_start, start - CUE_REACH)
    seps = list(lex.separator.finditer(text, lo, start))
    lo = seps[-1].end() if seps else lo
    cue = phrase_cue(text, lo, start, left=True)
    if cue:
        between = _PCT.sub("", text[cue.end : start])
        if not any(c.isdigit() for c in between) and len(between.split()) <= CUE_WORDS:
            return True
    cue = phrase_cue(text, end, min(line_end, end + CUE_REACH), left=False)
    return bool(cue and lex.copula_link.fullmatch(text, end, cue.start))


CUE_REACH = 60  # characters around a bare number searched for its cue
CUE_WORDS = 4  # words at most between a cue and the bare number it qualifies
_PCT = re.compile(r"\d{1,3}(?:[.,]\d+)?\s?%")


@register("budgets", order=20)
def extract_money(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    text = doc.text
    found = _with_currency(text, ctx)
    found += _without_currency(text, ctx, found)
    found.sort(key=lambda f: f.start)
    assign_kinds(ctx, found)  # type: ignore[arg-type]
    for f in found:
        pct = _PERCENT.match(text, f.end, min(len(text), f.end + 12))
        yield Fact(
            table="budgets",
            doc_id=doc.doc_id,
            text=f.raw,
            start=f.start,
            end=f.end,
            values={
                "kind": f.kind,
                "amount": fmt(f.amount),
                "currency": f.currency,
                "amount_eur": fmt(to_eur(f.amount, f.currency)),
                "percent": pct.group(1).replace(",", ".") if pct else "",
                "cue": f.cue,
                "lang": doc.lang_at(f.start),
            },
        )
