"""Format detection by content and the dispatcher's refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.ingest import INGESTERS, IngestError, SkipDocument, ingest_bytes, read_document
from pipeline.ingest.detect import detect_format


def test_registered_ingesters() -> None:
    assert {"txt", "docx", "html"} <= set(INGESTERS)


@pytest.mark.parametrize(
    ("data", "suffix", "fmt"),
    [
        (b"Projekta partneri:\n1. Gotingena\n", ".txt", "txt"),
        ("Teksts ar garumzīmēm".encode("cp1257"), ".txt", "txt"),
        (b"\xef\xbb\xbf  \n<!DOCTYPE html><html><body>x</body></html>", ".txt", "html"),
        (b"<html lang='lv'><body><p>x</p></body></html>", "", "html"),
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'></html>", "", "html"),
        (b"<div><p>Rindkopa</p></div>", ".txt", "html"),
        (b"Plain text that mentions <b> once.", ".html", "html"),
        (b"Plain text, no tags at all.", ".html", "txt"),
        (b"a < b and c > d", ".txt", "txt"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", ".pdf", "pdf"),
        ("Teksts UTF-16".encode("utf-16"), ".txt", "txt"),
        (b"Just text named docx", ".docx", "txt"),
    ],
)
def test_detect_format(data: bytes, suffix: str, fmt: str) -> None:
    assert detect_format(data, suffix) == fmt


def test_docx_detected_by_content() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    for suffix in ("", ".txt", ".html", ".docx", ".zip"):
        assert detect_format(buf.getvalue(), suffix) == "docx"


@pytest.mark.parametrize("data", [b"", b"   ", b"\r\n\t \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty(data: bytes) -> None:
    with pytest.raises(IngestError, match="^empty file$"):
        detect_format(data, ".txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 100,
        b"text with a nul\x00 byte",
        b"\x00" * 64,
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary(data: bytes) -> None:
    with pytest.raises(IngestError, match="^binary data, not text$"):
        detect_format(data, ".txt")


def test_pdf_without_a_document_catalog_fails_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    with pytest.raises(IngestError, match="^not a valid PDF"):
        read_document(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image file"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image file"),
        (b"{\\rtf1\\ansi Teksts}", "RTF"),
    ],
)
def test_other_formats_are_skipped_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(SkipDocument, match=message):
        ingest_bytes(data, suffix=".txt")


def test_legacy_doc_is_refused_clearly() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(IngestError, match="legacy .doc Word file"):
        ingest_bytes(data, suffix=".doc")


def test_corrupt_zip_named_zip_is_not_called_word() -> None:
    with pytest.raises(IngestError, match=r"^not a valid zip archive \(corrupt zip archive\)$"):
        ingest_bytes(b"PK\x03\x04" + b"\x00" * 40, suffix=".zip")


def test_ingester_bug_becomes_a_readable_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> None:
        raise ValueError("boom")

    monkeypatch.setitem(INGESTERS, "txt", broken)
    with pytest.raises(IngestError, match=r"^could not read this TXT file \(ValueError\)$"):
        ingest_bytes(b"hello")


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="folder"):
        read_document(tmp_path)
