from datetime import date

import pytest
from helpers import facts

# (text, start, end, precision) — expected values worked out by hand
SINGLE_AND_RANGES = [
    ("Projekta īstenošanas termiņš: 02.01.2018. – 31.08.2018.", "2018-01-02", "2018-08-31"),
    ("Sanāksme notiks 15.05.2019 Rēzeknē.", "2019-05-15", "2019-05-15"),
    ("Seminārs notika 15-05-2019.", "2019-05-15", "2019-05-15"),
    ("Seminārs notika 15/05/2019.", "2019-05-15", "2019-05-15"),
    ("Līgums parakstīts 2016.gada 6.jūlijā.", "2016-07-06", "2016-07-06"),
    ("Konference notika 2018. gada 11. aprīlī Daugavpilī.", "2018-04-11", "2018-04-11"),
    ("The conference took place on 20 November 2020 in Riga.", "2020-11-20", "2020-11-20"),
    ("The seminar was held on October – 5th, 2020.", "2020-10-05", "2020-10-05"),
    ("The workshop is on 14-16 March 2019 in Kaunas.", "2019-03-14", "2019-03-16"),
    ("The meeting took place on March 9th -10th 2021.", "2021-03-09", "2021-03-10"),
    ("The festival ran 30 September - 2 October 2019.", "2019-09-30", "2019-10-02"),
    ("From 11th till 12th of April 2018 a meeting was held.", "2018-04-11", "2018-04-12"),
    ("Семинар прошёл с 14 по 16 марта 2017 года в Даугавпилсе.", "2017-03-14", "2017-03-16"),
    ("Встреча состоялась 9 августа 2016 года.", "2016-08-09", "2016-08-09"),
    ("Tikšanās notika no 2017. gada 11. līdz 14. maijam.", "2017-05-11", "2017-05-14"),
    ("Festivāls notika 11.–14. maijs 2019.", "2019-05-11", "2019-05-14"),
    ("Projekts ilgs no 01.12.2019. līdz 31.01.2020.", "2019-12-01", "2020-01-31"),
    ("The visit is planned for 28 December 2019 - 3 January 2020.", "2019-12-28", "2020-01-03"),
    ("Konference notiks 2019. gada 3. decembrī.", "2019-12-03", "2019-12-03"),
    ("Встреча прошла 1 сентября 2020 г. в Резекне.", "2020-09-01", "2020-09-01"),
    ("The deadline is 2020-03-31.", "2020-03-31", "2020-03-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), SINGLE_AND_RANGES)
def test_dates_and_ranges(text: str, start: str, end: str) -> None:
    rows = facts(text, "dates")
    assert [(r["start_date"], r["end_date"]) for r in rows] == [(start, end)]
    assert rows[0]["precision"] == "day"
    assert not rows[0]["year_inferred"]


MONTHS = [
    ("Nākamā tikšanās plānota septembrī Zviedrijā.", "09-01", "09-30"),
    ("The next meeting is planned in September.", "09-01", "09-30"),
    ("Следующая встреча запланирована в сентябре.", "09-01", "09-30"),
    ("Izstāde notiks februārī.", "02-01", "02-29"),
]


@pytest.mark.parametrize(("text", "md_start", "md_end"), MONTHS)
def test_month_only_without_year_is_unresolved(text: str, md_start: str, md_end: str) -> None:
    (row,) = facts(text, "dates")
    assert row["precision"] == "month"
    assert (row["month_day_start"], row["month_day_end"]) == (md_start, md_end)
    assert row["start_date"] == "" and row["year_unresolved"]


def test_month_with_year() -> None:
    (row,) = facts("The conference will take place in September 2019.", "dates")
    assert (row["start_date"], row["end_date"], row["precision"]) == (
        "2019-09-01", "2019-09-30", "month")


@pytest.mark.parametrize(
    "text",
    [
        "no šī gada 11. līdz 14. maijam notika tikšanās",
        "From 11th till 14th of May a meeting was held",
        "с 11 по 14 мая прошла встреча",
    ],
)
def test_year_inferred_from_publication_date(text: str) -> None:
    (row,) = facts(text, "dates", publication=date(2019, 6, 1))
    assert (row["start_date"], row["end_date"]) == ("2019-05-11", "2019-05-14")
    assert row["year_inferred"] is True
    assert row["kind"] == "event" and row["label"] == "meeting"


def test_year_unresolved_keeps_month_day() -> None:
    (row,) = facts("Projekta ietvaros no šī gada 11. līdz 14. maijam notika tikšanās.", "dates")
    assert row["start_date"] == "" and row["end_date"] == ""
    assert (row["month_day_start"], row["month_day_end"]) == ("05-11", "05-14")
    assert row["year_unresolved"] and row["text"] == "no šī gada 11. līdz 14. maijam"


def test_year_from_implementation_period() -> None:
    text = "Projekta īstenošanas termiņš: 01.03.2019. – 28.02.2020.\nSeminārs notiks 5. februārī."
    rows = facts(text, "dates")
    event = [r for r in rows if r["kind"] == "event"][0]
    assert event["start_date"] == "2020-02-05" and event["year_inferred"]


@pytest.mark.parametrize(
    "text",
    [
        "Programmas periods 2014-2020 ir noslēdzies.",
        "2016.gadā tika uzsākts projekts.",
        "Budžets sastāda 266 648,91 EUR.",
        "Tālr: 6 54 76064",
        "Programmas 2.1. apakšpasākums",
        "You may march in the parade.",
        "Maija Kalniņa vadīja semināru.",
    ],
)
def test_not_dates(text: str) -> None:
    assert facts(text, "dates") == []


def test_month_first_reading_only_when_day_cannot_be_month() -> None:
    (row,) = facts("Signed on 05/13/2019.", "dates")
    assert row["start_date"] == "2019-05-13" and "month-day-year" in row["note"]
    (row,) = facts("Signed on 05/12/2019.", "dates")
    assert row["start_date"] == "2019-12-05" and row["note"] == ""


def test_invalid_date_is_flagged() -> None:
    (row,) = facts("Sanāksme 31.02.2018.", "dates")
    assert row["invalid"] and row["start_date"] == ""


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("Projekta īstenošanas termiņš: 02.01.2018. – 31.08.2018.", "implementation", ""),
        ("Duration: 01.09.2019 – 31.08.2021", "implementation", ""),
        ("Срок реализации: 01.09.2019 – 31.08.2021", "implementation", ""),
        ("Konference notiks 2019. gada 3. decembrī.", "event", "conference"),
        ("The workshop is on 14-16 March 2019.", "event", "workshop"),
        ("Семинар прошёл 9 августа 2016 года.", "event", "seminar"),
        ("Pieteikumus iesniegt līdz 2020. gada 15. martam.", "deadline", ""),
        ("Applications are accepted until 15 March 2020.", "deadline", ""),
    ],
)
def test_kind_and_label(text: str, kind: str, label: str) -> None:
    (row,) = facts(text, "dates")
    assert (row["kind"], row["label"]) == (kind, label)
