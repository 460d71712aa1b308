"""The self-contained HTML audit report (`report.html`), written as a stream.

`write_report(out, source)` writes one HTML page from a `ReportSource` (the output tables and the
normalized texts, read row by row and one document or project at a time): a summary, the
missing-fields matrix, the findings with their evidence, one card per project and one view per
document with every extracted value highlighted. CSS and JS are inlined from
`pipeline/resources/report.{css,js}`; the page loads nothing from the network and a strict
Content-Security-Policy forbids it to.

It stays usable on archives of thousands of documents: the summary and the matrix are static HTML,
while findings, project cards and document views travel as one JSON block that report.js parses
once and renders a page of each list at a time, building a card's or a document's body only when
it is opened (see "Nodes" below).

Memory stays flat as the archive grows: a few passes over documents, projects, coverage and
findings build small indexes (ids and their positions, labels, counts per rule and severity,
missing fields per project; `_Index`), then the page is written piece by piece. The JSON block is
written record by record (documents, findings, project cards: the order of its sorted keys), each
record built from what the source returns for that one key and written at once. Findings are
shown errors first; validation.csv from the pipeline is already in that order, otherwise they are
read once per severity. Evidence windows read texts through a small cache of recent ones.
`render_report(tables, texts)` is the same writer over tables in memory (`TableSource`), for
tests and small inputs; both give the same bytes for the same data.

Everything that comes from documents or tables is untrusted. In static HTML it goes through `_e`
(html.escape with quotes); in the JSON block `_script_json` escapes `<`, `>`, `&` so no text can
close the block, and report.js puts it into the page with textContent only. The page is
deterministic: the same input gives the same bytes (the `generated` stamp is whatever the caller
passes).
"""
from __future__ import annotations

import bisect
import hashlib
import html
import io
import json
import os
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from pipeline.export import replacing
from pipeline.text import sentence_spans, sentence_spans_around

if TYPE_CHECKING:  # pandas is only needed for tables held in memory (render_report)
    import pandas as pd

__all__ = [
    "CSP", "ReportSource", "TableSource", "render_report", "write_report", "write_report_tables",
]

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
# What the report reads


class ReportSource(Protocol):
    """What the report reads. Iterables may be iterated more than once (each call re-reads);
    all values are strings as in the CSVs (missing = ""). Per-document/per-project methods are
    called one key at a time; the writer must not collect their results for all keys at once.

    A row has every column of its CSV, in the CSV's order (card tables show the columns in row
    order). The order of the tables in doc_facts()/project_facts() does not matter (the writer
    uses FACT_TABLES, then the order of fact_counts()); project_tables() are shown in the order
    given. Per-key findings may come in any order (the writer sorts them by severity, then "_n",
    which may be a str or an int).

    Optional: `referenced_doc_ids()` / `referenced_project_ids()` (ids that facts, texts, findings
    or other tables name but documents()/projects() lack); the report lists those too, as
    TableSource does. A source without them adds only what the writer itself sees (documents
    named by findings; projects named by coverage, findings and documents).
    """

    def documents(self) -> Iterable[Row]: ...  # documents.csv rows, file order
    def projects(self) -> Iterable[Row]: ...  # projects.csv rows, file order
    def coverage(self) -> Iterable[Row]: ...  # coverage.csv rows, file order
    def findings(self) -> Iterable[Row]: ...  # validation.csv rows, file order
    def fact_counts(self) -> dict[str, int]: ...  # fact-like table -> row count
    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]: ...
    def project_facts(self, project_id: str) -> dict[str, list[Row]]: ...
    def project_tables(self, project_id: str) -> dict[str, list[Row]]: ...
    def doc_findings(self, doc_id: str) -> list[Row]: ...  # with "_n": index in validation.csv
    def project_findings(self, project_id: str) -> list[Row]: ...  # with "_n"
    def text(self, doc_id: str) -> str | None: ...


class TableSource:
    """A ReportSource over tables already in memory (DataFrames, every column a string) and texts.

    It holds everything, so it is for tests, notebooks and small inputs; a whole archive is read
    from a store instead. Documents and projects that other tables reference but documents.csv /
    projects.csv lack are reported by `referenced_doc_ids` / `referenced_project_ids`."""

    def __init__(self, tables: Mapping[str, Any] | None, texts: Mapping[str, str] | None) -> None:
        tables = tables or {}
        self._texts = {str(k): str(v) for k, v in (texts or {}).items() if v is not None}
        self._documents = _records(tables.get("documents"))
        self._projects = _records(tables.get("projects"))
        self._coverage = _records(tables.get("coverage"))
        self._validation = _records(tables.get("validation"))
        self._facts: dict[str, list[Row]] = {n: _records(tables.get(n)) for n in FACT_TABLES}
        self._extra: dict[str, list[Row]] = {}
        for name, df in tables.items():
            if name in FACT_TABLES or name in NON_FACT_TABLES:
                continue
            cols = set(_columns(df))
            if {"doc_id", "char_start", "char_end"} <= cols:
                self._facts[str(name)] = _records(df)
            elif "project_id" in cols:
                self._extra[str(name)] = _records(df)
        self._doc_project: dict[str, str] = {}
        for r in self._documents:
            doc_id = r.get("doc_id", "")
            if doc_id and doc_id not in self._doc_project:
                self._doc_project[doc_id] = r.get("project_id", "")
        self._by_doc: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        self._by_project: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        for name, rows in self._facts.items():
            for r in rows:
                self._by_doc[r.get("doc_id", "")].setdefault(name, []).append(r)
                self._by_project[self._project_of(r)].setdefault(name, []).append(r)
        self._tables: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        for name, rows in self._extra.items():
            for r in rows:
                self._tables[r.get("project_id", "")].setdefault(name, []).append(r)
        self._findings_by_doc: dict[str, list[Row]] = defaultdict(list)
        self._findings_by_project: dict[str, list[Row]] = defaultdict(list)
        for i, r in enumerate(self._validation):
            numbered = {**r, "_n": str(i)}
            self._findings_by_doc[r.get("doc_id", "")].append(numbered)
            self._findings_by_project[self._project_of(r)].append(numbered)

    def _project_of(self, r: Row) -> str:
        return r.get("project_id", "") or self._doc_project.get(r.get("doc_id", ""), "")

    def documents(self) -> Iterable[Row]:
        return iter(self._documents)

    def projects(self) -> Iterable[Row]:
        return iter(self._projects)

    def coverage(self) -> Iterable[Row]:
        return iter(self._coverage)

    def findings(self) -> Iterable[Row]:
        return iter(self._validation)

    def fact_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self._facts.items()}

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        return dict(self._by_doc.get(doc_id, {}))

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        return dict(self._by_project.get(project_id, {}))

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return dict(self._tables.get(project_id, {}))

    def doc_findings(self, doc_id: str) -> list[Row]:
        return list(self._findings_by_doc.get(doc_id, []))

    def project_findings(self, project_id: str) -> list[Row]:
        return list(self._findings_by_project.get(project_id, []))

    def text(self, doc_id: str) -> str | None:
        return self._texts.get(doc_id)

    def referenced_doc_ids(self) -> set[str]:
        ids = set(self._texts)
        for rows in (*self._facts.values(), self._validation):
            ids.update(r.get("doc_id", "") for r in rows)
        return ids - set(self._doc_project) - {""}

    def referenced_project_ids(self) -> set[str]:
        ids: set[str] = set()
        for rows in (self._coverage, *self._facts.values(), *self._extra.values(),
                     self._documents):
            ids.update(r.get("project_id", "") for r in rows)
        ids.update(self._project_of(r) for r in self._validation)
        return ids - {r.get("project_id", "") for r in self._projects} - {""}


# ----------------------------------------------------------------------------------------------
# The small indexes the writer keeps (O(documents + projects) ids, labels and counts; no rows)


@dataclass
class _Finding:
    index: int
    row: Row
    project_id: str
    span: tuple[int, int] | None


def _span_in(r: Row, length: int | None) -> tuple[int, int] | None:
    """The row's (char_start, char_end) when it indexes a text of `length` characters, else None."""
    start, end = _int(r.get("char_start", "")), _int(r.get("char_end", ""))
    if length is None or start is None or end is None or not 0 <= start <= end <= length:
        return None
    return start, end


@dataclass
class _Index:
    """Ids, positions, labels and counts read in passes over the source; what links and the
    static sections need. Rows, texts and records are never kept here."""

    doc_ids: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_project_of: dict[str, str] = field(default_factory=dict)
    document_rows: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    salvaged: int = 0  # documents read in part from a damaged file
    project_ids: list[str] = field(default_factory=list)
    project_index: dict[str, int] = field(default_factory=dict)
    in_projects_csv: set[str] = field(default_factory=set)
    acronym: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)  # title, or else title_en
    docs_by_project: dict[str, list[str]] = field(default_factory=dict)
    fact_counts: dict[str, int] = field(default_factory=dict)  # FACT_TABLES first, then others
    cov_fields: list[str] = field(default_factory=list)
    cov_pids: list[str] = field(default_factory=list)  # coverage.csv order
    cov_status: dict[str, dict[str, str]] = field(default_factory=dict)  # first row wins
    missing: dict[str, list[str]] = field(default_factory=dict)
    n_findings: int = 0
    sevs: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    by_rule: dict[str, Counter[str]] = field(default_factory=dict)
    finding_projects: Counter[str] = field(default_factory=Counter)
    findings_sorted: bool = True  # validation.csv already in display order (errors first)
    ranks: set[int] = field(default_factory=set)
    text_len: dict[str, int] = field(default_factory=dict)  # filled while documents are written

    @classmethod
    def read(cls, source: ReportSource) -> _Index:
        ix = cls()
        interned: dict[str, str] = {}  # one string per distinct field/status/severity/rule

        def one(s: str) -> str:
            return interned.setdefault(s, s)

        doc_pids: set[str] = set()
        for r in source.documents():
            ix.document_rows += 1
            doc_pids.add(r.get("project_id", ""))
            ix.statuses[one(r.get("status", ""))] += 1
            ix.salvaged += bool(r.get("salvage"))
            doc_id = r.get("doc_id", "")
            if doc_id and doc_id not in ix.doc_index:
                ix.doc_index[doc_id] = len(ix.doc_ids)
                ix.doc_ids.append(doc_id)
                if r.get("project_id"):
                    ix.doc_project_of[doc_id] = r["project_id"]
        for r in source.projects():
            pid = r.get("project_id", "")
            if pid and pid not in ix.project_index:
                ix.project_index[pid] = len(ix.project_ids)
                ix.project_ids.append(pid)
                ix.in_projects_csv.add(pid)
                if r.get("acronym"):
                    ix.acronym[pid] = r["acronym"]
                if r.get("title") or r.get("title_en"):
                    ix.title[pid] = r.get("title", "") or r.get("title_en", "")
        counts = source.fact_counts()
        ix.fact_counts = {n: counts.get(n, 0) for n in FACT_TABLES}
        ix.fact_counts.update((n, c) for n, c in counts.items() if n not in FACT_TABLES)
        fields: dict[str, None] = {}
        cov_pids: dict[str, None] = {}
        for r in source.coverage():
            pid, f, st = r.get("project_id", ""), one(r.get("field", "")), one(r.get("status", ""))
            fields.setdefault(f)
            cov_pids.setdefault(pid)
            ix.cov_status.setdefault(pid, {}).setdefault(f, st)
            if st == "missing":
                ix.missing.setdefault(pid, []).append(f)
        ix.cov_fields, ix.cov_pids = list(fields), list(cov_pids)
        doc_refs: set[str] = set()
        previous = 0
        for r in source.findings():
            sev, rule = one(r.get("severity", "")), one(r.get("rule", ""))
            rank = _sev_rank(sev)
            ix.findings_sorted &= rank >= previous
            previous = rank
            ix.ranks.add(rank)
            ix.n_findings += 1
            ix.sevs[sev] += 1
            ix.rules[rule] += 1
            ix.by_rule.setdefault(rule, Counter())[sev] += 1
            ix.finding_projects[ix.finding_project(r)] += 1
            if r.get("doc_id", "") not in ix.doc_index:
                doc_refs.add(r.get("doc_id", ""))
        extra = getattr(source, "referenced_doc_ids", None)
        doc_refs.update(extra() if extra else ())
        ix.doc_ids += sorted(doc_refs - set(ix.doc_index) - {""})
        ix.doc_index = {doc_id: i for i, doc_id in enumerate(ix.doc_ids)}
        for doc_id in ix.doc_ids:
            ix.docs_by_project.setdefault(ix.doc_project(doc_id), []).append(doc_id)
        others = set(ix.cov_pids) | set(ix.finding_projects) | doc_pids
        extra = getattr(source, "referenced_project_ids", None)
        others.update(extra() if extra else ())
        ix.project_ids += sorted(others - ix.in_projects_csv - {""})
        ix.project_index = {pid: i for i, pid in enumerate(ix.project_ids)}
        return ix

    def doc_project(self, doc_id: str) -> str:
        return self.doc_project_of.get(doc_id, "")

    def finding_project(self, r: Row) -> str:
        return r.get("project_id", "") or self.doc_project(r.get("doc_id", ""))

    def span(self, r: Row) -> tuple[int, int] | None:
        """The row's offsets when they index its document's text (known once documents are
        written: the document records come first in the data block)."""
        return _span_in(r, self.text_len.get(r.get("doc_id", "")))

    def finding(self, r: Row, n: int | None = None) -> _Finding:
        index = int(r["_n"]) if n is None else n
        return _Finding(index, r, self.finding_project(r), self.span(r))

    def project_label(self, pid: str) -> str:
        return self.acronym.get(pid, "") or pid

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


def _display_order(findings: Iterable[Row]) -> list[Row]:
    """One key's findings as shown: errors first, then by their index in validation.csv."""
    return sorted(findings, key=lambda r: (_sev_rank(r.get("severity", "")), int(r["_n"])))


class _TextCache:
    """The last few texts, for the findings' evidence windows (findings are shown by severity and
    rule, not by document, so the same texts come back). Bounded in entries and characters."""

    def __init__(self, source: ReportSource, size: int = 32, chars: int = 2_000_000) -> None:
        self.source, self.size, self.chars = source, size, chars
        self._held = 0
        self._cache: OrderedDict[str, str] = OrderedDict()

    def get(self, doc_id: str) -> str:
        text = self._cache.get(doc_id)
        if text is not None:
            self._cache.move_to_end(doc_id)
            return text
        text = self._cache[doc_id] = self.source.text(doc_id) or ""
        self._held += len(text)
        while len(self._cache) > 1 and (len(self._cache) > self.size or self._held > self.chars):
            self._held -= len(self._cache.popitem(last=False)[1])
        return text


# ----------------------------------------------------------------------------------------------
# Static sections: HTML written piece by piece (the matrix and failure list grow with the archive)


def _table_head(columns: Sequence[tuple[str, str]], cls: str = "data") -> str:
    head = "".join(f"<th>{_e(label)}</th>" for _, label in columns)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>'


def _table_row(
    r: Row, columns: Sequence[tuple[str, str]], cell: Callable[[Row, str], str | None]
) -> str:
    """One escaped row; `cell(row, column)` may return ready HTML for special columns."""
    tds = []
    for col, _ in columns:
        custom = cell(r, col)
        tds.append(f"<td>{custom if custom is not None else _e(r.get(col, ''))}</td>")
    return f"<tr>{''.join(tds)}</tr>"


def _tile(label: str, n: int, parts: Sequence[tuple[str, int]] = (), cls: str = "") -> str:
    extra = "".join(f"<span>{_e(k)}: {v}</span>" for k, v in parts)
    return (
        f'<div class="tile {cls}"><div class="label">{_e(label)}</div><div class="n">{n}</div>'
        f'<div class="parts">{extra}</div></div>'
    )


BAD_COLUMNS = (
    ("doc_id", "Document"),
    ("source_path", "Source path"),
    ("format", "Format"),
    ("status", "Status"),
    ("error", "Reason"),
)
SALVAGED_COLUMNS = (
    ("doc_id", "Document"),
    ("source_path", "Source path"),
    ("format", "Format"),
    ("status", "Status"),
    ("salvage", "What was lost"),
)


def _summary(ix: _Index, source: ReportSource) -> Iterator[str]:
    statuses = ix.statuses
    status_parts = [(s, statuses.get(s, 0)) for s in DOC_STATUSES]
    status_parts += [
        (s or "(blank)", n) for s, n in sorted(statuses.items()) if s not in DOC_STATUSES
    ]
    sevs = ix.sevs
    tiles = [
        _tile(
            "Documents",
            ix.document_rows,
            status_parts,
            "t-error" if statuses.get("failed") else "t-ok",
        ),
        _tile("Projects", len(ix.project_ids)),
        _tile("Extracted facts", sum(ix.fact_counts.values()), list(ix.fact_counts.items())),
        _tile("Findings", ix.n_findings, [("rules", len(ix.rules))]),
    ]
    tiles += [_tile(f"{s.capitalize()} findings", sevs.get(s, 0), cls=f"t-{s}") for s in SEVERITIES]
    tiles += [
        _tile(f"{s or '(blank)'} findings", n)
        for s, n in sorted(sevs.items())
        if s not in SEVERITIES
    ]

    by_rule = ix.by_rule
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
            f'<td class="num">{ix.n_findings}</td></tr></tfoot></table>'
        )
    else:
        rules = _empty("No findings.")

    n_bad = statuses.get("failed", 0) + statuses.get("skipped", 0)
    yield (
        '<section class="panel" id="summary"><h2>Summary</h2>'
        f'<div class="tiles">{"".join(tiles)}</div>'
        f'<div class="cols"><div><h3>Findings per rule</h3>{rules}</div>'
        f"<div><h3>Failed and skipped documents ({n_bad})</h3>"
    )

    def cell(r: Row, c: str) -> str | None:
        if c == "doc_id":
            return ix.doc_link(r.get("doc_id", ""))
        if c == "status":
            return _status_badge(r.get("status", ""))
        return None

    if n_bad:
        yield _table_head(BAD_COLUMNS)
        for r in source.documents():
            if r.get("status", "") in ("failed", "skipped"):
                yield _table_row(r, BAD_COLUMNS, cell)
        yield "</tbody></table>"
    else:
        yield _empty("Every document was read.")
    if ix.salvaged:  # (absent when no file was damaged: such reports stay as they were)
        yield f"<h3>Salvaged documents, read in part ({ix.salvaged})</h3>"
        yield _table_head(SALVAGED_COLUMNS)
        for r in source.documents():
            if r.get("salvage"):
                yield _table_row(r, SALVAGED_COLUMNS, cell)
        yield "</tbody></table>"
    yield "</div></div></section>"


def _project_name(ix: _Index, pid: str) -> str:
    """A project as people name it: acronym (project_id)."""
    label = ix.project_label(pid)
    return label if label == pid else f"{label} ({pid})"


_COV_CELL = {
    "present": ("cov-present", "\u2713"),
    "missing": ("cov-missing", "\u2717"),
    "not_applicable": ("cov-na", "\u2013"),
}


def _coverage(ix: _Index) -> Iterator[str]:
    """The missing-fields matrix as static HTML (it must show the gaps even before any script
    runs); cells carry no per-cell tooltip, report.js names project and field on hover."""
    fields = ix.cov_fields
    covered = set(ix.cov_pids)
    pids = [p for p in ix.project_ids if p in covered]
    listed = set(pids)
    pids += [p for p in ix.cov_pids if p not in listed]
    legend = (
        '<div class="legend"><span><span class="sw cov-present">\u2713</span> present</span>'
        '<span><span class="sw cov-missing">\u2717</span> missing</span>'
        '<span><span class="sw cov-na">\u2013</span> not applicable</span>'
        '<span class="muted">Rows link to the project card; sorted as in projects.csv. '
        "Hover a cell to see its project and field.</span></div>"
    )
    if not fields or not pids:
        yield (
            '<section class="panel" id="coverage"><h2>Missing fields</h2>'
            f"{_empty('No coverage rows.')}</section>"
        )
        return
    head = "".join(f'<th class="field" title="{_e(f)}"><span>{_e(f)}</span></th>' for f in fields)
    filters = (
        '<div class="filters"><label><input type="checkbox" id="coverage-gaps"> only projects '
        "with missing fields</label></div>"
    )
    yield (
        '<section class="panel" id="coverage"><h2>Missing fields</h2>'
        f"{legend}{filters}"
        '<div class="scroll"><table class="matrix" id="coverage-matrix">'
        f'<thead><tr><th class="proj">Project</th>{head}'
        '<th class="field"><span>missing</span></th></tr></thead><tbody>'
    )
    missing_per_field: Counter[str] = Counter()
    for pid in pids:
        status = ix.cov_status.get(pid, {})
        cells = []
        n_missing = 0
        for f in fields:
            st = status.get(f)
            if st is None:
                cls, sym = "cov-none", "\u00b7"
            else:
                cls, sym = _COV_CELL.get(st, ("cov-other", st or "?"))
            if st == "missing":
                n_missing += 1
                missing_per_field[f] += 1
            cells.append(f'<td class="cov {cls}">{_e(sym)}</td>')
        title = ix.title.get(pid, "")
        label = f'<a href="#{_e(_anchor("project-", pid))}">{_e(ix.project_label(pid))}</a>'
        if title:
            label += f' <span class="muted small">{_e(title[:60])}</span>'
        gap = ' class="gap"' if n_missing else ""
        yield (
            f'<tr{gap}><th class="proj" '
            f'title="{_e(_project_name(ix, pid) + (" — " + title if title else ""))}">{label}'
            f'</th>{"".join(cells)}<td class="num">{n_missing}</td></tr>'
        )
    foot = "".join(f'<td class="num">{missing_per_field.get(f, 0)}</td>' for f in fields)
    yield (
        "</tbody>"
        f'<tfoot><tr><th class="proj">Missing per field</th>{foot}'
        f'<td class="num">{sum(missing_per_field.values())}</td></tr></tfoot>'
        "</table></div></section>"
    )


# ----------------------------------------------------------------------------------------------
# List sections: static shells (filters, counters) plus data that report.js renders page by page


def _pager(name: str) -> str:
    return f'<div class="pager" id="{name}-pager" data-list="{name}"></div>'


def _evidence_node(ix: _Index, f: _Finding, texts: _TextCache) -> Node:
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
    text = texts.get(doc_id)
    spans = sentence_spans_around(text, start, end)  # the same window, without the whole split
    out = evidence(text, start, end, spans, [s for s, _ in spans])
    if quoted and text[start:end] != quoted:
        out += [" ", el("span", "row text differs from the span", c="note", t=quoted)]
    return [*out, " ", ix.at_ref(doc_id, start, el("span", "view in document \u2192", c="go"))]


def _finding_record(ix: _Index, f: _Finding, texts: _TextCache) -> dict[str, Any]:
    """One finding's record: the filter keys and the cells."""
    r = f.row
    sev, rule = r.get("severity", ""), r.get("rule", "")
    return {
        "n": f.index,
        "s": sev,
        "r": rule,
        "p": f.project_id,
        "k": [
            _badge_node(sev),
            el("code", rule),
            ix.project_ref(f.project_id),
            ix.doc_ref(r.get("doc_id", "")),
            r.get("field", ""),
            r.get("message", ""),
            _evidence_node(ix, f, texts),
        ],
    }


def _findings_in_order(ix: _Index, source: ReportSource) -> Iterator[_Finding]:
    """Every finding in display order (errors first, then by index). validation.csv from the
    pipeline is already in that order, so one pass; otherwise one pass per severity rank."""
    for rank in [None] if ix.findings_sorted else sorted(ix.ranks):
        for n, r in enumerate(source.findings()):
            if rank is None or _sev_rank(r.get("severity", "")) == rank:
                yield ix.finding(r, n)


def _findings(ix: _Index) -> str:
    n = ix.n_findings
    if not n:
        return (
            '<section class="panel" id="findings"><h2>Findings</h2>'
            f"{_empty('No findings.')}</section>"
        )
    sevs = ix.sevs
    sev_order = sorted(sevs, key=lambda s: (_sev_rank(s), s))
    boxes = "".join(
        f'<label><input type="checkbox" data-sev-filter value="{_e(s)}" checked> '
        f"{_badge(s)} {sevs[s]}</label>"
        for s in sev_order
    )
    rules = ix.rules
    rule_opts = "".join(
        f'<option value="{_e(r)}">{_e(r or "(blank)")} ({rules[r]})</option>' for r in sorted(rules)
    )
    projs = ix.finding_projects
    proj_opts = "".join(
        f'<option value="{_e(p)}">{_e(_project_name(ix, p) if p else "(no project)")} ({projs[p]})'
        "</option>"
        for p in sorted(projs, key=lambda p: (p == "", ix.project_label(p).lower(), p))
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


def _fact_table(ix: _Index, name: str, rows: Sequence[Row]) -> Node:
    preferred = FACT_COLUMNS.get(name, ())
    present: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    cols = [c for c in preferred if c in present]
    cols += [c for c in present if c not in cols and c not in PROVENANCE]
    cols = [c for c in cols if any(r.get(c) for r in rows)]  # hide columns empty here
    columns = [(c, c) for c in cols] + [("doc_id", "document"), ("text", "text")]

    def cell(r: Row, col: str) -> Node | None:
        if col == "doc_id":
            return ix.doc_ref(r.get("doc_id", ""))
        if col == "text":
            quoted = el("q", r.get("text", ""), c="src")
            sp = ix.span(r)
            return quoted if sp is None else ix.at_ref(r.get("doc_id", ""), sp[0], quoted)
        return None

    return _table_node(rows, columns, cell)


_LINK = re.compile(r"(\S+) (~|/) (\S+): (.*)", re.S)


def _link_evidence(ix: _Index, cell: str) -> list[Node]:
    """projects.link_evidence as two lists: why documents were linked, and which related-looking
    documents were kept apart and why (see pipeline.link)."""
    linked: list[Node] = []
    apart: list[Node] = []
    for item in (x for x in cell.split(" | ") if x):
        is_apart = item.startswith("not linked: ")
        m = _LINK.fullmatch(item.removeprefix("not linked: "))
        if m:
            sep = " and " if m.group(2) == "~" else " / "
            li = el("li", ix.doc_ref(m.group(1)), sep, ix.doc_ref(m.group(3)), ": " + m.group(4))
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
    ix: _Index,
    pid: str,
    proj: Row | None,
    facts: dict[str, list[Row]],
    tables: dict[str, list[Row]],
    findings: list[_Finding],
) -> Node:
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
    doc_ids += [x for x in ix.docs_by_project.get(pid, []) if x not in doc_ids]
    if doc_ids:
        links: list[Node] = []
        for k, x in enumerate(doc_ids):
            links += [", " if k else "", ix.doc_ref(x)]
        props.append(("Documents", links))
    missing = ix.missing.get(pid, [])
    if missing:
        props.append(("Missing fields",
                      el("span", [el("span", m, c="chip") for m in missing], c="missing-list")))
    dl = {"dl": [[k, v] for k, v in props]}
    note = "" if proj else _empty_node("Not in projects.csv; referenced by other tables.")

    parts: list[Node] = _link_evidence(ix, p.get("link_evidence", ""))
    for name, rows in facts.items():
        title = "counts" if name == "participants" else name
        parts += [el("h4", f"{title} ({len(rows)})"), _fact_table(ix, name, rows)]
    for name, mine in tables.items():
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
                    ev = ix.at_ref(r.get("doc_id", ""), f.span[0], ev)
            rows_.append([
                _badge_node(r.get("severity", "")),
                el("code", r.get("rule", "")),
                r.get("field", ""),
                r.get("message", ""),
                ix.doc_ref(r.get("doc_id", "")),
                ev,
                {"f": f.index},
            ])
        head = ["Severity", "Rule", "Field", "Message", "Document", "Evidence", ""]
        parts += [el("h4", f"findings ({len(findings)})"), {"tb": head, "r": rows_}]
    if not parts:
        parts.append(_empty_node("No facts or findings for this project."))
    return [note, dl, *parts]


def _project_record(
    ix: _Index,
    pid: str,
    proj: Row | None,
    facts: dict[str, list[Row]],
    tables: dict[str, list[Row]],
    findings: list[_Finding],
) -> dict[str, Any]:
    """One project card: anchor, label, filter key, summary and (built on open) body."""
    p = proj or {}
    sevs = Counter(f.row.get("severity", "") for f in findings)
    chips = [el("span", f"{sevs[s]} {s}", c=f"chip {_sev_class(s)}")
             for s in sorted(sevs, key=lambda s: (_sev_rank(s), s))]
    chips += [el("span", f"{len(v)} {k}", c="chip") for k, v in facts.items()]
    title = p.get("title", "") or p.get("title_en", "")
    key = " ".join((pid, p.get("acronym", ""), title, p.get("programme", ""))).lower()
    return {
        "a": _anchor("project-", pid),
        "l": ix.project_label(pid),
        "t": title or pid,
        "key": key,
        "s": [el("span", ix.project_label(pid), c="acr"), el("span", title, c="ttl"), " ",
              el("span", pid, c="muted small"), el("span", chips, c="chips")],
        "b": _card_body(ix, pid, proj, facts, tables, findings),
    }


def _first_rows(
    rows: Iterable[Row], column: str, index: Mapping[str, int], ids: Sequence[str]
) -> Iterator[tuple[str, Row | None]]:
    """(id, its first row) in table order, then (id, None) for the ids only other tables name:
    the order `_Index` numbered them in."""
    k = 0
    for r in rows:
        key = r.get(column, "")
        if key and index.get(key) == k:  # its first row (the index was built so)
            k += 1
            yield key, r
    for key in ids[k:]:
        yield key, None


def _project_records(ix: _Index, source: ReportSource) -> Iterator[dict[str, Any]]:
    """The project cards in projects.csv order, then the projects only other tables name; each
    project's facts, tables and findings are fetched when its card is built."""
    for pid, r in _first_rows(source.projects(), "project_id", ix.project_index, ix.project_ids):
        yield _project_record_of(ix, source, pid, r)


def _project_record_of(
    ix: _Index, source: ReportSource, pid: str, proj: Row | None
) -> dict[str, Any]:
    got = source.project_facts(pid)
    facts = {n: got[n] for n in ix.fact_counts if got.get(n)}
    facts.update((n, rows) for n, rows in got.items() if rows and n not in facts)
    findings = [ix.finding(f) for f in _display_order(source.project_findings(pid))]
    return _project_record(ix, pid, proj, facts, source.project_tables(pid), findings)


def _document_record(
    ix: _Index,
    doc_id: str,
    doc: Row,
    facts: dict[str, list[Row]],
    findings: list[Row],
    text: str | None,
) -> dict[str, Any]:
    """One document view: anchor, filter key, summary, metadata, and the text cut into
    highlighted pieces (see `highlight`), all turned into elements only when opened."""
    length = None if text is None else len(text)
    mine: list[Span] = []
    anchors: set[int] = set()
    for name in [*ix.fact_counts, *(n for n in facts if n not in ix.fact_counts)]:
        layer = name if name in FACT_TABLES else "other"
        for r in facts.get(name, ()):
            sp = _span_in(r, length)
            if sp is None:
                continue
            label = _fact_label(name, r) if layer != "other" else f"{name}: {r.get('text', '')}"
            mine.append(Span(sp[0], sp[1], layer, label))
            anchors.add(sp[0])
    for r in findings:
        sp = _span_in(r, length)
        if sp is None:
            continue
        label = f"Finding [{r.get('severity', '')}] {r.get('rule', '')}: {r.get('message', '')}"
        mine.append(Span(sp[0], sp[1], "finding", label))
        anchors.add(sp[0])
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
        meta.append(el("span", "project: ", ix.project_ref(pid)))
    if text is not None:
        meta.append(el("span", f"{len(text)} characters"))
    head: list[Node] = [el("div", meta, c="docmeta")]
    if doc.get("error"):
        head.append(el("div", doc["error"], c="docerror"))
    if doc.get("salvage"):
        head.append(el("div", doc["salvage"], c="docerror"))
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
        "nf": len(findings),
        "m": head,
    }
    if text is not None:
        pieces, kept = highlight(text, mine, anchors)
        tips: dict[str, int] = {}
        for piece in pieces:  # a tooltip shared by several pieces is stored once
            if piece[1]:
                piece[2] = tips.setdefault(piece[2], len(tips))
            else:
                del piece[1:]
        rec.update({"x": text, "h": pieces, "n": kept, "tt": list(tips)})
    return rec


def _document_records(ix: _Index, source: ReportSource) -> Iterator[dict[str, Any]]:
    """The document views in documents.csv order, then the documents only other tables name.
    Each text is read here once; its length is kept for the findings and cards written later."""
    for doc_id, r in _first_rows(source.documents(), "doc_id", ix.doc_index, ix.doc_ids):
        yield _document_record_of(ix, source, doc_id, r or {})


def _document_record_of(
    ix: _Index, source: ReportSource, doc_id: str, doc: Row
) -> dict[str, Any]:
    text = source.text(doc_id)
    if text is not None:
        ix.text_len[doc_id] = len(text)
    findings = _display_order(source.doc_findings(doc_id))
    return _document_record(ix, doc_id, doc, source.doc_facts(doc_id), findings, text)


def _projects(ix: _Index) -> str:
    if not ix.project_ids:
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
        f'<span class="count" id="projects-count">{len(ix.project_ids)} projects</span></div>'
        f'{_pager("projects")}<div id="project-list"></div>'
        '<noscript><p class="empty">The project cards are built by the page\'s script; '
        "projects.csv and the fact tables hold the same values.</p></noscript></section>"
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


def _documents(ix: _Index) -> str:
    if not ix.doc_ids:
        return (
            '<section class="panel" id="documents"><h2>Documents</h2>'
            f"{_empty('No documents.')}</section>"
        )
    return (
        '<section class="panel" id="documents"><h2>Documents</h2>'
        '<div class="filters"><label><input type="search" id="doc-filter" '
        'placeholder="Filter documents by id, title, path\u2026" aria-label="Filter documents">'
        '</label><button type="button" id="docs-close">Collapse all</button>'
        f'<span class="count" id="documents-count">{len(ix.doc_ids)} documents</span></div>'
        f'{_legend()}{_pager("documents")}<div id="document-list"></div>'
        '<noscript><p class="empty">The document views are built by the page\'s script; '
        "text/ holds every document's text and the tables its values.</p></noscript></section>"
    )


# ----------------------------------------------------------------------------------------------
# The page, written piece by piece


def _json_list(records: Iterable[Any]) -> Iterator[str]:
    """A JSON array written one record at a time (the same bytes as `_script_json(list)`)."""
    yield "["
    for k, rec in enumerate(records):
        yield ("," if k else "") + _script_json(rec)
    yield "]"


def _data_block(ix: _Index, source: ReportSource, title: str, generated: str) -> Iterator[str]:
    """The page's JSON data, record by record. Keys in sorted order as `_script_json` writes
    them: documents (which also read the texts' lengths), findings, meta, projects."""
    meta = {
        "title": title,
        "generated": generated,
        "documents": len(ix.doc_ids),
        "projects": len(ix.project_ids),
        "findings": ix.n_findings,
        "facts": dict(ix.fact_counts),
        "open_cards": len(ix.project_ids) <= OPEN_CARDS_MAX,
    }
    texts = _TextCache(source)
    yield '{"documents":'
    yield from _json_list(_document_records(ix, source))
    yield ',"findings":'
    yield from _json_list(_finding_record(ix, f, texts) for f in _findings_in_order(ix, source))
    yield ',"meta":' + _script_json(meta)
    yield ',"projects":'
    yield from _json_list(_project_records(ix, source))
    yield "}"


def _page(source: ReportSource, title: str, generated: str) -> Iterator[str]:
    """The whole report as pieces of text, in page order."""
    js = _resource("report.js")
    css = _resource("report.css")
    if "</" in js or "<!--" in js or "</style" in css.lower():
        raise ValueError("report resources must not contain closing-tag sequences")
    ix = _Index.read(source)
    nav = "".join(
        f'<a href="#{a}">{_e(label)}</a>'
        for a, label in (
            ("summary", "Summary"),
            ("coverage", "Missing fields"),
            ("findings", f"Findings ({ix.n_findings})"),
            ("projects", f"Projects ({len(ix.project_ids)})"),
            ("documents", f"Documents ({len(ix.doc_ids)})"),
        )
    )
    stamp = f'<span class="generated">Generated {_e(generated)}</span>' if generated else ""
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f'<header class="topbar"><h1>{_e(title)}</h1>{stamp}<nav>{nav}</nav></header>\n'
        "<main>\n"
    )
    yield from _summary(ix, source)
    yield "\n"
    yield from _coverage(ix)
    yield "\n"
    yield _findings(ix)
    yield "\n"
    yield _projects(ix)
    yield "\n"
    yield _documents(ix)
    yield "\n</main>\n"
    yield '<script type="application/json" id="report-data">'
    yield from _data_block(ix, source, title, generated)
    yield f"</script>\n<script>\n{js}</script>\n</body>\n</html>\n"


def _write_page(fh: TextIO, source: ReportSource, title: str, generated: str) -> None:
    for piece in _page(source, title, generated):
        # Lone surrogates (broken input) cannot be written as UTF-8: show them as '?'.
        fh.write(piece.encode("utf-8", "replace").decode("utf-8"))


def write_report(
    out: Path | str | TextIO,
    source: ReportSource,
    *,
    title: str = DEFAULT_TITLE,
    generated: str = "",
) -> None:
    """Write the report from `source` into an open text stream, or atomically to a path
    (`export.replacing`), one piece at a time."""
    if not isinstance(out, (str, os.PathLike)):
        _write_page(out, source, title, generated)
        return
    with replacing(Path(out)) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        _write_page(fh, source, title, generated)


def render_report(
    tables: Mapping[str, pd.DataFrame],
    texts: Mapping[str, str],
    *,
    title: str = DEFAULT_TITLE,
    generated: str = "",
) -> str:
    """The whole report as one string, from tables and texts in memory (see TableSource)."""
    buf = io.StringIO()
    write_report(buf, TableSource(tables, texts), title=title, generated=generated)
    return buf.getvalue()


def write_report_tables(
    path: Path, tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str], **kw: Any
) -> None:
    """`write_report` from tables and texts in memory (see TableSource)."""
    write_report(path, TableSource(tables, texts), **kw)
