"""Document-level measures: `doc_type`, the project's acronym / number / programme, and
which documents are about the same project.

The output side of the project measures is the projects.csv row of the document's project
(documents.csv `project_id`): that is what a user of the tables sees for the document.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate.common import Ratio, Row, alnum_key, fold, nfc

PROJECT_FIELDS = ("acronym", "project_number", "programme")

# Words that name the kind of programme rather than which one: "Interreg V-A Latvia-Lithuania",
# "Latvia-Lithuania Cross Border Cooperation Programme 2007-2013" and "Interreg Latvia–Lithuania"
# are one programme; "Estonia-Latvia-Russia ENPI CBC" and "Estonia–Latvia" are two.
_PROGRAMME_NOISE = frozenset({
    "programme", "programmes", "program", "programm", "cross", "border", "crossborder",
    "cooperation", "co", "operation", "cbc", "interreg", "enpi", "eni", "ipa", "the", "of",
    "within", "a",
})
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3})[abc]?$")
_PARENS = re.compile(r"\([^)]*\)")


def programme_key(value: Any) -> str:
    """Compare programmes by the words that tell them apart: folded, without parenthesised
    abbreviations, years, Interreg generations (IIIA, V-A) and generic words, as a sorted
    set, so word order ('Russia-Latvia' / 'Latvia–Russia') does not matter. A name made only
    of such words keeps its whole folded form."""
    text = fold(_PARENS.sub(" ", nfc(value)))
    words = [w for w in re.split(r"[^\w+]+", text) if w]
    kept = sorted({w for w in words
                   if w not in _PROGRAMME_NOISE and not _ROMAN.match(w)
                   and not re.fullmatch(r"\d{4}", w)})
    return " ".join(kept) if kept else " ".join(words)


def field_key(name: str, value: Any) -> str:
    """Normalised value of a project field; '' when not stated."""
    if value is None or not nfc(value):
        return ""
    return programme_key(value) if name == "programme" else alnum_key(value)


@dataclass
class FieldStats:
    """One project field over the documents: `stated` = gold states it; of those `correct`,
    `wrong` (we state another value) and `missing` (we state none); `extra` = we state one
    where the gold has none."""

    stated: int = 0
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.stated if self.stated else None

    def ratio(self) -> Ratio:
        return Ratio(self.correct, self.stated)


def gold_project(gold: dict[str, Any]) -> dict[str, Any]:
    project = gold.get("project")
    return project if isinstance(project, dict) else {}


def score_doc_type(gold: dict[str, Any], doc: Row | None, ratio: Ratio,
                   confusion: Counter[tuple[str, str]], misses: list[str]) -> None:
    """Counted over documents whose gold states a doc_type; no output row counts as wrong."""
    expected = nfc(gold.get("doc_type"))
    if not expected:
        return
    got = (doc or {}).get("doc_type", "")
    ratio.add(got == expected)
    confusion[(expected, got or "-")] += 1
    if got != expected:
        misses.append(f"wrong doc_type {got or '(none)'} (gold: {expected})")


def score_project_fields(gold: dict[str, Any], project: Row, stats: dict[str, FieldStats],
                         misses: list[str]) -> None:
    """Gold project block against the document's projects.csv row."""
    block = gold_project(gold)
    for name in PROJECT_FIELDS:
        gold_value, got = block.get(name), project.get(name, "")
        gkey, pkey = field_key(name, gold_value), field_key(name, got)
        st = stats[name]
        if not gkey:
            if pkey:
                st.extra += 1
                misses.append(f"extra {name} '{got}' (gold: none)")
            continue
        st.stated += 1
        if pkey == gkey:
            st.correct += 1
        elif pkey:
            st.wrong += 1
            misses.append(f"wrong {name} '{got}' (gold: '{nfc(gold_value)}')")
        else:
            st.missing += 1
            misses.append(f"missing {name} (gold: '{nfc(gold_value)}')")


# --------------------------------------------------------------------------- pairs


@dataclass
class PairStats:
    """Same-project pairs. Gold pairs: documents joined (transitively) by `same_project_as`
    or by sharing a project number or an acronym. Output pairs: documents with the same
    documents.csv project_id. A linked pair that is no gold pair is `wrong` when the two gold
    project blocks differ, and only `unjudged` when they are identical (e.g. both empty)."""

    gold: list[tuple[str, str]] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)
    unjudged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return len(self.found) / len(self.gold) if self.gold else None


def _block_key(gold: dict[str, Any]) -> tuple[str, ...]:
    block = gold_project(gold)
    keys = [field_key(name, block.get(name)) for name in PROJECT_FIELDS]
    keys += [alnum_key(block.get("title")), alnum_key(block.get("title_en"))]
    return tuple(keys)


def _gold_components(golds: dict[str, dict[str, Any]]) -> dict[str, str]:
    """doc_id -> representative doc_id of its gold project (union-find)."""
    parent = {d: d for d in golds}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[tuple[str, str], str] = {}
    for doc_id, gold in golds.items():
        others = gold.get("same_project_as") or []
        for other in [others] if isinstance(others, str) else others:
            if isinstance(other, str) and other in golds:
                union(doc_id, other)
        block = gold_project(gold)
        for name in ("project_number", "acronym"):
            key = field_key(name, block.get(name))
            if key:
                union(doc_id, first.setdefault((name, key), doc_id))
    return {d: find(d) for d in golds}


def score_pairs(golds: dict[str, dict[str, Any]], project_of: dict[str, str]) -> PairStats:
    """`golds`: doc_id -> gold; `project_of`: doc_id -> output project_id ('' = none)."""
    comp = _gold_components(golds)
    stats = PairStats()
    for a, b in itertools.combinations(sorted(golds), 2):
        linked = bool(project_of.get(a)) and project_of.get(a) == project_of.get(b)
        if comp[a] == comp[b]:
            stats.gold.append((a, b))
            (stats.found if linked else stats.missed).append((a, b))
        elif linked:
            same_block = _block_key(golds[a]) == _block_key(golds[b])
            (stats.unjudged if same_block else stats.wrong).append((a, b))
    return stats
