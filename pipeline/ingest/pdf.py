"""PDF with a text layer: words by position, rebuilt into lines, paragraphs and table cells.

A PDF has no paragraphs, only positioned glyphs. pdfplumber (on pdfminer.six) gives the words
with their boxes and fonts; the blocks a .docx would have are rebuilt from the layout:

- lines are words on the same baseline, read left to right; a gap wider than a few characters
  splits a line into cells (a table row, a label and its value), read left to right like a
  Word table row;
- a page set in two columns (a clear gutter with filled lines on both sides) is read left
  column first, then the right one;
- consecutive lines join into one paragraph unless the vertical gap is larger than the usual
  line spacing, the font size or weight changes, the next line starts a list item, or the
  writer broke the line early (its next word would have fitted on it);
- a paragraph that runs over a page break is joined again; its block keeps the first page;
- lines repeated in the top or bottom margin of several pages are the running header and
  footer (kept once, at the end, like the .docx ingester does); bare page numbers are dropped.

Every block carries its 1-based page number. A PDF whose pages have no text at all is a scan:
skipped with "no text layer (scanned)", never guessed at (there is no OCR here).
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from pipeline.ingest.base import (
    IngestError,
    SkipDocument,
    local_date,
    looks_like_list_item,
    plausible_date,
    register,
)
from pipeline.model import RawBlock, RawDocument

MAX_PAGES = 5000
MARGIN_ZONE = 0.09  # top and bottom share of the page where running headers/footers live
CELL_GAP_EM = 1.6  # a horizontal gap wider than this (in font sizes) separates cells
HEADING_SIZE = 1.15  # a line this much larger than the body text is a heading
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAGE_NUMBER = re.compile(r"[\W_]*\d{1,4}(?:\s*[/|]\s*\d{1,4})?[\W_]*")
_TERMINAL = (".", "!", "?", ":", ";", "…")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_CID = re.compile(r"\(cid:\d+\)")
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                       r"(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?")


@dataclass
class Segment:
    """A run of words on one line with no wide gap: a line of prose or one table cell."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    n_cells: int = 1  # cells on the same visual line (1 for prose)
    first_word: float = 0.0  # width of the first word (could it have fitted on the line above?)
    edge: float = 0.0  # right edge of the column the segment is in


@dataclass
class _Para:
    lines: list[Segment] = field(default_factory=list)
    kind: str = "paragraph"

    @property
    def text(self) -> str:
        out = ""
        for line in self.lines:
            out = _join(out, line.text)
        return out


@register("pdf")
def ingest_pdf(data: bytes) -> RawDocument:
    """Read a text PDF into blocks with page numbers; scans are skipped, damaged files fail."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        raise _open_error(e) from e
    except Exception as e:  # pdfminer raises many types for broken files
        raise IngestError("not a valid PDF (damaged file)") from e
    with pdf:
        try:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise IngestError(f"PDF has more than {MAX_PAGES} pages")
            segments: list[list[Segment]] = []
            sizes: list[tuple[float, float]] = []
            images = 0
            for number, page in enumerate(pages, start=1):
                segments.append(_page_segments(page, number))
                sizes.append((float(page.width), float(page.height)))
                images += len(page.images)
                page.close()  # drop the page's parsed objects: long PDFs stay small in memory
            metadata = dict(pdf.metadata or {})
        except IngestError:
            raise
        except PdfminerException as e:
            raise _open_error(e) from e
        except RecursionError:
            raise
        except Exception as e:
            raise IngestError("not a valid PDF (damaged page content)") from e
    if not any(segments):
        if images:
            raise SkipDocument("no text layer (scanned)")
        raise IngestError("empty PDF (no text)")
    blocks = _blocks(segments, sizes)
    text = " ".join(b.text for b in blocks)
    if len(_CID.findall(text)) * 6 > max(len(text), 1) * 0.3:
        raise IngestError("PDF text cannot be decoded (fonts without a character map)")
    title = _text(metadata.get("Title"))
    return RawDocument(format="pdf", blocks=blocks, title=title, date_candidates=_dates(metadata))


def _open_error(e: Exception) -> IngestError:
    inner = e.args[0] if e.args else e
    name = type(inner).__name__
    if "Password" in name or "Encryption" in name or "encrypt" in str(inner).lower():
        return IngestError("password-protected PDF")
    return IngestError("not a valid PDF (damaged file)")


def _page_segments(page: object, number: int) -> list[Segment]:
    """Segments of one page in reading order (columns one after the other)."""
    words = page.extract_words(  # type: ignore[attr-defined]
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    words = [w for w in words if w["text"].strip() and w.get("upright", True)]
    lines = _lines(words)
    gutter = _gutter(lines, float(page.width))  # type: ignore[attr-defined]
    if gutter is None:
        segs = [s for line in lines for s in _cells(line, number)]
        _set_edge(segs)
        return segs
    return _two_columns(lines, gutter, number)


def _set_edge(segs: list[Segment]) -> None:
    edge = max((s.x1 for s in segs if s.n_cells == 1), default=0.0)
    for s in segs:
        s.edge = edge


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into visual lines (same baseline within a third of the font size)."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"], 1), w["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(w["bottom"] - ref["bottom"]) <= max(1.0, ref["size"] / 3):
                last.append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _split(line: list[dict]) -> list[list[dict]]:
    """A line cut at gaps that are wide both absolutely and next to its other gaps.

    Justified text stretches every gap of a line alike, so a cell gap must also stand out
    from the line's smallest gap; a line with a single gap needs a wider one.
    """
    gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:], strict=False)]
    if not gaps:
        return [line]
    smallest = min(gaps)
    runs: list[list[dict]] = [[line[0]]]
    for gap, (a, b) in zip(gaps, zip(line, line[1:], strict=False), strict=True):
        size = max(a["size"], b["size"])
        wide = gap > (CELL_GAP_EM if len(gaps) > 1 else 2 * CELL_GAP_EM) * size
        if wide and (len(gaps) == 1 or gap > 2.5 * max(smallest, 0.1 * size)):
            runs.append([b])
        else:
            runs[-1].append(b)
    return runs


def _segment(run: list[dict], page: int, n_cells: int) -> Segment:
    sizes = Counter(round(float(w["size"]), 1) for w in run)
    return Segment(
        text=" ".join(w["text"] for w in run).translate(_LIGATURES),
        x0=min(w["x0"] for w in run),
        x1=max(w["x1"] for w in run),
        top=min(w["top"] for w in run),
        bottom=max(w["bottom"] for w in run),
        size=sizes.most_common(1)[0][0],
        bold=all(_BOLD.search(str(w.get("fontname", ""))) for w in run),
        page=page,
        n_cells=n_cells,
        first_word=run[0]["x1"] - run[0]["x0"],
    )


def _cells(line: list[dict], page: int) -> list[Segment]:
    runs = _split(line)
    return [_segment(run, page, len(runs)) for run in runs]


def _gutter(lines: list[list[dict]], width: float) -> float | None:
    """x of the gap between two text columns, when the page is set in two columns.

    Two columns show as many lines cut in two by a gap at the same place, whose left parts are
    filled to a common right edge (prose). A label/value table also has a gap, but its labels
    are short and ragged, so it stays one column read row by row.
    """
    pairs = []
    for line in lines:
        runs = _split(line)
        if len(runs) == 2:
            pairs.append((max(w["x1"] for w in runs[0]), min(w["x0"] for w in runs[1]),
                          min(w["x0"] for w in runs[0])))
    if len(pairs) < 6 or len(pairs) < 0.5 * len(lines):
        return None
    right_edge = statistics.median(p[0] for p in pairs)
    left_start = statistics.median(p[2] for p in pairs)
    size = statistics.median(w["size"] for line in lines for w in line)
    filled = sum(1 for p in pairs if abs(p[0] - right_edge) <= size)
    if filled < 0.6 * len(pairs) or right_edge - left_start < 0.3 * width:
        return None
    gap_end = min(p[1] for p in pairs if abs(p[0] - right_edge) <= size)
    if gap_end <= right_edge:
        return None
    return (right_edge + gap_end) / 2


def _two_columns(lines: list[list[dict]], gutter: float, page: int) -> list[Segment]:
    """Left column, then right; a line across the gutter (a title) ends the column band."""
    out: list[Segment] = []
    left: list[Segment] = []
    right: list[Segment] = []
    for line in lines:
        if any(w["x0"] < gutter < w["x1"] for w in line):
            out += left + right
            left, right = [], []
            out += _cells(line, page)
            continue
        lw = [w for w in line if w["x1"] <= gutter]
        rw = [w for w in line if w["x0"] >= gutter]
        if lw:
            left += _cells(lw, page)
        if rw:
            right += _cells(rw, page)
    out += left + right
    for column in ([s for s in out if s.x1 <= gutter], [s for s in out if s.x0 >= gutter],
                   [s for s in out if s.x0 < gutter < s.x1]):
        _set_edge(column)
    return out


def _blocks(pages: list[list[Segment]], sizes: list[tuple[float, float]]) -> list[RawBlock]:
    """Paragraphs, list items, headings and cells from the segments of every page."""
    margins = _running_lines(pages, sizes)
    body_size = _body_size(pages)
    gap = _line_gap(pages)
    paras: list[_Para] = []
    furniture: dict[tuple[str, str], Segment] = {}
    for number, segs in enumerate(pages, start=1):
        height = sizes[number - 1][1]
        body = []
        for seg in segs:
            zone = _zone(seg, height)
            if zone and _PAGE_NUMBER.fullmatch(seg.text):
                continue  # a bare page number
            if zone and _is_running(seg, zone, number, margins):
                furniture.setdefault((zone, _key(seg.text)), seg)
                continue
            body.append(seg)
        page_paras = _paragraphs(body, gap, body_size)
        if paras and page_paras and _continues(paras[-1], page_paras[0]):
            paras[-1].lines += page_paras.pop(0).lines
        paras += page_paras
    blocks = [RawBlock(text=p.text, kind=p.kind, page=p.lines[0].page) for p in paras]
    for kind in ("header", "footer"):
        blocks += [RawBlock(text=s.text, kind=kind, page=s.page)
                   for (zone, _), s in furniture.items() if zone == kind]
    return [b for b in blocks if b.text.strip()]


def _paragraphs(segs: list[Segment], gap: float, body: float) -> list[_Para]:
    paras: list[_Para] = []
    for seg in segs:
        cur = paras[-1] if paras else None
        if cur is not None and _same_paragraph(cur, seg, gap):
            cur.lines.append(seg)
            continue
        paras.append(_Para([seg], _kind(seg, body)))
    for p in paras:
        if p.kind == "heading" and len(p.text) > 200:
            p.kind = "paragraph"
    return paras


def _same_paragraph(cur: _Para, seg: Segment, gap: float) -> bool:
    prev = cur.lines[-1]
    if prev.n_cells > 1 or seg.n_cells > 1:
        return False  # table cells stand alone, as in a Word table
    if abs(seg.size - prev.size) > 0.6 or seg.bold != prev.bold:
        return False
    if seg.top - prev.bottom > gap + max(1.5, 0.2 * seg.size) or seg.top < prev.top:
        return False
    if looks_like_list_item(seg.text) and (
        _fitted(prev, seg) or prev.text.rstrip().endswith((*_TERMINAL, ","))
    ):
        return False  # a list item; a dash at the start of a wrapped line is not one
    if cur.kind != "list_item" and seg.x0 > prev.x0 + seg.size:
        return False  # first-line indent of a new paragraph
    # The writer ended the line early: the next word would have fitted after it.
    return not _fitted(prev, seg)


def _kind(seg: Segment, body: float) -> str:
    if seg.n_cells > 1:
        return "table_cell"
    if looks_like_list_item(seg.text):
        return "list_item"
    short = len(seg.text) <= 120 and not seg.text.rstrip().endswith((".", ",", ";"))
    if seg.size >= HEADING_SIZE * body and short:
        return "heading"
    return "paragraph"


def _continues(last: _Para, first: _Para) -> bool:
    """A paragraph cut by a page break: its last line runs to the edge (the next page's first
    word would not have fitted on it) and either lacks closing punctuation or the next page
    goes on in lower case."""
    if last.kind != "paragraph" or first.kind != "paragraph":
        return False
    a, b = last.lines[-1], first.lines[0]
    text = b.text.lstrip()
    if not text or abs(a.size - b.size) > 0.6 or a.bold != b.bold or _fitted(a, b):
        return False
    return not a.text.rstrip().endswith(_TERMINAL) or text[0].islower()


def _fitted(prev: Segment, seg: Segment) -> bool:
    """True when the first word of `seg` would have fitted at the end of `prev`'s line."""
    return prev.x1 + 0.3 * seg.size + seg.first_word < prev.edge - 0.5 * seg.size


def _join(a: str, b: str) -> str:
    """Join two lines of a paragraph: a soft hyphen at the end goes, anything else is kept."""
    if not a:
        return b
    if a.endswith("\u00ad"):
        return a[:-1] + b
    return f"{a} {b}"


def _zone(seg: Segment, height: float) -> str | None:
    if seg.bottom <= height * MARGIN_ZONE:
        return "header"
    if seg.top >= height * (1 - MARGIN_ZONE):
        return "footer"
    return None


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _running_lines(pages: list[list[Segment]], sizes: list[tuple[float, float]]) -> dict:
    """Header/footer texts: seen in the same margin on two or more pages, either word for
    word or the same apart from the page's own number ("Lapa 2 no 5")."""
    seen: dict[str, Counter[str]] = {"header": Counter(), "footer": Counter()}
    for number, (segs, (_, height)) in enumerate(zip(pages, sizes, strict=True), start=1):
        keys = set()
        for s in segs:
            if zone := _zone(s, height):
                keys.add((zone, s.text))
                if _has_number(s.text, number):
                    keys.add((zone, _key(s.text)))
        for zone, key in keys:
            seen[zone][key] += 1
    return {zone: {k for k, n in c.items() if n >= 2} for zone, c in seen.items()}


def _has_number(text: str, number: int) -> bool:
    return re.search(rf"(?<!\d){number}(?!\d)", text) is not None


def _is_running(seg: Segment, zone: str, page: int, running: dict) -> bool:
    if seg.text in running[zone]:
        return True
    return _has_number(seg.text, page) and _key(seg.text) in running[zone]


def _body_size(pages: list[list[Segment]]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for segs in pages:
        for s in segs:
            sizes[s.size] += len(s.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _line_gap(pages: list[list[Segment]]) -> float:
    """The usual white space between two lines of one paragraph.

    Measured after lines that run to the column edge (they certainly wrapped), so that a
    document of one-line paragraphs does not make the paragraph spacing look usual.
    """
    wrapped: Counter[float] = Counter()
    every: Counter[float] = Counter()
    for segs in pages:
        for a, b in zip(segs, segs[1:], strict=False):
            g = b.top - a.bottom
            if not (0 <= g <= 2 * a.size and a.n_cells == b.n_cells == 1):
                continue
            every[round(g * 2) / 2] += 1
            if a.x1 >= a.edge - 2 * a.size and abs(a.size - b.size) <= 0.6:
                wrapped[round(g * 2) / 2] += 1
    if wrapped:
        return float(wrapped.most_common(1)[0][0])
    return float(min(every)) if every else 3.0


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _dates(metadata: dict) -> list[tuple[str, date]]:
    """Creation and modification dates of the document information dictionary."""
    out = []
    for key, source in (("CreationDate", "pdf-created"), ("ModDate", "pdf-modified")):
        day = parse_pdf_date(_text(metadata.get(key)) or "")
        if day is not None and plausible_date(day):
            out.append((source, day))
    return out


def parse_pdf_date(value: str) -> date | None:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') as the calendar day in Latvia."""
    m = _PDF_DATE.fullmatch(value.strip().rstrip("'"))
    if not m:
        return None
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    try:
        stamp = datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0),
                         int(s or 0))
    except ValueError:
        return None
    if sign:
        offset = timedelta(hours=int(th or 0), minutes=int(tm or 0))
        tz = timezone(-offset if sign == "-" else offset)
        stamp = stamp.replace(tzinfo=tz)
    return local_date(stamp)
