"""What every benchmark section measures with: the result row, the run's settings, timing.

Kept apart from ``run.py`` (which imports every section) so that a section can import these at
the top of its module without an import circle.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


@dataclass
class Row:
    """One line of the results table: a measure against its baseline."""

    section: str
    measure: str
    size: str
    seconds: float
    baseline: str
    baseline_seconds: float
    #: The largest acceptable ratio, if there is a target.
    target: float | None = None
    note: str = ""
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("inf")

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "met" if self.ratio <= self.target else "**not met**"


@dataclass
class Context:
    """What every benchmark section gets: settings and a scratch area for generated data."""

    repeat: int
    sizes: Sequence[int]
    work: Path
    python: str = sys.executable
    log: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stderr))


def timed(functions: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Median wall time of each function, running them in turn *repeat* times."""
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function()
            samples[index].append(time.perf_counter() - start)
    return [statistics.median(s) for s in samples]


def process(
    argv: Sequence[str], expect: int = 0, cwd: Path = PROJECT, cache_dir: Path | None = None
) -> Callable[[], None]:
    """A function running *argv* as a fresh process and checking its exit code.

    Each run gets an empty QUIZAPP_CACHE_DIR, so "cold" stays cold once banks are cached; with
    *cache_dir*, every run shares that one (to measure warm runs)."""

    def run() -> None:
        with tempfile.TemporaryDirectory(prefix="quizapp-bench-cache-") as cache:
            env = {**os.environ, "QUIZAPP_CACHE_DIR": str(cache_dir or cache)}
            result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env)
        if result.returncode != expect:
            raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stderr[-2000:]}")

    return run
