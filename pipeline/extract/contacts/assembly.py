"""Facts: each person of each region becomes one `contacts` fact; the extractor that reads the
regions in order."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.extract.base import ExtractContext, register
from pipeline.extract.contacts.cues import (
    Cue,
    author_region,
    find_cues,
    heading_region,
    line_bounds,
)
from pipeline.extract.contacts.details import find_details
from pipeline.extract.contacts.items import Person
from pipeline.extract.contacts.lexicon import LANGS, Lexicon, lexicon
from pipeline.extract.contacts.names import CYRILLIC, WORD
from pipeline.extract.contacts.parts import group_persons, region_items
from pipeline.model import Document, Fact


def clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def join_values(values: list[str], sep: str) -> str | None:
    unique = list(dict.fromkeys(v for v in values if v))
    return sep.join(unique) if unique else None


def fact_lang(doc: Document, start: int, end: int, cue_lang: str | None, lex: Lexicon) -> str:
    """The cue's language, else the block's, else a vote of the known words, else the script."""
    if cue_lang:
        return cue_lang
    if doc.blocks:
        return doc.lang_at(start)
    words = WORD.findall(doc.text[start:end])
    votes = {lang: sum(w in lex.lang_words[lang] for w in words) for lang in LANGS}
    best = max(votes.values())
    winners = [lang for lang, v in votes.items() if v == best]
    if best and len(winners) == 1:
        return winners[0]
    if CYRILLIC.search(doc.text[start:end]):
        return "ru"
    lang = doc.lang_at(start)
    return lang if lang in LANGS else "lv"


def make_fact(
    doc: Document,
    person: Person,
    mention: str,
    lex: Lexicon,
    cue: Cue | None = None,
) -> Fact:
    """The fact of one person: the span runs from the cue (or first item) to the last item."""
    text = doc.text
    items = [i for i in person.items if i.kind not in ("other", "address", "prose")]
    start = cue.start if cue else min(i.start for i in items)
    end = max(i.end for i in items)

    def values(kind: str) -> list[str]:
        return [
            i.value if i.value is not None else clean(text[i.start : i.end])
            for i in items
            if i.kind == kind
        ]

    name = person.first("name")
    out: dict[str, object] = {
        "name": clean(text[name.start : name.end]) if name else None,
        "role": join_values(values("role"), ", "),
        "organization": join_values(values("org"), ", "),
        "phone": join_values(values("phone"), ";"),
        "email": join_values(values("email"), ";"),
        "phone_raw": join_values(values("phone_raw"), ";"),
        "email_raw": join_values(values("email_raw"), ";"),
        "fax": join_values(values("fax"), ";"),
        "lang": fact_lang(doc, start, end, cue.lang if cue else None, lex),
        "mention": mention,
    }
    if name:
        out["name_start"], out["name_end"] = name.start, name.end
    return Fact(
        table="contacts",
        doc_id=doc.doc_id,
        text=text[start:end],
        start=start,
        end=end,
        values=out,
    )


def masked_text(text: str, claimed: list[tuple[int, int]]) -> str:
    """The text with claimed spans blanked out (same length, same offsets)."""
    chars = list(text)
    for s, e in claimed:
        for k in range(max(0, s), min(len(chars), e)):
            chars[k] = "\x00"
    return "".join(chars)


@register("contacts", order=50)
def extract_contacts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Yield one `contacts` fact per contact person mention (see the module docstring)."""
    text = doc.text
    if not text:
        return
    lex = lexicon()
    masked = masked_text(text, ctx.claimed)
    facts: list[tuple[Fact, Person]] = []

    cues = find_cues(text, lex)
    for k, cue in enumerate(cues):
        limit = cues[k + 1].start if k + 1 < len(cues) else len(text)
        region = heading_region if cue.kind == "contact_block" else author_region
        lo, hi = region(text, cue.end, limit, lex)
        items = region_items(text, masked, lo, hi, lex, author=cue.kind == "author_line")
        for n, person in enumerate(group_persons(items)):
            facts.append((make_fact(doc, person, cue.kind, lex, cue if n == 0 else None), person))

    # details outside every contact block and author line, read with the rest of their line
    covered = sorted((f.start, f.end) for f, _ in facts)
    triggers = [
        d for d in find_details(text, masked, 0, len(text), lex, national=False) if d.kind != "fax"
    ]
    for trig in triggers:
        if any(s <= trig.start and trig.end <= e for s, e in covered):
            continue
        line_start, line_end = line_bounds(text, trig.start)
        lo = max(line_start, ctx.sentence(trig.start)[0])
        lo = max([lo] + [e for _, e in covered if e <= trig.start])
        lo = min(lo, trig.start)
        hi = min([line_end] + [s for s, _ in covered if s >= trig.end])
        region = region_items(text, masked, lo, hi, lex)
        people = [p for p in group_persons(region) if p.has_detail()]
        if not any(i.start <= trig.start and trig.end <= i.end for p in people for i in p.items):
            people.append(Person([trig]))
        for person in people:
            fact = make_fact(doc, person, "details", lex)
            facts.append((fact, person))
            covered.append((fact.start, fact.end))
        covered.sort()

    facts.sort(key=lambda fp: (fp[0].start, fp[0].end))
    for fact, person in facts:
        for item in person.items:
            if item.number:
                ctx.claim(*item.number)
        yield fact
