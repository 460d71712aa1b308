"""Dates and periods: single days, ranges, month-only mentions, in Latvian, English and Russian.

`grammar` finds and parses them, `kinds` says what each one is; this module joins two labelled
ends of one period into a range, resolves the year of year-less dates and writes the facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext, register
from pipeline.extract.dates.grammar import (
    Lexicon,
    Parsed,
    last_day,
    lexicon,
    parse_match,
    relative_year,
    valid_date,
    weekday_fits,
    year_in_period,
)
from pipeline.extract.dates.kinds import (
    Kind,
    alone_on_line,
    context_kind,
    is_dateline,
    is_pair,
)
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact
from pipeline.places import place_near
from pipeline.text import digit_runs

__all__ = ["Lexicon", "extract_dates", "finditer_at", "is_dateline", "lexicon", "year_in_period"]

REL_LOOKBACK = 40  # 'no šī gada ' before a date
WEEKDAY_LOOKBACK = 20  # 'Ceturtdien, ' before a date
LIST_REACH = 300  # a second date line this close after a page-date line makes a dated list
PUBLICATION_WINDOW = 300  # the publication date printed near the top of the text
# a document number is not a month: 'Nr. 05/2019', '№ 12.2018' (dates.json number_marks)
_PARTS = langdata.load("dates.json")["month_parts"]
# 'the end of June', 'mid-June', 'в конце мая' / 'jūnija beigās': the part of a month-only mention
_PART_BEFORE = re.compile(
    r"(?<!\w)(?:" + langdata.alternation(_PARTS["before"]) + r")(?:\s+|-)$", re.IGNORECASE
)
_PART_AFTER = re.compile(r"\s+(?:" + langdata.alternation(_PARTS["after"]) + r")(?!\w)", re.I)
_NUMBER_MARK = re.compile(
    r"(?<!\w)(?:" + langdata.alternation(langdata.load("dates.json")["number_marks"]) + r")\s*$"
)


@dataclass
class Found:
    start: int
    end: int
    shape: str
    parsed: Parsed
    parts: tuple[tuple[int, int], ...] = ()  # the two labelled ends of a joined period
    shown: tuple[int, int] | None = None  # the span with the part of the month ('the end of')


@register("dates", order=10)
def extract_dates(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    found = _join_pairs(doc.text, _find(doc.text))
    # Kinds first: the page's own date and the implementation period resolve year-less dates.
    kinds = []
    for f in found:
        for s, e in f.parts or ((f.start, f.end),):
            ctx.claim(s, e)
        first = all(k.widget for k in kinds)  # no date before it but a "today" header
        kinds.append(context_kind(ctx, f.start, f.end, f.shape, _days(f.parsed), first))
    kinds = _listed_dates(doc.text, found, kinds)
    for f, kind in zip(found, kinds, strict=True):
        p = f.parsed
        full = p.y1 and p.y2 and p.precision == "day"
        if kind.kind == "implementation" and full:
            ctx.cache.setdefault(
                "implementation_period", (date(p.y1, p.m1, p.d1), date(p.y2, p.m2, p.d2))
            )
        if kind.kind == "publication" and full and valid_date(p.y1, p.m1, p.d1):
            ctx.cache.setdefault("dateline_date", date(p.y1, p.m1, p.d1))
    ctx.cache["dated"] = _dated_days(found, kinds)
    ctx.cache["date_years"] = _date_years(found, kinds)
    ctx.cache["weekdays"] = _weekdays(found)
    anchors = _anchors(ctx, found, kinds)
    for f, kind, anchor in zip(found, kinds, anchors, strict=True):
        s, e = f.shown or (f.start, f.end)
        if f.shown:
            ctx.claim(s, e)
        yield _fact(doc, ctx, s, e, f.parsed, kind, anchor)


def _listed_dates(text: str, found: list[Found], kinds: list[Kind]) -> list[Kind]:
    """A page-date line followed closely by another date alone on its line heads a list of
    dated items (an events calendar, a list of news: '15.06.2019' / 'Festival' / '20.06.2019' /
    'Concert'), not the page's own date: it is `other`."""
    out = list(kinds)
    for i, (f, k) in enumerate(zip(found, kinds, strict=True)):
        if not (k.page_date and k.kind == "publication" and alone_on_line(text, f.start, f.end)):
            continue
        for g in found[i + 1 :]:
            if g.start - f.end > LIST_REACH:
                break
            if g.shape == "single" and alone_on_line(text, g.start, g.end):
                out[i] = Kind("other")
                break
    return out


def shape_starts(text: str) -> list[int]:
    """Where a date shape can begin: a run of digits, a month form that opens a word, a 'from'
    word (see `grammar.lexicon`)."""
    lex = lexicon()
    return sorted({*digit_runs(text), *cuescan.cue_starts(lex.month_start, text),
                   *(m.start() for m in lex.range_start.finditer(text))})


def _find(text: str) -> list[Found]:
    lex = lexicon()
    taken: list[Found] = []
    starts = shape_starts(text)
    for shape, pattern in lex.patterns:
        for m in finditer_at(pattern, text, starts):
            s, e = m.start(), m.end()
            if any(f.start < e and s < f.end for f in taken) or _glued(text, s, e):
                continue
            numbered = "yy1" in pattern.groupindex or (
                shape == "month" and "m1" in pattern.groupindex
            )
            if numbered and _NUMBER_MARK.search(text, max(0, s - 6), s):
                continue
            parsed = parse_match(lex, shape, m)
            if parsed is None:
                continue
            if shape == "single" and parsed.precision == "day":
                wd = lex.weekday_before.search(text, max(0, s - WEEKDAY_LOOKBACK), s)
                if wd:
                    parsed.weekday = lex.weekday_of[wd.group("wd").casefold()]
            before = lex.rel_before.search(text, max(0, s - REL_LOOKBACK), s)
            if before and not parsed.this_year:
                s = before.start()
                parsed.this_year, parsed.year_offset = relative_year(before, suffix="")
            taken.append(Found(s, e, shape, parsed, shown=_month_part(text, shape, s, e)))
    taken.sort(key=lambda f: f.start)
    return taken


def _month_part(text: str, shape: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of a month-only mention with the words naming its part ('the end of June',
    'augusta beigās'); None when there are none."""
    if shape != "month":
        return None
    before = _PART_BEFORE.search(text, max(0, s - 24), s)
    after = _PART_AFTER.match(text, e)
    if not (before or after):
        return None
    return (before.start() if before else s, after.end() if after else e)


def _join_pairs(text: str, found: list[Found]) -> list[Found]:
    """Two single days that are the labelled start and end of one period become one range."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b and a.shape == b.shape == "single" and a.parsed.precision == "day"
            and b.parsed.precision == "day" and is_pair(text, (a.start, a.end), (b.start, b.end))
        ):
            pa, pb = a.parsed, b.parsed
            y1, y2 = pa.y1, pb.y1
            if y1 is None and y2 is not None:
                y1 = y2 - 1 if (pa.m1, pa.d1 or 1) > (pb.m1, pb.d1 or 1) else y2
            if y2 is None and y1 is not None:
                y2 = y1 + 1 if (pb.m1, pb.d1 or 1) < (pa.m1, pa.d1 or 1) else y1
            joined = Parsed(y1, pa.m1, pa.d1, y2, pb.m1, pb.d1, "day", note=pa.note or pb.note)
            out.append(Found(a.start, b.end, "range", joined, ((a.start, a.end), (b.start, b.end))))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _days(p: Parsed) -> int | None:
    """Length of a range in days (None for a single day or an unknown year)."""
    if p.y1 is None or p.y2 is None:
        return None
    first = valid_date(p.y1, p.m1, p.d1 or 1)
    last = valid_date(p.y2, p.m2, p.d2 or last_day(p.y2, p.m2))
    return (last - first).days if first and last and (first, last) != (first, first) else None


def _dated_days(found: list[Found], kinds: list[Kind]) -> dict[tuple[int, int], set[int]]:
    """(month, day) -> the years the document writes that day with (widgets left out)."""
    dated: dict[tuple[int, int], set[int]] = {}
    for f, k in zip(found, kinds, strict=True):
        p = f.parsed
        if k.widget or p.precision != "day":
            continue
        for y, m, d in ((p.y1, p.m1, p.d1), (p.y2, p.m2, p.d2)):
            if y and d:
                dated.setdefault((m, d), set()).add(y)
    return dated


def _weekdays(found: list[Found]) -> dict[tuple[int, int], set[int]]:
    """(month, day) -> the weekdays written right before that day anywhere in the document."""
    out: dict[tuple[int, int], set[int]] = {}
    for f in found:
        if f.parsed.weekday and f.parsed.d1:
            out.setdefault((f.parsed.m1, f.parsed.d1), set()).add(f.parsed.weekday)
    return out


EVENT_DAYS = 14  # a dated range this short is one event's days: it anchors a year like a day


def _anchors(ctx: ExtractContext, found: list[Found], kinds: list[Kind]) -> list[int | None]:
    """Per date, the year it continues: a year-less date in the sentence of a single day (or
    of one event's few days) written with its year, or in the sentence right after it, is the
    nearest such day before or after that day ('... began on 24 April 2019. And already on
    3 May ...' is 2019; 'approved on 30 October 2023. Most projects started in February' is
    2024; 'The project ends on 31 October 2019. In July ...' is 2019). A period, a site's
    "today" header or the page's own date before it anchors nothing. None for the others."""
    out: list[int | None] = []
    for i, (f, k) in enumerate(zip(found, kinds, strict=True)):
        out.append(None)
        p = f.parsed
        if p.y1 is not None or k.widget or i == 0:
            continue
        s_start, _ = ctx.sentence(f.start)
        lo = ctx.sentence(s_start - 1)[0] if s_start > 0 else 0
        g, gk = found[i - 1], kinds[i - 1]
        q = g.parsed
        # a day, or a few days of one event ('2022. gada 24. un 25. martā'); not a period
        single = (q.y1, q.m1, q.d1) == (q.y2, q.m2, q.d2)
        one_day = q.precision == "day" and (single or (_days(q) or EVENT_DAYS + 1) <= EVENT_DAYS)
        if gk.widget or gk.page_date or q.y1 is None or not one_day or g.start < lo:
            continue
        out[-1] = _nearest_year(q.y1, q.m1, q.d1 or 1, p.m1, p.d1)
    return out


def _nearest_year(year: int, month: int, day: int, m: int, d: int | None) -> int | None:
    """The year that puts month-day `m`-`d` (a month: its middle) closest to the day
    year-month-day, before or after it; the same year on a tie."""
    anchor = valid_date(year, month, day)
    best: tuple[int, int] | None = None
    for y in (year, year - 1, year + 1):
        when = valid_date(y, m, d or 15) if d != 29 or m != 2 else valid_date(y, 2, 28)
        if anchor and when and (best is None or abs((when - anchor).days) < best[0]):
            best = (abs((when - anchor).days), y)
    return best[1] if best else None


def _date_years(found: list[Found], kinds: list[Kind]) -> set[int]:
    """The years the document's own dates are written with ("today" widgets left out)."""
    years: set[int] = set()
    for f, k in zip(found, kinds, strict=True):
        if not k.widget:
            years.update(y for y in (f.parsed.y1, f.parsed.y2) if y)
    return years


def _reference_year(
    doc: Document, ctx: ExtractContext, p: Parsed, k: Kind, anchor: int | None = None
) -> tuple[int, str]:
    """The first of `_year_sources` whose year fits the weekday written with the day."""
    weekdays = ctx.cache.get("weekdays", {}).get((p.m1, p.d1), set()) if p.d1 else set()
    for year, source in _year_sources(doc, ctx, p, k, anchor):
        if weekday_fits(year, p.m1, p.d1, weekdays):
            return year, source
    return 0, ""


def _year_sources(
    doc: Document, ctx: ExtractContext, p: Parsed, k: Kind, anchor: int | None
) -> Iterator[tuple[int, str]]:
    """(year, source) for a year-less date, best first: the same day written with its year
    elsewhere in the document; the publication date (the document's own, else its dateline;
    shifted for 'last year' / 'next year'); the implementation period stated in the document;
    the year of a dated day the sentence continues (see `_anchors`); the one
    year that all the document's dated mentions share (a page whose dates are all of one year
    tells its year-less days theirs); --reference-date. The page's own date takes no year from
    what the page reports (an article may tell of any earlier or later year): only from the
    same day written with its year, the document's date and --reference-date.
    `pipeline.resolve` later tries the project's other documents."""
    if p.d1 is not None and p.m1 == p.m2 and p.d1 == p.d2:
        years = ctx.cache.get("dated", {}).get((p.m1, p.d1), set())
        if len(years) == 1:
            yield next(iter(years)), "same date written with its year"
    own_date = k.page_date or k.kind == "publication"
    published = doc.publication_date or ctx.cache.get("dateline_date")
    if published:
        yield published.year + p.year_offset, "publication date"
    period = ctx.cache.get("implementation_period")
    if period and not p.year_offset and not own_date:
        year = year_in_period(period, p.m1, p.d1)
        if year:
            yield year, "project period"
    if anchor and not p.year_offset and not own_date:
        yield anchor, "dated mention it follows"
    years = ctx.cache.get("date_years", set())
    if len(years) == 1 and not p.year_offset and not own_date:
        yield next(iter(years)), "one year of the document's dates"
    ref = ctx.cache.get("reference_date")
    if ref:
        yield ref.year + p.year_offset, "reference date"


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


def _iso(year: int | None, month: int, day: int) -> tuple[str, str, bool]:
    """(ISO date or '', MM-DD, valid)."""
    md = f"{month:02d}-{day:02d}"
    if valid_date(year or 2000, month, day) is None:
        return "", md, False
    return (f"{year:04d}-{md}" if year else ""), md, True


def _fact(
    doc: Document, ctx: ExtractContext, s: int, e: int, p: Parsed, k: Kind,
    anchor: int | None = None,
) -> Fact:
    """The date fact, its year-less parts resolved from the page's date or project period."""
    d1 = p.d1 or 1
    d2 = p.d2 or last_day(p.y2, p.m2)
    y1, y2 = p.y1, p.y2
    year_source = ""
    if y1 is None and not k.widget:
        found, year_source = _reference_year(doc, ctx, p, k, anchor)
        if found:
            y1 = found
            y2 = y1 + 1 if (p.m2, d2) < (p.m1, d1) else y1
    if p.precision == "month" and p.d2 is None:
        d2 = last_day(y2, p.m2)
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
            "this_year": p.this_year and not p.year_offset,  # 'last year' shares no year
            "invalid": invalid,
            "end_before_start": reversed_,
            "city": place.city if place else "",
            "country": place.country if place else "",
            "lang": doc.lang_at(s),
            "note": "; ".join(notes),
            "year_source": year_source,  # not a column: lets pipeline.resolve override it
            # not a column: the ISO weekday written with this month-day (0: none), so that
            # pipeline.resolve gives it no year in which the day is another weekday
            "weekday": min(ctx.cache.get("weekdays", {}).get((p.m1, p.d1), {0})),
        },
    )
