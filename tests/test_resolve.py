"""Year-less dates resolved from the project's period stated in another document."""

from __future__ import annotations

from helpers import make_doc

from pipeline.resolve import resolve_years
from pipeline.runner import DocResult, extract

DESCRIPTION = (
    "Projekts „Kopīgi maršruti” (ROUTES)\n"
    "Projekta īstenošanas termiņš\n"
    "01.03.2019. – 28.02.2020.\n"
)


def result(text: str, doc_id: str) -> DocResult:
    doc = make_doc(text, doc_id=doc_id)
    return DocResult(doc, extract(doc))


def dates(r: DocResult) -> list[dict]:
    return [f.values for f in r.facts if f.table == "dates"]


def test_press_release_takes_the_year_from_the_project_description() -> None:
    press = result(
        "Projekta „Kopīgi maršruti” (ROUTES) seminārs notika šī gada 5. februārī.\n"
        "Nākamā tikšanās notiks septembrī.",
        "press",
    )
    (seminar, meeting) = dates(press)
    assert seminar["year_unresolved"] and meeting["year_unresolved"]
    resolved = resolve_years([result(DESCRIPTION, "description"), press])
    assert resolved == 2
    assert (seminar["start_date"], seminar["end_date"]) == ("2020-02-05", "2020-02-05")
    assert (meeting["start_date"], meeting["end_date"]) == ("2019-09-01", "2019-09-30")
    assert seminar["year_inferred"] and not seminar["year_unresolved"]
    assert "another document" in seminar["note"]


def test_a_month_day_in_two_years_of_the_period_stays_unresolved() -> None:
    description = result(
        "Projekts „Kopīgi maršruti” (ROUTES)\nProjekta īstenošanas termiņš\n"
        "01.10.2019. – 30.09.2021.\n",
        "description",
    )
    press = result("Projekta „Kopīgi maršruti” (ROUTES) tikšanās notika 11. aprīlī.", "press")
    assert resolve_years([description, press]) == 0
    (meeting,) = dates(press)
    assert meeting["year_unresolved"] and meeting["start_date"] == ""


def test_documents_of_other_projects_are_left_alone() -> None:
    press = result("Projekta „Cits projekts” (OTHER) seminārs notika 5. februārī.", "press")
    assert resolve_years([result(DESCRIPTION, "description"), press]) == 0
    assert dates(press)[0]["year_unresolved"]


def test_the_project_period_beats_the_reference_date() -> None:
    from datetime import date

    from pipeline.runner import Options

    doc = make_doc("Projekta „Kopīgi maršruti” (ROUTES) seminārs notika 5. februārī.",
                   doc_id="press")
    press = DocResult(doc, extract(doc, Options(reference_date=date(2023, 1, 1))))
    assert dates(press)[0]["start_date"] == "2023-02-05"
    resolve_years([result(DESCRIPTION, "description"), press])
    assert dates(press)[0]["start_date"] == "2020-02-05"
    assert "reference date" not in dates(press)[0]["note"]


def test_this_year_dates_share_the_year_that_one_of_them_resolves() -> None:
    press = result(
        "Projekta „Kopīgi maršruti” (ROUTES) seminārs notika no šī gada 15. līdz 16. "
        "martā.\nPirmās piestātnes atklās jūnijā, konference notiks šī gada 5. februārī.",
        "press",
    )
    description = result(
        "Projekts „Kopīgi maršruti” (ROUTES)\nProjekta īstenošanas termiņš\n"
        "01.03.2019. – 31.03.2020.\n",
        "description",
    )
    resolve_years([description, press])
    march, june, february = dates(press)
    # 5 February fits only 2020; March fits 2019 and 2020 but is "this year" like February
    assert february["start_date"] == "2020-02-05"
    assert (march["start_date"], march["end_date"]) == ("2020-03-15", "2020-03-16")
    # June fits only 2019, on its own
    assert june["start_date"] == "2019-06-01"
