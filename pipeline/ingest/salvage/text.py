"""Salvage of text bytes (plain text and web pages) the normal decoding refused.

Damage seen in old archives: a zeroed disk block (a run of NUL bytes), a few changed bytes
(control bytes, bytes that break UTF-8), a paragraph pasted in from a Windows-1257 or
Windows-1251 source into a UTF-8 file. Binary data is told from damaged text by the share of
the bytes that are readable (outside zero runs): about 90 % for random bytes, images and
programs (a control byte in every ten), over 98 % for a text with a few dozen changed bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.ingest.txt import LEGACY_ENCODINGS, counted, garbled, implausibility

# A zeroed block: NUL bytes in a run (a single NUL among text is a changed byte).
_ZERO_RUN = re.compile(rb"\x00{8,}")
# Control bytes that never occur in text (tab, LF, VT, FF, CR, ^Z and ESC are left alone,
# as in format detection), in runs.
_CONTROL_RUN = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f]+")
MIN_READABLE = 0.95  # share of the bytes outside zero runs that must not be control bytes
MAX_REPLACED = 0.05  # share of the bytes that may be replaced by U+FFFD
MIN_SPACE = 0.05  # share of a salvaged text's characters that must be white space
_SAMPLE = 256 * 1024
_LINE = re.compile(rb"[^\n]*\n|[^\n]+")
_WORD = re.compile(r"[^\W\d_]+")
_C1 = re.compile("[\x80-\x9f]")  # control characters no text has (a code page's bytes as UTF-8)
_LATVIAN = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
_NAMES = {"cp1257": "Windows-1257", "iso8859-13": "ISO-8859-13", "cp1251": "Windows-1251"}


@dataclass
class Cleaned:
    """Bytes without their zero runs and control bytes, and how many of each were dropped."""

    data: bytes
    zeros: int = 0
    controls: int = 0

    def notes(self) -> list[str]:
        notes = []
        if self.zeros:
            notes.append(f"{counted(self.zeros, 'zero byte')} dropped")
        if self.controls:
            notes.append(f"{counted(self.controls, 'control byte')} dropped")
        return notes


def readable_share(data: bytes) -> float:
    """Share of the bytes outside zero runs that are not control bytes (of the first 256 kB)."""
    sample = _ZERO_RUN.sub(b"", data[:_SAMPLE])
    if not sample:
        return 0.0
    controls = sum(len(m) for m in _CONTROL_RUN.findall(sample))
    return 1 - controls / len(sample)


def clean(data: bytes) -> Cleaned | None:
    """`data` without zero runs and control bytes; None when it is binary data, not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or readable_share(data) < MIN_READABLE:
        return None
    zeros = sum(len(m) for m in _ZERO_RUN.findall(data))
    # A zeroed block ends a line: the text on both sides of it is not one sentence.
    kept = _ZERO_RUN.sub(b"\n", data)
    controls = sum(len(m) for m in _CONTROL_RUN.findall(kept))
    return Cleaned(_CONTROL_RUN.sub(b"", kept), zeros, controls)


def spaced_like_text(text: str) -> bool:
    """True when `text` has the white space of prose (words average 5 to 8 letters in LV, EN
    and RU, so about one character in seven is a space or a line break); binary data that
    happens to decode (the body of a smooth image read as Windows-1251) has almost none."""
    sample = text[:_SAMPLE]
    spaces = sum(1 for ch in sample if ch.isspace())
    return spaces >= MIN_SPACE * len(sample)


@dataclass
class Pieces:
    """A text decoded line by line, with what it took."""

    text: str
    encoding: str
    replaced: int = 0  # bytes shown as U+FFFD
    legacy: dict[str, int] = field(default_factory=dict)  # code page -> lines decoded with it
    repaired: int = 0  # lines whose mojibake ftfy undid

    def notes(self) -> list[str]:
        notes = []
        if self.replaced:
            notes.append(f"{counted(self.replaced, 'undecodable byte')} replaced")
        for enc, n in self.legacy.items():
            notes.append(f"{n:,} {'line' if n == 1 else 'lines'} decoded as {_NAMES[enc]}")
        if self.repaired:
            notes.append(f"mojibake repaired in {self.repaired:,} "
                         f"{'line' if self.repaired == 1 else 'lines'}")
        return notes


def decode_pieces(data: bytes) -> Pieces | None:
    """Decode `data` line by line, each line in the encoding it fits: UTF-8 (a few broken bytes
    replaced), else a legacy code page whose letters make words, else UTF-8 with its bad bytes
    replaced. None when too much is undecodable or the result reads as garbage."""
    import ftfy

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    out: list[str] = []
    result = Pieces("", "utf-8")
    for m in _LINE.finditer(data):
        line = m.group()
        try:
            text = line.decode("utf-8")
            if _C1.search(text):  # code-page bytes that happen to pair up as UTF-8
                raise UnicodeDecodeError("utf-8", line, 0, len(line), "C1 controls")
        except UnicodeDecodeError:
            text, enc = _decode_line(line)
            if enc == "utf-8":
                result.replaced += text.count("\ufffd") - line.count("\ufffd".encode())
            else:
                result.legacy[enc] = result.legacy.get(enc, 0) + 1
        else:
            fixed = ftfy.fix_encoding(text) if not text.isascii() else text
            if fixed != text:
                result.repaired += 1
                text = fixed
        out.append(text)
    result.text = "".join(out)
    if result.replaced > MAX_REPLACED * len(data) or garbled(result.text[:_SAMPLE]):
        return None
    if result.legacy and sum(result.legacy.values()) * 2 > len(out):
        result.encoding = max(result.legacy, key=lambda e: result.legacy[e])
    return result


def _decode_line(line: bytes) -> tuple[str, str]:
    """(text, encoding) of one line that is not valid UTF-8."""
    replaced = line.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - line.count("\ufffd".encode())
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte >= bad:
        return replaced, "utf-8"  # UTF-8 with a few broken bytes
    best: tuple[int, str, str] | None = None
    for enc in LEGACY_ENCODINGS:
        try:
            text = line.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            points = implausibility(text)
            if best is None or points < best[0]:
                best = (points, text, enc)
    if best is not None and best[0] < 10 * bad:
        return best[1], best[2]
    return replaced, "utf-8"


def _plausible(text: str) -> bool:
    """A line whose non-ASCII letters make real words: Latvian letters inside Latin words, or
    Cyrillic words of one case pattern; at least two such letters, and no odd symbols."""
    confirmed = odd = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        regular = word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
        cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        if regular and cyr == len(word):
            confirmed += cyr
        elif regular and not cyr and all(ch.isascii() or ch in _LATVIAN for ch in word):
            confirmed += sum(1 for ch in word if ch in _LATVIAN)
        else:
            odd += 1
    symbols = sum(1 for ch in text if not ch.isascii() and not ch.isalpha())
    return confirmed >= 2 and odd * 4 <= confirmed and symbols <= confirmed
