"""`evaluate`: score a `pipeline run` output folder against hand-made gold files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate.common import (
    GROUPS,
    Ratio,
    Row,
    Score,
    by_doc,
    gold_doc_id,
    gold_file_name,
    gold_language,
    load_gold,
    match_document,
    read_csv,
    scores,
    sum_counts,
)
from pipeline.evaluate.facts import (
    DocOutcome,
    score_budgets,
    score_contacts,
    score_dates,
    score_participants,
    score_partners,
)
from pipeline.evaluate.identity import (
    PROJECT_FIELDS,
    FieldStats,
    PairStats,
    score_doc_type,
    score_pairs,
    score_project_fields,
)


@dataclass
class EvalResult:
    """The outcome of `evaluate`. `groups`, `per_document` and `mismatches` are the strict
    score (kinds, phones and e-mails required); `headline` is the acceptance score (a budget
    by its amount, a contact by its name); the rest are the separate measures."""

    groups: dict[str, Score]
    per_document: dict[str, dict[str, Score]]
    mismatches: list[str]
    documents_matched: int
    gold_documents: int
    date_kinds_correct: int = 0  # matched date keys whose kind agrees with gold
    date_kinds_total: int = 0  # matched date keys
    headline: dict[str, Score] = field(default_factory=dict)
    per_document_headline: dict[str, dict[str, Score]] = field(default_factory=dict)
    languages: dict[str, dict[str, Score]] = field(default_factory=dict)  # headline
    languages_strict: dict[str, dict[str, Score]] = field(default_factory=dict)
    language_documents: dict[str, int] = field(default_factory=dict)
    document_language: dict[str, str] = field(default_factory=dict)
    budget_kinds: Ratio = field(default_factory=Ratio)
    # (group, gold kinds, output kinds) -> matched facts with that wrong kind
    kind_errors: dict[tuple[str, str, str], int] = field(default_factory=dict)
    contact_phones: Ratio = field(default_factory=Ratio)
    contact_emails: Ratio = field(default_factory=Ratio)
    doc_type: Ratio = field(default_factory=Ratio)
    doc_type_confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    project: dict[str, FieldStats] = field(default_factory=dict)
    pairs: PairStats = field(default_factory=PairStats)
    misses: dict[str, list[str]] = field(default_factory=dict)  # per document, headline view
    # `warning` findings of validation.csv on the scored documents (each to be read: issue 12)
    warnings: dict[str, list[str]] = field(default_factory=dict)  # per document
    warnings_by_rule: dict[str, int] = field(default_factory=dict)

    @property
    def date_kinds(self) -> Ratio:
        return Ratio(self.date_kinds_correct, self.date_kinds_total)


def _predicted_countries(
    doc: Row, partner_countries: dict[str, list[Row]] | None, projects: dict[str, Row]
) -> set[str]:
    """From partner_countries.csv when that file exists, else projects.csv partner_countries."""
    if partner_countries is not None:
        rows = partner_countries.get(doc.get("doc_id", ""), [])
        return {r.get("country", "").upper() for r in rows if r.get("country")}
    project = projects.get(doc.get("project_id", ""), {}) if doc.get("project_id") else {}
    cell = project.get("partner_countries", "")
    return {c.strip().upper() for c in cell.split(";") if c.strip()}


def evaluate(out_dir: Path, gold_dir: Path) -> EvalResult:
    """Score the output folder `out_dir` against the `*.gold.json` files under `gold_dir`."""
    out_dir, gold_dir = Path(out_dir), Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold_dir}")
    if not out_dir.is_dir():
        raise FileNotFoundError(f"output folder not found: {out_dir}")

    documents = read_csv(out_dir / "documents.csv")
    tables = {g: by_doc(read_csv(out_dir / f"{g}.csv")) for g in GROUPS}
    pc_path = out_dir / "partner_countries.csv"
    partner_countries = by_doc(read_csv(pc_path)) if pc_path.is_file() else None
    projects = {r.get("project_id", ""): r for r in read_csv(out_dir / "projects.csv")}
    findings = by_doc(r for r in read_csv(out_dir / "validation.csv")
                      if r.get("severity") == "warning")

    outcomes: list[DocOutcome] = []
    keys: list[str] = []
    langs: dict[str, str] = {}
    mismatches: list[str] = []
    misses: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    warning_rules: Counter[str] = Counter()
    matched = 0
    doc_type, confusion = Ratio(), Counter[tuple[str, str]]()
    project_stats = {name: FieldStats() for name in PROJECT_FIELDS}
    pair_golds: dict[str, dict[str, Any]] = {}
    project_of: dict[str, str] = {}
    golds = load_gold(gold_dir)

    for path, gold in golds:
        doc_id = gold_doc_id(path, gold)
        doc = match_document(path, gold, gold_dir, documents)
        out = DocOutcome(doc_id)
        if doc is None:
            what = f"no output row for gold document {doc_id} ({gold_file_name(path, gold)})"
            out.mismatches.append(f"{what}: all its facts count as missing")
            out.misses.append(f"{what}: all its facts count as missing")
        else:
            matched += 1
        rows = {g: tables[g].get(doc["doc_id"], []) if doc else [] for g in GROUPS}
        countries = _predicted_countries(doc, partner_countries, projects) if doc else set()
        score_partners(gold, rows["partners"], countries, out)
        score_dates(gold, rows["dates"], out)
        score_budgets(gold, rows["budgets"], out)
        score_participants(gold, rows["participants"], out)
        score_contacts(gold, rows["contacts"], out)
        score_doc_type(gold, doc, doc_type, confusion, out.misses)
        project_id = (doc or {}).get("project_id", "")
        score_project_fields(gold, projects.get(project_id, {}) if project_id else {},
                             project_stats, out.misses)

        key = doc_id if doc_id not in langs else str(path.relative_to(gold_dir))
        keys.append(key)
        langs[key] = gold_language(gold, doc_id)
        pair_golds[key] = gold
        project_of[key] = project_id
        outcomes.append(out)
        mismatches.extend(out.mismatches)
        if out.misses:
            misses[key] = out.misses
        doc_warnings = findings.get(doc["doc_id"], []) if doc else []
        warning_rules.update(w.get("rule", "") for w in doc_warnings)
        if doc_warnings:
            warnings[key] = [f"{w.get('rule', '')}: {w.get('message', '')}" for w in doc_warnings]

    def ratio(attr: str) -> Ratio:
        total = Ratio()
        for o in outcomes:
            total.merge(getattr(o, attr))
        return total

    by_lang: dict[str, list[DocOutcome]] = {}
    for key, out in zip(keys, outcomes, strict=True):
        by_lang.setdefault(langs[key], []).append(out)
    date_kinds = ratio("date_kinds")
    kind_errors: Counter[tuple[str, str, str]] = Counter()
    for out in outcomes:
        kind_errors.update(out.kind_errors)
    return EvalResult(
        groups=scores(sum_counts(o.strict for o in outcomes)),
        per_document={
            k: scores(sum_counts([o.strict])) for k, o in zip(keys, outcomes, strict=True)
        },
        mismatches=mismatches,
        documents_matched=matched,
        gold_documents=len(golds),
        date_kinds_correct=date_kinds.correct,
        date_kinds_total=date_kinds.total,
        headline=scores(sum_counts(o.headline for o in outcomes)),
        per_document_headline={
            k: scores(sum_counts([o.headline])) for k, o in zip(keys, outcomes, strict=True)
        },
        languages={lang: scores(sum_counts(o.headline for o in outs))
                   for lang, outs in sorted(by_lang.items())},
        languages_strict={lang: scores(sum_counts(o.strict for o in outs))
                          for lang, outs in sorted(by_lang.items())},
        language_documents={lang: len(outs) for lang, outs in sorted(by_lang.items())},
        document_language=langs,
        budget_kinds=ratio("budget_kinds"),
        kind_errors=dict(sorted(kind_errors.items(), key=lambda kv: (-kv[1], kv[0]))),
        contact_phones=ratio("phones"),
        contact_emails=ratio("emails"),
        doc_type=doc_type,
        doc_type_confusion=dict(sorted(confusion.items())),
        project=project_stats,
        pairs=score_pairs(pair_golds, project_of),
        misses=misses,
        warnings=warnings,
        warnings_by_rule=dict(sorted(warning_rules.items(), key=lambda kv: (-kv[1], kv[0]))),
    )

