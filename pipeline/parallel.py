"""Worker processes that can be killed: the per-document time limit and crash isolation.

A thread cannot be stopped and a `ProcessPoolExecutor` breaks as a whole when one worker dies,
so the pool here is small and explicit: each worker is a process with its own pipe and does one
document at a time. The parent waits on all pipes at once; a worker that passes the time limit
is killed and replaced, a worker that dies (out of memory, a crash in a C library) is replaced,
and in both cases only that document is recorded as failed (the documents queued behind it go
to the new worker).

A worker is handed its next document before it has answered for the one it is doing, when that
next one is small (`QUEUE_MAX_BYTES`): otherwise it would wait, idle, for the parent to take
its answer, store it and pick the next file, which is a good part of a core's time on a
machine whose workers and parent share two cores. A document waits behind a busy worker only
when no worker is idle, and only a small one: well under the connection's send buffer, so the
parent's write never blocks on a worker that is itself writing its answer (where the buffer
cannot be read, nothing waits).

Workers are forked where the platform allows it and spawned elsewhere. Before forking, the
parent loads the gazetteer (`warm_up`; the validation stage needs it in the parent anyway) and
freezes its objects out of the garbage collector's reach, so the workers share those pages
copy-on-write instead of each spending a second and ~50 MB on its own copy. The language models
(lingua, spaCy) are deliberately not loaded in the parent: lingua keeps its models for the life
of the process, and the parent lives on through the whole-archive stages, where memory peaks;
each worker loads them on first use. The pool is started only when the first document needs
extracting, so a rerun answered entirely from the cache forks nothing.

A rerun with a few documents to extract (`runner.INLINE_MAX`) does them in this process
(`run_inline`): two workers would each load the language models and compile the extractors'
patterns (about 1.7 s of CPU each) before their first document. The time limit is kept there with a
timer signal (Unix, main thread); what is not kept is the isolation from a crash of the
interpreter (a C library's segfault stops the run instead of costing one document). With
workers asked for, on Linux, this process forks one copy of itself once the first document
has loaded the models, and the copy does every second document of the rest (`_forked_half`):
the models are shared, not loaded again. A copy that dies or hangs costs nothing but time:
what it did not answer is done here.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing as mp
import os
import pickle
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.gctune import collect_less
from pipeline.seam import DocResult, Options, Task, compact, failed

# How often an idle worker checks that its parent is still alive (seconds).
_PARENT_CHECK = 1.0
# A document at most this large may wait in a worker's connection behind the one it is doing;
# at most half the connection's send buffer (`_queue_limit`), so that handing it over never blocks.
QUEUE_MAX_BYTES = 32 * 1024


Outcome = tuple[int, DocResult]
# The per-document work (`runner.process_bytes`), passed in by the caller so that this module
# depends on the seam's types only (imports run one way: runner -> parallel -> seam).
WorkFn = Callable[[bytes, str, str, Options], DocResult]


def _context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def warm_up() -> None:
    """Load in this process, before forking, what the workers can share with it."""
    from pipeline import gazetteer

    gazetteer.get_gazetteer()


def _worker_main(conn: Connection, parent_pid: int, options: Options, work: WorkFn) -> None:
    """Loop: receive a task, send back its result; exit on None or when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    collect_less()  # forked: the parent's already; spawned: its own
    while True:
        while not conn.poll(_PARENT_CHECK):
            if os.getppid() != parent_pid:
                return
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = compact(work(task.data, task.relative, task.doc_id, options))
        conn.send((task.index, result))


class _Worker:
    def __init__(self, ctx: Any, options: Options, work: WorkFn) -> None:
        parent_end, child_end = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child_end, os.getpid(), options, work), daemon=True
        )
        self.proc.start()
        child_end.close()
        self.conn: Connection = parent_end
        self.tasks: deque[Task] = deque()  # the one it is doing first, then the one queued
        self.started = 0.0  # when it began the first
        self.queue_limit = _queue_limit(parent_end)

    def takes(self, task: Task) -> bool:
        """Whether the worker can be handed `task` now: it has nothing to do, or one document
        and `task` is small enough to wait behind it."""
        return not self.tasks or (len(self.tasks) == 1 and len(task.data) <= self.queue_limit)

    def send(self, task: Task) -> None:
        """Hand `task` over. A worker that died since its last answer cannot take it: the task
        stays queued, and the closed connection is seen by the next wait (its tasks then go to
        a new worker)."""
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        with contextlib.suppress(OSError):
            self.conn.send(task)

    def done(self) -> Task:
        """The first task is answered; the queued one (if any) begins."""
        self.started = time.monotonic()
        return self.tasks.popleft()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_parallel(
    tasks: Iterable[Task],
    options: Options,
    workers: int,
    timeout: float | None = None,
    *,
    work: WorkFn,
) -> Iterator[Outcome]:
    """Process `tasks` with `work` in `workers` processes; yields (index, result) in completion
    order.

    Tasks are pulled from the iterable only when a worker can take them, so at most `workers`
    documents' bytes are in memory, as many small ones (`QUEUE_MAX_BYTES`) queued behind them,
    and the next one, read but not yet handed over. `timeout` (seconds) limits each document,
    from when its worker begins it.
    """
    ctx = _context()
    pending = iter(tasks)
    first = next(pending, None)
    if first is None:
        return  # everything came from the cache (or failed to be read): no pool, no models
    if ctx.get_start_method() == "fork":
        warm_up()
        gc.freeze()  # the collector would otherwise write to (and so copy) the shared pages
    pool = [_Worker(ctx, options, work) for _ in range(max(1, workers))]
    pending = itertools.chain([first], pending)
    held: Task | None = None  # taken from `tasks`, not yet handed to a worker

    def replace(i: int) -> _Worker:
        """A new worker in place of pool[i] (killed), handed the documents queued there."""
        old = pool[i]
        old.stop(kill=True)
        pool[i] = _Worker(ctx, options, work)
        for queued in list(old.tasks)[1:]:
            pool[i].send(queued)
        return old

    try:
        while True:
            while True:  # idle workers first; then small documents queue behind busy ones
                if held is None:
                    held = next(pending, None)
                taker = None if held is None else (
                    next((w for w in pool if not w.tasks), None)
                    or next((w for w in pool if w.takes(held)), None))
                if taker is None:
                    break
                taker.send(held)  # type: ignore[arg-type]
                held = None
            busy = [w for w in pool if w.tasks]
            if not busy:
                return
            wait_for = None
            if timeout:
                now = time.monotonic()
                wait_for = max(0.0, min(w.started + timeout - now for w in busy))
            ready = wait([w.conn for w in busy], wait_for)
            for i, w in enumerate(pool):
                if not w.tasks:
                    continue
                task = w.tasks[0]
                if w.conn in ready:
                    try:
                        index, result = w.conn.recv()
                    except (EOFError, OSError):
                        dead = replace(i)
                        yield task.index, failed(task, _crash_reason(dead.proc.exitcode))
                        continue
                    w.done()
                    yield index, result
                elif timeout and time.monotonic() - w.started >= timeout:
                    replace(i)
                    yield task.index, failed(
                        task, f"processing took longer than the {timeout:g} s time limit"
                    )
    finally:
        for w in pool:
            w.stop(kill=bool(w.tasks))


def _queue_limit(conn: Connection) -> int:
    """The largest document that may wait in the connection behind another: half its send
    buffer (a socket pair's where fork is used: 208 kB on Linux, 8 kB on macOS), at most
    QUEUE_MAX_BYTES; 0 (no waiting) where the buffer cannot be read."""
    try:
        with socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            buffer = sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    except (OSError, AttributeError, ValueError):
        return 0
    return max(0, min(QUEUE_MAX_BYTES, buffer // 2 - 1024))  # 1 kB for the task's names


class _TimeLimit(BaseException):
    """Raised by the timer in `run_inline`; not an Exception, so that the per-document work's
    own `except Exception` (a bug costs one document) does not swallow it."""


def _alarm(signum: int, frame: object) -> None:
    raise _TimeLimit


def run_inline(
    tasks: Iterable[Task],
    options: Options,
    timeout: float | None = None,
    *,
    work: WorkFn,
    helper: bool = False,
) -> Iterator[Outcome]:
    """`run_parallel` in this process, for a few documents: same results, same time limit
    (where a timer signal can be had: Unix, the main thread), no workers to start. With
    `helper`, where a process can be forked safely (`_can_fork`), every second document after
    the first is done by a copy of this process forked once the first has loaded the models
    and compiled the patterns (`_forked_half`): two cores for a rerun's few documents."""
    tasks = list(tasks)
    if not helper or len(tasks) < HELPER_MIN_TASKS or not _can_fork():
        yield from _inline(tasks, options, timeout, work)
        return
    yield from _inline(tasks[:1], options, timeout, work)  # loads what the copy will share
    yield from _forked_half(tasks[1:], options, timeout, work)


def _inline(tasks: Iterable[Task], options: Options, timeout: float | None,
            work: WorkFn) -> Iterator[Outcome]:
    timed = bool(timeout) and hasattr(signal, "setitimer") and \
        threading.current_thread() is threading.main_thread()
    for task in tasks:
        previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
        try:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, timeout)  # type: ignore[arg-type]
            result = compact(work(task.data, task.relative, task.doc_id, options))
        except _TimeLimit:
            result = failed(task, f"processing took longer than the {timeout:g} s time limit")
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        yield task.index, result


# A rerun's batch is split with a forked copy from this many documents on (fewer: not worth
# a fork, ~10 ms with the models loaded).
HELPER_MIN_TASKS = 8


def _can_fork() -> bool:
    """Linux (macOS's system libraries are not safe to use after a fork), and no other
    thread: a fork copies only the calling thread, not the locks another one may hold."""
    return _forks_safely_here() and _one_thread()


def _forks_safely_here() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _one_thread() -> bool:
    return threading.active_count() == 1 and threading.current_thread() is threading.main_thread()


def _forked_half(tasks: list[Task], options: Options, timeout: float | None,
                 work: WorkFn) -> Iterator[Outcome]:
    """`tasks` shared with a forked copy of this process: it does every second one and writes
    its outcomes to an unnamed temporary file (no pipe to fill while this process is busy),
    read when both are done. What the copy did not answer (it died, or hung and was killed:
    `_reap`) is done here afterwards, as `_inline` would have done it."""
    theirs = tasks[1::2]
    answered: set[int] = set()
    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the `with` below)
    except OSError:  # no temporary folder to write in: all of them here
        yield from _inline(tasks, options, timeout, work)
        return
    with out:
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:  # no more processes allowed: all of them here
            yield from _inline(tasks, options, timeout, work)
            return
        if pid == 0:  # the copy: never returns into the caller's code
            try:
                gc.disable()  # nothing of the parent's (its database connections) is finalized
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's
                for outcome in _inline(theirs, options, timeout, work):
                    blob = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                    out.write(len(blob).to_bytes(8, "little") + blob)
                    out.flush()
            finally:
                os._exit(0)
        reaped = False
        try:
            yield from _inline(tasks[0::2], options, timeout, work)
            _reap(pid, out, timeout)
            reaped = True
        finally:
            if not reaped:  # stopped early (Ctrl-C): the copy's work is not wanted
                _kill(pid)
        out.seek(0)
        while len(head := out.read(8)) == 8:  # a record cut short by the copy's end: not taken
            blob = out.read(int.from_bytes(head, "little"))
            if len(blob) < int.from_bytes(head, "little"):
                break
            index, result = pickle.loads(blob)
            answered.add(index)
            yield index, result
    yield from _inline([t for t in theirs if t.index not in answered], options, timeout, work)


def _reap(pid: int, out: Any, timeout: float | None) -> None:
    """Wait for the forked copy to end. One that writes nothing for twice the time limit is
    killed: it hangs where its timer cannot reach (inside a C library)."""
    quiet = 2 * timeout if timeout else None
    size, since = -1, time.monotonic()
    while os.waitpid(pid, os.WNOHANG)[0] == 0:
        now, grown = time.monotonic(), os.fstat(out.fileno()).st_size
        if grown != size:
            size, since = grown, now
        elif quiet is not None and now - since > quiet:
            _kill(pid)
            return
        time.sleep(0.005)


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _crash_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (probably out of memory)" if name == "SIGKILL" else ""
        return f"the worker process processing it was killed by {name}{hint}"
    return f"the worker process processing it stopped unexpectedly (exit code {exitcode})"
