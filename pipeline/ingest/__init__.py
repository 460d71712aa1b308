"""Ingesters: turn an archive file into a `RawDocument` (blocks of text in reading order).

The format is detected from the content, not the suffix (archives hold Word files renamed to
.txt and web pages saved as .txt). Every failure is an `IngestError` or `SkipDocument` whose
message is one line a non-programmer understands, so the run report can show it as is.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import docx, html, pdf, txt  # noqa: F401  (importing registers the ingesters)
from pipeline.ingest.base import INGESTERS, IngestError, SkipDocument, register
from pipeline.ingest.detect import detect_format
from pipeline.model import RawDocument

__all__ = [
    "INGESTERS",
    "IngestError",
    "SkipDocument",
    "detect_format",
    "ingest_bytes",
    "read_document",
    "register",
]

MAX_BYTES = 50 * 2**20


def read_document(path: Path | str, *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read and ingest one file; too-large and unreadable files raise IngestError."""
    path = Path(path)
    limit = _size(max_bytes)
    try:
        if path.stat().st_size > max_bytes:
            raise IngestError(f"file larger than the {limit} limit")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError as e:
        raise IngestError("file not found") from e
    except IsADirectoryError as e:
        raise IngestError("a folder, not a file") from e
    except PermissionError as e:
        raise IngestError("file cannot be opened (permission denied)") from e
    except OSError as e:
        raise IngestError(f"file cannot be read ({e.strerror or 'input/output error'})") from e
    if len(data) > max_bytes:  # the file grew while we read it
        raise IngestError(f"file larger than the {limit} limit")
    return ingest_bytes(data, suffix=path.suffix)


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.4g} MB"
    return f"{n / 1024:.4g} KB" if n >= 1024 else f"{n} bytes"


def ingest_bytes(data: bytes, *, suffix: str = "") -> RawDocument:
    """Detect the format of `data` and run its ingester."""
    fmt = detect_format(data, suffix)
    ingester = INGESTERS.get(fmt)
    if ingester is None:
        raise SkipDocument(f"{fmt.upper()} input is not supported yet")
    try:
        return ingester(data)
    except (IngestError, SkipDocument):
        raise
    except RecursionError as e:
        raise IngestError(f"{fmt.upper()} structure nested too deeply to read") from e
    except MemoryError as e:
        raise IngestError("file too large to process in memory") from e
    except Exception as e:  # an ingester bug must not read as a crash to the person running it
        raise IngestError(f"could not read this {fmt.upper()} file ({type(e).__name__})") from e
