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
from pipeline.validate import RULES, acronym_fits, spelling_variant

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
