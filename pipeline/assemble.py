"""Raw ingester output -> the normalized `Document` every later stage reads.

Blocks are normalized one by one and joined with a newline; a block's offsets are recorded as
it is appended, so offsets are exact by construction.
"""

from __future__ import annotations

from datetime import date

from pipeline import doctype, language
from pipeline.model import Block, Document, RawDocument
from pipeline.textnorm import normalize_text

# Publication-date sources, most trusted first. A page date printed on a web page beats the
# date a Word file was created on a clerk's computer.
SOURCE_RANK = (
    "html-meta", "html-time", "html-page-date", "docx-core-created", "docx-core-modified",
)


def assemble(doc: Document, raw: RawDocument) -> Document:
    parts: list[str] = []
    spans: list[tuple[int, int, str, int | None]] = []
    pos = 0
    for rb in raw.blocks:
        t = normalize_text(rb.text)
        if not t:
            continue
        if parts:
            pos += 1  # the joining newline
        parts.append(t)
        spans.append((pos, pos + len(t), rb.kind, rb.page))
        pos += len(t)
    doc.text = "\n".join(parts)
    langs = language.detect_blocks(parts)
    doc.blocks = [
        Block(s, e, kind, lang, page)
        for (s, e, kind, page), lang in zip(spans, langs, strict=True)
    ]
    doc.languages = main_languages(parts, langs)
    doc.format = raw.format
    doc.encoding = raw.encoding
    doc.salvage = raw.salvage
    doc.title = normalize_text(raw.title) if raw.title else (parts[0][:200] if parts else None)
    doc.date_candidates = list(raw.date_candidates)
    doc.publication_date, doc.publication_source = pick_publication_date(raw.date_candidates)
    doc.doc_type = doctype.classify(doc.text)
    return doc


# A language counts for `Document.languages` when it holds this share of the text (or this many
# characters): a one-line English alias in a Latvian description does not make it bilingual.
MIN_LANGUAGE_SHARE = 0.15
MIN_LANGUAGE_CHARS = 400


def main_languages(parts: list[str], langs: list[str]) -> list[str]:
    size: dict[str, int] = {}
    for part, lang in zip(parts, langs, strict=True):
        size[lang] = size.get(lang, 0) + len(part)
    total = sum(size.values()) or 1
    keep = [
        lang for lang in dict.fromkeys(langs)
        if size[lang] / total >= MIN_LANGUAGE_SHARE or size[lang] >= MIN_LANGUAGE_CHARS
    ]
    return keep or list(dict.fromkeys(langs))[:1]


def pick_publication_date(
    candidates: list[tuple[str, date]],
) -> tuple[date | None, str | None]:
    def rank(c: tuple[str, date]) -> int:
        return SOURCE_RANK.index(c[0]) if c[0] in SOURCE_RANK else len(SOURCE_RANK)

    for source, value in sorted(candidates, key=rank):
        return value, source
    return None, None
