"""Extra outputs for analysts: Parquet files, a DuckDB database, Excel-safe CSVs and a workbook.

All of them are made from the CSV texts the run writes (so they hold exactly the same rows) and
written atomically: each file or folder is built beside its destination and moved in with
`os.replace`. Parquet and DuckDB columns are typed (integers, decimals as doubles, ISO dates,
booleans; an empty CSV cell is NULL). The Excel outputs neutralize cells a spreadsheet would run
as a formula; the plain CSVs are never changed.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.export import OutputError, replacing
from pipeline.schema import TABLES

# Column types for the typed outputs; every other column is text.
INTEGER_COLUMNS = {
    "char_start", "char_end", "n_chars", "count", "n_partners_stated", "n_countries_stated",
}
DECIMAL_COLUMNS = {
    "amount", "amount_eur", "total_eur", "eu_eur", "state_eur", "municipal_eur",
    "prefinancing_eur", "partner_eur", "percent",
}
DATE_COLUMNS = {"start_date", "end_date", "publication_date"}
BOOLEAN_COLUMNS = {"year_inferred", "year_unresolved"}

# Text that Excel, LibreOffice or Google Sheets would start evaluating as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
XLSX_NAME = "tables.xlsx"
EXCEL_DIR = "excel"
PARQUET_DIR = "parquet"
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entry times: the workbook is byte-identical per run


@dataclass(frozen=True)
class ExtraOutputs:
    """Which extra outputs a run writes (the command-line options --format/--duckdb/--excel)."""

    parquet: bool = False
    duckdb: Path | None = None
    excel: bool = False
    report: str = "auto"  # --report: auto, single or site (pipeline/report/site.py)

    @property
    def any(self) -> bool:
        return self.parquet or self.duckdb is not None or self.excel


def column_type(column: str) -> str:
    """'integer', 'decimal', 'date', 'boolean' or 'text'."""
    if column in INTEGER_COLUMNS:
        return "integer"
    if column in DECIMAL_COLUMNS:
        return "decimal"
    if column in DATE_COLUMNS:
        return "date"
    if column in BOOLEAN_COLUMNS:
        return "boolean"
    return "text"


def parse_rows(table: str, content: str) -> list[dict[str, object]]:
    """The rows of a CSV text with typed values (None for an empty cell)."""
    reader = csv.DictReader(io.StringIO(content, newline=""))
    parsers = {c: _PARSERS[column_type(c)] for c in TABLES[table]}
    rows = []
    for n, row in enumerate(reader, start=2):
        typed: dict[str, object] = {}
        for column, parse in parsers.items():
            value = row.get(column) or ""
            try:
                typed[column] = parse(value) if value != "" else None
            except ValueError:
                raise OutputError(
                    f"{table}.csv line {n}: column {column} holds {value!r}, "
                    f"not a {column_type(column)}"
                ) from None
        rows.append(typed)
    return rows


def _boolean(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(value)
    return value == "true"


_PARSERS: dict[str, Callable[[str], object]] = {
    "integer": int,
    "decimal": float,
    "date": date.fromisoformat,
    "boolean": _boolean,
    "text": str,
}


def write_extra_outputs(out: Path, csvs: dict[str, str], extra: ExtraOutputs) -> list[Path]:
    """Write the requested extra outputs; returns what was written. Raises OutputError."""
    names = write_folder_outputs(out, csvs, extra)
    written = [out / name for name in names]
    duckdb = write_duckdb_output(csvs, extra)
    return [*written, *([duckdb] if duckdb else [])]


def write_folder_outputs(folder: Path, csvs: dict[str, str], extra: ExtraOutputs) -> list[str]:
    """Write the extra outputs that live in the output folder (Parquet, Excel) into `folder`;
    returns their names. The run writes them into its staging folder, so they are swapped in
    together with the CSVs and are never left over from an earlier run."""
    typed = _typed(csvs) if (extra.parquet or extra.excel) else {}
    names: list[str] = []
    try:
        if extra.parquet:
            _replace_dir(folder / PARQUET_DIR, lambda d: write_parquet(d, typed))
            names.append(PARQUET_DIR)
        if extra.excel:
            _replace_dir(folder / EXCEL_DIR, lambda d: write_excel_csvs(d, csvs))
            _replace_file(folder / XLSX_NAME, lambda p: write_xlsx(p, typed))
            names += [EXCEL_DIR, XLSX_NAME]
    except OSError as exc:
        raise OutputError(f"cannot write the extra outputs: {exc.strerror or exc}") from exc
    return names


def write_duckdb_output(csvs: dict[str, str], extra: ExtraOutputs) -> Path | None:
    """Write the DuckDB database where the user asked for it (atomically, by one rename)."""
    if extra.duckdb is None:
        return None
    typed = _typed(csvs)
    try:
        return _replace_file(extra.duckdb, lambda p: write_duckdb(p, typed))
    except OSError as exc:
        raise OutputError(f"cannot write the DuckDB database: {exc.strerror or exc}") from exc


def _typed(csvs: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    return {table: parse_rows(table, content) for table, content in csvs.items()}


# --- atomic replacement ------------------------------------------------------------------


def _replace_file(target: Path, build: Callable[[Path], None]) -> Path:
    """Build `target` at a temporary path beside it, then move it in with one rename."""
    with replacing(target) as tmp:
        build(tmp)
    return target


def _replace_dir(target: Path, build: Callable[[Path], None]) -> Path:
    """Build a folder beside `target`, then swap it in (the old one is removed after)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-tmp-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the output folder is for everyone
    retired = None
    try:
        build(staging)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            os.replace(target, retired / target.name)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if retired:
            shutil.rmtree(retired, ignore_errors=True)
    return target


# --- Parquet -----------------------------------------------------------------------------


def _arrow_schema(table: str):  # noqa: ANN202  (pyarrow is imported lazily)
    import pyarrow as pa

    types = {"integer": pa.int64(), "decimal": pa.float64(), "date": pa.date32(),
             "boolean": pa.bool_(), "text": pa.string()}
    return pa.schema([(c, types[column_type(c)]) for c in TABLES[table]])


def write_parquet(folder: Path, typed: dict[str, list[dict[str, object]]]) -> None:
    """One <table>.parquet per table, typed columns in the CSV's column order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table, rows in typed.items():
        schema = _arrow_schema(table)
        data = pa.Table.from_pylist(rows, schema=schema)
        pq.write_table(data, folder / f"{table}.parquet", compression="zstd")


# --- DuckDB ------------------------------------------------------------------------------

_SQL_TYPES = {"integer": "BIGINT", "decimal": "DOUBLE", "date": "DATE", "boolean": "BOOLEAN",
              "text": "VARCHAR"}
PRIMARY_KEYS = {"documents": ("doc_id",), "projects": ("project_id",),
                "coverage": ("project_id", "field")}
# Foreign keys (table, column) -> referenced table; every fact table points at its document
# and its project. docs/schema.md lists the same.
FOREIGN_KEYS: dict[str, list[tuple[str, str]]] = {
    table: [("doc_id", "documents"), ("project_id", "projects")]
    for table in ("partners", "partner_countries", "dates", "budgets", "participants",
                  "contacts", "project_info", "validation")
}
FOREIGN_KEYS["coverage"] = [("project_id", "projects")]
# Load order: referenced tables first.
_LOAD_ORDER = ("documents", "projects")

VIEWS = {
    "project_budget_lines": """
        SELECT p.project_id, p.acronym, p.title, p.programme, b.kind, b.amount, b.currency,
               b.amount_eur, b.percent, b.cue, b.doc_id, b.text, b.char_start, b.char_end
        FROM projects p JOIN budgets b USING (project_id)
        ORDER BY p.project_id, b.doc_id, b.char_start""",
    "partners_per_country": """
        SELECT country,
               count(DISTINCT partner_id) AS n_partners,
               count(DISTINCT project_id) AS n_projects,
               string_agg(DISTINCT name_normalized, ';' ORDER BY name_normalized) AS partners
        FROM partners WHERE country IS NOT NULL
        GROUP BY country
        ORDER BY n_partners DESC, country""",
    "findings_per_project": """
        SELECT p.project_id, p.acronym, p.title,
               count(v.rule) FILTER (WHERE v.severity = 'error') AS n_errors,
               count(v.rule) FILTER (WHERE v.severity = 'warning') AS n_warnings,
               count(v.rule) FILTER (WHERE v.severity = 'info') AS n_info,
               count(v.rule) AS n_findings
        FROM projects p LEFT JOIN validation v USING (project_id)
        GROUP BY p.project_id, p.acronym, p.title
        ORDER BY n_errors DESC, n_warnings DESC, p.project_id""",
}


def _create_sql(table: str) -> str:
    lines = [f'"{c}" {_SQL_TYPES[column_type(c)]}' for c in TABLES[table]]
    if table in PRIMARY_KEYS:
        lines.append("PRIMARY KEY (" + ", ".join(PRIMARY_KEYS[table]) + ")")
    for column, ref in FOREIGN_KEYS.get(table, []):
        lines.append(f"FOREIGN KEY ({column}) REFERENCES {ref} ({PRIMARY_KEYS[ref][0]})")
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(lines) + "\n)"


def write_duckdb(path: Path, typed: dict[str, list[dict[str, object]]]) -> None:
    """The tables with their keys, loaded from Arrow, and the views for common questions."""
    import duckdb
    import pyarrow as pa

    order = [*_LOAD_ORDER, *(t for t in typed if t not in _LOAD_ORDER)]
    con = duckdb.connect(str(path))
    try:
        for table in order:
            if table not in typed:
                continue
            con.execute(_create_sql(table))
            arrow = pa.Table.from_pylist(typed[table], schema=_arrow_schema(table))
            con.register("incoming", arrow)
            try:
                con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
            except duckdb.ConstraintException as exc:
                raise OutputError(f"DuckDB: {table} breaks a key constraint: {exc}") from exc
            finally:
                con.unregister("incoming")
        for name, sql in VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.execute("CHECKPOINT")
    finally:
        con.close()


# --- Excel -------------------------------------------------------------------------------


def needs_neutralizing(value: str) -> bool:
    """True for text a spreadsheet would run as a formula; a plain negative number cannot
    run anything and stays a number."""
    return value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def neutralize(value: str) -> str:
    """Formula-like text with a leading apostrophe, which spreadsheets read as "this is text"."""
    return "'" + value if needs_neutralizing(value) else value


def write_excel_csvs(folder: Path, csvs: dict[str, str]) -> None:
    """<table>.csv in UTF-8 with a byte-order mark (Excel then reads ā, š, ж right), CRLF
    line ends, formula-like cells neutralized."""
    for table, content in csvs.items():
        rows = csv.reader(io.StringIO(content, newline=""))
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        for i, row in enumerate(rows):
            writer.writerow(row if i == 0 else [neutralize(cell) for cell in row])
        (folder / f"{table}.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8",
                                               newline="")


def write_xlsx(path: Path, typed: dict[str, list[dict[str, object]]]) -> None:
    """One sheet per table, numbers and dates typed; text cells are always stored as text
    (never formulas) and formula-like ones carry Excel's quote prefix, so they stay text
    when edited."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for table, rows in typed.items():
        ws = wb.create_sheet(title=table[:31])
        columns = TABLES[table]
        ws.append(columns)
        for r, row in enumerate(rows, start=2):
            for c, column in enumerate(columns, start=1):
                value = row[column]
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                    cell.quotePrefix = needs_neutralizing(value)
                else:
                    cell.value = value
                    if isinstance(value, date):
                        cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        for c, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(max(len(column) + 2, 10), 40)
    wb.properties.creator = "pipeline"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))


def _deterministic_zip(data: bytes) -> bytes:
    """The same workbook bytes for the same tables: fixed entry times, no save timestamps."""
    out = io.BytesIO()
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = stamp.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, content)
    return out.getvalue()
