"""pipeline.sections: heading labels and the spans they govern."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import langdata
from pipeline.sections import MAX_HEADING_CHARS, classify_heading, find_sections


def _by_scanning_every_phrase(label: str) -> str | None:
    """The rule as written in docs: the longest heading phrase that is the whole label, or
    starts it up to a character that is not a letter or digit."""
    key = " ".join(label.casefold().replace("\t", " ").split()).strip(" :.-–")
    if not key or len(key) > MAX_HEADING_CHARS:
        return None
    data = langdata.load("headings.json")["fields"]
    pairs = [(p.casefold(), f) for f, phrases in data.items() for p in phrases]
    for phrase, field in sorted(pairs, key=lambda p: len(p[0]), reverse=True):
        if key == phrase or (key.startswith(phrase) and not key[len(phrase)].isalnum()):
            return field
    return None


PHRASES = [p for ps in langdata.load("headings.json")["fields"].values() for p in ps]


@settings(max_examples=400, deadline=None)
@given(
    phrase=st.sampled_from(PHRASES),
    case=st.sampled_from([str, str.upper, str.title]),
    tail=st.text(alphabet="ab (2):.-–\tāž1", max_size=12),
    lead=st.sampled_from(["", " ", "\t"]),
)
def test_classify_heading_agrees_with_scanning_every_phrase(
    phrase: str, case: object, tail: str, lead: str
) -> None:
    label = lead + case(phrase) + tail  # type: ignore[operator]
    assert classify_heading(label) == _by_scanning_every_phrase(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Projekta partneri", "partners"),
        ("PROJEKTA PARTNERI", "partners"),
        ("Projekta partneri (2)", "partners"),
        ("Projekta iesniedzējs (vadošais partneris)", "lead_partner"),
        ("Projekta iesniedzējs", "applicant"),
        ("Lead partner", "lead_partner"),
        ("Projekta partnerim", None),  # a longer word is not the heading
        ("Partneriem tika", None),
        ("", None),
        ("partneri " + "x" * MAX_HEADING_CHARS, None),  # too long to be a heading
    ],
)
def test_classify_heading(label: str, expected: str | None) -> None:
    assert classify_heading(label) == expected


def test_find_sections_spans_and_repeated_calls() -> None:
    text = "Projekta partneri: A, B\nIevads\nFinansēšanas avots\nERAF"
    first = find_sections(text)
    assert [(s.field, text[s.start : s.end]) for s in first] == [
        ("partners", "A, B\nIevads\n"),
        ("funding", "ERAF"),
    ]
    first.clear()  # a caller's list is its own
    assert find_sections(text) == find_sections(text) != []


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.field, text[s.start : s.end].strip()) for s in find_sections(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # a heading alone on its line, the value below
    ("Partneri\nRēzeknes novada pašvaldība", [("partners", "Rēzeknes novada pašvaldība")]),
    ("Iesniedzējs\nBalvu novada pašvaldība", [("applicant", "Balvu novada pašvaldība")]),
    ("Lead partner\nCity of Narva", [("lead_partner", "City of Narva")]),
    ("Партнеры\nАдминистрация Опочки", [("partners", "Администрация Опочки")]),
    ("Projekta budžets\n120 000 EUR", [("total_cost", "120 000 EUR")]),
    ("Kontaktinformācija\nJānis Kalns, tālr. 65400000",
     [("contact", "Jānis Kalns, tālr. 65400000")]),
    ("Objective and activities\nThe project builds two piers.",
     [("goal", "The project builds two piers.")]),
    # a heading glued to its value by a lost line break
    ("KontaktinformācijaJānis Kalns, tālr. 65400000",
     [("contact", "Jānis Kalns, tālr. 65400000")]),
    ("PartneriKrāslavas novada dome", [("partners", "Krāslavas novada dome")]),
    ("Контактное лицоИрина Петрова", [("contact", "Ирина Петрова")]),
    # a list marker before the heading
    (" • Projekta mērķis: uzlabot parkus\n • Projekta ilgums: 12 mēneši",
     [("goal", "uzlabot parkus\n •"), ("period", "12 mēneši")]),
    ("1. Project partners\nTown of Valga", [("partners", "Town of Valga")]),
    # a table bar or a dash between heading and value
    ("Lead partner | Town of Valka |", [("lead_partner", "Town of Valka |")]),
    ("Projekta mērķis - atjaunot parku", [("goal", "atjaunot parku")]),
    ("- Total budget - 50 000 EUR", [("total_cost", "50 000 EUR")]),
    # the value on the heading's line without a separator
    ("Contact person Anna Kalniņa, anna@example.org", [("contact",
                                                       "Anna Kalniņa, anna@example.org")]),
])
def test_headings_without_colon(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Partneri no Lietuvas ieradās Rīgā 12. maijā un apmeklēja trīs skolas.",
    "The project has a total budget of 180 000 EUR.",
    "Partners met in Tartu. They agreed on the plan.",
    "Budžets pieauga par 5 %, informēja domē.",
    "Programme Area",
    "Контакты с партнёрами из Литвы продолжаются уже пятый год подряд.",
    "Partnerība ar Lietuvu ir sena.",
])
def test_prose_is_not_a_heading(text: str) -> None:
    assert find_sections(text) == []
