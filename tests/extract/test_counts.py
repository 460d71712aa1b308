import pytest
from helpers import facts

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
