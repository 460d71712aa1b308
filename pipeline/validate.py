"""Validation rules: each a small registered function with a stable id and a severity.

A rule reads the linked `Archive` and yields findings; each finding names the document, the
field, a message a non-programmer understands, and the evidence span in the document's text.
docs/validation-rules.md describes every rule; tests/test_validate.py plants one fault per rule.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rapidfuzz import fuzz

from pipeline import langdata
from pipeline.gazetteer import fold, get_gazetteer
from pipeline.link import title_words, typo_variants
from pipeline.merge import Value, same_amount
from pipeline.model import Document, Fact
from pipeline.tables import BUDGET_PARTS, Archive, Row
from pipeline.text import sentence_spans

Finding = Row
RuleFn = Callable[[Archive], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule reads either one project (scope "project": its documents, facts, merged values
    and coverage; documents outside any project are checked in batches with no group) or the
    whole archive (scope "archive": every document's metadata and every contact, which is all
    such rules read)."""

    id: str
    severity: str
    fn: RuleFn
    scope: str = "project"


RULES: dict[str, Rule] = {}
SCOPES = ("project", "archive")


def rule(rule_id: str, severity: str, scope: str = "project") -> Callable[[RuleFn], RuleFn]:
    assert scope in SCOPES

    def wrap(fn: RuleFn) -> RuleFn:
        RULES[rule_id] = Rule(rule_id, severity, fn, scope)
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


# Field names of projects.csv / merge keys as people say them.
FIELD_LABELS = {
    "acronym": "acronym", "project_number": "project number", "programme": "programme",
    "lead_partner": "lead partner", "period": "implementation period",
    "total_eur": "total budget", "eu_eur": "EU funding", "state_eur": "state funding",
    "municipal_eur": "municipal co-financing", "prefinancing_eur": "pre-financing",
    "partner_eur": "partners' contribution", "n_partners_stated": "number of partners",
    "n_countries_stated": "number of countries",
}
KIND_LABELS = {"total": "total budget", "eu": "EU funding", "state": "state funding",
               "municipal": "municipal co-financing", "prefinancing": "pre-financing",
               "partner": "partners' contribution"}


def _label(field: str) -> str:
    if field.startswith("title:"):
        return f"title ({field.split(':', 1)[1]})"
    return FIELD_LABELS.get(field, field)


# ----------------------------------------------------------------------------------------------
# Budget


@rule("budget.parts_differ_from_total", "warning")
def parts_vs_total(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        chosen = archive.merged[g.project_id].chosen
        parts = {k: chosen[f"{k}_eur"] for k in BUDGET_PARTS if f"{k}_eur" in chosen}
        total = chosen.get("total_eur")
        if total is None or not parts:
            continue
        amount = Decimal(total.shown)
        summed = sum((Decimal(v.shown) for v in parts.values()), Decimal(0))
        if not same_amount(summed, amount):
            detail = " + ".join(f"{KIND_LABELS[k]} {_eur(Decimal(v.shown))}"
                                for k, v in parts.items())
            yield finding(
                archive, "budget.parts_differ_from_total",
                f"The budget parts ({detail} = {_eur(summed)}) do not add up to the total "
                f"{_eur(amount)}.", "budget", total.fact,
            )


@rule("budget.lats_after_euro", "warning")
def lats_after_euro(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("budgets"):
        if f.values["currency"] != "LVL":
            continue
        dated = _document_date(archive, f.doc_id)
        if dated and dated >= EURO_DAY:
            yield finding(archive, "budget.lats_after_euro",
                          f"An amount in lats ({f.text}) in a document dated {dated}, after the "
                          f"euro replaced the lats on {EURO_DAY}.", "budget", f)


EURO_DAY = "2014-01-01"


def _document_date(archive: Archive, doc_id: str) -> str:
    """The document's publication date, else a date the text marks as its publication date."""
    r = archive.result(doc_id)
    if r.doc.publication_date:
        return r.doc.publication_date.isoformat()
    return next((str(f.values["start_date"]) for f in r.facts if f.table == "dates"
                 and f.values.get("kind") == "publication" and f.values.get("start_date")), "")


@rule("budget.line_two_values", "warning")
def line_two_values(archive: Archive) -> Iterator[Finding]:
    for g in archive.groups:
        for tv in archive.merged[g.project_id].two_values:
            yield finding(
                archive, "budget.line_two_values",
                f"The {KIND_LABELS[tv.kind]} is given as two different amounts in this "
                f"document: '{tv.first.text}' and '{tv.second.text}'.", "budget", tv.second,
            )


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


@rule("dates.year_unresolved", "warning")
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
    for g in archive.groups:
        period = archive.merged[g.project_id].chosen.get("period")
        if period is None:
            continue
        p0, p1 = period.extra["start"], period.extra["end"]
        source = f" (stated in {period.doc_id})"
        for f in archive.facts("dates", g.project_id):
            if f.values["kind"] != "event" or not f.values["start_date"]:
                continue
            if f.values["start_date"] < p0 or f.values["end_date"] > p1:
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
        complete = listed or len(listed_countries) >= 2
        if len(countries) > n or (complete and len(countries) < n):
            yield finding(
                archive, "counts.countries_differ_from_named",
                f"The text says '{stated.fact.text if stated.fact else n}' ({n} countries), but "
                f"the partners it names come from {len(countries)} "
                f"({', '.join(sorted(countries))}).", "countries", stated.fact,
            )


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


# ----------------------------------------------------------------------------------------------
# Names


WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
MIN_VARIANT_LEN = 6
VARIANT_SIMILARITY = 85


def _inflection_pair(a: str, b: str, endings: frozenset[str]) -> bool:
    """True when two spellings differ only by grammatical endings (Toruņas / Toruņā,
    Konkursa / Konkursam): some common stem leaves two endings of the list."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return any(a[k:] in endings and b[k:] in endings for k in range(i, max(-1, i - 4), -1))


@cache
def _endings() -> frozenset[str]:
    return frozenset(langdata.load("variants.json")["inflection_endings"])


def spelling_variant(a: str, b: str) -> bool:
    """Two words that are one name spelled two ways (Enchancing/Enhancing, Colleccio/Collecchio),
    not two forms of one name (endings, dropped diacritics) nor two known place names."""
    ka, kb = a.casefold(), b.casefold()
    if ka == kb or ka[:2] != kb[:2] or abs(len(ka) - len(kb)) > 2:
        return False
    if min(len(ka), len(kb)) < MIN_VARIANT_LEN or fuzz.ratio(ka, kb) < VARIANT_SIMILARITY:
        return False
    fa, fb = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    endings = _endings()
    if fa == fb or _inflection_pair(ka, kb, endings) or _inflection_pair(fa, fb, endings):
        return False
    gaz = get_gazetteer()
    return not (gaz.lookup(a) and gaz.lookup(b))


@dataclass(frozen=True)
class _Word:
    surface: str
    doc_id: str
    start: int


def _variant_pairs(words: Iterable[_Word], across_docs: bool) -> Iterator[tuple[_Word, _Word]]:
    """Pairs of spelling variants among `words` (first occurrence of each spelling); with
    `across_docs` only pairs whose words come from different documents. Words are bucketed by
    their first two letters, so the pairing stays cheap on long documents."""
    first: dict[str, _Word] = {}
    for w in words:
        first.setdefault(w.surface.casefold(), w)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(first):
        buckets[key[:2]].append(key)
    for keys in buckets.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                wa, wb = first[a], first[b]
                if across_docs and wa.doc_id == wb.doc_id:
                    continue
                if spelling_variant(wa.surface, wb.surface):
                    yield wa, wb


def _names_in(r_facts: list[Fact], text: str, doc_id: str) -> Iterator[_Word]:
    """Capitalized words of a document, and every word of its project titles."""
    titles = sorted((f.start, f.end) for f in r_facts if f.table == "project_info"
                    and f.values["field"] in ("title", "title_en"))
    for m in WORD.finditer(text):
        w = m.group()
        if w[0].isupper() or any(s <= m.start() < e for s, e in titles):
            yield _Word(w, doc_id, m.start())


def _project_names(archive: Archive, project_id: str) -> Iterator[_Word]:
    """Words of the names a project's documents give: titles, partners, places."""
    for table in ("project_info", "partners", "dates"):
        for f in archive.facts(table, project_id):
            if table == "project_info" and f.values["field"] not in ("title", "title_en"):
                continue
            if table == "dates" and not f.values.get("city"):
                continue
            for m in WORD.finditer(f.text):
                if table == "project_info" or m.group()[0].isupper():
                    yield _Word(m.group(), f.doc_id, f.start + m.start())


def _variant_finding(archive: Archive, a: _Word, b: _Word, where: str) -> Finding:
    fact = Fact("validation", a.doc_id, a.surface, a.start, a.start + len(a.surface))
    docs = f" ({a.doc_id} and {b.doc_id})" if a.doc_id != b.doc_id else ""
    return finding(archive, "names.spelling_variant",
                   f"A name is spelled two ways {where}: '{a.surface}' and '{b.surface}'{docs}.",
                   "name", fact)


@rule("names.spelling_variant", "warning")
def spelling_variants(archive: Archive) -> Iterator[Finding]:
    """One name spelled two ways: in one document, or across the documents of a project."""
    in_docs: dict[str, set[frozenset[str]]] = defaultdict(set)  # project -> pairs reported
    for r in archive.results:
        if r.doc.text:
            words = _names_in(r.facts, r.doc.text, r.doc.doc_id)
            for a, b in _variant_pairs(words, across_docs=False):
                pair = frozenset((a.surface.casefold(), b.surface.casefold()))
                in_docs[archive.project_of.get(r.doc.doc_id, "")].add(pair)
                yield _variant_finding(archive, a, b, "in this document")
    for g in archive.groups:
        if len(g.doc_ids) > 1:
            for a, b in _variant_pairs(_project_names(archive, g.project_id), across_docs=True):
                if frozenset((a.surface.casefold(), b.surface.casefold())) not in \
                        in_docs[g.project_id]:
                    yield _variant_finding(archive, a, b, "in the documents of this project")


ACRONYM_FIT = 0.6  # part of the acronym's letters that must appear in order in the title


def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ch == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def acronym_fits(acronym: str, title: str) -> bool:
    """The acronym's first letter starts a title word, and most of its letters appear in order
    in the title from there (EVOLAQ in 'Enhancing Volunteering Actions and Quality in Europe',
    FortLink in 'Fortresses of Pskov and Daugavpils')."""
    letters = "".join(ch for ch in fold(acronym) if ch.isalpha())
    words = title_words(title)
    if not letters or not words:
        return True
    start = next((i for i, w in enumerate(words) if w[0] == letters[0]), None)
    if start is None:
        return False
    rest = "".join(words[start:])
    return _lcs(letters, rest) >= ACRONYM_FIT * len(letters)


def _is_cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


@rule("names.acronym_mismatch", "warning")
def acronym_mismatch(archive: Archive) -> Iterator[Finding]:
    """An acronym that fits none of the project's titles, judged when a title in the language
    acronyms are usually made from is there (English for Latin acronyms, Russian for Cyrillic)."""
    for g in archive.groups:
        chosen = archive.merged[g.project_id].chosen
        acronym = chosen.get("acronym")
        titles = [v for k, v in chosen.items() if k.startswith("title:")]
        if acronym is None or not titles:
            continue
        reference = "ru" if _is_cyrillic(acronym.shown) else "en"
        if f"title:{reference}" not in chosen:
            continue
        if not any(acronym_fits(acronym.shown, t.shown) for t in titles):
            shown = chosen[f"title:{reference}"].shown
            yield finding(archive, "names.acronym_mismatch",
                          f"The acronym '{acronym.shown}' does not fit the project title "
                          f"'{shown}'.", "acronym", acronym.fact)


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


@rule("contacts.invalid_phone", "warning")
def invalid_phone(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        if f.values.get("phone_raw"):
            yield finding(archive, "contacts.invalid_phone",
                          f"The phone number '{f.values['phone_raw']}' is not a valid number.",
                          "phone", f)


@rule("contacts.invalid_email", "warning")
def invalid_email(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("contacts"):
        if f.values.get("email_raw"):
            yield finding(archive, "contacts.invalid_email",
                          f"The e-mail address '{f.values['email_raw']}' is not valid.",
                          "email", f)


# ----------------------------------------------------------------------------------------------
# Documents


@rule("documents.unreadable", "error", scope="archive")
def unreadable(archive: Archive) -> Iterator[Finding]:
    for r in archive.results:
        if r.doc.status == "failed":
            yield finding(archive, "documents.unreadable",
                          f"{r.doc.source_path} could not be read: {r.doc.error}",
                          "document", doc_id=r.doc.doc_id)


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
    shown = _eur(Decimal(v.shown)) if field.endswith("_eur") else f"'{v.shown}'"
    return f"{shown} in {v.doc_id}"


@rule("documents.disagree", "warning")
def documents_disagree(archive: Archive) -> Iterator[Finding]:
    """Documents of one project that state different values for a field (the merged value in
    projects.csv follows the rule in docs/schema.md). Two spellings of one title are reported
    as names.spelling_variant instead."""
    for g in archive.groups:
        for d in archive.merged[g.project_id].disagreements:
            if d.field.startswith("title:") and typo_variants(
                    tuple(title_words(d.chosen.shown)), tuple(title_words(d.other.shown))):
                continue
            yield finding(
                archive, "documents.disagree",
                f"The documents of this project disagree on the {_label(d.field)}: "
                f"{_where(d.field, d.other)}, but {_where(d.field, d.chosen)} (used in "
                "projects.csv).",
                d.field.split(":")[0], d.other.fact, doc_id=d.other.doc_id,
            )


@rule("coverage.missing_field", "info")
def missing_fields(archive: Archive) -> Iterator[Finding]:
    for row in archive.tables.get("coverage", []):
        if row["status"] == "missing":
            yield finding(archive, "coverage.missing_field",
                          f"Required field '{row['field']}' is missing "
                          f"(required for: {row['required_by']}).",
                          str(row["field"]), project_id=str(row["project_id"]))


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def sort_key(f: Finding) -> tuple[int, str, str, str, str, str]:
    """The order of validation.csv: errors first, then by rule, project, document, place."""
    return (SEVERITY_ORDER[str(f["severity"])], str(f["rule"]), str(f["project_id"]),
            str(f["doc_id"]), str(f["char_start"]), str(f["message"]))


def run_rules(archive: Archive, scope: str) -> Iterator[Finding]:
    """The findings of the rules of one scope over `archive` (unsorted)."""
    for r in RULES.values():
        if r.scope == scope:
            yield from r.fn(archive)


def validate(archive: Archive) -> list[Finding]:
    """Every rule over an archive held in memory, sorted."""
    found = [f for scope in SCOPES for f in run_rules(archive, scope)]
    return sorted(found, key=sort_key)
