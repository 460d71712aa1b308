"""Facts: each person of each region becomes one `contacts` fact; the extractor that reads the
regions in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.extract.base import ExtractContext, register
from pipeline.extract.contacts.bylines import (
    bare_signatures,
    caps_bylines,
    caps_name_item,
    dated_bylines,
    signatures,
    virtual_lines,
)
from pipeline.extract.contacts.cues import (
    Cue,
    author_region,
    find_cues,
    heading_region,
    line_bounds,
)
from pipeline.extract.contacts.details import find_details
from pipeline.extract.contacts.inline import parenthesised_roles, source_persons
from pipeline.extract.contacts.items import Person
from pipeline.extract.contacts.lexicon import LANGS, Lexicon, lexicon
from pipeline.extract.contacts.names import CYRILLIC, WORD
from pipeline.extract.contacts.parts import classify_phrase, group_persons, region_items, trim
from pipeline.model import Document, Fact

MERGE_MAX_BREAKS = 2  # line breaks between a name and the phone/e-mail lines that are its


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
    items = [i for i in person.items if i.kind not in ("other", "address", "prose", "title")]
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
    """The text with claimed spans blanked out (same length, same offsets); built from slices,
    not character by character."""
    parts: list[str] = []
    pos = 0
    for s, e in sorted(claimed):
        s, e = max(s, pos), min(e, len(text))
        if s < e:
            parts += (text[pos:s], "\x00" * (e - s))
            pos = e
    parts.append(text[pos:])
    return "".join(parts)


@dataclass
class Found:
    """A person found, with how it was found and the cue its fact's span starts at."""

    person: Person
    mention: str
    cue: Cue | None = None

    @property
    def span(self) -> tuple[int, int]:
        items = self.person.items
        start = self.cue.start if self.cue else min(i.start for i in items)
        return start, max(i.end for i in items)


def _merge_details(found: list[Found], text: str) -> list[Found]:
    """A nameless block of phones and e-mails on the line right after a named person without
    them is that person's ('Projekta vadītāja: Anna Kalniņa' / 'Kontaktinformācija: tālr. ...')."""
    found.sort(key=lambda f: f.span)
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.person.first("name") is None
            and f.person.has_detail()
            and prev.person.first("name") is not None
            and not prev.person.has_detail()
            and prev.span[1] <= f.span[0]
            and not text[prev.span[1] : f.span[0]].strip()
            and text.count("\n", prev.span[1], f.span[0]) <= MERGE_MAX_BREAKS
        ):
            prev.person.items += f.person.items
            continue
        out.append(f)
    return out


def _kept(person: Person) -> bool:
    """A contact is a person: phones and e-mails with no name (a site's footer, an office's
    number) are not kept, unless an organisation is named with them."""
    return person.first("name") is not None or person.first("org") is not None


def _role_between(text: str, cue: Cue, person: Person, lex: Lexicon) -> bool:
    """The words between an author cue and the name, if any, name a role, a title or an
    employer ('Sagatavoja projekta koordinatore Anna Kalniņa'); other words ('By the end of
    May ...', 'By then John Brown ...') show that the cue was no author cue."""
    name = person.first("name")
    if name is None or name.start <= cue.end:
        return True
    words = WORD.findall(text, cue.end, name.start)
    return not words or any(w in lex.role or w in lex.titles or w in lex.org for w in words)


@register("contacts", order=50)
def extract_contacts(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Yield one `contacts` fact per contact person mention (see the package docstring)."""
    text = doc.text
    if not text:
        return
    lex = lexicon()
    masked = masked_text(text, ctx.claimed)
    found: list[Found] = []

    cues = find_cues(text, lex)
    for k, cue in enumerate(cues):
        limit = cues[k + 1].start if k + 1 < len(cues) else len(text)
        region = heading_region if cue.kind == "contact_block" else author_region
        lo, hi = region(text, cue.end, limit, lex)
        items = region_items(text, masked, lo, hi, lex, author=cue.kind == "author_line")
        if cue.kind == "author_line" and not any(i.kind == "name" for i in items):
            caps = caps_name_item(text, lo, hi)
            if caps is not None:
                items = [i for i in items if i.end <= caps.start or i.start >= caps.end]
                items = sorted([*items, caps], key=lambda i: (i.start, i.end))
        if cue.kind == "role_label":
            # the label is the person's role (and organisation), never a name
            label = trim(text, cue.start, cue.end - 1)  # up to the colon
            items[:0] = classify_phrase(text, *label, lex, "role")
        for n, person in enumerate(group_persons(items)):
            if n == 0 and cue.kind == "author_line" and not _role_between(text, cue, person, lex):
                break  # 'By the end of May John Brown ...': the cue word was a preposition
            found.append(Found(person, cue.kind, cue if n == 0 else None))

    covered = sorted(f.span for f in found)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in covered)

    def add(person: Person, mention: str) -> None:
        name = person.first("name")
        if name is not None and free(name.start, name.end):
            f = Found(person, mention)
            found.append(f)
            covered.append(f.span)

    lines = virtual_lines(text)
    for person in signatures(text, masked, lines, lex):
        add(person, "signature")
    dates = [f for f in ctx.facts if f.table == "dates"]
    for person in dated_bylines(text, lines, dates, lex):
        add(person, "byline")
    for person in caps_bylines(text, lines, lex):
        add(person, "byline")
    for person in bare_signatures(text, lines, lex):
        add(person, "signature")
    for person in source_persons(text, lex, ctx.sentence, free):
        add(person, "source")
    for person in parenthesised_roles(text, lex, free):
        add(person, "inline_role")

    # details outside every region found so far, read with the rest of their line
    covered.sort()
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
            f = Found(person, "details")
            found.append(f)
            covered.append(f.span)
        covered.sort()

    for f in _merge_details(found, text):
        for item in f.person.items:
            if item.number:
                ctx.claim(*item.number)
        if _kept(f.person):
            yield make_fact(doc, f.person, f.mention, lex, f.cue)
