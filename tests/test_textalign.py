"""textalign: every character of the normalized text points back at the characters it came from."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.txt import remove_artifacts, text_document
from pipeline.textalign import source_spans
from pipeline.textnorm import CHAR_TABLE, normalize_text


def read_as_text(original: str) -> str:
    """How the pipeline reads a plain text: its blocks, normalized, joined with newlines."""
    try:
        blocks = text_document(original).blocks
    except Exception:  # no text at all (empty, only markers)
        return ""
    return "\n".join(b for b in (normalize_text(rb.text) for rb in blocks) if b)


def check(original: str) -> None:
    aligned = source_spans(original)
    assert aligned.text == read_as_text(original)
    if aligned.text == original:  # the shortcut for a text that is normalized already
        same = source_spans(original, original)
        assert [same.to_source(i, i + 1) for i in range(len(original))] == aligned.spans
    assert len(aligned.spans) == len(aligned.text)
    previous = (0, 0)
    i = 0
    while i < len(aligned.text):
        span = aligned.spans[i]
        assert span[0] >= previous[0] and span[1] >= previous[1], "spans go forward"
        j = i
        while j < len(aligned.text) and aligned.spans[j] == span:
            j += 1
        run = aligned.text[i:j]
        if run != "\n":  # a character (or a letter NFC composed) is its source, translated
            source = remove_artifacts(original[span[0] : span[1]]).translate(CHAR_TABLE)
            assert unicodedata.normalize("NFC", source) == run
        else:  # the joining newline stands for line breaks, blanks and dropped characters
            gap = remove_artifacts(original[span[0] : span[1]]).translate(CHAR_TABLE)
            assert gap.strip() == ""
        previous, i = span, j


@pytest.mark.parametrize(
    "original",
    [
        "Plain text on one line.",
        "Two lines\nof text",
        "Windows\r\nline ends\r\n",
        "  indented line  \n\n\n   \nafter blank lines\n",
        "no\u00a0break\u00a0spaces and  double   spaces",
        "soft\u00adhyphen and zero\u200bwidth",
        "\ufeffBOM at the start",
        "e\u0301 composed, Ri\u0304ga, s\u030cis",
        "a soft hyphen between e\u00ad\u0301 and its accent",
    "a marker between a[image: x]\u0301 and its accent",
        "tab\there and a form\x0cfeed",
        "[image: logo] Text after a marker [bookmark: _GoBack]",
        "line\u2028separator and paragraph\u2029separator",
        "minus \u2212 5 and figure\u2012dash",
        "",
        "   \n  \n",
    ],
)
def test_surface_forms(original: str) -> None:
    check(original)


ALPHABET = st.sampled_from(
    list("ab āčē ЖЯ12.,") + ["\n", "\r\n", "\t", " ", "\u00a0", "\u00ad", "\u200b", "\u0301",
                             "\u030c", "\ufeff", "\u2212", "\u2028", "\x0c", "[image: x]", "\u212b"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_any_text_aligns(original: str) -> None:
    check(original)


def test_to_source_covers_a_composed_letter() -> None:
    original = "Ri\u0304ga  e\u0301"
    aligned = source_spans(original)
    start = aligned.text.index("é")
    assert aligned.to_source(start, start + 1) == (len(original) - 2, len(original))
    assert aligned.to_source(0, 4) == (0, 5)
