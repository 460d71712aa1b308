"""pipeline.doctype: the type of a page from general cues (the team's own invented pages)."""

from __future__ import annotations

import pytest

from pipeline.doctype import classify, settle
from pipeline.model import Fact

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


# Pages that list several projects, each with its own period and budget under the same headings.
SEVERAL_PROJECTS = [
    "Green Paths\nThe project builds forest trails.\nProject period: 01.01.2019 - 31.12.2020\n"
    "Total budget: 90 000 EUR\n\nBlue Lakes\nThe project cleans two lakes.\n"
    "Project period: 01.03.2018 - 30.06.2019\nTotal budget: 40 000 EUR",
    "Zaļās takas\nĪstenošanas periods: 2019. gada janvāris - 2020. gada decembris\n\n"
    "Zilie ezeri\nĪstenošanas periods: 2018. gada marts - 2019. gada jūnijs",
    "Зелёные тропы\nБюджет проекта: 90 000 евро\nПартнёры проекта: Резекне, Выру\n\n"
    "Синие озёра\nБюджет проекта: 40 000 евро\nПартнёры проекта: Лудза, Себеж",
    # the same period for both projects still makes two labelled periods
    "Mobility for students\nImplementation period: 01.09.2018 - 30.06.2019\n\n"
    "Mobility for teachers\nImplementation period: 01.09.2018 - 30.06.2019",
]
# One project with its fields in two languages: a translation is not a second project.
ONE_PROJECT_TWO_LANGUAGES = [
    "Īstenošanas periods: 01.01.2019 - 31.12.2020\nKopējās izmaksas: 90 000 EUR\n"
    "Projekta partneri: Ludzas novada pašvaldība\n\nImplementation period: 01.01.2019 - "
    "31.12.2020\nTotal budget: 90 000 EUR\nProject partners: Ludza municipality",
    "Срок реализации: 01.01.2019 - 31.12.2020\nБюджет проекта: 90 000 евро\n"
    "Duration: 01.01.2019 - 31.12.2020\nTotal budget: 90 000 EUR",
]


@pytest.mark.parametrize("text", SEVERAL_PROJECTS)
def test_a_page_listing_several_projects_is_other(text: str) -> None:
    assert classify(text) == "other"


@pytest.mark.parametrize("text", ONE_PROJECT_TWO_LANGUAGES)
def test_fields_in_two_languages_are_one_project(text: str) -> None:
    assert classify(text) == "project_description"


# A page headed as the project's description above its first prose.
HEADED = [
    "Project description\n\nThe project brings two schools together to plant a garden.",
    "Sākums » Projekti\n» Par projektu »\n\nProjekta ietvaros tiks atjaunots parks.",
    "Zaļās takas\n\nProjekta apraksts\n\nProjekts savieno divus novadus ar velosipēdu ceļu.",
    "О проекте\n\nПроект объединяет два города в развитии туризма.",
    "36 months\nTourism and culture\nSummary of the project\n\nThe project restores two parks.",
]
# The same words below the news, or inside a sentence, do not head the page.
NOT_HEADED = [
    "On 5 May the partners met in Zarasai to plan the festival.\nProject description\n"
    "The project restores two parks.",
    "Ludzā notika partneru tikšanās. Vairāk informācijas sadaļā par projektu.",
    "В Резекне прошёл семинар.\nО проекте\nПроект объединяет два города.",
]


@pytest.mark.parametrize("text", HEADED)
def test_a_page_headed_as_a_description(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", NOT_HEADED)
def test_description_words_below_the_news_do_not_head_the_page(text: str) -> None:
    assert classify(text) == "press_release"


def _published(text: str, date_text: str) -> list[Fact]:
    start = text.index(date_text)
    return [Fact("dates", "d", date_text, start, start + len(date_text),
                 {"kind": "publication"})]


LABELLED = {
    "en": "{date}\nPartners met in Valga\nLead partner: Town of Valga\nDuration: 24 months\n"
          "Total budget: 90 000 EUR",
    "lv": "{date}\nPartneri tikās Valgā\nVadošais partneris: Valgas pilsēta\n"
          "Projekta ilgums: 24 mēneši\nKopējās izmaksas: 90 000 EUR",
    "ru": "{date}\nПартнёры встретились в Валге\nВедущий партнёр: город Валга\n"
          "Срок реализации: 24 месяца\nБюджет проекта: 90 000 евро",
}


@pytest.mark.parametrize("lang", sorted(LABELLED))
def test_a_dated_page_with_labels_is_news(lang: str) -> None:
    text = LABELLED[lang].format(date="12-03-2021")
    assert classify(text) == "project_description"
    assert settle("project_description", text, _published(text, "12-03-2021")) == \
        "press_release"
    assert settle("project_description", text, []) == "project_description"


def test_a_dated_page_titled_by_its_project_stays_a_description() -> None:
    text = ("Green rivers of two towns together (GreenRivers)\n12-03-2021\n"
            "Duration: 24 months\nTotal budget: 90 000 EUR\nLead partner: Town of Valga")
    assert settle("project_description", text, _published(text, "12-03-2021")) == \
        "project_description"


def test_a_dated_call_stays_other() -> None:
    text = ("12-03-2021\nThe 3rd Call for Proposals opens on 1 March\n"
            "Submission of applications: until 30 May.")
    assert settle("other", text, _published(text, "12-03-2021")) == "other"


def test_other_date_kinds_do_not_date_the_page() -> None:
    text = LABELLED["en"].format(date="12-03-2021")
    facts = _published(text, "12-03-2021")
    facts[0].values["kind"] = "other"  # 'Last updated', a date widget
    assert settle("project_description", text, facts) == "project_description"


def _totals(amounts: list[str]) -> list[Fact]:
    return [Fact("budgets", "d", a, 0, len(a), {"kind": "total", "amount": a, "currency": "EUR"})
            for a in amounts]


@pytest.mark.parametrize("doc_type", ["press_release", "project_description"])
def test_the_totals_of_many_projects_make_a_list(doc_type: str) -> None:
    text = "Pilsētā īstenos četrus projektus: parku, skolu, ielu un tiltu."
    assert settle(doc_type, text, _totals(["30000", "45000", "120000", "7500"])) == "other"


def test_one_total_in_two_currencies_is_one_project() -> None:
    text = "Projekta kopējās izmaksas ir 70 280 LVL (100 000 EUR)."
    facts = _totals(["100000"]) + [Fact("budgets", "d", "70 280", 0, 6, {
        "kind": "total", "amount": "70280", "currency": "LVL"})]
    assert settle("press_release", text, facts) == "press_release"


def test_a_menu_item_above_a_news_page_does_not_head_it() -> None:
    text = ("Sākums\nPar projektu\nJaunumi\nGalerija\nVideo\nLudzā viesojās kaimiņi\n"
            "Ludzā notika projekta partneru tikšanās, kurā piedalījās divdesmit cilvēku.")
    assert classify(text) == "press_release"


# A page in the terms of a project's plan presents the project; news reports what happened.
PLANS = [
    "Work packages\n\nThe first work package prepares the route maps; the second builds the piers.",
    "Our associated partners are two museums that share their collections with us.",
    "The target groups are young families and retired people of both towns.",
    "Deliverables\n\nA guide for river tourism and a map of the piers.",
    "Projekta mērķa grupa ir jaunieši vecumā no 15 līdz 25 gadiem.",
    "Pirmajā darba pakā partneri sagatavos maršrutu kartes.",
    "Sagaidāmie rezultāti: jauna laivu piestātne un tūrisma karte.",
    "Целевая группа проекта – пожилые жители двух городов.",
    "В первом рабочем пакете партнёры подготовят карты маршрутов.",
]


@pytest.mark.parametrize("text", PLANS)
def test_a_page_in_the_terms_of_a_plan_describes_the_project(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", PLANS[:3])
def test_a_dated_page_in_the_terms_of_a_plan_is_news(text: str) -> None:
    assert classify(text, dated=True) == "press_release"


def test_a_call_that_names_target_groups_stays_other() -> None:
    text = ("The 2nd Call for Proposals is open. Submission of applications until 1 June.\n"
            "Target groups: schools and libraries.")
    assert classify(text) == "other"


@pytest.mark.parametrize("text", [
    "Partneri tikās Valgā un apsprieda, kā veicās ar maršrutu kartēm.",
    "The group of young families visited the piers on Saturday.",  # not 'target group'
    "Рабочая встреча партнёров прошла в Валге.",  # a working meeting, not a work package
])
def test_news_without_plan_terms_stays_news(text: str) -> None:
    assert classify(text) == "press_release"


# A project's objectives stated at two levels (an overall goal and a specific or direct one) are
# the terms of its plan.
GOAL_LEVELS = [
    "On 3 May the town signed the contract.\nThe general goal of the project is to improve the "
    "services of the town. The direct goal of the project is to train 40 employees.",
    "Overall objective: cleaner rivers in the border area.\nSpecific objectives: two new piers "
    "and a joint map.",
    "Projekta vispārējais mērķis ir uzlabot pašvaldības pakalpojumus. Tiešais mērķis ir apmācīt "
    "darbiniekus.",
    "Virsmērķis – veicināt tūrismu pierobežā.\nKonkrētais mērķis – izveidot divas laivu "
    "piestātnes.",
    "Общая цель проекта – развитие туризма в приграничье. Конкретная цель – создание двух "
    "причалов.",
]
ONE_GOAL_LEVEL = [
    "On Monday the partners met in Valga. The overall objective of the programme is growth.",
    "Partneri tikās Valgā. Projekta vispārējais mērķis ir veicināt tūrismu.",
    "Партнёры встретились в Валге. Конкретная цель встречи – план работ.",
]


@pytest.mark.parametrize("text", GOAL_LEVELS)
def test_two_levels_of_objectives_describe_the_project(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", ONE_GOAL_LEVEL)
def test_one_level_of_objectives_is_no_plan(text: str) -> None:
    assert classify(text) == "press_release"


def test_a_dated_page_with_two_levels_of_objectives_is_news() -> None:
    assert classify(GOAL_LEVELS[0], dated=True) == "press_release"


def test_a_call_with_two_levels_of_objectives_stays_other() -> None:
    text = ("The 2nd Call for Proposals is open. Submission of applications until 1 June.\n"
            "Overall objective: growth. Specific objective: jobs in the border area.")
    assert classify(text) == "other"


# A title line that names only the project (its kind, the project word, the quoted name).
PROJECT_TITLES = [
    "Cooperation project “Green Rivers”\n\nThe local action group takes part in the network "
    "with partners from five countries.",
    "Project “Green Rivers” (GreenRiv)\n\nThe partners restore the banks of two rivers.",
    "Sākums » Projekti\nPārrobežu sadarbības projekts “Zaļās upes”\n\nBiedrība piedalās tīklā "
    "kopā ar partneriem no piecām valstīm.",
    "Projekts „Zaļās upes”\nProjekta mērķis ir atjaunot divu upju krastus.",
    "Международный проект «Зелёные реки»\n\nМуниципалитет участвует в сети вместе с партнёрами "
    "из пяти стран.",
]
NOT_PROJECT_TITLES = [
    "Started project “Green Rivers”\n\nOn Monday the partners met in Valga.",
    "Noslēdzies projekts “Zaļās upes”\n\nPirmdien partneri tikās Valgā.",
    "Стартовал проект «Зелёные реки»\n\nВ понедельник партнёры встретились в Валге.",
    "Project “Green Rivers” closing conference\n\nOn Monday the partners met in Valga.",
    # a bare 'Project “Name”' heading a report of what happened, with no description cue
    "Project “Safe School”\nYesterday the final event of the project took place at Valka "
    "school, with 50 pupils and their parents attending.",
    "Projekts “Droša skola”\nVakar Valkas skolā notika projekta noslēguma pasākums, kurā "
    "piedalījās 50 skolēni.",
    # the same line below the news is a link or a section, not the page's title
    "On Monday the partners met in Valga to plan the works on both rivers.\n"
    "Project “Green Rivers”\nRead more.",
]


@pytest.mark.parametrize("text", PROJECT_TITLES)
def test_a_page_titled_by_its_project_describes_it(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", NOT_PROJECT_TITLES)
def test_a_headline_about_the_project_is_news(text: str) -> None:
    assert classify(text) == "press_release"


def test_a_dated_page_titled_by_its_project_name_is_news() -> None:
    assert classify(PROJECT_TITLES[0], dated=True) == "press_release"


# A project number alone on its line is a field; the same words opening a sentence are not.
NUMBER_LINES = [
    "Parka labiekārtošana\n\nProjekts Nr. 19-01-AL04-A019.2101-000012\n\nProjekta ietvaros "
    "uzstādīti soliņi.\nProjekta kopējās izmaksas EUR 12 000, pašvaldības finansējums EUR 1 200",
    "Park benches\nProject No. EE-LV-2019/17\nThe benches were installed in May.\n"
    "Total costs of the project EUR 12 000",
    "Скамейки в парке\nПроект № 2019-17\nВ мае установлены скамейки.\nБюджет проекта: "
    "12 000 евро",
    # a colon after the label
    "Parka labiekārtošana\n\nProjekts Nr.: 19-01-AL04-A019.2101-000012\n\nProjekta ietvaros "
    "uzstādīti soliņi.\nProjekta kopējās izmaksas EUR 12 000, pašvaldības finansējums EUR 1 200",
]
NUMBER_SENTENCES = [
    "Partneri tikās Valgā.\nProjekts Nr. LLI-777 “Zaļās upes” tiek īstenots Interreg programmā.\n"
    "Projekta kopējās izmaksas sastāda EUR 90 000.",
    "The partners met in Valga.\nProject No. LLI-777 is carried out under the Interreg programme."
    "\nTotal costs of the project were higher than planned.",
]


@pytest.mark.parametrize("text", NUMBER_LINES)
def test_a_number_line_and_a_cost_label_describe_the_project(text: str) -> None:
    assert classify(text) == "project_description"


@pytest.mark.parametrize("text", NUMBER_SENTENCES)
def test_a_sentence_opening_with_the_project_number_is_no_label(text: str) -> None:
    assert classify(text) == "press_release"


# A press release that mentions a project's duration, budget or aim is still a press release.
@pytest.mark.parametrize("text", [
    "On Monday the partners met in Valga. The project lasts 24 months and costs 90 000 EUR.",
    "Pirmdien Valgā tikās partneri. Projekta ilgums ir 24 mēneši, kopējās izmaksas 90 000 EUR.",
    "В понедельник в Валге встретились партнёры. Проект продлится 24 месяца, бюджет проекта "
    "составляет 90 000 евро.",
    "The aim of the project is to clean two rivers. On Saturday 40 volunteers collected litter.",
])
def test_news_that_mentions_the_projects_facts_stays_news(text: str) -> None:
    assert classify(text) == "press_release"


def _money(*items: tuple[str, str, float]) -> list[Fact]:
    """Budget facts in this order: (kind, cue, amount), each at its own place."""
    return [Fact("budgets", "d", "x", 10 * n, 10 * n + 1,
                 {"kind": kind, "cue": cue, "amount": amount, "currency": "EUR"})
            for n, (kind, cue, amount) in enumerate(items)]


TEXT = "Novadā īstenos divus projektus."


def test_two_money_blocks_with_different_parts_list_projects() -> None:
    facts = _money(("total", "Projektam paredzētais finansējums", 30000.0),
                   ("municipal", "pašvaldības līdzfinansējums", 13000.0),
                   ("total", "projektam paredzētais finansējums", 30000.0),
                   ("municipal", "pašvaldības  līdzfinansējums", 7112.67))
    assert settle("press_release", TEXT, facts) == "other"
    assert settle("project_description", TEXT, facts) == "other"


@pytest.mark.parametrize("facts", [
    # a headline and the body state the same total and part
    _money(("total", "бюджет проекта", 220000.0), ("state", "госбюджет", 20000.0),
           ("total", "бюджет проекта", 220000.0), ("state", "госбюджет", 20000.0)),
    # one total, two municipalities' shares
    _money(("total", "total budget", 90000.0), ("municipal", "municipal co-financing", 5000.0),
           ("municipal", "municipal co-financing", 3000.0)),
    # the parts have other cues (the project's share and a town's own)
    _money(("total", "total budget", 90000.0), ("municipal", "Valga", 5000.0),
           ("total", "total budget", 90000.0), ("municipal", "Valka", 3000.0)),
    # ERDF per partner differs within one project
    _money(("total", "total budget", 90000.0), ("eu", "ERDF", 50000.0),
           ("total", "total budget", 90000.0), ("eu", "ERDF", 26000.0)),
    # one project's budget revised: another total with its own part
    _money(("total", "kopējās izmaksas", 30000.0),
           ("municipal", "pašvaldības līdzfinansējums", 13000.0),
           ("total", "kopējās izmaksas", 28000.0),
           ("municipal", "pašvaldības līdzfinansējums", 11000.0)),
    # totals with different cues: the project's and the programme's
    _money(("total", "total budget", 90000.0), ("municipal", "co-financing", 5000.0),
           ("total", "programme budget", 9000000.0), ("municipal", "co-financing", 300000.0)),
])
def test_one_projects_money_is_no_list(facts: list[Fact]) -> None:
    assert settle("press_release", TEXT, facts) == "press_release"


# What the headline says weighs twice: a headline counting projects or announcing funding.
HEADLINES = [
    "LEADER programmā pieteikti 27 projekti\n\nBiedrība informē, ka pieteikumi tiks izvērtēti. "
    "Lēmums tiks pieņemts rudenī.",
    "Названы проекты, которые получат финансирование\n\nОтбор прошли 12 проектов, сообщает "
    "пресс-служба.",
    "Twelve projects approved for funding this spring\n\nThe committee met in Riga and chose the "
    "projects of the second call.",
]
NOT_HEADLINES = [
    # the same cue and count in the body only
    "Partneri tikās Valgā un apsprieda darbus.\nPirms gada programmā pieteikti 27 projekti. "
    "Lēmums tika pieņemts rudenī.",
    # a menu item above the prose is no headline
    "Sākums\nProjektu konkursi\nJaunumi\nNovada pašvaldība šogad īsteno 5 projektus, un "
    "pirmdien Ludzā notika partneru tikšanās.",
    # a headline with one count and nothing else about calls or decisions
    "Five projects with partners from Pskov\n\nOn Monday the partners met in Pskov.",
]


@pytest.mark.parametrize("text", HEADLINES)
def test_a_headline_about_many_projects_makes_other(text: str) -> None:
    assert classify(text) == "other"


@pytest.mark.parametrize("text", NOT_HEADLINES)
def test_cues_outside_the_headline_weigh_once(text: str) -> None:
    assert classify(text) == "press_release"


@pytest.mark.parametrize("text", [
    "The overall objective of the Programme is growth in the border area.\nSpecific objective "
    "2.1: more visitors to natural sites. Partners met in Valga on Monday.",
    "Programmas vispārējais mērķis ir pierobežas attīstība.\nProgrammas konkrētais mērķis – "
    "vairāk tūristu. Pirmdien partneri tikās Valgā.",
    "Общая цель программы – развитие приграничья.\nКонкретная цель программы – больше "
    "туристов. В понедельник партнёры встретились в Валге.",
])
def test_a_programmes_objectives_are_no_projects_plan(text: str) -> None:
    assert classify(text) == "press_release"
