"""Salvage of damaged text and web pages (issue 13): a zeroed block, broken bytes, a paragraph
in another encoding; binary data still fails with "binary data, not text"."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
from PIL import Image

from pipeline.ingest import IngestError, SkipDocument, ingest_bytes

LATVIAN = [
    "Daugavpils pilsētas pašvaldība kopā ar partneriem no Lietuvas uzsāka jaunu projektu.",
    "Projekta mērķis ir uzlabot velosipēdu ceļu tīklu abās pierobežas pilsētās.",
    "Kopējās izmaksas ir 412 300,00 EUR, no kurām 85 % sedz programma.",
    "Pirmā darba grupas sanāksme notiks 2019. gada 14. novembrī Zarasos.",
    "Pasākumos piedalīsies vairāk nekā 120 iedzīvotāju un 15 speciālistu.",
    "Informāciju sniedz projekta vadītāja Aiga Kalniņa, tālrunis 65405678.",
]
RUSSIAN = "Встреча партнёров прошла в Пскове 3 марта 2020 года, участвовали 25 человек."


def _long_text(n_lines: int) -> list[str]:
    """`n_lines` lines cycling through the Latvian sentences, each numbered (so all differ)."""
    return [f"{i + 1}. {LATVIAN[i % len(LATVIAN)]}" for i in range(n_lines)]


def _read(data: bytes, suffix: str = ".txt") -> tuple[list[str], str]:
    raw = ingest_bytes(data, suffix=suffix)
    return [b.text for b in raw.blocks], raw.salvage


@pytest.mark.parametrize(
    ("other", "encoding", "name"),
    [(LATVIAN[3], "cp1257", "Windows-1257"), (RUSSIAN, "cp1251", "Windows-1251")],
)
def test_a_paragraph_pasted_from_a_code_page(other: str, encoding: str, name: str) -> None:
    lines = [LATVIAN[0], LATVIAN[1], other, LATVIAN[4], LATVIAN[5]]
    data = b"\n".join(
        line.encode(encoding if line == other else "utf-8") for line in lines
    ) + b"\n"
    texts, note = _read(data)
    assert texts == lines
    assert note == f"salvaged: 1 line decoded as {name}"


def test_mojibake_beside_a_code_page_paragraph_is_repaired() -> None:
    """A file already decoded piece by piece (a Windows-1257 paragraph in it): a line of UTF-8
    read once as Windows-1252 and saved again as UTF-8 ("vadÄ«tÄja") is repaired (ftfy)."""
    line = "Ziņas sniedz Inese Bērziņa, tel. 65401234, un Jurģis Šmits."
    mojibake = line.encode("utf-8").decode("cp1252")
    assert mojibake != line
    data = b"\n".join([LATVIAN[0].encode("utf-8"), LATVIAN[3].encode("cp1257"),
                       mojibake.encode("utf-8"), LATVIAN[4].encode("utf-8")])
    texts, note = _read(data)
    assert texts == [LATVIAN[0], LATVIAN[3], line, LATVIAN[4]]
    assert note == "salvaged: 1 line decoded as Windows-1257; mojibake repaired in 1 line"


@pytest.mark.parametrize("n_changed", [1, 3, 17, 40])
def test_broken_bytes_are_replaced_and_the_other_lines_kept(n_changed: int) -> None:
    lines = _long_text(30)  # about 2.7 kB
    data = bytearray("\n".join(lines).encode("utf-8") + b"\n")
    rng = random.Random(n_changed)
    # ASCII letters: each changed one is one undecodable byte (a changed byte inside a
    # two-byte letter also leaves the other byte undecodable)
    letters = [i for i, b in enumerate(data) if chr(b).isascii() and chr(b).isalpha()]
    spots = sorted(rng.sample(letters, n_changed))
    for at in spots:
        data[at] = 0xFF  # never valid in UTF-8
    texts, note = _read(bytes(data))
    hit = {data[:at].count(b"\n") for at in spots}  # line numbers that took a bad byte
    assert [t for i, t in enumerate(texts) if i not in hit] == [
        line for i, line in enumerate(lines) if i not in hit
    ]
    assert f"{n_changed} undecodable {'byte' if n_changed == 1 else 'bytes'} replaced" in note


@pytest.mark.parametrize("offset", [0, 1000, 4096, 5000])
def test_a_zeroed_4k_block(offset: int) -> None:
    lines = _long_text(150)  # about 13 kB
    data = "\n".join(lines).encode("utf-8") + b"\n"
    damaged = data[:offset] + bytes(4096) + data[offset + 4096:]
    texts, note = _read(damaged)
    intact, at = [], 0
    for line in lines:
        end = at + len(line.encode("utf-8"))
        if end <= offset or at >= offset + 4096:
            intact.append(line)
        at = end + 1
    assert len(intact) >= 90
    assert [t for t in texts if t in lines] == intact  # every line outside the block, in order
    assert note.startswith("salvaged: 4,096 zero bytes dropped")


def test_a_zeroed_block_in_a_web_page() -> None:
    """The block took the end of the menu: the page is read whole, the article's paragraphs
    after the block are not lost."""
    menu = "".join(f'<li><a href="/lv/{i}">Sadaļa {i}</a></li>' for i in range(30))
    paragraphs = "".join(f"<p>{line}</p>\n" for line in LATVIAN)
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>Jaunumi</title></head><body>'
        f'<nav class="menu"><ul>{menu}</ul></nav><div class="crumbs">Sākums</div>\n'
        f"<article><h1>Projekts uzsākts</h1>\n{paragraphs}</article></body></html>"
    ).encode()
    cut = page.index(b"</ul></nav>") - 200
    damaged = page[:cut] + bytes(256) + page[cut + 256:]
    texts, note = _read(damaged, ".html")
    assert [t for t in texts if t in LATVIAN] == LATVIAN
    assert note.startswith("salvaged: 256 zero bytes dropped")


def test_control_bytes_are_dropped() -> None:
    data = bytearray("\n".join(LATVIAN).encode("utf-8"))
    for at in (10, 95, 200, 310, 400):
        data[at:at] = b"\x01\x02"
    texts, note = _read(bytes(data))
    assert texts == LATVIAN
    assert note == "salvaged: 10 control bytes dropped"


def test_a_code_page_line_whose_bytes_pair_up_as_utf8_stays_in_its_code_page() -> None:
    """'LIELĀ”' in Windows-1257 is C2 94, valid UTF-8 (a C1 control): not a UTF-8 line, so the
    file is read in its code page as before, with no note."""
    lines = [LATVIAN[1], '"LIELĀ”', LATVIAN[2]]
    raw = ingest_bytes("\n".join(lines).encode("cp1257"), suffix=".txt")
    assert [b.text for b in raw.blocks] == lines
    assert raw.encoding == "cp1257" and raw.salvage == ""


def test_a_sound_text_has_no_note() -> None:
    texts, note = _read("\n".join(LATVIAN).encode("utf-8"))
    assert texts == LATVIAN and note == ""


def _image(fmt: str, smooth: bool) -> bytes:
    img = (Image.linear_gradient("L").resize((200, 200)) if smooth
           else Image.frombytes("RGB", (64, 64), random.Random(2).randbytes(64 * 64 * 3)))
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def _binaries() -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = [("random", random.Random(9).randbytes(20_000))]
    for fmt in ("PNG", "JPEG", "GIF", "TIFF", "BMP"):
        # (the smooth grey levels of an uncompressed TIFF or BMP are bytes of printable text:
        # the normal reader reads them, as before issue 13, and salvage never sees them)
        for smooth in (False, True) if fmt in ("PNG", "JPEG", "GIF") else (False,):
            data = _image(fmt, smooth)
            # without its signature (a damaged header), or only its middle (a fragment)
            found.append((f"{fmt}-{smooth}-header", b"\x00\x11\x22\x33" + data[4:]))
            found.append((f"{fmt}-{smooth}-middle", data[len(data) // 3: 2 * len(data) // 3]))
    for exe in (Path("/bin/ls"), Path(sys.executable)):
        if exe.is_file():
            data = exe.read_bytes()[:3_000_000]
            found += [(exe.name, data), (f"{exe.name}-middle", data[len(data) // 2:])]
    return found


@pytest.mark.parametrize(
    ("name", "data"), _binaries(), ids=lambda v: v if isinstance(v, str) else ""
)
@pytest.mark.parametrize("suffix", [".txt", ".html", ""])
def test_binary_data_still_fails(name: str, data: bytes, suffix: str) -> None:
    with pytest.raises(IngestError, match=r"^binary data, not text$"):
        ingest_bytes(data, suffix=suffix)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_an_image_file_stays_an_image(fmt: str) -> None:
    with pytest.raises(SkipDocument, match="^image file"):
        ingest_bytes(_image(fmt, smooth=False), suffix=".txt")
