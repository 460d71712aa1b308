"""`make bench`: time the pipeline on a synthetic archive and write docs/benchmarks.md.

Runs, each as a separate `pipeline run` process with a fresh output folder's cache:
  1. cold: empty cache;
  2. rerun with nothing changed;
  3. rerun after 1% of the files changed;
  4. cold again on the local pool and then with `--engine dask` (a LocalCluster of as many worker
     processes), each with an empty cache, one right after the other on the archive of run 3;
     their outputs are compared byte for byte and the ratio of their wall times is the
     scheduler's overhead on this machine (skipped without the 'dask' extra, or --no-dask);
and, as a yardstick, plain `dateparser.search.search_dates` over the same documents' text (on a
sample when the archive is large: it is slow; the sample size is printed).
CPU time is that of the whole process tree (the run and its workers, from the operating system's
accounting of finished children), also given per document: the figure issue 12 bounds.
Peak memory is sampled every 50 ms over the whole process tree (the run and its workers):
the sum of RSS (counts pages shared between processes once per process, so it overstates) and
the sum of PSS (shares them out; the memory the tree really occupies).

    python scripts/bench.py [-n 5000] [--workers 2] [--write docs/benchmarks.md] [--code DIR]

`--code DIR` runs the pipeline of another checkout (e.g. a `git worktree` of an older commit), so
two versions can be measured one after the other on the same archive and the same machine load.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from make_synthetic_archive import mutate, write_archive  # noqa: E402

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Measure:
    name: str
    docs: int
    seconds: float
    rss_mb: float
    pss_mb: float
    cpu_s: float = 0.0  # user + system CPU of the process tree
    note: str = ""

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_doc(self) -> float:
        return 1000 * self.cpu_s / self.docs if self.docs else 0.0


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{tid}/children").read_text().split()]
        except OSError:
            continue
    return pids


def _memory(pids: list[int]) -> tuple[int, int]:
    """Sum of RSS and of PSS in KB over `pids`."""
    rss = pss = 0
    for p in pids:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        m = re.search(r"^Rss:\s+(\d+)", text, re.M)
        n = re.search(r"^Pss:\s+(\d+)", text, re.M)
        rss += int(m.group(1)) if m else 0
        pss += int(n.group(1)) if n else 0
    return rss, pss


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], name: str, docs: int, cwd: Path = ROOT) -> tuple[Measure, str]:
    """Run `cmd` in `cwd`, sampling the memory of its process tree; returns the measure (with
    the tree's CPU time: the run reaps its workers, this process reaps the run) and stdout."""
    started, cpu_before = time.monotonic(), _children_cpu()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            rss, pss = _memory(_tree(proc.pid))
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{err}")
    cpu = _children_cpu() - cpu_before
    return Measure(name, docs, seconds, peak[0] / 1024, peak[1] / 1024, cpu), out


# `pipeline run` with the report's writer timed (printed as "bench: report N s"), so that the
# table can say how much of a run is the report (issue 14).
RUN = """
import sys, time
try:
    import pipeline.stages.builder as stages
except ImportError:  # before issue 14 (--code)
    import pipeline.stages as stages
real = stages.write_report
def write_report(*args, **kwargs):
    started = time.monotonic()
    try:
        return real(*args, **kwargs)
    finally:
        print(f"bench: report {time.monotonic() - started:.2f} s", flush=True)
stages.write_report = write_report
from pipeline.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_pipeline(archive: Path, out: Path, cache: Path, workers: int, name: str,
                 docs: int, code: Path = ROOT, engine: str = "local") -> Measure:
    cmd = [sys.executable, "-c", RUN, "run", str(archive), "--out", str(out),
           "--workers", str(workers), "--cache", str(cache)]
    if engine != "local":  # (older checkouts, --code, have no --engine)
        cmd += ["--engine", engine]
    measure, stdout = timed(cmd, name, docs, cwd=code)
    reuse = re.search(r"Cache: (\d+) reused, (\d+) extracted", stdout)
    if reuse:
        measure.note = f"{reuse.group(1)} from the cache, {reuse.group(2)} extracted"
    elif "Nothing changed since the last run" in stdout:
        measure.note = "nothing changed: inputs hashed, outputs kept (no extraction, no stages)"
    report = re.search(r"bench: report ([\d.]+) s", stdout)
    if report:
        measure.note += f"; report {float(report.group(1)):.1f} s of it"
    measure.note += f"; load average {os.getloadavg()[0]:.1f} at the end"
    print(f"{name}: {measure.seconds:.1f} s, {measure.rate:.1f} docs/s, "
          f"CPU {measure.cpu_ms_per_doc:.1f} ms/doc, RSS {measure.rss_mb:.0f} MB, "
          f"PSS {measure.pss_mb:.0f} MB ({measure.note})",
          flush=True)
    return measure


YARDSTICK = """
import sys, time
from pathlib import Path
from dateparser.search import search_dates
files = sorted(Path(sys.argv[1]).glob("*.txt"))[: int(sys.argv[2])]
texts = [f.read_text(encoding="utf-8") for f in files]
search_dates("2020. gada 1. jūlijā", languages=["lv", "en", "ru"])  # load the language data
t = time.perf_counter()
found = 0
for text in texts:
    found += len(search_dates(text, languages=["lv", "en", "ru"]) or [])
print(len(texts), time.perf_counter() - t, found)
"""


def yardstick(out: Path, sample: int) -> Measure:
    cmd = [sys.executable, "-c", YARDSTICK, str(out / "text"), str(sample)]
    measure, stdout = timed(cmd, "dateparser.search.search_dates", sample)
    n, seconds, found = stdout.split()
    measure.docs, measure.seconds = int(n), float(seconds)
    measure.note = (f"sample of {n} documents' text, {found} dates found; time excludes "
                    "loading dateparser")
    print(f"yardstick: {measure.seconds:.1f} s for {n} docs, {measure.rate:.2f} docs/s",
          flush=True)
    return measure


def has_dask(code: Path) -> bool:
    """Whether the run's interpreter has Dask's distributed scheduler (the 'dask' extra)."""
    probe = subprocess.run([sys.executable, "-c", "import distributed"], cwd=code,
                           capture_output=True)
    return probe.returncode == 0


def same_outputs(a: Path, b: Path) -> bool:
    """Whether two output folders hold the same files with the same bytes (caches aside)."""
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and not p.name.startswith(".")}
    return files(a) == files(b)


def dask_cold(archive: Path, work: Path, out: Path, cold: Measure, workers: int, total: int,
              code: Path) -> tuple[Measure, str]:
    """The cold run again on the Dask engine; the row and a sentence with the ratio."""
    d_out, d_cache = work / "out-dask", work / "cache-dask.sqlite3"
    measure = run_pipeline(archive, d_out, d_cache, workers,
                           f"cold, --engine dask (LocalCluster, {workers} workers)", total, code,
                           engine="dask")
    same = same_outputs(out, d_out)
    measure.note += ("; outputs byte-identical to the local pool's" if same
                     else "; OUTPUTS DIFFER from the local pool's")
    ratio = measure.seconds / cold.seconds
    line = (f"Dask engine vs local pool, cold, same archive, same run: {measure.seconds:.1f} s / "
            f"{cold.seconds:.1f} s = **{ratio:.2f}x** wall time (the scheduler's overhead, the "
            f"cluster's start-up included); outputs {'identical' if same else 'DIFFERENT'}.")
    print(line, flush=True)
    return measure, line


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 2**20:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} CPUs{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; load average {load:.1f} at the start")


def table(rows: list[Measure], cold: Measure) -> str:
    lines = ["| run | documents | wall time | docs/s | share of cold | CPU per doc (tree) | "
             "peak RSS (tree) | peak PSS (tree) | note |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for m in rows:
        share = f"{100 * m.seconds / cold.seconds:.1f}%" if m.name != cold.name else "100%"
        if m.name.startswith("dateparser"):
            share = "–"
        cpu = "–" if m.name.startswith("dateparser") else f"{m.cpu_ms_per_doc:.1f} ms"
        lines.append(f"| {m.name} | {m.docs} | {m.seconds:.1f} s | {m.rate:.1f} | {share} | "
                     f"{cpu} | {m.rss_mb:.0f} MB | {m.pss_mb:.0f} MB | {m.note} |")
    return "\n".join(lines)


def write_results(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + block + "\n" + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + f"\n\n{START}\n{block}\n{END}\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[5000],
                        help="archive sizes (default: 5000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=300,
                        help="documents for the dateparser yardstick (default 300)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--write", type=Path, help="update the results block of this file")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="checkout whose pipeline is run (default: this one)")
    parser.add_argument("--no-dask", action="store_true",
                        help="skip the Dask engine's run (it is skipped anyway without the extra)")
    args = parser.parse_args()
    code = args.code.resolve()

    sections = [f"Machine: {machine()}.", ""]
    if code != ROOT:
        sections[0] += f" Code: {code}."
    for n in args.n:
        work = args.work / f"n{n}"
        archive, out, cache = work / "archive", work / "out", work / "cache.sqlite3"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        write_archive(archive, n, args.seed)
        total = sum(1 for p in archive.rglob("*") if p.is_file())
        print(f"archive: {total} files in {archive}", flush=True)
        cold = run_pipeline(archive, out, cache, args.workers, "cold", total, code)
        rerun = run_pipeline(archive, out, cache, args.workers, "rerun, nothing changed", total,
                             code)
        changed = mutate(archive, 0.01, args.seed)
        one = run_pipeline(archive, out, cache, args.workers, f"rerun, 1% changed ({changed})",
                           total, code)
        rows = [cold, rerun, one]
        ratio = ""
        if not args.no_dask and has_dask(code):
            local = run_pipeline(archive, work / "out-local2", work / "cache-local2.sqlite3",
                                 args.workers, "cold again, local pool", total, code)
            d_row, ratio = dask_cold(archive, work, work / "out-local2", local, args.workers,
                                     total, code)
            rows += [local, d_row]
        if args.sample:
            rows.append(yardstick(out, min(args.sample, total)))
        sections += [f"### {n} documents ({total} files with the copies), {args.workers} workers",
                     "", table(rows, cold), ""]
        if ratio:
            sections += [ratio, ""]
    block = "\n".join(sections).rstrip()
    print(block)
    if args.write:
        write_results(args.write, block)


if __name__ == "__main__":
    main()
