"""The self-contained HTML audit report (`report.html`).

`render_report` turns the output tables (pandas DataFrames, every column a string, missing = "")
and the normalized document texts into one HTML page: a summary, the missing-fields matrix, the
findings with their evidence, one card per project and one view per document with every extracted
value highlighted. CSS and JS are inlined from `pipeline/resources/report.{css,js}`; the page loads
nothing from the network and a strict Content-Security-Policy forbids it to.

It stays usable on archives of thousands of documents: the summary and the matrix are static HTML,
while findings, project cards and document views travel as one JSON block that report.js parses
once and renders a page of each list at a time, building a card's or a document's body only when
it is opened (see "Nodes" below).

Everything that comes from documents or tables is untrusted. In static HTML it goes through `_e`
(html.escape with quotes); in the JSON block `_script_json` escapes `<`, `>`, `&` so no text can
close the block, and report.js puts it into the page with textContent only. The page is
deterministic: the same input gives the same bytes (the `generated` stamp is whatever the caller
passes).
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
# Nodes: what the page's script turns into DOM elements
#
# Lists that grow with the archive (findings, project cards, documents) are not HTML but data in
# one <script type="application/json"> block; report.js builds the visible page of each list, and
# a card's or document's body when it is opened. Their content is described by nodes:
#   "text"                         a text node (set with textContent, never parsed as HTML)
#   [node, ...]                    the nodes in order
#   {"e": tag, "c": class, "t": title, "k": node}
#                                  an element; report.js refuses tags outside its short list and
#                                  sets no other attribute
#   {"d": i, "k": node}            a link to document i (label: its doc_id unless "k")
#   {"p": i}                       a link to project i
#   {"at": [i, pos], "k": node}    a link to offset pos in document i's text
#   {"f": n}                       a link to finding n in the findings table
#   {"tb": [label, ...], "r": [[node, ...], ...]}
#                                  a table (class "data"): header labels and rows of cells
#   {"dl": [[label, node], ...]}   a list of properties (<dl class="props">)
# so no document text ever reaches innerHTML, and links can only point inside the page.

Node = Any


def el(tag: str, *children: Node, c: str = "", t: str = "") -> dict[str, Any]:
    """An element node (see above); empty children are dropped."""
    node: dict[str, Any] = {"e": tag}
    if c:
        node["c"] = c
    if t:
        node["t"] = t
    kids = [k for k in children if k != "" and k is not None and k != []]
    if kids:
        node["k"] = kids[0] if len(kids) == 1 else kids
    return node


def node_text(node: Node) -> str:
    """The text a node shows (what textContent of the built element would be)."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(node_text(k) for k in node)
    if "tb" in node:
        return node_text([node["tb"], node["r"]])
    if "dl" in node:
        return node_text(node["dl"])
    return node_text(node.get("k", ""))


def _badge_node(sev: str) -> Node:
    return el("span", sev or "—", c=f"sev {_sev_class(sev)}")


def _empty_node(message: str) -> Node:
    return el("p", message, c="empty")


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


def _snippet(s: str) -> list[Node]:
    """A piece of evidence as nodes, line breaks shown as a visible marker."""
    out: list[Node] = []
    for k, line in enumerate(s.split("\n")):
        if k:
            out += [el("span", "\u21b5", c="nl"), " "]
        if line:
            out.append(line)
    return out


def evidence(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]] | None = None,
    starts: Sequence[int] | None = None,
) -> list[Node]:
    """The sentence around text[start:end] with the span inside <mark class="evmark">."""
    if spans is None:
        spans = sentence_spans(text)
    if starts is None:
        starts = [s for s, _ in spans]
    a, b, cut_left, cut_right = _window(text, start, end, spans, starts)
    mark_end = min(end, b)
    if start == end:
        mark = el("mark", c="evmark empty", t="empty span")
    else:
        mark = el("mark", _snippet(text[start:mark_end]), c="evmark")
    return [
        "\u2026" if cut_left else "",
        *_snippet(text[a:start]),
        mark,
        *_snippet(text[mark_end:b]),
        "\u2026" if cut_right else "",
    ]


@dataclass(frozen=True)
class Span:
    """A highlighted span of a document: a fact (layer = its table) or a finding."""

    start: int
    end: int
    layer: str  # partners, dates, budgets, participants, contacts, other, finding
    label: str  # the tooltip line


def _mark_class(active: Sequence[Span]) -> tuple[str, str]:
    """Class and tooltip of a piece covered by `active` spans: the innermost value's colour."""
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
    return " ".join(classes), "\n".join(labels)


def highlight(
    text: str, spans: Iterable[Span], anchors: Iterable[int] = ()
) -> tuple[list[list[Any]], list[int]]:
    """Cut `text` at every span edge and anchor into flat pieces for the document view.

    Returns (pieces, anchors): each piece is [end, class, tooltip] and starts where the one
    before ended (class "" = plain text); a piece covered by several spans carries the classes
    and labels of all of them, so the marks never nest or cross. `anchors` (offsets that links
    point at, kept when inside the text) are all piece boundaries.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    kept = sorted({p for p in anchors if 0 <= p <= len(text)})
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    cuts = {0, len(text), *kept}
    for i, s in enumerate(spans):
        opening[s.start].append(i)
        closing[s.end].append(i)
        cuts.update((s.start, s.end))
    points = sorted(cuts)
    active: set[int] = set()
    pieces: list[list[Any]] = []
    for pos, nxt in zip(points, points[1:], strict=False):
        active.difference_update(closing.get(pos, ()))
        active.update(opening.get(pos, ()))
        if active:
            cls, tip = _mark_class([spans[i] for i in sorted(active)])
            pieces.append([nxt, cls, tip])
        elif pieces and not pieces[-1][1] and pos not in kept:
            pieces[-1][0] = nxt  # merge plain runs that no anchor separates
        else:
            pieces.append([nxt, "", ""])
    return pieces, kept


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
    doc_index: dict[str, int] = field(default_factory=dict)
    project_by_id: dict[str, Row] = field(default_factory=dict)
    project_ids: list[str] = field(default_factory=list)
    project_index: dict[str, int] = field(default_factory=dict)
    docs_by_project: dict[str, list[str]] = field(default_factory=dict)
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
        d.doc_index = {doc_id: i for i, doc_id in enumerate(d.doc_ids)}
        for doc_id in d.doc_ids:
            d.docs_by_project.setdefault(d.doc_project(doc_id), []).append(doc_id)
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
        d.project_index = {pid: i for i, pid in enumerate(d.project_ids)}
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
        """A project link in the static HTML (summary, matrix)."""
        if not pid:
            return ""
        title = self.project_by_id.get(pid, {}).get("title", "") or pid
        return (
            f'<a href="#{_e(_anchor("project-", pid))}" title="{_e(title)}">'
            f"{_e(self.project_label(pid))}</a>"
        )

    def doc_link(self, doc_id: str) -> str:
        """A document link in the static HTML (summary)."""
        if not doc_id:
            return ""
        if doc_id not in self.doc_index:
            return f'<span title="not in documents.csv">{_e(doc_id)}</span>'
        return f'<a href="#{_e(_anchor("doc-", doc_id))}">{_e(doc_id)}</a>'

    def project_ref(self, pid: str) -> Node:
        if not pid:
            return ""
        if pid not in self.project_index:
            return pid
        return {"p": self.project_index[pid]}

    def doc_ref(self, doc_id: str) -> Node:
        if not doc_id:
            return ""
        if doc_id not in self.doc_index:
            return el("span", doc_id, t="not in documents.csv")
        return {"d": self.doc_index[doc_id]}

    def at_ref(self, doc_id: str, start: int, child: Node) -> Node:
        """A link to the anchor placed at `start` in the document view."""
        return {"at": [self.doc_index[doc_id], start], "k": child}


# ----------------------------------------------------------------------------------------------
# Static sections (small whatever the archive's size)


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
    """The missing-fields matrix as static HTML (it must show the gaps even before any script
    runs); cells carry no per-cell tooltip, report.js names project and field on hover."""
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
        '<span class="muted">Rows link to the project card; sorted as in projects.csv. '
        "Hover a cell to see its project and field.</span></div>"
    )
    if not fields or not pids:
        return (
            '<section class="panel" id="coverage"><h2>Missing fields</h2>'
            f"{_empty('No coverage rows.')}</section>"
        )
    head = "".join(f'<th class="field" title="{_e(f)}"><span>{_e(f)}</span></th>' for f in fields)
    filters = (
        '<div class="filters"><label><input type="checkbox" id="coverage-gaps"> only projects '
        "with missing fields</label></div>"
    )
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
            cells.append(f'<td class="cov {cls}">{_e(sym)}</td>')
        proj = d.project_by_id.get(pid, {})
        title = proj.get("title", "") or proj.get("title_en", "")
        label = f'<a href="#{_e(_anchor("project-", pid))}">{_e(d.project_label(pid))}</a>'
        if title:
            label += f' <span class="muted small">{_e(title[:60])}</span>'
        gap = ' class="gap"' if n_missing else ""
        body.append(
            f'<tr{gap}><th class="proj" '
            f'title="{_e(_project_name(d, pid) + (" — " + title if title else ""))}">{label}'
            f'</th>{"".join(cells)}<td class="num">{n_missing}</td></tr>'
        )
    foot = "".join(f'<td class="num">{missing_per_field.get(f, 0)}</td>' for f in fields)
    return (
        '<section class="panel" id="coverage"><h2>Missing fields</h2>'
        f"{legend}{filters}"
        '<div class="scroll"><table class="matrix" id="coverage-matrix">'
        f'<thead><tr><th class="proj">Project</th>{head}'
        '<th class="field"><span>missing</span></th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr><th class="proj">Missing per field</th>{foot}'
        f'<td class="num">{sum(missing_per_field.values())}</td></tr></tfoot>'
        "</table></div></section>"
    )


# ----------------------------------------------------------------------------------------------
# List sections: static shells (filters, counters) plus data that report.js renders page by page


def _pager(name: str) -> str:
    return f'<div class="pager" id="{name}-pager" data-list="{name}"></div>'


def _evidence_node(d: _Data, f: _Finding) -> Node:
    """The finding's evidence: its sentence with the span marked, and a jump link."""
    r = f.row
    doc_id = r.get("doc_id", "")
    quoted = r.get("text", "")
    if f.span is None:
        if not quoted:
            return ""
        why = "offsets do not index the text" if r.get("char_start") or r.get("char_end") else ""
        return [el("mark", _snippet(quoted), c="evmark"), " " if why else "",
                el("span", why, c="note") if why else ""]
    start, end = f.span
    text = d.texts[doc_id]
    spans, starts = d.sentences(doc_id)
    out = evidence(text, start, end, spans, starts)
    if quoted and text[start:end] != quoted:
        out += [" ", el("span", "row text differs from the span", c="note", t=quoted)]
    return [*out, " ", d.at_ref(doc_id, start, el("span", "view in document \u2192", c="go"))]


def _finding_records(d: _Data) -> list[dict[str, Any]]:
    """One record per finding, in display order (errors first): the filter keys and the cells."""
    out = []
    for f in d.findings:
        r = f.row
        sev, rule = r.get("severity", ""), r.get("rule", "")
        out.append({
            "n": f.index,
            "s": sev,
            "r": rule,
            "p": f.project_id,
            "k": [
                _badge_node(sev),
                el("code", rule),
                d.project_ref(f.project_id),
                d.doc_ref(r.get("doc_id", "")),
                r.get("field", ""),
                r.get("message", ""),
                _evidence_node(d, f),
            ],
        })
    return out


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
    return (
        '<section class="panel" id="findings"><h2>Findings</h2>'
        f"{filters}{_pager('findings')}"
        '<div class="scroll"><table class="data findings" id="findings-table">'
        '<colgroup><col class="c-sev"><col class="c-rule"><col class="c-proj"><col class="c-doc">'
        '<col class="c-field"><col class="c-msg"><col class="c-ev"></colgroup>'
        "<thead><tr><th>Severity</th><th>Rule</th><th>Project</th><th>Document</th><th>Field</th>"
        "<th>Message</th><th>Evidence</th></tr></thead>"
        "<tbody></tbody></table></div>"
        '<noscript><p class="empty">The findings are listed by the page\'s script; '
        "validation.csv has them all.</p></noscript></section>"
    )


def _table_node(rows: Sequence[Row], columns: Sequence[tuple[str, str]],
                cell: Callable[[Row, str], Node | None] | None = None) -> Node:
    """A table node: header labels and rows of cell nodes (report.js builds <table class=data>)."""
    body = []
    for r in rows:
        cells = []
        for col, _ in columns:
            custom = cell(r, col) if cell else None
            cells.append(custom if custom is not None else r.get(col, ""))
        body.append(cells)
    return {"tb": [label for _, label in columns], "r": body}


def _fact_table(d: _Data, name: str, rows: Sequence[Row]) -> Node:
    preferred = FACT_COLUMNS.get(name, ())
    present: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    cols = [c for c in preferred if c in present]
    cols += [c for c in present if c not in cols and c not in PROVENANCE]
    cols = [c for c in cols if any(r.get(c) for r in rows)]  # hide columns empty here
    columns = [(c, c) for c in cols] + [("doc_id", "document"), ("text", "text")]

    def cell(r: Row, col: str) -> Node | None:
        if col == "doc_id":
            return d.doc_ref(r.get("doc_id", ""))
        if col == "text":
            quoted = el("q", r.get("text", ""), c="src")
            sp = d.span(r)
            return quoted if sp is None else d.at_ref(r.get("doc_id", ""), sp[0], quoted)
        return None

    return _table_node(rows, columns, cell)


_LINK = re.compile(r"(\S+) (~|/) (\S+): (.*)", re.S)


def _link_evidence(d: _Data, cell: str) -> list[Node]:
    """projects.link_evidence as two lists: why documents were linked, and which related-looking
    documents were kept apart and why (see pipeline.link)."""
    linked: list[Node] = []
    apart: list[Node] = []
    for item in (x for x in cell.split(" | ") if x):
        is_apart = item.startswith("not linked: ")
        m = _LINK.fullmatch(item.removeprefix("not linked: "))
        if m:
            sep = " and " if m.group(2) == "~" else " / "
            li = el("li", d.doc_ref(m.group(1)), sep, d.doc_ref(m.group(3)), ": " + m.group(4))
        else:
            li = el("li", item)
        (apart if is_apart else linked).append(li)
    out: list[Node] = []
    if linked:
        out += [el("h4", "Why these documents are one project"), el("ul", linked, c="links")]
    if apart:
        out += [el("h4", "Kept apart from related-looking documents"), el("ul", apart, c="links")]
    return out


def _card_body(
    d: _Data, pid: str, facts: dict[str, list[Row]], findings: list[_Finding], missing: list[str]
) -> Node:
    proj = d.project_by_id.get(pid)
    p = proj or {}
    props: list[tuple[str, Node]] = []
    for col, label in PROJECT_FIELDS:
        if p.get(col):
            props.append((label, p[col]))
    period = " – ".join(x for x in (p.get("start_date", ""), p.get("end_date", "")) if x)
    if period:
        props.append(("Period", period))
    for col, label in BUDGET_FIELDS:
        if p.get(col):
            props.append((f"Budget: {label}", _fmt_amount(p[col]) + " EUR"))
    for col, label in (
        ("n_partners_stated", "Partners stated"),
        ("n_countries_stated", "Countries stated"),
    ):
        if p.get(col):
            props.append((label, p[col]))
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
            props.append((col, value))
    doc_ids = [x for x in p.get("doc_ids", "").split(";") if x]
    doc_ids += [x for x in d.docs_by_project.get(pid, []) if x not in doc_ids]
    if doc_ids:
        links: list[Node] = []
        for k, x in enumerate(doc_ids):
            links += [", " if k else "", d.doc_ref(x)]
        props.append(("Documents", links))
    if missing:
        props.append(("Missing fields",
                      el("span", [el("span", m, c="chip") for m in missing], c="missing-list")))
    dl = {"dl": [[k, v] for k, v in props]}
    note = "" if proj else _empty_node("Not in projects.csv; referenced by other tables.")

    parts: list[Node] = _link_evidence(d, p.get("link_evidence", ""))
    for name, rows in facts.items():
        title = "counts" if name == "participants" else name
        parts += [el("h4", f"{title} ({len(rows)})"), _fact_table(d, name, rows)]
    for name, rows in d.extra_project_tables.items():
        mine = [r for r in rows if r.get("project_id", "") == pid]
        if mine:
            cols = [(c, c) for c in dict.fromkeys(k for r in mine for k in r) if c != "project_id"]
            parts += [el("h4", f"{name} ({len(mine)})"), _table_node(mine, cols)]
    if findings:
        rows_: list[Node] = []
        for f in findings:
            r = f.row
            quoted = r.get("text", "")
            ev: Node = ""
            if quoted:
                ev = el("q", quoted, c="src")
                if f.span:
                    ev = d.at_ref(r.get("doc_id", ""), f.span[0], ev)
            rows_.append([
                _badge_node(r.get("severity", "")),
                el("code", r.get("rule", "")),
                r.get("field", ""),
                r.get("message", ""),
                d.doc_ref(r.get("doc_id", "")),
                ev,
                {"f": f.index},
            ])
        head = ["Severity", "Rule", "Field", "Message", "Document", "Evidence", ""]
        parts += [el("h4", f"findings ({len(findings)})"), {"tb": head, "r": rows_}]
    if not parts:
        parts.append(_empty_node("No facts or findings for this project."))
    return [note, dl, *parts]


def _project_records(d: _Data) -> list[dict[str, Any]]:
    """One record per project card: anchor, label, filter key, summary and (built on open) body."""
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
    out = []
    for pid in d.project_ids:
        p = d.project_by_id.get(pid, {})
        facts = by_project.get(pid, {})
        mine = findings.get(pid, [])
        sevs = Counter(f.row.get("severity", "") for f in mine)
        chips = [el("span", f"{sevs[s]} {s}", c=f"chip {_sev_class(s)}")
                 for s in sorted(sevs, key=lambda s: (_sev_rank(s), s))]
        chips += [el("span", f"{len(v)} {k}", c="chip") for k, v in facts.items()]
        title = p.get("title", "") or p.get("title_en", "")
        key = " ".join((pid, p.get("acronym", ""), title, p.get("programme", ""))).lower()
        out.append({
            "a": _anchor("project-", pid),
            "l": d.project_label(pid),
            "t": title or pid,
            "key": key,
            "s": [el("span", d.project_label(pid), c="acr"), el("span", title, c="ttl"), " ",
                  el("span", pid, c="muted small"), el("span", chips, c="chips")],
            "b": _card_body(d, pid, facts, mine, missing.get(pid, [])),
        })
    return out


def _projects(d: _Data) -> str:
    if not d.project_ids:
        return (
            '<section class="panel" id="projects"><h2>Projects</h2>'
            f"{_empty('No projects.')}</section>"
        )
    return (
        '<section class="panel" id="projects"><h2>Projects</h2>'
        '<div class="filters"><label><input type="search" id="project-filter" '
        'placeholder="Filter projects by id, acronym, title\u2026" aria-label="Filter projects">'
        '</label><button type="button" id="cards-open">Expand this page</button>'
        '<button type="button" id="cards-close">Collapse all</button>'
        f'<span class="count" id="projects-count">{len(d.project_ids)} projects</span></div>'
        f'{_pager("projects")}<div id="project-list"></div></section>'
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


def _document_records(d: _Data) -> list[dict[str, Any]]:
    """One record per document view: anchor, filter key, summary, metadata, and the text cut
    into highlighted pieces (see `highlight`), all turned into elements only when opened."""
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
    out = []
    for doc_id in d.doc_ids:
        doc = d.doc_by_id.get(doc_id, {})
        text = d.texts.get(doc_id)
        mine = spans.get(doc_id, [])
        meta: list[Node] = [
            el("span", f"{k}: {v}")
            for k, v in (
                ("source", doc.get("source_path", "")),
                ("format", doc.get("format", "")),
                ("type", doc.get("doc_type", "")),
                ("languages", doc.get("languages", "")),
                ("published", doc.get("publication_date", "")),
                ("sha256", doc.get("sha256", "")[:12]),
            )
            if v
        ]
        pid = doc.get("project_id", "")
        if pid:
            meta.append(el("span", "project: ", d.project_ref(pid)))
        if text is not None:
            meta.append(el("span", f"{len(text)} characters"))
        head: list[Node] = [el("div", meta, c="docmeta")]
        if doc.get("error"):
            head.append(el("div", doc["error"], c="docerror"))
        if text is None:
            head.append(_empty_node("No text for this document."))
        counts = Counter(s.layer for s in mine if s.layer != "finding")
        key = " ".join((doc_id, doc.get("title", ""), doc.get("source_path", ""), pid))
        rec: dict[str, Any] = {
            "a": _anchor("doc-", doc_id),
            "i": doc_id,
            "t": doc.get("title", "") or doc.get("source_path", "") or doc_id,
            "key": key.lower(),
            # summary line: status, title, values per layer, findings (report.js builds it)
            "st": doc.get("status", ""),
            "dt": doc.get("title", ""),
            "ct": [[k, counts[k]] for k in (*FACT_TABLES, "other") if counts.get(k)],
            "nf": n_findings.get(doc_id, 0),
            "m": head,
        }
        if text is not None:
            pieces, kept = highlight(text, mine, anchors.get(doc_id, ()))
            tips: dict[str, int] = {}
            for piece in pieces:  # a tooltip shared by several pieces is stored once
                if piece[1]:
                    piece[2] = tips.setdefault(piece[2], len(tips))
                else:
                    del piece[1:]
            rec.update({"x": text, "h": pieces, "n": kept, "tt": list(tips)})
        out.append(rec)
    return out


def _documents(d: _Data) -> str:
    if not d.doc_ids:
        return (
            '<section class="panel" id="documents"><h2>Documents</h2>'
            f"{_empty('No documents.')}</section>"
        )
    return (
        '<section class="panel" id="documents"><h2>Documents</h2>'
        '<div class="filters"><label><input type="search" id="doc-filter" '
        'placeholder="Filter documents by id, title, path\u2026" aria-label="Filter documents">'
        '</label><button type="button" id="docs-close">Collapse all</button>'
        f'<span class="count" id="documents-count">{len(d.doc_ids)} documents</span></div>'
        f'{_legend()}{_pager("documents")}<div id="document-list"></div></section>'
    )


# ----------------------------------------------------------------------------------------------
# The page


def report_data(d: _Data, title: str = "", generated: str = "") -> dict[str, Any]:
    """Everything report.js renders: the lists, plus the counts as metadata."""
    return {
        "meta": {
            "title": title,
            "generated": generated,
            "documents": len(d.doc_ids),
            "projects": len(d.project_ids),
            "findings": len(d.findings),
            "facts": {k: len(v) for k, v in d.facts.items()},
            "open_cards": len(d.project_ids) <= OPEN_CARDS_MAX,
        },
        "findings": _finding_records(d),
        "projects": _project_records(d),
        "documents": _document_records(d),
    }


def render_report(
    tables: Mapping[str, pd.DataFrame],
    texts: Mapping[str, str],
    *,
    title: str = "Archive audit report",
    generated: str = "",
) -> str:
    """The whole report as one self-contained HTML page (inline CSS/JS, no network loads)."""
    d = _Data.build(tables or {}, texts or {})
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
    data = _script_json(report_data(d, title, generated))
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
            f'<script type="application/json" id="report-data">{data}</script>\n',
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
