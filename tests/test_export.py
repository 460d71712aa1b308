"""Atomic output: a run stopped at any moment leaves the previous set of outputs, whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import export
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


class Killed(BaseException):
    """Stands for the process being stopped at this point."""


def write_outputs(
    out: Path,
    csvs: dict[str, str],
    texts: dict[str, str],
    report: str,
) -> None:
    """A run's outputs held in memory, written as one set through `export.OutputSet` (as the
    run's `stages.ArchiveBuilder` writes them as they come)."""
    with export.OutputSet(out) as outputs, outputs.guard():
        for table, content in csvs.items():
            outputs.add(f"{table}.csv").write_text(content, encoding="utf-8", newline="")
        for doc_id, text in texts.items():
            outputs.write_text(doc_id, text)
        outputs.add("text").mkdir(exist_ok=True)
        outputs.add("report.html").write_text(report, encoding="utf-8")
        outputs.commit()


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def outputs(tag: str) -> tuple[dict[str, str], dict[str, str], str]:
    csvs = {t: f"col\n{tag} {t}\n" for t in ("documents", "dates", "budgets")}
    texts = {f"doc{i}": f"{tag} text {i}" for i in range(3)}
    return csvs, texts, f"<html>{tag}</html>"


def written(tag: str, extra: dict[str, bytes]) -> dict[str, bytes]:
    csvs, texts, report = outputs(tag)
    files = {f"{t}.csv": c.encode() for t, c in csvs.items()}
    files |= {f"text/{d}.txt": t.encode() for d, t in texts.items()}
    files["report.html"] = report.encode()
    files[export.MANIFEST] = (
        b'{\n "files": [\n  "budgets.csv",\n  "dates.csv",\n  "documents.csv",\n'
        b'  "report.html",\n  "text"\n ]\n}\n'
    )
    return files | extra


@pytest.mark.parametrize("fail_at", range(1, 16))
def test_stopped_at_any_step_keeps_one_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").write_bytes(b"")
    write_outputs(out, *outputs("old"))
    old = written("old", {".gitkeep": b""})
    assert snapshot(out) == old
    new = written("new", {".gitkeep": b""})
    calls = 0

    def step(real):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls == fail_at:
                raise Killed
            return real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(export.os, "rename", step(os.rename))
    monkeypatch.setattr(Path, "write_text", step(Path.write_text))
    monkeypatch.setattr(Path, "write_bytes", step(Path.write_bytes))
    monkeypatch.setattr(export.shutil, "rmtree", step(shutil.rmtree))
    try:
        write_outputs(out, *outputs("new"))
        stopped = False
    except Killed:
        stopped = True
    monkeypatch.undo()
    if out.exists():
        assert snapshot(out) in (old, new), "never a mix of two runs"
    else:  # stopped between the two renames: the old set waits under a hidden name
        assert stopped and list(tmp_path.glob(".out.pipeline-old-*"))
    export.recover(out)
    state = snapshot(out)
    assert state in (old, new)
    if not stopped:
        assert state == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no leftovers after recovery"
    write_outputs(out, *outputs("new"))
    assert snapshot(out) == new


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists() or os.name != "posix",
                    reason="needs /proc and POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_run_killed_midway_keeps_previous_outputs(tmp_path: Path, sig: signal.Signals) -> None:
    src = tmp_path / "in"
    src.mkdir()
    first = sorted(RAW.glob("en_*"))
    for p in first:
        if not p.name.endswith(".gold.json"):
            shutil.copy(p, src / p.name)
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    previous = snapshot(out)

    for p in RAW.iterdir():  # the next night: many more documents
        if not p.name.endswith(".gold.json"):
            shutil.copy(p, src / p.name)
    # the workers, not a handful done in-process; each document a fifth of a second slower, so
    # that the run is still in its batch when the signal comes, on a fast machine too
    pool = ("import sys, time, pipeline.runner as r; r.INLINE_MAX = 0; work = r.process_bytes;"
            " r.process_bytes = lambda *a, **k: (time.sleep(0.2), work(*a, **k))[1];"
            " from pipeline.cli import main; sys.exit(main(sys.argv[1:]))")
    cmd = [sys.executable, "-c", pool, "run", str(src), "--out", str(out), "--quiet",
           "--workers", "2", "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the workers are processing documents
    assert proc.poll() is None, "the run ended before it could be stopped"
    workers = _children(proc.pid)
    time.sleep(0.5)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert snapshot(out) == previous, "the previous outputs are intact"
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers):
        assert time.monotonic() < deadline, "workers outlived the killed run"
        time.sleep(0.1)

    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    clean = tmp_path / "clean"
    assert main(["run", str(src), "--out", str(clean), "--quiet", "--no-cache"]) == 0
    assert snapshot(out) == snapshot(clean), "the next run is complete and correct"
    assert not [p for p in tmp_path.iterdir() if ".pipeline-new-" in p.name]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_foreign_files_in_the_output_folder_survive(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "n.txt").write_text("mine", encoding="utf-8")
    (out / "README").write_text("keep", encoding="utf-8")
    write_outputs(out, *outputs("a"))
    write_outputs(out, *outputs("b"))
    assert (out / "notes" / "n.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "README").read_text(encoding="utf-8") == "keep"
    assert snapshot(out) == written("b", {"notes/n.txt": b"mine", "README": b"keep"})


def test_unchanged_texts_are_linked_not_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    csvs, texts, report = outputs("a")
    write_outputs(out, csvs, texts, report)
    before = {p.name: p.stat().st_ino for p in (out / "text").iterdir()}
    write_outputs(out, csvs, {**texts, "doc1": "changed"}, report)
    after = {p.name: p.stat().st_ino for p in (out / "text").iterdir()}
    assert after["doc0.txt"] == before["doc0.txt"]
    assert after["doc1.txt"] != before["doc1.txt"]
    assert (out / "text" / "doc1.txt").read_text(encoding="utf-8") == "changed"
    assert (out / "text" / "doc0.txt").read_text(encoding="utf-8") == texts["doc0"]


def test_dropped_outputs_are_not_carried_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    csvs, texts, report = outputs("a")
    write_outputs(out, {**csvs, "retired": "x\n"}, texts, report)
    assert (out / "retired.csv").exists()
    write_outputs(out, csvs, texts, report)
    assert not (out / "retired.csv").exists()
