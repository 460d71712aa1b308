"""The run store: the archive on disk while the whole-archive stages run.

A batch of tens of thousands of documents does not fit in memory as Python objects (results,
rows, findings). So the run keeps each document's result, its output rows and the findings in
a temporary SQLite database inside the run's staging folder, and reads back one document or one
project at a time. The database is deleted before the outputs are swapped in (and with the
staging folder when a run is killed). Results are plain pickles: the file is written and read
by this run only, unlike the cache, whose pickles outlive the run and are read with care.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.runner import DocResult

Row = dict[str, Any]
_BATCH = 500  # rows per transaction


class RunStore:
    """Document results by index (file order), per-document output rows, and findings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE",
                       "cache_size=-8000"):  # 8 MB of page cache
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(
            "CREATE TABLE results (idx INTEGER PRIMARY KEY, result BLOB NOT NULL);"
            "CREATE TABLE rows (idx INTEGER PRIMARY KEY, rows BLOB NOT NULL);"
            "CREATE TABLE findings (seq INTEGER PRIMARY KEY, sort_key BLOB NOT NULL,"
            " doc_id TEXT, project_id TEXT, finding BLOB NOT NULL);"
            "CREATE TABLE ordered (n INTEGER PRIMARY KEY, doc_id TEXT, project_id TEXT,"
            " finding BLOB NOT NULL);"
        )
        self._pending = 0
        self._seq = 0

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

    def get(self, index: int) -> DocResult:
        row = self.db.execute("SELECT result FROM results WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise KeyError(index)
        result: DocResult = pickle.loads(row[0])
        return result

    def indexes(self) -> list[int]:
        return [i for (i,) in self.db.execute("SELECT idx FROM results ORDER BY idx")]

    # a document's output rows (table -> rows of strings), as written to the CSVs
    def put_rows(self, index: int, rows: dict[str, list[dict[str, str]]]) -> None:
        blob = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        self.db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)", (index, blob))
        self._wrote()

    def get_rows(self, index: int) -> dict[str, list[dict[str, str]]]:
        row = self.db.execute("SELECT rows FROM rows WHERE idx = ?", (index,)).fetchone()
        return pickle.loads(row[0]) if row else {}

    # findings: added in any order, read back sorted (SQLite sorts on disk if it must)
    def add_findings(self, findings: Iterable[Row], key: Any) -> None:
        """`key(finding)` is the sort key: a tuple of ints and strings."""
        for f in findings:
            self.db.execute(
                "INSERT INTO findings (sort_key, doc_id, project_id, finding) VALUES (?, ?, ?, ?)",
                (_orderable(key(f)), str(f.get("doc_id", "")), str(f.get("project_id", "")),
                 pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)),
            )
            self._wrote()

    def sort_findings(self) -> None:
        """Put the findings in order (ties keep the order they were added in)."""
        self.db.execute(
            "INSERT INTO ordered (doc_id, project_id, finding) SELECT doc_id, project_id,"
            " finding FROM findings ORDER BY sort_key, seq"
        )
        self.db.execute("DELETE FROM findings")
        self.db.execute("CREATE INDEX ordered_doc ON ordered (doc_id, n)")
        self.db.execute("CREATE INDEX ordered_project ON ordered (project_id, n)")
        self.commit()

    def sorted_findings(self) -> Iterator[Row]:
        """The findings in order (after `sort_findings`)."""
        for (blob,) in self.db.execute("SELECT finding FROM ordered ORDER BY n"):
            yield pickle.loads(blob)

    def findings_of(self, column: str, value: str) -> list[tuple[int, Row]]:
        """(0-based position, finding) of the findings with this doc_id or project_id, in
        order (after `sort_findings`)."""
        assert column in ("doc_id", "project_id")
        rows = self.db.execute(
            f"SELECT n, finding FROM ordered WHERE {column} = ? ORDER BY n", (value,)
        )
        return [(n - 1, pickle.loads(blob)) for n, blob in rows]

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


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
