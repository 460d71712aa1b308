"""report.html in a real browser: headless Chromium (Debian's `chromium` package).

The report of the planted-fault corpus plus two hostile documents must open without a console
error, show `<script>` and `<img onerror=…>` from documents as text, load nothing from the
network, filter its findings, and render the missing-fields matrix (a screenshot is checked
pixel by pixel). A generated archive of a few hundred documents checks that the paged lists,
filters and document views work at scale. Without Chromium the tests skip, except in CI
(CI=true), where `.ci/run` installs it and a missing browser is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Browser, find_chromium

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BENCH = Path(__file__).parent.parent / "scripts" / "report_bench.py"
HOSTILE_TXT = (
    "Projekts „Drošs tīmeklis” (SAFEWEB)\n"
    "Teksts ar <script>window.__pwned = 1; console.error('xss')</script> iekšā un "
    '<img src="x" onerror="window.__pwned = 2"> arī.\n'
    "Kontaktpersona: Anna Liepa, e-pasts: <b>anna@daugavpils.lv</b>\n"
)
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Hostile page</title></head><body>"
    "<article><h1>Project “Safe Web” (SAFEWEB2)</h1>"
    "<p>Escaped markup: &lt;script&gt;window.__pwned = 3&lt;/script&gt; and "
    "&lt;img src=x onerror=&quot;window.__pwned=4&quot;&gt; and "
    "&lt;iframe src=&quot;https://example.com/&quot;&gt;&lt;/iframe&gt;.</p></article></body></html>"
)


def _chromium() -> str:
    binary = find_chromium()
    if binary is None:
        message = ("Chromium not found: install Debian's chromium package "
                   "(apt-get install chromium) or set CHROMIUM=/path/to/browser")
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — .ci/run installs it in CI")
        pytest.skip(message)
    return binary


def _run_hostile_archive(factory: pytest.TempPathFactory, *options: str) -> Path:
    """The planted archive plus hostile text and HTML, run into a new output folder."""
    src = factory.mktemp("browser_in")
    shutil.copytree(FIXTURES / "planted", src / "planted")
    (src / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (src / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    out = factory.mktemp("browser_out")
    assert main(["run", str(src), "--out", str(out), "--quiet", *options]) == 0
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run_hostile_archive(tmp_path_factory) / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser(_chromium())
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def page(browser: Browser, report: Path) -> str:
    session, loaded = browser.open(report.as_uri())
    assert loaded.errors == []
    return session


def test_report_opens_without_console_errors(browser: Browser, page: str) -> None:
    assert browser.evaluate(page, "document.querySelectorAll('section.panel').length") == 5
    assert browser.errors(page) == []


OPEN_ALL_DOCS = """(() => {
    const input = document.getElementById('doc-filter');
    input.value = 'hostile';
    input.dispatchEvent(new Event('input'));
    return new Promise(r => setTimeout(() => {
        document.querySelectorAll('details.doc').forEach(d => { d.open = true; });
        setTimeout(() => r(document.querySelectorAll('details.doc[open] .doctext').length), 50);
    }, 300));
})()"""


def test_document_markup_is_shown_as_text(browser: Browser, page: str) -> None:
    assert browser.evaluate(page, OPEN_ALL_DOCS) == 2  # the two hostile documents
    assert browser.evaluate(page, "typeof window.__pwned") == "undefined"
    assert browser.evaluate(page, "document.querySelectorAll('script').length") == 2  # own ones
    for tag in ("img", "iframe", "b"):
        assert browser.evaluate(page, f"document.querySelectorAll('main {tag}').length") == 0
    text = browser.evaluate(page, "document.querySelector('#documents').textContent")
    assert "<script>window.__pwned = 1; console.error('xss')</script>" in text
    assert '<img src="x" onerror="window.__pwned = 2">' in text
    assert "<script>window.__pwned = 3</script>" in text
    assert '<iframe src="https://example.com/"></iframe>' in text


def test_nothing_is_loaded_from_the_network(browser: Browser, page: str) -> None:
    urls = browser.evaluate(page, "performance.getEntriesByType('resource').map(e => e.name)")
    assert urls == []


def test_findings_filter_by_rule(browser: Browser, page: str) -> None:
    shown_all, total = _counter(browser, page)
    assert shown_all == total
    rows = browser.evaluate(page, "document.querySelectorAll('#findings-table tbody tr').length")
    assert rows == min(total, 100)
    shown = browser.evaluate(page, """(() => {
        const sel = document.getElementById('filter-rule');
        sel.value = 'dates.event_outside_period';
        sel.dispatchEvent(new Event('change'));
        return document.querySelectorAll('#findings-table tbody tr').length;
    })()""")
    assert 3 <= shown < min(total, 100)
    assert _counter(browser, page) == (shown, total)
    assert set(_rows(browser, page)) == {"dates.event_outside_period"}
    browser.evaluate(page, "document.getElementById('filter-reset').click()")
    assert _counter(browser, page) == (total, total)
    assert browser.errors(page) == []


def test_missing_fields_matrix_screenshot(browser: Browser, page: str, tmp_path: Path) -> None:
    from PIL import Image

    shot = Path(os.environ.get("REPORT_SCREENSHOT", tmp_path / "matrix.png"))
    box = browser.screenshot(page, "#coverage", shot)  # the section with the matrix
    assert box["width"] > 300 and box["height"] > 200
    with Image.open(shot) as img:
        rgb = img.convert("RGB")
        assert abs(rgb.width - box["width"]) <= 2 and abs(rgb.height - box["height"]) <= 2
        raw = rgb.tobytes()
        pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    white = sum(1 for p in pixels if min(p) > 245)
    assert white < 0.95 * len(pixels), "the matrix is blank"
    greenish = sum(1 for r, g, b in pixels if g > r + 15 and g > b + 15)  # present cells
    reddish = sum(1 for r, g, b in pixels if r > g + 15 and r > b + 15)  # missing cells
    dark = sum(1 for p in pixels if max(p) < 120)  # text
    assert greenish > 0.02 * len(pixels) and reddish > 0.002 * len(pixels) and dark > 100
    assert len(set(pixels)) > 20
    # the matrix has one row per project and every cell got a status class
    rows = browser.evaluate(page, "document.querySelectorAll('#coverage tbody tr').length")
    cells = browser.evaluate(page, "document.querySelectorAll('#coverage td.cov').length")
    fields = browser.evaluate(page, "document.querySelectorAll('#coverage thead th.field').length")
    assert rows > 10 and cells == rows * (fields - 1)


# ----------------------------------------------------------------------------------------------
# A generated archive of a few hundred documents (scripts/report_bench.py writes it)

N_DOCS = 240


def _bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("report_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("large_in")
    assert _bench_module().generate(src, N_DOCS) == N_DOCS
    out = tmp_path_factory.mktemp("large_out")
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    return out / "report.html"


@pytest.fixture(scope="module")
def large(browser: Browser, large_report: Path) -> str:
    session, loaded = browser.open(large_report.as_uri())
    assert loaded.errors == []
    return session


def _counter(browser: Browser, page: str) -> tuple[int, int]:
    text = browser.evaluate(page, "document.getElementById('findings-count').textContent")
    m = re.fullmatch(r"(\d+) of (\d+) findings shown", text)
    assert m is not None, text
    return int(m.group(1)), int(m.group(2))


def _rows(browser: Browser, page: str, attr: str = "data-rule") -> list[str]:
    return browser.evaluate(page, f"""Array.from(
        document.querySelectorAll('#findings-table tbody tr'), r => r.getAttribute('{attr}'))""")


def _settle(browser: Browser, page: str, ms: int = 300) -> None:
    browser.evaluate(page, f"new Promise(r => setTimeout(r, {ms}))")


def test_large_report_pages_its_findings(browser: Browser, large: str) -> None:
    shown, total = _counter(browser, large)
    assert shown == total > 100
    assert len(_rows(browser, large)) == 100  # one page is rendered, not all of them
    assert browser.evaluate(large, "document.querySelectorAll('details.doc').length") == 50
    assert browser.evaluate(large, "document.querySelectorAll('details.card').length") == 25
    first = _rows(browser, large, "id")
    browser.evaluate(large, "document.querySelector('#findings-pager button:last-child').click()")
    second = _rows(browser, large, "id")
    assert second and not set(first) & set(second)
    info = browser.evaluate(
        large, "document.querySelector('#findings-pager .pageinfo').textContent")
    assert info.startswith("Page 2 of ")
    assert browser.errors(large) == []


def test_large_report_filters_respond(browser: Browser, large: str) -> None:
    rules = browser.evaluate(large, """Array.from(
        document.querySelectorAll('#filter-rule option'), o => o.value).filter(v => v)""")
    assert len(rules) >= 3
    for rule in rules:
        browser.evaluate(large, f"""(() => {{
            const sel = document.getElementById('filter-rule');
            sel.value = {rule!r};
            sel.dispatchEvent(new Event('change'));
        }})()""")
        shown, total = _counter(browser, large)
        rows = _rows(browser, large)
        assert 0 < shown < total and len(rows) == min(shown, 100)
        assert set(rows) == {rule}
    browser.evaluate(large, "document.getElementById('filter-reset').click()")
    # free-text search over messages and evidence
    browser.evaluate(large, """(() => {
        const q = document.getElementById('filter-text');
        q.value = 'daugavpils';
        q.dispatchEvent(new Event('input'));
    })()""")
    _settle(browser, large)
    shown, total = _counter(browser, large)
    assert 0 < shown < total
    browser.evaluate(large, "document.getElementById('filter-reset').click()")
    # the document filter narrows the list and says how many match
    browser.evaluate(large, """(() => {
        const q = document.getElementById('doc-filter');
        q.value = 'lv_press_0001';
        q.dispatchEvent(new Event('input'));
    })()""")
    _settle(browser, large)
    ids = browser.evaluate(large, """Array.from(
        document.querySelectorAll('details.doc summary code'), c => c.textContent)""")
    assert ids and all(i.startswith("lv_press_0001") for i in ids)
    count = browser.evaluate(large, "document.getElementById('documents-count').textContent")
    assert count == f"{len(ids)} of {N_DOCS} documents"
    assert browser.errors(large) == []


def test_large_report_opens_a_document_view_with_highlights(browser: Browser, large: str) -> None:
    # follow a finding's "view in document" link: the document is found on its page, opened,
    # its text built with every value highlighted, and the evidence mark scrolled to
    target = browser.evaluate(large, """(() => {
        const a = document.querySelector('#findings-table td.evidence a[href^="#at"]');
        a.click();
        return a.getAttribute('href').slice(1);
    })()""")
    _settle(browser, large, 200)
    view = browser.evaluate(large, f"""(() => {{
        const anc = document.getElementById({target!r});
        if (!anc) return null;
        const doc = anc.closest('details.doc');
        const marks = doc.querySelectorAll('.doctext mark.hl');
        const kinds = new Set(Array.from(marks, m => m.className.split(' ')[1]));
        return {{open: doc.open, marks: marks.length, kinds: Array.from(kinds),
                 titled: Array.from(marks).every(m => m.title.length > 0),
                 evidence: doc.querySelectorAll('.doctext mark.ev').length,
                 next: anc.nextSibling && anc.nextSibling.tagName,
                 text: doc.querySelector('.doctext').textContent}};
    }})()""")
    assert view is not None, f"no element #{target} after following the link"
    assert view["open"] and view["marks"] >= 3 and view["titled"] and view["evidence"] >= 1
    assert len(view["kinds"]) >= 2 and view["next"] == "MARK"
    # a press release with `<script>…</script>` in its text: shown, never run, and the JSON data
    # block holding it was not broken out of
    browser.evaluate(large, """(() => {
        const q = document.getElementById('doc-filter');
        q.value = 'lv_press_00002';
        q.dispatchEvent(new Event('input'));
    })()""")
    _settle(browser, large)
    text = browser.evaluate(large, """(() => {
        const d = document.querySelector('details.doc');
        d.open = true;
        return new Promise(r => setTimeout(() => r(d.querySelector('.doctext').textContent), 50));
    })()""")
    assert "<script>window.__pwned = 2</script>" in text
    assert browser.evaluate(large, "typeof window.__pwned") == "undefined"
    assert browser.evaluate(large, "document.querySelectorAll('script').length") == 2
    assert browser.errors(large) == []


# ---- The report as a site (--report site): index and a project page from file:// ----------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run_hostile_archive(tmp_path_factory, "--report", "site") / "report"


def test_site_index_and_pages_open_and_links_resolve(
    browser: Browser, site: Path, tmp_path: Path
) -> None:
    index, loaded = browser.open((site / "index.html").as_uri())
    assert loaded.errors == []
    assert_shared_assets_applied(browser, index)
    hrefs = browser.evaluate(index, """(() => {
        return Array.from(document.querySelectorAll('#projects-table a, #documents-table a'))
            .map(a => a.href);
    })()""")
    assert hrefs and all(h.startswith("file://") for h in hrefs)
    shot = tmp_path / "site-index.png"
    browser.screenshot(index, "main", shot)
    print(f"site index screenshot: {shot}")
    assert browser.errors(index) == []
    for href in sorted(set(hrefs)):
        page, loaded = browser.open(href)
        assert loaded.errors == [], href
        target = href.partition("#")[2]
        assert browser.evaluate(page, f"!!document.getElementById({target!r})"), href
        assert browser.evaluate(page, "typeof window.__pwned") == "undefined"
        back = browser.evaluate(page, "document.querySelector('header nav a').href")
        assert back == (site / "index.html").as_uri()
        assert_shared_assets_applied(browser, page)
    page, _ = browser.open(hrefs[0])
    shot = tmp_path / "site-project.png"
    browser.screenshot(page, "main", shot)
    print(f"site project page screenshot: {shot}")


def assert_shared_assets_applied(browser: Browser, page: str) -> None:
    """The page's CSS and script come from the site's assets/ under the site's CSP (in
    Chromium, 'self' matches file: URLs): styles applied, script ran, nothing inline."""
    assert browser.evaluate(page, "document.styleSheets.length") == 1
    assert browser.evaluate(page, "document.styleSheets[0].href").endswith("/assets/report.css")
    color = browser.evaluate(
        page, "getComputedStyle(document.querySelector('header.topbar')).backgroundColor")
    assert color not in ("", "rgba(0, 0, 0, 0)")
    scripts = browser.evaluate(page, """Array.from(document.scripts, s =>
        s.type === 'application/json' ? 'data' : s.src.split('/assets/')[1])""")
    assert scripts in (["data", "report.js"], ["data", "site.js"])
    assert browser.evaluate(page, "document.querySelectorAll('tbody tr').length") > 0
    assert browser.errors(page) == []


def test_site_shows_document_markup_as_text(browser: Browser, site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "SAFEWEB" in p.read_text(encoding="utf-8")
             and p.name != "index.html"]
    assert pages
    for p in pages:
        session, loaded = browser.open(p.as_uri())
        assert loaded.errors == []
        browser.evaluate(session, OPEN_ALL_DOCS)
        assert browser.evaluate(session, "typeof window.__pwned") == "undefined"
        assert browser.evaluate(session, "document.querySelectorAll('script').length") == 2
        assert browser.evaluate(session, "document.querySelectorAll('main img').length") == 0
        urls = browser.evaluate(session,
                                "performance.getEntriesByType('resource').map(e => e.name)")
        assert urls == []


# ---- The site's index at scale: the matrix and the document lists are data site.js renders --

N_PROJECTS = 250
FIELDS = ("acronym", "eu_eur", "start_date", "partners")
ODD_PID = "P/ü 7 <odd>"  # its element id is slug + hash, sent in the data
HOSTILE_TITLE = '<img src="x" onerror="window.__pwned = 5">Tilti'


def _pid(i: int) -> str:
    return ODD_PID if i == 7 else f"P{i:04d}"


def _status(i: int, k: int) -> str:
    """Coverage of project i's field k: every third project lacks eu_eur, every fifth the
    partners, project 11 has an odd status and project 12 no row for start_date."""
    if (k == 1 and i % 3 == 0) or (k == 3 and i % 5 == 0):
        return "missing"
    if i == 11 and k == 2:
        return "unclear"
    return "not_applicable" if k == 0 and i % 7 == 0 else "present"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site over tables in memory: 250 projects with a document each, 130 failed documents."""
    from test_report import table

    from pipeline.report import TableSource
    from pipeline.report.site import write_site

    projects = [{"project_id": _pid(i), "acronym": f"ACR{i}" if i % 2 else "",
                 "title": HOSTILE_TITLE if i == 9 else f"Project {i}"} for i in range(N_PROJECTS)]
    docs = [{"doc_id": f"d{i}", "source_path": f"a/d{i}.txt", "format": "txt",
             "project_id": _pid(i), "status": "ok"} for i in range(N_PROJECTS)]
    docs += [{"doc_id": f"bad{i}", "source_path": f"b/{i}.pdf", "format": "pdf",
              "status": "failed", "error": "PDF is encrypted"} for i in range(130)]
    coverage = [{"project_id": _pid(i), "field": f, "status": _status(i, k)}
                for i in range(N_PROJECTS) for k, f in enumerate(FIELDS)
                if not (i == 12 and k == 2)]
    tables = {"documents": table("documents", docs), "projects": table("projects", projects),
              "coverage": table("coverage", coverage)}
    texts = {f"d{i}": f"Project {i} text <script>window.__pwned = 6</script>"
             for i in range(N_PROJECTS)}
    folder = tmp_path_factory.mktemp("big_site") / "report"
    write_site(folder, TableSource(tables, texts))
    return folder


def _matrix_rows(browser: Browser, page: str) -> list[dict[str, object]]:
    return browser.evaluate(page, """Array.from(
        document.querySelectorAll('#coverage-table tbody tr'), tr => ({
            label: tr.cells[0].firstChild.textContent,
            href: tr.cells[0].querySelector('a') ? tr.cells[0].querySelector('a').href : '',
            cells: Array.from(tr.querySelectorAll('td.cov'), td => td.className),
            missing: tr.cells[tr.cells.length - 1].textContent,
            tip: tr.cells[1].title}))""")


def _set(browser: Browser, page: str, element: str, prop: str, value: object,
         event: str) -> None:
    browser.evaluate(page, f"""(() => {{
        const el = document.getElementById({element!r});
        el.{prop} = {json.dumps(value)};
        el.dispatchEvent(new Event({event!r}));
    }})()""")
    _settle(browser, page)


def test_site_matrix_is_paged_and_filtered(browser: Browser, big_site: Path,
                                           tmp_path: Path) -> None:
    index, loaded = browser.open((big_site / "index.html").as_uri())
    assert loaded.errors == []
    assert len(_matrix_rows(browser, index)) == 100  # one page of the 250 rows
    count = browser.evaluate(index, "document.getElementById('coverage-count').textContent")
    assert count == f"{N_PROJECTS} of {N_PROJECTS}"
    # a known project, found by the filter box: its cells as in coverage.csv
    _set(browser, index, "coverage-filter", "value", "P0012", "input")
    (row,) = _matrix_rows(browser, index)
    assert row["label"] == "P0012" and row["missing"] == "1"
    assert row["cells"] == ["cov cov-present", "cov cov-missing", "cov cov-none",
                            "cov cov-present"]
    assert row["tip"] == "P0012 \u00b7 acronym: present"
    _set(browser, index, "coverage-filter", "value", "P0011", "input")
    (row,) = _matrix_rows(browser, index)
    assert row["label"] == "ACR11" and row["cells"][2] == "cov cov-other"
    shot = tmp_path / "site-matrix.png"
    browser.screenshot(index, "#coverage", shot)
    print(f"site matrix screenshot: {shot}")
    # projects missing one field, then any field; a second page
    _set(browser, index, "coverage-filter", "value", "", "input")
    _set(browser, index, "coverage-field", "value", "3", "change")
    rows = _matrix_rows(browser, index)
    assert len(rows) == N_PROJECTS // 5 and all(r["cells"][3] == "cov cov-missing" for r in rows)
    _set(browser, index, "coverage-field", "value", "", "change")
    _set(browser, index, "coverage-gaps", "checked", True, "change")
    gaps = sum(1 for i in range(N_PROJECTS) if i % 3 == 0 or i % 5 == 0)
    count = browser.evaluate(index, "document.getElementById('coverage-count').textContent")
    assert count == f"{gaps} of {N_PROJECTS}"
    first = [r["label"] for r in _matrix_rows(browser, index)]
    browser.evaluate(index, "document.querySelector('#coverage-pager button:nth-child(2)').click()")
    second = [r["label"] for r in _matrix_rows(browser, index)]
    assert len(first) == 100 and second and not set(first) & set(second)
    assert browser.errors(index) == []


def test_site_index_data_links_and_text_are_safe(browser: Browser, big_site: Path) -> None:
    index, loaded = browser.open((big_site / "index.html").as_uri())
    assert loaded.errors == []
    # the hostile title is text; the odd project id links to its card by the sent anchor
    _set(browser, index, "coverage-filter", "value", "tilti", "input")
    (row,) = _matrix_rows(browser, index)
    assert HOSTILE_TITLE[:40] in browser.evaluate(
        index, "document.querySelector('#coverage-table tbody th').title")
    _set(browser, index, "coverage-filter", "value", "odd", "input")
    (row,) = _matrix_rows(browser, index)
    assert row["label"] == "ACR7" and "#project-P_" in str(row["href"])
    _set(browser, index, "projects-filter", "value", "odd", "input")
    hrefs = [row["href"],
             browser.evaluate(index, "document.querySelector('#projects-table a').href")]
    assert hrefs[0] == hrefs[1]
    assert browser.evaluate(index, "typeof window.__pwned") == "undefined"
    assert browser.evaluate(index, "document.querySelectorAll('main img').length") == 0
    # the failed documents: a page of 100 of 130, each linked to its batch page
    assert browser.evaluate(index, "document.getElementById('failed-count').textContent") == \
        "130 of 130"
    failed = browser.evaluate(index, """Array.from(
        document.querySelectorAll('#failed-table tbody a'), a => a.href)""")
    assert len(failed) == 100
    for href in [*hrefs, failed[0]]:
        page, loaded = browser.open(href)
        assert loaded.errors == [], href
        target = href.partition("#")[2]
        assert browser.evaluate(page, f"!!document.getElementById(decodeURIComponent({target!r}))")
        assert browser.evaluate(page, "typeof window.__pwned") == "undefined"
    assert browser.errors(index) == []


# ---- A big project's page in parts (site_parts.py): follow the links between the parts -------


@pytest.fixture(scope="module")
def parts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus a project of 7 documents, cut three documents to a part."""
    from test_report_site import big_project

    from pipeline.report import TableSource, site_parts
    from pipeline.report.site import write_site

    folder = tmp_path_factory.mktemp("parts") / "report"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(site_parts, "PART_BYTES", 3 * site_parts.doc_cost({"n_chars": "80"}))
        tables, texts = big_project(7)
        write_site(folder, TableSource(tables, texts))
    return folder


def _follow(browser: Browser, session: str, selector: str) -> str:
    """Click the link matching `selector` and wait for the page it opens; its URL."""
    browser.evaluate(session, f"document.querySelector({json.dumps(selector)}).click()")
    browser.wait_for("Page.loadEventFired", session)
    browser.evaluate(session, "new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
    return browser.evaluate(session, "location.href")


def test_site_project_parts_link_to_each_other(browser: Browser, parts_site: Path,
                                               tmp_path: Path) -> None:
    index, loaded = browser.open((parts_site / "index.html").as_uri())
    assert loaded.errors == []
    _set(browser, index, "projects-filter", "value", "P9", "input")
    first = _follow(browser, index, "#projects-table a")
    assert first.split("#")[0].endswith(".html") and "-part" not in first
    assert browser.evaluate(index, "document.querySelector('#parts h2').textContent") == \
        "BIG: part 1 of 3"
    shot = tmp_path / "site-parts.png"
    browser.screenshot(index, "#parts", shot)
    print(f"site project parts screenshot: {shot}")
    second = _follow(browser, index, "#parts a[rel=next]")
    assert "-part-big3-" in second
    assert browser.evaluate(index, "document.querySelector('#parts h2').textContent") == \
        "BIG: documents big3 to big5"
    third = _follow(browser, index, "#parts a[rel=next]")
    assert "-part-big6-" in third
    assert browser.evaluate(index, "document.querySelector('#parts a[rel=next]')") is None
    back = _follow(browser, index, "#parts a[rel=prev]")
    assert back == second
    assert browser.errors(index) == []
    # part 1's list of documents opens the one asked for on the part that shows it
    page, loaded = browser.open(first.split("#")[0])
    assert loaded.errors == []
    url = _follow(browser, page, "#parts details a[href$='#doc-big6']")
    assert url.split("/")[-1] == third.split("/")[-1] + "#doc-big6"
    assert browser.evaluate(page, "document.getElementById('doc-big6').open") is True
    # a finding's evidence link on a part lands in that part's document view
    browser.evaluate(page, "document.querySelector('#findings a[href^=\"#at\"]').click()")
    _settle(browser, page)
    target = browser.evaluate(
        page, "document.querySelector('#findings a[href^=\"#at\"]').getAttribute('href')")
    assert browser.evaluate(page, f"!!document.getElementById({target[1:]!r})")
    assert browser.errors(page) == []
