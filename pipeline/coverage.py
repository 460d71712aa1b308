"""Missing-field audit: for every project and field, present, missing or not applicable."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources as _res
from pathlib import Path

from pipeline.tables import Archive, Row

FieldTest = Callable[[Archive, str], bool]


def _has(table: str, **where: str) -> FieldTest:
    def test(archive: Archive, project_id: str) -> bool:
        return any(
            all(f.values.get(k) == v for k, v in where.items())
            for f in archive.facts(table, project_id)
        )

    return test


def _info(field: str) -> FieldTest:
    return _has("project_info", field=field)


def _contact(column: str) -> FieldTest:
    def test(archive: Archive, project_id: str) -> bool:
        return any(f.values.get(column) for f in archive.facts("contacts", project_id))

    return test


def _any(*tests: FieldTest) -> FieldTest:
    return lambda archive, pid: any(t(archive, pid) for t in tests)


def _publication_date(archive: Archive, project_id: str) -> bool:
    return any(archive.result(d).doc.publication_date for d in archive.docs_of(project_id))


FIELDS: dict[str, FieldTest] = {
    "title": _any(_info("title"), _info("title_en")),
    "acronym": _info("acronym"),
    "programme": _info("programme"),
    "project_number": _info("project_number"),
    "lead_partner": _any(_has("partners", role="lead"), _has("partners", role="applicant")),
    "partners": _any(_has("partners"), _has("partner_countries")),
    "period": _has("dates", kind="implementation"),
    "total_budget": _has("budgets", kind="total"),
    "budget": _has("budgets"),
    "date": _has("dates"),
    "publication_date": _publication_date,
    "contact_name": _contact("name"),
    "contact_phone": _contact("phone"),
    "contact_email": _contact("email"),
}


def load_requirements(path: Path | None = None) -> dict[str, list[str]]:
    """Required fields per document type, from the user's TOML or the shipped default."""
    if path is None:
        raw = _res.files("pipeline.resources").joinpath("required_fields.toml").read_text("utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    required = {doc_type: list(v.get("required", [])) for doc_type, v in data.items()}
    unknown = {f for fields in required.values() for f in fields} - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) in required fields: {', '.join(sorted(unknown))}")
    return required


def coverage_rows(archive: Archive, required: dict[str, list[str]]) -> list[Row]:
    rows: list[Row] = []
    for group in archive.groups:
        types = sorted({archive.result(d).doc.doc_type for d in group.doc_ids})
        for field, test in FIELDS.items():
            needed_by = [t for t in types if field in required.get(t, [])]
            if test(archive, group.project_id):
                status = "present"
            else:
                status = "missing" if needed_by else "not_applicable"
            rows.append({"project_id": group.project_id, "field": field, "status": status,
                         "required_by": ";".join(needed_by)})
    return rows
