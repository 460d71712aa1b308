"""Tests for pipeline.evaluate: tiny hand-built output and gold folders, numbers worked by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.evaluate import (
    Score,
    _names_match,
    evaluate,
    format_result,
    programme_key,
    summary,
    to_dict,
)

DOC = "000_a"


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Write rows as a CSV with the union of their keys (or `columns`) as header."""
    cols = list(columns or [])
    for row in rows:
        cols += [k for k in row if k not in cols]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, restval="")
        writer.writeheader()
        writer.writerows(rows)


def make_out(root: Path, docs: list[dict[str, Any]], **tables: list[dict[str, Any]]) -> Path:
    """An output folder with documents.csv and the given fact tables."""
    out = root / "out"
    out.mkdir()
    write_csv(out / "documents.csv", docs, ["doc_id", "source_path", "sha256", "project_id"])
    for name, rows in tables.items():
        write_csv(out / f"{name}.csv", rows, ["doc_id"])
    return out


def make_gold(root: Path, golds: dict[str, dict[str, Any]]) -> Path:
    """A gold folder; keys are relative paths without the `.gold.json` suffix."""
    gold_dir = root / "gold"
    for rel, data in golds.items():
        path = gold_dir / f"{rel}.gold.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return gold_dir


def base_gold() -> dict[str, Any]:
    """One document: 2 partners, 1 date, 2 budgets, 1 participant count, 1 contact = 7 facts."""
    return {
        "id": DOC,
        "file": f"{DOC}.txt",
        "partners": [
            {
                "name": "Toruņas pilsētas pašvaldība",
                "city": "Toruń",
                "country": "PL",
                "role": "lead",
            },
            {"name": "Gotingena", "city": "Göttingen", "country": "DE", "role": "partner"},
        ],
        "dates": [
            {
                "kind": "implementation",
                "start": "2018-01-02",
                "end": "2018-08-31",
                "precision": "day",
                "text": "02.01.2018. – 31.08.2018.",
            },
        ],
        "budgets": [
            {
                "kind": "total",
                "amount": 550.0,
                "currency": "EUR",
                "amount_eur": 550.0,
                "text": "550 EUR",
            },
            {
                "kind": "eu",
                "amount": 350.0,
                "currency": "EUR",
                "amount_eur": 350.0,
                "text": "ES līdzfinansējums 350 EUR",
            },
        ],
        "participants": [{"count": 7, "unit": "people", "text": "7 cilvēki"}],
        "contacts": [
            {
                "name": "Jolanta Reča-Lāže",
                "phone": "+37165476064",
                "email": "jolanta.reca-laze@daugavpils.lv",
            },
        ],
    }


def base_tables() -> dict[str, list[dict[str, Any]]]:
    """Output rows that match `base_gold` exactly."""
    return {
        "partners": [
            {
                "doc_id": DOC,
                "partner_id": "P1",
                "name": "Toruņas pilsētas pašvaldība",
                "name_normalized": "Toruņas pilsētas pašvaldība",
                "city": "Toruń",
                "country": "PL",
            },
            {
                "doc_id": DOC,
                "partner_id": "P2",
                "name": "Gotingena",
                "city": "Göttingen",
                "country": "DE",
            },
        ],
        "dates": [
            {
                "doc_id": DOC,
                "kind": "implementation",
                "start_date": "2018-01-02",
                "end_date": "2018-08-31",
                "text": "02.01.2018. – 31.08.2018.",
            },
        ],
        "budgets": [
            {
                "doc_id": DOC,
                "kind": "total",
                "amount": "550",
                "currency": "EUR",
                "amount_eur": "550.00",
                "text": "550 EUR",
            },
            {
                "doc_id": DOC,
                "kind": "eu",
                "amount": "350",
                "currency": "EUR",
                "amount_eur": "350",
                "text": "ES līdzfinansējums 350 EUR",
            },
        ],
        "participants": [{"doc_id": DOC, "count": "7", "unit": "people", "text": "7 cilvēki"}],
        "contacts": [
            {
                "doc_id": DOC,
                "person_id": "C1",
                "name": "Jolanta Reča-Lāže",
                "phone": "+37165476064",
                "email": "Jolanta.Reca-Laze@daugavpils.lv",
            },
        ],
    }


def doc_row(doc_id: str = DOC, source: str | None = None, project: str = "") -> dict[str, str]:
    return {
        "doc_id": doc_id,
        "source_path": source or f"data/raw/{doc_id}.txt",
        "project_id": project,
        "status": "ok",
    }


def run(
    tmp_path: Path,
    gold: dict[str, Any],
    tables: dict[str, list[dict[str, Any]]],
    docs: list[dict[str, Any]] | None = None,
):
    out = make_out(tmp_path, docs if docs is not None else [doc_row()], **tables)
    return evaluate(out, make_gold(tmp_path, {DOC: gold}))


def counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


def test_perfect_match(tmp_path: Path) -> None:
    result = run(tmp_path, base_gold(), base_tables())
    assert result.gold_documents == 1 and result.documents_matched == 1
    expected = {
        "partners": (2, 0, 0),
        "dates": (1, 0, 0),
        "budgets": (2, 0, 0),
        "participants": (1, 0, 0),
        "contacts": (1, 0, 0),
        "overall": (7, 0, 0),
    }
    for group, tpfpfn in expected.items():
        assert counts(result.groups[group]) == tpfpfn, group
        assert result.groups[group].f1 == 1.0
    assert result.mismatches == []
    assert result.per_document[DOC]["overall"].f1 == 1.0
    assert (result.date_kinds_correct, result.date_kinds_total) == (1, 1)


def test_missing_fact_lowers_recall(tmp_path: Path) -> None:
    tables = base_tables()
    tables["budgets"] = tables["budgets"][:1]  # drop the EU 350
    result = run(tmp_path, base_gold(), tables)
    budgets = result.groups["budgets"]
    assert counts(budgets) == (1, 0, 1)
    assert budgets.precision == 1.0 and budgets.recall == 0.5
    assert budgets.f1 == pytest.approx(2 / 3)
    assert counts(result.groups["overall"]) == (6, 0, 1)
    assert result.groups["overall"].recall == pytest.approx(6 / 7)
    assert result.mismatches == [
        "missing budget eu 350.0 EUR in 000_a (gold text: ES līdzfinansējums 350 EUR)"
    ]


def test_spurious_fact_lowers_precision(tmp_path: Path) -> None:
    tables = base_tables()
    tables["participants"].append(
        {"doc_id": DOC, "count": "12", "unit": "people", "text": "12 cilvēki"}
    )
    tables["dates"].append(
        {
            "doc_id": DOC,
            "kind": "event",
            "start_date": "2018-04-11",
            "end_date": "2018-04-12",
            "text": "11.04.2018. – 12.04.2018.",
        }
    )
    result = run(tmp_path, base_gold(), tables)
    assert counts(result.groups["participants"]) == (1, 1, 0)
    assert result.groups["participants"].precision == 0.5
    assert result.groups["participants"].recall == 1.0
    assert counts(result.groups["dates"]) == (1, 1, 0)
    assert counts(result.groups["overall"]) == (7, 2, 0)
    assert result.groups["overall"].precision == pytest.approx(7 / 9)
    assert "spurious participants 12 people in 000_a (text: 12 cilvēki)" in result.mismatches
    assert (
        "spurious date event 2018-04-11..2018-04-12 in 000_a (text: 11.04.2018. – 12.04.2018.)"
        in result.mismatches
    )


def test_duplicates_collapse(tmp_path: Path) -> None:
    gold = base_gold()
    # gold lists the same count in two languages and the same budget twice
    gold["participants"] = [
        {"count": 8, "unit": "partners", "text": "8 partneri"},
        {"count": 8, "unit": "partners", "text": "8 partners"},
        {"count": 7, "unit": "countries", "text": "7 valstīm"},
    ]
    gold["budgets"].append(
        {"kind": "eu", "amount": 350.0, "currency": "EUR", "amount_eur": 350.0, "text": "350 EUR"}
    )
    tables = base_tables()
    tables["participants"] = [
        {"doc_id": DOC, "count": "8", "unit": "partners", "text": "8 partneri"},
        {"doc_id": DOC, "count": "8", "unit": "partners", "text": "8 partners"},
        {"doc_id": DOC, "count": "8.0", "unit": "partners", "text": "astoņi partneri"},
        {"doc_id": DOC, "count": "7", "unit": "countries", "text": "7 countries"},
    ]
    tables["dates"].append(dict(tables["dates"][0], text="2 January – 31 August 2018"))
    # one organisation mentioned three times (one partner_id), plus a row without a name
    tables["partners"] += [
        {"doc_id": DOC, "partner_id": "P1", "name": "Toruņas pašvaldība", "country": "PL"},
        {"doc_id": DOC, "partner_id": "P1", "name": "Toruņa", "city": "Toruń", "country": "PL"},
        {"doc_id": DOC, "partner_id": "", "name": "", "country": "LT"},
    ]
    # the same person twice: same person_id, and same normalized name without an id
    tables["contacts"] += [
        {"doc_id": DOC, "person_id": "C1", "name": "J. Reča-Lāže", "phone": "+37165476064"},
        {"doc_id": DOC, "person_id": "", "name": "Jolanta  Reča-Lāže"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.groups["participants"]) == (2, 0, 0)
    assert counts(result.groups["budgets"]) == (2, 0, 0)
    assert counts(result.groups["dates"]) == (1, 0, 0)
    assert counts(result.groups["partners"]) == (2, 0, 0)
    assert counts(result.groups["contacts"]) == (1, 0, 0)
    assert result.mismatches == []


def test_partner_matching_rules(tmp_path: Path) -> None:
    gold = base_gold()
    gold["partners"].append({"name": "Kauņa", "city": "Kaunas", "country": "LT", "role": "partner"})
    tables = base_tables()
    tables["partners"] = [
        # fuzzy name (token_set_ratio >= 80) with the same country
        {
            "doc_id": DOC,
            "partner_id": "P1",
            "name": "Toruņas pilsētas pašvaldībai",
            "country": "PL",
        },
        # name too different, but the same city and country
        {
            "doc_id": DOC,
            "partner_id": "P2",
            "name": "Göttingen town",
            "city": "Göttingen",
            "country": "DE",
        },
        # right name, wrong country: spurious, and the gold Kauņa is missing
        {"doc_id": DOC, "partner_id": "P3", "name": "Kauņa", "city": "Kaunas", "country": "LV"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.groups["partners"]) == (2, 1, 1)
    assert "missing partner 'Kauņa' (Kaunas, LT) in 000_a" in result.mismatches
    assert any(m.startswith("spurious partner 'Kauņa' (kaunas, LV)") for m in result.mismatches)


def test_partner_countries_from_csv_or_projects(tmp_path: Path) -> None:
    gold = base_gold()
    gold["partner_countries"] = ["IT", "SE", "DE"]
    tables = base_tables()
    tables["projects"] = [{"project_id": "PR1", "partner_countries": "IT;SE;DE;LV"}]
    docs = [doc_row(project="PR1")]
    # without partner_countries.csv: projects.csv column, LV is spurious
    (tmp_path / "a").mkdir()
    result = run(tmp_path / "a", gold, tables, docs)
    assert counts(result.groups["partners"]) == (2 + 3, 1, 0)
    assert "spurious partner country LV in 000_a" in result.mismatches
    # partner_countries.csv wins when present: IT, SE match, FI spurious, DE missing
    tables["partner_countries"] = [
        {"doc_id": DOC, "country": "IT"},
        {"doc_id": DOC, "country": "se"},
        {"doc_id": DOC, "country": "FI"},
        {"doc_id": "other", "country": "DE"},
    ]
    (tmp_path / "b").mkdir()
    result = run(tmp_path / "b", gold, tables, docs)
    assert counts(result.groups["partners"]) == (2 + 2, 1, 1)
    assert "missing partner country DE in 000_a" in result.mismatches
    # a gold file without partner_countries does not score them
    (tmp_path / "c").mkdir()
    result = run(tmp_path / "c", base_gold(), tables, docs)
    assert counts(result.groups["partners"]) == (2, 0, 0)


def test_unresolved_year_dates_and_kind_accuracy(tmp_path: Path) -> None:
    gold = base_gold()
    gold["dates"] = [
        {
            "kind": "event",
            "start": "????-05-11",
            "end": "????-05-14",
            "precision": "day",
            "year_unresolved": True,
            "text": "no šī gada 11. līdz 14. maijam",
        },
        {
            "kind": "event",
            "start": "????-09-01",
            "end": "????-09-30",
            "precision": "month",
            "year_unresolved": True,
            "text": "septembrī",
        },
        {
            "kind": "implementation",
            "start": "2018-01-02",
            "end": "2018-08-31",
            "precision": "day",
            "text": "02.01.2018. – 31.08.2018.",
        },
    ]
    tables = base_tables()
    tables["dates"] = [
        {
            "doc_id": DOC,
            "kind": "event",
            "start_date": "",
            "end_date": "",
            "month_day_start": "05-11",
            "month_day_end": "05-14",
            "text": "11. līdz 14. maijam",
        },
        # a guessed year does not match an unresolved gold year
        {
            "doc_id": DOC,
            "kind": "event",
            "start_date": "2018-09-01",
            "end_date": "2018-09-30",
            "text": "septembrī",
        },
        # right period, wrong kind: counts as a match, hurts kind accuracy only
        {
            "doc_id": DOC,
            "kind": "other",
            "start_date": "2018-01-02",
            "end_date": "2018-08-31",
            "text": "02.01.2018. – 31.08.2018.",
        },
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.groups["dates"]) == (2, 1, 1)
    assert (result.date_kinds_correct, result.date_kinds_total) == (1, 2)
    assert any(m.startswith("missing date event ????-09-01..????-09-30") for m in result.mismatches)
    assert any(
        m.startswith("spurious date event 2018-09-01..2018-09-30") for m in result.mismatches
    )
    assert any(m.startswith("wrong date kind other") for m in result.mismatches)
    assert "date kind accuracy (matched dates): 1/2 = 0.500" in format_result(result)
    assert result.kind_errors == {("dates", "implementation", "other"): 1}


def test_contact_initial_matches_full_first_name(tmp_path: Path) -> None:
    gold = base_gold()
    gold["contacts"] = [
        {"name": "Jolanta Reča-Lāže", "phone": "+37165476064", "email": None},
        {"name": None, "phone": None, "email": "info@daugavpils.lv"},
        {"name": "Anna Bērziņa", "phone": "+37165400000", "email": None},
    ]
    tables = base_tables()
    tables["contacts"] = [
        {"doc_id": DOC, "person_id": "C1", "name": "J.Reča-Lāže", "phone": "+371 6547 6064"},
        {"doc_id": DOC, "person_id": "", "name": "", "email": "INFO@daugavpils.lv"},
        # right name, wrong phone: spurious, and gold Anna is missing
        {"doc_id": DOC, "person_id": "C3", "name": "Anna Bērziņa", "phone": "+37165411111"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.groups["contacts"]) == (2, 1, 1)
    assert "missing contact 'Anna Bērziņa' (+37165400000) in 000_a" in result.mismatches


def test_contact_with_several_phones_in_one_cell(tmp_path: Path) -> None:
    """A cell holds several numbers ';'-separated (docs/schema.md); the gold records one."""
    gold = base_gold()
    gold["contacts"] = [{"name": "Anna Bērziņa", "phone": "+37165400001", "email": None}]
    tables = base_tables()
    tables["contacts"] = [
        {"doc_id": DOC, "person_id": "C1", "name": "Anna Bērziņa",
         "phone": "+37129900002;+37165400001", "email": "a@x.lv;b@x.lv"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.groups["contacts"]) == (1, 0, 0)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("J.Reča-Lāže", "Jolanta Reča-Lāže", True),
        ("Jolanta Reča-Lāže", "J. Reca-Laze", True),
        ("Reča-Lāže", "Jolanta Reča-Lāže", True),
        ("K.Reča-Lāže", "Jolanta Reča-Lāže", False),
        ("Jolanta Reča", "Jolanta Reča-Lāže", False),
        ("Inga Reča-Lāže", "Jolanta Reča-Lāže", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert _names_match(a, b) is same
    assert _names_match(b, a) is same


def test_gold_document_without_output_row(tmp_path: Path) -> None:
    other = base_gold() | {"id": "001_b", "file": "001_b.txt"}
    out = make_out(tmp_path, [doc_row()], **base_tables())
    gold_dir = make_gold(tmp_path, {DOC: base_gold(), "001_b": other})
    result = evaluate(out, gold_dir)
    assert (result.gold_documents, result.documents_matched) == (2, 1)
    assert counts(result.groups["overall"]) == (7, 0, 7)
    assert result.groups["overall"].recall == 0.5
    assert counts(result.per_document["001_b"]["overall"]) == (0, 0, 7)
    assert result.per_document["001_b"]["overall"].f1 == 0.0
    assert result.mismatches[0].startswith("no output row for gold document 001_b (001_b.txt)")
    assert len(result.mismatches) == 1 + 7


def test_only_matched_documents_scored_and_path_disambiguation(tmp_path: Path) -> None:
    docs = [
        doc_row("d1", "data/raw/a/000_a.txt"),
        doc_row("d2", "data/raw/b/000_a.txt"),
        doc_row("d3", "data/raw/unrelated.txt"),
    ]
    tables = {name: [dict(r, doc_id="d2") for r in rows] for name, rows in base_tables().items()}
    tables["budgets"].append({"doc_id": "d1", "kind": "eu", "amount_eur": "1"})
    tables["budgets"].append({"doc_id": "d3", "kind": "eu", "amount_eur": "2"})
    out = make_out(tmp_path, docs, **tables)
    result = evaluate(out, make_gold(tmp_path, {"b/000_a": base_gold()}))
    assert result.documents_matched == 1
    assert counts(result.groups["overall"]) == (7, 0, 0)


def test_missing_output_files_count_as_empty(tmp_path: Path) -> None:
    out = make_out(tmp_path, [doc_row()])
    result = evaluate(out, make_gold(tmp_path, {DOC: base_gold()}))
    assert counts(result.groups["overall"]) == (0, 0, 7)
    assert result.groups["overall"].precision == 0.0
    assert result.groups["overall"].recall == 0.0


def test_score_zero_denominators() -> None:
    assert Score.from_counts(0, 0, 0) == Score(0, 0, 0, 1.0, 1.0, 1.0)
    assert Score.from_counts(0, 0, 2) == Score(0, 0, 2, 0.0, 0.0, 0.0)
    assert Score.from_counts(0, 3, 0) == Score(0, 3, 0, 0.0, 0.0, 0.0)
    assert Score.from_counts(3, 1, 0).f1 == pytest.approx(2 * 0.75 / 1.75)


def test_format_result(tmp_path: Path) -> None:
    tables = base_tables()
    tables["budgets"] = tables["budgets"][:1]
    result = run(tmp_path, base_gold(), tables)
    text = format_result(result)
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("group"))
    assert header.split() == ["group", "P", "R", "F1", "tp", "fp", "fn"]
    budgets = next(line for line in lines if line.startswith("budgets"))
    assert budgets.split() == ["budgets", "1.000", "0.500", "0.667", "1", "0", "1"]
    assert any(line.startswith("overall") for line in lines)
    assert "missing budget eu" not in text
    verbose = format_result(result, verbose=True)
    assert "document 000_a" in verbose
    assert "  missing budget eu 350.0 EUR in 000_a" in verbose


# --------------------------------------------------------------------------- headline measures


def test_headline_budget_by_amount_and_kind_accuracy(tmp_path: Path) -> None:
    tables = base_tables()
    tables["budgets"][1]["kind"] = "municipal"  # gold says eu: right amount, wrong kind
    tables["budgets"].append(
        {"doc_id": DOC, "kind": "other", "amount": "100", "currency": "EUR", "amount_eur": "100",
         "text": "100 EUR"}
    )
    result = run(tmp_path, base_gold(), tables)
    assert counts(result.headline["budgets"]) == (2, 1, 0)
    assert counts(result.groups["budgets"]) == (1, 2, 1)
    assert (result.budget_kinds.correct, result.budget_kinds.total) == (1, 2)
    assert result.kind_errors == {("budgets", "eu", "municipal"): 1}
    assert "(wrong, gold->output: eu->municipal 1)" in format_result(result)
    misses = result.misses[DOC]
    assert any(m.startswith("wrong budget kind municipal for 350.0 EUR (gold kind: eu")
               for m in misses)
    assert any(m.startswith("spurious budget 100.0 EUR (other)") for m in misses)
    # the strict list keeps its old wording
    assert "missing budget eu 350.0 EUR in 000_a (gold text: ES līdzfinansējums 350 EUR)" in (
        result.mismatches)


def test_budget_without_eur_value_keeps_its_currency(tmp_path: Path) -> None:
    gold = base_gold()
    gold["budgets"] = [{"kind": "total", "amount": 5000.0, "currency": "DKK", "amount_eur": None,
                        "text": "5 000 DKK"}]
    tables = base_tables()
    tables["budgets"] = [
        {"doc_id": DOC, "kind": "total", "amount": "7000", "currency": "DKK", "amount_eur": "",
         "text": "7 000 DKK"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.headline["budgets"]) == (0, 1, 1)  # no match on a missing EUR value
    assert "missing budget 5000.0 DKK (total) (gold text: 5 000 DKK)" in result.misses[DOC]
    (tmp_path / "b").mkdir()
    tables["budgets"][0]["amount"] = "5000.00"
    result = run(tmp_path / "b", gold, tables)
    assert counts(result.headline["budgets"]) == (1, 0, 0)
    assert counts(result.groups["budgets"]) == (1, 0, 0)


def test_headline_contact_by_name_phone_and_email_accuracy(tmp_path: Path) -> None:
    gold = base_gold()
    gold["contacts"] = [
        {"name": "Jolanta Reča-Lāže", "phone": "+37165476064", "email": "jr@example.lv"},
        {"name": "Pēteris Kalniņš", "phone": None, "email": None},
        {"name": "Olga Smirnova", "phone": None, "email": None},
    ]
    tables = base_tables()
    tables["contacts"] = [
        # right name, wrong phone, no e-mail
        {"doc_id": DOC, "person_id": "C1", "name": "J. Reča-Lāže", "phone": "+37165400000"},
        # a phone the gold does not have
        {"doc_id": DOC, "person_id": "C2", "name": "Pēteris Kalniņš", "phone": "+37129999999"},
        # neither side has a phone or an e-mail: not counted in the accuracies
        {"doc_id": DOC, "person_id": "C3", "name": "Olga Smirnova"},
    ]
    result = run(tmp_path, gold, tables)
    assert counts(result.headline["contacts"]) == (3, 0, 0)
    assert counts(result.groups["contacts"]) == (2, 1, 1)  # strict needs the gold phone only
    assert (result.contact_phones.correct, result.contact_phones.total) == (0, 2)
    assert (result.contact_emails.correct, result.contact_emails.total) == (0, 1)
    misses = result.misses[DOC]
    assert "wrong phone +37165400000 for contact 'Jolanta Reča-Lāže' (gold: +37165476064)" in misses
    assert "wrong e-mail none for contact 'Jolanta Reča-Lāže' (gold: jr@example.lv)" in misses
    assert "wrong phone +37129999999 for contact 'Pēteris Kalniņš' (gold: none)" in misses


def test_headline_at_least_strict_and_same_for_other_groups(tmp_path: Path) -> None:
    tables = base_tables()
    tables["budgets"][0]["kind"] = "eu"
    tables["contacts"][0]["phone"] = ""
    result = run(tmp_path, base_gold(), tables)
    for group in ("partners", "dates", "participants"):
        assert result.headline[group] == result.groups[group]
    assert result.headline["overall"].f1 == 1.0
    assert result.groups["overall"].f1 < 1.0


def test_partner_country_near_miss_is_pointed_out(tmp_path: Path) -> None:
    tables = base_tables()
    tables["partners"][1]["country"] = ""
    result = run(tmp_path, base_gold(), tables)
    assert "missing partner 'Gotingena' (Göttingen, DE) [found with country none]" in (
        result.misses[DOC])
    assert "missing partner 'Gotingena' (Göttingen, DE) in 000_a" in result.mismatches


# --------------------------------------------------------------------------- several documents


def gold_doc(doc_id: str, lang: list[str] | None = None, doc_type: str | None = None,
             project: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A gold file with no facts, only document-level keys."""
    data: dict[str, Any] = {"id": doc_id, "file": f"{doc_id}.txt", **extra}
    if lang is not None:
        data["lang"] = lang
    if doc_type is not None:
        data["doc_type"] = doc_type
    if project is not None:
        data["project"] = project
    return data


def project(acronym: str | None = None, number: str | None = None,
            programme: str | None = None, title: str | None = None) -> dict[str, Any]:
    return {"acronym": acronym, "title": title, "programme": programme, "project_number": number}


def evaluate_docs(tmp_path: Path, golds: list[dict[str, Any]], docs: list[dict[str, Any]],
                  projects: list[dict[str, Any]] | None = None, **tables: list[dict[str, Any]]):
    out = make_out(tmp_path, docs, projects=projects or [], **tables)
    return evaluate(out, make_gold(tmp_path, {g["id"]: g for g in golds}))


def test_language_from_gold_list_then_id_prefix(tmp_path: Path) -> None:
    golds = [
        gold_doc("lv-x1", ["lv"]) | {"dates": [{"kind": "event", "start": "2020-01-02",
                                                "end": "2020-01-02", "text": "2.janvārī"}]},
        gold_doc("mix-x2", ["ru", "en"]),
        gold_doc("en-x3"),  # no lang list: the id prefix
        gold_doc("x4"),  # neither
    ]
    docs = [doc_row(g["id"]) for g in golds]
    result = evaluate_docs(tmp_path, golds, docs)
    assert result.document_language == {"en-x3": "en", "lv-x1": "lv", "mix-x2": "ru", "x4": "?"}
    assert result.language_documents == {"?": 1, "en": 1, "lv": 1, "ru": 1}
    assert counts(result.languages["lv"]["overall"]) == (0, 0, 1)
    assert result.languages["ru"]["overall"].f1 == 1.0  # nothing to find, nothing found
    text = format_result(result)
    assert "Headline F1 per language" in text
    assert any(line.split()[:2] == ["lv", "1"] for line in text.splitlines())


def test_doc_type_accuracy_and_confusion(tmp_path: Path) -> None:
    golds = [
        gold_doc("a", doc_type="press_release"),
        gold_doc("b", doc_type="project_description"),
        gold_doc("c", doc_type="other"),
        gold_doc("d"),  # states no doc_type: not counted
        gold_doc("e", doc_type="other"),  # no output row: wrong
    ]
    docs = [doc_row("a") | {"doc_type": "press_release"},
            doc_row("b") | {"doc_type": "press_release"},
            doc_row("c") | {"doc_type": "other"},
            doc_row("d") | {"doc_type": "other"}]
    result = evaluate_docs(tmp_path, golds, docs)
    assert (result.doc_type.correct, result.doc_type.total) == (2, 4)
    assert result.doc_type_confusion[("project_description", "press_release")] == 1
    assert result.doc_type_confusion[("other", "-")] == 1
    assert "wrong doc_type press_release (gold: project_description)" in result.misses["b"]
    assert "wrong doc_type (none) (gold: other)" in result.misses["e"]
    assert "doc_type accuracy: 2/4 = 0.500" in format_result(result)


def test_project_fields_against_projects_csv(tmp_path: Path) -> None:
    golds = [
        gold_doc("a", project=project("GreenWay", "LLII – 059", "Interreg V-A Latvia-Lithuania")),
        gold_doc("b", project=project("“River Link”", "LV-RU-007", "Europe for Citizens")),
        gold_doc("c", project=project(None, "EST-LAT-12", None)),
        gold_doc("d", project=project("SOLO", None, "Estonia-Latvia-Russia ENPI CBC Programme")),
        gold_doc("e", project=project("NOROW")),  # no output row
    ]
    docs = [doc_row("a", project="P1"), doc_row("b", project="P2"), doc_row("c", project="P3"),
            doc_row("d", project="")]
    projects = [
        {"project_id": "P1", "acronym": "GREENWAY", "project_number": "LLII-059",
         "programme": "Interreg Latvia–Lithuania"},
        {"project_id": "P2", "acronym": "River Link", "project_number": "LV-RU-017",
         "programme": "European Regional Development Fund"},
        {"project_id": "P3", "acronym": "EU", "project_number": "EST LAT 12", "programme": ""},
    ]
    result = evaluate_docs(tmp_path, golds, docs, projects)
    acr, num, prog = (result.project[n] for n in ("acronym", "project_number", "programme"))
    assert (acr.stated, acr.correct, acr.wrong, acr.missing, acr.extra) == (4, 2, 0, 2, 1)
    assert (num.stated, num.correct, num.wrong, num.missing, num.extra) == (3, 2, 1, 0, 0)
    assert (prog.stated, prog.correct, prog.wrong, prog.missing, prog.extra) == (3, 1, 1, 1, 0)
    assert acr.accuracy == 0.5 and num.accuracy == pytest.approx(2 / 3)
    assert "wrong project_number 'LV-RU-017' (gold: 'LV-RU-007')" in result.misses["b"]
    assert "extra acronym 'EU' (gold: none)" in result.misses["c"]
    assert "missing acronym (gold: 'SOLO')" in result.misses["d"]
    text = format_result(result)
    assert any(line.split() == ["acronym", "4", "2", "0", "2", "0.500", "1"]
               for line in text.splitlines())


@pytest.mark.parametrize(
    ("gold", "output", "same"),
    [
        ("Interreg V-A Latvia-Lithuania", "Interreg Latvia–Lithuania", True),
        ("Latvia-Lithuania Cross Border Cooperation Programme 2007-2013",
         "Interreg Latvia–Lithuania", True),
        ("Russia-Latvia Cross-border Cooperation Programme 2014-2020", "Latvia–Russia", True),
        ("European Social Fund (ESF)", "European Social Fund", True),
        ("Central Baltic Programme 2014-2020", "Central Baltic", True),
        ("Interreg VI-A Latvia-Lithuania", "Interreg Latvia–Lithuania", True),
        ("Erasmus+", "Erasmus+", True),
        ("Estonia-Latvia-Russia ENPI CBC Programme", "Estonia–Latvia", False),
        ("Latvia-Lithuania-Belarus ENI CBC", "Interreg Latvia–Lithuania", False),
        ("Interreg V-A Latvia-Lithuania", "European Regional Development Fund", False),
        ("Erasmus+", "Erasmus", False),
        ("INTERREG IVC", "Interreg Europe", False),
    ],
)
def test_programme_key(gold: str, output: str, same: bool) -> None:
    assert (programme_key(gold) == programme_key(output)) is same


def test_same_project_pairs(tmp_path: Path) -> None:
    golds = [
        gold_doc("a", project=project("TWIN", None, title="Dvīņu pilsētas")),
        gold_doc("b", project=project(None, None, title="Twin towns"), same_project_as=["a"]),
        gold_doc("c", project=project("twin")),  # same acronym as a: joins a and b
        gold_doc("d", project=project(None, "LLI-9")),
        gold_doc("e", project=project("OTHER", "LLI 9")),  # same number as d
        gold_doc("f", project=project("FAR")),
        gold_doc("g", project=project()),
        gold_doc("h", project=project()),
        gold_doc("i", project=project("NOROW"), same_project_as=["f", "unknown-id"]),
    ]
    docs = [doc_row("a", project="P1"), doc_row("b", project="P1"), doc_row("c", project="P2"),
            doc_row("d", project="P3"), doc_row("e", project="P3"), doc_row("f", project="P3"),
            doc_row("g", project="P4"), doc_row("h", project="P4")]
    result = evaluate_docs(tmp_path, golds, docs)
    pairs = result.pairs
    assert pairs.gold == [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e"), ("f", "i")]
    assert pairs.found == [("a", "b"), ("d", "e")]
    assert pairs.missed == [("a", "c"), ("b", "c"), ("f", "i")]
    assert pairs.wrong == [("d", "f"), ("e", "f")]
    assert pairs.unjudged == [("g", "h")]  # two documents naming no project
    assert pairs.recall == pytest.approx(2 / 5)
    assert "gold pairs 5: linked 2, missed 3 (recall 0.400); wrong links 2" in format_result(
        result)
    assert "  wrong link: d ~ f" in format_result(result, misses=True)
    assert summary(result)["wrong_links"] == 2


def test_no_pairs_and_empty_documents(tmp_path: Path) -> None:
    result = evaluate_docs(tmp_path, [gold_doc("a"), gold_doc("b")],
                           [doc_row("a"), doc_row("b")])
    assert result.pairs.gold == [] and result.pairs.recall is None
    assert result.pairs.wrong == [] and result.pairs.unjudged == []  # no project_id: no link
    assert result.headline["overall"].f1 == 1.0
    assert result.doc_type.value is None and result.budget_kinds.value is None
    assert result.misses == {}
    text = format_result(result, misses=True)
    assert "budget kind accuracy (amount-matched budgets): n/a" in text
    assert "misses per document (0 lines in 0 documents" in text


def test_empty_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    out = make_out(tmp_path, [doc_row()], **base_tables())
    result = evaluate(out, tmp_path / "gold")
    assert (result.gold_documents, result.documents_matched) == (0, 0)
    assert result.languages == {} and result.misses == {}
    assert counts(result.headline["overall"]) == (0, 0, 0)
    assert summary(result)["doc_type"] is None
    format_result(result, verbose=True)
    json.dumps(to_dict(result))


def test_no_output_row_counts_everything_missing(tmp_path: Path) -> None:
    gold = base_gold() | {"doc_type": "press_release", "project": project("HOP", "LLI-1")}
    out = make_out(tmp_path, [doc_row("unrelated")], **base_tables())
    result = evaluate(out, make_gold(tmp_path, {DOC: gold}))
    assert result.documents_matched == 0
    assert counts(result.headline["overall"]) == (0, 0, 7)
    assert (result.doc_type.correct, result.doc_type.total) == (0, 1)
    assert result.project["acronym"].missing == 1 and result.project["project_number"].missing == 1
    misses = result.misses[DOC]
    assert misses[0] == ("no output row for gold document 000_a (000_a.txt): "
                         "all its facts count as missing")
    assert len(misses) == 1 + 7 + 1 + 2


def test_format_misses_grouped_by_document(tmp_path: Path) -> None:
    tables = base_tables()
    tables["budgets"] = tables["budgets"][:1]
    result = run(tmp_path, base_gold(), tables)
    plain = format_result(result)
    assert "HEADLINE micro-F1" in plain and "STRICT micro-F1" in plain
    assert "missing budget" not in plain
    text = format_result(result, misses=True)
    lines = text.splitlines()
    head = lines.index("== 000_a [?] F1 0.923 (tp 6 fp 0 fn 1)")
    assert lines[head + 1] == ("  missing budget 350.0 EUR (eu) "
                               "(gold text: ES līdzfinansējums 350 EUR)")
    assert "strict mismatches" not in text
    verbose = format_result(result, verbose=True)
    assert "== 000_a" in verbose and "strict mismatches (1):" in verbose


def test_summary_and_json(tmp_path: Path) -> None:
    gold = base_gold() | {"lang": ["lv"], "doc_type": "project_description",
                          "project": project("HOP", None, "Europe for Citizens")}
    docs = [doc_row(project="P1") | {"doc_type": "project_description"}]
    tables = base_tables()
    tables["projects"] = [{"project_id": "P1", "acronym": "HOP!",
                           "programme": "Europe for Citizens"}]
    result = run(tmp_path, gold, tables, docs)
    flat = summary(result)
    assert flat["overall"] == 1.0 and flat["lang:lv"] == 1.0 and flat["strict:overall"] == 1.0
    assert flat["acronym"] == 1.0 and flat["project_number"] is None
    assert flat["doc_type"] == 1.0 and flat["pairs_recall"] is None and flat["wrong_links"] == 0
    path = tmp_path / "eval.json"
    out = tmp_path / "out"
    assert main(["evaluate", "--gold", str(tmp_path / "gold"), "--out", str(out),
                 "--json", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["summary"] == flat
    assert data["headline"]["budgets"]["tp"] == 2
    assert data["languages"]["lv"]["documents"] == 1
    assert data["project"]["acronym"]["correct"] == 1
    assert data["per_document"][DOC]["lang"] == "lv"


def test_cli_misses_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tables = base_tables()
    tables["dates"] = []
    out = make_out(tmp_path, [doc_row()], **tables)
    gold_dir = make_gold(tmp_path, {DOC: base_gold()})
    assert main(["evaluate", "--gold", str(gold_dir), "--out", str(out), "--misses"]) == 0
    text = capsys.readouterr().out
    assert "== 000_a" in text and "  missing date implementation 2018-01-02..2018-08-31" in text


# --------------------------------------------------------------------------- properties

KINDS = ("total", "eu", "state", "municipal", "partner", "other")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    budgets=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 10_000_000)), max_size=8),
    kept=st.lists(st.booleans(), min_size=8, max_size=8),
    rekind=st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_budget_scores_properties(
    tmp_path_factory: pytest.TempPathFactory,
    budgets: list[tuple[str, int]],
    kept: list[bool],
    rekind: list[bool],
) -> None:
    """Output = the gold budgets, some dropped and some given another kind: the headline
    counts no spurious budget, its recall is the share of distinct amounts kept whatever the
    kinds, every amount-matched budget is counted once in the kind accuracy, and with the
    kinds untouched the kind accuracy is perfect and strict equals the kept (kind, amount)s."""
    tmp = tmp_path_factory.mktemp("prop")
    gold = base_gold() | {"budgets": [
        {"kind": k, "amount": a / 100, "currency": "EUR", "amount_eur": a / 100, "text": "x"}
        for k, a in budgets
    ]}
    rows = []
    for i, (kind, amount) in enumerate(budgets):
        if kept[i]:
            other = KINDS[(KINDS.index(kind) + 1) % len(KINDS)]
            rows.append({"doc_id": DOC, "kind": other if rekind[i] else kind,
                         "amount_eur": str(amount / 100), "text": "x"})
    tables = base_tables()
    tables["budgets"] = rows
    result = run(tmp, gold, tables)
    head, strict = result.headline["budgets"], result.groups["budgets"]
    distinct = {a for _, a in budgets}
    kept_amounts = {a for i, (_, a) in enumerate(budgets) if kept[i]}
    assert (head.tp, head.fp, head.fn) == (len(kept_amounts), 0, len(distinct - kept_amounts))
    assert result.budget_kinds.total == head.tp
    if not any(rekind):
        kept_keys = {b for i, b in enumerate(budgets) if kept[i]}
        assert (strict.tp, strict.fp, strict.fn) == (
            len(kept_keys), 0, len(set(budgets) - kept_keys))
        assert result.budget_kinds.correct == head.tp


def test_warning_findings_counted_and_listed(tmp_path: Path) -> None:
    tables = base_tables()
    tables["validation"] = [
        {"doc_id": DOC, "severity": "warning", "rule": "budget.line_two_values",
         "message": "The total is given twice."},
        {"doc_id": DOC, "severity": "info", "rule": "coverage.missing_field", "message": "x"},
        {"doc_id": "not-scored", "severity": "warning", "rule": "names.spelling_variant",
         "message": "y"},
    ]
    result = run(tmp_path, base_gold(), tables)
    assert result.warnings_by_rule == {"budget.line_two_values": 1}
    assert summary(result)["warnings"] == 1
    assert result.misses == {}  # a perfect document still shows its warnings
    text = format_result(result, misses=True)
    assert "== 000_a" in text
    assert "  (warning finding) budget.line_two_values: The total is given twice." in text
