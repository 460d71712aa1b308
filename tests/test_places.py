"""One city and one country for a place however it is written: English without diacritics,
Latvian and Russian in any case."""

from __future__ import annotations

import pytest

import pipeline.extract  # noqa: F401  (registers extractors; places imports them)
from pipeline.places import city_of_adjective, country_of_words, find_places

# canonical city, country, the city as written, the country as written (lv, en, ru; any case)
PLACES = [
    ("Toruń", "PL", ["Toruņa", "Toruņas", "Toruņā", "Torun", "Toruń", "Торунь", "Торуни"],
     ["Polija", "Polijas", "Polijā", "Poland", "Польша", "Польши", "Польше"]),
    ("Norrköping", "SE", ["Norrkopinga", "Norrkoppingas", "Norrčepingā", "Norrkoping",
                          "Norrköping", "Норрчёпинг", "Норрчёпинге"],
     ["Zviedrija", "Zviedrijas", "Zviedrijā", "Sweden", "Швеция", "Швеции"]),
    ("Göttingen", "DE", ["Gotingena", "Gotingenā", "Gottingen", "Göttingen", "Гёттингене"],
     ["Vācija", "Vācijas", "Vācijā", "Germany", "Германия", "Германии"]),
    ("Kaunas", "LT", ["Kauņa", "Kauņas", "Kauņā", "Kaunas", "Каунас", "Каунасе"],
     ["Lietuva", "Lietuvas", "Lietuvā", "Lithuania", "Литва", "Литвы", "Литве"]),
    ("Linz", "AT", ["Linca", "Lincas", "Lincā", "Linz", "Линц", "Линце"],
     ["Austrija", "Austrijas", "Austrijā", "Austria", "Австрия", "Австрии"]),
    ("Šiauliai", "LT", ["Šauļi", "Šauļu", "Šauļos", "Siauliai", "Šiauliai", "Шяуляй"],
     ["Lietuvā", "Lithuania", "Литве"]),
    ("Panevėžys", "LT", ["Panevēža", "Panevēžas", "Panevēžā", "Panevezys", "Паневежис"],
     ["Lietuvas", "Lithuania", "Литвы"]),
    ("Pskov", "RU", ["Pleskava", "Pleskavas", "Pleskavā", "Pskov", "Псков", "Пскова", "Пскове"],
     ["Krievija", "Krievijas", "Krievijā", "Russia", "Россия", "России"]),
    ("Vitebsk", "BY", ["Vitebska", "Vitebskas", "Vitebskā", "Vitebsk", "Витебск", "Витебске"],
     ["Baltkrievija", "Baltkrievijā", "Belarus", "Беларусь", "Беларуси"]),
    ("Rēzekne", "LV", ["Rēzekne", "Rēzeknes", "Rēzeknē", "Rezekne", "Резекне"],
     ["Latvija", "Latvijas", "Latvijā", "Latvia", "Латвия", "Латвии"]),
    ("Klaipėda", "LT", ["Klaipēda", "Klaipēdas", "Klaipēdā", "Klaipeda", "Клайпеда",
                        "Клайпеде"], ["Lithuania"]),
    ("Tallinn", "EE", ["Tallina", "Tallinas", "Tallinā", "Tallinn", "Таллин", "Таллине"],
     ["Igaunija", "Igaunijas", "Igaunijā", "Estonia", "Эстония", "Эстонии"]),
]
CASES = [
    (city, cc, c_form, k_form)
    for city, cc, city_forms, country_forms in PLACES
    for i, c_form in enumerate(city_forms)
    for k_form in country_forms[i % len(country_forms) : i % len(country_forms) + 1]
]


@pytest.mark.parametrize("city,cc,city_form,country_form", CASES)
def test_same_place_in_every_language_and_case(city: str, cc: str, city_form: str,
                                               country_form: str) -> None:
    text = f"Tikšanās notika {city_form}, {country_form}."
    found = find_places(text, 0, len(text))
    assert [(p.kind, p.city, p.country) for p in found] == [
        ("city", city, cc), ("country", "", cc)]


@pytest.mark.parametrize("adjective,city,cc", [
    ("Печорского", "Pechory", "RU"), ("Нарвский", "Narva", "EE"),
    ("Даугавпилсская", "Daugavpils", "LV"), ("Витебского", "Vitebsk", "BY"),
    ("Псковской", "Pskov", "RU"), ("Рижская", "Rīga", "LV"), ("Резекненской", "Rēzekne", "LV"),
    ("Краславский", "Krāslava", "LV"), ("Тартуским", "Tartu", "EE"),
])
def test_city_of_a_russian_place_adjective(adjective: str, city: str, cc: str) -> None:
    place = city_of_adjective(adjective)
    assert place is not None and (place.city, place.country) == (city, cc)


@pytest.mark.parametrize("word", ["Городская", "Российской", "Европейского", "Молодёжный",
                                  "городской"])
def test_not_a_place_adjective(word: str) -> None:
    assert city_of_adjective(word) is None


@pytest.mark.parametrize("name,code", [
    ("Latvian Institute of Aquatic Ecology", "LV"),
    ("Kurzemes plānošanas reģions", "LV"),
    ("Латгальское агентство развития", "LV"),
    ("Estonian Health Board", "EE"),
    ("Lithuanian Union of Pensioners", "LT"),
    ("Norwegian Association of Local Authorities", "NO"),
    ("Белорусское общество охраны природы", "BY"),
    ("Mioru rajona izpildkomiteja", "BY"),  # a district executive committee governs in Belarus
    ("Поставский райисполком", "BY"),
    ("City Museum of Art", ""),
])
def test_country_of_words(name: str, code: str) -> None:
    assert country_of_words(name) == code
