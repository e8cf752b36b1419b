"""Interaction latency through Pilot: key press → feedback drawn, next question drawn, language
switch redrawn (median and 95th percentile), in practice mode over the bundled bank.

Each step is timed from the key press (or the language change) to the last frame Textual renders
for it: the app's ``_display`` (where each composed frame goes to the driver) is wrapped to
timestamp frames, and Pilot waits until the app is idle again. Pilot's own waiting (it sleeps
in 20 ms steps until the CPU is idle) is not counted, only when the drawing actually happened.
The baseline is a bare Textual app whose key handler updates a Label, timed the same way. The
targets are absolute (16 ms / 33 ms / 50 ms); the table shows them as ratios to this baseline.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from measure import Row

QUESTIONS = 40
#: What bounds the first frame after a key press (measured with QUIZAPP_BENCH_DEBUG=1: the
#: Enter handler that checks finishes in 4-6 ms).
BOUND = (
    "the handler is done in 4-6 ms; the rest is Textual laying out and drawing the quiz screen "
    "(~20 widgets) for the next frame"
)
DEBUG = bool(os.environ.get("QUIZAPP_BENCH_DEBUG"))
SWITCHES = 12


class _Frames:
    """Timestamps of the frames an app renders (headless: composed, then dropped by the driver),
    and of the moments the handlers under test finished (their "marks")."""

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        self.marks: list[float] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            self.times.append(time.perf_counter())

        app._display = timed_display

    def watch(self, target: Any, name: str) -> None:
        """Mark the end of each call of *target*.*name* (the handler that changes the screen)."""
        method = getattr(target, name)

        def marked(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            finally:
                self.marks.append(time.perf_counter())

        setattr(target, name, marked)

    async def measure(self, pilot: Any, action: Any) -> tuple[float, float]:
        """Seconds from starting *action* to the first frame drawn after its handler finished
        (the change is on screen), and to the last frame before the app is idle (settled)."""
        seen, marked = len(self.times), len(self.marks)
        start = time.perf_counter()
        result = action()
        if asyncio.iscoroutine(result):
            await result
        await pilot.pause()
        frames = self.times[seen:]
        done = self.marks[-1] if len(self.marks) > marked else start
        if DEBUG:
            print(
                round((done - start) * 1000, 1),
                [round((t - start) * 1000, 1) for t in frames],
                file=sys.stderr,
            )
        shown = next((t for t in frames if t >= done), None)
        if shown is None:
            raise RuntimeError("no frame was drawn after the handler finished")
        return shown - start, frames[-1] - start


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def _isolated() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("QUIZAPP_CACHE_DIR", "QUIZAPP_CONFIG_DIR", "QUIZAPP_DATA_DIR")}
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-ui-") as scratch:
        for key in saved:
            os.environ[key] = str(Path(scratch) / key.lower())
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


async def _bare() -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Bare(App[None]):
        BINDINGS = [("1", "bump", "Bump")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("0", id="count")
            yield Footer()

        def action_bump(self) -> None:
            label = self.query_one("#count", Label)
            label.update(str(int(str(label.content)) + 1))

    samples = []
    app = Bare()
    async with app.run_test(headless=True, size=(100, 32)) as pilot:
        frames = _Frames(app)
        frames.watch(app, "action_bump")
        await pilot.pause()
        for _ in range(QUESTIONS):
            samples.append((await frames.measure(pilot, lambda: pilot.press("1")))[0])
    return samples


async def _quiz() -> dict[str, list[float]]:
    from quizapp.core.model import ChoiceQuestion, TrueFalseQuestion
    from quizapp.core.session import Mode, QuizSession
    from quizapp.ui.app import make_app
    from quizapp.ui.screens.quiz import QuizRunScreen

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    app = make_app(language="en", profile="bench", rng=random.Random(1), clock=lambda: now)
    times: dict[str, list[float]] = {}
    async with app.run_test(headless=True, size=(100, 32)) as pilot:
        for _ in range(400):
            catalog = next((s.catalog for s in app.screen_stack if getattr(s, "catalog", None)), None)
            if catalog is not None:
                break
            await pilot.pause(0.02)
        assert catalog is not None and catalog.banks, "banks did not load"
        bank = catalog.banks[0].bank
        # Kinds answered by choosing with a digit (which only chooses) and checking with Enter: the
        # Enter is the key press measured.
        questions = [q for q in bank.questions if isinstance(q, ChoiceQuestion | TrueFalseQuestion)]
        session = QuizSession.start(bank, questions, Mode.PRACTICE, app.rng, now, count=QUESTIONS + 1)
        screen = QuizRunScreen(session)
        app.push_screen(screen)
        frames = _Frames(app)
        frames.watch(screen, "action_check")
        frames.watch(screen, "show_question")
        frames.watch(app, "set_language")
        await pilot.pause()

        def record(name: str, measured: tuple[float, float]) -> None:
            times.setdefault(name, []).append(measured[0])
            times.setdefault(f"{name} settled", []).append(measured[1])

        for _ in range(min(QUESTIONS, session.total - 1)):
            await pilot.press("1")
            await pilot.pause()
            record("feedback", await frames.measure(pilot, lambda: pilot.press("enter")))
            assert session.is_checked(session.question.id), "the key press did not answer"
            record("next", await frames.measure(pilot, lambda: pilot.press("ctrl+n")))
        languages = ["tr", "kk", "en"]
        for index in range(SWITCHES):
            record("language", await frames.measure(pilot, partial(app.set_language, languages[index % 3])))
    return times


def _measure_all() -> dict[str, list[float]]:
    with _isolated():
        bare = asyncio.run(_bare())
        quiz = asyncio.run(_quiz())
    return {"bare": bare, **quiz}


def interaction(ctx: Any) -> list[Any]:
    """Pilot-driven latencies, median and p95, against a bare Textual key press.

    Measured in a fresh process: the benchmark process holds the big banks of the earlier
    sections, and the garbage collector walking them adds to the latency measured here."""

    result = subprocess.run(
        [ctx.python, str(Path(__file__).resolve()), "--measure"], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"interaction measurement failed: {result.stderr[-2000:]}")
    quiz = json.loads(result.stdout.strip().splitlines()[-1])
    bare = quiz.pop("bare")
    base_median, base_p95 = statistics.median(bare), _p95(bare)
    rows = []
    for key, what, median_target, p95_target in (
        ("feedback", "key press → feedback drawn", 0.016, 0.033),
        ("feedback settled", "key press → last frame of the feedback", None, None),
        ("next", "next question drawn", None, None),
        ("next settled", "next question: last frame", None, None),
        ("language", "language switch redrawn", 0.050, 0.050),
        ("language settled", "language switch: last frame", None, None),
    ):
        samples = quiz[key]
        count = f"bundled bank, {len(samples)} samples"
        rows.append(
            Row(
                "interaction",
                f"{what} (median)",
                count,
                statistics.median(samples),
                "bare Textual key press (median)",
                base_median,
                round(median_target / base_median, 2) if median_target else None,
                note=(
                    (
                        f"target: median ≤ {median_target * 1000:.0f} ms"
                        + (f"; {BOUND}" if key == "feedback" else "")
                    )
                    if median_target
                    else ""
                ),
            )
        )
        rows.append(
            Row(
                "interaction",
                f"{what} (p95)",
                count,
                _p95(samples),
                "bare Textual key press (p95)",
                base_p95,
                round(p95_target / base_p95, 2) if p95_target else None,
                note=f"target: p95 ≤ {p95_target * 1000:.0f} ms" if p95_target else "",
            )
        )
    return rows


if __name__ == "__main__":
    if sys.argv[1:] == ["--measure"]:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        print(json.dumps(_measure_all()))
    else:
        sys.exit("usage: bench_interaction.py --measure  (run `make bench` for the benchmarks)")
