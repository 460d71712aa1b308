"""Per-document extraction CPU time: `pipeline.runner.process_bytes` over every .txt file of
the given folders, in this one process (no workers, no cache, no output writing), after a
warm-up pass that loads the resources and compiles what is compiled lazily.

Issue 12 allows the per-document CPU time to grow by at most 50%: run this before and after a
change on the same machine and compare the median.

    python scripts/cpu_per_doc.py FOLDER... [--repeat 5] [--glob '*.txt'] [--code CHECKOUT]

Prints ms/doc (process CPU time, `time.process_time`) for each repetition, then the median and
the minimum. `--code` imports `pipeline` from another checkout (default: this one), so two
versions can be timed one after the other under the same machine load; on a shared machine
compare the minimum of several passes, measured close together.

Before each pass the answers the pipeline remembers across documents (`language.forget`) are
cleared, so that every pass times one cold run over the files, as the warm-up's own pass did,
and not the second reading of the same texts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load(folders: list[Path], pattern: str) -> list[tuple[str, str, bytes]]:
    """(relative path, doc_id, bytes) of every matching file, in a stable order."""
    files = []
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                rel = path.relative_to(folder).as_posix()
                files.append((rel, rel.rsplit(".", 1)[0].replace("/", "__"), path.read_bytes()))
    return files


def one_pass(process: Callable[[bytes, str, str], Any],
             files: list[tuple[str, str, bytes]]) -> float:
    """CPU seconds for one pass over all files."""
    from pipeline import language

    forget = getattr(language, "forget", None)  # (absent from older checkouts)
    if forget is not None:
        forget()
    start = time.process_time()
    for rel, doc_id, data in files:
        process(data, rel, doc_id)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (default: 5)")
    parser.add_argument("--glob", default="*.txt", help="files to read (default: *.txt)")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="checkout whose pipeline package is timed (default: this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    import pipeline
    from pipeline.runner import process_bytes

    print(f"timing {Path(pipeline.__file__).parent}")
    files = load(args.folders, args.glob)
    if not files:
        print("no files found", file=sys.stderr)
        return 2
    warm = one_pass(process_bytes, files) / len(files) * 1000
    print(f"warm-up: {warm:.2f} ms/doc (resources loading, not counted)")
    times = []
    for i in range(args.repeat):
        ms = one_pass(process_bytes, files) / len(files) * 1000
        times.append(ms)
        print(f"pass {i + 1}: {ms:.2f} ms/doc")
    print(f"{len(files)} documents, {args.repeat} passes: median {statistics.median(times):.2f} "
          f"ms/doc, min {min(times):.2f} ms/doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
