"""The report site's pages rendered in worker processes (issue 14: the whole-archive stages ran
in one process while the other cores idled, and the site's pages were half of their time).

Each page is a pure function of its inputs (site.py), so pages can be rendered in any order by
any process that reads the same source. `settle_pages` hands them out in chunks to `workers`
processes, each of which opens its own copy of the source with `reopen()` (for a run,
`StoreSource.reader()`: the run store read-only, the staged texts) and writes its pages into
the site's folder itself. The parent gets back, per page, its digests and the rules of its
findings (what the index's map needs) and does everything else in page order, so the site, its
manifest and the memo are byte for byte those of an in-process run.

A worker is a fresh interpreter (`python -c "...serve()"`) fed pickles through a pipe, not a
`multiprocessing` child. Not forked: by then the parent holds the whole-archive stages' state
(~450 MB at 20,000 documents); a forked child's page tables map all of it, so every RSS figure
of the process tree counts it once more per child (the benchmark's peak RSS would double), the
children copy pages as reference counts move, and an SQLite connection must not cross a fork.
Not `multiprocessing`'s spawn either: it imports the parent's main module again in each child,
and a script that calls `pipeline.cli.main()` without a main guard would start a second run in
each. A worker imports the report code and the store only (~0.1 s) and holds one chunk of pages
at a time.

Not worth it for a few pages: the pool starts only when the pages left to render weigh
`POOL_MIN_BYTES` (estimated from documents.csv, `site_parts.doc_cost`); before that, the parent
settles the pages whose static digest the memo knows and whose digest did not change (a hard
link each), so a rerun sends only the pages that may have changed.

A worker that fails (an exception, a crash that breaks the pool, a source it cannot open) costs
no page: the pages not returned are rendered in this process, with a warning on stderr.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
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
    """The jobs settled by `workers` worker processes, one thread here feeding each a chunk at a
    time (costliest first); what a failed worker left is missing from the result."""
    queue = chunks(jobs, workers)
    lock = threading.Lock()
    done: dict[int, PageDone] = {}
    errors: list[str] = []
    procs: list[_Worker] = []

    def feed() -> None:
        worker = None
        try:
            worker = _Worker(settler, reopen)
            procs.append(worker)
            while True:
                with lock:
                    if not queue:
                        return
                    run = queue.pop(0)
                done.update((d.n, d) for d in worker.settle(run))
        except Exception as exc:  # it could not start, failed or died: the others go on
            errors.append(" ".join(str(exc).split()) or type(exc).__name__)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=feed, daemon=True) for _ in range(workers)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    except BaseException:  # Ctrl-C: no worker outlives the run
        for w in procs:
            w.proc.kill()
        raise
    if errors:
        left = len(jobs) - len(done)
        print(f"pipeline: warning: report: a page worker failed ({errors[0]}); the {left} "
              f"page{'' if left == 1 else 's'} left are rendered in the main process",
              file=sys.stderr)
    return done


class _Worker:
    """A worker process: a fresh interpreter running `serve`, fed pickles on its stdin, which
    answers each chunk of pages on its stdout. Not `multiprocessing`: its spawn method imports
    the parent's main module again in each worker (a script without a main guard would start
    a second run), and its fork method is ruled out above."""

    def __init__(self, settler: Settler, reopen: Callable[[], ReportSource]) -> None:
        # this process's import path, exactly: `-c` would put the working directory first,
        # where another checkout of the package may be
        code = (f"import sys; sys.path[:] = {sys.path!r}; "
                "from pipeline.report.site_pool import serve; serve()")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._to, self._from = self.proc.stdin, self.proc.stdout
        try:
            self._send((settler, reopen))
        except BrokenPipeError:
            pass  # it died at once: `settle` says why
        except BaseException:  # e.g. what it was to be handed cannot be pickled
            self.proc.kill()
            self.close()
            raise

    def _send(self, value: object) -> None:
        pickle.dump(value, self._to, protocol=pickle.HIGHEST_PROTOCOL)
        self._to.flush()

    def settle(self, run: list[PageJob]) -> list[PageDone]:
        with contextlib.suppress(BrokenPipeError):  # it died: its last words, if any, say why
            self._send(run)
        try:
            ok, value = pickle.load(self._from)
        except EOFError:
            raise RuntimeError(f"exited with status {self.proc.wait()}") from None
        if not ok:
            raise RuntimeError(value)
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._to.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._from.close()


def serve() -> None:
    """A worker's loop: (settler, reopen) from stdin, then chunks of jobs, each answered on
    stdout with (True, [PageDone...]) or (False, what went wrong)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the answers
    inp = sys.stdin.buffer

    def answer(ok: bool, value: object) -> None:
        pickle.dump((ok, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        settler, reopen = pickle.load(inp)
        source = reopen()
    except Exception as exc:
        answer(False, f"cannot open the report's source: {type(exc).__name__}: {exc}")
        return
    while True:
        try:
            run = pickle.load(inp)
        except EOFError:
            return
        try:
            answer(True, [settler.settle(source, job) for job in run])
        except Exception as exc:
            answer(False, f"{type(exc).__name__}: {exc}")
