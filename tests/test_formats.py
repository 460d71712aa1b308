"""Parquet, DuckDB and Excel outputs: same rows as the CSVs, working views, no formulas."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.export import OutputError
from pipeline.formats import (
    ExtraOutputs,
    _replace_dir,
    neutralize,
    write_duckdb,
    write_extra_outputs,
)
from pipeline.schema import TABLES


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def same(cell: str, value: object) -> bool:
    """A CSV cell and a typed value say the same thing."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, int | float):
        return cell != "" and float(cell) == value
    if isinstance(value, date):
        return cell == value.isoformat()
    return cell == value


def assert_same_rows(table: str, csv_rows: list[dict[str, str]], rows: list[dict]) -> None:
    assert len(rows) == len(csv_rows), table
    for i, (expected, got) in enumerate(zip(csv_rows, rows, strict=True)):
        assert list(got) == TABLES[table], table
        for column in TABLES[table]:
            assert same(expected[column], got[column]), (table, i, column, got[column])


@pytest.fixture(scope="module")
def out(sample_run: Path) -> Path:
    return sample_run


@pytest.fixture(scope="module")
def db(out: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(out.parent / "archive.duckdb"), read_only=True)
    yield con
    con.close()


def query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_loads_back_to_the_csv_rows(out: Path, table: str) -> None:
    rows = pq.read_table(out / "parquet" / f"{table}.parquet").to_pylist()
    csv_rows = read_csv(out / f"{table}.csv")
    assert_same_rows(table, csv_rows, rows)
    if table in ("partners", "dates", "budgets", "documents"):
        assert csv_rows, table  # the sample archive has rows here: the check is not empty


@pytest.mark.parametrize("table", list(TABLES))
def test_duckdb_loads_back_to_the_csv_rows(db: duckdb.DuckDBPyConnection, out: Path,
                                           table: str) -> None:
    rows = query(db, f"SELECT * FROM {table} ORDER BY rowid")
    assert_same_rows(table, read_csv(out / f"{table}.csv"), rows)


def test_typed_columns(db: duckdb.DuckDBPyConnection, out: Path) -> None:
    types = {(t, c): ty for t, c, ty in db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}
    assert types[("budgets", "char_start")] == "BIGINT"
    assert types[("budgets", "amount_eur")] == "DOUBLE"
    assert types[("dates", "start_date")] == "DATE"
    assert types[("dates", "year_inferred")] == "BOOLEAN"
    assert types[("partners", "name")] == "VARCHAR"
    schema = pq.read_schema(out / "parquet" / "dates.parquet")
    assert str(schema.field("start_date").type) == "date32[day]"
    assert str(schema.field("char_end").type) == "int64"


def test_duckdb_declares_the_documented_keys(db: duckdb.DuckDBPyConnection) -> None:
    constraints = query(db, "SELECT table_name, constraint_type, constraint_column_names, "
                            "referenced_table FROM duckdb_constraints()")
    primary = {(c["table_name"], tuple(c["constraint_column_names"])) for c in constraints
               if c["constraint_type"] == "PRIMARY KEY"}
    foreign = {(c["table_name"], tuple(c["constraint_column_names"]), c["referenced_table"])
               for c in constraints if c["constraint_type"] == "FOREIGN KEY"}
    assert primary >= {("documents", ("doc_id",)), ("projects", ("project_id",))}
    for table in ("partners", "dates", "budgets", "participants", "contacts", "validation"):
        assert (table, ("doc_id",), "documents") in foreign
        assert (table, ("project_id",), "projects") in foreign
    schema = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()
    assert "budgets.doc_id → documents.doc_id" in schema


def test_view_project_budget_lines(db: duckdb.DuckDBPyConnection, out: Path) -> None:
    projects = {p["project_id"]: p for p in read_csv(out / "projects.csv")}
    expected = sorted(
        (b["project_id"], b["doc_id"], int(b["char_start"]), b["kind"],
         float(b["amount_eur"]) if b["amount_eur"] else None, projects[b["project_id"]]["title"])
        for b in read_csv(out / "budgets.csv") if b["project_id"] in projects
    )
    got = sorted(
        (r["project_id"], r["doc_id"], r["char_start"], r["kind"], r["amount_eur"],
         r["title"] or "")
        for r in query(db, "SELECT * FROM project_budget_lines")
    )
    assert got == expected and len(got) >= 10


def test_view_partners_per_country(db: duckdb.DuckDBPyConnection, out: Path) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    projects: dict[str, set[str]] = defaultdict(set)
    for p in read_csv(out / "partners.csv"):
        if p["country"]:
            ids[p["country"]].add(p["partner_id"])
            if p["project_id"]:
                projects[p["country"]].add(p["project_id"])
    got = {r["country"]: (r["n_partners"], r["n_projects"])
           for r in query(db, "SELECT * FROM partners_per_country")}
    assert got == {c: (len(ids[c]), len(projects[c])) for c in ids}
    assert len(got) >= 4
    counts = [r["n_partners"] for r in query(db, "SELECT * FROM partners_per_country")]
    assert counts == sorted(counts, reverse=True)  # most partners first


def test_view_findings_per_project(db: duckdb.DuckDBPyConnection, out: Path) -> None:
    counts: Counter[tuple[str, str]] = Counter(
        (v["project_id"], v["severity"]) for v in read_csv(out / "validation.csv")
    )
    got = {r["project_id"]: r for r in query(db, "SELECT * FROM findings_per_project")}
    assert set(got) == {p["project_id"] for p in read_csv(out / "projects.csv")}
    for project_id, r in got.items():
        assert r["n_errors"] == counts[(project_id, "error")]
        assert r["n_warnings"] == counts[(project_id, "warning")]
        assert r["n_info"] == counts[(project_id, "info")]
        assert r["n_findings"] == r["n_errors"] + r["n_warnings"] + r["n_info"]
    assert sum(r["n_findings"] for r in got.values()) > 0


def test_excel_csvs_have_a_bom_and_the_same_cells(out: Path) -> None:
    for table in TABLES:
        data = (out / "excel" / f"{table}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        plain = list(csv.reader(io.StringIO((out / f"{table}.csv").read_text("utf-8"),
                                            newline="")))
        assert rows[0] == plain[0] and len(rows) == len(plain)
        for got, cells in zip(rows[1:], plain[1:], strict=True):
            for excel_cell, cell in zip(got, cells, strict=True):
                formula_like = cell[:1] in ("=", "+", "@", "\t", "\r") or (
                    cell[:1] == "-" and not re.fullmatch(r"-\d+(?:\.\d+)?", cell))
                assert excel_cell == ("'" + cell if formula_like else cell)
    text = (out / "excel" / "partners.csv").read_bytes().decode("utf-8-sig")
    assert "ā" in text and "ж" in text  # Latvian and Russian letters intact


def test_workbook_has_one_sheet_per_table(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "tables.xlsx")
    assert wb.sheetnames == list(TABLES)
    for table in TABLES:
        ws = wb[table]
        header = [c.value for c in ws[1]]
        assert header == TABLES[table]
        assert ws.max_row == len(read_csv(out / f"{table}.csv")) + 1


HYPERLINK = '=HYPERLINK("http://example.com/x","Projekts")'


@pytest.fixture(scope="module")
def formula_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("formula_in")
    (src / "a.txt").write_text(
        f"{HYPERLINK} par sadarbību\n"
        "Daugavpils pilsētas dome 2019. gada 15. martā rīkoja sanāksmi.\n"
        "Kontaktpersona: Jolanta Reča-Lāže, tālr. +371 65476064\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("formula_out")
    assert main(["run", str(src), "--out", str(out), "--quiet", "--excel"]) == 0
    return out


def test_formula_text_stays_exact_in_the_plain_csv(formula_out: Path) -> None:
    (doc,) = read_csv(formula_out / "documents.csv")
    assert doc["title"].startswith(HYPERLINK)


def test_formula_text_is_neutralized_in_the_excel_csv(formula_out: Path) -> None:
    text = (formula_out / "excel" / "documents.csv").read_bytes().decode("utf-8-sig")
    (doc,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert doc["title"] == "'" + HYPERLINK + " par sadarbību"


def test_formula_text_is_text_in_the_workbook(formula_out: Path) -> None:
    wb = openpyxl.load_workbook(formula_out / "tables.xlsx")
    ws = wb["documents"]
    column = [c.value for c in ws[1]].index("title") + 1
    cell = ws.cell(row=2, column=column)
    assert cell.value == HYPERLINK + " par sadarbību"
    assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(formula_out / "tables.xlsx") as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in sheets)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+37165476064", "'+37165476064"),
        ("-foo", "'-foo"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-12.5", "-12.5"),
        ("-3", "-3"),
        ("12", "12"),
        ("Daugavpils = pilsēta", "Daugavpils = pilsēta"),
        ("", ""),
    ],
)
def test_neutralize(value: str, expected: str) -> None:
    assert neutralize(value) == expected


def test_outputs_are_byte_identical_across_runs(out: Path, tmp_path: Path) -> None:
    csvs = {t: (out / f"{t}.csv").read_text(encoding="utf-8") for t in TABLES}
    write_extra_outputs(tmp_path, csvs, ExtraOutputs(parquet=True, excel=True))
    for name in ["tables.xlsx", *(f"parquet/{t}.parquet" for t in TABLES),
                 *(f"excel/{t}.csv" for t in TABLES)]:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_a_failed_build_leaves_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "parquet"
    target.mkdir()
    (target / "old.parquet").write_text("old")

    def broken(folder: Path) -> None:
        (folder / "half.parquet").write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        _replace_dir(target, broken)
    assert [p.name for p in tmp_path.iterdir()] == ["parquet"]
    assert [p.name for p in target.iterdir()] == ["old.parquet"]


def test_a_row_pointing_at_an_unknown_document_is_refused(tmp_path: Path) -> None:
    doc = dict.fromkeys(TABLES["documents"])
    doc.update(doc_id="a", status="ok")
    budget = dict.fromkeys(TABLES["budgets"])
    budget.update(doc_id="missing", amount=1.0)
    with pytest.raises(OutputError, match="budgets"):
        write_duckdb(tmp_path / "x.duckdb", {"documents": [doc], "projects": [],
                                             "budgets": [budget]})


def test_a_bad_number_names_its_table_and_column(tmp_path: Path) -> None:
    header = ",".join(TABLES["participants"])
    row = ",".join("many" if c == "count" else "" for c in TABLES["participants"])
    with pytest.raises(OutputError, match=r"participants\.csv line 2: column count"):
        write_extra_outputs(tmp_path, {"participants": f"{header}\n{row}\n"},
                            ExtraOutputs(parquet=True))


def test_extra_outputs_belong_to_the_run_that_wrote_them(tmp_path: Path) -> None:
    """Parquet and Excel files are swapped in with the CSVs: a later run without them leaves
    no stale copy behind, and a file the user keeps in the folder stays."""
    src = tmp_path / "archive"
    src.mkdir()
    (src / "a.txt").write_text("Projekta budžets: 1000 EUR.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--no-cache",
                 "--format", "parquet", "--excel"]) == 0
    assert (out / "parquet" / "budgets.parquet").is_file() and (out / "tables.xlsx").is_file()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    assert main(["run", str(src), "--out", str(out), "--quiet", "--no-cache"]) == 0
    assert not (out / "parquet").exists() and not (out / "tables.xlsx").exists()
    assert not (out / "excel").exists()
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
