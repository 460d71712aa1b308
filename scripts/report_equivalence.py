"""Check that the report writes the same bytes as the report of another git revision.

    .venv/bin/python scripts/report_equivalence.py OUT_DIR [OUT_DIR ...] [--rev HEAD]

For each pipeline output folder (CSVs + text/), renders report.html with the working tree's
`pipeline.report.render_report` and with `render_report` of the `pipeline` tree at git revision
REV (default HEAD: a change in progress that must not alter the page), and compares the bytes.
Exit status 1 when any differ. It showed the streaming writer identical to 400de53, the last
revision before the report was streamed (the page has since gained its <noscript> notes).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))  # this tree's pipeline, not the one installed in the venv

from report_bench import load_outputs  # noqa: E402

from pipeline.report import render_report  # noqa: E402

DEFAULT_REV = "HEAD"


def old_render(rev: str, out: Path) -> str:
    """report.html as `render_report` of revision REV renders it from OUT's tables: the
    revision's `pipeline` tree (single-file report.py or the report/ package) is exported to a
    temporary folder and run in a subprocess, so the two versions never share a module."""
    tree = Path(tempfile.mkdtemp())
    archive = subprocess.run(["git", "archive", rev, "pipeline"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    code = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from report_bench import load_outputs; from pipeline.report import render_report;"
        "from pathlib import Path;"
        "sys.stdout.write(render_report(*load_outputs(Path(sys.argv[3]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tree), str(ROOT / "scripts"), str(out)],
        cwd=tree, check=True, capture_output=True,
    )
    return done.stdout.decode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", type=Path)
    ap.add_argument("--rev", default=DEFAULT_REV)
    args = ap.parse_args()
    failed = 0
    for out in args.outs:
        frames, texts = load_outputs(out)
        same = render_report(frames, texts) == old_render(args.rev, out)
        failed += not same
        print(f"{'same' if same else 'DIFFERENT'}  {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
