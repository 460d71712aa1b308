import pytest
from helpers import facts
from hypothesis import given, settings
from hypothesis import strategies as st

COUNTS = [
    ("Projektā ir iesaistīti 8 partneri no 7 valstīm.", [(8, "partners"), (7, "countries")]),
    ("dalībnieku skaits no Daugavpils ir 7 cilvēki", [(7, "people")]),
    ("izpildītas 7 pašvaldības darbinieku mobilitātes", [(7, "mobilities")]),
    ("The project involves seven partners from four countries.",
     [(7, "partners"), (4, "countries")]),
    ("Four workshops were organized.", [(4, "events")]),
    ("More than 20 participants attended.", [(20, "people")]),
    ("delegations from eight countries", [(8, "countries")]),
    ("Notika 9 starptautiski pasākumi.", [(9, "events")]),
    ("Tika organizēti četri semināri.", [(4, "events")]),
    ("Прошли четыре семинара.", [(4, "events")]),
    ("В мероприятии приняли участие 25 участников.", [(25, "people")]),
    ("Piedalījās vairāk nekā 100 brīvprātīgie.", [(100, "volunteers")]),
    ("Over 100 volunteers helped.", [(100, "volunteers")]),
    ("Festivālu apmeklēja 2000 cilvēku.", [(2000, "people")]),  # round: a count, not a year
    ("About 1900 visitors came.", [(1900, "people")]),
    ("Фестиваль посетили 2000 человек.", [(2000, "people")]),
    ("Tajā piedalījās 12 skolēni.", [(12, "people")]),
    ("12 municipalities joined the network.", [(12, "organizations")]),
    ("Участвовали представители пяти стран.", [(5, "countries")]),
    ("15 mobilities are planned.", [(15, "mobilities")]),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS)
def test_counts(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected


def test_qualifier_kept_in_column() -> None:
    (row,) = facts("More than 20 participants attended.", "participants")
    assert row["qualifier"] == "more_than" and row["text"] == "More than 20 participants"


@pytest.mark.parametrize(
    "text",
    [
        "The 7th meeting of partners was held.",
        "Septītā partneru tikšanās notika Itālijā.",
        "Eiropas Savienības programmas 2.darbības projekts",
        "2018 participants' reports",
        "In 2000 participants from Latvia joined the network.",
        "В 2000 участники из Латвии присоединились к сети.",
        "Budžets: 550 EUR partneriem",
        "Tālr: 6 54 76064",
        "Tikšanās 11.04.2018 partneriem",
        "1. Gotingena/ Vācija;",
        "tika organizētas darba grupas par četrām galvenajām projekta tēmām",
        "2nd activity of the programme",
        "15% dalībnieku",
    ],
)
def test_not_counts(text: str) -> None:
    assert facts(text, "participants") == []


# ---------------------------------------------------------------- every form, three languages
MORE_COUNTS = [
    # digits and number words with Latvian and Russian case forms
    ("Projektā piedalās divi partneri.", [(2, "partners")]),
    ("Partneri no divām valstīm.", [(2, "countries")]),
    ("Tikās pārstāvji no trim valstīm.", [(3, "countries")]),
    ("Seminārā piedalījās divdesmit pieci skolēni.", [(25, "people")]),
    ("Twenty-five pupils took part.", [(25, "people")]),
    ("В семинаре участвовали двадцать пять школьников.", [(25, "people")]),
    ("Представители трёх стран встретились в Пскове.", [(3, "countries")]),
    ("Встречи прошли в двух странах.", [(2, "countries")]),
    ("Проект объединяет пять партнёров.", [(5, "partners")]),
    # qualifiers
    ("Pasākumā piedalījās vairāk nekā 60 dalībnieku.", [(60, "people")]),
    ("About 40 guests attended the concert.", [(40, "people")]),
    ("Приняли участие более 30 представителей муниципалитетов.", [(30, "people")]),
    ("Piedalījās aptuveni 200 iedzīvotāju.", [(200, "people")]),
    ("Ожидается около 1 200 посетителей.", [(1200, "people")]),
    ("The festival attracted over 1,200 visitors.", [(1200, "people")]),
    # unit lexicon with inflections
    ("Projektā iesaistīti 35 seniori.", [(35, "people")]),
    ("Par budžetu nobalsoja 11 deputāti.", [(11, "people")]),
    ("More than 120 seniors completed the course.", [(120, "people")]),
    ("За бюджет проголосовали 11 депутатов.", [(11, "people")]),
    ("Nosūtīti 4 brīvprātīgie.", [(4, "volunteers")]),
    ("Приехали 12 волонтёров.", [(12, "volunteers")]),
    ("Piedalās 4 nosūtītājorganizācijas.", [(4, "organizations")]),
    ("Projektā ir 3 partnervalstis.", [(3, "countries")]),
    ("The network unites 14 municipalities.", [(14, "organizations")]),
    ("Сеть объединяет 14 муниципалитетов.", [(14, "organizations")]),
    ("Notika 7 mobilitātes.", [(7, "mobilities")]),
    ("Запланировано 7 мобильностей.", [(7, "mobilities")]),
    ("Tika noorganizētas 3 darbnīcas.", [(3, "events")]),
    ("Прошли 3 конференции.", [(3, "events")]),
    ("Three conferences were held.", [(3, "events")]),
    # the head noun decides: modifiers before it (lv, en), complements after it (ru)
    ("Notika četri semināri tūrisma nozares speciālistiem.", [(4, "events")]),
    ("Izveidoti 3 kopīgi industriālā mantojuma tūrisma maršruti.", [(3, "other")]),
    ("There will be 6 automatic water-quality monitoring stations.", [(6, "other")]),
    ("Piedalījās 14 partneru organizāciju pārstāvji.", [(14, "people")]),
    ("The meeting gathered 14 partner organisation representatives.", [(14, "people")]),
    ("Прошли 6 совместных мероприятий для жителей.", [(6, "events")]),
    ("Приехали 10 школьных учителей.", [(10, "people")]),
    ("Izdotas 2 000 brošūras.", [(2000, "other")]),
    ("Издано 2 000 буклетов.", [(2000, "other")]),
]


@pytest.mark.parametrize(("text", "expected"), MORE_COUNTS)
def test_more_counts(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("vairāk nekā 60 dalībnieku", "more_than"),
        ("более 30 представителей", "more_than"),
        ("over 100 volunteers", "more_than"),
        ("aptuveni 200 iedzīvotāju", "about"),
        ("около 200 жителей", "about"),
        ("at least 15 participants", "at_least"),
        ("vismaz 15 dalībnieki", "at_least"),
        ("не менее 15 участников", "at_least"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    (row,) = facts(text, "participants")
    assert row["qualifier"] == qualifier and row["text"] == text


@pytest.mark.parametrize(
    "text",
    [
        "Erasmus+ Key Action 2 strategic partnership project",
        "Eiropas Savienības programmas Nr. 3 projekti",
        "Article 5 partners shall report.",
        "Статья 5 участники",
        "Sēde notiks plkst. 16.00 dalībniekiem.",
        "2016 dalībnieki",
        "Projektā 1,5 dalībnieki",
        "На 2-м заседании участники",
        "1) partneri no Polijas",
        "3rd partners meeting",
        "Tālrunis 65 476 090 partneriem",
        "tālr. 65476090 dalībniekiem",
        "Notika 11.–14. maijs partneru tikšanās",
        "strategic partnership with 3 partnerships",
        "5 brīvprātīgo darba dienas",
    ],
)
def test_more_not_counts(text: str) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_crashes_counts(text: str) -> None:
    for row in facts(text, "participants"):
        assert row["count"] > 0 and row["unit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bibliotēkā un 2 tās filiālēs notiks nodarbības", [(2, "organizations")]),
        ("Notika 2 semināri skolotājiem.", [(2, "events")]),
        ("Piedalījās 7 skolu skolotāji.", [(7, "people")]),
        ("Darbosies 3 pašvaldību iestādes.", [(3, "organizations")]),
        ("Tika izbūvētas 4 laivu piestātnes.", [(4, "other")]),
        ("Piedalījās 46 tūrisma uzņēmēji.", [(46, "people")]),
        ("over 300 residents answered", [(300, "people")]),
    ],
)
def test_head_and_complements(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected
