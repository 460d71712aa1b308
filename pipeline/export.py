"""Writing the output folder atomically, as one set.

Every file of a run (the CSV tables, `text/`, `report.html`) is first written into a staging
folder beside the output folder (same parent, so same file system). Then the old folder is
renamed aside, the staging folder renamed into its place, and the old one deleted. A reader or
a killed run therefore sees either the complete previous set or the complete new set, never a
mix of tables from two runs. The one moment with no output folder at all lies between the two
renames (microseconds); a run killed exactly there leaves the previous folder under a hidden
name (`.<out>.pipeline-old-*`), and the next run (or `recover`) puts it back before doing anything.

Files in the output folder that the pipeline does not write (a `.gitkeep`, a user's notes) are
carried over into the new folder as hard links (copies where links are impossible); the names
a run wrote are listed in `.pipeline-manifest.json`, so that files dropped by a later version
are not carried over forever. The guarantee is against the process being stopped (signal,
crash, Ctrl-C), not against power loss: files are not fsync'ed. Two runs writing the same
output folder at the same time are not supported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

MANIFEST = ".pipeline-manifest.json"
_NEW, _OLD = ".pipeline-new-", ".pipeline-old-"
_LEGACY_TMP = (".pipeline-tmp-", ".pipeline-old-")  # staging names of earlier versions


class OutputError(Exception):
    """The output folder cannot be written; str() is a one-line reason."""


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A free temporary path beside `target` to build a file at; when the block ends without an
    error it is moved onto `target` with one rename (readers see the old file or the new one,
    never half of one), otherwise removed. Used for single files written outside a run's output
    set: `pipeline show --html`, a report written on its own, the DuckDB database, the workbook."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # free, not an empty file: DuckDB refuses to open an empty file as a database
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from others
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def cell(value: object) -> str:
    """A CSV cell by the contract: empty for missing, lower-case booleans, no 'nan'/'None'."""
    if type(value) is str:  # most cells: checked first (millions of cells at 20,000 documents)
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def check_writable(out: Path) -> None:
    """Fail early (before hours of work) when the output folder cannot be written."""
    shutil.rmtree(_staging(_target(out)), ignore_errors=True)


def _staging(out: Path) -> Path:
    """A new staging folder beside `out`, after undoing what a killed run left behind."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"cannot write to {out}: a file is in the way of the folder") from exc
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {_reason(exc)}") from exc
    try:
        recover(out)
        if out.exists() and not (out.is_dir() and os.access(out, os.W_OK | os.X_OK)):
            what = "a file is in the way of the folder" if not out.is_dir() else (
                "the folder is read-only")
            raise OutputError(f"cannot write to {out}: {what}")
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_NEW}", dir=out.parent))
        os.chmod(staging, _folder_mode(out))  # mkdtemp makes it private (0700)
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {_reason(exc)}") from exc
    return staging


# A file as a run left it: (size, modification time in ns), as `outputs_digest` knows the
# outputs. Kept by the run store for each document's text, so that the next run can tell the
# text it wrote without reading it (a hard link or a copy that keeps times keeps the mark).
FileMark = tuple[int, int]


def file_mark(path: Path) -> FileMark:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns)


class OutputSet:
    """The staging folder of one run: files are written into `folder` (by name, with `add`),
    then `commit` swaps the whole set in; leaving the `with` block without committing (an error,
    Ctrl-C) deletes it. OSErrors on the way become OutputErrors with a one-line reason."""

    def __init__(self, out: Path) -> None:
        self.out = _target(out)
        self.folder = _staging(self.out)
        self.written: list[str] = []
        self._texts: Path | None = None

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        try:
            yield
        except OSError as exc:
            raise OutputError(f"cannot write to {self.out}: {_reason(exc)}") from exc

    def add(self, name: str) -> Path:
        """The path of an output named `name` in the staging folder (recorded in the manifest)."""
        if name not in self.written:
            self.written.append(name)
        return self.folder / name

    def write_text(self, doc_id: str, text: str) -> FileMark:
        """`text/<doc_id>.txt`; a file whose bytes are unchanged since the last run is hard-linked
        from the old folder instead of written again (a nightly rerun changes few documents).
        Returns the file's mark (`file_mark`), which `link_text` takes."""
        name = f"{doc_id}.txt"
        data = text.encode("utf-8")
        old = self.out / "text" / name
        target = self._text_folder() / name
        with self.guard():
            try:
                if old.stat().st_size == len(data) and old.read_bytes() == data:
                    os.link(old, target)
                    return file_mark(target)
            except OSError:
                pass  # not there, or no hard links here: write it
            target.write_bytes(data)
            return file_mark(target)

    def link_text(self, doc_id: str, sha256: str, mark: FileMark | None = None
                  ) -> FileMark | None:
        """Hard-link `text/<doc_id>.txt` from the old folder when it is the file the last run
        wrote (`mark`: its size and modification time then, as `write_text` gave them)
        or, without a mark or when it differs, when its bytes have this SHA-256 (a document
        carried from the previous run). Returns the file's mark; None when it cannot."""
        if not sha256:
            return None
        old = self.out / "text" / f"{doc_id}.txt"
        target = self._text_folder() / old.name
        try:
            if (mark is None or file_mark(old) != mark) and \
                    hashlib.sha256(old.read_bytes()).hexdigest() != sha256:
                return None
            os.link(old, target)
            return file_mark(target)
        except OSError:
            return None

    def _text_folder(self) -> Path:
        if self._texts is None:
            self._texts = self.add("text")
            with self.guard():
                self._texts.mkdir(exist_ok=True)
        return self._texts

    def commit(self) -> None:
        """Carry over the user's files, write the manifest and swap the set in."""
        with self.guard():
            if self._texts is None:
                self.add("text").mkdir(exist_ok=True)
            _carry_over(self.out, self.folder, set(self.written))
            manifest = json.dumps({"files": sorted(self.written)}, indent=1) + "\n"
            (self.folder / MANIFEST).write_text(manifest, encoding="utf-8")
            _swap(self.folder, self.out)


def outputs_digest(out: Path) -> str | None:
    """A digest of the names, sizes and modification times of the files the last run wrote
    into `out` (from its manifest; folders walked): changes when any of them is edited,
    replaced or deleted. None when there are no such outputs."""
    out = _target(out)
    h = hashlib.sha256()
    try:
        recover(out)
        names = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
        for name in sorted(names):
            for rel, st in _files_under(out, name):
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return h.hexdigest()


def _files_under(out: Path, name: str) -> list[tuple[str, os.stat_result]]:
    """(relative path, stat) of the file `name` or of every file under the folder `name`, in
    path order (by parts, as `Path` sorts). With `os.scandir`, not `Path.rglob`: a rerun's
    check walks the 20,000 texts and the report's pages, ~4x faster this way."""
    top = os.path.join(out, name)
    if not os.path.isdir(top):
        return [(name, os.stat(top))]
    found: list[tuple[tuple[str, ...], os.stat_result]] = []
    todo = [(top, (name,))]
    while todo:
        folder, parts = todo.pop()
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):  # as Path.rglob: links to folders not followed
                    todo.append((e.path, (*parts, e.name)))
                elif e.is_file(follow_symlinks=True):
                    found.append(((*parts, e.name), e.stat()))
    found.sort(key=lambda item: item[0])
    return [("/".join(parts), st) for parts, st in found]


def _target(out: Path) -> Path:
    """The real output folder (a symlinked output folder is replaced behind its link)."""
    out = Path(os.path.abspath(out))
    return out.resolve() if out.is_symlink() else out


def _folder_mode(out: Path) -> int:
    """The old folder's permissions, or the usual ones for a new folder."""
    if out.is_dir():
        return out.stat().st_mode & 0o7777
    return 0o777 & ~_umask()


def recover(out: Path) -> None:
    """Undo what a killed run left: restore a folder renamed aside, drop staging folders."""
    out = _target(out)
    if not out.parent.is_dir():
        return
    leftovers = sorted(out.parent.glob(f".{out.name}{_OLD}*"))
    if leftovers and not out.exists():
        os.rename(leftovers.pop(), out)  # killed between the two renames: previous set back
    for path in leftovers + sorted(out.parent.glob(f".{out.name}{_NEW}*")):
        shutil.rmtree(path, ignore_errors=True)
    if out.is_dir():
        for path in out.iterdir():
            if path.name.startswith(_LEGACY_TMP) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


def _carry_over(out: Path, staging: Path, written: set[str]) -> None:
    """Hard-link into `staging` what the user keeps in the output folder."""
    if not out.is_dir():
        return
    ours = set(written) | {MANIFEST}
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # no manifest yet
        ours |= set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"])
    for path in sorted(out.iterdir()):
        if path.name in ours or path.name.startswith(_LEGACY_TMP):
            continue
        target = staging / path.name
        if path.is_dir() and not path.is_symlink():
            shutil.copytree(path, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(path, target)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    if os.path.islink(src):
        os.symlink(os.readlink(src), dst)
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap(staging: Path, out: Path) -> None:
    """Two renames: the old folder aside, the new one in; then the old one deleted."""
    if not out.exists():
        os.rename(staging, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}{_OLD}", dir=out.parent))
    aside.rmdir()  # a unique free name; rename needs it absent
    os.rename(out, aside)
    os.rename(staging, out)
    shutil.rmtree(aside, ignore_errors=True)


def _reason(exc: OSError) -> str:
    """'no space left on device', 'permission denied', 'read-only file system', ..."""
    return (exc.strerror or str(exc)).lower()
