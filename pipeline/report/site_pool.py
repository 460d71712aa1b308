"""The report site's pages rendered in worker processes (issue 14: the whole-archive stages ran
in one process while the other cores idled, and the site's pages were half of their time).

Each page is a pure function of its inputs (site.py), so pages can be rendered in any order by
any process that reads the same source. `settle_pages` hands them out in chunks to `workers`
processes, each of which opens its own copy of the source with `reopen()` (for a run,
`StoreSource.reader()`: the run store read-only, the staged texts) and writes its pages into
the site's folder itself. The parent gets back, per page, its digests and the rules of its
findings (what the index's map needs) and does everything else in page order, so the site, its
manifest and the memo are byte for byte those of an in-process run.

The processes are `pipeline.workpool`'s (fresh interpreters fed pickles, not forked: see
there); a page worker imports the report code and the store only (~0.1 s).

Not worth it for a few pages: the pool starts only when the pages left to render weigh
`POOL_MIN_BYTES` (estimated from documents.csv, `site_parts.doc_cost`); before that, the parent
settles the pages whose static digest the memo knows and whose digest did not change (a hard
link each), so a rerun sends only the pages that may have changed.

A worker that fails (an exception, a crash that breaks the pool, a source it cannot open) costs
no page: the pages not returned are rendered in this process, with a warning on stderr.
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from pipeline.report.site_parts import Page, Part, doc_cost
from pipeline.report.source import ReportSource
from pipeline.workpool import Spread, chunked

# Estimated page bytes (site_parts.doc_cost) below which the pages are rendered in this
# process: a spawned worker costs ~0.3 s of start-up (an interpreter, the report code), and
# pages render at roughly 20 MB/s (248 MB of site in ~13 s at 20,000 documents).
POOL_MIN_BYTES = 16_000_000
CHUNKS_PER_WORKER = 12  # chunks a worker gets on average: big ones first, small ones fill in


@dataclass(frozen=True)
class PageJob:
    """One page to settle: its number in the site, what it shows (`part`: which part of a
    project's page, site_parts.py), the static digest the memo knows of it (None: to compute)
    and the previous run's digest of it (None: no previous page)."""

    n: int
    page: Page
    part: Part | None
    static: str | None
    old: str | None

    @property
    def cost(self) -> int:
        """The page's estimated bytes (its documents'); at least 1."""
        return max(1, sum(doc_cost(d) for d in self.page[2]))


@dataclass(frozen=True)
class PageDone:
    """A settled page: its digest, its static digest (for the memo), whether it was rendered
    (else the previous run's copy was placed), the rule of each of its findings and, when
    rendered, where it holds each document's view (for the memo: the next run's `_Renderer`
    takes the unchanged ones from it)."""

    n: int
    digest: str
    static: str
    rendered: bool
    rules: tuple[str, ...]
    records: bytes | None = None


# What the caller does while the workers render: (pages settled, pages to render) -> None.
Meanwhile = Callable[[dict[int, PageDone], list[PageJob]], None]


class Settler(Protocol):
    """What renders pages (`site._Renderer`): plain data, so a worker can be handed it."""

    def settle(self, source: ReportSource, job: PageJob) -> PageDone:
        """The page placed from the previous run when unchanged, else rendered."""
        ...

    def reuse(self, source: ReportSource, job: PageJob) -> PageDone | None:
        """The page placed when the memo knows it and it is unchanged; None otherwise."""
        ...


def settle_pages(settler: Settler, source: ReportSource, jobs: list[PageJob], workers: int = 0,
                 reopen: Callable[[], ReportSource] | None = None,
                 meanwhile: Meanwhile | None = None) -> list[PageDone]:
    """Every job settled, in job order. With `workers` >= 2 and a `reopen` that gives a worker
    process its own source, the pages to render are spread over that many processes when they
    are worth it; otherwise (and for anything a worker did not return) in this process.
    `meanwhile(settled, todo)` is called once, while the workers render `todo` (the pages
    not settled yet; `settled`: the others), or else after every page is."""
    done: dict[int, PageDone] = {}
    todo: list[PageJob] = []
    if workers < 2 or reopen is None:
        done = {job.n: settler.settle(source, job) for job in jobs}
    else:
        for job in jobs:
            got = settler.reuse(source, job) if job.static is not None else None
            if got is None:
                todo.append(job)
            else:
                done[got.n] = got
    pooled = bool(todo) and sum(job.cost for job in todo) >= POOL_MIN_BYTES
    if pooled and reopen is not None:
        settled = dict(done)
        now = functools.partial(meanwhile, settled, todo) if meanwhile is not None else None
        done.update(_in_pool(settler, reopen, todo, workers, now))  # calls `now` once
    for job in todo:
        if job.n not in done:
            done[job.n] = settler.settle(source, job)
    if not pooled and meanwhile is not None:
        meanwhile(done, [])
    return [done[job.n] for job in jobs]


def chunks(jobs: list[PageJob], workers: int) -> list[list[PageJob]]:
    """Runs of consecutive jobs of about an equal estimated cost, the costliest first (a big
    project's parts are single chunks; what is left at the end is small, so the workers end
    together)."""
    out = chunked(jobs, lambda job: job.cost, workers * CHUNKS_PER_WORKER)
    return sorted(out, key=lambda run: -sum(job.cost for job in run))


@dataclass(frozen=True)
class _Setup:
    """What a page worker is handed: it opens its own source and settles jobs from it."""

    settler: Settler
    reopen: Callable[[], ReportSource]

    def __call__(self) -> Callable[[PageJob], PageDone]:
        return functools.partial(self.settler.settle, self.reopen())


def _in_pool(settler: Settler, reopen: Callable[[], ReportSource], jobs: list[PageJob],
             workers: int, meanwhile: Callable[[], None] | None = None
             ) -> dict[int, PageDone]:
    """The jobs settled by `workers` worker processes, a chunk at a time (costliest first),
    `meanwhile()` done here once they are started; what a failed worker left is missing from
    the result."""
    spread = Spread(_Setup(settler, reopen), chunks(jobs, workers), workers)
    done: dict[int, PageDone] = {}
    for _, answers in spread.answers(meanwhile):
        done.update((d.n, d) for d in answers)
    if spread.errors:
        left = len(jobs) - len(done)
        print(f"pipeline: warning: report: a page worker failed ({spread.errors[0]}); the "
              f"{left} page{'' if left == 1 else 's'} left are rendered in the main process",
              file=sys.stderr)
    return done
