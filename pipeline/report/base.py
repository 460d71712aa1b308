"""Constants and small helpers shared by every part of the report: escaping, cells, anchors,
severity badges, and `_resource` (the CSS/JS files in pipeline/report/assets)."""
from __future__ import annotations

import hashlib
import html
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

Row = dict[str, str]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# The site's pages share one copy of the CSS/JS (assets/ beside index.html) instead of inlining
# 32 kB into each of thousands of pages: they may load the site's own files and run nothing
# inline. 'self' matches file: URLs in Chromium (tested in tests/test_report_browser.py);
# `file:` is for browsers whose 'self' does not, and allows no more than that 'self' there.
SITE_CSP = (
    "default-src 'none'; style-src 'self' file:; script-src 'self' file:; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
FACT_TABLES = (
    "project_info", "partners", "partner_countries", "dates", "budgets", "participants",
    "contacts",
)
NON_FACT_TABLES = ("documents", "projects", "validation", "coverage")
SEVERITIES = ("error", "warning", "info")
DOC_STATUSES = ("ok", "failed", "skipped")
EVIDENCE_MAX = 300  # characters of context shown around a finding
OPEN_CARDS_MAX = 20  # project cards start open when there are at most this many
DEFAULT_TITLE = "Archive audit report"

LAYER_LABELS = {
    "project_info": "Project name/number",
    "partners": "Partner",
    "partner_countries": "Partner country",
    "dates": "Date",
    "budgets": "Budget",
    "participants": "Count",
    "contacts": "Contact",
    "other": "Other table",
}

# Columns shown in the project-card tables, in this order; further columns follow.
FACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "project_info": ("field", "value"),
    "partner_countries": ("country",),
    "partners": ("name", "name_normalized", "partner_id", "role", "city", "country"),
    "dates": (
        "kind",
        "label",
        "start_date",
        "end_date",
        "month_day_start",
        "month_day_end",
        "precision",
        "year_inferred",
        "city",
        "country",
    ),
    "budgets": ("kind", "amount", "currency", "amount_eur"),
    "participants": ("count", "unit"),
    "contacts": ("name", "role", "organization", "phone", "email", "person_id"),
}
PROVENANCE = ("project_id", "doc_id", "text", "char_start", "char_end")

PROJECT_FIELDS: tuple[tuple[str, str], ...] = (
    ("project_id", "Project id"),
    ("acronym", "Acronym"),
    ("title", "Title"),
    ("title_en", "Title (English)"),
    ("programme", "Programme"),
    ("project_number", "Project number"),
    ("lead_partner", "Lead partner"),
    ("lead_country", "Lead country"),
)
BUDGET_FIELDS: tuple[tuple[str, str], ...] = (
    ("total_eur", "Total"),
    ("eu_eur", "EU"),
    ("state_eur", "State"),
    ("municipal_eur", "Municipal"),
)

_CONTROL = {c: "\ufffd" for c in range(32) if c not in (9, 10, 13)}
_CONTROL[127] = "\ufffd"
_SAFE_ID = re.compile(r"[A-Za-z0-9_.:-]+")


# ----------------------------------------------------------------------------------------------
# Small helpers


def _e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute (control characters become U+FFFD)."""
    return html.escape(str(value).translate(_CONTROL), quote=True)


def _script_json(obj: Any) -> str:
    """JSON safe to embed in a <script> block: no `</`, `<!--`, `]]>` or line separators survive."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cell(value: Any) -> str:
    """One DataFrame cell as the contract's string ('' for missing, '12' for 12.0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    import pandas as pd

    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _records(df: Any) -> list[Row]:
    """Rows of a DataFrame as dicts of strings; anything that is not a DataFrame gives []."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame) or df.empty:
        return []
    cols = [str(c) for c in df.columns]
    return [
        {c: _cell(v) for c, v in zip(cols, values, strict=False)}
        for values in df.itertuples(index=False, name=None)
    ]


def _columns(df: Any) -> list[str]:
    import pandas as pd

    return [str(c) for c in df.columns] if isinstance(df, pd.DataFrame) else []


def _int(value: str) -> int | None:
    """Parse an offset cell ('12', '12.0'); None when it is not a whole number."""
    s = value.strip()
    if s.isdecimal() or (s[:1] == "-" and s[1:].isdecimal()):  # what int() reads: r"-?\d+"
        return int(s)
    if not s:
        return None
    try:
        f = float(s)
    except ValueError:
        return None
    return int(f) if f.is_integer() else None


def _anchor(prefix: str, raw: str) -> str:
    """An element id `prefix + raw`, made safe (slug + hash) when `raw` has unusual characters."""
    if _SAFE_ID.fullmatch(raw):
        return prefix + raw
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "_", raw)[:40]
    return f"{prefix}{slug}-{hashlib.sha1(raw.encode('utf-8', 'replace')).hexdigest()[:10]}"


def _fmt_amount(value: str) -> str:
    """'266648.91' -> '266 648.91' for reading; other strings unchanged."""
    try:
        d = Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    if not d.is_finite():
        return value
    return f"{d:,}".replace(",", "\u2009")


def _sev_class(sev: str) -> str:
    return f"sev-{sev}" if sev in SEVERITIES else "sev-other"


def _sev_rank(sev: str) -> int:
    return SEVERITIES.index(sev) if sev in SEVERITIES else len(SEVERITIES)


def _badge(sev: str) -> str:
    return f'<span class="sev {_sev_class(sev)}">{_e(sev or "—")}</span>'


def _status_badge(status: str) -> str:
    cls = f"st-{status}" if status in DOC_STATUSES else "st-other"
    return f'<span class="status {cls}">{_e(status or "—")}</span>'


def _empty(message: str) -> str:
    return f'<p class="empty">{_e(message)}</p>'


@cache
def _resource(name: str) -> str:
    """A text file from pipeline/report/assets (the CSS and JS every page inlines)."""
    return resources.files("pipeline.report").joinpath("assets", name).read_text(encoding="utf-8")


