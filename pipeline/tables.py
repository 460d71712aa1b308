"""From processed documents to the output tables (lists of row dicts, contract columns)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.extract.money import fmt
from pipeline.link import (
    ProjectGroup,
    assign_partner_ids,
    assign_person_ids,
    link_projects,
    project_info,
)
from pipeline.model import Fact
from pipeline.runner import DocResult

Row = dict[str, object]
BUDGET_PARTS = ("eu", "state", "municipal", "partner")


@dataclass
class Archive:
    """Everything the later stages (validation, coverage, export, report) read."""

    results: list[DocResult]
    groups: list[ProjectGroup]
    project_of: dict[str, str]  # doc_id -> project_id
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # indexes, so that per-project lookups stay linear in the archive size
        self._by_doc = {r.doc.doc_id: r for r in self.results}
        self._docs_of: dict[str, list[str]] = defaultdict(list)
        for doc_id, project_id in self.project_of.items():
            self._docs_of[project_id].append(doc_id)
        self._facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for r in self.results:
            for f in r.facts:
                self._facts[(f.table, f.doc_id)].append(f)

    def facts(self, table: str, project_id: str | None = None) -> list[Fact]:
        docs = self._by_doc if project_id is None else self.docs_of(project_id)
        return [f for d in docs for f in self._facts.get((table, d), [])]

    def docs_of(self, project_id: str) -> list[str]:
        return self._docs_of.get(project_id, [])

    def result(self, doc_id: str) -> DocResult:
        return self._by_doc[doc_id]


def build_archive(results: list[DocResult]) -> Archive:
    groups = link_projects(results)
    project_of = {d: g.project_id for g in groups for d in g.doc_ids}
    all_facts = [f for r in results for f in r.facts]
    assign_partner_ids(all_facts)
    assign_person_ids(all_facts)
    archive = Archive(results, groups, project_of)
    archive.tables = fact_tables(archive)
    archive.tables["documents"] = document_rows(archive)
    archive.tables["projects"] = [project_row(archive, g) for g in groups]
    return archive


def fact_tables(archive: Archive) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = defaultdict(list)
    for r in archive.results:
        for f in sorted(r.facts, key=lambda f: (f.table, f.start, f.end)):
            row: Row = {
                "doc_id": f.doc_id,
                "project_id": archive.project_of.get(f.doc_id, ""),
                **f.values,
                "text": f.text,
                "char_start": f.start,
                "char_end": f.end,
            }
            tables[f.table].append(row)
    return tables


def document_rows(archive: Archive) -> list[Row]:
    rows = []
    for r in archive.results:
        d = r.doc
        rows.append({
            "doc_id": d.doc_id,
            "source_path": d.source_path,
            "sha256": d.sha256,
            "format": d.format,
            "doc_type": d.doc_type if d.status == "ok" else "",
            "languages": ";".join(d.languages),
            "publication_date": d.publication_date.isoformat() if d.publication_date else "",
            "title": d.title or "",
            "project_id": archive.project_of.get(d.doc_id, ""),
            "status": d.status,
            "error": d.error,
            "publication_source": d.publication_source or "",
            "encoding": d.encoding or "",
            "n_chars": len(d.text),
            "duplicate_of": d.duplicate_of,
        })
    return rows


def budget_lines(facts: list[Fact]) -> dict[str, Decimal]:
    """EUR per budget kind, from the first document that states that kind.

    The same amount stated twice for one kind counts once (a line repeated in a summary);
    different amounts of one kind in a document add up (e.g. two partners' shares).
    """
    by_kind: dict[str, dict[str, set[Decimal]]] = defaultdict(lambda: defaultdict(set))
    order: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        eur = f.values.get("amount_eur")
        if not eur:
            continue
        kind = f.values["kind"]
        if f.doc_id not in order[kind]:
            order[kind].append(f.doc_id)
        by_kind[kind][f.doc_id].add(Decimal(eur))
    return {kind: sum(by_kind[kind][docs[0]], Decimal(0)) for kind, docs in order.items()}


def _docs_in_reading_order(archive: Archive, group: ProjectGroup) -> list[DocResult]:
    """Project descriptions first: their structured fields are the most reliable."""
    results = [archive.result(d) for d in group.doc_ids]
    return sorted(results, key=lambda r: (r.doc.doc_type != "project_description", r.doc.doc_id))


def project_row(archive: Archive, group: ProjectGroup) -> Row:
    docs = _docs_in_reading_order(archive, group)
    info: dict[str, str] = {}
    for r in docs:
        for name, fact in project_info(r).items():
            info.setdefault(name, fact.values["value"])
    facts = [f for r in docs for f in r.facts]
    partners = [f for f in facts if f.table == "partners"]
    lead = next((f for f in partners if f.values["role"] == "lead"), None) or next(
        (f for f in partners if f.values["role"] == "applicant"), None
    )
    period = next(
        (f for f in facts if f.table == "dates" and f.values["kind"] == "implementation"), None
    )
    lines = budget_lines([f for f in facts if f.table == "budgets"])
    stated: dict[str, int] = {}
    for f in facts:
        if f.table == "participants" and f.values["unit"] in ("partners", "countries"):
            stated.setdefault(f.values["unit"], f.values["count"])
    countries = {f.values["country"] for f in facts if f.table == "partner_countries"}
    countries |= {f.values["country"] for f in partners if f.values.get("country")}
    return {
        "project_id": group.project_id,
        "acronym": info.get("acronym", ""),
        "title": info.get("title", ""),
        "title_en": info.get("title_en", ""),
        "programme": info.get("programme", ""),
        "project_number": info.get("project_number", ""),
        "lead_partner": lead.values["name_normalized"] if lead else "",
        "lead_country": lead.values["country"] if lead else "",
        "start_date": period.values["start_date"] if period else "",
        "end_date": period.values["end_date"] if period else "",
        **{f"{k}_eur": fmt(lines.get(k)) for k in ("total", "eu", "state", "municipal")},
        "n_partners_stated": stated.get("partners", ""),
        "n_countries_stated": stated.get("countries", ""),
        "doc_ids": ";".join(group.doc_ids),
        "prefinancing_eur": fmt(lines.get("prefinancing")),
        "partner_eur": fmt(lines.get("partner")),
        "partner_countries": ";".join(sorted(c for c in countries if c)),
        "link_evidence": "; ".join(group.evidence),
    }
