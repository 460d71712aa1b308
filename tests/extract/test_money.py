from decimal import Decimal

import pytest
from helpers import facts
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.money import parse_number

# (text, amount, currency, amount_eur) — converted by hand: LVL / 0.702804
AMOUNTS = [
    ("Projekta budžets sastāda 550 EUR.", "550", "EUR", "550"),
    ("Kopējās izmaksas: 266 648,91 EUR", "266648.91", "EUR", "266648.91"),
    ("Total budget: EUR 1 234 567", "1234567", "EUR", "1234567"),
    ("ERAF finansējums 81 900 eiro apmērā.", "81900", "EUR", "81900"),
    ("Finansējums € 12,5 tūkst.", "12500", "EUR", "12500"),
    ("The investment is 193,5 million EUR.", "193500000", "EUR", "193500000"),
    ("Budžets 8,6 milj. latu.", "8600000", "LVL", "12236697.57"),
    ("Līdzfinansējums Ls 12 000.", "12000", "LVL", "17074.460"),
    ("It cost 50.5 million lats.", "50500000", "LVL", "71855026.44"),
    ("Бюджет 8,6 млн латов.", "8600000", "LVL", "12236697.57"),
    ("Общая стоимость 30 894 567.00 евро.", "30894567", "EUR", "30894567"),
    ("Выделено 50 тысяч евро.", "50000", "EUR", "50000"),
    ("Amount 1.234.567,50 EUR", "1234567.5", "EUR", "1234567.5"),
    ("Amount 1,234,567.50 EUR", "1234567.5", "EUR", "1234567.5"),
    ("Summa 12 500 EUR", "12500", "EUR", "12500"),
    ("The grant is 2,5 mljrd. EUR", "2500000000", "EUR", "2500000000"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "eur"), AMOUNTS)
def test_amount_forms(text: str, amount: str, currency: str, eur: str) -> None:
    (row,) = facts(text, "budgets")
    assert Decimal(row["amount"]) == Decimal(amount)
    assert row["currency"] == currency
    assert abs(Decimal(row["amount_eur"]) - Decimal(eur)) < Decimal("0.01")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Projekta kopējās izmaksas: 550 EUR", "total"),
        ("ES līdzfinansējums 350 EUR", "eu"),
        ("ERAF finansējums 81 900 eiro", "eu"),
        ("Domes līdzfinansējums 200 EUR", "municipal"),
        ("Pašvaldības līdzfinansējums – 1 500 EUR", "municipal"),
        ("Domes priekšfinansējums – 350 EUR", "prefinancing"),
        ("Valsts budžeta finansējums 5 000 EUR", "state"),
        ("Total budget: EUR 100 000", "total"),
        ("ERDF co-financing: EUR 85 000 (85%)", "eu"),
        ("Municipal co-financing: 15 000 EUR", "municipal"),
        ("Общая стоимость проекта 100 000 евро", "total"),
        ("Daugavpils pilsētas domes projekta budžets sastāda 550 EUR", "total"),
        ("Pilsēta nopirka autobusu par 90 000 EUR.", "other"),
    ],
)
def test_kind_from_context(text: str, kind: str) -> None:
    (row,) = facts(text, "budgets")
    assert row["kind"] == kind


def test_percent_kept_beside_amount_and_never_an_amount() -> None:
    (row,) = facts("ERDF co-financing: EUR 85 000 (85%)", "budgets")
    assert row["percent"] == "85"
    assert facts("ES finansējums sedz 85% un 14,3% izmaksu.", "budgets") == []


@pytest.mark.parametrize("text", ["Tālr: 6 54 76064", "2014-2020", "LV-RU-023", "tikai 85%"])
def test_not_money(text: str) -> None:
    assert facts(text, "budgets") == []


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([" ", "\u00a0", ".", ","]),
)
def test_number_formats_round_trip(whole: int, cents: int, thousands: str) -> None:
    decimal_sep = "," if thousands in (".", " ", "\u00a0") else "."
    grouped = f"{whole:,}".replace(",", thousands)
    text = f"{grouped}{decimal_sep}{cents:02d}"
    assert parse_number(text) == Decimal(whole) + Decimal(cents) / 100


@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    facts(text, "budgets")
