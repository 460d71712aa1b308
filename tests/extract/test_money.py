from decimal import Decimal

import pytest
from helpers import facts
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata
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


# ---------------------------------------------------------------- every form, three languages
# (text, amount, currency) — worked out by hand
MORE_AMOUNTS = [
    # thousands separators: space, no-break space, narrow no-break space, dot, comma
    ("Kopējās izmaksas 1 234 567 EUR", "1234567", "EUR"),
    ("Kopējās izmaksas 1\u00a0234\u00a0567 EUR", "1234567", "EUR"),
    ("Total 1\u202f234\u202f567 EUR", "1234567", "EUR"),
    ("Summa 1.234.567 EUR", "1234567", "EUR"),
    ("Total EUR 1,234,567", "1234567", "EUR"),
    # decimal comma or dot
    ("Izmaksas 266 648,91 EUR", "266648.91", "EUR"),
    ("Cost EUR 266,648.91", "266648.91", "EUR"),
    ("Стоимость 30 894 567.00 евро", "30894567", "EUR"),
    # currency before or after, symbols and words in three languages and their cases
    ("Finansējums € 12 500", "12500", "EUR"),
    ("Finansējums 12 500 €", "12500", "EUR"),
    ("Finansējums 12 500 eiro", "12500", "EUR"),
    ("Funding of 12 500 euro", "12500", "EUR"),
    ("Funding of 12 500 euros", "12500", "EUR"),
    ("Финансирование 12 500 евро", "12500", "EUR"),
    ("Budžets Ls 12 000", "12000", "LVL"),
    ("Budžets 12 000 LVL", "12000", "LVL"),
    ("Budžets 12 000 latu", "12000", "LVL"),
    ("Piešķirti 12 000 lati", "12000", "LVL"),
    ("Atvēlēts ar 12 000 latiem", "12000", "LVL"),
    ("Бюджет 12 000 латов", "12000", "LVL"),
    # scale words, abbreviated and written out, with their cases
    ("Finansējums 12,5 tūkst. EUR", "12500", "EUR"),
    ("Finansējums 12,5 tūkstoši eiro", "12500", "EUR"),
    ("Funding of 12.5 thousand EUR", "12500", "EUR"),
    ("Финансирование 12,5 тыс. евро", "12500", "EUR"),
    ("Выделено 50 тысяч евро", "50000", "EUR"),
    ("Investīcijas 8,6 milj. latu", "8600000", "LVL"),
    ("Investīcijas 8,6 miljoni eiro", "8600000", "EUR"),
    ("Investment of 193,5 million EUR", "193500000", "EUR"),
    ("Инвестиции 8,6 млн латов", "8600000", "LVL"),
    ("Инвестиции 1,2 миллиона евро", "1200000", "EUR"),
    ("Budžets 1,2 mljrd. EUR", "1200000000", "EUR"),
    ("A budget of EUR 1.2 billion", "1200000000", "EUR"),
    ("Бюджет 1,2 млрд евро", "1200000000", "EUR"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), MORE_AMOUNTS)
def test_more_amount_forms(text: str, amount: str, currency: str) -> None:
    (row,) = facts(text, "budgets")
    assert (Decimal(row["amount"]), row["currency"]) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # cue after the amount
        ("Projektam piešķirti 81 900 eiro no ERAF.", ["eu"]),
        ("The project received EUR 85 000 from the ERDF.", ["eu"]),
        ("Проект получил 85 000 евро из ЕФРР.", ["eu"]),
        # cue a clause away
        ("Projekta kopējās izmaksas, ieskaitot visus projekta partneru izdevumus un "
         "neparedzētos izdevumus, ir 1 234 567 EUR.", ["total"]),
        ("The total cost of the project, including the costs of all partners and the "
         "reserve, amounts to EUR 1 234 567.", ["total"]),
        # each amount keeps its own cue: the earlier cue belongs to the earlier amount
        ("Kopējās izmaksas 100 000 EUR, ERAF līdzfinansējums 85 000 EUR, pašvaldību "
         "līdzfinansējums 15 000 EUR.", ["total", "eu", "municipal"]),
        ("Total budget EUR 100 000, ERDF co-financing EUR 85 000, municipal co-financing "
         "EUR 15 000.", ["total", "eu", "municipal"]),
        ("Общая стоимость 100 000 евро, софинансирование ЕС 85 000 евро, софинансирование "
         "самоуправления 15 000 евро.", ["total", "eu", "municipal"]),
        # label line above the amount, with a percentage in it
        ("ENI co-financing (90%)\nEUR 1 111 110", ["eu"]),
        ("Municipal co-financing of the partners (10%)\nEUR 133 457", ["municipal"]),
        ("t.sk. pašvaldību līdzfinansējums\n26 664,89 EUR (10%)", ["municipal"]),
        ("t.sk. valsts budžeta dotācija\n13 332,45 EUR (5%)", ["state"]),
        ("Daugavpils pilsētas domes priekšfinansējums\n53 329,78 EUR", ["prefinancing"]),
        # a heading wins over a bracketed source after the amount
        ("Total budget:\nEUR 148 500 (EU lump sum grant)", ["total"]),
        ("Projekta kopējās izmaksas\n81 900 eiro (100% ES finansējums)", ["total"]),
        # grants, partner shares, pre-financing in three languages
        ("The Erasmus+ grant for the project is EUR 263 980.", ["eu"]),
        ("Partneru līdzfinansējums 4 500 EUR.", ["partner"]),
        ("Собственный вклад партнёров – 45 600,00 евро.", ["partner"]),
        ("Pre-financing by the city council: EUR 50 000.", ["prefinancing"]),
        ("Предфинансирование думы – 50 000 евро.", ["prefinancing"]),
        # a budget that is not the project's
        ("Проект поддержан в рамках первого конкурса Программы, общий бюджет которого "
         "составляет 30 894 567.00 евро.", ["other"]),
        ("The project was selected in the first call of the programme, whose total budget "
         "is EUR 30 894 567.", ["other"]),
        ("Projekts atbalstīts programmas pirmajā konkursā, kura kopējais budžets ir "
         "30 894 567 EUR.", ["other"]),
        ("Projekts, kura kopējais budžets ir 30 000 EUR, sākās maijā.", ["total"]),
        ("Pamatbudžeta ieņēmumi plānoti 50,5 milj. latu apmērā.", ["other"]),
    ],
)
def test_more_kinds(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("ERAF līdzfinansējums 226 651,57 EUR (85%)", "85"),
        ("ERDF co-financing: EUR 85 000 (85 %)", "85"),
        ("Софинансирование программы – 410 400,00 евро (90%)", "90"),
        ("ES finansējums 22 000 EUR (14,3%)", "14.3"),
    ],
)
def test_percent_column(text: str, percent: str) -> None:
    (row,) = facts(text, "budgets")
    assert row["percent"] == percent


@pytest.mark.parametrize(
    "text",
    [
        "ES līdzfinansējums sedz 85 % izmaksu.",
        "Софинансирование составляет 90%.",
        "Projekta Nr. LLI-318",
        "Projekts Nr. 2018-1-AT01-KA204-039215",
        "tālr. 65476066",
        "Programme 2014–2020",
        "Ls ir Latvijas valūta.",
        "The eur ope project",
    ],
)
def test_more_non_money(text: str) -> None:
    assert facts(text, "budgets") == []


# ---------------------------------------------------------------- property tests
_MONEY = langdata.load("money.json")
_CURRENCY_FORMS = [(f, code) for code, fs in _MONEY["currencies"].items()
                   if code in ("EUR", "LVL") for f in fs]
_SCALE_FORMS = [(f, int(k)) for k, fs in _MONEY["scales"].items() for f in fs if f != "k"]


def _grouped(whole: int, sep: str) -> str:
    return f"{whole:,}".replace(",", sep)


@st.composite
def rendered_amount(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """An amount rendered with any separator, currency form (before or after) and scale word."""
    currency, code = draw(st.sampled_from(_CURRENCY_FORMS))
    if draw(st.booleans()):
        scale_word, scale = draw(st.sampled_from(_SCALE_FORMS))
        whole = draw(st.integers(min_value=1, max_value=999))
        tenths = draw(st.integers(min_value=0, max_value=9))
        dec = draw(st.sampled_from([",", "."]))
        number = f"{whole}{dec}{tenths}" if tenths else str(whole)
        value = (Decimal(whole) + Decimal(tenths) / 10) * scale
        return f"{number} {scale_word} {currency}", value, code
    whole = draw(st.integers(min_value=1000, max_value=10**9))
    cents = draw(st.integers(min_value=0, max_value=99))
    thousands = draw(st.sampled_from([" ", "\u00a0", ".", ","]))
    dec = "." if thousands == "," else ","
    number = _grouped(whole, thousands) + (f"{dec}{cents:02d}" if cents else "")
    value = Decimal(whole) + Decimal(cents) / 100
    if draw(st.booleans()):
        return f"{currency} {number}", value, code
    return f"{number} {currency}", value, code


@settings(max_examples=150, deadline=None)
@given(rendered_amount())
def test_rendered_amounts_parse_back(case: tuple[str, Decimal, str]) -> None:
    text, value, code = case
    rows = facts(f"Summa: {text}.", "budgets")
    assert [(Decimal(r["amount"]), r["currency"]) for r in rows] == [(value, code)], text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Расходы на сборы составили 12,4 тыс. евро, из них софинансирование самоуправления – "
         "3 720 евро (30%).", ["other", "municipal"]),
        ("Costs of the camp were EUR 12 400, of which municipal co-financing EUR 3 720.",
         ["other", "municipal"]),
        ("Nometnes izmaksas 12 400 EUR, t.sk. pašvaldības līdzfinansējums 3 720 EUR.",
         ["other", "municipal"]),
        ("Daugavpils share of the budget: EUR 214 600, of which municipal co-financing "
         "EUR 32 190 (15%) and state budget co-financing EUR 21 460 (10%).",
         ["partner", "municipal", "state"]),
    ],
)
def test_a_cue_after_of_which_belongs_to_the_next_amount(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds
