"""The rule registry, the finding row every rule yields (shared by the rule modules) and the
notes: what a rule reads of one document alone, worked out once where the document is extracted.

A note is a pure function of a document's text and its facts as extracted (never of the ids or
years the whole archive fills in later), so `prepare` can run it in the extraction worker and
keep its value with the result (cache, run store). A project whose documents did not all change
then reads the notes of the unchanged ones instead of working them out again. `noted` gives a
note's value, working it out for a result that was not prepared (the outputs are the same).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from pipeline.model import Fact
from pipeline.seam import DocResult
from pipeline.tables import Archive, Row

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


# A note's value is built from plain values (str, int, Decimal, tuples, frozensets) so that the
# cache's allow-list unpickler reads it; it names facts by their position in `result.facts`.
NoteFn = Callable[[DocResult], object]
NOTES: dict[str, NoteFn] = {}


def note(key: str) -> Callable[[NoteFn], NoteFn]:
    """Register a per-document note under `key` (see the module's docstring)."""

    def wrap(fn: NoteFn) -> NoteFn:
        NOTES[key] = fn
        return fn

    return wrap


def prepare(result: DocResult) -> DocResult:
    """Work out every registered note of a freshly extracted result and keep them with it.
    The notes read the result as the whole-archive stages hold it, without the blocks the
    extractors read (`seam.compact`: `Document.lang_at` then gives the document's first
    language everywhere), so that a note is what the rule would work out there.
    A note that raises is left out: the rule works it out again (`noted`) and fails there, in
    the whole-archive stage, as it would without notes, instead of costing the document."""
    held = DocResult(replace(result.doc, blocks=[]), result.facts)
    notes = {}
    for key, fn in NOTES.items():
        with contextlib.suppress(Exception):
            notes[key] = fn(held)
    result.notes = notes
    return result


def noted(result: DocResult, key: str) -> object:
    """The note's value kept with the result, else worked out now."""
    if result.notes is not None and key in result.notes:
        return result.notes[key]
    return NOTES[key](result)


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


def eur(value: Decimal) -> str:
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
               "partner": "partners' contribution", "other": "other money"}


def label(field: str) -> str:
    if field.startswith("title:"):
        return f"title ({field.split(':', 1)[1]})"
    return FIELD_LABELS.get(field, field)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def sort_key(f: Finding) -> tuple[int, str, str, str, str, str]:
    """The order of validation.csv: errors first, then by rule, project, document, place."""
    return (SEVERITY_ORDER[str(f["severity"])], str(f["rule"]), str(f["project_id"]),
            str(f["doc_id"]), str(f["char_start"]), str(f["message"]))
