"""`pipeline.workpool`: chunks of jobs answered by worker interpreters, and what a failed worker
leaves to its caller."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from pipeline.workpool import Crew, Spread, chunked


@dataclass(frozen=True)
class Power:
    """A setup: its handler raises job to `exponent`, with the worker's pid; job 13 fails."""

    exponent: int

    def __call__(self) -> Callable[[int], tuple[int, int]]:
        def handle(job: int) -> tuple[int, int]:
            if job == 13:
                raise ValueError("unlucky job")
            return job**self.exponent, os.getpid()

        return handle


def answers(spread: Spread) -> dict[int, list]:
    return dict(spread)


def test_every_chunk_answered_in_job_order_by_other_processes() -> None:
    chunks = [[1, 2, 3], [4], [5, 6], [7, 8, 9, 10]]
    spread = Spread(Power(2), chunks, workers=2)
    got = answers(spread)
    assert sorted(got) == [0, 1, 2, 3]
    for k, chunk in enumerate(chunks):
        assert [a for a, _ in got[k]] == [j * j for j in chunk]
    pids = {pid for chunk in got.values() for _, pid in chunk}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert spread.missing == [] and spread.errors == []


def test_a_failed_job_leaves_its_chunk_to_the_caller() -> None:
    chunks = [[12], [13], [14], [15]]
    spread = Spread(Power(1), chunks, workers=2)
    got = answers(spread)
    assert 1 in spread.missing and 1 not in got
    assert sorted(list(got) + spread.missing) == [0, 1, 2, 3]
    assert spread.errors and "ValueError: unlucky job" in spread.errors[0]


@pytest.mark.parametrize("setup", [lambda: None, Power], ids=["unpicklable", "fails"])
def test_a_setup_that_cannot_run_leaves_every_chunk(setup: object) -> None:
    spread = Spread(setup, [[1], [2], [3]], workers=2)  # type: ignore[arg-type]
    assert answers(spread) == {}
    assert spread.missing == [0, 1, 2]
    assert len(spread.errors) == 2


@pytest.mark.parametrize(("costs", "parts", "want"), [
    ([1, 1, 1, 1], 2, [[1, 1], [1, 1]]),
    ([5, 1, 1, 1, 1, 1], 2, [[5], [1, 1, 1, 1, 1]]),
    ([1, 1, 1], 10, [[1], [1], [1]]),
    ([3], 4, [[3]]),
    ([], 2, []),
])
def test_chunked_cuts_consecutive_runs_of_about_equal_cost(
    costs: list[int], parts: int, want: list[list[int]]
) -> None:
    assert chunked(costs, lambda c: c, parts) == want


@pytest.mark.parametrize("exponent", [2, None], ids=["worker", "worker-fails"])
def test_in_order_gives_every_chunk_in_order_with_the_caller_taking_chunks_too(
    exponent: int | None,
) -> None:
    chunks = [[k] for k in range(1, 40)]
    spread = Spread(Power(exponent) if exponent else Power, chunks, workers=1)  # type: ignore[arg-type]
    done_here: list[int] = []

    def local(chunk: list[int]) -> list[tuple[int, int]]:
        done_here.extend(chunk)
        return [(j * j, os.getpid()) for j in chunk]

    got = list(spread.in_order(local))
    assert [a for chunk in got for a, _ in chunk] == [j * j for (j,) in chunks]
    by_worker = [a for chunk in got for a, pid in chunk if pid != os.getpid()]
    assert len(by_worker) + len(done_here) == len(chunks)
    if exponent is None:  # the worker cannot start: the caller did everything
        assert not by_worker and sorted(done_here) == [j for (j,) in chunks]


@dataclass(frozen=True)
class Crash:
    """A setup whose worker dies (no exception, no answer) on job 13."""

    def __call__(self) -> Callable[[int], int]:
        def handle(job: int) -> int:
            if job == 13:
                os._exit(7)
            return job

        return handle


def test_a_worker_that_dies_mid_chunk_leaves_that_chunk_and_the_other_worker_goes_on() -> None:
    chunks = [[1, 2], [13, 14], [3], [4], [5], [6]]
    spread = Spread(Crash(), chunks, workers=2)
    got = answers(spread)
    assert spread.missing == [1]
    assert got == {k: chunk for k, chunk in enumerate(chunks) if k != 1}
    assert spread.errors == ["exited with status 7"]
    # in order, the caller doing (negated) the chunk the dead worker took, and maybe others
    ordered = list(Spread(Crash(), chunks, workers=2).in_order(lambda c: [-j for j in c]))
    assert [[abs(j) for j in chunk] for chunk in ordered] == chunks
    assert ordered[1] == [-13, -14]


@dataclass(frozen=True)
class Pid:
    """A warm-up setup: its handler (never called by a Spread) gives the worker's pid."""

    def __call__(self) -> Callable[[object], int]:
        return lambda job: os.getpid()


def test_a_crew_lends_the_same_started_workers_to_one_stage_after_another() -> None:
    with Crew(1, Pid()) as crew:
        first = Spread(Power(2), [[1, 2], [3]], workers=1, crew=crew)
        got = answers(first)
        assert [a for a, _ in got[0]] == [1, 4] and [a for a, _ in got[1]] == [9]
        second = Spread(Power(3), [[2]], workers=1, crew=crew)
        again = answers(second)
        assert again[0][0][0] == 8  # the second stage's setup answers
        assert {pid for _, pid in got[0]} == {again[0][0][1]} != {os.getpid()}


def test_a_stage_wanting_more_workers_than_the_crew_has_starts_its_own() -> None:
    with Crew(1, Pid()) as crew:
        spread = Spread(Power(1), [[k] for k in range(12)], workers=2, crew=crew)
        got = answers(spread)
        assert sorted(got) == list(range(12)) and spread.errors == []
        assert len(crew._idle) == 2  # both given back, for the next stage


def test_a_crew_worker_whose_warm_up_fails_costs_no_chunk() -> None:
    with Crew(1, Power) as crew:  # type: ignore[arg-type]  (Power() needs its exponent)
        spread = Spread(Power(1), [[1], [2]], workers=1, crew=crew)
        assert answers(spread) == {}
        assert spread.missing == [0, 1] and "cannot set up" in spread.errors[0]
        assert crew._idle == []  # not given back
        ordered = list(Spread(Power(1), [[1], [2]], workers=1, crew=crew).in_order(
            lambda c: [(j, os.getpid()) for j in c]))
        assert [a for chunk in ordered for a, _ in chunk] == [1, 2]


def test_a_dead_crew_worker_is_not_lent_again() -> None:
    with Crew(1, Pid()) as crew:
        spread = Spread(Crash(), [[1], [13], [2]], workers=1, crew=crew)
        got = answers(spread)
        assert got == {0: [1]} and spread.missing == [1, 2]
        assert crew._idle == []


@dataclass(frozen=True)
class Threshold:
    """A setup whose handler gives the worker's garbage-collector thresholds."""

    def __call__(self) -> Callable[[object], tuple[int, int, int]]:
        import gc

        return lambda job: gc.get_threshold()


def test_a_worker_collects_garbage_at_the_runs_pace() -> None:
    from pipeline.gctune import MIDDLE, YOUNG

    got = answers(Spread(Threshold(), [[0]], workers=1))
    assert got[0][0][:2] == (YOUNG, MIDDLE)


@dataclass(frozen=True)
class Slow:
    """A warm-up that takes long (an interpreter building a big gazetteer, say)."""

    def __call__(self) -> Callable[[object], None]:
        import time

        time.sleep(60)
        return lambda job: None


def test_closing_a_crew_ends_a_worker_still_warming_up() -> None:
    import signal

    crew = Crew(1, Slow())
    (worker,) = crew._idle
    timed_out: list[float | None] = []
    real_wait = worker.proc.wait

    def wait(timeout: float | None = None) -> int:
        try:
            return real_wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out.append(timeout)
            raise

    worker.proc.wait = wait  # type: ignore[method-assign]
    crew.close()
    assert worker.proc.returncode == -signal.SIGKILL
    assert timed_out == []  # killed at once, not waited for until a time-out
