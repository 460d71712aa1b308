"""A number without its noun after an ellipsis marker and a qualifier ('(at least 2 abroad)')
counts the unit of the count before it. Our own invented sentences."""

import pytest
from helpers import facts

CASES = [
    ("We plan 6 study visits (not less than 2 abroad).", [(6, "events"), (2, "events")]),
    ("The club trained 40 pupils (including at least 12 from Tartu).",
     [(40, "people"), (12, "people")]),
    ("Sarīkoti 8 semināri (vismaz 3 Rēzeknē).", [(8, "events"), (3, "events")]),
    ("Piedalījās 30 dalībnieki, tai skaitā vismaz 10 no Igaunijas.",
     [(30, "people"), (10, "people")]),
    ("Проведено 5 семинаров (не менее 2 в Пскове).", [(5, "events"), (2, "events")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_qualified_elliptic_number_takes_the_unit_before_it(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The meeting lasted 3 hours (not less than 2 hours of work).",
        "Projekts ilgs 24 mēnešus (vismaz 2 gadus).",
    ],
)
def test_measures_are_not_counted(text: str) -> None:
    assert facts(text, "participants") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В празднике участвуют два города-побратима.", [(2, "partners")]),
        ("Встретились представители пяти городов-побратимов.", [(5, "partners")]),
        ("Письма отправили трём городам-побратимам.", [(3, "partners")]),
        ("Соглашение подписали четыре города-близнеца.", [(4, "partners")]),
    ],
)
def test_twin_cities_are_partners(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected
