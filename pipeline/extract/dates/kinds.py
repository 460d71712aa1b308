"""What a date is: implementation period, event, publication, deadline or other.

The kind comes from where the date stands and from the words around it, all from
`resources/dates.json`: its field heading, the page's own date line (a 'Place, date' dateline, a
news agency's 'CITY, date, AGENCY –', a date alone on its line near the title), a site's
"today" header (other), a label on its line ('Time:'), a clock time after it ('plkst. 10.00'),
then the nearest cue word in its sentence (event nouns and verbs, implementation phrases, the
project's start/end verbs when the sentence is about the project), deadline prepositions
before it, and for a long range without cues the project period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.extract.base import ExtractContext
from pipeline.extract.dates.grammar import lexicon
from pipeline.sections import Section, section_at
from pipeline.text import UPPER, label_line_above

DATELINE_MAX_LINE = 3  # a dateline is among the first lines of the text or of a language part
WIDGET_LINES_AFTER = 4  # a "today" header's name days and weather follow within these lines
LONG_RANGE_DAYS = 90  # a range this long without another cue is a project period
LIFECYCLE_REACH = 60  # a project start/end verb this close to the date, its noun this close to it
PAIR_MAX_GAP = 80  # the two labelled values of one period stand this close


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str = ""
    from_heading: bool = False  # set by an implementation-period heading: nothing overrides it
    widget: bool = False  # a site's "today" header or a "last updated" stamp: gives no year
    page_date: bool = False  # the page's own date line
    weak: bool = False  # from a verb of the project's start or end: a form rule overrides it


@dataclass
class Rules:
    all_cues: re.Pattern[str]  # every kind cue, event noun and event verb, one group each
    cue_of: dict[str, tuple[str, str]]  # group name -> (kind, event label; '' for a verb)
    range_cues: list[tuple[str, re.Pattern[str]]]
    not_events: re.Pattern[str]
    life_nouns: re.Pattern[str]
    life_verbs: re.Pattern[str]
    deadline_before: re.Pattern[str]
    deadline_strict: re.Pattern[str]
    dateline_head: re.Pattern[str]
    line_filler: re.Pattern[str]
    widget_before: re.Pattern[str]
    widget_after: re.Pattern[str]
    event_label: re.Pattern[str]
    place_line: re.Pattern[str]  # 'Vieta: Rīga', 'Venue: ...': the line of an event's place
    clock_after: re.Pattern[str]
    time_line: re.Pattern[str]
    pair_start_label: re.Pattern[str]
    pair_end_label: re.Pattern[str]
    pair_start_verb: re.Pattern[str]
    pair_end_verb: re.Pattern[str]
    doc_number: re.Pattern[str]  # 'Nr. 202', '№ 12/3' right after a document's date
    back_link: re.Pattern[str]  # a table cell that is only a navigation word ('Обратно')
    meta_cell: re.Pattern[str]  # a cell of a page's metadata ('Category: News', 'Skatīts: 312')


def _stem_body(phrases: list[str]) -> str:
    """Regex body for phrases of word stems (as langdata.stem_phrase_regex, without the word
    boundary before it): every word may be inflected, longer phrases first."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [re.escape(w) + (r"\w*" if w[-1].isalnum() else "") for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return "|".join(parts)


def _words(words: list[str]) -> str:
    return langdata.alternation(words)


@cache
def rules() -> Rules:
    """Compile the kind cues of dates.json once."""
    data = lexicon().data
    groups: list[tuple[str, str, list[str]]] = [
        (kind, "", [c for forms in langs.values() for c in forms])
        for kind, langs in data["kinds"].items()
    ]
    groups += [("event", label, stems) for label, stems in data["events"].items()]
    groups.append(("event", "", data["event_verbs"]["verbs"]))
    groups.append(("other", "", data["event_verbs"]["not_events"]))
    cue_of = {f"c{i}": (kind, label) for i, (kind, label, _) in enumerate(groups)}
    all_cues = re.compile(
        r"(?<!\w)(?:" + "|".join(
            f"(?P<c{i}>{_stem_body(stems)})" for i, (_, _, stems) in enumerate(groups)
        ) + ")",
        re.IGNORECASE,
    )
    range_cues = [
        (kind, langdata.stem_phrase_regex(cues))
        for kind, cues in data["range_kinds"].items() if not kind.startswith("_")
    ]
    life = data["project_lifecycle"]
    weekday = _words(data["weekdays"])
    # what may share a line with the page's own date: weekdays, clock times, separators
    year_word = langdata.alternation(data["year_words_after"])  # '2014. gada', '2014 г.'
    line_filler = re.compile(
        rf"(?:(?<!\w)(?:{weekday})(?!\w)|\d{{1,2}}:\d\d(?::\d\d)?|(?<!\d)(?:19|20)\d\d(?!\d)"
        rf"(?:\.?\s?(?:{year_word}))?|[\s,.|–—\-:/()])*",
        re.IGNORECASE,
    )
    widget = data["today_widget"]
    pair = data["pair"]
    end_of_label = r"[\s:|–—\-]*$"
    return Rules(
        all_cues=all_cues,
        cue_of=cue_of,
        range_cues=range_cues,
        not_events=langdata.stem_phrase_regex(data["event_verbs"]["not_events"]),
        life_nouns=re.compile(rf"(?<!\w)(?:{_words(life['nouns'])})(?!\w)", re.IGNORECASE),
        life_verbs=langdata.stem_phrase_regex(life["verbs"]),
        deadline_before=re.compile(
            rf"(?<!\w)(?:{_words(data['deadline_before'])})\s+$", re.IGNORECASE
        ),
        deadline_strict=re.compile(
            rf"(?<!\w)(?:{_words(data['deadline_strict'])})\s+$", re.IGNORECASE
        ),
        # '[(][Place[ Place],] ' before a dateline's date: capitalized words and a comma
        dateline_head=re.compile(
            r"[ \t]*\(?(?:[^\W\d_][\w.-]*(?:[ \t][^\W\d_][\w.-]*){0,2},[ \t]*)?"
        ),
        line_filler=line_filler,
        doc_number=re.compile(
            r"[\s,]*(?:" + langdata.alternation(data["number_marks"]) + r")\s?\d[\w/.-]*"
        ),
        widget_before=re.compile(rf"(?<!\w)(?:{_words(widget['before'])})(?!\w)", re.I),
        widget_after=re.compile(_words(widget["after"]), re.IGNORECASE),
        place_line=re.compile(
            rf"[ \t]*(?:{_words(data['place_labels'])})[ \t]*:", re.IGNORECASE
        ),
        event_label=re.compile(
            rf"^[ \t]*(?:{_words(data['event_labels'])})[ \t]*:[\s]*$", re.IGNORECASE
        ),
        clock_after=re.compile(
            rf"^[\s,]*(?:{_words(data['clock_before'])})\s*\d{{1,2}}[:.]\d\d(?!\d)", re.IGNORECASE
        ),
        time_line=re.compile(
            rf"[ \t]*(?:{_words(data['event_labels'])})[ \t]*:[ \t]*\d{{1,2}}[:.]\d\d",
            re.IGNORECASE,
        ),
        pair_start_label=re.compile(
            rf"(?:^|[^\w])(?:{_words(pair['start_labels'])}){end_of_label}", re.IGNORECASE
        ),
        pair_end_label=re.compile(
            rf"^[\s:|–—\-]*(?:{_words(pair['end_labels'])}){end_of_label}", re.IGNORECASE
        ),
        pair_start_verb=re.compile(
            rf"^\s*(?:{_words(pair['start_verbs'])}),?\s+(?:{_words(pair['joiners'])})\s+$",
            re.IGNORECASE,
        ),
        pair_end_verb=re.compile(rf"\s*(?:{_words(pair['end_verbs'])})(?!\w)", re.IGNORECASE),
        back_link=re.compile(
            rf"[\s←<«]*(?:{_words(data['back_links'])})[\s→>»]*", re.IGNORECASE
        ),
        meta_cell=re.compile(
            rf"\s*(?:{_words(data['meta_labels'])})(?!\w)\s*:?[^|]*", re.IGNORECASE
        ),
    )


_CLOCK_HEAD = re.compile(r"[ \t]*\d{1,2}:\d\d,?[ \t]*")
# a 'Place, date.' dateline that the article's first sentence follows on its line: the full
# stop, then a capital (only among the first lines of a part, as every dateline)
_SENTENCE_AFTER = re.compile(rf"\.[ \t]+[{UPPER}]")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def _filler(text: str) -> bool:
    return rules().line_filler.fullmatch(text) is not None


def alone_on_line(text: str, start: int, end: int) -> bool:
    """True when the date's line holds nothing else but weekdays, clock times and separators
    ('Svētdiena, 13. aprīlis 2014', '12:21, 14 October 2018', '28.09.2017.'), or the number of
    the document it dates ('2019. gada 5. martā Nr. 12': the header of a decision or minutes)."""
    line_start, line_end = _line_bounds(text, start, end)
    after = text[end:line_end]
    number = rules().doc_number.match(after)
    if number:
        after = after[number.end() :]
    return _filler(text[line_start:start]) and _filler(after)


def in_header_row(text: str, start: int, end: int) -> bool:
    """True when the date is alone in a table cell of a row that has a navigation link or the
    page's metadata as another cell ('"Source" | 23.03.07 | Back', '10 June 2021 | Category:
    News', '14.05.2020. | Skatīts: 312'): an article's header row."""
    line_start, line_end = _line_bounds(text, start, end)
    cell_start = text.rfind("|", line_start, start)
    cell_end = text.find("|", end, line_end)
    if cell_start == -1 and cell_end == -1:
        return False
    cell_start = line_start if cell_start == -1 else cell_start + 1
    cell_end = line_end if cell_end == -1 else cell_end
    if not (_filler(text[cell_start:start]) and _filler(text[end:cell_end])):
        return False
    cells = text[line_start:cell_start].split("|") + text[cell_end:line_end].split("|")
    r = rules()
    return any(r.back_link.fullmatch(c) or r.meta_cell.fullmatch(c) for c in cells if c.strip())


def is_widget(text: str, start: int, end: int) -> bool:
    """A site's "today" header: 'Today is Monday, 5 May 2025', or a date alone on its line with
    the name days and the weather under it."""
    r = rules()
    line_start, line_end = _line_bounds(text, start, end)
    if not _filler(text[end:line_end]):
        return False
    head = text[line_start:start]
    if r.widget_before.search(head) and _filler(r.widget_before.sub(" ", head)):
        return True
    if not _filler(head):
        return False
    pos = line_end
    for _ in range(WIDGET_LINES_AFTER):
        if pos >= len(text):
            break
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt == -1 else nxt
        if r.widget_after.search(text, pos, nxt):
            return True
        pos = nxt
    return False


def is_dateline(text: str, start: int, end: int, anywhere: bool = False) -> str | None:
    """'place' for a line holding only 'Place, date', 'alone' for a line holding only the date,
    'agency' for a news dateline ('RIGA, 1 April, BNS – ...', '(Pskov, 9 February, ...'), when
    that line is among the first lines of the text or of a part after a blank line (or
    anywhere, for the document's first date): the date the text was written or published."""
    line_start, line_end = _line_bounds(text, start, end)
    head = rules().dateline_head.fullmatch(text, line_start, start)
    words = head.group().replace(",", " ").replace("(", " ").split() if head else []
    clock = False
    if not head and _CLOCK_HEAD.fullmatch(text, line_start, start):
        clock, words = True, []  # '12:21, 14 October 2018, Agency'
    elif not head or not all(w[0].isupper() for w in words):
        return None
    tail = text[end:line_end]
    sentence_after = False
    if tail.strip(" .\t"):
        if words and _SENTENCE_AFTER.match(text, end - (text[end - 1] == "."), line_end):
            sentence_after = True  # 'Псков, 20 ноября 2017 года. Администрация ...'
        elif not (words or clock) or not re.match(r"\s*[,–—-]\s*\S", tail):
            return None
        shape = "agency"
    else:
        shape = "place" if words else "alone"
    if not anywhere or sentence_after:
        part_start = text.rfind("\n\n", 0, line_start)
        part_start = 0 if part_start == -1 else part_start + 2
        if text.count("\n", part_start, line_start) >= DATELINE_MAX_LINE:
            return None
    return shape


def context_kind(
    ctx: ExtractContext, start: int, end: int, shape: str, days: int | None, first: bool
) -> Kind:
    """Kind and label of the date at [start, end). `days` is a range's length, `first` tells
    that no date stands before this one (the page's own date line may then stand anywhere)."""
    doc = ctx.doc
    text = doc.text
    section = section_at(ctx.sections, start)
    field = section.field if section else None
    if section and field == "period" and _in_first_value_line(text, section, start):
        return Kind("implementation", from_heading=True)
    single, ranged = shape == "single", shape == "range"
    if single and is_widget(text, start, end):
        return Kind("other", widget=True)
    s_start, s_end = ctx.sentence(start)
    found = _nearest_cue(text, s_start, s_end, start, end)
    best = found[0] if found else None
    if (
        single and found and found[0].kind in ("publication", "updated")
        and found[1] < start and "\n" not in text[found[1] : start]
    ):
        # 'Published: 5 May 2019'; 'Last updated: ...' is not the page's own date
        if found[0].kind == "publication":
            return Kind("publication", page_date=True)
        return Kind("other", widget=True)
    dateline = is_dateline(text, start, end, anywhere=first) if single else None
    if dateline in ("place", "agency"):
        return Kind("publication", page_date=True)
    label = _label_line(text, start)
    if best is None and label:
        found = _nearest_cue(text, label[0], label[1], start, end)
        best = found[0] if found else None
    if best and best.kind in ("publication", "updated"):
        best = None  # a publication word elsewhere in the sentence says nothing of this date
    page_line = single and (dateline or (first and (
        alone_on_line(text, start, end) or in_header_row(text, start, end)
    )))
    strong = best is not None and best.kind in ("implementation", "deadline") and not best.weak
    if page_line and not strong and not _place_line_near(text, start, end):
        return Kind("publication", page_date=True)
    if field == "mobilities":
        return Kind("event", best.label if best and best.kind == "event" else "mobility")
    if _event_by_form(text, start, end) and not (
        best and best.kind in ("implementation", "deadline") and not best.weak
    ):
        return Kind("event", best.label if best and best.kind == "event" else "")
    if not ranged and _deadline_before(text, s_start, start, strict=True):
        return Kind("deadline")
    if best and best.kind == "implementation":
        return best
    if not ranged and _deadline_before(text, s_start, start):
        return Kind("deadline")
    if best is None and ranged:
        best = _range_cue(text, s_start, s_end)
    if best is None and days is not None and days >= LONG_RANGE_DAYS:
        return Kind("implementation")
    return best or Kind("other")


def _event_by_form(text: str, start: int, end: int) -> bool:
    """A date labelled 'Time:' / 'Laiks:' on its line, or with a clock time after it
    ('5. martā plkst. 18.00', 'Date: 5 May\nTime: 10:00'), is when something happens."""
    r = rules()
    line_start, line_end = _line_bounds(text, start, end)
    if r.event_label.match(text[line_start:start]):
        return True
    if r.clock_after.match(text[end : end + 40]):
        return True
    if _place_line_near(text, start, end):
        return True
    return bool(r.time_line.match(text, line_end + 1)) if line_end < len(text) else False


def _place_line_near(text: str, start: int, end: int) -> bool:
    """A place label ('Vieta:', 'Venue:', 'Место проведения:') on the line right before or
    after the date's line (blank lines skipped): the date of an announced event, not the page's
    own date ('Seminārs jauniešiem' / '12.05.2019.' / 'Vieta: Rīga')."""
    r = rules()
    line_start, line_end = _line_bounds(text, start, end)
    after = len(text) - len(text[line_end:].lstrip())
    if after < len(text) and r.place_line.match(text, after):
        return True
    head = text[:line_start].rstrip()
    return bool(head) and bool(r.place_line.match(text, head.rfind("\n") + 1))


def _nearest_cue(
    text: str, lo: int, hi: int, start: int, end: int
) -> tuple[Kind, int] | None:
    """The kind or event cue in text[lo:hi] closest to the date at [start, end), with the
    cue's offset. Verbs of happening are event cues (labelled by the sentence's event noun)
    unless the sentence is about a council session; see `_lifecycle` for the project's own
    start and end verbs. One scan of one regex finds every cue."""
    r = rules()
    best: tuple[int, Kind, int] | None = None
    events: list[tuple[int, int, str]] = []  # event nouns: (start, end, label)
    verbs_ok = r.not_events.search(text, lo, hi) is None
    for m in r.all_cues.finditer(text, lo, hi):
        kind, label = r.cue_of[m.lastgroup or ""]
        if kind == "event" and label:
            events.append((m.start(), m.end(), label))
        elif kind == "event" and not verbs_ok:
            continue
        dist = _distance(m.start(), m.end(), start, end)
        if best is None or dist < best[0]:
            best = (dist, Kind(kind, label), m.start())
    life = _lifecycle(text, lo, hi, start, end, events)
    if life and (best is None or life[0] < best[0]):
        best = (life[0], Kind("implementation", weak=True), life[1])
    if best is None:
        return None
    kind = best[1]
    if kind.kind == "event" and not kind.label:
        nouns = [(_distance(a, b, start, end), label) for a, b, label in events]
        kind = Kind("event", min(nouns)[1] if nouns else "event")
    return kind, best[2]


def _lifecycle(
    text: str, lo: int, hi: int, start: int, end: int, events: list[tuple[int, int, str]]
) -> tuple[int, int] | None:
    """(distance, offset) of a verb of the project's start, run or end near the date, when the
    project (one project: 'projekts', 'the project', 'проект') is the nearest noun to that verb
    ('Projekts noslēgsies decembrī', 'the project officially started on 1 September'), not an
    event ('12 октября началась конференция')."""
    r = rules()
    lo, hi = max(lo, start - 2 * LIFECYCLE_REACH), min(hi, end + 2 * LIFECYCLE_REACH)
    nouns = [(m.start(), m.end()) for m in r.life_nouns.finditer(text, lo, hi)]
    if not nouns:
        return None
    best: tuple[int, int] | None = None
    for m in r.life_verbs.finditer(text, lo, hi):
        dist = _distance(m.start(), m.end(), start, end)
        if dist > LIFECYCLE_REACH:
            continue
        to_noun = min(_distance(a, b, m.start(), m.end()) for a, b in nouns)
        to_event = min((_distance(a, b, m.start(), m.end()) for a, b, _ in events), default=None)
        if to_noun > LIFECYCLE_REACH or (to_event is not None and to_event < to_noun):
            continue
        if best is None or dist < best[0]:
            best = (dist, m.start())
    return best


def _range_cue(text: str, lo: int, hi: int) -> Kind | None:
    for kind, cue in rules().range_cues:
        if cue.search(text, lo, hi):
            return Kind(kind)
    return None


def _label_line(text: str, offset: int) -> tuple[int, int] | None:
    """The label line above a date that starts its line (see pipeline.text.label_line_above)."""
    line_start = text.rfind("\n", 0, offset) + 1
    if text[line_start:offset].strip(" \t:–-"):
        return None
    return label_line_above(text, line_start)


def _deadline_before(text: str, s_start: int, start: int, strict: bool = False) -> bool:
    """True when a deadline preposition ('līdz', 'until', 'до'; with `strict` only those that
    mean 'by': 'by', 'ne vēlāk kā', 'к') stands right before the date."""
    r = rules()
    pattern = r.deadline_strict if strict else r.deadline_before
    return bool(pattern.search(text, max(s_start, start - 30), start))


def _in_first_value_line(text: str, section: Section, offset: int) -> bool:
    """True when `offset` is on the first non-blank line of the section's value."""
    value = text[section.start : section.end]
    lead = len(value) - len(value.lstrip())
    line_end = text.find("\n", section.start + lead)
    return offset < (line_end if line_end != -1 else len(text))


def _distance(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, b0 - a1, a0 - b1)


def is_pair(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two single dates are the two ends of one period: 'Start date: X <line> End
    date: Y', 'No: X <line> Līdz: Y', or 'X tika uzsākts un Y tika pabeigts'."""
    r = rules()
    between = text[a[1] : b[0]]
    if len(between) > PAIR_MAX_GAP or between.count("\n") > 2:
        return False
    line_start = text.rfind("\n", 0, a[0]) + 1
    before = text[line_start : a[0]]
    if not before.strip():
        label = label_line_above(text, line_start)
        before = text[label[0] : label[1]] if label else ""
    if r.pair_start_label.search(before) and r.pair_end_label.match(between):
        return True
    return bool(r.pair_start_verb.match(between) and r.pair_end_verb.match(text, b[1]))
