"""The real development corpus (../shared/dev-corpus, issue 12): run the pipeline on it and hold
every measure of `pipeline evaluate` at its floor. Skipped where the folder is absent.

The texts are read from ../shared only; nothing of them is copied here. The floors are today's
measured values minus a small margin; the issue's targets are in the comments, and the floors
are raised towards them as extraction improves (docs/quality.md logs the numbers).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import EvalResult, evaluate, summary

DEV_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "dev-corpus"

# Measure (a key of pipeline.evaluate.summary) -> floor. Headline F1 unless said otherwise.
DEV_CORPUS_FLOORS: dict[str, float] = {
    "overall": 0.64,  # target 0.93
    "partners": 0.32,  # target 0.90
    "dates": 0.77,  # target 0.90
    "budgets": 0.90,  # target 0.90
    "participants": 0.63,  # target 0.90
    "contacts": 0.55,  # target 0.90
    "lang:lv": 0.66,  # target 0.88
    "lang:en": 0.62,  # target 0.88
    "lang:ru": 0.62,  # target 0.88
    "budget_kinds": 0.46,  # target 0.85 (accuracy over amount-matched budgets)
    "date_kinds": 0.56,  # target 0.85 (accuracy over matched dates)
    "doc_type": 0.57,  # target 0.90
    "acronym": 0.01,  # target 0.90 (documents whose gold states one)
    "project_number": 0.74,  # target 0.90 (documents whose gold states one)
    "pairs_recall": 0.30,  # target 1.0 (every gold same-project pair linked)
    "max_wrong_links": 0,  # target 0: a ceiling, at most this many wrong links
}


@pytest.fixture(scope="module")
def dev_result(tmp_path_factory: pytest.TempPathFactory) -> EvalResult:
    if not DEV_CORPUS.is_dir():
        pytest.skip("../shared/dev-corpus is not present")
    out = tmp_path_factory.mktemp("dev_out")
    assert main(["run", str(DEV_CORPUS), "--out", str(out), "--quiet", "--no-cache"]) == 0
    return evaluate(out, DEV_CORPUS)


def below_floors(measures: dict[str, float | int | None]) -> list[str]:
    """Every measure under its floor (or over the wrong-link ceiling), in words."""
    failures = []
    for name, floor in DEV_CORPUS_FLOORS.items():
        if name == "max_wrong_links":
            got = measures["wrong_links"]
            if got is None or got > floor:
                failures.append(f"wrong_links {got} > {floor}")
            continue
        value = measures.get(name)
        if value is None or value < floor:
            shown = "n/a" if value is None else f"{value:.3f}"
            failures.append(f"{name} {shown} < {floor}")
    return failures


def test_every_dev_document_is_read(dev_result: EvalResult) -> None:
    assert dev_result.gold_documents >= 100
    assert dev_result.documents_matched == dev_result.gold_documents


def test_dev_corpus_floors(dev_result: EvalResult) -> None:
    failures = below_floors(summary(dev_result))
    assert not failures, "below the floor on the dev corpus: " + "; ".join(failures)


def test_floor_check_names_every_failing_measure() -> None:
    measures: dict[str, float | int | None] = {name: 1.0 for name in DEV_CORPUS_FLOORS}
    measures |= {"wrong_links": 0, "overall": 0.1, "lang:ru": None}
    floors = DEV_CORPUS_FLOORS
    assert below_floors(measures) == [f"overall 0.100 < {floors['overall']}",
                                      f"lang:ru n/a < {floors['lang:ru']}"]
    measures |= {"overall": 1.0, "lang:ru": 1.0, "wrong_links": 99}
    assert below_floors(measures) == [f"wrong_links 99 > {floors['max_wrong_links']}"]
