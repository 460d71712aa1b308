"""Tests for the HTML audit report (pipeline.report)."""

from __future__ import annotations

import json
import os
import random
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline import report
from pipeline.report import (
    CSP,
    Span,
    TableSource,
    highlight,
    node_text,
    render_report,
    write_report,
    write_report_tables,
)
from pipeline.report.base import _resource, _script_json

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id",
        "source_path",
        "sha256",
        "format",
        "doc_type",
        "languages",
        "publication_date",
        "title",
        "project_id",
        "status",
        "error",
    ],
    "projects": [
        "project_id",
        "acronym",
        "title",
        "title_en",
        "programme",
        "project_number",
        "lead_partner",
        "lead_country",
        "start_date",
        "end_date",
        "total_eur",
        "eu_eur",
        "state_eur",
        "municipal_eur",
        "n_partners_stated",
        "n_countries_stated",
        "doc_ids",
    ],
    "partners": [
        "doc_id",
        "project_id",
        "partner_id",
        "name",
        "name_normalized",
        "city",
        "country",
        "role",
        "text",
        "char_start",
        "char_end",
    ],
    "dates": [
        "doc_id",
        "project_id",
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
        "text",
        "char_start",
        "char_end",
    ],
    "budgets": [
        "doc_id",
        "project_id",
        "kind",
        "amount",
        "currency",
        "amount_eur",
        "text",
        "char_start",
        "char_end",
    ],
    "participants": ["doc_id", "project_id", "count", "unit", "text", "char_start", "char_end"],
    "contacts": [
        "doc_id",
        "project_id",
        "person_id",
        "name",
        "role",
        "organization",
        "phone",
        "email",
        "text",
        "char_start",
        "char_end",
    ],
    "validation": [
        "severity",
        "rule",
        "project_id",
        "doc_id",
        "field",
        "message",
        "text",
        "char_start",
        "char_end",
    ],
    "coverage": ["project_id", "field", "status"],
}

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

TEXT_1 = (
    "Projekts LAT-LIT\n"
    "Intro line.\n"
    "The project budget is 266 648,91 EUR in total. The lead partner is Jelgavas dome.\n"
    "Contact: Jolanta Reča-Lāže, tel. 65476064.\n"
    f"Bad input {XSS_SCRIPT} and {XSS_IMG} here.\n"
)


def table(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A contract table: every column present, strings only, missing = ''."""
    cols = COLUMNS[name]
    return pd.DataFrame(
        [{c: str(r.get(c, "")) for c in cols} for r in rows], columns=cols, dtype=str
    )


def span_of(text: str, needle: str) -> dict[str, object]:
    start = text.index(needle)
    return {"text": needle, "char_start": start, "char_end": start + len(needle)}


def sample() -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Two documents (one failed), one project, facts and findings."""
    t = TEXT_1
    tables = {
        "documents": table(
            "documents",
            [
                {
                    "doc_id": "d1",
                    "source_path": "a/p1.docx",
                    "format": "docx",
                    "doc_type": "project_description",
                    "title": "LAT-LIT project",
                    "project_id": "P1",
                    "status": "ok",
                },
                {
                    "doc_id": "d2",
                    "source_path": "a/broken.pdf",
                    "format": "pdf",
                    "status": "failed",
                    "error": "PDF is encrypted",
                },
                {
                    "doc_id": "d3",
                    "source_path": "a/empty.txt",
                    "format": "txt",
                    "status": "skipped",
                    "error": "empty file",
                },
            ],
        ),
        "projects": table(
            "projects",
            [
                {
                    "project_id": "P1",
                    "acronym": "LATLIT",
                    "title": "Cross-border culture",
                    "programme": "Interreg",
                    "lead_partner": "Jelgavas dome",
                    "start_date": "2012-01-01",
                    "end_date": "2013-06-30",
                    "total_eur": "266648.91",
                    "doc_ids": "d1",
                }
            ],
        ),
        "partners": table(
            "partners",
            [
                {
                    "doc_id": "d1",
                    "project_id": "P1",
                    "partner_id": "org1",
                    "name": "Jelgavas dome",
                    "role": "lead",
                    **span_of(t, "Jelgavas dome"),
                }
            ],
        ),
        "budgets": table(
            "budgets",
            [
                {
                    "doc_id": "d1",
                    "project_id": "P1",
                    "kind": "total",
                    "amount": "266648.91",
                    "currency": "EUR",
                    "amount_eur": "266648.91",
                    **span_of(t, "266 648,91 EUR"),
                }
            ],
        ),
        "contacts": table(
            "contacts",
            [
                {
                    "doc_id": "d1",
                    "project_id": "P1",
                    "person_id": "p1",
                    "name": "Jolanta Reča-Lāže",
                    "phone": "+37165476064",
                    **span_of(t, "Jolanta Reča-Lāže, tel. 65476064"),
                }
            ],
        ),
        "dates": table("dates", []),
        "participants": table("participants", []),
        "validation": table(
            "validation",
            [
                {
                    "severity": "warning",
                    "rule": "budget.sum_mismatch",
                    "project_id": "P1",
                    "doc_id": "d1",
                    "field": "total_eur",
                    "message": "Parts do not add up",
                    **span_of(t, "266 648,91 EUR"),
                },
                {
                    "severity": "error",
                    "rule": "doc.unreadable",
                    "doc_id": "d2",
                    "message": "Document could not be read",
                },
            ],
        ),
        "coverage": table(
            "coverage",
            [
                {"project_id": "P1", "field": "acronym", "status": "present"},
                {"project_id": "P1", "field": "eu_eur", "status": "missing"},
                {"project_id": "P1", "field": "state_eur", "status": "not_applicable"},
            ],
        ),
    }
    return tables, {"d1": t}


class TagChecker(HTMLParser):
    """Records tags and checks that every non-void start tag is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.script_data.append(data)


def check_html(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def fragment_text(fragment: str) -> str:
    """The text content of an HTML fragment."""
    return unescape(re.sub(r"<[^>]*>", "", fragment))


def page_data(page: str) -> dict:
    """The JSON block report.js renders the lists from."""
    checker = check_html(page)
    return json.loads(checker.script_data[0])


def pieces_text(text: str, pieces: list) -> str:
    """The text a document view shows: the pieces laid end to end."""
    out, pos = [], 0
    for piece in pieces:
        assert piece[0] > pos
        out.append(text[pos : piece[0]])
        pos = piece[0]
    return "".join(out)


def nodes(node: object) -> list[dict]:
    """Every dict node inside `node`, depth first."""
    out: list[dict] = []
    if isinstance(node, list):
        for k in node:
            out += nodes(k)
    elif isinstance(node, dict):
        out.append(node)
        for key in ("k", "tb", "r", "dl"):
            if key in node:
                out += nodes(node[key])
    return out


def by_anchor(records: list[dict], anchor: str) -> dict:
    return next(r for r in records if r["a"] == anchor)


# ----------------------------------------------------------------------------------------------


def test_page_has_every_section_and_is_well_formed() -> None:
    tables, texts = sample()
    page = render_report(tables, texts, title="Audit", generated="2024-05-01 12:00")
    assert page.startswith("<!DOCTYPE html>")
    for anchor in (
        'id="summary"',
        'id="coverage"',
        'id="findings"',
        'id="projects"',
        'id="documents"',
    ):
        assert anchor in page
    assert "Generated 2024-05-01 12:00" in page
    data = page_data(page)
    assert [r["a"] for r in data["projects"]] == ["project-P1"]
    assert [r["a"] for r in data["documents"]] == ["doc-d1", "doc-d2", "doc-d3"]
    assert data["meta"]["findings"] == 2 and data["meta"]["title"] == "Audit"


def test_summary_counts_and_failed_documents() -> None:
    tables, texts = sample()
    page = render_report(tables, texts)
    summary = page[page.index('id="summary"') : page.index('id="coverage"')]
    assert "ok: 1" in summary and "failed: 1" in summary and "skipped: 1" in summary
    assert "budget.sum_mismatch" in summary and "doc.unreadable" in summary
    assert "PDF is encrypted" in summary and "empty file" in summary
    assert 'href="#doc-d2"' in summary


def test_csp_meta_is_strict() -> None:
    page = render_report(*sample())
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert m is not None
    policy = unescape(m.group(1))
    assert policy == CSP
    for directive in (
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "script-src 'unsafe-inline'",
        "img-src data:",
    ):
        assert directive in policy
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_finding_evidence_is_highlighted_inside_its_sentence() -> None:
    tables, texts = sample()
    data = page_data(render_report(tables, texts))
    finding = next(f for f in data["findings"] if f["n"] == 0)
    cell = finding["k"][-1]
    marks = [n for n in nodes(cell) if n.get("e") == "mark"]
    assert marks == [{"e": "mark", "c": "evmark", "k": ["266 648,91 EUR"]}]
    text = node_text(cell)
    assert "The project budget is 266 648,91 EUR in total." in text
    assert "Intro line" not in text and "lead partner" not in text
    # The jump link points at an anchor of the document view, placed at the span's start.
    links = [n for n in nodes(cell) if "at" in n]
    start = TEXT_1.index("266 648,91 EUR")
    assert [n["at"] for n in links] == [[0, start]]
    assert start in data["documents"][0]["n"]


def test_evidence_window_is_cut_around_the_span() -> None:
    text = "word " * 200 + "NEEDLE" + " word" * 200
    start = text.index("NEEDLE")
    out = report.evidence(text, start, start + 6)
    assert {"e": "mark", "c": "evmark", "k": ["NEEDLE"]} in out
    plain = node_text(out)
    assert len(plain) <= report.EVIDENCE_MAX + 2
    assert plain.startswith("\u2026") and plain.endswith("\u2026")
    assert plain.strip("\u2026").startswith("word") and plain.strip("\u2026").endswith("word")
    # A span longer than the limit is shown cut, still marked.
    long_out = [n for n in report.evidence(text, 0, len(text)) if n != ""]
    assert long_out[0]["e"] == "mark"
    assert len(node_text(long_out)) <= report.EVIDENCE_MAX + 1


def test_evidence_shows_line_breaks_as_markers() -> None:
    text = "First line ends here\nSecond 12 EUR line"
    start = text.index("12 EUR")
    out = report.evidence(text, start, start + 6)
    assert node_text(out) == "Second 12 EUR line"  # sentences stop at line breaks
    out = report.evidence(text, 0, len(text))
    assert {"e": "span", "c": "nl", "k": "\u21b5"} in nodes(out)


def test_finding_without_usable_offsets_shows_its_text() -> None:
    tables, texts = sample()
    tables["validation"] = table(
        "validation",
        [
            {
                "severity": "info",
                "rule": "x.y",
                "doc_id": "d1",
                "message": "m",
                "text": "Intro",
                "char_start": "9999",
                "char_end": "10005",
            },
            {
                "severity": "info",
                "rule": "x.z",
                "doc_id": "nope",
                "message": "m",
                "text": "",
                "char_start": "abc",
                "char_end": "",
            },
        ],
    )
    data = page_data(render_report(tables, texts))
    by_rule = {f["r"]: f["k"][-1] for f in data["findings"]}
    assert by_rule["x.y"][0] == {"e": "mark", "c": "evmark", "k": ["Intro"]}
    assert "offsets do not index the text" in node_text(by_rule["x.y"])
    assert by_rule["x.z"] == ""
    # a document only findings name gets a view saying it has no text
    row = next(f["k"] for f in data["findings"] if f["r"] == "x.z")
    view = data["documents"][row[3]["d"]]
    assert view["i"] == "nope" and "x" not in view
    assert "No text for this document." in node_text(view["m"])


def test_missing_fields_matrix() -> None:
    tables, texts = sample()
    page = render_report(tables, texts)
    cov = page[page.index('id="coverage"') : page.index('id="findings"')]
    assert re.search(r'<td class="cov cov-present"[^>]*>\u2713</td>', cov)
    assert re.search(r'<td class="cov cov-missing"[^>]*>\u2717</td>', cov)
    assert re.search(r'<td class="cov cov-na"[^>]*>', cov)
    assert 'href="#project-P1"' in cov
    for field in ("acronym", "eu_eur", "state_eur"):
        assert f"<span>{field}</span>" in cov
    assert "position: sticky" in page
    assert '<tr class="gap"><th class="proj"' in cov  # the row with a gap, for "only gaps"
    # The project card lists the missing field.
    card = page_data(page)["projects"][0]["b"]
    props = dict((k, node_text(v)) for k, v in next(n["dl"] for n in nodes(card) if "dl" in n))
    assert props["Missing fields"] == "eu_eur"


def test_project_card_contents() -> None:
    tables, texts = sample()
    card = page_data(render_report(tables, texts))["projects"][0]
    text = node_text([card["s"], card["b"]])
    for value in (
        "LATLIT",
        "Cross-border culture",
        "Interreg",
        "Jelgavas dome",
        "2012-01-01 – 2013-06-30",
        "266\u2009648.91 EUR",
        "Jolanta Reča-Lāže",
        "Jolanta Reča-Lāže, tel. 65476064",
        "budget.sum_mismatch",
    ):
        assert value in text, value
    refs = nodes(card["b"])
    assert {"d": 0} in refs  # the document list links document d1
    assert {"f": 0} in refs  # the finding links back to the findings table
    tables_ = {n["tb"][0]: n for n in refs if "tb" in n}
    contacts = tables_["name"]  # the contacts table: name first, provenance last
    assert contacts["tb"][-2:] == ["document", "text"]


def test_findings_filters_are_present() -> None:
    tables, texts = sample()
    page = render_report(tables, texts)
    assert 'id="filter-rule"' in page and 'id="filter-text"' in page
    assert '<option value="budget.sum_mismatch">' in page
    assert 'data-sev-filter value="error"' in page and 'data-sev-filter value="warning"' in page
    assert '<option value="P1">LATLIT (P1) (1)</option>' in page
    findings = page_data(page)["findings"]
    # Errors come first; each record carries its filter keys.
    assert [(f["n"], f["s"], f["r"], f["p"]) for f in findings] == [
        (1, "error", "doc.unreadable", ""),
        (0, "warning", "budget.sum_mismatch", "P1"),
    ]


def test_document_view_highlights_values_by_field() -> None:
    tables, texts = sample()
    page = render_report(tables, texts)
    view = page_data(page)["documents"][0]
    assert view["x"] == TEXT_1 and pieces_text(TEXT_1, view["h"]) == TEXT_1
    marks = {
        TEXT_1[start:piece[0]]: (piece[1], view["tt"][piece[2]])
        for start, piece in zip([0] + [p[0] for p in view["h"]], view["h"], strict=False)
        if len(piece) > 1
    }
    assert marks["Jelgavas dome"][0] == "hl t-partners"
    assert marks["Jelgavas dome"][1].startswith("Partner: Jelgavas dome")
    assert marks["266 648,91 EUR"][0] == "hl t-budgets ev"
    assert "Budget (total)" in marks["266 648,91 EUR"][1]
    assert "Finding [warning] budget.sum_mismatch" in marks["266 648,91 EUR"][1]
    assert marks["Jolanta Reča-Lāže, tel. 65476064"][0] == "hl t-contacts"
    assert view["ct"] == [["partners", 1], ["budgets", 1], ["contacts", 1]] and view["nf"] == 1
    assert 'class="legend sticky-legend"' in page


def test_xss_in_texts_and_tables_is_escaped() -> None:
    tables, texts = sample()
    tables["projects"].loc[0, "acronym"] = XSS_SCRIPT
    tables["projects"].loc[0, "title"] = XSS_IMG
    tables["validation"].loc[0, "message"] = XSS_IMG
    tables["validation"].loc[1, "rule"] = '"><script>alert(2)</script>'
    tables["coverage"].loc[0, "field"] = XSS_SCRIPT
    tables["documents"].loc[1, "error"] = XSS_IMG
    start = TEXT_1.index(XSS_SCRIPT)
    tables["partners"] = table(
        "partners",
        [
            {
                "doc_id": "d1",
                "name": XSS_IMG,
                "text": XSS_SCRIPT,
                "char_start": start,
                "char_end": start + len(XSS_SCRIPT),
            }
        ],
    )
    page = render_report(tables, texts, title=f"{XSS_SCRIPT}</title>", generated=XSS_IMG)
    assert XSS_SCRIPT not in page
    assert "alert(2)</script>" not in page
    assert XSS_IMG not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    checker = check_html(page)
    scripts = [attrs for tag, attrs in checker.tags if tag == "script"]
    assert len(scripts) == 2  # the JSON data and the inlined JS, nothing else
    assert scripts[0] == {"type": "application/json", "id": "report-data"}
    for tag, attrs in checker.tags:
        assert tag != "img"
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    data = json.loads(checker.script_data[0])
    assert data["meta"]["title"] == f"{XSS_SCRIPT}</title>"
    assert "</" not in checker.script_data[0] and "<!--" not in checker.script_data[0]
    # the hostile values reach the data intact, to be shown with textContent
    assert data["documents"][0]["x"] == TEXT_1
    assert data["projects"][0]["l"] == XSS_SCRIPT


def test_document_text_cannot_break_out_of_the_data_block() -> None:
    """A document holding `</script>` (any case), `<!--` or `<script>` stays inside the JSON."""
    hostile = (
        "A </script><script>alert(1)</script> B </SCRIPT ><img src=x onerror=alert(2)> "
        "C <!-- <script> D ]]> E \u2028 F \u2029 G & H"
    )
    tables, _ = sample()
    tables["documents"].loc[0, "title"] = "</script>"
    page = render_report(tables, {"d1": hostile})
    head, _, rest = page.partition('<script type="application/json" id="report-data">')
    block, _, tail = rest.partition("</script>")
    assert tail.startswith("\n<script>\n") and tail.count("</script>") == 1  # only report.js
    assert "<" not in block and ">" not in block and "\u2028" not in block
    assert "</script" not in head.lower()
    data = json.loads(block)
    assert data["documents"][0]["x"] == hostile and data["documents"][0]["dt"] == "</script>"


def test_script_json_escapes_closing_sequences() -> None:
    out = _script_json({"a": "</script><!-- x -->", "b": "\u2028"})
    assert "</" not in out and "<!--" not in out and "\u2028" not in out
    assert json.loads(out) == {"a": "</script><!-- x -->", "b": "\u2028"}


def test_overlapping_spans_produce_well_formed_html() -> None:
    text = "ABCDEFGHIJ" * 6
    spans = [
        Span(0, 50, "contacts", "c"),
        Span(10, 30, "partners", "p <b>"),
        Span(20, 40, "dates", 'd "q"'),
        Span(25, 27, "budgets", "b"),
        Span(15, 35, "finding", "f"),
        Span(25, 27, "participants", "n"),
        Span(5, 5, "dates", "empty"),
        Span(55, 99, "dates", "out of range"),
    ]
    pieces, anchors = highlight(text, spans, [0, 25, 60, 99])
    assert pieces_text(text, pieces) == text
    assert anchors == [0, 25, 60]  # offset 99 is outside the text
    ends = {p[0] for p in pieces}
    assert {25, 60} <= ends  # anchors are piece boundaries
    by_start = dict(zip([0] + [p[0] for p in pieces], pieces, strict=False))
    # The innermost value decides the colour; overlaps are flagged; labels are kept raw.
    assert by_start[25] == [27, "hl t-budgets multi ev", "c\np <b>\nd \"q\"\nb\nf\nn"]
    assert by_start[0] == [10, "hl t-contacts", "c"]


def test_random_overlaps_always_balance() -> None:
    rng = random.Random(7)
    layers = ["partners", "dates", "budgets", "participants", "contacts", "other", "finding"]
    for _ in range(200):
        text = "".join(rng.choice("ab <>&\"'\n") for _ in range(rng.randint(0, 80)))
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            spans.append(Span(a, b, rng.choice(layers), "<x>"))
        anchors = [rng.randint(0, len(text)) for _ in range(3)]
        pieces, kept = highlight(text, spans, anchors)
        assert pieces_text(text, pieces) == text
        assert set(kept) <= {0, *(p[0] for p in pieces)}
        for start, piece in zip([0] + [p[0] for p in pieces], pieces, strict=False):
            covering = [s for s in spans if s.start <= start and piece[0] <= s.end
                        and s.start < s.end]
            assert bool(piece[1]) == bool(covering)  # marked exactly where a span covers


def test_no_network_resources() -> None:
    page = render_report(*sample())
    checker = check_html(page)
    for _tag, attrs in checker.tags:
        for key in ("src", "href", "action", "data", "poster", "srcset", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (key, value)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#")
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "<link" not in page
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_empty_tables_give_a_valid_page() -> None:
    empty = {name: table(name, []) for name in COLUMNS}
    for tables in (empty, {}):
        page = render_report(tables, {})
        check_html(page)
        for anchor in (
            'id="summary"',
            'id="coverage"',
            'id="findings"',
            'id="projects"',
            'id="documents"',
        ):
            assert anchor in page
        assert "No findings." in page and "No coverage rows." in page


def test_tolerates_missing_tables_extra_columns_and_nan() -> None:
    tables, texts = sample()
    del tables["contacts"], tables["coverage"]
    tables["partners"]["extra_col"] = "xtra"
    tables["partners"].loc[0, "city"] = float("nan")
    tables["budgets"]["char_start"] = tables["budgets"]["char_start"].astype(float)
    tables["partner_countries"] = pd.DataFrame(
        {"project_id": ["P1"], "country": ["LT"], "n_partners": [2]}
    )
    page = render_report(tables, texts)
    check_html(page)
    assert "xtra" in page and "partner_countries" in page
    assert ">nan<" not in page and "None" not in page
    assert "t-budgets" in page  # float offsets still resolve


def test_unusual_ids_get_safe_anchors() -> None:
    tables, texts = sample()
    weird = 'd 1"<x>'
    tables["documents"].loc[0, "doc_id"] = weird
    for name in ("partners", "budgets", "contacts", "validation"):
        tables[name]["doc_id"] = tables[name]["doc_id"].replace("d1", weird)
    page = render_report(tables, {weird: TEXT_1})
    ids = all_ids(page)
    assert all(re.fullmatch(r"[A-Za-z0-9_.:-]+", i) for i in ids)
    assert_links_resolve(page)


def all_ids(page: str) -> list[str]:
    """Element ids of the static page plus those report.js gives rendered items."""
    data = page_data(page)
    ids = re.findall(r' id="([^"]*)"', page)
    ids += [r["a"] for r in data["projects"] + data["documents"]]
    ids += [f"finding-{f['n']}" for f in data["findings"]]
    ids += [f"at{p}-{r['a']}" for r in data["documents"] for p in r.get("n", [])]
    assert len(ids) == len(set(ids))
    return ids


def assert_links_resolve(page: str) -> None:
    """Every static href and every link node of the data points at an existing id."""
    data = page_data(page)
    ids = set(all_ids(page))
    targets = re.findall(r'href="#([^"]*)"', page)
    content = [f["k"] for f in data["findings"]] + [[r["s"], r["b"]] for r in data["projects"]]
    content += [r["m"] for r in data["documents"]]
    for n in nodes(content):
        if "at" in n:
            targets.append(f"at{n['at'][1]}-{data['documents'][n['at'][0]]['a']}")
        elif "d" in n:
            targets.append(data["documents"][n["d"]]["a"])
        elif "p" in n:
            targets.append(data["projects"][n["p"]]["a"])
        elif "f" in n:
            targets.append(f"finding-{n['f']}")
        elif "tb" in n or "dl" in n:
            pass
        else:
            assert n.get("e") in report_tags(), n
    assert targets
    for target in targets:
        assert target in ids, target


def report_tags() -> set[str]:
    """The element names report.js agrees to build (its TAGS list)."""
    js = _resource("report.js")
    block = re.search(r"var TAGS = \{(.*?)\};", js, re.S)
    assert block is not None
    return set(re.findall(r"(\w+): 1", block.group(1)))


def test_every_internal_link_resolves() -> None:
    assert_links_resolve(render_report(*sample()))


def test_data_uses_only_harmless_elements() -> None:
    assert report_tags() <= {
        "span", "div", "p", "q", "code", "mark", "h4", "ul", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "th", "td",
    }


def test_write_report_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables, texts = sample()
    out = tmp_path / "sub" / "report.html"
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        calls.append((str(src), str(dst)))
        assert Path(src).read_text(encoding="utf-8").endswith("</html>\n")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_report(out, TableSource(tables, texts), title="T")
    assert len(calls) == 1
    src, dst = calls[0]
    assert Path(dst) == out and Path(src).parent == out.parent and Path(src) != out
    assert out.read_text(encoding="utf-8") == render_report(tables, texts, title="T")
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.html"]


def test_write_report_failure_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_report_tables(out, *sample())
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_render_is_deterministic() -> None:
    tables, texts = sample()
    assert render_report(tables, texts) == render_report(tables, texts)


def test_ten_thousand_findings_render_quickly() -> None:
    docs = {f"d{i}": (f"Sentence {i} about 1000 EUR. Another line {i}.\n" * 30) for i in range(200)}
    rows = []
    for i in range(10_000):
        doc = f"d{i % 200}"
        start = docs[doc].index("1000 EUR")
        rows.append(
            {
                "severity": ("error", "warning", "info")[i % 3],
                "rule": f"rule.{i % 7}",
                "doc_id": doc,
                "message": f"finding {i}",
                "text": "1000 EUR",
                "char_start": start,
                "char_end": start + 8,
            }
        )
    tables = {
        "validation": table("validation", rows),
        "documents": table("documents", [{"doc_id": d, "status": "ok"} for d in docs]),
    }
    page = render_report(tables, docs)  # its time is measured by scripts/report_bench.py
    assert len(page_data(page)["findings"]) == 10_000
    assert "10000 of 10000 findings shown" in page
    assert len(page) < 10_000 * 1_000  # about 1 kB per finding, evidence included


def test_resources_are_inlined_and_script_safe() -> None:
    js = _resource("report.js")
    css = _resource("report.css")
    assert "</" not in js and "<!--" not in js
    assert "</style" not in css.lower()
    page = render_report({}, {})
    assert "applyFindings" in page and ".topbar" in page


def test_without_javascript_each_list_says_where_its_data_is() -> None:
    """Findings, cards and document views are built by report.js; a browser without scripts
    (or a text-mode one) says so instead of showing empty sections."""
    page = render_report(*sample())
    notes = re.findall(r"<noscript>(.*?)</noscript>", page, re.S)
    assert len(notes) == 3
    for where in ("validation.csv", "projects.csv", "text/"):
        assert any(where in n for n in notes), where


@pytest.mark.parametrize(
    ("cell", "offset"),
    [("12", 12), (" 12 ", 12), ("0", 0), ("-3", -3), ("12.0", 12), ("1e2", 100), ("٣", 3),
     ("", None), ("  ", None), ("-", None), ("12.5", None), ("x1", None), ("nan", None),
     ("inf", None), ("--1", None), ("²", None)],
)
def test_an_offset_cell_is_read_as_a_whole_number_or_none(cell: str, offset: int | None) -> None:
    """Offsets come from CSV cells, which pandas may have written as floats."""
    from pipeline.report.base import _int

    assert _int(cell) == offset
