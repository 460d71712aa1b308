"""Tests of the contacts extractor (pipeline/extract/contacts/).

Expected values are written by hand: from the seeds' gold files for the seed texts, and from
reading the text for the other cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.base import ExtractContext
from pipeline.extract.contacts import extract_contacts
from pipeline.model import Block, Document, Fact

VALUE_KEYS = ("name", "role", "organization", "phone", "email", "lang")


def _doc(text: str, languages: list[str] | None = None, blocks: list[Block] | None = None):
    return Document(
        doc_id="d",
        source_path="d.txt",
        sha256="",
        format="txt",
        text=text,
        blocks=blocks or [],
        languages=languages or ["lv"],
    )


def _check(doc: Document, fact: Fact) -> None:
    """The invariants every contacts fact keeps."""
    assert fact.table == "contacts"
    assert fact.doc_id == doc.doc_id
    assert 0 <= fact.start <= fact.end <= len(doc.text)
    assert doc.text[fact.start : fact.end] == fact.text
    values = fact.values
    assert set(VALUE_KEYS) <= set(values)
    assert values["lang"] in ("lv", "en", "ru")
    if values["name"] is not None:
        s, e = values["name_start"], values["name_end"]
        assert fact.start <= s < e <= fact.end
        assert " ".join(doc.text[s:e].split()) == values["name"]
    if values["phone"] is not None:
        assert " " not in values["phone"]
        assert all(p.startswith("+") and p[1:].isdigit() for p in values["phone"].split(";"))


def run(
    text: str,
    languages: list[str] | None = None,
    claimed: tuple[tuple[int, int], ...] = (),
    blocks: list[Block] | None = None,
) -> list[Fact]:
    doc = _doc(text, languages, blocks)
    ctx = ExtractContext(doc)
    for s, e in claimed:
        ctx.claim(s, e)
    facts = list(extract_contacts(doc, ctx))
    for fact in facts:
        _check(doc, fact)
    return facts


def subset(fact: Fact, expected: dict[str, Any]) -> dict[str, Any]:
    return {k: fact.values.get(k) for k in expected}


# --- the seeds ---------------------------------------------------------------------------------

# The end of seed 000_0fd1986d7fa75366.txt, as received (tabs, a space starting the last line).
SEED_000_TAIL = (
    "·\tapkopotas labākās brīvprātīgā darba organizēšanas prakses Eiropas pilsētās.\n"
    "\n"
    "\tKontaktpersona:\n"
    "\tJolanta Reča-Lāže, projekta koordinators,\n"
    " Tālr: 6 54 76064; e-pasts: jolanta.reca-laze@daugavpils.lv\n"
    " "
)
SEED_000_GOLD = {
    "name": "Jolanta Reča-Lāže",
    "role": "projekta koordinators",
    "organization": None,
    "phone": "+37165476064",
    "email": "jolanta.reca-laze@daugavpils.lv",
}

# The author lines of seed 002_548a8080d49d8b59.txt with the lines around them.
SEED_002_TAIL = (
    "Iepriekšējā projekta partneru tikšanās notika Somijā, savukārt nākamā tikšanās ir plānota "
    "septembrī Zviedrijā.\n"
    "[image: ] \n"
    "Informāciju sagatavoja projekta koordinatore J.Reča-Lāže\n"
    "The 7th Meeting of EU Project „Enhancing Volunteering Actions and Quality in Europe” "
    "(EVOLAQ) Held in Italy\n"
    "Last project partners meeting was held in Finland, but the next is planned in September, "
    "in Sweden.\n"
    " By coordinator of the project J.Reča-Lāže\n"
    " "
)
SEED_002_GOLD = {
    "name": "J.Reča-Lāže",
    "role": "projekta koordinatore",
    "organization": None,
    "phone": None,
    "email": None,
}


def test_seed_000_contact_block() -> None:
    facts = run(SEED_000_TAIL, ["lv"])
    assert len(facts) == 1
    fact = facts[0]
    assert subset(fact, SEED_000_GOLD) == SEED_000_GOLD
    assert fact.values["lang"] == "lv"
    assert fact.text.startswith("Kontaktpersona:")
    assert fact.text.endswith("jolanta.reca-laze@daugavpils.lv")


def test_seed_000_normalized() -> None:
    """The same block after normalization: one line per block, tabs gone."""
    text = (
        "Kontaktpersona:\nJolanta Reča-Lāže, projekta koordinators,\n"
        "Tālr: 6 54 76064; e-pasts: jolanta.reca-laze@daugavpils.lv"
    )
    (fact,) = run(text, ["lv"])
    assert subset(fact, SEED_000_GOLD) == SEED_000_GOLD
    assert fact.text == text


def test_seed_002_author_lines() -> None:
    facts = run(SEED_002_TAIL, ["lv", "en"])
    assert [subset(f, SEED_002_GOLD) for f in facts[:1]] == [SEED_002_GOLD]
    assert facts[0].text == "Informāciju sagatavoja projekta koordinatore J.Reča-Lāže"
    assert facts[0].values["lang"] == "lv"
    # the English translation names the same person again; linking merges the two
    assert len(facts) == 2
    assert facts[1].values["name"] == "J.Reča-Lāže"
    assert facts[1].values["role"] == "coordinator of the project"
    assert facts[1].values["lang"] == "en"
    assert facts[1].text == "By coordinator of the project J.Reča-Lāže"


SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.mark.parametrize(
    ("stem", "gold"),
    [("000_0fd1986d7fa75366", SEED_000_GOLD), ("002_548a8080d49d8b59", SEED_002_GOLD)],
)
def test_seed_files(stem: str, gold: dict[str, Any]) -> None:
    path = SEEDS / f"{stem}.txt"
    if not path.exists():
        pytest.skip("shared/seeds not beside the project")
    facts = run(path.read_text(encoding="utf-8"), ["lv", "en"])
    assert facts
    assert subset(facts[0], gold) == gold
    # nothing else in the seeds is a contact: no phone digit run or stray name
    assert all(f.values["name"] == gold["name"] for f in facts)


# --- the patterns, in three languages ----------------------------------------------------------

CASES: list[tuple[str, str, str, list[dict[str, Any]]]] = [
    # contact blocks
    (
        "lv-block-lines",
        "lv",
        "Kontaktpersona:\nJolanta Reča-Lāže, projekta koordinatore,\n"
        "Daugavpils pilsētas domes Attīstības departaments\n"
        "Tālr. 6 54 76064; e-pasts: jolanta.reca-laze@daugavpils.lv\nProjekta rezultāti:",
        [
            {
                "name": "Jolanta Reča-Lāže",
                "role": "projekta koordinatore",
                "organization": "Daugavpils pilsētas domes Attīstības departaments",
                "phone": "+37165476064",
                "email": "jolanta.reca-laze@daugavpils.lv",
                "lang": "lv",
            }
        ],
    ),
    (
        "lv-block-one-line-two-phones",
        "lv",
        "Kontaktpersona: Jānis Bērziņš, Attīstības departamenta projektu vadītājs, "
        "tālr. 65476064, mob. 29123456, e-pasts: janis.berzins@daugavpils.lv",
        [
            {
                "name": "Jānis Bērziņš",
                "role": "Attīstības departamenta projektu vadītājs",
                "organization": None,
                "phone": "+37165476064;+37129123456",
                "email": "janis.berzins@daugavpils.lv",
            }
        ],
    ),
    (
        "en-block",
        "en",
        "Contact person:\nJolanta Reča-Lāže, project coordinator,\n"
        "Daugavpils City Council\nphone: +371 65476064, e-mail: jolanta.reca-laze@daugavpils.lv",
        [
            {
                "name": "Jolanta Reča-Lāže",
                "role": "project coordinator",
                "organization": "Daugavpils City Council",
                "phone": "+37165476064",
                "email": "jolanta.reca-laze@daugavpils.lv",
                "lang": "en",
            }
        ],
    ),
    (
        "ru-block",
        "ru",
        "Контактное лицо: Анна Иванова, координатор проекта, тел. 65476064, "
        "эл. почта: anna.ivanova@daugavpils.lv",
        [
            {
                "name": "Анна Иванова",
                "role": "координатор проекта",
                "phone": "+37165476064",
                "email": "anna.ivanova@daugavpils.lv",
                "lang": "ru",
            }
        ],
    ),
    (
        "ru-block-next-line",
        "ru",
        "Контактное лицо:\nА. Иванова, специалист Даугавпилсской думы\nтел. 6 54 76064",
        [
            {
                "name": "А. Иванова",
                "role": "специалист Даугавпилсской думы",
                "phone": "+37165476064",
                "lang": "ru",
            }
        ],
    ),
    (
        "lv-block-two-people",
        "lv",
        "Kontaktpersonas:\nJānis Bērziņš, tālr. 65412345\n"
        "Anna Kalniņa, projekta asistente, e-pasts: anna.kalnina@daugavpils.lv",
        [
            {"name": "Jānis Bērziņš", "role": None, "phone": "+37165412345", "email": None},
            {
                "name": "Anna Kalniņa",
                "role": "projekta asistente",
                "phone": None,
                "email": "anna.kalnina@daugavpils.lv",
            },
        ],
    ),
    (
        "lv-block-address-fax",
        "lv",
        "Kontaktpersona: Jānis Bērziņš, Krišjāņa Valdemāra iela 1, Daugavpils, LV-5401, "
        "tālr. 65404344, fakss 65421941, e-pasts: janis@daugavpils.lv",
        [
            {
                "name": "Jānis Bērziņš",
                "role": None,
                "organization": None,
                "phone": "+37165404344",
                "email": "janis@daugavpils.lv",
            }
        ],
    ),
    (
        "en-block-stacked-lines",
        "en",
        "Contact person:\nAnna Smith\nProject Manager\nDaugavpils City Council\n"
        "Phone: +371 29123456\n"
        "Daugavpils City Council implements the project together with partners.",
        [
            {
                "name": "Anna Smith",
                "role": "Project Manager",
                "organization": "Daugavpils City Council",
                "phone": "+37129123456",
            }
        ],
    ),
    (
        "lv-block-stops-before-prose-line",
        "lv",
        "Kontaktpersona:\nJānis Bērziņš, tālr. 29123456\nAnna Kalniņa apmeklēja konferenci Rīgā.",
        [{"name": "Jānis Bērziņš", "phone": "+37129123456"}],
    ),
    (
        "lv-cue-inside-sentence",
        "lv",
        "Projekta kontaktpersona ir Jānis Bērziņš, tālr. 29123456.",
        [{"name": "Jānis Bērziņš", "phone": "+37129123456", "lang": "lv"}],
    ),
    (
        "ru-block-fax-is-no-phone",
        "ru",
        "Контактное лицо: Анна Иванова, тел.: 29123456, факс: 65421941",
        [{"name": "Анна Иванова", "phone": "+37129123456", "fax": "+37165421941"}],
    ),
    (
        "en-obfuscated-email",
        "en",
        "Contact: Anna Smith, e-mail: anna.smith(at)daugavpils.lv",
        [{"name": "Anna Smith", "email": "anna.smith@daugavpils.lv"}],
    ),
    (
        "ru-organisation-and-address",
        "ru",
        "Контактная информация: Даугавпилсская городская дума, ул. Кр. Валдемара 1, тел. 65404344",
        [
            {
                "name": None,
                "organization": "Даугавпилсская городская дума",
                "phone": "+37165404344",
            }
        ],
    ),
    # additional information
    (
        "en-additional-information",
        "en",
        "For additional information: Anna Smith, Head of International Relations Office, "
        "phone +371 65476064, e-mail anna.smith@daugavpils.lv",
        [
            {
                "name": "Anna Smith",
                "role": "Head of International Relations Office",
                "phone": "+37165476064",
                "email": "anna.smith@daugavpils.lv",
                "lang": "en",
            }
        ],
    ),
    (
        "lv-two-people-one-line",
        "lv",
        "Papildu informācija: projekta vadītāja Anna Kalniņa (tālr. 65476064), "
        "projekta asistents Jānis Bērziņš (tālr. 29123456).",
        [
            {"name": "Anna Kalniņa", "role": "projekta vadītāja", "phone": "+37165476064"},
            {"name": "Jānis Bērziņš", "role": "projekta asistents", "phone": "+37129123456"},
        ],
    ),
    (
        "en-role-at-organisation",
        "en",
        "For further information: Anna Smith, Project Manager at Daugavpils City Council, "
        "tel. 29123456",
        [
            {
                "name": "Anna Smith",
                "role": "Project Manager",
                "organization": "Daugavpils City Council",
                "phone": "+37129123456",
            }
        ],
    ),
    (
        "lv-additional-information",
        "lv",
        "Papildu informācija: Anna Kalniņa, Starptautisko sakaru nodaļas vadītāja, "
        "tālr. 65476064, e-pasts anna.kalnina@daugavpils.lv",
        [
            {
                "name": "Anna Kalniņa",
                "role": "Starptautisko sakaru nodaļas vadītāja",
                "phone": "+37165476064",
                "email": "anna.kalnina@daugavpils.lv",
                "lang": "lv",
            }
        ],
    ),
    (
        "ru-additional-information-lt-phone",
        "ru",
        "Дополнительная информация: Иванова А.В., специалист отдела внешних связей, "
        "тел. +370 41 123456, эл. почта ivanova@daugavpils.lv",
        [
            {
                "name": "Иванова А.В.",
                "role": "специалист отдела внешних связей",
                "phone": "+37041123456",
                "email": "ivanova@daugavpils.lv",
                "lang": "ru",
            }
        ],
    ),
    # author lines
    (
        "lv-author-initial",
        "lv",
        "Projekta partneri tikās Itālijā.\n"
        "Informāciju sagatavoja projekta koordinatore J.Reča-Lāže",
        [{"name": "J.Reča-Lāže", "role": "projekta koordinatore", "phone": None, "lang": "lv"}],
    ),
    (
        "lv-author-full-name",
        "lv",
        "Informāciju sagatavoja Attīstības departamenta projektu speciāliste Anna Kalniņa",
        [{"name": "Anna Kalniņa", "role": "Attīstības departamenta projektu speciāliste"}],
    ),
    (  # the organisation in the genitive before the role; a department stays in the role
        "lv-author-organisation-then-role",
        "lv",
        "Informāciju sagatavoja Latgales Centrālās bibliotēkas sabiedrisko attiecību "
        "speciāliste Dace Liepiņa, e-pasts: dace.liepina@lcb.lv",
        [{"name": "Dace Liepiņa", "role": "sabiedrisko attiecību speciāliste",
          "organization": "Latgales Centrālās bibliotēkas", "email": "dace.liepina@lcb.lv"}],
    ),
    (
        "ru-author-organisation-then-role",
        "ru",
        "Информацию подготовила специалист по связям с общественностью Латгальской центральной "
        "библиотеки Мария Орлова",
        [{"name": "Мария Орлова",
          "role": "специалист по связям с общественностью Латгальской центральной библиотеки"}],
    ),
    (
        "en-author-prepared-by",
        "en",
        "Information prepared by project coordinator J. Reča-Lāže",
        [{"name": "J. Reča-Lāže", "role": "project coordinator", "lang": "en"}],
    ),
    (
        "en-author-by",
        "en",
        "The next meeting is planned in Sweden.\nBy coordinator of the project J.Reča-Lāže",
        [{"name": "J.Reča-Lāže", "role": "coordinator of the project", "lang": "en"}],
    ),
    (
        "ru-author",
        "ru",
        "Информацию подготовила специалист отдела внешних связей А.Иванова",
        [{"name": "А.Иванова", "role": "специалист отдела внешних связей", "lang": "ru"}],
    ),
    (
        "ru-author-surname-initials",
        "ru",
        "Подготовила: Иванова А. В.",
        [{"name": "Иванова А. В.", "role": None, "lang": "ru"}],
    ),
    (
        "lv-author-with-phone",
        "lv",
        "Informāciju sagatavoja: Jānis Bērziņš, tālr. 29123456",
        [{"name": "Jānis Bērziņš", "role": None, "phone": "+37129123456"}],
    ),
    # names without details, details without names
    (
        "en-name-only",
        "en",
        "Contact person: Anna Marija K. Smith-Jones",
        [{"name": "Anna Marija K. Smith-Jones", "phone": None, "email": None}],
    ),
    (
        "ru-name-only-dash",
        "ru",
        "Контактное лицо – Анна Иванова",
        [{"name": "Анна Иванова", "role": None, "lang": "ru"}],
    ),
    # an office's phone or address without a person is no contact (dev-corpus convention)
    ("lv-phone-only", "lv", "Sīkāka informācija pa tālruni 65476064.", []),
    (
        "lv-stray-email-and-phone",
        "lv",
        "Pieteikumus sūtiet uz info@daugavpils.lv vai zvaniet +371 65476064.",
        [],
    ),
    (
        "lv-name-phone-no-cue",
        "lv",
        "Jānis Bērziņš, tālr. 29123456",
        [{"name": "Jānis Bērziņš", "phone": "+37129123456", "lang": "lv"}],
    ),
    ("en-email-only", "en", "Applications are accepted by e-mail: projects@daugavpils.lv.", []),
    ("ru-phone-only", "ru", "Справки по телефону 654 76064.", []),
    # prose with cue-like words but no contact
    ("en-by-in-prose", "en", "By 2020 the project will have built 3 bridges.", []),
    (
        "en-more-information-link",
        "en",
        "The project is run by Daugavpils City Council.\n"
        "For more information visit www.daugavpils.lv",
        [],
    ),
    ("lv-no-contact", "lv", "Projekta budžets ir 550 EUR, dalībnieku skaits ir 7 cilvēki.", []),
    ("ru-no-contact", "ru", "В проекте участвуют 8 партнёров из 7 стран.", []),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [pytest.param(lang, text, exp, id=cid) for cid, lang, text, exp in CASES],
)
def test_patterns(lang: str, text: str, expected: list[dict[str, Any]]) -> None:
    facts = run(text, [lang])
    assert [subset(f, e) for f, e in zip(facts, expected, strict=False)] == expected
    assert len(facts) == len(expected)


def test_enough_cases_per_language() -> None:
    for lang in ("lv", "en", "ru"):
        assert sum(1 for c in CASES if c[1] == lang) >= 6


def test_span_covers_cue_and_last_detail() -> None:
    text = "Papildu informācija: Anna Kalniņa, tālr. 65476064. Paldies!"
    (fact,) = run(text)
    assert fact.text == "Papildu informācija: Anna Kalniņa, tālr. 65476064"
    assert text[fact.values["name_start"] : fact.values["name_end"]] == "Anna Kalniņa"


def test_mention_kinds() -> None:
    text = (
        "Kontaktpersona: Jānis Bērziņš\n"
        "Projekts beidzās.\n"
        "Informāciju sagatavoja projekta koordinatore J.Reča-Lāže\n"
        "Projekts turpināsies.\n"
        "Anna Kalniņa, tālr. +371 65476064\n"
        "Lai veicas!\n"
        "Dace Liepa\n"
        "projekta vadītāja"
    )
    assert [f.values["mention"] for f in run(text)] == [
        "contact_block", "author_line", "details", "signature"
    ]


def test_invalid_phone_and_email_keep_raw_text() -> None:
    (fact,) = run("Kontaktpersona: Jānis Bērziņš, tālr. 123; e-pasts: janis@daugavpils")
    assert fact.values["name"] == "Jānis Bērziņš"
    assert fact.values["phone"] is None
    assert fact.values["phone_raw"] == "123"
    assert fact.values["email"] is None
    assert fact.values["email_raw"] == "janis@daugavpils"


def test_language_from_blocks_without_cue() -> None:
    text = "Projekts notiek.\nAnna Smith, phone 29123456"
    blocks = [Block(0, 16, "paragraph", "lv"), Block(17, len(text), "paragraph", "en")]
    (fact,) = run(text, ["lv", "en"], blocks=blocks)
    assert fact.values["lang"] == "en"
    assert fact.values["name"] == "Anna Smith"


# --- claimed spans -----------------------------------------------------------------------------


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_claimed_money_and_date_are_no_phones() -> None:
    text = (
        "Papildu informācija: Jānis Bērziņš, tālr. 65476064; budžets 64 607 654, līgums 20.05.2019"
    )
    claimed = (_span(text, "64 607 654"), _span(text, "20.05.2019"))
    (fact,) = run(text, ["lv"], claimed)
    assert fact.values["phone"] == "+37165476064"
    # without the claims both digit runs would read as valid Latvian numbers
    (unclaimed,) = run(text, ["lv"])
    assert "+37164607654" in unclaimed.values["phone"]


def test_claimed_labelled_number_is_not_taken() -> None:
    text = "Kontaktpersona: Jānis Bērziņš, tālr. 29123456"
    (fact,) = run(text, ["lv"], (_span(text, "29123456"),))
    assert fact.values["name"] == "Jānis Bērziņš"
    assert fact.values["phone"] is None
    assert fact.values["phone_raw"] is None


def test_stray_claimed_number_gives_no_fact() -> None:
    text = "Kopējās izmaksas: +371 654 76064 EUR"
    assert run(text, ["lv"], (_span(text, "+371 654 76064 EUR"),)) == []


def test_phone_spans_are_claimed_for_later_extractors() -> None:
    text = "Kontaktpersona: Jānis Bērziņš, tālr. 29123456"
    doc = _doc(text)
    ctx = ExtractContext(doc)
    list(extract_contacts(doc, ctx))
    assert ctx.is_claimed(*_span(text, "29123456"))
    assert not ctx.is_claimed(*_span(text, "Jānis"))


# --- robustness --------------------------------------------------------------------------------

FRAGMENTS = [
    "Kontaktpersona:",
    "Contact person:",
    "Контактное лицо:",
    "Informāciju sagatavoja",
    "By",
    "Информацию подготовила",
    "J.Reča-Lāže",
    "Jolanta Reča-Lāže",
    "Иванова А.В.",
    "projekta koordinatore",
    "Head of Office",
    "tālr.",
    "tel.",
    "тел.",
    "e-pasts:",
    "эл. почта",
    "6 54 76064",
    "+370 41 123456",
    "64 607 654 EUR",
    "15.05.2019",
    "a@b.lv",
    "x@",
    "(at)",
    "\n",
    "\t",
    ",",
    ".",
    ";",
    ":",
    "–",
    " ",
    "\u00a0",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
        max_size=40,
    ).map(" ".join),
    st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=4),
)
def test_random_text_never_crashes(text: str, claims: list[tuple[int, int]]) -> None:
    claimed = tuple((s, s + n) for s, n in claims)
    doc = _doc(text, ["lv"])
    ctx = ExtractContext(doc)
    for s, e in claimed:
        ctx.claim(s, e)
    before = list(ctx.claimed)
    facts = list(extract_contacts(doc, ctx))
    for fact in facts:
        _check(doc, fact)
    # the extractor claims the phone numbers it took: none of them lies in an earlier claim
    added = list(ctx.claimed)
    for span in before:
        added.remove(span)
    assert not any(s < e2 and s2 < e for s, e in added for s2, e2 in before)


@pytest.mark.parametrize("text,org", [
    ("Contact person: Maria Rossi, Comune di Collecchio, phone +39 0521 301111",
     "Comune di Collecchio"),
    ("Contact person: Jan Kowalski, Urząd Miasta Lublin, phone +48 81 466 1000",
     "Urząd Miasta Lublin"),
    ("Contact person: Anna Huber, Volkshochschule Linz, phone +43 732 7070",
     "Volkshochschule Linz"),
])
def test_foreign_organisation_names(text: str, org: str) -> None:
    from tests.helpers import facts as all_facts

    found = all_facts(text, "contacts")
    assert [f["organization"] for f in found] == [org]
    assert found[0]["phone"].startswith("+" + text.split("+")[1][:2])


@pytest.mark.parametrize(("lang", "text", "org"), [
    ("lv", "Pieteikties var pa tālruni 65 476 090 vai bibliotēkā (Rīgas ielā 22A).", None),
    ("lv", "Pieteikties var pa tālruni 65 476 090 un bibliotēkā darba dienās.", None),
    ("en", "Register by phone 65 476 090 or at the library (Rīgas iela 22A).", None),
    ("ru", "Записаться можно по телефону 65 476 090 или в библиотеке.", None),
    ("lv", "Informācija pa tālruni 65 476 090, Latgales Centrālā bibliotēka.",
     "Latgales Centrālā bibliotēka"),
])
def test_a_phrase_after_or_names_no_organisation(lang: str, text: str, org: str | None) -> None:
    """'... by phone X or at the library': the alternative continues the sentence; it is not
    the organisation of the number (the conjunctions are in contacts.json)."""
    facts = run(text, [lang])
    # a number with no person is kept only with the organisation it belongs to
    assert [f.values["organization"] for f in facts] == ([org] if org else [])
    assert [f.values["phone"] for f in facts] == (["+37165476090"] if org else [])


# --- contacts on real pages: one parametrized test per class of miss (our own sentences) --------


def names(text: str, lang: str = "lv") -> list[str]:
    return [f.values["name"] for f in run(text, [lang])]


def all_names(text: str) -> list[str]:
    """Names found with every extractor run first (the dated bylines need the dates)."""
    from tests.helpers import facts as all_facts

    return [f["name"] for f in all_facts(text, "contacts")]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a heading in a neighbour's language opens a block too
    ("en", "Kontaktid: Kati Tamm, Peeter Kask\n\nThe project started in May.",
     ["Kati Tamm", "Peeter Kask"]),
    ("lv", "Kontaktai: Rūta Petraitienė\nProjekts sākās maijā.", ["Rūta Petraitienė"]),
    # a glued heading: the line break before the name was lost
    ("lv", "KontaktinformācijaJānis Bērziņš, tālr. 29123456", ["Jānis Bērziņš"]),
    ("lv", "KontaktpersonaJānis Bērziņš", ["Jānis Bērziņš"]),
    ("lv", "Informāciju sagatavojaAnna Kalniņa", ["Anna Kalniņa"]),
    ("en", "Contact personJohn Miller, project manager", ["John Miller"]),
    ("ru", "Контактное лицоАнна Петрова", ["Анна Петрова"]),
])
def test_headings_of_neighbours_and_glued_headings(
    lang: str, text: str, expected: list[str]
) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected", "role"), [
    ("lv", "Projekta vadītāja: Anna Kalniņa", "Anna Kalniņa", "Projekta vadītāja"),
    ("lv", "Projekta koordinators:\nJānis Ozols, tālr. 29123456", "Jānis Ozols",
     "Projekta koordinators"),
    ("en", "Project manager: John Miller, Riga Technical University", "John Miller",
     "Project manager"),
    ("en", "Project coordinator at the University of Tartu: Dr. Kati Tamm", "Kati Tamm",
     "Project coordinator"),
    ("ru", "Руководитель проекта: Анна Петрова", "Анна Петрова", "Руководитель проекта"),
    ("ru", "• Координатор проекта: Олег Зайцев, тел. +371 29123456", "Олег Зайцев",
     "Координатор проекта"),
])
def test_role_labels(lang: str, text: str, expected: str, role: str) -> None:
    """A field labelled with a role ('Projekta vadītāja:') names a point of contact; the label
    is the role (and organisation), never a name ('University of Tartu')."""
    facts = run(text, [lang])
    assert [f.values["name"] for f in facts] == [expected]
    assert facts[0].values["role"] == role


@pytest.mark.parametrize("text", [
    "Projekta mērķis: uzlabot pilsētvidi",
    "Project manager: Riga City Council",
    "Lead partner: Anna Kalniņa",  # no role word in the label
    "Finansējuma saņēmējs: Jānis Ozols",
])
def test_labels_that_are_not_role_labels(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("lv", "Projekts noslēdzās.\nAnna Kalniņa\nprojekta vadītāja", ["Anna Kalniņa"]),
    ("lv", "Valmieras novada pašvaldības\nattīstības plānotāja\nDace Ozola", ["Dace Ozola"]),
    ("lv", "Jānis Bērziņš, kultūras, sporta un jaunatnes nodaļas vadītājs", ["Jānis Bērziņš"]),
    ("lv", "Priekšsēdētājs\nJ.BērziņšPielikums apstiprināts ar domes lēmumu", ["J.Bērziņš"]),
    ("en", "Dr. John Miller\nProject manager\nPh: (+358) 40 123 4567", ["John Miller"]),
    ("en", "Liene Ozoliņa Project Manager\n\nThe project is co-financed by the ERDF.",
     ["Liene Ozoliņa"]),
    ("ru", "Анна Петрова\n, журналист\nС начала года в городе прошло пять встреч.",
     ["Анна Петрова"]),
    ("ru", "Олег Зайцев, руководитель отдела проектов", ["Олег Зайцев"]),
])
def test_signatures(lang: str, text: str, expected: list[str]) -> None:
    """A name on short lines with a role, a title or a phone: a signature, wherever it stands."""
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("lv", "Anna Kalniņa"),  # a name alone is no signature
    ("en", "Andris Ozols from Latvia\nKati Tamm from Estonia"),
    ("en", "Finland (Helsingin Yliopisto): Kati Tamm."),
    ("en", "Green Harbours\nOpen Gardens"),
    ("lv", "Foto: Edgars Kalns"),
    ("ru", "Фото Юрия Петрова"),
])
def test_not_signatures(lang: str, text: str) -> None:
    assert names(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("lv", "Darbi sāksies rudenī, informē domes sabiedrisko attiecību speciāliste Anna Kalniņa.",
     ["Anna Kalniņa"]),
    ("lv", "Domes izpilddirektors Jānis Ozols un projektu vadītāja Dace Liepa vakar informēja "
     "par jaunajiem darbiem.", ["Jānis Ozols", "Dace Liepa"]),
    ("lv", "Par to aģentūru BNA informēja novada domes preses sekretāre Ilze Kalna.",
     ["Ilze Kalna"]),
    ("en", "The works start in May, reported the council's press officer Anna Smith.",
     ["Anna Smith"]),
    ("ru", "Работы начнутся в мае, сообщила пресс-секретарь думы Анна Петрова.",
     ["Анна Петрова"]),
    ("ru", "Руководитель проекта Олег Зайцев сообщил, что работы завершены.", ["Олег Зайцев"]),
])
def test_sources_of_information(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # quoted or only mentioned: a verb of saying, a dative, a delegation
    ("lv", "Projekta vadītāja Anna Kalniņa pastāstīja par projekta mērķiem."),
    ("lv", "Visvairāk jautājumu bija projekta vadītājai Annai Kalniņai."),
    ("lv", "Delegāciju veidoja projektu vadītāja Ilze Kalna un divi skolotāji."),
    # the source is the organisation after the verb, not the person before it
    ("lv", "Pasākumā piedalījās pilsētas pārstāve Anna Kalniņa, informēja tūrisma centrā."),
    ("en", "According to project coordinator Anna Smith, the works are on time."),
    ("ru", "По словам руководителя проекта Анны Петровой, работы идут по плану."),
    # a name and role line ending in a colon introduces what the person says
    ("ru", "Комментарий\nАнна Петрова, руководитель проекта:\n«Мы довольны результатом»"),
    ("lv", "Anna Kalniņa, projekta vadītāja:\n“Esam apmierināti ar rezultātu.”"),
])
def test_mentioned_people_are_no_contacts(lang: str, text: str) -> None:
    assert names(text, lang) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Новость\n- опубликовано: 12.03.2021 10:15\n- Анна Петрова, BNA\n- © Все права защищены",
     ["Анна Петрова"]),
    ("Ziņas\n12.03.2021 | Anna Kalniņa, projekta vadītāja\nProjekts ir sācies.", ["Anna Kalniņa"]),
    ("Jaunumi\n(Rīga, 12. martā, BNA, Anna Kalniņa). Dome šodien apstiprināja projektu.",
     ["Anna Kalniņa"]),
    # a field of a table, a label after a date line: no byline
    ("Signing Date | 14.05.2020 |\nAgreement No. | XY/7 |", []),
    ("Session 12.03.2021\nSession Goals:\nto agree the plan", []),
    # a title-case headline under the date line is no byline; a name with its agency is
    ("News\n12.05.2019\nNew Bicycle Paths Opened\nThe park is open to all.", []),
    ("News\n12.05.2019\nBicycle Paths\nThe park is open to all.", []),
    ("Jaunumi\n12.05.2019\nJauni Veloceliņi\nParks ir atjaunots.", []),
    ("News\n12.05.2019\n- Anna Smith, BNA\nThe park is open to all.", ["Anna Smith"]),
])
def test_dated_bylines(text: str, expected: list[str]) -> None:
    assert all_names(text) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "Граница открыта\nНиколай ПЕТРОВ\nВ Пскове прошла встреча.", ["Николай ПЕТРОВ"]),
    ("lv", "Jauns tilts\nAnna KALNIŅA\nPilsētā atklāts tilts.", ["Anna KALNIŅA"]),
    ("en", "Video CAPTCHA\nType the letters shown.", []),
    ("lv", "Rīga LATVIJA", []),
])
def test_capital_surname_bylines(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("lv", "Informāciju sagatavoja:\nValmieras novada domes\nAttīstības nodaļas vadītāja\n"
     "Anna Kalniņa", "Anna Kalniņa"),
    ("lv", "Muzeja vadītāja, projekta koordinatore Cēsīs Inese Ozola", "Inese Ozola"),
    ("en", "Project manager: Aino Virtanen, Northern University of Applied Sciences, Finland",
     "Aino Virtanen"),
])
def test_name_boundaries(lang: str, text: str, expected: str) -> None:
    assert names(text, lang) == [expected]


@pytest.mark.parametrize(("text", "phone", "email"), [
    ("Projekta vadītāja: Anna Kalniņa\nKontaktinformācija: tālr. 63700126, "
     "e-pasts: anna.kalnina@example.lv", "+37163700126", "anna.kalnina@example.lv"),
    ("Kontaktinformācija:\nProjekta vadītājs: Jānis Ozols\nKontakttālrunis: 29123456\n"
     "E-pasta adrese: janis.ozols(@)example.lv", "+37129123456", "janis.ozols@example.lv"),
    ("Dr. John Miller\nProject manager\nPhone: +371 29123456", "+37129123456", None),
])
def test_details_on_the_next_lines_belong_to_the_name(
    text: str, phone: str, email: str | None
) -> None:
    (fact,) = run(text)
    assert fact.values["phone"] == phone
    assert fact.values["email"] == email


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "Автор фото: Иван Петров", []),
    ("en", "Author of the photo: John Miller", []),
    ("lv", "Foto autors: Jānis Ozols", []),
    ("ru", "Автор: Иван Петров", ["Иван Петров"]),
    ("en", "Author: Jo Li\nPhoto of the week", ["Jo Li"]),
])
def test_photo_credits_are_no_authors(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # an author cue that is also a preposition: the words before the name are no role
    ("en", "By the end of May John Brown will finish the report.", []),
    ("en", "By then Anna Smith had left the council.", []),
    ("en", "By the way, Anna Smith will call you.", []),
    ("en", "By Anna Smith\nThe park will be renewed next year.", ["Anna Smith"]),
    ("lv", "Informāciju sagatavoja projekta koordinatore Anna Kalniņa", ["Anna Kalniņa"]),
    ("ru", "Информацию подготовила пресс-секретарь думы Анна Петрова", ["Анна Петрова"]),
    ("en", "Author: Dr. John Miller", ["John Miller"]),
    # a role label is a field at a line start, never a bracket in running text
    ("lv", "Skolēni (vadītāja: Anna Kalniņa) apmeklēja muzeju.", []),
    ("en", "The pupils (teacher: Anna Smith) visited the museum.", []),
    ("lv", "Projekta vadītāja: Anna Kalniņa", ["Anna Kalniņa"]),
])
def test_author_cue_then_role_or_name(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nAnna Kalniņa", ["Anna Kalniņa"]),
    ("lv", "Jaunais laukums būs pieejams visiem iedzīvotājiem.\nJānis Ozols\nLasiet arī",
     ["Jānis Ozols"]),
    ("ru", "Работы начнутся в мае и продлятся до осени.\nПавел Зайцев", ["Павел Зайцев"]),
    ("ru", "Работы начнутся в мае и продлятся до осени.\nАнна Петрова", ["Анна Петрова"]),
    # headings in title case, lists of names, a name after a short line: no signature
    ("en", "The works start in May and end in the autumn.\nWork Areas", []),
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nAnna Kalniņa\nJānis Ozols", []),
    ("lv", "Darbi sāksies maijā.\nAnna Kalniņa", []),
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nJaunumi Sports", []),
    # a heading that agrees by its endings opens the paragraph after it: no signature
    ("en", "The works start in May and end in the autumn.\nRiga Castle\n"
     "The castle was rebuilt twice in the last century.", []),
    ("en", "The works start in May and end in the autumn.\n\nBlue Lake\n\n"
     "A walking path around the lake was opened.", []),
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nMežaparka Estrāde\n"
     "Estrāde tika atjaunota pirms desmit gadiem.", []),
    ("ru", "Работы начнутся в мае и продлятся до осени.\nАнна Петрова\n"
     "Она рассказала о планах музея на следующий год.", []),
    # a Latvian genitive before its noun is no first name ('Rīgas Pils', 'Valkas Novads')
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nRīgas Pils", []),
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nValkas Novads", []),
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\nLatgales Vēstis\nLasiet arī", []),
    # a signature above its role line, or above navigation
    ("lv", "Darbi sāksies maijā, un tie ilgs līdz rudenim.\n\nAnna Kalniņa\n\n"
     "Attīstības un plānošanas nodaļas projektu vadītāja", ["Anna Kalniņa"]),
    ("en", "The works start in May and end in the autumn.\nAnna Kalniņa\nBack to news",
     ["Anna Kalniņa"]),
])
def test_bare_signature_after_the_last_paragraph(
    lang: str, text: str, expected: list[str]
) -> None:
    """A name alone after a paragraph signs it when it agrees as a first name and a surname of
    one gender (contacts.json: name_endings)."""
    assert names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The school hosted the guests (project coordinator – teacher Anna Smith).",
     ["Anna Smith"]),
    ("lv", "Pasākumu organizēja skola (projekta koordinatore – skolotāja Anna Kalniņa).",
     ["Anna Kalniņa"]),
    ("ru", "Встречу провела школа (координатор проекта Анна Петрова).", ["Анна Петрова"]),
    # a parenthesis of a name only, or of a role that is not the project's: a mention
    ("lv", "Pasākumu atklāja mērs (Jānis Ozols).", []),
    ("lv", "Pilsētas dome (priekšsēdētājs Jānis Ozols) parakstīja līgumu.", []),
])
def test_project_roles_in_parentheses(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    ("Jānis Ozols\nValmieras pilsētas domes\nAttīstības departamenta vadītājs", "Jānis Ozols",
     "Attīstības departamenta vadītājs", "Valmieras pilsētas domes"),
    ("Cēsu novada pašvaldība\nprojektu vadītāja\nDace Ozola", "Dace Ozola", "projektu vadītāja",
     "Cēsu novada pašvaldība"),
])
def test_signature_with_an_employer_line(text: str, name: str, role: str, org: str) -> None:
    (fact,) = run(text)
    assert (fact.values["name"], fact.values["role"], fact.values["organization"]) == (
        name, role, org
    )


def test_a_noun_that_looks_like_a_verb_of_informing() -> None:
    text = "The project reports were presented by project manager Anna Smith at the meeting."
    assert names(text, "en") == []


@given(
    st.text(alphabet="ab 1\n", max_size=40),
    st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6),
)
def test_masked_text_blanks_exactly_the_claimed_characters(
    text: str, claimed: list[tuple[int, int]]
) -> None:
    from pipeline.extract.contacts.assembly import masked_text

    masked = masked_text(text, claimed)
    assert len(masked) == len(text)
    for k, ch in enumerate(masked):
        inside = any(s <= k < e for s, e in claimed)
        assert ch == ("\x00" if inside else text[k])
