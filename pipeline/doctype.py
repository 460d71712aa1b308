"""Document type from headings and cues: project_description, press_release or other."""

from __future__ import annotations

from pipeline import langdata
from pipeline.sections import find_sections


def classify(text: str) -> str:
    cues = langdata.load("doctype.json")
    fields = {s.field for s in find_sections(text)}
    if len(fields) >= cues["min_headings"]:
        return "project_description"
    low = text.casefold()
    project_mentions = sum(low.count(w) for w in cues["project_words"])
    has_author = any(c in low for c in cues["author_cues"])
    if project_mentions >= cues["min_project_mentions"] or (has_author and project_mentions):
        return "press_release"
    return "other"
