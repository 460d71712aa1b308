"""The index page of the static-site report (`report/index.html`).

The index must stay small at any archive size (issue 14: no page over 5 MB at 20,000
documents), so everything on it that grows with the archive travels as compact JSON in one
`<script type="application/json" id="site-data">` block, which site.js renders a page of rows at
a time and filters: the missing-fields matrix, the failed, skipped and salvaged documents, and
the lists of projects and documents. Links are written once per page (`pages`) and referred to
by number; an element id is sent only when it is not the plain `project-`/`doc-` + id that
site.js assumes. What stays static HTML is bounded: the summary tiles, the findings per rule
(one row per rule) and the rules' pages (at most 50 links a rule).

The data block (keys as `_script_json` sorts them):
  documents  [doc_id, page] or [doc_id, page, anchor], in documents.csv order
  failed     [doc_id, source_path, format, status, reason]: failed and skipped documents
  matrix     {"fields": [...], "cells": [[class, symbol, status], ...], "missing": code,
              "rows": [[project_id, label, title, codes, page] (+ anchor)]}: `codes` has one
              character per field, the position of its cell kind in `cells`; page -1: no page
  pages      [path, project_id]: every project and batch page ("" for a batch)
  projects   [project_id, label, page, documents, findings] (+ anchor)
  salvaged   [doc_id, source_path, format, status, what was lost]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.report.base import Row, _anchor, _e, _empty, _script_json
from pipeline.report.sections import (
    BAD_COLUMNS,
    COVERAGE_LEGEND,
    SALVAGED_COLUMNS,
    _n_bad,
    _summary_head,
    coverage_cell,
    matrix_foot,
    matrix_head,
    matrix_projects,
)
from pipeline.report.source import ReportSource, _Index
from pipeline.report.writer import asset_tag, page_head

# One character per cell kind in a matrix row: 62 kinds; more (statuses nobody writes) share
# the last one, shown as "?".
CODES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
RULE_PAGE_LINKS = 50  # pages linked per rule in "Findings per rule"


@dataclass
class SiteMap:
    """Where write_site put things, as the index needs them: pages by number, the projects and
    the documents on them, and how many findings of each rule each page holds."""

    pages: list[list[str]] = field(default_factory=list)  # [path, project_id]
    projects: list[list[Any]] = field(default_factory=list)
    doc_page: dict[str, int] = field(default_factory=dict)
    rule_pages: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def add(self, rel: str, pids: list[str], docs: list[Row], prow: list[Row],
            rules: Sequence[str], part: bool = False) -> None:
        """Record one written page: `pids` is its project (none for a batch page), `rules` the
        rule of each of its findings; `part`: a later part of the project added last
        (site_parts.py), counted in its row."""
        page = len(self.pages)
        pid = pids[0] if pids else ""
        self.pages.append([rel, pid])
        for d in docs:
            self.doc_page[d.get("doc_id", "")] = page
        for rule in rules:
            self.rule_pages[rule][rel] += 1
        if pid and part:
            self.projects[-1][3] += len(docs)
            self.projects[-1][4] += len(rules)
        elif pid:
            label = (prow[0].get("acronym") or prow[0].get("title") or "") if prow else ""
            row: list[Any] = [pid, label, page, len(docs), len(rules)]
            self.projects.append(_with_anchor(row, "project-", pid))

    def project_page(self) -> dict[str, int]:
        """Each project's (first) page."""
        out: dict[str, int] = {}
        for i, (_, pid) in enumerate(self.pages):
            if pid:
                out.setdefault(pid, i)
        return out


def _with_anchor(row: list[Any], prefix: str, raw: str) -> list[Any]:
    """`row`, plus the element id when it is not simply prefix + raw (site.js assumes that)."""
    anchor = _anchor(prefix, raw)
    return row if anchor == prefix + raw else [*row, anchor]


# ----------------------------------------------------------------------------------------------
# The data


def matrix_data(ix: _Index, project_page: dict[str, int]) -> dict[str, Any]:
    """The missing-fields matrix as rows of one character per field (see the module doc)."""
    kinds: dict[str | None, int] = {None: 0, "present": 1, "missing": 2, "not_applicable": 3}
    rows: list[list[Any]] = []
    for pid in matrix_projects(ix):
        status = ix.cov_status.get(pid, {})
        codes = []
        for f in ix.cov_fields:
            st = status.get(f)
            if st not in kinds and len(kinds) < len(CODES):
                kinds[st] = len(kinds)
            codes.append(CODES[kinds.get(st, len(CODES) - 1)])
        row = [pid, ix.project_label(pid), ix.title.get(pid, ""), "".join(codes),
               project_page.get(pid, -1)]
        rows.append(_with_anchor(row, "project-", pid))
    cells = [[*coverage_cell(st), "no coverage row" if st is None else st or "(blank)"]
             for st in kinds]
    if len(kinds) == len(CODES):
        cells[-1] = ["cov-other", "?", "other"]
    return {"fields": ix.cov_fields, "cells": cells, "missing": CODES[kinds["missing"]],
            "rows": rows}


def _document_rows(source: ReportSource, columns: Sequence[tuple[str, str]],
                   wanted: Callable[[Row], bool]) -> list[list[str]]:
    """The `columns` of the documents a summary list shows (as its static form would)."""
    return [[r.get(c, "") for c, _ in columns] for r in source.documents() if wanted(r)]


def _is_bad(r: Row) -> bool:
    return r.get("status", "") in ("failed", "skipped")


def _is_salvaged(r: Row) -> bool:
    return bool(r.get("salvage"))


def site_data(ix: _Index, source: ReportSource, site: SiteMap) -> dict[str, Any]:
    """Everything on the index that grows with the archive."""
    docs = [_with_anchor([d, site.doc_page[d]], "doc-", d)
            for d in ix.doc_ids if d in site.doc_page]
    return {
        "documents": docs,
        "failed": _document_rows(source, BAD_COLUMNS, _is_bad) if _n_bad(ix) else [],
        "matrix": matrix_data(ix, site.project_page()),
        "pages": site.pages,
        "projects": site.projects,
        "salvaged": _document_rows(source, SALVAGED_COLUMNS, _is_salvaged) if ix.salvaged else [],
    }


# ----------------------------------------------------------------------------------------------
# The page


def _list_shell(name: str, what: str, head: str, cls: str = "data", extra: str = "") -> str:
    """A list site.js fills: filter box (and `extra` controls), count, table with a static
    head, pager."""
    controls = "filters" if extra else "controls"
    return (
        f'<div class="{controls}"><input type="search" id="{name}-filter" '
        f'placeholder="Filter {_e(what)}" aria-label="Filter {_e(what)}"> {extra}'
        f'<span id="{name}-count"></span></div>'
        f'<div class="scroll"><table class="{cls}" id="{name}-table">{head}<tbody></tbody>'
        f'</table></div><div class="pager" id="{name}-pager"></div>'
    )


def _head(labels: Iterable[str]) -> str:
    return "<thead><tr>" + "".join(f"<th>{_e(label)}</th>" for label in labels) + "</tr></thead>"


NOSCRIPT = ('<noscript><p class="empty">This list is shown by the page\'s script; the CSV '
            "tables in the output folder hold the same rows.</p></noscript>")


def _bad_lists(ix: _Index) -> str:
    """The summary's failed/skipped and salvaged documents, as shells for site.js."""
    n_bad = _n_bad(ix)
    out = f"<h3>Failed and skipped documents ({n_bad})</h3>"
    if n_bad:
        out += _list_shell("failed", "failed documents", _head(c for _, c in BAD_COLUMNS))
    else:
        out += _empty("Every document was read.")
    if ix.salvaged:
        out += f"<h3>Salvaged documents, read in part ({ix.salvaged})</h3>"
        out += _list_shell("salvaged", "salvaged documents",
                           _head(c for _, c in SALVAGED_COLUMNS))
    return out


def _coverage_shell(ix: _Index) -> str:
    """The missing-fields matrix's controls, head and foot; site.js renders its rows."""
    fields = ix.cov_fields
    pids = matrix_projects(ix)
    if not fields or not pids:
        return ('<section class="panel" id="coverage"><h2>Missing fields</h2>'
                f"{_empty('No coverage rows.')}</section>\n")
    missing: Counter[str] = Counter()
    for pid in pids:
        status = ix.cov_status.get(pid, {})
        missing.update(f for f in fields if status.get(f) == "missing")
    options = "".join(f'<option value="{i}">missing {_e(f)}</option>'
                      for i, f in enumerate(fields))
    filters = (
        '<label><input type="checkbox" id="coverage-gaps"> only projects with missing fields'
        '</label> <select id="coverage-field" aria-label="Missing field">'
        f'<option value="">any field</option>{options}</select> '
    )
    shell = _list_shell("coverage", "projects", matrix_head(fields) + matrix_foot(fields, missing),
                        cls="matrix", extra=filters)
    return ('<section class="panel" id="coverage"><h2>Missing fields</h2>'
            f"{COVERAGE_LEGEND}{shell}{NOSCRIPT}</section>\n")


def _rules_section(rule_pages: dict[str, dict[str, int]]) -> Iterator[str]:
    """Findings per rule, with the pages that hold them (most first)."""
    yield '<section id="rules"><h2>Findings per rule</h2>'
    if not rule_pages:
        yield '<p class="empty">No findings on project or document pages.</p></section>\n'
        return
    yield '<table class="data"><thead><tr><th>Rule</th><th class="num">Findings</th>'
    yield "<th>Pages (findings)</th></tr></thead><tbody>"
    for rule in sorted(rule_pages, key=lambda r: (-sum(rule_pages[r].values()), r)):
        pages = sorted(rule_pages[rule].items(), key=lambda kv: (-kv[1], kv[0]))
        links = " ".join(
            f'<a href="{_e(p)}#findings">{_e(Path(p).stem.rsplit("-", 1)[0])}</a> ({n})'
            for p, n in pages[:RULE_PAGE_LINKS]
        )
        more = len(pages) - RULE_PAGE_LINKS
        more_text = f" … and {more} more pages" if more > 0 else ""
        yield (f"<tr><td><code>{_e(rule or '(blank)')}</code></td>"
               f'<td class="num">{sum(rule_pages[rule].values())}</td><td>{links}'
               f"{_e(more_text)}</td></tr>")
    yield "</tbody></table></section>\n"


def index_page(source: ReportSource, title: str, generated: str, site: SiteMap) -> Iterator[str]:
    """The index page as pieces: summary, matrix, rules, lists; the rows as data for site.js."""
    ix = _Index.read(source)
    nav = "".join(f'<a href="#{a}">{_e(label)}</a>' for a, label in (
        ("summary", "Summary"), ("coverage", "Missing fields"), ("rules", "Findings per rule"),
        ("projects", f"Projects ({len(site.projects)})"),
        ("documents", f"Documents ({len(site.doc_page)})"),
    ))
    stamp = f'<span class="generated">Generated {_e(generated)}</span>' if generated else ""
    yield page_head(title, stamp, nav, "assets/")
    # The summary's rules link to the findings list: on the site, the rules section.
    yield _summary_head(ix).replace('href="#findings"', 'href="#rules"')
    yield _bad_lists(ix) + "</div></div></section>\n"
    yield _coverage_shell(ix)
    yield from _rules_section(site.rule_pages)
    for name, label, head in (("projects", "Projects", ("Project", "Name", "Documents",
                                                        "Findings")),
                              ("documents", "Documents", ("Document", "Project"))):
        yield (f'<section id="{name}"><h2>{label}</h2>'
               f"{_list_shell(name, name, _head(head))}{NOSCRIPT}</section>\n")
    yield "</main>\n"
    data = site_data(ix, source, site)
    yield f'<script type="application/json" id="site-data">{_script_json(data)}</script>\n'
    yield asset_tag("site.js", "assets/") + "</body>\n</html>\n"
