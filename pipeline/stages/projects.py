"""One project's part of the whole-archive stages: years, merge, coverage, project-scope rules.

A project's work reads only its own documents (from the run store) and the ids the whole
archive gave their partner and contact facts, so projects can be done in any order by any
process: `settle` runs in the builder's process, or in `pipeline.workpool`'s workers over the
run store opened read-only (`Setup`). The builder writes what comes back (rows, findings,
results whose years were filled in) in project order, so the outputs are those of one process.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.coverage import coverage_rows
from pipeline.link import ProjectGroup
from pipeline.merge import merge_project
from pipeline.resolve import project_period, resolve_years
from pipeline.seam import DocResult
from pipeline.store import RunStore
from pipeline.tables import Archive
from pipeline.validate import run_rules

# Ids of a document's facts by fact position: {"partner_id": ...} or {"person_id": ...}.
FactIds = dict[int, dict[str, str]]


@dataclass(frozen=True)
class ProjectJob:
    """A project to do: its group, its documents' indexes (in the group's order) and their
    facts' ids."""

    group: ProjectGroup
    indexes: tuple[int, ...]
    ids: dict[int, FactIds]

    @property
    def cost(self) -> int:
        return len(self.indexes)


@dataclass
class ProjectDone:
    """What the builder writes of a project done: `context` is the period its documents'
    year-less dates were resolved in ("" none; what their rows take from the project),
    `resolved` what filling in the years changed, per document (`RunStore.put_resolved`: a
    pickled {fact position: values}), `rows` the projects row and
    the coverage rows in order, `found` the project-scope findings."""

    context: str
    resolved: list[tuple[int, bytes]]
    rows: list[tuple[str, dict[str, Any]]]
    found: list[dict[str, Any]]


def apply_ids(result: DocResult, ids: FactIds) -> DocResult:
    """The whole archive's ids into a result loaded from the store (stored before they were
    known)."""
    for pos, columns in ids.items():
        result.facts[pos].values.update(columns)
    return result


def settle(load: Callable[[int], DocResult], required: dict[str, list[str]],
           job: ProjectJob) -> ProjectDone:
    """The project's years, merged row, coverage rows and findings."""
    g = job.group
    results = [apply_ids(load(i), job.ids.get(i, {})) for i in job.indexes]
    period = project_period(results)
    context = f"{period[0]}..{period[1]}" if period else ""
    before = [{pos: dict(f.values) for pos, f in enumerate(r.facts) if f.table == "dates"}
              for r in results]
    resolved = []
    if resolve_years(results, [g]):
        for i, r, values in zip(job.indexes, results, before, strict=True):
            patch = {pos: r.facts[pos].values for pos, v in values.items()
                     if r.facts[pos].values != v}
            if patch:
                resolved.append((i, pickle.dumps(patch, protocol=pickle.HIGHEST_PROTOCOL)))
    sub = Archive(results, [g], {d: g.project_id for d in g.doc_ids})
    sub.merged = {g.project_id: merge_project(results, g)}
    rows: list[tuple[str, dict[str, Any]]] = [("projects", sub.merged[g.project_id].row)]
    sub.tables["coverage"] = coverage_rows(sub, required)
    rows += [("coverage", row) for row in sub.tables["coverage"]]
    return ProjectDone(context, resolved, rows, list(run_rules(sub, "project")))


@dataclass(frozen=True)
class Setup:
    """What a project worker is handed (`workpool`): it opens the run store read-only and
    settles projects from it."""

    store: Path
    required: dict[str, list[str]]

    def __call__(self) -> Callable[[ProjectJob], ProjectDone]:
        store = RunStore.reader(self.store)
        return lambda job: settle(store.get, self.required, job)
