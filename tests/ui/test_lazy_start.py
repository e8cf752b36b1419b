"""Start-up: banks load in a thread; a quick load is on the first frame, a slow one behind a spinner,
and nothing expensive is imported before the home screen is ready."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, LoadingIndicator, OptionList, RadioButton, RadioSet, SelectionList

from quizapp.core.bankfiles import LoadedBank
from quizapp.core.session import Mode
from quizapp.core.setup import QuizSetup
from quizapp.ui.app import QuizApp
from quizapp.ui.screens.home import FIRST_FRAME_WAIT_S, HomeScreen
from quizapp.ui.widgets.summary import SummaryTable
from tests.ui.helpers import ALL_KINDS, build_app, open_setup, wait_for_home

PROJECT = Path(__file__).resolve().parents[2]


def home_of(app: QuizApp) -> HomeScreen:
    return next(s for s in app.screen_stack if isinstance(s, HomeScreen))


def summary_text(home: HomeScreen) -> str:
    """What the home screen's summary of the next quiz says."""
    return str(home.query_one(SummaryTable).render())


@pytest.fixture
def spinners(monkeypatch: pytest.MonkeyPatch) -> list[LoadingIndicator]:
    """Every LoadingIndicator built during the test (the home screen builds one only to show it)."""
    built: list[LoadingIndicator] = []
    original = LoadingIndicator.__init__

    def spy(self: LoadingIndicator, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(LoadingIndicator, "__init__", spy)
    return built


async def test_quickly_loaded_banks_are_on_the_first_frame(spinners: list[LoadingIndicator]) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        home = home_of(app)
        assert not spinners, "a spinner was shown for a bank that loads in milliseconds"
        assert "Test bank" in summary_text(home)
        assert home.focused is home.query_one("#start", Button)
        assert not home.query_one("#start", Button).disabled
        assert app.catalog is home.catalog


async def test_the_set_up_form_is_built_only_when_asked_for() -> None:
    """The first screen is light: the form's lists and radio buttons (most of what it used to
    cost to draw) are composed when F5 opens the form, not at start-up."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        assert not app.query(OptionList) and not app.query(SelectionList) and not app.query(RadioSet)
        await open_setup(pilot)
        assert app.screen.query_one("#topics", SelectionList).option_count > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query(SelectionList)


async def test_start_up_objects_are_frozen_out_of_the_collectors_sight_until_the_app_ends() -> None:
    """A big bank's objects would make the garbage collector walk everything again while the
    first frame is drawn; once the banks are in, what exists is frozen (and handed back at exit)."""
    import gc

    gc.unfreeze()  # whatever an earlier test in this process may have left
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        assert app.catalog is not None
        assert gc.get_freeze_count() > 1000
    assert gc.get_freeze_count() == 0


async def test_slow_banks_show_a_spinner_then_the_set_up_panel(
    monkeypatch: pytest.MonkeyPatch, spinners: list[LoadingIndicator]
) -> None:
    release = threading.Event()
    real_load = QuizApp.load_bank

    def slow_load(self: QuizApp, root: Path) -> LoadedBank:
        release.wait(10)
        return real_load(self, root)

    monkeypatch.setattr(QuizApp, "load_bank", slow_load)
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(FIRST_FRAME_WAIT_S + 0.1)
        home = home_of(app)
        assert home.query(LoadingIndicator), "no progress indicator while the banks load"
        assert len(spinners) == 1
        assert home.catalog is None
        # The rest of the app works meanwhile: the help opens and closes.
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert home.query_one("#start", Button).disabled
        release.set()
        await wait_for_home(pilot)
        assert not home.query(LoadingIndicator)
        assert "Test bank" in summary_text(home)
        assert home.focused is home.query_one("#start", Button)
        assert not home.query_one("#start", Button).disabled


async def test_choices_of_last_time_are_restored_in_the_first_frame() -> None:
    app = build_app()
    topics_of_bank = None
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        assert home_of(app).catalog is not None
        topics_of_bank = [t.id for t in home_of(app).catalog.banks[0].bank.topics]
    assert app.store is not None
    app.store.save_setup(
        "test-student",
        QuizSetup(
            "ui-test",
            topics=tuple(topics_of_bank[:1]),
            difficulties=(2,),
            count=None,
            mode=Mode.EXAM,
            time_limit=15,
        ),
    )
    again = build_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        summary = summary_text(home_of(again))
        assert "Exam" in summary and "15 minutes" in summary and "Medium" in summary
        form = await open_setup(pilot)
        assert list(form.query_one("#topics", SelectionList).selected) == topics_of_bank[:1]
        assert list(form.query_one("#difficulty", SelectionList).selected) == [2]
        assert form.query_one("#mode-exam", RadioButton).value
        assert form.query_one("#count-2", RadioButton).value
        assert form.query_one("#time-limit", Input).value == "15"
        assert form.query_one("#time").display


# Runs the real app in a fresh interpreter: which modules are loaded once the home screen is up.
_PROBE = """
import asyncio, json, sys
from pathlib import Path
from quizapp.ui.app import make_app

async def main():
    app = make_app(extra_paths=[Path(sys.argv[1])], language="kk", profile="probe", include_bundled=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            await pilot.pause(0.02)
            if any(getattr(s, "catalog", None) for s in app.screen_stack):
                break
        await pilot.pause()
    return sorted(sys.modules)

print(json.dumps(asyncio.run(main())))
"""

#: Not needed to draw the home screen from a warm cache: the YAML reader and validator, the
#: scheduler, Markdown for the help, Babel's catalog parser.
_NOT_AT_START = (
    "yaml",
    "quizapp.core.loading",
    "quizapp.core.yamlread",
    "fsrs",
    "markdown_it",
    "babel.messages",
)


def test_a_warm_start_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    modules: list[str] = []
    for _ in range(2):  # the first run fills the bank and catalog caches
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(ALL_KINDS)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=PROJECT,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert "quizapp.ui.screens.home" in modules
    loaded = sorted(
        m for m in modules if any(m == name or m.startswith(name + ".") for name in _NOT_AT_START)
    )
    assert not loaded, f"imported before they are needed: {loaded}"


async def test_the_due_count_is_fresh_each_time_the_home_screen_comes_back() -> None:
    """The home screen counts what is due once per visit (not on every choice), and again when
    the student comes back to it, e.g. from a quiz."""
    from textual.screen import Screen

    from quizapp.core.review import SELF_RATINGS
    from tests.ui.helpers import FIXED_NOW

    now = [FIXED_NOW]
    app = build_app()
    app.clock = lambda: now[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        home = home_of(app)

        def mode_help() -> str:
            return str(home.query_one("#due").render())

        assert "0 questions are due" in mode_help()
        recorder = app.recorder
        assert recorder is not None and home.catalog is not None
        bank = home.catalog.banks[0].bank
        for question in bank.questions[:2]:
            rating = recorder.planner.rating_for(None, None, SELF_RATINGS[0])
            recorder.planner.record_review(
                recorder.store, recorder.profile, bank.id, question.id, rating, now[0]
            )
        now[0] += timedelta(days=1)
        home.refresh_language()  # redrawn without leaving: not counted again
        await pilot.pause()
        assert "0 questions are due" in mode_help()
        app.push_screen(Screen())
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert "2 questions are due" in mode_help()
