"""Building partner mentions in running text: a span's name in the nominative, the subject
before a cue, lists and enumerations after it, bracketed countries and roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline import langdata
from pipeline.extract.partners.common import (
    MAX_PIECE_WORDS,
    Mention,
    country_in,
    has_head,
    role_in,
)
from pipeline.extract.partners.shared import (
    share_head,
)
from pipeline.gazetteer import get_gazetteer
from pipeline.orgnames import (
    OrgSpan,
    Token,
    head_at,
    lv_genitive_head,
    lv_locative_head,
    nominative,
    ru_adverb,
    ru_genitive,
    ru_verb,
    scan_backward,
    scan_forward,
    tokens,
)

# -- mentions -------------------------------------------------------------------------------


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


@cache
def _lv_auxiliaries() -> frozenset[str]:
    """Latvian auxiliaries after a name ("... universitātes tika", "... skolas ir"): the name is
    the subject's genitive complement, not a qualifier of a noun."""
    return frozenset(langdata.load("organizations.json")["item_verbs"]["lv"])


@cache
def _possessives(lang: str) -> frozenset[str]:
    return frozenset(langdata.load("organizations.json")["enumeration_possessives"].get(lang, []))


@cache
def _item_verbs(lang: str) -> frozenset[str]:
    """Auxiliaries right after a name: the name is a subject or a list's last item, it
    qualifies no noun ("... un Lietuvas “X” tika parakstīts")."""
    return frozenset(langdata.load("organizations.json")["item_verbs"].get(lang, []))


def _bracket_after(text: str, end: int, limit: int) -> tuple[str | None, str, int]:
    """A bracket right after a name: (role in it, country in it, end of the bracket)."""
    m = re.match(r"\s*\(([^()\n]{1,60})\)", text[end:limit])
    if not m:
        return None, "", end
    inner = m.group(1)
    return role_in(inner) or "", country_in(inner), end + m.end()


def enumeration(text: str, pos: int, limit: int, lang: str,
                 default: str = "partner", country: str = "") -> Iterator[Mention]:
    """The names listed from `pos`: "A Lietuvā (vadošais partneris), B un C"; names that
    share the head of the last one ("Saldus, Durbes un Talsu novadu pašvaldības") each get
    it (see shared_heads)."""
    items = _enumerated(text, pos, limit, lang, default, country)
    if lang == "en":
        items = _coordinated_modifiers(text, items)
    yield from share_head(text, items, lang)


MAX_MODIFIER_WORDS = 2


def _coordinated_modifiers(text: str, items: list[tuple[OrgSpan, Mention | None]]
                           ) -> list[tuple[OrgSpan, Mention | None]]:
    """English names whose modifiers are coordinated before one head ("X Music, Art and Design
    School"): a name that ends in a capitalised modifier, one or more pieces of one or two
    capitalised words without a head or a place ("Art"), and a name with a head after "and"
    are one name."""
    gaz = get_gazetteer()
    out = list(items)
    i = 0
    while i + 2 < len(out):
        first, _ = out[i]
        j = i + 1
        while j < len(out) and _bare_modifier(text, out[j][0]):
            j += 1
        last, mention = out[j] if j < len(out) else (None, None)
        if j == i + 1 or last is None or mention is None or not last.has_head or not \
                first.has_head or head_at(first.words, len(first.words) - 1) or \
                not first.words[-1][:1].isupper() or gaz.lookup(first.words[-1]) or \
                not re.fullmatch(r"\s+and\s+", text[out[j - 1][0].end : last.start]):
            i += 1
            continue
        words = [w for span, _ in out[i : j + 1] for w in span.words]
        name = text[first.start : last.end]
        merged = OrgSpan(first.start, last.end, words, first.lang, True, last.country,
                         last.country_end)
        role = out[i][1].role if out[i][1] else mention.role
        out[i : j + 1] = [(merged, Mention(first.start, last.end, name, role,
                                           mention.country))]
        i += 1
    return out


def _bare_modifier(text: str, span: OrgSpan) -> bool:
    """A list piece of one or two capitalised words with no head and no place ("Art")."""
    return not span.has_head and len(span.words) <= MAX_MODIFIER_WORDS and all(
        w[:1].isupper() for w in span.words) and not get_gazetteer().lookup(
        text[span.start : span.end])


def _enumerated(text: str, pos: int, limit: int, lang: str, default: str,
                country: str) -> list[tuple[OrgSpan, Mention | None]]:
    out: list[tuple[OrgSpan, Mention | None]] = []
    sep = list_separator(lang)
    while pos < limit:
        span = scan_forward(text, pos, limit, lang)
        if span is None and out:  # "A and its Friends' Society and B": the list goes on
            own = tokens(text, pos, min(limit, pos + 40))[:2]
            if len(own) == 2 and own[1].cap and own[0].text.casefold() in _possessives(lang):
                span = scan_forward(text, own[1].start, limit, lang)
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
                not _is_conj(nxt[0].text, lang) and nxt[0].text not in _lv_auxiliaries():
            closed = False  # "Raiņa ģimnāzijas stadions": the school only qualifies a noun
            span.has_head = False
        if not closed and nxt and nxt[0].text in _item_verbs(lang):
            closed = True  # "starp A un Lietuvas “X” tika parakstīts": the verb ends the list
        if not span.has_head and not closed and not _inflected(text[span.start : span.end]):
            # "kopā ar Daugavpils (un Rēzeknes) jauniešiem": the places only qualify a noun
            while out and (not out[-1][0].has_head or lang == "lv" and lv_genitive_head(
                    out[-1][0].words[-1])):  # "Aglonas vidusskolas un ... ģimnāzijas jauniešiem"
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
    # "Utenas rajona sporta un veselības centrs": a name at a genitive head (a place's
    # district) goes on with coordinated genitives up to its own head
    qualified = lang == "lv" and span.has_head and lv_genitive_head(span.words[-1])
    if (open_name or qualified) and after[0].text[:1].islower():
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
                                for w in inner) and (open_name or not _is_conj(
                                    inner[0], lang) and not any(
                                    head_at(inner, i) for i in range(len(inner)))):
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
    found = list(enumeration(text, pos, limit, lang, role, country=country))
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
    conj = list(list_separator(lang).finditer(text, last_start, last_end))
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
def list_separator(lang: str) -> re.Pattern[str]:
    """A list separator: a comma or semicolon and/or a conjunction ("un", "and", "и")."""
    enum = langdata.load("organizations.json")["enumeration"].get(lang, [])
    conj = r"(?:" + langdata.alternation(enum) + r")\s+"
    return re.compile(r"\s*(?:[,;]\s*(?:" + conj + r")?|" + conj + r")", re.I)


@cache
def _group_country_prefix() -> re.Pattern[str]:
    """"bet Baltkrievijā – C, D": a new group of names with its country inside a list."""
    data = langdata.load("organizations.json")["partner_nouns"]
    return re.compile(r"(?:(?:" + langdata.alternation(data["but"]) + r")\s+)?"
                      r"(?P<country>[^\W\d_][\w-]*(?:\s[^\W\d_][\w-]*)?)\s*[-–—:]\s*", re.I)
