"""The run store: the archive on disk while the whole-archive stages run.

A batch of tens of thousands of documents does not fit in memory as Python objects (results,
rows, findings). So the run keeps each document's result, its output rows and the findings in
a temporary SQLite database inside the run's staging folder, and reads back one document or one
project at a time. The database is deleted before the outputs are swapped in (and with the
staging folder when a run is killed). Results are plain pickles: the file is written and read
by this run only, unlike the cache, whose pickles outlive the run and are read with care.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.export import cell
from pipeline.seam import DocResult

Row = dict[str, Any]
_BATCH = 500  # rows per transaction


class RunStore:
    """Document results by index (file order), per-document output rows, and findings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_only = False
        self.db = sqlite3.connect(path)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE",
                       "cache_size=-8000"):  # 8 MB of page cache
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(
            "CREATE TABLE results (idx INTEGER PRIMARY KEY, result BLOB NOT NULL);"
            # what filling in the project's years changed (`put_resolved`); `results` keeps
            # each document's result as extracted, which the next run's memo needs
            "CREATE TABLE resolved (idx INTEGER PRIMARY KEY, patch BLOB NOT NULL);"
            "CREATE TABLE kept (idx INTEGER PRIMARY KEY, kept BLOB NOT NULL);"
            "CREATE TABLE docs (idx INTEGER PRIMARY KEY, relative TEXT, sha256 TEXT,"
            " doc_id TEXT, status TEXT, reusable INTEGER, ids TEXT, project_id TEXT,"
            " context TEXT, csv BLOB);"
            "CREATE TABLE groups (project_id TEXT PRIMARY KEY, grp BLOB, csv BLOB,"
            " findings BLOB);"
            "CREATE TABLE doc_findings (idx INTEGER PRIMARY KEY, findings BLOB);"
            # the report site's pages: their documents, static digest and where they hold
            # each document's view (`report.site`)
            "CREATE TABLE pages (rel TEXT PRIMARY KEY, docs TEXT, static TEXT, records BLOB);"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            # a document's report rows and a digest of them and its text (`put_rows`)
            "CREATE TABLE rows (idx INTEGER PRIMARY KEY, rows BLOB NOT NULL, digest TEXT);"
            "CREATE TABLE findings (seq INTEGER PRIMARY KEY, sort_key BLOB NOT NULL,"
            " doc_id TEXT, project_id TEXT, severity TEXT, rule TEXT, finding BLOB NOT NULL);"
            "CREATE TABLE ordered (n INTEGER PRIMARY KEY, doc_id TEXT, project_id TEXT,"
            " severity TEXT, rule TEXT, finding BLOB NOT NULL);"
        )
        self._pending = 0
        self._seq = 0

    @classmethod
    def reader(cls, path: Path) -> RunStore:
        """The store of a run in progress opened read-only, by another process than the run's
        (the report site's page workers, `report.site_pool`): its own connection, which
        reads what the run has committed; `close` leaves the file alone."""
        store = cls.__new__(cls)
        store.path, store.read_only = path, True
        store.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        store.db.execute("PRAGMA query_only=ON")
        store._pending = store._seq = 0
        return store

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= _BATCH:
            self.db.commit()
            self._pending = 0

    # results
    def put(self, index: int, result: DocResult) -> None:
        blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (index, blob))
        self._wrote()

    def put_resolved(self, index: int, patch: bytes) -> None:
        """What filling in the project's years changed in a document's facts: a pickled
        {fact position: its values now} (`stages.projects`), applied by `get`. A patch, not the
        whole result: a project's worker sends it back, and most facts do not change."""
        self.db.execute("INSERT OR REPLACE INTO resolved VALUES (?, ?)", (index, patch))
        self._wrote()

    def get(self, index: int) -> DocResult:
        """The document's result, with its project's years filled in (`put_resolved`)."""
        result = self.get_raw(index)
        row = self.db.execute("SELECT patch FROM resolved WHERE idx = ?", (index,)).fetchone()
        if row:
            for pos, values in pickle.loads(row[0]).items():
                result.facts[pos].values = values
        return result

    def get_raw(self, index: int) -> DocResult:
        """The document's result as it was put (as extracted)."""
        row = self.db.execute("SELECT result FROM results WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise KeyError(index)
        result: DocResult = pickle.loads(row[0])
        return result

    # the packed entry of each document for the whole-archive stages (`stages`)
    def put_kept(self, index: int, blob: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO kept VALUES (?, ?)", (index, blob))
        self._wrote()

    def kept(self) -> Iterator[tuple[int, bytes]]:
        yield from self.db.execute("SELECT idx, kept FROM kept ORDER BY idx")

    def indexes(self) -> list[int]:
        return [i for (i,) in self.db.execute("SELECT idx FROM results ORDER BY idx")]

    # a document's output rows (table -> rows of strings), as written to the CSVs
    def put_rows(self, index: int, rows: dict[str, list[dict[str, str]]], digest: str) -> None:
        """A document's rows as the report shows them, and `digest`: a digest of everything
        the report shows of the document (its rows and its text; `stages.builder`), which a
        report page's digest is made of instead of hashing them again (`report.site`)."""
        blob = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?, ?)", (index, blob, digest))
        self._wrote()

    def rows_digest(self, index: int) -> str | None:
        """`put_rows`' digest of the document (None: no rows kept)."""
        row = self.db.execute("SELECT digest FROM rows WHERE idx = ?", (index,)).fetchone()
        return row[0] if row else None

    def get_rows(self, index: int) -> dict[str, list[dict[str, str]]]:
        row = self.db.execute("SELECT rows FROM rows WHERE idx = ?", (index,)).fetchone()
        return pickle.loads(row[0]) if row else {}

    # findings: added in any order, read back sorted (SQLite sorts on disk if it must)
    def add_findings(self, findings: Iterable[Row], key: Any) -> None:
        """`key(finding)` is the sort key: a tuple of ints and strings."""
        for f in findings:
            self.db.execute(
                "INSERT INTO findings (sort_key, doc_id, project_id, severity, rule, finding)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_orderable(key(f)), *(cell(f.get(c)) for c in _FINDING_KEYS),
                 pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)),
            )
            self._wrote()

    def sort_findings(self) -> None:
        """Put the findings in order (ties keep the order they were added in)."""
        self.db.execute(
            "INSERT INTO ordered (doc_id, project_id, severity, rule, finding) SELECT doc_id,"
            " project_id, severity, rule, finding FROM findings ORDER BY sort_key, seq"
        )
        self.db.execute("DELETE FROM findings")
        self.db.execute("CREATE INDEX ordered_doc ON ordered (doc_id, n)")
        self.db.execute("CREATE INDEX ordered_project ON ordered (project_id, n)")
        self.commit()

    def sorted_findings(self) -> Iterator[Row]:
        """The findings in order (after `sort_findings`)."""
        for (blob,) in self.db.execute("SELECT finding FROM ordered ORDER BY n"):
            yield pickle.loads(blob)

    def finding_keys(self) -> Iterator[Row]:
        """Each finding's doc_id, project_id, severity and rule as validation.csv has them, in
        order (after `sort_findings`): what the report's index counts, without unpickling."""
        for row in self.db.execute("SELECT doc_id, project_id, severity, rule FROM ordered"
                                   " ORDER BY n"):
            yield dict(zip(_FINDING_KEYS, row, strict=True))

    def findings_of(self, column: str, value: str) -> list[tuple[int, Row]]:
        """(0-based position, finding) of the findings with this doc_id or project_id, in
        order (after `sort_findings`)."""
        assert column in ("doc_id", "project_id")
        rows = self.db.execute(
            f"SELECT n, finding FROM ordered WHERE {column} = ? ORDER BY n", (value,)
        )
        return [(n - 1, pickle.loads(blob)) for n, blob in rows]

    # the memo: this run's record for the next one, and the previous run's, attached as `prev`
    def put_doc(self, index: int, relative: str, sha256: str, doc_id: str, status: str,
                reusable: bool, ids: str, project_id: str, context: str, csv: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (index, relative, sha256, doc_id, status, int(reusable), ids,
                         project_id, context, csv))
        self._wrote()

    def put_group(self, project_id: str, group: bytes, csv: bytes, findings: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO groups VALUES (?, ?, ?, ?)",
                        (project_id, group, csv, findings))
        self._wrote()

    def put_doc_findings(self, index: int, findings: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO doc_findings VALUES (?, ?)", (index, findings))
        self._wrote()

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def attach(self, path: Path) -> None:
        self.db.execute("ATTACH DATABASE ? AS prev", (str(path),))

    def detach(self) -> None:
        self.commit()
        self.db.execute("DETACH DATABASE prev")

    def copy_previous(self, pairs: list[tuple[int, int]]) -> None:
        """The results (as extracted) and packed entries of carried documents, (new index,
        old index) pairs, copied from the previous run's memo."""
        self.db.execute("CREATE TEMP TABLE carried (new INTEGER PRIMARY KEY, old INTEGER)")
        self.db.executemany("INSERT INTO carried VALUES (?, ?)", pairs)
        self.db.execute("INSERT OR REPLACE INTO results SELECT c.new, r.result FROM carried c"
                        " JOIN prev.results r ON r.idx = c.old")
        self.db.execute("INSERT OR REPLACE INTO kept SELECT c.new, k.kept FROM carried c"
                        " JOIN prev.kept k ON k.idx = c.old")
        self.db.execute("DROP TABLE carried")
        self.commit()

    def previous_docs(self) -> dict[int, tuple[str, str, str]]:
        """(ids, project_id, context) of each document of the previous run, by its index."""
        return {idx: (ids, project_id, context) for idx, ids, project_id, context in
                self.db.execute("SELECT idx, ids, project_id, context FROM prev.docs")}

    def carry_docs(self, pairs: list[tuple[int, int]]) -> None:
        """The memo entries and report rows of documents whose rows are copied from the
        previous run, (new index, old index) pairs, copied at once (`previous_csv` gives each
        one's CSV lines)."""
        if not pairs:  # (and no previous run attached, maybe)
            return
        self.db.execute("CREATE TEMP TABLE carried_rows (new INTEGER PRIMARY KEY, old INTEGER)")
        self.db.executemany("INSERT INTO carried_rows VALUES (?, ?)", pairs)
        self.db.execute("INSERT OR REPLACE INTO docs SELECT c.new, d.relative, d.sha256,"
                        " d.doc_id, d.status, d.reusable, d.ids, d.project_id, d.context, d.csv"
                        " FROM carried_rows c JOIN prev.docs d ON d.idx = c.old")
        self.db.execute("INSERT OR REPLACE INTO rows SELECT c.new, r.rows, r.digest"
                        " FROM carried_rows c JOIN prev.rows r ON r.idx = c.old")
        self.db.execute("DROP TABLE carried_rows")

    def previous_csv(self, old: int) -> bytes:
        """The CSV lines of a document of the previous run (its memo entry)."""
        row = self.db.execute("SELECT csv FROM prev.docs WHERE idx = ?", (old,)).fetchone()
        return bytes(row[0])

    def previous_group(self, project_id: str) -> tuple[bytes, bytes, bytes] | None:
        """(group, CSV lines, findings) of a project of the previous run."""
        row = self.db.execute("SELECT grp, csv, findings FROM prev.groups WHERE project_id = ?",
                              (project_id,)).fetchone()
        return (bytes(row[0]), bytes(row[1]), bytes(row[2])) if row else None

    def put_page(self, rel: str, docs: str, static: str, records: bytes | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
                        (rel, docs, static, records))
        self._wrote()

    def carry_page(self, rel: str, docs: str, static: str) -> None:
        """`put_page` of a page copied from the previous run, with its record positions."""
        self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, (SELECT records FROM"
                        " prev.pages WHERE rel = ?))", (rel, docs, static, rel))
        self._wrote()

    def page_records(self, rel: str) -> bytes | None:
        """Where page `rel` holds each document's view (see `put_page`)."""
        row = self.db.execute("SELECT records FROM pages WHERE rel = ?", (rel,)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def previous_page(self, rel: str, docs: str) -> str | None:
        """The static digest of the previous run's page `rel` when it showed `docs`."""
        row = self.db.execute("SELECT static FROM prev.pages WHERE rel = ? AND docs = ?",
                              (rel, docs)).fetchone()
        return str(row[0]) if row else None

    def previous_doc_findings(self, old: int) -> bytes | None:
        row = self.db.execute("SELECT findings FROM prev.doc_findings WHERE idx = ?",
                              (old,)).fetchone()
        return bytes(row[0]) if row else None

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    def close(self) -> None:
        self.db.close()
        if not self.read_only:
            self.path.unlink(missing_ok=True)

    def keep(self, target: Path) -> None:
        """Close and move the file to `target` (a path of its own: nothing there is replaced
        but by this rename); the caller renames it into place when the run is complete."""
        self.commit()
        self.db.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(self.path, target)
        except OSError:  # another file system: copy, then the copy is the one renamed
            shutil.copyfile(self.path, target)
            self.path.unlink(missing_ok=True)


# a finding's columns of its own, as its validation.csv cells (`export.cell`)
_FINDING_KEYS = ("doc_id", "project_id", "severity", "rule")


def _orderable(key: tuple[Any, ...]) -> bytes:
    """The sort key as bytes that SQLite's byte order sorts like Python sorts the tuple: ints as
    fixed-width big-endian, strings as UTF-8 (code point order) ended by two NULs, a NUL inside
    a string escaped as NUL 0xFF (no UTF-8 byte is 0xFF), so a shorter string sorts first."""
    out = bytearray()
    for part in key:
        if isinstance(part, int):
            out += (part + 2**31).to_bytes(4, "big")
        else:
            out += str(part).encode("utf-8", "surrogatepass").replace(b"\0", b"\0\xff")
            out += b"\0\0"
    return bytes(out)
