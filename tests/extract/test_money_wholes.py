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
