"""Identity across documents: partner_id (same organisation in any language) and person_id."""

from __future__ import annotations

import pytest

from pipeline.link import assign_partner_ids, assign_person_ids, person_fold
from pipeline.model import Fact
from pipeline.runner import extract
from tests.helpers import make_doc


def partner_facts(*texts: str) -> list[Fact]:
    out: list[Fact] = []
    for i, text in enumerate(texts):
        out += [f for f in extract(make_doc(text, doc_id=f"d{i}")) if f.table == "partners"]
    assign_partner_ids(out)
    return out


def ids(found: list[Fact]) -> dict[str, str]:
    return {f.values["name"]: f.values["partner_id"] for f in found}


@pytest.mark.parametrize("texts", [
    ("Projekta partneri:\n1. Toruņas pilsētas pašvaldība, Polija;",
     "Project partners:\n1. Municipal Government Administration of the City of Torun, Poland;",
     "Партнёры проекта:\n1. Администрация города Торунь, Польша;"),
    ("Projekta partneri:\n1. Gotingena/ Vācija;",
     "Rezekne City Council together with the City of Göttingen (lead partner) organised it.",
     "Daugavpils City Council in cooperation with Gottingen municipality (lead partner) works."),
    ("Даугавпилсская городская дума совместно с Нарвским молодёжным центром проводит семинары.",
     "Project partners:\n1. Narva Youth Centre, Estonia;"),
    ("Партнёры проекта:\nАдминистрация Печорского района/ Россия",
     "Daugavpils City Council in cooperation with Pechory district administration (lead "
     "partner) implements the project."),
])
def test_one_organisation_one_id(texts: tuple[str, ...]) -> None:
    found = partner_facts(*texts)
    per_doc = [{f.values["partner_id"] for f in found if f.doc_id == f"d{i}"}
               for i in range(len(texts))]
    assert all(per_doc), per_doc
    assert set.intersection(*per_doc), [(f.doc_id, f.values["name"]) for f in found]


def test_different_organisations_in_one_city_stay_apart() -> None:
    found = partner_facts(
        "Projekta partneri:\n1. Daugavpils pilsētas dome/ Latvija;\n"
        "2. Daugavpils Universitāte/ Latvija;\n3. Daugavpils 9. vidusskola/ Latvija;\n"
        "4. Daugavpils Valsts ģimnāzija/ Latvija;\n5. Daugavpils Novadpētniecības muzejs/ Latvija."
    )
    assert len({f.values["partner_id"] for f in found}) == 5
    types = [f.values["org_type"] for f in found]
    assert types == ["municipality", "university", "school", "school", "museum_centre"]


def test_a_name_spelt_two_ways_is_one_organisation() -> None:
    found = partner_facts("Project partners:\n1. Asociación Juvenil Horizonte, Spain;",
                          "Projekta partneri:\n1. Asociacion Juvenil Horizonte, Spānija;")
    assert len({f.values["partner_id"] for f in found}) == 1


# -- people -----------------------------------------------------------------------------------

def person_ids(*names: str) -> list[str]:
    facts = [Fact("contacts", f"d{i}", n, 0, len(n), {"name": n}) for i, n in enumerate(names)]
    assign_person_ids(facts)
    return [f.values["person_id"] for f in facts]


@pytest.mark.parametrize("a,b", [
    ("J.Reča-Lāže", "Jolanta Reča-Lāže"), ("J. Reča-Lāže", "Jolanta Reca-Laze"),
    ("Jeļena Orlova", "Jelena Orlova"), ("O.Vasiļjeva", "Olga Vasiljeva"),
    ("Ольга Васильева", "Olga Vasiļjeva"), ("Светлана Кузнецова", "Svetlana Kuzņecova"),
    ("Кузнецова С.", "Svetlana Kuznetsova"), ("Дмитрий Иванов", "Dmitrijs Ivanovs"),
    ("K.Dzene", "Kristīne Dzene"), ("Анна Смирнова", "Anna Smirnova"),
])
def test_same_person(a: str, b: str) -> None:
    first, second = person_ids(a, b)
    assert first == second


@pytest.mark.parametrize("names", [
    ("Jānis Bērziņš", "Pēteris Bērziņš"),
    ("Anna Krūmiņa", "Aija Krūmiņa", "A.Krūmiņa"),  # the initial fits both: no guess
    ("Jānis Bērziņš", "Jānis Bērziņa"),
    ("Ольга Иванова", "Анна Иванова"),
])
def test_different_people_sharing_a_surname(names: tuple[str, ...]) -> None:
    assert len(set(person_ids(*names))) == len(names)


@pytest.mark.parametrize("raw,key", [
    ("Васильева", "vasiljeva"), ("Vasilyeva", "vasiljeva"), ("Елена", "jelena"),
    ("Иванов", "ivanov"), ("Ivanovs", "ivanov"), ("Bērziņa", "berzina"),
])
def test_person_fold(raw: str, key: str) -> None:
    assert person_fold(raw) == key


def test_two_organisations_sharing_generic_words_stay_apart() -> None:
    found = partner_facts(
        "Project partners:\n1. Northbay University of Applied Sciences (Finland), Lead partner\n"
        "2. Harju Business University of Applied Sciences (Estonia)\n"
        "3. Moor University of Applied Sciences (Estonia)"
    )
    assert len({f.values["partner_id"] for f in found}) == 3, ids(found)


@pytest.mark.parametrize("county,town", [
    ("Projekta partneri:\n1. Rēzeknes novada pašvaldība, Latvija;",
     "Projekta partneri:\n1. Rēzeknes pilsētas dome, Latvija;"),
    ("Project partners:\n1. Jelgava district municipality, Latvia;",
     "Project partners:\n1. Jelgava City Council, Latvia;"),
    ("Партнёры проекта:\n1. Краславский край, Латвия;",
     "Партнёры проекта:\n1. Краславская городская дума, Латвия;"),
])
def test_a_county_and_its_town_are_two_municipalities(county: str, town: str) -> None:
    found = partner_facts(county, town)
    assert len({f.values["partner_id"] for f in found}) == 2, ids(found)


def test_one_county_in_two_languages_is_one_municipality() -> None:
    found = partner_facts("Projekta partneri:\n1. Rēzeknes novada pašvaldība, Latvija;",
                          "Партнёры проекта:\n1. Резекненский край, Латвия;")
    assert len({f.values["partner_id"] for f in found}) == 1, ids(found)
