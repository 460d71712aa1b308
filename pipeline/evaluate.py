"""Score a `pipeline run` output folder against hand-made gold files (`*.gold.json`).

Five groups are scored per document and overall: partners (with partner countries), dates,
budgets, participants and contacts. Each output row and each gold fact is used at most once
(maximum one-to-one matching); `EvalResult.mismatches` says in words what was missed or invented.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

GROUPS = ("partners", "dates", "budgets", "participants", "contacts")
NAME_THRESHOLD = 80  # rapidfuzz token_set_ratio on casefolded partner names
LVL_PER_EUR = 0.702804

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
class EvalResult:
    """The outcome of `evaluate`."""

    groups: dict[str, Score]
    per_document: dict[str, dict[str, Score]]
    mismatches: list[str]
    documents_matched: int
    gold_documents: int
    date_kinds_correct: int = 0  # matched date keys whose kind agrees with gold
    date_kinds_total: int = 0  # matched date keys


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: _Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def score(self) -> Score:
        return Score.from_counts(self.tp, self.fp, self.fn)


@dataclass
class _DocOutcome:
    counts: dict[str, _Counts] = field(default_factory=lambda: {g: _Counts() for g in GROUPS})
    mismatches: list[str] = field(default_factory=list)
    kinds_correct: int = 0
    kinds_total: int = 0


# --------------------------------------------------------------------------- reading


def _read_csv(path: Path) -> list[Row]:
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


def _by_doc(rows: Iterable[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row.get("doc_id", ""), []).append(row)
    return out


def _load_gold(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
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


def _gold_file_name(path: Path, gold: dict[str, Any]) -> str:
    name = gold.get("file")
    if isinstance(name, str) and name.strip():
        return PurePosixPath(name.strip().replace("\\", "/")).name
    return path.name[: -len(".gold.json")]


def _gold_doc_id(path: Path, gold: dict[str, Any]) -> str:
    gid = gold.get("id")
    if isinstance(gid, str) and gid.strip():
        return gid.strip()
    return path.name[: -len(".gold.json")]


def _match_document(
    path: Path, gold: dict[str, Any], gold_dir: Path, documents: list[Row]
) -> Row | None:
    """The documents.csv row for a gold file: same basename of `source_path`; among several,
    the one whose path ends with the gold file's relative path, then the one with equal sha256."""
    name = _gold_file_name(path, gold)
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


# --------------------------------------------------------------------------- helpers


def _nfc(text: Any) -> str:
    return unicodedata.normalize("NFC", "" if text is None else str(text)).strip()


def _fold(text: Any) -> str:
    """Casefold and drop diacritics."""
    decomposed = unicodedata.normalize("NFKD", _nfc(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _to_float(value: Any) -> float | None:
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


def _max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> dict[int, int]:
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


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- partners


@dataclass
class _PredPartner:
    names: list[str]
    cities: set[str]
    countries: set[str]
    text: str


def _group_partners(rows: list[Row]) -> list[_PredPartner]:
    """Rows with a name, grouped by partner_id (by folded name when partner_id is empty)."""
    groups: dict[str, _PredPartner] = {}
    for row in rows:
        name = _nfc(row.get("name"))
        if not name:
            continue
        pid = row.get("partner_id", "")
        key = f"id:{pid}" if pid else f"name:{_fold(row.get('name_normalized') or name)}"
        part = groups.setdefault(key, _PredPartner([], set(), set(), row.get("text", "")))
        for value in (name, _nfc(row.get("name_normalized"))):
            if value and value not in part.names:
                part.names.append(value)
        if row.get("city"):
            part.cities.add(_nfc(row["city"]).casefold())
        part.countries.add(row.get("country", "").upper())
    return list(groups.values())


def _partner_ok(gold: dict[str, Any], pred: _PredPartner) -> bool:
    country = _nfc(gold.get("country")).upper()
    if country not in pred.countries:
        return False
    gname = _nfc(gold.get("name")).casefold()
    if gname and any(
        fuzz.token_set_ratio(gname, n.casefold()) >= NAME_THRESHOLD for n in pred.names
    ):
        return True
    gcity = _nfc(gold.get("city")).casefold()
    return bool(gcity) and gcity in pred.cities


def _describe_partner(name: str, city: str, country: str) -> str:
    where = ", ".join(x for x in (city, country) if x)
    return f"'{name}'" + (f" ({where})" if where else "")


def _score_partners(
    doc_id: str,
    gold: dict[str, Any],
    rows: list[Row],
    pred_countries: set[str],
    out: _DocOutcome,
) -> None:
    golds = [p for p in gold.get("partners") or [] if isinstance(p, dict)]
    preds = _group_partners(rows)
    match = _max_matching(len(golds), len(preds), lambda g, p: _partner_ok(golds[g], preds[p]))
    counts = out.counts["partners"]
    counts.tp += len(match)
    counts.fn += len(golds) - len(match)
    counts.fp += len(preds) - len(match)
    for g, gp in enumerate(golds):
        if g not in match:
            desc = _describe_partner(
                _nfc(gp.get("name")), _nfc(gp.get("city")), _nfc(gp.get("country"))
            )
            out.mismatches.append(f"missing partner {desc} in {doc_id}")
    used = set(match.values())
    for p, pp in enumerate(preds):
        if p not in used:
            desc = _describe_partner(
                pp.names[0],
                ";".join(sorted(pp.cities)),
                ";".join(sorted(c for c in pp.countries if c)),
            )
            out.mismatches.append(f"spurious partner {desc} in {doc_id} (text: {_quote(pp.text)})")

    if "partner_countries" not in gold:
        return  # no gold statement about partner countries: not scored
    gold_countries = {_nfc(c).upper() for c in gold.get("partner_countries") or [] if c}
    counts.tp += len(gold_countries & pred_countries)
    for c in sorted(gold_countries - pred_countries):
        counts.fn += 1
        out.mismatches.append(f"missing partner country {c} in {doc_id}")
    for c in sorted(pred_countries - gold_countries):
        counts.fp += 1
        out.mismatches.append(f"spurious partner country {c} in {doc_id}")


# --------------------------------------------------------------------------- keyed groups


def _score_keyed(
    group: str,
    doc_id: str,
    gold_keys: dict[Any, dict[str, Any]],
    pred_keys: dict[Any, dict[str, Any]],
    describe: Callable[[Any, dict[str, Any]], str],
    out: _DocOutcome,
) -> None:
    """Set comparison of collapsed keys; each side maps key -> {'text': first text, ...}."""
    counts = out.counts[group]
    counts.tp += len(gold_keys.keys() & pred_keys.keys())
    for key, info in gold_keys.items():
        if key not in pred_keys:
            counts.fn += 1
            out.mismatches.append(
                f"missing {describe(key, info)} in {doc_id} (gold text: {_quote(info['text'])})"
            )
    for key, info in pred_keys.items():
        if key not in gold_keys:
            counts.fp += 1
            out.mismatches.append(
                f"spurious {describe(key, info)} in {doc_id} (text: {_quote(info['text'])})"
            )


def _collapse(items: Iterable[tuple[Any, str, str]]) -> dict[Any, dict[str, Any]]:
    """(key, kind, text) triples -> key -> {'text': first text, 'kinds': set of kinds}."""
    out: dict[Any, dict[str, Any]] = {}
    for key, kind, text in items:
        info = out.setdefault(key, {"text": text, "kinds": set()})
        if kind:
            info["kinds"].add(kind)
    return out


def _gold_date_key(d: dict[str, Any]) -> tuple[str, str]:
    start = _nfc(d.get("start"))
    end = _nfc(d.get("end")) or start
    return start, end


def _pred_date_key(row: Row) -> tuple[str, str]:
    start = row.get("start_date", "")
    if not start and row.get("month_day_start"):
        start = "????-" + row["month_day_start"]
    end = row.get("end_date", "")
    if not end and row.get("month_day_end"):
        end = "????-" + row["month_day_end"]
    return start, end or start


def _score_dates(doc_id: str, gold: dict[str, Any], rows: list[Row], out: _DocOutcome) -> None:
    golds = _collapse(
        (_gold_date_key(d), _nfc(d.get("kind")), _nfc(d.get("text")))
        for d in gold.get("dates") or []
        if isinstance(d, dict)
    )
    preds = _collapse((_pred_date_key(r), r.get("kind", ""), r.get("text", "")) for r in rows)

    def describe(key: Any, info: dict[str, Any]) -> str:
        span = key[0] if key[0] == key[1] else f"{key[0]}..{key[1]}"
        kinds = "/".join(sorted(info["kinds"])) or "?"
        return f"date {kinds} {span}"

    _score_keyed("dates", doc_id, golds, preds, describe, out)
    for key in golds.keys() & preds.keys():
        out.kinds_total += 1
        if golds[key]["kinds"] & preds[key]["kinds"]:
            out.kinds_correct += 1
        else:
            out.mismatches.append(
                f"wrong date kind {'/'.join(sorted(preds[key]['kinds'])) or '?'} for "
                f"{key[0]}..{key[1]} in {doc_id} "
                f"(gold kind: {'/'.join(sorted(golds[key]['kinds'])) or '?'})"
            )


def _eur(amount_eur: Any, amount: Any, currency: Any) -> float | None:
    """amount_eur, else the written amount converted from EUR (or LVL at the fixed rate)."""
    value = _to_float(amount_eur)
    if value is not None:
        return round(value, 2)
    value = _to_float(amount)
    cur = _nfc(currency).upper()
    if value is None:
        return None
    if cur in ("", "EUR"):
        return round(value, 2)
    if cur == "LVL":
        return round(value / LVL_PER_EUR, 2)
    return None


def _score_budgets(doc_id: str, gold: dict[str, Any], rows: list[Row], out: _DocOutcome) -> None:
    golds = _collapse(
        (
            (_nfc(b.get("kind")), _eur(b.get("amount_eur"), b.get("amount"), b.get("currency"))),
            "",
            _nfc(b.get("text")),
        )
        for b in gold.get("budgets") or []
        if isinstance(b, dict)
    )
    preds = _collapse(
        (
            (r.get("kind", ""), _eur(r.get("amount_eur"), r.get("amount"), r.get("currency"))),
            "",
            r.get("text", ""),
        )
        for r in rows
    )

    def describe(key: Any, info: dict[str, Any]) -> str:
        return f"budget {key[0] or '?'} {key[1]} EUR"

    _score_keyed("budgets", doc_id, golds, preds, describe, out)


def _count(value: Any) -> int | None:
    number = _to_float(value)
    return None if number is None else int(round(number))


def _score_participants(
    doc_id: str, gold: dict[str, Any], rows: list[Row], out: _DocOutcome
) -> None:
    golds = _collapse(
        ((_count(p.get("count")), _nfc(p.get("unit"))), "", _nfc(p.get("text")))
        for p in gold.get("participants") or []
        if isinstance(p, dict)
    )
    preds = _collapse(
        ((_count(r.get("count")), r.get("unit", "")), "", r.get("text", "")) for r in rows
    )

    def describe(key: Any, info: dict[str, Any]) -> str:
        return f"participants {key[0]} {key[1] or '?'}"

    _score_keyed("participants", doc_id, golds, preds, describe, out)


# --------------------------------------------------------------------------- contacts


def _name_tokens(name: str) -> list[str]:
    """Folded name tokens; 'J.Reča-Lāže' -> ['j', 'recalaze']."""
    tokens = _fold(name).replace(".", ". ").split()
    return [t for t in (re.sub(r"[\W_]", "", tok) for tok in tokens) if t]


def _names_match(a: str, b: str) -> bool:
    """Same surname (last token, diacritics and hyphens ignored) and compatible first names:
    equal, or one is an initial of the other, or one side has no first name."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    fa, fb = ta[:-1], tb[:-1]
    if not fa or not fb:
        return True
    x, y = fa[0], fb[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


def _phone(value: Any) -> str:
    text = _nfc(value)
    digits = re.sub(r"\D", "", text)
    return ("+" if text.startswith("+") else "") + digits if digits else ""


@dataclass
class _PredContact:
    names: list[str]
    phones: set[str]
    emails: set[str]
    text: str


def _group_contacts(rows: list[Row]) -> list[_PredContact]:
    """Collapse rows that share a person_id or a normalized name (union-find)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by: dict[str, int] = {}
    for i, row in enumerate(rows):
        keys = []
        if row.get("person_id"):
            keys.append("id:" + row["person_id"])
        norm = " ".join(_name_tokens(row.get("name", "")))
        if norm:
            keys.append("name:" + norm)
        for key in keys:
            if key in first_by:
                parent[find(i)] = find(first_by[key])
            else:
                first_by[key] = i
    groups: dict[int, _PredContact] = {}
    for i, row in enumerate(rows):
        c = groups.setdefault(find(i), _PredContact([], set(), set(), row.get("text", "")))
        name = _nfc(row.get("name"))
        if name not in c.names:
            c.names.append(name)
        if _phone(row.get("phone")):
            c.phones.add(_phone(row.get("phone")))
        if row.get("email"):
            c.emails.add(_nfc(row["email"]).casefold())
    return [groups[k] for k in sorted(groups)]


def _contact_ok(gold: dict[str, Any], pred: _PredContact) -> bool:
    gphone = _phone(gold.get("phone"))
    gemail = _nfc(gold.get("email")).casefold()
    if gphone and gphone not in pred.phones:
        return False
    if gemail and gemail not in pred.emails:
        return False
    gname = _nfc(gold.get("name"))
    if not gname:
        return bool(gphone or gemail) and "" in pred.names
    return any(n and _names_match(gname, n) for n in pred.names)


def _score_contacts(doc_id: str, gold: dict[str, Any], rows: list[Row], out: _DocOutcome) -> None:
    golds = [c for c in gold.get("contacts") or [] if isinstance(c, dict)]
    preds = _group_contacts(rows)
    match = _max_matching(len(golds), len(preds), lambda g, p: _contact_ok(golds[g], preds[p]))
    counts = out.counts["contacts"]
    counts.tp += len(match)
    counts.fn += len(golds) - len(match)
    counts.fp += len(preds) - len(match)

    def describe(name: str, phones: Sequence[str], emails: Sequence[str]) -> str:
        extra = ", ".join([*phones, *emails])
        return f"contact '{name}'" + (f" ({extra})" if extra else "")

    for g, gc in enumerate(golds):
        if g not in match:
            phones = [_phone(gc.get("phone"))] if gc.get("phone") else []
            emails = [_nfc(gc.get("email"))] if gc.get("email") else []
            out.mismatches.append(
                f"missing {describe(_nfc(gc.get('name')), phones, emails)} in {doc_id}"
            )
    used = set(match.values())
    for p, pc in enumerate(preds):
        if p not in used:
            name = next((n for n in pc.names if n), "")
            desc = describe(name, sorted(pc.phones), sorted(pc.emails))
            out.mismatches.append(f"spurious {desc} in {doc_id} (text: {_quote(pc.text)})")


# --------------------------------------------------------------------------- main


def _predicted_countries(
    doc: Row, partner_countries: dict[str, list[Row]] | None, projects: dict[str, Row]
) -> set[str]:
    """From partner_countries.csv when that file exists, else projects.csv partner_countries."""
    if partner_countries is not None:
        rows = partner_countries.get(doc.get("doc_id", ""), [])
        return {r.get("country", "").upper() for r in rows if r.get("country")}
    project = projects.get(doc.get("project_id", ""), {}) if doc.get("project_id") else {}
    cell = project.get("partner_countries", "")
    return {c.strip().upper() for c in cell.split(";") if c.strip()}


def evaluate(out_dir: Path, gold_dir: Path) -> EvalResult:
    """Score the output folder `out_dir` against the `*.gold.json` files under `gold_dir`."""
    out_dir, gold_dir = Path(out_dir), Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold folder not found: {gold_dir}")
    if not out_dir.is_dir():
        raise FileNotFoundError(f"output folder not found: {out_dir}")

    documents = _read_csv(out_dir / "documents.csv")
    tables = {g: _by_doc(_read_csv(out_dir / f"{g}.csv")) for g in GROUPS}
    pc_path = out_dir / "partner_countries.csv"
    partner_countries = _by_doc(_read_csv(pc_path)) if pc_path.is_file() else None
    projects = {r.get("project_id", ""): r for r in _read_csv(out_dir / "projects.csv")}

    totals = {g: _Counts() for g in GROUPS}
    per_document: dict[str, dict[str, Score]] = {}
    mismatches: list[str] = []
    matched = kinds_correct = kinds_total = 0
    golds = _load_gold(gold_dir)

    for path, gold in golds:
        doc_id = _gold_doc_id(path, gold)
        doc = _match_document(path, gold, gold_dir, documents)
        out = _DocOutcome()
        if doc is None:
            out.mismatches.append(
                f"no output row for gold document {doc_id} ({_gold_file_name(path, gold)}): "
                "all its facts count as missing"
            )
            doc = {}
        else:
            matched += 1
        rows = {g: tables[g].get(doc["doc_id"], []) if doc else [] for g in GROUPS}
        countries = _predicted_countries(doc, partner_countries, projects) if doc else set()
        _score_partners(doc_id, gold, rows["partners"], countries, out)
        _score_dates(doc_id, gold, rows["dates"], out)
        _score_budgets(doc_id, gold, rows["budgets"], out)
        _score_participants(doc_id, gold, rows["participants"], out)
        _score_contacts(doc_id, gold, rows["contacts"], out)

        doc_total = _Counts()
        for g in GROUPS:
            totals[g].add(out.counts[g])
            doc_total.add(out.counts[g])
        key = doc_id if doc_id not in per_document else str(path.relative_to(gold_dir))
        per_document[key] = {g: out.counts[g].score() for g in GROUPS}
        per_document[key]["overall"] = doc_total.score()
        mismatches.extend(out.mismatches)
        kinds_correct += out.kinds_correct
        kinds_total += out.kinds_total

    overall = _Counts()
    for g in GROUPS:
        overall.add(totals[g])
    groups = {g: totals[g].score() for g in GROUPS}
    groups["overall"] = overall.score()
    return EvalResult(
        groups=groups,
        per_document=per_document,
        mismatches=mismatches,
        documents_matched=matched,
        gold_documents=len(golds),
        date_kinds_correct=kinds_correct,
        date_kinds_total=kinds_total,
    )


def _table(scores: dict[str, Score]) -> list[str]:
    lines = [f"{'group':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<14} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
            f"{s.tp:>5} {s.fp:>5} {s.fn:>5}"
        )
    return lines


def format_result(result: EvalResult, verbose: bool = False) -> str:
    """A plain-text table (group | P | R | F1 | tp fp fn); verbose adds per-document tables
    and every mismatch line."""
    lines = [
        f"gold documents: {result.gold_documents}, matched to output: {result.documents_matched}",
        "",
        *_table(result.groups),
    ]
    if result.date_kinds_total:
        share = result.date_kinds_correct / result.date_kinds_total
        lines.append(
            f"date kind accuracy (matched dates): {result.date_kinds_correct}/"
            f"{result.date_kinds_total} = {share:.3f}"
        )
    else:
        lines.append("date kind accuracy (matched dates): n/a (no matched dates)")
    if verbose:
        for doc_id, scores in result.per_document.items():
            lines += ["", f"document {doc_id}", *_table(scores)]
        lines += ["", f"mismatches ({len(result.mismatches)}):"]
        lines += [f"  {m}" for m in result.mismatches] or ["  none"]
    elif result.mismatches:
        lines += ["", f"{len(result.mismatches)} mismatches (use verbose output to list them)"]
    return "\n".join(lines) + "\n"
