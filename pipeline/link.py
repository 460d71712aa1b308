"""Linking: documents into projects, partner mentions into organisations, contacts into people.

Every id is a short hash of what identifies the thing, so it is stable across runs for the same
input.

Documents into projects (`link_projects`). Each document gets a `Profile`: project numbers,
acronyms, titles with their language, programme, lead partner, implementation period, dated
events and partner countries. Candidate pairs come from an inverted index (a shared number,
acronym or title word), so an archive of thousands of documents is not compared pair by pair.
A pair is linked on

* strong evidence: the same project number; the same acronym; or titles in one language that
  differ at most by typos (same words in the same order, each pair near-identical, numbers
  equal: 'Enchancing'/'Enhancing');
* combined evidence: titles that share words or cognates across languages ('Digitālās prasmes
  senioriem' / 'Digital Skills for Seniors') plus at least two of: the same lead partner, the
  same programme, dates that fit (periods overlap, or one's events lie in the other's period),
  at least two shared partner countries. A title translation alone is not enough, except for
* a long title translated: two titles in two languages, each of LONG_TITLE_WORDS words or
  more, sharing LONG_TITLE_COGNATES cognates ('Inovatīvu interaktīvu metožu ieviešana ...' /
  'Introduction of innovative interactive methods ...'; `pipeline.cognates` spells them
  alike), as when a programme's English summary page names nothing else;
* the same team and budget, for documents whose titles are translated beyond recognition
  ('Ремесло без границ' / 'Craftsmanship without Borders'): at least MIN_SHARED_PARTNERS
  organisations in common (partner ids, which are language-independent for municipalities)
  and total budgets that agree, exactly or as a round figure within BUDGET_ROUNDING of the
  exact one (a press release's '800 thousand' for 799,740.50).

Pairs are kept apart when they conflict: different project numbers; different acronyms (unless
the number is shared); implementation periods that do not overlap; and, for combined evidence
only, titles in the same language that are different titles. Links are applied strongest first,
and each is checked against the whole group it would join, so A~B and B~C cannot put two
project numbers into one project. Every decision is kept as text (`ProjectGroup.evidence`,
`ProjectGroup.apart`) and written to `projects.link_evidence`.

A document that names no project at all (no number, acronym, title or programme) and is of type
`other` (city budget news, a call for applications) belongs to no project.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations, islice

from rapidfuzz import fuzz, process

from pipeline import langdata
from pipeline.cognates import SHORT_WORD, cognates
from pipeline.cognates import key as cognate_key
from pipeline.gazetteer import fold
from pipeline.model import Fact
from pipeline.seam import DocResult

WORD_SIMILARITY = 75  # each word pair of two typo-variant titles (Enchancing/Enhancing = 95)
COGNATE_SHARE = 0.4  # part of the shorter title's words that must have a cognate
# Two long titles in two languages sharing this many cognates are one title translated, which
# links on its own: on the dev corpus, titles of different projects share at most 3 (a place,
# a region and 'tourism'); a 20-word title and its translation share 7.
LONG_TITLE_WORDS = 12  # words longer than SHORT_WORD in each of the two titles
LONG_TITLE_COGNATES = 6
MIN_SUPPORT = 2  # supporting facts needed besides title evidence for a combined link
MIN_SHARED_COUNTRIES = 2
MIN_SHARED_PARTNERS = 3  # organisations two documents must share for a team-and-budget link
BUDGET_ROUNDING = 0.01  # a round total within 1% of an exact one is the same figure rounded
ROUND_AMOUNT = 1000  # a total that is a multiple of this may be a rounding
INDEX_BUCKET_MAX = 200  # a title word in more documents than this is too common to block on
# Documents sharing a key (number, acronym, title, start of a title word) are compared pair by
# pair when there are at most ALL_PAIRS_MAX of them. More (a project of hundreds of press
# releases), and they are clustered instead (`_clustered_pairs`): linear in the documents
# rather than quadratic (3 million comparisons and a GB of pairs at 20,000 documents).
ALL_PAIRS_MAX = 30
CLUSTER_PROBES = 3  # members of a cluster a document is compared with
CLUSTERS_PROBED = 10  # clusters a document is compared with: the most recently joined
APART_NOTES_MAX = 10


def short_id(prefix: str, key: str, digits: int = 8) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:digits]}"


def project_id(doc_ids: list[str], digits: int = 8) -> str:
    """A project's id: that of its first document (sorted doc_ids, which are relative paths).
    Not a digest of all its documents: a project keeps its id while documents join or leave it
    (a new press release, a removed duplicate), so an analyst's references and a rerun's memo
    stay valid; only a project that loses or gains its first document gets a new one. Groups
    are disjoint, so their first documents differ; two of them whose 8-digit hashes collide
    (about 1 in 300 runs at 6,000 projects) get longer ones (`_unique_ids`)."""
    return short_id("P", doc_ids[0], digits)


def _unique_ids(groups: list[ProjectGroup]) -> None:
    """Longer ids for the projects whose ids collide, until none do (deterministic: it
    depends only on the groups' first documents)."""
    digits = 8
    while True:
        seen = Counter(g.project_id for g in groups)
        clash = [g for g in groups if seen[g.project_id] > 1]
        if not clash:
            return
        digits += 4
        for g in clash:
            g.project_id = project_id(g.doc_ids, digits)


@dataclass
class ProjectGroup:
    project_id: str
    doc_ids: list[str]
    evidence: list[str] = field(default_factory=list)
    apart: list[str] = field(default_factory=list)


def project_info(result: DocResult) -> dict[str, Fact]:
    """The first project_info fact of each field in a document."""
    info: dict[str, Fact] = {}
    for f in result.facts:
        if f.table == "project_info":
            info.setdefault(f.values["field"], f)
    return info


def title_lang(result: DocResult, fact: Fact) -> str:
    """Language of a title fact: `title_en` is English, a `title` has its block's language."""
    return "en" if fact.values["field"] == "title_en" else result.doc.lang_at(fact.start)


def title_words(title: str) -> list[str]:
    """Folded words of a title: case, diacritics and punctuation do not matter."""
    return re.findall(r"\w+", fold(title))


def number_key(value: str) -> str:
    return re.sub(r"[\s‐‑–—]+", "-", value.strip().upper())


def acronym_key(value: str) -> str:
    return re.sub(r"[^\w]+", "", fold(value)).upper()


@dataclass
class Profile:
    """What a document says about its project, reduced to comparable keys."""

    doc_id: str
    numbers: dict[str, str] = field(default_factory=dict)  # key -> as written
    acronyms: dict[str, str] = field(default_factory=dict)
    titles: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)  # lang, words
    programme: str = ""
    lead: tuple[str, str] | None = None  # (partner_id, name)
    lead_fact: int | None = None  # index of the lead partner's fact in the document's facts
    period: tuple[str, str] | None = None
    events: list[tuple[str, str]] = field(default_factory=list)
    countries: frozenset[str] = frozenset()
    partner_facts: list[int] = field(default_factory=list)  # indexes of partner facts
    partners: dict[str, str] = field(default_factory=dict)  # partner_id -> name, once known
    total: float | None = None  # the first total budget in EUR

    @property
    def names_a_project(self) -> bool:
        return bool(self.numbers or self.acronyms or self.titles or self.programme)


def profile(result: DocResult) -> Profile:
    p = Profile(result.doc.doc_id)
    countries: set[str] = set()
    leads: list[tuple[int, Fact]] = []
    for i, f in enumerate(result.facts):
        v = f.values
        if f.table == "project_info":
            name, value = v["field"], str(v["value"])
            if name == "project_number":
                p.numbers.setdefault(number_key(value), value)
            elif name == "acronym" and acronym_key(value):
                p.acronyms.setdefault(acronym_key(value), value)
            elif name in ("title", "title_en") and title_words(value):
                entry = (title_lang(result, f), tuple(title_words(value)), value)
                if entry not in p.titles:
                    p.titles.append(entry)
            elif name == "programme" and not p.programme:
                p.programme = value
        elif f.table == "partners":
            if v.get("role") in ("lead", "applicant"):
                leads.append((i, f))
            p.partner_facts.append(i)
            add_partner(p, f)
            if v.get("country"):
                countries.add(v["country"])
        elif f.table == "budgets" and v.get("kind") == "total" and p.total is None:
            p.total = _amount(v.get("amount_eur"))
        elif f.table == "partner_countries" and v.get("country"):
            countries.add(v["country"])
        elif f.table == "dates" and v.get("start_date") and v.get("end_date"):
            span = (v["start_date"], v["end_date"])
            if v.get("kind") == "implementation" and p.period is None:
                p.period = span
            elif v.get("kind") == "event":
                p.events.append(span)
    lead = next((x for x in leads if x[1].values["role"] == "lead"), None)
    lead = lead or next(iter(leads), None)
    if lead:
        p.lead_fact = lead[0]
        set_lead(p, lead[1])
    p.countries = frozenset(countries)
    return p


def set_lead(p: Profile, fact: Fact) -> None:
    """The lead partner as evidence, once its partner_id is known (`assign_partner_ids`)."""
    if fact.values.get("partner_id"):
        p.lead = (fact.values["partner_id"], fact.values.get("name_normalized") or fact.text)


def add_partner(p: Profile, fact: Fact) -> None:
    """A partner as evidence, once its partner_id is known (`assign_partner_ids`)."""
    if fact.values.get("partner_id"):
        p.partners.setdefault(fact.values["partner_id"],
                              fact.values.get("name_normalized") or fact.text)


def _amount(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def budget_key(amount: float) -> str:
    """A blocking key for a total: its two leading digits and magnitude, so 799,740.50 and
    800,000 meet (a rounding that crosses a key boundary, 845,000 / 850,000, does not)."""
    return f"{float(f'{amount:.1e}'):.0f}"


def totals_agree(a: float, b: float) -> bool:
    """The same total, or an exact figure and a round one written for it."""
    if a == b:
        return True
    rounder = a if a % ROUND_AMOUNT == 0 else b if b % ROUND_AMOUNT == 0 else None
    return rounder is not None and abs(a - b) <= BUDGET_ROUNDING * max(a, b)


# ----------------------------------------------------------------------------------------------
# Comparing two profiles


def typo_variants(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words in the same order, each pair equal or near-identical (a typo), numbers and
    short words equal: 'Enchancing volunteering' ~ 'Enhancing volunteering', but not
    'Youth for Europe II' ~ 'Youth for Europe III' nor 'Clean Daugava' ~ 'Clean Venta'."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if min(len(x), len(y)) <= SHORT_WORD or x.isdigit() or y.isdigit():
            return False
        if fuzz.ratio(x, y) < WORD_SIMILARITY:
            return False
    return True


@lru_cache(maxsize=1 << 14)
def _content_len(words: tuple[str, ...]) -> int:
    """Words longer than SHORT_WORD (kept per title: asked for each candidate pair)."""
    return sum(1 for w in words if len(w) > SHORT_WORD)


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class Decision:
    """How two documents relate: `strength` 0-3 when linked (lower is stronger), else None."""

    strength: int | None
    reason: str
    apart: str = ""  # why they were not linked although something pointed to it


def _title_evidence(a: Profile, b: Profile) -> tuple[str, str, str, bool]:
    """(typo match text, shared-words text, long-translation text, same-language conflict)."""
    typo = shared = translated = ""
    same_lang_pairs = 0
    for (la, wa, sa), (lb, wb, sb) in ((x, y) for x in a.titles for y in b.titles):
        if la == lb:
            same_lang_pairs += 1
            if wa == wb:
                return f"same title '{sa}'", "", "", False
            if typo_variants(wa, wb) and not typo:
                typo = f"titles '{sa}' and '{sb}' differ only by typos"
        if not shared or (la != lb and not translated):
            pairs = cognates(wa, wb)
            shorter = min(_content_len(wa), _content_len(wb))
            need = max(2, COGNATE_SHARE * shorter)
            if la != lb and shorter >= LONG_TITLE_WORDS and len(pairs) >= LONG_TITLE_COGNATES:
                translated = (f"long titles '{sa}' and '{sb}' are one translated: {len(pairs)} "
                              f"cognates ({', '.join(f'{x}/{y}' for x, y in pairs)})")
            contained = la == lb and (" ".join(wa) in " ".join(wb) or " ".join(wb) in " ".join(wa))
            if contained:
                shared = f"one title contains the other ('{sa}', '{sb}')"
            elif len(pairs) >= need and not shared:
                words = ", ".join(x if x == y else f"{x}/{y}" for x, y in pairs)
                shared = f"titles '{sa}' and '{sb}' share words ({words})"
    conflict = same_lang_pairs > 0 and not typo and not shared.startswith("one title")
    return typo, shared, translated, conflict


def _dates_fit(a: Profile, b: Profile) -> str:
    if a.period and b.period:
        return "implementation periods overlap" if overlaps(a.period, b.period) else ""
    for x, y in ((a, b), (b, a)):
        if x.period and y.events and all(x.period[0] <= s and e <= x.period[1]
                                          for s, e in y.events):
            return f"{y.doc_id}'s events lie in the period {x.period[0]} – {x.period[1]}"
    return ""


def compare(a: Profile, b: Profile, why: bool = True) -> Decision:
    """The link decision for two documents, with its reason in words. Without `why` only the
    strength is sure, sooner: a pair whose numbers, periods or acronyms conflict gets no
    words, and its titles are not asked."""
    shared_numbers = a.numbers.keys() & b.numbers.keys()
    if shared_numbers:
        return Decision(0, f"same project number '{a.numbers[min(shared_numbers)]}'")
    shared_acronyms = a.acronyms.keys() & b.acronyms.keys()
    numbers = bool(a.numbers and b.numbers)  # the conflicts, first as yes/no
    periods = bool(a.period and b.period and not overlaps(a.period, b.period))
    acronyms = bool(a.acronyms and b.acronyms and not shared_acronyms)
    if not why and (numbers or periods or acronyms):
        return Decision(None, "")
    conflicts = []
    if numbers:
        conflicts.append(f"different project numbers ({', '.join(a.numbers.values())} / "
                         f"{', '.join(b.numbers.values())})")
    if periods:
        conflicts.append(f"implementation periods do not overlap ({a.period[0]} – {a.period[1]}"
                         f" / {b.period[0]} – {b.period[1]})")
    if shared_acronyms:  # what points to a link; the titles are not asked (most pairs)
        pointer = f"same acronym '{a.acronyms[min(shared_acronyms)]}'"
        if conflicts:
            return Decision(None, "", f"{pointer}, but {'; '.join(conflicts)}")
        return Decision(1, pointer)
    if acronyms:
        conflicts.append(f"different acronyms ({', '.join(a.acronyms.values())} / "
                         f"{', '.join(b.acronyms.values())})")
    typo, shared, translated, title_conflict = _title_evidence(a, b)
    pointer = typo or translated or shared
    if conflicts:
        return Decision(None, "", f"{pointer}, but {'; '.join(conflicts)}" if pointer else "")
    if typo:
        return Decision(2, typo)
    if translated and not title_conflict:
        return Decision(3, translated)
    if not shared:
        return _team_and_budget(a, b, title_conflict)
    support = []
    if a.lead and b.lead and a.lead[0] == b.lead[0]:
        support.append(f"same lead partner '{a.lead[1]}'")
    if a.programme and a.programme == b.programme:
        support.append(f"same programme '{a.programme}'")
    fit = _dates_fit(a, b)
    if fit:
        support.append(fit)
    common = sorted(a.countries & b.countries)
    if len(common) >= MIN_SHARED_COUNTRIES:
        support.append(f"shared partner countries {', '.join(common)}")
    if title_conflict:
        return Decision(None, "", f"{shared}, but their titles in one language differ")
    if len(support) < MIN_SUPPORT:
        return Decision(None, "", f"{shared}, but too little else in common"
                        + (f" ({support[0]})" if support else ""))
    return Decision(3, "; ".join([shared, *support]))


def _team_and_budget(a: Profile, b: Profile, title_conflict: bool) -> Decision:
    """The link for documents whose titles do not meet: the same organisations and budget."""
    common = sorted(set(a.partners) & set(b.partners))
    if len(common) < MIN_SHARED_PARTNERS or a.total is None or b.total is None:
        return Decision(None, "")
    names = ", ".join(a.partners[k] for k in common)
    if not totals_agree(a.total, b.total):
        return Decision(None, "", f"partners in common ({names}), but total budgets differ "
                        f"({a.total:,.2f} / {b.total:,.2f})")
    if title_conflict:
        return Decision(None, "", f"partners in common ({names}) and the same total budget, "
                        "but their titles in one language differ")
    return Decision(3, f"{len(common)} partners in common ({names}) and total budgets agree "
                    f"({a.total:,.2f} / {b.total:,.2f} EUR)")


# ----------------------------------------------------------------------------------------------
# Grouping


class _Groups:
    """Union-find over documents that keeps each group's numbers, acronyms and periods, so a
    link that would join conflicting groups can be refused."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.parent = {p.doc_id: p.doc_id for p in profiles}
        self.numbers = {p.doc_id: set(p.numbers) for p in profiles}
        self.acronyms = {p.doc_id: set(p.acronyms) for p in profiles}
        self.periods = {p.doc_id: [p.period] if p.period else [] for p in profiles}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def conflict(self, a: str, b: str, strength: int) -> str:
        ra, rb = self.find(a), self.find(b)
        na, nb = self.numbers[ra], self.numbers[rb]
        if na and nb and not na & nb:
            return "their projects have different project numbers"
        if strength > 0:
            aa, ab = self.acronyms[ra], self.acronyms[rb]
            if aa and ab and not aa & ab:
                return "their projects have different acronyms"
            if any(not overlaps(x, y) for x in self.periods[ra] for y in self.periods[rb]):
                return "their projects' implementation periods do not overlap"
        return ""

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return
        self.parent[rb] = ra
        self.numbers[ra] |= self.numbers.pop(rb)
        self.acronyms[ra] |= self.acronyms.pop(rb)
        self.periods[ra] += self.periods.pop(rb)


def candidate_pairs(profiles: list[Profile]) -> list[tuple[int, int]]:
    """Pairs of documents that share a project number, an acronym, a title, the start of a
    title word or (with enough partners) the leading digits of a total, unless too common (a
    word in hundreds of titles pairs nothing); see ALL_PAIRS_MAX for keys that many documents
    share."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        keys = {f"n:{k}" for k in p.numbers} | {f"a:{k}" for k in p.acronyms}
        keys |= {f"w:{cognate_key(w)}" for _, words, _ in p.titles for w in words
                 if len(w) > SHORT_WORD}
        keys |= {"t:" + " ".join(words) for _, words, _ in p.titles}  # never too common
        if p.total and len(p.partners) >= MIN_SHARED_PARTNERS:
            keys.add(f"b:{budget_key(p.total)}")
        for k in keys:
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        if key[0] in "wb" and len(members) > INDEX_BUCKET_MAX:
            continue
        if len(members) <= ALL_PAIRS_MAX:
            pairs.update(combinations(members, 2))
        else:
            pairs.update(_clustered_pairs(profiles, members))
    return sorted(pairs)


def _clustered_pairs(profiles: list[Profile], members: list[int]) -> set[tuple[int, int]]:
    """Candidate pairs among many documents sharing one key, without comparing every pair:
    each document is compared with the first CLUSTER_PROBES documents of each of the
    CLUSTERS_PROBED clusters most recently joined, paired with the first one of every cluster
    it links to, and joins the first such cluster (or starts one). Documents that would link
    are still paired, through their cluster; the clusters are only candidates, `link_profiles`
    decides as for any pair. Documents come in doc_id order, so a project's documents filed
    together meet their cluster among the recent ones."""
    clusters: OrderedDict[int, list[int]] = OrderedDict()  # by first member, last joined last
    pairs: set[tuple[int, int]] = set()
    for m in members:
        home = None
        for key in islice(reversed(clusters), CLUSTERS_PROBED):
            cluster = clusters[key]
            probe = next((c for c in cluster[:CLUSTER_PROBES]
                          if compare(profiles[c], profiles[m], why=False).strength
                          is not None), None)
            if probe is not None:
                pairs.add((probe, m))
                home = key if home is None else home
        if home is None:
            clusters[m] = [m]
        else:
            clusters[home].append(m)
            clusters.move_to_end(home)
    return pairs


def linkable(result: DocResult) -> Profile | None:
    """The document's profile when it takes part in linking: a read document that names a
    project or is of a known type."""
    if result.doc.status != "ok":
        return None
    p = profile(result)
    return p if p.names_a_project or result.doc.doc_type != "other" else None


def link_projects(results: Iterable[DocResult]) -> list[ProjectGroup]:
    """Documents grouped into projects; run after `assign_partner_ids` (the lead partner's
    id is evidence)."""
    return link_profiles([p for r in results if (p := linkable(r)) is not None])


def link_profiles(profiles: list[Profile]) -> list[ProjectGroup]:
    """Groups from the documents' profiles (see `linkable`), in any order."""
    profiles = sorted(profiles, key=lambda p: p.doc_id)  # input order must not matter
    groups = _Groups(profiles)
    decided = []
    apart: list[tuple[str, str, str]] = []
    for i, j in candidate_pairs(profiles):
        a, b = profiles[i], profiles[j]
        d = compare(a, b)
        if d.strength is not None:
            decided.append((d.strength, a.doc_id, b.doc_id, d.reason))
        elif d.apart:
            apart.append((a.doc_id, b.doc_id, d.apart))
    # The evidence of a group is the decisions that joined it (at most one fewer than its
    # documents); pairs already in one group are only counted, so a project of hundreds of
    # documents does not carry every pair of them.
    evidence: list[tuple[str, str, str]] = []
    agreeing: list[str] = []
    for strength, a, b, reason in sorted(decided):
        if groups.find(a) == groups.find(b):
            agreeing.append(a)
            continue
        why_not = groups.conflict(a, b, strength)
        if why_not:
            apart.append((a, b, f"{reason}, but {why_not}"))
            continue
        groups.union(a, b)
        evidence.append((a, b, reason))
    members: dict[str, list[str]] = defaultdict(list)
    for p in profiles:
        members[groups.find(p.doc_id)].append(p.doc_id)
    # Each decision goes to its group(s) in one pass (not every group scanning every decision:
    # that was quadratic, a minute at 5,000 documents).
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for a, b, why in evidence:
        evidence_of[groups.find(a)].append(f"{a} ~ {b}: {why}")
    agree_count = Counter(groups.find(a) for a in agreeing)
    apart_of: dict[str, list[str]] = defaultdict(list)
    for a, b, why in apart:
        ra, rb = groups.find(a), groups.find(b)
        if ra != rb:  # a note of both groups: the pair was kept apart
            apart_of[ra].append(f"{a} / {b}: {why}")
            apart_of[rb].append(f"{a} / {b}: {why}")
    out = []
    for root, doc_ids in members.items():
        doc_ids = sorted(doc_ids)
        ev = sorted(evidence_of.get(root, []))
        if agree_count[root]:
            ev.append(f"{agree_count[root]} more pair(s) of these documents agree")
        notes = sorted(apart_of.get(root, []))[:APART_NOTES_MAX]
        out.append(ProjectGroup(project_id(doc_ids), doc_ids, ev, notes))
    _unique_ids(out)
    return sorted(out, key=lambda g: g.doc_ids[0])


NAME_MATCH = 92  # rapidfuzz token_set_ratio of folded names: spelling variants of one name
BLOCK_PREFIX = 3  # names are compared only with names sharing a word that starts alike


def name_score(a: str, b: str, **_: object) -> float:
    """How alike two folded organisation names are, as one name spelt two ways: rapidfuzz's
    token_set_ratio, which forgives a name that only adds words to the other, but not two
    names that share generic words and differ in their own ('TTK University of Applied
    Sciences' and 'Arcada University of Applied Sciences' are two universities): when
    neither name's words contain the other's, the whole names must be alike in any order."""
    score = fuzz.token_set_ratio(a, b)
    words_a, words_b = set(a.split()), set(b.split())
    if score < NAME_MATCH or words_a <= words_b or words_b <= words_a:
        return score
    return fuzz.token_sort_ratio(a, b)


@cache
def _levels() -> list[tuple[str, tuple[str, ...]]]:
    data = langdata.load("organizations.json")["municipality_levels"]
    return [(level, tuple(fold(w) for w in words)) for level, words in data.items()
            if not level.startswith("_")]


def municipality_level(folded_name: str) -> str:
    """'county', 'parish' or 'town': which of the municipalities bearing one town's name this
    one is ('Daugavpils novada pašvaldība' is the county's, 'Daugavpils pilsētas dome' the
    town's)."""
    words = folded_name.split()
    for level, starts in _levels():
        if any(w.startswith(starts) for w in words):
            return level
    return "town"


def partner_key(values: dict) -> str:
    """What identifies an organisation by itself: a municipality (or a partner named only by
    its city) by its city and level, others by their name."""
    country = values.get("country", "")
    city = values.get("city", "")
    name = fold(values.get("name_normalized", ""))
    typ = values.get("org_type", "")
    if city and (typ == "municipality" or (not typ and (name == fold(city)
                                                        or len(name.split()) == 1))):
        level = municipality_level(name)
        suffix = "" if level == "town" else f"|{level}"
        return f"municipality|{country}|{fold(city)}{suffix}"
    return f"org|{country}|{name}"


def _city_type_keys(partners: list[Fact], keys: list[str]) -> dict[str, str]:
    """Name keys of non-municipal organisations -> one key per (country, city, type) when the
    archive names only one organisation of that type in that city in each language: then
    'Нарвский молодёжный центр' and 'Narva Youth Centre' are one centre. Two differently named
    schools of one city in one language stay apart. `keys`: each partner's `partner_key`."""
    names: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    members: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for f, key in zip(partners, keys, strict=True):
        v = f.values
        if key.startswith("org|") and v.get("city") and v.get("org_type"):
            group = (v.get("country", ""), fold(v["city"]), v["org_type"])
            members[group].add(key)
            per_lang = names[group][v.get("lang", "")]
            name = key.split("|", 2)[2]
            if not any(name_score(name, n) >= NAME_MATCH for n in per_lang):
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
    key_of = [partner_key(f.values) for f in partners]  # once each: the archive's partners
    by_city_type = _city_type_keys(partners, key_of)
    keys = sorted(set(key_of))
    canonical: dict[str, str] = {}
    # Spelling variants join the closest earlier name of the same kind and country that shares
    # the first letters of a word with it (the blocking keeps a large archive from comparing
    # every pair of names).
    roots: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for key in keys:
        kind, country, name = key.split("|", 2)
        blocks = {(kind, country, w[:BLOCK_PREFIX]) for w in name.split()} or {(kind, country, "")}
        group = sorted({root for b in blocks for root in roots.get(b, ())})
        match = process.extractOne(name, group, scorer=name_score, score_cutoff=NAME_MATCH)
        if match:
            canonical[key] = f"{kind}|{country}|{match[0]}"
            continue
        canonical[key] = key
        for b in blocks:
            roots[b].append(name)
    for f, key in zip(partners, key_of, strict=True):
        f.values["partner_id"] = short_id("ORG", by_city_type.get(key) or canonical[key])


@dataclass(frozen=True)
class _PersonKey:
    initial: list[tuple[str, str]]  # word-initial Cyrillic letters (Елена = Jeļena)
    cyrillic: list[tuple[str, str]]  # longest first
    latin: list[tuple[str, str]]  # English digraphs, longest first
    final: re.Pattern[str]  # endings dropped after a consonant (Ivanovs = Иванов)


@cache
def _person_key() -> _PersonKey:
    data = langdata.load("contacts.json")["person_key"]
    longest = lambda d: sorted(d.items(), key=lambda kv: -len(kv[0]))  # noqa: E731
    final = langdata.alternation(data["drop_final_after_consonant"])
    return _PersonKey(longest(data["word_initial_cyrillic"]), longest(data["cyrillic"]),
                      longest(data["latin"]), re.compile(rf"(?<=[^aeiou\s])(?:{final})$"))


@lru_cache(maxsize=1 << 16)
def person_fold(name: str) -> str:
    """One spelling for a name in Latin or Cyrillic, with or without diacritics:
    'Васильева', 'Vasiļjeva' and 'Vasilyeva' -> 'vasiljeva'; 'Иванов' = 'Ivanovs' (the
    Latvian masculine -s is dropped after a consonant). The tables are in contacts.json.
    Kept per name: the ids fold every contact's names over the whole archive on every run,
    and names repeat."""
    key = _person_key()
    s = name.casefold()
    for a, b in key.initial:
        s = re.sub(rf"(?<!\w){re.escape(a)}", b, s)
    for a, b in key.cyrillic:
        s = s.replace(a, b)
    s = fold(s)
    for a, b in key.latin:
        s = s.replace(a, b)
    return " ".join(key.final.sub("", w) for w in s.split())


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
