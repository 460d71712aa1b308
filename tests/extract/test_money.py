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


@settings(deadline=None)  # the first example loads every extractor's language data
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


# ---------------------------------------------------------------- issue 12: kinds on real pages
# Our own sentences, one class per test, three languages each.


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a cue written after an amount is its own; a list separator ends the phrase
        ("Kopā 100 000 EUR, no tiem 80 000 EUR – ERAF un 20 000 EUR – valsts budžeta dotācija.",
         ["total", "eu", "state"]),
        ("The budget is EUR 200 000, of which EUR 170 000 comes from the ERDF and EUR 30 000 "
         "from the state budget.", ["total", "eu", "state"]),
        ("Стоимость проекта 500 000 евро, из которых 425 000 евро выделяет Европейский фонд "
         "регионального развития, а 75 000 евро – самоуправление.", ["total", "eu", "municipal"]),
        ("Darbus finansē: 40 000 EUR (85%) ERAF finansējums, 2 000 EUR (5%) valsts budžeta "
         "dotācija un 4 000 EUR (10%) Alūksnes novada domes līdzfinansējums.",
         ["eu", "state", "municipal"]),
        # the example: the cue after 'no kuriem' belongs to the part
        ("Projekta kopējās izmaksas ir 10 000 EUR, no kuriem ES atbalsts ir 90% jeb 9 000 EUR.",
         ["total", "eu"]),
        ("The project costs EUR 50 000 in total, including 90% EU co-financing, that is, "
         "EUR 45 000.", ["total", "eu"]),
    ],
)
def test_each_amount_owns_its_phrase(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a municipality's or a partner's budget, costs or share is the partner's share
        ("Mūsu pašvaldības budžets kopīgajā darbā ir 120 000 EUR.", "partner"),
        ("Projekta izmaksas Alsungas pašvaldībai ir 80 000 EUR.", "partner"),
        ("Skrundas pašvaldībai apstiprinātās izmaksas 25 000 EUR apmērā.", "partner"),
        ("Pilsētas daļa projektā – 45 000 EUR.", "partner"),
        ("The partner's budget is EUR 60 000.", "partner"),
        ("Partner budget: 41 000 EUR", "partner"),
        ("Бюджет самоуправления в проекте – 70 000 евро.", "partner"),
        ("Доля партнёра составляет 50 000 евро.", "partner"),
        ("Otrs dalībnieks ir Kuldīgas dome, kurai izmaksas ir 30 000 EUR.", "partner"),
        # ... but the budget of the council's project is the project's
        ("Daugavpils pilsētas domes projekta budžets ir 9 000 EUR.", "total"),
        # a municipality's own contribution is municipal co-financing
        ("На эти цели пойдёт собственный вклад городской думы – 30 000 евро.", "municipal"),
        ("Софинансирование местного самоуправления – 1,2 млн евро.", "municipal"),
        ("Tukuma dome – 15 000 eiro.", "municipal"),
        ("The council's contribution is EUR 12 000.", "municipal"),
        # a programme's co-financing is EU money, the state's is state money
        ("Atbalsts no mūsu kaimiņvalstu programmas līdzekļiem – 90 000 EUR.", "eu"),
        ("Programme co-funding amounts to EUR 90 000.", "eu"),
        ("Финансирование Программы составит 90 000 евро.", "eu"),
        ("Софинансирование государства – 5 000 евро.", "state"),
        ("Valsts – 2 000 eiro.", "state"),
    ],
)
def test_owner_and_head_noun(text: str, kind: str) -> None:
    (row,) = facts(text, "budgets")
    assert row["kind"] == kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a cue right after the amount is more specific than a 'total' before it
        ("Twenty ideas will share the total 4,2 million EUR of ERDF support.", ["eu"]),
        ("The committee signed a total of 6 million EUR ERDF co-funding.", ["eu"]),
        ("Kopā piešķirti 3 miljoni eiro ERAF līdzfinansējuma.", ["eu"]),
        # a conversion in parentheses is the same money
        ("Kopējās izmaksas 100 000 EUR (70 280,40 LVL).", ["total", "total"]),
        ("No tiem 90 000 EUR (63 252,36 LVL) ir ES finansējums.", ["eu", "eu"]),
        ("Grant: EUR 10 000 (LVL 7 028,04).", ["eu", "eu"]),
        # a yearly breakdown keeps the kind of the amount it divides
        ("Priekšfinansējumam paredzēts 1 000 EUR 2024. gadā un 500 EUR 2025. gadā.",
         ["prefinancing"] * 2),
        ("State co-financing: EUR 3 000 in 2021 and EUR 2 000 in 2022.", ["state"] * 2),
        ("Софинансирование государства: 3 000 евро в 2021 году и 2 000 евро в 2022 году.",
         ["state"] * 2),
        # ... a short parallel list too
        ("Дотация северному району составит 120 000 евро, южному району - 90 000 евро.",
         ["state"] * 2),
        ("Valsts dotācija skolai – 10 000 EUR, bibliotēkai – 8 000 EUR.",
         ["state"] * 2),
        # ... but not a new head noun with an unknown owner
        ("ERAF finansējums EUR 8 000 un XYZ finansējums EUR 1 000", ["eu", "other"]),
        # an amount alone in parentheses is what the thing before it costs
        ("The city rebuilt the old bridge (EUR 2 000 000).", ["total"]),
        ("Rekonstruēta sporta zāle (Ls 250 000).", ["total"]),
        ("Реконструкция стадиона (1,5 млн евро) завершена.", ["total"]),
        # money a programme allocates to projects is EU money
        ("Up to 20 million euro will be allocated to small projects of the call.", ["eu"]),
        ("На проекты программы выделено 15 млн евро.", ["eu"]),
        ("Projektiem piešķirti 3 miljoni eiro.", ["eu"]),
        # loans, increases, prizes are other money
        ("Pašvaldība ņems aizdevumu 500 000 EUR apmērā.", ["other"]),
        ("The budget was increased by EUR 20 000.", ["other"]),
        ("Город возьмёт заём в 60 000 евро.", ["other"]),
        ("Projekta kopsummas palielināšana par 5 000 EUR.", ["other"]),
        # the base of a percentage is not the amount's kind
        ("Publiskais finansējums veido 80% no kopējām izmaksām jeb 8 000 EUR.", ["eu"]),
        ("Public funding is 80% of the total costs – EUR 8 000.", ["eu"]),
        # EU bodies and funds in every case
        ("Часть в 4 млн евро покроет Европейский фонд регионального развития.", ["eu"]),
        ("Ещё 40 тысяч евро школа получит от Европейского Союза.", ["eu"]),
        ("Ar ELFLA finansējumu 17 000 EUR apmērā", ["eu"]),
        ("Caur Lauku atbalsta dienestu saņemti 7 000 EUR.", ["eu"]),
        ("Eiropas Komisija atvēlēja EUR 60 000.", ["eu"]),
        ("По линии PHARE город получил 15 тысяч евро.", ["eu"]),
        ("Средства федерального бюджета – 2,5 миллиона евро.", ["state"]),
        # 'в бюджете' (in a budget) says nothing of the kind; 'если' is not 'ЕС'
        ("Если всё пойдёт хорошо, 5 000 евро в бюджете 2025 года.", ["other"]),
    ],
)
def test_kind_classes(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # the currency declared once, then bare numbers with a kind cue
        ("Kopējās izmaksas, EUR: 500 000.00; ERAF finansējums (85%) - 425 000.00",
         [("500000", "total"), ("425000", "eu")]),
        ("Kopējās izmaksas 3 000 000 EUR. Valsts budžets – 400 000,50, ES fondi – 2 000 000,00.",
         [("3000000", "total"), ("400000.5", "state"), ("2000000", "eu")]),
        # a label line above that declares the currency
        ("Total budget of the action (EUR)\n120 000,50\nEU grant (EUR)\n96 000,40",
         [("120000.5", "total"), ("96000.4", "eu")]),
        ("Общий бюджет проекта, EUR\n250 000", [("250000", "total")]),
        # column headings of a table: the k-th number of a row is the k-th column's
        ("EU grant at most, EUR\nTotal cost at most, EUR\nSmall actions\n80 000\n100 000\n"
         "Large actions\n40 000\n50 000", [("80000", "eu"), ("100000", "total"), ("40000", "eu"),
                            ("50000", "total")]),
    ],
)
def test_numbers_whose_currency_the_text_declares(
    text: str, amounts: list[tuple[str, str]]
) -> None:
    assert [(r["amount"], r["kind"]) for r in facts(text, "budgets")] == amounts


@pytest.mark.parametrize(
    "text",
    [
        "Projektā piedalījās 1 200 dalībnieki, budžets 5 000 EUR.",
        "Ceļa posma garums 2,35 km, izmaksas 50 000 EUR.",
        "Izbūvēti 0,425 km celiņa; projekta izmaksas 90 000 EUR.",
        "Projekts Nr. 1.1.1.2/16/I/001, budžets 10 000 EUR.",
        "In 2 000 households, the budget of EUR 5 000 was spent.",
    ],
)
def test_bare_numbers_that_are_not_money(text: str) -> None:
    assert len(facts(text, "budgets")) == 1


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Overall the plan needs €2.4 million.", "2400000", "EUR"),
        ("Total budget: €310 275", "310275", "EUR"),
        ("Total budget: EUR310 275", "310275", "EUR"),
        ("The works will cost 45 000, 50 eur.", "45000.5", "EUR"),
        ("Atlikums – 12 340, eiro", "12340", "EUR"),
        ("Summa ir 98 001.35 Eur.", "98001.35", "EUR"),
        ("Biļete maksā 3.50 Eur", "3.5", "EUR"),
        ("Valsts piešķīra 4,7 miljonus latu.", "4700000", "LVL"),
        ("Budžets 12,5 tūkstošus eiro.", "12500", "EUR"),
        ("Смета – 950,5 миллионов белорусских рублей.", "950500000", "BYR"),
        ("The Danish partner adds 75 000 DKK.", "75000", "DKK"),
        ("Plāns prasīs trīs miljonus latu.", "3000000", "LVL"),
        ("The project costs two million euro.", "2000000", "EUR"),
        ("Проект стоит три миллиона евро.", "3000000", "EUR"),
    ],
)
def test_amount_forms_on_real_pages(text: str, amount: str, currency: str) -> None:
    (row,) = facts(text, "budgets")
    assert (Decimal(row["amount"]), row["currency"]) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    "text",
    ["Alsungas novadā pārbūvēs ielu.", "Если бы", "Divi tūkstoši cilvēku apmeklēja pasākumu."],
)
def test_words_that_are_not_money(text: str) -> None:
    assert facts(text, "budgets") == []


@settings(max_examples=100, deadline=None)
@given(rendered_amount(), st.sampled_from(["", " "]))
def test_symbol_glued_to_the_number_parses_back(
    case: tuple[str, Decimal, str], glue: str
) -> None:
    """'€1 234' and 'EUR1 234' as well as 'EUR 1 234'."""
    text, value, code = case
    if text[0].isdigit():  # currency after the number: move it before, glued
        number, _, currency = text.rpartition(" ")
        if not currency.isupper() and currency != "€":
            return
        text = f"{currency}{glue}{number}"
    rows = facts(f"Summa: {text}.", "budgets")
    assert [(Decimal(r["amount"]), r["currency"]) for r in rows] == [(value, code)], text


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=100, max_value=10**8),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([" ", "\u00a0", ".", ","]),
    st.sampled_from(["Total budget (EUR)", "ERDF co-financing, EUR", "Kopējās izmaksas (EUR)"]),
)
def test_labelled_bare_numbers_parse_back(whole: int, cents: int, sep: str, label: str) -> None:
    """A number alone on its line under a label that declares the currency, in any format."""
    dec = "." if sep == "," else ","
    number = _grouped(whole, sep) + f"{dec}{cents:02d}"
    rows = facts(f"{label}\n{number}", "budgets")
    assert [(Decimal(r["amount"]), r["currency"]) for r in rows] == [
        (Decimal(whole) + Decimal(cents) / 100, "EUR")
    ], number


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a table's column heading is the cue of rows that say nothing of their kind
        ("Approved projects by priority\nPriority  Projects  ERDF co-funding allocated\n"
         "Priority 1. Tourism 4 projects 1 200 000,00 EUR\n"
         "Priority 2. Environment 3 projects 900 000,00 EUR", ["eu", "eu"]),
        ("Prioritāte  Projektu skaits  Piešķirtais ERAF finansējums\n"
         "1. Tūrisms 4 projekti 1 200 000 EUR\n2. Vide 3 projekti 900 000 EUR", ["eu", "eu"]),
        ("Приоритет  Число проектов  Софинансирование ЕС\nТуризм 4 проекта 1 200 000 евро\n"
         "Экология 3 проекта 900 000 евро", ["eu", "eu"]),
        # ... but not a line of prose far above
        ("Projektu finansē ES fonds un pašvaldība, kas to apstiprināja sēdē.\n"
         "Aprīkojums 4 000 EUR", ["other"]),
        # English names the owner after the head
        ("The project costs EUR 900 000 in total; the share of Harbour Board is EUR 300 000",
         ["total", "partner"]),
        ("Budget for the Museum of Local History: EUR 12 000", ["partner"]),
        ("The budget of the Project is EUR 500 000.", ["total"]),
        # a municipality's funding that includes EU money is its share of the project
        ("Talsu pilsētas domes finansējums - 20 000 LVL, tajā skaitā ERAF finansējums 85% - "
         "17 000 LVL", ["partner", "eu"]),
        ("Council funding: EUR 50 000, including ERDF co-financing EUR 42 500",
         ["partner", "eu"]),
        # a line of a breakdown under a total cost heading names its own payer
        ("Kopējās izmaksas:\n100 000 EUR\nBanka Y – 20 000 EUR", ["total", "other"]),
    ],
)
def test_tables_owners_after_and_shares(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Бюджет проекта, который поддержала программа ТАСИС, составляет 64 тыс. евро.",
        "Projekta budžets, kas tiek īstenots ERAF programmā, ir 100 000 EUR.",
        "The project budget, which is funded by the ERDF, is EUR 100 000.",
    ],
)
def test_a_cue_inside_a_relative_clause_is_that_clauses(text: str) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == ["total"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Pilsētas daļa ir 45 000 EUR.", "partner"),
        ("Talsu pilsēta – 25 000 EUR", "municipal"),
        ("Pilsētas ielu remonta izmaksas ir 50 000 EUR.", "other"),
        ("The city's share is EUR 45 000.", "partner"),
        ("Доля города составит 45 000 евро.", "partner"),
        ("Pašvaldības jaunās skolas ēkas būvniecības izmaksas ir 900 000 EUR.", "other"),
    ],
)
def test_a_city_owns_a_share_not_every_cost(text: str, kind: str) -> None:
    (row,) = facts(text, "budgets")
    assert row["kind"] == kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # the payer named right before the amount, with or without a dash
        ("Kopējās izmaksas 20 000 EUR, no tām ERAF 17 000 EUR un pašvaldība 3 000 EUR.",
         ["total", "eu", "municipal"]),
        ("Total budget EUR 20 000 (ERDF EUR 17 000, municipality EUR 3 000).",
         ["total", "eu", "municipal"]),
        ("Бюджет 20 000 евро: ЕС – 17 000 евро, дума – 3 000 евро.", ["total", "eu", "municipal"]),
        # ... or as the subject of an allocation verb
        ("Pašvaldība piešķīra 5 000 EUR jauniešu projektiem.", ["municipal"]),
        ("Дума выделит 90 000 евро на инициативы жителей.", ["municipal"]),
        ("The council allocates EUR 40 000 to village projects.", ["municipal"]),
        # ... but not as the one who receives it
        ("ES līdzfinansējums pašvaldībai ir 5 000 EUR.", ["eu"]),
        ("The municipality received EUR 50 000 from the EU.", ["eu"]),
    ],
)
def test_the_payer(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Projekta budžets 10 000 EUR. Informācija par ES finansējumu: tālr. 67 123 456.",
        "Budget EUR 10 000. Questions on EU funding: phone 67 123 456.",
        "Бюджет 10 000 евро. О финансировании ЕС: тел. 67 123 456.",
    ],
)
def test_a_phone_number_near_a_cue_is_not_money(text: str) -> None:
    assert [r["amount"] for r in facts(text, "budgets")] == ["10000"]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # a part never inherits the kind of the whole it is part of
        ("The total cost of the project is EUR 500,000, of which the EU contributes EUR 425,000.",
         [("500000", "total"), ("425000", "eu")]),
        ("Projekta budžets ir 80 000 EUR, no tiem 68 000 EUR sedz programma.",
         [("80000", "total"), ("68000", "eu")]),
        # a new payer in the gap is not the next item of a list
        ("The grant from the Programme is EUR 90 000, the partners contribute EUR 10 000.",
         [("90000", "eu"), ("10000", "partner")]),
        # a scaled number without a currency word, the currency given by the amount before
        ("Projekta kopējās izmaksas ir 2,5 miljoni eiro, no kuriem 2,1 miljons ir ES fondu "
         "finansējums.", [("2500000", "total"), ("2100000", "eu")]),
        ("Бюджет проекта 12 млн евро, государственное софинансирование составит 3 млн.",
         [("12000000", "total"), ("3000000", "state")]),
        # ... but not a scaled count of people
        ("Projektā piedalīsies 2,5 miljoni iedzīvotāju, ES finansējums ir 10 000 EUR.",
         [("10000", "eu")]),
        # English function words do not part an owner from its head
        ("Budget of the lead partner – 400 000 EUR", [("400000", "partner")]),
        # a word inside a quoted name is not a payer
        ("Atbalsts 300 eiro apmērā piešķirts SIA “Valsts ceļi” pasākumam.", [("300", "other")]),
        # a short abbreviation only in capitals
        ("Es saņēmu 5 000 EUR.", [("5000", "other")]),
    ],
)
def test_parts_payers_and_scaled_numbers(text: str, amounts: list[tuple[str, str]]) -> None:
    assert [(r["amount"], r["kind"]) for r in facts(text, "budgets")] == amounts


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a body's budget for a year is not a project's
        ("Бюджет Валмиеры на 2024 год – 80 млн евро.", ["other"]),
        ("Pilsētas budžetā 2024. gadam ieņēmumi plānoti 90 miljonu eiro apmērā.", ["other"]),
        ("The city budget for 2024 is EUR 90 million.", ["other"]),
        ("Projekta budžets 2019.–2020. gadam ir 50 000 EUR.", ["total"]),
        # an amount in parentheses after a percentage is that share, not a thing's cost
        ("Стоимость проекта – 500 тыс. евро. Из них 90% (450 тыс. евро) выделяет программа.",
         ["total", "eu"]),
    ],
)
def test_years_budgets_and_shares_in_parentheses(text: str, kinds: list[str]) -> None:
    assert [r["kind"] for r in facts(text, "budgets")] == kinds


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Projekta budžets ir 550 EUR.", "550 EUR"),
        ("Budžets 12 000 eiro.", "12 000 eiro"),
        ("The total is EUR 12 000.", "EUR 12 000"),
        ("Бюджет 12 000 евро.", "12 000 евро"),
    ],
)
def test_the_sentence_end_is_not_part_of_the_amount(text: str, span: str) -> None:
    (row,) = facts(text, "budgets")
    assert row["text"] == span
