"""Name rules: one name spelled two ways, an acronym that does not fit its title.

A spelling variant is one name written two ways (Enchancing/Enhancing, Daugavpils/Daugavplis,
Neighborhood/Neighbourhood), not two forms of one word: grammatical endings (Toruņas/Toruņā,
Николаевские/Николаевских), derived words (Region/Regional, Latvia/Latvians), a word cut off by
the page (Deliverab/Deliverable) or dropped diacritics. Endings are language data
(resources/variants.json); Russian words are compared by lemma too (pymorphy3, asked only about
the few near-identical pairs).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from pipeline import langdata
from pipeline.gazetteer import fold, get_gazetteer
from pipeline.language import language_around
from pipeline.link import title_words
from pipeline.model import Document, Fact
from pipeline.seam import DocResult
from pipeline.tables import Archive
from pipeline.text import sentence_spans_around
from pipeline.validate.core import Finding, finding, note, noted, rule

# a word of four or more characters that ends with a letter or digit ("rights'" is "rights")
WORD = re.compile(r"[^\W\d_][\w'’-]{2,}[^\W_]")
MIN_VARIANT_LEN = 6
VARIANT_SIMILARITY = 85
MAX_ENDING_BACKTRACK = 4  # letters of the common stem an ending may take back (Toruņ-as/Toruņ-ā)


@cache
def _endings() -> frozenset[str]:
    return frozenset(langdata.load("variants.json")["inflection_endings"])


def _ending_run(s: str, endings: frozenset[str]) -> bool:
    """`s` is an ending, or a derivational ending of two or more letters and an ending after
    it (Cultur-e/Cultur-al-e, Anatol-s/Anatol-ij-s); two one-letter endings in a row are not
    taken (Rēzek-ne/Rēzek-me is a typo, not n+e against m+e)."""
    return s in endings or any(s[:j] in endings and s[j:] in endings for j in range(2, len(s)))


def _inflection_pair(a: str, b: str, endings: frozenset[str]) -> bool:
    """True when two spellings differ only by grammatical or derivational endings (Toruņas /
    Toruņā, Institutional / Institutions): some common stem leaves two runs of endings."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return any(_ending_run(a[k:], endings) and _ending_run(b[k:], endings)
               for k in range(i, max(-1, i - MAX_ENDING_BACKTRACK), -1))


def _is_cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


@cache
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _ru_lemmas(word: str) -> frozenset[str]:
    """The lemmas the dictionary knows for a Russian word (none for an unknown word)."""
    return frozenset(p.normal_form for p in _morph().parse(word) if p.is_known)


@cache
def _project_stems() -> tuple[str, ...]:
    return tuple(s.casefold() for s in langdata.load("identifiers.json")["project_stems"])


def spelling_variant(a: str, b: str) -> bool:
    """Two words that are one name spelled two ways (Enchancing/Enhancing, Colleccio/Collecchio),
    not two forms of one word (endings, derivation, a cut-off word, dropped diacritics, one
    Russian lemma) nor two known place names. A word for "project" (identifiers.json
    `project_stems`: Projekts, projects, проекты) is no name: an English title's 'projects'
    beside a Latvian sentence's 'Projekts' is a translation."""
    ka, kb = a.casefold(), b.casefold()
    if ka == kb or ka[:2] != kb[:2] or abs(len(ka) - len(kb)) > 2:
        return False
    if ka.startswith(_project_stems()) or kb.startswith(_project_stems()):
        return False
    if min(len(ka), len(kb)) < MIN_VARIANT_LEN or fuzz.ratio(ka, kb) < VARIANT_SIMILARITY:
        return False
    fa, fb = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if fa == fb or fa.startswith(fb) or fb.startswith(fa):
        return False
    endings = _endings()
    if _inflection_pair(ka, kb, endings) or _inflection_pair(fa, fb, endings):
        return False
    if _is_cyrillic(ka) and _ru_lemmas(ka) & _ru_lemmas(kb):
        return False
    gaz = get_gazetteer()
    return not (gaz.lookup(a) and gaz.lookup(b))


@dataclass(frozen=True)
class _Word:
    surface: str
    doc_id: str
    start: int
    lang: str  # the language block the word stands in: a variant is judged within one language


def _variant_pairs(words: Iterable[_Word], across_docs: bool,
                   text_of: Callable[[str], str]) -> Iterator[tuple[_Word, _Word]]:
    """Pairs of spelling variants among `words` (first occurrence of each spelling), each
    spelling in one pair at most (Еврогрегиона beside Еврорегион, Еврорегиона and Еврорегионе
    is one finding, not three); with `across_docs` only pairs whose words
    come from different documents. A Latvian word beside its English cognate is a translation,
    not one name spelled two ways, so only words of one language block are paired, and not
    two words that lingua reads as two languages where they stand (an English title quoted in
    a Latvian sentence beside its translation: `text_of` gives a document's text). Words are
    bucketed by their first two letters, so the pairing stays cheap on long documents."""
    first: dict[str, _Word] = {}
    for w in words:
        first.setdefault(w.surface.casefold(), w)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(first):
        buckets[key[:2]].append(key)
    reported: set[str] = set()
    for keys in buckets.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                wa, wb = first[a], first[b]
                if (across_docs and wa.doc_id == wb.doc_id) or wa.lang != wb.lang:
                    continue
                if a not in reported and b not in reported and \
                        spelling_variant(wa.surface, wb.surface) and \
                        not _two_languages(wa, wb, text_of):
                    reported |= {a, b}
                    yield wa, wb


def _two_languages(a: _Word, b: _Word, text_of: Callable[[str], str]) -> bool:
    """Both words' own stretches of text have a language, and they differ."""
    lang_a = language_around(text_of(a.doc_id), a.start)
    lang_b = language_around(text_of(b.doc_id), b.start)
    return bool(lang_a and lang_b and lang_a != lang_b)


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted spans merged where they overlap or touch, as (starts, ends): an offset is in one
    of the spans when it is in the merged span found by bisecting the starts."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if s >= e:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _names_in(r_facts: list[Fact], doc: Document) -> Iterator[_Word]:
    """Capitalized words of a document, and every word of its project titles: the first
    occurrence of each spelling in each language (all that `_variant_pairs` reads)."""
    titles = sorted((f.start, f.end) for f in r_facts if f.table == "project_info"
                    and f.values["field"] in ("title", "title_en"))
    starts, ends = _union(titles)
    seen: set[tuple[str, str]] = set()
    for m in WORD.finditer(doc.text):
        w = m.group()
        if w[0].isupper() or (starts and (k := bisect_right(starts, m.start()) - 1) >= 0
                              and m.start() < ends[k]):
            lang = doc.lang_at(m.start())
            key = (w.casefold(), lang)
            if key not in seen:
                seen.add(key)
                yield _Word(w, doc.doc_id, m.start(), lang)


def _project_names(archive: Archive, project_id: str) -> Iterator[_Word]:
    """Words of the names a project's documents give: titles, partners, places."""
    for table in ("project_info", "partners", "dates"):
        for f in archive.facts(table, project_id):
            if table == "project_info" and f.values["field"] not in ("title", "title_en"):
                continue
            if table == "dates" and not f.values.get("city"):
                continue
            doc = archive.result(f.doc_id).doc
            for m in WORD.finditer(f.text):
                if table == "project_info" or m.group()[0].isupper():
                    start = f.start + m.start()
                    yield _Word(m.group(), f.doc_id, start, doc.lang_at(start))


def _variant_finding(archive: Archive, a: _Word, b: _Word, where: str) -> Finding:
    fact = Fact("validation", a.doc_id, a.surface, a.start, a.start + len(a.surface))
    docs = f" ({a.doc_id} and {b.doc_id})" if a.doc_id != b.doc_id else ""
    return finding(archive, "names.spelling_variant",
                   f"A name is spelled two ways {where}: '{a.surface}' and '{b.surface}'{docs}.",
                   "name", fact)


@note("names.pairs")
def _pairs_in(r: DocResult) -> tuple[tuple[str, int, str, str, int, str], ...]:
    """The document's own spelling variants, as (surface, start, language) twice: reading every
    capitalized word of a text is the costly half of the rule, so it is done where the document
    is extracted."""
    if not r.doc.text:
        return ()
    words = _names_in(r.facts, r.doc)
    return tuple((a.surface, a.start, a.lang, b.surface, b.start, b.lang)
                 for a, b in _variant_pairs(words, False, lambda _id, t=r.doc.text: t))


@rule("names.spelling_variant", "warning")
def spelling_variants(archive: Archive) -> Iterator[Finding]:
    """One name spelled two ways: in one document, or across the documents of a project."""
    in_docs: dict[str, set[frozenset[str]]] = defaultdict(set)  # project -> pairs reported
    for r in archive.results:
        pairs = noted(r, "names.pairs")
        assert isinstance(pairs, tuple)
        for sa, ia, la, sb, ib, lb in pairs:
            a, b = _Word(sa, r.doc.doc_id, ia, la), _Word(sb, r.doc.doc_id, ib, lb)
            pair = frozenset((sa.casefold(), sb.casefold()))
            in_docs[archive.project_of.get(r.doc.doc_id, "")].add(pair)
            yield _variant_finding(archive, a, b, "in this document")
    for g in archive.groups:
        if len(g.doc_ids) > 1:
            for a, b in _variant_pairs(_project_names(archive, g.project_id), True,
                                       lambda doc_id: archive.result(doc_id).doc.text):
                if frozenset((a.surface.casefold(), b.surface.casefold())) not in \
                        in_docs[g.project_id]:
                    yield _variant_finding(archive, a, b, "in the documents of this project")


ACRONYM_FIT = 0.6  # part of the acronym's letters that must appear in order in the title
IDENTIFIER = re.compile(r"\d.*-|-.*\d")  # LLI-212, ENI-LLB-1-021: a number, not an acronym


def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ch == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def acronym_fits(acronym: str, title: str) -> bool:
    """The acronym's first letter starts a title word, and most of its letters appear in order
    in the title from there (EVOLAQ in 'Enhancing Volunteering Actions and Quality in Europe',
    FortLink in 'Fortresses of Pskov and Daugavpils')."""
    letters = "".join(ch for ch in fold(acronym) if ch.isalpha())
    words = title_words(title)
    if not letters or not words:
        return True
    start = next((i for i, w in enumerate(words) if w[0] == letters[0]), None)
    if start is None:
        return False
    rest = "".join(words[start:])
    return _lcs(letters, rest) >= ACRONYM_FIT * len(letters)


@cache
def _word_shape() -> tuple[frozenset[str], int, int, tuple[str, ...], int, list[re.Pattern[str]]]:
    data = langdata.load("validation.json")["acronym_words"]
    return (frozenset(data["vowels"]), data["max_consonants"], data["max_initial_consonants"],
            tuple(data["initial_clusters"]), data["max_final_consonants"],
            [re.compile(p) for p in data["not_in_words"]])


def reads_as_word(letters: str) -> bool:
    """Casefolded letters that could be a word of the archive's languages (home, octopus,
    healthylife, мост), not a code of initials (brlp, evolaq, мсп): a vowel at least every few
    consonants, a start and an end a word may have, and no letter sequence that words never
    have (resources/validation.json `acronym_words`)."""
    vowels, inside, initial, clusters, final, never = _word_shape()
    if len(letters) < 3 or any(p.search(letters) for p in never):
        return False
    runs = [len(r) for r in _vowel_runs(vowels).split(letters)]  # the runs of consonants
    if len(runs) == 1:
        return False  # no vowel
    lead, trail = runs[0], runs[-1]
    if lead > initial and not (lead == 3 and letters.startswith(clusters)):
        return False
    return trail <= final and all(r <= inside for r in runs[1:-1])


@cache
def _vowel_runs(vowels: frozenset[str]) -> re.Pattern[str]:
    """Splits a word at its vowels: the pieces are its runs of consonants (maybe empty)."""
    return re.compile("[" + re.escape("".join(sorted(vowels))) + "]+")


def letter_code(acronym: str) -> bool:
    """An acronym that stands for initials, which is what `names.acronym_mismatch` judges:
    written in capitals (a plural 's' after them allowed: 'KRLPs') and either spelled with
    dots ('N.E.S.T.'), mixed with digits ('YC4EU') or unreadable as a word ('KRLP',
    'EVOLAQ'). A CamelCase name ('RiverKids'), a capitalised word ('Walkwithme') or
    capitals that read as a word ('HOME', 'PELICAN') is a creative name: the project chose
    a word, not initials, so its letters need not be the title's. "Reads as a word" is a
    shape, not a dictionary, so a pronounceable code of initials (ICT, ERAF, ESPON, EDU-SMEs)
    is not judged either: the rule errs toward silence."""
    letters = [c for c in acronym if c.isalpha()]
    body = letters[:-1] if acronym.endswith("s") else letters  # 'KRLPs'
    if len(body) < 2 or not all(c.isupper() for c in body):
        return False  # CamelCase or a capitalised word
    if re.search(r"\w\.\w", acronym) or any(c.isdigit() for c in acronym):
        return True
    return not reads_as_word("".join(body).casefold())


def _beside_title(archive: Archive, acronym: Fact) -> bool:
    """The document states the acronym in the sentence of one of its project titles
    ('Project “Title” (ACR)', 'ACR – Title'), so the two are given as one project's."""
    text = archive.result(acronym.doc_id).doc.text
    spans = sentence_spans_around(text, acronym.start, acronym.end)
    s, e = next(((s, e) for s, e in spans if s <= acronym.start < e), (acronym.start, acronym.end))
    return any(f.doc_id == acronym.doc_id and f.values["field"] in ("title", "title_en")
               and f.start < e and f.end > s
               for f in archive.result(acronym.doc_id).facts if f.table == "project_info")


@rule("names.acronym_mismatch", "warning")
def acronym_mismatch(archive: Archive) -> Iterator[Finding]:
    """An acronym that fits none of the project's titles, judged when a title in the language
    acronyms are usually made from is there (English for Latin acronyms, Russian for Cyrillic)
    and the document gives the acronym beside a title (a capitalized word or an identifier
    elsewhere on the page is not the project's acronym). Only a code of initials is judged
    (`letter_code`): an acronym of several words ('Land CLEAN'), a word in capitals ('HOME'),
    CamelCase ('RiverKids') is a name the project chose and fits any title, even when the
    document pairs it with its title."""
    for g in archive.groups:
        chosen = archive.merged[g.project_id].chosen
        acronym = chosen.get("acronym")
        titles = [v for k, v in chosen.items() if k.startswith("title:")]
        if acronym is None or not titles or IDENTIFIER.search(acronym.shown) or \
                len(acronym.shown.split()) > 1 or not letter_code(acronym.shown):
            continue  # a number, a name of words ('Land CLEAN') or a word, not initials
        reference = "ru" if _is_cyrillic(acronym.shown) else "en"
        if f"title:{reference}" not in chosen:
            continue
        if acronym.fact is not None and not _beside_title(archive, acronym.fact):
            continue
        if not any(acronym_fits(acronym.shown, t.shown) for t in titles):
            shown = chosen[f"title:{reference}"].shown
            yield finding(archive, "names.acronym_mismatch",
                          f"The acronym '{acronym.shown}' does not fit the project title "
                          f"'{shown}'.", "acronym", acronym.fact)
