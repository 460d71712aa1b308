"""Web-page ingestion: only the article survives; title and day-first page date are found."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import IngestError, SkipDocument, ingest_bytes, read_document
from pipeline.ingest.html import (
    _holds_article,
    _meta_dates,
    boilerplate,
    main_candidates,
    parse_date,
)

PAGE = """<!DOCTYPE html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>Septītā partneru tikšanās Itālijā | Daugavpils pilsētas dome</title>
<script>var menu = "<p>Skripta teksts</p>";</script>
<style>p { color: red }</style>
</head>
<body class="page one-sidebar sidebar-first">
<div id="cookie-banner" class="consent">
  <p>Šī vietne izmanto sīkdatnes, lai uzlabotu lietošanas pieredzi. Turpinot lietot vietni,
  jūs piekrītat sīkdatņu izmantošanai.</p><a href="#">Piekrītu</a>
</div>
<header>
  <div class="logo">Daugavpils pilsētas dome</div>
  <nav><ul><li><a href="/">Sākums</a></li><li><a href="/jaunumi">Jaunumi</a></li></ul></nav>
</header>
<div class="accessibility-toolbar">
  <a href="#">A+</a> <a href="#">A-</a> <a href="#">Kontrasts</a>
</div>
<div><a href="/viegli">Viegli lasīt</a></div>
<div class="wrapper">
  <div class="breadcrumbs"><a href="/">Sākums</a> &gt; <a href="/jaunumi">Jaunumi</a></div>
  <div class="content">
    <h1>Septītā partneru tikšanās Itālijā</h1>
    <div class="date">05-04-2016</div>
    <p>Daugavpils pilsētas dome kopā ar Norrkoppingas pašvaldību Zviedrijā (vadošais partneris)
       realizē projektu „Kvalitatīva brīvprātīgā darba veicināšana Eiropā”.</p>
    <p>Projektā ir iesaistīti 8&nbsp;partneri no 7 valstīm.<br>Tikšanās notika Itālijā.</p>
    <ul><li>brīvprātīgo piesaistīšana</li><li>apmācība</li></ul>
    <table><tr><th>Budžets</th><td>550 EUR</td></tr></table>
    <p>Ar projektu var <a href="#">dalīties</a> pieredzē.</p>
    <p>Informāciju sagatavoja projekta koordinatore J.Reča-Lāže</p>
    <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
    <div><a href="#">Dalīties</a> <a href="#">Drukāt</a></div>
    <p><em>Šī lapa ir tulkota automātiski (mašīntulkojums), tulkojumā var būt kļūdas.</em></p>
  </div>
  <aside><h2>Citi jaunumi</h2><p>Cits raksts par kaut ko pavisam citu.</p></aside>
  <div class="sidebar"><p>Sānjosla ar saitēm uz citām lapām.</p></div>
</div>
<form id="search"><input name="q"><button>Meklēt</button></form>
<footer><p>© Daugavpils pilsētas dome, Krišjāņa Valdemāra iela 1</p></footer>
<noscript><p>Ieslēdziet JavaScript</p></noscript>
</body>
</html>
"""

ARTICLE = [
    ("heading", "Septītā partneru tikšanās Itālijā"),
    ("paragraph", "05-04-2016"),
    (
        "paragraph",
        "Daugavpils pilsētas dome kopā ar Norrkoppingas pašvaldību Zviedrijā (vadošais partneris)"
        " realizē projektu „Kvalitatīva brīvprātīgā darba veicināšana Eiropā”.",
    ),
    ("paragraph", "Projektā ir iesaistīti 8\u00a0partneri no 7 valstīm."),
    ("paragraph", "Tikšanās notika Itālijā."),
    ("list_item", "brīvprātīgo piesaistīšana"),
    ("list_item", "apmācība"),
    ("table_cell", "Budžets"),
    ("table_cell", "550 EUR"),
    ("paragraph", "Ar projektu var dalīties pieredzē."),
    ("paragraph", "Informāciju sagatavoja projekta koordinatore J.Reča-Lāže"),
]


def test_only_article_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert [(b.kind, b.text) for b in doc.blocks] == ARTICLE
    assert doc.title == "Septītā partneru tikšanās Itālijā"
    assert doc.date_candidates == [("html-page-date", date(2016, 4, 5))]
    assert doc.encoding == "utf-8"


def test_html_saved_as_txt_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert [(b.kind, b.text) for b in doc.blocks] == ARTICLE


def test_fragment_without_doctype_is_html() -> None:
    data = "<div><p>Pirmā rindkopa.</p><p>Otrā rindkopa.</p></div>".encode()
    doc = ingest_bytes(data, suffix=".txt")
    assert doc.format == "html"
    assert [b.text for b in doc.blocks] == ["Pirmā rindkopa.", "Otrā rindkopa."]


def test_text_mentioning_a_tag_stays_text() -> None:
    doc = ingest_bytes(b"Use the <p> tag for paragraphs.\nSecond line.\n", suffix=".txt")
    assert doc.format == "txt"


def test_article_element_and_meta_dates() -> None:
    page = """<html><head>
    <meta property="article:published_time" content="2016-04-04T22:30:00+00:00">
    <meta name="date" content="06.04.2016">
    <meta property="og:site_name" content="Daugavpils">
    <title>Daugavpils.lv - Jauns projekts sāk darbu pilsētā</title></head>
    <body><div class="menu"><a href="/">Sākums</a></div>
    <main><div class="social-share">Share</div>
    <article><header><h2>Jauns projekts</h2><time datetime="2016-04-03">3. aprīlis</time></header>
    <p>Pirmā rindkopa ir pietiekami gara, lai to uzskatītu par raksta tekstu un ne par izvēlni.</p>
    <p>Otrā rindkopa turpina stāstu par projektu, tā partneriem un mērķiem šajā gadā.</p>
    <footer class="tags">Birkas: projekti</footer></article></main>
    <div class="sidebar"><p>Sānjoslas teksts</p></div></body></html>"""
    doc = ingest_bytes(page.encode(), suffix=".html")
    assert [b.text for b in doc.blocks] == [
        "Jauns projekts",
        "3. aprīlis",
        "Pirmā rindkopa ir pietiekami gara, lai to uzskatītu par raksta tekstu un ne par izvēlni.",
        "Otrā rindkopa turpina stāstu par projektu, tā partneriem un mērķiem šajā gadā.",
    ]
    assert doc.title == "Jauns projekts sāk darbu pilsētā"
    assert doc.date_candidates == [
        ("html-meta", date(2016, 4, 5)),  # 22:30 UTC is the next day in Riga
        ("html-meta", date(2016, 4, 6)),
        ("html-time", date(2016, 4, 3)),
    ]


def test_legacy_encoding_declared_and_undeclared() -> None:
    body = "<p>Projekta kopējās izmaksas ir 550 EUR, priekšfinansējums 350 EUR.</p>"
    declared = f'<html><head><meta charset="windows-1257"></head><body>{body}</body></html>'
    doc = ingest_bytes(declared.encode("cp1257"))
    assert doc.encoding == "cp1257"
    assert doc.blocks[0].text.startswith("Projekta kopējās izmaksas")
    russian = "<html><body><p>Общая стоимость проекта составляет 50 тысяч евро.</p></body></html>"
    doc = ingest_bytes(russian.encode("cp1251"))
    assert doc.encoding == "cp1251"
    assert doc.blocks[0].text.startswith("Общая стоимость")


def test_layout_table_page_without_semantic_tags() -> None:
    page = """<html><body><table><tr>
    <td class="left"><a href="/1">Par pilsētu</a><br><a href="/2">Jaunumi</a><br>
    <a href="/3">Projekti</a></td>
    <td class="main"><b>Projekta rezultāti</b><br>Projekta laikā tika organizēta konference un
    apmācības brīvprātīgajiem.<br>Dalībnieku skaits no Daugavpils ir 7 cilvēki.</td>
    </tr></table></body></html>"""
    doc = ingest_bytes(page.encode())
    assert [b.text for b in doc.blocks] == [
        "Projekta rezultāti",
        "Projekta laikā tika organizēta konference un apmācības brīvprātīgajiem.",
        "Dalībnieku skaits no Daugavpils ir 7 cilvēki.",
    ]


def test_only_scripts_is_skipped() -> None:
    page = "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"
    with pytest.raises(SkipDocument, match="^HTML page without article text$"):
        ingest_bytes(page.encode(), suffix=".html")


def test_only_navigation_is_skipped() -> None:
    page = "<html><body><nav><a href='/'>Sākums</a></nav><footer>© 2016</footer></body></html>"
    with pytest.raises(SkipDocument, match="without article text"):
        ingest_bytes(page.encode(), suffix=".html")


@pytest.mark.parametrize("tag", ["div", "span", "b", "table"])
def test_deeply_nested_html_does_not_crash(tag: str) -> None:
    depth = 10_000
    inner = "<tr><td>" if tag == "table" else ""
    page = (
        "<!DOCTYPE html><html><body><h1>Dziļa lapa</h1>"
        + f"<{tag}>{inner}" * depth
        + "<p>Teksts pašā dziļumā.</p>"
        + f"</{tag}>" * depth
        + "<p>Teksts pēc tam.</p></body></html>"
    )
    start = time.monotonic()
    try:
        doc = ingest_bytes(page.encode(), suffix=".html")
    except IngestError as e:  # acceptable: a clear refusal instead of a crash
        assert "nested" in str(e)
    else:
        assert "Teksts pēc tam." in [b.text for b in doc.blocks]
    assert time.monotonic() - start < 60


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-04-05", date(2016, 4, 5)),
        ("2016-04-05T10:00:00+03:00", date(2016, 4, 5)),
        ("2016-04-05T23:30:00Z", date(2016, 4, 6)),
        ("05-04-2016", date(2016, 4, 5)),
        ("05.04.2016.", date(2016, 4, 5)),
        ("02.01.2018", date(2018, 1, 2)),
        ("5 April 2016", date(2016, 4, 5)),
        ("31-02-2016", None),
        ("not a date", None),
        ("", None),
        ("1601-01-01", None),
    ],
)
def test_parse_date_is_day_first(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


_TRICKY_PAGE = """<!DOCTYPE html><html><head><title>T</title><script>var a;</script>
<style>p{}</style></head><body><!-- Machine translation below --><header>Logo</header>
<o:p>Word</o:p><nav><a href="#">Sākums</a></nav><main><p>Teksts <b></b>un <i>vēl</i></p>
<p>This page was translated automatically.</p><p>Mašīntulkojums</p>
<form><p>a</p></form><svg><title>x</title></svg><template><p>t</p></template>
<footer>F</footer></main><noscript>n</noscript></body></html>"""


@pytest.mark.parametrize(
    "names",
    [
        {"script", "style", "noscript", "template"},
        {"header", "footer", "form"},
        {"nav", "o:p", "svg", "title"},
        {"p"},
        set(),
    ],
)
def test_tags_named_finds_what_find_all_finds(names: set[str]) -> None:
    from bs4 import BeautifulSoup

    from pipeline.ingest.html import tags_named

    soup = BeautifulSoup(_TRICKY_PAGE, "lxml")
    expected = soup.find_all(sorted(names)) if names else []
    found = tags_named(soup, names)
    assert len(found) == len(expected) and all(a is b for a, b in zip(found, expected, strict=True))


def test_strings_matching_finds_what_find_all_finds() -> None:
    from bs4 import BeautifulSoup

    from pipeline.ingest.html import boilerplate, strings_matching

    soup = BeautifulSoup(_TRICKY_PAGE, "lxml")
    for pattern, found in [
        (True, strings_matching(soup)),
        (boilerplate()["disclaimer_re"], strings_matching(soup, boilerplate()["disclaimer_re"])),
    ]:
        expected = soup.find_all(string=pattern)
        assert expected, "the page must exercise the search"
        assert len(found) == len(expected)
        assert all(a is b for a, b in zip(found, expected, strict=True))


# ---------------------------------------------------------------- one walk for the finds (issue 12)
# Pages made of pieces with the tags and attributes the finds look for, in any nesting.
_OPEN = ['<article>', '<main>', '<h1>', '<div role="main">', '<div role="main nav">',
         '<div role="Main">', '<time datetime="2019-05-06">', '<time content="06.05.2019">',
         '<span itemprop="datePublished" content="2018-01-02">', '<span itemprop="name">',
         '<div class="menu">', '<nav>', '<p>', '<fb:like>', '<og:article>']
_CLOSE = ['</article>', '</main>', '</h1>', '</div>', '</time>', '</span>', '</nav>', '</p>',
          '</fb:like>', '</og:article>']
_LEAF = ['<meta property="article:published_time" content="2017-03-04">',
         '<meta name="date" content="2016-02-03">', '<meta itemprop="datePublished" '
         'content="2015-01-02">', '<meta name="x">', 'text', ' 12.05.2019 ']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OPEN + _CLOSE + _LEAF), max_size=25))
def test_one_walk_finds_what_the_finds_find(pieces: list[str]) -> None:
    soup = BeautifulSoup("<html><head></head><body>" + "".join(pieces) + "</body></html>",
                         "lxml")
    for el in soup.find_all(True):
        assert _holds_article(el) == (el.find(["article", "main", "h1"]) is not None
                                      or el.find(role="main") is not None)
    articles, role_main, main = main_candidates(soup)  # the same elements, not equal ones
    assert [id(a) for a in articles] == [id(a) for a in soup.find_all("article")]
    assert role_main is soup.find(attrs={"role": "main"})
    assert main is soup.find("main")
    # `_meta_dates` as it was written with Beautiful Soup's finds
    cfg = boilerplate()
    found = []
    order = {name: i for i, name in enumerate(cfg["date_meta"])}
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in order and (day := parse_date(str(meta.get("content", "")))):
            found.append((order[key], "html-meta", day))
    found.sort(key=lambda item: item[0])
    expected = [(source, day) for _, source, day in found]
    scope = soup.find("article") or soup
    for el in [*scope.find_all("time"), *soup.find_all(attrs={"itemprop": "datePublished"})]:
        assert isinstance(el, Tag)
        value = el.get("datetime") or el.get("content")
        if value and (day := parse_date(str(value))):
            expected.append(("html-time", day))
            break
    assert _meta_dates(soup, cfg) == list(dict.fromkeys(expected))
