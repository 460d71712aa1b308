"""The whole-archive stages: `builder` (the order of the stages, the run summary), `output` (the
tables' writers and what the report reads), `memo` (what a rerun carries over)."""

from pipeline.stages.builder import STORE_NAME, ArchiveBuilder, RunSummary, finish_run

__all__ = ["STORE_NAME", "ArchiveBuilder", "RunSummary", "finish_run"]
