"""Merging the facts of a project's documents into one `projects.csv` row.

Each document of a project states at most one value per field (how, per field, is in
`_doc_values`); the merged value follows one rule for every field:

1. a value stated by a project description beats one stated only by press releases or other
   documents (descriptions are structured and written by the project itself);
2. among values of equal standing, the one stated by more documents wins;
3. then the one from the first document in `doc_id` order.

Values are compared by a key, not as written: case, diacritics and punctuation do not count for
names, a partner is its `partner_id`, amounts within rounding (1 EUR or 0.5 %) are one amount.
Every other value becomes a `Disagreement`, which validation turns into a finding (or, for two
spellings of one title, a spelling-variant finding). A document that states two different amounts
for one budget line keeps its first (validate.budget judges whether the two disagree).
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.extract.money import fmt
from pipeline.link import ProjectGroup, acronym_key, number_key, title_lang, title_words
from pipeline.model import Fact
from pipeline.seam import DocResult
from pipeline.text import sentence_spans

BUDGET_KINDS = ("total", "eu", "state", "municipal", "prefinancing", "partner")
SUMMED_KINDS = ("partner",)  # several partners' shares in one document add up
DOC_RANK = {"project_description": 0, "press_release": 1}
LINK_SEPARATOR = " | "  # between link decisions in projects.link_evidence
NOT_LINKED = "not linked: "


@dataclass
class Value:
    """One document's value for a field: `key` compares, `shown` is written to projects.csv."""

    key: object
    shown: str
    doc_id: str
    fact: Fact | None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Disagreement:
    field: str
    chosen: Value
    other: Value


@dataclass
class MergedProject:
    row: dict[str, object]
    chosen: dict[str, Value] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)


def same_amount(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(Decimal(1), max(abs(a), abs(b)) * Decimal("0.005"))


class _AmountKey:
    """An amount that equals another within rounding (hashing by the rounded thousand would
    split near values, so `_amount_groups` compares it with the groups' first amounts near it)."""

    def __init__(self, value: Decimal) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _AmountKey) and same_amount(self.value, other.value)

    __hash__ = None  # type: ignore[assignment]


def _info_value(result: DocResult, name: str, key: Callable[[str], object]) -> Value | None:
    facts = sorted((f for f in result.facts if f.table == "project_info"
                    and f.values["field"] == name), key=lambda f: f.start)
    if not facts:
        return None
    f = facts[0]
    return Value(key(str(f.values["value"])), str(f.values["value"]), f.doc_id, f)


def _titles(result: DocResult) -> dict[str, Value]:
    """The document's first title per language ('title_en' facts are English)."""
    out: dict[str, Value] = {}
    facts = sorted((f for f in result.facts if f.table == "project_info"
                    and f.values["field"] in ("title", "title_en")), key=lambda f: f.start)
    for f in facts:
        value = str(f.values["value"])
        if title_words(value):
            out.setdefault(title_lang(result, f),
                           Value(tuple(title_words(value)), value, f.doc_id, f))
    return out


def _lead(result: DocResult) -> Value | None:
    partners = [f for f in result.facts if f.table == "partners"]
    f = next((f for f in partners if f.values.get("role") == "lead"), None) or next(
        (f for f in partners if f.values.get("role") == "applicant"), None)
    if f is None:
        return None
    return Value(f.values.get("partner_id") or f.values.get("name_normalized"),
                 str(f.values.get("name_normalized") or f.text), f.doc_id, f,
                 {"country": str(f.values.get("country") or "")})


def _period(result: DocResult) -> Value | None:
    for f in sorted(result.facts, key=lambda f: f.start):
        v = f.values
        if f.table == "dates" and v.get("kind") == "implementation" and v.get("start_date") \
                and v.get("end_date"):
            return Value((v["start_date"], v["end_date"]), f"{v['start_date']} – {v['end_date']}",
                         f.doc_id, f, {"start": v["start_date"], "end": v["end_date"]})
    return None


def _budget(result: DocResult) -> dict[str, Value]:
    """Per budget kind the document's amount: the first one stated (a summed one for partners'
    shares)."""
    by_kind: dict[str, list[Fact]] = defaultdict(list)
    for f in sorted(result.facts, key=lambda f: f.start):
        if f.table == "budgets" and f.values.get("amount_eur") and \
                f.values.get("kind") in BUDGET_KINDS:
            by_kind[f.values["kind"]].append(f)
    out = {}
    for kind, facts in by_kind.items():
        distinct: list[Fact] = []
        for f in facts:
            if not any(same_amount(Decimal(f.values["amount_eur"]), Decimal(d.values["amount_eur"]))
                       for d in distinct):
                distinct.append(f)
        if kind in SUMMED_KINDS:
            amount = sum((Decimal(f.values["amount_eur"]) for f in distinct), Decimal(0))
        else:
            amount = Decimal(distinct[0].values["amount_eur"])
        out[kind] = Value(_AmountKey(amount), fmt(amount), result.doc.doc_id, distinct[0])
    return out


def _same_sentence(spans: Sequence[tuple[int, int]], a: Fact, b: Fact) -> bool:
    return any(s <= a.start < e and s <= b.start < e for s, e in spans)


def _stated_counts(result: DocResult) -> dict[str, Value]:
    """Stated numbers of partners and countries: the largest partner count of the document,
    and a country count in the same sentence as a partner count ('8 partneri no 7 valstīm')."""
    counts = [f for f in result.facts if f.table == "participants"]
    partners = [f for f in counts if f.values.get("unit") == "partners"]
    out: dict[str, Value] = {}
    if not partners:
        return out
    top = max(partners, key=lambda f: (int(f.values["count"]), -f.start))
    out["n_partners_stated"] = Value(int(top.values["count"]), str(top.values["count"]),
                                     top.doc_id, top)
    spans = sentence_spans(result.doc.text)
    paired = [f for f in counts if f.values.get("unit") == "countries"
              and any(_same_sentence(spans, f, p) for p in partners)]
    if paired:
        f = paired[0]
        out["n_countries_stated"] = Value(int(f.values["count"]), str(f.values["count"]),
                                          f.doc_id, f)
    return out


def _doc_values(result: DocResult, merged: MergedProject) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for name, key in (("acronym", acronym_key), ("project_number", number_key),
                      ("programme", str.casefold)):
        v = _info_value(result, name, key)
        if v:
            values[name] = v
    for lang, v in _titles(result).items():
        values[f"title:{lang}"] = v
    for name, v in (("lead_partner", _lead(result)), ("period", _period(result))):
        if v:
            values[name] = v
    values.update({f"{k}_eur": v for k, v in _budget(result).items()})
    values.update(_stated_counts(result))
    return values


# Amounts within this share of the larger one's size of each other may be the same amount:
# |a - b| <= 0.005 * max(|a|, |b|) <= 0.005 * (|a| + |a - b|) gives |a - b| <= |a| * 0.005 / 0.995
# (0.0050251...), rounded up.
_AMOUNT_REACH = Decimal("0.00503")


def _amount_groups(values: list[Value]) -> list[list[Value]]:
    """`values` (keys `_AmountKey`) grouped as by a scan of the groups so far for the first
    whose first amount is the same within rounding; the candidates are found by bisecting the
    groups' first amounts (a big project's hundreds of amounts are not compared pairwise)."""
    groups: list[list[Value]] = []
    firsts: list[tuple[Decimal, int]] = []  # (first amount, group number), sorted
    for v in values:
        a = v.key.value  # type: ignore[attr-defined]
        reach = max(Decimal(1), abs(a) * _AMOUNT_REACH)
        lo = bisect_left(firsts, (a - reach, -1))
        hi = bisect_right(firsts, (a + reach, len(groups)))
        hits = [n for b, n in firsts[lo:hi] if same_amount(b, a)]
        if hits:
            groups[min(hits)].append(v)
        else:
            insort(firsts, (a, len(groups)))
            groups.append([v])
    return groups


def _key_groups(values: list[Value]) -> list[list[Value]]:
    """`values` grouped by equal keys, groups in the order of their first value."""
    if values and all(isinstance(v.key, _AmountKey) for v in values):
        return _amount_groups(values)
    groups: list[list[Value]] = []
    by_key: dict[object, list[Value]] = {}
    for v in values:
        try:
            g = by_key.get(v.key)
        except TypeError:  # an unhashable key: compared with each group's first
            g = next((g for g in groups if g[0].key == v.key), None)
        if g is None:
            g = [v]
            groups.append(g)
            with contextlib.suppress(TypeError):
                by_key[v.key] = g
        else:
            g.append(v)
    return groups


def _choose(field_name: str, values: list[Value], rank: dict[str, tuple[int, str]],
            merged: MergedProject) -> Value:
    groups = _key_groups(values)
    groups.sort(key=lambda g: (min(rank[v.doc_id][0] for v in g), -len({v.doc_id for v in g}),
                               min(rank[v.doc_id][1] for v in g)))
    chosen = min(groups[0], key=lambda v: rank[v.doc_id])
    for g in groups[1:]:
        merged.disagreements.append(
            Disagreement(field_name, chosen, min(g, key=lambda v: rank[v.doc_id])))
    return chosen


def merge_project(results: list[DocResult], group: ProjectGroup) -> MergedProject:
    """The projects.csv row of a group of documents, with the disagreements between them."""
    merged = MergedProject(row={})
    rank = {r.doc.doc_id: (DOC_RANK.get(r.doc.doc_type, 2), r.doc.doc_id) for r in results}
    per_field: dict[str, list[Value]] = defaultdict(list)
    countries: set[str] = set()
    for r in sorted(results, key=lambda r: r.doc.doc_id):
        for name, v in _doc_values(r, merged).items():
            per_field[name].append(v)
        for f in r.facts:
            if f.table in ("partners", "partner_countries") and f.values.get("country"):
                countries.add(str(f.values["country"]))
    chosen = {name: _choose(name, vs, rank, merged) for name, vs in sorted(per_field.items())}
    merged.chosen = chosen
    title_langs = sorted((k.split(":", 1)[1] for k in chosen if k.startswith("title:")),
                         key=lambda lang: (lang == "en", -len(per_field[f"title:{lang}"]), lang))

    def shown(name: str) -> str:
        return chosen[name].shown if name in chosen else ""

    lead = chosen.get("lead_partner")
    period = chosen.get("period")
    merged.row = {
        "project_id": group.project_id,
        "acronym": shown("acronym"),
        "title": shown(f"title:{title_langs[0]}") if title_langs else "",
        "title_en": shown("title:en"),
        "programme": shown("programme"),
        "project_number": shown("project_number"),
        "lead_partner": lead.shown if lead else "",
        "lead_country": lead.extra["country"] if lead else "",
        "start_date": period.extra["start"] if period else "",
        "end_date": period.extra["end"] if period else "",
        **{f"{k}_eur": shown(f"{k}_eur") for k in ("total", "eu", "state", "municipal")},
        "n_partners_stated": shown("n_partners_stated"),
        "n_countries_stated": shown("n_countries_stated"),
        "doc_ids": ";".join(group.doc_ids),
        "prefinancing_eur": shown("prefinancing_eur"),
        "partner_eur": shown("partner_eur"),
        "partner_countries": ";".join(sorted(countries)),
        "link_evidence": link_evidence(group),
    }
    return merged


def link_evidence(group: ProjectGroup) -> str:
    """projects.link_evidence: why the group's documents were linked, then the related-looking
    documents kept apart. The only part of a project's row that documents outside the project
    can change (a rerun replaces just this cell when nothing else about the project did)."""
    return LINK_SEPARATOR.join(group.evidence + [f"{NOT_LINKED}{note}" for note in group.apart])
