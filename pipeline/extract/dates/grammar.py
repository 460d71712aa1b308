"""The date grammar: a handful of shapes (numeric d.m.y, day + month word, English month + day,
month only, numeric month/year) combined into ranges; every word comes from
`resources/dates.json`. Day-month-year is the default order; a numeric date is read month-first
only when its day cannot be a month, and the row says so in `note`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan

YEAR_RE = r"(?:19|20)\d\d"
# A two-digit year ('11.08.08'): read in the century that puts it closest to today's archives.
TWO_DIGIT_YEAR_PIVOT = 50


# web text often loses the space between a word and the next one: a lower-case letter followed
# by a capital ('11.martāNr.202') is a word boundary
GLUED_CAPITAL = r"(?<=(?-i:[a-zāčēģīķļņšūžа-яё]))(?=(?-i:[A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ]))"


# The parts of a date are separated by white space inside a line ('[^\S\n]'), never by a line
# break: a year, a year word or 'šā gada' at the start of the next line opens the next paragraph.


@dataclass
class Lexicon:
    month_of: dict[str, int]  # lower-case form -> month
    english_only: set[str]  # forms that are months only in English (must be capitalized)
    abbreviations: set[str]
    patterns: list[tuple[str, re.Pattern[str]]]  # (shape, regex), in priority order
    # where a shape can begin besides a run of digits (see `shape_starts`)
    month_start: re.Pattern[str]  # a month form after no word character (found with cuescan)
    range_start: re.Pattern[str]  # a 'from' word before white space, anywhere
    first_names: frozenset[str]
    between: set[str]  # range words that make 'X and Y' a range whatever the days
    rel_before: re.Pattern[str]  # a relative year word right before a date, at a text's end
    data: dict  # the raw language data, for the kind rules
    weekday_before: re.Pattern[str]  # a full weekday word right before a date ('Otrdien, ')
    weekday_of: dict[str, int]  # lower-case weekday word -> ISO weekday (1 = Monday)


@cache
def lexicon() -> Lexicon:
    data = langdata.load("dates.json")
    month_of: dict[str, int] = {}
    langs_of: dict[str, set[str]] = {}
    abbreviations: set[str] = {a.casefold() for a in data["undotted_abbreviations"]}
    for lang, months in data["months"].items():
        for num, forms in months.items():
            for form in forms:
                key = form.casefold()
                month_of[key] = int(num)
                langs_of.setdefault(key, set()).add(lang)
                if form.endswith("."):
                    abbreviations.add(key)
    english_only = {k for k, langs in langs_of.items() if langs == {"en"}}
    mon_all = langdata.alternation(list(month_of))
    mon_full = langdata.alternation([m for m in month_of if m not in abbreviations])
    ordinal = r"(?:\.|[^\S\n]?" + langdata.alternation(data["ordinal_suffixes"]) + r")?"
    year_after = (
        r"(?:\.?[^\S\n]?(?:" + langdata.alternation(data["year_words_after"]) + r")(?!\w))?"
    )
    relative = {
        "this": data["this_year"], "last": data["last_year"], "next": data["next_year"]
    }
    # a relative year before a date ('šī gada 5. maijā', 'no šī gada 11. līdz 14. maijam') is
    # found by looking back from each match, so the shapes need not start at its words
    # words that give the year only before a date ('pērn decembrī', 'last December'; 'May next
    # to the river' is no next year)
    before_only = data["relative_before_only"]
    rel_before = re.compile(
        r"(?:(?:" + langdata.alternation(data["range_from"]) + r")[^\S\n]+)?(?<!\w)(?:" + "|".join(
            rf"(?P<{name}>{langdata.alternation(words + before_only[name])})"
            for name, words in relative.items()
        ) + r")[^\S\n]+$",
        re.IGNORECASE,
    )
    rel_after = r"(?:[^\S\n]+(?:" + "|".join(
        rf"(?P<{name}_a>{langdata.alternation(words)})" for name, words in relative.items()
    ) + r")(?!\w))?"
    range_from = r"(?:(?P<from>" + langdata.alternation(data["range_from"]) + r")[^\S\n]+)"
    conj = data["range_and"]["and"]
    word_to = [w for w in data["range_to"] if w[0].isalpha() and w not in conj]
    dash_to = [w for w in data["range_to"] if not w[0].isalpha()]
    sep = (
        r"(?:[^\S\n]*(?:" + langdata.alternation(dash_to) + r")[^\S\n]*|[^\S\n]+(?:"
        + langdata.alternation(word_to) + r"|(?P<conj>" + langdata.alternation(conj)
        + r"))[^\S\n]+)"
    )
    between = {w.casefold() for w in data["range_and"]["between"]}

    def day(n: str) -> str:  # never the tail of a longer number, never an hour ('13:40')
        return rf"(?<!\d)(?P<d{n}>[0-3]?\d)(?!\d|:\d)"

    def mon(n: str, alt: str = mon_all) -> str:  # also glued to a capitalised word: 'martāNr.'
        return rf"(?<!\w)(?P<mon{n}>{alt})(?:(?!\w)|{GLUED_CAPITAL})"

    def year(n: str) -> str:
        return rf"(?P<y{n}>{YEAR_RE})(?!\d)"

    def lv_year_before(n: str) -> str:  # "2016.gada 6.jūlijā", "2018. gada 11. aprīlī"
        return rf"(?:(?<!\d)(?P<ly{n}>{YEAR_RE})\.?[^\S\n]?(?:gada|g\.)[^\S\n]?)"

    def numeric(n: str) -> str:
        return rf"(?<![\d.,]){day(n)}[./-](?P<m{n}>[01]?\d)[./-]{year(n)}(?:\.(?!\d))?"

    def numeric_dm(n: str) -> str:  # "11.04." left side of a range
        return rf"(?<![\d.,]){day(n)}\.(?P<m{n}>[01]?\d)\.?"

    def word(n: str) -> str:  # 11. maijā / 20 November 2020 / 11th of April / 16 марта 2017 года
        return (
            rf"{lv_year_before(n)}?{day(n)}{ordinal}[^\S\n]?(?:of[^\S\n]+)?{mon(n)}"
            rf"(?:,?[^\S\n]*{year(n)}{year_after})?"
        )

    def month_first(n: str) -> str:  # March 9th, 2021 / October – 5th, 2020
        return rf"{mon(n)}[^\S\n]*[–-]?[^\S\n]*{day(n)}(?:st|nd|rd|th)?(?:,?[^\S\n]*{year(n)})?"

    def day_only(n: str) -> str:
        return rf"(?<![\d.,]){lv_year_before(n)}?{day(n)}{ordinal}"

    def day_list(n: str) -> str:  # "7., 8. un 9. augustā": the first and the last day
        return rf"{day_only(n)}(?:[^\S\n]*,[^\S\n]*[0-3]?\d{ordinal})+,?"

    def month_only(n: str) -> str:
        return rf"{lv_year_before(n)}?{mon(n, mon_full)}(?:[^\S\n]+{year(n)}{year_after})?"

    def ranged(left: str, right: str) -> str:
        return rf"{range_from}?{left}{sep}{right}{rel_after}"

    iso = rf"(?<![\d.]){year('1')}-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)(?!\d)"
    # '2025.04.20', '2019. 12. 2.': year first with dots (never a Latvian '2019. gada')
    ymd = (
        rf"(?<![\d.,]){year('1')}\.[^\S\n]?(?P<m1>[01]?\d)\.[^\S\n]?(?P<d1>[0-3]?\d)(?!\d)(?:\.(?!\d))?"
    )
    # '11.08.08': every part two digits, the year two digits too
    short_year = r"(?<![\d.,])(?P<d1>[0-3]\d)\.(?P<m1>[01]\d)\.(?P<yy1>\d\d)(?!\d|[.,:]\d)"
    # '03/2018', '09.2019': a month of a year (the month with two digits)
    month_year = rf"(?<![\d./,-])(?P<m1>0[1-9]|1[0-2])[./]{year('1')}(?![\d/-]|[.,]\d)"
    # '2020 June 05': year, month word, day (a site header's order)
    year_month_day = rf"(?<![\d.,]){year('1')}[^\S\n]+{mon('1')}[^\S\n]+{day('1')}"
    shapes = [
        ("range", ranged(numeric("1"), numeric("2"))),
        ("range", ranged(numeric_dm("1"), numeric("2"))),
        ("range", ranged(day_only("1"), numeric("2"))),
        ("range", ranged(word("1"), word("2"))),
        ("range", ranged(month_first("1"), month_first("2"))),
        ("range", ranged(month_first("1"), day_only("2") + rf"(?:,?[^\S\n]*{year('2')})?")),
        ("range", ranged(day_list("1"), word("2"))),
        ("range", ranged(day_only("1"), word("2"))),
        ("range", ranged(month_only("1"), month_only("2"))),
        ("single", iso),
        ("single", ymd),
        ("single", year_month_day),
        ("single", numeric("1")),
        ("single", short_year),
        ("single", word("1") + rel_after),
        ("single", month_first("1")),
        ("month", month_year),
        ("month", month_only("1") + rel_after),
    ]
    patterns = [(shape, re.compile(p, re.IGNORECASE)) for shape, p in shapes]
    # Every shape starts with the first digit of a number after no digit, a month form after no
    # word character (`mon`) or a 'from' word (`range_from`), so the shapes need trying only
    # where one of those starts (`shape_starts`).
    month_start = cuescan.register(re.compile(r"(?<!\w)(?:" + mon_all + ")", re.IGNORECASE),
                                   list(month_of))
    range_start = re.compile(
        r"(?=[" + langdata.first_chars(data["range_from"]) + r"])"
        r"(?=(?:" + langdata.alternation(data["range_from"]) + r")\s)",
        re.IGNORECASE,
    )
    weekday_of = {
        form.casefold(): int(num)
        for num, forms in data["weekday_numbers"].items() for form in forms
    }
    weekday_before = re.compile(
        r"(?<!\w)(?P<wd>" + langdata.alternation(list(weekday_of)) + r")(?!\w)[ \t]*,?[ \t]*$",
        re.IGNORECASE,
    )
    return Lexicon(
        month_of, english_only, abbreviations, patterns, month_start, range_start,
        frozenset(data["first_names"]),
        between, rel_before, data, weekday_before, weekday_of,
    )


@dataclass
class Parsed:
    y1: int | None
    m1: int
    d1: int | None
    y2: int | None
    m2: int
    d2: int | None
    precision: str  # day or month
    this_year: bool = False
    year_offset: int = 0  # -1 for "last year", +1 for "next year" (from the publication year)
    note: str = ""
    weekday: int | None = None  # ISO weekday written right before a single day ('Otrdien, ')


def _month(lex: Lexicon, m: re.Match[str], n: str) -> int | None:
    form = m.group(f"mon{n}") if f"mon{n}" in m.re.groupindex else None
    if form:
        if form.casefold() in lex.english_only and not form[0].isupper():
            return None  # "may", "march" as English verbs
        return lex.month_of[form.casefold()]
    num = m.group(f"m{n}") if f"m{n}" in m.re.groupindex else None
    return int(num) if num else None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _group_int(m: re.Match[str], *names: str) -> int | None:
    for name in names:
        value = _group(m, name)
        if value:
            return int(value)
    return None


def relative_year(m: re.Match[str], suffix: str = "_a") -> tuple[bool, int]:
    """(written with a relative year word, offset from the publication year)."""
    for name, offset in (("this", 0), ("last", -1), ("next", 1)):
        if _group(m, name + suffix):
            return True, offset
    return False, 0


def parse_match(lex: Lexicon, shape: str, m: re.Match[str]) -> Parsed | None:
    """Turn a grammar match into numbers; None when it is not a plausible date."""
    m1, m2 = _month(lex, m, "1"), _month(lex, m, "2")
    d1, d2 = _group_int(m, "d1"), _group_int(m, "d2")
    y1, y2 = _group_int(m, "y1", "ly1"), _group_int(m, "y2", "ly2")
    yy = _group_int(m, "yy1")
    if yy is not None:
        y1 = (2000 if yy < TWO_DIGIT_YEAR_PIVOT else 1900) + yy
    relative, offset = relative_year(m)
    note = ""
    if shape == "month":
        if m1 is None or (_group(m, "mon1") and _looks_like_name(m, "mon1")):
            return None
        return Parsed(y1, m1, None, y1, m1, None, "month", relative, offset)
    # numeric dates: day-month-year unless the "month" cannot be a month
    if _group(m, "m1") and m1 and m1 > 12 and d1 and d1 <= 12:
        d1, m1 = m1, d1
        note = "read as month-day-year: the second number cannot be a month"
    if _group(m, "m2") and m2 and m2 > 12 and d2 and d2 <= 12:
        d2, m2 = m2, d2
        note = "read as month-day-year: the second number cannot be a month"
    if shape == "single":
        m2, d2, y2 = m1, d1, y1
    # "11.–14. maijs" borrows the right side's month, "March 9th-10th" the left side's
    m1, m2 = m1 or m2, m2 or m1
    if m1 is None or m2 is None:
        return None
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    precision = "month" if shape == "range" and d1 is None and d2 is None else "day"
    if precision == "day" and (d1 is None or d2 is None or not (1 <= d1 <= 31 and 1 <= d2 <= 31)):
        return None
    if _group(m, "conj") and not _and_range(lex, m, (m1, d1), (m2, d2)):
        return None
    if yy is not None and not valid_date(y1 or 0, m1, d1 or 0):
        return None  # a two-digit year only makes a date when the date exists
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if (m1, d1 or 1) > (m2, d2 or 1) else y2
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if (m2, d2 or 1) < (m1, d1 or 1) else y1
    return Parsed(y1, m1, d1, y2, m2, d2, precision, relative, offset, note)


def _and_range(
    lex: Lexicon, m: re.Match[str], a: tuple[int, int | None], b: tuple[int, int | None]
) -> bool:
    """'X and Y' is one range after 'between', for a listed run of days ('24., 25. un 26.'),
    or when Y is the day after X ('24. un 25. jūlijā'); '5. un 12. maijā' is two days."""
    opener = _group(m, "from")
    if opener and opener.casefold() in lex.between:
        return True
    if "," in m.string[m.start() : m.start("conj")]:
        return True
    return a[0] == b[0] and a[1] is not None and b[1] == a[1] + 1


_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


def _looks_like_name(m: re.Match[str], group: str) -> bool:
    """A capitalized Latvian/Russian month word is a first name (Maija, Marta) when it stands
    inside a sentence, or when it is also a first name and a capitalized word follows it."""
    form = m.group(group)
    if not form[0].isupper() or form.casefold() in lexicon().english_only:
        return False
    before = m.string[max(0, m.start(group) - 2) : m.start(group)]
    if not (before == "" or before.endswith("\n") or re.search(r"[.!?]\s$", before)):
        return True
    if form not in lexicon().first_names:
        return False
    nxt = _NEXT_WORD.match(m.string, m.end(group))
    return bool(nxt and nxt.group(1)[0].isupper())


def last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year, Feb has 29


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_fits(year: int, month: int, day: int | None, weekdays: set[int]) -> bool:
    """True unless a weekday was written with month-day and that day of `year` is another one
    ('Tuesday, 17 April' is not 17 April 2011, a Sunday)."""
    if not weekdays or day is None:
        return True
    when = valid_date(year, month, day)
    return when is not None and when.isoweekday() in weekdays


def year_in_period(period: tuple[date, date], month: int, day: int | None) -> int | None:
    """The one year in which month-day (or, without a day, any day of the month) falls inside
    the period; None when no year or several years do: a guess would be silent."""
    start, end = period
    years = []
    for year in range(start.year, end.year + 1):
        first = valid_date(year, month, day or 1)
        last = first if day else valid_date(year, month, last_day(year, month))
        if first and last and first <= end and last >= start:
            years.append(year)
    return years[0] if len(years) == 1 else None
