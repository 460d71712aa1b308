"""From processed documents to the output tables' rows (dicts keyed by contract columns).

`Archive` is the in-memory view the whole-archive stages (coverage, validation) read. The run
(`pipeline.stages`) builds one per project, from that project's documents only, so memory is
bounded by the largest project; `build_archive` builds one over a whole list of results (small
archives, tests).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.link import ProjectGroup, assign_partner_ids, assign_person_ids, link_projects
from pipeline.merge import MergedProject, merge_project
from pipeline.model import Document, Fact
from pipeline.resolve import resolve_years
from pipeline.seam import DocResult

Row = dict[str, object]
BUDGET_PARTS = ("eu", "state", "municipal", "partner")


@dataclass
class Archive:
    """Everything the later stages (validation, coverage, export, report) read."""

    results: list[DocResult]
    groups: list[ProjectGroup]
    project_of: dict[str, str]  # doc_id -> project_id
    tables: dict[str, list[Row]] = field(default_factory=dict)
    merged: dict[str, MergedProject] = field(default_factory=dict)  # project_id -> merge

    def __post_init__(self) -> None:
        # indexes, so that per-project lookups stay linear in the archive size
        self._by_doc = {r.doc.doc_id: r for r in self.results}
        self._docs_of: dict[str, list[str]] = defaultdict(list)
        for doc_id, project_id in self.project_of.items():
            self._docs_of[project_id].append(doc_id)
        self._facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for r in self.results:
            for f in r.facts:
                self._facts[(f.table, f.doc_id)].append(f)

    def facts(self, table: str, project_id: str | None = None) -> list[Fact]:
        docs = self._by_doc if project_id is None else self.docs_of(project_id)
        return [f for d in docs for f in self._facts.get((table, d), [])]

    def docs_of(self, project_id: str) -> list[str]:
        return self._docs_of.get(project_id, [])

    def result(self, doc_id: str) -> DocResult:
        return self._by_doc[doc_id]


def build_archive(results: list[DocResult]) -> Archive:
    """Ids, linking, years from the project period, merging and the fact and document rows of
    a whole list of results, in memory (the run does the same one project at a time)."""
    all_facts = [f for r in results for f in r.facts]
    assign_partner_ids(all_facts)  # before linking: the lead partner is link evidence
    assign_person_ids(all_facts)
    groups = link_projects(results)
    resolve_years(results, groups)  # year-less dates from the project's period
    project_of = {d: g.project_id for g in groups for d in g.doc_ids}
    archive = Archive(results, groups, project_of)
    archive.merged = {
        g.project_id: merge_project([archive.result(d) for d in g.doc_ids], g) for g in groups
    }
    archive.tables = fact_tables(archive)
    archive.tables["documents"] = [
        document_row(r.doc, project_of.get(r.doc.doc_id, "")) for r in results
    ]
    archive.tables["projects"] = [archive.merged[g.project_id].row for g in groups]
    return archive


def fact_rows(result: DocResult, project_id: str) -> Iterator[tuple[str, Row]]:
    """(table, row) of each fact of a document, in the order of the tables' rows."""
    for f in sorted(result.facts, key=lambda f: (f.table, f.start, f.end)):
        yield f.table, {
            "doc_id": f.doc_id,
            "project_id": project_id,
            **f.values,
            "text": f.text,
            "char_start": f.start,
            "char_end": f.end,
        }


def fact_tables(archive: Archive) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = defaultdict(list)
    for r in archive.results:
        for table, row in fact_rows(r, archive.project_of.get(r.doc.doc_id, "")):
            tables[table].append(row)
    return tables


def document_row(d: Document, project_id: str) -> Row:
    return {
        "doc_id": d.doc_id,
        "source_path": d.source_path,
        "sha256": d.sha256,
        "format": d.format,
        "doc_type": d.doc_type if d.status == "ok" else "",
        "languages": ";".join(d.languages),
        "publication_date": d.publication_date.isoformat() if d.publication_date else "",
        "title": d.title or "",
        "project_id": project_id,
        "status": d.status,
        "error": d.error,
        "publication_source": d.publication_source or "",
        "encoding": d.encoding or "",
        "n_chars": len(d.text),
        "duplicate_of": d.duplicate_of,
        "salvage": d.salvage,
    }
