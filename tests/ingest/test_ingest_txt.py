"""Plain-text ingestion: encodings, Word export artifacts, one block per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import IngestError, SkipDocument, read_document
from pipeline.ingest.txt import decode_text

LATVIAN = (
    "Projekta iesniedzējs (vadošais partneris):\n"
    "\tToruņas pilsētas pašvaldība, Polija\n"
    "Projekta īstenošanas termiņš: 02.01.2018. – 31.08.2018.\n"
    "Kontaktpersona: Jolanta Reča-Lāže, tālrunis 65476064; ģimeņu ķēķis, šķūņi, žogi, ūdens\n"
)
LATVIAN_ISO = LATVIAN.replace("–", "-") + "Programma „Eiropa pilsoņiem”\n"
RUSSIAN = (
    "Партнёры проекта: Торунь (Польша), Гёттинген (Германия)\n"
    "Срок реализации: с 14 по 16 марта 2017 года — «Европа для граждан»\n"
    "Контактное лицо: Иванова\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "recorded"),
    [
        (LATVIAN, "utf-8", "utf-8"),
        (LATVIAN, "utf-8-sig", "utf-8-sig"),
        (LATVIAN, "cp1257", "cp1257"),
        (LATVIAN_ISO, "iso8859-13", "iso8859-13"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "utf-8", "utf-8"),
        (LATVIAN + RUSSIAN, "utf-16", "utf-16"),
    ],
)
def test_encodings_are_decoded(tmp_path: Path, text: str, encoding: str, recorded: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.format == "txt"
    assert doc.encoding == recorded
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [b.text for b in doc.blocks] == lines


def test_iso8859_13_without_distinguishing_bytes_reads_the_same(tmp_path: Path) -> None:
    """ISO-8859-13 and Windows-1257 share the letters: either name gives the same text."""
    text = LATVIAN.replace("–", "-")
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("iso8859-13"))
    doc = read_document(path)
    assert doc.encoding in ("cp1257", "iso8859-13")
    assert "\n".join(b.text for b in doc.blocks) == "\n".join(
        line.strip() for line in text.splitlines()
    )


def test_cp1251_is_not_mistaken_for_baltic() -> None:
    text, enc = decode_text("Бюджет проекта составляет 50 тысяч евро.".encode("cp1251"))
    assert enc == "cp1251"
    assert text.startswith("Бюджет")


def test_cp1257_is_not_mistaken_for_cyrillic() -> None:
    text, enc = decode_text("Domes līdzfinansējums – 200 EUR, priekšfinansējums".encode("cp1257"))
    assert enc == "cp1257"
    assert "līdzfinansējums" in text


def test_word_export_artifacts_and_list_items(tmp_path: Path) -> None:
    text = (
        "Septītā partneru tikšanās\n"
        "[bookmark: _GoBack]Projekta ietvaros notika tikšanās.\n"
        "[image: ] \n"
        "[image: Daugavpils logo]Daugavpils City Council\n"
        "Text [bookmark: OLE_LINK1]continues\n"
        "\tProjekta partneri:\n"
        "\t1. Gotingena/ Vācija;\n"
        "2) Daugavpils/ Latvija;\n"
        "· iegūta pieredze;\n"
        "• organizēta konference;\n"
        "- brīvprātīgie;\n"
        "– darbinieki;\n"
        "11. aprīlī notika tikšanās.\n"
        "\tKontaktpersona:\tJolanta Reča-Lāže  \n"
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Septītā partneru tikšanās"),
        ("paragraph", "Projekta ietvaros notika tikšanās."),
        ("paragraph", "Daugavpils City Council"),
        ("paragraph", "Text continues"),
        ("paragraph", "Projekta partneri:"),
        ("list_item", "1. Gotingena/ Vācija;"),
        ("list_item", "2) Daugavpils/ Latvija;"),
        ("list_item", "· iegūta pieredze;"),
        ("list_item", "• organizēta konference;"),
        ("list_item", "- brīvprātīgie;"),
        ("list_item", "– darbinieki;"),
        ("paragraph", "11. aprīlī notika tikšanās."),
        ("paragraph", "Kontaktpersona:\tJolanta Reča-Lāže"),
    ]


def test_crlf_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"first\r\n\r\n  \r\nsecond\rthird\r\n")
    assert [b.text for b in read_document(path).blocks] == ["first", "second", "third"]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    for i, content in enumerate([b"", b"  \r\n\t\n", b"\xef\xbb\xbf\n"]):
        path = tmp_path / f"empty{i}.txt"
        path.write_bytes(content)
        with pytest.raises(IngestError, match="^empty file$"):
            read_document(path)


def test_only_word_markers_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_text("[image: ]\n[image: scan of page 1]\n", encoding="utf-8")
    with pytest.raises(SkipDocument, match="no text layer"):
        read_document(path)


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(IngestError, match="^binary data, not text$"):
        read_document(path)


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"abc\x01\x02\x03\x04\x05\x06\x07\x08" * 50)
    with pytest.raises(IngestError, match="binary data"):
        read_document(path)


def test_mostly_text_with_a_few_legacy_bytes(tmp_path: Path) -> None:
    """A single non-UTF-8 byte makes the file legacy-encoded, not binary."""
    path = tmp_path / "doc.txt"
    path.write_bytes(b"Daugavpils pils\xe7tas dome\n")
    doc = read_document(path)
    assert doc.blocks[0].text == "Daugavpils pilsētas dome"


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    data = ("Projekta īstenošanas termiņš, pašvaldība, Toruņa, Kauņa. " * 3).encode() + b"\xff\n"
    text, enc = decode_text(data)
    assert enc == "utf-8"
    assert text.startswith("Projekta īstenošanas termiņš")


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(IngestError, match=r"^file larger than the 1 KB limit \(2 KB\)$"):
        read_document(path, max_bytes=1024)
    with pytest.raises(IngestError, match=r"^file larger than the 50 MB limit \(51 MB\)$"):
        read_document(_sparse(tmp_path / "huge.txt", 51 * 2**20))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="file not found"):
        read_document(tmp_path / "nope.txt")


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path
