"""Shared pieces of the evaluation: scores, reading output and gold folders, text keys."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

GROUPS = ("partners", "dates", "budgets", "participants", "contacts")
LANGUAGES = ("lv", "en", "ru")

Row = dict[str, str]


@dataclass
class Score:
    """Counts and the measures derived from them."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Score:
        """Build a score; a 0/0 precision or recall is 1.0 only when nothing was to be found
        and nothing was found, else 0.0."""
        empty = tp + fp + fn == 0
        precision = tp / (tp + fp) if tp + fp else (1.0 if empty else 0.0)
        recall = tp / (tp + fn) if tp + fn else (1.0 if empty else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(tp, fp, fn, precision, recall, f1)


@dataclass
class Counts:
    """Mutable tp/fp/fn tally, turned into a `Score` at the end."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def score(self) -> Score:
        return Score.from_counts(self.tp, self.fp, self.fn)


@dataclass
class Ratio:
    """An accuracy: how many of `total` cases were right. No cases gives no value (n/a),
    so an empty measure is never mistaken for a perfect or a failed one."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def merge(self, other: Ratio) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def text(self) -> str:
        value = self.value
        return "n/a" if value is None else f"{self.correct}/{self.total} = {value:.3f}"


def sum_counts(parts: Iterable[dict[str, Counts]]) -> dict[str, Counts]:
    """Per-group totals of several per-group tallies, plus 'overall' (micro: all groups pooled)."""
    totals = {g: Counts() for g in GROUPS}
    for part in parts:
        for g in GROUPS:
            totals[g].add(part[g])
    overall = Counts()
    for g in GROUPS:
        overall.add(totals[g])
    return {**totals, "overall": overall}


def scores(counts: dict[str, Counts]) -> dict[str, Score]:
    return {name: c.score() for name, c in counts.items()}


# --------------------------------------------------------------------------- reading


def read_csv(path: Path) -> list[Row]:
    """Rows of a CSV as dicts of stripped strings; a missing or empty file gives no rows."""
    if not path.is_file():
        return []
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        return []
    return [
        {str(k): ("" if v is None else str(v)).strip() for k, v in rec.items()}
        for rec in frame.to_dict(orient="records")
    ]


def by_doc(rows: Iterable[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row.get("doc_id", ""), []).append(row)
    return out


def load_gold(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    golds = []
    for path in sorted(gold_dir.rglob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read gold file: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}: gold file must hold a JSON object")
        golds.append((path, data))
    return golds


def gold_file_name(path: Path, gold: dict[str, Any]) -> str:
    name = gold.get("file")
    if isinstance(name, str) and name.strip():
        return PurePosixPath(name.strip().replace("\\", "/")).name
    return path.name[: -len(".gold.json")]


def gold_doc_id(path: Path, gold: dict[str, Any]) -> str:
    gid = gold.get("id")
    if isinstance(gid, str) and gid.strip():
        return gid.strip()
    return path.name[: -len(".gold.json")]


def gold_language(gold: dict[str, Any], doc_id: str) -> str:
    """The language a document is scored under: the first of the gold's `lang` list (its main
    language; a bilingual or mix-* document counts once, under the language listed first),
    else the id prefix (`lv-…`, `en_…`), else '?'."""
    langs = gold.get("lang")
    if isinstance(langs, str):
        langs = [langs]
    if isinstance(langs, list):
        for lang in langs:
            if isinstance(lang, str) and lang.strip():
                return lang.strip().lower()
    prefix = re.split(r"[-_]", doc_id, maxsplit=1)[0].lower()
    return prefix if prefix in LANGUAGES else "?"


def match_document(
    path: Path, gold: dict[str, Any], gold_dir: Path, documents: list[Row]
) -> Row | None:
    """The documents.csv row for a gold file: same basename of `source_path`; among several,
    the one whose path ends with the gold file's relative path, then the one with equal sha256."""
    name = gold_file_name(path, gold)
    candidates = [
        d
        for d in documents
        if PurePosixPath(d.get("source_path", "").replace("\\", "/")).name == name
    ]
    if len(candidates) > 1:
        rel_parts = path.parent.relative_to(gold_dir).parts + (name,)
        by_path = [
            d
            for d in candidates
            if PurePosixPath(d.get("source_path", "").replace("\\", "/")).parts[-len(rel_parts) :]
            == rel_parts
        ]
        candidates = by_path or candidates
    if len(candidates) > 1 and gold.get("sha256"):
        by_sha = [d for d in candidates if d.get("sha256", "").lower() == gold["sha256"].lower()]
        candidates = by_sha or candidates
    if not candidates:
        return None
    return sorted(candidates, key=lambda d: (d.get("source_path", ""), d.get("doc_id", "")))[0]


# --------------------------------------------------------------------------- text helpers


def nfc(text: Any) -> str:
    return unicodedata.normalize("NFC", "" if text is None else str(text)).strip()


def fold(text: Any) -> str:
    """Casefold and drop diacritics."""
    decomposed = unicodedata.normalize("NFKD", nfc(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def alnum_key(text: Any) -> str:
    """Folded letters and digits only: 'LLII – 059' and 'llii-059' give 'llii059', so
    identifiers compare across case, dashes, spaces, dots and quotes."""
    return "".join(c for c in fold(text) if c.isalnum())


def to_float(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) else float(value)
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths); returns gold index -> pred index."""
    adj = [[p for p in range(n_pred) if ok(g, p)] for g in range(n_gold)]
    pred_to_gold: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in adj[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in pred_to_gold or augment(pred_to_gold[p], seen):
                pred_to_gold[p] = g
                return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return {g: p for p, g in pred_to_gold.items()}


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
