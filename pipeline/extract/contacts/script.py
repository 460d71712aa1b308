"""Letters of the Latin and Cyrillic scripts as regex classes, and the mark of a lost line break."""

from __future__ import annotations

import re


def letters(pred: str) -> str:
    """All Latin and Cyrillic letters for which `str.<pred>()` holds, as a regex class body."""
    return "".join(
        re.escape(ch) for ch in map(chr, range(0x41, 0x530)) if ch.isalpha() and getattr(ch, pred)()
    )


UP = letters("isupper")
LO = letters("islower")
# A lost line break glues two words ("KontaktinformācijaJānis", "BērziņšPielikums"): a capital
# after three small letters starts a new word. Three, so that "McDonald" or "MacArthur" stay whole.
# Case-sensitive even inside a case-insensitive pattern.
GLUE = rf"(?-i:(?=[{UP}][{LO}])(?<=[{LO}]{{3}}))"
