"""The per-document cache: reuse of unchanged documents, invalidation, safety, the CLI."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline import cache
from pipeline.cli import main
from pipeline.runner import Options, process_bytes

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
DOCS = [
    "en_press_2019_digisen_linz_meeting.txt",
    "lv_press_2019_digisen_daugavpils_meeting.html",
    "en_project_2019_cleandaugava_eni_llb.docx",
]


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def run(src: Path, out: Path, *extra: str) -> None:
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0", *extra]) == 0


def rows(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def src(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in DOCS:
        shutil.copy(RAW / name, folder / name)
    return folder


def test_rerun_reuses_and_matches_a_fresh_run(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, db = tmp_path / "out", tmp_path / "c.sqlite3"
    run(src, out, "--cache", str(db))
    assert rows(db) == len(DOCS)
    cold = snapshot(out)

    calls: list[str] = []
    real = process_bytes

    def counting(data: bytes, relative: str, doc_id: str, options: Options):  # type: ignore
        calls.append(relative)
        return real(data, relative, doc_id, options)

    monkeypatch.setattr("pipeline.runner.process_bytes", counting)
    run(src, out, "--cache", str(db))
    assert calls == [], "nothing changed: nothing is extracted again"
    assert snapshot(out) == cold

    text = (src / DOCS[0]).read_text(encoding="utf-8-sig")
    (src / DOCS[0]).write_text(text.replace("2019", "2020"), encoding="utf-8")
    shutil.copy(RAW / "ru_project_2019_fortlink_lv_ru.txt", src / "new.txt")
    run(src, out, "--cache", str(db))
    assert sorted(calls) == sorted([DOCS[0], "new.txt"])
    fresh = tmp_path / "fresh"
    run(src, fresh, "--no-cache")
    assert snapshot(out) == snapshot(fresh), "linking and validation saw the whole archive"


def test_same_bytes_at_a_new_path_take_the_new_doc_id(src: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "c.sqlite3"
    run(src, out, "--cache", str(db))
    (src / "moved").mkdir()
    os.rename(src / DOCS[0], src / "moved" / DOCS[0])
    run(src, out, "--cache", str(db))
    fresh = tmp_path / "fresh"
    run(src, fresh, "--no-cache")
    assert snapshot(out) == snapshot(fresh)
    assert "moved__en_press" in (out / "dates.csv").read_text(encoding="utf-8")


def test_another_pipeline_version_misses_and_is_pruned(tmp_path: Path) -> None:
    data = (RAW / DOCS[0]).read_bytes()
    result = process_bytes(data, "a.txt", "a")
    key = cache.key(result.doc.sha256, "a.txt", Options())
    old = cache.ResultCache(tmp_path / "c.sqlite3", version="old")
    old.put(key, result)
    old.close()
    new = cache.ResultCache(tmp_path / "c.sqlite3", version="new")
    assert new.get(key) is None
    new.close()  # prunes the rows of other versions
    assert rows(tmp_path / "c.sqlite3") == 0


def test_options_that_change_results_change_the_key() -> None:
    from datetime import date

    sha = "0" * 64
    base = cache.key(sha, "a.txt", Options())
    assert cache.key(sha, "b.txt", Options()) == base  # the path is not part of the content
    assert cache.key(sha, "a.html", Options()) != base  # the suffix is a format hint
    assert cache.key(sha, "a.txt", Options(reference_date=date(2020, 1, 1))) != base


def test_version_follows_the_package_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n", encoding="utf-8")
    (pkg / "resources" / "months.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", pkg)
    versions = []
    for change in (None, ("a.py", "x = 2\n"), ("resources/months.json", '{"a": 1}')):
        if change:
            (pkg / change[0]).write_text(change[1], encoding="utf-8")
        cache.pipeline_version.cache_clear()
        versions.append(cache.pipeline_version())
    cache.pipeline_version.cache_clear()
    assert len(set(versions)) == 3


class _Evil:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("echo pwned",))


def test_a_tampered_row_is_a_miss_not_code(tmp_path: Path) -> None:
    store = cache.ResultCache(tmp_path / "c.sqlite3", version="v")
    blob = __import__("zlib").compress(pickle.dumps(_Evil()))
    store.db.execute("INSERT INTO results VALUES (?, ?, ?)", ("k", "v", blob))
    assert store.get("k") is None
    store.close()


def test_cache_clear_and_info(src: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    run(src, out)  # the default cache: .pipeline-cache/ beside the output folder
    path = tmp_path / ".pipeline-cache" / "cache.sqlite3"
    assert path.is_file()
    assert main(["cache", "info", "--out", str(out)]) == 0
    assert f"{len(DOCS)} documents" in capsys.readouterr().out
    assert main(["cache", "clear", "--out", str(out)]) == 0
    assert not path.exists()
    assert main(["cache", "clear", "--cache", str(path)]) == 0
    assert "No cache" in capsys.readouterr().out


def test_no_cache_leaves_the_cache_alone(src: Path, tmp_path: Path) -> None:
    run(src, tmp_path / "out", "--no-cache")
    assert not (tmp_path / ".pipeline-cache").exists()


def test_an_unusable_cache_is_a_warning(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = tmp_path / "not_a_db.sqlite3"
    bad.write_bytes(b"this is not an SQLite database" * 100)
    run(src, tmp_path / "out", "--cache", str(bad))
    err = capsys.readouterr().err
    assert "pipeline: warning: cannot use the cache" in err and "running without" in err


def test_a_cache_that_cannot_be_written_is_a_warning(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk under the cache mid-run: the run completes with its outputs and warns once;
    the next run simply extracts again (nothing was remembered as done)."""
    reference = tmp_path / "reference"
    run(src, reference, "--no-cache")

    def full(result: object) -> bytes:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cache, "dumps", full)
    out = tmp_path / "out"
    run(src, out)
    err = capsys.readouterr().err
    assert err.count("cannot write the cache") == 1 and "database or disk is full" in err
    assert snapshot(out).keys() == snapshot(reference).keys()
    assert rows(cache.default_path(out)) == 0
    monkeypatch.undo()
    run(src, out)  # not "nothing changed": the last run was not remembered
    assert rows(cache.default_path(out)) == len(DOCS)
