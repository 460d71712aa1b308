"""The self-contained HTML audit report (`report.html`).

`render_report` turns the output tables (pandas DataFrames, every column a string, missing = "")
and the normalized document texts into one HTML page: a summary, the missing-fields matrix, the
findings with their evidence, one card per project and one view per document with every extracted
value highlighted. CSS and JS are inlined from `pipeline/resources/report.{css,js}`; the page loads
nothing from the network and a strict Content-Security-Policy forbids it to.

Everything that comes from documents or tables is untrusted and goes through `_e` (html.escape
with quotes); no document text is put into a <script> block. The page is deterministic: the same
input gives the same bytes (the `generated` stamp is whatever the caller passes).
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import html
import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.text import sentence_spans

__all__ = ["CSP", "render_report", "write_report"]

Row = dict[str, str]

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
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
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True)
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
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _records(df: Any) -> list[Row]:
    """Rows of a DataFrame as dicts of strings; anything that is not a DataFrame gives []."""
    if not isinstance(df, pd.DataFrame) or df.empty:
        return []
    cols = [str(c) for c in df.columns]
    return [
        {c: _cell(v) for c, v in zip(cols, values, strict=False)}
        for values in df.itertuples(index=False, name=None)
    ]


def _columns(df: Any) -> list[str]:
    return [str(c) for c in df.columns] if isinstance(df, pd.DataFrame) else []


def _int(value: str) -> int | None:
    """Parse an offset cell ('12', '12.0'); None when it is not a whole number."""
    s = value.strip()
    if not s:
        return None
    if re.fullmatch(r"-?\d+", s):
        return int(s)
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
    """A text file from pipeline/resources (the inlined CSS and JS)."""
    return resources.files("pipeline").joinpath("resources", name).read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------
# Evidence windows and highlighting


def _window(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]],
    starts: Sequence[int],
    limit: int = EVIDENCE_MAX,
) -> tuple[int, int, bool, bool]:
    """The sentence(s) around [start, end), cut to about `limit` characters at word boundaries.

    Returns (from, to, cut_left, cut_right). Sentences never cross a line break (see
    pipeline.text.sentence_spans), so the window stays within the enclosing line(s).
    """
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    ws = min(spans[i][0], start) if i >= 0 else start
    we = max(spans[j][1], end) if j >= 0 else end
    if we - ws <= limit:
        return ws, we, False, False
    if end - start >= limit:
        return start, start + limit, False, True
    room = limit - (end - start)
    right = min(we - end, room - min(start - ws, room // 2))
    left = min(start - ws, room - right)
    a, b = start - left, end + right
    if a > ws:
        k = text.find(" ", a, start)
        a = k + 1 if k != -1 else a
    if b < we:
        k = text.rfind(" ", end, b)
        b = k if k != -1 else b
    return a, b, a > ws, b < we


def _snippet(s: str) -> str:
    """Escape a piece of evidence, showing line breaks as a visible marker."""
    return _e(s).replace("\n", '<span class="nl">\u21b5</span> ')


def _evidence_html(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]] | None = None,
    starts: Sequence[int] | None = None,
) -> str:
    """The sentence around text[start:end] with the span inside <mark class="evmark">."""
    if spans is None:
        spans = sentence_spans(text)
    if starts is None:
        starts = [s for s, _ in spans]
    a, b, cut_left, cut_right = _window(text, start, end, spans, starts)
    mark_end = min(end, b)
    inner = _snippet(text[start:mark_end])
    if start == end:
        mark = '<mark class="evmark empty" title="empty span"></mark>'
    else:
        mark = f'<mark class="evmark">{inner}</mark>'
    return "".join(
        (
            "\u2026" if cut_left else "",
            _snippet(text[a:start]),
            mark,
            _snippet(text[mark_end:b]),
            "\u2026" if cut_right else "",
        )
    )


@dataclass(frozen=True)
class Span:
    """A highlighted span of a document: a fact (layer = its table) or a finding."""

    start: int
    end: int
    layer: str  # partners, dates, budgets, participants, contacts, other, finding
    label: str  # the tooltip line


def _wrap(segment: str, active: Sequence[Span]) -> str:
    facts = [s for s in active if s.layer != "finding"]
    classes = ["hl"]
    if facts:
        inner = min(facts, key=lambda s: (s.end - s.start, s.start))
        classes.append(f"t-{inner.layer}")
        if len({(s.start, s.end, s.layer) for s in facts}) > 1:
            classes.append("multi")
    if len(facts) < len(active):
        classes.append("ev")
    labels = list(dict.fromkeys(s.label for s in active))
    return (
        f'<mark class="{" ".join(classes)}" title="{_e(chr(10).join(labels))}">{_e(segment)}</mark>'
    )


def highlight(text: str, spans: Iterable[Span], anchors: Mapping[int, str] | None = None) -> str:
    """Escape `text` and wrap every span in <mark>; overlaps are split into flat segments.

    The text is cut at every span edge; each piece becomes one <mark> carrying the classes and
    labels of all spans that cover it, so the output never nests or crosses tags. `anchors`
    maps offsets to element ids placed there as empty <span class="anc">.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    anchors = {p: a for p, a in (anchors or {}).items() if 0 <= p <= len(text)}
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    cuts = {0, len(text), *anchors}
    for i, s in enumerate(spans):
        opening[s.start].append(i)
        closing[s.end].append(i)
        cuts.update((s.start, s.end))
    points = sorted(cuts)
    active: set[int] = set()
    out: list[str] = []
    for k, pos in enumerate(points):
        active.difference_update(closing.get(pos, ()))
        active.update(opening.get(pos, ()))
        if pos in anchors:
            out.append(f'<span class="anc" id="{_e(anchors[pos])}"></span>')
        if k + 1 == len(points):
            break
        segment = text[pos : points[k + 1]]
        if not active:
            out.append(_e(segment))
        else:
            out.append(_wrap(segment, [spans[i] for i in sorted(active)]))
    return "".join(out)


def _fact_label(table: str, r: Row) -> str:
    """Tooltip for an extracted value: what the pipeline made of the text."""
    g = r.get
    if table == "project_info":
        return f"Project {g('field', '')}: {g('value', '')}"
    if table == "partner_countries":
        return f"Partner country: {g('country', '')}"
    if table == "partners":
        bits = [g("name_normalized", "") or g("name", "")]
        bits += [f"({g('role', '')})" if g("role") else ""]
        where = ", ".join(x for x in (g("city", ""), g("country", "")) if x)
        bits += [f"— {where}" if where else ""]
        bits += [f"[{g('partner_id', '')}]" if g("partner_id") else ""]
        return "Partner: " + " ".join(b for b in bits if b)
    if table == "dates":
        start = g("start_date", "") or g("month_day_start", "")
        end = g("end_date", "") or g("month_day_end", "")
        value = f"{start} – {end}" if end and end != start else start
        kind = ", ".join(x for x in (g("kind", ""), g("label", "")) if x)
        return f"Date ({kind}): {value}" if kind else f"Date: {value}"
    if table == "budgets":
        value = " ".join(x for x in (g("amount", ""), g("currency", "")) if x)
        if g("amount_eur") and g("currency", "EUR") != "EUR":
            value += f" = {g('amount_eur', '')} EUR"
        return f"Budget ({g('kind', '')}): {value}" if g("kind") else f"Budget: {value}"
    if table == "participants":
        return f"Count: {g('count', '')} {g('unit', '')}".rstrip()
    if table == "contacts":
        keys = ("name", "role", "organization", "phone", "email")
        return "Contact: " + "; ".join(g(k, "") for k in keys if g(k))
    return f"{table}: {g('text', '')}"


# ----------------------------------------------------------------------------------------------
# The data, indexed once


@dataclass
class _Finding:
    index: int
    row: Row
    project_id: str
    span: tuple[int, int] | None


@dataclass
class _Data:
    """The tables as rows of strings, with the indexes the sections need."""

    tables: Mapping[str, Any]
    texts: Mapping[str, str]
    documents: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    coverage: list[Row] = field(default_factory=list)
    facts: dict[str, list[Row]] = field(default_factory=dict)
    extra_project_tables: dict[str, list[Row]] = field(default_factory=dict)
    findings: list[_Finding] = field(default_factory=list)
    doc_by_id: dict[str, Row] = field(default_factory=dict)
    doc_ids: list[str] = field(default_factory=list)
    project_by_id: dict[str, Row] = field(default_factory=dict)
    project_ids: list[str] = field(default_factory=list)
    doc_set: set[str] = field(default_factory=set)
    _sentences: dict[str, tuple[list[tuple[int, int]], list[int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, tables: Mapping[str, Any], texts: Mapping[str, str]) -> _Data:
        texts = {str(k): str(v) for k, v in (texts or {}).items() if v is not None}
        d = cls(tables=tables, texts=texts)
        d.documents = _records(tables.get("documents"))
        d.projects = _records(tables.get("projects"))
        d.coverage = _records(tables.get("coverage"))
        for name in FACT_TABLES:
            d.facts[name] = _records(tables.get(name))
        for name, df in tables.items():
            if name in FACT_TABLES or name in NON_FACT_TABLES:
                continue
            cols = set(_columns(df))
            if {"doc_id", "char_start", "char_end"} <= cols:
                d.facts[str(name)] = _records(df)
            elif "project_id" in cols:
                d.extra_project_tables[str(name)] = _records(df)
        for r in d.documents:
            doc_id = r.get("doc_id", "")
            if doc_id and doc_id not in d.doc_by_id:
                d.doc_by_id[doc_id] = r
                d.doc_ids.append(doc_id)
        validation = _records(tables.get("validation"))
        referenced = set(d.texts)
        for rows in (*d.facts.values(), validation):
            referenced.update(r.get("doc_id", "") for r in rows)
        d.doc_ids += sorted(referenced - set(d.doc_by_id) - {""})
        d.doc_set = set(d.doc_ids)
        for r in d.projects:
            pid = r.get("project_id", "")
            if pid and pid not in d.project_by_id:
                d.project_by_id[pid] = r
                d.project_ids.append(pid)
        for i, r in enumerate(validation):
            pid = r.get("project_id", "") or d.doc_project(r.get("doc_id", ""))
            d.findings.append(_Finding(i, r, pid, d.span(r)))
        d.findings.sort(key=lambda f: (_sev_rank(f.row.get("severity", "")), f.index))
        seen = set(d.project_ids)
        others: set[str] = set()
        for rows in (d.coverage, *d.facts.values(), *d.extra_project_tables.values()):
            others.update(r.get("project_id", "") for r in rows)
        others.update(f.project_id for f in d.findings)
        others.update(r.get("project_id", "") for r in d.documents)
        d.project_ids += sorted(others - seen - {""})
        return d

    def doc_project(self, doc_id: str) -> str:
        return self.doc_by_id.get(doc_id, {}).get("project_id", "")

    def fact_project(self, r: Row) -> str:
        return r.get("project_id", "") or self.doc_project(r.get("doc_id", ""))

    def span(self, r: Row) -> tuple[int, int] | None:
        """The row's (char_start, char_end) when it indexes its document's text, else None."""
        text = self.texts.get(r.get("doc_id", ""))
        start, end = _int(r.get("char_start", "")), _int(r.get("char_end", ""))
        if text is None or start is None or end is None or not 0 <= start <= end <= len(text):
            return None
        return start, end

    def sentences(self, doc_id: str) -> tuple[list[tuple[int, int]], list[int]]:
        if doc_id not in self._sentences:
            spans = sentence_spans(self.texts[doc_id])
            self._sentences[doc_id] = (spans, [s for s, _ in spans])
        return self._sentences[doc_id]

    def project_label(self, pid: str) -> str:
        return self.project_by_id.get(pid, {}).get("acronym", "") or pid

    def project_link(self, pid: str) -> str:
        if not pid:
            return ""
        title = self.project_by_id.get(pid, {}).get("title", "") or pid
        return (
            f'<a href="#{_e(_anchor("project-", pid))}" title="{_e(title)}">'
            f"{_e(self.project_label(pid))}</a>"
        )

    def doc_link(self, doc_id: str, label: str | None = None) -> str:
        if not doc_id:
            return ""
        if doc_id not in self.doc_set:
            shown = label if label is not None else doc_id
            return f'<span title="not in documents.csv">{_e(shown)}</span>'
        doc = self.doc_by_id.get(doc_id, {})
        title = doc.get("title", "") or doc.get("source_path", "") or doc_id
        return (
            f'<a href="#{_e(_anchor("doc-", doc_id))}" title="{_e(title)}">'
            f"{_e(label if label is not None else doc_id)}</a>"
        )

    def at_href(self, doc_id: str, start: int) -> str:
        """Link target of the anchor placed at `start` in the document view."""
        return "#" + _e(f"at{start}-{_anchor('doc-', doc_id)}")


# ----------------------------------------------------------------------------------------------
# Sections


def _table(
    rows: Sequence[Row],
    columns: Sequence[tuple[str, str]],
    cell: Callable[[Row, str], str] | None = None,
    cls: str = "data",
) -> str:
    """A plain escaped table; `cell(row, column)` may return ready HTML for special columns."""
    head = "".join(f"<th>{_e(label)}</th>" for _, label in columns)
    body = []
    for r in rows:
        tds = []
        for col, _ in columns:
            custom = cell(r, col) if cell else None
            tds.append(f"<td>{custom if custom is not None else _e(r.get(col, ''))}</td>")
        body.append(f"<tr>{''.join(tds)}</tr>")
    return (
        f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _tile(label: str, n: int, parts: Sequence[tuple[str, int]] = (), cls: str = "") -> str:
    extra = "".join(f"<span>{_e(k)}: {v}</span>" for k, v in parts)
    return (
        f'<div class="tile {cls}"><div class="label">{_e(label)}</div><div class="n">{n}</div>'
        f'<div class="parts">{extra}</div></div>'
    )


def _summary(d: _Data) -> str:
    statuses = Counter(r.get("status", "") for r in d.documents)
    status_parts = [(s, statuses.get(s, 0)) for s in DOC_STATUSES]
    status_parts += [
        (s or "(blank)", n) for s, n in sorted(statuses.items()) if s not in DOC_STATUSES
    ]
    sevs = Counter(f.row.get("severity", "") for f in d.findings)
    tiles = [
        _tile(
            "Documents",
            len(d.documents),
            status_parts,
            "t-error" if statuses.get("failed") else "t-ok",
        ),
        _tile("Projects", len(d.project_ids)),
        _tile(
            "Extracted facts",
            sum(len(v) for v in d.facts.values()),
            [(k, len(v)) for k, v in d.facts.items()],
        ),
        _tile(
            "Findings",
            len(d.findings),
            [("rules", len({f.row.get("rule", "") for f in d.findings}))],
        ),
    ]
    tiles += [_tile(f"{s.capitalize()} findings", sevs.get(s, 0), cls=f"t-{s}") for s in SEVERITIES]
    tiles += [
        _tile(f"{s or '(blank)'} findings", n)
        for s, n in sorted(sevs.items())
        if s not in SEVERITIES
    ]

    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for f in d.findings:
        by_rule[f.row.get("rule", "")][f.row.get("severity", "")] += 1
    sev_cols = list(SEVERITIES) + sorted(set(sevs) - set(SEVERITIES))
    if by_rule:
        head = "".join(f'<th class="num">{_e(s or "(blank)")}</th>' for s in sev_cols)
        body = []
        for rule in sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r)):
            counts = by_rule[rule]
            tds = "".join(f'<td class="num">{counts.get(s, 0) or ""}</td>' for s in sev_cols)
            body.append(
                f'<tr><td><a href="#findings" data-rule-filter="{_e(rule)}"><code>'
                f"{_e(rule or '(blank)')}</code></a></td>{tds}"
                f'<td class="num">{sum(counts.values())}</td></tr>'
            )
        totals = "".join(f'<td class="num">{sevs.get(s, 0)}</td>' for s in sev_cols)
        rules = (
            f'<table class="data"><thead><tr><th>Rule</th>{head}<th class="num">Total</th></tr>'
            f"</thead><tbody>{''.join(body)}</tbody><tfoot><tr><td>All rules</td>{totals}"
            f'<td class="num">{len(d.findings)}</td></tr></tfoot></table>'
        )
    else:
        rules = _empty("No findings.")

    bad = [r for r in d.documents if r.get("status", "") in ("failed", "skipped")]
    if bad:
        bad_html = _table(
            bad,
            [
                ("doc_id", "Document"),
                ("source_path", "Source path"),
                ("format", "Format"),
                ("status", "Status"),
                ("error", "Reason"),
            ],
            lambda r, c: (
                d.doc_link(r.get("doc_id", ""))
                if c == "doc_id"
                else _status_badge(r.get("status", ""))
                if c == "status"
                else None
            ),
        )
    else:
        bad_html = _empty("Every document was read.")
    return (
        '<section class="panel" id="summary"><h2>Summary</h2>'
        f'<div class="tiles">{"".join(tiles)}</div>'
        f'<div class="cols"><div><h3>Findings per rule</h3>{rules}</div>'
        f"<div><h3>Failed and skipped documents ({len(bad)})</h3>{bad_html}</div></div>"
        "</section>"
    )


def _project_name(d: _Data, pid: str) -> str:
    """A project as people name it: acronym (project_id)."""
    label = d.project_label(pid)
    return label if label == pid else f"{label} ({pid})"


_COV_CELL = {
    "present": ("cov-present", "\u2713"),
    "missing": ("cov-missing", "\u2717"),
    "not_applicable": ("cov-na", "\u2013"),
}


def _coverage(d: _Data) -> str:
    fields: list[str] = list(dict.fromkeys(r.get("field", "") for r in d.coverage))
    status: dict[tuple[str, str], str] = {}
    for r in d.coverage:
        status.setdefault((r.get("project_id", ""), r.get("field", "")), r.get("status", ""))
    covered = {p for p, _ in status}
    pids = [p for p in d.project_ids if p in covered]
    pids += [p for p in dict.fromkeys(r.get("project_id", "") for r in d.coverage) if p not in pids]
    legend = (
        '<div class="legend"><span><span class="sw cov-present">\u2713</span> present</span>'
        '<span><span class="sw cov-missing">\u2717</span> missing</span>'
        '<span><span class="sw cov-na">\u2013</span> not applicable</span>'
        '<span class="muted">Rows link to the project card; sorted as in projects.csv.</span></div>'
    )
    if not fields or not pids:
        return (
            '<section class="panel" id="coverage"><h2>Missing fields</h2>'
            f"{_empty('No coverage rows.')}</section>"
        )
    head = "".join(f'<th class="field" title="{_e(f)}"><span>{_e(f)}</span></th>' for f in fields)
    missing_per_field: Counter[str] = Counter()
    body = []
    for pid in pids:
        cells = []
        n_missing = 0
        for f in fields:
            st = status.get((pid, f))
            if st is None:
                cls, sym = "cov-none", "\u00b7"
            else:
                cls, sym = _COV_CELL.get(st, ("cov-other", st or "?"))
            if st == "missing":
                n_missing += 1
                missing_per_field[f] += 1
            tip = f"{_project_name(d, pid)} · {f}: {st if st is not None else 'no coverage row'}"
            cells.append(f'<td class="cov {cls}" title="{_e(tip)}">{_e(sym)}</td>')
        proj = d.project_by_id.get(pid, {})
        title = proj.get("title", "") or proj.get("title_en", "")
        label = f'<a href="#{_e(_anchor("project-", pid))}">{_e(d.project_label(pid))}</a>'
        if title:
            label += f' <span class="muted small">{_e(title[:60])}</span>'
        body.append(
            f'<tr><th class="proj" title="{_e(pid + (" — " + title if title else ""))}">{label}'
            f'</th>{"".join(cells)}<td class="num">{n_missing}</td></tr>'
        )
    foot = "".join(f'<td class="num">{missing_per_field.get(f, 0)}</td>' for f in fields)
    return (
        '<section class="panel" id="coverage"><h2>Missing fields</h2>'
        f"{legend}"
        '<div class="scroll"><table class="matrix">'
        f'<thead><tr><th class="proj">Project</th>{head}'
        '<th class="field"><span>missing</span></th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr><th class="proj">Missing per field</th>{foot}'
        f'<td class="num">{sum(missing_per_field.values())}</td></tr></tfoot>'
        "</table></div></section>"
    )


def _evidence_cell(d: _Data, f: _Finding) -> str:
    """The finding's evidence: its sentence with the span marked, and a jump link."""
    r = f.row
    doc_id = r.get("doc_id", "")
    quoted = r.get("text", "")
    if f.span is None:
        if not quoted:
            return ""
        why = "offsets do not index the text" if r.get("char_start") or r.get("char_end") else ""
        note = f' <span class="note">{_e(why)}</span>' if why else ""
        return f'<mark class="evmark">{_snippet(quoted)}</mark>{note}'
    start, end = f.span
    text = d.texts[doc_id]
    spans, starts = d.sentences(doc_id)
    out = _evidence_html(text, start, end, spans, starts)
    if quoted and text[start:end] != quoted:
        out += f' <span class="note" title="{_e(quoted)}">row text differs from the span</span>'
    return out + f' <a class="go" href="{d.at_href(doc_id, start)}">view in document \u2192</a>'


def _findings(d: _Data) -> str:
    n = len(d.findings)
    if not n:
        return (
            '<section class="panel" id="findings"><h2>Findings</h2>'
            f"{_empty('No findings.')}</section>"
        )
    sevs = Counter(f.row.get("severity", "") for f in d.findings)
    sev_order = sorted(sevs, key=lambda s: (_sev_rank(s), s))
    boxes = "".join(
        f'<label><input type="checkbox" data-sev-filter value="{_e(s)}" checked> '
        f"{_badge(s)} {sevs[s]}</label>"
        for s in sev_order
    )
    rules = Counter(f.row.get("rule", "") for f in d.findings)
    rule_opts = "".join(
        f'<option value="{_e(r)}">{_e(r or "(blank)")} ({rules[r]})</option>' for r in sorted(rules)
    )
    projs = Counter(f.project_id for f in d.findings)
    proj_opts = "".join(
        f'<option value="{_e(p)}">{_e(_project_name(d, p) if p else "(no project)")} ({projs[p]})'
        "</option>"
        for p in sorted(projs, key=lambda p: (p == "", d.project_label(p).lower(), p))
    )
    filters = (
        '<div class="filters">'
        f"{boxes}"
        f'<label>Rule <select id="filter-rule"><option value="">all rules</option>{rule_opts}'
        "</select></label>"
        f'<label>Project <select id="filter-project"><option value="">all projects</option>'
        f"{proj_opts}</select></label>"
        '<label><input type="search" id="filter-text" placeholder="Search messages, evidence, ids'
        '\u2026" aria-label="Search findings"></label>'
        '<button type="button" id="filter-reset">Reset</button>'
        f'<span class="count" id="findings-count">{n} of {n} findings shown</span></div>'
    )
    rows = []
    for f in d.findings:
        r = f.row
        sev, rule = r.get("severity", ""), r.get("rule", "")
        rows.append(
            f'<tr id="finding-{f.index}" data-sev="{_e(sev)}" data-rule="{_e(rule)}" '
            f'data-project="{_e(f.project_id)}">'
            f"<td>{_badge(sev)}</td><td><code>{_e(rule)}</code></td>"
            f"<td>{d.project_link(f.project_id)}</td><td>{d.doc_link(r.get('doc_id', ''))}</td>"
            f"<td>{_e(r.get('field', ''))}</td><td>{_e(r.get('message', ''))}</td>"
            f'<td class="evidence">{_evidence_cell(d, f)}</td></tr>'
        )
    return (
        '<section class="panel" id="findings"><h2>Findings</h2>'
        f"{filters}"
        '<div class="scroll"><table class="data findings" id="findings-table">'
        '<colgroup><col class="c-sev"><col class="c-rule"><col class="c-proj"><col class="c-doc">'
        '<col class="c-field"><col class="c-msg"><col class="c-ev"></colgroup>'
        "<thead><tr><th>Severity</th><th>Rule</th><th>Project</th><th>Document</th><th>Field</th>"
        "<th>Message</th><th>Evidence</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _fact_table(d: _Data, name: str, rows: Sequence[Row]) -> str:
    preferred = FACT_COLUMNS.get(name, ())
    present: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    cols = [c for c in preferred if c in present]
    cols += [c for c in present if c not in cols and c not in PROVENANCE]
    cols = [c for c in cols if any(r.get(c) for r in rows)]  # hide columns empty here
    columns = [(c, c) for c in cols] + [("doc_id", "document"), ("text", "text")]

    def cell(r: Row, col: str) -> str | None:
        if col == "doc_id":
            return d.doc_link(r.get("doc_id", ""))
        if col == "text":
            quoted = f'<q class="src">{_e(r.get("text", ""))}</q>'
            sp = d.span(r)
            if sp is None:
                return quoted
            return f'<a href="{d.at_href(r.get("doc_id", ""), sp[0])}">{quoted}</a>'
        return None

    return _table(rows, columns, cell)


def _project_card(
    d: _Data,
    pid: str,
    by_project: dict[str, dict[str, list[Row]]],
    findings: list[_Finding],
    missing: list[str],
    open_: bool,
) -> str:
    proj = d.project_by_id.get(pid)
    p = proj or {}
    props = []
    for col, label in PROJECT_FIELDS:
        if p.get(col):
            props.append((label, _e(p[col])))
    period = " – ".join(x for x in (p.get("start_date", ""), p.get("end_date", "")) if x)
    if period:
        props.append(("Period", _e(period)))
    for col, label in BUDGET_FIELDS:
        if p.get(col):
            props.append((f"Budget: {label}", _e(_fmt_amount(p[col]) + " EUR")))
    for col, label in (
        ("n_partners_stated", "Partners stated"),
        ("n_countries_stated", "Countries stated"),
    ):
        if p.get(col):
            props.append((label, _e(p[col])))
    known = {c for c, _ in PROJECT_FIELDS + BUDGET_FIELDS} | {
        "start_date",
        "end_date",
        "n_partners_stated",
        "n_countries_stated",
        "doc_ids",
        "link_evidence",
    }
    for col, value in p.items():
        if col not in known and value:
            props.append((col, _e(value)))
    doc_ids = [x for x in p.get("doc_ids", "").split(";") if x]
    doc_ids += [x for x in d.doc_ids if d.doc_project(x) == pid and x not in doc_ids]
    if doc_ids:
        props.append(("Documents", ", ".join(d.doc_link(x) for x in doc_ids)))
    if missing:
        chips = "".join(f'<span class="chip">{_e(m)}</span>' for m in missing)
        props.append(("Missing fields", f'<span class="missing-list">{chips}</span>'))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in props)
    note = "" if proj else '<p class="empty">Not in projects.csv; referenced by other tables.</p>'

    parts = [_link_evidence(d, p.get("link_evidence", ""))]
    facts = by_project.get(pid, {})
    for name, rows in facts.items():
        title = "counts" if name == "participants" else name
        parts.append(f"<h4>{_e(title)} ({len(rows)})</h4>{_fact_table(d, name, rows)}")
    for name, rows in d.extra_project_tables.items():
        mine = [r for r in rows if r.get("project_id", "") == pid]
        if mine:
            cols = [(c, c) for c in dict.fromkeys(k for r in mine for k in r) if c != "project_id"]
            parts.append(f"<h4>{_e(name)} ({len(mine)})</h4>{_table(mine, cols)}")
    if findings:
        frows = []
        for f in findings:
            r = f.row
            quoted = r.get("text", "")
            ev = ""
            if quoted:
                ev = f'<q class="src">{_e(quoted)}</q>'
                if f.span:
                    ev = f'<a href="{d.at_href(r.get("doc_id", ""), f.span[0])}">{ev}</a>'
            frows.append(
                f"<tr><td>{_badge(r.get('severity', ''))}</td><td><code>{_e(r.get('rule', ''))}"
                f"</code></td><td>{_e(r.get('field', ''))}</td><td>{_e(r.get('message', ''))}</td>"
                f"<td>{d.doc_link(r.get('doc_id', ''))}</td><td>{ev}</td>"
                f'<td><a href="#finding-{f.index}" title="Show in the findings table">#</a>'
                "</td></tr>"
            )
        parts.append(
            f'<h4>findings ({len(findings)})</h4><table class="data"><thead><tr><th>Severity</th>'
            "<th>Rule</th><th>Field</th><th>Message</th><th>Document</th><th>Evidence</th><th></th>"
            f"</tr></thead><tbody>{''.join(frows)}</tbody></table>"
        )
    if not any(parts):
        parts.append(_empty("No facts or findings for this project."))

    sevs = Counter(f.row.get("severity", "") for f in findings)
    chips = "".join(
        f'<span class="chip {_sev_class(s)}">{sevs[s]} {_e(s)}</span>'
        for s in sorted(sevs, key=lambda s: (_sev_rank(s), s))
    )
    chips += "".join(f'<span class="chip">{len(v)} {_e(k)}</span>' for k, v in facts.items())
    title = p.get("title", "") or p.get("title_en", "")
    key = " ".join((pid, p.get("acronym", ""), title, p.get("programme", ""))).lower()
    return (
        f'<details class="card" id="{_e(_anchor("project-", pid))}" data-key="{_e(key)}"'
        f'{" open" if open_ else ""}><summary><span class="acr">{_e(d.project_label(pid))}</span>'
        f'<span class="ttl">{_e(title)}</span> <span class="muted small">{_e(pid)}</span>'
        f'<span class="chips">{chips}</span></summary>'
        f'<div class="card-body">{note}<dl class="props">{dl}</dl>{"".join(parts)}</div></details>'
    )


_LINK = re.compile(r"(\S+) (~|/) (\S+): (.*)", re.S)


def _link_evidence(d: _Data, cell: str) -> str:
    """projects.link_evidence as two lists: why documents were linked, and which related-looking
    documents were kept apart and why (see pipeline.link)."""
    linked, apart = [], []
    for item in (x for x in cell.split(" | ") if x):
        is_apart = item.startswith("not linked: ")
        m = _LINK.fullmatch(item.removeprefix("not linked: "))
        if m:
            html_ = (f"{d.doc_link(m.group(1))} {'and' if m.group(2) == '~' else '/'} "
                     f"{d.doc_link(m.group(3))}: {_e(m.group(4))}")
        else:
            html_ = _e(item)
        (apart if is_apart else linked).append(f"<li>{html_}</li>")
    out = ""
    if linked:
        out += ('<h4>Why these documents are one project</h4>'
                f'<ul class="links">{"".join(linked)}</ul>')
    if apart:
        out += (f'<h4>Kept apart from related-looking documents</h4><ul class="links">'
                f'{"".join(apart)}</ul>')
    return out


def _projects(d: _Data) -> str:
    if not d.project_ids:
        return (
            '<section class="panel" id="projects"><h2>Projects</h2>'
            f"{_empty('No projects.')}</section>"
        )
    by_project: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in d.facts.items():
        for r in rows:
            by_project[d.fact_project(r)][name].append(r)
    findings: dict[str, list[_Finding]] = defaultdict(list)
    for f in d.findings:
        findings[f.project_id].append(f)
    missing: dict[str, list[str]] = defaultdict(list)
    for r in d.coverage:
        if r.get("status") == "missing":
            missing[r.get("project_id", "")].append(r.get("field", ""))
    open_ = len(d.project_ids) <= OPEN_CARDS_MAX
    cards = "".join(
        _project_card(d, pid, by_project, findings.get(pid, []), missing.get(pid, []), open_)
        for pid in d.project_ids
    )
    return (
        '<section class="panel" id="projects"><h2>Projects</h2>'
        '<div class="filters"><label><input type="search" id="project-filter" '
        'placeholder="Filter projects by id, acronym, title\u2026" aria-label="Filter projects">'
        '</label><button type="button" id="cards-open">Expand all</button>'
        '<button type="button" id="cards-close">Collapse all</button>'
        f'<span class="count">{len(d.project_ids)} projects</span></div>{cards}</section>'
    )


def _legend() -> str:
    keys = "".join(
        f'<span class="key t-{name}">{_e(LAYER_LABELS[name])}</span>'
        for name in (*FACT_TABLES, "other")
    )
    return (
        f'<div class="legend sticky-legend">{keys}<span class="key ev">finding evidence</span>'
        '<span class="key multi t-dates">overlapping values</span>'
        '<span class="muted">Hover a highlight to see the extracted value.</span></div>'
    )


def _document_view(
    d: _Data, doc_id: str, spans: list[Span], anchors: set[int], n_findings: int
) -> str:
    doc = d.doc_by_id.get(doc_id, {})
    text = d.texts.get(doc_id)
    meta_bits = [
        ("source", doc.get("source_path", "")),
        ("format", doc.get("format", "")),
        ("type", doc.get("doc_type", "")),
        ("languages", doc.get("languages", "")),
        ("published", doc.get("publication_date", "")),
        ("sha256", doc.get("sha256", "")[:12]),
    ]
    meta = "".join(f"<span>{_e(k)}: {_e(v)}</span>" for k, v in meta_bits if v)
    pid = doc.get("project_id", "")
    if pid:
        meta += f"<span>project: {d.project_link(pid)}</span>"
    if text is not None:
        meta += f"<span>{len(text)} characters</span>"
    body = f'<div class="docmeta">{meta}</div>'
    if doc.get("error"):
        body += f'<div class="docerror">{_e(doc["error"])}</div>'
    anchor = _anchor("doc-", doc_id)
    if text is None:
        body += _empty("No text for this document.")
    else:
        ids = {p: f"at{p}-{anchor}" for p in anchors}
        body += f'<div class="doctext">{highlight(text, spans, ids)}</div>'
    counts = Counter(s.layer for s in spans if s.layer != "finding")
    chips = "".join(
        f'<span class="key t-{k}">{counts[k]} {_e(k)}</span> '
        for k in (*FACT_TABLES, "other")
        if counts.get(k)
    )
    if n_findings:
        chips += f'<span class="chip sev-warning">{n_findings} findings</span>'
    status = doc.get("status", "")
    key = " ".join((doc_id, doc.get("title", ""), doc.get("source_path", ""), pid)).lower()
    return (
        f'<details class="doc" id="{_e(anchor)}" data-key="{_e(key)}"><summary>'
        f"<code>{_e(doc_id)}</code>{' ' + _status_badge(status) if status else ''}"
        f'<span class="dtitle">{_e(doc.get("title", ""))}</span> {chips}</summary>'
        f"{body}</details>"
    )


def _documents(d: _Data) -> str:
    if not d.doc_ids:
        return (
            '<section class="panel" id="documents"><h2>Documents</h2>'
            f"{_empty('No documents.')}</section>"
        )
    spans: dict[str, list[Span]] = defaultdict(list)
    anchors: dict[str, set[int]] = defaultdict(set)
    for name, rows in d.facts.items():
        layer = name if name in FACT_TABLES else "other"
        for r in rows:
            sp = d.span(r)
            if sp is None:
                continue
            doc_id = r.get("doc_id", "")
            label = _fact_label(name, r) if layer != "other" else f"{name}: {r.get('text', '')}"
            spans[doc_id].append(Span(sp[0], sp[1], layer, label))
            anchors[doc_id].add(sp[0])
    n_findings: Counter[str] = Counter()
    for f in d.findings:
        doc_id = f.row.get("doc_id", "")
        n_findings[doc_id] += 1
        if f.span is None:
            continue
        r = f.row
        label = f"Finding [{r.get('severity', '')}] {r.get('rule', '')}: {r.get('message', '')}"
        spans[doc_id].append(Span(f.span[0], f.span[1], "finding", label))
        anchors[doc_id].add(f.span[0])
    views = "".join(
        _document_view(
            d, doc_id, spans.get(doc_id, []), anchors.get(doc_id, set()), n_findings.get(doc_id, 0)
        )
        for doc_id in d.doc_ids
    )
    return (
        '<section class="panel" id="documents"><h2>Documents</h2>'
        '<div class="filters"><label><input type="search" id="doc-filter" '
        'placeholder="Filter documents by id, title, path\u2026" aria-label="Filter documents">'
        '</label><button type="button" id="docs-close">Collapse all</button>'
        f'<span class="count">{len(d.doc_ids)} documents</span></div>'
        f"{_legend()}{views}</section>"
    )


# ----------------------------------------------------------------------------------------------
# The page


def render_report(
    tables: Mapping[str, pd.DataFrame],
    texts: Mapping[str, str],
    *,
    title: str = "Archive audit report",
    generated: str = "",
) -> str:
    """The whole report as one self-contained HTML page (inline CSS/JS, no network loads)."""
    d = _Data.build(tables or {}, texts or {})
    meta = {
        "title": title,
        "generated": generated,
        "documents": len(d.doc_ids),
        "projects": len(d.project_ids),
        "findings": len(d.findings),
        "facts": {k: len(v) for k, v in d.facts.items()},
    }
    nav = "".join(
        f'<a href="#{a}">{_e(label)}</a>'
        for a, label in (
            ("summary", "Summary"),
            ("coverage", "Missing fields"),
            ("findings", f"Findings ({len(d.findings)})"),
            ("projects", f"Projects ({len(d.project_ids)})"),
            ("documents", f"Documents ({len(d.doc_ids)})"),
        )
    )
    stamp = f'<span class="generated">Generated {_e(generated)}</span>' if generated else ""
    js = _resource("report.js")
    css = _resource("report.css")
    if "</" in js or "<!--" in js or "</style" in css.lower():
        raise ValueError("report resources must not contain closing-tag sequences")
    page = "".join(
        (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{_e(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n",
            f'<header class="topbar"><h1>{_e(title)}</h1>{stamp}<nav>{nav}</nav></header>\n',
            "<main>\n",
            _summary(d),
            "\n",
            _coverage(d),
            "\n",
            _findings(d),
            "\n",
            _projects(d),
            "\n",
            _documents(d),
            "\n",
            "</main>\n",
            f'<script type="application/json" id="report-meta">{_script_json(meta)}</script>\n',
            f"<script>\n{js}</script>\n</body>\n</html>\n",
        )
    )
    # Lone surrogates (broken input) cannot be written as UTF-8: show them as '?'.
    return page.encode("utf-8", "replace").decode("utf-8")


def write_report(
    path: Path, tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str], **kw: Any
) -> None:
    """Render the report and write it atomically (temp file in the same folder, then os.replace)."""
    path = Path(path)
    page = render_report(tables, texts, **kw)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
