"""`pipeline show DOC_ID`: a reviewer's view of one document's extracted facts.

Read from an output folder only (the CSV tables and text/<doc_id>.txt), so it shows exactly what
the run wrote. Facts are grouped by table; each comes with a one-line summary of its values and
the sentence it was read from, the value itself highlighted: ANSI bold colour on a terminal,
[[value]] markers otherwise, <mark> in the HTML page.
"""

from __future__ import annotations

import csv
import difflib
import html
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import replacing
from pipeline.schema import FACT_TABLES
from pipeline.text import sentence_spans_around

MAX_CONTEXT = 160  # characters of sentence shown on each side of a value
SHORT_LINE = 40  # a value's line this short (a table cell) is shown with the line before it
ANSI_ON, ANSI_OFF = "\033[1;33m", "\033[0m"
HEADING_ON = "\033[1m"
PLAIN_ON, PLAIN_OFF = "[[", "]]"

# Which columns summarize a row of each table, in order (empty values are left out).
SUMMARY: dict[str, tuple[str, ...]] = {
    "partners": ("name", "city", "country", "role", "org_type"),
    "partner_countries": ("country",),
    "dates": ("kind", "label", "start_date", "end_date", "precision", "city", "country"),
    "budgets": ("kind", "amount", "currency", "amount_eur", "percent"),
    "participants": ("qualifier", "count", "unit"),
    "contacts": ("name", "role", "organization", "phone", "email"),
    "project_info": ("field", "value"),
    "validation": ("severity", "rule", "message"),
}
GROUP_TITLES = {
    "project_info": "project", "partners": "partners", "partner_countries": "partner countries",
    "dates": "dates", "budgets": "budgets", "participants": "participants",
    "contacts": "contacts", "validation": "findings",
}
# The column that labels a fact in the displaCy picture (`--displacy`), after its group's title.
LABEL_COLUMN = {"partners": "role", "partner_countries": "country", "dates": "kind",
                "budgets": "kind", "participants": "unit", "project_info": "field"}
DISPLACY_COLORS = {"project": "#e4e7d2", "partners": "#7aecec", "partner countries": "#bfeeb7",
                   "dates": "#feca74", "budgets": "#ff9561", "participants": "#aa9cfc",
                   "contacts": "#c887fb"}
GROUP_ORDER = ("project_info", "partners", "partner_countries", "dates", "budgets",
               "participants", "contacts", "validation")
class ShowError(Exception):
    """The document cannot be shown; str() is a one-line reason (with suggestions)."""


@dataclass
class Item:
    """One fact (or finding) with the sentence around it."""

    summary: str
    before: str
    value: str
    after: str
    start: int | None
    end: int | None
    label: str = ""  # the group's title and the fact's kind or role: "dates: event"


@dataclass
class DocumentView:
    doc: dict[str, str]
    groups: list[tuple[str, list[Item]]] = field(default_factory=list)
    text: str = ""  # text/<doc_id>.txt, which the items' offsets index


def load_view(out: Path, doc_id: str) -> DocumentView:
    """Everything `show` prints for `doc_id` (a doc_id or its source path)."""
    docs = _read(out / "documents.csv", out)
    by_id = {d["doc_id"]: d for d in docs}
    doc = by_id.get(doc_id) or next((d for d in docs if d["source_path"] == doc_id), None)
    if doc is None:
        raise ShowError(_unknown(doc_id, list(by_id), out))
    text_path = out / "text" / f"{doc['doc_id']}.txt"
    text = text_path.read_text(encoding="utf-8") if text_path.is_file() else ""
    view = DocumentView(doc, text=text)
    for table in GROUP_ORDER:
        if table not in FACT_TABLES and table != "validation":
            continue
        path = out / f"{table}.csv"
        rows = [r for r in _read(path, out) if r.get("doc_id") == doc["doc_id"]] \
            if path.is_file() else []
        items = [_item(table, r, text) for r in rows]
        if items:
            view.groups.append((table, items))
    return view


def _read(path: Path, out: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except FileNotFoundError:
        raise ShowError(
            f"no pipeline output in {out} ({path.name} is missing): run `pipeline run` first"
        ) from None


def _unknown(doc_id: str, ids: list[str], out: Path) -> str:
    close = [i for i in ids if doc_id.lower() in i.lower()]
    close += difflib.get_close_matches(doc_id, ids, n=5, cutoff=0.5)
    close = list(dict.fromkeys(close))[:5]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    return f"no document {doc_id!r} in {out / 'documents.csv'}{hint}"


def _item(table: str, row: dict[str, str], text: str) -> Item:
    item = _located(table, row, text)
    kind = row.get(LABEL_COLUMN.get(table, ""), "")
    item.label = f"{GROUP_TITLES[table]}: {kind}" if kind else GROUP_TITLES[table]
    return item


def _located(table: str, row: dict[str, str], text: str) -> Item:
    summary = " · ".join(row[c] for c in SUMMARY.get(table, ()) if row.get(c))
    try:
        start, end = int(row["char_start"]), int(row["char_end"])
    except (KeyError, ValueError):
        return Item(summary, "", row.get("text", ""), "", None, None)
    if text[start:end] != row.get("text", ""):
        return Item(summary, "", row.get("text", ""), "", start, end)  # text/ out of date
    lo, hi = sentence_bounds(text, start, end)
    if lo > 0 and text[lo - 1] == "\n" and hi - lo <= SHORT_LINE:
        label_start = text.rfind("\n", 0, lo - 1) + 1  # a table cell: show its label too
        label = text[label_start : lo - 1]
        if len(label) <= SHORT_LINE and not label.rstrip().endswith((".", ";", ",")):
            lo = label_start
    before, after = text[lo:start], text[end:hi]
    if len(before) > MAX_CONTEXT:
        before = "…" + before[-MAX_CONTEXT:].lstrip()
    if len(after) > MAX_CONTEXT:
        after = after[:MAX_CONTEXT].rstrip() + "…"
    return Item(summary, before, text[start:end], after, start, end)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence(s) holding text[start:end] (`pipeline.text`'s sentences,
    which never cross a line break)."""
    spans = sentence_spans_around(text, start, end)
    inside = [(s, e) for s, e in spans if e > start and s < max(end, start + 1)]
    if not inside:
        return start, end
    return min(inside[0][0], start), max(inside[-1][1], end)


# --- rendering -----------------------------------------------------------------------------


def render_text(view: DocumentView, color: bool) -> str:
    """The terminal view: a header, then one section per table with its facts."""
    on, off = (ANSI_ON, ANSI_OFF) if color else (PLAIN_ON, PLAIN_OFF)
    bold = (lambda s: f"{HEADING_ON}{s}{ANSI_OFF}") if color else (lambda s: s)
    d = view.doc
    lines = [bold(d["doc_id"]) + f"  ({_one_line(d.get('source_path', ''))})"]
    meta = [_one_line(d.get(k, "")) for k in ("format", "doc_type", "languages")]
    if d.get("project_id"):
        meta.append(f"project {d['project_id']}")
    if any(meta):
        lines.append("  " + " · ".join(m for m in meta if m))
    if d.get("title"):
        lines.append(f"  title: {_one_line(d['title'])}")
    if d.get("status") != "ok":
        lines.append(f"  status: {d.get('status')}: {_one_line(d.get('error', ''))}")
    if not any(table != "validation" for table, _ in view.groups):
        lines.append("")
        lines.append("  no facts extracted from this document")
    for table, items in view.groups:
        lines.append("")
        lines.append(bold(f"{GROUP_TITLES[table]} ({len(items)})"))
        width = min(max(len(i.summary) for i in items), 48)
        for item in items:
            where = f"@{item.start}" if item.start is not None else ""
            sentence = (_one_line(item.before) + on + _one_line(item.value) + off
                        + _one_line(item.after))
            lines.append(f"  {_one_line(item.summary):<{width}}  {where}".rstrip())
            if item.value:
                lines.append(f"      {sentence}")
    return "\n".join(lines) + "\n"


def render_html(view: DocumentView, picture: str = "") -> str:
    """The same view as a self-contained page; every text from the data is escaped.
    `picture`: HTML shown above the tables (the displaCy picture of `displacy_picture`)."""
    e = html.escape
    d = view.doc
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(d['doc_id'])} – extracted facts</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;"
        "padding:0 1em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:"
        "1.5em}th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;"
        "vertical-align:top}th{background:#f4f4f4}td.value{white-space:nowrap;width:30%}"
        "mark{background:#ffe066;padding:0 .1em}.meta{color:#555}.pos{color:#888;"
        "font-size:.85em}</style>",
        "</head><body>",
        f"<h1>{e(d['doc_id'])}</h1>",
        f'<p class="meta">{e(d.get("source_path", ""))} · {e(d.get("format", ""))} · '
        f'{e(d.get("doc_type", ""))} · {e(d.get("languages", ""))}'
        + (f" · project {e(d['project_id'])}" if d.get("project_id") else "") + "</p>",
    ]
    if d.get("title"):
        parts.append(f"<p><strong>Title:</strong> {e(d['title'])}</p>")
    if d.get("status") != "ok":
        parts.append(f"<p><strong>Status:</strong> {e(d.get('status', ''))}: "
                     f"{e(d.get('error', ''))}</p>")
    if not any(table != "validation" for table, _ in view.groups):
        parts.append("<p>No facts extracted from this document.</p>")
    if picture:
        parts.append(f"<h2>text</h2>\n{picture}")
    for table, items in view.groups:
        parts.append(f"<h2>{e(GROUP_TITLES[table])} ({len(items)})</h2>")
        parts.append("<table><tr><th>value</th><th>sentence</th></tr>")
        for item in items:
            pos = f'<div class="pos">@{item.start}</div>' if item.start is not None else ""
            marked = f"<mark>{e(item.value)}</mark>" if item.value else ""
            parts.append(
                f'<tr><td class="value">{e(item.summary)}{pos}</td><td>{e(item.before)}'
                f"{marked}{e(item.after)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def displacy_picture(view: DocumentView) -> str:
    """The document's text with its facts as displaCy draws spans (`style="span"`), for
    spaCy users who know that picture. The text is cut into tokens by a blank spaCy pipeline
    of the document's first language; a fact covers the tokens that hold its characters
    (`alignment_mode="expand"`). Findings are left out (they are in the table below).

    spaCy is imported here only: `pipeline show` without `--displacy` does not need it."""
    import spacy
    from spacy import displacy

    langs = view.doc.get("languages", "").split(";")
    nlp = spacy.blank(langs[0] if langs[0] in ("lv", "en", "ru") else "xx")
    doc = nlp.make_doc(view.text)
    spans = []
    for table, items in view.groups:
        for item in items:
            if table == "validation" or item.start is None or item.end is None:
                continue
            if view.text[item.start : item.end] != item.value or item.start >= item.end:
                continue  # text/ out of date: nothing to point at
            span = doc.char_span(item.start, item.end, label=item.label,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["facts"] = spans
    colors = {s.label_: DISPLACY_COLORS.get(s.label_.split(":")[0], "#ddd") for s in spans}
    return displacy.render(doc, style="span", page=False, jupyter=False,
                           options={"spans_key": "facts", "colors": colors})


# Control characters (C0 but tab, DEL, C1) from file names or text would drive the terminal.
_CONTROL = {c: "\ufffd" for c in [*range(32), *range(127, 160)] if c != 9}


def _one_line(s: str) -> str:
    """`s` on one line and safe to print: line breaks as ¶, control characters replaced."""
    return str(s).replace("\n", " ¶ ").translate(_CONTROL)


def write_html(path: Path, page: str) -> None:
    """Write the page atomically (a temporary file beside it, then one rename)."""
    with replacing(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
