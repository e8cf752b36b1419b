"""The benchmarks' measuring code still drives the app as it is today.

`make bench` is not part of `make test`, so a change to the app can break a benchmark unnoticed
(a digit that stopped checking an answer once did). These run the measuring steps on a few
samples and check that they measured something; they assert no time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


def test_the_interaction_steps_answer_go_on_and_switch_language(
    bench_modules: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bench_interaction

    monkeypatch.setattr(bench_interaction, "QUESTIONS", 3)
    monkeypatch.setattr(bench_interaction, "SWITCHES", 2)
    samples = bench_interaction._measure_all()
    assert len(samples["bare"]) == 3
    assert len(samples["feedback"]) == len(samples["next"]) == 3
    assert len(samples["language"]) == 2
    assert all(value > 0 for values in samples.values() for value in values)


@pytest.mark.parametrize("kind", ["bare", "quiz"])
def test_the_start_up_probe_reaches_the_home_screen_with_the_banks(kind: str, tmp_path: Path) -> None:
    env_dirs = {f"QUIZAPP_{name.upper()}_DIR": str(tmp_path / name) for name in ("cache", "config", "data")}
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_startup.py"), "--probe", kind],
        capture_output=True,
        text=True,
        env={**os.environ, **env_dirs},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rss_kib"] > 0
    if kind == "quiz":
        assert report["questions"] == 222
