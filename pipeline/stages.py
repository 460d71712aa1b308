"""After the per-document work: link -> coverage -> validate -> export, and the run summary.

The stages run in this fixed order because each reads what the one before produced.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.coverage import coverage_rows
from pipeline.export import csv_text, write_outputs
from pipeline.formats import ExtraOutputs, write_duckdb_output, write_folder_outputs
from pipeline.report import render_report
from pipeline.resolve import resolve_years
from pipeline.runner import DocResult
from pipeline.schema import TABLES
from pipeline.tables import build_archive
from pipeline.validate import validate


@dataclass
class RunSummary:
    out: Path
    statuses: Counter[str]
    rows: dict[str, int]
    findings: Counter[str]

    def to_json(self) -> str:
        return json.dumps({"statuses": self.statuses, "rows": self.rows,
                           "findings": self.findings}, sort_keys=True)

    @classmethod
    def from_json(cls, out: Path, text: str) -> RunSummary:
        data = json.loads(text)
        return cls(out, Counter(data["statuses"]), data["rows"], Counter(data["findings"]))

    def render(self, seconds: float) -> str:
        total = sum(self.statuses.values())
        rate = total / seconds if seconds > 0 else 0.0
        lines = [
            f"Processed {total} documents in {seconds:.1f} s ({rate:.1f} docs/s): "
            + ", ".join(f"{self.statuses.get(s, 0)} {s}" for s in ("ok", "failed", "skipped")),
            "Rows: " + ", ".join(f"{t} {n}" for t, n in self.rows.items()),
            "Findings: " + ", ".join(
                f"{self.findings.get(s, 0)} {s}" for s in ("error", "warning", "info")
            ),
            f"Report: {self.out / 'report.html'}",
        ]
        return "\n".join(lines)


def finish_run(
    results: list[DocResult],
    out: Path,
    required: dict[str, list[str]],
    extra: ExtraOutputs | None = None,
) -> RunSummary:
    """Run the whole-archive stages and write the outputs. `results` is consumed: it is emptied
    once the tables exist, so that the documents' facts (~150 MB at 5,000 documents) are freed
    before the report, the most memory-hungry stage, is rendered."""
    resolve_years(results)  # year-less dates from the project's period in another document
    archive = build_archive(results)
    archive.tables["coverage"] = coverage_rows(archive, required)
    archive.tables["validation"] = validate(archive)
    texts = {r.doc.doc_id: r.doc.text for r in results if r.doc.status == "ok"}
    csvs = {t: csv_text(t, archive.tables.get(t, [])) for t in TABLES}
    summary = RunSummary(
        out=out,
        statuses=Counter(r.doc.status for r in results),
        rows={t: len(archive.tables.get(t, [])) for t in TABLES if t not in ("coverage",)},
        findings=Counter(str(f["severity"]) for f in archive.tables["validation"]),
    )
    del archive
    results.clear()
    frames = {
        t: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for t, text in csvs.items()
    }
    report = render_report(frames, texts)
    del frames
    in_folder = (lambda staging: write_folder_outputs(staging, csvs, extra)) if extra else None
    write_outputs(out, csvs, texts, report, in_folder)
    if extra is not None:
        write_duckdb_output(csvs, extra)
    return summary
