"""Partners: lists under partner headings, cooperation prose, and partner countries.

Sources, one output shape:
- headed fields ("Projekta partneri:", "Lead partner:", "Партнёры проекта:") whose lines are
  items such as `1. Gotingena/ Vācija;` or `Name, Country (English name)`;
- prose: `X kopā ar Y Zviedrijā (vadošais partneris), Z un W īsteno`, `X together with Y
  (lead partner)`, `в сотрудничестве с Y и Z` (every item of the list after the cue, and the
  subject before it), a name followed by a role in brackets (`Volkshochschule Linz (lead
  partner)`), a role word before a name (`projekta iesniedzēja Daugavpils pilsētas dome`,
  `implemented by ...`), a host before "uzņēma partnerus" / "hosted the partners", and twin
  cities after a delegation cue (`delegācijas no Lubļinas (Polija), Lincas (Austrija) ...`);
- country-only mentions (`8 partneri no 7 valstīm: Itālija, Zviedrija, ...`), written to the
  `partner_countries` table instead of inventing partner names.
Where organisation names begin and end, their nominative and type: `pipeline.orgnames`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext, register
from pipeline.extract.partners.anaphora import anaphora_partners
from pipeline.extract.partners.common import cues, list_join, not_a_partner
from pipeline.extract.partners.compound import compound_countries
from pipeline.extract.partners.lists import (
    country_lines,
    country_org_lines,
    from_colon_lists,
    from_sections,
    table_rows,
)
from pipeline.extract.partners.prose import from_prose
from pipeline.model import Document, Fact
from pipeline.places import UPPER, PlaceMention, find_places

# -- partner countries ---------------------------------------------------------------------


def _country_lists(doc: Document, ctx: ExtractContext,
                   named: list[Fact]) -> Iterator[list[PlaceMention]]:
    """Lists of two or more countries after a partner-country cue ("partneri no Lietuvas un
    Polijas"), leaving out a country in brackets after a named partner ("Lubļinas (Polija)"),
    and before a trailing cue ("Lietuvas un Polijas partneri")."""
    text = doc.text
    seen: set[tuple[int, int]] = set()
    for m in cuescan.find(cues().country, text):
        s_start, s_end = ctx.sentence(m.start())
        if (s_start, s_end) in seen or not _country_noun_ok(text, m, s_start):
            continue
        countries = [
            p for p in find_places(text, m.end(), s_end)
            if p.kind == "country" and not any(
                f.start <= p.start and p.end <= f.end + 40
                and text[f.end : p.start].strip(" (") == "" for f in named)
        ]
        if len(countries) >= 2:
            seen.add((s_start, s_end))
            yield countries
    for m in cuescan.find(_trailing_cue(), text):
        s_start, s_end = ctx.sentence(m.start())
        if (s_start, s_end) not in seen:
            countries = countries_before_cue(text, s_start, m.start())
            if countries:
                yield countries


@cache
def _country_nouns() -> tuple[frozenset[str], re.Pattern[str]]:
    data = langdata.load("organizations.json")["country_nouns"]
    before = re.compile(r"(?<!\w)(?:" + langdata.alternation(data["from"]) +
                        r")\s+(?:[\w-]+\s+){0,2}$", re.I)
    return frozenset(n.casefold() for n in data["nouns"]), before


LIST_FOLLOWS = re.compile(r"\s*[:–—(-]")


def _country_noun_ok(text: str, cue: re.Match[str], s_start: int) -> bool:
    """A bare 'countries' cue counts after 'from' or right before its list (see
    `country_nouns` in organizations.json); every other cue always counts."""
    nouns, before = _country_nouns()
    if cue.group().strip().casefold() not in nouns:
        return True
    return bool(before.search(text, max(s_start, cue.start() - 40), cue.start())
                or LIST_FOLLOWS.match(text, cue.end()))


PARTNER_UNITS = frozenset({"partners", "organizations"})


def _counted_partners(ctx: ExtractContext, start: int, end: int) -> int:
    """The largest count of partners or organisations stated in [start, end) ("8 partneri no
    7 valstīm", "by 8 organisations from ..."), read by the participants extractor; 0 if none."""
    return max((int(f.values["count"]) for f in ctx.facts
                if f.table == "participants" and f.values.get("unit") in PARTNER_UNITS
                and start <= f.start and f.end <= end), default=0)


def _partner_countries(doc: Document, ctx: ExtractContext, named: list[Fact]) -> Iterator[Fact]:
    """Listed countries that no named partner is from: the rest adds nothing to the partners
    table. One exception keeps a list whole: when its sentence counts the partnership ("8
    partneri no 7 valstīm: ...") and most of those partners go unnamed, the list describes
    the whole partnership, the named partners' countries included. The named partners are
    counted by their countries: a bilingual page names each partner twice."""
    named_countries = {c for f in named if (c := f.values.get("country"))}
    for countries in _country_lists(doc, ctx, named):
        if all(p.country in named_countries for p in countries):
            continue
        s_start, _ = ctx.sentence(countries[0].start)
        whole = _counted_partners(ctx, s_start, countries[0].start) > 2 * len(named_countries)
        for p in countries:
            if not whole and p.country in named_countries:
                continue
            yield Fact(
                table="partner_countries",
                doc_id=doc.doc_id,
                text=doc.text[p.start : p.end],
                start=p.start,
                end=p.end,
                values={"country": p.country, "lang": doc.lang_at(p.start)},
            )


@cache
def _trailing_cue() -> re.Pattern[str]:
    data = langdata.load("organizations.json")["partner_country_trailing_cues"]
    return cuescan.register(
        re.compile(r"(?<!\w)(?:(?:" + langdata.alternation(data["between"]) + r")\s+)?"
                   r"(?:" + langdata.alternation(data["words"]) + r")(?!\w)", re.I),
        data["between"] + data["words"])


# the end of a place name (its last word, see places.CAP_WORD) and the white space after it
_ENDS_WITH_NAME = re.compile(rf"[{UPPER}][\w'’-]*\s*$")


def countries_before_cue(text: str, start: int, cue: int) -> list[PlaceMention]:
    """The countries of a list right before a partner word at `cue` ("Latvijas un Lietuvas
    partneri", "Horvātijas, Slovākijas un Itālijas pārstāvjiem"), searched from `start`: two
    or more countries joined by commas or conjunctions, the last one right before the cue."""
    if not _ENDS_WITH_NAME.search(text, start, cue):
        return []  # no capitalised word right before the cue: no country ends there
    places = [p for p in find_places(text, start, cue) if p.kind == "country"]
    if not places or text[places[-1].end : cue].strip():
        return []
    run = [places[-1]]
    for prev in reversed(places[:-1]):
        if not list_join().fullmatch(text, prev.end, run[0].start):
            break
        run.insert(0, prev)
    return run if len(run) >= 2 else []


@register("partners", order=40)
def extract_partners(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    named: list[Fact] = []
    spans: set[tuple[int, int]] = set()  # a table row under a heading is read twice
    for f in (*from_sections(doc, ctx), *from_colon_lists(doc, ctx),
              *country_org_lines(doc, ctx), *country_lines(doc, ctx), *table_rows(doc, ctx),
              *from_prose(doc, ctx)):
        if (f.start, f.end) not in spans and not not_a_partner(f.values["name"]):
            spans.add((f.start, f.end))
            named.append(f)
    named.extend(f for f in anaphora_partners(doc, ctx, named)
                 if not not_a_partner(f.values["name"]))
    named.sort(key=lambda f: f.start)
    yield from named
    yield from _partner_countries(doc, ctx, named)
    own = {f.values["country"] for f in named}
    for start, end, code in compound_countries(doc.text):  # "российско-эстонский проект"
        if code not in own:
            yield Fact(table="partner_countries", doc_id=doc.doc_id, text=doc.text[start:end],
                       start=start, end=end,
                       values={"country": code, "lang": doc.lang_at(start)})
