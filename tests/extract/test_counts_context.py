"""Counts whose unit the context decides: a head noun cut off by the end of a page stored cut
short ('15 самоуп'), and organisation words that name the houses building works are done to
('rekonstruēt četras ... iestādes': unit other). Our own invented sentences (LV/EN/RU)."""

import pytest
from helpers import facts


def _counts(text: str) -> list[tuple[int, str]]:
    return [(r["count"], r["unit"]) for r in facts(text, "participants")]


# ------------------------------------------------------------------ the page ends mid-word
CUT_OFF = [
    ("Pasākumā piedalījās 15 dalībn", [(15, "people")]),
    ("Projektā iesaistītas 6 Zemgales pašvald", [(6, "organizations")]),
    ("Kopā notiks 5 jauni seminā", [(5, "events")]),
    ("Tīklā darbojas 9 brīvprāt", [(9, "volunteers")]),
    ("The meeting gathered 40 particip", [(40, "people")]),
    ("Partners come from 7 European coun", [(7, "countries")]),
    ("The project will set up 12 new regional cen", [(12, "other")]),  # centres or centri
    ("The project brought together 8 part", [(8, "other")]),  # partners or participants
    ("В проекте участвуют 12 самоуправ", [(12, "organizations")]),
    ("Состоялись 4 семин", [(4, "events")]),
    ("Приехали 30 молодых специа", [(30, "people")]),
    ("Working groups: 2 teams and 14 new social inclusion me", [(14, "other")]),
    # the phrase is cut after its head: counted as always
    ("Piedalījās 15 dalībnieki no", [(15, "people")]),
]


@pytest.mark.parametrize(("text", "expected"), CUT_OFF)
def test_a_head_cut_off_by_the_end_of_the_page(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert _counts(text) == expected


def test_a_cut_off_head_keeps_its_span_to_the_end() -> None:
    (row,) = facts("Сейчас работают 30 самоуп", "participants")
    assert row["text"] == "30 самоуп"


@pytest.mark.parametrize(
    "text",
    [
        "The project created 14 new",  # a whole word that begins no unit
        "Piedalījās 15 dalībn.",  # a full stop: the page did not end mid-word
        "Piedalījās 15 dalībn un citi",  # not at the end of the page
        "During the summer holidays our pupils visited 3 of the me",  # a stop word between
        "Их было 7 и ещё уча",  # a stop word between
        "Проект 3 года работает с семин",  # the number is no longer near the end
        "The budget is 5 000 EUR and the seminars for 20 ye",  # 'ye' begins no unit
        "Balsojumā par lēmumu rezultāts bija 3 par",  # a stop word, not a cut
        "The council members voted and the result was 7 in",  # a stop word, not a cut
    ],
)
def test_no_cut_off_head(text: str) -> None:
    assert _counts(text) == []


# ------------------------------------------------------------ houses under building works
BUILDINGS = [
    ("Paredzēts rekonstruēt četras pilsētas pirmsskolas izglītības iestādes.", [(4, "other")]),
    ("Šovasar divās skolās notiek renovācijas darbi.", [(2, "other")]),
    ("Pēc remonta trijos bērnudārzos būs jaunas telpas.", [(3, "other")]),
    ("Projekta gaitā tiks siltinātas 5 novada skolas.", [(5, "other")]),
    ("The project will renovate three schools in the county.", [(3, "other")]),
    ("Two kindergartens were insulated last year.", [(2, "other")]),
    ("Reconstruction of 4 rural libraries starts in May.", [(4, "other")]),
    ("В ходе проекта отремонтируют три школы.", [(3, "other")]),
    ("Реконструкция двух музеев завершится летом.", [(2, "other")]),
]


@pytest.mark.parametrize(("text", "expected"), BUILDINGS)
def test_organisation_houses_under_building_works_count_other(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert _counts(text) == expected


ORGANISATIONS = [
    ("Tīklā darbojas 20 skolas, kuras rīko konkursus.", [(20, "organizations")]),
    ("Three schools from Estonia joined the project.", [(3, "organizations")]),
    ("Two kindergartens joined the network.", [(2, "organizations")]),
    # another sentence
    ("The town hall was renovated. Five schools will take part in the festival.",
     [(5, "organizations")]),
    # organisations that are no house: they do the works
    ("Reconstruction works were done by 3 companies.", [(3, "organizations")]),
    ("Ремонт дорог ведут 14 муниципалитетов.", [(14, "organizations")]),
    ("Ēku siltināšanas projektā piedalās 6 pašvaldības.", [(6, "organizations")]),
    # works in another clause
    ("After the park was renovated, 12 schools joined the opening event.",
     [(12, "organizations")]),
    ("Kad parks bija atjaunots, atklāšanā piedalījās 12 skolas.", [(12, "organizations")]),
    # works too far from the count
    ("Renovation of the old manor house with its park and barns was praised by "
     "teachers of twelve schools.", [(12, "organizations")]),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATIONS)
def test_organisations_stay_organisations(text: str, expected: list[tuple[int, str]]) -> None:
    assert _counts(text) == expected


# ------------------------------------------------ a gapped clause: a dash for the noun
GAPPED = [
    ("Three social spaces will open in Valka and seven – in Smiltene.",
     [(3, "other"), (7, "other")]),
    ("Trīs atpūtas telpas atvērs Valkā un septiņas – Smiltenē.",
     [(3, "other"), (7, "other")]),
    ("Три социальных пространства откроются в Валке, а семь – в Смилтене.",
     [(3, "other"), (7, "other")]),
    ("В Пскове пройдут 4 семинара и 2 – в Резекне.", [(4, "events"), (2, "events")]),
    ("Festivālā piedalījās 40 dalībnieki no Latvijas, savukārt 12 — no Igaunijas.",
     [(40, "people"), (12, "people")]),
    ("Twelve workshops will take place in Tartu, and five – at Valga.",
     [(12, "events"), (5, "events")]),
]


@pytest.mark.parametrize(("text", "expected"), GAPPED)
def test_a_gapped_number_counts_the_unit_before_it(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert _counts(text) == expected


def test_a_gapped_span_is_the_number_and_its_dash() -> None:
    rows = facts("Trīs atpūtas telpas atvērs Valkā un septiņas – Smiltenē.", "participants")
    assert [r["text"] for r in rows] == ["Trīs atpūtas telpas", "septiņas –"]


@pytest.mark.parametrize(
    "text",
    [
        "Latvia won 3 – 2 against Estonia in the final match.",
        "The team scored 5 – In the morning we met again.",  # no coordinator before it
        "The festival moved between 2019 and 2020 – in Riga both times.",  # years
        "Rezultāts bija 3 un 4 – Rīgā un Valmierā.",  # no count before it
    ],
)
def test_no_gapped_count(text: str) -> None:
    assert _counts(text) == []
