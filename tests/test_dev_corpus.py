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
# Where issue 12's target is met the floor is the target; where it is not yet met, the floor is
# the value reached (docs/quality.md, "After issue 12") less about 0.01, the target beside it.
DEV_CORPUS_FLOORS: dict[str, float] = {
    "overall": 0.93,  # target 0.93 (reached 0.955)
    "partners": 0.90,  # target 0.90 (reached 0.935)
    "dates": 0.90,  # target 0.90 (reached 0.958)
    "budgets": 0.90,  # target 0.90 (reached 0.992)
    "participants": 0.90,  # target 0.90 (reached 0.936)
    "contacts": 0.90,  # target 0.90 (reached 0.991)
    "lang:lv": 0.88,  # target 0.88 (reached 0.962)
    "lang:en": 0.88,  # target 0.88 (reached 0.946)
    "lang:ru": 0.88,  # target 0.88 (reached 0.958)
    "budget_kinds": 0.85,  # target 0.85 (reached 0.932; accuracy over amount-matched budgets)
    "date_kinds": 0.85,  # target 0.85 (reached 0.901; accuracy over matched dates)
    "doc_type": 0.90,  # target 0.90 (reached 0.949)
    "acronym": 0.90,  # target 0.90 (reached 0.964; documents whose gold states one)
    "project_number": 0.90,  # target 0.90 (reached 1.000; documents whose gold states one)
    "programme": 0.95,  # no target; reached 0.961 (documents whose gold states one)
    "pairs_recall": 1.0,  # target 1.0: every gold pair linked (15 of 15)
    "max_wrong_links": 0,  # target 0: a ceiling, at most this many wrong links
    "max_warnings": 10,  # a ceiling: 8 warnings, all 8 true when read (docs/quality.md)
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
        if name.startswith("max_"):  # a ceiling on a count
            got = measures[name.removeprefix("max_")]
            if got is None or got > floor:
                failures.append(f"{name.removeprefix('max_')} {got} > {floor}")
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
    measures |= {"wrong_links": 0, "warnings": 0, "overall": 0.1, "lang:ru": None}
    floors = DEV_CORPUS_FLOORS
    assert below_floors(measures) == [f"overall 0.100 < {floors['overall']}",
                                      f"lang:ru n/a < {floors['lang:ru']}"]
    measures |= {"overall": 1.0, "lang:ru": 1.0, "wrong_links": 99, "warnings": 40}
    assert below_floors(measures) == [f"wrong_links 99 > {floors['max_wrong_links']}",
                                      f"warnings 40 > {floors['max_warnings']}"]
