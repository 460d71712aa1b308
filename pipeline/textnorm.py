"""Normalization of block text before it becomes part of `Document.text`.

Every offset in the pipeline points into normalized text, so this function must be stable:
idempotent, one line per block, and free of invisible characters that would make the same
words differ between a .docx, a .txt export and a web page of the same document. It does not
repair content (glued words, typos, quote styles): those are facts about the source.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that only carry layout hints: soft hyphen, zero-width space/joiners,
# bidi marks and embeddings, word joiner and other invisible operators, BOM / ZWNBSP.
_REMOVE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
_REMOVE += "\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"

_MAP: dict[int, str | None] = {ord(c): None for c in _REMOVE}
_MAP.update(
    {
        0x2010: "-",  # hyphen
        0x2011: "-",  # non-breaking hyphen
        0x2012: "\u2013",  # figure dash -> en dash
        0x2015: "\u2013",  # horizontal bar -> en dash
        0x2212: "\u2013",  # minus sign -> en dash (ranges are written with it)
        0x201F: "\u201d",  # double high-reversed-9 quote -> right double quote
        0x201B: "\u2019",  # single high-reversed-9 quote -> right single quote
        0x2033: '"',  # double prime
        0x2032: "'",  # prime
    }
)
# Line and paragraph separators become spaces: a block is one line.
for _cp in (0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029, 0x09):
    _MAP[_cp] = " "
# Every other C0/C1 control character is dropped.
for _cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)):
    _MAP.setdefault(_cp, None)

# Unicode space separators (category Zs: no-break space, en/em/thin spaces, ...) become ' ' and
# surrogates (Cs: unencodable halves of a pair) are dropped. Folded into the same table so that
# one `str.translate` does all the character work; every Zs character is in the BMP.
for _cp in range(0x80, 0x10000):
    _cat = unicodedata.category(chr(_cp))
    if _cat == "Zs":
        _MAP.setdefault(_cp, " ")
    elif _cat == "Cs":
        _MAP.setdefault(_cp, None)

# The table, for `pipeline.textalign` (which follows each character through it).
CHAR_TABLE: dict[int, str | None] = _MAP

# The characters the table changes: most blocks hold none of them and skip the translation.
def _char_class(codepoints: list[int]) -> str:
    """A regex character class of `codepoints` (sorted), written as ranges."""
    ranges: list[list[int]] = []
    for cp in codepoints:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


_CHANGED = re.compile(_char_class(sorted(_MAP)))
_SPACES = re.compile(r" {2,}")


def normalize_text(s: str) -> str:
    """Return the canonical one-line form of a block's text (idempotent)."""
    if _CHANGED.search(s):
        s = s.translate(_MAP)
    if not s.isascii():
        # NFC last: removals above can bring a base letter and its combining mark together.
        s = unicodedata.normalize("NFC", s)
    return _SPACES.sub(" ", s).strip(" ")
