"""Dates and periods: single days, ranges, month-only mentions, in Latvian, English and Russian.

The grammar is a handful of shapes (numeric d.m.y, day + month word, English month + day,
month only) combined into ranges; every word comes from `resources/dates.json`. Day-month-year is
the default order; a numeric date is read month-first only when its day cannot be a month, and
the row says so in `note`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext, register
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact
from pipeline.places import place_near
from pipeline.sections import Section, section_at
from pipeline.text import label_line_above

YEAR_RE = r"(?:19|20)\d\d"
PUBLICATION_WINDOW = 300  # the publication date printed near the top of the text
DATELINE_MAX_LINE = 3  # a dateline is among the first lines of the text or of a language part


@dataclass
class Lexicon:
    month_of: dict[str, int]  # lower-case form -> month
    english_only: set[str]  # forms that are months only in English (must be capitalized)
    abbreviations: set[str]
    patterns: list[tuple[str, re.Pattern[str]]]  # (shape, regex), in priority order
    starts: re.Pattern[str]  # finds every position where one of `patterns` can start
    kind_cues: list[tuple[str, re.Pattern[str]]]
    event_cues: list[tuple[str, re.Pattern[str]]]
    first_names: frozenset[str]
    deadline_before: re.Pattern[str]
    dateline_head: re.Pattern[str]


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
    ordinal = r"(?:\.|" + langdata.alternation(data["ordinal_suffixes"]) + r")?"
    year_after = r"(?:\.?\s?(?:" + langdata.alternation(data["year_words_after"]) + r")(?!\w))?"
    this_year = r"(?P<this>" + langdata.alternation(data["this_year"]) + r")\s+"
    range_from = r"(?:(?:" + langdata.alternation(data["range_from"]) + r")\s+)"
    word_to = [w for w in data["range_to"] if w[0].isalpha()]
    dash_to = [w for w in data["range_to"] if not w[0].isalpha()]
    sep = (
        r"(?:\s*(?:" + langdata.alternation(dash_to) + r")\s*|\s+(?:"
        + langdata.alternation(word_to) + r")\s+)"
    )

    def day(n: str) -> str:
        return rf"(?P<d{n}>[0-3]?\d)(?!\d)"

    def mon(n: str, alt: str = mon_all) -> str:
        return rf"(?P<mon{n}>{alt})(?!\w)"

    def year(n: str) -> str:
        return rf"(?P<y{n}>{YEAR_RE})(?!\d)"

    def lv_year_before(n: str) -> str:  # "2016.gada 6.jūlijā", "2018. gada 11. aprīlī"
        return rf"(?:(?P<ly{n}>{YEAR_RE})\.?\s?(?:gada|g\.)\s?)"

    def numeric(n: str) -> str:
        return rf"(?<![\d.,]){day(n)}[./-](?P<m{n}>[01]?\d)[./-]{year(n)}(?:\.(?!\d))?"

    def numeric_dm(n: str) -> str:  # "11.04." left side of a range
        return rf"(?<![\d.,]){day(n)}\.(?P<m{n}>[01]?\d)\.?"

    def word(n: str) -> str:  # 11. maijā / 20 November 2020 / 11th of April / 16 марта 2017 года
        return (
            rf"{lv_year_before(n)}?{day(n)}{ordinal}\s?(?:of\s+)?{mon(n)}"
            rf"(?:,?\s*{year(n)}{year_after})?"
        )

    def month_first(n: str) -> str:  # March 9th, 2021 / October – 5th, 2020
        return rf"{mon(n)}\s*[–-]?\s*{day(n)}(?:st|nd|rd|th)?(?:,?\s*{year(n)})?"

    def day_only(n: str) -> str:
        return rf"(?<![\d.,]){lv_year_before(n)}?{day(n)}{ordinal}"

    def month_only(n: str) -> str:
        return rf"{lv_year_before(n)}?{mon(n, mon_full)}(?:\s+{year(n)}{year_after})?"

    def ranged(left: str, right: str) -> str:
        return rf"(?:{range_from}?(?:{this_year})?){left}{sep}{right}"

    single_prefix = rf"(?:{this_year})?"
    iso = rf"(?<![\d.]){year('1')}-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)(?!\d)"
    shapes = [
        ("range", ranged(numeric("1"), numeric("2"))),
        ("range", ranged(numeric_dm("1"), numeric("2"))),
        ("range", ranged(word("1"), word("2"))),
        ("range", ranged(month_first("1"), month_first("2"))),
        ("range", ranged(month_first("1"), day_only("2") + rf"(?:,?\s*{year('2')})?")),
        ("range", ranged(day_only("1"), word("2"))),
        ("range", ranged(month_only("1"), month_only("2"))),
        ("single", iso),
        ("single", numeric("1")),
        ("single", single_prefix + word("1")),
        ("single", month_first("1")),
        ("month", single_prefix + month_only("1")),
    ]
    patterns = [(shape, re.compile(p, re.IGNORECASE)) for shape, p in shapes]
    # Every shape starts with a digit, a month form, 'from' or 'this year' (see above), so the
    # shapes need trying only where one of those starts: one scan finds those positions.
    first = langdata.first_chars([*month_of, *data["range_from"], *data["this_year"]])
    starts = re.compile(
        r"(?=[\d" + first + r"])"
        r"(?=\d|(?:" + langdata.alternation(data["range_from"]) + r")\s|(?:"
        + langdata.alternation(data["this_year"]) + r")\s|(?:" + mon_all + r")(?!\w))",
        re.IGNORECASE,
    )
    kind_cues = [
        (kind, langdata.stem_phrase_regex([c for forms in langs.values() for c in forms]))
        for kind, langs in data["kinds"].items()
    ]
    event_cues = [
        (label, langdata.stem_phrase_regex(stems)) for label, stems in data["events"].items()
    ]
    deadline_before = re.compile(
        r"(?<!\w)(?:" + langdata.alternation(data["deadline_before"]) + r")\s+$", re.IGNORECASE
    )
    # '[Place[ Place],] ' before a dateline's date: capitalized words and a comma, or nothing
    dateline_head = re.compile(r"[ \t]*(?:[^\W\d_][\w.-]*(?:[ \t][^\W\d_][\w.-]*){0,2},[ \t]*)?")
    return Lexicon(
        month_of, english_only, abbreviations, patterns, starts, kind_cues, event_cues,
        frozenset(data["first_names"]), deadline_before, dateline_head,
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
    note: str = ""


def _month(lex: Lexicon, m: re.Match[str], n: str) -> int | None:
    form = m.group(f"mon{n}") if f"mon{n}" in m.re.groupindex else None
    if form:
        if form.casefold() in lex.english_only and not form[0].isupper():
            return None  # "may", "march" as English verbs
        return lex.month_of[form.casefold()]
    num = m.group(f"m{n}") if f"m{n}" in m.re.groupindex else None
    return int(num) if num else None


def _group_int(m: re.Match[str], *names: str) -> int | None:
    for name in names:
        if name in m.re.groupindex and m.group(name):
            return int(m.group(name))
    return None


def parse_match(lex: Lexicon, shape: str, m: re.Match[str]) -> Parsed | None:
    """Turn a grammar match into numbers; None when it is not a plausible date."""
    m1, m2 = _month(lex, m, "1"), _month(lex, m, "2")
    d1, d2 = _group_int(m, "d1"), _group_int(m, "d2")
    y1, y2 = _group_int(m, "y1", "ly1"), _group_int(m, "y2", "ly2")
    this = "this" in m.re.groupindex and bool(m.group("this"))
    note = ""
    if shape == "month":
        if m1 is None or _looks_like_name(m, "mon1"):
            return None
        return Parsed(y1, m1, None, y1, m1, None, "month", this)
    # numeric dates: day-month-year unless the "month" cannot be a month
    if "m1" in m.re.groupindex and m.group("m1") and m1 and m1 > 12 and d1 and d1 <= 12:
        d1, m1 = m1, d1
        note = "read as month-day-year: the second number cannot be a month"
    if "m2" in m.re.groupindex and m.group("m2") and m2 and m2 > 12 and d2 and d2 <= 12:
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
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if (m1, d1 or 1) > (m2, d2 or 1) else y2
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if (m2, d2 or 1) < (m1, d1 or 1) else y1
    return Parsed(y1, m1, d1, y2, m2, d2, precision, this, note)


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


def _last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year, Feb has 29


def _iso(year: int | None, month: int, day: int) -> tuple[str, str, bool]:
    """(ISO date or '', MM-DD, valid)."""
    md = f"{month:02d}-{day:02d}"
    try:
        date(year or 2000, month, day)
    except ValueError:
        return "", md, False
    return (f"{year:04d}-{md}" if year else ""), md, True


def year_in_period(period: tuple[date, date], month: int, day: int | None) -> int | None:
    """The one year in which month-day (or, without a day, any day of the month) falls inside
    the period; None when no year or several years do: a guess would be silent."""
    start, end = period
    years = []
    for year in range(start.year, end.year + 1):
        first = _valid_date(year, month, day or 1)
        last = first if day else _valid_date(year, month, _last_day(year, month))
        if first and last and first <= end and last >= start:
            years.append(year)
    return years[0] if len(years) == 1 else None


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _reference_year(
    doc: Document, ctx: ExtractContext, month: int, day: int | None
) -> tuple[int, str]:
    """(year, source) for a year-less date: the publication date (the document's own, else its
    dateline), then the implementation period stated in the document, then --reference-date.
    (0, '') when none applies; `pipeline.resolve` later tries the project's other documents."""
    published = doc.publication_date or ctx.cache.get("dateline_date")
    if published:
        return published.year, "publication date"
    period = ctx.cache.get("implementation_period")
    if period:
        year = year_in_period(period, month, day)
        if year:
            return year, "project period"
    ref = ctx.cache.get("reference_date")
    if ref:
        return ref.year, "reference date"
    return 0, ""


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str = ""
    from_heading: bool = False  # set by an implementation-period heading: nothing overrides it




def _context_kind(ctx: ExtractContext, start: int, end: int, shape: str) -> Kind:
    """Kind and label of the date at [start, end): its field heading, a 'Place, date' dateline,
    the nearest cue in its sentence, a label line above it ("Pieteikumu iesniegšanas termiņš\n
    15. marts"), a date alone on a top line (publication), then a deadline preposition right
    before a single date ("līdz 12. aprīlim")."""
    doc = ctx.doc
    section = section_at(ctx.sections, start)
    field = section.field if section else None
    if section and field == "period" and _in_first_value_line(doc.text, section, start):
        return Kind("implementation", from_heading=True)
    dateline = is_dateline(doc.text, start, end) if shape == "single" else None
    if dateline == "place":
        return Kind("publication")
    s_start, s_end = ctx.sentence(start)
    best = _nearest_cue(doc.text, s_start, s_end, start, end)
    if best is None:
        label = _label_line(doc.text, start)
        if label:
            best = _nearest_cue(doc.text, label[0], label[1], start, end)
    if best is None and dateline:
        return Kind("publication")
    if field == "mobilities":
        return Kind("event", best.label if best and best.kind == "event" else "mobility")
    if best and best.kind == "implementation":
        return best
    if shape != "range" and _deadline_before(doc.text, s_start, start):
        return Kind("deadline")
    return best or Kind("other")


def _nearest_cue(text: str, lo: int, hi: int, start: int, end: int) -> Kind | None:
    """The kind or event cue in text[lo:hi] closest to the date at [start, end)."""
    lex = lexicon()
    best: tuple[int, Kind] | None = None
    span = text[lo:hi]
    cues = [(kind, "", cue) for kind, cue in lex.kind_cues]
    cues += [("event", label, cue) for label, cue in lex.event_cues]
    for kind, label, cue in cues:
        for m in cue.finditer(span):
            dist = _distance(lo + m.start(), lo + m.end(), start, end)
            if best is None or dist < best[0]:
                best = (dist, Kind(kind, label))
    return best[1] if best else None


def _label_line(text: str, offset: int) -> tuple[int, int] | None:
    """The label line above a date that starts its line (see pipeline.text.label_line_above)."""
    line_start = text.rfind("\n", 0, offset) + 1
    if text[line_start:offset].strip(" \t:–-"):
        return None
    return label_line_above(text, line_start)


def _deadline_before(text: str, s_start: int, start: int) -> bool:
    """True when a deadline preposition ('līdz', 'until', 'до') stands right before the date."""
    return bool(lexicon().deadline_before.search(text, max(s_start, start - 30), start))


def is_dateline(text: str, start: int, end: int) -> str | None:
    """'place' for a line holding only 'Place, date', 'alone' for a line holding only the date,
    when that line is among the first lines of the text or of a part after a blank line: the
    date the text was written or published ('Daugavpils, 2018. gada 13. aprīlī'); else None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[end:line_end].strip(" .\t"):
        return None
    head = lexicon().dateline_head.fullmatch(text, line_start, start)
    if not head:
        return None
    words = head.group().replace(",", " ").split()
    if not all(w[0].isupper() for w in words):
        return None
    part_start = text.rfind("\n\n", 0, line_start)
    part_start = 0 if part_start == -1 else part_start + 2
    if text.count("\n", part_start, line_start) >= DATELINE_MAX_LINE:
        return None
    return "place" if words else "alone"


def _in_first_value_line(text: str, section: Section, offset: int) -> bool:
    """True when `offset` is on the first non-blank line of the section's value."""
    value = text[section.start : section.end]
    lead = len(value) - len(value.lstrip())
    line_end = text.find("\n", section.start + lead)
    return offset < (line_end if line_end != -1 else len(text))


def _distance(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, b0 - a1, a0 - b1)


@register("dates", order=10)
def extract_dates(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    lex = lexicon()
    text = doc.text
    taken: list[tuple[int, int, str, Parsed]] = []
    starts = [m.start() for m in lex.starts.finditer(text)]
    for shape, pattern in lex.patterns:
        for m in finditer_at(pattern, text, starts):
            s, e = m.start(), m.end()
            if any(a < e and s < b for a, b, _, _ in taken) or _glued(text, s, e):
                continue
            parsed = parse_match(lex, shape, m)
            if parsed:
                taken.append((s, e, shape, parsed))
    taken.sort(key=lambda t: t[0])
    # Kinds first: the implementation period and a dateline resolve year-less dates.
    kinds = []
    for s, e, shape, p in taken:
        ctx.claim(s, e)
        kind = _context_kind(ctx, s, e, shape)
        full = p.y1 and p.y2 and p.precision == "day"
        if kind.kind == "implementation" and full:
            ctx.cache.setdefault(
                "implementation_period", (date(p.y1, p.m1, p.d1), date(p.y2, p.m2, p.d2))
            )
        if kind.kind == "publication" and full and _valid_date(p.y1, p.m1, p.d1):
            ctx.cache.setdefault("dateline_date", date(p.y1, p.m1, p.d1))
        kinds.append(kind)
    for (s, e, _, p), kind in zip(taken, kinds, strict=True):
        yield _fact(doc, ctx, s, e, p, kind)


_GLUE_MARKS = ("@", "/", "_", "www.")


def _glued(text: str, start: int, end: int) -> bool:
    """True when the match is part of an e-mail address, a URL or a file name
    ('marta.zeile@…', '…/maijs/…', 'maijs_2019.docx'): the run of non-space characters the
    match stands in holds one of their marks outside the match ('15/05/2019' is a date).
    A full stop alone glues nothing: web text often drops the space after it
    ('…15. maijā.Pasākumā', '2019.gadā')."""
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = end
    while token_end < len(text) and not text[token_end].isspace():
        token_end += 1
    around = (text[token_start:start] + " " + text[end:token_end]).casefold()
    return any(mark in around for mark in _GLUE_MARKS)


def _fact(doc: Document, ctx: ExtractContext, s: int, e: int, p: Parsed, k: Kind) -> Fact:
    d1 = p.d1 or 1
    d2 = p.d2 or _last_day(p.y2, p.m2)
    y1, y2 = p.y1, p.y2
    year_source = ""
    if y1 is None:
        found, year_source = _reference_year(doc, ctx, p.m1, p.d1)
        if found:
            y1 = found
            y2 = y1 + 1 if (p.m2, d2) < (p.m1, d1) else y1
    if p.precision == "month" and p.d2 is None:
        d2 = _last_day(y2, p.m2)
    start_iso, md1, ok1 = _iso(y1, p.m1, d1)
    end_iso, md2, ok2 = _iso(y2, p.m2, d2)
    kind, label = k.kind, k.label
    pub = doc.publication_date
    if not k.from_heading and pub and start_iso == end_iso == pub.isoformat() and (
        s < PUBLICATION_WINDOW
    ):
        kind, label = "publication", ""
    place = place_near(ctx, s, e) if kind == "event" else None
    invalid = not (ok1 and ok2)
    reversed_ = bool(start_iso and end_iso and end_iso < start_iso)
    notes = [p.note] if p.note else []
    if year_source:
        notes.append(f"year from the {year_source}")
    return Fact(
        table="dates",
        doc_id=doc.doc_id,
        text=doc.text[s:e],
        start=s,
        end=e,
        values={
            "kind": kind,
            "label": label,
            "start_date": start_iso,
            "end_date": end_iso,
            "month_day_start": md1,
            "month_day_end": md2,
            "precision": p.precision,
            "year_inferred": bool(year_source),
            "year_unresolved": y1 is None,
            "this_year": p.this_year,
            "invalid": invalid,
            "end_before_start": reversed_,
            "city": place.city if place else "",
            "country": place.country if place else "",
            "lang": doc.lang_at(s),
            "note": "; ".join(notes),
            "year_source": year_source,  # not a column: lets pipeline.resolve override it
        },
    )
