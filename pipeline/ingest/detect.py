"""Format detection by content: archive files are often misnamed (.docx saved as .txt, web pages
saved as .txt, Word files renamed), so the suffix is only a hint for messages."""

from __future__ import annotations

import io
import re
import zipfile

from pipeline.ingest.base import Damaged, IngestError, SkipDocument

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WHITESPACE = b" \t\r\n\x0b\x0c"
# Control bytes that never occur in text files (tab, LF, CR, VT, FF and ^Z/ESC are tolerated).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")

_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|table|tr|td|ul|ol|li|h[1-6]|br|a|meta|title|article|"
    r"section|main|header|footer|nav|script|style|link|img|strong|em|b|i)\b[^<>]*>",
    re.I,
)


def detect_format(data: bytes, suffix: str = "") -> str:
    """Name of the format of `data`: docx, pdf, html or txt. Raises for unreadable data."""
    suffix = suffix.lower()
    head = data[:1024]
    if not data.lstrip(_WHITESPACE + b"\xef\xbb\xbf"):
        raise IngestError("empty file")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_format(data, suffix)
    if data.startswith(_OLE2):
        raise _ole2_error(data, suffix)
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_IMAGES):
        raise SkipDocument("image file, no text layer (scanned?)")
    if data.lstrip(_WHITESPACE)[:5] == b"{\\rtf":
        raise SkipDocument("RTF input is not supported yet (save it as .docx)")
    text = _text_head(data)
    if text is None:
        if suffix == ".docx":
            raise Damaged("not a valid Word file (not a zip archive)")
        raise Damaged("binary data, not text")
    return "html" if looks_like_html(text, suffix) else "txt"


def looks_like_html(text: str, suffix: str = "") -> bool:
    """True for markup: an <html>/<!doctype html> start, or text dominated by HTML tags."""
    start = text.lstrip("\ufeff \t\r\n")
    if _HTML_START.match(start):
        return True
    sample = start[:65536]
    tags = _HTML_TAG.findall(sample)
    if not tags:
        return False
    if suffix in (".html", ".htm", ".xhtml") or (start.startswith("<") and len(tags) >= 2):
        return True
    markup = sum(len(t) for t in tags)
    return len(tags) >= 10 and markup >= 0.2 * len(sample.strip())


def _text_head(data: bytes) -> str | None:
    """The start of `data` as text, or None when it looks binary."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data[:65536].decode("utf-16", errors="replace")
        except UnicodeError:
            return None
    sample = data[:65536]
    if b"\x00" in data:
        return None
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    if controls > max(2, 0.02 * len(sample)):
        return None
    return sample.decode("utf-8", errors="replace")


def _zip_format(data: bytes, suffix: str) -> str:
    """docx when the zip holds word/document.xml; a clear reason otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        what = "Word file" if suffix in (".docx", ".docm", ".dotx", "") else "zip archive"
        raise Damaged(f"not a valid {what} (corrupt zip archive)") from e
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise SkipDocument("Excel workbook, not supported")
    if "ppt/presentation.xml" in names:
        raise SkipDocument("PowerPoint presentation, not supported")
    if "mimetype" in names or "content.xml" in names:
        raise SkipDocument("OpenDocument file, not supported yet (save it as .docx)")
    if suffix in (".docx", ".docm", ".dotx"):
        raise IngestError("not a valid Word file (zip archive without word/document.xml)")
    raise SkipDocument("zip archive, not supported (unpack it first)")


def _ole2_error(data: bytes, suffix: str) -> IngestError:
    """Tell an encrypted .docx from a legacy .doc/.xls/.ppt (all OLE2 compound files)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return IngestError("password-protected Word file")
    if "WordDocument".encode("utf-16-le") in data:
        return IngestError("legacy .doc Word file (Word 97-2003), not supported: save it as .docx")
    if suffix in (".xls", ".ppt", ".msg"):
        return IngestError(f"legacy Office file ({suffix}), not supported")
    return IngestError("password-protected or legacy .doc Word file")
