"""Document type from headings and cues: project_description, press_release or other.

A page that presents one project is a set of labelled facts about it (headings, or labels such
as 'Project duration', 'Projekta mērķis', 'Бюджет проекта'), or a page headed as its description
('Project description', 'Par projektu'); news about a project or an event is a press release; a
call for proposals, a council decision or a programme's list of projects is 'other', and so is a
page that gives the same once-per-project field (its period, its total budget) twice under the
same heading: it lists several projects. A page in the terms of a project's plan (its work
packages, target groups, deliverables, associated partners) presents the project: news reports
what happened, not the plan's units; so does a page that states the project's objectives at two
levels (an overall goal and a specific one), or whose title line is only the project word and its
quoted name ('Cooperation project “Name”'). A page that prints its own date is a post: a project's
page only when its title names the project, else news (`settle`, once the dates are known). Two
blocks of money under the same cue words with different parts (a total and its municipal share,
twice) are two projects: other. The `other` cues and project counts of the page's headline weigh
twice. The cue phrases are language data in doctype.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.extract.identity import titled_by_project
from pipeline.model import Fact
from pipeline.sections import Section, find_sections

_MARKS = " \t•·*–-0123456789.)"
_LINE_START = r"(?m)^[ \t•·*–\-0-9.)]*"
_LABEL_END = re.compile(r"[ \t]*(?:[:|]|[–-]\s|\n|$|(?<=[ \t])([^\W\d_]|[„“\"«]))")
COUNT_GAP = 3  # words between a number and 'projects' ('34 new cross-border projects')
PROSE_WORDS = 12  # a line this long, or ending a sentence, is prose rather than a page's heading
HEADING_TO_PROSE = 2  # short lines (a title, a subtitle) between a page's heading and its prose
HEADLINE_WORDS = 4  # a line above the first prose this long is a headline, not a menu item
MONEY_PARTS = ("municipal", "state")  # parts of a project's money it states once
KIND_WORDS = 3  # words of a kind before 'project' in a title line ('Cross-border cooperation')


@dataclass(frozen=True)
class _Cues:
    min_headings: int
    min_description_cues: int
    min_other_cues: int
    min_other_signals: int
    description: re.Pattern[str]
    other: re.Pattern[str]
    project_count: re.Pattern[str]
    description_title: re.Pattern[str]
    once_fields: frozenset[str]
    min_project_totals: int
    plan: re.Pattern[str]
    overall_goal: re.Pattern[str]
    specific_goal: re.Pattern[str]
    project_title: re.Pattern[str]
    programme: re.Pattern[str]


@cache
def _cues() -> _Cues:
    data = langdata.load("doctype.json")
    numbers = [w for per_lang in langdata.load("counts.json")["number_words"].values()
               for forms in per_lang.values() for w in forms]
    count = r"(?:\d+|" + langdata.alternation([w.casefold() for w in numbers]) + ")" \
        if numbers else r"\d+"
    words = langdata.alternation([w.casefold() for w in data["project_count_words"]])
    return _Cues(
        data["min_headings"], data["min_description_cues"], data["min_other_cues"],
        data["min_other_signals"],
        # description cues count only as labels, which open a line (after a list marker)
        _phrases(data["description_cues"], _LINE_START), _phrases(data["other_cues"]),
        re.compile(rf"\b(?=[\d{langdata.first_chars(numbers)}])(?<![.,]){count}[ \t]+"
                   rf"(?:[^\W\d]+[ \t]+){{0,{COUNT_GAP}}}?(?:{words})(?!\w)"),
        # a line that is only the page's heading, perhaps with breadcrumb marks ('» Par projektu »')
        re.compile(r"(?m)^[ \t»>›|•*–-]*(?:" + langdata.alternation(
            [" ".join(p.casefold().split()) for p in data["description_titles"]]
        ).replace(re.escape(" "), r"[ \t]+") + r")[ \t»>›|:]*$"),
        frozenset(data["once_fields"]), data["min_project_totals"], _phrases(data["plan_terms"]),
        _phrases(data["goal_levels"]["overall"]), _phrases(data["goal_levels"]["specific"]),
        _project_title(data["project_kind_words"], data["project_words"]),
        re.compile(r"\b(?:" + langdata.alternation([w.casefold() for w in data["programme_words"]])
                   + r")\b"),
    )


def _project_title(kinds: list[str], projects: list[str]) -> re.Pattern[str]:
    """A line that is only a project word and the project's quoted name, perhaps with a few words
    of its kind before ('Cooperation project “Name”', 'Pārrobežu sadarbības projekts „…”') and
    its acronym or a translation in parentheses after; nothing else (no verb, no sentence)."""
    kind = langdata.alternation([k.casefold() for k in kinds])
    word = langdata.alternation([w.casefold() for w in projects])
    return re.compile(
        rf"(?m)^[ \t»>›|•*–-]*(?:(?:{kind})[ \t]+){{0,{KIND_WORDS}}}(?:{word})[ \t]*"
        r"[„“\"«'‘][^„“”\"«»\n]{2,}[”“\"»'’][ \t]*(?:\([^()\n]{2,60}\))?[ \t.]*$")


def _phrases(phrases: list[str], prefix: str = "") -> re.Pattern[str]:
    """Phrases matched at a word start in case-folded text (one class test turns most positions
    away, see langdata.first_chars); `prefix` is a regex before them."""
    forms = [" ".join(p.casefold().split()) for p in phrases]
    body = langdata.alternation(forms)
    return re.compile(rf"{prefix}\b(?=[{langdata.first_chars(forms)}])(?:"
                      + body.replace(re.escape(" "), r"\s+") + ")")


def _labels(cues: _Cues, text: str, low: str) -> set[str]:
    """Description cues that open a line (after a bullet or a number) and end it or are followed
    by a colon, a bar or a dash: labels of fields ('Projekta mērķis:', 'Total budget - ...'), not
    the first words of a paragraph ('The objective of the project is ...'). A label may be
    followed by its value after a space when the value starts with a capital or a quote. A cue
    ending in an abbreviation's dot or a number sign ('Projekts Nr.', 'Проект №') is a label
    when only its value (one token, the number) follows on its line: 'Projekts Nr. LLI-444
    “…” tiek īstenots ...' is a sentence."""
    found = set()
    for m in cues.description.finditer(low):
        if m.group().endswith((".", "№")):
            line_end = text.find("\n", m.end())
            value = text[m.end() : line_end if line_end >= 0 else None].lstrip(" \t:")
            if len(value.split()) != 1:  # 'Projekta Nr.: LLI-444' is a label too
                continue
        elif not m.group().endswith(":"):
            after = _LABEL_END.match(text, m.end())  # casefolding keeps offsets of these texts
            if not after or (after.group(1) is not None and after.group(1).islower()):
                continue
        found.add(" ".join(low[m.end() - len(m.group().lstrip(_MARKS)) : m.end()].split()))
    return found


def classify(text: str, dated: bool = False) -> str:
    """The type of `text`; `dated` when the page prints its own date (see `settle`)."""
    cues = _cues()
    sections = find_sections(text)
    if _lists_projects(cues, text, sections):
        return "other"
    fields = {s.field for s in sections}
    if len(fields) >= cues.min_headings and not dated:
        return "project_description"  # enough headed fields: no other cue counts
    low = text.casefold()
    other = {m.group() for m in cues.other.finditer(low)}
    counts = {m.group() for m in cues.project_count.finditer(low)}
    is_other = len(other) >= cues.min_other_cues or len(other) + len(counts) + (
        _headline_signals(cues, low) if other or counts else 0) >= cues.min_other_signals
    if not is_other and not dated:
        labels = _labels(cues, text, low) if len(low) == len(text) else set()
        if len(labels) >= cues.min_description_cues or len(fields | labels) >= cues.min_headings:
            return "project_description"
    if is_other:
        return "other"
    if titled_by_project(text) or (not dated and (
            _headed_as_description(cues, low) or cues.plan.search(low)
            or (_project_goal(cues, cues.overall_goal, low)
                and _project_goal(cues, cues.specific_goal, low))
            or _titled_as_project(cues, low))):
        return "project_description"
    return "press_release"


def settle(doc_type: str, text: str, facts: list[Fact]) -> str:
    """The type once the facts are known. A project has one total: a page that states
    `min_project_totals` different totals lists projects or a budget ('other'). A project's page
    is not dated: a page that prints its own date (a date fact of kind 'publication': a date
    line under the title, a dateline) is a post, news or a notice, unless its title names the
    project. Only a page first called a project description is classified again."""
    totals = {(f.values.get("amount"), f.values.get("currency")) for f in facts
              if f.table == "budgets" and f.values.get("kind") == "total"}
    if len(totals) >= _cues().min_project_totals or _money_blocks_differ(facts):
        return "other"  # the totals of many projects: a list of projects or a budget overview
    if doc_type != "project_description" or not any(
            f.table == "dates" and f.values.get("kind") == "publication" for f in facts):
        return doc_type
    return classify(text, dated=True)


def _money_blocks_differ(facts: list[Fact]) -> bool:
    """Two blocks of a project's money (a total and the parts after it, up to the next total)
    whose totals are the same amount under the same cue words and whose parts of one kind, also
    under the same cue, differ: 'Funding for the project – 30 000 EUR, municipal co-financing –
    13 000 EUR' and then the same sentence with another municipal share is a second project
    (different totals are `min_project_totals`' matter). A total repeated in the headline and
    the body, one project's parts stated twice alike, or one project's budget revised (another
    total: 'after the procurement the total is 28 000 EUR, the municipality's share 11 000 EUR')
    do not count."""
    blocks: list[tuple[tuple[str, str, str], dict[tuple[str, str, str], object]]] = []
    for f in sorted((f for f in facts if f.table == "budgets"), key=lambda f: f.start):
        kind = f.values.get("kind")
        cue = " ".join(str(f.values.get("cue") or "").casefold().split())
        if kind == "total":
            blocks.append(((cue, str(f.values.get("currency")), str(f.values.get("amount"))), {}))
        elif blocks and kind in MONEY_PARTS and cue:
            blocks[-1][1].setdefault((kind, cue, str(f.values.get("currency"))),
                                     f.values.get("amount"))
    seen: dict[tuple[str, str, str], list[dict[tuple[str, str, str], object]]] = {}
    for key, parts in blocks:
        if not key[0] or not parts:
            continue
        for other in seen.get(key, []):
            if any(part in other and other[part] != amount for part, amount in parts.items()):
                return True
        seen.setdefault(key, []).append(parts)
    return False


def _lists_projects(cues: _Cues, text: str, sections: list[Section]) -> bool:
    """The same once-per-project field (the period, the total budget) headed twice by the same
    phrase: the page lists several projects ('Project period: ... Total budget: ...' under each
    title). A translation of the fields heads them in another language, so it does not count."""
    seen = set()
    for s in sections:
        if s.field in cues.once_fields:
            key = (s.field, " ".join(text[s.heading_start:s.heading_end].casefold().split()))
            if key in seen:
                return True
            seen.add(key)
    return False


def _headed_as_description(cues: _Cues, low: str) -> bool:
    """A heading line 'Project description', 'Par projektu', 'О проекте' right above the
    page's first prose (a title line may stand between them, a breadcrumb before): the page
    presents the project. The same words further down are a link or a section of a news page,
    and further up, among other short lines, an item of the site's menu."""
    m = cues.description_title.search(low)
    if not m:
        return False
    if any(_prose(line) for line in low[: m.start()].splitlines()):
        return False
    between = 0
    for line in low[m.end():].splitlines():
        if _prose(line):
            break
        between += bool(line.strip())
    return between <= HEADING_TO_PROSE


def _project_goal(cues: _Cues, goal: re.Pattern[str], low: str) -> bool:
    """A goal phrase on a line that names no programme: 'The overall objective of the Programme'
    and its 'specific objectives' are a programme's, not a project's plan."""
    for m in goal.finditer(low):
        start, end = low.rfind("\n", 0, m.start()) + 1, low.find("\n", m.end())
        if not cues.programme.search(low, start, end if end >= 0 else len(low)):
            return True
    return False


def _headline_signals(cues: _Cues, low: str) -> int:
    """The `other` cues and counts of projects in the page's headline, which say what the page is
    about ('LEADER: 27 projects submitted', 'Projects that will receive funding are named'): they
    weigh twice. The headline is a line of HEADLINE_WORDS or more above the first prose (shorter
    lines there are a site's menu, a date, a caption)."""
    found = set()
    for line in low.splitlines():
        if _prose(line):
            break
        if len(line.split()) >= HEADLINE_WORDS:
            found |= {m.group() for m in cues.other.finditer(line)}
            found |= {m.group() for m in cues.project_count.finditer(line)}
    return len(found)


def _titled_as_project(cues: _Cues, low: str) -> bool:
    """The page's title line, above its first prose, names only the project ('Cooperation project
    “Name”'): the project's own page. News headlines about a project say what happened to it
    ('Started project “Name”', 'Noslēdzies projekts “…”'), and the same words inside the prose
    are a sentence about it. A bare 'Project “Name”' (no words of its kind) is also how news
    sites head a report about the project, so it counts only with a description cue or a
    plan term after it."""
    m = cues.project_title.search(low)
    if not m or any(_prose(line) for line in low[: m.start()].splitlines()):
        return False
    title = m.group().lstrip(" \t»>›|•*–-")
    quote = min((i for i in map(title.find, _OPEN_QUOTES) if i >= 0), default=len(title))
    if len(title[:quote].split()) > 1 or title.rstrip(" \t.").endswith(")"):
        return True  # 'cooperation project “…”', 'pārrobežu sadarbības projekts „…”', '… (ACR)'
    return bool(cues.description.search(low, m.end()) or cues.plan.search(low, m.end()))


_OPEN_QUOTES = "„“\"«'‘"


def _prose(line: str) -> bool:
    words = len(line.split())
    return words >= PROSE_WORDS or (words > 1 and line.rstrip()[-1:] in ".!?")
