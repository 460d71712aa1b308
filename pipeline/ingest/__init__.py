"""Ingesters: turn an archive file into a `RawDocument` (blocks of text in reading order).

The format is detected from the content, not the suffix (archives hold Word files renamed to
.txt and web pages saved as .txt). Every failure is an `IngestError` or `SkipDocument` whose
message is one line a non-programmer understands, so the run report can show it as is.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import docx, html, pdf, txt  # noqa: F401  (importing registers the ingesters)
from pipeline.ingest.base import INGESTERS, Damaged, IngestError, SkipDocument, register
from pipeline.ingest.detect import detect_format
from pipeline.model import RawDocument

__all__ = [
    "INGESTERS",
    "IngestError",
    "SkipDocument",
    "detect_format",
    "ingest_bytes",
    "human_size",
    "read_document",
    "read_limited",
    "register",
]

MAX_BYTES = 50 * 2**20


def read_document(path: Path | str, *, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read and ingest one file; too-large and unreadable files raise IngestError."""
    path = Path(path)
    return ingest_bytes(read_limited(path, max_bytes), suffix=path.suffix)


def read_limited(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; IngestError with a one-line reason when too large or unreadable.
    The size is checked before reading, so an oversized file costs no memory."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file larger than the {human_size(max_bytes)} limit ({human_size(size)})")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except IsADirectoryError as exc:
        raise IngestError("a folder, not a file") from exc
    except PermissionError as exc:
        raise IngestError("file cannot be opened (permission denied)") from exc
    except FileNotFoundError as exc:
        raise IngestError("file not found (moved or deleted before it could be read)") from exc
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew while it was read
        raise IngestError(f"file larger than the {human_size(max_bytes)} limit")
    return data


def human_size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.4g} MB"
    return f"{n / 1024:.4g} KB" if n >= 1024 else f"{n} bytes"


def ingest_bytes(data: bytes, *, suffix: str = "") -> RawDocument:
    """Detect the format of `data` and run its ingester; a damaged file is salvaged (what can
    be read, with a note on what was lost) or fails with the normal reader's reason."""
    try:
        return _ingest(data, suffix)
    except Damaged as damaged:
        from pipeline.ingest.salvage import salvage

        try:
            rescued = salvage(data, suffix)
        except RecursionError:
            rescued = None
        except MemoryError as e:
            raise IngestError("file too large to process in memory") from e
        except Exception:  # a salvage bug: the reason stays the normal reader's
            rescued = None
        if rescued is None:
            if isinstance(damaged.__cause__, SkipDocument):
                raise damaged.__cause__ from None  # the normal reader's skip stands
            raise damaged from None
        return rescued


def _ingest(data: bytes, suffix: str) -> RawDocument:
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
