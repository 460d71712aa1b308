"""Writing the output folder atomically.

Everything is first written into a fresh temporary folder beside the output folder; then each
file replaces its old version with `os.replace`, and the `text/` folder is swapped in one rename.
A run killed before the swap leaves the previous outputs as they were.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pipeline.schema import TABLES


class OutputError(Exception):
    """The output folder cannot be written; str() is a one-line reason."""


def cell(value: object) -> str:
    """A CSV cell by the contract: empty for missing, lower-case booleans, no 'nan'/'None'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def csv_text(table: str, rows: Iterable[dict[str, object]]) -> str:
    columns = TABLES[table]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()


def write_outputs(out: Path, csvs: dict[str, str], texts: dict[str, str], report: str) -> None:
    """Write the CSV texts (table -> content), the document texts and the report."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pipeline-tmp-", dir=out))
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    try:
        for table, content in csvs.items():
            (staging / f"{table}.csv").write_text(content, encoding="utf-8", newline="")
        (staging / "text").mkdir()
        for doc_id, text in texts.items():
            (staging / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
        (staging / "report.html").write_text(report, encoding="utf-8")
        _swap_in(staging, out)
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out: Path) -> None:
    old_text = out / "text"
    retired = None
    if old_text.exists():
        retired = Path(tempfile.mkdtemp(prefix=".pipeline-old-", dir=out))
        os.replace(old_text, retired / "text")
    os.replace(staging / "text", old_text)
    if retired:
        shutil.rmtree(retired, ignore_errors=True)
    for path in sorted(staging.iterdir()):
        os.replace(path, out / path.name)
