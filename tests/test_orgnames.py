"""Organisation names: where they start and end, and their nominative (property tests)."""

from __future__ import annotations

import pymorphy3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.orgnames import nominative, scan_backward, scan_forward
from pipeline.runner import extract
from tests.helpers import make_doc

MORPH = pymorphy3.MorphAnalyzer()
RU_ADJECTIVES = ["нарвский", "молодёжный", "городской", "государственный", "районный",
                 "псковский", "культурный"]
RU_HEADS = ["центр", "университет", "дума", "администрация", "самоуправление", "музей",
            "библиотека", "школа"]
RU_CASES = ["gent", "datv", "accs", "ablt", "loct"]


def _inflect(word: str, grams: set[str], pos: str) -> str:
    parse = next(p for p in MORPH.parse(word) if pos == p.tag.POS)
    return parse.inflect(grams).word


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(RU_ADJECTIVES), min_size=1, max_size=2, unique=True),
       st.sampled_from(RU_HEADS), st.sampled_from(RU_CASES))
def test_russian_nominative_of_any_case(adjs: list[str], head: str, case: str) -> None:
    noun = next(p for p in MORPH.parse(head) if p.tag.POS == "NOUN")
    gender = noun.tag.gender
    nom = [_inflect(a, {"nomn", "sing", gender}, "ADJF") for a in adjs] + [head]
    inflected = [_inflect(a, {case, "sing", gender}, "ADJF") for a in adjs]
    if case == "accs" and gender == "masc":  # inanimate masculine accusative = nominative
        inflected = [_inflect(a, {"nomn", "sing", gender}, "ADJF") for a in adjs]
    inflected.append(noun.inflect({case, "sing"}).word)
    inflected[0] = inflected[0].capitalize()
    nom[0] = nom[0].capitalize()
    assert nominative(inflected, "ru") == " ".join(nom)


@pytest.mark.parametrize("words,lang,expected", [
    (["Norrkoppingas", "pašvaldību"], "lv", "Norrkoppingas pašvaldība"),
    (["Rīgas", "Tehniskajai", "universitātei"], "lv", "Rīgas Tehniskā universitāte"),
    (["Vitebskas", "pilsētas", "izpildkomiteju"], "lv", "Vitebskas pilsētas izpildkomiteja"),
    (["biedrību", "„Baltā", "māja”"], "lv", "biedrība „Baltā māja”"),
    (["Администрацией", "города", "Пскова"], "ru", "Администрация города Пскова"),
    (["Центром", "молодёжных", "инициатив"], "ru", "Центр молодёжных инициатив"),
    (["Rezekne", "City", "Council"], "en", "Rezekne City Council"),
])
def test_nominative(words: list[str], lang: str, expected: str) -> None:
    assert nominative(words, lang) == expected


NAME_PIECES = ["Daugavpils pilsētas dome", "Rēzeknes pilsētas domi", "City Council", "Lubļinas",
               "(vadošais partneris)", "(lead partner)", "kopā ar", "together with", "un", "and",
               ",", ".", "Lietuvā", "in Lithuania", "совместно с", "Администрацией города Пскова",
               "и", "2019.", "projektu", "implements", "\n", "„Baltā māja”", "Polija"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=14))
def test_partner_facts_keep_provenance(pieces: list[str]) -> None:
    doc = make_doc(" ".join(pieces))
    for f in extract(doc):
        if f.table != "partners":
            continue
        assert doc.text[f.start : f.end] == f.text
        assert f.values["name"].strip() and f.values["role"] in {
            "lead", "partner", "applicant", "associated"}
        assert f.values["country"] == "" or (len(f.values["country"]) == 2
                                             and f.values["country"].isupper())


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="Aa bČč,.()„”ДдЖж-\n", max_size=60), st.sampled_from(["lv", "en", "ru"]))
def test_scans_stay_inside_their_bounds(text: str, lang: str) -> None:
    for pos in range(0, len(text) + 1, 7):
        span = scan_forward(text, pos, len(text), lang)
        if span:
            assert pos <= span.start <= span.end <= len(text)
        span = scan_backward(text, pos, 0, lang)
        if span:
            assert 0 <= span.start <= span.end <= pos


@pytest.mark.parametrize("text,expected", [
    # "по" + dative after a head that takes it, "и" between genitives after the head
    ("Комитетом по туризму Псковской области и другими", "Комитет по туризму Псковской области"),
    ("Агентством по развитию предпринимательства", "Агентство по развитию предпринимательства"),
    ("Департаментом культуры и спорта города Нарва", "Департамент культуры и спорта города Нарва"),
    ("Центром развития и образования", "Центр развития и образования"),
    # a head that takes no "по", two names joined by "и", an abbreviation with its dot
    ("Рижской думой по проекту", "Рижская дума"),
    ("Рижской думой и самоуправлением Хельсинки", "Рижская дума"),
    ("Администрацией самоуправления г. Зарасай", "Администрация самоуправления г. Зарасай"),
    # a second name in the nominative after the first one's head starts a new name
    ("Нарвским центром Тартуская городская управа", "Нарвский центр"),
    ("Администрацией Печорского района музей", "Администрация Печорского района"),
])
def test_russian_name_extent_forward(text: str, expected: str) -> None:
    span = scan_forward(text, 0, len(text), "ru")
    assert span is not None
    assert nominative(span.words, "ru") == expected


@pytest.mark.parametrize("text,expected", [
    ("представители Департамента развития и экономики города Нарва",
     "Департамент развития и экономики города Нарва"),
    ("вместе с Государственным комитетом по туризму", "Государственный комитет по туризму"),
    ("Весной представители Выруской уездной управы", "Выруская уездная управа"),
    ("для туристов приграничные Валга", "Валга"),
])
def test_russian_name_extent_backward(text: str, expected: str) -> None:
    span = scan_backward(text, len(text), 0, "ru")
    assert span is not None
    assert nominative(span.words, "ru") == expected


@pytest.mark.parametrize("text,expected", [
    ("Tartu (Igaunija) pilsētas administrācija un Cēsu novada dome.",
     ["Tartu", "pilsētas", "administrācija"]),
    ("Valga (Estonia) city council and others.", ["Valga", "city", "council"]),
    ("Tartu (Igaunija) un Cēsis.", ["Tartu"]),
    ("Valsts akciju sabiedrība “Latvijas ceļi”.",
     ["Valsts", "akciju", "sabiedrība", "“Latvijas ceļi”"]),
])
def test_names_over_country_brackets_and_multiword_heads(text: str, expected: list[str]) -> None:
    span = scan_forward(text, 0, len(text), "lv" if "Igaunija" in text or "akciju" in text
                        else "en")
    assert span is not None and span.words == expected
