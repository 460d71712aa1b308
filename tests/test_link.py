"""Linking documents into projects, and merging their facts into one projects.csv row.

The documents here are built from facts directly, so the tests pin the linking and merge rules
independently of what the extractors find.
"""

from __future__ import annotations

import random

import pytest

from pipeline.link import (
    ProjectGroup,
    _unique_ids,
    budget_key,
    compare,
    link_projects,
    linkable,
    project_id,
    title_words,
    totals_agree,
    typo_variants,
)
from pipeline.merge import merge_project
from pipeline.model import Block, Document, Fact
from pipeline.runner import DocResult


def doc(
    doc_id: str,
    *,
    doc_type: str = "press_release",
    lang: str = "lv",
    title: str = "",
    title_en: str = "",
    acronym: str = "",
    number: str = "",
    programme: str = "",
    lead: str = "",
    period: tuple[str, str] | None = None,
    events: tuple[tuple[str, str], ...] = (),
    countries: tuple[str, ...] = (),
    budgets: tuple[tuple[str, str], ...] = (),
    partners: tuple[str, ...] = (),
) -> DocResult:
    """A processed document whose facts say what the arguments say (spans into a filler text)."""
    text = "x" * 2000
    d = Document(doc_id, f"{doc_id}.txt", "", "txt", text=text, doc_type=doc_type,
                 blocks=[Block(0, len(text), "paragraph", lang)], languages=[lang])
    facts: list[Fact] = []
    pos = 0

    def add(table: str, **values: object) -> None:
        nonlocal pos
        facts.append(Fact(table, doc_id, "x" * 5, pos, pos + 5, dict(values)))
        pos += 10

    for name, value in (("title", title), ("title_en", title_en), ("acronym", acronym),
                        ("project_number", number), ("programme", programme)):
        if value:
            add("project_info", field=name, value=value)
    if lead:
        add("partners", role="lead", partner_id=f"ORG-{lead}", name_normalized=lead, country="")
    if period:
        add("dates", kind="implementation", start_date=period[0], end_date=period[1])
    for s, e in events:
        add("dates", kind="event", start_date=s, end_date=e)
    for c in countries:
        add("partner_countries", country=c)
    for name in partners:
        add("partners", role="partner", partner_id=f"ORG-{name}", name_normalized=name,
            country="")
    for kind, amount in budgets:
        add("budgets", kind=kind, amount_eur=amount, currency="EUR")
    return DocResult(d, facts)


def groups_of(results: list[DocResult]) -> set[frozenset[str]]:
    return {frozenset(g.doc_ids) for g in link_projects(results)}


def evidence_of(results: list[DocResult]) -> str:
    return " | ".join(e for g in link_projects(results) for e in g.evidence + g.apart)


def strength_without_words(results: list[DocResult]) -> int | None:
    """The pair's strength from `compare(..., why=False)` (what clustering asks), checked
    against the full decision's."""
    a, b = (linkable(r) for r in results)
    assert a is not None and b is not None
    quick = compare(a, b, why=False)
    assert quick.strength == compare(a, b).strength
    return quick.strength


LONG_EN = ("Development of innovative interactive methods for the renovation of historical parks "
           "and modernisation of tourism infrastructure in the Latgale and Vitebsk regions")
LONG_LV = ("Inovatīvu interaktīvu metožu izstrāde vēsturisko parku renovācijai un tūrisma "
           "infrastruktūras modernizācijai Latgales un Vitebskas reģionos")
LONG_RU = ("Разработка инновационных интерактивных методов реновации исторических парков и "
           "модернизации туристической инфраструктуры в Латгальском и Витебском регионах")
DIGISEN_LV = dict(title="Digitālās prasmes senioriem", programme="Erasmus+", lead="Volkshochschule",
                  events=(("2019-05-11", "2019-05-14"),), countries=("AT", "IT", "DE"))
DIGISEN_EN = dict(lang="en", title="Digital Skills for Seniors", programme="Erasmus+",
                  lead="Volkshochschule", period=("2018-09-01", "2020-08-31"),
                  countries=("AT", "IT", "DE", "LV"))


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        (dict(number="LLI-318"), dict(number="lli-318", title="Cits nosaukums"),
         "same project number 'LLI-318'"),
        (dict(acronym="EVOLAQ"), dict(acronym="Evolaq"), "same acronym"),
        (dict(acronym="HOP!"), dict(acronym="HOP"), "same acronym"),
        (dict(lang="en", title="Enhancing Volunteering Actions and Quality in Europe"),
         dict(lang="en", title="Enchancing volunteering actions and quality in Europe"),
         "differ only by typos"),
        (dict(lang="en", title="Clean Daugava: Joint Management of the Daugava River Basin"),
         dict(lang="en", title_en="Clean Daugava: Joint Managment of the Daugava River Basin"),
         "differ only by typos"),
        (dict(title="Atveriet sirdis, cilvēki!"), dict(title="„Atveriet sirdis, cilvēki”"),
         "same title"),
        (DIGISEN_LV, DIGISEN_EN, "share words (digitalas/digital, senioriem/seniors)"),
        (dict(title="Kopīgi industriālā mantojuma maršruti Latgalē un Aukštaitijā",
              lead="Panevezys", period=("2018-03-01", "2020-02-28")),
         dict(lang="en", title="Joint Industrial Heritage Routes in Latgale and Aukstaitija",
              lead="Panevezys", events=(("2018-04-11", "2018-04-11"),)),
         "same lead partner"),
        # titles translated beyond recognition: the same team and budget (a press release
        # rounds the total)
        (dict(title="Amats bez robežām", partners=("Daugavpils", "Rezekne", "Balvi", "Pskov"),
              budgets=(("total", "799740.50"),)),
         dict(lang="ru", title="Ремесло без границ", partners=("Rezekne", "Daugavpils", "Balvi"),
              budgets=(("total", "800000"),)),
         "3 partners in common (Balvi, Daugavpils, Rezekne) and total budgets agree"),
        (dict(partners=("Ludza", "Sebezh", "Ostrov"), budgets=(("total", "412000.00"),)),
         dict(lang="en", partners=("Ludza", "Sebezh", "Ostrov"),
              budgets=(("total", "412000"),)), "total budgets agree"),
        # a long descriptive title and its translation, nothing else in common (a programme's
        # English summary page and a town's news)
        (dict(title=LONG_LV), dict(lang="en", title=LONG_EN), "are one translated: 9 cognates"),
        (dict(lang="ru", title=LONG_RU), dict(lang="en", title=LONG_EN), "are one translated"),
    ],
)
def test_documents_of_one_project_are_linked(a: dict, b: dict, why: str) -> None:
    results = [doc("a", **a), doc("b", **b)]
    assert groups_of(results) == {frozenset({"a", "b"})}
    assert why in evidence_of(results)
    assert strength_without_words(results) is not None


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        # similar titles, but different projects
        (dict(lang="en", title="Youth for Europe II"),
         dict(lang="en", title="Youth for Europe III"), ""),
        (dict(lang="en", title="Digital Skills for Seniors", programme="Erasmus+", lead="DPD",
              period=("2018-01-01", "2019-12-31")),
         dict(lang="en", title="Digital Skills for Youth", programme="Erasmus+", lead="DPD",
              period=("2018-06-01", "2020-05-31")),
         "titles in one language differ"),
        (dict(lang="en", title="Clean Daugava 2019"), dict(lang="en", title="Clean Daugava 2021"),
         ""),
        # the same title, but the numbers or periods say they are two projects
        (dict(title="Kopā Eiropas nākotnei", number="LV-RU-041"),
         dict(title="Kopā Eiropas nākotnei", number="LV-RU-042"), "different project numbers"),
        (dict(acronym="TOGETHER", period=("2016-06-01", "2016-10-31")),
         dict(acronym="TOGETHER", period=("2020-01-01", "2020-12-31")),
         "periods do not overlap"),
        (dict(acronym="EVOLAQ", number="A-1"), dict(acronym="EVOLAQ", number="B-2"),
         "different project numbers"),
        # a translation alone is weak evidence; also of long titles with a few international
        # words in common (five: innovative, tourism, Latgale, Vitebsk, regions)
        (dict(title=LONG_LV),
         dict(lang="en", title="Development of innovative tourism products and services for "
                               "small museums in the Latgale and Vitebsk regions"),
         "too little else in common"),
        # the translation of a long title, but the same-language titles are two projects
        (dict(title=LONG_LV, title_en="Green yards for the children of two border towns"),
         dict(lang="en", title=LONG_EN, title_en=LONG_EN), "titles in one language differ"),
        (dict(title="Digitālās prasmes senioriem"),
         dict(lang="en", title="Digital Skills for Seniors"), "too little else in common"),
        (dict(title="Digitālās prasmes senioriem", programme="Erasmus+"),
         dict(lang="en", title="Digital Skills for Seniors", programme="Erasmus+"),
         "too little else in common (same programme 'Erasmus+')"),
        # twin towns that work together on many projects: the same programme, lead partner,
        # partner countries and overlapping periods, but nothing names one project
        (dict(programme="Latvia–Russia", lead="Ludza", countries=("LV", "RU"),
              period=("2019-01-01", "2021-06-30")),
         dict(lang="en", programme="Latvia–Russia", lead="Ludza", countries=("LV", "RU"),
              period=("2020-03-01", "2022-02-28")), ""),
        # a title translated without a shared word: the same lead partner, partner countries
        # and a rounded total are what another project of the same lead can share too
        (dict(title="Upes bez robežām", lead="Region", countries=("LV", "RU"),
              budgets=(("total", "799740.50"),)),
         dict(lang="ru", title="Реки без границ", lead="Region", countries=("LV", "RU"),
              budgets=(("total", "800000"),)), ""),
        # the same team on another project: a budget of its own
        (dict(partners=("Daugavpils", "Rezekne", "Balvi"), budgets=(("total", "799740.50"),)),
         dict(lang="ru", partners=("Daugavpils", "Rezekne", "Balvi"),
              budgets=(("total", "760000"),)), ""),
        # two exact totals must be equal: neither is a rounding of the other
        (dict(partners=("Daugavpils", "Rezekne", "Balvi"), budgets=(("total", "799740.50"),)),
         dict(lang="en", partners=("Daugavpils", "Rezekne", "Balvi"),
              budgets=(("total", "801120.30"),)), "but total budgets differ"),
        # two organisations in common are what twin towns share on every project
        (dict(partners=("Daugavpils", "Rezekne"), budgets=(("total", "799740.50"),)),
         dict(lang="ru", partners=("Daugavpils", "Rezekne"), budgets=(("total", "800000"),)),
         ""),
        # the same team and budget, but the titles in one language are two projects
        (dict(lang="en", title="Green parks", partners=("Daugavpils", "Rezekne", "Balvi"),
              budgets=(("total", "500000"),)),
         dict(lang="en", title="Open museums", partners=("Daugavpils", "Rezekne", "Balvi"),
              budgets=(("total", "500000"),)), "but their titles in one language differ"),
        # a programme named only by its kind and period is shared by many projects
        (dict(title="Zaļie parki", programme="Cross-border Cooperation Programme 2014-2020",
              lead="Town", countries=("LV", "RU")),
         dict(lang="en", title="Open museums", lead="Town", countries=("LV", "RU"),
              programme="Cross-border Cooperation Programme 2014-2020"), ""),
        # same programme and lead partner, but nothing in the titles
        (dict(title="Sporta laukumi skolās", programme="Erasmus+", lead="DPD"),
         dict(lang="en", title="Digital Skills for Seniors", programme="Erasmus+", lead="DPD"),
         ""),
    ],
)
def test_different_projects_stay_apart(a: dict, b: dict, why: str) -> None:
    results = [doc("a", **a), doc("b", **b)]
    assert groups_of(results) == {frozenset({"a"}), frozenset({"b"})}
    assert why in evidence_of(results)
    assert strength_without_words(results) is None


def test_a_chain_of_links_cannot_join_two_project_numbers() -> None:
    title = "Kopīgi industriālā mantojuma maršruti"
    results = [doc("a", number="LLI-1", title=title), doc("b", title=title),
               doc("c", number="LLI-2", title=title)]
    groups = groups_of(results)
    assert frozenset({"a", "c"}) not in groups and not any({"a", "c"} <= g for g in groups)
    assert "different project numbers" in evidence_of(results)


def test_a_document_that_names_no_project() -> None:
    results = [doc("budget_news", doc_type="other"), doc("press", doc_type="press_release")]
    assert groups_of(results) == {frozenset({"press"})}


def test_failed_documents_belong_to_no_project() -> None:
    r = doc("broken", number="LLI-318")
    r.doc.status = "failed"
    assert groups_of([r, doc("ok", number="LLI-318")]) == {frozenset({"ok"})}


def test_ids_and_groups_do_not_depend_on_input_order() -> None:
    results = [doc("a", number="N-1"), doc("b", number="N-1"), doc("c", acronym="HOP!"),
               doc("d", acronym="HOP"), doc("e", **DIGISEN_LV), doc("f", **DIGISEN_EN)]
    expected = [(g.project_id, g.doc_ids, g.evidence) for g in link_projects(results)]
    for seed in range(5):
        shuffled = results[:]
        random.Random(seed).shuffle(shuffled)
        got = [(g.project_id, g.doc_ids, g.evidence) for g in link_projects(shuffled)]
        assert got == expected


def test_a_project_keeps_its_id_while_documents_join_or_leave_it() -> None:
    """The id follows the project's first document: a press release added to (or removed
    from) the archive does not rename the project an analyst already refers to."""
    def project_of(results: list[DocResult], doc_id: str) -> str:
        return next(g.project_id for g in link_projects(results) if doc_id in g.doc_ids)

    base = [doc("2015/a", number="LLI-9"), doc("2016/b", number="LLI-9"),
            doc("2014/other", number="LLI-10")]
    before = project_of(base, "2015/a")
    assert project_of([*base, doc("2017/c", number="LLI-9")], "2015/a") == before
    assert project_of(base[:1] + base[2:], "2015/a") == before
    assert before != project_of(base, "2014/other")
    # a new first document gives the project a new id (the id is never shared: groups are
    # disjoint)
    assert project_of([*base, doc("2013/z", number="LLI-9")], "2015/a") != before


def test_colliding_project_ids_get_longer() -> None:
    """Two first documents whose 8-digit hashes collide (forced here) get longer ids."""
    groups = [ProjectGroup("P-00000000", ["2015/a"], [], []),
              ProjectGroup("P-00000000", ["2016/b"], [], []),
              ProjectGroup("P-11111111", ["2017/c"], [], [])]
    _unique_ids(groups)
    ids = [g.project_id for g in groups]
    assert len(set(ids)) == 3
    assert ids[0] == project_id(["2015/a"], 12) and ids[2] == "P-11111111"


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (799740.5, 800000.0, True),  # rounded to thousands
        (799740.5, 799740.5, True),
        (1250000.0, 1243512.0, True),
        (799740.5, 801120.3, False),  # two exact figures
        (799740.5, 760000.0, False),  # a round figure too far away (5%)
        (10500.0, 10000.0, False),
    ],
)
def test_totals_agree(a: float, b: float, agree: bool) -> None:
    assert totals_agree(a, b) is agree
    assert totals_agree(b, a) is agree


def test_budget_key_blocks_a_total_with_its_rounding() -> None:
    assert budget_key(799740.5) == budget_key(800000.0)
    assert budget_key(412000.0) != budget_key(800000.0)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Enhancing Volunteering Actions", "Enchancing volunteering actions", True),
        ("Joint Management of the Basin", "Joint Managment of the Basin", True),
        ("Kvalitatīva brīvprātīgā darba", "Kvalitativa brivpratiga darba", True),
        ("Youth for Europe II", "Youth for Europe III", False),
        ("Youth for Europe", "Youth for Europe 2", False),
        ("Clean Daugava", "Clean Venta", False),
        ("Digital Skills for Seniors", "Digital Skills for Youth", False),
        ("Open Schools", "Open Schools for Europe", False),
    ],
)
def test_typo_variants(a: str, b: str, same: bool) -> None:
    assert typo_variants(tuple(title_words(a)), tuple(title_words(b))) is same


def merged(*results: DocResult):
    groups = link_projects(list(results))
    assert len(groups) == 1
    return merge_project(list(results), groups[0])


def test_merge_prefers_the_project_description_and_reports_the_other_value() -> None:
    m = merged(
        doc("a_press", acronym="MUSICSWAP", budgets=(("total", "35000"),)),
        doc("b_desc", doc_type="project_description", acronym="MUSICSWAP",
            budgets=(("total", "30000"), ("eu", "25500"))),
    )
    assert m.row["total_eur"] == "30000" and m.row["eu_eur"] == "25500"
    [d] = m.disagreements
    assert (d.field, d.chosen.doc_id, d.other.doc_id) == ("total_eur", "b_desc", "a_press")


def test_merge_majority_among_equals_then_doc_order() -> None:
    m = merged(doc("a", acronym="X", programme="Erasmus+"), doc("b", acronym="X",
               programme="Europe for Citizens"), doc("c", acronym="X", programme="Erasmus+"))
    assert m.row["programme"] == "Erasmus+"
    assert [d.other.shown for d in m.disagreements] == ["Europe for Citizens"]
    m = merged(doc("a", acronym="X", programme="Nordplus"), doc("b", acronym="X",
               programme="Erasmus+"))
    assert m.row["programme"] == "Nordplus"


def test_merge_titles_by_language_and_rounding_is_agreement() -> None:
    m = merged(
        doc("a", acronym="DS", title="Digitālās prasmes senioriem",
            budgets=(("total", "263980"),)),
        doc("b", acronym="DS", lang="en", title="Digital Skills for Seniors",
            budgets=(("total", "263980.4"),)),
    )
    assert (m.row["title"], m.row["title_en"]) == ("Digitālās prasmes senioriem",
                                                   "Digital Skills for Seniors")
    assert m.disagreements == []
    assert m.row["doc_ids"] == "a;b"


def test_two_amounts_for_one_line_in_a_document() -> None:
    """The first amount of a line is the project's; validate.budget judges the second."""
    m = merged(doc("a", budgets=(("total", "20000"), ("total", "25000"), ("partner", "100"),
                                 ("partner", "200"))))
    assert m.row["total_eur"] == "20000"
    assert m.row["partner_eur"] == "300"  # partners' shares add up


def test_evidence_of_a_large_project_stays_small() -> None:
    """Six documents with one acronym: five links join them, the other ten pairs are counted."""
    docs = [doc(f"d{i}", acronym="EVOLAQ") for i in range(6)]
    (group,) = link_projects(docs)
    joins = [e for e in group.evidence if " ~ " in e]
    assert len(joins) == 5 and all(e.endswith("same acronym 'EVOLAQ'") for e in joins)
    assert group.evidence[-1] == "10 more pair(s) of these documents agree"


def test_many_documents_sharing_a_title_are_clustered_not_paired(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past ALL_PAIRS_MAX documents on one key, the candidates grow linearly (each document
    against a few members of each cluster), and the groups are those of comparing every pair:
    two projects of one title, told apart by their numbers, and the press releases of each."""
    import pipeline.link as link

    def archive(n: int) -> list[DocResult]:
        title = "Kopīgi industriālā mantojuma maršruti"
        results = [doc(f"d{i:03d}", title=title, number=f"LLI-{i % 2}",
                       doc_type="project_description") for i in range(n)]
        return results + [doc(f"p{i:03d}", title=title, acronym=f"IND{i % 2}") for i in range(n)]

    def candidates(results: list[DocResult]) -> list[tuple[int, int]]:
        profiles = [p for r in results if (p := link.linkable(r)) is not None]
        return link.candidate_pairs(sorted(profiles, key=lambda p: p.doc_id))

    results = archive(60)
    clustered, grouped = candidates(results), groups_of(results)
    assert len(grouped) == 2
    assert len(candidates(archive(120))) < 2.5 * len(clustered)  # linear, not quadratic
    monkeypatch.setattr(link, "ALL_PAIRS_MAX", 10**6)
    assert len(candidates(results)) == 120 * 119 // 2  # the title alone pairs them all
    assert len(clustered) < 120 * 119 // 2 / 3
    assert groups_of(results) == grouped


def test_clustering_stays_linear_when_documents_sharing_a_key_do_not_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The README says linking "stays linear" past ALL_PAIRS_MAX documents on one key."""
    import pipeline.link as link

    calls = 0
    real = link.compare

    def counted(a: link.Profile, b: link.Profile, why: bool = True) -> link.Decision:
        nonlocal calls
        calls += 1
        return real(a, b, why)

    monkeypatch.setattr(link, "compare", counted)
    n = 400
    profiles = [link.Profile(f"d{i:04d}", numbers={f"N-{i}": f"N-{i}"}, acronyms={"ESF": "ESF"})
                for i in range(n)]
    link.candidate_pairs(profiles)
    assert calls <= 10 * link.CLUSTER_PROBES * n, calls  # n * n / 2 = 80,000 here
