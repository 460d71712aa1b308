"""Validation rules: each a small registered function with a stable id and a severity.

A rule reads the linked `Archive` and yields findings; each finding names the document, the
field, a message a non-programmer understands, and the evidence span in the document's text.
docs/validation-rules.md describes every rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from pipeline import langdata
from pipeline.gazetteer import fold
from pipeline.model import Fact
from pipeline.tables import BUDGET_PARTS, Archive, Row, budget_lines

Finding = Row
RuleFn = Callable[[Archive], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    fn: RuleFn


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str) -> Callable[[RuleFn], RuleFn]:
    def wrap(fn: RuleFn) -> RuleFn:
        RULES[rule_id] = Rule(rule_id, severity, fn)
        return fn

    return wrap


def finding(
    archive: Archive, rule_id: str, message: str, field: str = "", fact: Fact | None = None,
    doc_id: str = "", project_id: str = "",
) -> Finding:
    doc_id = fact.doc_id if fact else doc_id
    return {
        "severity": RULES[rule_id].severity,
        "rule": rule_id,
        "project_id": project_id or archive.project_of.get(doc_id, ""),
        "doc_id": doc_id,
        "field": field,
        "message": message,
        "text": fact.text if fact else "",
        "char_start": fact.start if fact else "",
        "char_end": fact.end if fact else "",
    }


def _eur(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".00", "") + " EUR"


@rule("budget.parts_differ_from_total", "warning")
def parts_vs_total(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        facts = archive.facts("budgets", g.project_id)
        lines = budget_lines(facts)
        parts = {k: v for k, v in lines.items() if k in BUDGET_PARTS}
        total = lines.get("total")
        if total is None or not parts:
            continue
        summed = sum(parts.values(), Decimal(0))
        if abs(summed - total) > max(Decimal(1), total * Decimal("0.005")):
            evidence = next(f for f in facts if f.values["kind"] == "total")
            detail = " + ".join(f"{k} {_eur(v)}" for k, v in parts.items())
            yield finding(
                archive, "budget.parts_differ_from_total",
                f"Budget parts ({detail} = {_eur(summed)}) do not add up to the total "
                f"{_eur(total)}.", "budget", evidence,
            )


@rule("budget.lats_after_euro", "warning")
def lats_after_euro(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("budgets"):
        doc = archive.result(f.doc_id).doc
        if f.values["currency"] == "LVL" and doc.publication_date and (
            doc.publication_date.isoformat() >= "2014-01-01"
        ):
            yield finding(archive, "budget.lats_after_euro",
                          f"An amount in lats ({f.text}) in a document dated "
                          f"{doc.publication_date}, after the euro replaced the lats.",
                          "budget", f)


@rule("dates.invalid", "error")
def invalid_dates(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("invalid"):
            yield finding(archive, "dates.invalid", f"'{f.text}' is not a date that exists.",
                          "date", f)


@rule("dates.end_before_start", "error")
def end_before_start(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("end_before_start"):
            yield finding(archive, "dates.end_before_start",
                          f"The period '{f.text}' ends before it starts.", "date", f)


@rule("dates.year_unresolved", "warning")
def year_unresolved(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("year_unresolved"):
            yield finding(
                archive, "dates.year_unresolved",
                f"The year of '{f.text}' cannot be resolved: the document has no publication "
                "date and the project no implementation period (use --reference-date).",
                "date", f,
            )


@rule("dates.event_outside_period", "warning")
def event_outside_period(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        dates = archive.facts("dates", g.project_id)
        period = next((f for f in dates if f.values["kind"] == "implementation"
                       and f.values["start_date"] and f.values["end_date"]), None)
        if not period:
            continue
        p0, p1 = period.values["start_date"], period.values["end_date"]
        for f in dates:
            if f.values["kind"] != "event" or not f.values["start_date"]:
                continue
            if f.values["start_date"] < p0 or f.values["end_date"] > p1:
                yield finding(
                    archive, "dates.event_outside_period",
                    f"The event '{f.text}' lies outside the implementation period "
                    f"{p0} – {p1} ('{period.text}').", "date", f,
                )


@rule("contacts.invalid_phone", "warning")
def invalid_phone(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        if f.values.get("phone_raw") and not f.values.get("phone"):
            yield finding(archive, "contacts.invalid_phone",
                          f"The phone number '{f.values['phone_raw']}' is not a valid number.",
                          "phone", f)


@rule("contacts.invalid_email", "warning")
def invalid_email(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        if f.values.get("email_raw") and not f.values.get("email"):
            yield finding(archive, "contacts.invalid_email",
                          f"The e-mail address '{f.values['email_raw']}' is not valid.",
                          "email", f)


@rule("contacts.same_person_variants", "info")
def same_person(archive: Archive) -> Iterator[Finding]:
    by_person: dict[str, list[Fact]] = defaultdict(list)
    for f in archive.facts("contacts"):
        if f.values.get("name"):
            by_person[f.values["person_id"]].append(f)
    for facts in by_person.values():
        names = sorted({f.values["name"] for f in facts})
        if len(names) > 1:
            first = facts[0]
            yield finding(archive, "contacts.same_person_variants",
                          f"{' and '.join(repr(n) for n in names)} are treated as the same "
                          f"person ({first.values['person_id']}).", "contact", first)


WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _inflection_pair(a: str, b: str, endings: frozenset[str]) -> bool:
    """True when two spellings differ only by a grammatical ending (Toruņas / Toruņā)."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i:] in endings and b[i:] in endings


def _endings() -> frozenset[str]:
    return frozenset(langdata.load("variants.json")["inflection_endings"])


@rule("names.spelling_variant", "warning")
def spelling_variants(archive: Archive) -> Iterator[Finding]:
    """One name spelled two ways: quoted titles and capitalized names, per document."""
    from pipeline.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    endings = _endings()
    for r in archive.results:
        text = r.doc.text
        if not text:
            continue
        words: dict[str, tuple[str, int]] = {}  # folded -> (surface, first offset)
        for m in WORD.finditer(text):
            w = m.group()
            key = w.casefold()
            in_title = any(f.table == "project_info" and f.start <= m.start() < f.end
                           for f in r.facts)
            if (w[0].isupper() or in_title) and key not in words:
                words[key] = (w, m.start())
        keys = sorted(words)
        reported: set[frozenset[str]] = set()
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if a[:2] != b[:2] or abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 6:
                    continue
                if fuzz.ratio(a, b) < 85 or _inflection_pair(a, b, endings):
                    continue
                if fold(a) == fold(b):
                    continue  # only diacritics differ: an English text drops them
                wa, wb = words[a][0], words[b][0]
                pa, pb = gaz.lookup(wa), gaz.lookup(wb)
                if pa and pb:
                    continue  # two known names (or forms of one)
                pair = frozenset((a, b))
                if pair in reported:
                    continue
                reported.add(pair)
                off = words[a][1]
                fact = Fact("validation", r.doc.doc_id, wa, off, off + len(wa))
                yield finding(archive, "names.spelling_variant",
                              f"A name is spelled two ways: '{wa}' and '{wb}'.", "name", fact)


@rule("documents.unreadable", "error")
def unreadable(archive: Archive) -> Iterator[Finding]:
    for r in archive.results:
        if r.doc.status == "failed":
            yield finding(archive, "documents.unreadable",
                          f"{r.doc.source_path} could not be read: {r.doc.error}",
                          "document", doc_id=r.doc.doc_id)


@rule("documents.duplicate", "info")
def duplicates(archive: Archive) -> Iterator[Finding]:
    for r in archive.results:
        if r.doc.duplicate_of:
            yield finding(archive, "documents.duplicate",
                          f"{r.doc.source_path} has the same content as document "
                          f"{r.doc.duplicate_of}; it was processed once.",
                          "document", doc_id=r.doc.doc_id)


@rule("coverage.missing_field", "info")
def missing_fields(archive: Archive) -> Iterator[Finding]:
    for row in archive.tables.get("coverage", []):
        if row["status"] == "missing":
            yield finding(archive, "coverage.missing_field",
                          f"Required field '{row['field']}' is missing "
                          f"(required for: {row['required_by']}).",
                          str(row["field"]), project_id=str(row["project_id"]))


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def validate(archive: Archive) -> list[Finding]:
    found = [f for r in RULES.values() for f in r.fn(archive)]
    return sorted(found, key=lambda f: (SEVERITY_ORDER[str(f["severity"])], f["rule"],
                                        f["project_id"], f["doc_id"], str(f["char_start"])))
