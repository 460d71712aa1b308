"""Saved web pages: the article text without the site around it.

Municipal pages wrap a short article in navigation, cookie banners, accessibility toolbars
("viegli lasīt", font size, contrast), share buttons and translation disclaimers. The cues for
that furniture live in `pipeline/resources/html_boilerplate.json` so they can grow without code.
The page date is read before anything is dropped, because it often sits in the page header.
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from itertools import islice
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from pipeline import langdata
from pipeline.ingest.base import (
    Damaged,
    IngestError,
    SkipDocument,
    local_date,
    looks_like_list_item,
    plausible_date,
    register,
)
from pipeline.ingest.txt import decode_text, replaced_note
from pipeline.model import RawBlock, RawDocument

INLINE = {
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PROTECTED = {"html", "body", "main", "article"}
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=1)
def boilerplate() -> dict[str, Any]:
    """The cue lists of html_boilerplate.json (see its _doc entry)."""
    path = resources.files("pipeline").joinpath("resources/html_boilerplate.json")
    cfg = json.loads(path.read_text(encoding="utf-8"))
    cfg["attr_re"] = _any_of(cfg["attr_substrings"])
    cfg["tokens"] = set(cfg["attr_tokens"])
    cfg["short"] = {s.lower() for s in cfg["short_text"]}
    cfg["disclaimer_re"] = _any_of(cfg["disclaimer_text"], re.I)
    return cfg


def _any_of(forms: list[str], flags: int = 0) -> re.Pattern[str]:
    """A regex whose search finds whether one of the literal `forms` occurs: a trie behind a
    test of the first character (see langdata.alternation), not a plain alternation whose
    dozens of branches were tried at every position of every string of the page."""
    if not forms or not all(forms):  # (an empty form occurs everywhere, no form nowhere)
        return re.compile("|".join(re.escape(s) for s in forms), flags)
    return re.compile(f"(?=[{langdata.first_chars(forms)}])" + langdata.alternation(forms), flags)


# Real pages nest a few dozen elements deep; thousands of levels are a damaged or hostile page
# that would take minutes to clean up (documented in the README, "Limits").
MAX_DEPTH = 1000
# Elements that must be closed explicitly (<p>, <li>, <td> close themselves and are not counted).
_CONTAINER_TAG = re.compile(
    r"<(/?)(?:div|span|section|article|table|blockquote|ul|ol|dl|font|nav|header|footer|main|"
    r"aside|form|center|b|i|em|strong|a)\b[^<>]*?(/?)>",
    re.I,
)


def nesting_depth(text: str) -> int:
    """Deepest nesting of explicitly closed elements, from the tags alone (no parsing)."""
    depth = deepest = 0
    for m in _CONTAINER_TAG.finditer(text):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(2):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


@register("html")
def ingest_html(data: bytes) -> RawDocument:
    """Article blocks, title and page-date candidates of a saved web page."""
    text, encoding = decode_html(data)
    note = replaced_note(data, text)
    try:
        return html_document(text, encoding, note)
    except SkipDocument as e:
        if note:  # bytes were broken: the damage may have hidden the article (salvage)
            raise Damaged(str(e)) from e
        raise


def html_document(text: str, encoding: str, salvage: str = "") -> RawDocument:
    """The article of a decoded page (also for the page `salvage` rescued)."""
    if nesting_depth(text) > MAX_DEPTH:
        raise IngestError(f"HTML nested more than {MAX_DEPTH} levels deep (a damaged or generated "
                          "page)")
    soup = BeautifulSoup(text, "lxml")
    cfg = boilerplate()
    dates = _meta_dates(soup, cfg)
    head_title = _head_title(soup)  # before <head> goes with the furniture
    for el in tags_named(soup, {"script", "style", "noscript", "template"}):
        el.decompose()
    page_text = _collapse((soup.body or soup).get_text(" "))
    _drop_boilerplate(soup, cfg)
    container = _main_container(soup)
    blocks = extract_blocks(container) if container is not None else []
    h1_inside, h1_outside = _h1s(soup, container)
    h1 = h1_inside or h1_outside
    title = _collapse(h1.get_text(" ")) if h1 is not None else head_title
    if h1 is h1_outside and h1 is not None and (not blocks or blocks[0].kind != "heading"):
        blocks.insert(0, RawBlock(text=title or "", kind="heading"))
    if not any(b.kind != "heading" for b in blocks):
        raise SkipDocument("HTML page without article text")
    page_date = _page_date(page_text, title, blocks)
    if page_date is not None:
        dates.append(("html-page-date", page_date))
    return RawDocument(
        format="html", blocks=blocks, title=title or None, date_candidates=dates,
        encoding=encoding, salvage=salvage,
    )


def whole_page_document(text: str, encoding: str, salvage: str) -> RawDocument:
    """Every visible block of a damaged page whose article cannot be told from its furniture
    (a zeroed block took a closing tag, so a menu or header now wraps the article): the
    menus come along, but the article's text is not lost."""
    if nesting_depth(text) > MAX_DEPTH:
        raise IngestError(f"HTML nested more than {MAX_DEPTH} levels deep (a damaged or generated "
                          "page)")
    soup = BeautifulSoup(_close_raw_text(text), "lxml")
    head_title = _head_title(soup)
    for el in tags_named(soup, {"script", "style", "noscript", "template", "title"}):
        el.decompose()
    blocks = extract_blocks(soup.body or soup)
    if not any(b.kind != "heading" for b in blocks):
        raise SkipDocument("HTML page without article text")
    return RawDocument(format="html", blocks=blocks, title=head_title, encoding=encoding,
                       salvage=salvage)


_RAW_TEXT_OPEN = re.compile(r"<(title|script|style|textarea)\b[^>]*>", re.I)
_STRUCTURE = re.compile(r"</head\b|<body\b|<(?:p|div|h[1-6]|article|main|section)\b", re.I)


def _close_raw_text(text: str) -> str:
    """`text` without the rest of a <title>, <script> or <style> whose closing tag the damage
    took: a parser reads all that follows as the element's raw text, the article too. Cut from
    the opening tag to the next tag that starts the page's structure."""
    at = 0
    while m := _RAW_TEXT_OPEN.search(text, at):
        close = re.compile(rf"</{m.group(1)}\b", re.I).search(text, m.end())
        nxt = _STRUCTURE.search(text, m.end())
        if nxt is not None and (close is None or nxt.start() < close.start()):
            text = text[:m.start()] + text[nxt.start():]
            at = m.start()
        else:
            at = close.end() if close is not None else len(text)
    return text


def decode_html(data: bytes) -> tuple[str, str]:
    """Honour a declared charset unless it is the usual Western mislabel; else detect."""
    match = _CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            enc = codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            enc = ""
        if enc and enc not in ("utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"):
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_text(data)


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip()


def _head_title(soup: BeautifulSoup) -> str | None:
    """og:title or <title> without the site name (the longer side of a separator)."""
    og = soup.find("meta", attrs={"property": "og:title"})
    raw = og.get("content") if og is not None else None
    if not raw and soup.title is not None:
        raw = soup.title.get_text(" ")
    if not raw or not isinstance(raw, str):
        return None
    title = _collapse(raw)
    for sep in boilerplate()["title_separators"]:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            title = head if len(head) >= len(tail) else tail
            break
    return title.strip() or None


def _h1s(soup: BeautifulSoup, container: Tag | None) -> tuple[Tag | None, Tag | None]:
    """The first non-empty <h1> inside the article container, and the first one outside it
    (site logos in <h1> are dropped earlier as furniture)."""
    inside = outside = None
    for h1 in soup.find_all("h1"):
        if not h1.get_text(strip=True):
            continue
        if container is not None and (h1 is container or container in h1.parents):
            inside = inside or h1
        else:
            outside = outside or h1
    return inside, outside


def _drop_boilerplate(soup: BeautifulSoup, cfg: dict[str, Any]) -> None:
    """Remove page furniture in place; never a wrapper that holds the article."""
    for el in tags_named(soup, set(cfg["drop_tags"])):
        el.decompose()
    for el in tags_named(soup, {"header", "footer", "form"}):
        if _dead(el):
            continue
        if el.name == "form":
            if len(el.find_all("p", limit=2)) < 2:
                el.decompose()
        elif el.find_parent(["article", "main"]) is None:
            el.decompose()
    for el in soup.find_all(True):
        if _dead(el) or el.name in _PROTECTED or not _is_furniture(el, cfg):
            continue
        if not _holds_article(el):
            el.decompose()
    _drop_short_cues(soup, cfg)
    for string in strings_matching(soup, cfg["disclaimer_re"]):
        if isinstance(string, NavigableString) and not _gone(string):
            box = _nearest_block(string)
            if box is not None and len(box.get_text()) <= 600 and box.name not in _PROTECTED:
                box.decompose()
            else:
                string.extract()


_ARTICLE_TAGS = {"article", "main", "h1"}


def _holds_article(el: Tag) -> bool:
    """`el.find(["article", "main", "h1"]) or el.find(role="main")`, in one walk of the
    element's descendants without Beautiful Soup's generic matcher (most of the time spent
    dropping a page's furniture went to those two searches)."""
    for node in el.descendants:
        if isinstance(node, Tag) and (
            node.name in _ARTICLE_TAGS
            or (node.prefix and f"{node.prefix}:{node.name}" in _ARTICLE_TAGS)
            or attribute_is(node.get("role"), "main")
        ):
            return True
    return False


def attribute_is(value: Any, wanted: str) -> bool:
    """Whether an attribute's value matches `wanted` as Beautiful Soup's `attrs={name: wanted}`
    matches it: the value itself, one of the values of a multi-valued attribute, or all of
    them joined by spaces."""
    if isinstance(value, list):
        return wanted in value or (len(value) != 1 and " ".join(value) == wanted)
    return value == wanted


def _is_furniture(el: Tag, cfg: dict[str, Any]) -> bool:
    if el.has_attr("hidden"):  # not aria-hidden: a page saved with a modal open has it on
        return True  # the whole content wrapper
    style = str(el.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    names = [el.get("id"), *(el.get("class") or []), el.get("role"), el.get("aria-label")]
    attrs = " ".join(str(n) for n in names if n).lower()
    if not attrs:
        return False
    return bool(cfg["attr_re"].search(attrs) or cfg["tokens"] & set(re.split(r"[\W_]+", attrs)))


def _drop_short_cues(soup: BeautifulSoup, cfg: dict[str, Any]) -> None:
    """Drop toolbar and button rows ("Viegli lasīt", "A+ A-", "Dalīties Drukāt"): blocks whose
    every string is such a label. A label inside prose ("var dalīties pieredzē") stays."""
    short = cfg["short"]
    for string in strings_matching(soup):
        if isinstance(string, _SKIP_STRINGS) or len(string) > 80 or _gone(string):
            continue
        if _label(str(string)) not in short:
            continue
        block = _nearest_block(string)
        if block is None or _dead(block) or block.name in _PROTECTED:
            continue
        labels = {_label(s) for s in islice(block.stripped_strings, 20)}
        if labels <= short | {""}:
            block.decompose()


def tags_named(root: Tag, names: set[str]) -> list[Tag]:
    """`root.find_all(list(names))`: the same tags in the same order (a name matches the tag's
    name or its 'prefix:name'), without Beautiful Soup's generic matcher, which took more time
    than parsing the page."""
    return [
        el for el in root.descendants
        if isinstance(el, Tag)
        and (el.name in names or (el.prefix and f"{el.prefix}:{el.name}" in names))
    ]


def strings_matching(root: Tag, pattern: re.Pattern[str] | None = None) -> list[NavigableString]:
    """`root.find_all(string=pattern)` (`string=True` without a pattern): the non-empty strings
    (comments and the like included), in document order, without the generic matcher."""
    return [
        el for el in root.descendants
        if isinstance(el, NavigableString) and el and (pattern is None or pattern.search(el))
    ]


def _named(el: Tag, name: str) -> bool:
    """Whether `el` is a `name` tag as `find(name)` reads it (its name or 'prefix:name')."""
    return el.name == name or bool(el.prefix) and f"{el.prefix}:{el.name}" == name


def _dead(el: Tag) -> bool:
    """True for a decomposed tag; read from __dict__ because Tag.__getattr__ would search
    the tree for a child tag named like the attribute (quadratic on large pages)."""
    return bool(el.__dict__.get("_decomposed")) or "parent" not in el.__dict__


def _gone(string: NavigableString) -> bool:
    """True for a string that an earlier decompose() destroyed (its attributes are cleared)."""
    return getattr(string, "parent", None) is None


def _label(text: str) -> str:
    return _TRIM.sub("", _collapse(text).lower())


def _nearest_block(node: NavigableString) -> Tag | None:
    for parent in node.parents:
        if parent.name not in INLINE:
            return parent
    return None


def _main_container(soup: BeautifulSoup) -> Tag | None:
    """<article>, [role=main] or <main> when they hold the text; else the densest element."""
    body = soup.body or soup
    total = len(body.get_text(strip=True))
    found, role_main, main = main_candidates(soup)
    articles = sorted(found, key=lambda a: -len(a.get_text(strip=True)))
    for el in [*articles[:1], role_main, main]:
        if el is not None:
            size = len(el.get_text(strip=True))
            if size >= 150 and size >= 0.3 * total:
                return el
    return _densest(body)


def main_candidates(soup: BeautifulSoup) -> tuple[list[Tag], Tag | None, Tag | None]:
    """`soup.find_all("article")`, `soup.find(attrs={"role": "main"})` and `soup.find("main")`
    in one walk of the page (see `tags_named`, `attribute_is`)."""
    articles, role_main, main = [], None, None
    for node in soup.descendants:
        if isinstance(node, Tag):
            if _named(node, "article"):
                articles.append(node)
            if role_main is None and attribute_is(node.get("role"), "main"):
                role_main = node
            if main is None and _named(node, "main"):
                main = node
    return articles, role_main, main


def _densest(body: Tag) -> Tag | None:
    """Element with the most prose of its own (link text does not count), readability-style.

    Text of a string counts for its nearest non-inline ancestor, and 90 % of it for that
    ancestor's parent, so an article of several paragraphs wins as a whole, while a wrapper
    around a single block does not outscore the block itself.
    """
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for string in strings_matching(body):
        if isinstance(string, _SKIP_STRINGS) or not string.strip():
            continue
        owner = None
        linked = False
        for parent in string.parents:
            if parent.name == "a":
                linked = True
            if parent.name not in INLINE:
                owner = parent
                break
        if owner is None or linked:
            continue
        weight = float(len(string.strip()))
        for share, el in ((1.0, owner), (0.9, owner.parent)):
            if el is not None:
                scores[id(el)] = scores.get(id(el), 0.0) + weight * share
                elements[id(el)] = el
    if not scores:
        return body if body.get_text(strip=True) else None
    return elements[max(scores, key=lambda k: scores[k])]


def extract_blocks(root: Tag) -> list[RawBlock]:
    """Blocks in reading order; iterative, so deeply nested pages cannot overflow the stack."""
    blocks: list[RawBlock] = []
    buf: list[str] = []
    kinds = ["paragraph"]
    pre = 0

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        text = text if pre else _HTML_SPACE.sub(" ", text)
        if text.strip():
            kind = kinds[-1]
            if kind == "paragraph" and looks_like_list_item(text):
                kind = "list_item"  # Word's HTML export writes bullets as "·" paragraphs
            blocks.append(RawBlock(text=text.strip(), kind=kind))

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            kinds.pop()
            pre -= node.name == "pre"
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                lines = str(node).split("\n") if pre else [str(node)]
                for i, line in enumerate(lines):
                    if i:
                        flush()
                    buf.append(line)
            continue
        if node.name == "br":
            flush()
            continue
        if node.name not in INLINE or node is root:
            flush()
            kinds.append(_kind(node.name, kinds[-1]) if node is not root else "paragraph")
            pre += node.name == "pre"
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return blocks


def _kind(name: str, outer: str) -> str:
    if name in HEADINGS:
        return "heading"
    if name == "li":
        return "list_item"
    if name in ("td", "th"):
        return "table_cell"
    return outer if outer in ("list_item", "table_cell", "heading") else "paragraph"


def _meta_dates(soup: BeautifulSoup, cfg: dict[str, Any]) -> list[tuple[str, date]]:
    """Dates from <meta> tags (article:published_time first), then <time datetime>."""
    found: list[tuple[int, str, date]] = []
    order = {name: i for i, name in enumerate(cfg["date_meta"])}
    # one walk of the page for what four `find`s and `find_all`s looked for (see tags_named)
    metas, times, published = [], [], []
    article = None
    for el in soup.descendants:
        if not isinstance(el, Tag):
            continue
        if _named(el, "meta"):
            metas.append(el)
        elif _named(el, "time"):
            times.append(el)
        elif article is None and _named(el, "article"):
            article = el
        if attribute_is(el.get("itemprop"), "datePublished"):
            published.append(el)
    for meta in metas:
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in order and (day := parse_date(str(meta.get("content", "")))):
            found.append((order[key], "html-meta", day))
    found.sort(key=lambda item: item[0])
    result = [(source, day) for _, source, day in found]
    if article is not None:  # the <time>s of the first article, else of the page
        times = tags_named(article, {"time"})
    for el in [*times, *published]:
        value = el.get("datetime") or el.get("content")
        if value and (day := parse_date(str(value))):
            result.append(("html-time", day))
            break
    return list(dict.fromkeys(result))


def parse_date(value: str) -> date | None:
    """An ISO timestamp or a day-first numeric date (05-04-2016 is 5 April); None otherwise."""
    value = value.strip()
    if not value:
        return None
    day: date | None = None
    try:
        day = local_date(datetime.fromisoformat(value.replace(" ", "T", 1)))
    except ValueError:
        m = _NUMERIC_DATE.fullmatch(value.rstrip("."))
        day = _dmy(m) if m else _dateparser(value)
    return day if day is not None and plausible_date(day) else None


def _dmy(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    except ValueError:
        return None


def _dateparser(value: str) -> date | None:
    """Fallback for textual meta dates; dateparser is slow to import, so only when needed."""
    try:
        import dateparser

        settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
        parsed = dateparser.parse(value, settings=settings)  # type: ignore[arg-type]
    except Exception:
        return None
    return parsed.date() if parsed else None


def _page_date(page_text: str, title: str | None, blocks: list[RawBlock]) -> date | None:
    """The numeric date closest to the title in the page text (or at the article's start)."""
    windows: list[tuple[str, int]] = []
    pos = page_text.find(title) if title else -1
    while pos >= 0 and len(windows) < 5:
        lo, hi = max(0, pos - 200), pos + len(title or "") + 300
        windows.append((page_text[lo:hi], pos - lo))
        pos = page_text.find(title or "", pos + 1)
    if not windows:
        windows.append((" ".join(b.text for b in blocks)[:400], 0))
    best: tuple[int, date] | None = None
    for window, anchor in windows:
        for m in [*_NUMERIC_DATE.finditer(window), *_ISO_DATE.finditer(window)]:
            day = _dmy(m) if m.re is _NUMERIC_DATE else _iso(m)
            if day is not None and plausible_date(day):
                distance = abs(m.start() - anchor)
                if best is None or distance < best[0]:
                    best = (distance, day)
    return best[1] if best else None


def _iso(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
