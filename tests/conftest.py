import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive run once per session with every extra output; returns --out.

    The DuckDB database is written beside it (`<out>/../archive.duckdb`).
    """
    from pipeline.cli import main

    folder = tmp_path_factory.mktemp("sample_run")
    out = folder / "out"
    args = ["run", str(RAW), "--out", str(out), "--quiet", "--format", "parquet",
            "--duckdb", str(folder / "archive.duckdb"), "--excel"]
    assert main(args) == 0
    return out
