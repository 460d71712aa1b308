"""Validation rules against a corpus with planted faults, a clean corpus, and `--fail-on`.

tests/fixtures/planted/ holds small documents, each with one fault (in Latvian, English and
Russian where the rule depends on wording); a folder is a project of several documents.
tests/fixtures/clean/ holds consistent documents in the three languages.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.model import Block, Document, Fact
from pipeline.runner import DocResult
from pipeline.tables import build_archive
from pipeline.validate import RULES, acronym_fits, spelling_variant
from pipeline.validate.names import letter_code

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "validation-rules.md"

# (rule, document with the fault, the evidence text the finding must point at)
PLANTED = [
    ("budget.parts_differ_from_total", "budget_parts_lv", "10 000 EUR"),
    ("budget.parts_differ_from_total", "budget_parts_en", "EUR 40 000"),
    ("budget.parts_differ_from_total", "budget_parts_ru", "50 000,00 евро"),
    ("budget.lats_after_euro", "budget_lats_lv", "12 000 latu"),
    ("budget.lats_after_euro", "budget_lats_en", "LVL 12 000"),
    ("budget.lats_after_euro", "budget_lats_ru", "12 000 латов"),
    ("budget.line_two_values", "budget_two_values_lv", "25 000 EUR"),
    ("dates.invalid", "dates_invalid_lv", "31.02.2018."),
    ("dates.invalid", "dates_invalid_en", "30 February 2018"),
    ("dates.end_before_start", "dates_end_before_start_lv", "01.09.2019. – 31.08.2018."),
    ("dates.year_unresolved", "dates_year_unresolved_lv", "no šī gada 11. līdz 14. maijam"),
    ("dates.year_unresolved", "dates_year_unresolved_en", "From 11th till 14th of May"),
    ("dates.year_unresolved", "dates_year_unresolved_ru", "С 14 по 16 марта"),
    ("dates.event_outside_period", "dates_event_outside_lv", "2019. gada 15. maijā"),
    ("dates.event_outside_period", "dates_event_outside_en", "15 May 2019"),
    ("dates.event_outside_period", "dates_event_outside_ru", "15 мая 2019 года"),
    ("counts.partners_differ_from_named", "counts_partners_lv", "5 partneri"),
    ("counts.partners_differ_from_named", "counts_partners_en", "5 partners"),
    ("counts.countries_differ_from_named", "counts_countries_lv", "4 valstīm"),
    ("counts.countries_differ_from_named", "counts_countries_en", "4 countries"),
    ("counts.part_exceeds_total", "counts_part_total_lv", "55 jaunieši"),
    ("counts.part_exceeds_total", "counts_part_total_en", "55 young people"),
    ("counts.part_exceeds_total", "counts_part_total_ru", "55 участников"),
    ("names.spelling_variant", "names_variant_lv", "Collecchio"),
    ("names.spelling_variant", "project_variant__press", "Enchancing"),
    ("names.acronym_mismatch", "names_acronym_en", "EVOLAQ"),
    ("contacts.same_person_variants", "person_two__description", "Ilze Kalniņa"),
    ("contacts.person_two_phones", "person_two__press", "+371 65476099"),
    ("contacts.person_two_emails", "person_two__press", "ilze.kalnina@latgale.lv"),
    ("contacts.invalid_phone", "contacts_invalid_lv", "6 54 7"),
    ("contacts.invalid_phone", "contacts_invalid_en", "6 54 7"),
    ("contacts.invalid_phone", "contacts_invalid_ru", "6 54 7"),
    ("contacts.invalid_email", "contacts_invalid_lv", "anna.berzina@@daugavpils"),
    ("contacts.invalid_email", "contacts_invalid_en", "john.smith@@daugavpils"),
    ("contacts.invalid_email", "contacts_invalid_ru", "irina.petrova@@daugavpils"),
    ("documents.duplicate", "documents_duplicate_bytes", ""),
    ("documents.duplicate", "documents_duplicate_text", ""),
    ("documents.disagree", "project_disagree__press", "35 000 EUR"),
    ("documents.unreadable", "documents_unreadable", ""),
    ("documents.salvaged", "documents_salvaged", ""),
    ("coverage.missing_field", "names_acronym_en", ""),
]


def read(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def run(src: Path, out: Path, *extra: str) -> int:
    return main(["run", str(src), "--out", str(out), "--quiet", *extra])


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("planted")
    assert run(FIXTURES / "planted", out) == 0
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    assert run(FIXTURES / "clean", out) == 0
    return out


def test_every_rule_has_a_planted_fault() -> None:
    assert {rule for rule, _, _ in PLANTED} == set(RULES)


@pytest.mark.parametrize(("rule", "doc_id", "evidence"), PLANTED,
                         ids=[f"{r}-{d}" for r, d, _ in PLANTED])
def test_planted_fault_is_caught(planted: Path, rule: str, doc_id: str, evidence: str) -> None:
    docs = {d["doc_id"]: d for d in read(planted, "documents")}
    project = docs[doc_id]["project_id"]
    found = [f for f in read(planted, "validation") if f["rule"] == rule and (
        f["doc_id"] == doc_id or (not f["doc_id"] and project and f["project_id"] == project))]
    assert found, f"{rule} not raised for {doc_id}"
    f = found[0]
    assert f["severity"] == RULES[rule].severity
    assert f["message"] and f["field"]
    assert evidence in f["text"]
    if f["char_start"]:
        text = (planted / "text" / f"{f['doc_id']}.txt").read_text(encoding="utf-8")
        assert text[int(f["char_start"]):int(f["char_end"])] == f["text"]


def test_planted_faults_are_in_the_report(planted: Path) -> None:
    report = (planted / "report.html").read_text(encoding="utf-8")
    for rule in RULES:
        assert rule in report


def test_clean_corpus_raises_no_errors_or_warnings(clean: Path) -> None:
    findings = read(clean, "validation")
    assert [f for f in findings if f["severity"] in ("error", "warning")] == []
    projects = read(clean, "projects")
    assert len(projects) == 3  # the Latvian description and the English news link


@pytest.mark.parametrize(
    ("corpus", "fail_on", "code"),
    [
        ("clean", None, 0),
        ("clean", "error", 0),
        ("clean", "warning", 0),
        ("warnings_only", "error", 0),
        ("warnings_only", "warning", 1),
        ("errors", None, 0),
        ("errors", "error", 1),
        ("errors", "warning", 1),
    ],
)
def test_fail_on_sets_the_exit_code(tmp_path: Path, corpus: str, fail_on: str | None,
                                    code: int) -> None:
    src = tmp_path / "in"
    if corpus == "clean":
        shutil.copytree(FIXTURES / "clean", src)
    else:
        src.mkdir()
        shutil.copy(FIXTURES / "planted" / "budget_parts_lv.txt", src)  # a warning
        if corpus == "errors":
            shutil.copy(FIXTURES / "planted" / "dates_invalid_lv.txt", src)  # an error
    extra = ("--fail-on", fail_on) if fail_on else ()
    assert run(src, tmp_path / "out", *extra) == code
    severities = {f["severity"] for f in read(tmp_path / "out", "validation")}
    assert ("error" in severities) is (corpus == "errors")


def test_every_rule_is_documented() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    sections = set(re.findall(r"^### `([\w.]+)`", doc, flags=re.M))
    assert sections == set(RULES)
    for rule_id, r in RULES.items():
        section = doc.split(f"### `{rule_id}`", 1)[1].split("\n### ", 1)[0]
        assert f"Severity: **{r.severity}**" in section, rule_id


@pytest.mark.parametrize(
    ("a", "b", "variant"),
    [
        ("Enchancing", "Enhancing", True),
        ("Colleccio", "Collecchio", True),
        ("Managment", "Management", True),
        ("Toruņas", "Toruņā", False),  # grammatical endings
        ("Konkursa", "Konkursam", False),
        ("Программа", "Программы", False),
        ("Нарвский", "Нарвским", False),
        ("Krūmiņa", "Krumina", False),  # dropped diacritics
        ("Industrial", "industriālā", False),
        ("Daugavpils", "Daugavpilī", False),
        ("Latvia", "Latvija", False),  # short
        ("Neighborhood", "Neighbourhood", True),  # two spellings of one word
        ("Rēzekne", "Rēzekme", True),  # n+e against m+e are not two endings
        ("Daugavpils", "Daugavpisl", True),
        ("Сотрудничество", "Сотрудничесво", True),
        ("Николаевские", "Николаевских", False),  # one Russian lemma
        ("Гражданское", "Гражданских", False),
        ("Institutional", "Institutions", False),  # derived words
        ("REGION", "Regional", False),
        ("Botanic", "Botanical", False),
        ("Environment", "Environmental", False),
        ("Estonians", "Estonia", False),
        ("Culture", "Culturale", False),
        ("Partnership", "Partnerships", False),
        ("Deliverab", "Deliverable", False),  # a word cut by the page
        ("Kontakt", "Kontaktid", False),
        ("Anatols", "Anatolijs", False),  # Latvian name forms
        # a word for "project" is no name: the English and the Latvian word are a translation
        ("projects", "Projekts", False),
        ("Projektai", "Projects", False),
        ("проекты", "Проекта", False),
    ],
)
def test_spelling_variant(a: str, b: str, variant: bool) -> None:
    assert spelling_variant(a, b) is variant


@pytest.mark.parametrize(
    ("acronym", "title", "fits"),
    [
        ("EVOLAQ", "Enhancing Volunteering Actions and Quality in Europe", True),
        ("FortLink", "Fortresses of Pskov and Daugavpils – Common Cultural Heritage", True),
        ("DigiSen", "Digital Skills for Seniors", True),
        ("YC4EU", "Young Citizens for Europe’s Future", True),
        ("VOLDA", "Volunteers for the Daugavpils Community", True),
        ("CleanDaugava", "Clean Daugava: Joint Management of the Daugava River Basin", True),
        ("EVOLAQ", "Clean Rivers for Healthy Towns", False),
        ("HOP!", "Atveriet sirdis, cilvēki!", False),
        ("GREENPARKS", "Open Schools for Europe", False),
    ],
)
def test_acronym_fits(acronym: str, title: str, fits: bool) -> None:
    assert acronym_fits(acronym, title) is fits


@pytest.mark.parametrize(("acronym", "code"), [
    # codes of initials: unreadable as a word, spelled with dots, mixed with digits
    ("EVOLAQ", True),  # a q without u: no word of the archive's languages
    ("KRLP", True),
    ("LLKP", True),  # a doubled letter starting it
    ("GRWT", True),
    ("N.E.S.T.", True),
    ("YC4EU", True),
    ("МСП", True),
    ("ЛКПР", True),
    ("TDS", True),
    # words in capitals: a creative name
    ("HOME", False),
    ("PELICAN", False),
    ("BRIDGE", False),
    ("TOGETHER", False),
    ("SUNNYSIDE", False),
    ("STRONG", False),  # three consonants a word may start with
    ("SCHOOLS", False),
    ("МОСТ", False),
    ("ДОСТУП", False),
    ("HOP!", False),
    # CamelCase and capitalised words: names, not initials
    ("RiverKids", False),
    ("GreenWay", False),
    ("Walkwithme", False),
    ("Гадалайки", False),
])
def test_letter_code(acronym: str, code: bool) -> None:
    assert letter_code(acronym) is code


def test_a_count_above_two_totals_is_reported_once(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "forum.txt").write_text(
        "A total of 40 participants took part in the forum. Altogether 45 participants "
        "registered. From Daugavpils came 55 young people.", encoding="utf-8")
    assert run(src, tmp_path / "out") == 0
    found = [f for f in read(tmp_path / "out", "validation")
             if f["rule"] == "counts.part_exceeds_total"]
    assert [(f["text"], f["message"]) for f in found] == [
        ("55 young people", "'55 young people' is more than the stated total '40 participants'.")
    ]


# ----------------------------------------------------------------------------------------------
# Rules on hand-made facts: the team's own sentences, with the facts an extractor that gets the
# kinds right would give, so that these tests hold whatever extraction does with the wording.

Money = tuple[str, str, float]  # (text of the amount in the document, kind, amount in EUR)


def _result(text: str, money: list[Money] = (), doc_id: str = "d1",
            doc_type: str = "press_release", extra: list[Fact] = ()) -> DocResult:
    facts, pos = [], 0
    for surface, kind, amount in money:
        k = text.index(surface, pos)
        pos = k + len(surface)
        facts.append(Fact("budgets", doc_id, surface, k, pos, {
            "kind": kind, "amount": str(amount), "currency": "EUR", "amount_eur": str(amount)}))
    doc = Document(doc_id, f"{doc_id}.txt", "", "txt", text=text, doc_type=doc_type)
    return DocResult(doc, facts + list(extra))


def _found(rule_id: str, *results: DocResult) -> list[str]:
    archive = build_archive(list(results))
    return [str(f["text"]) for f in RULES[rule_id].fn(archive)]


TWO_VALUES_TRUE = [
    # a field and a sentence of the same document give the line two ways
    ("Projekta kopējās izmaksas:\n20 000 EUR\n\nProjektā notiks semināri. Projekta kopējās "
     "izmaksas ir 25 000 EUR.", [("20 000 EUR", "total", 20000), ("25 000 EUR", "total", 25000)],
     "25 000 EUR"),
    ("Total budget: EUR 48 000\nThe two-year project has a total budget of EUR 84 000.",
     [("EUR 48 000", "total", 48000), ("EUR 84 000", "total", 84000)], "EUR 84 000"),
    ("Бюджет проекта: 60 000 евро\nОбщая стоимость проекта составляет 66 000 евро.",
     [("60 000 евро", "total", 60000), ("66 000 евро", "total", 66000)], "66 000 евро"),
    ("ES līdzfinansējums: 17 000 EUR\nProjektam piešķirtais ES līdzfinansējums ir 71 000 EUR.",
     [("17 000 EUR", "eu", 17000), ("71 000 EUR", "eu", 71000)], "71 000 EUR"),
]

TWO_VALUES_FALSE = [
    # a partner's share and the EU part of it are not a second project total / EU amount
    ("Projekta kopējās izmaksas ir 500 000 EUR. ERAF finansējums ir 425 000 EUR. Rēzeknes "
     "novada pašvaldības daļa ir 120 000 EUR, no tiem ERAF finansējums 102 000 EUR.",
     [("500 000 EUR", "total", 500000), ("425 000 EUR", "eu", 425000),
      ("120 000 EUR", "partner", 120000), ("102 000 EUR", "eu", 102000)]),
    ("The total budget is EUR 900 000. The ERDF grant is EUR 765 000. The budget of the city "
     "council in the project is EUR 200 000, of which ERDF EUR 170 000.",
     [("EUR 900 000", "total", 900000), ("EUR 765 000", "eu", 765000),
      ("EUR 200 000", "partner", 200000), ("EUR 170 000", "eu", 170000)]),
    ("Общая стоимость проекта – 300 000 евро. Доля думы – 90 000 евро, из них 76 500 евро – "
     "софинансирование ЕС. Софинансирование ЕС составит 255 000 евро.",
     [("300 000 евро", "total", 300000), ("90 000 евро", "partner", 90000),
      ("76 500 евро", "eu", 76500), ("255 000 евро", "eu", 255000)]),
    # the shares of a total in one sentence
    ("ERAF finansējums 2020. gadā ir 30 000 EUR un 2021. gadā 55 000 EUR.",
     [("30 000 EUR", "eu", 30000), ("55 000 EUR", "eu", 55000)]),
    # an approximate amount states no exact value
    ("The project costs about EUR 2 million. Total budget: EUR 1 985 400.",
     [("EUR 2 million", "total", 2000000), ("EUR 1 985 400", "total", 1985400)]),
    ("Проект обойдётся почти в 2 млн евро.\nОбщая стоимость: 1 985 400 евро.",
     [("2 млн евро", "total", 2000000), ("1 985 400 евро", "total", 1985400)]),
    # the same field label before different amounts: a list of records
    ("Partner 1\nTotal budget: EUR 40 000\nPartner 2\nTotal budget: EUR 25 000",
     [("EUR 40 000", "total", 40000), ("EUR 25 000", "total", 25000)]),
    ("Programmas finansējums:\n32 000 EUR\nPartneris Valka\nProgrammas finansējums:\n"
     "18 000 EUR", [("32 000 EUR", "eu", 32000), ("18 000 EUR", "eu", 18000)]),
    # a line split by year adds up to the line
    ("Pašvaldības līdzfinansējums 3000 EUR.\nLīdzfinansējums – 2020. gadā 2100 EUR; 2021. gadā "
     "900 EUR", [("3000 EUR", "municipal", 3000), ("2100 EUR", "municipal", 2100),
                 ("900 EUR", "municipal", 900)]),
    # money of two periods
    ("В бюджете до 2020 года на проект выделили 1,2 млн евро. В новом бюджете с 2021 года "
     "предлагают выделить 300 тыс. евро.",
     [("1,2 млн евро", "eu", 1200000), ("300 тыс. евро", "eu", 300000)]),
    # a total inside the breakdown of the total, or given as a percentage, is a part
    ("Laukuma izmaksas ir 45 000 EUR, bet atbalstāmās izmaksas 20 000 EUR, no kurām ELFLA sedz "
     "18 000 EUR. Atlikušos 2 000 EUR jeb 10% maksā biedrība.",
     [("45 000 EUR", "total", 45000), ("20 000 EUR", "total", 20000),
      ("18 000 EUR", "eu", 18000), ("2 000 EUR", "total", 2000)]),
    # money asked for is not the money granted
    ("Biedrības pieprasīja 90 000 EUR.\nTām piešķirtais ES atbalsts ir 64 000 EUR.",
     [("90 000 EUR", "eu", 90000), ("64 000 EUR", "eu", 64000)]),
    ("The council approved ERDF funding of EUR 90 000.\nThe town had requested EUR 120 000.",
     [("EUR 90 000", "eu", 90000), ("EUR 120 000", "eu", 120000)]),
    # the sources under a heading are parts, not totals (even when taken for totals)
    ("Kopējās izmaksas: 900 000 EUR\nFinansējums:\nValsts budžets – 300 000 EUR,\nBankas "
     "aizdevums – 600 000 EUR.", [("900 000 EUR", "total", 900000),
                                  ("300 000 EUR", "state", 300000),
                                  ("600 000 EUR", "total", 600000)]),
]


@pytest.mark.parametrize(("text", "money", "evidence"), TWO_VALUES_TRUE)
def test_line_two_values_reported(text: str, money: list[Money], evidence: str) -> None:
    assert _found("budget.line_two_values", _result(text, money)) == [evidence]


@pytest.mark.parametrize(("text", "money"), TWO_VALUES_FALSE)
def test_line_two_values_not_reported(text: str, money: list[Money]) -> None:
    assert _found("budget.line_two_values", _result(text, money)) == []


def test_budget_rules_skip_documents_of_type_other() -> None:
    """A council decision or a call states many projects' budgets."""
    text, money, _ = TWO_VALUES_TRUE[0]
    assert _found("budget.line_two_values", _result(text, money, doc_type="other")) == []


PARTS_TRUE = [
    # the parts exceed the total (stated in separate fields)
    ("Total budget:\nEUR 100 000\nERDF co-financing:\nEUR 90 000\nMunicipal co-financing:\n"
     "EUR 15 000", [("EUR 100 000", "total", 100000), ("EUR 90 000", "eu", 90000),
                    ("EUR 15 000", "municipal", 15000)], "EUR 100 000"),
    # a breakdown given whole that misses the total
    ("Total budget EUR 40 000, of which ERDF EUR 30 000 and municipal co-financing EUR 6 000.",
     [("EUR 40 000", "total", 40000), ("EUR 30 000", "eu", 30000),
      ("EUR 6 000", "municipal", 6000)], "EUR 40 000"),
    ("Общая стоимость проекта – 80 000 евро, в том числе:\n– софинансирование Программы – "
     "64 000 евро;\n– вклад партнёров – 8 000 евро.",
     [("80 000 евро", "total", 80000), ("64 000 евро", "eu", 64000),
      ("8 000 евро", "partner", 8000)], "80 000 евро"),
    ("Projekta budžets ir 1 000 000 EUR: ERAF dod 80% jeb 799 000 EUR, bet valsts un "
     "pašvaldība kopā 20% jeb 200 000 EUR.",
     [("1 000 000 EUR", "total", 1000000), ("799 000 EUR", "eu", 799000),
      ("200 000 EUR", "other", 200000)], "1 000 000 EUR"),
    # a typo that makes one part larger than the total
    ("Kopējās izmaksas ir 250 000 eiro, no kurām 2 250 000 eiro ir ERAF finansējums un 25 000 "
     "eiro pašvaldības finansējums.", [("250 000 eiro", "total", 250000),
                                       ("2 250 000 eiro", "eu", 2250000),
                                       ("25 000 eiro", "municipal", 25000)], "250 000 eiro"),
]

PARTS_FALSE = [
    # a part may simply be unstated
    ("Total budget EUR 100 000. ERDF co-financing EUR 85 000.",
     [("EUR 100 000", "total", 100000), ("EUR 85 000", "eu", 85000)]),
    ("Projekta kopējās izmaksas ir 46 000 eiro, tai skaitā ERAF līdzfinansējums ir 39 100 eiro.",
     [("46 000 eiro", "total", 46000), ("39 100 eiro", "eu", 39100)]),
    # a partner's share and its own breakdown are not parts of the project's total
    ("Izmaksas kopā 600 000 EUR, no tā ERAF 510 000 EUR, Valkas novada pašvaldības daļa "
     "300 000 EUR, no tās ERAF 255 000 EUR, pašvaldības nauda 30 000 EUR, valsts "
     "15 000 EUR.", [("600 000 EUR", "total", 600000), ("510 000 EUR", "eu", 510000),
                     ("300 000 EUR", "partner", 300000), ("255 000 EUR", "eu", 255000),
                     ("30 000 EUR", "municipal", 30000), ("15 000 EUR", "state", 15000)]),
    ("Total budget: EUR 700 000\nERDF: EUR 595 000\nThe share of the county board is "
     "EUR 150 000, of which municipal co-financing EUR 22 500 and state EUR 7 500.",
     [("EUR 700 000", "total", 700000), ("EUR 595 000", "eu", 595000),
      ("EUR 150 000", "partner", 150000), ("EUR 22 500", "municipal", 22500),
      ("EUR 7 500", "state", 7500)]),
    # the breakdown goes on in the next sentence
    ("Projekta izmaksas – 100 000 EUR, no tām ERAF 85 000 EUR un valsts 5 000 EUR. "
     "Pašvaldība projektam piešķir 10 000 EUR.",
     [("100 000 EUR", "total", 100000), ("85 000 EUR", "eu", 85000),
      ("5 000 EUR", "state", 5000), ("10 000 EUR", "municipal", 10000)]),
    # rounding of amounts written in millions
    ("Работы обошлись в 12,457 млн евро, в том числе 10,588 млн евро дал ЕФРР, 1,246 млн "
     "евро – государство и 622,5 тыс. евро – город.",
     [("12,457 млн евро", "total", 12457000), ("10,588 млн евро", "eu", 10588000),
      ("1,246 млн евро", "state", 1246000), ("622,5 тыс. евро", "municipal", 622500)]),
    # parts whose percentages show that a part is left out
    ("Total budget EUR 200 000, of which ERDF EUR 170 000 (85%) and state EUR 10 000 (5%).",
     [("EUR 200 000", "total", 200000), ("EUR 170 000", "eu", 170000),
      ("EUR 10 000", "state", 10000)]),
    ("Kopējās izmaksas 200 000 EUR, t.sk. 85% jeb 170 000 EUR ERAF un 5% jeb 10 000 EUR "
     "valsts dotācija.", [("200 000 EUR", "total", 200000), ("170 000 EUR", "eu", 170000),
                          ("10 000 EUR", "state", 10000)]),
    # an approximate total
    ("Проект стоимостью почти 6 млн евро: 4,7 млн евро выделит ЕС, 1,4 млн евро – город.",
     [("6 млн евро", "total", 6000000), ("4,7 млн евро", "eu", 4700000),
      ("1,4 млн евро", "municipal", 1400000)]),
    # a part given with its split by year
    ("Izmaksas kopā 120 000 EUR, no kurām ERAF 102 000 EUR un pašvaldība 18 000 EUR, "
     "2021. gadā 12 000 EUR, 2022. gadā 6 000 EUR.",
     [("120 000 EUR", "total", 120000), ("102 000 EUR", "eu", 102000),
      ("18 000 EUR", "municipal", 18000), ("12 000 EUR", "other", 12000),
      ("6 000 EUR", "other", 6000)]),
    # an increase, then the new total with a breakdown that adds up
    ("The budget grew by EUR 20 000, so the total is now EUR 270 000, of which ERDF EUR "
     "243 000 and municipal EUR 27 000.",
     [("EUR 20 000", "other", 20000), ("EUR 270 000", "total", 270000),
      ("EUR 243 000", "eu", 243000), ("EUR 27 000", "municipal", 27000)]),
    # the same amount in lats beside the euros is not a part
    ("Kopējās izmaksas: 142 287 EUR (100 000 Ls), t.sk. ERAF 120 944 EUR un pašvaldība "
     "21 343 EUR.", [("142 287 EUR", "total", 142287), ("100 000 Ls", "total", 142287),
                      ("120 944 EUR", "eu", 120944), ("21 343 EUR", "municipal", 21343)]),
]


@pytest.mark.parametrize(("text", "money", "evidence"), PARTS_TRUE)
def test_parts_differ_reported(text: str, money: list[Money], evidence: str) -> None:
    assert _found("budget.parts_differ_from_total", _result(text, money)) == [evidence]


@pytest.mark.parametrize(("text", "money"), PARTS_FALSE)
def test_parts_differ_not_reported(text: str, money: list[Money]) -> None:
    assert _found("budget.parts_differ_from_total", _result(text, money)) == []


def _number(doc_id: str, text: str, number: str) -> Fact:
    k = text.index(number)
    return Fact("project_info", doc_id, number, k, k + len(number),
                {"field": "project_number", "value": number})


def test_parts_exceed_a_total_stated_by_another_document() -> None:
    desc = "Project LLI-999\nTotal budget: EUR 50 000"
    press = "Project LLI-999 receives ERDF co-financing of EUR 60 000."
    a = _result(desc, [("EUR 50 000", "total", 50000)], "a", "project_description",
                [_number("a", desc, "LLI-999")])
    b = _result(press, [("EUR 60 000", "eu", 60000)], "b", "press_release",
                [_number("b", press, "LLI-999")])
    assert _found("budget.parts_differ_from_total", a, b) == ["EUR 50 000"]


def _words(text: str) -> list[str]:
    r = _result(text)
    archive = build_archive([r])
    return [str(f["text"]) for f in RULES["names.spelling_variant"].fn(archive)]


@pytest.mark.parametrize(("text", "found"), [
    # one misspelt form beside three forms of the right word: one finding
    ("Eiroreģiona padome sanāca Rīgā. Eiroreģions apvieno 30 pašvaldības. Darbs "
     "Eiroreģionā turpinās. Eiroerģiona birojs atrodas Krāslavā.", 1),
    ("Совет Еврорегиона собрался в Резекне. В Еврорегион входят 12 самоуправлений. "
     "Офис Еврорегона находится в Краславе.", 1),
    # forms and derived words only
    ("Kurzeme Planning Region signed the contract with the Regional Development Agency. "
     "Institutional support reaches the Institutions of the Region.", 0),
    ("The rights' advocates of Europe met. Rights of the Teachers’ union were discussed by "
     "the Teachers.", 0),
])
def test_spelling_variant_findings(text: str, found: int) -> None:
    assert len(_words(text)) == found


def _info(doc_id: str, text: str, field: str, value: str) -> Fact:
    k = text.index(value)
    return Fact("project_info", doc_id, value, k, k + len(value), {"field": field, "value": value})


@pytest.mark.parametrize(("text", "acronym", "found"), [
    ("Project “Clean Rivers for Healthy Towns” (EVOLAQ) starts.", "EVOLAQ", 1),
    # a capitalized word or an identifier elsewhere on the page is not judged
    ("Project “Clean Rivers for Healthy Towns” starts.\nFINAL REPORT: see below", "FINAL", 0),
    ("Project “Clean Rivers for Healthy Towns” LLI-777 starts.", "LLI-777", 0),
    # words, not initials
    ("Project “Clean Rivers for Healthy Towns” (Blue TOWN) starts.", "Blue TOWN", 0),
    # a code of initials the document pairs with its title is still judged: its letters
    # claim to be the title's (the title and the code in one heading line too)
    ("LLI-777 Clean Rivers for Healthy Towns (KRLP)\n\nThe project starts.", "KRLP", 1),
    ("Clean Rivers for Healthy Towns (GRWT) Nr. LLI-777\n\nThe project starts.", "GRWT", 1),
    ("Project “Clean Rivers for Healthy Towns” (N.E.S.T.) starts.", "N.E.S.T.", 1),
    # a creative name beside its title is not: a word in capitals, CamelCase, a capitalised word
    ("LLI-777 Clean Rivers for Healthy Towns (HOME)\n\nThe project starts.", "HOME", 0),
    ("Project “Clean Rivers for Healthy Towns” (PELICAN) starts.", "PELICAN", 0),
    ("Project “Clean Rivers for Healthy Towns” (SPLASH) starts.", "SPLASH", 0),
    ("LLI-777 Clean Rivers for Healthy Towns (RiskKids)\n\nThe project starts.", "RiskKids", 0),
    ("Project “Clean Rivers for Healthy Towns” (Walkwithme) starts.", "Walkwithme", 0),
    # one that fits is never reported
    ("Project “Clean Rivers for Healthy Towns” (CRHT) starts.", "CRHT", 0),
])
def test_acronym_judged_beside_its_title(text: str, acronym: str, found: int) -> None:
    title = "Clean Rivers for Healthy Towns"
    facts = [_info("d1", text, "title_en", title), _info("d1", text, "acronym", acronym)]
    r = _result(text, extra=facts)
    archive = build_archive([r])
    assert len(list(RULES["names.acronym_mismatch"].fn(archive))) == found


@pytest.mark.parametrize(("raw", "hidden"), [
    ("janis.berzins(@)valka.lv", True),
    ("janis.berzins[at]valka[dot]lv", True),
    ("janis.berzins at valka dot lv", True),
    ("ivanov(собака)rezekne.lv", True),
    ("janis.berzins@@valka", False),
    ("janis.berzins@valka", False),
    ("data.center(at)", False),
])
def test_hidden_email_is_not_invalid(raw: str, hidden: bool) -> None:
    from pipeline.validate import _hidden_email

    assert _hidden_email(raw) is hidden


def _contact(text: str, phone_raw: str = "", email_raw: str = "") -> DocResult:
    k = text.index("Kontakt")
    fact = Fact("contacts", "d1", text[k:], k, len(text),
                {"name": "Anna Liepa", "phone_raw": phone_raw, "email_raw": email_raw})
    return _result(text, extra=[fact])


def test_phone_cut_off_by_the_page_is_not_invalid() -> None:
    cut = _contact("Seminārs notika Valkā.\nKontakti: Anna Liepa, tālr. +371 64", "+371 64")
    whole = _contact("Seminārs notika Valkā.\nKontakti: Anna Liepa, tālr. 6 47; pasts", "6 47")
    assert _found("contacts.invalid_phone", cut) == []
    assert len(_found("contacts.invalid_phone", whole)) == 1


def test_email_cut_off_by_the_page_is_not_invalid() -> None:
    cut = _contact("Kontakti: Anna Liepa, anna.liepa@valka", email_raw="anna.liepa@valka")
    wrong = _contact("Kontakti: Anna Liepa, anna@@valka", email_raw="anna@@valka")
    assert _found("contacts.invalid_email", cut) == []
    assert len(_found("contacts.invalid_email", wrong)) == 1


def _date(doc_id: str, text: str, surface: str, kind: str, start: str, end: str) -> Fact:
    k = text.index(surface)
    return Fact("dates", doc_id, surface, k, k + len(surface),
                {"kind": kind, "start_date": start, "end_date": end, "precision": "day",
                 "month_day_start": start[5:], "month_day_end": end[5:],
                 "year_unresolved": False, "year_inferred": False})


@pytest.mark.parametrize(("event", "found"), [("2019-02-14", 0), ("2019-09-14", 1)])
def test_event_against_every_stated_period(event: str, found: int) -> None:
    """Two reporting periods of one project: an event in the second is inside."""
    text = ("Project LLI-999. First period 01.07.2018 – 31.12.2018, second period 01.01.2019 – "
            "30.06.2019. The meeting took place on the given day.")
    dates = [_date("d1", text, "01.07.2018 – 31.12.2018", "implementation", "2018-07-01",
                   "2018-12-31"),
             _date("d1", text, "01.01.2019 – 30.06.2019", "implementation", "2019-01-01",
                   "2019-06-30"),
             _date("d1", text, "the given day", "event", event, event)]
    r = _result(text, extra=[_number("d1", text, "LLI-999"), *dates])
    assert len(_found("dates.event_outside_period", r)) == found


@pytest.mark.parametrize("event", ["2019-02-14", "2019-10-30", "2019-12-01"])
def test_a_one_day_implementation_date_is_no_period_to_be_outside_of(event: str) -> None:
    """'The project ends on 31 October 2019' gives one end of the project's time: an event
    before or after it is not outside a period."""
    text = "Project LLI-998 ends on 31 October 2019. The seminar took place on the given day."
    dates = [_date("d1", text, "31 October 2019", "implementation", "2019-10-31", "2019-10-31"),
             _date("d1", text, "the given day", "event", event, event)]
    r = _result(text, extra=[_number("d1", text, "LLI-998"), *dates])
    assert _found("dates.event_outside_period", r) == []


def _two_docs(desc_text: str, press_text: str, desc: list[Fact], press: list[Fact],
              money: tuple[list[Money], list[Money]] = ([], [])) -> list[str]:
    a = _result(desc_text, money[0], "a", "project_description",
                [_number("a", desc_text, "LLI-999"), *desc])
    b = _result(press_text, money[1], "b", "press_release",
                [_number("b", press_text, "LLI-999"), *press])
    archive = build_archive([a, b])
    return [str(f["message"]) for f in RULES["documents.disagree"].fn(archive)]


def _partner(doc_id: str, text: str, name: str, role: str) -> Fact:
    k = text.index(name)
    return Fact("partners", doc_id, name, k, k + len(name),
                {"name": name, "name_normalized": name, "role": role})


def test_documents_disagree_on_versions_of_one_fact_only() -> None:
    desc = "Project LLI-999\nLead partner: Valka Municipality\nTotal budget: EUR 50 000"
    press = ("Project LLI-999 was presented by Smiltene Municipality. The total budget is "
             "EUR 55 000.")
    found = _two_docs(desc, press, [_partner("a", desc, "Valka Municipality", "lead")],
                      [_partner("b", press, "Smiltene Municipality", "applicant")],
                      ([("EUR 50 000", "total", 50000)], [("EUR 55 000", "total", 55000)]))
    # the totals disagree; an applicant named by a press release is no second lead partner
    assert len(found) == 1 and "total budget" in found[0]


def test_documents_do_not_disagree_on_a_partners_share() -> None:
    desc = "Project LLI-999\nTotal budget: EUR 50 000"
    press = ("Project LLI-999. The share of Valka Municipality is EUR 20 000, of which ERDF "
             "EUR 17 000. The total budget is EUR 50 000.")
    assert _two_docs(desc, press, [], [], (
        [("EUR 50 000", "total", 50000)],
        [("EUR 20 000", "partner", 20000), ("EUR 17 000", "eu", 17000),
         ("EUR 50 000", "total", 50000)])) == []


def test_documents_do_not_disagree_on_a_start_day_or_a_fund() -> None:
    desc = "Project LLI-999, Interreg Latvia–Lithuania, runs 01.07.2020 – 30.06.2022."
    press = "Project LLI-999, financed by the ERDF, started on 01.07.2020."
    d = [_date("a", desc, "01.07.2020 – 30.06.2022", "implementation", "2020-07-01",
               "2022-06-30"), _info("a", desc, "programme", "Interreg Latvia–Lithuania")]
    p = [_date("b", press, "01.07.2020", "implementation", "2020-07-01", "2020-07-01"),
         _info("b", press, "programme", "ERDF")]
    p[1].values["value"] = "European Regional Development Fund"
    assert _two_docs(desc, press, d, p) == []


def test_lead_partners_in_two_languages_are_not_compared() -> None:
    desc = "Project LLI-999\nLead partner: Valkas novada pašvaldība"
    press = "Project LLI-999\nLead partner: Valka Municipality"
    a = _result(desc, [], "a", "project_description",
                [_number("a", desc, "LLI-999"), _partner("a", desc, "Valkas novada pašvaldība",
                                                         "lead")])
    b = _result(press, [], "b", "press_release",
                [_number("b", press, "LLI-999"), _partner("b", press, "Valka Municipality",
                                                          "lead")])
    a.doc.languages, b.doc.languages = ["lv"], ["en"]
    archive = build_archive([a, b])
    assert list(RULES["documents.disagree"].fn(archive)) == []
    b.doc.languages = ["lv"]  # the same language: two different lead partners
    archive = build_archive([a, b])
    assert len(list(RULES["documents.disagree"].fn(archive))) == 1


def _count(doc_id: str, text: str, surface: str, count: int, unit: str) -> Fact:
    k = text.index(surface)
    return Fact("participants", doc_id, surface, k, k + len(surface),
                {"count": count, "unit": unit})


def _country(doc_id: str, text: str, surface: str, code: str) -> Fact:
    k = text.index(surface)
    return Fact("partner_countries", doc_id, surface, k, k + len(surface), {"country": code})


@pytest.mark.parametrize(("listed", "found"), [
    # a list item that is no known country: the list is not understood whole
    ("Sweden, Gotland, Latvia and Estonia", 0),
    # the list is known whole: three countries, not four
    ("Sweden, Latvia and Estonia", 1),
])
def test_countries_against_a_list_with_an_unknown_item(listed: str, found: int) -> None:
    text = f"Project LLI-999: 12 partners from 4 countries. The partners come from {listed}."
    facts = [_number("d1", text, "LLI-999"), _count("d1", text, "12 partners", 12, "partners"),
             _count("d1", text, "4 countries", 4, "countries"),
             _country("d1", text, "Sweden", "SE"), _country("d1", text, "Latvia", "LV"),
             _country("d1", text, "Estonia", "EE")]
    r = _result(text, extra=facts)
    assert len(_found("counts.countries_differ_from_named", r)) == found


def test_a_translation_in_another_language_block_is_no_variant() -> None:
    """A Latvian word beside its English cognate in the English half of a bilingual page is a
    translation, not one name spelled two ways."""
    lv = "Projekts “Krāsu Palete” sāksies rudenī."
    text = f"{lv}\nThe project “Colour Palette” starts in autumn."
    r = _result(text)
    r.doc.blocks = [Block(0, len(lv), "paragraph", "lv"),
                    Block(len(lv) + 1, len(text), "paragraph", "en")]
    assert list(RULES["names.spelling_variant"].fn(build_archive([r]))) == []


@pytest.mark.parametrize(("lang", "text", "found"), [
    # an English title quoted inside a Latvian sentence, its translation in the next one
    ("lv", "Projekts “Colour palette for towns” tiek īstenots pārrobežu programmā. Latviski "
     "tas saucas “Krāsu palete pilsētām” un sāksies rudenī.", 0),
    # one language, one name spelled two ways
    ("en", "The project “Colour Palete” starts in autumn, and the Colour Palette team meets "
     "in Riga every month to plan it.", 1),
])
def test_words_of_two_languages_in_one_block_are_no_variant(lang: str, text: str,
                                                           found: int) -> None:
    r = _result(text)
    r.doc.blocks = [Block(0, len(text), "paragraph", lang)]
    assert len(list(RULES["names.spelling_variant"].fn(build_archive([r])))) == found


def test_title_spans_merged_for_lookup_hold_the_same_offsets() -> None:
    """names._union: an offset is in a merged span exactly when it is in one of the spans."""
    import random
    from bisect import bisect_right

    from pipeline.validate.names import _union

    rnd = random.Random(1)
    for _ in range(3000):
        spans = sorted((a, a + rnd.randint(-2, 15))
                       for a in (rnd.randint(0, 60) for _ in range(rnd.randint(0, 5))))
        starts, ends = _union(spans)
        for pos in range(-1, 80):
            k = bisect_right(starts, pos) - 1
            assert (k >= 0 and pos < ends[k]) == any(s <= pos < e for s, e in spans)


def _processed(folder: Path) -> list[DocResult]:
    from pipeline.runner import Options, discover, process_all

    return process_all(discover([folder]), Options())


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPORA = {"planted": FIXTURES / "planted", "clean": FIXTURES / "clean",
           "raw": Path(__file__).resolve().parents[1] / "data" / "raw", "seeds": SEEDS}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_notes_kept_from_extraction_give_the_findings_worked_out_afresh(corpus: str) -> None:
    """The notes are worked out where a document is extracted, before the archive fills in
    ids and years and before the blocks are dropped: the rules must find the same with them
    as without (notes worked out over the linked archive), and the planted corpus holds a
    document for every noted rule. (A pair in two language blocks: the seeds, and BILINGUAL.)"""
    from pipeline.validate import validate
    from pipeline.validate.core import NOTES

    if not CORPORA[corpus].is_dir():
        pytest.skip(f"{CORPORA[corpus]} is not there")
    with_notes = _processed(CORPORA[corpus])
    assert all(r.notes is not None and set(r.notes) == set(NOTES) for r in with_notes
               if r.doc.status == "ok")
    assert any(r.notes and any(r.notes.values()) for r in with_notes)
    afresh = _processed(CORPORA[corpus])
    for r in afresh:
        r.notes = None
    assert validate(build_archive(with_notes)) == validate(build_archive(afresh))
    if corpus == "planted":
        for key in NOTES:
            assert any(r.notes and r.notes[key] for r in with_notes), key


def test_notes_survive_the_cache() -> None:
    from pipeline import cache

    r = next(r for r in _processed(FIXTURES / "planted") if r.notes and any(r.notes.values()))
    back = cache.rebind(cache.loads(cache.dumps(r)), "other", "other.txt")
    assert back.notes == r.notes


# A Latvian paragraph quoting an English title with a typo, then the English paragraph.
BILINGUAL = (
    "Daugavpils pašvaldība piedalās projektā “Enchancing Volunteering Actions and Quality in "
    "Europe”, kas ilgs divus gadus. Projekta partneri tiksies Zviedrijā un Itālijā.\n\n"
    "Daugavpils municipality takes part in the project Enhancing Volunteering Actions and "
    "Quality in Europe. The partners will meet in Sweden and Italy next spring.\n")


def test_notes_read_the_document_as_the_archive_holds_it() -> None:
    """The blocks (each with its language) are dropped before the whole-archive stages
    (`seam.compact`); a note worked out while they are there must not see them, or a pair in
    two language blocks would be missed that the rule finds without notes."""
    from dataclasses import replace

    from pipeline.runner import process_text
    from pipeline.seam import compact
    from pipeline.validate import validate
    from pipeline.validate.core import NOTES

    r = process_text(BILINGUAL, "bi")
    assert len({b.lang for b in r.doc.blocks}) == 2
    held = DocResult(replace(r.doc, blocks=[]), r.facts)  # no notes: worked out by the rules
    pairs = NOTES["names.pairs"]
    assert r.notes is not None
    assert r.notes["names.pairs"] == pairs(held) != pairs(r)
    found = validate(build_archive([compact(r)]))
    assert found == validate(build_archive([held]))
    assert any("'Enchancing' and 'Enhancing'" in str(f["message"]) for f in found)


def test_the_rules_read_the_notes_kept_with_a_result() -> None:
    r = _result("Nothing to see here.", doc_id="n1")
    r.notes = {"names.pairs": (("Kraslava", 0, "lv", "Kraslawa", 8, "lv"),),
               "budget.amounts": ()}
    assert _words_of(r) == ["Kraslava"]


def _words_of(r: DocResult) -> list[str]:
    return [str(f["text"]) for f in RULES["names.spelling_variant"].fn(build_archive([r]))]
