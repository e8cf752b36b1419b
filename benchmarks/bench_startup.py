"""Start-up: process start → home screen drawn with its banks loaded and the app idle, headless.

The baseline is a bare Textual app (Header, Label, Footer) started and stopped the same way, in
the same run. Both are fresh processes timed from outside, so interpreter start, imports, the
first frame and shutdown all count. quizapp is "started" only when its banks have loaded (the
home screen shows them), not merely when its first frame is up: with a big bank that is the
honest figure. Banks given on the command line are measured warm (the compiled cache primed
once, before timing).

Run as a script, this module is the probe that the timed processes execute:
``python benchmarks/bench_startup.py --probe bare|widgets|ui|quiz [BANK…]``; it prints a JSON line
with its peak RSS (which :mod:`bench_memory` reads). ``widgets`` is a bare Textual app with the
home screen's widgets: what Textual alone costs for that screen, to tell it from quizapp's part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from measure import Row, timed

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent

#: Bank sizes for start-up with a bank on the command line; 50,000 runs fewer times.
BIG = 50_000


# --- The probe (runs in the timed process) ----------------------------------------------------


def _peak_rss_kib() -> int:
    # VmHWM starts afresh at exec; getrusage's ru_maxrss would include the forking parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Label("Hello")
            yield Footer()

    return Bare()


def _widgets_app() -> Any:
    """A bare Textual app showing the home screen's widgets with the bundled bank's content (a
    profile line, a title, the six-line summary of the next quiz, the due count, a hint, two
    buttons, 7 keys), and none of quizapp's code: the floor that Textual itself puts under the
    home screen. (The set-up form, with its lists and radio buttons, is composed only when F5
    opens it, so it is not part of start-up.)"""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Button, Footer, Header, Label

    summary = "\n".join(
        [
            "Question bank        Kazakhstan's Foreign Policy",
            "Topics               All 14 topics",
            "Difficulty           All",
            "Number of questions  10 (of 222 that match)",
            "Mode                 Practice — See right away whether each answer is right, and why.",
        ]
    )

    class Widgets(App[None]):
        AUTO_FOCUS = "#start"
        BINDINGS = [(f"f{n}", "bell", f"Key {n}") for n in range(1, 7)]

        def compose(self) -> ComposeResult:
            yield Header()
            with VerticalScroll(can_focus=False):
                yield Label("Profile: bench")
                yield Label("Next quiz")
                yield Label(summary)
                yield Label("0 questions are due for review today.")
                yield Label("Press Enter to start, or F5 to change it.")
            yield Horizontal(Button("Change quiz"), Button("Start", id="start"))
            yield Footer()

    return Widgets()


def _probe(kind: str, banks: Sequence[str]) -> None:
    if kind in ("bare", "widgets"):
        app: Any = _widgets_app() if kind == "widgets" else _bare_app()

        async def ready(pilot: Any) -> None:
            await pilot.pause()
            pilot.app.exit()

    else:
        sys.path.insert(0, str(PROJECT))
        from quizapp.ui.app import make_app

        # A profile, so that no "who is studying?" dialog waits for an answer.
        # "ui": the home screen with no bank at all, to tell the UI's cost from the banks'.
        app = make_app(
            extra_paths=[Path(b) for b in banks], language="en", profile="bench", include_bundled=kind != "ui"
        )

        def loaded(pilot: Any) -> Any:
            return next((s.catalog for s in pilot.app.screen_stack if getattr(s, "catalog", None)), None)

        async def ready(pilot: Any) -> None:
            import asyncio

            while loaded(pilot) is None:
                await asyncio.sleep(0.002)
            await pilot.pause()
            catalog = loaded(pilot)
            if catalog.problems and kind != "ui":
                raise SystemExit(f"bank problems: {catalog.problems[:3]}")
            pilot.app.exit(sum(len(b.bank.questions) for b in catalog.banks))

    result = app.run(headless=True, size=(100, 32), auto_pilot=ready)
    rss_kib = _peak_rss_kib()
    print(json.dumps({"rss_kib": rss_kib, "questions": result}))


# --- Driving probes from the benchmark ------------------------------------------------------


def probe_env(cache_dir: Path, scratch: Path) -> dict[str, str]:
    """Environment for a probe: its own config and data dirs, the given bank cache."""
    env = {**os.environ, "QUIZAPP_CACHE_DIR": str(cache_dir)}
    for name in ("config", "data"):
        folder = scratch / name
        folder.mkdir(parents=True, exist_ok=True)
        env[f"QUIZAPP_{name.upper()}_DIR"] = str(folder)
    env.pop("TEXTUAL", None)
    return env


def run_probe(python: str, kind: str, banks: Sequence[Path], env: dict[str, str]) -> dict[str, Any]:
    """Run one probe process; its JSON report."""
    argv = [python, str(Path(__file__).resolve()), "--probe", kind, *map(str, banks)]
    result = subprocess.run(argv, cwd=PROJECT, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def prober(python: str, kind: str, banks: Sequence[Path], env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        run_probe(python, kind, banks, env)

    return run


def shared_cache(ctx: Any) -> Path:
    """The bank cache the warm measures share (primed by whoever needs it first)."""
    folder = Path(ctx.work) / "bank-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def bench_sizes(ctx: Any) -> list[int]:
    return sorted({*ctx.sizes, BIG})


def startup(ctx: Any) -> list[Any]:
    """Start-up with the bundled bank, and with 1k/10k/50k banks on the command line (warm)."""
    from generate import ensure

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-startup-") as scratch:
        env = probe_env(shared_cache(ctx), Path(scratch))
        bare = prober(ctx.python, "bare", [], env)
        ctx.log("start-up: bundled bank")
        run_probe(ctx.python, "quiz", [], env)  # prime the cache with the bundled bank
        quiz_s, ui_s, widgets_s, bare_s = timed(
            [
                prober(ctx.python, "quiz", [], env),
                prober(ctx.python, "ui", [], env),
                prober(ctx.python, "widgets", [], env),
                bare,
            ],
            ctx.repeat + 4,
        )
        rows.append(
            Row(
                "start-up",
                "home screen drawn, banks loaded",
                "bundled bank",
                quiz_s,
                "bare Textual app",
                bare_s,
                1.25,
                note=(
                    f"a bare Textual app that only shows the home screen's widgets (no quizapp code, "
                    f"no bank) takes {widgets_s:.3f} s, {widgets_s / bare_s:.2f}× bare, and quizapp "
                    f"is {quiz_s / widgets_s:.2f}× that (its imports, opening the progress database, "
                    "the bank from the cache); the set-up form is composed only when F5 opens it"
                ),
            )
        )
        widgets_ratio = widgets_s / bare_s
        rows.append(
            Row(
                "start-up",
                "home screen drawn, banks loaded",
                "bundled bank",
                quiz_s,
                "Textual app with the home screen's widgets",
                widgets_s,
            )
        )
        rows.append(
            Row("start-up", "home screen drawn, no bank", "no bank", ui_s, "bare Textual app", bare_s)
        )
        for count in bench_sizes(ctx):
            root = Path(ctx.work) / f"bank-{count}"
            ensure(count, root)
            ctx.log(f"start-up: {count:,} questions (priming the cache)")
            primed = run_probe(ctx.python, "quiz", [root], env)
            # The targeted row (10k) gets as many runs as the bundled row: its median moved by
            # ±0.05× from run to run with three.
            repeat = 1 if count >= BIG else (ctx.repeat + 4 if count == 10_000 else ctx.repeat)
            quiz_s, bare_s = timed([prober(ctx.python, "quiz", [root], env), bare], repeat)
            rows.append(
                Row(
                    "start-up",
                    "home screen drawn, banks loaded (warm cache)",
                    f"bundled + {count:,} questions ({primed['questions']:,} in all)",
                    quiz_s,
                    "bare Textual app",
                    bare_s,
                    1.35 if count == 10_000 else None,
                    note=(
                        f"the home screen's widgets alone: {widgets_ratio:.2f}× bare; plus reading "
                        f"the {count:,}-question entry (see the bank cache rows)"
                        if count == 10_000
                        else ""
                    ),
                )
            )
    return rows


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--probe":
        _probe(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(
            "usage: bench_startup.py --probe bare|widgets|ui|quiz [BANK…]  (run `make bench` for the benchmarks)"
        )
