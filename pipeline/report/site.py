"""The report as a static site, for archives too large for one page.

`write_site(folder, source)` writes `index.html` (site_index.py: summary, findings per rule, and
the missing-fields matrix and the lists of projects and documents as data that site.js pages and
filters) and one page per project under `projects/`, plus `documents/batch-NNNN.html` for
documents outside any project. A project too big for one page is cut into parts
(site_parts.py).
A project page is the single-page report (`writer._page`) over `_Subset`, the project's share of
the source, so highlighting, findings and evidence anchors work exactly as in `report.html`; its
links stay on the page, and a link back leads to the index. The pages share one copy of the
CSS/JS in `assets/` (`writer.asset_tag`), linked under `base.SITE_CSP` (the site's own files, no
inline code); nothing is fetched, so the site works from file://.

Each page is a pure function of its inputs: `_Subset.digest` hashes them (with the report code
and assets), and `manifest.json` records page -> digest. Given the previous site (`previous`), a
page whose digest did not change is copied instead of rendered, which makes the report side of a
rerun after a few changed files cheap. The digest is made of two: the *static* one of the page's
rows and texts, and its findings (which archive-scope rules can change anywhere). A `PageMemo`
(the run's memo) gives the static digest of a page whose rows and texts cannot have changed
since the previous run, so an unchanged page costs its findings, not reading and hashing its
facts and texts again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from pipeline.report.base import DEFAULT_TITLE, Row
from pipeline.report.sections import RecordReuse
from pipeline.report.site_index import SiteMap, index_page
from pipeline.report.site_parts import Page, Part, batches, in_parts
from pipeline.report.site_pool import PageDone, PageJob, settle_pages
from pipeline.report.source import ReportSource
from pipeline.report.writer import write_assets, write_page_bytes

FORMS = ("auto", "single", "site")
# `auto` writes a site above either limit: a single page costs roughly its texts plus ~8 kB of
# records per document, so these keep report.html under a few MB.
SITE_MIN_DOCUMENTS = 500
SITE_MIN_TEXT_BYTES = 3_000_000
BATCH = 200  # documents outside any project per page, at most (site_parts.batches)
MANIFEST = "manifest.json"


class PageMemo(Protocol):
    """The static digests (`_Subset.static_digest`) of the previous run's pages."""

    def known(self, rel: str, doc_ids: list[str]) -> str | None:
        """The page's static digest when its rows and texts are as in the previous run."""
        ...

    def keep(self, rel: str, doc_ids: list[str], static: str, records: bytes | None) -> None:
        """Remember the page's static digest and where it holds each document's view
        (`_Renderer`; None: the page is the previous run's, and so are they) for the next
        run."""
        ...

    def records(self) -> Callable[[str], bytes | None] | None:
        """Where the previous run's pages hold each document's view, by page (plain data: a
        page worker is handed it); None when there was no previous run."""
        ...


def choose_form(form: str, documents: int, text_bytes: int) -> str:
    """'single' or 'site' for the `--report` option (`auto` decides by size)."""
    if form not in FORMS:
        raise ValueError(f"unknown report form {form!r} (choose from {', '.join(FORMS)})")
    if form != "auto":
        return form
    big = documents > SITE_MIN_DOCUMENTS or text_bytes > SITE_MIN_TEXT_BYTES
    return "site" if big else "single"


@cache
def _code_version() -> str:
    """A digest of the report's code and assets: a page rendered by other code is not reused."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for p in sorted([*here.glob("*.py"), *(here / "assets").glob("*")]):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def page_name(prefix: str, key: str) -> str:
    """A file name for a project or batch: readable, safe in any file system and URL, unique."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", key)[:60].strip("._") or "x"
    return f"{prefix}{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}.html"


# A page's facts: (doc facts, project facts, project tables, fact counts).
_Facts = tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, int]]


class _Subset:
    """The part of a ReportSource one page shows: some documents and projects, their coverage
    rows, facts, texts and findings (renumbered 0.. in validation.csv order), each read once
    and held while the page is hashed and rendered (the page reads a text three times). A page
    is one project's worth or a part of one, within `site_parts.PART_BYTES` (a batch page
    within twice that), so what it holds is bounded whatever the size of the archive."""

    def __init__(self, source: ReportSource, docs: list[Row], projects: list[Row],
                 coverage: list[Row], project_ids: list[str], lead: str = "",
                 where: Callable[[str, list[str]], str] | None = None) -> None:
        self.lead = lead  # a part's opening panel (site_parts.py); "" on a whole page
        self._where = where  # where the site shows a document (see shown_elsewhere)
        self._docs, self._projects, self._coverage = docs, projects, coverage
        self._pids = project_ids
        doc_ids = [d.get("doc_id", "") for d in docs]
        doc_set = set(doc_ids)
        rows: dict[int, Row] = {}
        for pid in project_ids:
            rows.update((int(r["_n"]), r) for r in source.project_findings(pid))
        for d in doc_ids:
            rows.update((int(r["_n"]), r) for r in source.doc_findings(d))
        order = sorted(rows)
        self.positions = {n: i for i, n in enumerate(order)}
        self._findings = [{k: v for k, v in rows[n].items() if k != "_n"} for n in order]
        self._by_doc: dict[str, list[Row]] = defaultdict(list)
        self._by_project: dict[str, list[Row]] = defaultdict(list)
        for n in order:
            r = {**rows[n], "_n": str(self.positions[n])}
            if r.get("doc_id") in doc_set:
                self._by_doc[r["doc_id"]].append(r)
            if r.get("project_id") in project_ids:
                self._by_project[r["project_id"]].append(r)
        self._source, self._doc_ids = source, doc_ids  # texts are read when asked for
        self._doc_set = doc_set
        self._facts: _Facts | None = None  # read when the page is hashed or rendered
        self._texts: dict[str, str | None] = {}

    def _load(self) -> _Facts:
        """(doc facts, project facts, project tables, fact counts), read on first use: a page
        whose static digest the memo knows and whose digest did not change never reads them."""
        if self._facts is None:
            source = self._source
            project_facts = {p: source.project_facts(p) for p in self._pids}  # then the docs':
            doc_facts = {d: source.doc_facts(d) for d in self._doc_ids}  # a source may keep them
            project_tables = {p: source.project_tables(p) for p in self._pids}
            counts: dict[str, int] = dict.fromkeys(source.fact_counts(), 0)
            for facts in doc_facts.values():
                for table, frows in facts.items():
                    counts[table] = counts.get(table, 0) + len(frows)
            self._facts = (doc_facts, project_facts, project_tables, counts)
        return self._facts

    def documents(self) -> list[Row]:
        return self._docs

    def projects(self) -> list[Row]:
        return self._projects

    def coverage(self) -> list[Row]:
        return self._coverage

    def findings(self) -> list[Row]:
        return self._findings

    def fact_counts(self) -> dict[str, int]:
        return self._load()[3]

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        return self._load()[0].get(doc_id, {})

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        return self._load()[1].get(project_id, {})

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return self._load()[2].get(project_id, {})

    def doc_findings(self, doc_id: str) -> list[Row]:
        return self._by_doc.get(doc_id, [])

    def project_findings(self, project_id: str) -> list[Row]:
        return self._by_project.get(project_id, [])

    def text(self, doc_id: str) -> str | None:
        if doc_id not in self._doc_set:
            return None
        if doc_id not in self._texts:
            self._texts[doc_id] = self._source.text(doc_id)
        return self._texts[doc_id]

    def doc_digest(self, doc_id: str) -> str | None:
        """The source's digest of a document this page shows (its rows and text), which keys
        its view (`sections.record_key`); None for others, or when the source keeps none."""
        digest = getattr(self._source, "doc_digest", None)
        return digest(doc_id) if digest is not None and doc_id in self._doc_set else None

    def shown_elsewhere(self, doc_id: str) -> str:
        """Where the site shows a document this page names but does not show (a linking note
        naming a document of another part or project), for its unlinked id's title."""
        if doc_id in self._doc_set or self._where is None:
            return ""
        return self._where(doc_id, self._pids)

    def static_digest(self) -> str:
        """A hash of the page's rows and texts: everything it is made of but its findings.
        From the digests the source keeps of each document's rows and text when it has them
        (a run's store: `StoreSource.doc_digest`), else from the rows and texts themselves."""
        shown = self._shown()
        if shown is not None:
            source = self._source
            data = [self._docs, self._projects, self._coverage, sorted(source.fact_counts()),
                    {p: source.project_tables(p) for p in self._pids}, shown]
            blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
            return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()
        doc_facts, project_facts, project_tables, counts = self._load()
        data = [self._docs, self._projects, self._coverage, counts, doc_facts, project_facts,
                project_tables]
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        h = hashlib.sha256(blob.encode("utf-8", "replace"))
        for d in self._doc_ids:
            text = self.text(d)
            raw = b"" if text is None else text.encode("utf-8", "replace")
            h.update(b"-:" if text is None else b"%d:" % len(raw))
            h.update(raw)
        return h.hexdigest()

    def _shown(self) -> list[object] | None:
        """Which documents' rows the page shows (on its own and as its projects' facts) and the
        source's digest of each, rows and text; None when the source keeps no such digests.
        The page's facts, fact counts and texts are functions of these."""
        digest_of = getattr(self._source, "doc_digest", None)
        docs_of = getattr(self._source, "project_docs", None)
        if digest_of is None or docs_of is None:
            return None
        project_docs = {p: docs_of(p) for p in self._pids}
        if any(docs is None for docs in project_docs.values()):
            return None
        digests = {}
        for d in [*self._doc_ids, *(d for docs in project_docs.values() for d in docs)]:
            if d not in digests:
                digests[d] = digest_of(d)
                if digests[d] is None:
                    return None
        return [self._doc_ids, project_docs, digests]

    def digest(self, title: str, generated: str, static: str) -> str:
        """A hash of everything the page is made of (`static`: `static_digest()`, or the
        memo's): same digest, same bytes."""
        data = [_code_version(), title, generated, static, self._findings] + (
            [self.lead] if self.lead else [])  # a part's panel names the other parts' documents
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8", "replace")).hexdigest()


def _pages(source: ReportSource) -> Iterator[tuple[str, list[str], list[Row], list[Row],
                                                   list[Row]]]:
    """(page path, project ids, documents, projects rows, coverage rows) for every page."""
    docs_of: dict[str, list[Row]] = defaultdict(list)
    for d in source.documents():
        docs_of[d.get("project_id", "")].append(d)
    coverage: dict[str, list[Row]] = defaultdict(list)
    for r in source.coverage():
        coverage[r.get("project_id", "")].append(r)
    seen: set[str] = set()
    for p in source.projects():
        pid = p.get("project_id", "")
        if not pid or pid in seen:
            continue
        seen.add(pid)
        yield (f"projects/{page_name('', pid)}", [pid], docs_of.pop(pid, []), [p],
               coverage.get(pid, []))
    for pid in sorted(k for k in docs_of if k):  # named by documents, missing in projects.csv
        yield f"projects/{page_name('', pid)}", [pid], docs_of.pop(pid), [], coverage.get(pid, [])
    for i, batch in enumerate(batches(docs_of.pop("", []), BATCH)):  # and a byte budget
        yield f"documents/batch-{i + 1:04d}.html", [], batch, [], []


def _place(path: Path, previous: Path | None, rel: str) -> bool:
    """Copy (or hard-link) the previous run's page into place; False when there is none."""
    if previous is None or not (previous / rel).is_file():
        return False
    path.unlink(missing_ok=True)  # placed by a worker that failed before it said so
    try:
        os.link(previous / rel, path)
    except OSError:
        shutil.copyfile(previous / rel, path)
    return True


def write_site(
    folder: Path,
    source: ReportSource,
    *,
    title: str = DEFAULT_TITLE,
    generated: str = "",
    previous: Path | None = None,
    memo: PageMemo | None = None,
    workers: int = 0,
    reopen: Callable[[], ReportSource] | None = None,
) -> dict[str, int]:
    """Write the site into `folder` (created; normally inside the run's staging folder, swapped
    in with the other outputs). `previous` is the last run's site, whose unchanged pages are
    copied; `memo` knows which pages' rows and texts did not change. With `workers` >= 2 and
    `reopen` (which gives another process its own copy of `source`), the pages are rendered in
    that many processes (site_pool.py); the bytes are the same. Returns {"rendered": n,
    "reused": n}."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "projects").mkdir(exist_ok=True)
    (folder / "documents").mkdir(exist_ok=True)
    old: dict[str, str] = {}
    if previous is not None:
        try:
            old = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))["pages"]
        except (OSError, ValueError, KeyError, TypeError):
            old = {}
    rows = _ReadOnce(source)
    laid_out = list(in_parts(_pages(rows)))  # rows only: texts and facts come later
    jobs = [PageJob(n, page, part,
                    memo.known(page[0], _doc_ids(page[2])) if memo is not None else None,
                    old.get(page[0])) for n, (page, part) in enumerate(laid_out)]
    renderer = _Renderer(folder, title, generated, previous, _Whereabouts(laid_out),
                         memo.records() if memo is not None and previous is not None else None)

    def index(settled: dict[int, PageDone], todo: list[PageJob]) -> None:
        """The index (and the assets), written while the page workers render `todo`: the
        rules of those pages' findings are worked out here (findings only, no facts)."""
        site_map = SiteMap()
        for job in jobs:
            (rel, pids, docs, prow, _), part = job.page, job.part
            got = settled.get(job.n)
            rules = got.rules if got is not None else renderer.rules(source, job)
            site_map.add(rel, pids, docs, prow, rules, part=bool(part and part.k))
        write_assets(folder / "assets")
        with (folder / "index.html").open("w", encoding="utf-8", newline="\n") as fh:
            for piece in index_page(rows, title, generated, site_map):
                fh.write(piece.encode("utf-8", "replace").decode("utf-8"))

    pages: dict[str, str] = {}
    stats = {"rendered": 0, "reused": 0}
    for job, done in zip(jobs, settle_pages(renderer, source, jobs, workers, reopen,
                                            meanwhile=index), strict=True):
        (rel, _, docs, _, _) = job.page
        pages[rel] = done.digest
        stats["rendered" if done.rendered else "reused"] += 1
        if memo is not None:
            memo.keep(rel, _doc_ids(docs), done.static, done.records if done.rendered else None)
    manifest = {"code": _code_version(), "pages": dict(sorted(pages.items()))}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return stats


class _ReadOnce:
    """The source with its documents, projects and coverage rows read once and kept, for the
    pages' layout and then the index (which reads documents.csv several times): a run's store
    parses a CSV each time, and the layout holds these rows until the index is written."""

    def __init__(self, source: ReportSource) -> None:
        self._source = source
        self._kept: dict[str, list[Row]] = {}

    def _rows(self, name: str) -> list[Row]:
        if name not in self._kept:
            self._kept[name] = list(getattr(self._source, name)())
        return self._kept[name]

    def documents(self) -> list[Row]:
        return self._rows("documents")

    def projects(self) -> list[Row]:
        return self._rows("projects")

    def coverage(self) -> list[Row]:
        return self._rows("coverage")

    def __getattr__(self, name: str) -> Any:  # the rest as the source has it
        return getattr(self._source, name)


def _doc_ids(docs: list[Row]) -> list[str]:
    return [d.get("doc_id", "") for d in docs]


@dataclass(frozen=True)
class _Renderer:
    """What every page needs besides its own inputs: plain data, so that a worker process
    (site_pool.py) can be handed it and render pages over its own copy of the source."""

    folder: Path
    title: str
    generated: str
    previous: Path | None
    where: _Whereabouts
    # where the previous run's pages hold each document's view (PageMemo.records)
    old_records: Callable[[str], bytes | None] | None = None

    def settle(self, source: ReportSource, job: PageJob) -> PageDone:
        """The page copied from the previous run when its digest did not change, else
        rendered."""
        done = self._settle(source, job, render=True)
        assert done is not None
        return done

    def reuse(self, source: ReportSource, job: PageJob) -> PageDone | None:
        """The page copied when the memo knows its static digest and its digest did not
        change (cheap: its findings are read, no facts or texts); None otherwise."""
        return self._settle(source, job, render=False) if job.static is not None else None

    def rules(self, source: ReportSource, job: PageJob) -> tuple[str, ...]:
        """The rule of each of the page's findings, as settling it gives them (`PageDone`)."""
        return _rules(self._subset(source, job))

    def _subset(self, source: ReportSource, job: PageJob) -> _Subset:
        (_, pids, docs, prow, cov), part = job.page, job.part
        return _Subset(part.source(source) if part else source, docs, prow, cov, pids,
                       part.lead if part else "", self.where.of)

    def _settle(self, source: ReportSource, job: PageJob, render: bool) -> PageDone | None:
        rel = job.page[0]
        sub = self._subset(source, job)
        static = job.static if job.static is not None else sub.static_digest()
        digest = sub.digest(self.title, self.generated, static)
        rules = _rules(sub)
        path = self.folder / rel
        if job.old == digest and _place(path, self.previous, rel):
            return PageDone(job.n, digest, static, False, rules)
        if not render:
            return None
        reuse = self._reuse(rel) if job.old is not None else None
        path.unlink(missing_ok=True)  # a page a failed worker began, maybe a link to `previous`
        with path.open("wb") as fh:
            size, placed = write_page_bytes(fh, sub, self.title, self.generated,
                                            back="../index.html", assets="../assets/",
                                            lead=sub.lead, reuse=reuse)
        records = json.dumps([_code_version(), size, placed]).encode()
        return PageDone(job.n, digest, static, True, rules, records)

    def _reuse(self, rel: str) -> RecordReuse | None:
        """The document views of the previous run's page `rel` (it is rendered again because
        something on it changed, most of its documents' views often not): each taken as it
        was when its key is the same (`sections.record_key`). None when the previous page is
        not as that run wrote it (another size) or was written by other report code."""
        blob = self.old_records(rel) if self.old_records is not None else None
        if blob is None or self.previous is None:
            return None
        try:
            code, size, placed = json.loads(blob)
            old = (self.previous / rel).read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        if code != _code_version() or len(old) != size:
            return None

        def reuse(doc_id: str, key: str) -> tuple[str, int | None] | None:
            got = placed.get(doc_id)
            if got is None or got[0] != key:
                return None
            view = old[got[1]:got[2]]
            if not (view.startswith(b'{"a":') and view.endswith(b"}")):
                return None  # not a view where it was: the page was edited since
            try:
                return view.decode("utf-8"), got[3]
            except UnicodeDecodeError:
                return None

        return reuse


def _rules(sub: _Subset) -> tuple[str, ...]:
    return tuple(f.get("rule", "") for f in sub.findings())


class _Whereabouts:
    """Which page of the site shows each document, so that a page naming a document it does
    not show (a linking note, on part 1 of a project cut into parts or about another project)
    says where it is instead of leaving a bare id."""

    def __init__(self, laid_out: list[tuple[Page, Part | None]]) -> None:
        self._at: dict[str, tuple[str, int]] = {}  # doc_id -> (its page's project or "", part)
        for (_, pids, docs, _, _), part in laid_out:
            for d in docs:
                self._at.setdefault(d.get("doc_id", ""),
                                    (pids[0] if pids else "", part.k if part else 0))

    def of(self, doc_id: str, page_pids: list[str]) -> str:
        """Where `doc_id` is shown, for a page of `page_pids`; "" when on no page."""
        at = self._at.get(doc_id)
        if at is None:
            return ""
        pid, k = at
        if pid and pid in page_pids:
            return f"on part {k + 1} of this project's page (see its list of documents by part)"
        return "on another page of this report (the index lists every document)"
