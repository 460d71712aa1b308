"""Money misfires found by probing with invented pages (2026-12-04): whole amounts ending in
',-' ('120 000,- EUR' was missed), the scale abbreviation 'mlj.' ('EUR 1,5 mlj.' read 1.5 EUR),
the short scale letters after a currency ('€1.2m' read 1.2 EUR) and amounts written with two
scale words ('2 млн 300 тыс. евро' read as two amounts). Our own invented sentences."""

from decimal import Decimal

import pytest
from helpers import facts
from hypothesis import given, settings
from hypothesis import strategies as st


def _amounts(text: str) -> list[tuple[str, str]]:
    return [(r["amount"], r["currency"]) for r in facts(text, "budgets")]


WHOLE_DASH = [
    ("Projekta kopējās izmaksas ir 120 000,- EUR.", [("120000", "EUR")]),
    ("Projekta kopējās izmaksas ir 120 000.- EUR.", [("120000", "EUR")]),
    ("Līdzfinansējums – 4 500,– eiro.", [("4500", "EUR")]),
    ("Projekta kopējās izmaksas ir EUR 120 000,-, no tām ERAF 102 000,- EUR.",
     [("120000", "EUR"), ("102000", "EUR")]),
    ("Стоимость работ – 56 000,- евро.", [("56000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE_DASH)
def test_whole_amount_with_a_dash(text: str, expected: list) -> None:
    assert _amounts(text) == expected


SCALES = [
    ("Projekta kopējās izmaksas ir 1,5 mlj. EUR.", [("1500000", "EUR")]),
    ("Projekta kopējās izmaksas ir EUR 1,5 mlj.", [("1500000", "EUR")]),
    ("Kopējās izmaksas – 0,8 mlj eiro.", [("800000", "EUR")]),
    ("The total budget of the project is €1.2m.", [("1200000", "EUR")]),
    ("The ERDF contributes EUR 3 mn to the project.", [("3000000", "EUR")]),
    ("The grant of £2.5m was approved.", [("2500000", "GBP")]),
]


@pytest.mark.parametrize(("text", "expected"), SCALES)
def test_scale_abbreviations(text: str, expected: list) -> None:
    assert _amounts(text) == expected


# 'm' is a scale only right after an amount that a currency opens: elsewhere it is metres
NOT_SCALED = [
    ("The new bridge is 120 m long and cost EUR 2.5 million.", [("2500000", "EUR")]),
    ("The path of 5 m width costs 300 EUR.", [("300", "EUR")]),
    ("Celiņa garums 250 m, izmaksas 12 000 EUR.", [("12000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SCALED)
def test_metres_are_no_scale(text: str, expected: list) -> None:
    assert _amounts(text) == expected


COMPOUND = [
    ("Общая стоимость проекта – 2 млн 300 тыс. евро.", [("2300000", "EUR")]),
    ("Projekta kopējās izmaksas – 1 milj. 250 tūkst. eiro.", [("1250000", "EUR")]),
    ("Budžets – 3 milj. 50 tūkst. EUR.", [("3050000", "EUR")]),
    ("The total cost is 4 million 200 thousand euro.", [("4200000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), COMPOUND)
def test_two_scale_words_make_one_amount(text: str, expected: list) -> None:
    assert _amounts(text) == expected


# two amounts, each with its currency, or scales in the wrong order, stay apart
NOT_COMPOUND = [
    ("Piešķirti 2 milj. eiro un 300 tūkst. eiro.", [("2000000", "EUR"), ("300000", "EUR")]),
    ("Summa 12,5 tūkst. EUR un 5 tūkst. EUR.", [("12500", "EUR"), ("5000", "EUR")]),
    ("Бюджет – 300 тыс. 2 млн евро.", [("300000", "EUR"), ("2000000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), NOT_COMPOUND)
def test_separate_amounts_stay_apart(text: str, expected: list) -> None:
    assert _amounts(text) == expected


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 999), st.integers(1, 999),
    st.sampled_from([("млн", "тыс.", "евро"), ("milj.", "tūkst.", "eiro"),
                     ("million", "thousand", "euro"), ("mln", "tūkst.", "EUR")]),
)
def test_property_compound_amount(big: int, small: int, words: tuple[str, str, str]) -> None:
    million, thousand, currency = words
    text = f"Kopējās izmaksas ir {big} {million} {small} {thousand} {currency}."
    rows = facts(text, "budgets")
    assert [Decimal(r["amount"]) for r in rows] == [Decimal(big * 1_000_000 + small * 1_000)]


@settings(max_examples=80, deadline=None)
@given(st.integers(100, 9_999_999), st.sampled_from([",-", ".-", ",–"]),
       st.sampled_from(["EUR", "eiro", "евро"]))
def test_property_whole_amount_dash(value: int, dash: str, currency: str) -> None:
    grouped = f"{value:,}".replace(",", " ")
    rows = facts(f"Projekta kopējās izmaksas ir {grouped}{dash} {currency}.", "budgets")
    assert [Decimal(r["amount"]) for r in rows] == [Decimal(value)]


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(r["amount"], r["kind"]) for r in facts(text, "budgets")]


# the amount's own phrase names who pays it: that beats a cue of the phrase before it
PAYER_AFTER = [
    ("The total project costs are 980 000 euro; EU co-financing amounts to EUR 833 000, the "
     "remaining 15% (147 000 euro) is covered by the municipality.",
     [("980000", "total"), ("833000", "eu"), ("147000", "municipal")]),
    ("Projekta kopējās izmaksas ir 980 000 EUR, no tām ES līdzfinansējums – 833 000 EUR, bet "
     "atlikušos 147 000 EUR sedz pašvaldība.",
     [("980000", "total"), ("833000", "eu"), ("147000", "municipal")]),
    ("Общая стоимость проекта – 980 000 евро, софинансирование ЕС – 833 000 евро, остальные "
     "147 000 евро покрывает самоуправление.",
     [("980000", "total"), ("833000", "eu"), ("147000", "municipal")]),
    ("Projekta budžets ir 60 000 EUR, no tiem 6 000 EUR līdzfinansē valsts.",
     [("60000", "total"), ("6000", "state")]),
]


@pytest.mark.parametrize(("text", "expected"), PAYER_AFTER)
def test_payer_in_the_amounts_own_phrase(text: str, expected: list) -> None:
    assert _kinds(text) == expected


# a recipient (dative) pays nothing, and without a payer's verb the cue before still decides
NO_PAYER = [
    ("ES līdzfinansējums ir 833 000 EUR, un vēl 147 000 EUR piešķīra pašvaldībai.",
     [("833000", "eu"), ("147000", "eu")]),
    ("EU co-financing amounts to EUR 833 000, the remaining 147 000 euro for the municipality.",
     [("833000", "eu"), ("147000", "eu")]),
]


@pytest.mark.parametrize(("text", "expected"), NO_PAYER)
def test_no_payer_in_the_phrase(text: str, expected: list) -> None:
    assert _kinds(text) == expected


# number words of several words before a scale word ('divdesmit pieci tūkstoši eiro' read 5 000)
WORDS = [
    ("Projekta budžets ir divdesmit pieci tūkstoši eiro.", [("25000", "EUR")]),
    ("Бюджет проекта – двадцать пять тысяч евро.", [("25000", "EUR")]),
    ("Бюджет – двести пятьдесят тысяч евро.", [("250000", "EUR")]),
    ("The budget is two hundred thousand euro.", [("200000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_number_words_make_one_amount(text: str, expected: list) -> None:
    assert _amounts(text) == expected


# one number word stays one; a count word before it is no part of the amount
ONE_WORD = [
    ("Piešķirti trīs miljoni eiro.", [("3000000", "EUR")]),
    ("Trīs projekti saņēma pieci miljoni eiro.", [("5000000", "EUR")]),
    ("Два проекта получат три миллиона евро.", [("3000000", "EUR")]),
]


@pytest.mark.parametrize(("text", "expected"), ONE_WORD)
def test_single_number_words(text: str, expected: list) -> None:
    assert _amounts(text) == expected


_RU = {
    "ones": "_ один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
            "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать "
            "девятнадцать",
    "tens": "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят "
            "девяносто",
    "hundreds": "_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот "
                "девятьсот",
}
_LV = {
    "ones": "_ viens divi trīs četri pieci seši septiņi astoņi deviņi desmit vienpadsmit "
            "divpadsmit trīspadsmit četrpadsmit piecpadsmit sešpadsmit septiņpadsmit "
            "astoņpadsmit deviņpadsmit",
    "tens": "_ _ divdesmit trīsdesmit četrdesmit piecdesmit sešdesmit septiņdesmit "
            "astoņdesmit deviņdesmit",
    "hundreds": "_ simts divsimt trīssimt četrsimt piecsimt sešsimt septiņsimt astoņsimt "
                "deviņsimt",
}


def _spell(n: int, forms: dict[str, str]) -> str:
    words = {k: v.split() for k, v in forms.items()}
    h, r = divmod(n, 100)
    out = [words["hundreds"][h]] if h else []
    if r >= 20:
        out += [words["tens"][r // 10]] + ([words["ones"][r % 10]] if r % 10 else [])
    elif r:
        out += [words["ones"][r]]
    return " ".join(out)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 999), st.sampled_from([(_RU, "тысяч евро"), (_LV, "tūkstoši eiro")]))
def test_property_number_words_before_a_scale(n: int, lang: tuple[dict, str]) -> None:
    words, tail = lang
    rows = facts(f"Projekta budžets: {_spell(n, words)} {tail}.", "budgets")
    assert [Decimal(r["amount"]) for r in rows] == [Decimal(n * 1000)]


# the same amount written again in full in parentheses is the same money: the same kind
RESTATED = [
    ("The project budget amounts to EUR 1.2 million (EUR 1,200,000).",
     [("1200000", "total"), ("1200000", "total")]),
    ("Projekta kopējās izmaksas ir 1,2 milj. EUR (1 200 000 EUR), no tām ERAF 1 020 000 EUR.",
     [("1200000", "total"), ("1200000", "total"), ("1020000", "eu")]),
    ("ERAF līdzfinansējums 0,85 milj. EUR (850 000 EUR) un valsts budžets 50 000 EUR.",
     [("850000", "eu"), ("850000", "eu"), ("50000", "state")]),
    ("Бюджет проекта – 1,2 млн евро (1 200 000 евро).",
     [("1200000", "total"), ("1200000", "total")]),
]


@pytest.mark.parametrize(("text", "expected"), RESTATED)
def test_restated_amount_keeps_the_kind(text: str, expected: list) -> None:
    assert _kinds(text) == expected


# a different amount in parentheses is another part, with its own cue
def test_a_part_in_parentheses_keeps_its_own_kind() -> None:
    assert _kinds("Projekta kopējās izmaksas 100 000 EUR (ERAF 85 000 EUR).") == [
        ("100000", "total"), ("85000", "eu")]
