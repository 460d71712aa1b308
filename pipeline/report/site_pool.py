"""The report site's pages rendered in worker processes (issue 14: the whole-archive stages ran
in one process while the other cores idled, and the site's pages were half of their time).

Each page is a pure function of its inputs (site.py), so pages can be rendered in any order by
any process that reads the same source. `settle_pages` hands them out in chunks to `workers`
processes, each of which opens its own copy of the source with `reopen()` (for a run,
`StoreSource.reader()`: the run store read-only, the staged texts) and writes its pages into
the site's folder itself. The parent gets back, per page, its digests and the rules of its
findings (what the index's map needs) and does everything else in page order, so the site, its
manifest and the memo are byte for byte those of an in-process run.

Why spawn, not fork: by then the parent holds the whole-archive stages' state (~450 MB at
20,000 documents). A forked child's page tables map all of it, so every RSS figure of the
process tree counts it once more per child (the benchmark's peak RSS would double), the
children copy pages as reference counts move, and an SQLite connection must not cross a fork.
A spawned child imports the report code and the store and holds one chunk of pages at a time.

Not worth it for a few pages: the pool starts only when the pages left to render weigh
`POOL_MIN_BYTES` (estimated from documents.csv, `site_parts.doc_cost`); before that, the parent
settles the pages whose static digest the memo knows and whose digest did not change (a hard
link each), so a rerun sends only the pages that may have changed.

A worker that fails (an exception, a crash that breaks the pool, a source it cannot open) costs
no page: the pages not returned are rendered in this process, with a warning on stderr.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Protocol

from pipeline.report.site_parts import Page, Part, doc_cost
from pipeline.report.source import ReportSource

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
    (else the previous run's copy was placed) and the rule of each of its findings."""

    n: int
    digest: str
    static: str
    rendered: bool
    rules: tuple[str, ...]


class Settler(Protocol):
    """What renders pages (`site._Renderer`): plain data, so a worker can be handed it."""

    def settle(self, source: ReportSource, job: PageJob) -> PageDone:
        """The page placed from the previous run when unchanged, else rendered."""
        ...

    def reuse(self, source: ReportSource, job: PageJob) -> PageDone | None:
        """The page placed when the memo knows it and it is unchanged; None otherwise."""
        ...


def settle_pages(settler: Settler, source: ReportSource, jobs: list[PageJob], workers: int = 0,
                 reopen: Callable[[], ReportSource] | None = None) -> list[PageDone]:
    """Every job settled, in job order. With `workers` >= 2 and a `reopen` that gives a worker
    process its own source, the pages to render are spread over that many processes when they
    are worth it; otherwise (and for anything a worker did not return) in this process."""
    if workers < 2 or reopen is None:
        return [settler.settle(source, job) for job in jobs]
    done: dict[int, PageDone] = {}
    todo: list[PageJob] = []
    for job in jobs:
        got = settler.reuse(source, job) if job.static is not None else None
        if got is None:
            todo.append(job)
        else:
            done[got.n] = got
    if sum(job.cost for job in todo) >= POOL_MIN_BYTES:
        done.update(_in_pool(settler, reopen, todo, workers))
    for job in todo:
        if job.n not in done:
            done[job.n] = settler.settle(source, job)
    return [done[job.n] for job in jobs]


def chunks(jobs: list[PageJob], workers: int) -> list[list[PageJob]]:
    """Runs of consecutive jobs of about an equal estimated cost, the costliest first (a big
    project's parts are single chunks; what is left at the end is small, so the workers end
    together)."""
    target = max(1, sum(job.cost for job in jobs) // (workers * CHUNKS_PER_WORKER))
    out: list[list[PageJob]] = []
    cost = 0
    for job in jobs:
        if not out or cost >= target:
            out.append([])
            cost = 0
        out[-1].append(job)
        cost += job.cost
    return sorted(out, key=lambda run: -sum(job.cost for job in run))


def _in_pool(settler: Settler, reopen: Callable[[], ReportSource], jobs: list[PageJob],
             workers: int) -> dict[int, PageDone]:
    """The jobs settled by `workers` spawned processes; what a failure left out is missing."""
    done: dict[int, PageDone] = {}
    pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                               initializer=_start, initargs=(settler, reopen))
    futures: list[Future[list[PageDone]]] = []
    try:
        futures = [pool.submit(_settle_chunk, run) for run in chunks(jobs, workers)]
        for future in as_completed(futures):
            done.update((d.n, d) for d in future.result())
    except Exception as exc:  # a worker's error, or a broken pool: this process does the rest
        pool.shutdown(wait=True, cancel_futures=True)
        for future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                done.update((d.n, d) for d in future.result())
        reason = " ".join(str(exc).split()) or type(exc).__name__
        left = len(jobs) - len(done)
        print(f"pipeline: warning: report: a page worker failed ({reason}); the {left} "
              f"page{'' if left == 1 else 's'} left are rendered in the main process",
              file=sys.stderr)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return done


# In a worker: what renders, and its own source (set by `_start`).
_worker: tuple[Settler, ReportSource] | None = None


def _start(settler: Settler, reopen: Callable[[], ReportSource]) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (settler, reopen())


def _settle_chunk(jobs: list[PageJob]) -> list[PageDone]:
    assert _worker is not None, "the worker was not started"
    settler, source = _worker
    return [settler.settle(source, job) for job in jobs]
