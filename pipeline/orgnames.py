"""Organisation names in running text: where a name begins and ends, its nominative, its type.

Prose names organisations inside sentences ("kopā ar Panevēžas pilsētas pašvaldību Lietuvā",
"in cooperation with Panevezys city municipality in Lithuania", "в сотрудничестве с
Администрацией города Пскова"). A name is a run of words that may stand in a name: capitalised
words and quoted names, organisation head nouns in any case form, and the language's lower-case
name words (Latvian genitive modifiers, English attributive words and "of"/"the"; in Russian the
adjectives and nouns the morphological analyser knows). The run stops at punctuation, a verb, a
preposition or a conjunction. A country written right after the name ("Lietuvā") is not part
of it but gives the partner's country.

All word lists live in `resources/organizations.json`; Russian inflection uses pymorphy3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from pipeline import langdata
from pipeline.gazetteer import get_gazetteer

TOKEN = re.compile(
    r"[„“\"«][^„“”\"«»\n]{1,60}[„“\"«][^„“”\"«»\n]{1,60}[”“\"»]{2}"  # nested: “A “B””
    r"|[„“\"«][^„“”\"«»\n]{1,60}[”“\"»]"  # a quoted name is one token
    r"|\w[\w'’&+]*(?:[.\-]\w[\w'’&+]*)*"
)
MAX_NAME_TOKENS = 12
MAX_HEAD_WORDS = 3


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def quoted(self) -> bool:
        return not self.text[0].isalnum()

    @property
    def cap(self) -> bool:
        """Capitalised word, acronym or quoted name."""
        return self.quoted or self.text[0].isupper()


@dataclass
class OrgSpan:
    """An organisation name found in the text: [start, end) and its words as written."""

    start: int
    end: int
    words: list[str]
    lang: str
    has_head: bool
    country: str = ""  # a country written right after the name
    country_end: int = 0  # end of that country mention
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    heads: dict[tuple[str, ...], tuple[str, str]]  # lower-case words -> (nominative, type)
    name_words: dict[str, frozenset[str]]
    connectors: dict[str, frozenset[str]]
    foreign_connectors: frozenset[str]
    function_words: dict[str, frozenset[str]]
    enumeration: dict[str, tuple[tuple[str, ...], ...]]
    location_preps: dict[str, frozenset[str]]
    abbreviations: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = langdata.load("organizations.json")
    heads: dict[tuple[str, ...], tuple[str, str]] = {}
    for org_type, langs in data["types"].items():
        for nouns in langs.values():
            for nominative, forms in nouns.items():
                for form in [nominative, *forms]:
                    heads.setdefault(tuple(form.casefold().split()), (nominative, org_type))
    nw = data["name_words"]
    return Lexicon(
        heads=heads,
        name_words={lang: frozenset(w.casefold() for w in nw.get(lang, [])) for lang in
                    ("lv", "en", "ru")},
        connectors={lang: frozenset(ws) for lang, ws in nw["connectors"].items()},
        foreign_connectors=frozenset(nw["foreign_connectors"]),
        function_words={lang: frozenset(ws) for lang, ws in nw["function_words"].items()},
        enumeration={lang: tuple(tuple(p.split()) for p in ps)
                     for lang, ps in data["enumeration"].items()},
        location_preps={lang: frozenset(ps) for lang, ps in data["location_prepositions"].items()},
        abbreviations=frozenset(nw["abbreviations"]),
    )


# -- Russian morphology ---------------------------------------------------------------------


@cache
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1 << 16)
def _parse(word: str) -> tuple:  # type: ignore[type-arg]
    """The analyser's readings of a word, kept: names and their words recur across documents."""
    return tuple(_morph().parse(word))


NAME_POS_RU = {"ADJF", "PRTF", "NOUN", "NUMR"}


@cache
def _ru_name_word(word: str) -> bool:
    """A lower-case Russian word that can stand inside a name: its likeliest reading is an
    adjective, participle or noun (not a verb, preposition, conjunction or adverb)."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS in NAME_POS_RU and "Apro" not in parses[0].tag


@cache
def _ru_function_word(word: str) -> bool:
    """A preposition, conjunction, particle, pronoun or adverb ("В", "И", "который")."""
    parses = _morph().parse(word.casefold())
    return bool(parses) and (parses[0].tag.POS in {"PREP", "CONJ", "PRCL", "NPRO", "ADVB"}
                             or "Apro" in parses[0].tag)


@cache
def _ru_common_noun(word: str) -> bool:
    """A capitalised Russian common noun that starts a sentence, not a name ("Председатель",
    "Глава"): no place, person or organisation reading."""
    parses = _morph().parse(word.casefold())
    if not parses or parses[0].tag.POS != "NOUN":
        return False
    grams = set(parses[0].tag.grammemes)
    if any(p.tag.POS == "ADJF" for p in parses):
        return False  # "Выруской": an unknown place adjective guessed as a noun
    return not grams & {"Geox", "Name", "Surn", "Patr", "Orgn", "Abbr", "Fixd"}


@cache
def _ru_governing_noun(word: str) -> bool:
    """A lower-case Russian noun that a genitive place may follow ("жители", "мэра"); not
    one in the locative or dative ("в этом году Ливаны")."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case in (
        "nomn", "gent", "accs", "ablt")


@cache
def _ru_first_name(word: str) -> bool:
    """A Russian first name in its likeliest reading ("Жанна", "Ивана")."""
    parses = _morph().parse(word)
    return bool(parses) and "Name" in parses[0].tag.grammemes


@cache
def _ru_person_word(word: str) -> bool:
    """A Russian first name, surname or patronymic ("Жанна", "Кулакова")."""
    parses = _morph().parse(word)
    return bool(parses) and bool({"Name", "Surn", "Patr"} & set(parses[0].tag.grammemes))


@cache
def ru_genitive(word: str) -> bool:
    """A Russian noun or adjective whose likeliest reading is in the genitive ("развития",
    "экономического", "Псковской")."""
    parses = [p for p in _morph().parse(word.casefold())[:3] if p.tag.POS in {"NOUN", "ADJF"}]
    return any(p.tag.case == "gent" for p in parses)


@cache
def ru_adverb(word: str) -> bool:
    """A Russian adverb ("давно", "успешно") that may stand before a verb."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS == "ADVB"


def ru_after_preposition(before: str) -> bool:
    """The text before a Russian name ends with a preposition ("из Резекне", "в Лудзе")."""
    words = before.split()
    return bool(words) and _ru_preposition(words[-1].casefold())


@cache
def _ru_preposition(word: str) -> bool:
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS == "PREP"


def ru_can_be_subject(words: list[str]) -> bool:
    """The first head noun of a Russian name (else its last word) has a nominative reading:
    "Резекненская краевая дума" can act, "Резекненском крае" cannot."""
    at = next((i for i in range(len(words)) if head_at(words, i)), None)
    word = words[at + head_at(words, at)[0] - 1] if at is not None else words[-1]  # type: ignore[index]
    parses = [p for p in _morph().parse(word.casefold()) if p.tag.POS == "NOUN"]
    return not parses or any(p.tag.case == "nomn" or "Fixd" in p.tag for p in parses)


@cache
def ru_people(word: str) -> bool:
    """A Russian plural noun for people ("мэрами", "жителями", "детьми")."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and {"anim", "plur"} <= set(
        parses[0].tag.grammemes)


@cache
def ru_verb(word: str) -> bool:
    """A Russian verb form ("реализует", "участвуют"): it ends a name and a list item."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].tag.POS in {"VERB", "INFN"}


def tokens(text: str, start: int, end: int) -> list[Token]:
    return list(_tokens(text, start, end))


@lru_cache(maxsize=4096)
def _tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """The words of text[start:end]; the same spans are read again and again by the cues."""
    return tuple(Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, start, end))


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Only spaces between two words of one name."""
    gap = text[a:b]
    return gap.strip(" \t\u00a0") == "" and "\n" not in gap


@cache
def _lv_case_heads(index: int) -> frozenset[str]:
    """One case form of every Latvian head noun (the lists in organizations.json are
    nominative, genitive, dative, accusative, locative: index 1 is the genitive, 4 the
    locative)."""
    data = langdata.load("organizations.json")["types"]
    return frozenset(forms[index].casefold() for langs in data.values()
                     for nouns in [langs.get("lv", {})] for forms in nouns.values()
                     if len(forms) > index)


def _lv_genitive_heads() -> frozenset[str]:
    return _lv_case_heads(1)


def lv_locative_head(word: str) -> bool:
    """A Latvian head noun in the locative ("centrā", "skolā"): a place where something
    happens, not an organisation acting."""
    return word.casefold() in _lv_case_heads(4)


def lv_genitive_head(word: str) -> bool:
    """A Latvian head noun in the genitive ("ģimnāzijas", "domes"): before a lower-case noun
    it only qualifies that noun ("ģimnāzijas stadions")."""
    return word.casefold() in _lv_genitive_heads()


def head_at(words: list[str], i: int) -> tuple[int, str, str] | None:
    """(length, nominative, type) of the organisation head noun starting at words[i]."""
    heads = lexicon().heads
    for n in range(MAX_HEAD_WORDS, 0, -1):
        if i + n <= len(words):
            key = tuple(w.casefold() for w in words[i : i + n])
            if key in heads:
                nominative, typ = heads[key]
                return n, nominative, typ
    return None


def word_ok(tok: Token, lang: str) -> bool:
    """The word may stand inside an organisation name (see module doc)."""
    low = tok.text.casefold()
    lex = lexicon()
    if tok.quoted:
        return True
    if low in lex.function_words.get(lang, ()) or (lang == "ru" and _ru_function_word(low)):
        return False
    if tok.cap:
        return True
    if low in lex.name_words.get(lang, ()) or (low,) in lex.heads:
        return True
    if low in lex.connectors.get(lang, ()) or low in lex.foreign_connectors:
        return True
    if lang == "ru":
        return _ru_name_word(low)
    if lang == "lv" and _lv_adjective(low):
        return True
    return low in _multiword_head_starts() or low in _multiword_head_rest()


@cache
def _lv_adjective_data() -> tuple[tuple[str, ...], int]:
    data = langdata.load("organizations.json")["lv_adjective_endings"]
    return tuple(data["endings"]), int(data["min_length"])


def _lv_adjective(word: str) -> bool:
    """A Latvian definite adjective that may stand before a head ("galvenā", "luteriskā")."""
    endings, min_length = _lv_adjective_data()
    return len(word) >= min_length and word.endswith(endings)


@cache
def _multiword_head_starts() -> frozenset[str]:
    """First words of head nouns of several words ("executive" of "executive committee")."""
    return frozenset(key[0] for key in lexicon().heads if len(key) > 1)


@cache
def _multiword_head_rest() -> frozenset[str]:
    """The later words of head nouns of several words ("sabiedrība" of "akciju sabiedrība")."""
    return frozenset(w for key in lexicon().heads if len(key) > 1 for w in key[1:])


def _is_connector(word: str, lang: str) -> bool:
    lex = lexicon()
    low = word.casefold()
    return low in lex.connectors.get(lang, ()) or low in lex.foreign_connectors


def _is_enumerator(words: list[str], i: int, lang: str) -> int:
    """Length of a list conjunction ("un", "and", "as well as", "и") at words[i], else 0."""
    for phrase in lexicon().enumeration.get(lang, ()):
        n = len(phrase)
        if tuple(w.casefold() for w in words[i : i + n]) == phrase:
            return n
    return 0


def _country_suffix(toks: list[Token]) -> tuple[int, str]:
    """Number of trailing tokens that name a country (0 when none) and its code."""
    gaz = get_gazetteer()
    for n in (3, 2, 1):
        if len(toks) > n:
            surface = " ".join(t.text for t in toks[-n:])
            code = gaz.country(surface)
            if code:
                return n, code
    return 0, ""


def _is_place(word: str) -> bool:
    gaz = get_gazetteer()
    return bool(gaz.city(word) or gaz.country(word))


def _shape(text: str, toks: list[Token], lang: str) -> OrgSpan | None:
    """Trim a run of name-like words to the organisation name it holds (see module doc)."""
    words = [t.text for t in toks]
    while toks and (_is_connector(words[0], lang) or _is_enumerator(words, 0, lang)):
        toks, words = toks[1:], words[1:]
    while toks and _is_connector(words[-1], lang):
        toks, words = toks[:-1], words[:-1]
    if not toks:
        return None
    country = ""
    country_end = 0
    n, code = _country_suffix(toks)
    if n:
        country, country_end = code, toks[-1].end
        toks, words = toks[:-n], words[:-n]
        if toks and words[-1].casefold() in lexicon().location_preps.get(lang, ()):
            toks, words = toks[:-1], words[:-1]
    if not toks:
        return None
    stripped_noun = False
    while toks and not toks[0].cap and not head_at(words, 0):
        stripped_noun = lang == "ru" and _ru_governing_noun(words[0])
        toks, words = toks[1:], words[1:]  # "рамках проекта Даугавпилсская городская дума"
    if not toks:
        return None
    if not toks[0].cap:
        # "pieaugušo izglītības centrs Volkshochschule Linz": a lower-case descriptor, then the
        # proper name; a quoted name ("biedrība „Jaunatne”") or a place keeps the descriptor
        low = max(i for i, t in enumerate(toks) if not t.cap and not _is_connector(t.text, lang))
        tail = toks[low + 1 :]
        if tail and not any(t.quoted for t in tail) and any(
            not _is_place(t.text) for t in tail if not _is_connector(t.text, lang)
        ):
            toks, words = tail, words[low + 1 :]
    if not any(t.cap for t in toks):
        return None  # "жители города": a common noun phrase, not a name
    heads = [i for i in range(len(words)) if head_at(words, i)]
    if not heads and not all(t.cap or _is_connector(t.text, lang) for t in toks):
        return None
    if not heads and lang == "ru":
        if stripped_noun:
            return None  # "мэра Резекне", "жители Лудзы": a place that qualifies a noun
        person = next((i for i, t in enumerate(toks) if _ru_first_name(t.text)
                       and not get_gazetteer().city(t.text)), None)
        if person == 0:
            return None  # "Анны Берзини": a person
        if person is not None:
            toks, words = toks[:person], words[:person]  # "Резекне Ивана Петрова"
    if heads and lang == "lv":
        last = heads[-1] + head_at(words, heads[-1])[0]  # type: ignore[index]
        while len(toks) > last and not toks[-1].cap:
            toks, words = toks[:-1], words[:-1]  # "pašvaldībām kultūras": a noun follows
    if heads and lang == "ru":
        while heads[0] > 0 and (not toks[0].cap or _ru_common_noun(words[0])):
            # "Председатель Резекненской думы", "Весной представители Нарвской управы"
            toks, words = toks[1:], words[1:]
            heads = [i - 1 for i in heads]
        first_name = next((i for i in range(heads[-1] + 1, len(words))
                           if toks[i].cap and _ru_first_name(words[i])), None)
        if first_name is not None:  # "думы Жанна Кулакова": the chair, not the name
            toks, words = toks[:first_name], words[:first_name]
        while len(toks) > heads[-1] + 1 and _ru_person_word(words[-1]):
            toks, words = toks[:-1], words[:-1]
    span = OrgSpan(toks[0].start, toks[-1].end, words, lang, bool(heads), country, country_end)
    if span.end - span.start > 0 and not text[span.start : span.end].strip():
        return None
    return span


def scan_forward(text: str, pos: int, limit: int, lang: str) -> OrgSpan | None:
    """The organisation name that starts at `pos` (after spaces), ending before `limit`."""
    run: list[Token] = []
    prev_end = pos
    toks = tokens(text, pos, limit)
    i = 0
    while i < len(toks):
        tok = toks[i]
        abbrev = bool(run) and run[-1].text in lexicon().abbreviations and \
            text[prev_end : tok.start].startswith(".")
        if abbrev:  # "самоуправления г. Варена": the abbreviation keeps its dot
            run[-1] = Token(run[-1].start, run[-1].end + 1, run[-1].text + ".")
            prev_end += 1
        if run and not _gap_ok(text, prev_end, tok.start):
            skip = _country_bracket(text, prev_end, toks, i)
            if skip:  # "Tartu (Igaunija) pilsētas administrācija"
                i = skip
                tok = toks[i]
                prev_end = tok.start
        if not _gap_ok(text, prev_end, tok.start) or len(run) >= MAX_NAME_TOKENS:
            break
        stop = not word_ok(tok, lang) or (bool(run) and _is_enumerator([tok.text], 0, lang))
        if stop and lang == "ru" and run and _ru_tail_goes_on(text, run, toks, i):
            run.extend(toks[i : i + 2])  # "комитетом по туризму", "развития и экономики"
            prev_end = toks[i + 1].end
            i += 2
            continue
        if stop:
            break
        run.append(tok)
        prev_end = tok.end
        i += 1
    if lang == "ru":
        run = run[: _ru_second_subject(run)]
    # keep a country right after the name ("Lietuvā", "in Lithuania", "в Литве")
    return _shape(text, _with_location(text, run, limit, lang), lang) if run else None


_BRACKET_GAP = re.compile(r"[ \t\u00a0]*\(([^()\n]{2,30})\)[ \t\u00a0]+")


def _country_bracket(text: str, pos: int, toks: list[Token], i: int) -> int:
    """A country in brackets inside a name, before its lower-case rest ("Tartu (Igaunija)
    pilsētas administrācija"): the index of the token after it, else 0."""
    m = _BRACKET_GAP.match(text, pos)
    if not m or get_gazetteer().country(m.group(1).strip()) is None:
        return 0
    j = next((j for j in range(i, len(toks)) if toks[j].start >= m.end()), None)
    if j is None or toks[j].start != m.end() or not toks[j].text.islower():
        return 0
    return j


def _ru_tail_goes_on(text: str, run: list[Token], toks: list[Token], i: int) -> bool:
    """A Russian name goes on over "по" or "и" (toks[i]): "Комитет по туризму" (a head that
    takes a "по" complement, then a noun in the dative), "Центр развития и экономики" (between
    two lower-case genitives after the head); "думой и самоуправлением" is two names."""
    if i + 1 >= len(toks) or not (_gap_ok(text, run[-1].end, toks[i].start)
                                  and _gap_ok(text, toks[i].end, toks[i + 1].start)):
        return False
    word, nxt = toks[i].text.casefold(), toks[i + 1].text
    if not nxt.islower() or head_at([nxt], 0):
        return False
    words = [t.text for t in run]
    if word in _ru_po_heads()["words"]:
        last = next((n for n in range(1, MAX_HEAD_WORDS + 1) if n <= len(words)
                     and head_at(words, len(words) - n) and
                     head_at(words, len(words) - n)[0] == n), None)  # type: ignore[index]
        if last is None:
            return False
        nominative_head = head_at(words, len(words) - last)[1]  # type: ignore[index]
        return nominative_head in _ru_po_heads()["heads"] and _ru_case(nxt, "datv")
    if (word,) not in lexicon().enumeration.get("ru", ()):
        return False
    head = next((j for j in range(len(words)) if head_at(words, j)), None)
    return (head is not None and len(words) - 1 > head and words[-1].islower()
            and not head_at(words, len(words) - 1)
            and _ru_case(words[-1], "gent") and _ru_case(nxt, "gent"))


def _ru_tail_goes_back(text: str, toks: list[Token], i: int, after: Token) -> bool:
    """Read backwards: toks[i] ("по", "и") joins the name words before it to `after` (see
    _ru_tail_goes_on); the words before it are read up to the first one outside a name."""
    left: list[Token] = []
    for tok in reversed(toks[max(0, i - MAX_NAME_TOKENS) : i]):
        nxt = left[0] if left else toks[i]
        if not _gap_ok(text, tok.end, nxt.start) or not word_ok(tok, "ru") or \
                _is_enumerator([tok.text], 0, "ru"):
            break
        left.insert(0, tok)
    return bool(left) and _ru_tail_goes_on(text, left, [toks[i], after], 0)


def _ru_second_subject(run: list[Token]) -> int:
    """Where a second Russian name in the nominative starts inside a run ("с Зарасайским
    самоуправлением Лудзенская краевая дума реализует"): capitalised adjectives and a head
    noun that can only be nominative after a first head that is not; else len(run)."""
    words = [t.text for t in run]
    first = next((i for i in range(len(words)) if head_at(words, i)), None)
    if first is None:
        return len(run)
    first_end = first + head_at(words, first)[0]  # type: ignore[index]
    if _ru_case_of(words[first_end - 1].casefold()) & {"nomn"}:
        return len(run)
    j = first_end
    while j < len(words):
        start = j
        while j < len(words) and (run[j].cap or j > start) and _ru_adjective(words[j]):
            j += 1
        hit = head_at(words, j)
        if not hit and j > start and j < len(words) and _ru_case_of(words[j].casefold()):
            hit = (1, "", "")  # "Даугавпилсская крепость": adjectives and any noun
        if hit:
            cases = _ru_case_of(words[j + hit[0] - 1].casefold())
            if cases and cases <= {"nomn", "accs"} and "nomn" in cases:
                return start
        j = max(j, start + 1)
    return len(run)


@cache
def _ru_case_of(word: str) -> frozenset[str]:
    """Cases of the noun readings of a Russian word."""
    return frozenset(str(p.tag.case) for p in _morph().parse(word)
                     if p.tag.POS == "NOUN" and p.tag.case)


@cache
def _ru_adjective(word: str) -> bool:
    """A Russian adjective or participle in its likeliest reading ("приграничные")."""
    parses = _morph().parse(word.casefold())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF") or any(
        p.tag.POS == "ADJF" for p in parses[:3])


@cache
def _ru_po_heads() -> dict[str, frozenset[str]]:
    data = langdata.load("organizations.json")["ru_name_tails"]
    return {"words": frozenset(data["words"]), "heads": frozenset(data["heads"])}


@cache
def _ru_case(word: str, case: str) -> bool:
    """The likeliest reading of a lower-case Russian noun or adjective is in `case`."""
    parses = [p for p in _morph().parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    return bool(parses) and parses[0].tag.case == case


def _with_location(text: str, run: list[Token], limit: int, lang: str) -> list[Token]:
    """Append a following "in <Country>" / "в <Country>" to the run so _shape can read it."""
    after = tokens(text, run[-1].end, min(limit, run[-1].end + 60))[:4]
    if len(after) >= 2 and after[0].text.casefold() in lexicon().location_preps.get(lang, ()):
        if not _gap_ok(text, run[-1].end, after[0].start):
            return run
        for n in (3, 2, 1):
            chunk = after[1 : 1 + n]
            if len(chunk) == n and get_gazetteer().country(" ".join(t.text for t in chunk)):
                return [*run, after[0], *chunk]
    return run


def _trailing_country(text: str, toks: list[Token], lang: str) -> tuple[int, str]:
    """Tokens at the end of `toks` that name a country, with a location preposition before
    them ("Austrijā", "in Austria", "в Австрии"): (how many, ISO code)."""
    for n in (3, 2, 1):
        if len(toks) > n and all(_gap_ok(text, a.end, b.start)
                                 for a, b in zip(toks[-n - 1 :], toks[-n:], strict=False)):
            code = get_gazetteer().country(" ".join(t.text for t in toks[-n:]))
            if code:
                prep = toks[-n - 1].text.casefold() in lexicon().location_preps.get(lang, ())
                return n + prep, code
    return 0, ""


def scan_backward(text: str, pos: int, floor: int, lang: str) -> OrgSpan | None:
    """The organisation name that ends at `pos` (before spaces), starting after `floor`."""
    toks = tokens(text, floor, pos)
    if not toks or not _gap_ok(text, toks[-1].end, pos):
        return None
    country_end = toks[-1].end
    n, country = _trailing_country(text, toks, lang)
    if n:
        toks = toks[:-n]
        if not toks:
            return None
    run: list[Token] = []
    next_start = toks[-1].end
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        if not _gap_ok(text, tok.end, next_start) or len(run) >= MAX_NAME_TOKENS:
            break
        if not word_ok(tok, lang) or _is_enumerator([tok.text], 0, lang):
            if lang == "ru" and run and _ru_tail_goes_back(text, toks, i, run[0]):
                run.insert(0, tok)  # "...развития и экономики города Нарва"
                next_start = tok.start
                continue
            break
        run.insert(0, tok)
        next_start = tok.start
    span = _shape(text, run, lang) if run else None
    if span is None and lang == "ru" and len(run) > 1 and run[-1].cap and \
            run[-2].text.islower() and _ru_adjective(run[-2].text) and \
            get_gazetteer().city(run[-1].text):
        span = _shape(text, run[-1:], lang)  # "путешественников приграничные Нарва"
    if span and country and not span.country:
        span.country, span.country_end = country, country_end
    return span


# -- nominative -----------------------------------------------------------------------------

@cache
def _lv_definite() -> dict[str, tuple[str, str]]:
    """Definite adjective endings before a head noun -> nominative (feminine, masculine)."""
    data = langdata.load("organizations.json")["lv_definite_endings"]
    return {ending: (forms[0], forms[1]) for ending, forms in data.items() if ending != "_doc"}


def _lv_nominative(words: list[str]) -> list[str]:
    out = list(words)
    heads = [i for i in range(len(words)) if head_at(words, i)]
    if not heads:
        return out
    if heads[0] == 0 and len(heads) > 1 and words[0].islower():
        out[0] = head_at(words, 0)[1].split()[0]  # type: ignore[index]  # "biedrību X" -> "biedrība X"
    i = heads[-1]
    n, nominative, _ = head_at(words, i)  # type: ignore[misc]
    last = i + n - 1
    nom_last = nominative.split()[-1]
    if words[last].casefold() == nom_last:
        return out
    fixed = nom_last if words[last][0].islower() else nom_last[0].upper() + nom_last[1:]
    out[last] = fixed
    feminine = nom_last.endswith(("a", "e"))
    j = i - 1
    while j >= 0:
        w = out[j]
        ending = next((e for e in _lv_definite() if w.endswith(e)), None)
        if not ending:
            break
        out[j] = w[: -len(ending)] + _lv_definite()[ending][0 if feminine else 1]
        j -= 1
    return out


def _ru_nominative(words: list[str]) -> list[str]:
    """Put the adjectives and the first noun of a Russian name into the nominative; the
    genitive words after the noun stay ("Администрацией города Пскова" -> "Администрация
    города Пскова", "Нарвским молодёжным центром" -> "Нарвский молодёжный центр")."""
    parses = [_parse(w) for w in words]
    noun = None
    for i, ps in enumerate(parses):
        head = head_at(words, i)
        if head:  # the noun of "исполнительным комитетом" is its last word
            noun = i + head[0] - 1
            break
        if ps and ps[0].tag.POS == "NOUN" and not words[i][0].isupper():
            noun = i
            break
    if noun is None:
        return words
    best = None
    for p in parses[noun]:
        if p.tag.POS != "NOUN" or p.tag.case is None:
            continue
        score = sum(
            any(q.tag.POS in ("ADJF", "PRTF") and q.tag.case == p.tag.case
                and q.tag.number == p.tag.number
                and (p.tag.number == "plur" or q.tag.gender == p.tag.gender) for q in ps)
            for ps in parses[:noun]
        )
        key = (score, p.score)
        if best is None or key > best[0]:
            best = (key, p)
    if best is None or best[1].tag.case == "nomn":
        return words
    head = best[1]
    out = list(words)
    grams = {"nomn", head.tag.number}
    nom = head.inflect(grams)
    if nom:
        out[noun] = _match_case(words[noun], nom.word)
    for j in range(noun):
        for q in parses[j]:
            if (q.tag.POS in ("ADJF", "PRTF") and q.tag.case == head.tag.case
                    and q.tag.number == head.tag.number):
                g = {"nomn", head.tag.number}
                if head.tag.number == "sing" and head.tag.gender:
                    g.add(head.tag.gender)
                f = q.inflect(g)
                if f:
                    out[j] = _match_case(words[j], f.word)
                break
    return out


def _match_case(original: str, new: str) -> str:
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def nominative(words: list[str], lang: str) -> str:
    """The name in the nominative: Latvian and Russian head nouns (and the adjectives that agree
    with them) are put into the nominative; English names are returned as written."""
    if lang == "lv":
        words = _lv_nominative(words)
    elif lang == "ru":
        words = _ru_nominative(words)
    return " ".join(words)


# -- type -----------------------------------------------------------------------------------

_WORD = re.compile(r"[\w][\w'’.&+-]*")
_QUOTED = re.compile(r"[„“\"«][^„“”\"«»]*[”“\"»]")


def org_type(name: str, lang: str = "") -> str:
    """Organisation type from the head noun that governs the name: the first head in Russian
    ("Центр ... города Шяуляй" is a centre), the last one before "of" in English ("Youth
    Department of Daugavpils City Council"), else the last one ("Daugavpils pilsētas dome")."""
    unquoted = _QUOTED.sub(" ", name)  # biedrība „Jaunatnes centrs” is an association
    words = [w.strip(".,;:") for w in _WORD.findall(unquoted if unquoted.strip() else name)]
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        hit = head_at(words, i)
        if hit:
            found.append((i, hit[2]))
            i += hit[0]
        else:
            i += 1
    if not found:
        return ""
    if lang == "ru" or (not lang and any(re.search("[а-яё]", w) for w in words)):
        return found[0][1]
    of = next((i for i, w in enumerate(words) if w.casefold() == "of"), None)
    if of is not None:
        before = [t for i, t in found if i < of]
        if before:
            return before[-1]
    return found[-1][1]


def ru_plural(word: str) -> bool:
    """The likeliest reading of a Russian noun is plural ("районами", "самоуправлений")."""
    parses = [p for p in _morph().parse(word.casefold()) if p.tag.POS == "NOUN"]
    return bool(parses) and parses[0].tag.number == "plur"


def ru_singular(words: list[str]) -> str:
    """A Russian name with a plural head put into the nominative singular, its adjectives
    agreeing ("Печорским районами" -> "Печорский район")."""
    morph = _morph()
    nouns = [p for p in morph.parse(words[-1].casefold()) if p.tag.POS == "NOUN"]
    if not nouns:
        return " ".join(words)
    head = nouns[0]
    sing = head.inflect({"nomn", "sing"})
    out = list(words)
    if sing:
        out[-1] = _match_case(words[-1], sing.word)
    gender = sing.tag.gender if sing else None
    for j, w in enumerate(words[:-1]):
        adj = next((p for p in morph.parse(w.casefold()) if p.tag.POS in ("ADJF", "PRTF")), None)
        if adj is None:
            continue
        grams = {"nomn", "sing"} | ({gender} if gender else set())
        f = adj.inflect(grams)
        if f:
            out[j] = _match_case(w, f.word)
    return " ".join(out)
