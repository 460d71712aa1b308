"""After the per-document work: link -> resolve -> merge -> coverage -> validate -> export.

`ArchiveBuilder` is the sink of `runner.run_batch`: it takes each document's result as it comes,
writes its text into the run's staging folder, stores the result in the run store
(`pipeline.store`, SQLite on disk) and keeps in memory only what the whole-archive stages need
of every document at once: its linking profile, its partner and contact facts (for the
organisation and person ids), and a stub of its metadata. `finish` then runs the stages in this
fixed order, each reading what the one before produced:

1. ids: partner_id and person_id over the whole archive (`link.assign_partner_ids`, ...);
2. linking: the profiles into project groups (`link.link_profiles`);
3. per project, its documents loaded from the store: years from the project period
   (`resolve`), the merged projects row (`merge`), coverage rows and the project-scope rules;
   documents outside any project get the same rules in batches;
4. the archive-scope rules (people across projects, unreadable and duplicate documents) over
   the stubs and the contacts;
5. export, one document at a time in file order: fact and document rows into the CSVs;
   then validation.csv (sorted in the store), the report, the extra formats; the staging
   folder is swapped in as a set (`export.OutputSet`).

So memory holds one project's documents at a time plus small per-document entries, whatever the
size of the archive. `finish_run(results, ...)` does the same for a list of results.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pickle
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pipeline.coverage import coverage_rows
from pipeline.export import OutputError, OutputSet, cell
from pipeline.formats import ExtraOutputs, write_duckdb_output, write_folder_outputs
from pipeline.link import (
    Profile,
    ProjectGroup,
    assign_partner_ids,
    assign_person_ids,
    link_profiles,
    linkable,
    set_lead,
)
from pipeline.merge import merge_project
from pipeline.model import Document, Fact
from pipeline.report import FACT_TABLES as REPORT_TABLES
from pipeline.report import write_report
from pipeline.report.site import choose_form, write_site
from pipeline.resolve import resolve_years
from pipeline.runner import DocResult, DuplicateOf, Outcome, duplicate_result, machine_dependent
from pipeline.schema import FACT_TABLES, TABLES
from pipeline.store import RunStore
from pipeline.tables import Archive, document_row, fact_rows
from pipeline.validate import run_rules, sort_key, text_digest

STORE_NAME = ".pipeline-run.sqlite3"  # inside the staging folder; never part of the outputs
UNLINKED_BATCH = 200  # documents outside any project, checked together


@dataclass
class RunSummary:
    out: Path
    statuses: Counter[str]
    rows: dict[str, int]
    findings: Counter[str]
    report: str = "report.html"  # or "report/index.html" (the report as a site)

    def to_json(self) -> str:
        return json.dumps({"statuses": self.statuses, "rows": self.rows,
                           "findings": self.findings, "report": self.report}, sort_keys=True)

    @classmethod
    def from_json(cls, out: Path, text: str) -> RunSummary:
        data = json.loads(text)
        return cls(out, Counter(data["statuses"]), data["rows"], Counter(data["findings"]),
                   data.get("report", "report.html"))

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
            f"Report: {self.out / self.report}",
        ]
        return "\n".join(lines)


def finish_run(
    results: Iterable[DocResult],
    out: Path,
    required: dict[str, list[str]],
    extra: ExtraOutputs | None = None,
) -> RunSummary:
    """The whole-archive stages and the outputs for results in file order."""
    with ArchiveBuilder(out) as builder:
        for index, result in enumerate(results):
            builder.add(index, result)
        return builder.finish(required, extra)


# What the ids read of a partner or contact (link.partner_key, link.assign_person_ids) and the
# archive-scope rules of a contact (validate: same person, two phones, two e-mails).
PARTNER_VALUES = ("country", "city", "name_normalized", "org_type", "lang")
CONTACT_VALUES = ("name", "phone", "email")


def _slim(f: Fact, keys: tuple[str, ...]) -> Fact:
    return Fact(f.table, f.doc_id, f.text, f.start, f.end,
                {k: f.values[k] for k in keys if k in f.values})


def _slim_facts(result: DocResult) -> list[tuple[int, Fact]]:
    """(position, copy) of each partner and contact fact, with the values the ids (and the
    archive-scope rules on contacts) read."""
    keep = {"partners": PARTNER_VALUES, "contacts": CONTACT_VALUES}
    return [(pos, _slim(f, keep[f.table])) for pos, f in enumerate(result.facts)
            if f.table in keep]


@dataclass
class _Kept:
    """What the whole-archive stages need of every document at once."""

    stub: Document  # doc_id, path, status, error, duplicate_of, text digest
    profile: Profile | None  # for linking (None: the document takes no part)
    facts: list[tuple[int, Fact]]  # slim partner and contact facts by position


@dataclass
class _Ids:
    """The facts whose ids depend on the whole archive, by (document index, fact position)."""

    partners: dict[tuple[int, int], Fact] = field(default_factory=dict)
    contacts: dict[tuple[int, int], Fact] = field(default_factory=dict)

    def assign(self) -> None:
        assign_partner_ids([self.partners[k] for k in sorted(self.partners)])
        assign_person_ids([self.contacts[k] for k in sorted(self.contacts)])

    def apply(self, index: int, result: DocResult) -> DocResult:
        """The ids into a result loaded from the store (stored before they were known)."""
        for pos, f in enumerate(result.facts):
            kept = self.partners.get((index, pos)) or self.contacts.get((index, pos))
            if kept is not None:
                for column in ("partner_id", "person_id"):
                    if column in kept.values:
                        f.values[column] = kept.values[column]
        return result


class ArchiveBuilder:
    """Collects a run's document results (any order, by index) and writes its outputs."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.outputs = OutputSet(out)
        try:
            with self._writing():
                self.store = RunStore(self.outputs.folder / STORE_NAME)
        except BaseException:
            shutil.rmtree(self.outputs.folder, ignore_errors=True)  # no `with` to clean up yet
            raise
        # While the batch runs, what the stages need of every document at once is kept packed
        # (pickled `_Kept`, ~1 kB a document); it is unpacked in `finish`, once the workers are
        # gone, into the fields below.
        self.kept: dict[int, bytes] = {}
        self.doc_ids: dict[int, str] = {}
        self.stubs: dict[int, DocResult] = {}  # metadata and contacts: the archive-scope rules
        self.profiles: dict[int, Profile] = {}
        self.ids = _Ids()
        self.duplicates: list[tuple[int, DuplicateOf]] = []
        self.statuses: Counter[str] = Counter()
        self.machine_dependent = False  # a time-out or a crashed worker: see runner

    def __enter__(self) -> ArchiveBuilder:
        return self

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Errors writing the outputs or the run store as one-line OutputErrors: the store is
        SQLite, whose full disk is an sqlite3 error ("database or disk is full"), not an
        OSError."""
        with self.outputs.guard():
            try:
                yield
            except sqlite3.Error as exc:
                raise OutputError(f"cannot write to {self.outputs.out}: "
                                  f"{' '.join(str(exc).split()).lower()}") from exc

    def __exit__(self, *exc: object) -> None:
        self.store.close()
        self.outputs.__exit__(*exc)

    def add(self, index: int, outcome: Outcome) -> None:
        """Take one document's outcome (the sink of `runner.run_batch`)."""
        if isinstance(outcome, DuplicateOf):
            self.duplicates.append((index, outcome))  # resolved in finish: the first is stored
            return
        result = outcome
        doc = result.doc
        self.machine_dependent |= machine_dependent(result)
        self.statuses[doc.status] += 1
        if doc.status == "ok":
            with self._writing():
                self.outputs.write_text(doc.doc_id, doc.text)
        stub = Document(doc.doc_id, doc.source_path, "", "", status=doc.status, error=doc.error,
                        duplicate_of=doc.duplicate_of, text_sha256=text_digest(doc),
                        salvage=doc.salvage)
        kept = _Kept(stub, linkable(result), _slim_facts(result))
        self.kept[index] = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        with self._writing():
            self.store.put(index, result)

    def _unpack(self) -> None:
        """The packed entries into doc ids, stubs, profiles and the facts of the ids."""
        for index in sorted(self.kept):
            kept: _Kept = pickle.loads(self.kept.pop(index))
            self.doc_ids[index] = kept.stub.doc_id
            if kept.profile is not None:
                self.profiles[index] = kept.profile
            contacts = []
            for pos, f in kept.facts:
                if f.table == "partners":
                    self.ids.partners[(index, pos)] = f
                else:
                    self.ids.contacts[(index, pos)] = f
                    contacts.append(f)
            self.stubs[index] = DocResult(kept.stub, contacts)

    def load(self, index: int) -> DocResult:
        return self.ids.apply(index, self.store.get(index))

    def finish(self, required: dict[str, list[str]], extra: ExtraOutputs | None) -> RunSummary:
        """Run the whole-archive stages and swap the outputs in."""
        with self._writing():
            return self._finish(required, extra)

    def _finish(self, required: dict[str, list[str]], extra: ExtraOutputs | None) -> RunSummary:
        for index, dup in self.duplicates:
            self.add(index, duplicate_result(self.store.get(dup.first), dup))
        self.store.commit()
        self._unpack()
        self.ids.assign()
        for index, p in self.profiles.items():
            if p.lead_fact is not None:
                set_lead(p, self.ids.partners[(index, p.lead_fact)])
        groups = link_profiles(list(self.profiles.values()))
        project_of = {d: g.project_id for g in groups for d in g.doc_ids}
        index_of = {doc_id: i for i, doc_id in self.doc_ids.items()}
        writers = _CsvWriters(self.outputs)
        self._projects(groups, project_of, index_of, required, writers)
        self._unlinked(project_of, writers)
        light = Archive([self.stubs[i] for i in sorted(self.stubs)], groups, project_of)
        self.store.add_findings(run_rules(light, "archive"), sort_key)
        del light
        self.stubs.clear()
        self._export(project_of, writers)
        self.store.sort_findings()
        findings: Counter[str] = Counter()
        for f in self.store.sorted_findings():
            findings[str(f["severity"])] += 1
            writers.row("validation", f)
        writers.close()
        summary = RunSummary(
            out=self.out,
            statuses=self.statuses,
            rows={t: writers.counts.get(t, 0) for t in TABLES if t != "coverage"},
            findings=findings,
        )
        docs_of = {g.project_id: sorted(index_of[d] for d in g.doc_ids) for g in groups}
        summary.report = self._report(writers.counts, docs_of,
                                      extra.report if extra is not None else "auto")
        csvs = None
        if extra is not None and extra.any:
            csvs = {t: self.outputs.add(f"{t}.csv").read_text(encoding="utf-8")
                    for t in TABLES}
            for name in write_folder_outputs(self.outputs.folder, csvs, extra):
                self.outputs.add(name)
        self.store.close()
        self.outputs.commit()
        if csvs is not None and extra is not None:
            write_duckdb_output(csvs, extra)
        return summary

    def _projects(self, groups: list[ProjectGroup], project_of: dict[str, str],
                  index_of: dict[str, int], required: dict[str, list[str]],
                  writers: _CsvWriters) -> None:
        """Per project: years, merge, coverage and the project-scope rules."""
        for g in groups:
            indexes = [index_of[d] for d in g.doc_ids]
            results = [self.load(i) for i in indexes]
            if resolve_years(results, [g]):
                for i, r in zip(indexes, results, strict=True):
                    self.store.put(i, r)
            sub = Archive(results, [g], {d: g.project_id for d in g.doc_ids})
            sub.merged = {g.project_id: merge_project(results, g)}
            writers.row("projects", sub.merged[g.project_id].row)
            sub.tables["coverage"] = coverage_rows(sub, required)
            for row in sub.tables["coverage"]:
                writers.row("coverage", row)
            self.store.add_findings(run_rules(sub, "project"), sort_key)

    def _unlinked(self, project_of: dict[str, str], writers: _CsvWriters) -> None:
        """The project-scope rules over the documents outside any project (no groups)."""
        alone = [i for i in sorted(self.doc_ids) if self.doc_ids[i] not in project_of]
        for start in range(0, len(alone), UNLINKED_BATCH):
            results = [self.load(i) for i in alone[start:start + UNLINKED_BATCH]]
            self.store.add_findings(run_rules(Archive(results, [], {}), "project"), sort_key)

    def _export(self, project_of: dict[str, str], writers: _CsvWriters) -> None:
        """Fact and document rows, one document at a time in file order; each document's rows
        are also kept in the store for the report."""
        for index in self.store.indexes():
            r = self.load(index)
            project_id = project_of.get(r.doc.doc_id, "")
            writers.row("documents", document_row(r.doc, project_id))
            rows: dict[str, list[dict[str, str]]] = {}
            for table, row in fact_rows(r, project_id):
                cells = writers.row(table, row)
                rows.setdefault(table, []).append(dict(zip(TABLES[table], cells, strict=True)))
            if rows:
                self.store.put_rows(index, rows)
        self.store.commit()

    def _report(self, counts: Counter[str], docs_of: dict[str, list[int]], form: str) -> str:
        """report.html, streamed from the staged tables and texts and the store, or for a large
        archive the report/ site (reusing the last run's unchanged pages); its path in `out`."""
        source = _StoreSource(self, counts, docs_of)
        texts = self.outputs.folder / "text"
        size = sum(e.stat().st_size for e in os.scandir(texts)) if texts.is_dir() else 0
        if choose_form(form, len(self.doc_ids), size) == "site":
            write_site(self.outputs.add("report"), source, previous=self.outputs.out / "report")
            return "report/index.html"
        write_report(self.outputs.add("report.html"), source)
        return "report.html"


class _StoreSource:
    """What the report reads (`report.ReportSource`), from the staged CSVs, the staged texts
    and the run store: whole tables as streams, one document's or project's rows on demand."""

    def __init__(self, builder: ArchiveBuilder, counts: Counter[str],
                 docs_of: dict[str, list[int]]) -> None:
        self.folder = builder.outputs.folder
        self.store = builder.store
        self.index_of = {doc_id: i for i, doc_id in builder.doc_ids.items()}
        self.counts = counts
        self.docs_of = docs_of  # project_id -> document indexes, in file order

    def _csv(self, table: str) -> Iterator[dict[str, str]]:
        with (self.folder / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh)

    def documents(self) -> Iterator[dict[str, str]]:
        return self._csv("documents")

    def projects(self) -> Iterator[dict[str, str]]:
        return self._csv("projects")

    def coverage(self) -> Iterator[dict[str, str]]:
        return self._csv("coverage")

    def findings(self) -> Iterator[dict[str, str]]:
        return self._csv("validation")

    def fact_counts(self) -> dict[str, int]:
        return {t: self.counts.get(t, 0) for t in FACT_TABLES}

    def doc_facts(self, doc_id: str) -> dict[str, list[dict[str, str]]]:
        index = self.index_of.get(doc_id)
        rows = self.store.get_rows(index) if index is not None else {}
        return {t: rows[t] for t in sorted(rows, key=_table_order)}

    def project_facts(self, project_id: str) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {}
        for index in self.docs_of.get(project_id, []):
            for table, rows in self.store.get_rows(index).items():
                out.setdefault(table, []).extend(rows)
        return {t: out[t] for t in sorted(out, key=_table_order)}

    def project_tables(self, project_id: str) -> dict[str, list[dict[str, str]]]:
        return {}  # every table with a project_id is a fact table or one of the four above

    def _findings(self, column: str, value: str) -> list[dict[str, str]]:
        columns = TABLES["validation"]
        return [{**{c: cell(f.get(c)) for c in columns}, "_n": n}  # type: ignore[dict-item]
                for n, f in self.store.findings_of(column, value)]

    def doc_findings(self, doc_id: str) -> list[dict[str, str]]:
        return self._findings("doc_id", doc_id)

    def project_findings(self, project_id: str) -> list[dict[str, str]]:
        return self._findings("project_id", project_id)

    def text(self, doc_id: str) -> str | None:
        path = self.folder / "text" / f"{doc_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, ValueError):
            return None


def _table_order(table: str) -> int:
    """Fact tables in the order the report shows them."""
    return REPORT_TABLES.index(table) if table in REPORT_TABLES else len(REPORT_TABLES)


class _CsvWriters:
    """One CSV writer per output table in the staging folder, opened on first use."""

    def __init__(self, outputs: OutputSet) -> None:
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}  # csv writers
        self.counts: Counter[str] = Counter()
        for table, columns in TABLES.items():
            fh = outputs.add(f"{table}.csv").open("w", encoding="utf-8", newline="")
            self.files[table] = fh
            self.writers[table] = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            self.writers[table].writerow(columns)

    def row(self, table: str, row: dict[str, object]) -> list[str]:
        """Write one row; returns its cells, in the table's column order."""
        cells = [cell(row.get(c)) for c in TABLES[table]]
        self.writers[table].writerow(cells)
        self.counts[table] += 1
        return cells

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
