"""Word ingestion: document order, block kinds, headers/footers, core properties, bad files."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from pipeline.ingest import IngestError, SkipDocument, ingest_bytes, read_document
from pipeline.ingest.detect import detect_format


def _project_docx() -> bytes:
    d = docx.Document()
    d.core_properties.created = datetime(2018, 1, 2, 9, 30)
    d.core_properties.modified = datetime(2018, 1, 5, 12, 0)
    d.core_properties.title = "Atveriet sirdis, cilvēki!"
    d.add_heading("Projekts „Atveriet sirdis, cilvēki!”", level=1)
    d.add_paragraph("Projekta iesniedzējs:\tToruņas pilsētas pašvaldība, Polija")
    p = d.add_paragraph("Kontaktpersona: Jolanta Reča-Lāže,")
    p.add_run().add_break()
    p.add_run("Tālr: 6 54 76064")
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Projekta partneri"
    table.cell(0, 1).text = "1. Gotingena/ Vācija;"
    table.cell(0, 1).add_paragraph("2. Daugavpils/ Latvija;")
    table.cell(1, 0).text = "Kopējās izmaksas"
    table.cell(1, 1).text = "550 EUR"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Apvienota šūna"
    table.cell(1, 0).add_table(rows=1, cols=1).cell(0, 0).text = "ligzdota tabula"
    tall = d.add_table(rows=2, cols=1)
    tall.cell(0, 0).merge(tall.cell(1, 0)).text = "Vertikāli apvienota"
    d.add_paragraph("Projekta rezultāti:")
    d.add_paragraph("iegūta pieredze", style="List Bullet")
    d.add_paragraph("organizēta konference", style="List Number")
    d.add_paragraph("· manuāls punkts")
    d.add_paragraph("Beigas.")
    d.add_paragraph("")
    section = d.sections[0]
    section.header.paragraphs[0].text = "Daugavpils pilsētas dome"
    section.footer.paragraphs[0].text = "Eiropas Savienības projekts"
    new = d.add_section()
    new.header.is_linked_to_previous = False
    new.header.paragraphs[0].text = "Daugavpils pilsētas dome"  # same text: kept once
    d.add_paragraph("Otrā sadaļa.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def project_docx() -> bytes:
    return _project_docx()


def test_blocks_in_document_order_with_kinds(tmp_path: Path, project_docx: bytes) -> None:
    path = tmp_path / "apraksts.docx"
    path.write_bytes(project_docx)
    doc = read_document(path)
    assert doc.format == "docx"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Projekts „Atveriet sirdis, cilvēki!”"),
        ("paragraph", "Projekta iesniedzējs:\tToruņas pilsētas pašvaldība, Polija"),
        ("paragraph", "Kontaktpersona: Jolanta Reča-Lāže,"),
        ("paragraph", "Tālr: 6 54 76064"),
        ("table_cell", "Projekta partneri"),
        ("table_cell", "1. Gotingena/ Vācija;"),
        ("table_cell", "2. Daugavpils/ Latvija;"),
        ("table_cell", "Kopējās izmaksas"),
        ("table_cell", "ligzdota tabula"),
        ("table_cell", "550 EUR"),
        ("table_cell", "Apvienota šūna"),
        ("table_cell", "Vertikāli apvienota"),
        ("paragraph", "Projekta rezultāti:"),
        ("list_item", "iegūta pieredze"),
        ("list_item", "organizēta konference"),
        ("list_item", "· manuāls punkts"),
        ("paragraph", "Beigas."),
        ("paragraph", "Otrā sadaļa."),
        ("header", "Daugavpils pilsētas dome"),
        ("footer", "Eiropas Savienības projekts"),
    ]


def test_core_properties(project_docx: bytes) -> None:
    doc = ingest_bytes(project_docx, suffix=".docx")
    assert doc.title == "Atveriet sirdis, cilvēki!"
    assert doc.date_candidates == [
        ("docx-core-created", date(2018, 1, 2)),
        ("docx-core-modified", date(2018, 1, 5)),
    ]


def test_created_date_is_the_latvian_calendar_day() -> None:
    d = docx.Document()
    d.core_properties.created = datetime(2016, 4, 4, 22, 30)  # stored as UTC
    d.add_paragraph("Teksts.")
    buf = io.BytesIO()
    d.save(buf)
    doc = ingest_bytes(buf.getvalue())
    assert doc.date_candidates[0] == ("docx-core-created", date(2016, 4, 5))


def test_docx_renamed_txt_is_detected_as_docx(tmp_path: Path, project_docx: bytes) -> None:
    path = tmp_path / "apraksts.txt"
    path.write_bytes(project_docx)
    assert detect_format(project_docx, ".txt") == "docx"
    assert read_document(path).format == "docx"


def test_hyperlinks_fields_and_tracked_changes() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Skatīt </w:t></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>daugavpils.lv</w:t></w:r></w:hyperlink>'
        '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> jauns</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText> dzēsts</w:delText></w:r></w:del>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> 3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>slēpts</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Satura vadīkla</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    doc = ingest_bytes(_raw_docx(body))
    assert [b.text for b in doc.blocks] == ["Skatīt daugavpils.lv jauns 3", "Satura vadīkla"]
    assert doc.date_candidates == []  # no core properties part: nothing invented
    assert doc.title is None


def test_text_box_is_read_once() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>Teksta lodziņš</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>Pirms</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>Pēc</w:t></w:r></w:p>"
    )
    doc = ingest_bytes(_raw_docx(body))
    assert [b.text for b in doc.blocks] == ["Pirms", "Teksta lodziņš", "Pēc"]


def test_images_only_is_skipped() -> None:
    body = '<w:p><w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r></w:p>'
    with pytest.raises(SkipDocument, match="no text layer"):
        ingest_bytes(_raw_docx(body))


def test_empty_word_document() -> None:
    with pytest.raises(IngestError, match="empty Word document"):
        ingest_bytes(_raw_docx("<w:p/>"))


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="^not a valid Word file"):
        read_document(path)


def test_truncated_zip(tmp_path: Path, project_docx: bytes) -> None:
    """Cut before any text part: nothing to salvage, the reason is the normal reader's (a
    file cut after its text is salvaged: tests/ingest/test_ingest_salvage_docx.py)."""
    path = tmp_path / "cut.docx"
    path.write_bytes(project_docx[:200])
    with pytest.raises(IngestError, match=r"^not a valid Word file \(corrupt zip archive\)$"):
        read_document(path)


def test_damaged_document_xml(tmp_path: Path) -> None:
    """Malformed XML: the text before the damage is salvaged with a note (issue 13); with no
    text before it the file fails as before."""
    raw = ingest_bytes(_raw_docx("<w:p><w:r><w:t>Pirms bojājuma.</w:t></w:r></w:p><w:p><w:r>"
                                 "<w:t>unclosed"), suffix=".docx")
    assert raw.blocks[0].text == "Pirms bojājuma."
    assert raw.salvage.startswith("salvaged: damaged parts skipped")
    with pytest.raises(IngestError, match="^not a valid Word file"):
        ingest_bytes(_raw_docx("<w:p><w:r><w:t"), suffix=".docx")


def test_password_protected_word_file(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path = tmp_path / "secret.docx"
    path.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(IngestError, match="^password-protected Word file$"):
        read_document(path)
    path.write_bytes(ole + b"\x01" * 512)
    with pytest.raises(IngestError, match="^password-protected or legacy .doc Word file$"):
        read_document(path)


def test_zip_without_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "table.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(SkipDocument, match="Excel"):
        read_document(path)


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ingest import docx as docx_ingester

    monkeypatch.setattr(docx_ingester, "MAX_DOCUMENT_XML", 1000)
    body = "<w:p><w:r><w:t>" + "a" * 5000 + "</w:t></w:r></w:p>"
    with pytest.raises(IngestError, match="too large"):
        ingest_bytes(_raw_docx(body))


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def _raw_docx(body_xml: str) -> bytes:
    """A minimal hand-made .docx (no styles, no core properties) around `body_xml`."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body_xml}'
    document += "</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()
