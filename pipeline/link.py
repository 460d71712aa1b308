"""Linking: documents into projects, partner mentions into organisations, contacts into people.

Every id is a short hash of what identifies the thing, so it is stable across runs for the same
input. Documents are linked when they share a project number or an acronym, or have the same
title; the evidence is kept in `projects.link_evidence`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from pipeline import langdata
from pipeline.gazetteer import fold
from pipeline.model import Fact
from pipeline.runner import DocResult


def short_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


class _UnionFind:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class ProjectGroup:
    project_id: str
    doc_ids: list[str]
    evidence: list[str] = field(default_factory=list)


def project_info(result: DocResult) -> dict[str, Fact]:
    """The first project_info fact of each field in a document."""
    info: dict[str, Fact] = {}
    for f in result.facts:
        if f.table == "project_info":
            info.setdefault(f.values["field"], f)
    return info


def link_projects(results: list[DocResult]) -> list[ProjectGroup]:
    ok = [r for r in results if r.doc.status == "ok"]
    uf = _UnionFind([r.doc.doc_id for r in ok])
    evidence: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], str] = {}
    for r in ok:
        info = project_info(r)
        keys = []
        if "project_number" in info:
            keys.append(("project number", info["project_number"].values["value"].upper()))
        if "acronym" in info:
            keys.append(("acronym", info["acronym"].values["value"].upper().rstrip("!")))
        for f in ("title", "title_en"):
            if f in info:
                keys.append(("title", fold(info[f].values["value"])))
        for key in keys:
            other = seen.setdefault(key, r.doc.doc_id)
            if other != r.doc.doc_id:
                uf.union(other, r.doc.doc_id)
                evidence[(other, r.doc.doc_id)] = f"same {key[0]} '{key[1]}'"
    groups: dict[str, list[str]] = defaultdict(list)
    for r in ok:
        groups[uf.find(r.doc.doc_id)].append(r.doc.doc_id)
    out = []
    for doc_ids in groups.values():
        doc_ids = sorted(doc_ids)
        members = set(doc_ids)
        ev = sorted(
            f"{a} ~ {b}: {why}" for (a, b), why in evidence.items() if a in members and b in members
        )
        out.append(ProjectGroup(short_id("P", "|".join(doc_ids)), doc_ids, ev))
    return sorted(out, key=lambda g: g.doc_ids[0])


NAME_MATCH = 92  # rapidfuzz token_set_ratio of folded names: spelling variants of one name


def partner_key(values: dict) -> str:
    """What identifies an organisation by itself: a municipality (or a partner named only by
    its city) by its city, others by their name."""
    country = values.get("country", "")
    city = values.get("city", "")
    name = fold(values.get("name_normalized", ""))
    typ = values.get("org_type", "")
    if city and (typ == "municipality" or (not typ and (name == fold(city)
                                                        or len(name.split()) == 1))):
        return f"municipality|{country}|{fold(city)}"
    return f"org|{country}|{name}"


def _city_type_keys(partners: list[Fact]) -> dict[str, str]:
    """Name keys of non-municipal organisations -> one key per (country, city, type) when the
    archive names only one organisation of that type in that city in each language: then
    'Нарвский молодёжный центр' and 'Narva Youth Centre' are one centre. Two differently named
    schools of one city in one language stay apart."""
    names: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    members: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for f in partners:
        v = f.values
        key = partner_key(v)
        if key.startswith("org|") and v.get("city") and v.get("org_type"):
            group = (v.get("country", ""), fold(v["city"]), v["org_type"])
            members[group].add(key)
            per_lang = names[group][v.get("lang", "")]
            name = key.split("|", 2)[2]
            if not any(fuzz.token_set_ratio(name, n) >= NAME_MATCH for n in per_lang):
                per_lang.append(name)
    out: dict[str, str] = {}
    for group, per_lang in names.items():
        if all(len(ns) == 1 for ns in per_lang.values()):
            country, city, typ = group
            out.update({key: f"{typ}|{country}|{city}" for key in members[group]})
    return out


def assign_partner_ids(facts: list[Fact]) -> None:
    """Same organisation, same id: a municipality by its city; another organisation by its
    city and type when that is unambiguous, else by its name (spelling variants within a
    country join)."""
    partners = [f for f in facts if f.table == "partners"]
    by_city_type = _city_type_keys(partners)
    keys = sorted({partner_key(f.values) for f in partners})
    canonical: dict[str, str] = {}
    for key in keys:
        kind, country, name = key.split("|", 2)
        match = next(
            (
                c for c in canonical.values()
                if c.startswith(f"{kind}|{country}|")
                and fuzz.token_set_ratio(c.split("|", 2)[2], name) >= NAME_MATCH
            ),
            None,
        )
        canonical[key] = match or key
    for f in partners:
        key = partner_key(f.values)
        f.values["partner_id"] = short_id("ORG", by_city_type.get(key) or canonical[key])


@cache
def _person_tables() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    data = langdata.load("contacts.json")["person_key"]
    longest = lambda d: sorted(d.items(), key=lambda kv: -len(kv[0]))  # noqa: E731
    return longest(data["cyrillic"]), longest(data["latin"])


def person_fold(name: str) -> str:
    """One spelling for a name in Latin or Cyrillic, with or without diacritics:
    'Васильева', 'Vasiļjeva' and 'Vasilyeva' -> 'vasiljeva'; 'Иванов' = 'Ivanovs' (the
    Latvian masculine -s is dropped after a consonant)."""
    cyr, lat = _person_tables()
    s = name.casefold()
    s = re.sub(r"(?<![\w])е", "je", s)  # word-initial е is je: Елена = Jeļena
    for a, b in cyr:
        s = s.replace(a, b)
    s = fold(s)
    for a, b in lat:
        s = s.replace(a, b)
    return " ".join(re.sub(r"(?<=[^aeiou\s])s$", "", w) for w in s.split())


def _name_parts(name: str) -> tuple[str, str]:
    """(first name or initial, surname) from 'Jolanta Reča-Lāže', 'J.Reča-Lāže', 'Иванова А.В.'."""
    tokens = [t for t in re.split(r"[\s.]+", name.strip()) if t]
    if not tokens:
        return "", ""
    if len(tokens) >= 2 and all(len(t) == 1 for t in tokens[1:]):  # Russian 'Иванова А.В.'
        return tokens[1], tokens[0]
    return (tokens[0] if len(tokens) > 1 else ""), tokens[-1]


def assign_person_ids(facts: list[Fact]) -> None:
    """One id per person: 'J.Reča-Lāže' joins 'Jolanta Reča-Lāže' when she is the only
    J. with that surname; people who share a surname but not a first name stay apart."""
    contacts = [f for f in facts if f.table == "contacts"]
    full: dict[str, set[str]] = defaultdict(set)  # surname -> full first names
    for f in contacts:
        first, surname = _name_parts(f.values.get("name") or "")
        if surname and len(first) > 1:
            full[person_fold(surname)].add(person_fold(first))
    for f in contacts:
        name = f.values.get("name") or ""
        first, surname = _name_parts(name)
        if not surname:
            key = "phone|" + (f.values.get("phone") or f.values.get("email") or f.text)
        else:
            s = person_fold(surname)
            given = person_fold(first)
            if len(given) <= 1:
                matches = sorted(n for n in full[s] if n[:1] == given[:1])
                given = matches[0] if len(matches) == 1 else given
            key = f"person|{s}|{given}"
        f.values["person_id"] = short_id("PER", key)
