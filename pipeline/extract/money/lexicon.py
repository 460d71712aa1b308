"""Money language data compiled once: the amount grammar, currencies, scale words and cues.

`amount` and `currency` are as written (after applying a scale word: '8,6 milj. latu' is
8600000 LVL); `amount_eur` converts lats at the fixed 0.702804 LVL per EUR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.text import add_number_word

_GROUPED = r"\d{1,3}(?:(?:[ \u00a0\u202f]|\.|,)\d{3})+"
NUMBER = (
    # '5 000, 50' (a space after the decimal comma) only after grouped thousands
    rf"(?<![\d.,])(?:{_GROUPED}(?:[.,]\d{{1,2}}|,[ \u00a0]\d{{2}}(?=\s?\D))?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
)
# A number without a currency word that still reads as money: grouped thousands or two decimals
# ('12 345,60', '1234,56', '400 000'), never a lone integer (years, counts, list numbers).
BARE_NUMBER = re.compile(
    rf"(?<![\d.,/\-])(?=[1-9])(?:{_GROUPED}(?:[.,]\d{{2}})?|\d{{1,7}}[.,]\d{{2}})(?![\d%]|[.,]\d|\s?%)"
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


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
    parts_link: re.Pattern[str]  # between an amount and the words that open its parts
    separator: re.Pattern[str]
    owners: list[tuple[str, re.Pattern[str], int]]  # (owner kind, forms, widest word gap)
    dative_owner: re.Pattern[str]
    heads: list[tuple[str, re.Pattern[str]]]  # (head type, forms)
    composite: dict[str, str]  # 'owner+head' -> kind
    bare_owner_kinds: dict[str, str]  # owner kind -> kind of the amount it pays
    cost_gap: int  # words at most between an owner and a cost head
    tight_link: re.Pattern[str]
    percent_base: re.Pattern[str]
    allocation_verb: re.Pattern[str]
    allocation_context: re.Pattern[str]
    currency_label: re.Pattern[str]
    word_pattern: re.Pattern[str]  # 'septiņi miljoni latu', 'двадцать пять тысяч евро'
    number_word: dict[str, int]
    owner_after: re.Pattern[str]  # 'costs of ABC', 'budget for the Board of ...'
    clause_pronoun: re.Pattern[str]  # opens a relative clause set off by commas
    not_money_before: re.Pattern[str]  # 'tālr. 67 123 456' is a phone number
    function_words: frozenset[str]  # not counted between an owner and its head
    scaled_number: re.Pattern[str]  # '2,1 miljons' with no currency after it
    count_unit: re.Pattern[str]  # a counted unit after a scaled number: people, not money
    copula_link: re.Pattern[str]  # what may stand between a bare number and its cue after it
    budget_word: re.Pattern[str]  # a cue that names a budget (for a year's budget)
    scale_word: re.Pattern[str]  # any scale word: without one, no number word or scaled number
    # where `pattern` can begin besides a run of digits: a currency form that opens a word
    # (found with `cuescan`), or a currency symbol
    currency_start: re.Pattern[str]
    currency_symbol: re.Pattern[str]
    funder_verb: re.Pattern[str]  # a funder's allocation ('allocated'), not a payer's ('covers')


def _words(forms: list[str], stems: bool = False) -> re.Pattern[str]:
    """Whole words (or word stems) from `forms`, case-insensitive."""
    tail = r"\w*" if stems else r"(?!\w)"
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(forms) + ")" + tail, re.IGNORECASE)


def _cue_regex(phrases: list[str]) -> re.Pattern[str]:
    """Phrases of word stems; one other word may stand between two of their words
    ('kopējās attiecināmās izmaksas', 'софинансирование столичного самоуправления')."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [_word(w) for w in phrase.split()]
        parts.append(_GAP.join(words))
    first = langdata.first_chars([p.rstrip("=") for p in phrases])
    return re.compile(r"(?=[" + first + r"])(?<!\w)(?:" + "|".join(parts) + r")", re.IGNORECASE)


# one other word between two words of a cue, but not a project word: 'domes projekta budžets' is
# the budget of the council's project, not the council's budget
_GAP = r"\s+(?:(?!projekt|project|проект)[\w\-]+\s+)?"


def _word(word: str) -> str:
    """A cue word as a regex: short abbreviations in capitals only ('ES' is not 'es')."""
    bare = word.rstrip("=")
    body = re.escape(bare) + _ending(word)
    if bare.isupper() and bare.isalpha() and len(bare) <= ABBREVIATION_CHARS:
        return "(?-i:" + body + ")"
    return body


ABBREVIATION_CHARS = 3


def _ending(word: str) -> str:
    """A word of capitals is an abbreviation ('ЕС' is not 'если'); other words may inflect."""
    if word.isupper() and word.isalpha():
        return r"(?!\w)"
    if word.endswith("="):
        return r"(?!\w)"
    return r"\w*" if word[-1].isalnum() else ""


@cache
def lexicon() -> MoneyLexicon:
    data = langdata.load("money.json")
    currency_of = {f.casefold(): code for code, fs in data["currencies"].items() for f in fs}
    scale_of = {f.casefold(): int(k) for k, fs in data["scales"].items() for f in fs}
    # short scale letters ('€1.2m', 'EUR 3 mn') read only after a currency that opens the amount
    short_scales = {f.casefold(): int(k) for k, fs in data["scales_after_currency"].items()
                    if not k.startswith("_") for f in fs}
    currency_forms = [f for fs in data["currencies"].values() for f in fs]
    # a currency form is a whole word, but a digit may follow a symbol or code ('€2.5 million')
    cur = r"(?P<{g}>" + langdata.alternation(currency_forms) + r")(?![^\W\d_])"
    scale = r"(?:\s?(?P<{g}>" + langdata.alternation(list(scale_of)) + r")(?!\w))?"
    short_scale = r"(?:\s?(?P<{g}>" + langdata.alternation(
        list(scale_of) + list(short_scales)) + r")(?!\w))?"
    # a whole amount may end with ',-' or '.-' ('120 000,- EUR')
    whole = r"(?:[.,][-–](?![\d\-–]))?"
    # 'два миллиона триста тысяч' in digits: '2 млн 300 тыс. евро', '1 milj. 200 tūkst. eiro'
    bigger = (r"(?:(?P<num0>\d{1,3}(?:[.,]\d{1,3})?)[ \u00a0]?(?P<scale0>"
              + langdata.alternation(list(scale_of)) + r")(?!\w)[ \u00a0]+(?=\d))?")
    after = (rf"{bigger}(?P<num1>{NUMBER}){whole}{scale.format(g='scale1')},?\s?"
             rf"{cur.format(g='cur1')}")
    before = (rf"(?<!\w){cur.format(g='cur2')}:?\s?(?P<num2>{NUMBER}){whole}"
              rf"{short_scale.format(g='scale2')}")
    scale_of = {**short_scales, **scale_of}
    # an amount starts with a digit or a currency form: positions starting with neither are
    # turned away by one test (see langdata.first_chars)
    first = r"(?=[\d" + langdata.first_chars(currency_forms) + "])"
    pattern = re.compile(rf"{first}(?:{after}|{before})", re.IGNORECASE)
    kind_cues = [
        (kind, _cue_regex(cues)) for kind, cues in data["kinds"].items() if not kind.startswith("_")
    ]
    own = data["owners"]
    # number words (the counts' language data) before a scale word and a currency
    number_word = {
        w.casefold(): int(n)
        for by_number in langdata.load("counts.json")["number_words"].values()
        for n, forms in by_number.items() for w in forms
    }
    number_alt = langdata.alternation(list(number_word))
    word_pattern = re.compile(
        r"(?=[" + langdata.first_chars(list(number_word)) + r"])(?<!\w)(?P<word>"
        + rf"(?:{number_alt})(?:\s+(?:{number_alt})(?!\w)){{0,3}})\s+"
        + scale.format(g="scale").removeprefix(r"(?:\s?").removesuffix(")?")
        + r"\s?" + cur.format(g="cur"),
        re.IGNORECASE,
    )
    return MoneyLexicon(
        pattern, currency_of, set(data["case_sensitive"]),
        {c.casefold() for c in data["case_sensitive"]}, scale_of, kind_cues,
        Decimal(str(data["lvl_per_eur"])),
        _words(data["relative_pronouns"]["pronouns"]),
        _words(data["relative_pronouns"]["project_words"], stems=True),
        _words(data["partitive"]["words"]),
        re.compile(r"\s*(?:(?:" + langdata.alternation(data["partitive"]["links_before"])
                   + r")(?!\w)\s*)?[,.;:]?\s*", re.IGNORECASE),
        re.compile(
            r"[,;]|(?<!\w)(?:" + langdata.alternation(data["separators"]["words"]) + r")(?!\w)",
            re.IGNORECASE,
        ),
        [
            (kind, _words(forms), own["max_gap"].get(kind, own["max_gap"]["_default"]))
            for kind, forms in own["forms"].items()
        ],
        _words(own["dative"]),
        [(head, _words(forms, stems=head == "contribution"))
         for head, forms in data["heads"].items() if not head.startswith("_")],
        {k: v for k, v in data["composite"].items() if not k.startswith("_")},
        {k: v for k, v in data["bare_owner_kinds"].items() if not k.startswith("_")},
        own["max_gap"]["cost"],
        re.compile(r"\s*(?:[-–—:(]\s*)?(?:(?:" + langdata.alternation(data["tight_links"])
                   + r")\s+)?(?:the\s+)?$", re.IGNORECASE),
        re.compile(r"%\)?\s*(?:" + langdata.alternation(data["percent_base"])
                   + r")\s+(?:\S+\s+){0,2}$", re.IGNORECASE),
        _words(data["allocation"]["verbs"], stems=True),
        _words(data["allocation"]["contexts"], stems=True),
        re.compile(r"(?:\(|,\s*|\s)(?P<cur>" + langdata.alternation(
            [f for fs in data["currencies"].values() for f in fs if f.isupper() or f == "€"]
        ) + r")\)?\s*:?\s*$"),
        word_pattern,
        number_word,
        re.compile(
            r"(?<!\w)(?i:" + langdata.alternation(data["owner_after"]["heads"]) + r")\s+(?i:"
            + langdata.alternation(data["owner_after"]["links"]) + r")\s+(?:the\s+)?(?!(?:"
            + langdata.alternation(data["owner_after"]["not_owners"]) + r")(?!\w))[A-ZĀ-ŽА-Я]\w*"
        ),
        _words(data["embedded_clauses"]["pronouns"]),
        re.compile(r"(?<!\w)(?:" + langdata.alternation(data["not_money_before"]["words"])
                   + r")\.?:?\s*$", re.IGNORECASE),
        frozenset(own["function_words"]),
        re.compile(rf"(?P<num>{NUMBER})\s?(?P<scale>" + langdata.alternation(list(scale_of))
                   + r")(?!\w)", re.IGNORECASE),
        _words([u for unit, stems in langdata.load("counts.json")["units"].items()
                if unit != "other" for u in stems], stems=True),
        re.compile(r"[\s\-–—:]*(?:(?:" + langdata.alternation(data["copulas"]["words"])
                   + r")\s+)?", re.IGNORECASE),
        _words(data["annual_budget"]["words"], stems=True),
        re.compile(r"(?=[" + langdata.first_chars(list(scale_of)) + r"])(?<!\w)(?:"
                   + langdata.alternation(list(scale_of)) + r")(?!\w)", re.IGNORECASE),
        *_currency_starts(currency_forms),
        _words(data["allocation"]["funder_verbs"], stems=True),
    )


def _currency_starts(forms: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A registered cue (`cuescan`) of the currency forms that begin with a word character,
    and a class of the first characters of the others ('€')."""
    words = [f for f in forms if re.match(r"\w", f)]
    symbols = sorted({f[0] for f in forms if not re.match(r"\w", f)})
    cue = cuescan.register(
        re.compile(r"(?<!\w)(?:" + langdata.alternation(words) + ")", re.IGNORECASE), words)
    symbol = re.compile("[" + "".join(map(re.escape, symbols)) + "]" if symbols else "(?!)",
                        re.IGNORECASE)
    return cue, symbol


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


def words_value(words: list[str]) -> int | None:
    """The number that number words make together ('divdesmit pieci' 25, 'двести пятьдесят'
    250, 'two hundred' 200), each later word smaller than the place the one before it left
    free; None when they are not one number ('pieci divdesmit')."""
    number_word = lexicon().number_word
    current = last = None
    for word in words:
        v = number_word[word.casefold()]
        if current is None or last is None:
            current = last = v
        elif (step := add_number_word(current, last, v)) is not None:
            current, last = step
        else:
            return None
    return current


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
