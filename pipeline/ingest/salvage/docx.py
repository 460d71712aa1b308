"""Salvage of a Word file python-docx could not open: its text parts read straight from the
archive, whatever inflates before the damage, parsed with a recovering XML parser.

Two kinds of damage: the zip directory is intact but some part is broken (a changed byte in an
image, a damaged styles part), so word/document.xml is read by itself; or the directory at the
end of the file is gone (a copy cut short), so the entries are read from their local headers.
Either way the entries are inflated by `stream-unzip` (not a zip parser of our own), chunk by
chunk, and what came out before an inflate error or the end of the data is kept.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline.ingest.docx import (
    MAX_DOCUMENT_XML,
    MAX_UNPACKED,
    Walker,
    styles_from,
    with_headers_footers,
)
from pipeline.model import RawDocument

_LOCAL_HEADER = b"PK\x03\x04"
# The parts that hold text, in reading order, and the styles that tell headings from body.
_BODY = "word/document.xml"
_HEADER_FOOTER = re.compile(r"word/(header|footer)(\d*)\.xml")
_NOTES = ("word/footnotes.xml", "word/endnotes.xml")
_STYLES = "word/styles.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_INPUT_CHUNK = 1024  # small, so that little is lost when inflating fails inside a chunk
_RECOVER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)


@dataclass
class Entry:
    """One archive entry as far as it could be inflated."""

    name: str
    data: bytes
    complete: bool
    # inflated to its end, but its checksum or size does not match (bytes changed inside)
    mismatch: bool = False


def salvage_docx(data: bytes) -> RawDocument | None:
    """The text of a damaged .docx with a note on what was lost; None when there is none.
    The entries the zip directory lists are read first; when that gives no text (no
    directory, or the directory of another file spliced on), every local header is tried."""
    directory = _directory(data)
    if directory is not None:
        rescued = _salvage_from(data, directory, "damaged parts skipped")
        if rescued is not None:
            return rescued
        return _salvage_from(data, _signatures(data), "zip directory does not fit the file")
    return _salvage_from(data, _signatures(data), "zip directory missing")


def _salvage_from(data: bytes, offsets: Iterable[int], how: str) -> RawDocument | None:
    entries: dict[str, Entry] = {}
    names_seen: set[str] = set()
    total = 0
    for offset in offsets:
        entry = _entry_at(data, offset)
        if entry is None:
            continue
        names_seen.add(entry.name)
        if entry.name not in entries and _wanted(entry.name):
            entries[entry.name] = entry
            total += len(entry.data)
            if total > MAX_UNPACKED:
                return None
    body = entries.get(_BODY)
    if body is None or not body.data:
        return None
    kept = body.data if body.complete else _until_damage(body.data)
    root = _parse(kept)
    if root is None:
        return None
    repaired = len(_RECOVER.error_log) > 0
    body_el = root.find(f"{{{_W}}}body")
    walker = Walker(_styles(entries.get(_STYLES)))
    walker.container(body_el if body_el is not None else root)
    for name in _NOTES:
        note_root = _parse(entries[name].data) if name in entries else None
        if note_root is not None:
            for note in note_root:
                if note.get(f"{{{_W}}}type") in (None, "normal"):
                    walker.container(note)
    parts = []
    for name in sorted((n for n in entries if _HEADER_FOOTER.fullmatch(n)), key=_part_order):
        part_root = _parse(entries[name].data)
        if part_root is not None:
            parts.append((_HEADER_FOOTER.fullmatch(name).group(1), part_root))  # type: ignore
    blocks = with_headers_footers(walker, parts)
    if not any(b.kind not in ("header", "footer") for b in blocks):
        return None
    title = next((b.text for b in blocks if b.kind == "title"), None)
    return RawDocument(format="docx", blocks=blocks, title=title,
                       salvage=_note(how, entries, names_seen, body, len(kept), repaired))


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _text_part(name: str) -> bool:
    return name in (_BODY, *_NOTES) or bool(_HEADER_FOOTER.fullmatch(name))


def _wanted(name: str) -> bool:
    return _text_part(name) or name in (_STYLES, _CONTENT_TYPES)


def _listed(entries: dict[str, Entry]) -> set[str]:
    """The text parts [Content_Types].xml lists (the archive's first entry, so a file cut
    short still tells how many text parts it had)."""
    entry = entries.get(_CONTENT_TYPES)
    root = _parse(entry.data) if entry is not None else None
    if root is None:
        return set()
    names = (str(el.get("PartName", "")).lstrip("/") for el in root.iter("{*}Override"))
    return {n for n in names if _text_part(n)}


def _part_order(name: str) -> tuple[str, int]:
    m = _HEADER_FOOTER.fullmatch(name)
    assert m is not None
    return m.group(1), int(m.group(2) or 0)


def _directory(data: bytes) -> list[int] | None:
    """Offsets of the entries the zip directory lists (None when it cannot be read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [i.header_offset for i in zf.infolist() if _wanted(i.filename)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        return None


def _signatures(data: bytes) -> Iterator[int]:
    """Offsets of every local header signature (a few may lie inside compressed data: those
    give no entry or one with a name we do not want)."""
    at = data.find(_LOCAL_HEADER)
    while at >= 0:
        yield at
        at = data.find(_LOCAL_HEADER, at + 4)


def _entry_at(data: bytes, offset: int) -> Entry | None:
    """The entry whose local header starts at `offset`, inflated as far as it goes."""
    from stream_unzip import IntegrityError, stream_unzip

    chunks = (data[i:i + _INPUT_CHUNK] for i in range(offset, len(data), _INPUT_CHUNK))
    got: list[bytes] = []
    size = 0
    name = ""
    try:
        for raw_name, _size, inflated in stream_unzip(chunks, chunk_size=_INPUT_CHUNK):
            name = raw_name.decode("utf-8", errors="replace")
            if not _wanted(name):
                return Entry(name, b"", False)
            for chunk in inflated:
                got.append(chunk)
                size += len(chunk)
                if size > MAX_DOCUMENT_XML:
                    return Entry(name, b"".join(got), False)
            return Entry(name, b"".join(got), True)
    except IntegrityError:  # every byte inflated, but not the bytes that were packed
        return Entry(name, b"".join(got), False, mismatch=True) if name else None
    except Exception:  # stream-unzip's errors, zlib's, a header it cannot read
        pass
    return Entry(name, b"".join(got), False) if name else None


def _until_damage(xml: bytes) -> bytes:
    """`xml` up to the paragraph where it stops being well-formed (where the damage begins:
    a damaged deflate stream goes on inflating garbage, a cut ends in the middle of a
    paragraph), so that no half or garbled paragraph is read; all of it when it is well-formed.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return b""
    if not parser.error_log:
        return xml
    first = parser.error_log[0]
    lines = xml.split(b"\n", first.line - 1)
    if first.line < 1 or len(lines) < first.line:
        return b""
    before = sum(len(line) + 1 for line in lines[:-1])
    line = lines[-1].split(b"\n", 1)[0].decode("utf-8", errors="replace")  # columns count letters
    at = before + len(line[: max(first.column - 1, 0)].encode("utf-8"))
    start = max(xml.rfind(b"<w:p>", 0, at), xml.rfind(b"<w:p ", 0, at))
    return xml[:start] if start > 0 else b""


def _parse(xml: bytes) -> etree._Element | None:
    """The XML tree as far as it can be read (a cut or damaged part keeps what came before)."""
    if not xml:
        return None
    try:
        return etree.fromstring(xml, _RECOVER)
    except etree.XMLSyntaxError:
        return None


def _styles(entry: Entry | None) -> dict:
    root = _parse(entry.data) if entry is not None else None
    return styles_from(root) if root is not None else {}


def _note(how: str, entries: dict[str, Entry], seen: set[str], body: Entry, kept: int,
          repaired: bool) -> str:
    """'salvaged: zip directory missing, 2 of 3 text parts read whole, word/document.xml ends
    at byte 18,204'."""
    parts = {n for n in seen if _text_part(n)} | _listed(entries)
    whole = [n for n in parts if n in entries and entries[n].complete]
    notes = [how, f"{len(whole)} of {len(parts)} text parts read whole"]
    if body.mismatch and kept == len(body.data):
        notes.append(f"{_BODY} fails its checksum (some characters may be wrong)")
    elif body.mismatch:
        notes.append(f"{_BODY} damaged, text ends at byte {kept:,} of {len(body.data):,}")
    elif not body.complete:
        notes.append(f"{_BODY} ends at byte {kept:,}")
    elif repaired:
        notes.append(f"{_BODY} repaired")
    return "salvaged: " + ", ".join(notes)
