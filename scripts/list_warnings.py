"""Print every `warning` finding of a run with the document sentence it points at.

    .venv/bin/python scripts/list_warnings.py OUT_DIR [--rule PREFIX] [--severity warning]

For each finding: its rule, document and message, then the sentence of `text/<doc_id>.txt` that
holds the evidence span, with the span marked [[like this]]. Other amounts or names that the
message quotes ('…') and that occur in the document are shown in their sentences too, so that a
reader can judge whether the document really says one thing twice in two ways without opening
the file. Used to read the warnings by hand (docs/quality/warnings.md).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text import sentence_spans  # noqa: E402

QUOTED = re.compile(r"'([^']{2,200})'")
MAX_SENTENCE = 400


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around [start, end) with the span marked, shortened around the span."""
    s0, s1 = next(((s, e) for s, e in sentence_spans(text) if s <= start < e),
                  (max(0, start - 150), min(len(text), end + 150)))
    s1 = max(s1, end)
    if s1 - s0 > MAX_SENTENCE:
        s0, s1 = max(s0, start - MAX_SENTENCE // 2), min(s1, end + MAX_SENTENCE // 2)
    shown = f"{text[s0:start]}[[{text[start:end]}]]{text[end:s1]}"
    return " ".join(shown.split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--rule", default="", help="only rules whose id starts with this")
    ap.add_argument("--severity", default="warning")
    args = ap.parse_args(argv)
    with (args.out_dir / "validation.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh)
                if r["severity"] == args.severity and r["rule"].startswith(args.rule)]
    texts: dict[str, str] = {}
    for i, r in enumerate(rows, 1):
        doc = r["doc_id"]
        if doc and doc not in texts:
            path = args.out_dir / "text" / f"{doc}.txt"
            texts[doc] = path.read_text(encoding="utf-8") if path.exists() else ""
        text = texts.get(doc, "")
        print(f"#{i} {r['rule']}  {doc}  {r['project_id']}")
        print(f"   {r['message']}")
        if text and r["char_start"]:
            a, b = int(r["char_start"]), int(r["char_end"])
            print(f"   > {_sentence(text, a, b)}")
            for q in dict.fromkeys(QUOTED.findall(r["message"])):
                k = text.find(q)
                if q != r["text"] and k >= 0:
                    print(f"   > {_sentence(text, k, k + len(q))}")
        print()
    counts = Counter(r["rule"] for r in rows)
    for rule_id, n in sorted(counts.items()):
        print(f"{n:5d}  {rule_id}")
    print(f"{len(rows):5d}  {args.severity} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
