"""The per-document seam's types: what goes into the per-document work and what comes out.

`runner.process_bytes` maps a `Task`'s bytes and `Options` to a `DocResult`; the engines that
run it over an archive (the local pool in `pipeline.parallel`, Dask in `pipeline.engines.dask`),
the cache and the whole-archive stages all speak these types. They live here, below all of
them, so that imports run one way: seam <- runner, cache, parallel, engines <- runner.run_batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.model import Document, Fact

# Limits (documented in the README, "Limits"): files larger than DEFAULT_MAX_BYTES are recorded
# as failed without being read; a document that takes longer than DEFAULT_TIMEOUT seconds is
# stopped (its worker process killed) and recorded as failed.
DEFAULT_MAX_BYTES = 50 * 2**20
DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class Options:
    """What changes the result of one document (besides its bytes)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    reference_date: date | None = None


@dataclass
class DocResult:
    """A document and its facts; `notes` is what the validation rules read of the document
    alone, worked out where it was extracted (`pipeline.validate.prepare`: None when not), so
    that a project's rules do not work it out again for every document of the project."""

    doc: Document
    facts: list[Fact] = field(default_factory=list)
    notes: dict[str, object] | None = None


@dataclass(frozen=True)
class Task:
    """One document for an engine: its index in the file list, its bytes and names (and, for
    an engine whose workers can read the file themselves, its absolute path and hash)."""

    index: int
    data: bytes
    relative: str
    doc_id: str
    path: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class DuplicateOf:
    """A file with the same bytes as the earlier file `first` (an index into the file list):
    not processed again; the consumer turns it into a result with `duplicate_result`."""

    first: int
    doc_id: str
    relative: str


def compact(result: DocResult) -> DocResult:
    """Drop what only the extractors read (the blocks) before a result travels to the parent,
    which holds one result per document for the whole archive."""
    result.doc.blocks = []
    return result


def failed(task: Task, reason: str) -> DocResult:
    """The record of a document whose worker was stopped or died (the reason is one line)."""
    import hashlib

    doc = Document(
        doc_id=task.doc_id,
        source_path=task.relative,
        sha256=hashlib.sha256(task.data).hexdigest(),
        format="",
        status="failed",
        error=reason,
    )
    return DocResult(doc)
