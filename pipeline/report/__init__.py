"""The self-contained HTML audit report (`report.html`), written as a stream.

`write_report(out, source)` writes one HTML page from a `ReportSource` (the output tables and the
normalized texts, read row by row and one document or project at a time): a summary, the
missing-fields matrix, the findings with their evidence, one card per project and one view per
document with every extracted value highlighted. CSS and JS are inlined from
`pipeline/report/assets/report.{css,js}`; the page loads nothing from the network and a strict
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

Where things are (imports run one way, top to bottom):
  base.py      constants, escaping and small helpers, `_resource` (the files in assets/)
  nodes.py     the nodes report.js turns into DOM elements, evidence windows, highlighting
  source.py    where the data comes from: `ReportSource`, `TableSource`, the `_Index`
  sections.py  how the page is laid out: summary, matrix, findings, projects, documents
  writer.py    the page as a stream of pieces; `write_report`, `render_report`
  site.py      the report as a static site for large archives: a page per project, reuse
  site_index.py  the site's index: summary, and the matrix and lists as data for site.js
  site_parts.py  a big project's page cut into linked parts (no page over a few MB)
  site_pool.py   the site's pages rendered by worker processes (`--workers`), same bytes
  assets/      report.css, report.js and site.js: inlined into report.html, shared by a site
"""
from __future__ import annotations

from pipeline.report.base import CSP, DEFAULT_TITLE, EVIDENCE_MAX, FACT_TABLES
from pipeline.report.nodes import Span, evidence, highlight, node_text
from pipeline.report.source import ReportSource, TableSource
from pipeline.report.writer import render_report, write_report, write_report_tables

__all__ = [
    "CSP", "DEFAULT_TITLE", "EVIDENCE_MAX", "FACT_TABLES", "ReportSource", "Span", "TableSource",
    "evidence", "highlight", "node_text", "render_report", "write_report", "write_report_tables",
]
