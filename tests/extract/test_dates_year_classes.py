"""Years of year-less dates by class (2026-12-04): the year of the dated day a sentence
continues, weekdays that rule out a year, and the page's own date, which takes no year from what
the page reports. Our own invented sentences (LV/EN/RU)."""

from datetime import date, timedelta

import pytest
from helpers import facts
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.dates.grammar import weekday_fits


def _by_text(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in facts(text, "dates")}


# (text, year-less date's surface text, start, end): the single dated day in the same sentence
# or the sentence before gives the year that puts the date nearest to it, before or after
CONTINUED = [
    ("The project was launched on 14 March 2018. On 2 April the first workshop took place.",
     "2 April", "2018-04-02", "2018-04-02"),
    ("Projekts sākās 2020. gada 1. septembrī. Jau 15. oktobrī notika pirmā partneru tikšanās.",
     "15. oktobrī", "2020-10-15", "2020-10-15"),
    ("Договор был подписан 10 февраля 2021 года. 25 марта прошёл первый семинар.",
     "25 марта", "2021-03-25", "2021-03-25"),
    ("After the kick-off on 5 May 2021 the partners met again on 18 June in Tartu.",
     "18 June", "2021-06-18", "2021-06-18"),
    ("The partners met on 12 March 2021 and on 3 February 2022. A visit followed on 20 May.",
     "20 May", "2022-05-20", "2022-05-20"),
    ("The committee approved the projects on 12 November 2022. Most of them started in January.",
     "January", "2023-01-01", "2023-01-31"),
    ("Līgums parakstīts 2019. gada 20. decembrī. Būvdarbi sākās 10. februārī.",
     "10. februārī", "2020-02-10", "2020-02-10"),
    ("Соглашение подписали 28 ноября 2016 года, а уже в марте начались работы.",
     "марте", "2017-03-01", "2017-03-31"),
]


@pytest.mark.parametrize(("text", "surface", "start", "end"), CONTINUED)
def test_a_year_less_date_continues_the_dated_day_before_it(
    text: str, surface: str, start: str, end: str
) -> None:
    row = _by_text(text)[surface]
    assert (row["start_date"], row["end_date"]) == (start, end)
    assert row["year_inferred"] is True
    assert "dated mention it follows" in row["note"]


# no dated single day in its sentence or the one before, and no other way to the year
NOT_CONTINUED = [
    ("The partners met on 3 February 2022. The project has eight partners. A visit is planned "
     "for 20 May. The programme ran until 30 June 2021.", "20 May"),
    ("Pasākums notika 9. augustā. Līgums parakstīts 2019. gada 2. maijā, projekts beidzās "
     "2020. gada 1. jūlijā.", "9. augustā"),
    ("Семинар прошёл 14 апреля. Соглашение подписано 2 мая 2019 года, проект закончен "
     "1 июля 2020 года.", "14 апреля"),
]


def test_a_period_before_anchors_nothing() -> None:
    text = "Projekta īstenošanas termiņš: 01.03.2019. – 28.02.2020.\nSeminārs notiks 5. februārī."
    row = _by_text(text)["5. februārī"]
    assert row["start_date"] == "2020-02-05"
    assert "project period" in row["note"]


# a weekday that the only candidate year does not give the day: the year stays unknown
WRONG_WEEKDAY = [
    ("Ceturtdien, 9. martā Cēsīs notiks seminārs. Vienošanās noslēgta 2015. gada 2. jūnijā.",
     "9. martā"),
    ("On Friday, 14 June the fair opens in Tartu. The contract was signed on 3 March 2020.",
     "14 June"),
    ("В среду, 7 октября, пройдёт семинар. Соглашение подписано 15 января 2019 года.",
     "7 октября"),
]

# the same, with the weekday that the year gives the day
RIGHT_WEEKDAY = [
    ("Pirmdien, 9. martā Cēsīs notiks seminārs. Vienošanās noslēgta 2015. gada 2. jūnijā.",
     "9. martā", "2015-03-09"),
    ("On Sunday, 14 June the fair opens in Tartu. The contract was signed on 3 March 2020.",
     "14 June", "2020-06-14"),
    ("В понедельник, 7 октября, пройдёт семинар. Соглашение подписано 15 января 2019 года.",
     "7 октября", "2019-10-07"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_CONTINUED + WRONG_WEEKDAY)
def test_the_year_stays_unknown(text: str, surface: str) -> None:
    """No dated day right before (NOT_CONTINUED), or one whose year gives the day another
    weekday than the one written (WRONG_WEEKDAY)."""
    row = _by_text(text)[surface]
    assert row["year_unresolved"] is True
    assert row["start_date"] == ""


@pytest.mark.parametrize(("text", "surface", "start"), RIGHT_WEEKDAY)
def test_a_weekday_that_fits_keeps_the_year(text: str, surface: str, start: str) -> None:
    assert _by_text(text)[surface]["start_date"] == start


@pytest.mark.parametrize(
    "text",
    [
        # 'среду' is the noun 'environment' here (a weekday is 'в среду' or 'Среда, ...')
        "Соглашение подписано 2 мая 2019 года. Проект обновит городскую среду 14 мая.",
        "Соглашение подписано 2 мая 2019 года. Городская среда 14 мая станет чище.",
    ],
)
def test_a_russian_weekday_word_used_as_a_noun_rules_out_nothing(text: str) -> None:
    assert _by_text(text)["14 мая"]["start_date"] == "2019-05-14"  # a Tuesday


def test_the_weekday_binds_the_same_day_written_again() -> None:
    text = ("Otrdien, 9. martā notiks seminārs. Materiāli būs pieejami no 9. marta. "
            "Vienošanās noslēgta 2015. gada 2. jūnijā.")
    rows = facts(text, "dates")
    march = [r for r in rows if r["month_day_start"] == "03-09"]
    assert len(march) == 2
    assert all(r["year_unresolved"] for r in march)


# the page's own date line without a year: what the page reports gives it none
PAGE_DATE = [
    ("РИГА, 5 мар — Агентство. Соглашение было подписано 20 ноября 2018 года в Москве.",
     "5 мар"),
    ("VILNIUS, 12 May, BNS – The partnership agreement was signed on 3 December 2019.",
     "12 May"),
]


@pytest.mark.parametrize(("text", "surface"), PAGE_DATE)
def test_the_page_date_takes_no_year_from_the_pages_story(text: str, surface: str) -> None:
    row = _by_text(text)[surface]
    assert row["kind"] == "publication"
    assert row["year_unresolved"] is True


def test_the_page_date_takes_the_year_of_the_same_day_written_with_it() -> None:
    text = "RIGA, 5 May, BNS – The council decided on 5 May 2020 to sign the agreement."
    assert _by_text(text)["5 May"]["start_date"] == "2020-05-05"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(min_value=1, max_value=6))
def test_weekday_fits_its_own_day_only(day: date, shift: int) -> None:
    assert weekday_fits(day.year, day.month, day.day, {day.isoweekday()})
    other = (day + timedelta(days=shift)).isoweekday()
    assert not weekday_fits(day.year, day.month, day.day, {other})
    assert weekday_fits(day.year, day.month, day.day, set())
    assert weekday_fits(day.year, day.month, None, {other})  # a month has every weekday


_WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_a_resolved_year_never_contradicts_the_written_weekday(day: date, wd: int) -> None:
    text = (f"On {_WEEKDAYS_EN[wd]}, {day.day} {day.strftime('%B')} a seminar takes place. "
            f"The agreement was signed on 1 January {day.year}.")
    row = [r for r in facts(text, "dates") if r["month_day_start"] == day.strftime("%m-%d")
           and r["text"] != f"1 January {day.year}"][0]
    if row["start_date"]:
        assert date.fromisoformat(row["start_date"]).isoweekday() == wd + 1
    else:
        assert date(day.year, day.month, day.day).isoweekday() != wd + 1


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("The project started on 5 March 2019. In September the partners meet in Pskov.",
         "September", "2020-09-01"),
        ("Projekts sākās 2018. gada 2. aprīlī. 14. maijā notiks partneru tikšanās.",
         "14. maijā", "2020-05-14"),
    ],
)
def test_the_page_date_goes_before_the_dated_day_before(
    text: str, surface: str, start: str
) -> None:
    rows = {r["text"]: r for r in facts(text, "dates", publication=date(2020, 5, 4))}
    assert rows[surface]["start_date"] == start
    assert "publication date" in rows[surface]["note"]


# an article's header row: a source cell, the date alone in its cell, a navigation link
HEADER_ROWS = [
    ('Ziņas\n"Novada Vēstis" | 14.05.19 | Atpakaļ\nJauns projekts\nPašvaldība 3. maijā '
     "parakstīja līgumu.", "14.05.19", "2019-05-14", "3. maijā", "2019-05-03"),
    ("News\nCity Herald | 02.10.2017 | Back\nA new bridge\nThe works began on 12 September.",
     "02.10.2017", "2017-10-02", "12 September", "2017-09-12"),
    ('| архив |\n"Северный вестник" | 05.02.09 | Назад\nВ июне прошлого года начались работы.',
     "05.02.09", "2009-02-05", "июне прошлого года", "2008-06-01"),
]


@pytest.mark.parametrize(("text", "surface", "start", "other", "other_start"), HEADER_ROWS)
def test_a_date_in_an_articles_header_row_is_the_page_date(
    text: str, surface: str, start: str, other: str, other_start: str
) -> None:
    rows = _by_text(text)
    assert rows[surface]["kind"] == "publication"
    assert rows[surface]["start_date"] == start
    assert rows[other]["start_date"] == other_start


NOT_HEADER_ROWS = [
    # a field row of a project's table: a label beside the date, no navigation link
    ("| Projekta sākums | 01.02.2019 |\n| Partneru skaits | 4 |", "01.02.2019"),
    ("| Deadline | 15.03.2020 | Apply |\nSend the form by post.", "15.03.2020"),
    # the link cell holds more than a navigation word
    ("Back to the list of events | 05.06.2018 | more\nA seminar in Riga.", "05.06.2018"),
]


@pytest.mark.parametrize(("text", "surface"), NOT_HEADER_ROWS)
def test_a_date_in_other_table_rows_is_not_the_page_date(text: str, surface: str) -> None:
    assert _by_text(text)[surface]["kind"] != "publication"


# the part of a month stays in the span; the value is the whole month
MONTH_PARTS = [
    ("The works will be finished by the end of June 2021.", "the end of June 2021",
     "2021-06-01", "2021-06-30"),
    ("Registration opens at the beginning of March 2020.", "the beginning of March 2020",
     "2020-03-01", "2020-03-31"),
    ("The fair is held in mid-May 2019 in Tartu.", "mid-May 2019", "2019-05-01", "2019-05-31"),
    ("Būvdarbus pabeigs 2022. gada augusta beigās.", "2022. gada augusta beigās",
     "2022-08-01", "2022-08-31"),
    ("Pieteikumus pieņem līdz 2018. gada jūnija vidum.", "2018. gada jūnija vidum",
     "2018-06-01", "2018-06-30"),
    ("Работы завершатся в конце сентября 2023 года.", "конце сентября 2023 года",
     "2023-09-01", "2023-09-30"),
    ("С начала февраля 2024 года проект работает.", "начала февраля 2024 года",
     "2024-02-01", "2024-02-29"),
]


@pytest.mark.parametrize(("text", "surface", "start", "end"), MONTH_PARTS)
def test_the_part_of_a_month_is_in_the_span(
    text: str, surface: str, start: str, end: str
) -> None:
    row = _by_text(text)[surface]
    assert (row["start_date"], row["end_date"], row["precision"]) == (start, end, "month")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("At the end of the project in June 2021 a conference is held.", "June 2021"),
        ("The end of 5 June 2021 was rainy.", "5 June 2021"),
        ("Augusta Bērziņa beigās runāja.", None),  # a first name, not a month
        ("В конце концов, в мае 2020 года проект завершился.", "мае 2020 года"),
    ],
)
def test_no_part_without_its_words_right_beside_the_month(text: str, surface: str | None) -> None:
    rows = _by_text(text)
    if surface is None:
        assert not rows
    else:
        assert surface in rows


@pytest.mark.parametrize(
    ("text", "surface", "bare"),
    [
        ("Līdz 2016. gada jūnija beigām iesniegti 12 projekti.", "2016. gada jūnija beigām",
         "Līdz 2016. gada jūnijam iesniegti 12 projekti."),
    ],
)
def test_the_part_of_a_month_leaves_the_kind_as_it_was(text: str, surface: str, bare: str) -> None:
    kind = _by_text(text)[surface]["kind"]
    assert kind == facts(bare, "dates")[0]["kind"]


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        # a few months before the dated day is nearer than most of a year after it
        ("The project will end on 31 October 2019. In July the partners met in Kuldīga.",
         "July", "2019-07-01"),
        ("Darbi jāpabeidz līdz 2021. gada 30. septembrim. 3. jūlijā sāksies otrais posms.",
         "3. jūlijā", "2021-07-03"),
        ("Итоговая конференция пройдёт 15 ноября 2019 года. В июне партнёры встретились в "
         "Пскове.", "июне", "2019-06-01"),
        # a few days before the turn of the year
        ("The call opened on 8 January 2020. On 20 December the committee had met.",
         "20 December", "2019-12-20"),
    ],
)
def test_the_nearest_year_before_or_after(text: str, surface: str, start: str) -> None:
    row = _by_text(text)[surface]
    assert row["start_date"] == start
    assert "dated mention it follows" in row["note"]


@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)),
       st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_the_nearest_year_is_within_half_a_year(anchor: date, month: int, day: int) -> None:
    from pipeline.extract.dates import _nearest_year

    year = _nearest_year(anchor.year, anchor.month, anchor.day, month, day)
    assert year is not None
    assert abs((date(year, month, day) - anchor).days) <= 184
