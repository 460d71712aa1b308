"""Names that share one plural head ("Saldus, Durbes un Talsu novadu pašvaldības")."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract.partners.common import (
    Mention,
)
from pipeline.orgnames import (
    OrgSpan,
    head_at,
    nominative,
    ru_plural,
    ru_singular,
)

# -- shared heads ------------------------------------------------------------------------


@cache
def _shared_data() -> dict:  # type: ignore[type-arg]
    return langdata.load("organizations.json")["shared_heads"]


def plural_tail(words: list[str], lang: str) -> list[str] | None:
    """The words of a name from its first lower-case word on, in the singular, when that
    part is plural ("novadu pašvaldības" -> ["novada", "pašvaldības"], "районами" ->
    ["районами"] read as plural); None when the name shares no plural head."""
    first = next((i for i, w in enumerate(words) if w[:1].islower()), None)
    if first is None or first == 0:
        return None
    tail = words[first:]
    if lang == "lv":
        data = _shared_data()
        gens, heads, adjs = (data["lv_plural_genitives"], data["lv_plural_heads"],
                             data["lv_plural_adjectives"])
        if not any(w in gens or w in heads or w in adjs for w in tail):
            return None
        return [gens.get(w, adjs.get(w, w)) for w in tail]
    if lang == "en":
        plurals = _shared_data()["en_plural_heads"]
        if not any(w.casefold() in plurals for w in tail):
            return None
        return [plurals.get(w.casefold(), w) for w in tail]
    if lang == "ru":  # "районами (Псковской области)": the tail ends at the head
        at = next((i for i in range(len(tail)) if head_at(tail, i)), None)
        if at is None:
            return None
        tail = tail[: at + head_at(tail, at)[0]]  # type: ignore[index]
        return tail if ru_plural(tail[-1]) else None
    return None


def share_head(text: str, items: list[tuple[OrgSpan, Mention | None]],
               lang: str) -> Iterator[Mention]:
    """Mentions of an enumeration; the names right before a name with a plural head
    ("Cēsu, Amatas, Pārgaujas novadu pašvaldības") each get that head in the singular."""
    pending: list[tuple[OrgSpan, Mention | None]] = []
    for span, mention in items:
        if not span.has_head:
            pending.append((span, mention))
            continue
        tail = plural_tail(span.words, lang) if pending else None
        if tail is None:
            yield from (m for _, m in pending if m)
            pending = []
            if mention:
                yield mention
            continue
        for own_span, own in [*pending, (span, mention)]:
            if own_span is span:
                first = next(i for i, w in enumerate(span.words) if w[:1].islower())
                words = span.words[:first]
            else:
                words = own_span.words
            if not words or not all(w[:1].isupper() for w in words):
                if own:
                    yield own
                continue
            name = (ru_singular([*words, *tail]) if lang == "ru"
                    else nominative([*words, *tail], lang))
            yield Mention(own_span.start, own_span.end, name,
                          own.role if own else "partner",
                          (own.country if own else "") or own_span.country)
        pending = []
    yield from (m for _, m in pending if m)
