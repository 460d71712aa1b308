"""The notebooks run top to bottom on a run's output and are committed without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_is_a_notebook() -> None:
    assert [p.name for p in NOTEBOOKS][:1] == ["01-explore-projects.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_sample_output_and_draws_every_plot(
    path: Path, sample_run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIPELINE_PROCESSED", str(sample_run))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    plots = [c for c in nb.cells if "plot" in c.metadata.get("tags", [])]
    assert len(plots) >= 5
    for cell in plots:
        kinds = [mime for out in cell.outputs for mime in out.get("data", {})]
        assert kinds.count("image/png") == 1, cell.source[:60]
        readings = [out["data"]["text/markdown"] for out in cell.outputs
                    if "text/markdown" in out.get("data", {})]
        assert len(readings) == 1 and readings[0].startswith("**Reading:**")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    first = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert str(sample_run) in first  # it read the folder it was pointed at
