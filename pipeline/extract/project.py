"""Project identity in a document: title (and English title), acronym, programme, number.

Each value is a `project_info` fact with its span, so projects.csv values are traceable too.
A title is a quoted name right after a word for "project" (or after a word for "name" that
follows it: 'projekts ar nosaukumu “…”'), right before an acronym or the word "project" ('the “…”
project'), or a title beside the project number (`identity.find_titles_after_number`: a quoted
title of three or more words after the number, a heading line 'LLI-295 Title (ACR)'); a title
that opens or closes with the project's acronym ('ACR – Title', 'Title/ ACR') is given without
it. The English title is taken from the document's English part when it has one. The acronym
rules are in `pipeline.extract.identity`, with the numbers'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pipeline import langdata, language
from pipeline.extract.base import ExtractContext, register
from pipeline.extract.identity import (
    TITLE_LINE_CHARS,
    find_acronym,
    find_number,
    find_titles_after_number,
    title_like,
    title_parts,
)
from pipeline.model import Document, Fact

MIN_TITLE_WORDS = 3  # words a title keeps when its acronym is cut off
_WORDS = re.compile(r"[^\W\d_]\w*")


@dataclass
class ProjectLexicon:
    quoted: re.Pattern[str]
    title_word: re.Pattern[str]  # a word for "project" up to two words before a quote
    title_named: re.Pattern[str]  # 'projekts ar garo nosaukumu “X”': a word for "name" between
    title_after: re.Pattern[str]  # a word for "project" right after a quote: 'the “X” project'
    acronym: re.Pattern[str]
    programme_names: list[str]
    programme: re.Pattern[str]  # group g<i> is programme_names[i]
    funds: frozenset[str]
    need_cue: frozenset[str]
    cue: re.Pattern[str]
    cue_window: int
    generic_name: str
    generic: re.Pattern[str]  # a programme named by its kind, then its period
    written: _Written  # a programme named as written: a labelled or a quoted name


@cache
def lexicon() -> ProjectLexicon:
    ids = langdata.load("identifiers.json")
    op, cl = re.escape(ids["quotes_open"]), re.escape(ids["quotes_close"])
    quoted = re.compile(rf"[{op}](?P<t>[^{op}{cl}\n]{{3,{TITLE_LINE_CHARS}}}?)[{cl}]")
    project = r"(?<!\w)(?:" + langdata.alternation(ids["title_words"]) + r")\W{0,3}"
    title_word = re.compile(project + r"(?:\w+\W+){0,2}$", re.I)
    title_named = re.compile(
        project + r"(?:\w+\W+){0,2}(?:" + langdata.alternation(ids["title_name_words"])
        + r")\W{0,3}$", re.I)
    title_after = re.compile(
        r"\s{1,3}(?:" + langdata.alternation(ids["title_words_after"]) + r")(?!\w)", re.I)
    acronym = re.compile(r"\s*\(?\s*(?P<a>[A-Z][A-Z0-9&+-]{1,14}!?)(?=[\s).,;:]|$)")
    data = langdata.load("programmes.json")
    progs = data["programmes"]
    first = langdata.first_chars([p.casefold() for ps in progs.values() for p in ps])
    # every name starts with the first word (up to a dash) of one of its phrases: one trie test
    # turns away the word starts where no programme begins, before the hundred alternatives
    lead = langdata.alternation([p.split()[0].split("-")[0] for ps in progs.values() for p in ps])
    programme = re.compile(rf"(?=[{first}])(?<!\w)(?={lead})(?:" + "|".join(
        rf"(?P<g{i}>{_phrases(phrases)})" for i, phrases in enumerate(progs.values())) + ")",
        re.IGNORECASE)
    cue = re.compile(r"(?<!\w)(?:" + _phrases(data["cue_words"]) + ")", re.IGNORECASE)
    gen = data["generic"]
    stems = "|".join(r"\s+".join(_stem(w) for w in phrase.split()) for phrase in gen["phrases"])
    joiners = langdata.alternation(gen["period_joiners"])
    generic = re.compile(
        rf"(?<!\w)(?:{stems})\s+(?:(?:{joiners})\s+)?(?P<y1>(?:19|20)\d\d)\.?\s*[-‐‑–—]\s*"
        rf"(?P<y2>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
    return ProjectLexicon(quoted, title_word, title_named, title_after, acronym, list(progs),
                          programme, frozenset(data["funds"]), frozenset(data["need_cue"]), cue,
                          data["cue_window"], gen["name"], generic,
                          _written(data, ids["quotes_open"], ids["quotes_close"]))


def _stem(word: str) -> str:
    """A word of a generic phrase: any ending, its dashes any dash or none ('crossborder')."""
    return r"\s*[-‐‑–—]?\s*".join(re.escape(p) for p in word.split("-")) + r"\w*"


@dataclass
class _Written:
    """The as-written pattern behind a cheap test of what its quoted forms need: a programme
    word next to a quote. Most pages have none, and then only the labelled form can match, so
    the (slow, unanchored) whole pattern is searched only where the quoted forms could: the
    same first match either way."""

    whole: re.Pattern[str]
    labelled: re.Pattern[str]  # the first alternative of `whole` alone, anchored at a line start
    label_word: re.Pattern[str]  # a labelled form's label, found fast
    needs: tuple[re.Pattern[str], ...]  # a quoted form matches only where one of these does

    def search(self, text: str) -> re.Match[str] | None:
        if any(n.search(text) for n in self.needs):
            return self.whole.search(text)
        # the labelled form starts a line whose label follows bullets and blanks only: try it
        # at the start of each line that holds a label word, in order (not at every position)
        tried = -1
        for m in self.label_word.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if line_start != tried:
                tried = line_start
                found = self.labelled.match(text, line_start)
                if found:
                    return found
        return None


def _written(data: dict, opening: str, closing: str) -> _Written:
    """A programme that no list knows, named as written: the value of a labelled field on its
    line ('Programme: Local Culture', 'Programma | … |'), or a quoted name beside a programme
    word, with the capitalised words that run into it ('National Research Programme “…”',
    'programmas “…”', 'NORDEN “…” program')."""
    op, cl = re.escape(opening), re.escape(closing)
    upper = r"[A-ZĀČĒĢĪĶĻŅŠŪŽА-ЯЁ]"
    caps = rf"(?:(?<!\w){upper}[\w+-]*\s+){{0,3}}"
    word = "|".join(re.escape(w) for w in data["written_words"])
    label = "|".join(re.escape(w) for w in data["written_labels"])
    quoted = rf"[{op}]\s*[^{op}{cl}\n]{{3,120}}?[{cl}]"
    labelled = (rf"(?m)^[ \t•*-]*(?i:{label})[ \t]*[:|][ \t]*"
                rf"(?P<label>{upper}[^|\n\d]{{2,100}}?)[ \t]*(?:\||$)")
    whole = re.compile(
        labelled
        + rf"|(?P<before>(?P<caps>{caps})(?P<word>(?i:{word})\w*)\s+(?P<q>{quoted}))"
        rf"|(?P<after>(?:(?<!\w){upper}[\w+-]*\s+)?{quoted})\s+(?i:{word})\w*")
    first = langdata.first_chars([w.casefold() for w in data["written_words"]])
    needs = (re.compile(rf"[{cl}]\s+(?i:{word})"),
             re.compile(rf"(?=(?i:[{first}]))(?i:{word})\w*\s+[{op}]"))
    # the labelled form alone, with the whole pattern's groups (none of the others match)
    alone = re.compile(labelled + r"|(?P<before>(?P<caps>)(?P<word>)(?P<q>))(?!)"
                       r"|(?P<after>)(?!)")
    labels = [w.casefold() for w in data["written_labels"]]
    label_word = re.compile(rf"(?=(?i:[{langdata.first_chars(labels)}]))(?i:{label})")
    return _Written(whole, alone, label_word, needs)


def _phrases(phrases: list[str]) -> str:
    """Phrase stems as one alternation: words apart by white space, a '-' any dash with or
    without spaces ('Latvijas – Lietuvas', 'Latvia-Lithuania'); the last word may go on."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [r"\s*[-‐‑–—]\s*".join(re.escape(p) for p in w.split("-"))
                 for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return "(?:" + "|".join(parts) + r")\w*"


def find_programme(text: str) -> tuple[str, int, int] | None:
    """The document's programme: the earliest programme named (a programme named by its
    countries alone only beside a programme word), else one named by its kind and period
    ('Cross-border Cooperation Programme 2014-2020'), else one named as written (a labelled or
    quoted name), else the earliest fund."""
    lex = lexicon()
    named = _named(text)
    if named and named[0] not in lex.funds:
        return named
    m = lex.generic.search(text)
    if m:
        return f"{lex.generic_name} {m.group('y1')}-{m.group('y2')}", m.start(), m.end()
    written = _as_written(text)
    return written or named


def _as_written(text: str) -> tuple[str, int, int] | None:
    """The first programme named as written; after a lower-case programme word
    ('programmas “X”') the name is the quoted part, else the capitalised words run into it."""
    m = lexicon().written.search(text)
    if not m:
        return None
    group = "label" if m.group("label") else "after" if m.group("after") else "before"
    if group == "before" and not m.group("caps") and m.group("word")[:1].islower():
        group = "q"
    start, end = m.span(group)
    value = " ".join(m.group(group).split())
    if group == "q":  # the name inside its quotes
        value, start, end = value[1:-1].strip(), start + 1, end - 1
    return value, start, end


def _named(text: str) -> tuple[str, int, int] | None:
    """The earliest programme a list names, else the earliest fund."""
    lex = lexicon()
    fund = None
    for m in lex.programme.finditer(text):
        name = lex.programme_names[int((m.lastgroup or "g0")[1:])]
        if name in lex.need_cue:
            around = text[max(0, m.start() - lex.cue_window // 2) : m.end() + lex.cue_window]
            if not lex.cue.search(around.replace(m.group(), " ")):
                continue
        if name not in lex.funds:
            return name, m.start(), m.end()
        fund = fund or (name, m.start(), m.end())
    return fund


def title_without_acronym(doc: Document, title: Fact, acronym: tuple[str, int, int]) -> Fact:
    """The title without the project's acronym when the quoted name opens or closes with it,
    apart from the rest by a dash, slash, colon or full stop ('ACR – Title words', 'Title
    words/ ACR', 'Title words – ACR'): the acronym is its own field. The rest keeps at least
    three words, or the title is left whole."""
    _, a_start, a_end = acronym
    if not (title.start <= a_start and a_end <= title.end):
        return title
    parts = [(title.start + a, title.start + b) for a, b in title_parts(title.text)]
    if len(parts) < 2:
        return title
    if parts[0] == (a_start, a_end):
        start, end = parts[1][0], parts[-1][1]
    elif parts[-1] == (a_start, a_end):
        start, end = parts[0][0], parts[-2][1]
    else:
        return title
    rest = doc.text[start:end]
    if len(_WORDS.findall(rest)) < MIN_TITLE_WORDS:
        return title
    return _info(doc, title.values["field"], rest, start, end)


def _info(doc: Document, field: str, value: str, start: int, end: int) -> Fact:
    return Fact("project_info", doc.doc_id, doc.text[start:end], start, end,
                {"field": field, "value": value})


@register("project", order=5)
def extract_project(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    lex = lexicon()
    text = doc.text
    first_lang = doc.languages[0] if doc.languages else "lv"
    title = title_en = None
    numbered, judged = find_titles_after_number(text)
    # (start, title, span, after a word for "project" or a number): quoted names after a word
    # for "project" or before an acronym, and the titles beside the project number
    candidates = [(s, t, (s, e), True) for t, s, e in numbered]
    for m in lex.quoted.finditer(text):
        if m.start() in judged:
            continue  # right after the project number: a title only from three words on
        before = text[max(0, m.start() - 40) : m.start()]
        acr = lex.acronym.match(text, m.end())
        # further from the word for "project" ('projekts ar garo nosaukumu “X”') or after it
        # ('the “X” project'), a quoted name is a title when it looks like one: three words or
        # more ('the so-called “investment” part', 'the “Green Trails” project' are not; a short
        # name is left to the acronym rules)
        cued = bool(lex.title_word.search(before)) or bool(
            (lex.title_named.search(before) or lex.title_after.match(text, m.end()))
            and title_like(m.group("t")))
        if not (cued or acr):
            continue
        t = m.group("t").strip()
        lead = len(m.group("t")) - len(m.group("t").lstrip())
        candidates.append((m.start(), t, (m.start("t") + lead, m.start("t") + lead + len(t)), cued))
    for at, t, span, cued in sorted(candidates):
        lang = language.detect(t) or doc.lang_at(at)
        in_block_lang = doc.lang_at(at)
        if lang == first_lang and title is None and cued:
            title = _info(doc, "title", t, *span)
        # the English part of the document is the authority for the English title
        if (lang == "en" and first_lang != "en") and (
            title_en is None or (in_block_lang == "en" and title_en.values["block"] != "en")
        ):
            title_en = _info(doc, "title_en", t, *span)
            title_en.values["block"] = in_block_lang
    acronym = find_acronym(text)
    for fact in (title, title_en):
        if fact:
            fact.values.pop("block", None)
            yield title_without_acronym(doc, fact, acronym) if acronym else fact
    if acronym:
        yield _info(doc, "acronym", *acronym)
    number = find_number(text)
    if number:
        yield _info(doc, "project_number", *number)
    programme = find_programme(text)
    if programme:
        name, start, end = programme
        yield _info(doc, "programme", name, start, end)
