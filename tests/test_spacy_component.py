"""The spaCy component gives the facts a batch run gives, on tokens, in any blank pipeline."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import spacy

from pipeline.ingest.txt import decode_text, remove_artifacts
from pipeline.model import Fact
from pipeline.runner import DocResult, process_bytes
from pipeline.spacy_component import LABEL_FIELD, SPAN_GROUPS, fact_span
from pipeline.textalign import source_spans
from pipeline.textnorm import normalize_text

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS = ROOT.parent / "shared" / "seeds"
LANGS = ("lv", "en", "ru", "xx")


def archive_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix not in (".json", ".md"))


FILES = [pytest.param(p, id=p.name) for p in archive_files(RAW)]
FILES += [pytest.param(p, id=f"seed:{p.name}") for p in archive_files(SEEDS)]


@pytest.fixture(scope="module", params=LANGS)
def nlp(request: pytest.FixtureRequest) -> spacy.Language:
    pipe = spacy.blank(request.param)
    pipe.add_pipe("project_facts")
    return pipe


def component_facts(doc) -> list[tuple]:
    """(table, label, text, start, end, values) of every span, in document order."""
    rows = []
    for table in SPAN_GROUPS:
        for span in doc.spans[table]:
            start, end = span._.fact_start_char, span._.fact_end_char
            assert span.start_char <= start < end <= span.end_char  # covers its characters
            assert span[0].idx + len(span[0]) > start and span[-1].idx < end  # and no more
            rows.append((table, span.label_, span._.fact_text, start, end, span._.fact_values))
    return sorted(rows, key=lambda r: (r[3], r[4], r[0], r[1]))


def pipeline_facts(facts: list[Fact]) -> list[tuple]:
    rows = [(f.table, str(f.values.get(LABEL_FIELD[f.table]) or f.table), f.text, f.start,
             f.end, f.values) for f in facts]
    return sorted(rows, key=lambda r: (r[3], r[4], r[0], r[1]))


def test_there_are_texts_to_compare() -> None:
    assert len(archive_files(RAW)) >= 20


@cache
def text_and_expected(path: Path) -> tuple[str, DocResult]:
    """A document's text (what text/<doc_id>.txt holds) and process_bytes of that text."""
    text = process_bytes(path.read_bytes(), path.name, path.stem).doc.text
    return text, process_bytes(text.encode("utf-8"), path.stem + ".txt", path.stem)


@pytest.mark.parametrize("path", FILES)
def test_same_facts_as_process_bytes(nlp: spacy.Language, path: Path) -> None:
    """Each document's text through the component gives exactly what process_bytes gives for
    that text: kinds, values and character offsets, in every blank pipeline."""
    text, expected = text_and_expected(path)
    assert expected.facts, "a sample document with no facts proves nothing"
    doc = nlp(text)
    assert component_facts(doc) == pipeline_facts(expected.facts)
    assert doc._.doc_type == expected.doc.doc_type
    assert doc._.languages == expected.doc.languages
    assert doc._.language_blocks == [
        {"start_char": b.start, "end_char": b.end, "lang": b.lang, "kind": b.kind}
        for b in expected.doc.blocks
    ]
    assert doc._.facts_status == "ok"


def read_as_text(original: str) -> str:
    """The pipeline's reading of a plain text: lines stripped and normalized, blanks dropped."""
    lines = (normalize_text(line.strip()) for line in remove_artifacts(original).splitlines())
    return "\n".join(line for line in lines if line)


TXT_FILES = [p for p in FILES if p.values[0].suffix == ".txt"]


@pytest.mark.parametrize("path", TXT_FILES)
def test_raw_text_files_keep_their_own_offsets(path: Path) -> None:
    """A .txt file's own text (blank lines, indents, a final newline, a BOM: not normalized)
    gives the facts process_bytes gives for the file, at offsets into that text."""
    data = path.read_bytes()
    original, _ = decode_text(data)
    expected = process_bytes(data, path.name, path.stem)
    nlp = spacy.blank("xx")
    nlp.add_pipe("project_facts")
    doc = nlp(original)
    assert doc.text == original
    assert original != expected.doc.text  # else this test is the one above
    got = component_facts(doc)
    want = pipeline_facts(expected.facts)
    assert len(got) == len(want) > 0
    for (table, label, text, start, end, values), w in zip(got, want, strict=True):
        assert (table, label) == w[:2]
        assert text == original[start:end]
        assert read_as_text(text) == w[2]  # the same characters, before normalization
        moved = {k: v for k, v in values.items() if k not in ("name_start", "name_end")}
        assert moved == {k: v for k, v in w[5].items() if k not in ("name_start", "name_end")}
        if "name_start" in values and values["name_start"] is not None:
            name = original[values["name_start"] : values["name_end"]]
            assert read_as_text(name) == w[5]["name"]


def test_normalized_values_by_name() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("project_facts")
    doc = nlp(
        "Riga, 12 May 2019\n"
        "The total budget of the project is EUR 120 000.\n"
        "Partners: Daugavpils City Council (Latvia), Tartu City Government (Estonia).\n"
        "Contact: Anna Berzina, project manager, phone +371 65476789, anna@example.lv\n"
    )
    date = doc.spans["dates"][0]
    assert (date.label_, date._.start_date, date._.end_date) == (
        "publication", "2019-05-12", "2019-05-12")
    budget = doc.spans["budgets"][0]
    assert (budget.label_, budget._.amount_eur, budget._.currency) == ("total", 120000.0, "EUR")
    partners = {s._.fact_values["city"]: s for s in doc.spans["partners"]}
    assert partners["Daugavpils"]._.country == "LV"
    assert partners["Daugavpils"]._.partner_id.startswith("ORG-")
    contact = doc.spans["contacts"][0]
    assert (contact._.phone, contact._.email) == ("+37165476789", "anna@example.lv")
    name = contact._.fact_values
    assert doc.text[name["name_start"] : name["name_end"]] == "Anna Berzina"


def test_an_empty_text_is_a_status_not_an_error() -> None:
    nlp = spacy.blank("lv")
    nlp.add_pipe("project_facts")
    doc = nlp("   \n  ")
    assert doc._.facts_status.startswith("failed")
    assert all(len(doc.spans[g]) == 0 for g in SPAN_GROUPS)


def test_two_facts_on_the_same_tokens_keep_their_own_values() -> None:
    nlp = spacy.blank("xx")
    doc = nlp.make_doc("Dates 12.05.2019 here")
    aligned = source_spans(doc.text)
    a = Fact("dates", "d", "12.05", 6, 11, {"kind": "event", "start_date": "2019-05-12"})
    b = Fact("dates", "d", "2019", 12, 16, {"kind": "event", "start_date": "2019-01-01"})
    spans = [fact_span(doc, a, aligned), fact_span(doc, b, aligned)]
    doc.spans["dates"] = spans
    assert spans[0].text == spans[1].text == "12.05.2019"  # expanded to the one token
    assert [s._.start_date for s in doc.spans["dates"]] == ["2019-05-12", "2019-01-01"]
    assert [(s._.fact_start_char, s._.fact_end_char) for s in doc.spans["dates"]] == [
        (6, 11), (12, 16)]


def sample_texts(n: int) -> list[str]:
    texts = [process_bytes(p.read_bytes(), p.name, p.stem).doc.text
             for p in archive_files(RAW) + archive_files(SEEDS)]
    return [texts[i % len(texts)] for i in range(n)]


def test_pipe_in_two_processes_and_a_saved_pipeline(tmp_path: Path) -> None:
    texts = sample_texts(200)
    nlp = spacy.blank("xx")
    nlp.add_pipe("project_facts", config={"reference_date": "2020-06-01"})
    alone = {t: component_facts(nlp(t)) for t in set(texts)}
    piped = [component_facts(d) for d in nlp.pipe(texts, n_process=2, batch_size=25)]
    assert len(piped) == 200
    assert piped == [alone[t] for t in texts]
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == ["project_facts"]
    assert loaded.get_pipe("project_facts").reference_date == "2020-06-01"
    assert [component_facts(d) for d in loaded.pipe(texts[:30])] == piped[:30]


def test_registered_by_entry_point_without_an_import_of_ours() -> None:
    code = (
        "import sys, spacy\n"
        "assert not any(m == 'pipeline' or m.startswith('pipeline.') for m in sys.modules)\n"
        "for lang in ('lv', 'en', 'ru', 'xx'):\n"
        "    nlp = spacy.blank(lang)\n"
        "    nlp.add_pipe('project_facts')\n"
        "    doc = nlp('Projekta kopējais budžets ir 120 000 EUR.')\n"
        "    assert [s.label_ for s in doc.spans['budgets']] == ['total'], lang\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_pipeline_run_never_imports_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"code = main(['run', {str(RAW)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet',\n"
        "             '--workers', '0', '--no-cache'])\n"
        "assert code == 0, code\n"
        "assert 'spacy' not in sys.modules, 'pipeline run imported spacy'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.parametrize("lang", LANGS)
def test_a_fact_inside_a_token_expands_to_the_token(lang: str) -> None:
    nlp = spacy.blank(lang)
    nlp.add_pipe("project_facts")
    doc = nlp("Seminārs notika (12.05.2019)Rīgā.")
    (span,) = doc.spans["dates"]
    assert span._.fact_text == "12.05.2019"
    assert span._.fact_start_char == doc.text.index("12.05")
    assert span.text.startswith("12.05.2019") and len(span.text) > len("12.05.2019")


def test_partner_ids_are_those_of_the_batch_run(sample_run: Path) -> None:
    """Where the component gives a partner_id, the run over data/raw gave that partner the
    same one (same document, same characters); elsewhere it gives none."""
    import csv

    with (sample_run / "partners.csv").open(encoding="utf-8", newline="") as fh:
        run_ids = {(r["doc_id"], int(r["char_start"]), int(r["char_end"])): r["partner_id"]
                   for r in csv.DictReader(fh)}
    nlp = spacy.blank("xx")
    nlp.add_pipe("project_facts")
    given = 0
    for path in sorted((sample_run / "text").glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for span in doc.spans["partners"]:
            key = (path.stem, span._.fact_start_char, span._.fact_end_char)
            assert key in run_ids
            if span._.partner_id is not None:
                given += 1
                assert span._.partner_id == run_ids[key]
    assert given >= 20
