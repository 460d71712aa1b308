"""Salvage of damaged Word files (issue 13): a broken image, a file cut short, a damaged text
part. Every paragraph before the damage comes out in order, with a note on what was lost."""

from __future__ import annotations

import io
import random
import zipfile

import docx
import pytest
from PIL import Image

from pipeline.ingest import IngestError, ingest_bytes
from pipeline.model import RawDocument

PARAGRAPHS = [
    "Projekta nosaukums: Zaļie pagalmi Latgales skolās",
    "Vadošais partneris: Rēzeknes novada pašvaldība (Latvija)",
    "Partneris: Utenas rajona pašvaldība (Lietuva)",
    "Projekta īstenošanas laiks: 2017. gada 1. marts – 2018. gada 28. februāris",
    "Kopējais budžets: 84 500,00 EUR, tajā skaitā ERAF finansējums 71 825,00 EUR",
    "Dalībnieki: 46 skolēni un 12 skolotāji no abām valstīm",
    "Kontaktpersona: Ilze Bērziņa, tālr. 64612345, ilze.berzina@example.lv",
    "Projekta laikā tika iestādīti 300 koki un ierīkoti četri skolu dārzi.",
    "Noslēguma seminārs notika Utenā 2018. gada 15. februārī.",
    "Projekts tiek līdzfinansēts no Eiropas Reģionālās attīstības fonda.",
]


def _noise_png(seed: int, side: int = 90) -> bytes:
    """A PNG that does not compress (random pixels): a large part behind the text."""
    rng = random.Random(seed)
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def sound() -> bytes:
    d = docx.Document()
    d.add_heading("Projekta apraksts", level=1)
    for text in PARAGRAPHS:
        d.add_paragraph(text)
    d.add_picture(io.BytesIO(_noise_png(1)))
    d.add_paragraph("Attēls: skolēni stāda kokus.")
    d.sections[0].header.paragraphs[0].text = "Rēzeknes novada pašvaldība"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _entry(data: bytes, name: str) -> tuple[int, int]:
    """(start, end) of the compressed bytes of archive entry `name`."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    # the local header's extra field may differ from the directory's: read its own lengths
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def _texts(raw: RawDocument, *, body_only: bool = False) -> list[str]:
    return [b.text for b in raw.blocks if not body_only or b.kind not in ("header", "footer")]


def test_the_sound_file_is_read_without_a_note(sound: bytes) -> None:
    raw = ingest_bytes(sound, suffix=".docx")
    assert raw.salvage == ""
    assert _texts(raw, body_only=True) == [
        "Projekta apraksts", *PARAGRAPHS, "Attēls: skolēni stāda kokus."
    ]


@pytest.mark.parametrize("n_bytes", [1, 5, 40])
def test_a_corrupt_image_keeps_every_paragraph(sound: bytes, n_bytes: int) -> None:
    start, end = _entry(sound, "word/media/image1.png")
    damaged = bytearray(sound)
    rng = random.Random(n_bytes)
    for at in rng.sample(range(start + 100, end - 100), n_bytes):
        damaged[at] ^= 0xA5
    raw = ingest_bytes(bytes(damaged), suffix=".docx")
    assert _texts(raw) == _texts(ingest_bytes(sound, suffix=".docx"))  # headers too
    assert raw.salvage.startswith("salvaged: damaged parts skipped"), raw.salvage
    assert "2 of 2 text parts read whole" in raw.salvage  # the body and its header


def test_a_file_cut_in_half_keeps_its_text(sound: bytes) -> None:
    raw = ingest_bytes(sound[: len(sound) // 2], suffix=".docx")
    assert _texts(raw) == _texts(ingest_bytes(sound, suffix=".docx"), body_only=True)
    assert raw.salvage.startswith("salvaged: zip directory missing"), raw.salvage
    # the header part lies after the image, past the cut: [Content_Types].xml still lists it
    assert "1 of 2 text parts read whole" in raw.salvage
    assert raw.format == "docx"


@pytest.mark.parametrize("share", [0.45, 0.6, 0.75, 0.9, 0.99])
def test_a_cut_inside_the_text_keeps_every_paragraph_before_it(sound: bytes,
                                                               share: float) -> None:
    """Cut inside word/document.xml: the paragraphs before the cut in order, not the cut one
    (half a paragraph could be half a date or an amount), nothing after it; the note says
    where the text part ends."""
    start, end = _entry(sound, "word/document.xml")
    raw = ingest_bytes(sound[: start + int(share * (end - start))], suffix=".docx")
    whole = _texts(ingest_bytes(sound, suffix=".docx"), body_only=True)
    got = _texts(raw)
    assert got, raw
    assert got == whole[: len(got)]
    assert len(got) < len(whole)
    assert raw.salvage.startswith("salvaged: zip directory missing"), raw.salvage
    assert "word/document.xml ends at byte" in raw.salvage


@pytest.mark.parametrize("share", [0.5, 0.7, 0.9])
def test_changed_bytes_inside_the_text_keep_the_paragraphs_before_them(sound: bytes,
                                                                       share: float) -> None:
    """A changed byte in word/document.xml's compressed data: inflating goes on but yields
    garbage from there. The paragraphs before the damage come out whole and in order; no
    garbled paragraph is read; the note says the part is damaged."""
    start, end = _entry(sound, "word/document.xml")
    damaged = bytearray(sound)
    damaged[start + int(share * (end - start))] ^= 0xFF
    raw = ingest_bytes(bytes(damaged), suffix=".docx")
    whole = _texts(ingest_bytes(sound, suffix=".docx"), body_only=True)
    got = _texts(raw, body_only=True)
    assert got and got == whole[: len(got)]
    assert raw.salvage.startswith("salvaged: damaged parts skipped"), raw.salvage
    assert "word/document.xml" in raw.salvage


def test_a_cut_before_the_text_is_not_salvaged(sound: bytes) -> None:
    start, _ = _entry(sound, "word/document.xml")
    with pytest.raises(IngestError, match=r"^not a valid Word file \(corrupt zip archive\)$"):
        ingest_bytes(sound[:start], suffix=".docx")


def test_a_damaged_styles_part_keeps_the_text(sound: bytes) -> None:
    start, end = _entry(sound, "word/styles.xml")
    damaged = bytearray(sound)
    for at in range(start + 200, start + 260):
        damaged[at] = 0
    raw = ingest_bytes(bytes(damaged), suffix=".docx")
    assert [t for t in _texts(raw) if t in PARAGRAPHS] == PARAGRAPHS
    assert raw.salvage.startswith("salvaged: damaged parts skipped")


def test_two_files_spliced_read_the_first_ones_text(sound: bytes) -> None:
    """The head of one Word file, the tail of another: the first one's text, no failure."""
    other = docx.Document()
    other.add_paragraph("Cits dokuments par sporta nometni.")
    buf = io.BytesIO()
    other.save(buf)
    tail = buf.getvalue()
    raw = ingest_bytes(sound[: len(sound) // 2] + tail[len(tail) // 2:], suffix=".docx")
    assert _texts(raw, body_only=True)[: len(PARAGRAPHS) + 1] == ["Projekta apraksts",
                                                                  *PARAGRAPHS]
    assert raw.salvage.startswith("salvaged:")
