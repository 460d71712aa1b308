"""After the per-document work: link -> resolve -> merge -> coverage -> validate -> export.

`ArchiveBuilder` is the sink of `runner.run_batch`: it takes each document's result as it comes,
writes its text into the run's staging folder, stores the result in the run store
(`pipeline.store`, SQLite on disk) with a packed entry of what the whole-archive stages need
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

With a memo (the run store of the previous complete run into the same output folder, kept
beside the cache), documents, projects and rows that cannot have changed are carried over
instead of being done again; steps 1, 2 and 4, validation.csv, the report and the extra
formats always run over the whole archive. `pipeline/stages/memo.py` says what is carried when.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import FileMark, OutputError, OutputSet
from pipeline.formats import ExtraOutputs, write_duckdb_output, write_folder_outputs
from pipeline.link import (
    Profile,
    ProjectGroup,
    add_partner,
    assign_partner_ids,
    assign_person_ids,
    link_profiles,
    linkable,
    set_lead,
)
from pipeline.merge import link_evidence
from pipeline.model import Document, Fact
from pipeline.report import write_report
from pipeline.report.site import choose_form, write_site
from pipeline.runner import DocResult, DuplicateOf, Outcome, duplicate_result, machine_dependent
from pipeline.schema import TABLES
from pipeline.stages.memo import COMPLETE, SETUP, Carried, Previous, pending
from pipeline.stages.output import CsvWriters, Lines, StorePages, StoreSource, close_readers
from pipeline.stages.projects import FactIds, ProjectDone, ProjectJob, Setup, apply_ids, settle
from pipeline.store import RunStore
from pipeline.tables import Archive, document_row, fact_rows
from pipeline.validate import run_rules, sort_key, text_digest
from pipeline.workpool import Crew, Spread, chunked

STORE_NAME = ".pipeline-run.sqlite3"  # inside the staging folder; never part of the outputs
UNLINKED_BATCH = 200  # documents outside any project, checked together
# Documents of the projects to do below which they are done in this process: a worker costs
# ~0.7 s of start-up (an interpreter, the rules' imports), a document ~0.5 ms.
PROJECT_POOL_MIN_DOCS = 4000
# The same with the workers started ahead (`_start_crew`): only handing chunks over is left.
PROJECT_CREW_MIN_DOCS = 400
PROJECT_CHUNKS_PER_WORKER = 12


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
    text_mark: FileMark | None = None  # its text file as written (`OutputSet.link_text`)


@dataclass
class _Ids:
    """The facts whose ids depend on the whole archive, by (document index, fact position)."""

    partners: dict[tuple[int, int], Fact] = field(default_factory=dict)
    contacts: dict[tuple[int, int], Fact] = field(default_factory=dict)
    _of: dict[int, FactIds] | None = None  # `of`, once the ids are known

    def assign(self) -> None:
        assign_partner_ids([self.partners[k] for k in sorted(self.partners)])
        assign_person_ids([self.contacts[k] for k in sorted(self.contacts)])
        self._of = None

    def digests(self) -> dict[int, str]:
        """Per document index, its ids in one string (compared with the previous run's)."""
        parts: dict[int, list[str]] = defaultdict(list)
        for (index, pos), f in self.partners.items():
            parts[index].append(f"{pos}:{f.values.get('partner_id', '')}")
        for (index, pos), f in self.contacts.items():
            parts[index].append(f"{pos}:{f.values.get('person_id', '')}")
        return {index: "|".join(sorted(p)) for index, p in parts.items()}

    def of(self, index: int) -> FactIds:
        """The ids of one document's facts, by position (after `assign`)."""
        if self._of is None:
            self._of = defaultdict(dict)
            for facts in (self.partners, self.contacts):
                for (i, pos), f in facts.items():
                    ids = {c: f.values[c] for c in ("partner_id", "person_id") if c in f.values}
                    if ids:
                        self._of[i][pos] = ids
        return self._of.get(index, {})

    def apply(self, index: int, result: DocResult) -> DocResult:
        """The ids into a result loaded from the store (stored before they were known)."""
        return apply_ids(result, self.of(index))


class ArchiveBuilder:
    """Collects a run's document results (any order, by index) and writes its outputs.

    `memo`: where the run keeps its store for the next run (beside the cache), and where the
    previous run kept its own; `setup` says what the outputs depend on besides the inputs
    (pipeline version, options, required fields): a memo of another setup is not used.
    `workers`: the run's worker count (`--workers`), over which the report site's pages are
    rendered (0: in this process)."""

    def __init__(self, out: Path, memo: Path | None = None, setup: str = "",
                 workers: int = 0) -> None:
        self.out = out
        self.memo = memo
        self.setup = setup
        self.workers = workers
        self.prev = Previous.claim(memo, setup) if memo is not None else None
        self.outputs = OutputSet(out)
        try:
            with self._writing():
                self.store = RunStore(self.outputs.folder / STORE_NAME)
        except BaseException:
            shutil.rmtree(self.outputs.folder, ignore_errors=True)  # no `with` to clean up yet
            if self.prev is not None:
                self.prev.release()
            raise
        self.doc_ids: dict[int, str] = {}
        self.stubs: dict[int, DocResult] = {}  # metadata and contacts: the archive-scope rules
        self.profiles: dict[int, Profile] = {}
        self.ids = _Ids()
        self.duplicates: list[tuple[int, DuplicateOf]] = []
        self.carried: dict[int, Carried] = {}  # documents the previous run did
        self.reusable: set[int] = set()  # results a next run may carry
        self.row_moved: set[int] = set()  # rows copied, but their project's row changed
        self.context: dict[int, str] = {}  # what a document's rows take from its project
        self.context_before: dict[int, str] = {}  # the same in the previous run
        self.statuses: Counter[str] = Counter()
        self.machine_dependent = False  # a time-out or a crashed worker: see runner
        self.memo_ok = True
        self.crew: Crew | None = None  # the whole-archive stages' workers (`_start_crew`)

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
        self._end_crew()
        self.store.close()
        if self.prev is not None:
            self.prev.release()
        self.outputs.__exit__(*exc)

    def known(self, relative: str, sha256: str, doc_id: str) -> Carried | None:
        """The previous run's document with this path, content and doc_id (`runner.run_batch`
        hands it to `add` instead of a result)."""
        return self.prev.lookup(relative, sha256, doc_id) if self.prev is not None else None

    def add(self, index: int, outcome: Outcome | Carried) -> None:
        """Take one document's outcome (the sink of `runner.run_batch`)."""
        if isinstance(outcome, Carried):
            self.carried[index] = outcome
            self.statuses[outcome.status] += 1
            return
        if isinstance(outcome, DuplicateOf):
            self.duplicates.append((index, outcome))  # resolved in finish: the first is stored
            return
        self._add(index, outcome, reusable=True)

    def _add(self, index: int, result: DocResult, reusable: bool) -> None:
        doc = result.doc
        self.machine_dependent |= machine_dependent(result)
        self.statuses[doc.status] += 1
        if reusable and doc.sha256 and not machine_dependent(result):
            self.reusable.add(index)
        mark = None
        if doc.status == "ok":
            with self._writing():
                mark = self.outputs.write_text(doc.doc_id, doc.text)
        stub = Document(doc.doc_id, doc.source_path, "", "", status=doc.status, error=doc.error,
                        duplicate_of=doc.duplicate_of, text_sha256=text_digest(doc),
                        salvage=doc.salvage)
        kept = _Kept(stub, linkable(result), _slim_facts(result), mark)
        with self._writing():
            self.store.put_kept(index, _dumps(kept))
            self.store.put(index, result)

    def _carry_in(self) -> None:
        """The carried documents' results and packed entries from the previous run's memo."""
        if self.prev is None:
            return
        self.store.attach(self.prev.path)
        self.store.copy_previous(sorted((i, c.old) for i, c in self.carried.items()))

    def _unpack(self) -> None:
        """The packed entries into doc ids, stubs, profiles and the facts of the ids; the texts
        of carried documents into text/."""
        with _gc_paused():
            self._unpack_all()
            # They live to the end of the run: frozen, later collections need not walk them
            # again. Frozen before the collector is back: else its first collection walks all
            # of them at once (~0.3 s). No gc.collect() first either (~0.5 s here, for the few
            # cycles of garbage the unpacking may have left, which stay frozen for the run).
            gc.freeze()

    def _unpack_all(self) -> None:
        moved: list[tuple[int, _Kept]] = []  # carried texts whose file mark changed
        for index, blob in self.store.kept():
            kept: _Kept = pickle.loads(blob)
            stub = kept.stub
            self.doc_ids[index] = stub.doc_id
            if index in self.carried and stub.status == "ok" and self._carry_text(index, kept):
                moved.append((index, kept))
            if kept.profile is not None:
                self.profiles[index] = kept.profile
            contacts = []
            for pos, f in kept.facts:
                if f.table == "partners":
                    self.ids.partners[(index, pos)] = f
                else:
                    self.ids.contacts[(index, pos)] = f
                    contacts.append(f)
            self.stubs[index] = DocResult(stub, contacts)
        for index, kept in moved:  # not while reading them
            self.store.put_kept(index, _dumps(kept))

    def _carry_text(self, index: int, kept: _Kept) -> bool:
        """A carried document's text file, hard-linked from the last run's folder (written again
        when it is not as that run left it). True when its mark changed (`kept` has the new
        one: the entry is to be stored again)."""
        stub = kept.stub
        mark = self.outputs.link_text(stub.doc_id, stub.text_sha256, kept.text_mark)
        if mark is None:
            mark = self.outputs.write_text(stub.doc_id, self.store.get_raw(index).doc.text)
        if mark == kept.text_mark:
            return False
        kept.text_mark = mark
        return True

    def load(self, index: int) -> DocResult:
        return self.ids.apply(index, self.store.get(index))

    def finish(self, required: dict[str, list[str]], extra: ExtraOutputs | None) -> RunSummary:
        """Run the whole-archive stages and swap the outputs in."""
        with self._writing():
            return self._finish(required, extra)

    def _finish(self, required: dict[str, list[str]], extra: ExtraOutputs | None) -> RunSummary:
        self._start_crew()
        self._carry_in()
        for index, dup in self.duplicates:
            self._add(index, duplicate_result(self.store.get_raw(dup.first), dup), False)
        self.store.commit()
        self._unpack()
        self.ids.assign()
        ids_of = self.ids.digests()
        for index, p in self.profiles.items():
            if p.lead_fact is not None:
                set_lead(p, self.ids.partners[(index, p.lead_fact)])
            for k in p.partner_facts:
                add_partner(p, self.ids.partners[(index, k)])
        groups = link_profiles(list(self.profiles.values()))
        project_of = {d: g.project_id for g in groups for d in g.doc_ids}
        index_of = {doc_id: i for i, doc_id in self.doc_ids.items()}
        same = self._unchanged(ids_of)
        writers = CsvWriters(self.outputs)
        rows_kept = self._projects(groups, index_of, required, writers, same)
        self._end_crew()  # the report's page workers are lighter ones of their own
        rows_kept |= self._unlinked(project_of, same)
        light = Archive([self.stubs[i] for i in sorted(self.stubs)], groups, project_of)
        self.store.add_findings(run_rules(light, "archive"), sort_key)
        del light
        self.stubs.clear()
        self._export(project_of, writers, rows_kept, ids_of)
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
                                      extra.report if extra is not None else "auto", rows_kept)
        csvs = None
        if extra is not None and extra.any:
            csvs = {t: self.outputs.add(f"{t}.csv").read_text(encoding="utf-8")
                    for t in TABLES}
            for name in write_folder_outputs(self.outputs.folder, csvs, extra):
                self.outputs.add(name)
        kept = self._keep_memo()
        self.outputs.commit()
        if kept is not None and self.memo is not None:
            os.replace(kept, self.memo)
        if csvs is not None and extra is not None:
            write_duckdb_output(csvs, extra)
        return summary

    def _cores(self) -> int:
        """The processes the whole-archive stages may keep busy: the run's workers, no more
        than there are cores (more would only share them)."""
        return min(self.workers, os.cpu_count() or 1)

    def _start_crew(self) -> None:
        """The project stage's workers started now, loading what settling a project loads,
        while this process carries, unpacks, assigns ids and links on one core
        (`workpool.Crew`); not for an archive too small ever to use them. Ended after that
        stage: a project worker holds ~230 MB by then, and as a page worker beside the main
        process at its peak it took the tree past 800 MB."""
        if self._cores() >= 2 and sum(self.statuses.values()) >= PROJECT_CREW_MIN_DOCS:
            self.crew = Crew(self._cores() - 1, _Warm())

    def _end_crew(self) -> None:
        if self.crew is not None:
            self.crew.close()
            self.crew = None

    def _keep_memo(self) -> Path | None:
        """The run store out of the staging folder: kept for the next run (under a name of its
        own until the outputs are in place), or deleted."""
        if self.prev is not None:
            self.store.detach()
        if self.memo is None or not self.memo_ok:
            self.store.close()
            return None
        self.store.set_meta(SETUP, self.setup)
        self.store.set_meta(COMPLETE, "1")
        target = pending(self.memo)
        self.store.keep(target)
        return target

    def _unchanged(self, ids_of: dict[int, str]) -> dict[int, str]:
        """Carried documents whose ids are what they were: index -> their project_id then
        ("" outside any project)."""
        same = {}
        before = self.store.previous_docs() if self.carried else {}
        for index, c in self.carried.items():
            ids, project_id, context = before.get(c.old, ("\0missing", "", ""))
            if ids == ids_of.get(index, ""):
                same[index] = project_id
                self.context_before[index] = context
        return same

    def _projects(self, groups: list[ProjectGroup], index_of: dict[str, int],
                  required: dict[str, list[str]], writers: CsvWriters, same: dict[int, str]
                  ) -> set[int]:
        """Per project: years, merge, coverage and the project-scope rules
        (`stages.projects`, over the workers when there are many documents to do); a project
        whose group and documents are as in the previous run is copied from its memo. Returns
        the documents whose rows are copied."""
        rows_kept: set[int] = set()
        plans = [(g, [index_of[d] for d in g.doc_ids]) for g in groups]
        copied = [self._copyable(g, indexes, same) for g, indexes in plans]
        jobs = [ProjectJob(g, tuple(indexes), {i: self.ids.of(i) for i in indexes})
                for (g, indexes), copy in zip(plans, copied, strict=True) if not copy]
        with contextlib.closing(self._settle_projects(jobs, required)) as done:
            self._write_projects(plans, copied, done, writers, same, rows_kept)
        return rows_kept

    def _write_projects(self, plans: list[tuple[ProjectGroup, list[int]]], copied: list[str],
                        done: Iterator[ProjectDone], writers: CsvWriters, same: dict[int, str],
                        rows_kept: set[int]) -> None:
        """Each project's rows, findings and memo entry in project order: copied, or as
        `done` gives them."""
        for (g, indexes), copy in zip(plans, copied, strict=True):
            if copy:
                self._copy_group(g, indexes, copy, writers)
                rows_kept.update(indexes)
                continue
            d = next(done)
            # A document's rows take from its project only the id and the period its year-less
            # dates are resolved in: with both as before (a document joined or left a big
            # project), the rows of its unchanged documents are copied (as `row_moved`: the
            # project's row on their pages did change).
            for i in indexes:
                self.context[i] = d.context
                if same.get(i) == g.project_id and self.context_before.get(i) == d.context:
                    rows_kept.add(i)
                    self.row_moved.add(i)
            for i, blob in d.resolved:
                self.store.put_resolved(i, blob)
            lines: Lines = {}
            for table, row in d.rows:
                writers.row(table, row, lines)
            self.store.add_findings(d.found, sort_key)
            self.store.put_group(g.project_id, _dumps(g), _dumps(lines), _dumps(d.found))
        next(done, None)  # its end: a warning, if a worker failed

    def _copyable(self, g: ProjectGroup, indexes: list[int], same: dict[int, str]) -> str:
        """Whether the project can be copied from the previous run: its documents are carried
        with the same ids and project, and its group is as before ("same"), or only its
        evidence or the pairs kept apart moved ("evidence"); "" when it cannot."""
        if not all(same.get(i) == g.project_id for i in indexes):
            return ""
        prev = self.store.previous_group(g.project_id)
        if prev is None:
            return ""
        if _dumps(g) == prev[0]:  # the same pickle: the same group, without unpickling it
            return "same"
        before = pickle.loads(prev[0])
        if before == g:
            return "same"
        return "evidence" if before.doc_ids == g.doc_ids else ""

    def _copy_group(self, g: ProjectGroup, indexes: list[int], how: str,
                    writers: CsvWriters) -> None:
        """The project's rows, findings and memo entry copied from the previous run (`how`:
        `_copyable`'s answer)."""
        prev = self.store.previous_group(g.project_id)
        assert prev is not None
        if how == "same":
            writers.lines(pickle.loads(prev[1]))
            self.store.add_findings(pickle.loads(prev[2]), sort_key)
            self.store.put_group(g.project_id, *prev)
            return
        # Only the evidence or the pairs kept apart moved (a document of another project with
        # the same acronym changed): they are read by nothing but projects.link_evidence, so
        # that cell is replaced and the rest copied.
        lines = writers.replace_cell(pickle.loads(prev[1]), "projects", "link_evidence",
                                     link_evidence(g))
        writers.lines(lines)
        self.store.add_findings(pickle.loads(prev[2]), sort_key)
        self.store.put_group(g.project_id, _dumps(g), _dumps(lines), prev[2])
        self.row_moved.update(indexes)

    def _settle_projects(self, jobs: list[ProjectJob], required: dict[str, list[str]]
                         ) -> Iterator[ProjectDone]:
        """Each job done, in job order: by this process and the run's other workers, when
        their documents are many enough to pay for starting them (`PROJECT_POOL_MIN_DOCS`;
        fewer when they were started ahead, `PROJECT_CREW_MIN_DOCS`),
        else by this process alone; the chunks a failed worker left are done here, with a
        warning. This process takes chunks too (`Spread.in_order`) instead of starting a
        worker per core: a project worker loads the gazetteer and the language detector the
        rules need (~150 MB), which this process holds already."""
        def here(job: ProjectJob) -> ProjectDone:
            return settle(self.store.get, required, job)

        workers = self._cores() - 1
        least = PROJECT_POOL_MIN_DOCS if self.crew is None else PROJECT_CREW_MIN_DOCS
        if workers < 1 or sum(job.cost for job in jobs) < least:
            yield from map(here, jobs)
            return
        self.store.commit()  # the workers read the store with connections of their own
        chunks = chunked(jobs, lambda job: job.cost,
                         (workers + 1) * PROJECT_CHUNKS_PER_WORKER)
        spread = Spread(Setup(self.store.path, required), chunks, workers, self.crew)
        for answers in spread.in_order(lambda chunk: [here(job) for job in chunk]):
            yield from answers
        if spread.errors:
            print(f"pipeline: warning: a project worker failed ({spread.errors[0]}); the "
                  "projects it left were done in the main process", file=sys.stderr)

    def _unlinked(self, project_of: dict[str, str], same: dict[int, str]) -> set[int]:
        """The project-scope rules over the documents outside any project (no groups), in
        batches; a document carried from outside any project keeps its findings. Returns the
        documents that kept them (their rows are copied too)."""
        rows_kept: set[int] = set()
        batch: list[int] = []
        for i in sorted(self.doc_ids):
            if self.doc_ids[i] in project_of:
                continue
            if same.get(i) == "":
                found = self.store.previous_doc_findings(self.carried[i].old)
                if found is not None:
                    self.store.add_findings(pickle.loads(found), sort_key)
                    self.store.put_doc_findings(i, found)
                    rows_kept.add(i)
                    continue
            batch.append(i)
            if len(batch) == UNLINKED_BATCH:
                self._unlinked_batch(batch)
                batch = []
        if batch:
            self._unlinked_batch(batch)
        return rows_kept

    def _unlinked_batch(self, batch: list[int]) -> None:
        results = [self.load(i) for i in batch]
        found = list(run_rules(Archive(results, [], {}), "project"))
        self.store.add_findings(found, sort_key)
        of_doc: dict[str, list[dict]] = {self.doc_ids[i]: [] for i in batch}
        for f in found:
            doc_id = str(f.get("doc_id", ""))
            if doc_id in of_doc:
                of_doc[doc_id].append(f)
            else:  # a finding of no one document: the next run cannot carry it per document
                self.memo_ok = False
        for i in batch:
            self.store.put_doc_findings(i, _dumps(of_doc[self.doc_ids[i]]))

    def _export(self, project_of: dict[str, str], writers: CsvWriters, rows_kept: set[int],
                ids_of: dict[int, str]) -> None:
        """Fact and document rows, one document at a time in file order; each document's rows
        are also kept in the store for the report, and its lines for the next run. A document
        whose project (or its being in none) was copied has its rows copied."""
        indexes = self.store.indexes()
        self.store.carry_docs([(i, self.carried[i].old) for i in indexes if i in rows_kept])
        for index in indexes:
            if index in rows_kept:
                writers.lines(pickle.loads(self.store.previous_csv(self.carried[index].old)))
                continue
            r = self.load(index)
            project_id = project_of.get(r.doc.doc_id, "")
            lines: Lines = {}
            writers.row("documents", document_row(r.doc, project_id), lines)
            rows: dict[str, list[dict[str, str]]] = {}
            for table, row in fact_rows(r, project_id):
                cells = writers.row(table, row, lines)
                rows.setdefault(table, []).append(dict(zip(TABLES[table], cells, strict=True)))
            self.store.put_rows(index, rows, _shown_digest(lines, r.doc))
            reusable = index in self.carried or index in self.reusable
            self.store.put_doc(index, r.doc.source_path, r.doc.sha256, r.doc.doc_id,
                               r.doc.status, reusable, ids_of.get(index, ""), project_id,
                               self.context.get(index, ""), _dumps(lines))
        self.store.commit()

    def _report(self, counts: Counter[str], docs_of: dict[str, list[int]], form: str,
                rows_kept: set[int]) -> str:
        """report.html, streamed from the staged tables and texts and the store, or for a large
        archive the report/ site (reusing the last run's unchanged pages, and the static
        digests of the pages whose documents' rows were copied); its path in `out`."""
        self.store.commit()  # page workers read the store with connections of their own
        source = StoreSource(self.outputs.folder, self.store, self.doc_ids, counts, docs_of)
        texts = self.outputs.folder / "text"
        size = sum(e.stat().st_size for e in os.scandir(texts)) if texts.is_dir() else 0
        if choose_form(form, len(self.doc_ids), size) == "site":
            pages = StorePages(self.store, {self.doc_ids[i] for i in rows_kept - self.row_moved},
                               self.prev.path if self.prev is not None else None)
            try:
                write_site(self.outputs.add("report"), source,
                           previous=self.outputs.out / "report", memo=pages,
                           workers=self._cores(), reopen=source.reader())
            finally:
                close_readers()
            return "report/index.html"
        write_report(self.outputs.add("report.html"), source)
        return "report.html"

@dataclass(frozen=True)
class _Warm:
    """A crew worker's first setup: what settling projects loads on first use (the modules
    this one imports; the rules' gazetteer), loaded ahead. Its handler is never called."""

    def __call__(self) -> Callable[[object], None]:
        from pipeline.gazetteer import get_gazetteer

        get_gazetteer()
        return _no_job


def _no_job(job: object) -> None:
    raise RuntimeError("a warm-up worker was handed a job")


def _shown_digest(lines: Lines, doc: Document) -> str:
    """A digest of what the report shows of a document: its CSV lines (its rows' cells,
    exactly) and its text (none on disk unless the document was read: `_add`)."""
    h = hashlib.sha256()
    for table in sorted(lines):
        n, text = lines[table]
        h.update(f"{table}\0{n}\0{len(text)}\0{text}".encode("utf-8", "surrogatepass"))
    if doc.status == "ok":
        h.update(f"text\0{doc.text}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while many long-lived objects are made at once: each
    collection walks every object made so far, and unpickling the 20,000 packed entries of a
    rerun spent 1 of its 1.25 s in them (the entries hold no cycles to collect)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
