"""Reruns carry over what did not change (`pipeline.stages.memo`) and still write, byte for
byte, what a run with `--no-cache` writes on the same inputs."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pipeline.stages.builder as builder_mod
import pipeline.stages.projects as projects_mod
from pipeline.cli import main
from pipeline.stages import output
from pipeline.store import RunStore

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from make_synthetic_archive import document, write_archive  # noqa: E402

PROJECT = """Project {number} "{title}" {what}
The project No. {number} is implemented from {start} to {end} by {lead} together with {partner}.
Contact person: {person}, phone {phone}.
"""


def project_text(number: str, title: str, person: str = "Anna Ozola", what: str = "started",
                 start: str = "01.03.2019", end: str = "28.02.2021") -> bytes:
    return PROJECT.format(number=number, title=title, what=what, start=start, end=end,
                          lead="Daugavpils City Council",
                          partner="Zarasai District Municipality", person=person,
                          phone="+371 65400000").encode()


def make_archive(src: Path) -> None:
    write_archive(src, 40, seed=3)
    (src / "linked").mkdir()
    (src / "linked" / "a.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth"))
    (src / "linked" / "b.txt").write_bytes(project_text("LLI-522", "Old Crafts Revived",
                                                        "Jānis Bērziņš", start="01.05.2018",
                                                        end="30.04.2020"))
    (src / "linked" / "c.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                        "Pēteris Kalniņš", "seminar"))


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def run(src: Path, out: Path, *extra: str) -> int:
    return main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0", *extra])


class Counting:
    """Counts the projects merged again (the rest was carried over)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = projects_mod.merge_project

        def merge(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(projects_mod, "merge_project", merge)


def projects(out: Path) -> int:
    return (out / "projects.csv").read_text(encoding="utf-8").count("\n") - 1


def same_as_cold(tmp_path: Path, src: Path, out: Path, *extra: str) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    assert run(src, cold, "--no-cache", *extra) == 0
    got, want = outputs(out), outputs(cold)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], f"{name} differs from a cold run"


class Opened:
    """Counts the connections opened to the previous run's store for its pages' views."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = RunStore.reader

        def reader(path: Path) -> RunStore:
            self.calls += 1
            return real(path)

        monkeypatch.setattr(RunStore, "reader", staticmethod(reader))


class Hashing:
    """Counts the site's pages whose rows and texts were hashed (the rest: the memo's digest)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import pipeline.report.site as site_mod

        self.calls = 0
        real = site_mod._Subset.static_digest

        def static_digest(sub: object) -> str:
            self.calls += 1
            return real(sub)  # type: ignore[arg-type]

        monkeypatch.setattr(site_mod._Subset, "static_digest", static_digest)


def site_pages(out: Path) -> int:
    return len(list((out / "report").glob("*/*.html")))


@pytest.mark.parametrize("form", ["single", "site", "site-parts"])
def test_rerun_after_changes_is_byte_identical_to_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, form: str
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    if form == "site-parts":  # every project's page in parts of one document (site_parts.py)
        from pipeline.report import site_parts

        monkeypatch.setattr(site_parts, "PART_BYTES", 1)
        form = "site"
        assert run(src, out, "--report", form) == 0
        assert list((out / "report" / "projects").glob("*-part-*.html"))
    report = ("--report", form)
    assert run(src, out, *report) == 0
    before = projects(out)
    linked = src / "linked"
    # added: a document of b's project; changed: b now names a's project (two projects link),
    # c names another one (it leaves a's project); a synthetic file changed, one removed, one added
    (linked / "d.txt").write_bytes(project_text("LLI-522", "Old Crafts Revived", "Ilze Liepa",
                                                "workshop", "01.05.2018", "30.04.2020"))
    (linked / "b.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                "Jānis Bērziņš", "meeting"))
    (linked / "c.txt").write_bytes(project_text("LLI-999", "Blue Lakes", "Pēteris Kalniņš"))
    synthetic = sorted(p for p in src.rglob("*.txt") if "linked" not in p.parts
                       and "copies" not in p.parts)
    synthetic[0].write_bytes(synthetic[0].read_bytes() + b"\r\nUpdated: 12.03.2024.")
    synthetic[1].unlink()
    name, data = document(1003, 7)
    (src / "new").mkdir()
    (src / "new" / Path(name).name).write_bytes(data)
    counting = Counting(monkeypatch)
    hashing = Hashing(monkeypatch)
    opened = Opened(monkeypatch)
    assert run(src, out, *report) == 0
    assert 0 < counting.calls < before, "only the projects that changed are merged again"
    if form == "site":
        assert 0 < hashing.calls < site_pages(out), "unchanged pages are not hashed again"
        assert opened.calls > 0 and output._readers == {}  # the previous store let go of
    same_as_cold(tmp_path, src, out, *report)
    documents = (out / "documents.csv").read_text(encoding="utf-8")
    pid = {line.split(",")[0]: line.split(",")[8] for line in documents.splitlines()[1:]}
    assert pid["linked__a"] == pid["linked__b"] != pid["linked__c"]
    assert pid["linked__d"] != pid["linked__a"]

    # and again from the memo of that rerun: b back to its own project, c removed
    (linked / "b.txt").write_bytes(project_text("LLI-522", "Old Crafts Revived",
                                                "Jānis Bērziņš", start="01.05.2018",
                                                end="30.04.2020"))
    (linked / "c.txt").unlink()
    counting.calls = hashing.calls = 0
    assert run(src, out, *report) == 0
    assert 0 < counting.calls < before
    if form == "site":
        assert 0 < hashing.calls < site_pages(out)
    same_as_cold(tmp_path, src, out, *report)
    capsys.readouterr()


def test_site_pages_rendered_by_workers_are_those_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report site's pages rendered by two page workers (`report.site_pool`: spawned
    processes, each with the run store opened read-only) are the bytes of a run that renders
    them in one process, on a first run and on a rerun, whose workers get only the pages that
    may have changed (the others are copied by the main process, by the memo's digests)."""
    import os

    from pipeline.report import site_pool

    monkeypatch.setattr(site_pool, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    sent: list[tuple[int, int]] = []  # (pages sent to the workers, pages they gave back)
    real = site_pool._in_pool

    def in_pool(*args: object) -> dict:
        done = real(*args)  # type: ignore[arg-type]
        sent.append((len(args[2]), len(done)))  # type: ignore[arg-type]
        return done

    monkeypatch.setattr(site_pool, "_in_pool", in_pool)
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    pooled = ["run", str(src), "--out", str(out), "--quiet", "--report", "site", "--workers", "2"]
    assert main(pooled) == 0
    assert sent == [(site_pages(out), site_pages(out))]
    same_as_cold(tmp_path, src, out, "--report", "site")  # in one process (--workers 0)
    linked = src / "linked"
    (linked / "b.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                "Jānis Bērziņš", "meeting"))
    (linked / "d.txt").write_bytes(project_text("LLI-777", "Quiet Woods", "Ilze Liepa"))
    assert main(pooled) == 0
    assert len(sent) == 2 and 0 < sent[1][0] == sent[1][1] < site_pages(out)
    same_as_cold(tmp_path, src, out, "--report", "site")


class SpreadCounting:
    """Counts the projects the project workers gave back (`stages.projects`, `workpool`) and
    those the main process did; the main process is slowed down, so that the worker, which
    takes a moment to start, gets some."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import os
        import time

        from pipeline import workpool

        monkeypatch.setattr(builder_mod, "PROJECT_POOL_MIN_DOCS", 0)
        monkeypatch.setattr(builder_mod, "PROJECT_CREW_MIN_DOCS", 0)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        self.total = self.here = 0
        real = workpool.Spread.in_order

        def in_order(sp: workpool.Spread, local: Callable[[list], list]) -> Iterator[list]:
            def slow(chunk: list) -> list:
                self.here += len(chunk)
                time.sleep(0.2)
                return local(chunk)

            for answers in real(sp, slow):
                self.total += len(answers)
                yield answers

        monkeypatch.setattr(workpool.Spread, "in_order", in_order)

    @property
    def answered(self) -> int:
        return self.total - self.here


def test_projects_done_by_workers_are_those_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Projects merged and validated by a project worker (reading the run store read-only)
    alongside the main process give the bytes of a run that does them in one process, on a
    first run and on a rerun, which hands out only the projects done again."""
    from pipeline.store import RunStore

    counting = SpreadCounting(monkeypatch)
    patched: list[int] = []
    real_put = RunStore.put_resolved
    monkeypatch.setattr(RunStore, "put_resolved",
                        lambda store, i, patch: (patched.append(i), real_put(store, i, patch)))
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    # a project of one year and a page giving a date without its year: filled in from it
    (src / "linked" / "e.txt").write_bytes(project_text("LLI-630", "Bright Windows",
                                                        start="01.03.2019", end="31.12.2019"))
    (src / "linked" / "f.txt").write_bytes(
        b'Project LLI-630 "Bright Windows": the final seminar takes place on 12 June in '
        b"Daugavpils.\n")
    pooled = ["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]
    assert main(pooled) == 0
    assert counting.total == projects(out) > 1 and counting.answered > 0
    assert patched, "a year was filled in from the project's period"
    assert "2019-06-12" in (out / "dates.csv").read_text(encoding="utf-8")
    same_as_cold(tmp_path, src, out)  # in one process (--workers 0)
    (src / "linked" / "b.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                        "Jānis Bērziņš", "meeting"))
    counting.total = counting.here = 0
    assert main(pooled) == 0
    assert 0 < counting.total < projects(out)
    same_as_cold(tmp_path, src, out)


def test_a_project_worker_that_fails_costs_no_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """Workers that cannot open the run store answer nothing: the main process does their
    projects, says so on stderr, and the outputs are those of a run without workers."""
    counting = SpreadCounting(monkeypatch)
    monkeypatch.setattr(builder_mod, "Setup", lambda store, required: projects_mod.Setup(
        tmp_path / "no-such-store.sqlite3", required))
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    assert counting.answered == 0 and counting.total == projects(out)
    assert "a project worker failed (cannot set up: " in capsys.readouterr().err
    same_as_cold(tmp_path, src, out)


def test_rerun_with_nothing_carried_when_the_previous_run_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that fails (here: stopped while writing the report) leaves no memo: the next run
    does every project again, and its outputs are those of a cold run."""
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert run(src, out) == 0
    (src / "linked" / "c.txt").write_bytes(project_text("LLI-999", "Blue Lakes"))

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(builder_mod, "write_report", stopped)
        assert run(src, out) == 130
    (src / "linked" / "a.txt").write_bytes(project_text("LLI-414", "Green Rivers", what="ended"))
    counting = Counting(monkeypatch)
    assert run(src, out) == 0
    assert counting.calls == projects(out), "every project is done again"
    same_as_cold(tmp_path, src, out)


@pytest.mark.parametrize("change", ["version", "reference-date", "required-fields"])
def test_rerun_with_another_version_or_options_does_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert run(src, out) == 0
    (src / "linked" / "c.txt").write_bytes(project_text("LLI-999", "Blue Lakes"))
    extra: list[str] = []
    if change == "version":
        import pipeline.cache

        monkeypatch.setattr(pipeline.cache, "pipeline_version", lambda: "another")
    elif change == "reference-date":
        extra = ["--reference-date", "2020-06-01"]
    else:
        toml = tmp_path / "required.toml"
        toml.write_text('[press_release]\nrequired = ["title"]\n', encoding="utf-8")
        extra = ["--required-fields", str(toml)]
    counting = Counting(monkeypatch)
    assert run(src, out, *extra) == 0
    assert counting.calls == projects(out), "every project is done again"
    same_as_cold(tmp_path, src, out, *extra)


def test_cache_clear_forgets_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert run(src, out) == 0
    runs = tmp_path / ".pipeline-cache" / "cache.sqlite3.runs"
    assert len(list(runs.glob("*.sqlite3"))) == 1, "the memo is kept beside the cache"
    assert not any(".sqlite3" in name for name in outputs(out)), "and is not an output"
    assert main(["cache", "clear", "--out", str(out)]) == 0
    assert not runs.exists()
    (src / "linked" / "c.txt").write_bytes(project_text("LLI-999", "Blue Lakes"))
    counting = Counting(monkeypatch)
    assert run(src, out) == 0
    assert counting.calls == projects(out)


def test_rerun_reads_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are known by their stat signature: an unchanged file is not read again; a
    touched one (same bytes) and one rewritten with the same size and modification time (its
    change time still moves) are read, and the outputs are a cold run's."""
    import os

    import pipeline.cache
    import pipeline.runner

    monkeypatch.setattr(pipeline.cache, "_SETTLED", -1.0)  # the files were written just now
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert run(src, out) == 0
    reads: list[str] = []
    real = pipeline.runner.read_limited

    def counting(path: Path, *args: object) -> bytes:
        reads.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.runner, "read_limited", counting)
    assert run(src, out) == 0
    assert reads == [], "nothing changed: nothing read"

    touched, rewritten = src / "linked" / "a.txt", src / "linked" / "b.txt"
    os.utime(touched)
    st = rewritten.stat()
    data = rewritten.read_bytes()
    rewritten.write_bytes(data.replace(b"Old Crafts", b"Odd Crafts"))
    os.utime(rewritten, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert rewritten.stat().st_size == st.st_size
    assert rewritten.stat().st_mtime_ns == st.st_mtime_ns
    assert run(src, out) == 0
    assert sorted(set(reads)) == ["a.txt", "b.txt"]
    assert "Odd Crafts" in (out / "text" / "linked__b.txt").read_text(encoding="utf-8")
    same_as_cold(tmp_path, src, out)


def test_rerun_replaces_only_link_evidence_when_a_group_s_notes_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A changed document elsewhere can change a project's evidence or pairs kept apart (same
    acronym) and nothing else of it: its rows are copied with projects.link_evidence replaced,
    and the site's pages of that project are hashed again (the card shows the evidence)."""
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    note = {"text": "first"}
    real = builder_mod.link_profiles

    def link(*args: object, **kwargs: object) -> object:
        groups = real(*args, **kwargs)  # type: ignore[arg-type]
        for g in groups:
            g.apart.append(f"{g.project_id} / elsewhere: {note['text']}")
        return groups

    monkeypatch.setattr(builder_mod, "link_profiles", link)
    report = ("--report", "site")
    assert run(src, out, *report) == 0
    before = projects(out)
    synthetic = sorted(p for p in src.rglob("*.txt") if "linked" not in p.parts
                       and "copies" not in p.parts)
    synthetic[0].write_bytes(synthetic[0].read_bytes() + b"\r\nUpdated: 12.03.2024.")
    note["text"] = "second"
    counting = Counting(monkeypatch)
    assert run(src, out, *report) == 0
    assert counting.calls < before // 2, "projects whose notes alone moved are not merged again"
    assert (out / "projects.csv").read_text(encoding="utf-8").count("elsewhere: second") \
        == before
    same_as_cold(tmp_path, src, out, *report)
    capsys.readouterr()


PRESS = "Project {number} \"{title}\": the partners met at a seminar on 14 May in Daugavpils.\n"


class Exporting:
    """Counts the documents whose rows were made again (the rest were copied)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.docs: list[str] = []
        real = builder_mod.fact_rows

        def fact_rows(result: object, project_id: str) -> object:
            self.docs.append(result.doc.doc_id)  # type: ignore[attr-defined]
            return real(result, project_id)  # type: ignore[arg-type]

        monkeypatch.setattr(builder_mod, "fact_rows", fact_rows)

    def linked(self) -> list[str]:
        """Of the test's linked/ documents (duplicates and broken files are never carried)."""
        return sorted(d for d in self.docs if d.startswith("linked__"))


def test_rows_of_a_project_s_unchanged_documents_are_copied_while_its_period_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A document joining a project changes its group but not its id (that of its first
    document) nor the period its press releases take their years from: the other documents'
    rows are copied. When the period changes, they are made again (their dates' years may)."""
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    linked = src / "linked"
    (linked / "a.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                end="29.02.2020"))
    press = PRESS.format(number="LLI-414", title="Green Rivers for Youth").encode()
    (linked / "e.txt").write_bytes(press)
    assert run(src, out) == 0
    dates = (out / "dates.csv").read_text(encoding="utf-8")
    assert "2019-05-14" in dates, "the press release's year comes from a's period"

    (linked / "z.txt").write_bytes(press.replace(b"14 May", b"20 May"))  # joins a's project
    exporting = Exporting(monkeypatch)
    assert run(src, out) == 0
    assert exporting.linked() == ["linked__z"]
    same_as_cold(tmp_path, src, out)

    (linked / "a.txt").write_bytes(project_text("LLI-414", "Green Rivers for Youth",
                                                start="01.03.2020", end="28.02.2021"))
    exporting.docs.clear()
    assert run(src, out) == 0
    assert exporting.linked() == ["linked__a", "linked__c", "linked__e", "linked__z"]
    assert "2020-05-14" in (out / "dates.csv").read_text(encoding="utf-8")
    same_as_cold(tmp_path, src, out)
    capsys.readouterr()


def test_rerun_links_the_texts_it_wrote_unread_and_writes_an_edited_one_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A carried document's text file is known by its size and modification time as the last
    run left it (`export.file_mark`): not read again. One edited since (another size, or
    the same size and a later time) is read, found different, and written again."""
    import os

    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert run(src, out) == 0
    texts = out / "text"
    resized, same_size = texts / "linked__a.txt", texts / "linked__c.txt"
    resized.write_text("edited by hand", encoding="utf-8")
    data = same_size.read_bytes()
    same_size.write_bytes(data.swapcase())
    later = same_size.stat().st_mtime_ns + 2_000_000_000
    os.utime(same_size, ns=(later, later))
    (src / "linked" / "b.txt").write_bytes(project_text("LLI-522", "Old Crafts Revived",
                                                        what="ended"))
    reads: list[str] = []
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.parent == texts:
            reads.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert run(src, out) == 0
    assert set(reads) - {"linked__b.txt"} == {resized.name, same_size.name}
    # their new files' marks are kept: the next run reads neither
    reads.clear()
    (src / "linked" / "b.txt").write_bytes(project_text("LLI-522", "Old Crafts Revived"))
    assert run(src, out) == 0
    assert set(reads) - {"linked__b.txt"} == set()
    monkeypatch.undo()
    same_as_cold(tmp_path, src, out)


@pytest.mark.parametrize("least", [None, 0], ids=["small-archive", "crew-worth-it"])
def test_workers_are_started_ahead_only_for_an_archive_that_can_use_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, least: int | None
) -> None:
    import os

    started: list[int] = []
    real = builder_mod.Crew

    def crew(workers: int, warm: object) -> object:
        started.append(workers)
        return real(workers, warm)  # type: ignore[arg-type]

    monkeypatch.setattr(builder_mod, "Crew", crew)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    if least is not None:
        monkeypatch.setattr(builder_mod, "PROJECT_CREW_MIN_DOCS", least)
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src)
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    assert started == ([] if least is None else [1])
    same_as_cold(tmp_path, src, out)
