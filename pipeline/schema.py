"""Output tables and their columns, in order: the contract's columns first, extras after.

docs/schema.md documents every column; tests check that the two agree.
"""

from __future__ import annotations

PROVENANCE = ["text", "char_start", "char_end"]

TABLES: dict[str, list[str]] = {
    "documents": [
        "doc_id", "source_path", "sha256", "format", "doc_type", "languages",
        "publication_date", "title", "project_id", "status", "error",
        "publication_source", "encoding", "n_chars", "duplicate_of", "salvage",
    ],
    "projects": [
        "project_id", "acronym", "title", "title_en", "programme", "project_number",
        "lead_partner", "lead_country", "start_date", "end_date", "total_eur", "eu_eur",
        "state_eur", "municipal_eur", "n_partners_stated", "n_countries_stated", "doc_ids",
        "prefinancing_eur", "partner_eur", "partner_countries", "link_evidence",
    ],
    "partners": [
        "doc_id", "project_id", "partner_id", "name", "name_normalized", "city", "country",
        "role", *PROVENANCE, "org_type", "alias", "source", "lang",
    ],
    "partner_countries": ["doc_id", "project_id", "country", *PROVENANCE, "lang"],
    "dates": [
        "doc_id", "project_id", "kind", "label", "start_date", "end_date", "month_day_start",
        "month_day_end", "precision", "year_inferred", "city", "country", *PROVENANCE,
        "year_unresolved", "lang", "note",
    ],
    "budgets": [
        "doc_id", "project_id", "kind", "amount", "currency", "amount_eur", *PROVENANCE,
        "percent", "cue", "lang",
    ],
    "participants": [
        "doc_id", "project_id", "count", "unit", *PROVENANCE, "qualifier", "lang",
    ],
    "contacts": [
        "doc_id", "project_id", "person_id", "name", "role", "organization", "phone", "email",
        *PROVENANCE, "phone_raw", "email_raw", "lang",
    ],
    "project_info": ["doc_id", "project_id", "field", "value", *PROVENANCE],
    "validation": [
        "severity", "rule", "project_id", "doc_id", "field", "message", *PROVENANCE,
    ],
    "coverage": ["project_id", "field", "status", "required_by"],
}

# Fact tables: one row per extracted mention, each with provenance into text/<doc_id>.txt.
FACT_TABLES = (
    "partners", "partner_countries", "dates", "budgets", "participants", "contacts",
    "project_info",
)
