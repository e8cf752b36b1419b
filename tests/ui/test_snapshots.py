"""Snapshots of key screens at 80×24 (regenerate with `make snapshots` after intended changes)."""

from __future__ import annotations

from typing import Any

import pytest

from quizapp.core.model import Kind
from tests.ui.helpers import (
    DATA,
    answer_current,
    build_app,
    burst,
    choose_mode,
    open_quiz,
    open_setup,
    start_quiz,
    wait_for_home,
)

SIZE = (80, 24)


async def settle(pilot: Any) -> None:
    """Park the mouse on the header (no hover effects) and let focus and layout settle."""
    if pilot.app.screen.query("Header"):
        await pilot.hover("Header", offset=(30, 0))  # the title: no tooltip (the icon has one)
    else:
        await pilot.hover(offset=(30, 0))  # a dialog: the dimmed screen behind it
    for _ in range(20):
        await pilot.pause()
        if pilot.app.screen.focused is not None:
            break
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_home_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


def kk_home_app() -> Any:
    """Kazakh (the longest language), two banks, a remembered exam on the one with long topic names."""
    from tests.ui.test_home import EXAM, remember, two_bank_app

    app = two_bank_app("kk")
    remember(app, EXAM)
    return app


def test_home_screen_kk(snap_compare: Any) -> None:
    """The light first screen: what Start runs (bank, topics, difficulty, count, exam, time limit)."""

    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await settle(pilot)

    assert snap_compare(kk_home_app(), terminal_size=SIZE, run_before=run_before)


def test_setup_form_kk(snap_compare: Any) -> None:
    """The full set-up form (F5): long topic names wrap and keep their counts."""

    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await open_setup(pilot)
        await settle(pilot)

    assert snap_compare(kk_home_app(), terminal_size=SIZE, run_before=run_before)


def test_profile_dialog_kk(snap_compare: Any) -> None:
    """Who is studying? on a data dir's first start, in Kazakh: the hint wraps, nothing is cut."""
    from tests.ui.test_home import two_bank_app

    async def run_before(pilot: Any) -> None:
        from quizapp.ui.profiles import ProfileDialog

        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(pilot.app.screen, ProfileDialog) and pilot.app.screen.focused is not None:
                break
        await pilot.hover(offset=(0, 0))  # the top-left corner, outside the dialog: no hover effect
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(two_bank_app("kk", profile=None), terminal_size=SIZE, run_before=run_before)


def test_quiz_question_and_feedback(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await choose_mode(pilot, "practice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await answer_current(pilot, right=False)
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


def test_results_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await choose_mode(pilot, "practice")
        await pilot.press("ctrl+s")
        for index in range(8):
            await answer_current(pilot, right=index % 3 != 0)
            await pilot.press("ctrl+n")
            await pilot.pause()
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_question_of_each_kind(snap_compare: Any, kind: str) -> None:
    async def run_before(pilot: Any) -> None:
        screen = await start_quiz(pilot, "exam")
        index = next(i for i, q in enumerate(screen.session.questions) if q.kind.value == kind)
        screen.session.goto(index)
        screen.show_question()
        for _ in range(50):
            await pilot.pause()
            widget = screen._answer_widget
            if widget is not None and widget.is_mounted and widget.children:
                break
        assert screen.session.question.kind.value == kind
        await settle(pilot)

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


# -- Kazakh (the longest language) at 80×24: nothing cut mid-word --------------------------------
# Over a bank of long texts, opened straight away (not through the home screen's form).

LONG = DATA / "long_texts.yaml"


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_kazakh_exam_question_of_each_kind(snap_compare: Any, kind: str) -> None:
    async def run_before(pilot: Any) -> None:
        await open_quiz(pilot, "exam", Kind(kind))
        await settle(pilot)

    assert snap_compare(build_app(LONG, language="kk"), terminal_size=SIZE, run_before=run_before)


def test_kazakh_multi_after_feedback(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await open_quiz(pilot, "practice", Kind.MULTI)
        await burst(pilot, "1", "2", "4", "enter")
        await settle(pilot)
        await pilot.press("pageup")  # the options, with their marks
        await pilot.pause()

    assert snap_compare(build_app(LONG, language="kk"), terminal_size=SIZE, run_before=run_before)


async def _open_resume_prompt(pilot: Any) -> None:
    # The home screen's prompt after a crash, drawn over a quiz: the same dialog and texts.
    from quizapp.i18n import N_, N_plural
    from quizapp.ui.dialogs import ConfirmDialog

    pilot.app.push_screen(
        ConfirmDialog(
            N_("Resume your unfinished quiz?"),
            (*N_plural("{answered} answer was saved.", "{answered} answers were saved."), "answered"),
            yes=N_("Resume"),
            no=N_("Discard"),
            safe=True,
            answered=3,
        )
    )


KAZAKH_DIALOGS = {
    "leave": ("escape",),
    "submit": ("ctrl+s",),
    "quit": ("ctrl+q",),
    "help": ("f1",),
    "language": ("f2",),
    "resume": (),
}


@pytest.mark.parametrize("dialog", list(KAZAKH_DIALOGS))
def test_kazakh_dialog(snap_compare: Any, dialog: str) -> None:
    async def run_before(pilot: Any) -> None:
        await open_quiz(pilot, "exam", Kind.CHOICE)
        if dialog == "resume":
            await _open_resume_prompt(pilot)
        else:
            await pilot.press(*KAZAKH_DIALOGS[dialog])
        await pilot.pause()
        await settle(pilot)

    assert snap_compare(build_app(LONG, language="kk"), terminal_size=SIZE, run_before=run_before)
