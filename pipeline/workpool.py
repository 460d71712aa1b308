"""Work of the whole-archive stages spread over worker processes (issue 14: those stages ran in
one process while the other cores idled).

Two stages use it: the projects (`stages.projects`: each project's documents merged and
validated) and the report site's pages (`report.site_pool`). Each hands out chunks of jobs; a
worker turns each job into an answer with a handler it built once from a `setup` (typically: open
the run store read-only, then answer jobs from it). The caller gets back each chunk's answers as
they come and does everything order-dependent itself, so the outputs are those of one process.

A worker is a fresh interpreter (`python -c "...serve()"`) fed pickles through a pipe, not a
`multiprocessing` child. Not forked: by then the parent holds the whole-archive stages' state
(~450 MB at 20,000 documents); a forked child's page tables map all of it, so every RSS figure of
the process tree counts it once more per child (the benchmark's peak RSS would double), the
children copy pages as reference counts move, and an SQLite connection must not cross a fork.
Not `multiprocessing`'s spawn either: it imports the parent's main module again in each child,
and a script that calls `pipeline.cli.main()` without a main guard would start a second run in
each. A worker imports only what its setup needs and holds one chunk at a time.

A worker that fails (an exception, a crash, a setup it cannot run) costs no job: its chunk and
those no worker took are reported as not answered, and the caller does them in its own process.

A `Crew` starts workers ahead of the stages that use them: a worker's start-up (an interpreter,
the imports, what its first jobs load) then overlaps the parent's own work, on a core that would
idle, instead of delaying the stage. A `Spread` given the crew borrows its workers, hands each
the stage's setup (a worker takes a new setup between chunks) and gives them back afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pipeline.gctune import collect_less

# What a worker is handed once: called there, it returns the handler of one job.
Setup = Callable[[], Callable[[Any], Any]]


class Spread:
    """`chunks` of jobs handed out to `workers` processes, in the order given (a worker takes
    the next chunk when it is done with one). Iterating gives (chunk number, answers in job
    order) as they come back; afterwards `missing` lists the chunks no worker answered (one
    failed, or the caller did them: `in_order`) and `errors` says why a worker failed.
    `in_order` instead has the calling process take chunks too and gives every chunk's answers
    in chunk order."""

    def __init__(self, setup: Setup, chunks: Sequence[list[Any]], workers: int,
                 crew: Crew | None = None) -> None:
        self.setup = setup
        self.crew = crew  # workers started already, borrowed instead of starting new ones
        self.chunks = chunks
        self.workers = max(1, min(workers, len(chunks)))
        self.errors: list[str] = []
        self.missing: list[int] = []
        self._next = 0  # the first chunk no one has taken
        self._live = 0  # workers not ended yet (while running)
        self._lock = threading.Lock()

    def take(self) -> int | None:
        """The next chunk no one has taken (None: all are, or the caller stopped), now the
        taker's."""
        with self._lock:
            if self._next >= len(self.chunks):
                return None
            self._next += 1
            return self._next - 1

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        return self.answers()

    def answers(self, meanwhile: Callable[[], None] | None = None
                ) -> Iterator[tuple[int, list[Any]]]:
        """As iterating; `meanwhile()` is called once the workers are being started, before
        any answer is waited for: work of the caller's own, done while they work."""
        with self._running() as answers:
            if meanwhile is not None:
                meanwhile()
            running = self.workers
            while running:
                got = answers.get()
                if got is None:
                    running -= 1
                else:
                    yield got

    def in_order(self, local: Callable[[list[Any]], list[Any]]) -> Iterator[list[Any]]:
        """Each chunk's answers, in chunk order. While the next chunk's answers are not back,
        this process does the next chunk no one has taken with `local` (so it works alongside
        the workers instead of waiting); chunks a failed worker took are done with `local`."""
        got: dict[int, list[Any]] = {}
        with self._running() as answers:
            running = self.workers
            for k in range(len(self.chunks)):
                while k not in got:
                    if not running:  # k was a failed worker's
                        got[k] = local(self.chunks[k])
                        break
                    try:  # what came back meanwhile
                        item = answers.get_nowait()
                    except queue.Empty:
                        mine = self.take()
                        if mine is not None:
                            got[mine] = local(self.chunks[mine])
                            continue
                        item = answers.get()  # all taken: wait for a worker
                    if item is None:
                        running -= 1
                    else:
                        got[item[0]] = item[1]
                yield got.pop(k)

    @contextlib.contextmanager
    def _running(self) -> Iterator[queue.Queue[tuple[int, list[Any]] | None]]:
        """The workers started, each fed by a thread of this process; their answers come on
        the queue (None: a worker ended). On the way out, workers still running are killed
        (the caller stopped: Ctrl-C) and `missing` is set."""
        answers: queue.Queue[tuple[int, list[Any]] | None] = queue.Queue()
        procs: list[_Worker] = []
        answered: set[int] = set()
        self._live = self.workers

        def feed() -> None:
            worker = None
            healthy = False
            try:
                worker = self.crew.borrow(self.setup) if self.crew else _Worker(self.setup)
                with self._lock:
                    procs.append(worker)
                    if self._next > len(self.chunks):  # stopped while it started
                        worker.proc.kill()
                while (k := self.take()) is not None:
                    done = worker.run(self.chunks[k])
                    answered.add(k)
                    answers.put((k, done))
                healthy = True
            except Exception as exc:  # it could not start, failed or died: the others go on
                self.errors.append(" ".join(str(exc).split()) or type(exc).__name__)
            finally:
                try:
                    if worker is not None:
                        if healthy and self.crew is not None:
                            self.crew.give_back(worker)
                        else:
                            worker.close()
                finally:
                    with self._lock:
                        self._live -= 1
                    answers.put(None)

        threads = [threading.Thread(target=feed, daemon=True) for _ in range(self.workers)]
        try:
            for t in threads:
                t.start()
            yield answers
        finally:
            with self._lock:
                if self._live:  # stopped early: no chunk handed out any more, no worker left
                    self._next = len(self.chunks) + 1
                    for w in procs:
                        w.proc.kill()
            self.missing = [k for k in range(len(self.chunks)) if k not in answered]


def chunked(jobs: Sequence[Any], cost: Callable[[Any], int], parts: int) -> list[list[Any]]:
    """Runs of consecutive jobs of about an equal total cost, about `parts` of them (a job
    costlier than the target is a run of its own)."""
    target = max(1, sum(cost(job) for job in jobs) // max(1, parts))
    out: list[list[Any]] = []
    total = 0
    for job in jobs:
        if not out or total >= target:
            out.append([])
            total = 0
        out[-1].append(job)
        total += cost(job)
    return out


class Crew:
    """`workers` worker processes started now, each running `warm` (a setup whose handler is
    never used: it loads what the coming stages' jobs will need), to be borrowed by the
    `Spread`s given the crew. A worker that failed is not given back; a stage that needs more
    workers than are idle starts its own (given back too). `close` ends them all."""

    def __init__(self, workers: int, warm: Setup) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(workers):
            try:
                self._idle.append(_Worker(warm))
            except Exception:  # cannot start one (or pickle `warm`): the stages start theirs
                break

    def borrow(self, setup: Setup) -> _Worker:
        """An idle worker switched to `setup` (or a new one started with it)."""
        with self._lock:
            worker = self._idle.pop(0) if self._idle else None
        if worker is None:
            return _Worker(setup)
        try:
            worker.send_setup(setup)
        except BaseException:
            worker.proc.kill()
            worker.close()
            raise
        return worker

    def give_back(self, worker: _Worker) -> None:
        if worker.proc.poll() is not None:  # it ended meanwhile (killed: the caller stopped)
            worker.close()
            return
        with self._lock:
            self._idle.append(worker)

    def close(self) -> None:
        """End the idle workers: killed, as they hold nothing (one may still be warming up,
        which a closed pipe would only stop once done)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.proc.kill()
            worker.close()

    def __enter__(self) -> Crew:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Worker:
    """A worker process: a fresh interpreter running `serve`, fed pickles on its stdin, which
    answers each chunk on its stdout."""

    def __init__(self, setup: Setup) -> None:
        # this process's import path, exactly: `-c` would put the working directory first,
        # where another checkout of the package may be
        code = (f"import sys; sys.path[:] = {sys.path!r}; "
                "from pipeline.workpool import serve; serve()")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._to, self._from = self.proc.stdin, self.proc.stdout
        try:
            self._send(setup)
        except BrokenPipeError:
            pass  # it died at once: `run` says why
        except BaseException:  # e.g. the setup cannot be pickled
            self.proc.kill()
            self.close()
            raise

    def send_setup(self, setup: Setup) -> None:
        """A new setup: the worker's jobs from now on are answered by its handler."""
        with contextlib.suppress(BrokenPipeError):  # it died: `run` says why
            self._send(setup)

    def _send(self, value: object) -> None:
        pickle.dump(value, self._to, protocol=pickle.HIGHEST_PROTOCOL)
        self._to.flush()

    def run(self, chunk: list[Any]) -> list[Any]:
        with contextlib.suppress(BrokenPipeError):  # it died: its last words, if any, say why
            self._send(chunk)
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
    """A worker's loop: a setup from stdin, then chunks of jobs (lists), each answered on
    stdout with (True, [answer...]) or (False, what went wrong); anything else that comes is
    a new setup, whose handler answers the chunks after it. A setup that fails is answered
    (False, why) and the worker ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    collect_less()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the answers
    inp = sys.stdin.buffer

    def answer(ok: bool, value: object) -> None:
        pickle.dump((ok, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    handle: Callable[[Any], Any] | None = None
    fresh = False  # no chunk done since the last setup
    while True:
        try:
            message = pickle.load(inp)
        except EOFError:
            return
        except Exception as exc:
            answer(False, f"cannot read what was sent: {type(exc).__name__}: {exc}")
            return
        if handle is None or not isinstance(message, list):
            try:
                handle = message()
            except Exception as exc:
                answer(False, f"cannot set up: {type(exc).__name__}: {exc}")
                return
            # What is loaded by now, and after the first chunk (which loads the gazetteer and
            # the patterns), lives as long as the worker: frozen, no later collection need
            # walk it (twice per setup only: garbage frozen stays, bounded)
            gc.freeze()
            fresh = True
            continue
        try:
            answer(True, [handle(job) for job in message])
        except Exception as exc:
            answer(False, f"{type(exc).__name__}: {exc}")
        if fresh:
            gc.freeze()
            fresh = False
