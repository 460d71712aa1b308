"""Year-less dates on pages whose dates share one year, 'by the end of' deadlines, decision
headers and month words glued to the next word. Our own invented sentences."""

import pytest
from helpers import facts


def _by_text(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in facts(text, "dates")}


# (text, year-less date's surface text, expected start, expected end)
ONE_YEAR = [
    ("The partners met in Narva on 12 March 2021. The next visit is planned for 20-21 May.",
     "20-21 May", "2021-05-20", "2021-05-21"),
    ("Darbnīca notika 7. oktobrī. Projekts noslēgsies 2022. gada 30. novembrī.",
     "7. oktobrī", "2022-10-07", "2022-10-07"),
    ("Встреча прошла 14 апреля. Работы планируется завершить в декабре 2019 года.",
     "14 апреля", "2019-04-14", "2019-04-14"),
    ("A training took place in June.\nThe closing event was held on 2 December 2018.",
     "June", "2018-06-01", "2018-06-30"),
    ("Seminārs notika 3. un 4. septembrī Valkā, bet 2020. gada 5. decembrī - noslēgums.",
     "3. un 4. septembrī", "2020-09-03", "2020-09-04"),
]


@pytest.mark.parametrize(("text", "surface", "start", "end"), ONE_YEAR)
def test_year_less_dates_take_the_one_year_of_the_documents_dates(
    text: str, surface: str, start: str, end: str
) -> None:
    row = _by_text(text)[surface]
    assert (row["start_date"], row["end_date"]) == (start, end)
    assert row["year_inferred"] is True
    assert row["year_unresolved"] is False


# dates of two different years, or none at all: the year stays unknown
NO_SINGLE_YEAR = [
    ("A visit is planned for 20 May. The partners met on 12 March 2021 and on 3 February 2022.",
     "20 May"),
    ("Pasākums notika 9. augustā. Programma darbojas 2014.-2020. gadā.", "9. augustā"),
    ("Выставка откроется 5 июня.", "5 июня"),
    ("Projekts ilga no 2019. gada 1. aprīļa līdz 2021. gada 31. martam; tikšanās - 4. maijā.",
     "4. maijā"),
]


@pytest.mark.parametrize(("text", "surface"), NO_SINGLE_YEAR)
def test_no_year_is_guessed_without_one_shared_year(text: str, surface: str) -> None:
    row = _by_text(text)[surface]
    assert row["year_unresolved"] is True
    assert row["start_date"] == ""


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The report must be submitted by the end of March 2023.", "the end of March 2023"),
        ("All partners send their data no later than the end of June 2021.",
         "the end of June 2021"),
        ("Отчёт нужно сдать не позднее конца мая 2020 года.", "конца мая 2020 года"),
    ],
)
def test_by_the_end_of_a_month_is_a_deadline(text: str, surface: str) -> None:
    assert _by_text(text)[surface]["kind"] == "deadline"


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("RĒZEKNES NOVADA DOME\nLĒMUMS\nRēzeknē\n2015.gada 9.aprīlī Nr. 14\nPar dalību projektā",
         "2015.gada 9.aprīlī", "2015-04-09"),
        ("VALKAS NOVADA DOME\nLĒMUMS\nValkā\n2012.gada 3.februārīNr.7\nPar līdzfinansējumu",
         "2012.gada 3.februārī", "2012-02-03"),
        ("PROTOKOLS\nTukumā\n2018.gada 21.novembrī № 5\nSēdi atklāj plkst. 10.00",
         "2018.gada 21.novembrī", "2018-11-21"),
    ],
)
def test_a_decision_headers_date_with_its_number_is_the_page_date(
    text: str, surface: str, start: str
) -> None:
    row = _by_text(text)[surface]
    assert (row["kind"], row["start_date"]) == ("publication", start)


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("Sanāksme notika 2016.gada 14.martāTikšanās laikā runāja par ceļiem.",
         "2016.gada 14.martā", "2016-03-14"),
        ("Конференция прошла 3 октябряУчастники обсудили туризм. Итоги подвели 10 октября "
         "2019 года.", "3 октября", "2019-10-03"),
        ("The fair took place on 12 MayVisitors came from Tartu. It closed on 20 May 2017.",
         "12 May", "2017-05-12"),
    ],
)
def test_a_month_glued_to_the_next_capitalised_word_is_read(
    text: str, surface: str, start: str
) -> None:
    assert _by_text(text)[surface]["start_date"] == start


@pytest.mark.parametrize(
    "text",
    [
        "Autors: Maija Kalniņa",  # a first name is no month, glued or not
        "projekta koordinatore Marta Ozola",
        "Pasākums novembrisfestivāls",  # lower case on both sides: one word, no month
    ],
)
def test_names_and_glued_words_are_not_months(text: str) -> None:
    assert facts(text, "dates") == []
