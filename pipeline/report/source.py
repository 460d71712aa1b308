"""Where the report's data comes from: the `ReportSource` protocol, `TableSource` (tables in
memory) and the small indexes (`_Index`) the writer keeps instead of rows."""
from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.report.base import (
    FACT_TABLES,
    NON_FACT_TABLES,
    Row,
    _anchor,
    _columns,
    _e,
    _int,
    _records,
    _sev_rank,
)
from pipeline.report.nodes import (
    Node,
    el,
)

# ----------------------------------------------------------------------------------------------
# What the report reads


class ReportSource(Protocol):
    """What the report reads. Iterables may be iterated more than once (each call re-reads);
    all values are strings as in the CSVs (missing = ""). Per-document/per-project methods are
    called one key at a time; the writer must not collect their results for all keys at once.

    A row has every column of its CSV, in the CSV's order (card tables show the columns in row
    order). The order of the tables in doc_facts()/project_facts() does not matter (the writer
    uses FACT_TABLES, then the order of fact_counts()); project_tables() are shown in the order
    given. Per-key findings may come in any order (the writer sorts them by severity, then "_n",
    which may be a str or an int).

    Optional: `referenced_doc_ids()` / `referenced_project_ids()` (ids that facts, texts, findings
    or other tables name but documents()/projects() lack); the report lists those too, as
    TableSource does. A source without them adds only what the writer itself sees (documents
    named by findings; projects named by coverage, findings and documents). A site's page
    source may have `shown_elsewhere(doc_id)`: where a document the page names but does not
    show is ("" when in no table), the title of its unlinked id.
    """

    def documents(self) -> Iterable[Row]: ...  # documents.csv rows, file order
    def projects(self) -> Iterable[Row]: ...  # projects.csv rows, file order
    def coverage(self) -> Iterable[Row]: ...  # coverage.csv rows, file order
    def findings(self) -> Iterable[Row]: ...  # validation.csv rows, file order
    def fact_counts(self) -> dict[str, int]: ...  # fact-like table -> row count
    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]: ...
    def project_facts(self, project_id: str) -> dict[str, list[Row]]: ...
    def project_tables(self, project_id: str) -> dict[str, list[Row]]: ...
    def doc_findings(self, doc_id: str) -> list[Row]: ...  # with "_n": index in validation.csv
    def project_findings(self, project_id: str) -> list[Row]: ...  # with "_n"
    def text(self, doc_id: str) -> str | None: ...


class TableSource:
    """A ReportSource over tables already in memory (DataFrames, every column a string) and texts.

    It holds everything, so it is for tests, notebooks and small inputs; a whole archive is read
    from a store instead. Documents and projects that other tables reference but documents.csv /
    projects.csv lack are reported by `referenced_doc_ids` / `referenced_project_ids`."""

    def __init__(self, tables: Mapping[str, Any] | None, texts: Mapping[str, str] | None) -> None:
        tables = tables or {}
        self._texts = {str(k): str(v) for k, v in (texts or {}).items() if v is not None}
        self._documents = _records(tables.get("documents"))
        self._projects = _records(tables.get("projects"))
        self._coverage = _records(tables.get("coverage"))
        self._validation = _records(tables.get("validation"))
        self._facts: dict[str, list[Row]] = {n: _records(tables.get(n)) for n in FACT_TABLES}
        self._extra: dict[str, list[Row]] = {}
        for name, df in tables.items():
            if name in FACT_TABLES or name in NON_FACT_TABLES:
                continue
            cols = set(_columns(df))
            if {"doc_id", "char_start", "char_end"} <= cols:
                self._facts[str(name)] = _records(df)
            elif "project_id" in cols:
                self._extra[str(name)] = _records(df)
        self._doc_project: dict[str, str] = {}
        for r in self._documents:
            doc_id = r.get("doc_id", "")
            if doc_id and doc_id not in self._doc_project:
                self._doc_project[doc_id] = r.get("project_id", "")
        self._by_doc: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        self._by_project: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        for name, rows in self._facts.items():
            for r in rows:
                self._by_doc[r.get("doc_id", "")].setdefault(name, []).append(r)
                self._by_project[self._project_of(r)].setdefault(name, []).append(r)
        self._tables: dict[str, dict[str, list[Row]]] = defaultdict(dict)
        for name, rows in self._extra.items():
            for r in rows:
                self._tables[r.get("project_id", "")].setdefault(name, []).append(r)
        self._findings_by_doc: dict[str, list[Row]] = defaultdict(list)
        self._findings_by_project: dict[str, list[Row]] = defaultdict(list)
        for i, r in enumerate(self._validation):
            numbered = {**r, "_n": str(i)}
            self._findings_by_doc[r.get("doc_id", "")].append(numbered)
            self._findings_by_project[self._project_of(r)].append(numbered)

    def _project_of(self, r: Row) -> str:
        return r.get("project_id", "") or self._doc_project.get(r.get("doc_id", ""), "")

    def documents(self) -> Iterable[Row]:
        return iter(self._documents)

    def projects(self) -> Iterable[Row]:
        return iter(self._projects)

    def coverage(self) -> Iterable[Row]:
        return iter(self._coverage)

    def findings(self) -> Iterable[Row]:
        return iter(self._validation)

    def fact_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self._facts.items()}

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        return dict(self._by_doc.get(doc_id, {}))

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        return dict(self._by_project.get(project_id, {}))

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return dict(self._tables.get(project_id, {}))

    def doc_findings(self, doc_id: str) -> list[Row]:
        return list(self._findings_by_doc.get(doc_id, []))

    def project_findings(self, project_id: str) -> list[Row]:
        return list(self._findings_by_project.get(project_id, []))

    def text(self, doc_id: str) -> str | None:
        return self._texts.get(doc_id)

    def referenced_doc_ids(self) -> set[str]:
        ids = set(self._texts)
        for rows in (*self._facts.values(), self._validation):
            ids.update(r.get("doc_id", "") for r in rows)
        return ids - set(self._doc_project) - {""}

    def referenced_project_ids(self) -> set[str]:
        ids: set[str] = set()
        for rows in (self._coverage, *self._facts.values(), *self._extra.values(),
                     self._documents):
            ids.update(r.get("project_id", "") for r in rows)
        ids.update(self._project_of(r) for r in self._validation)
        return ids - {r.get("project_id", "") for r in self._projects} - {""}


# ----------------------------------------------------------------------------------------------
# The small indexes the writer keeps (O(documents + projects) ids, labels and counts; no rows)


@dataclass
class _Finding:
    index: int
    row: Row
    project_id: str
    span: tuple[int, int] | None


def _span_in(r: Row, length: int | None) -> tuple[int, int] | None:
    """The row's (char_start, char_end) when it indexes a text of `length` characters, else None."""
    start, end = _int(r.get("char_start", "")), _int(r.get("char_end", ""))
    if length is None or start is None or end is None or not 0 <= start <= end <= length:
        return None
    return start, end


@dataclass
class _Index:
    """Ids, positions, labels and counts read in passes over the source; what links and the
    static sections need. Rows, texts and records are never kept here."""

    doc_ids: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_project_of: dict[str, str] = field(default_factory=dict)
    document_rows: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    salvaged: int = 0  # documents read in part from a damaged file
    project_ids: list[str] = field(default_factory=list)
    project_index: dict[str, int] = field(default_factory=dict)
    in_projects_csv: set[str] = field(default_factory=set)
    acronym: dict[str, str] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)  # title, or else title_en
    docs_by_project: dict[str, list[str]] = field(default_factory=dict)
    fact_counts: dict[str, int] = field(default_factory=dict)  # FACT_TABLES first, then others
    cov_fields: list[str] = field(default_factory=list)
    cov_pids: list[str] = field(default_factory=list)  # coverage.csv order
    cov_status: dict[str, dict[str, str]] = field(default_factory=dict)  # first row wins
    missing: dict[str, list[str]] = field(default_factory=dict)
    n_findings: int = 0
    sevs: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    by_rule: dict[str, Counter[str]] = field(default_factory=dict)
    finding_projects: Counter[str] = field(default_factory=Counter)
    findings_sorted: bool = True  # validation.csv already in display order (errors first)
    ranks: set[int] = field(default_factory=set)
    text_len: dict[str, int] = field(default_factory=dict)  # filled while documents are written
    # where a document this page does not show is (a site's other page), or "" when nowhere
    shown_elsewhere: Callable[[str], str] | None = None

    @classmethod
    def read(cls, source: ReportSource) -> _Index:
        ix = cls()
        interned: dict[str, str] = {}  # one string per distinct field/status/severity/rule

        def one(s: str) -> str:
            return interned.setdefault(s, s)

        doc_pids: set[str] = set()
        for r in source.documents():
            ix.document_rows += 1
            doc_pids.add(r.get("project_id", ""))
            ix.statuses[one(r.get("status", ""))] += 1
            ix.salvaged += bool(r.get("salvage"))
            doc_id = r.get("doc_id", "")
            if doc_id and doc_id not in ix.doc_index:
                ix.doc_index[doc_id] = len(ix.doc_ids)
                ix.doc_ids.append(doc_id)
                if r.get("project_id"):
                    ix.doc_project_of[doc_id] = r["project_id"]
        for r in source.projects():
            pid = r.get("project_id", "")
            if pid and pid not in ix.project_index:
                ix.project_index[pid] = len(ix.project_ids)
                ix.project_ids.append(pid)
                ix.in_projects_csv.add(pid)
                if r.get("acronym"):
                    ix.acronym[pid] = r["acronym"]
                if r.get("title") or r.get("title_en"):
                    ix.title[pid] = r.get("title", "") or r.get("title_en", "")
        counts = source.fact_counts()
        ix.fact_counts = {n: counts.get(n, 0) for n in FACT_TABLES}
        ix.fact_counts.update((n, c) for n, c in counts.items() if n not in FACT_TABLES)
        fields: dict[str, None] = {}
        cov_pids: dict[str, None] = {}
        for r in source.coverage():
            pid, f, st = r.get("project_id", ""), one(r.get("field", "")), one(r.get("status", ""))
            fields.setdefault(f)
            cov_pids.setdefault(pid)
            ix.cov_status.setdefault(pid, {}).setdefault(f, st)
            if st == "missing":
                ix.missing.setdefault(pid, []).append(f)
        ix.cov_fields, ix.cov_pids = list(fields), list(cov_pids)
        doc_refs: set[str] = set()
        previous = 0
        keys = getattr(source, "finding_keys", None)  # a run's store: no CSV to parse
        for r in keys() if keys is not None else source.findings():
            sev, rule = one(r.get("severity", "")), one(r.get("rule", ""))
            rank = _sev_rank(sev)
            ix.findings_sorted &= rank >= previous
            previous = rank
            ix.ranks.add(rank)
            ix.n_findings += 1
            ix.sevs[sev] += 1
            ix.rules[rule] += 1
            ix.by_rule.setdefault(rule, Counter())[sev] += 1
            ix.finding_projects[ix.finding_project(r)] += 1
            if r.get("doc_id", "") not in ix.doc_index:
                doc_refs.add(r.get("doc_id", ""))
        extra = getattr(source, "referenced_doc_ids", None)
        doc_refs.update(extra() if extra else ())
        ix.doc_ids += sorted(doc_refs - set(ix.doc_index) - {""})
        ix.doc_index = {doc_id: i for i, doc_id in enumerate(ix.doc_ids)}
        for doc_id in ix.doc_ids:
            ix.docs_by_project.setdefault(ix.doc_project(doc_id), []).append(doc_id)
        others = set(ix.cov_pids) | set(ix.finding_projects) | doc_pids
        extra = getattr(source, "referenced_project_ids", None)
        others.update(extra() if extra else ())
        ix.project_ids += sorted(others - ix.in_projects_csv - {""})
        ix.project_index = {pid: i for i, pid in enumerate(ix.project_ids)}
        ix.shown_elsewhere = getattr(source, "shown_elsewhere", None)
        return ix

    def doc_project(self, doc_id: str) -> str:
        return self.doc_project_of.get(doc_id, "")

    def finding_project(self, r: Row) -> str:
        return r.get("project_id", "") or self.doc_project(r.get("doc_id", ""))

    def span(self, r: Row) -> tuple[int, int] | None:
        """The row's offsets when they index its document's text (known once documents are
        written: the document records come first in the data block)."""
        return _span_in(r, self.text_len.get(r.get("doc_id", "")))

    def finding(self, r: Row, n: int | None = None) -> _Finding:
        index = int(r["_n"]) if n is None else n
        return _Finding(index, r, self.finding_project(r), self.span(r))

    def project_label(self, pid: str) -> str:
        return self.acronym.get(pid, "") or pid

    def absent(self, doc_id: str) -> str:
        """Why a document named on this page has no link: on a site's page, where the document
        is shown instead (another part of the project, another page); else it is in no table."""
        where = self.shown_elsewhere(doc_id) if self.shown_elsewhere else ""
        return where or "not in documents.csv"

    def doc_link(self, doc_id: str) -> str:
        """A document link in the static HTML (summary)."""
        if not doc_id:
            return ""
        if doc_id not in self.doc_index:
            return f'<span title="{_e(self.absent(doc_id))}">{_e(doc_id)}</span>'
        return f'<a href="#{_e(_anchor("doc-", doc_id))}">{_e(doc_id)}</a>'

    def project_ref(self, pid: str) -> Node:
        if not pid:
            return ""
        if pid not in self.project_index:
            return pid
        return {"p": self.project_index[pid]}

    def doc_ref(self, doc_id: str) -> Node:
        if not doc_id:
            return ""
        if doc_id not in self.doc_index:
            return el("span", doc_id, t=self.absent(doc_id))
        return {"d": self.doc_index[doc_id]}

    def at_ref(self, doc_id: str, start: int, child: Node) -> Node:
        """A link to the anchor placed at `start` in the document view."""
        return {"at": [self.doc_index[doc_id], start], "k": child}


def _display_order(findings: Iterable[Row]) -> list[Row]:
    """One key's findings as shown: errors first, then by their index in validation.csv."""
    return sorted(findings, key=lambda r: (_sev_rank(r.get("severity", "")), int(r["_n"])))


class _TextCache:
    """The last few texts, for the findings' evidence windows (findings are shown by severity and
    rule, not by document, so the same texts come back). Bounded in entries and characters."""

    def __init__(self, source: ReportSource, size: int = 32, chars: int = 2_000_000) -> None:
        self.source, self.size, self.chars = source, size, chars
        self._held = 0
        self._cache: OrderedDict[str, str] = OrderedDict()

    def get(self, doc_id: str) -> str:
        text = self._cache.get(doc_id)
        if text is not None:
            self._cache.move_to_end(doc_id)
            return text
        text = self._cache[doc_id] = self.source.text(doc_id) or ""
        self._held += len(text)
        while len(self._cache) > 1 and (len(self._cache) > self.size or self._held > self.chars):
            self._held -= len(self._cache.popitem(last=False)[1])
        return text


