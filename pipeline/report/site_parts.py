"""A big project's page in parts (issue 14: no page of the site over 5 MB, at any archive size).

A project page carries every document's text and highlights (~9.5 kB a document in the
synthetic archive), so one project of a few hundred documents would pass 5 MB whatever the
archive's size. `in_parts` cuts a project's documents into consecutive runs within an estimated
byte budget (`PART_BYTES`, from documents.csv's `n_chars`), ending a run early after a document
whose id marks a boundary (`split`); a project that fits stays one page, written exactly as
before. Otherwise part 1 keeps the page's name, the project card (its project-wide facts and
tables), the coverage rows and a list of all the parts and their documents; every later part is
named after its first document (`part_path`) and opens with a panel linking the previous and
next parts and part 1, and nothing else about the project. So a rerun after a few documents
changed renders again their parts, part 1 and at most their neighbours (whose links to them
change), not the parts after them: no later part's name or bytes say how many parts come before
it or how many there are. Each fact and finding is on the part holding its document (those of
no document of the project on part 1), and each part's card lists only that part's documents, so
every in-page link of a part lands on that part.

The pages of documents outside any project are cut by a byte budget too (`batches`, besides
their count limit). A document over the budget on its own gets a part of its own: one
document's text is not cut, so its page is as big as that document makes it.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass

from pipeline.report.base import Row, _anchor, _e
from pipeline.report.source import ReportSource

PART_BYTES = 2_000_000  # estimated bytes of the documents on one part (limit: 5 MB a page)
# A document's estimated bytes on a page: DOC_BYTES + TEXT_FACTOR per character of its text. The
# text is written once; its facts (card rows, highlights, tooltips) and findings grow with it.
# On a 5,000-document synthetic archive the pages of its largest projects weigh 0.8-0.9 of this
# estimate (~9.5 kB a document of ~3,000 characters); the budget leaves 2.5x for denser facts.
DOC_BYTES = 4_000
TEXT_FACTOR = 2
# One document id in this many may end a part (`split`), once the part holds a
# 1/MIN_PART_SHARE of the budget: at the synthetic archive's ~10 kB a document, parts of ~28
# documents on average (12, then 16), ~280 kB. Small parts, because a rerun renders again every
# part with a changed document: with 1% of the documents changed at random, a part of 28 is
# left as it was three times in four, one of 200 (the budget) one time in eight.
BOUNDARY_ONE_IN = 16
MIN_PART_SHARE = 16

# (page path, project ids, documents, project rows, coverage rows): what site._pages yields
Page = tuple[str, list[str], list[Row], list[Row], list[Row]]


def doc_cost(doc: Row) -> int:
    """A document's estimated bytes on a page, from its row alone (documents.csv `n_chars`): the
    split needs no facts or texts read, so a rerun can still skip reading unchanged pages'."""
    try:
        chars = int(doc.get("n_chars") or 0)
    except ValueError:
        chars = 0
    return DOC_BYTES + TEXT_FACTOR * max(chars, 0)


def split(docs: list[Row], budget: int | None = None,
          max_docs: int | None = None) -> list[list[Row]]:
    """Consecutive runs of `docs` (their order kept), each within `budget` estimated bytes
    (default `PART_BYTES`) and `max_docs` documents; a document over the budget alone is a run
    of its own; documents that fit are one run. Otherwise a run also ends after a document
    whose id marks a boundary (`boundary`) once it holds 1/MIN_PART_SHARE of the budget:
    boundaries set by the documents themselves, as rsync's chunks are, so a document that
    grows, joins or leaves a big project moves the cuts of its own part only, and a rerun
    renders that part again (and part 1, see `lead`), not every part after it. At least one
    run, maybe empty."""
    budget = PART_BYTES if budget is None else budget
    if sum(map(doc_cost, docs)) <= budget and (max_docs is None or len(docs) <= max_docs):
        return [docs]  # fits: one run, however its ids fall
    runs: list[list[Row]] = [[]]
    used = 0
    cut = False
    for d in docs:
        cost = doc_cost(d)
        full = max_docs is not None and len(runs[-1]) >= max_docs
        if runs[-1] and (cut or used + cost > budget or full):
            runs.append([])
            used = 0
        runs[-1].append(d)
        used += cost
        cut = used >= budget // MIN_PART_SHARE and boundary(d)
    return runs


def boundary(doc: Row) -> bool:
    """Whether a run may end after this document: one id in `BOUNDARY_ONE_IN`, by a hash that
    is the same in every run and on every machine."""
    return zlib.crc32(doc.get("doc_id", "").encode("utf-8")) % BOUNDARY_ONE_IN == 0


def batches(docs: list[Row], size: int) -> list[list[Row]]:
    """The pages of documents outside any project: at most `size` documents, fewer when long
    and, like a big project's parts, cut where the documents' ids say (`split`), so that a
    document that joins or leaves them changes its own page only. Without a project card a
    document weighs about half its estimate (200 of the 20,000 synthetic archive's: 0.9-1.1
    MB), hence twice the budget; empty runs dropped."""
    return [run for run in split(docs, 2 * PART_BYTES, size) if run]


def part_path(rel: str, first_doc: str, k: int) -> str:
    """Part k's path (0-based): part 0 is the project's page itself; a later part is named
    after its first document, so that a part before it that comes or goes renames nothing.
    page_name ends in a hash, so `-part-` cannot collide with another project's name; the id
    is cut to safe characters and hashed, as page_name does."""
    if k == 0:
        return rel
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", first_doc)[:60].strip("._") or "x"
    tag = hashlib.sha1(first_doc.encode("utf-8", "replace")).hexdigest()[:6]
    return f"{rel.removesuffix('.html')}-part-{slug}-{tag}.html"


class PartSource:
    """The source as one part sees it: the project's facts and findings only of the part's
    documents (part 1 also those of no document of the project), its other tables on part 1."""

    def __init__(self, source: ReportSource, pid: str, doc_ids: Set[str],
                 project_docs: Set[str], first: bool) -> None:
        self._source, self._pid, self._first = source, pid, first
        self._docs, self._project_docs = doc_ids, project_docs

    def _mine(self, r: Row) -> bool:
        return self._mine_doc(r.get("doc_id", ""))

    def _mine_doc(self, d: str) -> bool:
        return d in self._docs or (self._first and d not in self._project_docs)

    def doc_digest(self, doc_id: str) -> str | None:
        digest = getattr(self._source, "doc_digest", None)
        return digest(doc_id) if digest is not None else None

    def project_docs(self, project_id: str) -> list[str] | None:
        docs = getattr(self._source, "project_docs", None)
        return None if docs is None else [d for d in docs(project_id) if self._mine_doc(d)]

    def project_findings(self, project_id: str) -> list[Row]:
        of = getattr(self._source, "project_findings_of", None)  # a run's store copies only these
        if of is not None:
            return list(of(project_id, self._mine_doc))
        return [r for r in self._source.project_findings(project_id) if self._mine(r)]

    def project_facts(self, project_id: str) -> dict[str, list[Row]]:
        of = getattr(self._source, "project_facts_of", None)  # a run's store reads only these
        if of is not None:
            return {name: rows for name, rows in of(project_id, self._mine_doc).items() if rows}
        got = self._source.project_facts(project_id).items()
        return {name: mine for name, rows in got if (mine := [r for r in rows if self._mine(r)])}

    def project_tables(self, project_id: str) -> dict[str, list[Row]]:
        return self._source.project_tables(project_id) if self._first else {}

    def doc_findings(self, doc_id: str) -> list[Row]:
        return self._source.doc_findings(doc_id)

    def documents(self) -> Iterable[Row]:
        return self._source.documents()

    def projects(self) -> Iterable[Row]:
        return self._source.projects()

    def coverage(self) -> Iterable[Row]:
        return self._source.coverage()

    def findings(self) -> Iterable[Row]:
        return self._source.findings()

    def doc_facts(self, doc_id: str) -> dict[str, list[Row]]:
        return self._source.doc_facts(doc_id)

    def fact_counts(self) -> dict[str, int]:
        return self._source.fact_counts()

    def text(self, doc_id: str) -> str | None:
        return self._source.text(doc_id)


@dataclass(frozen=True)
class Part:
    """Part k of a project's page: its opening panel and what its source is cut to. Plain data
    (no source held), so a page can be handed to another process that renders it over its own
    copy of the source (site_pool.py)."""

    k: int
    paths: tuple[str, ...]
    lead: str
    pid: str
    doc_ids: frozenset[str]
    project_docs: frozenset[str]

    def source(self, base: ReportSource) -> PartSource:
        """`base` as this part sees it."""
        return PartSource(base, self.pid, self.doc_ids, self.project_docs, self.k == 0)


def _part_row(prow: list[Row], doc_ids: list[str], project_docs: Set[str],
              first: bool) -> list[Row]:
    """The project's row on a part: its `doc_ids` cut to the part's (part 1 keeps those of no
    document of the project), and the linking evidence, which names documents of every part,
    only on part 1."""
    if not prow:
        return []
    mine = set(doc_ids)
    row = dict(prow[0])
    listed = [x for x in row.get("doc_ids", "").split(";") if x]
    row["doc_ids"] = ";".join(x for x in listed if x in mine or (first and x not in project_docs))
    if not first:
        row.pop("link_evidence", None)
    return [row]


def lead(label: str, paths: tuple[str, ...], k: int, runs: list[list[Row]]) -> str:
    """The panel every part opens with. Part 1's: part 1 of n, links to every part, and the
    list of all documents, each linked on the part that shows it. A later part's names only
    its own documents and its neighbours (previous, next, part 1), so that it stays the same
    page when another part of the project changes (see the module doc)."""
    def href(j: int, anchor: str = "") -> str:
        page = "" if j == k else paths[j].rsplit("/", 1)[-1]
        return _e(page + ("#" + anchor if anchor else ""))

    steps = []
    if k > 0:
        steps.append(f'<a href="{href(k - 1)}" rel="prev">\u2190 previous part</a>')
    if k + 1 < len(paths):
        steps.append(f'<a href="{href(k + 1)}" rel="next">next part \u2192</a>')
    step_links = " \u00b7 ".join(steps)
    if k > 0:
        ids = [d.get("doc_id", "") for d in runs[k]]
        return "".join([
            f'<section class="panel" id="parts"><h2>{_e(label)}: '
            + (f"document {_e(ids[0])}" if len(ids) == 1 else
               f"documents {_e(ids[0])} to {_e(ids[-1])}") + "</h2>",
            f"<p>The project's documents are shown on several pages; this one shows "
            f"{len(ids)} of them. {step_links}</p>",
            f'<p class="part-links"><a href="{href(0)}">Part 1</a> lists every part and '
            "document of the project.</p></section>\n",
        ])
    total = sum(len(r) for r in runs)
    links = " ".join(f"<strong>{j + 1}</strong>" if j == k else
                     f'<a href="{href(j)}">{j + 1}</a>' for j in range(len(paths)))
    out = [
        f'<section class="panel" id="parts"><h2>{_e(label)}: part 1 of {len(paths)}</h2>',
        f"<p>The project's documents are shown on {len(paths)} pages; this one shows "
        f"{len(runs[k])} of them. {step_links}</p>",
        f'<p class="part-links">Parts: {links}</p>',
        f"<details><summary>All {total} documents, by part</summary><ul>",
    ]
    for j, run in enumerate(runs):
        docs = ", ".join(f'<a href="{href(j, _anchor("doc-", d.get("doc_id", "")))}">'
                         f'{_e(d.get("doc_id", ""))}</a>' for d in run)
        out.append(f"<li>Part {j + 1}: {docs}</li>")
    out.append("</ul></details></section>\n")
    return "".join(out)


def in_parts(pages: Iterable[Page],
             budget: int | None = None) -> Iterator[tuple[Page, Part | None]]:
    """Every page of `pages`, a project's cut into parts when its documents exceed `budget`
    (default `PART_BYTES`), then with its `Part`; None for a page written as it always was."""
    for page in pages:
        rel, pids, docs, prow, cov = page
        runs = split(docs, budget) if pids else [docs]
        if len(runs) == 1:
            yield page, None
            continue
        pid = pids[0]
        label = (prow[0].get("acronym") or prow[0].get("title") or pid) if prow else pid
        paths = tuple(part_path(rel, run[0].get("doc_id", ""), k)
                      for k, run in enumerate(runs))
        project_docs = frozenset(d.get("doc_id", "") for d in docs)
        for k, run in enumerate(runs):
            ids = [d.get("doc_id", "") for d in run]
            part = Part(k, paths, lead(label, paths, k, runs), pid, frozenset(ids), project_docs)
            yield ((paths[k], pids, run, _part_row(prow, ids, project_docs, k == 0),
                    cov if k == 0 else []), part)
