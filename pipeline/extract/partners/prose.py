"""Partners named in running text: cooperation cues, role words, copulas, subject verbs,
enumerations and their name grammar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext
from pipeline.extract.partners.common import (
    MAX_COLON_GAP,
    MAX_PIECE_WORDS,
    ROLE_RANK,
    Mention,
    country_in,
    cue_starts,
    cues,
    get_lang,
    has_head,
    partner,
    role_code,
    role_in,
)
from pipeline.extract.partners.lists import (
    partner_section_spans,
)
from pipeline.extract.partners.owner import owner_mentions
from pipeline.extract.partners.shared import (
    share_head,
)
from pipeline.gazetteer import get_gazetteer
from pipeline.langdata import finditer_at
from pipeline.model import Document, Fact
from pipeline.orgnames import (
    OrgSpan,
    Token,
    head_at,
    lv_genitive_head,
    lv_locative_head,
    nominative,
    org_type,
    ru_adverb,
    ru_after_preposition,
    ru_can_be_subject,
    ru_genitive,
    ru_people,
    ru_verb,
    scan_backward,
    scan_forward,
    tokens,
)
from pipeline.places import city_of_adjective, country_of_words

# -- prose ---------------------------------------------------------------------------------


def _name_of(text: str, span: OrgSpan) -> str | None:
    """The nominative name of a span; a lone place is named by its city (nominative), a
    lone country or an unknown single word is not an organisation."""
    surface = text[span.start : span.end]
    gaz = get_gazetteer()
    if span.has_head and len(span.words) == 1 and not span.words[0].isupper():
        return None  # "Biedrība", "The Municipality": a common noun, no name
    if not span.has_head:
        if gaz.country(surface):
            return None
        city = gaz.city_nominative(surface)
        if city:
            return city
        if len(span.words) < 2:
            return None
    return nominative(span.words, span.lang)


def _mention(text: str, span: OrgSpan | None, role: str, country: str = "") -> Mention | None:
    if span is None:
        return None
    name = _name_of(text, span)
    if not name:
        return None
    return Mention(span.start, span.end, name, role, span.country or country)


def _bracket_after(text: str, end: int, limit: int) -> tuple[str | None, str, int]:
    """A bracket right after a name: (role in it, country in it, end of the bracket)."""
    m = re.match(r"\s*\(([^()\n]{1,60})\)", text[end:limit])
    if not m:
        return None, "", end
    inner = m.group(1)
    return role_in(inner) or "", country_in(inner), end + m.end()


def _enumeration(text: str, pos: int, limit: int, lang: str,
                 default: str = "partner", country: str = "") -> Iterator[Mention]:
    """The names listed from `pos`: "A Lietuvā (vadošais partneris), B un C"; names that
    share the head of the last one ("Saldus, Durbes un Talsu novadu pašvaldības") each get
    it (see shared_heads)."""
    items = _enumerated(text, pos, limit, lang, default, country)
    yield from share_head(text, items, lang)


def _enumerated(text: str, pos: int, limit: int, lang: str, default: str,
                country: str) -> list[tuple[OrgSpan, Mention | None]]:
    out: list[tuple[OrgSpan, Mention | None]] = []
    sep = _separator(lang)
    while pos < limit:
        span = scan_forward(text, pos, limit, lang)
        if span is None:  # "..., un diviem partneriem no Krievijas – C un D": a new group
            lone = tokens(text, pos, min(limit, pos + 40))[:1]
            if lone and lone[0].text.islower() and head_at([lone[0].text], 0) and out:
                m = sep.match(text, lone[0].end, limit)  # "Даугавпилс и край, а также ..."
                if m and m.end() > lone[0].end:
                    pos = m.end()
                    continue
            after, group_country = _after_partner_words(text, pos, limit)
            if after == pos:  # "..., bet Baltkrievijā – C un D"
                g = _group_country_prefix().match(text, pos, limit)
                code = country_in(g.group("country")) if g else ""
                if not g or not code:
                    return out
                after, group_country = g.end(), code
            else:  # the new group has its own role: "..., partners: C, D"
                default = role_in(text[pos:after]) or "partner"
            pos, country = after, group_country or country
            continue
        joined = _joined_name(text, span, limit, lang)
        if joined is not None:  # "Sporta un tūrisma departaments": one name
            span = joined
        end = max(span.end, span.country_end)
        role, in_bracket, end = _bracket_after(text, end, limit)
        m = sep.match(text, end, limit)
        closed = bool(m and m.end() > end) or not text[end:limit].strip(" .!?:)")
        nxt = tokens(text, end, min(limit, end + 40))[:1]
        if lang == "lv" and span.has_head and lv_genitive_head(span.words[-1]) and nxt and \
                _gap_ok_line(text, end, nxt[0].start) and nxt[0].text.islower() and \
                not _is_conj(nxt[0].text, lang):
            closed = False  # "Raiņa ģimnāzijas stadions": the school only qualifies a noun
            span.has_head = False
        if not span.has_head and not closed and not _inflected(text[span.start : span.end]):
            # "kopā ar Daugavpils (un Rēzeknes) jauniešiem": the places only qualify a noun
            while out and not out[-1][0].has_head:
                out.pop()
            return out
        out.append((span, _mention(text, span, role or default, in_bracket or country)))
        if not m or m.end() == end:
            return out
        pos = m.end()
    return out


def _joined_name(text: str, span: OrgSpan, limit: int, lang: str) -> OrgSpan | None:
    """The span and the words after it when both are one name: "Utenas ģimenes un bērnu
    labklājības centrs" (a Latvian name not yet at its head: lower-case words and a
    conjunction up to the head), "Ministry of Environmental Protection and Regional
    Development" (an English "of" tail going on after "and", no head, no place)."""
    if span.country:
        return None
    after = tokens(text, span.end, limit)[: MAX_JOIN_WORDS + 1]
    if not after or not _gap_ok_line(text, span.end, after[0].start):
        return None
    open_name = lang == "lv" and (not span.has_head or not head_at(span.words,
                                                                  len(span.words) - 1))
    if open_name and after[0].text[:1].islower():
        run: list[Token] = []
        for tok in after:
            if not _gap_ok_line(text, run[-1].end if run else span.end, tok.start):
                return None
            if tok.text[:1].isupper() or tok.quoted:
                return None
            run.append(tok)
            words = [t.text for t in run]
            if head_at(words, len(words) - 1) and len(run) > 1:
                inner = words[:-1]
                conj = [w for w in inner if _is_conj(w, lang)]
                if conj and all(w in conj or w.endswith(_lv_genitive_endings())
                                for w in inner):
                    return OrgSpan(span.start, tok.end, [*span.words, *words], lang, True)
                return None
        return None
    if lang == "ru" and span.has_head and after[0].text in _name_prepositions(lang) and \
            len(after) > 1 and after[1].text.islower():
        run = []  # "комитетом по туризму", "по делам молодёжи"
        for tok in after[1:MAX_JOIN_WORDS]:
            if not _gap_ok_line(text, (run[-1] if run else after[0]).end, tok.start) or \
                    not tok.text.islower() or ru_verb(tok.text):
                break
            run.append(tok)
        for tok in tokens(text, run[-1].end, limit)[:MAX_JOIN_WORDS]:
            if not _gap_ok_line(text, run[-1].end, tok.start) or not ru_genitive(tok.text):
                break
            run.append(tok)  # "по туризму Псковской области"
        return OrgSpan(span.start, run[-1].end, [*span.words, after[0].text,
                                                 *(t.text for t in run)], lang, True)
    if lang == "ru" and span.has_head and span.words[-1].islower() and \
            ru_genitive(span.words[-1]) and _is_conj(after[0].text, lang) and len(after) > 1:
        run = []  # "Комитетом инвестиций и экономического развития Псковской области"
        if head_at([after[1].text], 0):
            return None  # "думы и самоуправления Тарту": a second organisation
        for tok in after[1:]:
            if not _gap_ok_line(text, (run[-1] if run else after[0]).end, tok.start) or \
                    tok.quoted:
                break
            if not ru_genitive(tok.text):
                if run and tok.cap and get_gazetteer().city(tok.text):
                    run.append(tok)  # "... экономики города Нарва"
                break
            run.append(tok)
        if run and run[0].text.islower():
            return OrgSpan(span.start, run[-1].end, [*span.words, after[0].text,
                                                     *(t.text for t in run)], lang, True)
        return None
    if lang == "en" and span.has_head and "of" in (w.casefold() for w in span.words) and \
            after[0].text.casefold() == "and" and len(after) > 1:
        nxt = scan_forward(text, after[1].start, limit, lang)
        if nxt and not nxt.has_head and not get_gazetteer().lookup(text[nxt.start : nxt.end]):
            return OrgSpan(span.start, nxt.end, [*span.words, "and", *nxt.words], lang, True,
                           nxt.country, nxt.country_end)
    return None


MAX_JOIN_WORDS = 4


@cache
def _name_prepositions(lang: str) -> frozenset[str]:
    """Prepositions inside names ("комитет по туризму")."""
    return frozenset(langdata.load("organizations.json")["name_prepositions"].get(lang, []))


@cache
def _lv_genitive_endings() -> tuple[str, ...]:
    return tuple(langdata.load("organizations.json")["lv_genitive_endings"]["endings"])


def _is_conj(word: str, lang: str) -> bool:
    return (word.casefold(),) in {tuple(p.split()) for p in
                                  langdata.load("organizations.json")["enumeration"][lang]}


def _gap_ok_line(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip() and "\n" not in text[a:b]


def _inflected(surface: str) -> bool:
    """A city form that can only be an object ("Kauņu", "Lincai"), never a genitive
    modifier or an uninflected name."""
    cases = get_gazetteer().city_cases(surface)
    return bool(cases) and not cases & {"nom", "gen"}


def _subject(text: str, cue_start: int, s_start: int, lang: str) -> OrgSpan | None:
    """The organisation right before a cue; in Russian a verb may stand between
    ("Даугавпилсская городская дума реализует в сотрудничестве с")."""
    pos = comma = _before_comma(text, s_start, cue_start)  # "X Region, together with"
    before = tokens(text, s_start, pos)
    for tok in reversed(before[-MAX_VERB_WORDS:]):  # "уезд давно сотрудничает с"
        word = tok.text
        if not word.islower() or not (
                ru_verb(word) or ru_adverb(word) if lang == "ru"
                else word in _verbs_before_cue().get(lang, ())):
            break
        pos = tok.start
    span = scan_backward(text, pos, s_start, lang)
    if span and not span.has_head and text[s_start : span.start].strip(" \"„“«”"):
        return None  # "Jaunieši no Daugavpils kopā ar ...": a place, not the subject
    if span and lang == "lv" and any(lv_locative_head(w) for w in span.words):
        return None  # "diskusija ... centrā “X” kopā ar ...": where, not who
    if span and comma < cue_start and not span.has_head:
        return None  # only an organisation stands apart from its cue
    return span


MAX_VERB_WORDS = 2


def _before_comma(text: str, floor: int, pos: int) -> int:
    """Where a name before ", <cue>" ends: the comma and spaces are skipped."""
    stripped = text[floor:pos].rstrip()
    if stripped.endswith(","):
        return floor + len(stripped) - 1
    return pos


@cache
def _verbs_before_cue() -> dict[str, frozenset[str]]:
    data = langdata.load("organizations.json")["verbs_before_cue"]
    return {lang: frozenset(ws) for lang, ws in data.items() if not lang.startswith("_")}


@cache
def _partner_prefix() -> re.Pattern[str]:
    """'(projekta) partneri(em) (no Lietuvas) –', 'its 10 project partners (', 'партнерами из
    Пскова (Россия) -': the words between a cooperation cue and the names."""
    data = langdata.load("organizations.json")["partner_nouns"]
    mods = langdata.alternation(data["modifiers"])
    return re.compile(
        r"(?:(?:" + mods + r"|\w[\w.-]*)\s+){0,4}"
        r"(?:" + langdata.alternation(data["nouns"]) + r")"
        r"(?:\s+(?:" + langdata.alternation(data["from"]) + r")\s+(?P<place>[^-–—:(\n]{2,40}?)"
        r"(?:\s*\((?P<bracket>[^()\n]{2,30})\))?)?"
        r"\s*(?:[-–—:]|(?P<open>\())\s*",
        re.I,
    )


def _after_partner_words(text: str, pos: int, limit: int) -> tuple[int, str]:
    """Where the names start after "partneri no Lietuvas –" (else `pos`), and the country the
    words give."""
    m = _partner_prefix().match(text, pos, limit)
    if not m:
        return pos, ""
    for part in (m.group("bracket"), m.group("place")):
        if part:
            city = get_gazetteer().city(part.strip())
            country = country_in(part.strip()) or (city.country if city else "")
            if country:
                return m.end(), country
    return m.end(), ""


_COUNTRY_BRACKET = re.compile(r"\(([^()\n]{2,30})\)")
_LEAD_CONJ = re.compile(
    r"(?:[,;]\s*)?(?:(?:" + langdata.alternation(
        [c for cs in langdata.load("organizations.json")["enumeration"].values() for c in cs]
    ) + r")\s+)?", re.I)


def _piece(text: str, start: int, end: int, lang: str, role: str,
           country: str) -> Mention | None:
    """A list piece taken whole ("St. Peter’s School of Tartu", "Andrihovas"): a name with
    its country, as long as it looks like one (a capital, a digit or a quote first)."""
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip())
    lead = _LEAD_CONJ.match(text, start, end)
    start = lead.end() if lead else start
    raw = text[start:end]
    stripped = raw.rstrip(" ,.;:–—-")
    end = start + len(stripped)
    stripped = stripped.strip()
    if not stripped or re.search(r"[\n()]", stripped) or len(stripped.split()) > MAX_PIECE_WORDS:
        return None
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "„“\"«"):
        return None
    start += len(raw) - len(raw.lstrip())
    words = [t.text for t in tokens(stripped, 0, len(stripped))]
    gaz = get_gazetteer()
    city = gaz.city_nominative(stripped, country or None)
    if city:
        name = city
    elif any(head_at(words, i) for i in range(len(words))) and lang in ("lv", "ru"):
        name = nominative(stripped.split(), lang)
    else:
        name = stripped
    return Mention(start, end, name, role, country)


def _bracketed_countries(text: str, pos: int, limit: int, lang: str,
                         role: str) -> list[Mention]:
    """"A (Estonia), B (Spain) and C (Latvia)": every name before a bracket that holds a
    country, taken whole. At least two such brackets, the first piece starting at `pos`."""
    found: list[Mention] = []
    prev = pos
    for m in _COUNTRY_BRACKET.finditer(text, pos, limit):
        code = country_in(m.group(1)) or (  # "Tyresö (Ziedrija)": a typo in the country
            get_gazetteer().fuzzy_country(m.group(1))) or ""
        piece = None
        if not code:  # "Lietuvas (Ukmerģes pašvaldība)": the country outside, the name in
            lead = _LEAD_CONJ.match(text, prev + len(text[prev:m.start()]) - len(
                text[prev:m.start()].lstrip()), m.start())
            outside = text[lead.end() if lead else prev : m.start()].strip()
            outer = country_in(outside) if outside else ""
            if not outer or not has_head(m.group(1), lang):
                continue
            piece = _piece(text, m.start(1), m.end(1), lang, role, outer)
            code = outer
        if not code:
            continue
        between = text[prev : m.start()]
        if found and not _LEAD_CONJ.match(between.lstrip()):
            break
        piece = piece or _piece(text, prev, m.start(), lang, role, code)
        if piece is None:
            break
        found.append(piece)
        prev = m.end()
        rest = text[prev:limit]
        after = _LEAD_CONJ.match(text, prev + len(rest) - len(rest.lstrip()), limit)
        if not after or after.end() == after.start():
            break  # the list ends: no comma or conjunction after the bracket
    return found if len(found) >= 2 else []


def _bracket_group(text: str, pos: int, limit: int, lang: str, role: str,
                   country: str) -> list[Mention]:
    """"partners (A, B, C un D, E)": the names inside the bracket that opens before `pos`."""
    close = text.find(")", pos, limit)
    if close < 0:
        return []
    out: list[Mention] = []
    start = pos
    for m in re.finditer(r"[,;]", text[pos:close] + ";"):
        end = pos + m.start()
        piece = _piece(text, start, end, lang, role, country)
        if piece:
            out.append(piece)
        start = end + 1
    return out if len(out) >= 2 else []


def _listed(text: str, pos: int, limit: int, lang: str, role: str = "partner",
            country: str = "", whole: bool = False) -> list[Mention]:
    """The names a cue introduces: a bracket group, a list of "Name (Country)" pieces, else
    names the grammar finds one by one; after an explicit list cue (`whole`) the
    comma-separated pieces of the rest of the sentence when they are more and all names."""
    if pos > 0 and text[pos - 1 : pos] == "(" or text[max(0, pos - 2) : pos].startswith("("):
        group = _bracket_group(text, pos, limit, lang, role, country)
        if group:
            return group
    pieces = _bracketed_countries(text, pos, limit, lang, role)
    if pieces:
        return pieces
    found = list(_enumeration(text, pos, limit, lang, role, country=country))
    if whole:
        commas = _comma_pieces(text, pos, limit, lang, role, country)
        if len(commas) > len(found):
            return commas
    return found


def _comma_pieces(text: str, pos: int, limit: int, lang: str, role: str,
                  country: str) -> list[Mention]:
    """"A, B, C and D." up to the sentence end, each piece a name (a head noun, a known
    place or capitalised words); a final "and" splits only between two named heads."""
    end = limit
    rest = text[pos:end].rstrip(" .;:")
    if not rest or "\n" in rest:
        return []
    parts: list[tuple[int, int]] = []
    start = pos
    for m in re.finditer(r"\s*[,;]\s*", rest):
        parts.append((start, pos + m.start()))
        start = pos + m.end()
    parts.append((start, pos + len(rest)))
    last_start, last_end = parts[-1]
    conj = list(_separator(lang).finditer(text, last_start, last_end))
    for c in conj[-1:]:
        if "," in c.group() or ";" in c.group():
            continue
        left, right = text[last_start : c.start()], text[c.end() : last_end]
        if has_head(left, lang) and has_head(right, lang):
            parts[-1:] = [(last_start, c.start()), (c.end(), last_end)]
    out: list[Mention] = []
    for a, b in parts:
        piece = _piece(text, a, b, lang, role, country)
        if piece is None:
            return []
        surface = text[piece.start : piece.end]
        words = surface.split()
        if not (has_head(surface, lang) or get_gazetteer().city(surface)
                or all(w[:1].isupper() for w in words) and len(words) <= MAX_CAP_NAME):
            return []
        out.append(piece)
    return out if len(out) >= 2 else []


MAX_CAP_NAME = 4


@cache
def _separator(lang: str) -> re.Pattern[str]:
    """A list separator: a comma or semicolon and/or a conjunction ("un", "and", "и")."""
    enum = langdata.load("organizations.json")["enumeration"].get(lang, [])
    conj = r"(?:" + langdata.alternation(enum) + r")\s+"
    return re.compile(r"\s*(?:[,;]\s*(?:" + conj + r")?|" + conj + r")", re.I)


@cache
def _copula_cue() -> re.Pattern[str]:
    """"(vadošais) partneris (projektā / Latvijā) ir A, B", "the lead partner of the project
    is A", "партнерами проекта являются A": a partner noun, up to four words, a copula."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(
        r"(?<!\w)(?=[" + langdata.first_chars(data["nouns"]) + r"])"
        r"(?:" + langdata.alternation(data["nouns"]) + r")"
        r"(?P<gap>(?:\s+[^\s.,;:!?()]+){0,4}?)\s+(?:" + langdata.alternation(data["copulas"])
        + r")\s+(?:[-–—:]\s*)?",
        re.I,
    )


@cache
def _lead_before() -> re.Pattern[str]:
    """A lead word in the two words before a partner noun ("vadošais partneris")."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?<!\w)(?:" + langdata.alternation(data["lead"]) + r")\s+(?:\w+\s+)?$",
                      re.I)


@cache
def _group_country_prefix() -> re.Pattern[str]:
    """"bet Baltkrievijā – C, D": a new group of names with its country inside a list."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?:(?:" + langdata.alternation(data["but"]) + r")\s+)?"
                      r"(?P<country>[^\W\d_][\w-]*(?:\s[^\W\d_][\w-]*)?)\s*[-–—:]\s*", re.I)


@cache
def _copula_subject_cue() -> re.Pattern[str]:
    """"X ir (Siguldas novada pašvaldības) partneris", "X is a partner", "X является
    партнером": a copula, up to four words, a partner noun; the names stand before it."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(
        r"(?<!\w)(?:" + langdata.alternation(data["copulas"]) + r")"
        r"(?P<gap>(?:\s+[^\s.,;:!?()]+){0,4}?)\s+(?:" + langdata.alternation(data["nouns"])
        + r")(?!\w)", re.I)


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
    return re.compile(
        r"(?<!\w)(?:" + langdata.alternation(titled["as"]) + r")\s+(?:"
        + langdata.alternation(titled["project"]) + r")\s+[„“\"«][^„“”\"«»\n]{1,150}[”“\"»]\s+"
        r"(?P<role>" + langdata.alternation(roles) + r")(?!\w)", re.I)


@cache
def _verbs_before_names() -> re.Pattern[str]:
    data = langdata.load("organizations.json")["verbs_before_names"]["partner"]
    return re.compile(r"(?<!\w)(?=[" + langdata.first_chars(data) + r"])(?:"
                      + langdata.alternation(data) + r")\s+", re.I)


def _names_after_verbs(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    """"..., kuru drīzumā uzsāks A, B un C": organisations right after the verb, every one
    with a head noun."""
    text = doc.text
    for m in _verbs_before_names().finditer(text):
        _, s_end = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        items = _enumerated(text, m.end(), s_end, lang, "partner", "")
        if items and all(span.has_head or get_gazetteer().city(text[span.start : span.end])
                         for span, _ in items):
            yield from share_head(text, items, lang)


def _copula_subjects(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    for m in _copula_subject_cue().finditer(text):
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
    for m in _copula_cue().finditer(text):
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
    sep = _separator(lang)
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
    sep = _separator(lang)
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


def _prose_mentions(doc: Document, ctx: ExtractContext) -> Iterator[Mention]:
    text = doc.text
    cs = cues()
    starts = cue_starts(doc, ctx)
    for m in finditer_at(cs.coop, text, starts):
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
        for m in finditer_at(cue, text, starts):
            _, s_end = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            gap = re.match(r"[\s,:–—-]*", text[m.end() : s_end])  # "The lead partner, X"
            span = scan_forward(text, m.end() + (gap.end() if gap else 0), s_end, lang)
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
        for m in finditer_at(cue, text, starts):
            s_start, s_end = ctx.sentence(m.start())
            yield from _listed(text, m.end(), s_end, get_lang(doc.lang_at(m.start())), role,
                               _clause_country(text, s_start, m.start()), whole=True)
    yield from _copula_lists(doc, ctx)
    yield from _names_after_verbs(doc, ctx)
    yield from _copula_subjects(doc, ctx)
    for role, cue in cs.subject:
        for m in finditer_at(cue, text, starts):
            s_start, _ = ctx.sentence(m.start())
            lang = get_lang(doc.lang_at(m.start()))
            cut = _before_comma(text, s_start, m.start())  # "X, kā vadošais partneris,"
            span = scan_backward(text, cut, s_start, lang)
            if span and (cut < m.start() and not span.has_head or not _proper(
                    text, span, s_start, lang)):
                span = None
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
    for m in _titled_role().finditer(text):  # "X kā projekta „Title” vadošais partneris"
        s_start, _ = ctx.sentence(m.start())
        lang = get_lang(doc.lang_at(m.start()))
        span = scan_backward(text, m.start(), s_start, lang)
        found = _mention(text, span, role_in(m.group("role")) or "partner")
        if found and span and span.has_head:
            yield found
    for role, cue in cs.verbs:
        for m in finditer_at(cue, text, starts):
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
    for m in finditer_at(cs.country, text, starts):
        _, s_end = ctx.sentence(m.start())
        colon = text.find(":", m.end(), min(s_end, m.end() + MAX_COLON_GAP))
        if colon > 0:  # "guests from seven countries: Heraklion (Greece), Gerace (Italy)"
            yield from _bracketed_countries(text, colon + 1, s_end,
                                            get_lang(doc.lang_at(m.start())), "partner")
    for m in finditer_at(cs.city, text, starts):
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
    for k in sorted(kept, key=lambda k: k.start):
        yield partner(doc, ctx, k.start, k.end, k.name, k.role, k.country, source="prose")
