"""Budget kinds from the shape of the sentence: a whole followed by its EU part, a 'total'
that counts things, sums over many projects. Our own invented sentences."""

import pytest
from helpers import facts


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["kind"]) for r in facts(text, "budgets")]


WHOLES = [
    ("Skolas sporta laukuma atjaunošanai paredzēti 80 000 EUR, no kuriem ERAF līdzfinansējums "
     "ir 68 000 EUR.", [("80 000 EUR", "total"), ("68 000 EUR", "eu")]),
    ("Iekārtas plānots iegādāties 5 400,00 EUR apmērā. No šīs summas ELFLA finansējums ir "
     "4 860,00 EUR.", [("5 400,00 EUR", "total"), ("4 860,00 EUR", "eu")]),
    ("The new cycle path will cost EUR 950 000, of which ERDF funding is EUR 807 500.",
     [("EUR 950 000", "total"), ("EUR 807 500", "eu")]),
    ("На ремонт набережной потратят 2,1 млн евро, из них средства ЕС – 1,8 млн евро.",
     [("2,1 млн евро", "total"), ("1,8 млн евро", "eu")]),
]


@pytest.mark.parametrize(("text", "expected"), WHOLES)
def test_an_amount_whose_eu_part_follows_is_the_whole(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _kinds(text) == expected


COUNTED_TOTALS = [
    ("In total 18 projects were approved with an allocation of 6 million euro under the "
     "second call of the Programme.", "eu"),
    ("Kopā 12 projektiem piešķirti 300 000 EUR programmas konkursā.", "eu"),
]


@pytest.mark.parametrize(("text", "kind"), COUNTED_TOTALS)
def test_a_total_word_that_counts_things_gives_no_kind(text: str, kind: str) -> None:
    assert [k for _, k in _kinds(text)] == [kind]


MANY_PROJECTS = [
    "Šogad iesniegti 14 projekti ar kopējo pieprasīto summu 410 000 EUR.",
    "The committee received 9 projects with a total budget of EUR 2 300 000.",
    "На конкурс поданы 23 проекта, общая стоимость которых – 1,2 млн евро.",
]


@pytest.mark.parametrize("text", MANY_PROJECTS)
def test_a_total_over_several_counted_projects_is_other(text: str) -> None:
    assert [k for _, k in _kinds(text)] == ["other"]


@pytest.mark.parametrize(
    "text",
    [
        "Projekta kopējās izmaksas ir 120 000 EUR.",
        "The project's total budget is EUR 640 000; the partners are 4 municipalities.",
        "Общая стоимость проекта – 900 тысяч евро.",
    ],
)
def test_one_projects_total_stays_total(text: str) -> None:
    assert [k for _, k in _kinds(text)] == ["total"]


HEADING_OWNERS = [
    # a bare co-financing line under a heading that names the payer
    ("Novada pašvaldības ieguldījums:\nPriekšfinansējums – 800 EUR (2022)\n"
     "Līdzfinansējums – 450 EUR (2022) un 120 EUR (2023)\n",
     [("800 EUR", "prefinancing"), ("450 EUR", "municipal"), ("120 EUR", "municipal")]),
    ("Municipal co-financing:\nCo-financing: EUR 3 200\n", [("EUR 3 200", "municipal")]),
    ("Софинансирование самоуправления:\nСофинансирование – 5 000 евро\n",
     [("5 000 евро", "municipal")]),
    ("Partneru līdzfinansējums:\nLīdzfinansējums – 700 EUR\n", [("700 EUR", "partner")]),
]


@pytest.mark.parametrize(("text", "expected"), HEADING_OWNERS)
def test_a_bare_co_financing_line_takes_the_payer_of_its_heading(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _kinds(text) == expected


NO_HEADING_OWNER = [
    # the heading names no payer, a line of prose ends the heading's lines, a sentence is no heading
    "Finansējums:\nLīdzfinansējums – 450 EUR\n",
    "Pašvaldības līdzfinansējums:\nPar to lēma dome.\nLīdzfinansējums – 450 EUR\n",
    "Pašvaldība sniedza līdzfinansējumu 2021. gadā.\nLīdzfinansējums – 450 EUR\n",
]


@pytest.mark.parametrize("text", NO_HEADING_OWNER)
def test_no_payer_without_a_heading_that_names_it(text: str) -> None:
    assert [k for _, k in _kinds(text)] == ["other"]


SEPARATOR_INSIDE_CUE = [
    ("Projekta budžets: 500 000 EUR (t.sk. 400 000 EUR ERAF finansējums un 100 000 EUR "
     "valsts un pašu līdzfinansējums).",
     [("500 000 EUR", "total"), ("400 000 EUR", "eu"), ("100 000 EUR", "other")]),
    # the separator still ends the phrase when the words after it are another amount's
    ("ERAF finansējums ir 400 000 EUR un valsts līdzfinansējums 100 000 EUR.",
     [("400 000 EUR", "eu"), ("100 000 EUR", "state")]),
    ("The project costs EUR 90 000 and state co-financing covers EUR 9 000.",
     [("EUR 90 000", "total"), ("EUR 9 000", "state")]),
    ("Бюджет проекта 70 000 евро и государственное софинансирование 7 000 евро.",
     [("70 000 евро", "total"), ("7 000 евро", "state")]),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATOR_INSIDE_CUE)
def test_a_cue_after_the_amount_may_hold_a_separator_word(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _kinds(text) == expected


ALLOCATED_AGAIN = [
    # a month or a recipient is no giver of its own
    ("The European Union allocated EUR 4 million for the first bridge, and EUR 1.5 million "
     "was allocated in June for the second bridge.",
     [("EUR 4 million", "eu"), ("EUR 1.5 million", "eu")]),
    ("ЕС выделил 5 млн евро на дороги. На школы Литве выделили ещё 2 млн евро.",
     [("5 млн евро", "eu"), ("2 млн евро", "eu")]),
    ("The European Union allocated EUR 4 million when the committee approved the first bridge, "
     "and EUR 1.5 million was allocated later when the committee approved the second bridge.",
     [("EUR 4 million", "eu"), ("EUR 1.5 million", "eu")]),
    ("ES fondi piešķīra 3 miljonus eiro ielu pārbūvei Vecajā tiltā un parkā. "
     "Skolas jumta nomaiņai pēc tam piešķīra vēl 400 000 eiro.",
     [("3 miljonus eiro", "eu"), ("400 000 eiro", "eu")]),
    ("Государство выделило 2 млн евро на ремонт дорог и мостов в приграничных волостях края. "
     "На ремонт школы выделили ещё 300 тысяч евро.",
     [("2 млн евро", "state"), ("300 тысяч евро", "state")]),
]


@pytest.mark.parametrize(("text", "expected"), ALLOCATED_AGAIN)
def test_a_second_allocation_keeps_the_funder(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text) == expected


NOT_ALLOCATED_AGAIN = [
    # a payer covering the rest, a new paragraph, a sentence between, a first amount not allocated
    ("The European Union granted EUR 4 million for the reconstruction of the old river bridge. "
     "The remaining EUR 700 000 is covered by the owner of the bridge.",
     [("EUR 4 million", "eu"), ("EUR 700 000", "other")]),
    ("ES fondi piešķīra 3 miljonus eiro ielu pārbūvei Vecajā tiltā un parkā.\n"
     "Skolas jumta nomaiņai pēc tam piešķīra vēl 400 000 eiro.",
     [("3 miljonus eiro", "eu"), ("400 000 eiro", "other")]),
    ("Государство выделило 2 млн евро на ремонт дорог и мостов в приграничных волостях края. "
     "Работы начнутся весной. На ремонт школы выделили ещё 300 тысяч евро.",
     [("2 млн евро", "state"), ("300 тысяч евро", "other")]),
    # another giver named: a country, a quoted society
    ("The EU allocated EUR 9 million for the new bridge. Latvia allocated EUR 3 million.",
     [("EUR 9 million", "eu"), ("EUR 3 million", "other")]),
    ("ES piešķīra 9 miljonus eiro. Biedrība „Zaļā sēta” piešķīra 3 tūkstošus eiro.",
     [("9 miljonus eiro", "eu"), ("3 tūkstošus eiro", "other")]),
    ("ERDF co-financing of the cycle path along the whole river bank is EUR 900 000. "
     "For the new playground EUR 60 000 was allocated as well.",
     [("EUR 900 000", "eu"), ("EUR 60 000", "other")]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_ALLOCATED_AGAIN)
def test_no_funder_carried_over_otherwise(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text) == expected
