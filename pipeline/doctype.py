"""Document type from headings and cues: project_description, press_release or other.

A page that presents one project is a set of labelled facts about it (headings, or labels such
as 'Project duration', 'Projekta mērķis', 'Бюджет проекта'); news about a project or an event is a
press release; a call for proposals, a council decision or a programme's list of projects is
'other'. The cue phrases are language data in doctype.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline import langdata
from pipeline.extract.identity import titled_by_project
from pipeline.sections import find_sections

_MARKS = " \t•·*–-0123456789.)"
_LINE_START = r"(?m)^[ \t•·*–\-0-9.)]*"
_LABEL_END = re.compile(r"[ \t]*(?:[:|]|[–-]\s|\n|$|(?<=[ \t])([^\W\d_]|[„“\"«]))")
COUNT_GAP = 3  # words between a number and 'projects' ('34 new cross-border projects')


@dataclass(frozen=True)
class _Cues:
    min_headings: int
    min_description_cues: int
    min_other_cues: int
    min_other_signals: int
    description: re.Pattern[str]
    other: re.Pattern[str]
    project_count: re.Pattern[str]


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
    )


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
    followed by its value after a space when the value starts with a capital or a quote."""
    found = set()
    for m in cues.description.finditer(low):
        after = _LABEL_END.match(text, m.end())  # casefolding keeps offsets of these texts
        if m.group().endswith(":") or (after and (after.group(1) is None
                                                  or not after.group(1).islower())):
            found.add(" ".join(low[m.end() - len(m.group().lstrip(_MARKS)) : m.end()].split()))
    return found


def classify(text: str) -> str:
    """The document type. The scans run only as far as the decision needs them (the same
    decision as computing every set first)."""
    cues = _cues()
    fields = {s.field for s in find_sections(text)}
    if len(fields) >= cues.min_headings:
        return "project_description"
    low = text.casefold()
    other = {m.group() for m in cues.other.finditer(low)}
    is_other = len(other) >= cues.min_other_cues or len(other) + len(
        {m.group() for m in cues.project_count.finditer(low)}) >= cues.min_other_signals
    if is_other:
        return "other"
    labels = _labels(cues, text, low) if len(low) == len(text) else set()
    if len(labels) >= cues.min_description_cues or len(fields | labels) >= cues.min_headings:
        return "project_description"
    if titled_by_project(text):
        return "project_description"
    return "press_release"
