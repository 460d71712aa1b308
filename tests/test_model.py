"""pipeline.model: `Document.lang_at` by bisection finds what a scan of the blocks finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Block, Document


def _scan(doc: Document, offset: int) -> str:
    """The plain reading of `lang_at`: the first block that holds the offset."""
    for block in doc.blocks:
        if block.start <= offset < block.end:
            return block.lang
    return doc.languages[0] if doc.languages else "lv"


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6),
                             st.sampled_from(["lv", "en", "ru"])), max_size=12),
    languages=st.lists(st.sampled_from(["lv", "en", "ru"]), max_size=2),
)
def test_lang_at_equals_the_scan_of_the_blocks(
    parts: list[tuple[int, int, str]], languages: list[str]
) -> None:
    blocks, pos = [], 0
    for gap, size, lang in parts:  # in text order, not overlapping, perhaps with gaps
        pos += gap
        blocks.append(Block(pos, pos + size, "paragraph", lang))
        pos += size
    doc = Document("d", "d.txt", "", "txt", blocks=blocks, languages=languages)
    for offset in range(-1, pos + 2):
        assert doc.lang_at(offset) == _scan(doc, offset)
