"""Years of year-less dates from the project's period stated in another document.

A press release often says "no šī gada 11. līdz 14. maijam" without a publication date, while
the project description of the same project states the implementation period. Extraction sees
one document at a time, so this pass runs after linking: a date whose year is still unresolved
(or came only from --reference-date) takes the one year in which it falls inside the project's
period. Dates written with "this year" (šī gada, this year, этого года) share one year within a
document, so when one of them fits a single year, the others take it too. When a month-day fits
no year or several years of the period, it stays as it was.
"""

from __future__ import annotations

import calendar
from datetime import date

from pipeline.extract.dates.grammar import weekday_fits, year_in_period
from pipeline.link import ProjectGroup, link_projects
from pipeline.model import Fact
from pipeline.seam import DocResult

SOURCE = "project period (another document of the project)"


def resolve_years(results: list[DocResult], groups: list[ProjectGroup] | None = None) -> int:
    """Fill the year of unresolved dates from their project's period; returns how many.
    `results` may be the part of the archive that holds the documents of `groups` (linked
    here when not given)."""
    groups = link_projects(results) if groups is None else groups
    by_doc = {r.doc.doc_id: r for r in results}
    resolved = 0
    for group in groups:
        docs = [by_doc[d] for d in group.doc_ids if d in by_doc]
        period = project_period(docs)
        if period is None:
            continue
        for r in docs:
            pending = [f for f in r.facts if f.table == "dates" and _needs_year(f)]
            this_year = _shared_this_year(r.facts, pending, period)
            for f in pending:
                year = _candidate(f, period)
                if year is None and f.values.get("this_year"):
                    year = this_year
                if year is not None and _fits_weekday(f, year) and _resolve(f, year):
                    resolved += 1
    return resolved


def project_period(docs: list[DocResult]) -> tuple[date, date] | None:
    """The first day-precise implementation period, project descriptions first: all that a
    document's rows take from the other documents of its project (the run's memo compares it)."""
    ordered = sorted(docs, key=lambda r: (r.doc.doc_type != "project_description", r.doc.doc_id))
    for r in ordered:
        for f in r.facts:
            v = f.values
            if (
                f.table == "dates" and v["kind"] == "implementation" and v["start_date"]
                and v["end_date"] and v["precision"] == "day" and not v.get("year_source")
            ):
                return date.fromisoformat(v["start_date"]), date.fromisoformat(v["end_date"])
    return None


def _needs_year(f: Fact) -> bool:
    return bool(f.values["year_unresolved"]) or f.values.get("year_source") == "reference date"


def _month_days(f: Fact) -> tuple[int, int, int, int]:
    m1, d1 = (int(x) for x in f.values["month_day_start"].split("-"))
    m2, d2 = (int(x) for x in f.values["month_day_end"].split("-"))
    return m1, d1, m2, d2


def _candidate(f: Fact, period: tuple[date, date]) -> int | None:
    m1, d1, _, _ = _month_days(f)
    return year_in_period(period, m1, None if f.values["precision"] == "month" else d1)


def _fits_weekday(f: Fact, year: int) -> bool:
    """False when the document wrote a weekday with the day that `year` does not give it."""
    m1, d1, _, _ = _month_days(f)
    weekday = f.values.get("weekday") or 0
    return f.values["precision"] == "month" or weekday_fits(year, m1, d1, {weekday} - {0})


def _shared_this_year(
    facts: list[Fact], pending: list[Fact], period: tuple[date, date]
) -> int | None:
    """The one year of the document's "this year" dates: from those already resolved, else
    from those that fit a single year of the period."""
    years = {
        int(f.values["start_date"][:4])
        for f in facts
        if f.table == "dates" and f.values.get("this_year") and f.values["start_date"]
        and f not in pending
    }
    years |= {y for f in pending if f.values.get("this_year") and (y := _candidate(f, period))}
    return years.pop() if len(years) == 1 else None


def _resolve(f: Fact, year: int) -> bool:
    v = f.values
    m1, d1, m2, d2 = _month_days(f)
    year2 = year + 1 if (m2, d2) < (m1, d1) else year
    if v["precision"] == "month":
        d2 = calendar.monthrange(year2, m2)[1]
    try:
        start, end = date(year, m1, d1), date(year2, m2, d2)
    except ValueError:
        return False
    v["start_date"], v["end_date"] = start.isoformat(), end.isoformat()
    v["month_day_end"] = f"{m2:02d}-{d2:02d}"
    v["year_inferred"], v["year_unresolved"] = True, False
    v["end_before_start"] = end < start
    old = v.get("year_source")
    note = f"year from the {SOURCE}"
    v["note"] = v["note"].replace(f"year from the {old}", note) if old else (
        "; ".join(n for n in (v["note"], note) if n)
    )
    v["year_source"] = SOURCE
    return True
