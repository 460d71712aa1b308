"""Project numbers and acronyms (the team's own invented sentences in LV, EN, RU)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import identity
from pipeline.extract.identity import abbreviates, find_acronym, find_number, shaped
from pipeline.extract.project import title_without_acronym
from pipeline.model import Fact
from tests.helpers import facts, make_doc


@pytest.mark.parametrize(("text", "number"), [
    ("Projekts Nr. LLI-517 “Zaļās takas” sākas rīt.", "LLI-517"),
    ("Projekta LLIV-326 partneri tikās Zarasos.", "LLIV-326"),
    ("programmas projekta “Meži” ( “LLII – 081 Forest paths”) ietvaros", "LLII-081"),
    ("The LLI 612 “River Days” project was completed.", "LLI-612"),
    ("Проект ENI-LLB-1-219 «Река без границ» начался.", "ENI-LLB-1-219"),
    ("Projekts LV-RU-064 noslēdzās.", "LV-RU-064"),
    ("The EST-LAT-188 project started in May.", "EST-LAT-188"),
    ("Проект LT-RU-3-144 объединил музеи.", "LT-RU-3-144"),
    ("Projekta Nr. EE-LV00071", "EE-LV00071"),
    ("(Nr. Est-Lat 77) tiek īstenots", "Est-Lat-77"),
    ("Projekta ELRII 412 „Tilti” pārstāvji", "ELRII-412"),
    ("Project no. 2019-1-PL01-KA229-065123_3 is funded by Erasmus+.", "2019-1-PL01-KA229-065123_3"),
    ("Project no. 2022-2-LV02-KA152-YOU-000123456", "2022-2-LV02-KA152-YOU-000123456"),
    ("Identifikācijas numurs 604217-EFC-1-2012-1-LV-EFC-CM", "604217-EFC-1-2012-1-LV-EFC-CM"),
    ("projekts Nr. 5.6.2.0/19/I/004 tiek īstenots", "5.6.2.0/19/I/004"),
    ("identifikācijas numurs: Nr.3DP/3.1.5.1.1/10/IPIA/VRAA/007/12, 01.02.2011.",
     "3DP/3.1.5.1.1/10/IPIA/VRAA/007/12"),
    ("Projekta Nr. 19-05-AL22-A019.2203-000011", "19-05-AL22-A019.2203-000011"),
    ("Project national Nr. | LV-CULT-0042 |", "LV-CULT-0042"),
    ("(project Nr.  ABC-DEF-2019/2-0021) is implemented", "ABC-DEF-2019/2-0021"),
])
def test_project_numbers(text: str, number: str) -> None:
    found = find_number(text)
    assert found is not None and found[0] == number
    _, start, end = found
    assert text[start:end].split()[0][:2] == number[:2]


@pytest.mark.parametrize("text", [
    "Seminārā runāja par EST-LAT-RUS programmas sekretariātu.",  # a programme, no number
    "Sēdē apstiprināja projektus:\n• LLI-101 „Upes”\n• LLI-102 „Ezeri”\n• LLI-103 „Meži”",
    "The budget grew by 12 000 EUR in 2019.",
])
def test_no_project_number(text: str) -> None:
    assert find_number(text) is None


@pytest.mark.parametrize(("text", "acronym"), [
    ("projekta „Zaļās pilsētas” (akronīms: Green Towns II) mērķis", "Green Towns II"),
    ("projekta “Ūdens ceļi”, akronīms Waterways, īstenošana", "Waterways"),
    ("“Amatu ceļš”; saīsināti CRAFT ROUTE; Nr. ENI-LLB-1-301", "CRAFT ROUTE"),
    ("• Projekta akronīms: “River Pearls” (tulk. “Upes pērles”)", "River Pearls"),
    ("the 2nd call project “SEE US” has been signed", "SEE US"),
    ("Project “Art-RoUTE” – Art Routes for Growth", "Art-RoUTE"),
    ("within the project LLI-517 “Clean Parks”. The seminar", "Clean Parks"),
    ("the “Blue Lakes & Tourism” project is facing delays", "Blue Lakes & Tourism"),
    ("Проект «SILVER DVINA», программы сотрудничества", "SILVER DVINA"),
    ("Lake towns and tourism in the Estonian-Latvian border area (Lake towns)\n\nText.",
     "Lake towns"),
    ("Social inclusion of children in Rezekne and Utena (KidsTogether)\n\nBoth", "KidsTogether"),
    ("dzīves kvalitātes uzlabošana Ludzas un Zarasu pilsētā (LIFE; LLI-611), kuru finansē",
     "LIFE"),
    ("projekta “Ceļš uz nākotni – jaunieši reģionos” (BRIDGE 3) ietvaros notika", "BRIDGE 3"),
    ("The project ‘S.K.Y. – Schools Keeping Young’ addresses", "S.K.Y."),
    ("projektā “LEAF – zaļā politika pilsētvidē”. Projekts", "LEAF"),
    ("projekta “Jaunu risinājumu integrācija mantojumā/ HeritageNext”, Nr. LLI 901",
     "HeritageNext"),
    ("проекта «Город к городу за общую Европу – 4T4EU» («От города»)", "4T4EU"),
    ("projekta RIVERLINK ietvaros notika", "RIVERLINK"),
    ("Within the project of Lake4all, these are:", "Lake4all"),
    ("with its 8 BlueCoast project partners", "BlueCoast"),
    ("реализуют международный проект NarvaFortWalk, благодаря", "NarvaFortWalk"),
    ("Jaunatnes tīkls – SOLIDNET (Network for the youth debate)", "SOLIDNET"),
    ("TEACH-SMEs: Curriculum design and cross-border cooperation\n\nThe aim", "TEACH-SMEs"),
    ("“Vides izziņa” (akronīms “NatureKids”, Nr. LVIII-071) norises laikā", "NatureKids"),
    ("Problems ”Land GREEN” (LLI-777)", "Land GREEN"),
])
def test_acronyms(text: str, acronym: str) -> None:
    found = find_acronym(text)
    assert found is not None, text
    value, start, end = found
    assert value == acronym
    assert text[start:end] == value


@pytest.mark.parametrize("text", [
    "Biedrības «Kuldīgas rajona lauku partnerība» (KRLP) projekta vadītāja teica.",
    "Latgales plānošanas reģions (LPR) un Zemgales plānošanas reģions (ZPR) tikās.",
    "Sadarbības partneri:\n• Scuola Media Dante Alighieri di Roma (Italy)",
    "Lead partner:\nMiasto Gdańsk Urząd Miejski, Poland (Gdansk City Office)",
    "The project is co-financed by the ERDF and the EU.",
    "Duration: 18 MONTHS (May 1, 2018-October 31, 2019)",
    "Kopējās izmaksas: 1 000 000 EUR (702 804 Ls)",
    "Projekts LLI-517 sākās 2019. gadā.",
    "Sīkāk: http://example.org/rural-development2014x2020/index.htm",
    "Для реализации проектов необходимо16 550 EUR.",
])
def test_no_acronym(text: str) -> None:
    assert find_acronym(text) is None


@pytest.mark.parametrize(("token", "expected"), [
    ("BRIDGE", True), ("S.T.E.P.", True), ("МОСТ", True), ("NovelWays", True), ("GreenWay", True),
    ("EDU-NGOs", True), ("Sea4all", True), ("Latvia", False), ("needed16", False), ("A", False),
])
def test_shaped(token: str, expected: bool) -> None:
    assert shaped(token) is expected


@pytest.mark.parametrize(("value", "words", "expected"), [
    ("KRLP", "Biedrības «Kalnu rajona lauku partnerība»", True),
    ("EFLA", "Eiropas lauksaimniecības fonda lauku attīstībai", True),
    ("ГАРР", "Государственного агентства регионального развития", True),
    ("PIM", "Parent Involvement Models for Bilingual Primary School", False),
    ("HOME", "dzīves kvalitātes uzlabošana Jēkabpils pilsētā", False),
])
def test_abbreviations(value: str, words: str, expected: bool) -> None:
    assert abbreviates(value, words.split()) is expected


@pytest.mark.parametrize(("text", "programme"), [
    ("Projektu līdzfinansē ERAF Interreg V-A Latvijas – Lietuvas pārrobežu sadarbības "
     "programmas ietvaros.", "Interreg Latvia–Lithuania"),
    ("The project is funded by the ERDF within the Estonia – Latvia – Russia CBC Programme.",
     "Estonia–Latvia–Russia"),
    ("Латвия – Литва – Беларусь: подписаны новые контракты", "Latvia–Lithuania–Belarus"),
    ("Programmas Latvijas, Lietuvas un Baltkrievijas pārrobežu sadarbībai projekts",
     "Latvia–Lithuania–Belarus"),
    ("Проект программы приграничного сотрудничества Россия – Латвия 2014–2020",
     "Latvia–Russia Cross Border Cooperation"),
    ("Projekts īstenots ar ELFLA atbalstu.", "Rural Development Programme of Latvia"),
    ("Projektu finansē Eiropas Reģionālās attīstības fonds.",
     "European Regional Development Fund"),  # a fund only when no programme is named
    # spellings and inflections of listed programmes
    ("Грант получен по линии программы ТАСИС.", "TACIS"),
    ("проект программы сотрудничества между Литвой, Польшей и Россией", "Lithuania–Poland–Russia"),
    ("Partners from Lithuania, Poland and Russia met under the CBC programme.",
     "Lithuania–Poland–Russia"),
    ("The exchange is a Nordplus Junior project of two schools.", "Nordplus Junior"),
    ("в рамках программы «Фонд активного населения» поддержаны 12 обществ",
     "Active Citizens Fund"),
    ("Biedrība saņēma Aktīvo iedzīvotāju fonda atbalstu.", "Active Citizens Fund"),
    ("Projektu finansē EEZ granti.", "EEA and Norway Grants"),
    ("Jauniešu apmaiņa notika Erasmus + programmas ietvaros.", "Erasmus+"),
    ("85% ir Eiropas Reģionālā attīstības fonda finansējums",  # a frequent misspelling
     "European Regional Development Fund"),
    ("по программе INTERREG IIIA Приоритет Север подано 9 заявок",
     "Interreg IIIA Baltic Sea Region Neighbourhood Programme, Priority North"),
    ("в рамках программы сотрудничества «Псков – Ливония» прошла встреча", "Pskov–Livonia"),
    ("Noslēdzies Latgales NVO projektu programmas konkurss.", "Latgale NGO Project Programme"),
    # a programme named by its kind and period, when no programme is named
    ("Programma: Pārrobežu sadarbības programma 2014.–2020. gadam.",
     "Cross-border Cooperation Programme 2014-2020"),
    ("funded by the Cross-border Cooperation Programme for the period 2007-2013",
     "Cross-border Cooperation Programme 2007-2013"),
    ("в рамках Программы приграничного сотрудничества на 2014 – 2020 годы",
     "Cross-border Cooperation Programme 2014-2020"),
    ("Latvijas–Lietuvas pārrobežu sadarbības programmas 2014.–2020. gadam projekts",
     "Interreg Latvia–Lithuania"),  # a named programme comes first
    # a programme no list knows, as written: a labelled field or a quoted name
    ("Programme | Green Villages Initiative |\nPartner | Town of Vale |",
     "Green Villages Initiative"),
    ("• Programma: Kultūras kapitāla atbalsts", "Kultūras kapitāla atbalsts"),
    ("implemented within the State Research Programme “Water and People”.",
     "State Research Programme “Water and People”"),
    ("projekts īstenots valsts programmas “Sports visiem” ietvaros", "Sports visiem"),
    ("within the framework of the ALPHA „Small Towns Together” program",
     "ALPHA „Small Towns Together”"),
    ("Проект поддержан в рамках программы «Чистые реки».", "Чистые реки"),
    ("Projektu finansē ERAF un programma “Zaļās skolas”.", "Zaļās skolas"),  # before a fund
])
def test_programmes(text: str, programme: str) -> None:
    from pipeline.extract.project import find_programme

    found = find_programme(text)
    assert found is not None and found[0] == programme
    assert text[found[1] : found[2]]


@pytest.mark.parametrize("text", [
    "The delegation crossed the Latvia–Russia border at Terehova.",  # countries, no programme
    "Komandas līderis (leader) runāja ar skolēniem.",
    "Programma: 10.00 reģistrācija, 10.30 atklāšana",  # an event's programme: no name
    "Koncerta programmā skanēs dziesmas par jūru.",
    "The cross-border cooperation programme helps many towns.",  # a kind without a period
    "Choirs from Lithuania, Poland and Russia sang at the festival.",  # countries, no programme
])
def test_no_programme(text: str) -> None:
    from pipeline.extract.project import find_programme

    assert find_programme(text) is None


@pytest.mark.parametrize("text", [
    "Darbus veica SIA „BŪVALFA”, līgums parakstīts.",
    "Работы выполнило ООО «СТРОЙМОСТ».",
    "Projekta „Zaļās takas” būvdarbus veica AS „CEĻI”.",
])
def test_a_company_in_quotes_is_not_an_acronym(text: str) -> None:
    found = find_acronym(text)
    assert found is None or found[0] not in ("BŪVALFA", "СТРОЙМОСТ", "CEĻI")


_COMPANY_PIECES = ["SIA", "sia", "Sia", "AS", "as", "AB", "biedrības", "BIEDRĪBA", "ООО", "ооо",
                   "Ltd", "company", "xSIA", "SIAx", "_", "1", " ", "  ", "\n", "\u00a0", "\x1c",
                   "\u2003", "„", "”", ",", "-", "a", "ß", "İ", "K"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COMPANY_PIECES), max_size=8))
def test_ends_with_company_equals_the_company_search(pieces: list[str]) -> None:
    """The test of the text's last word finds what the search of the whole text finds."""
    lex = identity._lexicon()
    text = "".join(pieces)
    assert identity.ends_with_company(lex, text) == bool(lex.company.search(text))


# Titles after a project number (invented sentences and heading lines, LV / EN / RU)

@pytest.mark.parametrize(("text", "title"), [
    # a quoted title after the number
    ("Darbi notiek projekta Nr. LLI-517 “Zaļās takas gar Daugavas krastiem” ietvaros.",
     "Zaļās takas gar Daugavas krastiem"),
    ("Projekts Nr. LLI 612 „Upes dienas pierobežas pilsētās” tiek īstenots.",
     "Upes dienas pierobežas pilsētās"),
    ("projektam Nr. 5.6.2.0/19/I/004 “Rūpniecisko teritoriju atjaunošana Latgalē” ar partneri",
     "Rūpniecisko teritoriju atjaunošana Latgalē"),
    ("Projekta nosaukums: LVIII-071 „Meža taku tīkls abpus robežai” (akronīms: ForestNet)",
     "Meža taku tīkls abpus robežai"),
    ("Projekta Nr.LV-RU-064 „Koka arhitektūras mantojums Latgalē un Pleskavā” īstenošana.",
     "Koka arhitektūras mantojums Latgalē un Pleskavā"),
    ('Project No. LLI-199 "Cycle routes along the lakes of both countries"',
     "Cycle routes along the lakes of both countries"),
    ("within the project EST-LAT-188 “Wooden Towns of the Border Region” (WoodTowns).",
     "Wooden Towns of the Border Region"),
    ("в рамках проекта № ENI-LLB-1-219 «Река без границ для всех» прошёл семинар.",
     "Река без границ для всех"),
    ("Проект LT-RU-3-144 – «Музеи двух берегов реки» объединил музеи.",
     "Музеи двух берегов реки"),
    # a heading line: number, title, acronym
    ("Interreg Latvia–Lithuania\n\nLLI-295 Active and sociable communities of two towns (ACT)\n\n"
     "The project started in May.", "Active and sociable communities of two towns"),
    ("LLI-422, Bērniem draudzīgas bibliotēkas divās pilsētās (BOOKS)\nProjekta mērķis ir ...",
     "Bērniem draudzīgas bibliotēkas divās pilsētās"),
    ("LLI-318 – Libraries’ reading clubs for families (ReadTogether)\nThe aim",
     "Libraries’ reading clubs for families"),
    ("LV-RU-077 Пограничные крепости как общий туристический маршрут (FORTS)\n\nПроект начался.",
     "Пограничные крепости как общий туристический маршрут"),
    ("Jauniešu integrācija divu pilsētu pašvaldībās (YouthIn) Nr. LLI-491\n\nProjekta mērķis",
     "Jauniešu integrācija divu pilsētu pašvaldībās"),
    ("Social inclusion of young people in two towns (YouthIn) LLI-491\n\nThe aim",
     "Social inclusion of young people in two towns"),
])
def test_titles_after_a_number(text: str, title: str) -> None:
    found, _ = identity.find_titles_after_number(text)
    assert [value for value, _, _ in found][:1] == [title]
    value, start, end = found[0]
    assert text[start:end] == value  # the exact span


@pytest.mark.parametrize("text", [
    # a quoted acronym or a one- or two-word name after a number: an acronym, never a title
    "After two years the LLI-731 “PELICAN” project is completed.",
    "Projekta LLI-59 “Atvērtā līderība” ietvaros notika pieredzes apmaiņa.",
    "within the framework of the project LLI-303 “Clean Rivers”. The seminar",
    "Проект LV-RU-017 «Мосты» завершён.",
    'Project No. LLI-199 "TOURLINK"',
    # a labelled identifier without a word for "project": a contract's number
    "Līgums Nr. 12/3-2019 “Par ceļa seguma atjaunošanu pagastā” noslēgts.",
    # a sentence, not a heading line, after the number
    "LLI-441 project will be completed in May. The partners met in Utena.",
    "LLI-441\nThe third period of the project ends. Partners met in Utena and talked.",
    # a line opening with the number, without the acronym that makes it a title line: news
    # or a label line
    "LLI-295 Partners met in Valka on Monday\n\nThe seminar was about the river.",
    "Project news\n\nLLI-295 | Lead partner: Valka Municipality\nThe project started in May.",
    # a heading line before a number, without the acronym that makes it a title line
    "Sadarbības tīkla izveide divās pilsētās Nr. LLI-491",
    "Partners met for a seminar in Valka (Latvia) LLI-491",
    "Встреча партнёров проекта прошла в Пскове (Россия) № LV-RU-017",
    # several projects' numbers: a list, the page has no number of its own
    "Apstiprināti projekti:\nLLI-101 „Upes un ezeri abpus robežai”\n"
    "LLI-102 „Meži un purvi abpus robežai”",
    # a label opening the line, not a title
    "Projekta identifikācijas nr. LLI-221\nProjekts sākās maijā.",
])
def test_no_title_after_a_number(text: str) -> None:
    found, _ = identity.find_titles_after_number(text)
    assert found == []


@pytest.mark.parametrize(("text", "field", "title"), [
    ("Projekts Nr. LLI-517 “Zaļās takas gar Daugavas krastiem” sākās maijā. Partneri tikās "
     "Zarasos un apsprieda darba plānu.", "title", "Zaļās takas gar Daugavas krastiem"),
    ("LLI-295 Active and sociable communities of two towns (ACT)\n\nThe project started in May "
     "and brings the two towns together.", "title", "Active and sociable communities of two towns"),
])
def test_title_after_a_number_is_a_project_title(text: str, field: str, title: str) -> None:
    info = {f["field"]: f for f in facts(text, "project_info")}
    assert info[field]["value"] == title
    assert info[field]["text"] == title


def test_a_short_quoted_name_after_a_number_is_the_acronym_not_a_title() -> None:
    text = ("Pēc diviem gadiem projekts LLI-731 “PELICAN” ir noslēdzies. Projekta partneri "
            "tikās Jelgavā.")
    info = {f["field"]: f["value"] for f in facts(text, "project_info")}
    assert info.get("acronym") == "PELICAN"
    assert "title" not in info and "title_en" not in info


@pytest.mark.parametrize(("text", "field", "title"), [
    # a word for "name" between the word for "project" and the quoted title
    ("Abas pilsētas radīja projektu ar garo nosaukumu – “Zaļo pagalmu un skolu dārzu attīstība "
     "abās robežas pusēs”. Darbs sākās rudenī.", "title",
     "Zaļo pagalmu un skolu dārzu attīstība abās robežas pusēs"),
    ("Pilsēta īsteno projektu ar nosaukumu “Senās amatniecības prasmes jauniešiem”.", "title",
     "Senās amatniecības prasmes jauniešiem"),
    ("Город реализует проект под названием «Зелёные дворы для детей и взрослых».", "title",
     "Зелёные дворы для детей и взрослых"),
    ("The towns launched a project entitled “Green Yards for Children and Families”.", "title",
     "Green Yards for Children and Families"),
    # the quoted title right before the word for "project"
    ("“Creation of green classrooms in the parks of two border towns” project contributes to "
     "a greener region.", "title", "Creation of green classrooms in the parks of two border towns"),
    ("Teachers met in Valka within the “Open Doors for Rural Schools” project last week.",
     "title", "Open Doors for Rural Schools"),
])
def test_titles_named_by_a_word_for_name_or_before_project(text: str, field: str,
                                                              title: str) -> None:
    info = {f["field"]: f for f in facts(text, "project_info")}
    assert info[field]["value"] == title
    assert info[field]["text"] == title


@pytest.mark.parametrize("text", [
    # 'so called' is no name of the project; a one-word name is no title
    "The main part of the project is so called “investment” part of the work.",
    # a short name before 'project' is the project's short name, read by the acronym rules
    "Teachers met in Valka within the “Green Trails” project last week.",
    # a name word far from any word for "project"
    "Biedrība ar nosaukumu “Zaļo pagalmu draugi Latgalē” rīkoja talku.",
    "The Latvian word for it is the so-called “Jāņu nakts svinības Latgalē”.",
])
def test_no_title_from_a_name_word_or_a_following_project_word(text: str) -> None:
    info = {f["field"] for f in facts(text, "project_info")}
    assert "title" not in info and "title_en" not in info


@pytest.mark.parametrize(("text", "title", "acronym"), [
    ("Projekts “RIVERS – Upju krastu sakopšana pierobežā” sākās maijā.",
     "Upju krastu sakopšana pierobežā", "RIVERS"),
    ("Projekta Nr. LLI-901 “Zaļu pagalmu veidošana skolās/ GreenYards” partneri tikās Zarasos.",
     "Zaļu pagalmu veidošana skolās", "GreenYards"),
    ("The project “Towns Together for Clean Rivers – T2CR” started in May.",
     "Towns Together for Clean Rivers", "T2CR"),
])
def test_a_title_that_opens_or_closes_with_its_acronym_leaves_it_out(
        text: str, title: str, acronym: str) -> None:
    info = {f["field"]: f for f in facts(text, "project_info")}
    assert info["acronym"]["value"] == acronym
    found = info.get("title") or info["title_en"]
    assert found["value"] == title and found["text"] == title


@pytest.mark.parametrize(("text", "kept"), [
    ("“ECO – Zaļās pilsētas”", "ECO – Zaļās pilsētas"),  # two words would be left
    ("“Zaļās – ECO – pilsētas pierobežā”", "Zaļās – ECO – pilsētas pierobežā"),  # in the middle
])
def test_a_title_keeps_its_acronym_when_too_little_would_be_left_or_it_stands_inside(
        text: str, kept: str) -> None:
    doc = make_doc(text)
    start = text.index(kept)
    title = Fact("project_info", doc.doc_id, kept, start, start + len(kept),
                 {"field": "title", "value": kept})
    at = text.index("ECO")
    assert title_without_acronym(doc, title, ("ECO", at, at + 3)) is title
