"""The report site's pages rendered in worker processes (`pipeline.report.site_pool`): the same
bytes as in one process, on a first run and on a rerun that copies unchanged pages, and a
worker that fails costs no page (the main process renders what it left, with a warning)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_report_site import big_project

from pipeline.report import TableSource, site_parts, site_pool
from pipeline.report.site import write_site


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same(got: Path, want: Path) -> None:
    a, b = files(got), files(want)
    assert sorted(a) == sorted(b)
    for name in b:
        assert a[name] == b[name], f"{name} differs from the page rendered in one process"


class Pooled:
    """Makes the pool worth starting for a handful of pages, and counts the pages the
    workers gave back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(site_pool, "POOL_MIN_BYTES", 0)
        # parts of three documents: pages of every kind (whole, part 1, later parts, batches)
        monkeypatch.setattr(site_parts, "PART_BYTES", 3 * site_parts.doc_cost({"n_chars": "80"}))
        self.returned = 0
        real = site_pool._in_pool

        def in_pool(*args: object) -> dict:
            done = real(*args)  # type: ignore[arg-type]
            self.returned += len(done)
            return done

        monkeypatch.setattr(site_pool, "_in_pool", in_pool)


def site(folder: Path, n_docs: int = 7, texts_changed: bool = False, workers: int = 0,
         previous: Path | None = None, reopen: object = None) -> dict[str, int]:
    tables, texts = big_project(n_docs)
    if texts_changed:
        texts = {k: v + " changed" for k, v in texts.items()}
    if workers and reopen is None:
        reopen = functools.partial(TableSource, tables, texts)
    return write_site(folder, TableSource(tables, texts), previous=previous, workers=workers,
                      reopen=reopen)  # type: ignore[arg-type]


def test_pages_rendered_in_workers_are_the_bytes_rendered_in_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    pooled = Pooled(monkeypatch)
    decoy = tmp_path / "elsewhere"  # a working directory with another `pipeline` package in it
    (decoy / "pipeline").mkdir(parents=True)
    (decoy / "pipeline" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(decoy)
    one, two = tmp_path / "one", tmp_path / "two"
    first = site(one)
    assert site(two, workers=2) == first
    assert pooled.returned == first["rendered"] > 3
    assert len(list((two / "projects").glob("*-part-*.html"))) == 2  # parts 2 and 3
    assert_same(two, one)
    # a rerun: texts of the big project changed, three documents added (a part more); the
    # other pages are copied from the previous site, by the workers
    pooled.returned = 0
    again = site(tmp_path / "one-again", 10, True, previous=one)
    assert site(tmp_path / "two-again", 10, True, workers=2, previous=two) == again
    assert again["reused"] > 0 and again["rendered"] > 0
    assert pooled.returned == again["reused"] + again["rendered"]
    assert_same(tmp_path / "two-again", tmp_path / "one-again")
    site(tmp_path / "cold", 10, True)
    assert_same(tmp_path / "two-again", tmp_path / "cold")
    assert "warning" not in capsys.readouterr().err  # the workers imported this package


def test_no_pool_for_a_few_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pooled = Pooled(monkeypatch)
    monkeypatch.setattr(site_pool, "POOL_MIN_BYTES", 10**9)
    site(tmp_path / "two", workers=2, reopen=functools.partial(os._exit, 3))
    assert pooled.returned == 0
    site(tmp_path / "one")
    assert_same(tmp_path / "two", tmp_path / "one")


class Failing(TableSource):
    """A source whose text of one document cannot be read (in the worker that opened it)."""

    def text(self, doc_id: str) -> str | None:
        if doc_id == "big4":
            raise RuntimeError("disk gone")
        return super().text(doc_id)


def failing() -> TableSource:
    tables, texts = big_project()
    return Failing(tables, texts)


@pytest.mark.parametrize("how", ["crash", "raise", "unpicklable"])
def test_a_worker_that_fails_costs_no_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture, how: str) -> None:
    Pooled(monkeypatch)
    reopen = {"crash": functools.partial(os._exit, 3), "raise": failing,
              "unpicklable": lambda: None}[how]
    stats = site(tmp_path / "two", workers=2, reopen=reopen)
    assert "a page worker failed" in capsys.readouterr().err
    assert stats == site(tmp_path / "one")
    assert_same(tmp_path / "two", tmp_path / "one")


@dataclass(frozen=True)
class Evens:
    """A settler: the memo knows the even pages unchanged; the odd ones are rendered."""

    def settle(self, source: object, job: site_pool.PageJob) -> site_pool.PageDone:
        return self.reuse(source, job) or site_pool.PageDone(job.n, f"d{job.n}", "s", True, ())

    def reuse(self, source: object, job: site_pool.PageJob) -> site_pool.PageDone | None:
        return site_pool.PageDone(job.n, f"d{job.n}", "s", False, ()) if job.n % 2 == 0 else None


@pytest.mark.parametrize("workers", [2, 0], ids=["pool", "in-process"])
def test_the_callers_own_work_runs_once_while_the_workers_render(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_pool, "POOL_MIN_BYTES", 0)
    jobs = [site_pool.PageJob(n, (f"p{n}.html", [], [], [], []), None, "s", f"d{n}")
            for n in range(6)]
    calls: list[tuple[list[int], list[int]]] = []
    done = site_pool.settle_pages(Evens(), None, jobs, workers, dict,  # type: ignore[arg-type]
                                  meanwhile=lambda settled, todo: calls.append(
                                      (sorted(settled), [job.n for job in todo])))
    assert [d.n for d in done] == list(range(6))
    assert [d.rendered for d in done] == [n % 2 == 1 for n in range(6)]
    # with the pool: while the workers render the odd pages; else once every page is settled
    assert calls == ([([0, 2, 4], [1, 3, 5])] if workers else [(list(range(6)), [])])
