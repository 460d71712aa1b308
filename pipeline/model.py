"""The document model: plain dataclasses shared by every stage.

An ingester turns a file into a `RawDocument` (blocks of text in reading order). The assembler
normalizes and joins those blocks into one `Document.text`; every offset anywhere in the pipeline
points into that text, which is written verbatim to `text/<doc_id>.txt`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "header", "footer", "title")


@dataclass
class RawBlock:
    """A unit of text as the ingester found it, before normalization."""

    text: str
    kind: str = "paragraph"  # one of BLOCK_KINDS
    page: int | None = None  # PDFs only


@dataclass
class RawDocument:
    """What an ingester returns: blocks in reading order plus format metadata."""

    format: str  # detected format: txt, docx, html, pdf
    blocks: list[RawBlock]
    title: str | None = None
    # Publication-date candidates with where they came from, best first
    # (e.g. ("html-page-date", date(2016, 4, 5)), ("docx-core-created", ...)).
    date_candidates: list[tuple[str, date]] = field(default_factory=list)
    encoding: str | None = None
    # One line on what was repaired and lost when the file was damaged ("" for a sound file).
    salvage: str = ""


@dataclass
class Block:
    """A block of the normalized document text, with its offsets and language."""

    start: int
    end: int
    kind: str
    lang: str  # ISO 639-1: lv, en, ru
    page: int | None = None


_START = attrgetter("start")


@dataclass
class Document:
    doc_id: str
    source_path: str
    sha256: str
    format: str
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    doc_type: str = "other"
    title: str | None = None
    publication_date: date | None = None
    publication_source: str | None = None
    date_candidates: list[tuple[str, date]] = field(default_factory=list)
    status: str = "ok"  # ok, failed, skipped
    error: str = ""
    encoding: str | None = None
    duplicate_of: str = ""
    salvage: str = ""  # what a damaged file lost (RawDocument.salvage)
    # sha256 of `text`, kept when the text is dropped from memory (the run's document stubs)
    text_sha256: str = ""

    def lang_at(self, offset: int) -> str:
        """Language of the block that holds `offset` (the document's first language otherwise).

        The extractors ask this for every match, and a long page has hundreds of blocks: the
        block is found by bisection, as the blocks are in text order and do not overlap (the
        assembler appends them so). An offset between blocks (a joining newline) is looked
        for in every block, which finds the same as the bisection for such blocks.
        """
        blocks = self.blocks
        i = bisect_right(blocks, offset, key=_START) - 1
        if i >= 0 and offset < blocks[i].end:
            return blocks[i].lang
        for block in blocks:
            if block.start <= offset < block.end:
                return block.lang
        return self.languages[0] if self.languages else "lv"


@dataclass
class Fact:
    """One extracted value with its provenance.

    `table` names the output table (partners, dates, budgets, participants, contacts, ...);
    `values` holds the table's value columns. `start`/`end` index `Document.text`.
    """

    table: str
    doc_id: str
    text: str
    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
