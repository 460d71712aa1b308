"""The cyclic garbage collector's pace in a run's processes.

CPython collects its youngest objects every 700 net allocations and everything after every
hundred such collections. A run allocates millions of short-lived objects (facts, rows, JSON)
beside a few hundred thousand long-lived ones (profiles, stubs, the gazetteer), so at that pace
most collections find nothing to free and the full ones walk everything again: a rerun at
20,000 documents spent 0.7 s of its main process in 2,200 young and 16 full collections. Young
collections every `YOUNG` allocations make it ~0.3 s, with no full one. Objects in reference
cycles wait a little longer to be freed (at most `YOUNG` objects' worth); nothing else changes.
"""

from __future__ import annotations

import gc

YOUNG = 20_000  # net allocations between collections of the youngest objects (CPython: 700)
MIDDLE = 20  # young collections between collections of the middle generation (CPython: 10)


def collect_less() -> None:
    """Set this process's collector to the run's pace (inherited by forked children)."""
    gc.set_threshold(YOUNG, MIDDLE, gc.get_threshold()[2])
