"""Archive-scale robustness: pathological files among good ones, unreadable inputs, unwritable
outputs, duplicate files. Every bad input is generated here."""

from __future__ import annotations

import csv
import errno
import os
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOOD = [
    "en_press_2019_digisen_linz_meeting.txt",
    "lv_project_2018_industroute_lli.docx",
    "lv_press_2016_together_festival.html",
    "ru_project_2019_fortlink_lv_ru.txt",
]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def read(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def zip_bomb_docx(path: Path) -> None:
    """A valid Word package whose document.xml inflates from ~100 KB to 110 MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b"a" * 2**20
            for _ in range(110):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")


def encrypted_docx(path: Path) -> None:
    """What Word writes for a password-protected .docx: an OLE2 compound file holding the
    streams EncryptionInfo and EncryptedPackage (directory entries are UTF-16 names)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1A:0x1E] = b"\x3e\x00\x03\x00"  # minor/major version 3
    header[0x1C:0x1E] = b"\xfe\xff"  # byte order
    header[0x1E:0x20] = b"\x09\x00"  # 512-byte sectors
    entries = b""
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw.ljust(64, b"\x00") + len(raw).to_bytes(2, "little") + bytes(62)
    rng = random.Random(5)
    payload = bytes(rng.randrange(256) for _ in range(4096))  # the ciphertext
    path.write_bytes(bytes(header) + entries.ljust(512, b"\x00") + payload)


def make_pathological(folder: Path) -> dict[str, str]:
    """Write each pathological input; returns file name -> a word its reason must contain."""
    rng = random.Random(7)
    with (folder / "huge.txt").open("wb") as fh:  # 200 MB, sparse: costs no disk
        fh.truncate(200 * 2**20)
    zip_bomb_docx(folder / "bomb.docx")
    encrypted_docx(folder / "secret.docx")
    good_docx = (RAW / "lv_project_2018_industroute_lli.docx").read_bytes()
    # cut before its text (a file cut after its text is salvaged: "cut_half.docx" below)
    (folder / "truncated.docx").write_bytes(good_docx[:300])
    (folder / "cut_half.docx").write_bytes(good_docx[: len(good_docx) // 2])
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(20000)))
    chinese = "项目合作伙伴来自七个国家，预算总额为十万欧元。会议在里加举行。" * 60
    (folder / "unknown_encoding.txt").write_bytes(chinese.encode("gb18030"))
    scripts = "".join(f"<script>var x{i} = {i};</script>" for i in range(50))
    (folder / "only_scripts.html").write_text(
        f"<!doctype html><html><head>{scripts}</head><body>{scripts}</body></html>",
        encoding="utf-8",
    )
    depth = 50_000
    (folder / "nested.html").write_text(
        "<!doctype html><html><body>" + "<div>" * depth + "<p>Projekta partneri no Polijas.</p>"
        + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    return {
        "huge.txt": "larger than",
        "bomb.docx": "unpack",
        "secret.docx": "password",
        "truncated.docx": "corrupt",
        "binary.txt": "binary",
        "unknown_encoding.txt": "encoding",
        "only_scripts.html": "without article text",
        "nested.html": "nested",
    }


def test_pathological_inputs_among_good_documents(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in GOOD:
        shutil.copy(RAW / name, src / name)
    expected = make_pathological(src)
    out = tmp_path / "out"
    code = main(["run", str(src), "--out", str(out), "--quiet", "--workers", "2", "--no-cache"])
    assert code == 0
    docs = {d["source_path"]: d for d in read(out, "documents")}
    assert set(docs) == set(GOOD) | set(expected) | {"cut_half.docx"}
    for name, word in expected.items():
        assert docs[name]["status"] in ("failed", "skipped"), name
        reason = docs[name]["error"]
        assert word in reason.lower(), (name, reason)
        assert "\n" not in reason and len(reason) <= 300
        assert "internal error" not in reason
    facts: dict[str, int] = {}
    for table in ("dates", "budgets", "partners", "contacts", "participants"):
        for row in read(out, table):
            facts[row["doc_id"]] = facts.get(row["doc_id"], 0) + 1
    for name in GOOD:
        assert docs[name]["status"] == "ok", (name, docs[name]["error"])
        assert docs[name]["salvage"] == "", name
        assert facts.get(docs[name]["doc_id"], 0) >= 3, name
    cut = docs["cut_half.docx"]  # salvaged: read, with a note on what was lost
    assert cut["status"] == "ok" and cut["error"] == "", cut
    assert cut["salvage"].startswith("salvaged: zip directory missing"), cut["salvage"]
    assert facts.get(cut["doc_id"], 0) >= 3


def _good_folder(tmp_path: Path, names: list[str]) -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(RAW / name, src / name)
    return src


def test_unreadable_input_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _good_folder(tmp_path, GOOD[:1])
    real_scandir = os.scandir

    def denied(path: object = ".") -> object:
        if Path(str(path)) == src:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", denied)
    code = main(["run", str(src), "--out", str(tmp_path / "out"), "--quiet", "--workers", "0"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err == f"pipeline: error: cannot read the input folder {src}: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
def test_unreadable_folders_for_real(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = _good_folder(tmp_path, GOOD[:1])
    locked = src / "locked"
    locked.mkdir()
    shutil.copy(RAW / GOOD[1], locked / "inside.docx")
    locked.chmod(0)
    try:
        out = tmp_path / "out"
        assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 0
        assert "cannot read the folder" in capsys.readouterr().err
        assert [d["source_path"] for d in read(out, "documents")] == [GOOD[0]]
        src.chmod(0)
        assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 2
    finally:
        src.chmod(0o755)
        locked.chmod(0o755)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
def test_read_only_output_folder_for_real(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = _good_folder(tmp_path, GOOD[:1])
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        code = main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"])
    finally:
        out.chmod(0o755)
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"pipeline: error: cannot write to {out}") and "\n" not in err


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.ENOSPC, "no space left on device"),
        (errno.EROFS, "read-only file system"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_output_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch,
    error: int, words: str,
) -> None:
    """A full disk (or a read-only one) while the tables are written: a one-line error, exit 1,
    and the previous outputs untouched."""
    src = _good_folder(tmp_path, GOOD[:1])
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    real_open = Path.open

    def failing(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.name == "dates.csv" and "w" in mode:
            raise OSError(error, os.strerror(error), str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", failing)
    shutil.copy(RAW / GOOD[1], src / GOOD[1])
    code = main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"pipeline: error: cannot write to {out}")
    assert err.endswith(words) and "\n" not in err
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert not list(tmp_path.glob(".out.pipeline-*")), "no staging folder is left behind"


def test_duplicates_at_several_paths_are_processed_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for sub in ("a", "b/c"):
        (src / sub).mkdir(parents=True)
        shutil.copy(RAW / GOOD[0], src / sub / "copy.txt")
    shutil.copy(RAW / GOOD[0], src / "z.txt")
    (src / "a" / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    (src / "b" / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    docs = {d["source_path"]: d for d in read(out, "documents")}
    first = docs["a/copy.txt"]
    assert first["status"] == "ok"
    for name in ("b/c/copy.txt", "z.txt"):
        assert docs[name]["status"] == "skipped"
        assert docs[name]["duplicate_of"] == first["doc_id"]
        assert docs[name]["sha256"] == first["sha256"]
    assert docs["a/bad.docx"]["status"] == docs["b/bad.docx"]["status"] == "failed"
    assert docs["a/bad.docx"]["error"] == docs["b/bad.docx"]["error"]
    dates_docs = {r["doc_id"] for r in read(out, "dates")}
    assert dates_docs == {first["doc_id"]}


def test_unknown_encoding_reason_is_plain(tmp_path: Path) -> None:
    """Bytes of several foreign code pages are refused, not read as garbage Latvian/Russian."""
    from pipeline.runner import process_bytes

    texts = {
        "gb18030": "项目合作伙伴来自七个国家，预算总额为十万欧元。" * 30,
        "shift_jis": "プロジェクトのパートナーは七か国から来ています。" * 30,
        "cp1256": "المشروع لديه شركاء من سبع دول أوروبية. " * 30,
    }
    for enc, text in texts.items():
        result = process_bytes(text.encode(enc), f"{enc}.txt", enc)
        assert result.doc.status == "failed", enc
        assert "unknown encoding" in result.doc.error, enc
    rng = random.Random(3)
    noise = bytes(rng.choice(range(0x80, 0x100)) if rng.random() > 0.15 else 0x20
                  for _ in range(5000))
    assert "unknown encoding" in process_bytes(noise, "n.txt", "n").doc.error
    # legacy code pages the archive really uses still decode
    for enc, text in (("cp1257", "Projekta kopējās izmaksas ir 12 000 eiro. " * 20),
                      ("cp1251", "Общая стоимость проекта составляет 12 000 евро. " * 20)):
        result = process_bytes(text.encode(enc), "x.txt", "x")
        assert result.doc.status == "ok" and result.doc.encoding == enc, enc


def test_zip_bomb_fixture_really_inflates(tmp_path: Path) -> None:
    """The test's zip bomb is small on disk and large unpacked (so the test means something)."""
    zip_bomb_docx(tmp_path / "b.docx")
    assert (tmp_path / "b.docx").stat().st_size < 2**20
    with zipfile.ZipFile(tmp_path / "b.docx") as z:
        assert z.getinfo("word/document.xml").file_size > 100 * 2**20


def _snapshot(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every output file: equal when the files were not written again."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in out.rglob("*") if p.is_file()
    }


def test_a_rerun_over_unchanged_files_keeps_the_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in GOOD[:2]:
        shutil.copy(RAW / name, src / name)
    out = tmp_path / "out"
    run = ["run", str(src), "--out", str(out), "--workers", "0"]
    assert main(run) == 0
    first = _snapshot(out)
    capsys.readouterr()
    assert main(run) == 0
    printed = capsys.readouterr().out
    assert "Nothing changed since the last run" in printed
    assert "Processed 2 documents" in printed  # the summary of the run that made the outputs
    assert _snapshot(out) == first

    # any change to the inputs, the options or the outputs runs the stages again
    (out / "dates.csv").write_text("edited by hand\n", encoding="utf-8")
    assert main([*run, "--quiet"]) == 0
    assert (out / "dates.csv").read_text(encoding="utf-8").startswith("doc_id,")
    second = _snapshot(out)
    assert main([*run, "--quiet", "--reference-date", "2020-01-01"]) == 0
    assert _snapshot(out) != second
    third = _snapshot(out)
    assert main([*run, "--quiet", "--reference-date", "2020-01-01"]) == 0
    assert _snapshot(out) == third
    shutil.copy(RAW / GOOD[2], src / GOOD[2])
    assert main([*run, "--quiet", "--reference-date", "2020-01-01"]) == 0
    assert len(read(out, "documents")) == 3
    fourth = _snapshot(out)
    assert main([*run, "--quiet", "--reference-date", "2020-01-01", "--no-cache"]) == 0
    assert _snapshot(out) != fourth


def test_the_fail_on_exit_code_holds_for_kept_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / GOOD[0], src / GOOD[0])
    out = tmp_path / "out"
    run = ["run", str(src), "--out", str(out), "--workers", "0", "--quiet"]
    code = main([*run, "--fail-on", "warning"])
    findings = {r["severity"] for r in read(out, "validation")}
    assert code == (1 if findings & {"error", "warning"} else 0)
    assert main([*run, "--fail-on", "warning"]) == code


@pytest.mark.parametrize("where", ["__init__", "put", "add_findings", "sort_findings"])
def test_run_store_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, where: str,
) -> None:
    """The run store is SQLite: a full disk there raises sqlite3 errors, not OSErrors. They too
    are a one-line error, exit 1, the previous outputs untouched and no staging folder left."""
    import sqlite3

    from pipeline.store import RunStore

    src = _good_folder(tmp_path, GOOD[:1])
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    real = getattr(RunStore, where)

    def full(self: RunStore, *args: object, **kwargs: object) -> object:
        if where == "__init__":
            raise sqlite3.OperationalError("database or disk is full")
        real(self, *args, **kwargs)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(RunStore, where, full)
    shutil.copy(RAW / GOOD[1], src / GOOD[1])
    code = main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0", "--no-cache"])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"pipeline: error: cannot write to {out}")
    assert err.endswith("database or disk is full") and "\n" not in err
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert not list(tmp_path.glob(".out.pipeline-*")), "no staging folder is left behind"


@pytest.mark.parametrize(
    "names",
    [
        ["a b.txt", "a_b.txt"],  # spaces and underscores slug alike
        ["x/y.txt", "x__y.txt"],  # a folder and a name with "__"
        ["p.txt", "p.docx", "p_txt.txt"],  # a suffixed id that is also a file's own id
        ["ā.txt", "ē.txt", "ā.docx", "ē.docx", "__.txt"],
        ["a.txt", "a b.txt", "a_b.txt", "a b.docx", "a_b.docx"],
    ],
)
def test_doc_ids_are_unique(names: list[str]) -> None:
    """Every file gets its own doc_id (texts, rows and projects are keyed by it); ids of files
    that clash with no other stay the plain slug."""
    from pipeline.runner import InputFile, assign_doc_ids

    files = [InputFile(Path(n), n) for n in sorted(names)]
    ids = assign_doc_ids(files)
    assert len(set(ids)) == len(ids), ids
    assert assign_doc_ids(files) == ids  # stable


def test_files_whose_ids_clash_keep_their_own_texts(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / GOOD[0], src / "a b.txt")
    shutil.copy(RAW / GOOD[3], src / "a_b.txt")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 0
    docs = read(out, "documents")
    assert len({d["doc_id"] for d in docs}) == 2
    for d in docs:
        text = (out / "text" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
        assert len(text) == int(d["n_chars"])


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_file_names_that_are_not_utf8_are_read(tmp_path: Path) -> None:
    """An old archive copied from a Windows code page has names that are not UTF-8 (Python
    gives them lone surrogates): the run must not crash writing source_path into the CSVs."""
    src = _good_folder(tmp_path, GOOD[:1])
    try:
        (src / os.fsdecode(b"Projekta apraksts R\xeega.txt")).write_bytes((RAW / GOOD[3])
                                                                         .read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet", "--workers", "0"]) == 0
    docs = read(out, "documents")
    assert len(docs) == 2 and {d["status"] for d in docs} == {"ok"}
    assert "Projekta apraksts R\ufffdga.txt" in {d["source_path"] for d in docs}
