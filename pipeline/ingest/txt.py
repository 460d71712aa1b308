"""Plain text, mostly Word's "save as text" export, in the encodings the archive holds.

Decoding tries strict UTF-8 first (it almost never decodes legacy bytes by accident), then picks
among Windows-1257, ISO-8859-13 and Windows-1251 by what the decoded words look like: Latvian
decoded as Cyrillic gives words of mixed scripts, Russian decoded as Baltic gives words made of
accented letters only.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.ingest.base import Damaged, IngestError, SkipDocument, looks_like_list_item, register
from pipeline.model import RawBlock, RawDocument

LEGACY_ENCODINGS = ("cp1257", "iso8859-13", "cp1251")
_SAMPLE = 256 * 1024

# Word export artifacts: "[bookmark: _GoBack]", "[image: ]", "[image: Logo of the city]".
ARTIFACT = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_LATVIAN = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). Raises IngestError when nothing fits."""
    # A byte-order mark settles the encoding; a broken byte after it is shown as U+FFFD.
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    non_ascii = len(damaged) - len(damaged.encode("ascii", errors="ignore"))
    if non_ascii - bad >= max(5, 10 * bad):
        return damaged, "utf-8"  # UTF-8 with a few broken bytes (a cut or a bad copy)
    if _utf8_line(data):  # UTF-8 lines beside others: a paragraph pasted from a code page
        raise Damaged("text in several encodings (UTF-8 and an older code page)")
    for enc in _rank_legacy(data):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not garbled(text[:_SAMPLE]):
            return text, enc
        break  # the most plausible code page gives garbage: the others are worse
    raise Damaged(
        "text in an unknown encoding (not UTF-8, Windows-1257, ISO-8859-13 or Windows-1251)"
    )


_NON_ASCII_PAIR = re.compile(rb"[\x80-\xff][^\n]*[\x80-\xff]")


def _utf8_line(data: bytes) -> bool:
    """True when a line with two or more non-ASCII bytes is valid UTF-8 without C1 controls
    (in a legacy code page a line's accented letters almost never all form UTF-8 sequences,
    and when a few do, they mostly decode to C1 controls: 'Ā”' in Windows-1257 is C2 94)."""
    for line in data.split(b"\n"):
        if _NON_ASCII_PAIR.search(line):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if not any("\x80" <= ch <= "\x9f" for ch in text):
                return True
    return False


# A text decoded with a code page it was not written in (Chinese, Japanese, Greek, random bytes
# read as Windows-1251/1257) has words of random case and mixed scripts: "ЦР»ЄИЛГс", "īÄŗ".
# Real texts have at most a few such words (brand names: "DigiSen", "eTwinning").
GARBLED_SHARE = 0.25
GARBLED_MIN_WORDS = 10


def garbled(text: str) -> bool:
    """True when more than GARBLED_SHARE of the words look like a wrong decoding."""
    words = [w for w in _WORD.findall(text) if len(w) >= 2]
    bad = 0
    for w in words:
        regular = w.islower() or w.isupper() or (w[0].isupper() and w[1:].islower())
        cyr = sum(1 for ch in w if "\u0400" <= ch <= "\u04ff")
        if not regular or 0 < cyr < len(w):
            bad += 1
    return bad >= GARBLED_MIN_WORDS and bad > GARBLED_SHARE * len(words)


def _rank_legacy(data: bytes) -> list[str]:
    """Legacy encodings, most plausible first (charset-normalizer's pick wins ties).

    charset-normalizer (slower than the rest of the decoding) is asked only when two code
    pages score the same: without a tie its pick changes nothing in the order."""
    sample = data[:_SAMPLE]
    scored = []
    for i, enc in enumerate(LEGACY_ENCODINGS):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:  # a byte this code page does not define
            continue
        scored.append((implausibility(text), i, enc))
    if len({points for points, *_ in scored}) < len(scored):
        guess = _guess(sample)
        scored = [(points, enc != guess, i, enc) for points, i, enc in scored]
    return [enc for *_, enc in sorted(scored)]


def _guess(sample: bytes) -> str | None:
    """charset-normalizer's pick among the legacy encodings (None when it has none)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)).best()
        return best.encoding.replace("_", "-") if best else None
    except Exception:  # charset-normalizer is only a tie-breaker
        return None


_C1_OR_REPLACEMENT = re.compile("[\x80-\x9f\ufffd]")


def implausibility(text: str) -> int:
    """Penalty points for signs that `text` was decoded with the wrong code page."""
    penalty = 10 * len(_C1_OR_REPLACEMENT.findall(text))
    penalty += 2 * sum(text.count(ch) for ch in "˙´¤¦")
    # Words of ASCII letters only score nothing; the others are scored once per distinct word.
    words = Counter(w for w in _WORD.findall(text) if not w.isascii())
    return penalty + sum(n * _word_penalty(word) for word, n in words.items())


def _word_penalty(word: str) -> int:
    cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    if cyr and cyr < len(word):
        return 5  # mixed Latin and Cyrillic letters in one word
    penalty = 0
    if not cyr and len(word) >= 3:
        accented = sum(1 for ch in word if not ch.isascii())
        if accented * 2 > len(word):
            penalty += 3  # Cyrillic read as Baltic: "Ïðîåêò" -> accented letters only
        penalty += sum(1 for ch in word if not ch.isascii() and ch not in _LATVIAN) // 2
        if any(ch.isascii() for ch in word):
            penalty -= sum(1 for ch in word if ch in _LATVIAN)  # "pašvaldība" looks right
    return penalty


def remove_artifacts(text: str) -> str:
    """Drop Word export markers ([bookmark: ...], [image: ...]) but keep the text around them."""
    return ARTIFACT.sub("", text)


@register("txt")
def ingest_txt(data: bytes) -> RawDocument:
    """One block per non-empty line: Word's text export writes one paragraph per line."""
    text, encoding = decode_text(data)
    return text_document(text, encoding, replaced_note(data, text))


def replaced_note(data: bytes, text: str) -> str:
    """The salvage note of a text decoded with some bytes replaced by U+FFFD ("" for none)."""
    if "\ufffd" not in text:
        return ""
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    return f"salvaged: {counted(replaced, 'undecodable byte')} replaced" if replaced > 0 else ""


def counted(n: int, noun: str) -> str:
    """'1 undecodable byte', '4,096 zero bytes' (the salvage notes' counts)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def text_document(text: str, encoding: str | None = None, salvage: str = "") -> RawDocument:
    """Decoded plain text as a `RawDocument`: a decoded .txt file, the text `salvage` rescued, and
    text that is already a `str` (the spaCy component reads `Doc.text`), read exactly alike."""
    blocks = []
    for line in remove_artifacts(text).splitlines():
        line = line.strip()
        if line:
            kind = "list_item" if looks_like_list_item(line) else "paragraph"
            blocks.append(RawBlock(text=line, kind=kind))
    if not blocks:
        if text.strip():
            raise SkipDocument("no text layer (only images or Word markers)")
        raise IngestError("empty file")
    return RawDocument(format="txt", blocks=blocks, encoding=encoding, salvage=salvage)
