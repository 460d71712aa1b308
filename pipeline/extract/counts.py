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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.model import Document, Fact

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
COMPOUND_INNER_MIN = 5  # a stem this long may end a Latvian compound ('partnervalstis')
HUNDRED = 100
ANTECEDENT_CHARS = 150  # how far back a count may be the antecedent of an elliptic one
ANTECEDENT_WORDS = 10  # how many words back a unit word may be
SENTENCE_END = frozenset(".!?;")
CODE_BEFORE = re.compile(r"(?<![\w-])[A-ZĀ-Ž]{3,} $")  # an all-caps programme code
CAPS_AFTER = re.compile(r"\s+[A-ZĀ-ŽА-ЯЁ]{2,}\b")
DASHES = frozenset("-–—")
OPEN_QUOTES = frozenset("\"“„«‘'")
CLOSE_QUOTES = frozenset("\"”“»’'")
QUOTE_WORDS = 8  # a quoted name inside a noun phrase is at most this long
MAX_DIGITS = 6  # longer digit runs are phone numbers or codes, not counts
QUALIFIER_CHARS = 30  # how far before the number a qualifier ('more than') may start
LANGS = ("lv", "en", "ru")


@dataclass
class CountLexicon:
    stems: list[tuple[str, str]]  # (stem, unit), longest first
    word_value: dict[str, int]
    stops: frozenset[str]
    modifier: re.Pattern[str]
    complement: re.Pattern[str]
    genitive_only: re.Pattern[str]
    adjective_endings: tuple[str, ...]
    inner_match: bool
    qualifiers: list[tuple[str, re.Pattern[str]]]
    not_units: re.Pattern[str]
    label_before: re.Pattern[str]
    year_before: re.Pattern[str]
    max_between: int
    max_between_case: int
    one_word_units: frozenset[str]
    coordinators: frozenset[str]
    singular: re.Pattern[str]
    connectors: frozenset[str]
    wins: list[tuple[str, tuple[str, ...]]]  # (modifier unit, head stems it takes over)
    scale: dict[str, int]
    partitive: frozenset[str]
    partitive_head: re.Pattern[str]
    singular_after_one: bool
    between: re.Pattern[str] | None
    cases: dict[str, re.Pattern[str]]  # number word -> endings of its head
    case_before: dict[str, re.Pattern[str]]  # word before digits -> endings of their head
    ellipsis_after: re.Pattern[str]
    ellipsis_before: re.Pattern[str]
    origin: frozenset[str]
    origin_before: re.Pattern[str]  # group 1: the first letter of the next word
    antecedent_not: re.Pattern[str]  # "pasākumā": a complement, never the noun counted
    measure_after: re.Pattern[str]  # "(2 stundas)", "(15 %)": a measure, no elliptic count
    gap_after: re.Pattern[str]  # '... and seven – in Rokiškis': a dash for the noun, a place
    gap_before: frozenset[str]  # words before a gapped clause's number ('and', ',')
    number_words: re.Pattern[str]  # any key of word_value, searched in case-folded text
    building_stems: tuple[str, ...]  # organisation words that also name their house
    works_stems: tuple[str, ...]  # building works ('rekonstruēt', 'renovated', 'ремонт')
    works_words: int  # how many words from the count a works word may stand
    # unit_of per word, remembered: the same head nouns come back in every document
    units_seen: dict[str, str | None] = field(default_factory=dict)


@cache
def lexicon(lang: str) -> CountLexicon:
    data = langdata.load("counts.json")
    lang = lang if lang in LANGS else "en"
    stems = sorted(
        ((s.casefold(), unit) for unit, ss in data["units"].items() for s in ss if " " not in s),
        key=lambda p: (-len(p[0]), p[0]),
    )
    word_value = {
        w.casefold(): int(v)
        for words in data["number_words"].values()
        for v, forms in words.items()
        for w in forms
        if " " not in w
    }
    qualifiers = [
        (name, re.compile(r"(?<!\w)(?:" + langdata.alternation(forms) + r")\s+$", re.I))
        for name, forms in data["qualifiers"].items()
    ]
    building = data["building_units"]
    return CountLexicon(
        building_stems=tuple(w.casefold() for w in building["stems"]),
        works_stems=tuple(w.casefold() for w in building["works_stems"]),
        works_words=int(building["works_words"]),
        stems=stems,
        word_value=word_value,
        number_words=re.compile(langdata.alternation(list(word_value)) if word_value else "(?!)"),
        stops=frozenset(w.casefold() for w in data["stop_words"][lang]),
        modifier=re.compile(data["modifier_pattern"][lang]),
        complement=re.compile(data["complement_pattern"][lang]),
        genitive_only=re.compile(data["genitive_only_pattern"][lang]),
        adjective_endings=tuple(data["adjective_endings"][lang]),
        inner_match=lang == "lv",
        qualifiers=qualifiers,
        not_units=re.compile(r"(?:" + langdata.alternation(data["not_units"]) + r")", re.I),
        label_before=re.compile(
            r"(?<!\w)(?:" + langdata.alternation(data["label_words_before"]) + r")\s*$", re.I
        ),
        year_before=re.compile(
            r"(?<!\w)(?:" + langdata.alternation(
                [w for ws in data["year_prepositions"].values() if isinstance(ws, list) for w in ws]
            ) + r")\s+$", re.I
        ),
        max_between=int(data["max_words_between"]),
        max_between_case=int(data["max_words_between_case"]),
        one_word_units=frozenset(data["units_after_word_one"]),
        coordinators=frozenset(w.casefold() for w in data["coordinators"][lang]),
        singular=re.compile(data["singular_pattern"][lang]),
        connectors=frozenset(data["np_connectors"]),
        wins=[(unit, tuple(h.casefold() for h in heads))
              for unit, heads in data["modifier_wins"].items() if not unit.startswith("_")],
        scale={w.casefold(): int(v) for v, ws in data["scale_words"].items()
               if not v.startswith("_") for w in ws},
        partitive=frozenset(data["partitive"][lang]),
        partitive_head=re.compile(data["partitive_head_pattern"][lang]),
        singular_after_one=lang in data["singular_after_ending_one"],
        between=re.compile(data["between_pattern"][lang])
        if lang in data["between_pattern"] else None,
        cases=_case_map(data["number_word_cases"][lang], data["case_endings"][lang]),
        case_before=_case_map(data["case_before"][lang], data["case_endings"][lang]),
        ellipsis_after=re.compile(
            r"\s*(?:" + langdata.alternation(data["ellipsis_after"][lang]) + r")(?!\w)", re.I
        ),
        ellipsis_before=_before_pattern(
            data["ellipsis_before"][lang],
            [f for forms in data["qualifiers"].values() if isinstance(forms, list) for f in forms],
        ),
        origin=frozenset(w.casefold() for w in data["ellipsis_origin"][lang]),
        antecedent_not=re.compile(data["antecedent_not_pattern"][lang]),
        measure_after=_measure_pattern(data["measure_after"][lang]),
        gap_before=frozenset(w.casefold() for w in data["gapping"]["before"][lang]),
        gap_after=re.compile(
            r"[ \u00a0]*[–—-](?:[ \u00a0]+(?:"
            + langdata.alternation(data["gapping"]["prepositions"][lang])
            + r"))?(?=[ \u00a0]+[A-ZĀ-ŽА-ЯЁ])"
        ),
        origin_before=re.compile(
            r"\s*(?:" + langdata.alternation(data["ellipsis_origin"][lang]) + r")(?=\s+(\w))",
            re.I,
        ),
    )


def _before_pattern(markers: list[str], qualifiers: list[str]) -> re.Pattern[str]:
    """A pattern for one of `markers` right before a number: words with a space after them
    ('including 5'), signs with or without one ('(1.7 million'); a qualifier may stand between
    ('(at least 2 of them online', 'tai skaitā vismaz 3')."""
    words = [m for m in markers if m[-1].isalnum()]
    signs = [m for m in markers if not m[-1].isalnum()]
    alternatives = [r"(?<!\w)(?:" + langdata.alternation(words) + r")\s+"] if words else []
    alternatives += [r"(?:" + langdata.alternation(signs) + r")\s*"] if signs else []
    qualifier = r"(?:(?:" + langdata.alternation(qualifiers) + r")\s+)?" if qualifiers else ""
    return re.compile(r"(?:" + "|".join(alternatives or ["(?!)"]) + r")" + qualifier + "$", re.I)


def _measure_pattern(words: list[str]) -> re.Pattern[str]:
    """Words ('km', stems ending in '*': 'stund*') or signs ('%') right after a number."""
    stems = [w[:-1] for w in words if w.endswith("*")]
    whole = [w for w in words if not w.endswith("*") and w[-1].isalnum()]
    signs = [w for w in words if not w.endswith("*") and not w[-1].isalnum()]
    alternatives = [r"(?:" + langdata.alternation(signs) + r")"] if signs else []
    alternatives += [r"(?:" + langdata.alternation(stems) + r")"] if stems else []
    alternatives += [r"(?:" + langdata.alternation(whole) + r")(?![^\W\d_])"] if whole else []
    return re.compile(r"\s*(?:" + "|".join(alternatives or ["(?!)"]) + r")", re.I)


def _case_map(words: dict[str, list[str]], endings: dict[str, str]) -> dict[str, re.Pattern[str]]:
    """word -> compiled endings of the case it shows."""
    patterns = {case: re.compile(e) for case, e in endings.items()}
    return {w.casefold(): patterns[case] for case, ws in words.items() for w in ws}


UNITS_SEEN_MAX = 100_000  # words remembered per language before the memo starts over


def unit_of(lex: CountLexicon, word: str) -> str | None:
    """Unit of a word by its stem; a Latvian compound by the stem that ends it."""
    try:
        return lex.units_seen[word]
    except KeyError:
        pass
    if len(lex.units_seen) >= UNITS_SEEN_MAX:
        lex.units_seen.clear()
    unit = lex.units_seen[word] = _unit_of(lex, word)
    return unit


def _unit_of(lex: CountLexicon, word: str) -> str | None:
    """The unit of a word: that of the stem standing last in it, the longest there (a Latvian
    compound or a hyphenated one counts by its last part); adjectives have none."""
    w = word.casefold().rstrip("'’")
    if w.endswith(lex.adjective_endings):
        return None
    best: tuple[int, int, str] | None = None  # (start, length, unit)
    first: set[str] = set()  # units of the stems that start the word
    for stem, unit in lex.stems:
        if w.startswith(stem):
            pos = 0
            first.add(unit)
        elif lex.inner_match and len(stem) >= COMPOUND_INNER_MIN and stem in w[3:]:
            pos = w.rindex(stem)
        elif "-" + stem in w:  # the second part of a hyphenated compound: 'организаций-партнёров'
            pos = w.rindex("-" + stem) + 1
        else:
            continue
        if best is None or (pos, len(stem)) > best[:2]:
            best = (pos, len(stem), unit)
    if best is None:
        return None
    if best[0] > 0:  # a compound: 'partnerorganizācijas' counts partners
        return _winner(lex, first, w[best[0]:], best[2])
    return best[2]


def _winner(lex: CountLexicon, modifiers: set[str], head: str, unit: str) -> str:
    """The unit of `head` after modifiers of `modifiers` units: a generic head ('organisations')
    after a modifier that says what they are ('partner') counts the modifier's unit."""
    for mod_unit, heads in lex.wins:
        if mod_unit in modifiers and mod_unit != unit and head.startswith(heads):
            return mod_unit
    return unit


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


def _trailing_zeros(n: int) -> int:
    zeros = 0
    while n and n % 10 == 0:
        n //= 10
        zeros += 1
    return zeros


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
        if v == HUNDRED and 0 < current < 10:  # 'divi simti', 'two hundred'
            current, last = current * HUNDRED, HUNDRED
        elif v is not None and 0 < v < 10 ** _trailing_zeros(last):  # 'twenty five'
            current, last = current + v, v
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
    units = {unit for stem, unit in lex.stems if stem.startswith(cut) and stem != cut}
    if not units:
        return None
    return last, units.pop() if len(units) == 1 else "other"


def _building_works(lex: CountLexicon, tokens: list[Token], i: int, h: int) -> bool:
    """Whether the head at h (after the number at i) names houses that building works are done
    to: an organisation word that also names its building ('iestādes', 'schools', 'школ') with
    a works word ('rekonstruēt', 'renovated', 'ремонт') in the same sentence, within
    `works_words` words of the count."""
    if not tokens[h][1].casefold().startswith(lex.building_stems):
        return False
    for step, edge in ((-1, i), (1, h)):
        k, words = edge, 0
        while 0 <= k + step < len(tokens) and words < lex.works_words:
            k += step
            kind, surface, _, _ = tokens[k]
            if surface in SENTENCE_END:
                break
            if kind != "word":
                continue
            words += 1
            if surface.casefold().startswith(lex.works_stems):
                return True
    return False


def _gapped(
    lex: CountLexicon, text: str, tokens: list[Token], i: int, j: int,
    found: list[tuple[int, str]],
) -> tuple[str, int] | None:
    """(unit, end) of a number in a gapped clause ('Three rooms in Viesite and seven – in
    Rokiškis'): after a coordinator or a comma, a dash for the repeated noun, then a place;
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
