"""pipeline.doctype: the type of a page from general cues (the team's own invented pages)."""

from __future__ import annotations

import pytest

from pipeline.doctype import classify

DESCRIPTIONS = [
    "Zaļās takas\n\nProjekta partneri: Kārsavas novada pašvaldība\nProjekta ilgums: 24 mēneši\n"
    "Projekta budžets: 120 000 EUR",
    " • Projekta mērķis: atjaunot parku\n • Projekta ilgums: 12 mēneši\n • Programma: Interreg",
    "Lead partner\nTown of Valga\nDuration\n01.01.2019 - 31.12.2020\nTotal budget\n90 000 EUR",
    "Статус: завершён\nЦель проекта: развитие туризма\nБюджет проекта: 50 000 евро",
    "LLI-777 Green rivers of two towns together (GreenRivers)\n\nThe project builds piers.",
    "Sociālo pakalpojumu attīstība divās pilsētās (SocTwo) Nr. LLI-778\n\nProjekta mērķis ir ...",
    "“Another Green Path” LLI-779\n\nPeople of the project",
]
OTHERS = [
    "The 3rd Call for Proposals opens on 1 March\n\nSubmission of applications: until 30 May.",
    "Domes sēdē deputāti nolēma piešķirt līdzfinansējumu trim biedrību projektiem.",
    "Apstiprināts pilsētas pamatbudžets\n\nPar budžetu nobalsoja 12 deputāti.",
    "Объявлен конкурс проектов НГО. Прием заявок до 1 июня.",
    "Monitoring Committee approved 21 new projects for funding.",
]
NEWS = [
    "Ludzā notika projekta “Zaļās takas” partneru tikšanās. Partneri apmeklēja parku.",
    "On 5 May the partners of the GreenRivers project met in Zarasai to plan the festival.",
    "В Резекне прошёл семинар проекта «Зелёные реки». Гости посетили музей.",
    "Послы посетили городскую думу и встретились с председателем.",
    "Стартовал проект «Граница без барьеров» (NoBarriers)\nДума приступила к работе.",
]


@pytest.mark.parametrize("text", DESCRIPTIONS)
def test_project_descriptions(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", OTHERS)
def test_other(text: str) -> None:
    assert classify(text) == "other"


@pytest.mark.parametrize("text", NEWS)
def test_press_releases(text: str) -> None:
    assert classify(text) == "press_release"


def test_a_paragraph_opening_with_a_cue_is_not_a_label() -> None:
    text = ("Projekta mērķis ir uzlabot parkus.\nThe objective of the project is to plant trees.\n"
            "Ludzā notika tikšanās.")
    assert classify(text) == "press_release"
