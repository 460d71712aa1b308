"""`pipeline show`: facts grouped by table, each value marked in its sentence; HTML escaped."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.schema import FACT_TABLES
from pipeline.show import ANSI_ON, sentence_bounds

DOC = "lv_project_2018_industroute_lli"


def rows_of(out: Path, table: str, doc_id: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["doc_id"] == doc_id]


def show(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["show", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_fact_is_shown_marked_in_its_group(sample_run: Path, capsys) -> None:
    code, out, _ = show(capsys, DOC, "--out", str(sample_run))
    assert code == 0
    assert out.splitlines()[0].startswith(DOC)
    shown = 0
    for table, title in [("project_info", "project"), ("partners", "partners"),
                         ("dates", "dates"), ("budgets", "budgets"),
                         ("participants", "participants"), ("contacts", "contacts")]:
        rows = rows_of(sample_run, table, DOC)
        if rows:
            assert f"\n{title} ({len(rows)})\n" in out, table
        for row in rows:
            assert "[[" + row["text"].replace("\n", " ¶ ") + "]]" in out, (table, row["text"])
            shown += 1
    assert shown >= 15
    assert ANSI_ON not in out  # not a terminal: plain markers


def test_values_are_shown_with_their_sentence(sample_run: Path, capsys) -> None:
    _, out, _ = show(capsys, DOC, "--out", str(sample_run))
    (event,) = [r for r in rows_of(sample_run, "dates", DOC) if r["kind"] == "event"]
    text = (sample_run / "text" / f"{DOC}.txt").read_text(encoding="utf-8")
    start, end = int(event["char_start"]), int(event["char_end"])
    line = next(ln for ln in out.splitlines() if f"[[{event['text']}]]" in ln).strip()
    before, _, after = line.partition(f"[[{event['text']}]]")
    # the words around the value come from the document text, on both sides
    assert before and text[:start].endswith(before)
    assert after and text[end:].startswith(after)


def test_source_path_finds_the_document_too(sample_run: Path, capsys) -> None:
    code, out, _ = show(capsys, f"{DOC}.docx", "--out", str(sample_run))
    assert code == 0 and out.startswith(DOC)


def test_colour_on_request(sample_run: Path, capsys) -> None:
    _, out, _ = show(capsys, DOC, "--out", str(sample_run), "--color", "always")
    assert ANSI_ON in out and "[[" not in out


def test_unknown_document_suggests_close_ids(sample_run: Path, capsys) -> None:
    code, out, err = show(capsys, "lv_project_2018_industrout", "--out", str(sample_run))
    assert code == 2 and out == ""
    assert "no document 'lv_project_2018_industrout'" in err
    assert f"did you mean: {DOC}" in err


def test_unknown_document_without_anything_close(sample_run: Path, capsys) -> None:
    code, _, err = show(capsys, "zzzz", "--out", str(sample_run))
    assert code == 2 and "no document 'zzzz'" in err and "did you mean" not in err


def test_missing_output_folder(tmp_path: Path, capsys) -> None:
    code, _, err = show(capsys, DOC, "--out", str(tmp_path / "nothing"))
    assert code == 2 and "run `pipeline run` first" in err


@pytest.fixture(scope="module")
def tricky_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("show_in")
    (src / "tricky.txt").write_text(
        "Projekta kopējās izmaksas ir 550 EUR & <script>alert(1)</script> par visu.\n"
        "Konference notiks 2019. gada 15. martā Daugavpilī <b>visiem</b>.\n",
        encoding="utf-8",
    )
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("show_out")
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    return out


def test_html_page_escapes_everything(tricky_out: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "view" / "tricky.html"
    code, out, _ = show(capsys, "tricky", "--out", str(tricky_out), "--html", str(page))
    assert code == 0 and "[[550 EUR]]" in out
    content = page.read_text(encoding="utf-8")
    assert "<script>" not in content and "<b>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<mark>550 EUR</mark>" in content
    assert "<mark>2019. gada 15. martā</mark>" in content
    assert content.startswith("<!DOCTYPE html>") and "http" not in content  # self-contained
    assert [p.name for p in page.parent.iterdir()] == ["tricky.html"]  # no temporary left


def test_a_failed_document_shows_its_reason(tricky_out: Path, capsys) -> None:
    code, out, _ = show(capsys, "empty", "--out", str(tricky_out))
    assert code == 0
    assert "status: failed: empty file" in out and "no facts extracted" in out


@pytest.mark.parametrize(
    ("text", "value", "sentence"),
    [
        ("Pirmais teikums. Sanāksme notika 2019. gada 15. martā Rīgā. Trešais.",
         "15. martā", "Sanāksme notika 2019. gada 15. martā Rīgā."),
        ("Ievads. Kontaktpersona J. Reča-Lāže, tālr. 65476064. Beigas.",
         "65476064", "Kontaktpersona J. Reča-Lāže, tālr. 65476064."),
        ("Проект начался! Бюджет 100 евро? Да.", "100 евро", "Бюджет 100 евро?"),
        ("first line\nKopā 550 EUR\nthird line", "550 EUR", "Kopā 550 EUR"),
        ("Budget: 550 EUR", "550 EUR", "Budget: 550 EUR"),
    ],
)
def test_sentence_bounds(text: str, value: str, sentence: str) -> None:
    start = text.index(value)
    lo, hi = sentence_bounds(text, start, start + len(value))
    assert text[lo:hi] == sentence


def test_all_fact_tables_have_a_group_title() -> None:
    from pipeline.show import GROUP_TITLES

    assert set(FACT_TABLES) <= set(GROUP_TITLES)


def test_control_characters_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "esc\x1b[2J.txt").write_text("Projekta budžets ir 550 EUR.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--quiet"]) == 0
    code, printed, _ = show(capsys, "esc_2J", "--out", str(out))
    assert code == 0 and "[[550 EUR]]" in printed
    assert "\x1b" not in printed and "\ufffd[2J" in printed


def test_displacy_picture_draws_every_fact(sample_run: Path, tmp_path: Path, capsys) -> None:
    import re
    from collections import Counter

    page = tmp_path / "view.html"
    code, _, _ = show(capsys, DOC, "--out", str(sample_run), "--html", str(page), "--displacy")
    assert code == 0
    content = page.read_text(encoding="utf-8")
    titles = {"project_info": "project", "partner_countries": "partner countries"}
    kinds = {"partners": "role", "partner_countries": "country", "dates": "kind",
             "budgets": "kind", "participants": "unit", "project_info": "field"}
    want: Counter[str] = Counter()
    for table in FACT_TABLES:
        for row in rows_of(sample_run, table, DOC):
            title = titles.get(table, table)
            want[f"{title}: {row[kinds[table]]}" if table in kinds else title] += 1
    assert sum(want.values()) > 10
    drawn = Counter(m.strip() for m in re.findall(r">\s*([^<>]+?)\s*</span>", content)
                    if m.strip() in want)
    assert drawn == want  # one label per fact, at the token where it starts
    assert "<mark>" in content  # the tables are still there, below the picture


def test_displacy_picture_escapes_the_text(tricky_out: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "tricky.html"
    code, _, _ = show(capsys, "tricky", "--out", str(tricky_out), "--html", str(page),
                      "--displacy")
    assert code == 0
    content = page.read_text(encoding="utf-8")
    assert "<script>" not in content and "<b>" not in content and "http" not in content
    assert "budgets: total" in content


def test_displacy_needs_a_page(sample_run: Path, capsys) -> None:
    code, out, err = show(capsys, DOC, "--out", str(sample_run), "--displacy")
    assert code == 2 and out == "" and "--html" in err
