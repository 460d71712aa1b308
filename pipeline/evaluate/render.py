"""Showing an `EvalResult`: the plain-text report of `pipeline evaluate`, a flat summary of the
measures (what the floors of tests/test_dev_corpus.py check) and the JSON written by `--json`."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.evaluate.common import GROUPS, Ratio, Score, quote
from pipeline.evaluate.core import EvalResult
from pipeline.evaluate.identity import PROJECT_FIELDS, FieldStats

HEADLINE_TITLE = ("HEADLINE micro-F1 (as the acceptance checks score: a budget by its EUR amount "
                  "without its kind, a contact by its name)")
STRICT_TITLE = "STRICT micro-F1 (budget kinds, contact phones and e-mails required)"


def summary(result: EvalResult) -> dict[str, float | int | None]:
    """The measures by name, one number each: headline F1 overall and per group
    (`overall`, `partners`, …), per language (`lang:lv`), strict overall (`strict:overall`),
    the accuracies (`budget_kinds`, `date_kinds`, `contact_phones`, `contact_emails`,
    `doc_type`, `acronym`, `project_number`, `programme`), `pairs_recall` and the counts
    `wrong_links` and `warnings` (warning findings). An accuracy with no cases is None."""
    out: dict[str, float | int | None] = {g: s.f1 for g, s in result.headline.items()}
    out.update({f"lang:{lang}": s["overall"].f1 for lang, s in result.languages.items()})
    out["strict:overall"] = result.groups["overall"].f1
    out["budget_kinds"] = result.budget_kinds.value
    out["date_kinds"] = result.date_kinds.value
    out["contact_phones"] = result.contact_phones.value
    out["contact_emails"] = result.contact_emails.value
    out["doc_type"] = result.doc_type.value
    for name in PROJECT_FIELDS:
        out[name] = result.project.get(name, FieldStats()).accuracy
    out["pairs_recall"] = result.pairs.recall
    out["wrong_links"] = len(result.pairs.wrong)
    out["warnings"] = sum(result.warnings_by_rule.values())
    return out


def _score_dict(scores: dict[str, Score]) -> dict[str, dict[str, float | int]]:
    return {name: asdict(s) for name, s in scores.items()}


def _ratio_dict(ratio: Ratio) -> dict[str, float | int | None]:
    return {"correct": ratio.correct, "total": ratio.total, "accuracy": ratio.value}


def to_dict(result: EvalResult) -> dict[str, Any]:
    """Every number of the result as plain JSON-ready data."""
    pairs = result.pairs
    return {
        "summary": summary(result),
        "documents": {"gold": result.gold_documents, "matched": result.documents_matched},
        "headline": _score_dict(result.headline),
        "strict": _score_dict(result.groups),
        "languages": {
            lang: {
                "documents": result.language_documents.get(lang, 0),
                "headline": _score_dict(scores),
                "strict": _score_dict(result.languages_strict.get(lang, {})),
            }
            for lang, scores in result.languages.items()
        },
        "budget_kinds": _ratio_dict(result.budget_kinds),
        "date_kinds": _ratio_dict(result.date_kinds),
        "kind_errors": [
            {"group": grp, "gold": g, "output": o, "facts": n}
            for (grp, g, o), n in result.kind_errors.items()
        ],
        "contact_phones": _ratio_dict(result.contact_phones),
        "contact_emails": _ratio_dict(result.contact_emails),
        "doc_type": {
            **_ratio_dict(result.doc_type),
            "confusion": [
                {"gold": g, "output": o, "documents": n}
                for (g, o), n in result.doc_type_confusion.items()
            ],
        },
        "project": {
            name: {**asdict(st), "accuracy": st.accuracy} for name, st in result.project.items()
        },
        "pairs": {
            "recall": pairs.recall,
            **{k: [list(p) for p in getattr(pairs, k)]
               for k in ("gold", "found", "missed", "wrong", "unjudged")},
        },
        "per_document": {
            doc_id: {
                "lang": result.document_language.get(doc_id, "?"),
                "headline": _score_dict(result.per_document_headline.get(doc_id, {})),
                "strict": _score_dict(scores),
            }
            for doc_id, scores in result.per_document.items()
        },
        "misses": result.misses,
        "warnings": result.warnings,
        "warnings_by_rule": result.warnings_by_rule,
        "mismatches": result.mismatches,
    }


def write_json(result: EvalResult, path: Path) -> None:
    path.write_text(json.dumps(to_dict(result), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


# --------------------------------------------------------------------------- text


def _table(scores: dict[str, Score]) -> list[str]:
    lines = [f"{'group':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<14} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
            f"{s.tp:>5} {s.fp:>5} {s.fn:>5}"
        )
    return lines


def _language_table(result: EvalResult) -> list[str]:
    short = {"participants": "partic.", "contacts": "contacts"}
    cols = [short.get(g, g) for g in GROUPS]
    lines = [f"{'lang':<5} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}  "
             + " ".join(f"{c:>8}" for c in cols)]
    for lang, s in result.languages.items():
        o = s["overall"]
        lines.append(
            f"{lang:<5} {result.language_documents.get(lang, 0):>4} {o.precision:>6.3f} "
            f"{o.recall:>6.3f} {o.f1:>6.3f}  " + " ".join(f"{s[g].f1:>8.3f}" for g in GROUPS)
        )
    return lines


def _project_table(result: EvalResult) -> list[str]:
    lines = [f"{'field':<15} {'stated':>6} {'right':>6} {'wrong':>6} {'none':>6} "
             f"{'acc':>6}  {'extra':>5}"]
    for name, st in result.project.items():
        acc = "n/a" if st.accuracy is None else f"{st.accuracy:.3f}"
        lines.append(f"{name:<15} {st.stated:>6} {st.correct:>6} {st.wrong:>6} "
                     f"{st.missing:>6} {acc:>6}  {st.extra:>5}")
    return lines


def _pair_lines(result: EvalResult, listing: bool) -> list[str]:
    p = result.pairs
    recall = "n/a" if p.recall is None else f"{p.recall:.3f}"
    lines = [
        f"gold pairs {len(p.gold)}: linked {len(p.found)}, missed {len(p.missed)} "
        f"(recall {recall}); wrong links {len(p.wrong)}; other links (gold blocks identical, "
        f"not judged) {len(p.unjudged)}"
    ]
    if listing:
        for label, items in (("missed", p.missed), ("wrong link", p.wrong),
                             ("not judged", p.unjudged)):
            lines += [f"  {label}: {a} ~ {b}" for a, b in items]
    return lines


def _misses_lines(result: EvalResult) -> list[str]:
    lines = [f"misses per document ({sum(map(len, result.misses.values()))} lines in "
             f"{len(result.misses)} documents; headline facts, then wrong kinds, phones, "
             "e-mails, doc_type and project fields):"]
    for doc_id in result.per_document:
        items, warnings = result.misses.get(doc_id, []), result.warnings.get(doc_id, [])
        if not items and not warnings:
            continue
        s = result.per_document_headline.get(doc_id, {}).get("overall")
        head = f"== {doc_id} [{result.document_language.get(doc_id, '?')}]"
        if s is not None:
            head += f" F1 {s.f1:.3f} (tp {s.tp} fp {s.fp} fn {s.fn})"
        lines += [head, *(f"  {m}" for m in items),
                  *(f"  (warning finding) {quote(w, 160)}" for w in warnings)]
    return lines


def _kind_errors(result: EvalResult, group: str) -> str:
    wrong = [f"{g}->{o} {n}" for (grp, g, o), n in result.kind_errors.items() if grp == group]
    return f" (wrong, gold->output: {', '.join(wrong)})" if wrong else ""


def format_result(result: EvalResult, verbose: bool = False, misses: bool = False) -> str:
    """The report: headline and strict tables, F1 per language, the accuracies, project
    identity and same-project pairs. `misses` adds every missed/spurious/wrong fact grouped
    by document; `verbose` adds those, the strict per-document tables and mismatch lines."""
    lines = [
        f"gold documents: {result.gold_documents}, matched to output: {result.documents_matched}",
        "",
    ]
    if result.headline:
        lines += [HEADLINE_TITLE, *_table(result.headline), ""]
    if result.headline:
        lines.append(STRICT_TITLE)
    lines += _table(result.groups)
    if result.languages:
        lines += ["", "Headline F1 per language (a document counts under its first gold "
                  "language)", *_language_table(result)]
    lines += ["", "Accuracies"]
    lines.append(f"budget kind accuracy (amount-matched budgets): {result.budget_kinds.text()}"
                 + _kind_errors(result, "budgets"))
    if result.date_kinds_total:
        lines.append(f"date kind accuracy (matched dates): {result.date_kinds.text()}"
                     + _kind_errors(result, "dates"))
    else:
        lines.append("date kind accuracy (matched dates): n/a (no matched dates)")
    lines.append("contact phone accuracy (name-matched contacts, a phone on either side): "
                 + result.contact_phones.text())
    lines.append("contact e-mail accuracy (name-matched contacts, an e-mail on either side): "
                 + result.contact_emails.text())
    confusion = ", ".join(f"{g}->{o} {n}" for (g, o), n in result.doc_type_confusion.items()
                          if g != o)
    lines.append(f"doc_type accuracy: {result.doc_type.text()}"
                 + (f" (wrong: {confusion})" if confusion else ""))
    n_warnings = sum(result.warnings_by_rule.values())
    by_rule = ", ".join(f"{rule} {n}" for rule, n in result.warnings_by_rule.items())
    lines.append(f"warning findings on these documents: {n_warnings}"
                 + (f" ({by_rule}; listed with --misses)" if by_rule else ""))
    if result.project:
        lines += ["", "Project identity (documents whose gold states the field, against the "
                  "projects.csv row of the document's project; extra = we state one, gold none)",
                  *_project_table(result)]
        lines += ["", "Same-project pairs (gold: same_project_as, same project number or "
                  "acronym; linked = same project_id)", *_pair_lines(result, misses or verbose)]
    if misses or verbose:
        lines += ["", *_misses_lines(result)]
    if verbose:
        for doc_id, doc_scores in result.per_document.items():
            lines += ["", f"document {doc_id} (strict)", *_table(doc_scores)]
        lines += ["", f"strict mismatches ({len(result.mismatches)}):"]
        lines += [f"  {m}" for m in result.mismatches] or ["  none"]
    elif (result.mismatches or result.misses) and not misses:
        lines += ["", f"{len(result.mismatches)} strict mismatches, "
                  f"{sum(map(len, result.misses.values()))} headline misses and wrong values "
                  "(use --misses to list them by document, -v for everything)"]
    return "\n".join(lines) + "\n"
