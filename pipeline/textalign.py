"""Where each character of a normalized text came from in the text it was made of.

Every offset of the pipeline indexes the normalized `Document.text`. A caller that holds the
original string (the spaCy component holds `Doc.text`) needs offsets into that string instead.
`source_spans` reads a string the way plain text is read (`pipeline.ingest.txt.text_document`:
Word markers dropped, one block per non-empty line, each line stripped, then `normalize_text`,
blocks joined with a newline) while keeping, for every character it outputs, the span of
original characters it stands for. Most characters stand for one; a letter composed by NFC from
a base and its marks stands for all of them; the joining newline stands for the line break(s)
and blank lines between two blocks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pipeline.ingest.txt import ARTIFACT
from pipeline.textnorm import CHAR_TABLE

Span = tuple[int, int]


@dataclass
class Aligned:
    """The normalized text and, per character of it, the span of the original it came from."""

    text: str
    spans: list[Span] | None  # None: the text is its own source (it was normalized already)

    def to_source(self, start: int, end: int) -> Span:
        """The original span of `text[start:end]` (an empty span stays empty, at its place)."""
        if self.spans is None:
            return start, max(start, end)
        if start >= end:
            if start < len(self.spans):
                return self.spans[start][0], self.spans[start][0]
            return (self.spans[-1][1],) * 2 if self.spans else (0, 0)
        return self.spans[start][0], self.spans[end - 1][1]


def source_spans(original: str, normalized: str | None = None) -> Aligned:
    """`original` read as plain text, normalized, with the source span of every character.
    `normalized`: that reading when the caller has it already; if it equals `original`, every
    character is its own source and nothing is computed (text/<doc_id>.txt, for one)."""
    if normalized is not None and normalized == original:
        return Aligned(original, None)
    chars = _without_artifacts(original)
    out_text: list[str] = []
    out_spans: list[Span] = []
    previous_end: int | None = None
    for line in _lines(chars):
        block = _normalize_line(_strip(line))
        if not block:
            continue
        if previous_end is not None:
            out_text.append("\n")
            out_spans.append((previous_end, block[0][1][0]))
        for ch, span in block:
            out_text.append(ch)
            out_spans.append(span)
        previous_end = block[-1][1][1]
    return Aligned("".join(out_text), out_spans)


Chars = list[tuple[str, int]]  # (character, index in the original)
Out = list[tuple[str, Span]]


def _without_artifacts(original: str) -> Chars:
    """The characters that `remove_artifacts` keeps, with their indexes."""
    chars: Chars = []
    pos = 0
    for m in ARTIFACT.finditer(original):
        chars.extend((original[i], i) for i in range(pos, m.start()))
        pos = m.end()
    chars.extend((original[i], i) for i in range(pos, len(original)))
    return chars


def _lines(chars: Chars) -> list[Chars]:
    """`str.splitlines` over indexed characters (\\r\\n is one break)."""
    text = "".join(ch for ch, _ in chars)
    lines: list[Chars] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.splitlines()[0] if line.splitlines() else ""
        lines.append(chars[pos : pos + len(body)])
        pos += len(line)
    return lines


def _strip(line: Chars) -> Chars:
    """`str.strip()` over indexed characters."""
    lo, hi = 0, len(line)
    while lo < hi and line[lo][0].isspace():
        lo += 1
    while hi > lo and line[hi - 1][0].isspace():
        hi -= 1
    return line[lo:hi]


def _normalize_line(line: Chars) -> Out:
    """`normalize_text` over indexed characters: the character table, NFC, single spaces."""
    mapped: list[tuple[str, int]] = []
    for ch, i in line:
        new = CHAR_TABLE.get(ord(ch), ch)
        if new:
            mapped.append((new, i))
    composed: Out = []
    for segment in _segments(mapped):
        seg_text = "".join(ch for ch, _ in segment)
        nfc = unicodedata.normalize("NFC", seg_text) if not seg_text.isascii() else seg_text
        if nfc == seg_text:
            composed.extend((ch, (i, i + 1)) for ch, i in segment)
        else:  # composed (or reordered): every output character stands for the whole segment
            span = (segment[0][1], segment[-1][1] + 1)
            composed.extend((ch, span) for ch in nfc)
    out: Out = []
    for ch, span in composed:
        if ch == " " and (not out or out[-1][0] == " "):
            continue
        out.append((ch, span))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def _segments(mapped: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Runs that NFC treats on their own: a character that does not combine with the one
    before it, and the combining marks that follow it."""
    segments: list[list[tuple[str, int]]] = []
    for ch, i in mapped:
        if segments and (unicodedata.combining(ch) or _joins_previous(segments[-1][-1][0], ch)):
            segments[-1].append((ch, i))
        else:
            segments.append([(ch, i)])
    return segments


def _joins_previous(before: str, ch: str) -> bool:
    """Two characters that NFC merges although the second is not a combining mark (Hangul
    jamo, a few Indic vowel signs)."""
    if ch.isascii():
        return False
    return len(unicodedata.normalize("NFC", before + ch)) < 2
