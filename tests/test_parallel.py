"""Worker processes: same bytes for any number of workers, time limit, crashed workers."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from pipeline import parallel, runner
from pipeline.cli import main
from pipeline.model import Document
from pipeline.runner import DocResult, Options, process_bytes
from pipeline.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
needs_fork = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="patched workers need fork"
)


def output_bytes(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_one_and_two_workers_write_identical_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same outputs with one or two worker processes, in this process (`--workers 0`) and
    for a handful of documents with workers asked for (`run_inline`, no pool started)."""
    src = tmp_path / "in"
    shutil.copytree(RAW, src, ignore=shutil.ignore_patterns("*.gold.json"))
    (src / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    shutil.copy(RAW / "en_press_2019_digisen_linz_meeting.txt", src / "dup.txt")
    outs = {}
    for n, inline_max in (("1", 0), ("2", 0), ("0", 0), ("2", 1000)):
        monkeypatch.setattr(runner, "INLINE_MAX", inline_max)
        outs[n, inline_max] = tmp_path / f"out{n}-{inline_max}"
        code = main(["run", str(src), "--out", str(outs[n, inline_max]), "--quiet",
                     "--no-cache", "--workers", n])
        assert code == 0
    one = output_bytes(outs["1", 0])
    assert {f"{t}.csv" for t in TABLES} | {"report.html"} <= set(one)
    assert sum(name.startswith("text/") for name in one) >= 16
    assert output_bytes(outs["2", 0]) == one
    assert output_bytes(outs["0", 0]) == one
    assert output_bytes(outs["2", 1000]) == one


def test_a_few_documents_are_extracted_without_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer than INLINE_MAX documents to extract: no worker process is started."""
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "run_parallel", no_pool)
    good = RAW / "en_press_2019_digisen_linz_meeting.txt"
    files = [runner.InputFile(good, "a.txt")]
    results = runner.process_all(files, Options(), settings=runner.BatchSettings(workers=2))
    assert results[0].doc.status == "ok" and results[0].facts


def _patched(data: bytes, relative: str, doc_id: str, options: Options) -> DocResult:
    """Stand-in work function: hangs or dies for marked inputs."""
    if data.startswith(b"HANG"):
        time.sleep(3600)
    if data.startswith(b"SLEEP"):  # b"SLEEP1.5 ...": a slow document
        time.sleep(float(data.split()[0][5:]))
    if data.startswith(b"DIE"):
        os.kill(os.getpid(), signal.SIGKILL)
    if data.startswith(b"EXIT"):
        os._exit(3)
    return process_bytes(data, relative, doc_id, options)


@needs_fork
def test_time_limit_and_crashes_cost_one_document() -> None:
    good = (RAW / "en_press_2019_digisen_linz_meeting.txt").read_bytes()
    inputs = [good, b"HANG", good, b"DIE", good, b"EXIT", good]
    tasks = [parallel.Task(i, d, f"f{i}.txt", f"f{i}") for i, d in enumerate(inputs)]
    started = time.monotonic()
    results = dict(parallel.run_parallel(tasks, Options(), workers=2, timeout=2, work=_patched))
    assert time.monotonic() - started < 30
    assert sorted(results) == list(range(len(inputs)))
    for i in (0, 2, 4, 6):
        assert results[i].doc.status == "ok" and results[i].facts, i
    assert results[1].doc.status == "failed"
    assert results[1].doc.error == "processing took longer than the 2 s time limit"
    assert results[3].doc.error.startswith("the worker process processing it was killed by SIGKILL")
    assert results[5].doc.error.endswith("(exit code 3)")
    assert all(r.doc.sha256 for r in results.values())


@needs_fork
def test_a_queued_document_s_time_limit_starts_when_its_worker_begins_it() -> None:
    """One worker, two slow small documents: the second waits in the pipe while the first is
    done (`QUEUE_MAX_BYTES`), and its 2.5 s limit counts from when it begins, not from when it
    was handed over (1.5 s + 1.5 s > 2.5 s). A hang queued behind them costs itself only."""
    good = (RAW / "en_press_2019_digisen_linz_meeting.txt").read_bytes()
    inputs = [b"SLEEP1.5 " + good, b"SLEEP1.5 " + good, b"HANG", good]
    assert all(len(d) <= parallel.QUEUE_MAX_BYTES for d in inputs)
    tasks = [parallel.Task(i, d, f"f{i}.txt", f"f{i}") for i, d in enumerate(inputs)]
    results = dict(parallel.run_parallel(tasks, Options(), workers=1, timeout=2.5, work=_patched))
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[i].doc.status for i in range(4)] == ["ok", "ok", "failed", "ok"]
    assert results[2].doc.error == "processing took longer than the 2.5 s time limit"


def _pid_work(data: bytes, relative: str, doc_id: str, options: Options) -> DocResult:
    """Stand-in work function: sleeps or dies as `data` says; the result names its process."""
    if data.startswith(b"SLEEP"):
        time.sleep(float(data[5:]))
    if data == b"DIE":
        os.kill(os.getpid(), signal.SIGKILL)
    return DocResult(Document(doc_id, str(os.getpid()), "", "txt"))


@needs_fork
def test_a_worker_that_dies_on_its_queued_document_costs_that_document_only() -> None:
    """The worker answers for the first document and dies on the one queued behind it while
    the caller is busy with the answer; the next document handed to it is not lost, nor does
    the run stop."""
    tasks = [parallel.Task(i, d, f"f{i}.txt", f"f{i}") for i, d in
             enumerate([b"SLEEP0.3", b"DIE", b"ok", b"ok"])]
    results = {}
    for index, result in parallel.run_parallel(tasks, Options(), workers=1, work=_pid_work):
        results[index] = result
        time.sleep(0.2)  # the caller stores the answer; meanwhile the worker dies
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[i].doc.status for i in range(4)] == ["ok", "failed", "ok", "ok"]
    assert results[1].doc.error.startswith("the worker process processing it was killed")


@needs_fork
def test_an_idle_worker_is_handed_a_document_before_one_waits_behind_a_busy_one() -> None:
    tasks = [parallel.Task(i, d, f"f{i}.txt", f"f{i}") for i, d in
             enumerate([b"SLEEP0.5", b"SLEEP0.5", b"ok", b"ok"])]
    results = dict(parallel.run_parallel(tasks, Options(), workers=2, work=_pid_work))
    assert results[0].doc.source_path != results[1].doc.source_path  # two processes


@needs_fork
@pytest.mark.parametrize("inline_max", [0, runner.INLINE_MAX])
def test_a_hanging_document_does_not_hang_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
    inline_max: int
) -> None:
    """In a worker (killed) and in this process (a timer), the time limit costs one document."""
    monkeypatch.setattr(runner, "process_bytes", _patched)
    monkeypatch.setattr(runner, "INLINE_MAX", inline_max)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "en_press_2019_digisen_linz_meeting.txt", src / "good.txt")
    (src / "hang.txt").write_bytes(b"HANG forever")
    out = tmp_path / "out"
    code = main(["run", str(src), "--out", str(out), "--quiet", "--workers", "1",
                 "--timeout", "1.5"])
    assert code == 0
    rows = (out / "documents.csv").read_text(encoding="utf-8")
    assert "processing took longer than the 1.5 s time limit" in rows
    # nor are outputs with a time-out kept by a rerun as "nothing changed"
    assert main(["run", str(src), "--out", str(out), "--workers", "1", "--timeout", "1.5"]) == 0
    assert "Nothing changed" not in capsys.readouterr().out
    # a time-out depends on the machine, so it is not cached: the next run tries again
    from pipeline.cache import ResultCache, default_path

    store = ResultCache(default_path(out))
    assert store.db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1
    store.close(prune=False)


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_stop_when_the_parent_is_gone(tmp_path: Path) -> None:
    """A worker whose parent was killed exits by itself instead of lingering."""
    code = (
        "import os, sys, time\n"
        "from pipeline import parallel\n"
        "from pipeline.runner import Options, process_bytes\n"
        "w = parallel._Worker(parallel._context(), Options(), process_bytes)\n"
        "print(w.proc.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    pid = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not _running(pid):
            return
        time.sleep(0.2)
    pytest.fail(f"worker {pid} still running 10 s after its parent exited")


def test_no_pool_when_nothing_needs_extracting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun answered from the cache forks no workers and loads nothing for them."""

    def no_worker(*args: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "_Worker", no_worker)
    monkeypatch.setattr(parallel, "warm_up", no_worker)
    assert list(parallel.run_parallel(iter([]), Options(), workers=2, work=process_bytes)) == []


@needs_fork
def test_shared_data_is_loaded_before_the_workers_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_warm_up, real_worker = parallel.warm_up, parallel._Worker

    def warm_up() -> None:
        events.append("warm-up")
        real_warm_up()

    def worker(*args: object) -> object:
        events.append("worker")
        return real_worker(*args)

    monkeypatch.setattr(parallel, "warm_up", warm_up)
    monkeypatch.setattr(parallel, "_Worker", worker)
    good = (RAW / "en_press_2019_digisen_linz_meeting.txt").read_bytes()
    tasks = [parallel.Task(i, good, f"f{i}.txt", f"f{i}") for i in range(3)]
    results = dict(parallel.run_parallel(tasks, Options(), workers=2, work=process_bytes))
    assert events == ["warm-up", "worker", "worker"]
    expected = process_bytes(good, "f0.txt", "f0")
    assert [f.values for f in results[0].facts] == [f.values for f in expected.facts]


forks_a_copy = pytest.mark.skipif(not parallel._forks_safely_here(),
                                  reason="the forked copy is made on Linux only")


@pytest.fixture
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process counts as having one thread: other tests' libraries (Dask's scheduler)
    leave threads behind, which a run has not; the copy forked here runs only the stand-in
    work function."""
    monkeypatch.setattr(parallel, "_one_thread", lambda: True)


def _copy_work(parent: int) -> parallel.WorkFn:
    """A stand-in work function whose result names its process; in the forked copy (not in
    `parent`) it dies or hangs past its timer's reach as the data says."""
    def work(data: bytes, relative: str, doc_id: str, options: Options) -> DocResult:
        if os.getpid() != parent and data == b"DIE-IN-COPY":
            os._exit(3)
        if os.getpid() != parent and data == b"HANG-IN-COPY":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(3600)
        return DocResult(Document(doc_id, str(os.getpid()), "", "txt"))
    return work


@forks_a_copy
@pytest.mark.usefixtures("one_thread")
def test_a_few_documents_are_shared_with_a_forked_copy() -> None:
    """After the first document (which loads the models), a forked copy does every second one
    of the rest; the outcomes are those of doing them all here, one per document."""
    parent = os.getpid()
    tasks = [parallel.Task(i, b"ok", f"f{i}.txt", f"f{i}") for i in range(12)]
    work = _copy_work(parent)
    alone = dict(parallel.run_inline(tasks, Options(), work=work))
    shared = dict(parallel.run_inline(tasks, Options(), work=work, helper=True))
    assert sorted(shared) == list(range(12))
    assert {i: r.doc.doc_id for i, r in shared.items()} == {i: r.doc.doc_id
                                                            for i, r in alone.items()}
    by_copy = {i for i, r in shared.items() if r.doc.source_path != str(parent)}
    assert by_copy == {2, 4, 6, 8, 10}
    few = tasks[:parallel.HELPER_MIN_TASKS - 1]  # too few to fork for
    assert all(r.doc.source_path == str(parent)
               for _, r in parallel.run_inline(few, Options(), work=work, helper=True))


@forks_a_copy
@pytest.mark.usefixtures("one_thread")
@pytest.mark.parametrize("trouble", [b"DIE-IN-COPY", b"HANG-IN-COPY"])
def test_what_a_dead_or_hung_copy_did_not_answer_is_done_here(trouble: bytes) -> None:
    """The copy dies, or hangs where its timer cannot stop it (killed after twice the time
    limit without an answer): the documents it left are done in this process, none lost."""
    parent = os.getpid()
    inputs = [b"ok"] * 4 + [trouble] + [b"ok"] * 7
    tasks = [parallel.Task(i, d, f"f{i}.txt", f"f{i}") for i, d in enumerate(inputs)]
    started = time.monotonic()
    results = dict(parallel.run_inline(tasks, Options(), timeout=0.5, work=_copy_work(parent),
                                       helper=True))
    assert time.monotonic() - started < 20
    assert sorted(results) == list(range(12))
    assert all(r.doc.status == "ok" for r in results.values())
    assert results[2].doc.source_path != str(parent)  # answered by the copy before the trouble
    assert {results[i].doc.source_path for i in (4, 6, 8, 10)} == {str(parent)}


@forks_a_copy
def test_no_copy_is_forked_beside_another_thread() -> None:
    """A thread of this process might hold a lock the copy would need: nothing is forked."""
    parent = os.getpid()
    tasks = [parallel.Task(i, b"ok", f"f{i}.txt", f"f{i}") for i in range(12)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = dict(parallel.run_inline(tasks, Options(), work=_copy_work(parent),
                                           helper=True))
    finally:
        stop.set()
        other.join()
    assert sorted(results) == list(range(12))
    assert {r.doc.source_path for r in results.values()} == {str(parent)}


@forks_a_copy
@pytest.mark.usefixtures("one_thread")
@pytest.mark.parametrize("broken", ["fork", "TemporaryFile"])
def test_no_fork_or_no_temporary_file_keeps_the_batch_here(
        monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    """A process limit or an unwritable temporary folder: the documents are all done here."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("refused")

    monkeypatch.setattr(parallel.os if broken == "fork" else parallel.tempfile, broken, refuse)
    parent = os.getpid()
    tasks = [parallel.Task(i, b"ok", f"f{i}.txt", f"f{i}") for i in range(12)]
    results = dict(parallel.run_inline(tasks, Options(), work=_copy_work(parent), helper=True))
    assert sorted(results) == list(range(12))
    assert {r.doc.source_path for r in results.values()} == {str(parent)}
