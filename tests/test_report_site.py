"""The report as a static site (pipeline.report.site): which form a run writes, that every link
between the site's pages lands on an existing page and id, that unchanged pages are reused on a
rerun, and that switching forms leaves no stale report behind."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import pytest
from test_report import all_ids, assert_links_resolve, page_data, sample

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


def assert_site_links_resolve(site: Path) -> None:
    """Every link of every page and of the index leads to a file and, with a fragment, to an
    element of that page."""
    links = site_links(site)
    assert links
    for path, frag in links:
        assert path.is_file(), path
        if frag:
            html = path.read_text(encoding="utf-8")
            ids = set(re.findall(r' id="([^"]*)"', html)) if path.name == "index.html" \
                else set(all_ids(html))
            assert frag in ids, (path, frag)


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
    assert_site_links_resolve(site)


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


# ----------------------------------------------------------------------------------------------
# A big project's page in parts (site_parts.py)


def sha1(doc_id: str) -> str:
    """The hash a later part's name ends with (site_parts.part_path)."""
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:6]


def first_part(site: Path) -> Path:
    """The big project's page (its part 1)."""
    return next(p for p in (site / "projects").glob("P9-*.html") if "-part-" not in p.name)


def big_project(n_docs: int = 7) -> tuple[dict, dict[str, str]]:
    """The sample plus project P9 of `n_docs` documents, each with a budget fact and a finding
    on its text, a project-wide finding of no document, and link evidence naming two of them."""
    from test_report import span_of, table

    tables, texts = sample()
    rows = {name: df.to_dict("records") for name, df in tables.items()}
    ids = [f"big{i}" for i in range(n_docs)]
    for i, d in enumerate(ids):
        text = f"Document {i} of the big project.\nIts budget is {1000 + i} EUR in total.\n"
        texts[d] = text
        rows["documents"].append({"doc_id": d, "source_path": f"big/{d}.txt", "format": "txt",
                                  "project_id": "P9", "status": "ok", "n_chars": len(text)})
        rows["budgets"].append({"doc_id": d, "project_id": "P9", "kind": "total",
                                "amount": str(1000 + i), "currency": "EUR",
                                **span_of(text, f"{1000 + i} EUR")})
        rows["validation"].append({"severity": "warning", "rule": "budget.low", "doc_id": d,
                                   "project_id": "P9", "field": "total_eur",
                                   "message": f"low budget in {d}",
                                   **span_of(text, f"{1000 + i} EUR")})
    rows["validation"].append({"severity": "info", "rule": "project.note", "project_id": "P9",
                               "message": "a note on the whole project"})
    rows["projects"].append({"project_id": "P9", "acronym": "BIG", "title": "A big one",
                             "doc_ids": ";".join(ids)})
    rows["coverage"].append({"project_id": "P9", "field": "acronym", "status": "present"})
    tables = {name: table(name, r) for name, r in rows.items()}
    evidence = f"{ids[0]} / {ids[-1]}: same acronym"
    tables["projects"]["link_evidence"] = ["", evidence]
    return tables, texts


def test_documents_are_split_in_order_within_the_budget() -> None:
    from pipeline.report.site_parts import DOC_BYTES, boundary, doc_cost, split

    docs = [{"doc_id": f"x{i}", "n_chars": str(n)} for i, n in enumerate([10, 10, 10**7, 10, 0])]
    assert not any(boundary(d) for d in docs)  # cut by the budget alone
    budget = 2 * doc_cost({"n_chars": "10"})
    runs = split(docs, budget)
    assert [[d["doc_id"] for d in r] for r in runs] == [["x0", "x1"], ["x2"], ["x3", "x4"]]
    assert split([], budget) == [[]]
    assert [len(r) for r in split(docs[:2] + docs[3:], 10**9, max_docs=3)] == [3, 1]
    assert doc_cost({"n_chars": "x"}) == doc_cost({}) == DOC_BYTES
    # documents that fit are one run, whatever their ids
    boundaries = [{"doc_id": f"d{i}", "n_chars": "10"} for i in (0, 10, 27, 38)]
    assert all(boundary(d) for d in boundaries)
    assert split(boundaries, 10**9) == [boundaries]


def _doc_lists(runs: list[list[dict[str, str]]]) -> list[tuple[str, ...]]:
    return [tuple(d["doc_id"] for d in run) for run in runs]


@pytest.mark.parametrize("change", ["grows", "leaves", "joins"])
def test_a_changed_document_moves_the_cuts_of_its_own_part_only(change: str) -> None:
    """Cuts after documents whose ids mark a boundary: a document that grows, leaves or joins
    changes its own part, and the other parts keep the same documents (a rerun renders one
    part again, not every part after it)."""
    from pipeline.report.site_parts import BOUNDARY_ONE_IN, MIN_PART_SHARE, boundary, split

    docs = [{"doc_id": f"doc-{i}", "n_chars": "3000"} for i in range(2000)]
    budget = 40 * 10_000  # forty documents' worth
    before = _doc_lists(split(docs, budget))
    assert len(before) > 2000 // 40  # boundaries cut well before the budget does
    assert sum(map(len, before)) == 2000 and [d for r in before for d in r] == [
        d["doc_id"] for d in docs]
    assert any(boundary(d) for d in docs) and BOUNDARY_ONE_IN > 1 and MIN_PART_SHARE > 1
    k = 1000
    if change == "grows":
        changed = docs[:k] + [{**docs[k], "n_chars": "30000"}] + docs[k + 1:]
    elif change == "leaves":
        changed = docs[:k] + docs[k + 1:]
    else:
        changed = docs[:k] + [{"doc_id": "doc-new", "n_chars": "3000"}] + docs[k:]
    after = _doc_lists(split(changed, budget))
    moved = set(after) - set(before)
    # its part (and at most the next, cut anew); a document that grows within the budget
    # leaves every part with the same documents. (A cut added or removed renumbers the later
    # parts' pages, whose panels list all parts: that is rarer, and not tested here.)
    if change == "grows":
        assert not moved
    else:
        assert 1 <= len(moved) <= 2, moved
    assert len(set(before) - set(after)) <= 2


def test_pages_of_unlinked_documents_keep_within_the_budget(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.report import site_parts

    tables, texts = sample()
    monkeypatch.setattr(site_parts, "PART_BYTES", 1)  # one document a page
    write_site(tmp_path / "report", TableSource(tables, texts))
    batches = sorted(p.name for p in (tmp_path / "report" / "documents").iterdir())
    assert batches == ["batch-0001.html", "batch-0002.html"]  # d2 and d3, no project


def _parts_site(folder: Path, monkeypatch: pytest.MonkeyPatch, n_docs: int = 7) -> Path:
    """The big project's site with a part budget of three documents' worth."""
    from pipeline.report import site_parts

    monkeypatch.setattr(site_parts, "PART_BYTES", 3 * site_parts.doc_cost({"n_chars": "80"}))
    tables, texts = big_project(n_docs)
    write_site(folder, TableSource(tables, texts))
    return folder


def test_a_big_project_is_cut_into_linked_parts(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = _parts_site(tmp_path / "report", monkeypatch)
    first = first_part(site)
    parts = [first] + [first.with_name(f"{first.stem}-part-{d}-{sha1(d)}.html")
                       for d in ("big3", "big6")]  # later parts: named after their first
    assert sorted((site / "projects").glob("P9-*-part-*.html")) == parts[1:]
    headings = ["BIG: part 1 of 3", "BIG: documents big3 to big5", "BIG: document big6"]
    shown: list[str] = []
    for k, page in enumerate(parts):
        html = page.read_text(encoding="utf-8")
        assert_links_resolve(html)
        assert f"<h2>{headings[k]}</h2>" in html
        panel = re.search(r'<section class="panel" id="parts">.*?</section>', html, re.S)
        assert panel is not None  # a later part does not count the parts:
        assert ("of 3" in panel.group()) == ("Parts:" in panel.group()) == (k == 0)
        data = page_data(html)
        shown += [d["i"] for d in data["documents"]]
        assert [p["a"] for p in data["projects"]] == ["project-P9"]
        own = {d["i"] for d in data["documents"]}
        for f in data["findings"]:  # each document's finding is on the part showing it
            doc = re.search(r"low budget in (big\d+)", json.dumps(f["k"]))
            assert doc is None or doc.group(1) in own
        if k:
            assert f'href="{parts[k - 1].name}" rel="prev"' in html
        if k < 2:
            assert f'href="{parts[k + 1].name}" rel="next"' in html
    assert shown == [f"big{i}" for i in range(7)]  # each document once, in order
    first_html = first.read_text(encoding="utf-8")
    assert "a note on the whole project" in first_html
    assert "a note on the whole project" not in parts[1].read_text(encoding="utf-8")
    assert "same acronym" in first_html  # the link evidence stays with the project card
    assert 'href="#doc-big0"' in first_html
    assert f'href="{parts[1].name}#doc-big3"' in first_html
    assert f'href="{parts[2].name}#doc-big6"' in first_html


def test_a_document_on_another_part_is_said_to_be_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Part 1's link evidence names big6, shown on part 3: its id says where it is, not that
    documents.csv lacks it (which stays the title of an id that no table has)."""
    site = _parts_site(tmp_path / "report", monkeypatch)
    first = first_part(site)
    card = json.dumps(page_data(first.read_text(encoding="utf-8"))["projects"])
    assert '"t": "on part 3 of this project\'s page (see its list of documents by part)"' in card
    assert "not in documents.csv" not in card
    tables, texts = big_project()
    tables["projects"]["link_evidence"] = ["", "big0 / ghost1: same acronym"]
    write_site(tmp_path / "ghost", TableSource(tables, texts))
    page = first_part(tmp_path / "ghost")
    card = json.dumps(page_data(page.read_text(encoding="utf-8"))["projects"])
    assert '"t": "not in documents.csv"' in card


def test_the_index_links_each_document_to_its_part(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site = _parts_site(tmp_path / "report", monkeypatch)
    data = site_data(site)
    pages = [p for p, _ in data["pages"]]
    where = {row[0]: pages[row[1]] for row in data["documents"]}
    assert where["big0"] == where["big2"] != where["big3"] == where["big5"] != where["big6"]
    assert where["big3"].endswith(f"-part-big3-{sha1('big3')}.html")
    assert where["big6"].endswith(f"-part-big6-{sha1('big6')}.html")
    (project,) = [r for r in data["projects"] if r[0] == "P9"]
    assert pages[project[2]] == where["big0"] and project[3] == 7 and project[4] == 8
    assert_site_links_resolve(site)  # every link of every page and of the index


def test_small_projects_are_written_as_before(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A project within the budget is one page, byte for byte what it was without parts."""
    from pipeline.report import site

    tables, texts = big_project()
    whole = tmp_path / "whole"
    write_site(whole, TableSource(tables, texts))
    assert not list(whole.rglob("*-part*.html"))
    monkeypatch.setattr(site, "in_parts", lambda pages: ((p, None) for p in pages))
    before = tmp_path / "before"
    write_site(before, TableSource(tables, texts))
    for page in before.rglob("*"):
        if page.is_file():
            assert page.read_bytes() == (whole / page.relative_to(before)).read_bytes(), page
    parted = _parts_site(tmp_path / "parted", monkeypatch)
    p1 = next((before / "projects").glob("P1-*.html")).relative_to(before)
    assert (parted / p1).read_bytes() == (before / p1).read_bytes()


def test_parts_are_reused_and_recut_like_pages(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun copies unchanged parts; a project that grows by a part gets it, and the same
    bytes as a cold run, with no stale part left."""
    first = _parts_site(tmp_path / "a", monkeypatch)
    tables, texts = big_project()
    stats = write_site(tmp_path / "b", TableSource(tables, texts), previous=first)
    assert stats["rendered"] == 0
    tables, texts = big_project(10)
    again = write_site(tmp_path / "c", TableSource(tables, texts), previous=tmp_path / "b")
    cold = tmp_path / "d"
    write_site(cold, TableSource(tables, texts))
    assert again["reused"] > 0
    names = sorted(p.relative_to(cold).as_posix() for p in cold.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(tmp_path / "c").as_posix()
                           for p in (tmp_path / "c").rglob("*") if p.is_file())
    assert any(n.endswith(f"-part-big9-{sha1('big9')}.html") for n in names)
    for n in names:
        assert (cold / n).read_bytes() == (tmp_path / "c" / n).read_bytes(), n


def test_a_cut_before_a_part_leaves_the_part_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part is named after its first document and says nothing of the parts before it:
    when a cut comes before it (a boundary document joins), a rerun renders part 1, the new
    part and its neighbours (their links to it), and copies the later parts."""
    from pipeline.report import site_parts

    monkeypatch.setattr(site_parts, "PART_BYTES", 5 * site_parts.doc_cost({"n_chars": "80"}))
    tables, texts = big_project(10)
    cuts = {"big2", "big5"}
    monkeypatch.setattr(site_parts, "boundary", lambda d: d.get("doc_id") in cuts)
    write_site(tmp_path / "a", TableSource(tables, texts))
    before = {p.name: p.read_bytes() for p in (tmp_path / "a" / "projects").glob("P9-*")}
    assert len(before) == 3  # big0-big2, big3-big5, big6-big9
    cuts.add("big1")
    stats = write_site(tmp_path / "b", TableSource(tables, texts), previous=tmp_path / "a")
    after = {p.name: p.read_bytes() for p in (tmp_path / "b" / "projects").glob("P9-*")}
    assert len(after) == 4  # big0-big1, big2, big3-big5, big6-big9
    (kept,) = [n for n in after if "-part-big6-" in n]
    assert after[kept] == before[kept]
    assert stats["rendered"] == 3  # part 1, the new part and the next, whose "previous" it is
    cold = tmp_path / "c"
    write_site(cold, TableSource(tables, texts))
    for n, data in after.items():
        assert (cold / "projects" / n).read_bytes() == data, n


class Digested(TableSource):
    """A source that keeps a digest of each document's rows and text, as a run's store does
    (`StoreSource.doc_digest`): here whatever the test says."""

    def __init__(self, tables: dict, texts: dict[str, str], digests: dict[str, str]) -> None:
        super().__init__(tables, texts)
        self.digests = digests

    def doc_digest(self, doc_id: str) -> str | None:
        return self.digests.get(doc_id, f"digest of {doc_id}")

    def project_docs(self, project_id: str) -> list[str]:
        return [d["doc_id"] for d in self.documents() if d.get("project_id") == project_id]


def test_a_page_s_digest_is_made_of_the_source_s_document_digests(tmp_path: Path) -> None:
    """With a source that keeps document digests, a page is rendered again when one of its
    documents' digests changes, and only then: its rows and texts are not hashed again."""
    tables, texts = big_project()
    first = tmp_path / "a"
    write_site(first, Digested(tables, texts, {}))
    same = write_site(tmp_path / "b", Digested(tables, texts, {}), previous=first)
    assert same["rendered"] == 0
    moved = write_site(tmp_path / "c", Digested(tables, texts, {"big3": "changed"}),
                       previous=tmp_path / "b")
    assert moved["rendered"] == 1  # P9's page, which shows big3
    texts = {**texts, "big3": texts["big3"] + " edited"}  # the digest is what is compared
    trusted = write_site(tmp_path / "d", Digested(tables, texts, {"big3": "changed"}),
                         previous=tmp_path / "c")
    assert trusted["rendered"] == 0


class Memo:
    """An in-memory `site.PageMemo`: what write_site keeps, for the next run's `before`."""

    def __init__(self, before: Memo | None = None) -> None:
        self.pages: dict[str, bytes | None] = {}  # rel -> where it holds each view
        self.before = before

    def known(self, rel: str, doc_ids: list[str]) -> str | None:
        return None

    def keep(self, rel: str, doc_ids: list[str], static: str, records: bytes | None) -> None:
        if records is None and self.before is not None:  # copied: as it was
            records = self.before.pages.get(rel)
        self.pages[rel] = records

    def records(self) -> Callable[[str], bytes | None] | None:
        before = self.before
        return None if before is None else before.pages.get


def test_a_page_rendered_again_takes_its_unchanged_document_views_from_the_last_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P9's page is rendered again because big3 changed: the other six views are copied from
    the previous page, and the site is byte for byte a cold run's. A previous page that is not
    as its run wrote it gives nothing."""
    from pipeline.report import sections

    built: list[str] = []
    real = sections._document_record_of

    def counted(ix: Any, source: Any, doc_id: str, doc: dict) -> dict:
        built.append(doc_id)
        return real(ix, source, doc_id, doc)

    monkeypatch.setattr(sections, "_document_record_of", counted)
    tables, texts = big_project()
    first = Memo()
    write_site(tmp_path / "a", Digested(tables, texts, {}), memo=first)
    assert len(first.pages) > 1 and all(first.pages.values())
    texts = {**texts, "big3": texts["big3"] + "A sentence more.\n"}
    built.clear()
    second = Memo(first)
    stats = write_site(tmp_path / "b", Digested(tables, texts, {"big3": "changed"}),
                       previous=tmp_path / "a", memo=second)
    assert stats["rendered"] == 1 and built == ["big3"]
    cold = tmp_path / "cold"
    write_site(cold, Digested(tables, texts, {"big3": "changed"}))
    files = sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert files and all((cold / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
                         for f in files)
    page = next((tmp_path / "b" / "projects").glob("P9-*.html"))
    data = page.read_bytes()
    view = data.index(b'{"a":"doc-big0"')
    page.write_bytes(data[:view] + b'{"A"' + data[view + 4:])  # edited in place, same size
    built.clear()
    write_site(tmp_path / "c", Digested(tables, texts, {"big3": "again"}),
               previous=tmp_path / "b", memo=Memo(second))
    assert sorted(built) == ["big0", "big3"]  # the view edited, and the document changed
    with page.open("ab") as fh:  # edited since: no view is taken
        fh.write(b"\n")
    built.clear()
    write_site(tmp_path / "d", Digested(tables, texts, {"big3": "again"}),
               previous=tmp_path / "b", memo=Memo(second))
    assert sorted(built) == [f"big{i}" for i in range(7)]


@pytest.mark.parametrize("form", ["site", "single"])
def test_the_index_counts_the_store_s_finding_keys_as_validation_csv_has_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    """A run's index reads each finding's severity, rule, document and project from the store
    (`StoreSource.finding_keys`) instead of parsing validation.csv: the same report."""
    from pipeline.stages.output import StoreSource

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    src = tmp_path / "in"
    shutil.copytree(raw, src, ignore=shutil.ignore_patterns("*.gold.json"))
    args = ["run", str(src), "--no-cache", "--quiet", "--report", form]
    assert main([*args, "--out", str(tmp_path / "keys")]) == 0
    monkeypatch.delattr(StoreSource, "finding_keys")
    assert main([*args, "--out", str(tmp_path / "csv")]) == 0
    page = "report/index.html" if form == "site" else "report.html"
    keys = (tmp_path / "keys" / page).read_text(encoding="utf-8")
    csv = (tmp_path / "csv" / page).read_text(encoding="utf-8")
    assert "Findings per rule" in keys or form == "single"
    assert re.sub(r"Generated [^<]*", "", keys) == re.sub(r"Generated [^<]*", "", csv)
