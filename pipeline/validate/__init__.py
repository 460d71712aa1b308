"""Validation rules: each a small registered function with a stable id and a severity.

A rule reads the linked `Archive` and yields findings; each finding names the document, the
field, a message a non-programmer understands, and the evidence span in the document's text.
docs/validation-rules.md describes every rule; tests/test_validate.py plants one fault per rule.
The budget rules are in `budget`, the name rules in `names`, the registry in `core`; the rest
are here. A warning must be something the document (or the project's documents) really says
twice in two ways: docs/quality/warnings.md counts how often that holds on real pages.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from pipeline import langdata
from pipeline.link import title_words, typo_variants
from pipeline.merge import Value
from pipeline.model import Document, Fact
from pipeline.tables import Archive
from pipeline.text import sentence_spans
from pipeline.validate import budget, names
from pipeline.validate.core import (
    RULES,
    SCOPES,
    Finding,
    Rule,
    eur,
    finding,
    label,
    prepare,
    rule,
    sort_key,
)
from pipeline.validate.names import acronym_fits, spelling_variant

__all__ = ["RULES", "SCOPES", "Finding", "Rule", "acronym_fits", "budget", "names", "prepare",
           "run_rules", "sort_key", "spelling_variant", "text_digest", "validate"]

# ----------------------------------------------------------------------------------------------
# Dates


@rule("dates.invalid", "error")
def invalid_dates(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("invalid"):
            yield finding(archive, "dates.invalid",
                          f"'{f.text}' is not a date that exists in the calendar.", "date", f)


@rule("dates.end_before_start", "error")
def end_before_start(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("end_before_start"):
            yield finding(archive, "dates.end_before_start",
                          f"The period '{f.text}' ends before it starts.", "date", f)


@rule("dates.year_unresolved", "info")
def year_unresolved(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("dates"):
        if f.values.get("year_unresolved"):
            yield finding(
                archive, "dates.year_unresolved",
                f"The year of '{f.text}' cannot be worked out: neither a publication date nor "
                "an implementation period fixes it (use --reference-date to supply one).",
                "date", f,
            )


@rule("dates.event_outside_period", "warning")
def event_outside_period(archive: Archive) -> Iterator[Finding]:
    """An event outside every implementation period the project's documents state (a page
    may give two reporting periods, or the periods of two projects: the span from the
    earliest start to the latest end is the project's time). A period of one day is only one
    end of the project's time, so nothing lies outside it."""
    for g in archive.groups:
        period = archive.merged[g.project_id].chosen.get("period")
        if period is None:
            continue
        dates = archive.facts("dates", g.project_id)
        spans = [(str(f.values["start_date"]), str(f.values["end_date"])) for f in dates
                 if f.values.get("kind") == "implementation" and f.values.get("start_date")
                 and f.values.get("end_date")]
        p0, p1 = period.extra["start"], period.extra["end"]
        lo, hi = min([p0, *(s for s, _ in spans)]), max([p1, *(e for _, e in spans)])
        if lo == hi:
            continue  # one day ('the project ends on 31 October'): an end, not the period
        source = f" (stated in {period.doc_id})"
        for f in dates:
            if f.values["kind"] != "event" or not f.values["start_date"]:
                continue
            if str(f.values["start_date"]) < lo or str(f.values["end_date"]) > hi:
                yield finding(
                    archive, "dates.event_outside_period",
                    f"The event on '{f.text}' lies outside the project's implementation period "
                    f"{p0} – {p1} ('{period.shown if period.fact is None else period.fact.text}'"
                    f"{'' if period.doc_id == f.doc_id else source}).", "date", f,
                )


# ----------------------------------------------------------------------------------------------
# Counts against lists


def _named_partners(archive: Archive, doc_id: str) -> tuple[set[str], bool]:
    """Distinct partner ids named in a document, and whether a partner list (a heading with
    the partners under it) names them, so that they are meant to be all of them."""
    facts = [f for f in archive.result(doc_id).facts if f.table == "partners"
             and f.values.get("role") in ("lead", "partner", "applicant")]
    ids = {str(f.values.get("partner_id") or f.values.get("name_normalized")) for f in facts}
    listed = any(f.values.get("source") == "heading" for f in facts)
    return ids, listed


@rule("counts.partners_differ_from_named", "warning")
def partners_vs_named(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        stated = archive.merged[g.project_id].chosen.get("n_partners_stated")
        if stated is None:
            continue
        named, listed = _named_partners(archive, stated.doc_id)
        n = int(stated.shown)
        if listed and len(named) != n:
            yield finding(
                archive, "counts.partners_differ_from_named",
                f"The text says '{stated.fact.text if stated.fact else n}' ({n} partners), but "
                f"the document names {len(named)}.", "partners", stated.fact,
            )


@rule("counts.countries_differ_from_named", "warning")
def countries_vs_named(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        stated = archive.merged[g.project_id].chosen.get("n_countries_stated")
        if stated is None:
            continue
        facts = archive.result(stated.doc_id).facts
        listed_countries = [f for f in facts if f.table == "partner_countries"]
        countries = {str(f.values["country"]) for f in facts
                     if f.table in ("partners", "partner_countries") and f.values.get("country")}
        _, listed = _named_partners(archive, stated.doc_id)
        n = int(stated.shown)
        text = archive.result(stated.doc_id).doc.text
        complete = (listed or len(listed_countries) >= 2) and not _unknown_in_list(
            text, listed_countries)
        if len(countries) > n or (complete and len(countries) < n):
            yield finding(
                archive, "counts.countries_differ_from_named",
                f"The text says '{stated.fact.text if stated.fact else n}' ({n} countries), but "
                f"the partners it names come from {len(countries)} "
                f"({', '.join(sorted(countries))}).", "countries", stated.fact,
            )


@cache
def _list_separator() -> re.Pattern[str]:
    words = langdata.load("validation.json")["list_conjunctions"]
    return re.compile(r"[,;]\s*(?:(?:" + "|".join(map(re.escape, words)) + r")\s+)?|\s+(?:"
                      + "|".join(map(re.escape, words)) + r")\s+", re.IGNORECASE)


def _unknown_in_list(text: str, countries: list[Fact]) -> bool:
    """An enumeration of partner countries holds an item that is not one of them ('from
    Sweden, <a region the gazetteer does not know>, Latvia and Estonia'): the list is not
    understood whole, so fewer countries than stated is no fault of the document."""
    spans = sentence_spans(text)
    by_sentence: dict[int, list[Fact]] = defaultdict(list)
    for f in countries:
        k = next((i for i, (s, e) in enumerate(spans) if s <= f.start < e), -1)
        by_sentence[k].append(f)
    for facts in by_sentence.values():
        if len(facts) < 2:
            continue
        facts.sort(key=lambda f: f.start)
        items = [x for x in _list_separator().split(text[facts[0].start:facts[-1].end])
                 if x.strip()]
        if len(items) > len(facts):
            return True
    return False


@cache
def _total_cue() -> tuple[re.Pattern[str], int, frozenset[str]]:
    data = langdata.load("validation.json")
    return (langdata.phrase_regex(data["total_cues"]), int(data["total_cue_window"]),
            frozenset(data["people_units"]))


@rule("counts.part_exceeds_total", "warning")
def part_exceeds_total(archive: Archive) -> Iterator[Finding]:
    """A count of people larger than the total number of people stated in the same document."""
    cue, window, units = _total_cue()
    for r in archive.results:
        counts = [f for f in r.facts if f.table == "participants"
                  and f.values.get("unit") in units]
        if len(counts) < 2:
            continue
        spans = sentence_spans(r.doc.text)
        totals = []
        for f in counts:
            sent = next((s for s, e in spans if s <= f.start < e), 0)
            before = r.doc.text[max(sent, f.start - window):f.end]
            if cue.search(before):
                totals.append(f)
        if not totals:
            continue
        # each count is compared with the smallest stated total, so it is reported once
        t = min(totals, key=lambda x: (int(x.values["count"]), x.start))
        for f in counts:
            if f not in totals and int(f.values["count"]) > int(t.values["count"]):
                yield finding(
                    archive, "counts.part_exceeds_total",
                    f"'{f.text}' is more than the stated total '{t.text}'.", "count", f,
                )


def _person_mentions(archive: Archive) -> dict[str, list[Fact]]:
    by_person: dict[str, list[Fact]] = defaultdict(list)
    for f in archive.facts("contacts"):
        if f.values.get("person_id") and f.values.get("name"):
            by_person[str(f.values["person_id"])].append(f)
    return by_person


@rule("contacts.same_person_variants", "info", scope="archive")
def same_person(archive: Archive) -> Iterator[Finding]:
    for facts in _person_mentions(archive).values():
        names = sorted({f.values["name"] for f in facts})
        if len(names) > 1:
            first = facts[0]
            yield finding(archive, "contacts.same_person_variants",
                          f"{' and '.join(repr(n) for n in names)} are treated as the same "
                          f"person ({first.values['person_id']}).", "contact", first)


def _two_details(archive: Archive, column: str, rule_id: str, what: str) -> Iterator[Finding]:
    """A person whose mentions give different phone numbers (or e-mails) that no mention
    gives together (an office and a mobile number listed side by side are fine)."""
    for facts in _person_mentions(archive).values():
        seen: list[tuple[set[str], Fact]] = []
        for f in facts:
            values = {v.casefold() for v in str(f.values.get(column) or "").split(";") if v}
            if not values:
                continue
            clash = next((s for s, _ in seen if not s & values), None)
            if clash is not None:
                yield finding(
                    archive, rule_id,
                    f"{f.values['name']} has two different {what}: "
                    f"{', '.join(sorted(clash))} and {', '.join(sorted(values))}.", column, f,
                )
                break
            seen.append((values, f))


@rule("contacts.person_two_phones", "warning", scope="archive")
def person_two_phones(archive: Archive) -> Iterator[Finding]:
    yield from _two_details(archive, "phone", "contacts.person_two_phones", "phone numbers")


@rule("contacts.person_two_emails", "warning", scope="archive")
def person_two_emails(archive: Archive) -> Iterator[Finding]:
    yield from _two_details(archive, "email", "contacts.person_two_emails", "e-mail addresses")


# ----------------------------------------------------------------------------------------------
# Contacts


def _cut_off(archive: Archive, f: Fact, raw: str) -> bool:
    """The value runs to the end of the text: the page was cut off there, the value is not
    wrong but incomplete (archived pages keep only their start)."""
    text = archive.result(f.doc_id).doc.text
    k = text.rfind(raw)
    return k >= 0 and not text[k + len(raw):].strip()


@cache
def _obfuscations() -> list[tuple[re.Pattern[str], str]]:
    data = langdata.load("validation.json")["email_obfuscations"]
    return [(re.compile(r"\s+" + re.escape(token.strip()) + r"\s+" if token.strip() != token
                        else re.escape(token), re.IGNORECASE), sign)
            for sign, tokens in data.items() if not sign.startswith("_") for token in tokens]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_START = re.compile(r"[\w.+-]+@[\w.-]*")  # what an address cut off by the page looks like


def _hidden_email(raw: str) -> bool:
    """An address written so that robots do not read it ('name(@)domain.lv', 'name [at]
    domain [dot] lv'): valid once the signs are put back."""
    shown = raw
    for pattern, sign in _obfuscations():
        shown = pattern.sub(sign, shown)
    return shown != raw and bool(EMAIL.fullmatch(shown.strip()))


@rule("contacts.invalid_phone", "warning")
def invalid_phone(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        raw = str(f.values.get("phone_raw") or "")
        if raw and not _cut_off(archive, f, raw):
            yield finding(archive, "contacts.invalid_phone",
                          f"The phone number '{raw}' is not a valid number.", "phone", f)


@rule("contacts.invalid_email", "warning")
def invalid_email(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        raw = str(f.values.get("email_raw") or "")
        cut = _cut_off(archive, f, raw) and EMAIL_START.fullmatch(raw)
        if raw and not cut and not _hidden_email(raw):
            yield finding(archive, "contacts.invalid_email",
                          f"The e-mail address '{raw}' is not valid.", "email", f)


# ----------------------------------------------------------------------------------------------
# Documents


@rule("documents.unreadable", "error", scope="archive")
def unreadable(archive: Archive) -> Iterator[Finding]:
    for r in archive.results:
        if r.doc.status == "failed":
            yield finding(archive, "documents.unreadable",
                          f"{r.doc.source_path} could not be read: {r.doc.error}",
                          "document", doc_id=r.doc.doc_id)


@rule("documents.salvaged", "info", scope="archive")
def salvaged(archive: Archive) -> Iterator[Finding]:
    """A damaged file read in part: its facts rest on what could be salvaged."""
    for r in archive.results:
        if r.doc.status == "ok" and r.doc.salvage:
            yield finding(archive, "documents.salvaged",
                          f"{r.doc.source_path} is damaged; what could be read was used "
                          f"({r.doc.salvage}).", "document", doc_id=r.doc.doc_id)


def text_digest(doc: Document) -> str:
    """A digest of the document's text ("" when it has none); the run keeps it on documents
    whose text it no longer holds in memory (`Document.text_sha256`)."""
    if doc.text_sha256:
        return doc.text_sha256
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest() if doc.text.strip() else ""


@rule("documents.duplicate", "info", scope="archive")
def duplicates(archive: Archive) -> Iterator[Finding]:
    first_by_text: dict[str, str] = {}
    for r in archive.results:
        if r.doc.duplicate_of:
            yield finding(archive, "documents.duplicate",
                          f"{r.doc.source_path} has the same content as document "
                          f"{r.doc.duplicate_of}; it was processed once.",
                          "document", doc_id=r.doc.doc_id)
        elif r.doc.status == "ok" and (digest := text_digest(r.doc)):
            other = first_by_text.setdefault(digest, r.doc.doc_id)
            if other != r.doc.doc_id:
                yield finding(archive, "documents.duplicate",
                              f"{r.doc.source_path} has the same text as document {other} "
                              "(the same document saved twice).", "document",
                              doc_id=r.doc.doc_id)


def _where(field: str, v: Value) -> str:
    shown = eur(Decimal(v.shown)) if field.endswith("_eur") else f"'{v.shown}'"
    return f"{shown} in {v.doc_id}"


@rule("documents.disagree", "warning")
def documents_disagree(archive: Archive) -> Iterator[Finding]:
    """Documents of one project that state different values for a field (the merged value in
    projects.csv follows the rule in docs/schema.md). Two spellings of one title are reported
    as names.spelling_variant instead. Values that are not two versions of one fact are not
    compared (`_comparable`)."""
    scopes: dict[str, dict[int, budget.Amount]] = {}
    for g in archive.groups:
        for d in archive.merged[g.project_id].disagreements:
            if d.field.startswith("title:") and typo_variants(
                    tuple(title_words(d.chosen.shown)), tuple(title_words(d.other.shown))):
                continue
            if not _comparable(archive, d.field, d.chosen, d.other, scopes):
                continue
            yield finding(
                archive, "documents.disagree",
                f"The documents of this project disagree on the {label(d.field)}: "
                f"{_where(d.field, d.other)}, but {_where(d.field, d.chosen)} (used in "
                "projects.csv).",
                d.field.split(":")[0], d.other.fact, doc_id=d.other.doc_id,
            )


@cache
def _funds() -> frozenset[str]:
    return frozenset(n.casefold() for n in langdata.load("validation.json")["funds"])


def _project_amount(archive: Archive, v: Value, scopes: dict[str, dict[int, budget.Amount]]
                    ) -> bool:
    """The value is an exact amount of the project's own budget in its document (not a
    partner's share or a part of it, not approximate)."""
    r = archive.result(v.doc_id)
    if v.fact is None:
        return False
    if v.doc_id not in scopes:
        scopes[v.doc_id] = {a.fact.start: a for a in budget.amounts(r)}
    a = scopes[v.doc_id].get(v.fact.start)
    return a is not None and a.project and not a.approx


def _comparable(archive: Archive, field: str, a: Value, b: Value,
                scopes: dict[str, dict[int, budget.Amount]]) -> bool:
    """Two values that state one fact of the project two ways. Not: partners' shares (two
    documents may name two partners' shares), an amount outside the project's own budget, a
    lead partner one document only names as applicant, two lead partners named in two
    languages (a name and its translation have two ids), a single day (a start date) against a
    period holding it, a fund against a programme (the fund is not the programme), a count of
    one group of partners."""
    if field == "partner_eur":
        return False
    if field.endswith("_eur"):
        return _project_amount(archive, a, scopes) and _project_amount(archive, b, scopes)
    if field == "lead_partner":
        return all(v.fact is not None and v.fact.values.get("role") == "lead" for v in (a, b)) \
            and len({_lang(archive, v) for v in (a, b)}) == 1
    if field == "period":
        (a0, a1), (b0, b1) = ((v.extra["start"], v.extra["end"]) for v in (a, b))
        day_inside = (a0 == a1 and b0 <= a0 <= b1) or (b0 == b1 and a0 <= b0 <= a1)
        return not day_inside
    if field == "programme":
        return not ({a.shown.casefold(), b.shown.casefold()} & _funds())
    if field == "n_partners_stated":
        return not (_partial_count(archive, a) or _partial_count(archive, b))
    return True


def _lang(archive: Archive, v: Value) -> str:
    return archive.result(v.doc_id).doc.lang_at(v.fact.start if v.fact else 0)


def _partial_count(archive: Archive, v: Value) -> bool:
    """A count of partners stated beside another count of partners or organisations in its
    sentence ('with five municipalities and two partners from Russia'): a count of one group,
    not of all partners."""
    if v.fact is None:
        return False
    r = archive.result(v.doc_id)
    spans = sentence_spans(r.doc.text)
    s, e = next(((s, e) for s, e in spans if s <= v.fact.start < e), (v.fact.start, v.fact.end))
    return any(f.table == "participants" and f is not v.fact and s <= f.start < e
               and f.values.get("unit") in ("partners", "organizations") for f in r.facts)


@rule("coverage.missing_field", "info")
def missing_fields(archive: Archive) -> Iterator[Finding]:
    for row in archive.tables.get("coverage", []):
        if row["status"] == "missing":
            yield finding(archive, "coverage.missing_field",
                          f"Required field '{row['field']}' is missing "
                          f"(required for: {row['required_by']}).",
                          str(row["field"]), project_id=str(row["project_id"]))


def run_rules(archive: Archive, scope: str) -> Iterator[Finding]:
    """The findings of the rules of one scope over `archive` (unsorted)."""
    with budget.amounts_kept():
        for r in RULES.values():
            if r.scope == scope:
                yield from r.fn(archive)


def validate(archive: Archive) -> list[Finding]:
    """Every rule over an archive held in memory, sorted."""
    found = [f for scope in SCOPES for f in run_rules(archive, scope)]
    return sorted(found, key=sort_key)
