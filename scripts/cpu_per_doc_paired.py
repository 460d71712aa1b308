"""Per-document extraction CPU time of several checkouts, paired: one warmed process per
checkout, whose passes over the same files are alternated, so that the load of a shared machine
weighs on every checkout alike (`cpu_per_doc.py` times one checkout after the other, minutes
apart).

    python scripts/cpu_per_doc_paired.py FOLDER... --code BASE --code OTHER... [--rounds 8]
        [--glob '*']

Each process loads its checkout's `pipeline`, reads the files and makes a warm-up pass; then
every round asks each process for one pass (`cpu_per_doc.one_pass`: process CPU time of
`runner.process_bytes` over all files, memos cleared), in turn, the order reversed every other
round. Prints each round's ms/doc, the median and minimum per checkout, and the median of the
per-round ratios to the first checkout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent

# The process of one checkout: warm up, then one pass per line read, its ms/doc written back.
_WORKER = """
import json, sys
from pathlib import Path
code, scripts, pattern, folders = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
sys.path.insert(0, code)
sys.path.insert(1, scripts)
import cpu_per_doc
from pipeline.runner import process_bytes
files = cpu_per_doc.load([Path(f) for f in folders], pattern)
cpu_per_doc.one_pass(process_bytes, files)
print("ready", flush=True)
for _ in sys.stdin:
    print(json.dumps(cpu_per_doc.one_pass(process_bytes, files) / len(files) * 1000), flush=True)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    parser.add_argument("--code", action="append", type=Path, required=True,
                        help="a checkout to time (twice or more; the first is the reference)")
    parser.add_argument("--rounds", type=int, default=8, help="passes per checkout (default 8)")
    parser.add_argument("--glob", default="*.txt", help="files to read (default: *.txt)")
    args = parser.parse_args(argv)
    codes = [str(c.resolve()) for c in args.code]
    folders = [str(f.resolve()) for f in args.folders]
    procs = {
        c: subprocess.Popen(
            [sys.executable, "-c", _WORKER, c, str(SCRIPTS), args.glob, *folders],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for c in codes
    }
    for c, p in procs.items():
        assert p.stdin is not None and p.stdout is not None
        if p.stdout.readline().strip() != "ready":
            print(f"{c}: the timing process did not start", file=sys.stderr)
            return 2
    times: dict[str, list[float]] = {c: [] for c in codes}
    for r in range(args.rounds):
        for c in codes if r % 2 == 0 else list(reversed(codes)):
            p = procs[c]
            assert p.stdin is not None and p.stdout is not None
            p.stdin.write("pass\n")
            p.stdin.flush()
            times[c].append(json.loads(p.stdout.readline()))
        print(f"round {r + 1}: " + ", ".join(f"{c} {times[c][-1]:.2f}" for c in codes),
              flush=True)
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.close()
        p.wait()
    for c in codes:
        print(f"{c}: median {statistics.median(times[c]):.2f} ms/doc, min {min(times[c]):.2f}")
    ref = codes[0]
    for c in codes[1:]:
        ratio = statistics.median(a / b for a, b in zip(times[c], times[ref], strict=True))
        print(f"{c} / {ref}: median of the per-round ratios {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
