"""The run store (`pipeline.store`): results by index, rows, findings sorted like Python."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Document, Fact
from pipeline.runner import DocResult
from pipeline.store import RunStore, _orderable

# any code point, NUL and lone surrogates too; few letters, so that prefixes and ties are common
FEW = "\0\x01a\xe9\u044f\ud800\U0001f600"
text = st.text(st.sampled_from(FEW), max_size=4) | st.text(max_size=4)
key = st.tuples(st.integers(0, 2), text, text, text)


@given(st.lists(key, max_size=30))
@settings(max_examples=200, deadline=None)
def test_byte_order_of_sort_keys_is_python_order(keys: list[tuple[int, str, str, str]]) -> None:
    assert sorted(keys, key=_orderable) == sorted(keys)


def test_results_round_trip_by_index(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite3")
    r = DocResult(Document("d1", "d1.txt", "", "txt", text="Rīga 2024"),
                  [Fact("dates", "d1", "2024", 5, 9, {"start_date": "2024-01-01"})])
    store.put(7, r)
    store.put(3, DocResult(Document("d0", "d0.txt", "", "txt")))
    assert store.indexes() == [3, 7]
    assert store.get(7) == r
    store.close()
    assert not (tmp_path / "run.sqlite3").exists()


def test_a_resolved_patch_changes_only_its_facts_and_keeps_the_raw_result(
        tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite3")
    r = DocResult(Document("d1", "d1.txt", "", "txt", text="12 March, Rīga"),
                  [Fact("dates", "d1", "12 March", 0, 8, {"year_unresolved": True}),
                   Fact("partners", "d1", "Rīga", 10, 14, {"country": "LV"})])
    store.put(4, r)
    store.put_resolved(4, pickle.dumps({0: {"start_date": "2021-03-12"}}))
    got = store.get(4)
    assert got.facts[0].values == {"start_date": "2021-03-12"}
    assert got.facts[1] == r.facts[1] and got.doc == r.doc
    assert store.get_raw(4) == r  # as extracted: what the next run's memo copies
    store.close()


def test_findings_come_back_sorted_and_numbered(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run.sqlite3")
    rows = [
        {"severity": "warning", "rule": "b", "doc_id": "d2", "project_id": "P1"},
        {"severity": "error", "rule": "z", "doc_id": "d1", "project_id": "P1"},
        {"severity": "warning", "rule": "a", "doc_id": "d1", "project_id": ""},
    ]
    rank = {"error": 0, "warning": 1}
    store.add_findings(rows, lambda f: (rank[f["severity"]], f["rule"]))
    store.sort_findings()
    assert [f["rule"] for f in store.sorted_findings()] == ["z", "a", "b"]
    assert [(n, f["rule"]) for n, f in store.findings_of("doc_id", "d1")] == [(0, "z"), (1, "a")]
    assert [n for n, _ in store.findings_of("project_id", "P1")] == [0, 2]
    store.close()


def test_a_reader_reads_what_was_committed_and_leaves_the_file(tmp_path: Path) -> None:
    """`RunStore.reader`: another connection (a report page worker's), read-only; closing it
    does not delete the run's store."""
    import sqlite3

    import pytest

    path = tmp_path / "run.sqlite3"
    store = RunStore(path)
    store.put_rows(4, {"dates": [{"doc_id": "d1", "text": "2024"}]}, "digest-of-d1")
    store.commit()
    reader = RunStore.reader(path)
    assert reader.get_rows(4) == {"dates": [{"doc_id": "d1", "text": "2024"}]}
    assert reader.rows_digest(4) == "digest-of-d1" and reader.rows_digest(5) is None
    with pytest.raises(sqlite3.OperationalError):
        reader.put_rows(5, {}, "")
    reader.close()
    assert path.exists()
    store.close()
    assert not path.exists()
