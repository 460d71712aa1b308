"""Check that report.py writes the same bytes as the report.py of another git revision.

    .venv/bin/python scripts/report_equivalence.py OUT_DIR [OUT_DIR ...] [--rev HEAD]

For each pipeline output folder (CSVs + text/), renders report.html with the working tree's
`pipeline.report.render_report` and with `render_report` of pipeline/report.py at git revision
REV (default HEAD: a change in progress that must not alter the page), and compares the bytes.
Exit status 1 when any differ. It showed the streaming writer identical to 400de53, the last
revision before the report was streamed (the page has since gained its <noscript> notes).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from report_bench import load_outputs  # noqa: E402

from pipeline.report import render_report  # noqa: E402

DEFAULT_REV = "HEAD"


def old_module(rev: str):  # noqa: ANN201 (a module loaded from git)
    source = subprocess.run(["git", "show", f"{rev}:pipeline/report.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "report_old.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("report_old", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_old"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", type=Path)
    ap.add_argument("--rev", default=DEFAULT_REV)
    args = ap.parse_args()
    old = old_module(args.rev)
    failed = 0
    for out in args.outs:
        frames, texts = load_outputs(out)
        same = render_report(frames, texts) == old.render_report(frames, texts)
        failed += not same
        print(f"{'same' if same else 'DIFFERENT'}  {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
