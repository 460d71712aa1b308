"""The per-document work as Dask tasks: `pipeline run --engine dask [--scheduler ADDRESS]`.

Dask's distributed scheduler places the documents on the workers of a cluster (or of a
`LocalCluster` of processes on this machine when no scheduler is given), reschedules the tasks of
a worker that died and gives up on a task that took `allowed-failures` + 1 workers down with it
(`KilledWorker`). This module adds only what the local pool promises besides:

- **One document per task.** A task carries one document: its path when the workers can read
  it themselves (a shared file system, the same absolute path: checked on the first document,
  and per task by the content hash, falling back to sending the bytes), else its bytes. Cached
  documents never get here (`runner.run_batch` answers them). At most `2 x threads` tasks are in
  flight, so the client holds a few documents' bytes, never the archive.
- **Results as they complete.** `as_completed` hands each result back, in completion order,
  to `run_batch`, which caches it and feeds the same `stages.ArchiveBuilder` as a local run:
  the outputs are byte for byte those of `--workers N`.
- **Time limit.** Dask cannot stop a task. A watchdog thread asks the scheduler which tasks
  each worker is running (`Client.processing`); a task running longer than `--timeout` is
  cancelled (so that it is not rescheduled) and its worker restarted by its nanny (a process
  stuck in C code with the interpreter lock held is killed from outside), and the document is
  recorded `failed` with the local pool's reason.
- **Crashes.** A document that kills its worker is retried by the scheduler on other workers
  and recorded `failed` after `allowed-failures` + 1 deaths (2 + 1 on the `LocalCluster`; the
  scheduler's own setting on a cluster, 3 + 1 by default).
- **One version.** Every worker must run the same pipeline version (`cache.pipeline_version`:
  code, language data, dependency versions) as the client: checked on all workers at the start
  and again by every task, so a worker that joins later with other code cannot slip results in.

Dask is an optional extra (`pip install -e '.[dask]'`); nothing here imports it until a run
asks for this engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.engines import EngineError
from pipeline.seam import DocResult, Options, Task, compact, failed

MISSING = (
    "--engine dask needs Dask's distributed scheduler, which is not installed: "
    "pip install -e '.[dask]' (or pip install 'dask[distributed]')"
)
LOCAL_ALLOWED_FAILURES = 2  # a document may take down 3 local workers before it is failed
WorkFn = Callable[[bytes, str, str, Options], DocResult]


def require_dask() -> None:
    """Raise EngineError with a one-line hint when Dask's distributed scheduler is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise EngineError(MISSING) from exc


# --- what runs on the workers (importable there: pipeline.engines.dask) ---------------------


@dataclass(frozen=True)
class PathRef:
    """A document the worker reads itself: its absolute path and the content hash the client
    saw (the result must be that of these bytes, or the cache would lie)."""

    path: str
    sha256: str


@dataclass(frozen=True)
class NeedBytes:
    """The worker cannot read the path, or read other bytes: the client sends them."""

    reason: str


@dataclass(frozen=True)
class WrongVersion:
    """The worker runs another pipeline version than the client."""

    worker_version: str


def worker_version() -> str:
    """The pipeline version of this process (package version and code hash)."""
    from pipeline import __version__
    from pipeline.cache import pipeline_version

    return f"{__version__} (code {pipeline_version()})"


def can_read(ref: PathRef, max_bytes: int) -> bool:
    """Whether this worker reads the same bytes at `ref.path` (the shared-file-system check)."""
    return not isinstance(_read(ref, max_bytes), NeedBytes)


def _read(ref: PathRef, max_bytes: int) -> bytes | NeedBytes:
    from pipeline.ingest import IngestError, read_limited

    try:
        data = read_limited(Path(ref.path), max_bytes)
    except IngestError as exc:
        return NeedBytes(str(exc))
    if hashlib.sha256(data).hexdigest() != ref.sha256:
        return NeedBytes("the file on the worker differs from the client's")
    return data


def process_on_worker(
    work: WorkFn, payload: bytes | PathRef, relative: str, doc_id: str, options: Options,
    version: str,
) -> DocResult | NeedBytes | WrongVersion:
    """One Dask task: one document's bytes (or path) in, its compact result out."""
    mine = worker_version()
    if mine != version:
        return WrongVersion(mine)
    data = _read(payload, options.max_bytes) if isinstance(payload, PathRef) else payload
    if isinstance(data, NeedBytes):
        return data
    return compact(work(data, relative, doc_id, options))


# --- the client side --------------------------------------------------------------------------


@dataclass
class Stats:
    """What the engine did, for the run's summary line."""

    cluster: str = ""
    by_path: int = 0
    by_bytes: int = 0
    timed_out: int = 0
    killed_worker: int = 0

    def render(self) -> str:
        return (f"Engine: Dask, {self.cluster}; {self.by_path} documents read by the workers, "
                f"{self.by_bytes} sent as bytes; {self.timed_out} timed out, "
                f"{self.killed_worker} failed after killing workers")


@dataclass
class _Flight:
    task: Task
    sent_path: bool


@dataclass
class DaskEngine:
    """`--engine dask`: `scheduler` is the address of a running scheduler, None for a
    `LocalCluster` of `workers` processes. `send`: "auto" (paths when the workers can read
    them), "bytes" or "paths" (tests and clusters without a shared file system)."""

    scheduler: str | None = None
    workers: int = 2
    send: str = "auto"
    connect_timeout: float = 30.0
    stats: Stats = field(default_factory=Stats)
    # for tests: called with the client once the cluster is up and the first tasks are out
    on_started: Callable[[Any], None] | None = None

    def run(
        self, tasks: Iterable[Task], options: Options, work: WorkFn, timeout: float | None
    ) -> Iterator[tuple[int, DocResult]]:
        """Yield (index, result) for every task, in completion order. The cluster is started
        only when the first document needs extracting (a rerun from the cache starts none)."""
        require_dask()
        pending = iter(tasks)
        first = next(pending, None)
        if first is None:
            return
        with _quiet_logs(self.scheduler is None):
            client, cluster = self._connect()
            try:
                self._check_versions(client)
                yield from self._run(client, itertools.chain([first], pending), options,
                                     work, timeout)
            finally:
                _close(client, cluster)

    def _connect(self) -> tuple[Any, Any]:
        from distributed import Client

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=self.connect_timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {_one_line(exc)}"
                ) from exc
            info = client.scheduler_info()
            if not info.get("workers"):
                try:
                    client.wait_for_workers(1, timeout=self.connect_timeout)
                except (OSError, TimeoutError) as exc:
                    client.close()
                    raise EngineError(
                        f"the Dask scheduler at {self.scheduler} has no workers"
                    ) from exc
            self.stats.cluster = f"scheduler {self.scheduler}"
            return client, None
        cluster = local_cluster(self.workers)
        client = Client(cluster)
        self.stats.cluster = f"LocalCluster of {max(1, self.workers)} worker processes"
        return client, cluster

    def _check_versions(self, client: Any) -> None:
        """Refuse to run when a worker has another pipeline version (or none)."""
        mine = worker_version()
        try:
            theirs = client.run(worker_version)
        except Exception as exc:  # unpickling fails where the package is missing
            raise EngineError(
                f"the Dask workers cannot run the pipeline ({_one_line(exc)}): install "
                f"pipeline {mine} on every worker"
            ) from exc
        for address, version in sorted(theirs.items()):
            if version != mine:
                raise EngineError(_mismatch(address, version, mine))

    def _run(
        self, client: Any, tasks: Iterator[Task], options: Options, work: WorkFn,
        timeout: float | None,
    ) -> Iterator[tuple[int, DocResult]]:
        from distributed import CancelledError, as_completed

        version = worker_version()
        token = uuid.uuid4().hex[:12]  # keys of this run only (a scheduler may serve several)
        flights: dict[str, _Flight] = {}
        live: dict[str, Any] = {}  # key -> future, shared with the watchdog
        counter = itertools.count()
        limit = max(4, 2 * sum(client.nthreads().values()))
        ac = as_completed()
        use_paths: bool | None = {"bytes": False, "paths": True}.get(self.send)

        def submit(task: Task, by_path: bool) -> None:
            key = f"pipeline-doc-{token}-{task.index}-{next(counter)}"
            payload = PathRef(task.path, task.sha256) if by_path else task.data
            future = client.submit(process_on_worker, work, payload, task.relative,
                                   task.doc_id, options, version, key=key, pure=False)
            flights[key] = _Flight(task, by_path)
            live[key] = future
            ac.add(future)

        def fill() -> None:
            nonlocal use_paths
            while len(flights) < limit:
                task = next(tasks, None)
                if task is None:
                    return
                if use_paths is None:  # decided once, on the first document
                    use_paths = bool(task.path) and _all_can_read(client, task, options)
                submit(task, bool(use_paths and task.path))

        watchdog = _Watchdog(client, timeout, live) if timeout else None
        try:
            fill()
            if watchdog:
                watchdog.start()
            if self.on_started:
                self.on_started(client)
            for future in ac:
                key = future.key
                flight = flights.get(key)
                if flight is None:
                    continue
                status = future.status
                if status in ("lost", "pending"):  # its worker died: being computed again
                    ac.add(future)
                    continue
                value: Any
                if status == "finished":
                    try:
                        value = future.result()
                    except CancelledError:
                        value = None
                elif status == "error":
                    value = self._error(flight.task, future.exception())
                else:
                    value = None
                if value is None:  # cancelled: by the watchdog (a time-out) or by Dask
                    reason = watchdog.timed_out.get(key) if watchdog else None
                    value = failed(flight.task, reason or "the Dask task was cancelled")
                    self.stats.timed_out += reason is not None
                del flights[key], live[key]
                if isinstance(value, WrongVersion):
                    address = _worker_of(future) or "a worker"
                    raise EngineError(_mismatch(address, value.worker_version, version))
                if isinstance(value, NeedBytes):
                    submit(flight.task, by_path=False)
                    continue
                if flight.sent_path:
                    self.stats.by_path += 1
                else:
                    self.stats.by_bytes += 1
                fill()
                yield flight.task.index, value
        finally:
            if watchdog:
                watchdog.stop()
            if live:  # interrupted: nothing of this run goes on on the cluster
                with contextlib.suppress(Exception):  # the cluster may be going down already
                    client.cancel(list(live.values()))

    def _error(self, task: Task, exc: BaseException | None) -> DocResult:
        """A task that raised: process_bytes never does, so the worker died (KilledWorker) or
        the worker could not run the code at all."""
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            self.stats.killed_worker += 1
            return failed(task, f"the worker process processing it died {exc.allowed_failures + 1}"
                                " times in a row (Dask gave up on it: KilledWorker)")
        if isinstance(exc, ImportError):
            raise EngineError(f"a Dask worker cannot run the pipeline ({_one_line(exc)}): "
                              f"install pipeline {worker_version()} on every worker")
        return failed(task, f"internal error on a Dask worker ({_one_line(exc)})")


class _Watchdog(threading.Thread):
    """Cancels tasks that run past the time limit and restarts their workers.

    `Client.processing` lists the tasks each worker holds; on a worker with n threads the n
    that arrived first (of those arriving together, the first submitted) are the ones running
    (the rest wait their turn), so a task's clock starts when it is among those. Restarting
    goes through the worker's nanny, a separate process, so a worker stuck with the
    interpreter lock held is killed all the same."""

    def __init__(self, client: Any, timeout: float, live: dict[str, Any]) -> None:
        super().__init__(name="pipeline-dask-watchdog", daemon=True)
        self.client, self.timeout, self.live = client, timeout, live
        self.poll = min(1.0, timeout / 4)
        self.timed_out: dict[str, str] = {}
        self._seen: dict[str, tuple[str, float, float | None]] = {}  # key -> worker, in, running
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        if self.is_alive():
            self.join(10)

    def run(self) -> None:
        while not self._halt.wait(self.poll):
            try:
                self._check()
            except Exception:  # the client or cluster going down; the run handles that
                if self._halt.is_set():
                    return

    def _check(self) -> None:
        processing = self.client.processing()
        nthreads = self.client.nthreads()
        now = time.monotonic()
        seen: dict[str, tuple[str, float, float | None]] = {}
        expired: list[tuple[str, str]] = []
        for address, keys in processing.items():
            ours = [k for k in keys if k in self.live]
            for k in ours:
                before = self._seen.get(k)
                seen[k] = before if before and before[0] == address else (address, now, None)
            # Tasks first seen in one poll tie; a worker runs them in the order they were
            # submitted (the counter ending the key), so a good document queued behind a
            # hanging one is not the one whose clock runs.
            ours.sort(key=lambda k: (seen[k][1], _submitted(k)))
            for k in ours[: max(1, nthreads.get(address, 1))]:
                address_, arrived, running = seen[k]
                if running is None:
                    seen[k] = (address_, arrived, now)
                elif now - running >= self.timeout and k not in self.timed_out:
                    expired.append((k, address))
        self._seen = seen
        for key, address in expired:
            future = self.live.get(key)
            if future is None:
                continue
            self.timed_out[key] = (f"processing took longer than the {self.timeout:g} s "
                                   "time limit")
            self.client.cancel([future])
            self.client.restart_workers([address], timeout=60, raise_for_error=False)


def _submitted(key: str) -> int:
    """The submission counter ending a task key of `_run` ('pipeline-doc-<token>-<i>-<n>')."""
    tail = key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def local_cluster(workers: int) -> Any:
    """A `LocalCluster` of `workers` processes run like the local pool: one document at a time
    per process, and a document that takes down LOCAL_ALLOWED_FAILURES + 1 workers is failed."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({
        "distributed.scheduler.allowed-failures": LOCAL_ALLOWED_FAILURES,
        "distributed.scheduler.worker-saturation": 1.0,
    }):
        return LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.CRITICAL,
        )


def _all_can_read(client: Any, task: Task, options: Options) -> bool:
    """Whether every worker reads the first document at its path (a shared file system)."""
    try:
        answers = client.run(can_read, PathRef(task.path, task.sha256), options.max_bytes)
    except Exception:
        return False
    return bool(answers) and all(answers.values())


def _worker_of(future: Any) -> str | None:
    try:
        who = future.client.who_has([future])
    except Exception:
        return None
    holders = who.get(future.key) or ()
    return holders[0] if holders else None


def _mismatch(address: str, theirs: str, mine: str) -> str:
    return (f"the Dask worker {address} runs pipeline {theirs}, this machine {mine}: install "
            "the same pipeline version (same code and dependencies) on every worker")


def _one_line(exc: BaseException | None) -> str:
    text = " ".join(str(exc).split()) if exc is not None else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _close(client: Any, cluster: Any) -> None:
    for thing in (client, cluster):
        if thing is None:
            continue
        with contextlib.suppress(Exception):  # best effort: the run's outcome is decided
            thing.close(timeout=30)


class _quiet_logs:
    """Dask logs each worker it loses or restarts; the run records what matters per document,
    so its logs (and its large-graph warning for a big document) stay out of the terminal."""

    def __init__(self, local: bool) -> None:
        self.local = local
        self.logger = logging.getLogger("distributed")
        self.level = self.logger.level
        self.warnings = warnings.catch_warnings()

    def __enter__(self) -> None:
        self.logger.setLevel(logging.CRITICAL)
        self.warnings.__enter__()
        warnings.filterwarnings("ignore", message=".*large graph.*")

    def __exit__(self, *exc: object) -> None:
        self.warnings.__exit__(*exc)
        self.logger.setLevel(self.level)
