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
