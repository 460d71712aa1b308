"""`--engine dask` without the 'dask' extra: a one-line error before any work. Runs whether or
not the extra is installed (its import is made to fail)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.cli import main

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def run(out: Path, *extra: str) -> int:
    return main(["run", str(RAW), "--out", str(out), "--quiet", "--no-cache", *extra])


@pytest.mark.parametrize("extra", [(), ("--scheduler", "tcp://127.0.0.1:1")])
def test_without_dask_a_one_line_error(
    extra: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    assert run(tmp_path / "out", "--engine", "dask", *extra) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("pipeline: error: --engine dask needs Dask's distributed scheduler")
    assert "pip install -e '.[dask]'" in err
    assert not (tmp_path / "out").exists()  # nothing written, no document processed


def test_scheduler_without_the_dask_engine_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert run(tmp_path / "out", "--scheduler", "tcp://127.0.0.1:1") == 2
    err = capsys.readouterr().err
    assert err.strip() == "pipeline: error: --scheduler goes with --engine dask"
    assert not (tmp_path / "out").exists()
