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
from pipeline.text import label_line_above

NUMBER = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f]|\.|,)\d{3})+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
)
KIND_WINDOW = 80  # characters before an amount searched first for its kind cue
TAIL_WINDOW = 60  # characters after an amount searched next
CLAUSE_WINDOW = 250  # then the rest of the sentence before it
OWNER_CHARS = 40  # the words before a relative clause that name whose budget it is
AFTER_CHARS = 80  # enough text after a cue for the two words a relative pronoun may be among


@dataclass
class MoneyLexicon:
    pattern: re.Pattern[str]
    currency_of: dict[str, str]
    case_sensitive: set[str]
    case_sensitive_folded: set[str]
    scale_of: dict[str, int]
    kind_cues: list[tuple[str, re.Pattern[str]]]
    lvl_per_eur: Decimal
    relative_pronoun: re.Pattern[str]
    project_word: re.Pattern[str]
    partitive: re.Pattern[str]


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
    # an amount starts with a digit or a currency form: positions starting with neither are
    # turned away by one test (see langdata.first_chars)
    first = r"(?=[\d" + langdata.first_chars(currency_forms) + "])"
    pattern = re.compile(rf"{first}(?:{after}|{before})", re.IGNORECASE)
    kind_cues = [
        (kind, langdata.stem_phrase_regex(cues))
        for kind, cues in data["kinds"].items()
        if not kind.startswith("_")
    ]
    return MoneyLexicon(
        pattern, currency_of, set(data["case_sensitive"]),
        {c.casefold() for c in data["case_sensitive"]}, scale_of, kind_cues,
        Decimal(str(data["lvl_per_eur"])),
        re.compile(
            r"(?<!\w)(?:" + langdata.alternation(data["relative_pronouns"]["pronouns"])
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        re.compile(
            r"(?<!\w)(?:" + langdata.alternation(data["relative_pronouns"]["project_words"]) + ")",
            re.IGNORECASE,
        ),
        re.compile(
            r"(?<!\w)(?:" + langdata.alternation(data["partitive"]["words"]) + r")(?!\w)",
            re.IGNORECASE,
        ),
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


def kind_of(ctx: ExtractContext, start: int, end: int, prev_end: int = 0) -> tuple[str, str]:
    """(kind, cue text) of the amount at [start, end); `prev_end` ends the amount before it.

    In order: the nearest cue before it in its line and sentence (never before the previous
    amount: that cue is the previous amount's); for an amount that starts its line, a short
    label line above it or its field heading; a cue right after it ('(EU grant)'), but not
    past 'of which' / 'из них', which opens the list of its parts; a cue a clause away in the
    sentence; the field heading.
    """
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, start) + 1
    s_start, s_end = ctx.sentence(start)
    lo = max(line_start, s_start, prev_end)
    cue = _last_cue(text, max(lo, start - KIND_WINDOW), start)
    starts_line = not text[line_start:start].strip(" :–-\t")
    if cue is None and starts_line:
        label = label_line_above(text, line_start, ignore=_PCT_ANYWHERE)
        if label:
            cue = _last_cue(text, *label)
        if cue is None and ctx.field_at(start) == "total_cost":
            return "total", ""
    if cue is None:
        hi = min(_next_amount_start(text, end, s_end), end + TAIL_WINDOW)
        part = lexicon().partitive.search(text, end, hi)
        cue = _first_cue(text, end, part.start() if part else hi)
    if cue is None:
        cue = _last_cue(text, max(lo, start - CLAUSE_WINDOW), start)
    if cue:
        kind, cue_start, cue_end = cue
        if kind == "total" and _other_owner(text, s_start, cue_start, cue_end):
            return "other", text[cue_start:cue_end]
        return kind, text[cue_start:cue_end]
    if ctx.field_at(start) == "total_cost":
        return "total", ""
    return "other", ""


def _cues_in(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    window = text[lo:hi]
    return [
        (lo + m.start(), lo + m.end(), kind)
        for kind, cue in lexicon().kind_cues
        for m in cue.finditer(window)
    ]


def _last_cue(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    """The cue ending closest to `hi`; on a tie the longer (more specific) one."""
    found = _cues_in(text, lo, hi)
    if not found:
        return None
    s, e, kind = max(found, key=lambda c: (c[1], c[1] - c[0]))
    return kind, s, e


def _first_cue(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    found = _cues_in(text, lo, hi)
    if not found:
        return None
    s, e, kind = min(found, key=lambda c: (c[0], c[0] - c[1]))
    return kind, s, e


def _next_amount_start(text: str, pos: int, limit: int) -> int:
    m = lexicon().pattern.search(text, pos, limit)
    return m.start() if m else limit


_PCT_ANYWHERE = re.compile(r"\(?\s*\d{1,3}(?:[.,]\d+)?\s?%\s*\)?")


def _other_owner(text: str, s_start: int, cue_start: int, cue_end: int) -> bool:
    """True when the cue sits in a relative clause about a noun that is not the project:
    'конкурса Программы, общий бюджет которого', 'the programme, whose budget is'."""
    lex = lexicon()
    comma = text.rfind(",", s_start, cue_start)
    if comma == -1:
        return False
    after = text[cue_end : cue_end + AFTER_CHARS].split()[:2]  # the two words after the cue
    clause = text[comma + 1 : cue_end] + " " + " ".join(after)
    if not lex.relative_pronoun.search(clause):
        return False
    owner = text[max(s_start, comma - OWNER_CHARS) : comma]
    return not lex.project_word.search(owner)


_PERCENT = re.compile(r"\s*\(?\s*(\d{1,3}(?:[.,]\d+)?)\s?%")


@register("budgets", order=20)
def extract_money(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    lex = lexicon()
    text = doc.text
    prev_end = 0
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
        kind, cue = kind_of(ctx, m.start(), m.end(), prev_end)
        prev_end = m.end()
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
