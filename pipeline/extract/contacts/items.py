"""The pieces a contact is built from (names, roles, organisations, details) and the person
they are grouped into."""

from __future__ import annotations

from dataclasses import dataclass, field

DETAIL_KINDS = ("phone", "phone_raw", "fax", "email", "email_raw")


@dataclass
class Item:
    """A recognised piece of a contact: name, role, org, a detail, address, prose or other."""

    kind: str
    start: int
    end: int
    value: str | None = None
    part: int = -1  # index of the comma-separated part it came from (-1 for details)
    after_stop: bool = False  # the part follows a full stop
    number: tuple[int, int] | None = None  # a phone's or fax's digits, without the label


@dataclass
class Person:
    items: list[Item] = field(default_factory=list)

    def first(self, kind: str) -> Item | None:
        return next((i for i in self.items if i.kind == kind), None)

    def has_detail(self) -> bool:
        return any(i.kind in DETAIL_KINDS for i in self.items)

    def has_any(self) -> bool:
        return self.has_detail() or self.first("name") is not None

