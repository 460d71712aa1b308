"""Tests for pipeline.evaluate: tiny hand-built output and gold folders, numbers worked by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import Score, _names_match, evaluate, format_result

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
