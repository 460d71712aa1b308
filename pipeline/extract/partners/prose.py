"""Partners named in running text: cooperation cues, role words, copulas, subject verbs,
enumerations and their name grammar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import (
    MAX_COLON_GAP,
    ROLE_RANK,
    Mention,
    country_in,
    cues,
    get_lang,
    partner,
    role_code,
    role_in,
)
from pipeline.extract.partners.lists import (
    partner_section_spans,
)
from pipeline.extract.partners.mentions import (
    _after_partner_words,
    _before_comma,
    _bracket_after,
    _bracketed_countries,
    _enumerated,
    _listed,
    _mention,
    _subject,
    list_separator,
)
from pipeline.extract.partners.owner import own_payer, owner_mentions
from pipeline.extract.partners.shared import (
    share_head,
)
from pipeline.gazetteer import get_gazetteer
from pipeline.model import Document, Fact
from pipeline.orgnames import (
    OrgSpan,
    head_at,
    org_type,
    ru_after_preposition,
    ru_can_be_subject,
    ru_people,
    scan_backward,
    scan_forward,
    tokens,
)
from pipeline.places import city_of_adjective, country_of_words


@cache
def _copula_cue() -> re.Pattern[str]:
    """"(vadošais) partneris (projektā / Latvijā) ir A, B", "the lead partner of the project
    is A", "партнерами проекта являются A": a partner noun, up to four words, a copula."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return cuescan.register(re.compile(
        r"(?<!\w)(?=[" + langdata.first_chars(data["nouns"]) + r"])"
        r"(?:" + langdata.alternation(data["nouns"]) + r")"
        r"(?P<gap>(?:\s+[^\s.,;:!?()]+){0,4}?)\s+(?:" + langdata.alternation(data["copulas"])
        + r")\s+(?:[-–—:]\s*)?",
        re.I,
    ), data["nouns"])


@cache
def _lead_before() -> re.Pattern[str]:
    """A lead word in the two words before a partner noun ("vadošais partneris")."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(data["lead"]) + r")\s+(?:\w+\s+)?$",
                      re.I)


@cache
def _copula_subject_cue() -> re.Pattern[str]:
    """"X ir (Siguldas novada pašvaldības) partneris", "X is a partner", "X является
    партнером": a copula, up to four words, a partner noun; the names stand before it."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return cuescan.register(re.compile(
        r"(?<!\w)(?:" + langdata.alternation(data["copulas"]) + r")"
        r"(?P<gap>(?:\s+[^\s.,;:!?()]+){0,4}?)\s+(?:" + langdata.alternation(data["nouns"])
        + r")(?!\w)", re.I), data["copulas"])


@cache
def _no_subject_cues() -> tuple[str, ...]:
    return tuple(langdata.load("organizations.json")["cooperation_cues_without_subject"])


def _no_subject(cue: str) -> bool:
    """A cue whose partners all come after it ("between A and B")."""
    low = cue.casefold()
    return any(w in low for w in _no_subject_cues())


@cache
def _titled_role() -> re.Pattern[str]:
    """"kā projekta „Title” vadošais partneris", "as the project “Title” lead partner": a role
    given with the project's quoted title between "as ... project" and the role noun."""
    data = langdata.load("organizations.json")
    titled = data["titled_roles"]
    roles = [c for cs in data["role_cues"].values() for c in cs]
    return cuescan.register(re.compile(
        r"(?<!\w)(?:" + langdata.alternation(titled["as"]) + r")\s+(?:"
        + langdata.alternation(titled["project"]) + r")\s+[„“\"«][^„“”\"«»\n]{1,150}[”“\"»]\s+"
        r"(?P<role>" + langdata.alternation(roles) + r")(?!\w)", re.I), titled["as"])


@cache
def _verbs_before_names() -> re.Pattern[str]:
    data = langdata.load("organizations.json")["verbs_before_names"]["partner"]
    return cuescan.register(re.compile(r"(?<!\w)(?=[" + langdata.first_chars(data) + r"])(?:"
                                       + langdata.alternation(data) + r")\s+", re.I), data)


def _names_after_verbs(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    """"..., kuru drīzumā uzsāks A, B un C": organisations right after the verb, every one
    with a head noun."""
    text = doc.text
    for m in cuescan.find(_verbs_before_names(), text):
        _, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        items = _enumerated(text, m.end(), s_end, lang, "partner", "")
        if items and all(span.has_head or get_gazetteer().city(text[span.start : span.end])
                         for span, _ in items):
            yield from share_head(text, items, lang)


def _copula_subjects(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in cuescan.find(_copula_subject_cue(), text):
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        span = scan_backward(text, m.start(), s_start, lang)
        if span is None or text[span.end : m.start()].strip() or not (
                span.has_head or _city_subject(text[span.start : span.end])):
            continue  # the names stand right before the copula ("X, no Krievijas ir" is not)
        role = "lead" if _lead_before().search(text, m.start(), m.end() - 1) or \
            role_in(m.group()) == "lead" else "partner"
        items = _backward_items(text, span, s_start, lang)
        for mention in share_head(text, items, lang):
            mention.role = role
            yield mention


def _copula_lists(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in cuescan.find(_copula_cue(), text):
        s_start, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        role = "lead" if _lead_before().search(text, max(0, m.start() - 40), m.start()) \
            else "partner"
        country = ""
        for word in m.group("gap").split():
            country = country or country_in(word)
        yield from _listed(text, m.end(), s_end, lang, role,
                           country or _clause_country(text, s_start, m.start()), whole=True)


@cache
def _from_words() -> re.Pattern[str]:
    words = langdata.load("organizations.json")["partner_nouns"]["from"]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(words) + r")\s+(\w+(?:\s\w+)?)",
                      re.I)


def _clause_country(text: str, s_start: int, cue_start: int) -> str:
    """The country of "no Krievijas ir četri partneri:", "from Russia the partners are": a
    country after 'no'/'from'/'из' in the clause before a list cue."""
    clause_start = max(s_start, *(text.rfind(c, s_start, cue_start) + 1 for c in ",;"))
    for m in _from_words().finditer(text, clause_start, cue_start):
        for surface in (m.group(1), m.group(1).split()[0]):
            code = country_in(surface)
            if code:
                return code
    return ""


MAX_BACKWARD_ITEMS = 12


def _backward_items(text: str, span: OrgSpan, floor: int,
                    lang: str) -> list[tuple[OrgSpan, Mention | None]]:
    """The names listed before `span` and with it ("A, B un C īsteno", "Нарва и Ивангород
    реализуют"), in text order, while a list separator stands between them."""
    role = "partner"
    out = [(span, _mention(text, span, role))]
    sep = list_separator(lang)
    while len(out) < MAX_BACKWARD_ITEMS:
        first = out[0][0]
        before = text[floor : first.start]
        if not _ends_with_separator(before, lang):
            break
        cut = max((m.start() for m in sep.finditer(before) if m.end() == len(before)),
                  default=len(before.rstrip()))
        prev = scan_backward(text, floor + cut, floor, lang)
        if prev is None or prev.end > first.start:
            break
        out.insert(0, (prev, _mention(text, prev, role)))
    return out


def _proper(text: str, span: OrgSpan, s_start: int, lang: str) -> bool:
    """The span names one organisation, not a kind of one: its capital letters are not only
    the sentence's first ("Sadraudzības pilsētu pārstāvji" are twin towns' representatives),
    or its first word is a place or a nationality ("Gulbenes novada pašvaldība")."""
    if text[s_start : span.start].strip(" \t\n\"„“«”'") or len(span.words) < 2:
        return True
    toks = tokens(text, span.start, span.end)
    if any(t.cap for t in toks[1:]) or any(t.quoted for t in toks):
        return True
    first = toks[0].text
    gaz = get_gazetteer()
    return bool(gaz.city(first) or gaz.country(first) or country_of_words(first)
                or city_of_adjective(first, lang))


def _city_subject(surface: str) -> bool:
    """A city that can be the subject of a verb: known, and not in a case that only an object
    or a place takes ("Rīgā piedalās ..." is where, not who)."""
    if not get_gazetteer().city(surface):
        return False
    cases = get_gazetteer().city_cases(surface)
    return not cases or "nom" in cases


def _ends_with_separator(before: str, lang: str) -> bool:
    """The text before a name ends with a list separator ("A, B un ")."""
    tail = before.rstrip()
    if tail.endswith((",", ";")):
        return True
    enum = langdata.load("organizations.json")["enumeration"].get(lang, [])
    return any(re.search(r"(?<!\w)" + re.escape(e) + "$", tail, re.I) for e in enum)


def _cities(text: str, pos: int, limit: int, lang: str) -> list[tuple[int, int, str, str]]:
    """Cities listed from `pos` ("Lubļinas (Polija), Lincas (Austrija) un Tartu (Igaunija)"):
    (start, end, nominative, country in the bracket after it)."""
    gaz = get_gazetteer()
    sep = list_separator(lang)
    out: list[tuple[int, int, str, str]] = []
    while pos < limit:
        toks = tokens(text, pos, limit)[:3]
        if not toks or text[pos : toks[0].start].strip():
            break
        found = None
        for n in range(len(toks), 0, -1):
            surface = text[toks[0].start : toks[n - 1].end]
            if "\n" in surface or not surface[:1].isupper() or gaz.country(surface):
                continue
            nom = gaz.city_nominative(surface)
            if nom:
                found = (toks[0].start, toks[n - 1].end, nom)
                break
        if not found:
            break
        start, end, nom = found
        _, country, after = _bracket_after(text, end, limit)
        out.append((start, end, nom, country))
        m = sep.match(text, after, limit)
        if not m or m.end() == after:
            break
        pos = m.end()
        skip = _bare_head(text, pos, limit, sep)
        if skip:  # "Даугавпилс и край, а также Резекне": the town's own county, no name
            pos = skip
    return out


_WORD = re.compile(r"\w+")


def _bare_head(text: str, pos: int, limit: int, sep: re.Pattern[str]) -> int:
    """End of the separator after a lone lower-case head noun at `pos` ("край, "), else 0."""
    m = _WORD.match(text, pos, limit)
    if not m or not m.group().islower() or not head_at([m.group()], 0):
        return 0
    after = sep.match(text, m.end(), limit)
    return after.end() if after and after.end() > m.end() else 0


@cache
def _partner_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in
                     langdata.load("organizations.json")["partner_nouns"]["nouns"])


def _people_after(text: str, pos: int, limit: int) -> bool:
    """"вместе с другими мэрами": the cue is followed by people, not by organisations, so the
    one before it acts as a person too ("председатель думы ... вместе с мэрами")."""
    words = [t.text for t in tokens(text, pos, min(limit, pos + 40))[:2]]
    for word in words:
        if not word.islower() or word in _partner_words():
            return False
        if ru_people(word):
            return True
    return False


_BETWEEN_WORDS = ["starp", "between"]
_BETWEEN = cuescan.register(
    re.compile(r"(?<![\w-])(?:" + "|".join(_BETWEEN_WORDS) + r")\s+", re.I), _BETWEEN_WORDS)
_SIGNED = re.compile(r"(?<!\w)(?:(?:tika|tiek|ir|tiks)\s+(?:parakstīt|noslēgt)\w*\s+(?:\w+\s+)?"
                     r"līgum|(?:agreement|contract)\s+(?:was|has been|were)\s+signed)", re.I)
_RELATIVE_NOUNS = ["partneri", "partners", "партнеры", "партнёры"]
_RELATIVE_COLON = cuescan.register(re.compile(
    r"(?<!\w)(?P<noun>" + "|".join(_RELATIVE_NOUNS) + r")\s*,\s*(?:kas|kuri|which|who|that|"
    r"которые)(?!\w)[^:.\n]{1,100}:", re.I), _RELATIVE_NOUNS)


def _prose_mentions(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    cs = cues()
    for m in cuescan.find(cs.coop, text):
        s_start, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        subject = None if _no_subject(m.group()) else _mention(
            text, _subject(text, m.start(), s_start, lang), "partner")
        if subject and not (lang == "ru" and _people_after(text, m.end(), s_end)):
            yield subject  # "signed between A and B" has no partner before it
        start, country = _after_partner_words(text, m.end(), s_end)
        listed = _listed(text, start, s_end, lang, country=country)
        colon = text.find(":", m.end(), min(s_end, m.end() + MAX_COLON_GAP))
        if not listed and colon > 0:  # "вместе с партнёрами из Литвы: A и B"
            listed = _listed(text, colon + 1, s_end, lang)
        yield from listed
    for m in cuescan.find(_BETWEEN, text):  # "starp A un B tika parakstīts partnerības līgums"
        s_start, s_end = ctx.sentence(m.start())
        if _SIGNED.search(text, s_start, s_end):
            yield from _listed(text, m.end(), s_end, get_lang(doc.lang_at(m.start())))
    for m in cuescan.find(_RELATIVE_COLON, text):  # "asociētie partneri, kas palīdzēs ...: A un B"
        s_start, s_end = ctx.sentence(m.start())
        role = role_in(text[max(s_start, m.start() - 30) : m.start("noun") + 12]) or "partner"
        yield from _listed(text, m.end(), s_end, get_lang(doc.lang_at(m.start())), role,
                           whole=True)
    for m in cs.role_bracket.finditer(text):
        role = role_in(m.group(1)) or role_code(m.group(1))
        if not role:
            continue
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        found = _mention(text, scan_backward(text, m.start(), s_start, lang), role)
        if found:
            yield found
    for role, cue in cs.apposition:
        for m in cuescan.find(cue, text):
            _, s_end = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            gap = re.match(r"[\s,:–—-]*", text[m.end() : s_end])  # "The lead partner, X"
            span = scan_forward(text, m.end() + (gap.end() if gap else 0), s_end, lang)
            if span is None and role == "payer":  # "средства самоуправления": the page's own
                own = own_payer(doc, ctx, m.end(), s_end, lang)
                if own:
                    yield own
                continue
            found = _mention(text, span, role) if span and span.has_head else None
            if span and not found and not span.has_head:  # "initiated by Linnalabor (EE)"
                _, code, _ = _bracket_after(text, max(span.end, span.country_end), s_end)
                if code and all(w[:1].isupper() for w in span.words):
                    found = Mention(span.start, span.end, " ".join(span.words), role, code)
            if found and role == "payer":  # "собственный вклад Лудзенской краевой думы"
                if org_type(found.name, lang) != "municipality":
                    continue  # a ministry or a fund paying is a funder
                found.role = "partner"
            if found and span:
                bracket_role, country, _ = _bracket_after(text, max(span.end, span.country_end),
                                                          s_end)
                found.country = found.country or country
                found.role = bracket_role or found.role
                yield found
    for role, cue in cs.lists:
        for m in cuescan.find(cue, text):
            s_start, s_end = ctx.sentence(m.start())
            yield from _listed(text, m.end(), s_end, get_lang(doc.lang_at(m.start())), role,
                               _clause_country(text, s_start, m.start()), whole=True)
    yield from _copula_lists(doc, ctx)
    yield from _names_after_verbs(doc, ctx)
    yield from _copula_subjects(doc, ctx)
    for role, cue in cs.subject:
        for m in cuescan.find(cue, text):
            s_start, _ = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            cut = _before_comma(text, s_start, m.start())  # "X, kā vadošais partneris,"
            span = scan_backward(text, cut, s_start, lang)
            if span and (cut < m.start() and not span.has_head or not _proper(
                    text, span, s_start, lang)):
                span = None
            if span and lang == "lv" and span.has_head and span.words[-1].endswith("u") and \
                    m.group().casefold().startswith("pārstāv") and \
                    not _ends_with_separator(text[s_start : span.start], lang):
                span = None  # "Latgales pašvaldību pārstāvji": a region's municipalities
            found = _mention(text, span, role)
            if found and span and _ends_with_separator(text[s_start : span.start], lang):
                yield from share_head(text, _backward_items(text, span, s_start, lang), lang)
            elif found:
                after = tokens(text, m.end(), min(len(text), m.end() + 40))[:3]
                for n in (3, 2, 1):
                    code = get_gazetteer().country(" ".join(t.text for t in after[:n]))
                    if len(after) >= n and code:  # "X is the partner from Russia"
                        found.country = found.country or code
                        break
                yield found
    for m in cuescan.find(_titled_role(), text):  # "X kā projekta „Title” vadošais partneris"
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        span = scan_backward(text, m.start(), s_start, lang)
        found = _mention(text, span, role_in(m.group("role")) or "partner")
        if found and span and span.has_head:
            yield found
    for role, cue in cs.verbs:
        for m in cuescan.find(cue, text):
            s_start, _ = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            span = scan_backward(text, m.start(), s_start, lang)
            found = _mention(text, span, role) if span else None
            if not found or not span or not (span.has_head or _city_subject(
                    text[span.start : span.end])):
                continue
            before = text[s_start : found.start]
            if lang == "ru" and (not ru_can_be_subject(span.words) or ru_after_preposition(before)):
                continue  # "в Резекненском крае получат", "из Резекне получили": a place
            if any(c.end() == len(before) for c in cs.coop.finditer(before)):
                continue  # "вместе с X реализует": X is the cue's object, not the subject
            if not _ends_with_separator(before, lang):
                yield found
            elif not cs.coop.search(text, s_start, span.start):  # "A, B un C īsteno projektu"
                yield from share_head(text, _backward_items(text, span, s_start, lang), lang)
    for m in cuescan.find(cs.country, text):
        _, s_end = ctx.sentence(m.start())
        colon = text.find(":", m.end(), min(s_end, m.end() + MAX_COLON_GAP))
        if colon > 0:  # "guests from seven countries: Heraklion (Greece), Gerace (Italy)"
            yield from _bracketed_countries(text, colon + 1, s_end,
                                            get_lang(doc.lang_at(m.start())), "partner")
    for m in cuescan.find(cs.city, text):
        _, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        pieces = _bracketed_countries(text, m.end(), s_end, lang, "partner")
        if pieces:
            yield from pieces
            continue
        cities = _cities(text, m.end(), s_end, lang)
        if len(cities) >= 2:
            for start, end, nom, country in cities:
                yield Mention(start, end, nom, "partner", country)
    yield from owner_mentions(doc, ctx)


def from_prose(doc: Document, ctx: ExtractContext) -> Iterator[Fact]:
    """Prose mentions outside partner lists; overlapping mentions of one name are one partner
    with the most specific role."""
    skip = partner_section_spans(ctx)
    kept: list[Mention] = []
    for mention in _prose_mentions(doc, ctx):
        if any(a <= mention.start < b for a, b in skip):
            continue
        twin = next((k for k in kept if k.start < mention.end and mention.start < k.end), None)
        if twin is None:
            kept.append(mention)
            continue
        if ROLE_RANK[mention.role] > ROLE_RANK[twin.role]:
            twin.role = mention.role
        twin.country = twin.country or mention.country
        if mention.start < twin.start and twin.end == mention.end:
            # "Liepaja Music, Art and Design School (PP5)": the bracket's reader took the
            # name from its last head on, the list's reader took all of it
            twin.start, twin.name = mention.start, mention.name
    for k in sorted(kept, key=lambda k: k.start):
        yield partner(doc, ctx, k.start, k.end, k.name, k.role, k.country, source="prose")
