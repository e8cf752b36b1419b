"""Every dialog: Enter (and Escape) pick the choice that loses nothing.

Mid-exam, with an answer given, each dialog is opened the way a student opens it and answered
with Enter, then with Escape; afterwards the exam must be exactly as it was. The resume prompt
of the next start must resume, and the profile dialog must keep the profile in use.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Label

from quizapp import i18n
from quizapp.core.model import Kind
from quizapp.ui.commands import QuizCommandPalette
from quizapp.ui.dialogs import ConfirmDialog, HelpDialog, LanguagePicker, TooSmallScreen
from quizapp.ui.profiles import ProfileDialog
from quizapp.ui.screens.quiz import QuizRunScreen
from tests.ui.helpers import answer_current, build_app, open_quiz, quiz_screen, wait_for_home

Opener = Callable[[Pilot[None]], Awaitable[None]]


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def open_leave(pilot: Pilot[None]) -> None:
    await press(pilot, "escape")


async def open_submit(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+s")


async def open_quit(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+q")


async def open_help(pilot: Pilot[None]) -> None:
    await press(pilot, "f1")


async def open_language(pilot: Pilot[None]) -> None:
    await press(pilot, "f2")


async def open_palette(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+p")
    await pilot.pause(0.2)


async def open_too_small(pilot: Pilot[None]) -> None:
    await pilot.resize_terminal(40, 10)
    await pilot.pause()


DIALOGS: dict[str, tuple[Opener, type[Screen[object]]]] = {
    "leave": (open_leave, ConfirmDialog),
    "submit": (open_submit, ConfirmDialog),
    "quit": (open_quit, ConfirmDialog),
    "help": (open_help, HelpDialog),
    "language": (open_language, LanguagePicker),
    "palette": (open_palette, QuizCommandPalette),
    "too-small": (open_too_small, TooSmallScreen),
}


@pytest.mark.parametrize("key", ["enter", "escape"])
@pytest.mark.parametrize("name", list(DIALOGS))
async def test_enter_and_escape_on_every_dialog_lose_nothing(name: str, key: str) -> None:
    opener, dialog_type = DIALOGS[name]
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "exam", Kind.CHOICE)
        session = screen.session
        await answer_current(pilot, right=True)  # chosen, saved, and on to the next question
        answers, current = dict(session.answers), session.current
        assert answers
        await opener(pilot)
        dialog = app.screen
        assert isinstance(dialog, dialog_type), (name, dialog)
        await press(pilot, key)
        await pilot.pause(0.2)
        if name == "too-small":
            await pilot.resize_terminal(100, 40)
            await pilot.pause()
        for _ in range(3):
            # A command that would leave the exam (the palette's first, "New quiz") asks first,
            # and that dialog's default is to stay.
            if not isinstance(app.screen, ConfirmDialog) or dialog_type is ConfirmDialog:
                break
            await press(pilot, key)
        # Still in the same exam, at the same question, with the same answers; the app runs on.
        assert app.is_running and app.return_code is None, name
        assert not session.finished, name
        assert app.screen is screen or app.screen is dialog, (name, app.screen)
        assert session.answers == answers and session.current == current, name
        assert i18n.get_language() == "en", name


async def test_the_default_of_each_confirm_dialog_is_named_on_its_focused_button() -> None:
    # What the focused button says is what Enter does: Stay, Go back, Stay.
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, "exam", Kind.CHOICE)
        for opener, label in ((open_leave, "Stay"), (open_submit, "Go back"), (open_quit, "Stay")):
            await opener(pilot)
            focused = app.focused
            assert focused is not None and str(getattr(focused, "label", "")) == label
            await press(pilot, "enter")
            assert isinstance(app.screen, QuizRunScreen)


async def test_the_arrows_move_between_a_confirm_dialogs_buttons() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "exam", Kind.CHOICE)
        await open_submit(pilot)
        await press(pilot, "left")
        assert str(getattr(app.focused, "label", "")) == "Submit"
        await press(pilot, "right")
        assert str(getattr(app.focused, "label", "")) == "Go back"
        await press(pilot, "left", "enter")
        await pilot.pause(0.2)
        assert screen.session.finished


@pytest.mark.parametrize("key", ["enter", "escape"])
async def test_enter_or_escape_on_the_resume_prompt_resumes(key: str) -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice")
        for _ in range(3):
            await answer_current(pilot, right=True)
            await press(pilot, "ctrl+n")
        saved = dict(screen.session.answers)
    # The app is gone with the quiz unfinished; the next start offers to resume it.
    app = build_app(seed=99)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "3 answers were saved." in str(dialog.query_one("#details", Label).render())
        await press(pilot, key)
        await pilot.pause()
        assert quiz_screen(pilot).session.answers == saved


async def test_enter_on_the_profile_dialog_keeps_the_profile_in_use() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        app.action_switch_profile()  # F3 on the home screen
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        await press(pilot, "enter")
        await pilot.pause()
        assert app.profile_name == "test-student"
        assert not isinstance(app.screen, ProfileDialog)


async def test_enter_on_a_first_start_profile_dialog_with_no_name_asks_for_one() -> None:
    from quizapp.ui.app import make_app

    app = make_app(extra_paths=[], language="en", include_bundled=False)
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, ProfileDialog):
                break
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        await press(pilot, "enter")
        assert app.screen is dialog
        assert "Type a name first." in str(dialog.query_one("#error", Label).render())
