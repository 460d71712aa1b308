"""PDF ingestion: text PDFs give the same facts as the same text in .docx; scans are skipped.

The PDFs are made here with fpdf2 and the DejaVu font matplotlib ships (it has Latvian and
Cyrillic letters), so no PDF file has to live in the repository.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import matplotlib
import pytest
from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import IngestError, SkipDocument, ingest_bytes
from pipeline.ingest.pdf import parse_pdf_date
from pipeline.model import Fact
from pipeline.runner import process_document

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
FONT = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")

PROJECT = [
    "Projekts „Atveriet sirdis, cilvēki!” (OPEN)",
    "Projekta iesniedzējs: Toruņas pilsētas pašvaldība, Polija",
    "Daugavpils pilsētas dome no 2019. gada 1. aprīļa līdz 2021. gada 31. martam īsteno "
    "Eiropas Savienības programmas „Eiropa pilsoņiem” projektu. Projekta kopējās izmaksas ir "
    "150 000 EUR, no tām ES līdzfinansējums 127 500 EUR (85%). Projektā piedalās 8 partneri "
    "no 7 valstīm, kopā vairāk nekā 300 dalībnieku.",
    "Projekta partneri:",
    "1. Getingenes pilsētas pašvaldība, Vācija;",
    "2. Lincas pilsētas pašvaldība, Austrija;",
    "3. Tartu pilsētas pašvaldība, Igaunija.",
    "Проект «Крепости Пскова и Даугавпилса» начался 1 апреля 2019 года и продлится до 31 "
    "марта 2021 года. Общий бюджет проекта – 749 850,00 евро, из них софинансирование "
    "программы – 674 865,00 евро. Участвуют более 120 человек.",
    "The kick-off meeting took place on 20 November 2019 in Utena, Lithuania, with 25 "
    "participants from 4 countries.",
    "Kontaktpersona: Jolanta Reča-Lāže, projekta koordinatore, tālr. 65476064, "
    "e-pasts: jolanta.reca@daugavpils.lv",
]


# Both generated files carry the same creation date: it is the publication date that
# year-less dates take their year from, so the PDF and the Word file must agree on it.
CREATED = datetime(2017, 3, 20, 9, 0, tzinfo=UTC)


def make_pdf(
    paragraphs: list[str],
    *,
    align: str = "J",
    size: float = 11,
    spacing: float = 2,
    running: bool = False,
    footer: str = "{page}",
    heading: bool = False,
) -> bytes:
    """A text PDF with one paragraph per item (the first one larger when `heading`)."""

    class Doc(FPDF):
        def header(self) -> None:
            if running:
                self.set_font("dv", size=8)
                self.cell(0, 5, "Daugavpils pilsētas dome – projektu apraksti")
                self.ln(8)

        def footer(self) -> None:
            if running:
                self.set_y(-12)
                self.set_font("dv", size=8)
                self.cell(0, 5, footer.format(page=self.page_no()), align="C")

    pdf = Doc()
    pdf.set_creation_date(CREATED)
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    for i, text in enumerate(paragraphs):
        pdf.set_font("dv", size=size * 1.5 if heading and i == 0 else size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align=align)
        pdf.ln(spacing)
    return bytes(pdf.output())


def make_docx(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    d.core_properties.created = CREATED
    d.core_properties.modified = CREATED
    for text in paragraphs:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def facts_of(path: Path) -> tuple[str, list[tuple]]:
    result = process_document(path, path.name, "doc")
    assert result.doc.status == "ok", result.doc.error
    return result.doc.text, sorted(_key(f) for f in result.facts)


def _key(f: Fact) -> tuple:
    return (f.table, f.text, f.start, f.end, sorted((k, str(v)) for k, v in f.values.items()))


@pytest.mark.parametrize(
    "layout",
    [
        {"align": "J"},
        {"align": "L"},
        {"align": "L", "size": 10, "spacing": 1},
        {"align": "J", "size": 12, "spacing": 3},
    ],
)
def test_pdf_gives_the_same_facts_as_the_same_text_in_docx(tmp_path: Path, layout: dict) -> None:
    (tmp_path / "a.docx").write_bytes(make_docx(PROJECT))
    (tmp_path / "a.pdf").write_bytes(make_pdf(PROJECT, **layout))
    docx_text, docx_facts = facts_of(tmp_path / "a.docx")
    pdf_text, pdf_facts = facts_of(tmp_path / "a.pdf")
    assert pdf_text.split("\n")[: len(PROJECT)] == docx_text.split("\n")
    assert {f[0] for f in docx_facts} >= {"dates", "budgets", "participants", "partners"}
    assert pdf_facts == docx_facts


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.docx")))
def test_sample_word_files_printed_to_pdf_give_the_same_facts(tmp_path: Path, name: str) -> None:
    """Every Word file of the sample archive, its blocks set as PDF paragraphs."""
    raw = ingest_bytes((RAW / name).read_bytes())
    paragraphs = [b.text.replace("\t", " ") for b in raw.blocks]
    (tmp_path / "a.docx").write_bytes(make_docx(paragraphs))
    (tmp_path / "a.pdf").write_bytes(make_pdf(paragraphs))
    assert facts_of(tmp_path / "a.pdf") == facts_of(tmp_path / "a.docx")


@pytest.mark.parametrize(
    ("footer", "kept"), [("{page}", []), ("Lapa {page}", [("footer", "Lapa 1")])]
)
def test_blocks_keep_their_page_and_a_paragraph_runs_over_the_page_break(
    footer: str, kept: list
) -> None:
    long = " ".join(["Daugavpils pilsētas dome īsteno projektu kopā ar partneriem."] * 12)
    paragraphs = [*[f"{i}. rindkopa par projektu." for i in range(1, 40)], long, "Beigas."]
    raw = ingest_bytes(make_pdf(paragraphs, running=True, footer=footer))
    body = [b for b in raw.blocks if b.kind not in ("header", "footer")]
    assert [b.text for b in body] == paragraphs
    assert body[0].page == 1 and body[-1].page >= 2
    assert [b.page for b in body] == sorted(b.page for b in body)
    # the running header is kept once, at the end; bare page numbers are dropped
    furniture = [(b.kind, b.text) for b in raw.blocks if b.kind in ("header", "footer")]
    assert furniture == [("header", "Daugavpils pilsētas dome – projektu apraksti"), *kept]


def test_pages_reach_the_document_blocks(tmp_path: Path) -> None:
    paragraphs = [f"Rindkopa numur {i}, kas ir pietiekami gara." for i in range(80)]
    (tmp_path / "a.pdf").write_bytes(make_pdf(paragraphs))
    doc = process_document(tmp_path / "a.pdf", "a.pdf", "a").doc
    assert doc.format == "pdf" and doc.status == "ok"
    assert doc.blocks[0].page == 1 and doc.blocks[-1].page > 1


def test_heading_list_items_and_table_cells() -> None:
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", size=18)
    pdf.multi_cell(0, 9, "Projekta apraksts", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", size=11)
    for label, value in [("Kopējās izmaksas", "550 EUR"), ("Projekta numurs", "LLI-472")]:
        pdf.cell(60, 6, label)
        pdf.cell(60, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for item in ["• Getingene, Vācija", "• Daugavpils, Latvija"]:
        pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
    raw = ingest_bytes(bytes(pdf.output()))
    assert [(b.kind, b.text) for b in raw.blocks] == [
        ("heading", "Projekta apraksts"),
        ("table_cell", "Kopējās izmaksas"),
        ("table_cell", "550 EUR"),
        ("table_cell", "Projekta numurs"),
        ("table_cell", "LLI-472"),
        ("list_item", "• Getingene, Vācija"),
        ("list_item", "• Daugavpils, Latvija"),
    ]


def test_two_columns_are_read_left_column_first() -> None:
    left = " ".join(f"Kreisā kolonna, teikums {i}." for i in range(30))
    right = " ".join(f"Labā kolonna, teikums {i}." for i in range(30))
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.add_page()
    pdf.set_font("dv", size=16)
    pdf.multi_cell(0, 8, "Virsraksts pāri abām kolonnām un vēl dažiem vārdiem",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", size=10)
    top = pdf.get_y() + 4
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5, left, align="J")
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5, right, align="J")
    raw = ingest_bytes(bytes(pdf.output()))
    assert [b.text for b in raw.blocks] == [
        "Virsraksts pāri abām kolonnām un vēl dažiem vārdiem", left, right,
    ]


def _image_pdf() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (400, 560), "white")
    for x in range(40, 360):
        image.putpixel((x, 100), (0, 0, 0))  # a "scanned" line, no text layer
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def test_image_only_pdf_is_skipped_as_scanned(tmp_path: Path) -> None:
    with pytest.raises(SkipDocument, match=r"^no text layer \(scanned\)$"):
        ingest_bytes(_image_pdf())
    (tmp_path / "scan.pdf").write_bytes(_image_pdf())
    doc = process_document(tmp_path / "scan.pdf", "scan.pdf", "scan").doc
    assert (doc.status, doc.error) == ("skipped", "no text layer (scanned)")


def test_password_protected_pdf_fails_with_its_reason(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.set_font("dv", size=11)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Slepens teksts")
    (tmp_path / "locked.pdf").write_bytes(bytes(pdf.output()))
    doc = process_document(tmp_path / "locked.pdf", "locked.pdf", "locked").doc
    assert (doc.status, doc.error) == ("failed", "password-protected PDF")


def test_pdf_with_an_empty_user_password_opens() -> None:
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.set_font("dv", size=11)
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Atvērts teksts ar īpašnieka paroli")
    raw = ingest_bytes(bytes(pdf.output()))
    assert [b.text for b in raw.blocks] == ["Atvērts teksts ar īpašnieka paroli"]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_pdf_fails_with_its_reason(cut: float) -> None:
    data = make_pdf(PROJECT)
    with pytest.raises(IngestError, match="^not a valid PDF"):
        ingest_bytes(data[: int(len(data) * cut)])


def test_pdf_without_text_or_images_is_empty() -> None:
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(IngestError, match=r"^empty PDF \(no text\)$"):
        ingest_bytes(bytes(pdf.output()))


def test_title_and_dates_from_the_document_information() -> None:
    pdf = FPDF()
    pdf.add_font("dv", "", FONT)
    pdf.set_font("dv", size=11)
    pdf.set_title("Projekta apraksts – Daugavpils")
    pdf.set_creation_date(datetime(2019, 4, 4, 22, 30, tzinfo=UTC))
    pdf.add_page()
    pdf.multi_cell(0, 6, "Teksts.")
    raw = ingest_bytes(bytes(pdf.output()))
    assert raw.title == "Projekta apraksts – Daugavpils"
    # 22:30 UTC on 4 April is already 5 April in Riga
    assert ("pdf-created", date(2019, 4, 5)) in raw.date_candidates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20190401", date(2019, 4, 1)),
        ("D:201904011230", date(2019, 4, 1)),
        ("D:20190401120000+02'00'", date(2019, 4, 1)),
        ("D:20190401233000Z", date(2019, 4, 2)),
        ("D:20190401233000-05'00'", date(2019, 4, 2)),
        ("20190401120000", date(2019, 4, 1)),
        ("D:2019", date(2019, 1, 1)),
        ("D:20191301", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_pdf_date(value: str, expected: date | None) -> None:
    assert parse_pdf_date(value) == expected


@given(st.datetimes(min_value=datetime(1991, 1, 1), max_value=datetime(2099, 12, 31)),
       st.integers(min_value=-11, max_value=12))
def test_parse_pdf_date_round_trip(stamp: datetime, hours: int) -> None:
    tz = timezone(timedelta(hours=hours))
    sign = "+" if hours >= 0 else "-"
    text = stamp.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(hours):02d}'00'"
    riga = stamp.replace(tzinfo=tz).astimezone(ZoneInfo("Europe/Riga"))
    assert parse_pdf_date(text) == riga.date()
