"""The batch: discover files, process each in isolation, then link, validate and export.

`process_document` is the per-document work function: a path in, a `DocResult` out, no shared
state and no exceptions. It is the seam for running documents in parallel or elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pipeline.extract  # noqa: F401  (registers the extractors)
from pipeline.assemble import assemble
from pipeline.extract.base import ExtractContext, registered
from pipeline.ingest import IngestError, SkipDocument, read_document
from pipeline.model import Document, Fact

DEFAULT_MAX_BYTES = 50 * 2**20


@dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    reference_date: date | None = None


@dataclass
class DocResult:
    doc: Document
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class InputFile:
    path: Path
    relative: str  # relative to the input folder it was found in


def discover(inputs: Iterable[Path]) -> list[InputFile]:
    """Files under `inputs`, recursively, sorted; hidden files and Word lock files skipped."""
    found: list[InputFile] = []
    for root in inputs:
        if root.is_file():
            found.append(InputFile(root, root.name))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith((".", "~$")) or name.endswith(".gold.json"):
                    continue
                path = Path(dirpath) / name
                found.append(InputFile(path, path.relative_to(root).as_posix()))
    return sorted(found, key=lambda f: (f.relative, str(f.path)))


def _slug(relative: str) -> str:
    stem = relative.rsplit(".", 1)[0] if "." in Path(relative).name else relative
    return re.sub(r"[^\w.-]+", "_", stem.replace("/", "__")).strip("_") or "document"


def assign_doc_ids(files: list[InputFile]) -> list[str]:
    """doc_id = the relative path without its suffix; files that would share one (a.txt and
    a.docx) keep their suffix too. Stable for the same file at the same relative path."""
    slugs = [_slug(f.relative) for f in files]
    counts: dict[str, int] = {}
    for s in slugs:
        counts[s] = counts.get(s, 0) + 1
    ids = []
    for f, s in zip(files, slugs, strict=False):
        ids.append(s if counts[s] == 1 else f"{s}_{Path(f.relative).suffix.lstrip('.') or 'x'}")
    return ids


def process_document(
    path: Path, relative: str, doc_id: str, options: Options = Options()
) -> DocResult:
    """Read, normalize and extract one document. Never raises: failures become the status."""
    doc = Document(doc_id=doc_id, source_path=relative, sha256="", format="")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _failed(doc, f"cannot read the file: {exc.strerror or exc}")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    try:
        raw = read_document(path, max_bytes=options.max_bytes)
        assemble(doc, raw)
        if not doc.text.strip():
            raise IngestError("no text in the document")
        facts = extract(doc, options)
    except SkipDocument as exc:
        doc.status, doc.error = "skipped", _one_line(str(exc))
        return DocResult(doc)
    except IngestError as exc:
        return _failed(doc, str(exc))
    except Exception as exc:  # a bug must cost one document, not the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _failed(
            doc,
            f"internal error ({type(exc).__name__}: {exc}) at "
            f"{Path(where.filename).name}:{where.lineno}",
        )
    return DocResult(doc, facts)


def extract(doc: Document, options: Options = Options()) -> list[Fact]:
    """Run the registered extractors in order over an assembled document."""
    ctx = ExtractContext(doc)
    if options.reference_date:
        ctx.cache["reference_date"] = options.reference_date
    for extractor in registered():
        for fact in extractor.fn(doc, ctx):
            if doc.text[fact.start : fact.end] != fact.text:
                raise AssertionError(f"{extractor.name}: span does not match its text")
            ctx.facts.append(fact)
    return ctx.facts


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]


def _failed(doc: Document, reason: str) -> DocResult:
    doc.status, doc.error = "failed", _one_line(reason) or "unknown error"
    doc.text = ""
    return DocResult(doc)


ProgressFn = Callable[[DocResult], None]


def process_all(
    files: list[InputFile], options: Options, progress: ProgressFn | None = None
) -> list[DocResult]:
    """Process every file; identical files (same bytes) are processed once."""
    results: list[DocResult] = []
    first_by_hash: dict[str, str] = {}
    for f, doc_id in zip(files, assign_doc_ids(files), strict=False):
        result = process_document(f.path, f.relative, doc_id, options)
        sha = result.doc.sha256
        if sha and sha in first_by_hash and result.doc.status == "ok":
            result = DocResult(result.doc)
            result.doc.status = "skipped"
            result.doc.error = f"duplicate of {first_by_hash[sha]} (identical content)"
            result.doc.duplicate_of = first_by_hash[sha]
        elif sha and result.doc.status == "ok":
            first_by_hash[sha] = doc_id
        results.append(result)
        if progress:
            progress(result)
    return results
