"""The report as a stream (pipeline.report.write_report over a ReportSource): the same bytes as
the in-memory adapter whatever order a source returns things in, and flat memory as N grows."""

from __future__ import annotations

import functools
import io
import random
import tracemalloc
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline.report import TableSource, render_report, write_report
from pipeline.report.base import _resource
from tests.test_report import sample, table

Row = dict[str, str]


class Reordered:
    """A ReportSource that hands out the same data as `inner` the way a store might: generators
    instead of lists, per-key tables in reverse order, "_n" as an int; it counts the calls."""

    def __init__(self, inner: TableSource) -> None:
        self.inner = inner
        self.calls: dict[str, list[str]] = {}

    def _log(self, name: str, key: str = "") -> None:
        self.calls.setdefault(name, []).append(key)

    def documents(self) -> Iterator[Row]:
        self._log("documents")
        yield from self.inner.documents()

    def projects(self) -> Iterator[Row]:
        self._log("projects")
        yield from self.inner.projects()

    def coverage(self) -> Iterator[Row]:
        self._log("coverage")
        yield from self.inner.coverage()

    def findings(self) -> Iterator[Row]:
        self._log("findings")
        yield from self.inner.findings()

    def fact_counts(self) -> dict[str, int]:
        return dict(reversed(self.inner.fact_counts().items()))

    def _rev(self, got: dict[str, list[Row]]) -> dict[str, list[Row]]:
        return dict(reversed(got.items()))

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        self._log("doc_facts", doc_id)
        return self._rev(self.inner.doc_facts(doc_id))

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        self._log("project_facts", project_id)
        return self._rev(self.inner.project_facts(project_id))

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return self.inner.project_tables(project_id)

    def _numbered(self, rows: list[Row]) -> list[Row]:
        return [{**r, "_n": int(r["_n"])} for r in reversed(rows)]  # type: ignore[dict-item]

    def doc_findings(self, doc_id: str) -> list[Row]:
        self._log("doc_findings", doc_id)
        return self._numbered(self.inner.doc_findings(doc_id))

    def project_findings(self, project_id: str) -> list[Row]:
        return self._numbered(self.inner.project_findings(project_id))

    def text(self, doc_id: str) -> str | None:
        self._log("text", doc_id)
        return self.inner.text(doc_id)

    def referenced_doc_ids(self) -> set[str]:
        return self.inner.referenced_doc_ids()

    def referenced_project_ids(self) -> set[str]:
        return self.inner.referenced_project_ids()


def many(n_docs: int, seed: int = 3, sort: bool = True) -> tuple[dict[str, pd.DataFrame],
                                                                 dict[str, str]]:
    """Tables for n_docs documents: facts, findings of every severity, one project in three,
    a document and a project that only other tables name, duplicated rows."""
    rng = random.Random(seed)
    texts = {f"d{i}": f"Projekts P{i // 3} sākās 2019. gada {i % 28 + 1}. maijā. "
             f"Budžets {1000 + i} EUR.\nKontakts: Anna {i}, tālr. 6540{i:04d}.\n" * 3
             for i in range(n_docs)}
    docs = [{"doc_id": d, "status": "ok", "project_id": f"P{i // 3}", "title": f"Doc {i}"}
            for i, d in enumerate(texts)]
    docs.append(dict(docs[0]))  # a duplicate row: the first one counts
    docs.append({"doc_id": "bad", "status": "failed", "error": "not a docx"})
    projects = [{"project_id": f"P{k}", "acronym": f"ACR{k}", "title": f"Projekts {k}"}
                for k in range(0, (n_docs + 2) // 3, 2)]  # every other project is absent
    dates, budgets, findings = [], [], []
    for d, t in texts.items():
        start = t.index("2019")
        dates.append({"doc_id": d, "start_date": "2019-05-01", "kind": "start", "text": "2019",
                      "char_start": start, "char_end": start + 4})
        start = t.index("EUR") - 5
        budgets.append({"doc_id": d, "amount": t[start:start + 4], "currency": "EUR",
                        "text": t[start:start + 8], "char_start": start,
                        "char_end": start + 8})
        for _ in range(rng.randint(0, 3)):
            a = rng.randrange(len(t) - 10)
            findings.append({"severity": rng.choice(["error", "warning", "info", "odd"]),
                             "rule": f"rule.{rng.randint(1, 4)}", "doc_id": d, "field": "x",
                             "message": "m", "text": t[a:a + 6], "char_start": a,
                             "char_end": a + rng.choice([6, 6, 9999])})
    findings.append({"severity": "warning", "rule": "rule.9", "doc_id": "ghost",
                     "project_id": "P-ghost", "message": "names a document nobody has"})
    rank = {"error": 0, "warning": 1, "info": 2}
    if sort:
        findings.sort(key=lambda f: rank.get(str(f["severity"]), 3))
    coverage = [{"project_id": f"P{k}", "field": f, "status": rng.choice(["present", "missing"])}
                for k in range((n_docs + 2) // 3) for f in ("title", "budget", "dates")]
    tables = {"documents": table("documents", docs), "projects": table("projects", projects),
              "dates": table("dates", dates), "budgets": table("budgets", budgets),
              "validation": table("validation", findings), "coverage": table("coverage", coverage),
              "notes": pd.DataFrame({"project_id": ["P1", "P2"], "note": ["a", "b"]})}
    return tables, texts


@pytest.mark.parametrize("case", ["sample", "many", "many-unsorted", "empty"])
def test_a_store_like_source_gives_the_adapters_bytes(case: str, tmp_path: Path) -> None:
    tables, texts = {
        "sample": sample,
        "many": lambda: many(60),
        "many-unsorted": lambda: many(60, seed=5, sort=False),
        "empty": lambda: ({}, {}),
    }[case]()
    want = render_report(tables, texts, title="T", generated="now")
    source = Reordered(TableSource(tables, texts))
    out = tmp_path / "report.html"
    write_report(out, source, title="T", generated="now")
    assert out.read_text(encoding="utf-8") == want
    # one document or project at a time, each asked for once
    for name in ("doc_facts", "doc_findings", "project_facts"):
        keys = source.calls.get(name, [])
        assert len(keys) == len(set(keys))


def test_sorted_findings_are_read_in_one_pass_unsorted_once_per_severity() -> None:
    for sort, passes in ((True, 2), (False, 1 + 4)):
        tables, texts = many(30, sort=sort)
        source = Reordered(TableSource(tables, texts))
        buf = io.StringIO()
        write_report(buf, source)
        assert len(source.calls["findings"]) == passes
        data = report_data(buf.getvalue())
        ranks = [{"error": 0, "warning": 1, "info": 2}.get(f["s"], 3) for f in data["findings"]]
        keys = list(zip(ranks, [f["n"] for f in data["findings"]], strict=True))
        assert keys == sorted(keys) and len(keys) == len(tables["validation"])


def report_data(page: str) -> dict:
    import json

    start = page.index('<script type="application/json" id="report-data">')
    body = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return json.loads(body)


def test_lone_surrogates_become_question_marks() -> None:
    tables, texts = sample()
    texts = {k: v + "\ud800 tail" for k, v in texts.items()}
    buf = io.StringIO()
    write_report(buf, TableSource(tables, texts), title="A \udfff title")
    page = buf.getvalue()
    assert "A ? title" in page and "? tail" in page
    page.encode("utf-8")  # no surrogate left


# ----------------------------------------------------------------------------------------------
# Memory


class Synthetic:
    """A ReportSource making n documents (three per project) with facts, findings and ~20 kB
    texts on the fly: nothing is stored, so what the writer holds is all that grows."""

    FACTS_PER_DOC = 6

    def __init__(self, n: int) -> None:
        self.n = n

    def _doc(self, doc_id: str) -> int:
        return int(doc_id[1:])

    def documents(self) -> Iterator[Row]:
        for i in range(self.n):
            yield {"doc_id": f"d{i:06d}", "source_path": f"archive/{i % 97}/doc{i}.txt",
                   "sha256": f"{i:064x}", "format": "txt", "doc_type": "press_release",
                   "languages": "lv", "publication_date": "2020-01-01", "title": f"Doc {i}",
                   "project_id": f"p{i // 3:06d}", "status": "failed" if i % 50 == 7 else "ok",
                   "error": "broken" if i % 50 == 7 else ""}

    def projects(self) -> Iterator[Row]:
        for k in range((self.n + 2) // 3):
            yield {"project_id": f"p{k:06d}", "acronym": f"A{k}", "title": f"Projekts {k}",
                   "doc_ids": ";".join(f"d{i:06d}" for i in range(3 * k, min(3 * k + 3, self.n)))}

    def coverage(self) -> Iterator[Row]:
        for k in range((self.n + 2) // 3):
            for f in ("title", "budget", "period"):
                yield {"project_id": f"p{k:06d}", "field": f,
                       "status": "missing" if (k + len(f)) % 4 == 0 else "present"}

    def _finding(self, n: int) -> Row:
        i, sev = (n, "error") if n < self.n else (n - self.n, "warning")
        at = 40 * (n % 7) + 3
        return {"severity": sev, "rule": f"rule.{n % 5}", "project_id": "",
                "doc_id": f"d{i:06d}", "field": "budget", "message": f"finding {n}",
                "text": self.text(f"d{i:06d}")[at:at + 9], "char_start": str(at),
                "char_end": str(at + 9), "_n": str(n)}

    def findings(self) -> Iterator[Row]:
        for n in range(2 * self.n):
            row = self._finding(n)
            del row["_n"]
            yield row

    def fact_counts(self) -> dict[str, int]:
        return {"dates": self.FACTS_PER_DOC * self.n}

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        text = self.text(doc_id)
        rows = []
        for k in range(self.FACTS_PER_DOC):
            at = 1000 * k + 11
            rows.append({"doc_id": doc_id, "project_id": "", "kind": "event",
                         "start_date": f"2020-01-{k + 1:02d}", "text": text[at:at + 10],
                         "char_start": str(at), "char_end": str(at + 10)})
        return {"dates": rows}

    def _project_docs(self, pid: str) -> Iterable[str]:
        k = int(pid[1:])
        return (f"d{i:06d}" for i in range(3 * k, min(3 * k + 3, self.n)))

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        return {"dates": [r for d in self._project_docs(project_id)
                          for r in self.doc_facts(d)["dates"]]}

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return {}

    def doc_findings(self, doc_id: str) -> list[Row]:
        i = self._doc(doc_id)
        return [self._finding(i), self._finding(self.n + i)]

    def project_findings(self, project_id: str) -> list[Row]:
        return [f for d in self._project_docs(project_id) for f in self.doc_findings(d)]

    @functools.lru_cache(maxsize=4)  # noqa: B019 (a few 20 kB strings; the source lives briefly)
    def text(self, doc_id: str) -> str | None:
        i = self._doc(doc_id)
        line = f"Dokuments {i}: pasākums notika 2020. gada {i % 28 + 1}. martā Daugavpilī. "
        return (line * (20_000 // len(line)))[:20_000]


def peak_bytes(n: int, path: Path) -> int:
    source = Synthetic(n)
    _resource("report.js"), _resource("report.css")  # cached, not the report's
    tracemalloc.start()
    try:
        write_report(path, source)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    """Four times the documents, about the same peak: only small per-id indexes grow. (Holding
    the texts, rows or JSON of every document, as a one-string render does, fails this.)"""
    small = peak_bytes(100, tmp_path / "small.html")
    large = peak_bytes(400, tmp_path / "large.html")
    assert (tmp_path / "large.html").stat().st_size > 3.5 * (tmp_path / "small.html").stat().st_size
    assert large < 1.5 * small + 256_000, (small, large)
