"""The writer: the page as a stream of pieces, written atomically to a path or to a stream."""
from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from pipeline.export import replacing

if TYPE_CHECKING:  # pandas is only needed for tables held in memory (render_report)
    import pandas as pd

from pipeline.report.base import (
    CSP,
    DEFAULT_TITLE,
    OPEN_CARDS_MAX,
    SITE_CSP,
    _e,
    _resource,
    _script_json,
)
from pipeline.report.sections import (
    DocRecord,
    RecordReuse,
    _coverage,
    _document_records,
    _documents,
    _finding_record,
    _findings,
    _findings_in_order,
    _project_records,
    _projects,
    _summary,
)
from pipeline.report.source import (
    ReportSource,
    TableSource,
    _Index,
    _TextCache,
)

# ----------------------------------------------------------------------------------------------
# The page, written piece by piece


ASSETS = ("report.css", "report.js", "site.js")


def asset_tag(name: str, assets: str = "") -> str:
    """The <style> or <script> of asset `name`: inlined (`report.html` is one self-contained
    file), or, on a site's page, linked from the shared copy in the relative folder `assets`."""
    css = name.endswith(".css")
    if assets:
        url = _e(assets + name)
        return (f'<link rel="stylesheet" href="{url}">\n' if css
                else f'<script src="{url}"></script>\n')
    text = _resource(name)
    if "</" in text or "<!--" in text or "</style" in text.lower():
        raise ValueError("report resources must not contain closing-tag sequences")
    return f"<style>\n{text}</style>\n" if css else f"<script>\n{text}</script>\n"


def write_assets(folder: Path) -> None:
    """The site's shared CSS/JS, which its pages link (see `asset_tag`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        (folder / name).write_text(_resource(name), encoding="utf-8", newline="\n")


def page_head(title: str, stamp: str, nav: str, assets: str = "") -> str:
    """A report page's head and top bar, the same for the single page and the site's pages;
    the page opens from file:// with no server. `assets`: see `asset_tag`."""
    policy = SITE_CSP if assets else CSP
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n{asset_tag('report.css', assets)}</head>\n<body>\n"
        f'<header class="topbar"><h1>{_e(title)}</h1>{stamp}<nav>{nav}</nav></header>\n'
        "<main>\n"
    )


def _json_list(records: Iterable[Any]) -> Iterator[str]:
    """A JSON array written one record at a time (the same bytes as `_script_json(list)`); a
    record that is a string is its JSON already, and is a piece of its own."""
    yield "["
    for k, rec in enumerate(records):
        if isinstance(rec, str):
            if k:
                yield ","
            yield rec
        else:
            yield ("," if k else "") + _script_json(rec)
    yield "]"


def _data_block(ix: _Index, source: ReportSource, title: str, generated: str,
                reuse: RecordReuse | None = None) -> Iterator[str]:
    """The page's JSON data, record by record. Keys in sorted order as `_script_json` writes
    them: documents (which also read the texts' lengths; `DocRecord` pieces, those `reuse`
    has taken as they were), findings, meta, projects."""
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
    yield from _json_list(_document_records(ix, source, reuse))
    yield ',"findings":'
    yield from _json_list(_finding_record(ix, f, texts) for f in _findings_in_order(ix, source))
    yield ',"meta":' + _script_json(meta)
    yield ',"projects":'
    yield from _json_list(_project_records(ix, source))
    yield "}"


def _page(source: ReportSource, title: str, generated: str, back: str = "",
          assets: str = "", lead: str = "", reuse: RecordReuse | None = None
          ) -> Iterator[str]:
    """The whole report as pieces of text, in page order; `back` (a site's project page) is the
    relative URL of the site's index, linked first in the navigation; `assets` the relative
    folder of the site's shared CSS/JS (see `asset_tag`); `lead` static HTML shown first (the
    parts of a project's page, see site_parts.py); `reuse` earlier runs' document views
    (`_data_block`)."""
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
    if back:
        nav = f'<a href="{_e(back)}">Index</a>' + nav
    stamp = f'<span class="generated">Generated {_e(generated)}</span>' if generated else ""
    yield page_head(title, stamp, nav, assets)
    yield lead
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
    yield from _data_block(ix, source, title, generated, reuse)
    yield f"</script>\n{asset_tag('report.js', assets)}</body>\n</html>\n"


def _write_page(
    fh: TextIO, source: ReportSource, title: str, generated: str, back: str = "",
    assets: str = "", lead: str = "",
) -> None:
    for piece in _page(source, title, generated, back, assets, lead):
        # Lone surrogates (broken input) cannot be written as UTF-8: show them as '?'.
        fh.write(piece.encode("utf-8", "replace").decode("utf-8"))


# Where a page holds each document view: doc_id -> (key, start byte, end byte, text length).
Placed = dict[str, tuple[str, int, int, "int | None"]]


def write_page_bytes(
    fh: BinaryIO, source: ReportSource, title: str, generated: str, back: str = "",
    assets: str = "", lead: str = "", reuse: RecordReuse | None = None,
) -> tuple[int, Placed]:
    """`_write_page` into a binary file (the same bytes), taking the document views `reuse`
    has; returns the bytes written and where each keyed document view is, so that a later run
    can take it from this page (`site._Renderer`)."""
    size = 0
    placed: Placed = {}
    for piece in _page(source, title, generated, back, assets, lead, reuse):
        data = piece.encode("utf-8", "replace")  # lone surrogates as '?', as _write_page
        if isinstance(piece, DocRecord) and piece.key:
            placed[piece.doc_id] = (piece.key, size, size + len(data), piece.text_len)
        fh.write(data)
        size += len(data)
    return size, placed


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
