"""Tokens and numbers: digits with thousands groups and scale words ('1 200', '1.7 million'),
number words in every case ('divdesmit pieci', 'тремя'), and the numbers that never count
(years, ordinals, list numbers, decimals, ranges, codes, identifiers after a label word)."""

from __future__ import annotations

import re

from pipeline import langdata
from pipeline.extract.counts.lexicon import CountLexicon
from pipeline.text import add_number_word

# A number (with thousands groups: '1 200', '1,200'), a word (with inner hyphens or apostrophes:
# 'water-quality', "participants'"), or any other single character.
TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d.,]\d)|\d+)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?)"
    r"|(?P<other>\S)"
)
RANGE_BEFORE = re.compile(r"\d\s*[-–—]\s*$")
NOT_DIGIT = re.compile(r"\D")
# '7th', '2nd', '5-й', '3-го': an ordinal, no count (counts.json ordinal_suffixes)
ORDINAL_SUFFIX = re.compile(
    r"-?(?:" + langdata.alternation(langdata.load("counts.json")["ordinal_suffixes"]) + r")\b"
)
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
ROUND_COUNT = 50  # a year-like number divisible by this may be a count ('2000 cilvēku')
SENTENCE_END = frozenset(".!?;")
CODE_BEFORE = re.compile(r"(?<![\w-])[A-ZĀ-Ž]{3,} $")  # an all-caps programme code
CAPS_AFTER = re.compile(r"\s+[A-ZĀ-ŽА-ЯЁ]{2,}\b")
MAX_DIGITS = 6  # longer digit runs are phone numbers or codes, not counts


# (kind, text, start, end), kind one of num, word, other. Plain tuples: every character of every
# document goes through here, and building an object per token cost more than the counting.
Token = tuple[str, str, int, int]


# what a token that may start a number holds: a digit, or a hyphen or apostrophe inside a word
_NUMBER_SIGN = re.compile(r"[\d'’-]")


def _may_hold_number(lex: CountLexicon, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has a token that may start a number (see `extract_counts`):
    most blocks have none, and tokenising them was most of the counting. A number word's
    case-folded form is inside the case-folded block (`casefold` maps each character alone)."""
    return bool(_NUMBER_SIGN.search(text, start, end)
                or lex.number_words.search(text[start:end].casefold()))


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [
        (m.lastgroup or "other", m.group(), m.start(), m.end())
        for m in TOKEN.finditer(text, start, end)
    ]


def _word_value(lex: CountLexicon, surface: str) -> int | None:
    """Value of one number word ('pieci', 'двух', 'twenty-five'), None for other words."""
    word = surface.casefold()
    if word in lex.word_value:
        return lex.word_value[word]
    if "-" in word or "'" in word or "’" in word:  # 'twenty-five'
        parts = re.split(r"[-'’]", word)
        if all(p in lex.word_value for p in parts):
            return sum(lex.word_value[p] for p in parts)
    return None



def _number(lex: CountLexicon, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(value, index of the number's last token) when token i starts a number: digits with a
    scale word ('1,7 milj.', '3K'), or number words ('divdesmit pieci', 'two hundred',
    'пять тысяч'), each later word smaller than the place the one before it left free."""
    kind, surface, _, _ = tokens[i]
    if kind == "num":
        return _scaled(lex, tokens, i, int(NOT_DIGIT.sub("", surface)))
    if kind != "word":
        return None
    value = _word_value(lex, surface)
    if value is None:
        return None  # most words: not a number word
    total, current, last, j = 0, value, value, i
    while j + 1 < len(tokens) and tokens[j + 1][0] == "word":
        word = tokens[j + 1][1].casefold()
        v = _word_value(lex, word)
        step = add_number_word(current, last, v) if v is not None else None
        if step is not None:  # 'divi simti', 'twenty five'
            current, last = step
        elif v is None and word in lex.scale and len(word) > 1 and current:  # 'пять тысяч'
            total, current, last = total + current * lex.scale[word], 0, lex.scale[word]
        else:
            break
        j += 1
    return total + current, j


def _scaled(lex: CountLexicon, tokens: list[Token], i: int, value: int) -> tuple[int, int]:
    """Digits, with decimals only before a scale word ('1.7 million', '3K', '2,5 тыс.')."""
    n, k, frac = len(tokens), i + 1, ""
    if (
        k + 1 < n and tokens[k][1] in {".", ","} and tokens[k][2] == tokens[i][3]
        and tokens[k + 1][0] == "num" and tokens[k + 1][2] == tokens[k][3]
        and tokens[k + 1][1].isdigit()
    ):
        frac, k = tokens[k + 1][1], k + 2
    if k >= n or tokens[k][0] != "word":
        return value, i
    word = tokens[k][1].casefold()
    scale = lex.scale.get(word)
    if scale is None or (len(word) == 1 and tokens[k][2] != tokens[k - 1][3]):
        return value, i  # one letter ('3K') only when glued to the digits
    number = round(float(f"{value}.{frac}") * scale) if frac else value * scale
    if k + 1 < n and tokens[k + 1][1] == "." and tokens[k + 1][2] == tokens[k][3]:
        k += 1  # 'milj.', 'тыс.'
    return int(number), k


def _excluded(
    lex: CountLexicon, text: str, start: int, end: int, digits: bool, head_next: bool
) -> bool:
    """Years, ordinals and list numbers ('7.', '1)'), decimals, codes, identifiers after a label
    word ('Action 2', 'Nr. 3'), numbers glued to signs. A year-like number is a count only
    when it is round (large crowds are counted in round numbers, the archive's years are
    not), right before its unit and without a preposition of time: '2000 cilvēku', not
    'in 2000 participants' nor '2018 participants' reports'."""
    token = text[start:end]
    if digits and YEAR.match(token) and (
        int(token) % ROUND_COUNT or not head_next
        or lex.year_before.search(text, max(0, start - 12), start)
    ):
        return True
    after = text[end : end + 2]
    if after[:1] in {".", ")", "%", "/", "-", "–", ":", "°", "+"} or after[:1].isdigit():
        return True
    if after[:1] == "," and after[1:2].isdigit():
        return True
    if digits and ORDINAL_SUFFIX.match(text, end):
        return True
    before = text[max(0, start - 2) : start]
    if before and (before[-1] in "+./-–#§№_" or before[-1].isdigit()):
        return True
    if digits and before[-1:].isalpha():
        return True  # a code: 'AP1', 'EstLat55'
    if digits and not head_next and CODE_BEFORE.search(text, max(0, start - 12), start) and not (
        CAPS_AFTER.match(text, end)
    ):
        return True  # 'ELRII 308 „Nosaukums” pārstāvji' (not 'KPR 20 municipalities' nor a
        # heading 'OVER 200 PARTICIPANTS')

    if RANGE_BEFORE.search(text, max(0, start - 6), start):
        return True  # the end of a range ('2 – 3 day seminars'): no single count
    if before[-1:] == "," and before[:1].isdigit():
        return True  # the decimals of '1,5'
    if digits and sum(c.isdigit() for c in token) > MAX_DIGITS:
        return True  # phone numbers and codes
    return bool(lex.label_before.search(text, max(0, start - 20), start))
