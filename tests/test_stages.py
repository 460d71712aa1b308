"""The whole-archive stages (`pipeline.stages.ArchiveBuilder`): results streamed in, in any
order, one project in memory at a time."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from pipeline.coverage import load_requirements
from pipeline.formats import ExtraOutputs
from pipeline.model import Block, Document, Fact
from pipeline.runner import DocResult
from pipeline.stages import ArchiveBuilder

FILLER = "Projekta partneri tikās Daugavpilī un apsprieda turpmāko sadarbību. " * 300  # ~20 kB


def result(i: int) -> DocResult:
    """Document `i` of a synthetic archive: projects of four documents each (number, title),
    a long text, a partner, a date and a contact person."""
    project = i // 4
    head = f"Projekts Nr. LLI-{project}. Nosaukums: Kopīgais ceļš {project}.\n"
    text = head + FILLER
    doc_id = f"d{i:05d}"
    doc = Document(doc_id, f"{doc_id}.txt", f"{i:064x}", "txt", text=text,
                   blocks=[Block(0, len(text), "paragraph", "lv")], languages=["lv"],
                   doc_type="project_description" if i % 4 == 0 else "press_release")

    def fact(table: str, needle: str, **values: object) -> Fact:
        start = text.index(needle)
        return Fact(table, doc_id, needle, start, start + len(needle), dict(values))

    facts = [
        fact("project_info", f"LLI-{project}", field="project_number", value=f"LLI-{project}"),
        fact("project_info", f"Kopīgais ceļš {project}", field="title",
             value=f"Kopīgais ceļš {project}"),
        fact("partners", "Daugavpilī", name="Daugavpils", name_normalized="Daugavpils",
             city="Daugavpils", country="LV", role="partner", org_type="municipality",
             lang="lv"),
        fact("contacts", "Projekta", name=f"Anna Bērziņa{project}", phone="+37165400000",
             email="", role="", organization="", lang="lv"),
    ]
    return DocResult(doc, facts)


def run(out: Path, indexes: list[int], report: str = "auto") -> None:
    with ArchiveBuilder(out) as builder:
        for i in indexes:
            builder.add(i, result(i))
        builder.finish(load_requirements(), ExtraOutputs(report=report))


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_results_in_any_order_give_the_same_outputs(tmp_path: Path) -> None:
    """Workers finish in any order; the outputs follow the file index, not the arrival."""
    run(tmp_path / "in_order", list(range(12)))
    run(tmp_path / "reversed", list(reversed(range(12))))
    first, second = outputs(tmp_path / "in_order"), outputs(tmp_path / "reversed")
    assert first == second
    assert "report.html" in first and "text/d00011.txt" in first
    assert not any(".sqlite3" in name for name in first)  # the run store is not an output
    projects = first["projects.csv"].decode().splitlines()
    assert len(projects) == 1 + 3  # twelve documents, three projects of four


def peak_bytes(out: Path, n: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        # one report form for both sizes (auto would switch to the site between them); the
        # site's own memory is measured in scripts/report_bench.py
        run(out, list(range(n)), report="single")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    """Four times the documents (each with ~20 kB of text) and the Python heap's peak barely
    moves: texts and facts live on disk, one project at a time is loaded. Holding every
    document would add ~60 kB a document (text twice, facts, rows): 50 MB here."""
    peak_bytes(tmp_path / "warm", 8)  # imports, gazetteer and caches are not the archive
    small = peak_bytes(tmp_path / "small", 200)
    large = peak_bytes(tmp_path / "large", 800)
    # What grows is the small per-document entries (stub, profile, slim partner and contact
    # facts: ~5.5 kB each here), not the documents: 600 more add under 4 MB, not 36 MB. (A bound
    # relative to the small run's peak broke when that peak fell: the packed entries are on
    # disk now, not in memory, while the batch runs.)
    assert large - small < 4_000_000, (small, large)


def test_a_document_s_shown_digest_changes_with_any_cell_or_its_text() -> None:
    """The digest a report page is made of (`builder._shown_digest`): the document's CSV lines
    and its text, exactly."""
    from pipeline.stages.builder import _shown_digest

    doc = Document("d1", "d1.txt", "", "txt", text="Rīga, 12.03.2024")
    lines = {"documents": (1, "d1,d1.txt,ok\r\n"), "dates": (1, "d1,2024-03-12\r\n")}
    base = _shown_digest(lines, doc)
    assert base == _shown_digest(dict(reversed(lines.items())), doc)
    changed = [
        _shown_digest({**lines, "dates": (1, "d1,2024-03-13\r\n")}, doc),
        _shown_digest({**lines, "budgets": (0, "")}, doc),
        _shown_digest(lines, Document("d1", "d1.txt", "", "txt", text="Riga, 12.03.2024")),
        _shown_digest(lines, Document("d1", "d1.txt", "", "txt", text="Rīga, 12.03.2024",
                                      status="failed")),
    ]
    assert len({base, *changed}) == 5
