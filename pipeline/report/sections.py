"""How the page is laid out: the static sections (summary, missing-fields matrix) and the list
sections (findings, projects, documents) with the JSON records report.js renders."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from pipeline.report.base import (
    BUDGET_FIELDS,
    DOC_STATUSES,
    FACT_COLUMNS,
    FACT_TABLES,
    LAYER_LABELS,
    PROJECT_FIELDS,
    PROVENANCE,
    SEVERITIES,
    Row,
    _anchor,
    _badge,
    _e,
    _empty,
    _fmt_amount,
    _script_json,
    _sev_class,
    _sev_rank,
    _status_badge,
)
from pipeline.report.nodes import (
    Node,
    Span,
    _badge_node,
    _empty_node,
    _fact_label,
    _snippet,
    el,
    evidence,
    highlight,
)
from pipeline.report.source import (
    ReportSource,
    _display_order,
    _Finding,
    _Index,
    _span_in,
    _TextCache,
)
from pipeline.text import sentence_spans_around

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


def _summary_head(ix: _Index) -> str:
    """The summary's opening: tiles and the findings per rule (open: the document lists follow)."""
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

    return (
        '<section class="panel" id="summary"><h2>Summary</h2>'
        f'<div class="tiles">{"".join(tiles)}</div>'
        f'<div class="cols"><div><h3>Findings per rule</h3>{rules}</div><div>'
    )


def _summary(ix: _Index, source: ReportSource) -> Iterator[str]:
    """The summary: tiles, findings per rule, and the failed, skipped and salvaged documents."""
    yield _summary_head(ix)
    yield from _bad_documents(ix, source)
    yield "</div></div></section>"


def _n_bad(ix: _Index) -> int:
    return ix.statuses.get("failed", 0) + ix.statuses.get("skipped", 0)


def _bad_documents(ix: _Index, source: ReportSource) -> Iterator[str]:
    """The failed and skipped documents, then the salvaged ones, as static tables."""
    n_bad = _n_bad(ix)
    yield f"<h3>Failed and skipped documents ({n_bad})</h3>"

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


def project_name(ix: _Index, pid: str) -> str:
    """A project as people name it: acronym (project_id)."""
    label = ix.project_label(pid)
    return label if label == pid else f"{label} ({pid})"


_COV_CELL = {
    "present": ("cov-present", "\u2713"),
    "missing": ("cov-missing", "\u2717"),
    "not_applicable": ("cov-na", "\u2013"),
}


COVERAGE_LEGEND = (
    '<div class="legend"><span><span class="sw cov-present">\u2713</span> present</span>'
    '<span><span class="sw cov-missing">\u2717</span> missing</span>'
    '<span><span class="sw cov-na">\u2013</span> not applicable</span>'
    '<span class="muted">Rows link to the project card; sorted as in projects.csv. '
    "Hover a cell to see its project and field.</span></div>"
)


def matrix_projects(ix: _Index) -> list[str]:
    """The matrix's rows: projects in projects.csv order, then the rest in coverage.csv order."""
    covered = set(ix.cov_pids)
    pids = [p for p in ix.project_ids if p in covered]
    listed = set(pids)
    return pids + [p for p in ix.cov_pids if p not in listed]


def coverage_cell(status: str | None) -> tuple[str, str]:
    """(class, symbol) of a matrix cell; None is a project without a row for the field."""
    if status is None:
        return "cov-none", "\u00b7"
    return _COV_CELL.get(status, ("cov-other", status or "?"))


def matrix_head(fields: Sequence[str]) -> str:
    """The matrix's header row: the project column, one rotated column per field, the count."""
    head = "".join(f'<th class="field" title="{_e(f)}"><span>{_e(f)}</span></th>' for f in fields)
    return (f'<thead><tr><th class="proj">Project</th>{head}'
            '<th class="field"><span>missing</span></th></tr></thead>')


def matrix_foot(fields: Sequence[str], missing_per_field: Counter[str]) -> str:
    """The matrix's footer: missing cells per field and in all."""
    foot = "".join(f'<td class="num">{missing_per_field.get(f, 0)}</td>' for f in fields)
    return (f'<tfoot><tr><th class="proj">Missing per field</th>{foot}'
            f'<td class="num">{sum(missing_per_field.values())}</td></tr></tfoot>')


def _coverage(ix: _Index) -> Iterator[str]:
    """The missing-fields matrix as static HTML (it must show the gaps even before any script
    runs); cells carry no per-cell tooltip, report.js names project and field on hover."""
    fields = ix.cov_fields
    pids = matrix_projects(ix)
    if not fields or not pids:
        yield (
            '<section class="panel" id="coverage"><h2>Missing fields</h2>'
            f"{_empty('No coverage rows.')}</section>"
        )
        return
    filters = (
        '<div class="filters"><label><input type="checkbox" id="coverage-gaps"> only projects '
        "with missing fields</label></div>"
    )
    yield (
        '<section class="panel" id="coverage"><h2>Missing fields</h2>'
        f"{COVERAGE_LEGEND}{filters}"
        '<div class="scroll"><table class="matrix" id="coverage-matrix">'
        f"{matrix_head(fields)}<tbody>"
    )
    missing_per_field: Counter[str] = Counter()
    for pid in pids:
        status = ix.cov_status.get(pid, {})
        cells = []
        n_missing = 0
        for f in fields:
            st = status.get(f)
            cls, sym = coverage_cell(st)
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
            f'title="{_e(project_name(ix, pid) + (" — " + title if title else ""))}">{label}'
            f'</th>{"".join(cells)}<td class="num">{n_missing}</td></tr>'
        )
    yield f"</tbody>{matrix_foot(fields, missing_per_field)}</table></div></section>"


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
        f'<option value="{_e(p)}">{_e(project_name(ix, p) if p else "(no project)")} ({projs[p]})'
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
                custom: Mapping[str, Callable[[Row], Node]] | None = None) -> Node:
    """A table node: header labels and rows of cell nodes (report.js builds <table class=data>);
    a column of `custom` has its cells made by its function, the others are the row's values."""
    special = [(k, custom[col]) for k, (col, _) in enumerate(columns) if custom and col in custom]
    body = []
    for r in rows:
        cells: list[Node] = [r.get(col, "") for col, _ in columns]
        for k, make in special:
            cells[k] = make(r)
        body.append(cells)
    return {"tb": [label for _, label in columns], "r": body}


def _fact_table(ix: _Index, name: str, rows: Sequence[Row]) -> Node:
    preferred = FACT_COLUMNS.get(name, ())
    present: list[str] = list(dict.fromkeys(k for r in rows for k in r))
    cols = [c for c in preferred if c in present]
    cols += [c for c in present if c not in cols and c not in PROVENANCE]
    cols = [c for c in cols if any(r.get(c) for r in rows)]  # hide columns empty here
    columns = [(c, c) for c in cols] + [("doc_id", "document"), ("text", "text")]

    def quote(r: Row) -> Node:
        quoted = el("q", r.get("text", ""), c="src")
        sp = ix.span(r)
        return quoted if sp is None else ix.at_ref(r.get("doc_id", ""), sp[0], quoted)

    return _table_node(rows, columns, {"doc_id": lambda r: ix.doc_ref(r.get("doc_id", "")),
                                       "text": quote})


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


class DocRecord(str):
    """A document view as JSON (`_script_json` of `_document_record`), with what a later run
    needs to take it from this page instead of building it again: its document, a digest of
    everything it is made of (`record_key`; "" when the source keeps no digests of its
    documents) and the length of its text (None: no text)."""

    doc_id: str
    key: str
    text_len: int | None

    @classmethod
    def of(cls, json_text: str, doc_id: str, key: str, text_len: int | None) -> DocRecord:
        rec = cls(json_text)
        rec.doc_id, rec.key, rec.text_len = doc_id, key, text_len
        return rec


# Earlier runs' document views by (doc_id, key): their JSON and text length, or None.
RecordReuse = Callable[[str, str], "tuple[str, int | None] | None"]


def record_key(ix: _Index, source: ReportSource, doc_id: str, doc: Row) -> str:
    """A digest of what `_document_record_of` makes the view from: the source's digest of the
    document's rows and text (`doc_digest`), its documents.csv row, its findings in the order
    shown, the page's fact tables (their order is the highlights') and its project's link.
    "" when the source keeps no digest of the document."""
    digest_of = getattr(source, "doc_digest", None)
    digest = digest_of(doc_id) if digest_of is not None else None
    if not digest:
        return ""
    findings = [{k: v for k, v in f.items() if k != "_n"}
                for f in _display_order(source.doc_findings(doc_id))]
    data = [digest, doc, findings, list(ix.fact_counts),
            ix.project_ref(doc.get("project_id", ""))]
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _document_records(ix: _Index, source: ReportSource,
                      reuse: RecordReuse | None = None) -> Iterator[DocRecord]:
    """The document views in documents.csv order, then the documents only other tables name,
    as JSON. Each text is read here once; its length is kept for the findings and cards written
    later. A view `reuse` has (same document, same key) is taken as it was."""
    for doc_id, r in _first_rows(source.documents(), "doc_id", ix.doc_index, ix.doc_ids):
        row = r or {}
        key = record_key(ix, source, doc_id, row)
        old = reuse(doc_id, key) if reuse is not None and key else None
        if old is not None:
            if old[1] is not None:
                ix.text_len[doc_id] = old[1]
            yield DocRecord.of(old[0], doc_id, key, old[1])
            continue
        rec = _document_record_of(ix, source, doc_id, row)
        yield DocRecord.of(_script_json(rec), doc_id, key, ix.text_len.get(doc_id))


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


