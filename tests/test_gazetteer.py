"""Gazetteer: country and city names in Latvian, Russian and English, in every case form."""

from __future__ import annotations

import pytest

from pipeline.gazetteer import Gazetteer, Place, fold, get_gazetteer


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return get_gazetteer()


# -- countries -------------------------------------------------------------------------------

# Latvian nominatives of the 4th (-a) and 5th (-e) declension: their paradigms are regular.
LV_COUNTRIES = {
    "AT": "Austrija", "BE": "Beļģija", "BG": "Bulgārija", "HR": "Horvātija", "CY": "Kipra",
    "CZ": "Čehija", "DK": "Dānija", "EE": "Igaunija", "FI": "Somija", "FR": "Francija",
    "DE": "Vācija", "GR": "Grieķija", "HU": "Ungārija", "IE": "Īrija", "IT": "Itālija",
    "LV": "Latvija", "LT": "Lietuva", "LU": "Luksemburga", "MT": "Malta", "NL": "Nīderlande",
    "PL": "Polija", "PT": "Portugāle", "RO": "Rumānija", "SK": "Slovākija", "SI": "Slovēnija",
    "ES": "Spānija", "SE": "Zviedrija", "NO": "Norvēģija", "IS": "Islande",
    "LI": "Lihtenšteina", "CH": "Šveice", "GB": "Lielbritānija", "UA": "Ukraina",
    "BY": "Baltkrievija", "RU": "Krievija", "MD": "Moldova", "GE": "Gruzija", "AM": "Armēnija",
    "AZ": "Azerbaidžāna", "TR": "Turcija", "AL": "Albānija", "RS": "Serbija",
    "ME": "Melnkalne", "MK": "Ziemeļmaķedonija", "XK": "Kosova", "CA": "Kanāda", "CN": "Ķīna",
    "JP": "Japāna", "IL": "Izraēla",
}
LV_ENDINGS = {"a": ("a", "as", "ai", "u", "ā"), "e": ("e", "es", "ei", "i", "ē")}


def _lv_cases(nom: str) -> list[str]:
    stem, end = nom[:-1], nom[-1]
    return [stem + e for e in LV_ENDINGS[end]]


LV_CASES = [(code, form) for code, nom in LV_COUNTRIES.items() for form in _lv_cases(nom)]
LV_CASES += [
    ("US", "ASV"), ("US", "Amerikas Savienotās Valstis"), ("US", "Amerikas Savienotajās Valstīs"),
    ("US", "Amerikas Savienoto Valstu"), ("BA", "Bosnija un Hercegovina"),
    ("BA", "Bosnijā un Hercegovinā"), ("BA", "Bosnijas un Hercegovinas"),
    ("GB", "Apvienotā Karaliste"), ("GB", "Apvienotajā Karalistē"),
    ("GB", "Apvienotās Karalistes"), ("VA", "Vatikāns"), ("VA", "Vatikānā"),
    ("SM", "Sanmarīno"), ("MC", "Monako"), ("AD", "Andorā"), ("NL", "Holandē"),
    ("RU", "Krievijas Federācijā"), ("MD", "Moldāvijā"), ("CZ", "Čehijas Republikā"),
]


@pytest.mark.parametrize("code,form", LV_CASES)
def test_latvian_country_forms(gz: Gazetteer, code: str, form: str) -> None:
    assert gz.country(form) == code


def _ru_iya(nom: str) -> list[str]:
    """Regular Russian paradigm of -ия nouns: Швеция, Швеции, Швеции, Швецию, Швецией."""
    stem = nom[:-2]
    return [nom, stem + "ии", stem + "ию", stem + "ией"]


RU_IYA = {
    "AT": "Австрия", "BE": "Бельгия", "BG": "Болгария", "HR": "Хорватия", "CZ": "Чехия",
    "DK": "Дания", "EE": "Эстония", "FI": "Финляндия", "FR": "Франция", "DE": "Германия",
    "GR": "Греция", "HU": "Венгрия", "IE": "Ирландия", "IT": "Италия", "LV": "Латвия",
    "PT": "Португалия", "RO": "Румыния", "SK": "Словакия", "SI": "Словения", "ES": "Испания",
    "SE": "Швеция", "NO": "Норвегия", "IS": "Исландия", "CH": "Швейцария",
    "GB": "Великобритания", "RU": "Россия", "GE": "Грузия", "AM": "Армения", "TR": "Турция",
    "AL": "Албания", "RS": "Сербия", "ME": "Черногория", "JP": "Япония",
}
RU_CASES = [(code, form) for code, nom in RU_IYA.items() for form in _ru_iya(nom)]
RU_CASES += [
    (code, form)
    for code, forms in {
        "PL": "Польша Польши Польше Польшу Польшей",
        "LT": "Литва Литвы Литве Литву Литвой",
        "UA": "Украина Украины Украине Украину Украиной",
        "MD": "Молдова Молдовы Молдове Молдову Молдовой Молдавии",
        "BY": "Беларусь Беларуси Беларусью Белоруссия Белоруссии",
        "CY": "Кипр Кипра Кипру Кипром Кипре",
        "LU": "Люксембург Люксембурга Люксембургу Люксембургом Люксембурге",
        "LI": "Лихтенштейн Лихтенштейна Лихтенштейне",
        "MT": "Мальта Мальты Мальте Мальту Мальтой",
        "NL": "Нидерланды Нидерландов Нидерландам Нидерландами Нидерландах Голландии",
        "AZ": "Азербайджан Азербайджана Азербайджане",
        "XK": "Косово",
        "US": "США",
        "CA": "Канада Канады Канаде Канаду Канадой",
        "CN": "Китай Китая Китаю Китаем Китае",
        "IL": "Израиль Израиля Израилю Израилем Израиле",
    }.items()
    for form in forms.split()
]
RU_CASES += [
    ("MK", "Северная Македония"), ("MK", "Северной Македонии"), ("MK", "Северную Македонию"),
    ("BA", "Босния и Герцеговина"), ("BA", "Боснии и Герцеговины"),
    ("BA", "Боснию и Герцеговину"), ("US", "Соединённых Штатах Америки"),
    ("US", "Соединенные Штаты Америки"), ("RU", "Российской Федерации"),
    ("CZ", "Чешской Республике"), ("GB", "Соединённом Королевстве"),
]


@pytest.mark.parametrize("code,form", RU_CASES)
def test_russian_country_forms(gz: Gazetteer, code: str, form: str) -> None:
    assert gz.country(form) == code


EN_CASES = [
    ("PL", "Poland"), ("SE", "Sweden"), ("DE", "Germany"), ("IT", "Italy"), ("AT", "Austria"),
    ("LT", "Lithuania"), ("LV", "Latvia"), ("EE", "Estonia"), ("FI", "Finland"),
    ("CZ", "Czech Republic"), ("CZ", "Czechia"), ("GB", "United Kingdom"), ("GB", "UK"),
    ("GB", "Great Britain"), ("US", "USA"), ("US", "United States of America"),
    ("RU", "Russia"), ("RU", "Russian Federation"), ("MD", "Moldova"), ("BY", "Belarus"),
    ("UA", "Ukraine"), ("GE", "Georgia"), ("AM", "Armenia"), ("AZ", "Azerbaijan"),
    ("TR", "Turkey"), ("TR", "Türkiye"), ("MK", "North Macedonia"), ("XK", "Kosovo"),
    ("BA", "Bosnia and Herzegovina"), ("ME", "Montenegro"), ("RS", "Serbia"),
    ("AL", "Albania"), ("CH", "Switzerland"), ("NO", "Norway"), ("IS", "Iceland"),
    ("LI", "Liechtenstein"), ("NL", "Netherlands"), ("NL", "The Netherlands"),
    ("KR", "South Korea"), ("IL", "Israel"), ("JP", "Japan"), ("CN", "China"),
    ("CA", "Canada"), ("PT", "Portugal"), ("ES", "Spain"), ("FR", "France"),
    ("BE", "Belgium"), ("LU", "Luxembourg"), ("IE", "Ireland"), ("DK", "Denmark"),
    ("GR", "Greece"), ("CY", "Cyprus"), ("MT", "Malta"), ("HU", "Hungary"), ("RO", "Romania"),
    ("BG", "Bulgaria"), ("HR", "Croatia"), ("SI", "Slovenia"), ("SK", "Slovakia"),
    ("PL", "POLAND"), ("SE", "  Sweden "), ("CZ", "Czech  Republic"), ("PL", "Polija;"),
    ("DE", "(Vācija)"), ("SE", "„Zviedrija”"),
]


@pytest.mark.parametrize("code,form", EN_CASES)
def test_english_country_names(gz: Gazetteer, code: str, form: str) -> None:
    assert gz.country(form) == code


@pytest.mark.parametrize("form", [
    "Europe", "Eiropa", "Eiropā", "Eiropas", "Европа", "Европе", "European Union",
    "Eiropas Savienība", "poland", "polija", "польша", "latvija", "", "   ", "Того", "Mali",
    "Project", "Partners", "Baltic", "Latgale", "Rīga", "Toruņa",
])
def test_not_countries(gz: Gazetteer, form: str) -> None:
    assert gz.country(form) is None


def test_abbreviations_only_as_written(gz: Gazetteer) -> None:
    assert gz.country("USA") == "US" and gz.country("США") == "US"
    assert gz.country("usa") is None and gz.country("Usa") is None
    assert gz.country("us") is None and gz.country("Us") is None


# -- cities ----------------------------------------------------------------------------------

CITY_CASES = [
    ("Toruń", "PL", "Toruń Toruņa Toruņas Toruņai Toruņu Toruņā Torun TORUŃ Торунь Торуни "
                    "Торунью"),
    ("Göttingen", "DE", "Göttingen Gottingen Goettingen Gotingena Gotingenā Gotingenas "
                        "Гёттинген Геттингене"),
    ("Kaunas", "LT", "Kaunas Kauņa Kauņas Kauņā Kauņu Каунас Каунасе Каунаса"),
    ("Norrköping", "SE", "Norrköping Norrkoping Norrkoeping Norrkopinga Norrkopingas "
                         "Norrkoppinga Norrkoppingas Norrkoppingā Norrčepinga Norrčepingā "
                         "Norrčepingas Norrkopping Норрчёпинг Норрчепинге"),
    ("Linz", "AT", "Linz Linca Lincas Lincā Линц Линце"),
    ("Klaipėda", "LT", "Klaipėda Klaipeda Klaipēda Klaipēdā Klaipēdas Клайпеда Клайпеде"),
    ("Šiauliai", "LT", "Šiauliai Siauliai Šauļi Šauļos Šauļu Шяуляй"),
    ("Panevėžys", "LT", "Panevėžys Panevezys Panevēža Panevēžā Паневежис"),
    ("Vilnius", "LT", "Vilnius Viļņa Viļņā Viļņas Вильнюс Вильнюсе"),
    ("Daugavpils", "LV", "Daugavpils Daugavpilī Daugavpilij Даугавпилс Даугавпилсе "
                         "Даугавпилса"),
    ("Rēzekne", "LV", "Rēzekne Rezekne Rēzeknē Rēzeknes Резекне"),
    ("Jelgava", "LV", "Jelgava Jelgavā Jelgavas Елгава Елгаве"),
    ("Jēkabpils", "LV", "Jēkabpils Jekabpils Jēkabpilī Екабпилс"),
    ("Līvāni", "LV", "Līvāni Livani Līvānos Līvānu Ливаны"),
    ("Krāslava", "LV", "Krāslava Krāslavā Krāslavas Краслава"),
    ("Preiļi", "LV", "Preiļi Preili Preiļos Preiļu Прейли"),
    ("Ludza", "LV", "Ludza Ludzā Ludzas Лудза"),
    ("Aglona", "LV", "Aglona Aglonā Аглона"),
    ("Rīga", "LV", "Rīga Riga Rīgā Rīgas Рига Риге Риги"),
    ("Cēsis", "LV", "Cēsis Cēsīs Cēsu Цесис"),
    ("Valka", "LV", "Valka Valkā Валка"),
    ("Utena", "LT", "Utena Utenā Утена"),
    ("Zarasai", "LT", "Zarasai Zarasi Zarasos Зарасай"),
    ("Visaginas", "LT", "Visaginas Visagina Visaginā Висагинас"),
    ("Tartu", "EE", "Tartu Тарту"),
    ("Narva", "EE", "Narva Narvā Нарва Нарве"),
    ("Võru", "EE", "Võru Voru Выру"),
    ("Tallinn", "EE", "Tallinn Tallina Tallinā Таллин Таллине"),
    ("Vitebsk", "BY", "Vitebsk Viciebsk Vitebska Vitebskā Витебск Витебске"),
    ("Polotsk", "BY", "Polotsk Polocka Полоцк Полоцке"),
    ("Braslav", "BY", "Braslav Braslava Браслав"),
    ("Pskov", "RU", "Pskov Pleskava Pleskavā Pleskavas Псков Пскове Пскова"),
    ("Pechory", "RU", "Pechory Печоры Печорах"),
    ("Saint Petersburg", "RU", "Sankt-Peterburg Sanktpēterburga Sanktpēterburgā "
                               "Санкт-Петербург Санкт-Петербурге"),
    ("Moscow", "RU", "Moscow Maskava Maskavā Москва Москве"),
    ("Lublin", "PL", "Lublin Lubļina Lubļinā Люблин"),
    ("Białystok", "PL", "Białystok Bialystok Belostoka Белосток"),
    ("Warszawa", "PL", "Warszawa Warsaw Varšava Varšavā Варшава Варшаве"),
    ("Kraków", "PL", "Kraków Krakow Krakova Krakovā Краков"),
    ("Berlin", "DE", "Berlin Berlīne Berlīnē Берлин Берлине"),
    ("Stockholm", "SE", "Stockholm Stokholma Stokholmā Стокгольм"),
    ("Helsinki", "FI", "Helsinki Helsinkos Хельсинки"),
    ("Collecchio", "IT", "Collecchio"),
]
CITY_FORMS = [(name, cc, form) for name, cc, forms in CITY_CASES for form in forms.split()
              if form]
CITY_FORMS += [  # multi-word names
    ("Velikiye Luki", "RU", "Velikiye Luki"), ("Velikiye Luki", "RU", "Великие Луки"),
    ("Velikiye Luki", "RU", "Великих Луках"), ("Saint Petersburg", "RU", "Sankt Peterburg"),
    ("Saint Petersburg", "RU", "St. Petersburg"), ("Nizhniy Novgorod", "RU", "Nizhny Novgorod"),
    ("Nizhniy Novgorod", "RU", "Нижний Новгород"), ("Nizhniy Novgorod", "RU", "Нижнем Новгороде"),
    ("Frankfurt am Main", "DE", "Frankfurtē pie Mainas"),
    ("Frankfurt am Main", "DE", "Франкфурте-на-Майне"), ("Den Haag", "NL", "The Hague"),
]


@pytest.mark.parametrize("name,cc,form", CITY_FORMS)
def test_city_forms(gz: Gazetteer, name: str, cc: str, form: str) -> None:
    assert gz.city(form) == Place("city", name, cc)
    assert gz.city(form, cc) == Place("city", name, cc)


def test_country_preference(gz: Gazetteer) -> None:
    assert gz.city("Ostrov") == Place("city", "Ostrov", "RU")  # the larger one
    assert gz.city("Ostrov", "CZ") == Place("city", "Ostrov", "CZ")
    assert gz.city("Brest", "FR") == Place("city", "Brest", "FR")
    assert gz.city("Brest", "BY") == Place("city", "Brest", "BY")
    assert gz.city("Toruņā", "DE") == Place("city", "Toruń", "PL")  # no German Toruń
    assert gz.city("Валка", "LV") == Place("city", "Valka", "LV")
    assert gz.city("Toruņas,") == Place("city", "Toruń", "PL")


def test_exact_diacritics_win(gz: Gazetteer) -> None:
    assert gz.city("Nica") == Place("city", "Nice", "FR")  # Latvian for Nice
    assert gz.city("Nīca") == Place("city", "Nīca", "LV")  # the Latvian village


@pytest.mark.parametrize("form", [
    "split", "nice", "bath", "most", "mobile", "reading", "sala", "остров", "toruņā", "rīga",
    "Split", "Nice", "Bath", "Most", "Reading", "University", "Sala", "Остров", "Мир",
    "Орёл", "Europe", "Eiropa", "Европа", "Project", "Forest", "Darbi", "", "Ape", "Lida",
    "Королёва", "Пушкин", "Кирова",
])
def test_not_cities_without_context(gz: Gazetteer, form: str) -> None:
    assert gz.city(form) is None


def test_ambiguous_names_resolve_with_country(gz: Gazetteer) -> None:
    assert gz.city("Split", "HR") == Place("city", "Split", "HR")
    assert gz.city("Nice", "FR") == Place("city", "Nice", "FR")
    assert gz.city("Most", "CZ") == Place("city", "Most", "CZ")
    assert gz.city("Остров", "RU") == Place("city", "Ostrov", "RU")
    assert gz.city("Sala", "LV") == Place("city", "Sala", "LV")
    assert gz.city("split", "HR") is None  # still not a name in lower case


# -- fuzzy -----------------------------------------------------------------------------------

def test_fuzzy_city(gz: Gazetteer) -> None:
    collecchio = Place("city", "Collecchio", "IT")
    assert gz.fuzzy_city("Collecchio") == collecchio
    assert gz.fuzzy_city("Colleccio", "IT") == collecchio
    assert gz.fuzzy_city("Colleccio") is None  # no country: needs a score of 95
    assert gz.fuzzy_city("Daugavplis", "LV") == Place("city", "Daugavpils", "LV")
    assert gz.fuzzy_city("Norrkopinq", "SE") == Place("city", "Norrköping", "SE")


@pytest.mark.parametrize("form,cc", [
    ("Rigx", "LV"), ("Tor", "PL"), ("Lins", "AT"), ("Kaun", "LT"), ("Projekts", "LV"),
    ("colleccio", "IT"), ("Partnership", None), ("Xyzzyplugh", "IT"), ("Split", None),
])
def test_fuzzy_city_rejects(gz: Gazetteer, form: str, cc: str | None) -> None:
    assert gz.fuzzy_city(form, cc) is None


# -- API -------------------------------------------------------------------------------------

def test_lookup_country_first(gz: Gazetteer) -> None:
    assert gz.lookup("Luksemburga") == Place("country", "LU", "LU")
    assert gz.city("Luksemburga") == Place("city", "Luxembourg", "LU")
    assert gz.lookup("Polijā") == Place("country", "PL", "PL")
    assert gz.lookup("Toruņā") == Place("city", "Toruń", "PL")
    assert gz.lookup("Eiropa") is None


def test_country_name(gz: Gazetteer) -> None:
    assert gz.country_name("PL") == "Poland"
    assert gz.country_name("PL", "lv") == "Polija"
    assert gz.country_name("PL", "ru") == "Польша"
    assert gz.country_name("RU") == "Russia"
    assert gz.country_name("CZ", "lv") == "Čehija"
    assert gz.country_name("XK") == "Kosovo"
    assert gz.country_name("ZZ") == "ZZ"


def test_forms(gz: Gazetteer) -> None:
    forms = {(form, place) for form, place in gz.forms()}
    assert ("Toruņā", Place("city", "Toruń", "PL")) in forms
    assert ("Polijā", Place("country", "PL", "PL")) in forms
    assert ("USA", Place("country", "US", "US")) in forms
    assert all(form != "Split" for form, _ in forms)  # ambiguous ones are left out
    assert any(form == "Split" for form, _ in gz.forms(include_ambiguous=True))


@pytest.mark.parametrize("raw,key", [
    ("Toruņā", "toruna"), ("TORUŃ", "torun"), ("Norrköping", "norrkoping"), ("Łódź", "lodz"),
    ("Ēģipte", "egipte"), ("Орёл", "орел"), ("Польшей", "польшей"),
    ("Sankt-Peterburg", "sankt peterburg"), ("St.  Petersburg", "st petersburg"),
    ("Kohtla–Järve", "kohtla jarve"), ("Þórshöfn", "thorshofn"), ("Straße", "strasse"),
])
def test_fold(raw: str, key: str) -> None:
    assert fold(raw) == key


def test_loaded_once_per_process() -> None:
    """One shared object (its load time is measured by `make bench`, not asserted here)."""
    assert get_gazetteer() is get_gazetteer()


# -- every EU and neighbouring country, in the three languages --------------------------------

# code: Latvian nominative, genitive, locative | Russian nominative, genitive, prepositional |
# English name(s). Written by hand from the languages' grammar, not from the generated tables.
EUROPE = """
AT Austrija Austrijas Austrijā | Австрия Австрии Австрии | Austria
BE Beļģija Beļģijas Beļģijā | Бельгия Бельгии Бельгии | Belgium
BG Bulgārija Bulgārijas Bulgārijā | Болгария Болгарии Болгарии | Bulgaria
HR Horvātija Horvātijas Horvātijā | Хорватия Хорватии Хорватии | Croatia
CY Kipra Kipras Kiprā | Кипр Кипра Кипре | Cyprus
CZ Čehija Čehijas Čehijā | Чехия Чехии Чехии | Czechia
DK Dānija Dānijas Dānijā | Дания Дании Дании | Denmark
EE Igaunija Igaunijas Igaunijā | Эстония Эстонии Эстонии | Estonia
FI Somija Somijas Somijā | Финляндия Финляндии Финляндии | Finland
FR Francija Francijas Francijā | Франция Франции Франции | France
DE Vācija Vācijas Vācijā | Германия Германии Германии | Germany
GR Grieķija Grieķijas Grieķijā | Греция Греции Греции | Greece
HU Ungārija Ungārijas Ungārijā | Венгрия Венгрии Венгрии | Hungary
IE Īrija Īrijas Īrijā | Ирландия Ирландии Ирландии | Ireland
IT Itālija Itālijas Itālijā | Италия Италии Италии | Italy
LV Latvija Latvijas Latvijā | Латвия Латвии Латвии | Latvia
LT Lietuva Lietuvas Lietuvā | Литва Литвы Литве | Lithuania
LU Luksemburga Luksemburgas Luksemburgā | Люксембург Люксембурга Люксембурге | Luxembourg
MT Malta Maltas Maltā | Мальта Мальты Мальте | Malta
NL Nīderlande Nīderlandes Nīderlandē | Нидерланды Нидерландов Нидерландах | Netherlands
PL Polija Polijas Polijā | Польша Польши Польше | Poland
PT Portugāle Portugāles Portugālē | Португалия Португалии Португалии | Portugal
RO Rumānija Rumānijas Rumānijā | Румыния Румынии Румынии | Romania
SK Slovākija Slovākijas Slovākijā | Словакия Словакии Словакии | Slovakia
SI Slovēnija Slovēnijas Slovēnijā | Словения Словении Словении | Slovenia
ES Spānija Spānijas Spānijā | Испания Испании Испании | Spain
SE Zviedrija Zviedrijas Zviedrijā | Швеция Швеции Швеции | Sweden
NO Norvēģija Norvēģijas Norvēģijā | Норвегия Норвегии Норвегии | Norway
IS Islande Islandes Islandē | Исландия Исландии Исландии | Iceland
LI Lihtenšteina Lihtenšteinas Lihtenšteinā | Лихтенштейн Лихтенштейна Лихтенштейне | Liechtenstein
CH Šveice Šveices Šveicē | Швейцария Швейцарии Швейцарии | Switzerland
GB Lielbritānija Lielbritānijas Lielbritānijā | Великобритания Великобритании Великобритании | United_Kingdom
UA Ukraina Ukrainas Ukrainā | Украина Украины Украине | Ukraine
BY Baltkrievija Baltkrievijas Baltkrievijā | Беларусь Беларуси Беларуси | Belarus
RU Krievija Krievijas Krievijā | Россия России России | Russia
MD Moldova Moldovas Moldovā | Молдова Молдовы Молдове | Moldova
GE Gruzija Gruzijas Gruzijā | Грузия Грузии Грузии | Georgia
AM Armēnija Armēnijas Armēnijā | Армения Армении Армении | Armenia
AZ Azerbaidžāna Azerbaidžānas Azerbaidžānā | Азербайджан Азербайджана Азербайджане | Azerbaijan
TR Turcija Turcijas Turcijā | Турция Турции Турции | Turkey
AL Albānija Albānijas Albānijā | Албания Албании Албании | Albania
RS Serbija Serbijas Serbijā | Сербия Сербии Сербии | Serbia
ME Melnkalne Melnkalnes Melnkalnē | Черногория Черногории Черногории | Montenegro
MK Ziemeļmaķedonija Ziemeļmaķedonijas Ziemeļmaķedonijā | Северная_Македония Северной_Македонии Северной_Македонии | North_Macedonia
BA Bosnija_un_Hercegovina Bosnijas_un_Hercegovinas Bosnijā_un_Hercegovinā | Босния_и_Герцеговина Боснии_и_Герцеговины Боснии_и_Герцеговине | Bosnia_and_Herzegovina
XK Kosova Kosovas Kosovā | Косово Косово Косово | Kosovo
"""  # noqa: E501
EUROPE_ROWS = [line.split(" ", 1) for line in EUROPE.strip().splitlines()]
EUROPE_FORMS = [
    (code, lang, form.replace("_", " "))
    for code, rest in EUROPE_ROWS
    for lang, part in zip(("lv", "ru", "en"), rest.split(" | "), strict=True)
    for form in part.split()
]


@pytest.mark.parametrize("code,lang,form", EUROPE_FORMS)
def test_every_european_country_in_every_case(gz: Gazetteer, code: str, lang: str,
                                              form: str) -> None:
    assert gz.country(form) == code
    assert gz.country(fold(form).title()) == code  # written without diacritics


@pytest.mark.parametrize("code,lv_nom", [(code, rest.split()[0].replace("_", " "))
                                         for code, rest in EUROPE_ROWS])
def test_latvian_display_name(gz: Gazetteer, code: str, lv_nom: str) -> None:
    assert gz.country_name(code, "lv") == lv_nom


# -- the nominative of a city as written -----------------------------------------------------

@pytest.mark.parametrize("surface,nominative", [
    ("Lubļinas", "Lubļina"), ("Lubļinā", "Lubļina"), ("Lincas", "Linca"), ("Kauņā", "Kauņa"),
    ("Toruņas", "Toruņa"), ("Šauļos", "Šauļi"), ("Pleskavā", "Pleskava"),
    ("Gotingenā", "Gotingena"), ("Tartu", "Tartu"), ("Torun", "Torun"), ("Linz", "Linz"),
    ("Пскове", "Псков"), ("Торуни", "Торунь"), ("Люблине", "Люблин"), ("Витебске", "Витебск"),
    ("Нарве", "Нарва"),
])
def test_city_nominative(gz: Gazetteer, surface: str, nominative: str) -> None:
    assert gz.city_nominative(surface) == nominative


def test_city_nominative_of_a_non_city(gz: Gazetteer) -> None:
    assert gz.city_nominative("Projekts") is None
    assert gz.city_nominative("toruņā") is None


@pytest.mark.parametrize("surface,code", [
    ("EE", "EE"), ("(LV)", "LV"), ("DK", "DK"), ("ee", None), ("Ee", None), ("XX", None),
    ("EST", None),
])
def test_iso_code(surface: str, code: str | None) -> None:
    assert get_gazetteer().iso_code(surface) == code


@pytest.mark.parametrize("surface,code", [
    ("Ziedrija", "SE"), ("Lietuvaa", "LT"), ("Igaunija", "EE"), ("Xyzabc", None), ("Rīga", None),
])
def test_fuzzy_country(surface: str, code: str | None) -> None:
    assert get_gazetteer().fuzzy_country(surface) == code
