"""Engines that map the per-document work (`runner.process_bytes`) over an archive beyond the
local worker pool (`pipeline.parallel`). Each takes `seam.Task`s and yields `(index, DocResult)`
in completion order; `runner.run_batch` feeds the results to the same cache and
`stages.ArchiveBuilder` whatever the engine, so the outputs do not depend on it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from pipeline.seam import DocResult, Options, Task


class EngineError(Exception):
    """The engine cannot run (not installed, unreachable, mismatched); str() is one line."""


class Engine(Protocol):
    def run(
        self, tasks: Iterable[Task], options: Options, work: object, timeout: float | None
    ) -> Iterator[tuple[int, DocResult]]:
        """Process `tasks` with `work` (`runner.process_bytes`); yield (index, result)."""
        ...
