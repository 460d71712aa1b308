"""Shared pieces of the ingesters: errors, the registry and small helpers.

They live here rather than in `__init__` so that the ingester modules can import them without
a circular import (the package imports the modules to fill the registry).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from pipeline.model import RawDocument
from pipeline.text import list_marker_end

Ingester = Callable[[bytes], RawDocument]


class IngestError(Exception):
    """File cannot be read; str(e) is a one-line reason a non-programmer understands."""


class Damaged(IngestError):
    """The file is damaged (a broken zip, bytes no encoding fits, zeroed blocks): the normal
    reader gave up, but `pipeline.ingest.salvage` may still read part of it."""


class SkipDocument(Exception):
    """File deliberately not processed (unsupported format, no text); str(e) says why."""


INGESTERS: dict[str, Ingester] = {}


def register(fmt: str) -> Callable[[Ingester], Ingester]:
    """Register an ingester for the detected format `fmt` (txt, docx, html, pdf, ...)."""

    def wrap(fn: Ingester) -> Ingester:
        INGESTERS[fmt] = fn
        return fn

    return wrap


def looks_like_list_item(line: str) -> bool:
    """True when a line of text starts with a bullet or an item number."""
    return list_marker_end(line) > 0


def local_date(value: datetime) -> date:
    """Calendar date of a timestamp in Latvia (UTC 22:30 on 4 April is 5 April in Riga)."""
    if value.tzinfo is None:
        return value.date()
    try:
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo("Europe/Riga")).date()
    except Exception:  # no time-zone database on this machine: the UTC date is close enough
        return value.date()


def plausible_date(value: date) -> bool:
    """Reject template and placeholder dates (1601, 1899, far future)."""
    return 1990 <= value.year <= date.today().year + 1
