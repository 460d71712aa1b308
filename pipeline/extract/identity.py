"""A project's number and acronym as a document states them.

Numbers: the programmes' numbering schemes (identifiers.json), 'PREFIX-123' numbers of the
cross-border programmes (written 'LLI-123', 'LLI 123', 'LLII – 059'), and identifiers after a
label ('Nr.', 'project number'). Acronyms (short names) are recognised by where they stand, in
order of trust:

0. after a label: 'akronīms: X', 'saīsināti X', 'acronym X';
1. a short quoted name next to a word for "project" or a project number ('project “SEE ME”',
   'LLI-303 “Clean Trails”', '“Craft Route” project'), or in parentheses right after a quoted
   title ('„...” (BELLA 2)');
2. the short part of a quoted title ('“S.T.E.P. – Shared Towns ...”', '“...mantojumā/ RiverWays”'),
   or a short name in parentheses ending a title line ('... in Latvia and Russia (LV-RU CRAFTS)');
3. an acronym-shaped word (ALL CAPS, CamelCase, letters with digits) beside a word for
   "project" ('projekta BALTRAIL ietvaros', 'the EcoTown project'), before a parenthesised
   title ('TIDE (Towns in dialogue)'), or opening a title line ('EDU-NGOs: Curriculum');
4. a quoted acronym-shaped word anywhere.

An organisation's abbreviation ('Latgales plānošanas reģions (LPR)': the initials of the words
before it), a fund or programme abbreviation (`not_acronyms`) and a project number are never
acronyms.

Titles beside the project number ('projekta Nr. LLI-444 “Title of three or more words”', a
heading line 'LLI-295 Title (ACR)'): `find_titles_after_number`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline import langdata
from pipeline.extract import cuescan
from pipeline.gazetteer import get_gazetteer
from pipeline.sections import find_sections, section_at

MAX_NUMBERS = 1  # more distinct numbers: a list of projects, the page is about none of them
SHORT_WORDS = 4  # a short name (an acronym, not a title): at most this many words
SHORT_CHARS = 32
TITLE_WORDS = 4  # words before a parenthesised short name that make its line a title
LINE_TITLE_WORDS = 3  # words after 'ACR:' opening a line that make it a title
TITLE_LINE_CHARS = 250  # a longer line is a paragraph, not a title
MAX_ACRONYM = 40
_DASH = "-‐‑–—"
# capitals of the alphabets of the archive (Latin with Baltic, Polish, German letters; Cyrillic)
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĢĪĮĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŞŠŢŤŪŮŰŲŹŻŽА-ЯЁІЎЄЇ"
LIST_FIELDS = frozenset({"lead_partner", "applicant", "partners", "associated_partners", "contact"})


@cache
def number_patterns() -> list[re.Pattern[str]]:
    """The programmes' numbering schemes, 'PREFIX-123' numbers, and any identifier with a digit
    after a label such as 'Nr.' or 'project number' (in that order of trust)."""
    ids = langdata.load("identifiers.json")
    # one scan for all the schemes (they start with a digit and do not overlap)
    schemes = [re.compile(r"(?=\d)(?:" + "|".join(
        p.replace("(?P<id>", f"(?P<id{i}>") for i, p in enumerate(ids["number_schemes"])) + ")")]
    dash = rf"(?:\s*[{_DASH}]\s*|\s)"
    first = langdata.first_chars([w.casefold() for w in ids["number_prefixes"]])
    prefixed = re.compile(
        rf"(?=(?i:[{first}]))(?P<id>(?i:" + langdata.alternation(ids["number_prefixes"]) + r")"
        + rf"(?:{dash}[A-Z0-9]{{1,3}}(?=[{_DASH}]))*(?:{dash}\d{{1,4}}|\d{{3,5}}))(?![\w-]|[.,]\d)"
    )
    labels = [w.casefold() for w in ids["number_labels"]]
    label = re.compile(
        rf"(?=(?i:[{langdata.first_chars(labels)}]))(?<!\w)(?i:" + langdata.alternation(labels)
        + r")[\s|:]{0,4}"
        r"(?P<id>(?=[A-Z0-9./-]*\d)[A-Z0-9]{1,10}(?:[-./][A-Z0-9]{1,10}){1,9})(?![\w-])"
    )
    return [*schemes, prefixed, label]


def _continues(text: str, start: int) -> bool:
    """A match at `start` continues a word, a path or a number ('x2015-1-...', '1.5.2.0/17')."""
    before = text[start - 1 : start]
    return bool(before) and (before.isalnum() or before in "_/-.") and not (
        before == "." and not text[start - 2 : start - 1].isdigit())


def normalise_number(value: str) -> str:
    """'LLII – 059' -> 'LLII-059', 'LLI 444' -> 'LLI-444': one spelling of one number."""
    return re.sub(rf"\s*[{_DASH}]\s*|\s+", "-", value.strip())


@lru_cache(maxsize=4)
def _numbers(text: str) -> tuple[tuple[int, int, int, str], ...]:
    """(trust rank, start, end, normalised value) of every number-shaped identifier. Remembers
    the last few texts: the number, the acronym and the document type ask in turn."""
    found = []
    for rank, pattern in enumerate(number_patterns()):
        for m in pattern.finditer(text):
            group = next(g for g, v in m.groupdict().items() if v is not None)
            start, end = m.span(group)
            if start == m.start() and _continues(text, start):
                continue
            found.append((rank, start, end, normalise_number(m.group(group))))
    return tuple(found)


def find_number(text: str) -> tuple[str, int, int] | None:
    """The document's project number: the earliest of the most trusted kind. A page that names
    more than MAX_NUMBERS distinct programme numbers (a list of projects) has none of its own;
    a labelled identifier beside them ('Nr. 12/3', a contract's) does not count."""
    found = sorted(_numbers(text))
    kept: list[tuple[int, int, int, str]] = []
    for f in found:  # one number per span: the most trusted reading of it
        if not any(k[1] < f[2] and f[1] < k[2] for k in kept):
            kept.append(f)
    label_rank = len(number_patterns()) - 1
    if not kept or len({v.upper() for r, *_, v in kept if r < label_rank}) > MAX_NUMBERS:
        return None
    _, start, end, value = min(kept)
    return value, start, end


# ----------------------------------------------------------------------------------------------
# Acronyms


@dataclass
class _Lexicon:
    quoted: re.Pattern[str]
    project_end: re.Pattern[str]  # a word for "project" ending the text before a name
    project_start: re.Pattern[str]  # ... starting the text after a name
    label: re.Pattern[str]
    paren: re.Pattern[str]
    token: re.Pattern[str]
    candidate: re.Pattern[str]
    letter_digit: re.Pattern[str]
    not_token: frozenset[str]
    stop: frozenset[str]
    quotes: str
    company: re.Pattern[str]  # a company word ending a text: what `ends_with_company` computes
    company_word: re.Pattern[str]  # a company word alone (see `ends_with_company`)


@cache
def _lexicon() -> _Lexicon:
    ids = langdata.load("identifiers.json")
    op, cl = ids["quotes_open"], ids["quotes_close"]
    quotes = op + cl
    q = re.escape(quotes)
    # '”' opens a quote too when it follows a space and precedes a word ('projekts ”Name”'); a
    # quote followed by a letter does not close one (the inner '”Name”' of '“Title ”Name””')
    quoted = re.compile(rf"(?:[{re.escape(op)}]|(?<=\s)”(?=\w))(?P<t>[^{q}\n]{{2,200}}?)"
                        rf"[{re.escape(cl)}](?!\w)")
    stems = langdata.alternation([s.casefold() for s in ids["project_stems"]])
    project_end = re.compile(rf"(?i:(?<!\w)(?:{stems})\w*)(?:\s+of)?[\s:–-]{{0,3}}$")
    project_start = re.compile(rf"^[\s)]{{0,3}}(?i:(?:{stems})\w*)(?!\w)")
    labels = langdata.alternation([s.casefold() for s in ids["acronym_labels"]])
    first = langdata.first_chars([s.casefold() for s in ids["acronym_labels"]])
    label = cuescan.register(
        re.compile(rf"(?=(?i:[{first}]))(?<!\w)(?i:{labels})(?!\w)\s*[:–-]?\s*(?P<q>[{q}]?)"
                   rf"(?P<a>[^{q}\n,;()]{{2,{MAX_ACRONYM}}})"),
        [s.casefold() for s in ids["acronym_labels"]], re.I)
    paren = re.compile(rf"\((?P<a>[^()\n]{{2,{MAX_ACRONYM}}}?)(?:[;,]\s*[^()\n]{{3,20}})?\)")
    token = re.compile(rf"[^\s{q}()\[\],;:!?/]+")
    # two capitals in one token or a digit after a letter: found in every token `shaped`
    # accepts (a scan for these is three times faster than testing every token)
    # (two scans, each led by a character class, which `re` skips through in C: one for two
    # capitals, one for the digit of a letter and a digit; the tokens that hold either are the
    # same as those a scan for both at once finds)
    candidate = re.compile(rf"[{_UPPER}][^\s{q}()\[\],;:!?/]*?[{_UPPER}]")
    letter_digit = re.compile(r"\d(?<=[^\W\d_]\d)")
    stop = frozenset(s.casefold() for s in ids["not_acronyms"])
    company = re.compile(r"(?<!\w)(?:" + langdata.alternation(ids["company_words"]) + r")\s*$",
                         re.IGNORECASE)
    if not all(re.fullmatch(r"\w+", w) for w in ids["company_words"]):  # (not an assert: -O)
        raise ValueError("identifiers.json: a company word must be one word (ends_with_company "
                         "reads only a text's last word)")
    company_word = re.compile("(?:" + langdata.alternation(ids["company_words"]) + ")",
                              re.IGNORECASE)
    not_token = frozenset(quotes + "()[],;:!?/")  # and white space: what `token` stops at
    return _Lexicon(quoted, project_end, project_start, label, paren, token, candidate,
                    letter_digit, not_token, stop, quotes, company, company_word)


def ends_with_company(lex: _Lexicon, text: str) -> bool:
    r"""`lex.company.search(text)`: whether `text` ends with a company word (and white space).

    Asked before every quote of a document, where the search tried the company words at each
    of the 20 positions before the quote. A company word is one run of word characters, so
    the only run that can be it is the text's last one, when nothing but white space follows
    it (`str.isspace` and `str.isalnum` or '_' are what `re` reads as `\s` and `\w`).
    """
    end = len(text.rstrip())
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start < end and lex.company_word.fullmatch(text, start, end) is not None


def shaped(token: str) -> bool:
    """An acronym-shaped word: ALL CAPS ('BRIDGE', 'S.T.E.P.', 'МОСТ'), CamelCase
    ('RiverWays', 'GreenWay', 'EDU-NGOs') or letters mixed with digits ('Sea4all')."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or not (token[0].isalnum()):
        return False
    upper = sum(c.isupper() for c in letters)
    if upper >= 2 and (upper == len(letters) or (upper == len(letters) - 1 and token[-1] == "s")):
        return True  # 'BRIDGE', 'EDU-NGOs'

    if any(a.islower() and b.isupper() for a, b in zip(token, token[1:], strict=False)):
        return True
    # a digit between letters ('Sea4all'), not a number glued to a word ('needed16')
    return bool(_DIGIT_INSIDE.search(token))


_DIGIT_INSIDE = re.compile(r"[^\W\d_]\d+[^\W\d_]")


def _short(value: str) -> bool:
    """A name short enough to be an acronym rather than a title."""
    words = value.split()
    return (0 < len(words) <= SHORT_WORDS and len(value) <= SHORT_CHARS
            and (value[0].isupper() or value[0].isdigit()) and not re.search(r"[.!?,]\s", value))


def _name_like(value: str) -> bool:
    """One word, or words that are each capitalised or acronym-shaped ('Clean Trails', 'Green
    route v.2'), not a sentence-case title ('Zaļā skola')."""
    words = value.split()
    return len(words) == 1 or all(not w[0].isalpha() or w[0].isupper() for w in words) \
        or any(shaped(w) or any(c.isdigit() for c in w) for w in words)


def _trim(text: str, start: int, end: int, quotes: str) -> tuple[int, int]:
    """The span without surrounding spaces, quotes and trailing ',;:'."""
    while start < end and (text[start].isspace() or text[start] in quotes):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in quotes + ",;:"):
        end -= 1
    if end > start and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1  # a sentence's full stop, not an abbreviation's ('S.T.E.P.')
    return start, end


def _ends_with_place(text: str) -> bool:
    """'Name of the body, Poland': a name followed by its country or city after a comma."""
    m = re.search(r",\s*([^\W\d][\w-]*)\s*$", text)
    return bool(m and get_gazetteer().lookup(m.group(1)))


def title_parts(title: str) -> list[tuple[int, int]]:
    """Spans of the parts of a title split at ' / ', ' – ', ': ' and '. ' ('S.T.E.P. – Shared
    Towns Exchange Plan', 'Jaunu risinājumu pilsētām/ RiverWays')."""
    parts, start = [], 0
    for m in re.finditer(rf"\s*/\s*|\s+[{_DASH}]\s+|:\s+|(?<=\w\w)\.\s+", title):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(title.rstrip())))
    return [(a, b) for a, b in parts if b > a]


def abbreviates(value: str, words: list[str]) -> bool:
    """True when `value` is made of the initials of the words right before it: an
    organisation's abbreviation ('Kalnu rajona lauku partnerība (KRLP)', 'Eiropas
    lauksaimniecības fonda lauku attīstībai (EFLA)'), not a project's acronym ('Parent
    Involvement Models for Bilingual Schools (PIM)' ends with 'Schools', not 'M')."""
    letters = [c for c in value.casefold() if c.isalpha()]
    initials = [w.lstrip("„“\"«‘(")[:1].casefold() for w in words]
    initials = [c for c in initials if c.isalpha()]
    if len(letters) < 2 or not initials or initials[-1] != letters[-1]:
        return False
    i = len(letters) - 1
    for c in reversed(initials):  # the letters, in order, among the last words' initials
        if c == letters[i]:
            i -= 1
            if i < 0:
                return True
    return False


_NAME_AFTER = re.compile(r"\s*\(?\s*(?P<a>[^\s(),;:]+(?:\s+[^\s(),;:]+){0,3})")
_AFTER_TITLE = re.compile(r"[”\"»“]\s*/\s*$")


class _Finder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = _lexicon()
        self.numbers = _numbers(text)
        self.number_spans = [(s, e) for _, s, e, _ in self.numbers]
        self.found: list[tuple[int, int, int, str]] = []
        self.abbreviations: set[str] = set()  # organisations' abbreviations in this text

    # -- tests on a candidate ------------------------------------------------------------------

    def ok(self, value: str) -> bool:
        if not (2 <= len(value) <= MAX_ACRONYM) or not any(c.isalpha() for c in value):
            return False
        key = value.casefold()
        if key in self.lex.stop or (key[-1] == "s" and key[:-1] in self.lex.stop) \
                or len(value.split()) > SHORT_WORDS + 1:
            return False
        if self.lex.project_start.match(value):
            return False
        return not any(p.fullmatch(value) for p in number_patterns())

    def add(self, rank: int, start: int, end: int) -> None:
        start, end = _trim(self.text, start, end, self.lex.quotes)
        value = self.text[start:end]
        if self.ok(value) and not any(s < end and start < e for s, e in self.number_spans):
            self.found.append((rank, start, end, value))

    def near_project(self, start: int, end: int) -> bool:
        """A word for "project" (or a project number) right before or after the span."""
        before = self.text[max(0, start - 30) : start]
        after = self.text[end : end + 30]
        if self.lex.project_end.search(before) or self.lex.project_start.match(after):
            return True
        return self.near_number(start, end)

    def in_list_field(self, offset: int) -> bool:
        """Inside a headed field that lists organisations or people (partners, contact)."""
        section = section_at(find_sections(self.text), offset)
        return bool(section and section.field in LIST_FIELDS)

    def near_number(self, start: int, end: int) -> bool:
        return any(0 <= start - e <= 4 or 0 <= s - end <= 6 for s, e in self.number_spans)

    def line_of(self, offset: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, offset) + 1
        e = self.text.find("\n", offset)
        return s, (len(self.text) if e < 0 else e)

    # -- the rules -----------------------------------------------------------------------------

    def labelled(self) -> None:
        for m in cuescan.find(self.lex.label, self.text):
            start, end = m.span("a")
            if not m.group("q"):  # unquoted: the run of words that are not lower-case
                words = list(re.finditer(r"\S+", m.group("a")))
                run = [w for w in _prefix_run(words)]
                if not run:
                    continue
                end = start + run[-1].end()
            self.add(0, start, end)

    def quoted(self) -> None:
        text = self.text
        for m in self.lex.quoted.finditer(text):
            content = m.group("t").strip()
            s, e = m.span("t")
            if ends_with_company(self.lex, text[max(0, m.start() - 20) : m.start()]):
                continue  # 'SIA „ALFA”', 'biedrības “Name”': an organisation's name
            in_context = self.near_project(m.start(), m.end())
            if _short(content) and _name_like(content):
                if in_context or _AFTER_TITLE.search(text[max(0, m.start() - 4) : m.start()]):
                    self.add(1, s, e)
                elif shaped(content) and " " not in content:
                    self.add(4, s, e)
                continue
            if not in_context:
                continue
            # a title: its short part, or a short name right after it
            parts = title_parts(content)
            for a, b in (parts[0], parts[-1]) if len(parts) > 1 else ():
                value = content[a:b]
                if _short(value) and all(shaped(w) or w[0].isdigit() for w in value.split()):
                    lead = len(m.group("t")) - len(m.group("t").lstrip())
                    self.add(2, s + lead + a, s + lead + b)
            after = _NAME_AFTER.match(text, m.end())
            if after:
                value = after.group("a")
                words = value.split()
                run = [w for w in words if shaped(w) or w.isdigit()]
                if run and words[0] == run[0]:
                    n = len(" ".join(_leading(words)))
                    a_start = after.start("a")
                    self.add(1, a_start, a_start + n)

    def parenthesised(self) -> None:
        text = self.text
        for m in self.lex.paren.finditer(text):
            s, e = _trim(text, *m.span("a"), self.lex.quotes)
            value = text[s:e]
            if not value or not _short(value) or text[m.start() - 1 : m.start()] in self.lex.quotes:
                continue  # after a quote: see `quoted`
            if not (value[0].isalpha() or shaped(value.split()[0])):
                continue
            ls, le = self.line_of(m.start())
            before = text[ls : m.start()]
            before = before.split(":", 1)[-1] if ":" in before[:40] else before
            words = before.split()
            if len(words) < TITLE_WORDS or before.rstrip().endswith((",", ".")):
                continue
            if abbreviates(value, words[-2 * len(value) :]):
                self.abbreviations.add(value.casefold())
                continue  # 'Latgales plānošanas reģions (LPR)': an organisation's abbreviation
            if re.match(r"\s*(?:[•·*–-]|\d+[.)])\s", before) or get_gazetteer().lookup(value) \
                    or _ends_with_place(before) or self.in_list_field(m.start()):
                continue  # a list item ('Name of School (Italy)', 'Urząd Miasta, Poland (City
                # Office)') or a partner field, not a title
            rest = text[m.end() : le]
            name_shaped = all(shaped(w) or w[0].isdigit() for w in value.split())
            if not rest.strip() or self.lex.project_start.match(rest) or (name_shaped and (
                    self.near_number(m.start(), m.end())
                    or (re.match(r"[.,]", rest) and not re.search(r"[;()]", before)))):
                self.add(2, s, e)

    def bare(self) -> None:
        text = self.text
        stops = self.lex.not_token
        starts: set[int] = set()  # the starts of the tokens that hold a candidate
        for c in (*self.lex.candidate.finditer(text), *self.lex.letter_digit.finditer(text)):
            start = c.start()
            while start > 0 and not (ch := text[start - 1]).isspace() and ch not in stops:
                start -= 1
            starts.add(start)
        for start in sorted(starts):
            m = self.lex.token.match(text, start)
            if m is None:
                continue
            word = m.group().rstrip(".")
            if not shaped(word) or word.casefold() in self.lex.stop:
                continue
            start, end = m.start(), m.start() + len(word)
            if text[start - 1 : start] in "/.@" and start or text[end : end + 1] in "/@":
                continue  # part of an address
            ls, le = self.line_of(start)
            if self.lex.project_end.search(text[max(ls, start - 30) : start]):
                words = [w.group() for w in self.lex.token.finditer(text, start, le)]
                run = _leading(words, continuing=True)
                n = len(" ".join(run))
                self.add(3, start, start + n if text.startswith(" ".join(run), start) else end)
            elif self.lex.project_start.match(text[end:le]) or (
                    text[end:le].strip() == ""
                    and any(le < s <= le + 30 for s, _ in self.number_spans)):
                # 'the EcoTown project', 'LV-RU CRAFTS' on the line above its number
                first = start
                for w in reversed(list(self.lex.token.finditer(text, ls, start))):
                    if not shaped(w.group()) or first - w.end() > 1:
                        break
                    first = w.start()
                self.add(3, first, end)
            elif self.near_number(start, end):
                self.add(2, start, end)
            elif re.match(r" \([A-Z][^\W\d]*(?:\s+[^\W\d]+){2,}", text[end : end + 60]) \
                    and sum(c.isupper() for c in word) >= 3 \
                    and not re.search(r"\d\s*$", text[ls:start]):
                self.add(3, start, end)  # 'TIDE (Towns in dialogue)'
            elif start == ls and re.match(
                    rf"(?::|\s[{_DASH}])\s+(?:\S+\s+){{{LINE_TITLE_WORDS - 1},}}", text[end:le]):
                self.add(3, start, end)  # 'EDU-NGOs: Curriculum plan ...' opening a line
            elif re.search(r"\w\s*/\s*$", text[max(0, start - 3) : start]) \
                    and len(word) >= 6 and not word.isupper() \
                    and len(text[ls:start].split()) >= TITLE_WORDS:
                self.add(3, start, end)  # '... integration of novel solutions/ NovelName'


def _prefix_run(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The leading words that are not lower-case (a name, not the sentence after it)."""
    run = []
    for w in words:
        if w.group()[0].islower():
            break
        run.append(w)
    return run


def _leading(words: list[str], continuing: bool = False) -> list[str]:
    """The leading acronym-shaped words (and numbers; with `continuing`, also one capitalised
    word after them: 'SVS Activetour')."""
    run: list[str] = []
    for w in words[:SHORT_WORDS]:
        if shaped(w) or (run and w.isdigit()):
            run.append(w)
        elif continuing and run and w[:1].isupper() and w[1:].islower() and len(run) == 1:
            run.append(w)
            break
        else:
            break
    return run


def find_acronym(text: str) -> tuple[str, int, int] | None:
    """The document's project acronym with its span: the most trusted, then the earliest."""
    finder = _Finder(text)
    finder.labelled()
    finder.quoted()
    finder.parenthesised()
    finder.bare()
    found = [f for f in finder.found if f[3].casefold() not in finder.abbreviations]
    if not found:
        return None
    # the most trusted; then the one named most often (a page also names other projects)
    _, _, start, end, value = min((rank, -min(text.count(v), 3), s, e, v)
                                  for rank, s, e, v in found)
    return value, start, end


def titled_by_project(text: str) -> bool:
    """A line that is a project's title with its identity: it starts or ends with the project
    number ('LLI-295 Active communities (ACT)', '“Another Way” LLI-212', '... (LLI-408)') or
    ends with its acronym in parentheses, perhaps followed by the number ('... in two towns
    (KidsTogether) Nr. LLI-491'). A project's own page is headed so; news names the project
    inside a sentence."""
    patterns = number_patterns()[:-1]
    lex = _lexicon()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or len(stripped) > TITLE_LINE_CHARS:
            continue
        if stripped[-1] != ")" and not _has_digit(stripped[:12] + stripped[-8:]):
            continue  # neither a number at an end nor a parenthesis closing it
        tail = _TAIL.search(stripped)
        head = stripped[: tail.start()] if tail else stripped
        if tail and any(p.fullmatch(tail.group("n")) for p in patterns):
            stripped = head.rstrip()  # the title before its number
            if _title_words(stripped) >= TITLE_WORDS - 1 and not _SENTENCE_BREAK.search(stripped):
                return True
        if _SENTENCE_BREAK.search(stripped):
            continue
        # a number opening the line (the first match in the line's first 20 characters, if it
        # starts at 0, is the one `match` finds there)
        if any((n := p.match(stripped, 0, 20)) and _title_words(stripped[n.end():]) >= TITLE_WORDS
               for p in patterns):
            return True
        m = _PAREN_END.search(stripped)
        if m and _title_words(stripped[: m.start()]) >= TITLE_WORDS and not any(
                w.start() > 0 and lex.project_start.match(w.group())
                for w in _WORD.finditer(stripped)):
            # ('Started the project “X” (ACR)' is a sentence about the project)
            found = find_acronym(stripped)
            if found and found[0] == m.group("a").strip(" „“”\""):
                return True
    return False


_TAIL = re.compile(r"\(?(?:Nr\.?|No\.?)?\s*(?P<n>[^\s()]+)\)?$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_PAREN_END = re.compile(r"\((?P<a>[^()]{2,40})\)$")
_WORD = re.compile(r"\w+")
_DECIMAL = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    """`any(c.isdigit() for c in text)`, in one regex scan for almost every text: a decimal
    digit is a digit, and only a text with other characters than ASCII can hold a digit that is
    not decimal ('²')."""
    return bool(_DECIMAL.search(text)) or (not text.isascii() and any(map(str.isdigit, text)))


def _title_words(text: str) -> int:
    return len(_WORD.findall(text))


# ----------------------------------------------------------------------------------------------
# Titles after a project number

TITLE_AFTER_NUMBER_WORDS = 3  # a quoted name after a number is a title from this many words on


@cache
def _title_lexicon() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a word for "project" anywhere in a text, a number label ending a text)."""
    ids = langdata.load("identifiers.json")
    stems = langdata.alternation([s.casefold() for s in ids["project_stems"]])
    project_word = re.compile(rf"(?<!\w)(?i:{stems})\w*")
    labels = [w.casefold() for w in ids["number_labels"]]
    label_end = re.compile(r"(?<!\w)(?i:" + langdata.alternation(labels) + r")[\s|:]*$")
    return project_word, label_end


# what may stand between a number and its title on one line: 'LLI-422, Title', 'LLI-422 – Title'
_GAP = re.compile(rf"[ \t]*(?:[,:;|]|[{_DASH}])?[ \t]*")
_APOSTROPHES = "’'"  # quote characters that are apostrophes inside a title ('libraries’ day')
_PAREN_TAIL = re.compile(r"\s*\((?P<a>[^()\n]{2,40})\)\s*$")
_LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_like(value: str) -> bool:
    """A title's words: three or more words with letters, starting with a capital (or a digit),
    without a sentence's break inside it and not ending like a label (':')."""
    value = value.strip()
    return (len(_LETTER_WORD.findall(value)) >= TITLE_AFTER_NUMBER_WORDS
            and (value[0].isupper() or value[0].isdigit())
            and not _SENTENCE_BREAK.search(value) and not value.endswith((":", "|"))
            and len(value) <= TITLE_LINE_CHARS)


def _acronym_like(value: str) -> bool:
    """A short name in parentheses that may be an acronym: acronym-shaped or a short name
    ('L-E towns'), not a place ('Latvia')."""
    return bool(value) and _short(value) and (shaped(value.split()[0]) or _name_like(value)) \
        and not get_gazetteer().lookup(value)


def find_titles_after_number(text: str) -> tuple[list[tuple[str, int, int]], frozenset[int]]:
    """Titles the document gives beside its own project number, in text order:

    - a quoted name of three or more words right after the number ('projekta Nr. LLI-444
      “Title words here”', 'Project No. LLI-199 "Title ..."', 'проект № LLB-2-258 «...»'),
      when the number is a programme's or a word for "project" stands before it (a labelled
      identifier alone may be a contract's); a shorter quoted name there is an acronym
      ('LLI-731 “PELICAN” project'), see `find_acronym`;
    - a heading line made of the number, the title and the acronym in parentheses ('LLI-295
      Active towns of the border region (ACT)'; without the acronym a line opening with the
      number may be news or a label line: 'LLI-295 Partners met in Valka'), or the title and
      its parenthesised acronym before the number ('Title words here (ACT) Nr. LLI-491').

    Only the document's own number (`find_number`) counts: a page listing several projects'
    numbers has none, so none of their titles either. Returns the titles (value, start, end)
    and the starts of the quotes right after the number, which this rule judged (a title or
    not), so that no other rule takes a short one as a title."""
    own = find_number(text)
    if own is None:
        return [], frozenset()
    lex = _lexicon()
    project_word, label_end = _title_lexicon()
    label_rank = len(number_patterns()) - 1
    spans: dict[tuple[int, int], int] = {}
    for rank, start, end, value in _numbers(text):
        if value.upper() == own[0].upper():
            spans[(start, end)] = min(rank, spans.get((start, end), rank))
    found: list[tuple[str, int, int]] = []
    judged: set[int] = set()
    for (start, end), rank in sorted(spans.items()):
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", end)
        le = len(text) if le < 0 else le
        after = _GAP.match(text, end, le)
        q = lex.quoted.match(text, after.end() if after else end)
        if q is not None and q.start() < le:
            judged.add(q.start())
            s, e = _trim(text, *q.span("t"), lex.quotes)
            before = text[max(ls, start - 40) : start]
            if (rank < label_rank or project_word.search(before)) \
                    and title_like(text[s:e]):
                found.append((text[s:e], s, e))
            continue
        if not text[ls:start].strip():  # the number opens the line: 'LLI-295 Title (ACR)'
            s = after.end() if after else end
            tail = _PAREN_TAIL.search(text, s, le)
            if tail is None or not _acronym_like(tail.group("a").strip()):
                continue  # 'LLI-295 Partners met in Valka', 'LLI-295 | Lead partner: ...'
            e = tail.start()
        else:  # 'Title (ACR) Nr. LLI-491' closing the line
            if text[end:le].strip(" \t)"):
                continue
            head = text[ls:start]
            label = label_end.search(head)
            head_end = ls + (label.start() if label else len(head))
            tail = _PAREN_TAIL.search(text, ls, head_end)
            if tail is None or not _acronym_like(tail.group("a").strip()):
                continue  # ('Seminar in Valka (Latvia) Nr. LLI-295': a place, no acronym)
            s, e = ls, tail.start()
        s, e = _trim(text, s, e, lex.quotes)
        value = text[s:e]
        if value and title_like(value) and not project_word.match(value) \
                and not any(c in lex.quotes and c not in _APOSTROPHES for c in value):
            found.append((value, s, e))
    return found, frozenset(judged)
