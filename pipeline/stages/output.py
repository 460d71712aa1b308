"""The writers of a run's tables and what the report reads of a run (`report.ReportSource`)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pipeline.export import OutputSet, cell
from pipeline.report import FACT_TABLES as REPORT_TABLES
from pipeline.schema import FACT_TABLES, TABLES

if TYPE_CHECKING:
    from pipeline.store import RunStore

# A part of one table: (number of rows, their CSV lines), by table, as the memo keeps them.
Lines = dict[str, tuple[int, str]]


class StoreSource:
    """What the report reads (`report.ReportSource`), from the staged CSVs, the staged texts
    and the run store: whole tables as streams, one document's or project's rows on demand."""

    def __init__(self, folder: Path, store: RunStore, doc_ids: dict[int, str],
                 counts: Counter[str], docs_of: dict[str, list[int]]) -> None:
        self.folder = folder  # the run's staging folder
        self.store = store
        self.doc_ids = doc_ids
        self.index_of = {doc_id: i for i, doc_id in doc_ids.items()}
        self.counts = counts
        self.docs_of = docs_of  # project_id -> document indexes, in file order
        # The rows of the last project asked for, by document index: a big project's parts
        # (site_parts) each ask for the whole project's facts and then their documents'.
        self._rows_of = ""
        self._rows: dict[int, dict[str, list[dict[str, str]]]] = {}
        self._findings_of: tuple[str, list[dict[str, str]]] = ("", [])

    def _get_rows(self, index: int) -> dict[str, list[dict[str, str]]]:
        rows = self._rows.get(index)
        return rows if rows is not None else self.store.get_rows(index)

    def _csv(self, table: str) -> Iterator[dict[str, str]]:
        with (self.folder / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh)

    def documents(self) -> Iterator[dict[str, str]]:
        return self._csv("documents")

    def projects(self) -> Iterator[dict[str, str]]:
        return self._csv("projects")

    def coverage(self) -> Iterator[dict[str, str]]:
        return self._csv("coverage")

    def findings(self) -> Iterator[dict[str, str]]:
        return self._csv("validation")

    def finding_keys(self) -> Iterator[dict[str, str]]:
        """`findings` cut to what the report's index counts (`_Index.read`), from the store."""
        return self.store.finding_keys()

    def fact_counts(self) -> dict[str, int]:
        return {t: self.counts.get(t, 0) for t in FACT_TABLES}

    def doc_facts(self, doc_id: str) -> dict[str, list[dict[str, str]]]:
        index = self.index_of.get(doc_id)
        rows = self._get_rows(index) if index is not None else {}
        return {t: list(rows[t]) for t in sorted(rows, key=_table_order)}

    def project_facts(self, project_id: str) -> dict[str, list[dict[str, str]]]:
        if project_id != self._rows_of:
            self._rows_of = project_id
            self._rows = {i: self.store.get_rows(i) for i in self.docs_of.get(project_id, [])}
        return self._gathered(self.docs_of.get(project_id, []))

    def project_facts_of(self, project_id: str, keep: Callable[[str], bool]
                         ) -> dict[str, list[dict[str, str]]]:
        """`project_facts` of the project's documents `keep` takes (a part of a big project's
        page): only their rows are read, and kept for their `doc_facts` (every row a
        document's entry holds names that document)."""
        mine = [i for i in self.docs_of.get(project_id, []) if keep(self.doc_ids[i])]
        self._rows_of, self._rows = "", {i: self.store.get_rows(i) for i in mine}
        return self._gathered(mine)

    def _gathered(self, indexes: list[int]) -> dict[str, list[dict[str, str]]]:
        """The kept rows of these documents, table by table in the tables' order."""
        out: dict[str, list[dict[str, str]]] = {}
        for index in indexes:
            for table, rows in self._rows[index].items():
                out.setdefault(table, []).extend(rows)
        return {t: out[t] for t in sorted(out, key=_table_order)}

    def project_tables(self, project_id: str) -> dict[str, list[dict[str, str]]]:
        return {}  # every table with a project_id is a fact table or one of the four above

    def _findings(self, column: str, value: str) -> list[dict[str, str]]:
        columns = TABLES["validation"]
        return [{**{c: cell(f.get(c)) for c in columns}, "_n": n}  # type: ignore[dict-item]
                for n, f in self.store.findings_of(column, value)]

    def doc_findings(self, doc_id: str) -> list[dict[str, str]]:
        return self._findings("doc_id", doc_id)

    def project_findings(self, project_id: str) -> list[dict[str, str]]:
        return self.project_findings_of(project_id, lambda doc_id: True)

    def project_findings_of(self, project_id: str, keep: Callable[[str], bool]
                            ) -> list[dict[str, str]]:
        """`project_findings` of the documents `keep` takes (a part of a big project's page,
        which shows the findings of its own documents). The last project's are kept: each
        part asks for them."""
        if project_id != self._findings_of[0]:
            self._findings_of = (project_id, self._findings("project_id", project_id))
        return [dict(f) for f in self._findings_of[1] if keep(f.get("doc_id", ""))]

    def doc_digest(self, doc_id: str) -> str | None:
        """A digest of the document's rows and text, kept with its rows (`report.site`)."""
        index = self.index_of.get(doc_id)
        return self.store.rows_digest(index) if index is not None else None

    def project_docs(self, project_id: str) -> list[str]:
        """The documents whose rows `project_facts` gives, in its order."""
        return [self.doc_ids[i] for i in self.docs_of.get(project_id, [])]

    def text(self, doc_id: str) -> str | None:
        path = self.folder / "text" / f"{doc_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except (FileNotFoundError, ValueError):
            return None

    def reader(self) -> StoreReader:
        """How another process opens this source for itself (the report's page workers)."""
        return StoreReader(self.folder, self.store.path, self.doc_ids, self.counts, self.docs_of)


@dataclass(frozen=True)
class StoreReader:
    """A `StoreSource` to open again in another process: plain data (paths, ids, counts), as
    a spawned worker is handed it; the store is opened read-only (`RunStore.reader`), so the
    run must have committed what the report reads."""

    folder: Path
    store: Path
    doc_ids: dict[int, str]
    counts: Counter[str]
    docs_of: dict[str, list[int]]

    def __call__(self) -> StoreSource:
        from pipeline.store import RunStore

        return StoreSource(self.folder, RunStore.reader(self.store), self.doc_ids, self.counts,
                           self.docs_of)


class StorePages:
    """The report site's `PageMemo` over the run store: a page whose documents all had their
    rows copied from the previous run (`rows_kept`: carried with the same ids, in a project
    copied whole or outside any project as before) shows the same rows, texts and project
    rows as then, so its static digest is the one the previous run kept for it. It also keeps
    where each page holds each document's view, for the next run (`PreviousRecords`)."""

    def __init__(self, store: RunStore, kept: set[str], previous: Path | None) -> None:
        self.store = store
        self.kept = kept  # doc_ids whose rows were copied
        self.previous = previous  # the previous run's store (attached), if any

    def known(self, rel: str, doc_ids: list[str]) -> str | None:
        if not (self.previous and doc_ids and all(d in self.kept for d in doc_ids)):
            return None
        return self.store.previous_page(rel, "\n".join(doc_ids))

    def keep(self, rel: str, doc_ids: list[str], static: str, records: bytes | None) -> None:
        if records is None and self.previous:
            self.store.carry_page(rel, "\n".join(doc_ids), static)
        else:
            self.store.put_page(rel, "\n".join(doc_ids), static, records)

    def records(self) -> PreviousRecords | None:
        return PreviousRecords(self.previous) if self.previous else None


@dataclass(frozen=True)
class PreviousRecords:
    """Where the previous run's pages hold each document's view, read from its store by
    whichever process renders a page again (plain data: a page worker is handed it)."""

    store: Path

    def __call__(self, rel: str) -> bytes | None:
        return _read_only(self.store).page_records(rel)


_readers: dict[Path, RunStore] = {}


def _read_only(path: Path) -> RunStore:
    """One read-only connection per process to a finished run's store (`close_readers`)."""
    if path not in _readers:
        from pipeline.store import RunStore

        _readers[path] = RunStore.reader(path)
    return _readers[path]


def close_readers() -> None:
    """Close this process's connections to the previous run's store (`PreviousRecords`), so
    that nothing holds the file when the run lets it go (a page worker's end closes its own)."""
    while _readers:
        _readers.popitem()[1].close()


def _table_order(table: str) -> int:
    """Fact tables in the order the report shows them."""
    return REPORT_TABLES.index(table) if table in REPORT_TABLES else len(REPORT_TABLES)


class CsvWriters:
    """One CSV file per output table in the staging folder. A row is formatted once into a
    line, which goes into the file and, when asked, into a `Lines` record for the memo."""

    def __init__(self, outputs: OutputSet) -> None:
        self.files: dict[str, IO[str]] = {}
        self.counts: Counter[str] = Counter()
        self._buffer = io.StringIO()
        self._writer: Any = csv.writer(self._buffer, lineterminator="\n",
                                       quoting=csv.QUOTE_MINIMAL)
        for table, columns in TABLES.items():
            fh = outputs.add(f"{table}.csv").open("w", encoding="utf-8", newline="")
            self.files[table] = fh
            fh.write(self._line(columns))

    def _line(self, cells: list[str]) -> str:
        self._writer.writerow(cells)
        line = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return line

    def row(self, table: str, row: dict[str, object], record: Lines | None = None
            ) -> list[str]:
        """Write one row; returns its cells, in the table's column order."""
        cells = [cell(row.get(c)) for c in TABLES[table]]
        line = self._line(cells)
        self.files[table].write(line)
        self.counts[table] += 1
        if record is not None:
            n, text = record.get(table, (0, ""))
            record[table] = (n + 1, text + line)
        return cells

    def lines(self, record: Lines) -> None:
        """Rows written before (by the previous run), as they were."""
        for table, (n, text) in record.items():
            self.files[table].write(text)
            self.counts[table] += n

    def replace_cell(self, record: Lines, table: str, column: str, value: object) -> Lines:
        """A one-row record of `table` (as `row` made it) with one cell replaced."""
        n, text = record[table]
        assert n == 1, f"one {table} row expected, not {n}"
        cells = next(csv.reader(io.StringIO(text, newline="")))
        cells[TABLES[table].index(column)] = cell(value)
        return {**record, table: (1, self._line(cells))}

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
