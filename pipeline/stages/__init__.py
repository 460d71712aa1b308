"""The whole-archive stages: `builder` (the order of the stages, the run summary), `output` (the
tables' writers and what the report reads), `memo` (what a rerun carries over).

The builder is imported on first use of its names, not with the package: a report page worker
(`report.site_pool`) imports `output` alone, without the stages' whole import tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.stages.builder import STORE_NAME, ArchiveBuilder, RunSummary, finish_run

__all__ = ["STORE_NAME", "ArchiveBuilder", "RunSummary", "finish_run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline.stages import builder

        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
