"""The report as a static site (pipeline.report.site): which form a run writes, that every link
between the site's pages lands on an existing page and id, that unchanged pages are reused on a
rerun, and that switching forms leaves no stale report behind."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from test_report import all_ids, assert_links_resolve, sample

from pipeline.cli import main
from pipeline.report import TableSource
from pipeline.report.base import SITE_CSP, _resource
from pipeline.report.site import choose_form, write_site
from pipeline.report.writer import ASSETS

FIXTURES = Path(__file__).parent / "fixtures"


def test_form_is_chosen_by_size_unless_forced() -> None:
    assert choose_form("auto", 10, 10_000) == "single"
    assert choose_form("auto", 10_000, 10_000) == "site"
    assert choose_form("auto", 10, 50_000_000) == "site"
    assert choose_form("single", 10_000, 50_000_000) == "single"
    assert choose_form("site", 1, 1) == "site"
    with pytest.raises(ValueError):
        choose_form("pdf", 1, 1)


def site_links(folder: Path) -> list[tuple[Path, str]]:
    """(page, id) of every link between pages: static hrefs and the index's data."""
    out: list[tuple[Path, str]] = []
    for page in folder.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#][^"]*)"', html):
            path, _, frag = href.replace("&amp;", "&").partition("#")
            out.append(((page.parent / path).resolve(), frag))
    data = site_data(folder)
    for prefix, rows, at, anchor_at in (("project-", data["projects"], 2, 5),
                                        ("doc-", data["documents"], 1, 2),
                                        ("project-", data["matrix"]["rows"], 4, 5)):
        for row in rows:
            href = data_href(data, row[at], prefix, row[0], row[anchor_at:])
            if href:
                path, _, frag = href.partition("#")
                out.append(((folder / path).resolve(), frag))
    return out


def site_data(folder: Path) -> dict:
    """The index's data block (pipeline/report/site_index.py describes it)."""
    index = (folder / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'id="site-data">(.*?)</script>', index, re.S).group(1))


def data_href(data: dict, page: int, prefix: str, raw: str, anchor: list[str]) -> str:
    """The link site.js makes of a row: page path + '#' + (anchor or prefix + id)."""
    if page < 0:
        return ""
    return f"{data['pages'][page][0]}#{anchor[0] if anchor else prefix + raw}"


def test_every_link_between_pages_resolves(tmp_path: Path) -> None:
    tables, texts = sample()
    stats = write_site(tmp_path / "report", TableSource(tables, texts))
    site = tmp_path / "report"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages and any(p.startswith("projects/") for p in pages)
    assert stats["rendered"] == len(pages) - 1 and stats["reused"] == 0
    for page in site.rglob("*.html"):
        if page.name != "index.html":
            assert_links_resolve(page.read_text(encoding="utf-8"))
            assert '<a href="../index.html">Index</a>' in page.read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    index_ids = set(re.findall(r' id="([^"]*)"', index))
    for target in re.findall(r'href="#([^"]*)"', index):
        assert target in index_ids, target
    links = site_links(site)
    assert links
    for path, frag in links:
        assert path.is_file(), path
        if frag:
            html = path.read_text(encoding="utf-8")
            ids = set(re.findall(r' id="([^"]*)"', html)) if path.name == "index.html" \
                else set(all_ids(html))
            assert frag in ids, (path, frag)


def test_unchanged_pages_are_copied_changed_ones_rendered(tmp_path: Path) -> None:
    tables, texts = sample()
    first = tmp_path / "a"
    write_site(first, TableSource(tables, texts))
    second = tmp_path / "b"
    stats = write_site(second, TableSource(tables, texts), previous=first)
    assert stats["rendered"] == 0 and stats["reused"] > 0
    for page in first.rglob("*.html"):
        assert page.read_bytes() == (second / page.relative_to(first)).read_bytes()
    changed = {k: v + " changed" for k, v in texts.items()}
    third = tmp_path / "c"
    stats = write_site(third, TableSource(tables, changed), previous=second)
    assert stats["rendered"] > 0
    cold = tmp_path / "d"
    write_site(cold, TableSource(tables, changed))
    for page in cold.rglob("*"):
        if page.is_file():
            assert page.read_bytes() == (third / page.relative_to(cold)).read_bytes()


def test_switching_forms_leaves_no_stale_report(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "planted", src)
    out = tmp_path / "out"
    args = ["run", str(src), "--out", str(out), "--quiet"]
    assert main([*args, "--report", "site"]) == 0
    assert (out / "report" / "index.html").is_file() and not (out / "report.html").exists()
    assert main([*args, "--report", "single"]) == 0
    assert (out / "report.html").is_file() and not (out / "report").exists()
    assert main([*args, "--report", "site"]) == 0
    assert (out / "report" / "index.html").is_file() and not (out / "report.html").exists()
    assert main(args) == 0  # auto: a small archive gets the single page
    assert (out / "report.html").is_file() and not (out / "report").exists()


def test_site_pages_link_one_copy_of_the_assets(tmp_path: Path) -> None:
    """Every page links assets/ (written once) under SITE_CSP and inlines no CSS or code."""
    tables, texts = sample()
    site = tmp_path / "report"
    write_site(site, TableSource(tables, texts))
    assert sorted(p.name for p in (site / "assets").iterdir()) == sorted(ASSETS)
    for name in ASSETS:
        assert (site / "assets" / name).read_text(encoding="utf-8") == _resource(name)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        prefix = "" if page.name == "index.html" else "../"
        assert f'<meta http-equiv="Content-Security-Policy" content="{escape(SITE_CSP)}">' in html
        assert f'<link rel="stylesheet" href="{prefix}assets/report.css">' in html
        assert "<style" not in html
        scripts = re.findall(r"<script([^>]*)>", html)
        kind = "site" if page.name == "index.html" else "report"
        js = "site.js" if kind == "site" else "report.js"
        assert scripts == [f' type="application/json" id="{kind}-data"',
                           f' src="{prefix}assets/{js}"'], page


def _site_of(folder: Path, n_projects: int) -> str:
    """The index of a site over `n_projects` projects of two documents, with coverage rows and
    every third document failed."""
    from test_report import table

    projects = [{"project_id": f"P{i}", "acronym": f"A{i}", "title": f"Project {i}"}
                for i in range(n_projects)]
    docs = [{"doc_id": f"d{i}-{k}", "source_path": f"{i}-{k}.txt", "format": "txt",
             "project_id": f"P{i}", "status": "failed" if (2 * i + k) % 3 == 0 else "ok",
             "error": "empty file"} for i in range(n_projects) for k in range(2)]
    coverage = [{"project_id": f"P{i}", "field": f, "status": "missing" if i % 2 else "present"}
                for i in range(n_projects) for f in ("acronym", "eu_eur", "partners")]
    tables = {"documents": table("documents", docs), "projects": table("projects", projects),
              "coverage": table("coverage", coverage)}
    write_site(folder, TableSource(tables, {}))
    return (folder / "index.html").read_text(encoding="utf-8")


def test_the_index_html_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    """Everything per project or document is in the data block (issue 14: the index must stay
    small at 20,000 documents); the HTML around it differs only in its counts."""
    small, large = _site_of(tmp_path / "s", 40), _site_of(tmp_path / "l", 400)
    data = re.compile(r'(<script type="application/json" id="site-data">).*?(</script>)', re.S)
    html_small, html_large = data.sub(r"\1\2", small), data.sub(r"\1\2", large)
    assert abs(len(html_large) - len(html_small)) < 100
    assert len(site_data(tmp_path / "l")["matrix"]["rows"]) == 400
    assert len(site_data(tmp_path / "l")["failed"]) == 267
