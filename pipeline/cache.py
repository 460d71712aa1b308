"""The per-document cache: an SQLite file of results keyed by content and pipeline version.

A nightly run over an archive that barely changed should not extract every document again.
The key is the SHA-256 of the file's bytes, its suffix (a hint to format detection) and the
options that change extraction; each row also records the *pipeline version*, a hash of the
package's source and resource files and of the installed versions of its dependencies. Any change
to code, language data or a dependency makes every row stale, so a cached result is always the
result the current code would compute. Linking, validation and export never come from the cache;
a rerun carries over what they made of unchanged projects from the memo of the previous run, kept
beside the cache (`memo_path`, `pipeline.stages.memo`).

Only results of `process_bytes` are stored (they depend on the bytes alone); time-outs, crashed
workers and unreadable files are not, because they depend on the machine, not on the content.
Rows are pickled with an allow-list unpickler (model classes, dates, decimals only), so a cache
file cannot make the pipeline run arbitrary code.

The cache also remembers each input file's content hash under its stat signature (`FileHashes`:
size, modification and change times in nanoseconds, inode, device), so that a rerun reads only
the files that changed. Any write to a file changes its change time (ctime), which no user
call can set back, so a file rewritten with the same size and modification time is read again
too; a file whose times are within a few seconds of its hashing is not remembered (a write in
the same clock tick would not show). The limit: a file system without a change time (FAT;
Windows reports the creation time) does not show a rewrite with the same size and mtime.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import shutil
import sqlite3
import sys
import time
import zlib
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

from pipeline.seam import DocResult, Options

FILE_NAME = "cache.sqlite3"
DEFAULT_DIR = ".pipeline-cache"
_PACKAGE = Path(__file__).resolve().parent
_COMMIT_EVERY = 200  # rows per transaction: a killed run keeps most of its work
_ALLOWED = {
    ("pipeline.seam", "DocResult"),
    ("pipeline.model", "Document"),
    ("pipeline.model", "Block"),
    ("pipeline.model", "Fact"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("decimal", "Decimal"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


class CacheError(Exception):
    """The cache file cannot be used; str() is a one-line reason."""


def default_path(out: Path) -> Path:
    """Beside the output folder, so one archive's cache follows its outputs."""
    return out.resolve().parent / DEFAULT_DIR / FILE_NAME


def memo_path(cache_file: Path, out: Path) -> Path:
    """Where a run into `out` keeps its run store for the next run (`pipeline.stages.memo`):
    beside the cache, one file per output folder."""
    name = hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache_file.parent / f"{cache_file.name}.runs" / f"{name}.sqlite3"


@cache
def pipeline_version() -> str:
    """Hash of every source and resource file of the package and of the dependency versions."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    h.update(f"python {sys.version_info.major}.{sys.version_info.minor}\0".encode())
    try:
        requires = metadata.requires("pipeline") or []
    except metadata.PackageNotFoundError:
        requires = []
    for req in sorted(requires):
        name = req.split(";")[0].split("[")[0]
        for sep in "<>=!~ ":
            name = name.split(sep)[0]
        try:
            h.update(f"{name}=={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} missing\0".encode())
    return h.hexdigest()[:16]


def key(sha256: str, relative: str, options: Options) -> str:
    """Cache key of a document: its content, its suffix and the options that change results."""
    suffix = Path(relative).suffix.lower()
    ref = options.reference_date.isoformat() if options.reference_date else ""
    return hashlib.sha256(f"{sha256}\0{suffix}\0{ref}".encode()).hexdigest()


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def dumps(result: DocResult) -> bytes:
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)


def loads(blob: bytes) -> DocResult:
    result = _SafeUnpickler(io.BytesIO(zlib.decompress(blob))).load()
    if not isinstance(result, DocResult):
        raise pickle.UnpicklingError("not a document result")
    return result


def rebind(result: DocResult, doc_id: str, relative: str) -> DocResult:
    """A cached result under the doc_id and path of the file at hand (same bytes elsewhere)."""
    doc = replace(result.doc, doc_id=doc_id, source_path=relative)
    facts = [replace(f, doc_id=doc_id) for f in result.facts]
    return DocResult(doc, facts, result.notes)


class ResultCache:
    """get/put of document results; writes are batched into transactions."""

    def __init__(self, path: Path, version: str | None = None) -> None:
        self.path = path
        self.version = version or pipeline_version()
        self.hits = self.misses = 0
        self.write_error = ""
        self._pending = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS results ("
                " key TEXT PRIMARY KEY, version TEXT NOT NULL, result BLOB NOT NULL)"
            )
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS runs (out TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
                " outputs TEXT NOT NULL, summary TEXT NOT NULL)"
            )
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, signature TEXT NOT NULL,"
                " sha256 TEXT NOT NULL)"
            )
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot use the cache {path}: {_reason(exc)}") from exc
        self.hashes = FileHashes(self)

    def last_run(self, out: Path) -> tuple[str, str, str] | None:
        """(fingerprint, outputs digest, summary) of the last complete run into `out`."""
        try:
            row = self.db.execute(
                "SELECT fingerprint, outputs, summary FROM runs WHERE out = ?",
                (str(out.resolve()),),
            ).fetchone()
        except sqlite3.Error:
            return None
        return tuple(row) if row else None

    def save_run(self, out: Path, fingerprint: str | None, outputs: str | None, summary: str
                 ) -> None:
        """Remember what the outputs in `out` were made from; None forgets it (a run whose
        outputs a rerun must not keep)."""
        try:
            if fingerprint is None or outputs is None:
                self.db.execute("DELETE FROM runs WHERE out = ?", (str(out.resolve()),))
            else:
                self.db.execute(
                    "INSERT OR REPLACE INTO runs (out, fingerprint, outputs, summary)"
                    " VALUES (?, ?, ?, ?)", (str(out.resolve()), fingerprint, outputs, summary),
                )
            self.db.commit()
        except sqlite3.Error as exc:
            raise CacheError(f"cannot write the cache {self.path}: {_reason(exc)}") from exc

    def get(self, key: str) -> DocResult | None:
        try:
            row = self.db.execute(
                "SELECT result FROM results WHERE key = ? AND version = ?", (key, self.version)
            ).fetchone()
            result = loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, zlib.error, EOFError, AttributeError):
            result = None  # a damaged row is a miss; the new result overwrites it
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, key: str, result: DocResult) -> None:
        """Store a result. A cache that cannot be written (a full disk) costs the next run its
        time, not this run its outputs: the first failure is kept in `write_error` (the CLI
        warns) and later results are not stored."""
        if self.write_error:
            return
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO results (key, version, result) VALUES (?, ?, ?)",
                (key, self.version, dumps(result)),
            )
            self._pending += 1
            if self._pending >= _COMMIT_EVERY:
                self.db.commit()
                self._pending = 0
        except sqlite3.Error as exc:
            self.write_error = f"cannot write the cache {self.path}: {_reason(exc)}"

    def close(self, prune: bool = True) -> None:
        """Commit, and drop rows of other pipeline versions (they can never be hit again)."""
        try:
            self.hashes.flush()
            if prune:
                self.db.execute("DELETE FROM results WHERE version != ?", (self.version,))
            self.db.commit()
        except sqlite3.Error:
            pass
        finally:
            self.db.close()


Signature = str  # a file's stat signature, as `FileHashes` compares it
_SETTLED = 3.0  # seconds: a file changed more recently than this is hashed again next time


def signature(st: os.stat_result) -> Signature:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


class FileHashes:
    """Input files' content hashes by path and stat signature, kept in the cache: a file whose
    signature is the one it had when it was hashed is not read again (see the module doc)."""

    def __init__(self, cache: ResultCache) -> None:
        self.cache = cache
        self._known: dict[str, tuple[Signature, str]] | None = None
        self._new: list[tuple[str, Signature, str]] = []

    def _rows(self) -> dict[str, tuple[Signature, str]]:
        if self._known is None:
            try:
                rows = self.cache.db.execute("SELECT path, signature, sha256 FROM files")
                self._known = {p: (sig, sha) for p, sig, sha in rows}
            except sqlite3.Error:
                self._known = {}
        return self._known

    def lookup(self, path: Path) -> tuple[str | None, os.stat_result | None]:
        """(the remembered hash or None, the file's stat or None when it cannot be had)."""
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        known = self._rows().get(os.path.abspath(path))
        return (known[1] if known and known[0] == signature(st) else None), st

    def remember(self, path: Path, st: os.stat_result | None, sha256: str) -> None:
        """Remember the hash of the bytes read after `st` was taken (unless the file changed
        too recently for its times to tell a later write)."""
        if st is None or time.time() - max(st.st_mtime, st.st_ctime) < _SETTLED:
            return
        entry = (os.path.abspath(path), signature(st), sha256)
        self._rows()[entry[0]] = entry[1:]
        self._new.append(entry)

    def flush(self) -> None:
        """Write the new hashes (a cache that cannot be written costs the next run a read of
        each file, nothing else)."""
        if self._new:
            with contextlib.suppress(sqlite3.Error):
                self.cache.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)",
                                          self._new)
                self.cache.db.commit()
        self._new = []


def clear(path: Path) -> bool:
    """Delete the cache file (and SQLite's side files) and the memos of previous runs kept
    beside it (`memo_path`); False when there was none."""
    existed = False
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            p.unlink()
            existed = True
        except FileNotFoundError:
            continue
    runs = path.with_name(f"{path.name}.runs")
    if runs.is_dir():
        shutil.rmtree(runs)
        existed = True
    return existed


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return " ".join(str(exc).split()) or type(exc).__name__


def info(path: Path) -> dict[str, int]:
    """Rows, rows of the current version and file size of a cache file."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            current = db.execute(
                "SELECT COUNT(*) FROM results WHERE version = ?", (pipeline_version(),)
            ).fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise CacheError(f"cannot read the cache {path}: {_reason(exc)}") from exc
    return {"rows": rows, "current": current, "bytes": path.stat().st_size}
