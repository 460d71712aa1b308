"""Money amounts: number formats, currencies and scale words in three languages.

`amount` and `currency` are as written (after applying a scale word: '8,6 milj. latu' is
8600000 LVL); `amount_eur` converts lats at the fixed 0.702804 LVL per EUR.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.model import Document, Fact

NUMBER = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f]|\.|,)\d{3})+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
)
KIND_WINDOW = 80  # characters before an amount searched for its kind cue
LABEL_MAX_CHARS = 80  # a previous line this short, without digits, can be the amount's label


@dataclass
class MoneyLexicon:
    pattern: re.Pattern[str]
    currency_of: dict[str, str]
    case_sensitive: set[str]
    case_sensitive_folded: set[str]
    scale_of: dict[str, int]
    kind_cues: list[tuple[str, re.Pattern[str]]]
    lvl_per_eur: Decimal


@cache
def lexicon() -> MoneyLexicon:
    data = langdata.load("money.json")
    currency_of = {f.casefold(): code for code, fs in data["currencies"].items() for f in fs}
    scale_of = {f.casefold(): int(k) for k, fs in data["scales"].items() for f in fs}
    currency_forms = [f for fs in data["currencies"].values() for f in fs]
    cur = r"(?P<{g}>" + langdata.alternation(currency_forms)
    cur += r")(?!\w)"
    scale = r"(?:\s?(?P<{g}>" + langdata.alternation(list(scale_of)) + r")(?!\w))?"
    after = rf"(?P<num1>{NUMBER}){scale.format(g='scale1')}\s?{cur.format(g='cur1')}"
    before = rf"(?<!\w){cur.format(g='cur2')}\s?(?P<num2>{NUMBER}){scale.format(g='scale2')}"
    pattern = re.compile(rf"{after}|{before}", re.IGNORECASE)
    kind_cues = [
        (kind, langdata.phrase_regex(cues))
        for kind, cues in data["kinds"].items()
        if not kind.startswith("_")
    ]
    return MoneyLexicon(
        pattern, currency_of, set(data["case_sensitive"]),
        {c.casefold() for c in data["case_sensitive"]}, scale_of, kind_cues,
        Decimal(str(data["lvl_per_eur"])),
    )


def parse_number(raw: str, scaled: bool = False) -> Decimal | None:
    """'266 648,91' -> 266648.91; '1.234.567' -> 1234567; with a scale word '12,5' -> 12.5.

    A lone separator followed by exactly three digits is a thousands separator unless a scale
    word follows (then it is decimal, as in '193,5 million' or '1,250 milj.').
    """
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not s:
        return None
    s = s.replace(" ", "")
    seps = [c for c in s if c in ".,"]
    if seps:
        last = max(s.rfind("."), s.rfind(","))
        decimals = len(s) - last - 1
        if len(set(seps)) == 2:  # both kinds: the last one is decimal
            s = s[:last].replace(".", "").replace(",", "") + "." + s[last + 1 :]
        elif len(seps) > 1 or (decimals == 3 and not scaled):  # repeated, or '1.234': thousands
            s = s.replace(seps[0], "")
        else:
            s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def to_eur(amount: Decimal, currency: str) -> Decimal | None:
    if currency == "EUR":
        return amount
    if currency == "LVL":
        return amount / lexicon().lvl_per_eur
    return None


def fmt(value: Decimal | None) -> str:
    """Plain decimal with '.', at most two decimals, no trailing zeros ('550', '266648.91')."""
    if value is None:
        return ""
    q = value.quantize(Decimal("0.01"))
    text = format(q, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def kind_of(ctx: ExtractContext, start: int, end: int) -> tuple[str, str]:
    """(kind, cue text): the nearest cue before the amount in its line, else after it."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, start) + 1
    s_start, _ = ctx.sentence(start)
    lo = max(line_start, s_start, start - KIND_WINDOW)
    window = text[lo:start]
    if not window.strip(" :–-\t"):
        # a table row or "Label:\n value" layout: the label is the previous short line
        prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        prev = text[prev_start : max(prev_start, line_start - 1)]
        if len(prev) <= LABEL_MAX_CHARS and not any(c.isdigit() for c in prev):
            window = prev
    # the cue that ends closest to the amount wins; on a tie, the longer (more specific) one
    found = [
        (m.end(), len(m.group()), kind, m.group())
        for kind, cue in lexicon().kind_cues
        for m in cue.finditer(window)
    ]
    if found:
        _, _, kind, cue_text = max(found)
        return kind, cue_text
    line_end = text.find("\n", end)
    tail = text[end : (line_end if line_end != -1 else len(text))][:40]
    for kind, cue in lexicon().kind_cues:
        m = cue.search(tail)
        if m:
            return kind, m.group()
    field = ctx.field_at(start)
    if field == "total_cost":
        return "total", ""
    return "other", ""


_PERCENT = re.compile(r"\s*\(?\s*(\d{1,3}(?:[.,]\d+)?)\s?%")


@register("budgets", order=20)
def extract_money(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    lex = lexicon()
    text = doc.text
    for m in lex.pattern.finditer(text):
        n = "1" if m.group("num1") else "2"
        cur_raw = m.group(f"cur{n}")
        if cur_raw.casefold() in lex.case_sensitive_folded and cur_raw not in lex.case_sensitive:
            continue  # 'ls', 'eur' in lower case inside words or prose are not currencies
        currency = lex.currency_of[cur_raw.casefold()]
        scale_raw = m.group(f"scale{n}")
        scale = lex.scale_of[scale_raw.casefold()] if scale_raw else 1
        number = parse_number(m.group(f"num{n}"), scaled=scale != 1)
        if number is None or ctx.is_claimed(m.start(), m.end()):
            continue
        amount = number * scale
        ctx.claim(m.start(), m.end())
        kind, cue = kind_of(ctx, m.start(), m.end())
        pct = _PERCENT.match(text, m.end(), min(len(text), m.end() + 12))
        yield Fact(
            table="budgets",
            doc_id=doc.doc_id,
            text=m.group(),
            start=m.start(),
            end=m.end(),
            values={
                "kind": kind,
                "amount": fmt(amount),
                "currency": currency,
                "amount_eur": fmt(to_eur(amount, currency)),
                "percent": pct.group(1).replace(",", ".") if pct else "",
                "cue": cue,
                "lang": doc.lang_at(m.start()),
            },
        )
