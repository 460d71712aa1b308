"""Compare the pipeline's dates with plain `dateparser.search.search_dates` on an archive folder.

    .venv/bin/python scripts/compare_dateparser.py [data/raw] [--doc docs/benchmarks.md]

Both read the same normalized document text (the pipeline's ingest and assemble). dateparser runs
with its defaults (language auto-detection, no settings). A dateparser hit *agrees* with ours when
its span overlaps one of our date mentions and its date is that mention's start or end day (for a
month mention: the same year and month). The script rewrites only its own section of the
benchmarks document (from its heading to the next '## ' heading) and prints the section.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dateparser.search import search_dates

from pipeline.model import Fact
from pipeline.resolve import resolve_years
from pipeline.runner import DocResult, Options, assign_doc_ids, discover, process_document

HEADING = "## Dates: pipeline vs dateparser.search.search_dates"
EXAMPLES_PER_REASON = 4

# Why a dateparser hit that is not one of our dates is not a calendar date, in check order.
DP_ONLY_REASONS: list[tuple[str, re.Pattern[str]]] = [
    ("time of day or decimal ('16.00', '10:00')", re.compile(r"^\D*\d{1,2}[.:]\d{2}\D*$")),
    ("year or programming period alone ('2014', '2007–2013')",
     re.compile(r"^\D{0,12}(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?\.?\D{0,12}$")),
    ("a lone number (count, house or phone digits, list number)", re.compile(r"^[\d\s.,/-]+$")),
    ("a word or phrase without digits (relative word, name, 'May' as a verb)",
     re.compile(r"^[^\d]+$")),
]
OTHER_REASON = "other text with digits (identifier, amount, age range)"


@dataclass
class DocCompare:
    doc_id: str
    ours: int = 0
    dp: int = 0
    agree: int = 0
    value_differs: list[tuple[str, str, str]] = field(default_factory=list)  # text, ours, dp
    dp_only: list[tuple[str, str, str]] = field(default_factory=list)  # reason, text, dp value
    ours_only: list[tuple[str, str]] = field(default_factory=list)  # text, why


def _spans(text: str, hits: list[tuple[str, datetime]]) -> list[tuple[int, int, str, date]]:
    """Offsets of dateparser's substrings, searched in order through the text."""
    out, pos = [], 0
    for sub, value in hits:
        i = text.find(sub, pos)
        if i == -1:
            i = text.find(sub)
        if i == -1:
            continue
        out.append((i, i + len(sub), sub, value.date()))
        pos = i + len(sub)
    return out


def _agrees(f: Fact, value: date) -> bool:
    v = f.values
    days = {v["start_date"], v["end_date"]} - {""}
    if v["precision"] == "month":
        return any(d[:7] == value.isoformat()[:7] for d in days)
    if not days:  # year unresolved: compare month and day
        return value.strftime("%m-%d") in (v["month_day_start"], v["month_day_end"])
    return value.isoformat() in days


def _ours_only_reason(f: Fact) -> str:
    v = f.values
    if v["precision"] == "month":
        return "month-only mention"
    if v["start_date"] != v["end_date"] or v["month_day_start"] != v["month_day_end"]:
        return "range"
    if re.search(r"\d{4}\.\s?(?:gada|g\.)", f.text):
        return "Latvian year-first form ('2018. gada 11. aprīlī')"
    return "single day"


def _dp_only_reason(sub: str) -> str:
    for reason, pattern in DP_ONLY_REASONS:
        if pattern.match(sub.strip()):
            return reason
    return OTHER_REASON


def compare(result: DocResult) -> DocCompare:
    text = result.doc.text
    ours = [f for f in result.facts if f.table == "dates"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = _spans(text, search_dates(text) or [])
    c = DocCompare(result.doc.doc_id, ours=len(ours), dp=len(hits))
    matched: set[int] = set()
    for start, end, sub, value in hits:
        over = [i for i, f in enumerate(ours) if f.start < end and start < f.end]
        if not over:
            c.dp_only.append((_dp_only_reason(sub), sub, value.isoformat()))
            continue
        matched.update(over)
        if any(_agrees(ours[i], value) for i in over):
            c.agree += 1
        else:
            f = ours[over[0]]
            ours_value = f.values["start_date"] or "????-" + f.values["month_day_start"]
            c.value_differs.append((sub, ours_value, value.isoformat()))
    c.ours_only = [(f.text, _ours_only_reason(f)) for i, f in enumerate(ours) if i not in matched]
    return c


def run(folder: Path) -> list[DocCompare]:
    files = discover([folder])
    results = [
        process_document(f.path, f.relative, doc_id, Options())
        for f, doc_id in zip(files, assign_doc_ids(files), strict=True)
    ]
    resolve_years(results)
    return [compare(r) for r in results if r.doc.status == "ok"]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render(rows: list[DocCompare], folder: str) -> str:
    total = DocCompare("**total**")
    for r in rows:
        total.ours += r.ours
        total.dp += r.dp
        total.agree += r.agree
        total.value_differs += r.value_differs
        total.dp_only += r.dp_only
        total.ours_only += r.ours_only
    lines = [
        HEADING,
        "",
        f"Produced by `scripts/compare_dateparser.py {folder}` (rerun it to refresh this "
        "section). Both sides read the same normalized text of each document; dateparser runs "
        "with its defaults. *agree*: a dateparser hit overlaps one of our date mentions and "
        "gives its start or end day (a month mention: the same month); *value differs*: it "
        "overlaps one of ours with another date; *dateparser only* / *ours only*: no overlap. "
        "dateparser fills missing date parts from the current date, so some of its values "
        "depend on the day the script runs.",
        "",
        "| document | ours | dateparser | agree | value differs | dateparser only | ours only |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in [*rows, total]:
        lines.append(
            f"| {r.doc_id} | {r.ours} | {r.dp} | {r.agree} | {len(r.value_differs)} | "
            f"{len(r.dp_only)} | {len(r.ours_only)} |"
        )
    lines += ["", "### Hits only dateparser finds, by reason", ""]
    reasons = Counter(reason for reason, _, _ in total.dp_only)
    lines += ["| reason | hits | examples (text → dateparser's date) |", "|---|---:|---|"]
    for reason, n in reasons.most_common():
        ex = [f"`{_cell(t)}` → {v}" for rs, t, v in total.dp_only if rs == reason]
        lines.append(f"| {reason} | {n} | {'; '.join(ex[:EXAMPLES_PER_REASON])} |")
    lines += ["", "### Same span, different date", ""]
    lines += ["| text | ours | dateparser |", "|---|---|---|"]
    for t, ours_value, dp_value in total.value_differs:
        lines.append(f"| `{_cell(t)}` | {ours_value} | {dp_value} |")
    lines += ["", "### Mentions only the pipeline finds, by shape", ""]
    shapes = Counter(why for _, why in total.ours_only)
    lines += ["| shape | mentions | examples |", "|---|---:|---|"]
    for why, n in shapes.most_common():
        ex = [f"`{_cell(t)}`" for t, w in total.ours_only if w == why]
        lines.append(f"| {why} | {n} | {', '.join(ex[:EXAMPLES_PER_REASON])} |")
    lines += ["", "### Why they differ", "", *WHY, ""]
    return "\n".join(lines)


WHY = [
    "- **Not dates.** `search_dates` turns digit runs and short words into dates: years and "
    "programming periods (`2014`, `2007`), percentages (`75%` → 1975), decimals and amounts "
    "(`50,5`), ordinals (`2nd`), phone digits, and Latvian function words such as `no` (from) or "
    "`sk` (of `t.sk.`). Year-only mentions and programming periods are not rows in `dates.csv` "
    "by design, and percentages, amounts and identifiers are claimed by other extractors.",
    "- **Day-month order.** Numeric dates in these documents are day-month-year; with its "
    "defaults dateparser reads `01.10.2019`, `01.09.2020` and page dates such as `12-03-2021` "
    "month-first (10 January, 9 January, 3 December). The pipeline reads month-first only when "
    "the day cannot be a month and says so in `note`.",
    "- **Missing parts come from today.** dateparser completes a year-less or day-less date from "
    "the current date (so its values in this table change with the day the script runs): "
    "`13 апреля` without a year, `Septembris` → the current year, `2018` → 2018 with today's "
    "month and day. The pipeline takes the year from the document's publication date or "
    "dateline, then from the project's implementation period (also stated in another document "
    "of the project), then `--reference-date`, marks it `year_inferred`, and otherwise leaves "
    "`start_date` empty with `year_unresolved`; a year alone is never a date.",
    "- **Ranges are one row.** `02.01.2018. – 31.08.2018.`, `11.–14. maijs`, `с 11 по 13 апреля`, "
    "`14-16 March 2019` and `March 9th -10th 2021` are one pipeline row with `start_date` and "
    "`end_date`; dateparser returns pieces (`14-16 March` as 14 March 2016, `–16`, `2019 the "
    "second`) or only one end.",
    "- **Month-only mentions** (`septembrī`, `в мае`, `in September 2019`) are rows with "
    "precision `month` (first to last day); dateparser finds few of them and returns one day.",
    "- **Latvian forms.** Year-less `Šī gada 6.jūlijā`, `līdz 10. septembrim` and `no šī gada 11. "
    "līdz 14. maijam` are found only by the pipeline's grammar and its lexicon of Latvian month "
    "cases; dateparser splits `2018. gada 11. aprīlī` into a year and a guess.",
]


def write_section(path: Path, section: str) -> None:
    """Replace this script's section of the benchmarks document, or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = old.find(HEADING)
    if start == -1:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    else:
        nxt = old.find("\n## ", start + len(HEADING))
        rest = old[nxt + 1 :] if nxt != -1 else ""
        new = old[:start] + section + ("\n" + rest if rest else "\n")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="data/raw")
    parser.add_argument("--doc", default="docs/benchmarks.md", help="file to update ('' for none)")
    args = parser.parse_args(argv)
    section = render(run(Path(args.folder)), args.folder)
    if args.doc:
        write_section(Path(args.doc), section)
    sys.stdout.write(section + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
