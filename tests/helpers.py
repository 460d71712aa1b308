"""Build assembled documents from plain text for extractor tests."""

from __future__ import annotations

from datetime import date

from pipeline.assemble import assemble
from pipeline.model import Document, RawBlock, RawDocument
from pipeline.runner import extract


def make_doc(text: str, publication: date | None = None, doc_id: str = "t") -> Document:
    raw = RawDocument(
        format="txt",
        blocks=[RawBlock(line) for line in text.split("\n")],
        date_candidates=[("html-page-date", publication)] if publication else [],
    )
    return assemble(Document(doc_id, f"{doc_id}.txt", "", "txt"), raw)


def facts(text: str, table: str, publication: date | None = None) -> list[dict]:
    """Values of the facts of one table, each with its 'text'."""
    doc = make_doc(text, publication)
    return [
        {**f.values, "text": f.text}
        for f in extract(doc)
        if f.table == table
    ]
