"""Salvage: read what can be read of a damaged file, and say what was lost.

Runs only when the normal reader raised `Damaged` (a sound file never comes here, so its result
and its speed stay as they were). A salvaged `RawDocument` carries a one-line note
(`RawDocument.salvage`, the `salvage` column of documents.csv); when nothing can be salvaged
the caller keeps the normal reader's reason.
"""

from __future__ import annotations

from pipeline.ingest.base import IngestError, SkipDocument
from pipeline.ingest.detect import detect_format
from pipeline.ingest.html import decode_html, html_document, whole_page_document
from pipeline.ingest.salvage.docx import salvage_docx
from pipeline.ingest.salvage.text import clean, decode_pieces, spaced_like_text
from pipeline.ingest.txt import decode_text, replaced_note, text_document
from pipeline.model import RawDocument

__all__ = ["salvage"]


def salvage(data: bytes, suffix: str = "") -> RawDocument | None:
    """A damaged file's readable part with its note, or None when nothing could be read."""
    if data.startswith(b"PK") or suffix.lower() in (".docx", ".docm", ".dotx"):
        return salvage_docx(data)
    return _salvage_text(data, suffix)


def _salvage_text(data: bytes, suffix: str) -> RawDocument | None:
    cleaned = clean(data)
    if cleaned is None:
        return None
    try:
        fmt = detect_format(cleaned.data, suffix)
    except (IngestError, SkipDocument):
        return None
    if fmt not in ("txt", "html"):
        return None
    decode = decode_html if fmt == "html" else decode_text
    notes = cleaned.notes()
    try:
        text, encoding = decode(cleaned.data)
        if note := replaced_note(cleaned.data, text):
            notes.append(note.removeprefix("salvaged: "))
    except IngestError:
        pieces = decode_pieces(cleaned.data)
        if pieces is None:
            return None
        text, encoding = pieces.text, pieces.encoding
        notes += pieces.notes()
    if not spaced_like_text(text):
        return None
    note = _note(notes)
    try:
        if fmt == "html":
            return _page(text, encoding, note)
        return text_document(text, encoding, note)
    except (IngestError, SkipDocument):
        return None


def _page(text: str, encoding: str, note: str) -> RawDocument:
    """The page's article; when the damage hid it, every visible block of the page."""
    try:
        return html_document(text, encoding, note)
    except SkipDocument:
        notes = [note.removeprefix("salvaged").removeprefix(": "), _WHOLE_PAGE]
        return whole_page_document(text, encoding, _note([n for n in notes if n]))


_WHOLE_PAGE = "article not found, whole page read (menus included)"


def _note(notes: list[str]) -> str:
    return "salvaged: " + "; ".join(notes) if notes else "salvaged"
