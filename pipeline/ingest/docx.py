"""Word .docx: body paragraphs and tables in document order, then headers and footers.

python-docx opens the package (relationships, core properties); the WordprocessingML is walked
directly because paragraph text must include hyperlinks, fields, content controls and tracked
insertions (but not deletions), tables must come in document order with nested tables, and
text boxes must be read once (Word stores each twice, as DrawingML and as a VML fallback).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import date

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from lxml import etree

from pipeline.ingest.base import (
    Damaged,
    IngestError,
    SkipDocument,
    local_date,
    looks_like_list_item,
    plausible_date,
    register,
)
from pipeline.model import RawBlock, RawDocument

MAX_DOCUMENT_XML = 100 * 2**20  # uncompressed word/document.xml
MAX_UNPACKED = 500 * 2**20  # all parts together (python-docx loads every part into memory)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC = _q("p"), _q("tbl"), _q("tr"), _q("tc")
SDT, SDT_CONTENT = _q("sdt"), _q("sdtContent")
_TEXT = {_q("t"): None, _q("tab"): "\t", _q("ptab"): "\t", _q("br"): "\n", _q("cr"): "\n"}
_TEXT.update({_q("noBreakHyphen"): "-", _q("softHyphen"): "\u00ad"})
# Inline elements whose content is not visible text (deleted runs, field codes, properties).
_SKIP = {_q(t) for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText")}
_SKIP |= {_q(t) for t in ("footnoteReference", "endnoteReference", "commentReference")}
_SKIP.add(f"{{{_MC}}}Fallback")
# Block containers whose children are paragraphs and tables.
_BLOCK_WRAPPERS = {SDT_CONTENT, _q("customXml"), _q("ins"), _q("moveTo")}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)


@register("docx")
def ingest_docx(data: bytes) -> RawDocument:
    """Read a .docx into blocks; headers and footers come last, once each."""
    _check_zip(data)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        body = _xml(main).find(_q("body"))
    except IngestError:
        raise
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors, ...
        if "Excessive depth" in str(e):
            raise IngestError("Word file structure nested too deeply to read") from e
        raise Damaged("not a valid Word file (damaged document content)") from e
    if body is None:
        raise IngestError("not a valid Word file (no document body)")
    walker = Walker(_styles(main))
    walker.container(body)
    if not walker.blocks:
        if walker.saw_image:
            raise SkipDocument("no text layer (scanned)")
        raise IngestError("empty Word document (no text)")
    blocks = with_headers_footers(walker, _headers_footers(main, body))
    title, dates = _core_properties(package)
    if not title:
        title = next((b.text for b in blocks if b.kind == "title"), None)
    return RawDocument(format="docx", blocks=blocks, title=title, date_candidates=dates)


def with_headers_footers(
    walker: Walker, parts: Iterable[tuple[str, etree._Element]]
) -> list[RawBlock]:
    """The walker's body blocks, then each header and footer part's blocks, a repeated header
    or footer line once."""
    for kind, part in parts:
        walker.container(part, kind=kind)
    seen: set[tuple[str, str]] = set()
    blocks = []
    for block in walker.blocks:
        if block.kind in ("header", "footer"):
            if (block.kind, block.text) in seen:
                continue
            seen.add((block.kind, block.text))
        blocks.append(block)
    return blocks


def _check_zip(data: bytes) -> None:
    """Refuse zip bombs before python-docx inflates every part into memory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            doc = zf.getinfo("word/document.xml")
    except KeyError as e:
        raise IngestError("not a valid Word file (no word/document.xml)") from e
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise Damaged("not a valid Word file (corrupt zip archive)") from e
    if doc.file_size > MAX_DOCUMENT_XML:
        raise IngestError("Word file too large to process (document text over 100 MB unpacked)")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise IngestError("Word file unpacks to more than 500 MB (damaged or a zip bomb)")


def _xml(part: object) -> etree._Element:
    """The XML root of a package part (parsed safely when python-docx kept only bytes)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob, _SAFE_XML)  # type: ignore[attr-defined]


class _Style:
    __slots__ = ("name", "based_on", "numbered", "outline")

    def __init__(self, el: etree._Element) -> None:
        name = el.find(_q("name"))
        based = el.find(_q("basedOn"))
        num = el.find(f"{_q('pPr')}/{_q('numPr')}/{_q('numId')}")
        outline = el.find(f"{_q('pPr')}/{_q('outlineLvl')}")
        self.name = (name.get(_q("val")) or "").lower() if name is not None else ""
        self.based_on = based.get(_q("val")) if based is not None else None
        self.numbered = num is not None and num.get(_q("val")) not in (None, "0")
        self.outline = outline is not None and (outline.get(_q("val")) or "9") < "9"


def _styles(main: object) -> dict[str, _Style]:
    """Paragraph styles by id; a document without a styles part simply has none."""
    try:
        root = _xml(main.part_related_by(RT.STYLES))  # type: ignore[attr-defined]
    except Exception:
        return {}
    return styles_from(root)


def styles_from(root: etree._Element) -> dict[str, _Style]:
    """Paragraph styles by id from the root of word/styles.xml."""
    return {
        el.get(_q("styleId")) or "": _Style(el)
        for el in root.iter(_q("style"))
        if el.get(_q("type")) in (None, "paragraph")
    }


class Walker:
    """Collects blocks from body, cell, text-box and header/footer content."""

    def __init__(self, styles: dict[str, _Style]) -> None:
        self.styles = styles
        self.blocks: list[RawBlock] = []
        self.saw_image = False

    def container(self, el: etree._Element, kind: str | None = None) -> None:
        for child in el:
            if child.tag == P:
                self.paragraph(child, kind)
            elif child.tag == TBL:
                self.table(child, kind)
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.container(content, kind)
            elif child.tag in _BLOCK_WRAPPERS:
                self.container(child, kind)

    def table(self, tbl: etree._Element, kind: str | None) -> None:
        """Row by row; a vertically merged cell's continuation is the cell above repeated."""
        for tc in _cells(tbl):
            merge = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
            if merge is not None and merge.get(_q("val"), "continue") == "continue":
                continue
            self.container(tc, kind or "table_cell")

    def paragraph(self, p: etree._Element, kind: str | None) -> None:
        parts: list[str] = []
        boxes: list[etree._Element] = []
        self._inline(p, parts, boxes)
        lines = [line.strip() for line in "".join(parts).split("\n")]
        lines = [line for line in lines if line]
        if lines:
            line_kind = kind or self._kind(p, lines[0])
            self.blocks.extend(RawBlock(text=line, kind=line_kind) for line in lines)
        for box in boxes:
            self.container(box, kind)

    def _inline(self, el: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _TEXT:
                parts.append((child.text or "") if _TEXT[tag] is None else _TEXT[tag])
            elif tag == _q("txbxContent"):
                boxes.append(child)  # read after the paragraph, as blocks of their own
            elif tag == _q("r") and child.find(f"{_q('rPr')}/{_q('vanish')}") is not None:
                continue  # hidden text
            else:
                if tag.endswith("}blip") or tag.endswith("}imagedata"):
                    self.saw_image = True
                self._inline(child, parts, boxes)

    def _kind(self, p: etree._Element, text: str) -> str:
        ppr = p.find(_q("pPr"))
        style_id = None
        numbered = outline = False
        if ppr is not None:
            style = ppr.find(_q("pStyle"))
            style_id = style.get(_q("val")) if style is not None else None
            num = ppr.find(f"{_q('numPr')}/{_q('numId')}")
            if num is not None:
                numbered = num.get(_q("val")) not in (None, "0")
            lvl = ppr.find(_q("outlineLvl"))
            outline = lvl is not None and (lvl.get(_q("val")) or "9") < "9"
        names = []
        for style in self._chain(style_id):
            names.append(style.name)
            outline = outline or style.outline
            if ppr is None or ppr.find(_q("numPr")) is None:
                numbered = numbered or style.numbered
        if any(n == "title" for n in names):
            return "title"
        if outline or any(n.startswith(("heading", "subtitle")) for n in names):
            return "heading"
        if numbered or any("list" in n for n in names) or looks_like_list_item(text):
            return "list_item"
        return "paragraph"

    def _chain(self, style_id: str | None) -> Iterable[_Style]:
        """The paragraph style and the styles it is based on (cycles and long chains cut)."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on


def _cells(tbl: etree._Element) -> Iterable[etree._Element]:
    """Cells of a table's own rows (not of nested tables), through content-control wrappers."""
    for row in _unwrap(tbl, TR):
        yield from _unwrap(row, TC)


def _unwrap(el: etree._Element, tag: str) -> Iterable[etree._Element]:
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, SDT_CONTENT, _q("customXml")):
            yield from _unwrap(child.find(SDT_CONTENT) if child.tag == SDT else child, tag)


def _headers_footers(main: object, body: etree._Element) -> Iterable[tuple[str, etree._Element]]:
    """Each section's own header and footer parts, in section order."""
    refs = {_q("headerReference"): "header", _q("footerReference"): "footer"}
    related = main.related_parts  # type: ignore[attr-defined]
    found: list[tuple[str, etree._Element]] = []
    for sect in body.iter(_q("sectPr")):
        for ref in sect:
            kind = refs.get(ref.tag)
            part = related.get(ref.get(f"{{{_R}}}id")) if kind else None
            if kind and part is not None:
                try:
                    found.append((kind, _xml(part)))
                except Exception:  # a damaged header does not spoil the document
                    continue
    found.sort(key=lambda item: item[0] == "footer")
    return found


def _core_properties(package: OpcPackage) -> tuple[str | None, list[tuple[str, date]]]:
    """Title and created/modified dates, only when the file really has core properties."""
    try:
        package.part_related_by(RT.CORE_PROPERTIES)  # else python-docx invents defaults
        props = package.core_properties
        title = (props.title or "").strip() or None
        stamps = [("docx-core-created", props.created), ("docx-core-modified", props.modified)]
    except Exception:
        return None, []
    dates = []
    for source, stamp in stamps:
        if stamp is not None:
            day = local_date(stamp)
            if plausible_date(day):
                dates.append((source, day))
    return title, dates
