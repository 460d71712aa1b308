"""report.html in a real browser: headless Chromium (Debian's `chromium` package).

The report of the planted-fault corpus plus two hostile documents must open without a console
error, show `<script>` and `<img onerror=…>` from documents as text, load nothing from the
network, filter its findings, and render the missing-fields matrix (a screenshot is checked
pixel by pixel). Without Chromium the tests skip, except in CI (CI=true), where `.ci/run`
installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Browser, find_chromium

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
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


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("browser_in")
    shutil.copytree(FIXTURES / "planted", src / "planted")
    (src / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (src / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    out = tmp_path_factory.mktemp("browser_out")
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    return out / "report.html"


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


def test_document_markup_is_shown_as_text(browser: Browser, page: str) -> None:
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
    total = browser.evaluate(page, "document.querySelectorAll('#findings-table tbody tr').length")
    shown = browser.evaluate(page, """(() => {
        const sel = document.getElementById('filter-rule');
        sel.value = 'dates.event_outside_period';
        sel.dispatchEvent(new Event('change'));
        return document.querySelectorAll('#findings-table tbody tr:not(.hide)').length;
    })()""")
    assert 3 <= shown < total
    counter = browser.evaluate(page, "document.getElementById('findings-count').textContent")
    assert counter == f"{shown} of {total} findings shown"
    browser.evaluate(page, "document.getElementById('filter-reset').click()")
    assert browser.evaluate(
        page, "document.querySelectorAll('#findings-table tbody tr:not(.hide)').length") == total
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
