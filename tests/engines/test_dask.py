"""The Dask engine: the same outputs as the local pool, a killed worker loses nothing, a
document that crashes or hangs its worker is failed, versions are checked, Ctrl-C cancels.

One LocalCluster of 2 worker processes serves the whole module (started once: ~5 s); the runs
reach it by its address, as `pipeline run --engine dask --scheduler ADDRESS` would a cluster's.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is not installed")

import cloudpickle  # noqa: E402

from pipeline import cache as cache_mod  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.engines import dask as engine_mod  # noqa: E402
from pipeline.engines.dask import DaskEngine, local_cluster  # noqa: E402
from pipeline.runner import machine_dependent, process_bytes  # noqa: E402
from pipeline.seam import DocResult, Options, Task  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "scripts"))

from make_synthetic_archive import write_archive  # noqa: E402

# the stand-in work functions below travel to the workers by value (tests/ is not a package)
cloudpickle.register_pickle_by_value(sys.modules[__name__])


TEST_BUDGET = 240  # seconds per test: a hang fails the test instead of holding CI forever


class Overran(Exception):
    pass


@contextlib.contextmanager
def budget(seconds: int = TEST_BUDGET) -> Iterator[None]:
    """Raise Overran after `seconds` (SIGALRM in the main thread, where the engine's loop
    waits), so that a Dask engine that hangs fails its test instead of hanging the suite."""
    def overran(signum: int, frame: object) -> None:
        raise Overran(f"ran past its {seconds} s budget")

    previous = signal.signal(signal.SIGALRM, overran)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def time_budget() -> Iterator[None]:
    with budget():
        yield


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with budget():
        c = local_cluster(2)
    yield c
    c.close()


@pytest.fixture(scope="module")
def address(cluster: object) -> str:
    return cluster.scheduler_address


@pytest.fixture(scope="module")
def client(address: str) -> object:
    with distributed.Client(address) as c:
        yield c


def output_bytes(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def run(src: Path, out: Path, *extra: str) -> int:
    return main(["run", str(src), "--out", str(out), "--quiet", "--no-cache", *extra])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A synthetic archive of 300 documents (with broken files and copies) and the bytes of
    its outputs with the local pool of 2 workers."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_archive(folder / "in", 300, seed=7)
    assert run(folder / "in", folder / "local", "--workers", "2") == 0
    return folder / "in", output_bytes(folder / "local")


def raw_archive(tmp: Path) -> Path:
    src = tmp / "raw"
    shutil.copytree(RAW, src, ignore=shutil.ignore_patterns("*.gold.json"))
    (src / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    shutil.copy(RAW / "en_press_2019_digisen_linz_meeting.txt", src / "dup.txt")
    return src


def seeds_archive(tmp: Path) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    src = tmp / "seeds"
    shutil.copytree(SEEDS, src, ignore=shutil.ignore_patterns("*.gold.json", "*.md"))
    return src


@pytest.mark.parametrize("archive", [raw_archive, seeds_archive])
def test_outputs_are_those_of_the_local_pool(
    archive: object, address: str, tmp_path: Path
) -> None:
    src = archive(tmp_path)
    assert run(src, tmp_path / "local", "--workers", "2") == 0
    assert run(src, tmp_path / "dask", "--engine", "dask", "--scheduler", address) == 0
    local = output_bytes(tmp_path / "local")
    assert "documents.csv" in local and "report.html" in local
    assert output_bytes(tmp_path / "dask") == local


def test_synthetic_archive_and_the_cache(
    synthetic: tuple[Path, dict[str, bytes]], address: str, tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    src, local = synthetic
    cache = tmp_path / "cache.sqlite3"
    args = ["run", str(src), "--engine", "dask", "--scheduler", address, "--cache", str(cache)]
    assert main([*args, "--out", str(tmp_path / "cold")]) == 0
    cold = capsys.readouterr().out
    assert "Cache: 0 reused" in cold
    assert "documents read by the workers, 0 sent as bytes" in cold  # a shared file system
    assert output_bytes(tmp_path / "cold") == local
    # a second output folder, the same cache: every document from it, nothing sent anywhere
    assert main([*args, "--out", str(tmp_path / "warm")]) == 0
    warm = capsys.readouterr().out
    assert ", 0 extracted" in warm and "Engine: Dask" not in warm
    assert output_bytes(tmp_path / "warm") == local


def test_bytes_are_sent_when_the_workers_cannot_read_the_path(address: str) -> None:
    good = (RAW / "en_press_2019_digisen_linz_meeting.txt").read_bytes()
    import hashlib

    sha = hashlib.sha256(good).hexdigest()
    tasks = [Task(0, good, "a.txt", "a", "/nowhere/a.txt", sha),  # not on the workers
             Task(1, good, "b.txt", "b", str(RAW / "en_press_2019_digisen_linz_meeting.txt"),
                  sha),
             Task(2, good, "c.txt", "c", str(RAW / "lv_project_2016_together_sigulda.docx"),
                  sha)]  # other bytes at that path
    engine = DaskEngine(scheduler=address, send="paths")
    results = dict(engine.run(tasks, Options(), process_bytes, timeout=None))
    expected = process_bytes(good, "a.txt", "a")
    assert sorted(results) == [0, 1, 2]
    for result in results.values():
        assert result.doc.status == "ok"
        assert [f.values for f in result.facts] == [f.values for f in expected.facts]
    assert (engine.stats.by_path, engine.stats.by_bytes) == (1, 2)
    engine = DaskEngine(scheduler=address, send="bytes")
    assert len(dict(engine.run(tasks, Options(), process_bytes, timeout=None))) == 3
    assert (engine.stats.by_path, engine.stats.by_bytes) == (0, 3)


def test_a_killed_worker_loses_no_document(
    synthetic: tuple[Path, dict[str, bytes]], address: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One worker process is killed (SIGKILL) while documents are in flight: its tasks are
    redone on the other worker (or on the one the nanny starts instead), the outputs match."""
    src, local = synthetic
    killed: list[tuple[int, int]] = []

    def killer(client: object) -> None:
        def kill_when_busy() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                for worker, keys in client.processing().items():
                    indexes = [int(k.split("-")[3]) for k in keys]
                    if indexes and max(indexes) >= 60:  # a fifth of the archive is done
                        pid = client.run(os.getpid, workers=[worker])[worker]
                        os.kill(pid, signal.SIGKILL)
                        killed.append((pid, max(indexes)))
                        return
                time.sleep(0.05)

        threading.Thread(target=kill_when_busy, daemon=True).start()

    monkeypatch.setattr(engine_mod, "DaskEngine", functools.partial(DaskEngine,
                                                                    on_started=killer))
    assert run(src, tmp_path / "out", "--engine", "dask", "--scheduler", address) == 0
    assert killed, "no worker was killed: the run ended first"
    assert output_bytes(tmp_path / "out") == local


def _stand_in(data: bytes, relative: str, doc_id: str, options: Options) -> DocResult:
    """Work function: kills its worker or hangs for marked inputs."""
    if data.startswith(b"DIE"):
        os.kill(os.getpid(), signal.SIGKILL)
    if data.startswith(b"HANG"):
        import re

        re.match(r"(a+)+$", "a" * 64 + "b")  # hours, holding the interpreter lock
    return process_bytes(data, relative, doc_id, options)


def test_crashing_and_hanging_documents_are_failed(address: str) -> None:
    """A document that kills its worker and one that hangs are failed with their reasons; the
    good documents beside the crashing one are processed. The hanging one runs alone: a good
    document the scheduler queues on the hung worker behind it cannot be told from it by the
    watchdog (`Client.processing` does not say which task runs), and would share its fate."""
    good = (RAW / "en_press_2019_digisen_linz_meeting.txt").read_bytes()
    engine = DaskEngine(scheduler=address, send="bytes")

    def run_all(inputs: list[bytes]) -> dict[int, DocResult]:
        tasks = [Task(i, d, f"f{i}.txt", f"f{i}") for i, d in enumerate(inputs)]
        started = time.monotonic()
        # the limit leaves a good document room on a loaded machine (a worker restarted after
        # the crash imports the package first); the hanging one runs for hours
        results = dict(engine.run(tasks, Options(), _stand_in, timeout=20))
        assert time.monotonic() - started < 120
        assert sorted(results) == list(range(len(inputs)))
        return results

    results = run_all([good, b"DIE", good, good])
    for i in (0, 2, 3):
        assert results[i].doc.status == "ok" and results[i].facts, (i, results[i].doc.error)
    died = results[1].doc
    assert died.status == "failed"
    allowed = engine_mod.LOCAL_ALLOWED_FAILURES + 1  # tries: bounded
    assert died.error.startswith(f"the worker process processing it died {allowed} times")
    hanging = run_all([b"HANG"])
    hung = hanging[0].doc
    assert hung.status == "failed"
    assert hung.error == "processing took longer than the 20 s time limit"
    assert machine_dependent(results[1]) and machine_dependent(hanging[0])  # not cached
    assert (engine.stats.killed_worker, engine.stats.timed_out) == (1, 1)
    assert all(len(r.doc.error.splitlines()) <= 1 for r in [*results.values(), hanging[0]])


def test_a_version_mismatch_is_refused(
    address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "en_press_2019_digisen_linz_meeting.txt", src)
    out = tmp_path / "out"
    assert run(src, out, "--workers", "0") == 0
    before = output_bytes(out)
    capsys.readouterr()
    # this process's code differs from the workers' (they were started before the change)
    monkeypatch.setattr(cache_mod, "pipeline_version", lambda: "0000000000000000")
    assert run(src, out, "--engine", "dask", "--scheduler", address) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("pipeline: error: the Dask worker tcp://")
    assert "this machine 0.1.0 (code 0000000000000000)" in err
    assert "install the same pipeline version" in err
    assert output_bytes(out) == before  # previous outputs whole


def test_ctrl_c_cancels_the_tasks_and_keeps_the_outputs(
    synthetic: tuple[Path, dict[str, bytes]], address: str, client: object, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, local = synthetic
    out = tmp_path / "out"
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(RAW / "en_press_2019_digisen_linz_meeting.txt", small)
    assert run(small, out, "--workers", "0") == 0
    before = output_bytes(out)
    from pipeline.stages import ArchiveBuilder

    real_add = ArchiveBuilder.add
    seen = [0]

    def add(self: ArchiveBuilder, index: int, outcome: object) -> None:
        seen[0] += 1
        if seen[0] == 20:
            raise KeyboardInterrupt
        real_add(self, index, outcome)

    monkeypatch.setattr(ArchiveBuilder, "add", add)
    assert main(["run", str(src), "--out", str(out), "--quiet", "--no-cache",
                 "--engine", "dask", "--scheduler", address]) == 130
    assert output_bytes(out) == before
    deadline = time.monotonic() + 30
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(client.processing().values()), "tasks left running on the cluster"


class _Holding:
    """A client whose one worker (one thread) holds the given keys, in the given order."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys

    def processing(self) -> dict[str, list[str]]:
        return {"tcp://w": list(self.keys)}

    def nthreads(self) -> dict[str, int]:
        return {"tcp://w": 1}


def test_the_watchdog_times_the_first_submitted_of_tasks_seen_together() -> None:
    """Two tasks on a one-thread worker, first seen in the same poll and listed in any order:
    the worker runs the one submitted first, so its clock runs, not the other's (a good
    document queued behind a hanging one is not failed for the hanging one's time)."""
    good, hanging = "pipeline-doc-t-0-0", "pipeline-doc-t-3-3"
    live = {good: object(), hanging: object()}
    dog = engine_mod._Watchdog(_Holding([hanging, good]), 20.0, live)
    dog._check()
    assert dog._seen[good][2] is not None  # running: its clock started
    assert dog._seen[hanging][2] is None  # waiting its turn
