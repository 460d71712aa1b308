"""Dates misfires found by probing with invented pages (2026-12-04): a date's span that ran
over a line break into the next paragraph's year ('2017. gada 3. janvārī' + next line '2016.
gada 31. oktobrī' gave 2016-01-03), publication labels in their other inflected forms ('Ziņa
publicēta:'), and a 'Place, date.' dateline that the article's first sentence follows on its
line. Our own invented sentences (LV/EN/RU)."""

import pytest
from helpers import facts
from hypothesis import given, settings
from hypothesis import strategies as st


def _by_text(text: str) -> dict[str, dict]:
    return {r["text"]: r for r in facts(text, "dates")}


# (text, the first date's span, its start): a year, 'this year' word or the year word on the
# next line belongs to the next paragraph, never to the date that ends the line
LINE_BREAK = [
    ("Ziņa publicēta: 2017. gada 3. janvārī\n\n2016. gada 31. oktobrī noslēdzās projekts.",
     "2017. gada 3. janvārī", "2017-01-03"),
    ("2018. gada 12. aprīlī\n\nŠā gada 5. maijā notiks talka.",
     "2018. gada 12. aprīlī", "2018-04-12"),
    ("Published 3 January 2021\n\n2020 was a good year for the project.",
     "3 January 2021", "2021-01-03"),
    ("Встреча прошла 5 марта 2015 года\n\n2016 год стал важным для проекта.",
     "5 марта 2015 года", "2015-03-05"),
    ("Projekts sākās 2016. gada jūnijā\n2015. gada 31. oktobrī tika parakstīts līgums.",
     "2016. gada jūnijā", "2016-06-01"),
    ("Partners met on 14 May\n2019 Annual report of the municipality",
     "14 May", ""),
]


@pytest.mark.parametrize(("text", "span", "start"), LINE_BREAK)
def test_a_date_ends_at_its_line(text: str, span: str, start: str) -> None:
    found = _by_text(text)
    assert span in found, list(found)
    assert found[span]["start_date"] == start


def test_the_next_paragraphs_date_keeps_its_own_year() -> None:
    found = _by_text(
        "Ziņa publicēta: 2017. gada 3. janvārī\n\n2016. gada 31. oktobrī noslēdzās projekts."
    )
    second = found["2016. gada 31. oktobrī"]
    assert second["start_date"] == "2016-10-31"
    assert second["year_inferred"] is False


# a date and its year on one line still make one date, also with a 'this year' word
SAME_LINE = [
    ("Konference notiks 2019. gada 28. februārī – 1. martā.", "2019-02-28", "2019-03-01"),
    ("The meeting is on 14 May, 2019 in Valmiera.", "2019-05-14", "2019-05-14"),
    ("Семинар пройдёт 20–21 ноября 2019 года в Пскове.", "2019-11-20", "2019-11-21"),
    ("Darbi sāksies 2020. gada martā.", "2020-03-01", "2020-03-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), SAME_LINE)
def test_a_date_and_its_year_on_one_line(text: str, start: str, end: str) -> None:
    rows = facts(text, "dates")
    assert [(r["start_date"], r["end_date"]) for r in rows] == [(start, end)]


PUBLISHED = [
    "Ziņa publicēta: 2016. gada 3. novembrī\n\nPartneri tikās Balvos.",
    "Publicēta 03.11.2016.\n\nPartneri tikās Balvos.",
    "Ievietota: 03.11.2016\n\nPartneri tikās Balvos.",
    "Новость размещена: 03.11.2016\n\nПартнёры встретились в Пскове.",
]


@pytest.mark.parametrize("text", PUBLISHED)
def test_publication_labels_in_every_form(text: str) -> None:
    rows = facts(text, "dates")
    assert rows[0]["kind"] == "publication"
    assert rows[0]["start_date"] == "2016-11-03"


# 'Place, date.' then the first sentence on the same line: the page's date
DATELINE_SENTENCE = [
    ("Pilsētā sākta parka pārbūve\n\nValmiera, 2019. gada 3. aprīlis. Šodien pilsētā sākās "
     "projekta aktivitātes.", "2019. gada 3. aprīlis"),
    ("Пскову выделят средства\n\nПсков, 20 ноября 2017 года. Администрация города подписала "
     "соглашение.", "20 ноября 2017 года"),
    ("Kick-off in Tartu\n\nTartu, 14 March 2022. The partners of the project met today.",
     "14 March 2022"),
]


@pytest.mark.parametrize(("text", "span"), DATELINE_SENTENCE)
def test_dateline_followed_by_the_first_sentence(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] == "publication"


# not a dateline: a place and a date deep in a paragraph, a sentence that does not follow a
# full stop, a date labelled as another kind
NOT_DATELINE = [
    ("Jaunumi\n\nPartneri tikās vairākas reizes.\nPirmā tikšanās bija Tartu.\nOtrā – Valgā.\n"
     "Valga, 2019. gada 3. aprīlis. Partneri parakstīja līgumu.", "2019. gada 3. aprīlis"),
    ("Jaunumi\n\nSākums 2019. gada 3. aprīlis. Partneri tikās Valgā.", "2019. gada 3. aprīlis"),
]


@pytest.mark.parametrize(("text", "span"), NOT_DATELINE)
def test_not_a_dateline(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] != "publication"


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2005, 2030), st.integers(1, 28), st.integers(1, 12), st.integers(2005, 2030),
    st.sampled_from(["\n", "\n\n", "\n \n"]),
)
def test_property_a_year_after_a_line_break_is_never_the_dates(
    year: int, day: int, month: int, other: int, brk: str
) -> None:
    """A Latvian date with its year, then any year at the start of the next line: the date
    keeps its own year and the next line's year is not read into it."""
    months = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā",
              "augustā", "septembrī", "oktobrī", "novembrī", "decembrī"]
    text = f"Publicēts: {year}. gada {day}. {months[month - 1]}{brk}{other}. gada pārskats"
    rows = facts(text, "dates")
    assert rows[0]["start_date"] == f"{year}-{month:02d}-{day:02d}"
    assert "\n" not in rows[0]["text"]


# the page's date in a header row with the page's metadata as another cell
META_ROW = [
    ("Home / News\n\nSmart mobility pilots launched\n\n10 June 2021 | Category: Projects\n\n"
     "The pilots kicked off this week in Riga and Tartu.", "10 June 2021"),
    ("Jaunumi\n\nParks atjaunots\n\n14.05.2020. | Skatīts: 312\n\nDarbi sāksies jūnijā.",
     "14.05.2020."),
    ("Новости\n\nСеминар в Пскове\n\n22.10.2018 | Просмотров: 45\n\nВстреча пройдёт в ноябре.",
     "22.10.2018"),
    ("News\n\nFinal conference\n\nTags: culture, heritage | 3 March 2020\n\nThe partners met.",
     "3 March 2020"),
]


@pytest.mark.parametrize(("text", "span"), META_ROW)
def test_page_date_beside_metadata_cells(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] == "publication"


def test_page_date_beside_metadata_gives_the_year() -> None:
    found = _by_text(META_ROW[0][0].replace("this week", "this week; a review follows in "
                                            "early October"))
    assert found["early October"]["start_date"] == "2021-10-01"


# an event's date in a row with a place or a word that is not the page's metadata
NOT_META_ROW = [
    ("News\n\nThe partners met in Tartu.\n\nWorkshop | 5 May 2021 | Tartu", "5 May 2021"),
]


@pytest.mark.parametrize(("text", "span"), NOT_META_ROW)
def test_date_in_other_rows(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] != "publication"


# a year-less date right after one event's few days written with their year takes that year
EVENT_ANCHOR = [
    ("Preiļu novada dome aicina uzņēmējus 2022. gada 24. un 25. martā piedalīties seminārā. "
     "Pieteikšanās semināram līdz 18. martam.", "18. martam", "2022-03-18"),
    ("The forum takes place on 12-14 May 2021 in Valga. Registration closes on 30 April.",
     "30 April", "2021-04-30"),
    ("Форум пройдёт 12–14 мая 2021 года. Регистрация до 30 апреля.", "30 апреля", "2021-04-30"),
    ("Nometne notika 2020. gada 28.–30. decembrī. Nākamā nometne būs 5. janvārī.",
     "5. janvārī", "2021-01-05"),
    # with other years on the page, so that no one-year guess gives the same answer
    ("Biedrība dibināta 2015. gada 2. jūnijā.\n\nSeminārs notiks 2022. gada 24. un 25. martā. "
     "Pieteikšanās līdz 18. martam.", "18. martam", "2022-03-18"),
    ("The association was founded on 2 June 2015.\n\nThe forum takes place on 12-14 May 2021. "
     "Registration closes on 30 April.", "30 April", "2021-04-30"),
    ("Ассоциация основана 2 июня 2015 года.\n\nФорум пройдёт 12–14 мая 2021 года. Регистрация "
     "до 30 апреля.", "30 апреля", "2021-04-30"),
]


@pytest.mark.parametrize(("text", "span", "start"), EVENT_ANCHOR)
def test_event_days_anchor_a_year(text: str, span: str, start: str) -> None:
    assert _by_text(text)[span]["start_date"] == start


# a period (the project's months) anchors nothing: a day inside it could fall in either year
def test_a_period_anchors_no_year() -> None:
    found = _by_text("Projekts tiek īstenots no 2021. gada 1. janvāra līdz 2022. gada 31. "
                     "decembrim. Seminārs notiks 5. maijā.")
    assert found["5. maijā"]["start_date"] == ""


# verbs of meeting in the forms the event verbs lacked
MET = [
    ("On 9-10 March 2022 the partners of the project met in Tartu.", "9-10 March 2022"),
    ("The partners met on 14 May 2021 to plan the pilots.", "14 May 2021"),
    ("The working group will meet on 3 June 2021 in Valka.", "3 June 2021"),
    ("Выставка проходила с 1 по 10 июня 2021 года в Пскове.", "с 1 по 10 июня 2021 года"),
]


@pytest.mark.parametrize(("text", "span"), MET)
def test_meeting_verbs(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] == "event"


NOT_MET = [
    ("The project met its targets by 30 June 2020.", "30 June 2020"),
    ("Договор подписан в августе прошлого года, 12 августа 2020 года.", "12 августа 2020 года"),
]


@pytest.mark.parametrize(("text", "span"), NOT_MET)
def test_not_meeting_verbs(text: str, span: str) -> None:
    assert _by_text(text)[span]["kind"] != "event"


# relative year adverbs before a month or day ('pērn decembrī' gave the page's own year)
RELATIVE_BEFORE = [
    ("Publicēts: 12.04.2021.\n\nPērn decembrī tika parakstīts līgums.",
     "Pērn decembrī", "2020-12-01"),
    ("Publicēts: 12.04.2021.\n\nNākamgad martā sāksies būvdarbi.", "Nākamgad martā", "2022-03-01"),
    ("Publicēts: 12.04.2021.\n\nŠogad 5. maijā notiks talka.", "Šogad 5. maijā", "2021-05-05"),
    ("Published: 12 April 2021\n\nThe contract was signed last December.", "last December",
     "2020-12-01"),
    ("Published: 12 April 2021\n\nWorks will start next March.", "next March", "2022-03-01"),
    ("Published: 12 April 2021\n\nThe festival will take place this May.", "this May",
     "2021-05-01"),
    ("Опубликовано: 12.04.2021\n\nРаботы начнутся 5 мая т.г.", "5 мая т.г.", "2021-05-05"),
    ("Опубликовано: 12.04.2021\n\nПраздник пройдёт 5 мая с.г.", "5 мая с.г.", "2021-05-05"),
]


@pytest.mark.parametrize(("text", "span", "start"), RELATIVE_BEFORE)
def test_relative_year_adverbs(text: str, span: str, start: str) -> None:
    assert _by_text(text)[span]["start_date"] == start


# after a date the English words are other words
def test_relative_words_after_a_date_are_other_words() -> None:
    found = _by_text("Published: 12 April 2021\n\nThe picnic is in May next to the river.")
    assert found["May"]["start_date"] == "2021-05-01"
