"""The batch: discover files, process each in isolation, then hand the results on.

`process_bytes` is the per-document work function: a file's bytes in, a `DocResult` (the
document and its facts) out, no shared state, no file system, no exceptions. It is the seam for
running documents in worker processes (`pipeline.parallel`) or, later, on a distributed engine;
`process_document` is the same for a path. `run_batch` streams the files of an archive through
the cache (`pipeline.cache`) and the worker pool (or another engine, `pipeline.engines`, e.g.
Dask) and hands each outcome to a sink as it comes
(the run's `stages.ArchiveBuilder`, which keeps them on disk); outcomes carry their file index,
so the outputs do not depend on the number of workers or the order of completion.
`process_all` collects them into a list for tests and small archives."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pipeline.extract  # noqa: F401  (registers the extractors)
from pipeline import doctype
from pipeline.assemble import assemble
from pipeline.extract.base import ExtractContext, registered
from pipeline.ingest import IngestError, SkipDocument, human_size, ingest_bytes, read_limited
from pipeline.ingest.txt import text_document
from pipeline.model import Document, Fact, RawDocument
from pipeline.seam import (  # the seam's types, importable from here as before
    DEFAULT_TIMEOUT,
    DocResult,
    DuplicateOf,
    Options,
)
from pipeline.validate import prepare

if TYPE_CHECKING:
    from pipeline.cache import FileHashes, ResultCache
    from pipeline.engines import Engine
    from pipeline.seam import Task


# Fewer documents than this to extract (and at most INLINE_BYTES of them): extracted in this
# process instead of by worker processes (`parallel.run_inline`); the results are the same.
# Measured on the 2-core machine at a load average of 4-5 (docs/benchmarks.md, issue 14): the
# batch of a rerun took 2.7-2.8 s in-process against 5.0-6.6 s with two workers for 50
# documents, 4.5-6.5 s against 8.0-9.7 s for 200 (each worker loads the language models and
# compiles the extractors' patterns, ~1.7 s of CPU, before its first document). With two
# workers or more asked for, a copy of this process forked after the first document shares
# the rest (`run_inline`'s helper): 200 documents of a 20,000-document rerun 2.5 -> 1.9 s.
INLINE_MAX = 250
INLINE_BYTES = 64 * 2**20


@dataclass(frozen=True)
class BatchSettings:
    """How the batch runs; none of it changes a document's result (except time-outs)."""

    workers: int = 0  # 0: in this process, without a time limit; N: N worker processes
    timeout: float | None = DEFAULT_TIMEOUT
    cache: ResultCache | None = None
    engine: Engine | None = None  # another engine (`pipeline.engines`); None: the local pool
    # Documents the previous run already did (`stages.memo`): known(relative, sha256, doc_id)
    # gives the outcome to hand to the sink instead of a result, or None.
    known: Callable[[str, str, str], object | None] | None = None


@dataclass(frozen=True)
class InputFile:
    path: Path
    relative: str  # relative to the input folder it was found in


class InputError(Exception):
    """An input folder cannot be read; str() is a one-line reason."""


def discover(
    inputs: Iterable[Path], warn: Callable[[str], None] | None = None
) -> list[InputFile]:
    """Files under `inputs`, recursively, sorted; hidden files and Word lock files skipped.

    An input that cannot be listed raises InputError; a sub-folder that cannot be listed is
    reported through `warn` (its files are missing from the run) and the walk goes on.
    """
    found: list[InputFile] = []
    for root in inputs:
        if root.is_file():
            found.append(InputFile(root, _shown(root.name)))
            continue
        try:
            with os.scandir(root):
                pass
        except OSError as exc:
            raise InputError(
                f"cannot read the input folder {root}: {(exc.strerror or str(exc)).lower()}"
            ) from exc

        def onerror(exc: OSError) -> None:
            if warn:
                reason = (exc.strerror or str(exc)).lower()
                warn(f"cannot read the folder {exc.filename}: {reason}; its files are skipped")

        for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith((".", "~$")) or name.endswith(".gold.json"):
                    continue
                path = Path(dirpath) / name
                found.append(InputFile(path, _shown(path.relative_to(root).as_posix())))
    return sorted(found, key=lambda f: (f.relative, str(f.path)))


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (names from an old code page, which Python
    keeps as lone surrogates) become U+FFFD, so that the name can be written into the tables."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte (Windows names)
        return name.encode("utf-8", "replace").decode("utf-8")


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
    # Names that differ only in characters the slug drops ('a b.txt', 'a_b.txt') still share
    # an id: the later files (in file order) get _2, _3, ... (texts and rows are keyed by it).
    taken, seen = set(ids), set()
    for i, doc_id in enumerate(ids):
        if doc_id in seen:
            n = 2
            while f"{doc_id}_{n}" in taken:
                n += 1
            ids[i] = f"{doc_id}_{n}"
            taken.add(ids[i])
        seen.add(ids[i])
    return ids


def process_document(
    path: Path, relative: str, doc_id: str, options: Options = Options()
) -> DocResult:
    """Read one file and process its bytes. Never raises: failures become the status.

    The size limit is checked before reading, so an oversized file costs no memory.
    """
    doc = Document(doc_id=doc_id, source_path=relative, sha256="", format="")
    try:
        data = read_limited(path, options.max_bytes)
    except IngestError as exc:
        return _failed(doc, str(exc))
    return process_bytes(data, relative, doc_id, options)


def process_bytes(
    data: bytes, relative: str, doc_id: str, options: Options = Options()
) -> DocResult:
    """The pure per-document function: a file's bytes in, its document and facts out.

    Depends on nothing but its arguments, the package's code and resources: no file system, no
    shared state. The suffix of `relative` is only a hint (formats are detected by content).
    Never raises: a failure becomes the document's status with a one-line reason.
    """
    doc = Document(doc_id=doc_id, source_path=relative, sha256="", format="")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if len(data) > options.max_bytes:
        return _failed(doc, f"file larger than the {human_size(options.max_bytes)} limit")
    return _process(doc, lambda: ingest_bytes(data, suffix=Path(relative).suffix), options)


def process_text(text: str, doc_id: str = "text", options: Options = Options()) -> DocResult:
    """`process_bytes` for text that is already a `str`, read as a plain-text file is (one
    block per non-empty line) but without guessing its format or encoding: a text that
    starts like a web page stays text. The spaCy component (`pipeline.spacy_component`) runs
    this on `Doc.text`. Offsets index the normalized `DocResult.doc.text`, as everywhere."""
    data = text.encode("utf-8", "surrogatepass")
    doc = Document(doc_id=doc_id, source_path=f"{doc_id}.txt", sha256="", format="")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if len(data) > options.max_bytes:
        return _failed(doc, f"text larger than the {human_size(options.max_bytes)} limit")
    return _process(doc, lambda: text_document(text, "utf-8"), options)


def _process(doc: Document, read: Callable[[], RawDocument], options: Options) -> DocResult:
    """Ingest (`read`), assemble and extract one document; every failure becomes its status."""
    try:
        raw = read()
        assemble(doc, raw)
        if not doc.text.strip():
            raise IngestError("no text in the document")
        result = prepare(DocResult(doc, extract(doc, options)))
    except SkipDocument as exc:
        doc.status, doc.error = "skipped", _one_line(str(exc))
        return DocResult(doc)
    except IngestError as exc:
        return _failed(doc, str(exc))
    except RecursionError:
        return _failed(doc, "document structure nested too deeply to process")
    except MemoryError:
        return _failed(doc, "document too large to process in memory")
    except Exception as exc:  # a bug must cost one document, not the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _failed(
            doc,
            f"internal error ({type(exc).__name__}: {exc}) at "
            f"{Path(where.filename).name}:{where.lineno}",
        )
    return result


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
    doc.doc_type = doctype.settle(doc.doc_type, doc.text, ctx.facts)  # a dated page is a post
    return ctx.facts


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]


def _failed(doc: Document, reason: str) -> DocResult:
    doc.status, doc.error = "failed", _one_line(reason) or "unknown error"
    doc.text = ""
    return DocResult(doc)


Outcome = "DocResult | DuplicateOf"
Sink = Callable[[int, Outcome], None]
ProgressFn = Callable[[Outcome], None]


def run_batch(
    files: list[InputFile],
    options: Options,
    sink: Sink,
    progress: ProgressFn | None = None,
    settings: BatchSettings = BatchSettings(),
) -> None:
    """Process every file, handing each outcome to `sink(index into files, outcome)` as soon
    as it is there.

    The parent reads and hashes each file (streaming: one at a time), answers from the cache
    when it can and hands the rest to the workers. Nothing is kept per document here, so a sink
    that stores each outcome as it comes (`stages.ArchiveBuilder`) holds the archive nowhere in
    memory. Outcomes come in completion order (the sink orders them by index); identical files
    (same bytes) are processed once, and the later ones come last, as `DuplicateOf`. Results
    keep no blocks (`seam.compact`).
    """
    from pipeline import cache as cache_mod
    from pipeline.parallel import run_inline, run_parallel
    from pipeline.seam import Task, compact

    doc_ids = assign_doc_ids(files)
    first_of: dict[str, int] = {}  # sha256 -> index of the first file with these bytes
    duplicates: list[tuple[int, int]] = []
    store = settings.cache

    def emit(index: int, outcome: Outcome) -> None:
        sink(index, outcome)
        if progress:
            progress(outcome)

    def unreadable(i: int, f: InputFile, doc_id: str, exc: IngestError) -> None:
        doc = Document(doc_id=doc_id, source_path=f.relative, sha256="", format="")
        emit(i, _failed(doc, str(exc)))

    def tasks() -> Iterator[Task]:
        hashes = store.hashes if store is not None else None
        for i, (f, doc_id) in enumerate(zip(files, doc_ids, strict=True)):
            try:
                sha, data = content(f, options.max_bytes, hashes)
            except IngestError as exc:
                unreadable(i, f, doc_id, exc)
                continue
            if sha in first_of:
                duplicates.append((i, first_of[sha]))
                continue
            first_of[sha] = i
            if settings.known is not None:
                carried = settings.known(f.relative, sha, doc_id)
                if carried is not None:
                    if store is not None:
                        store.hits += 1
                    emit(i, carried)  # type: ignore[arg-type]
                    continue
            if store is not None:
                hit = store.get(cache_mod.key(sha, f.relative, options))
                if hit is not None:
                    emit(i, cache_mod.rebind(hit, doc_id, f.relative))
                    continue
            if data is None:  # known by its signature, not read yet: needed now
                try:
                    data = read_limited(f.path, options.max_bytes)
                except IngestError as exc:
                    unreadable(i, f, doc_id, exc)
                    continue
            yield Task(i, data, f.relative, doc_id, os.path.abspath(f.path), sha)

    computed: Iterable[tuple[int, DocResult]]
    if settings.engine is not None:
        computed = settings.engine.run(tasks(), options, process_bytes, settings.timeout)
    elif settings.workers <= 0:
        computed = (
            (t.index, compact(process_bytes(t.data, t.relative, t.doc_id, options)))
            for t in tasks()
        )
    else:
        head, rest = _first_few(tasks())
        if rest is None:  # a handful: no workers to start
            computed = run_inline(head, options, settings.timeout, work=process_bytes,
                                  helper=settings.workers >= 2)
        else:
            computed = run_parallel(itertools.chain(head, rest), options, settings.workers,
                                    settings.timeout, work=process_bytes)
    try:
        for index, result in computed:
            if store is not None and result.doc.sha256 and not machine_dependent(result):
                store.put(cache_mod.key(result.doc.sha256, files[index].relative, options), result)
            emit(index, result)
    finally:  # stopped early (Ctrl-C, a full disk): the engine stops its work now
        close = getattr(computed, "close", None)
        if close is not None:
            close()
    for i, first in duplicates:
        emit(i, DuplicateOf(first, doc_ids[i], files[i].relative))


def _first_few(tasks: Iterator[Task]) -> tuple[list[Task], Iterator[Task] | None]:
    """The first tasks, up to INLINE_MAX documents and INLINE_BYTES; the rest of the iterator,
    or None when these are all."""
    head: list[Task] = []
    size = 0
    for task in tasks:
        head.append(task)
        size += len(task.data)
        if len(head) >= INLINE_MAX or size > INLINE_BYTES:
            return head, tasks
    return head, None


def process_all(
    files: list[InputFile],
    options: Options,
    progress: ProgressFn | None = None,
    settings: BatchSettings = BatchSettings(),
) -> list[DocResult]:
    """`run_batch` collected into a list in file order (for tests and small archives; the CLI
    streams the outcomes into a `stages.ArchiveBuilder` instead)."""
    results: list[DocResult | None] = [None] * len(files)

    def keep(index: int, outcome: Outcome) -> None:
        if isinstance(outcome, DuplicateOf):
            first = results[outcome.first]
            assert first is not None
            outcome = duplicate_result(first, outcome)
        results[index] = outcome

    run_batch(files, options, keep, progress, settings)
    return [r for r in results if r is not None]


def content(f: InputFile, max_bytes: int, hashes: FileHashes | None
            ) -> tuple[str, bytes | None]:
    """(the file's SHA-256, its bytes or None when the hash is the one `hashes` remembered for
    the file's unchanged stat signature: then it is not read). IngestError: unreadable."""
    st = None
    if hashes is not None:
        sha, st = hashes.lookup(f.path)
        if sha is not None and st is not None and st.st_size <= max_bytes:
            return sha, None
    data = read_limited(f.path, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if hashes is not None:
        hashes.remember(f.path, st, sha)
    return sha, data


def fingerprint(files: list[InputFile], options: Options, settings: str = "",
                hashes: FileHashes | None = None) -> str:
    """What a run's outputs are made of: every file's relative path and content hash (or why
    it cannot be read), the options, `settings` (other things that change the outputs, e.g. the
    required fields) and the pipeline version (code, language data, dependencies). Reads every
    file once, one at a time, but those whose hash `hashes` remembers."""
    from pipeline.cache import pipeline_version

    h = hashlib.sha256()
    h.update(f"{pipeline_version()}\0{options}\0{settings}\n".encode())
    for f in files:
        try:
            digest = content(f, options.max_bytes, hashes)[0]
        except IngestError as exc:
            digest = f"unreadable: {exc}"
        h.update(f"{f.relative}\0{digest}\n".encode())
    return h.hexdigest()


def machine_dependent(result: DocResult) -> bool:
    """Time-outs and crashed workers say more about the machine than about the bytes."""
    return result.doc.status == "failed" and result.doc.error.startswith(
        ("processing took longer", "the worker process", "document too large to process")
    )


def duplicate_result(first: DocResult, dup: DuplicateOf) -> DocResult:
    """A file with the same bytes as an earlier one: skipped when that one was read (with its
    metadata), else the same failure (the bytes would fail the same way)."""
    doc = replace(first.doc, doc_id=dup.doc_id, source_path=dup.relative, blocks=[])
    if first.doc.status == "ok":
        doc.status = "skipped"
        doc.error = f"duplicate of {first.doc.doc_id} (identical content)"
        doc.duplicate_of = first.doc.doc_id
    return DocResult(doc)
