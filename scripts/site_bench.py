"""Time the report site's stage alone (`report.site.write_site`), in one process and over page
workers, on a finished run's outputs and its memo: the whole-archive stage issue 14 spread over
the run's workers, measured without the ~2 minutes of extraction around it.

    python scripts/site_bench.py OUT MEMO [--workers 0 2 ...] [--rounds N]

OUT is a run's output folder (its CSVs and text/), MEMO the run store it kept beside the cache
(`<cache>.runs/<hash>.sqlite3`); the site is written into OUT/../site-bench-W (deleted first).
Prints wall time and the CPU of this process and of the page workers, with the load average:
on a shared machine the workers only help when a core is free.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import time
from collections import Counter
from pathlib import Path

from pipeline.report.site import write_site
from pipeline.schema import TABLES
from pipeline.stages.output import StoreSource
from pipeline.store import RunStore


def source_of(out: Path, memo: Path) -> StoreSource:
    """The report's source as the run's builder made it (doc ids, row counts, projects)."""
    db = sqlite3.connect(f"{memo.resolve().as_uri()}?mode=ro", uri=True)
    doc_ids = dict(db.execute("SELECT idx, doc_id FROM docs"))
    docs_of: dict[str, list[int]] = {}
    for i, pid in db.execute("SELECT idx, project_id FROM docs WHERE project_id != ''"
                             " ORDER BY idx"):
        docs_of.setdefault(pid, []).append(i)
    db.close()
    counts: Counter[str] = Counter()
    for table in TABLES:
        with (out / f"{table}.csv").open(encoding="utf-8") as fh:
            counts[table] = sum(1 for _ in fh) - 1
    return StoreSource(out, RunStore.reader(memo), doc_ids, counts, docs_of)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("memo", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[0, 2])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    source = source_of(args.out, args.memo)
    for _ in range(args.rounds):
        for workers in args.workers:
            site = args.out.parent / f"site-bench-{workers}"
            shutil.rmtree(site, ignore_errors=True)
            started, before = time.monotonic(), os.times()
            stats = write_site(site, source, workers=workers, reopen=source.reader())
            after = os.times()
            print(f"workers {workers}: {time.monotonic() - started:.2f} s wall; CPU here "
                  f"{after.user - before.user:.2f}+{after.system - before.system:.2f} s, "
                  f"in the workers {after.children_user - before.children_user:.2f}"
                  f"+{after.children_system - before.children_system:.2f} s (user+sys); "
                  f"{stats['rendered']} pages rendered; load {os.getloadavg()[0]:.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
