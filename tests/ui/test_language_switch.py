"""Switching language live, mid-quiz: texts change, answers, score and position do not."""

from __future__ import annotations

from textual.widgets import Input, Label, Static

from quizapp.core.model import Kind
from quizapp.ui.dialogs import LanguagePicker
from tests.ui.helpers import (
    answer_current,
    build_app,
    choose_mode,
    quiz_screen,
    start_quiz,
    type_text,
    wait_for_home,
)


def footer_descriptions(app: object) -> set[str]:
    from textual.app import App

    assert isinstance(app, App)
    return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}


async def switch_with_picker(pilot, code_index: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LanguagePicker)
    await pilot.press("home")
    for _ in range(code_index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_practice_switch_keeps_answers_score_and_position() -> None:
    app = build_app(language="en")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        await answer_current(pilot, right=True)
        await pilot.press("ctrl+n")
        await pilot.pause()
        session = screen.session
        # Find a typed question so we can leave half an answer in the input.
        while session.question.kind not in (Kind.TEXT, Kind.NUMBER, Kind.DATE):
            await answer_current(pilot, right=True)
            await pilot.press("ctrl+n")
            await pilot.pause()
        await type_text(pilot, "Shang")
        position, points, answers = session.current, session.points(), dict(session.answers)
        english_prompt = str(screen.query_one("#prompt", Static).render())
        english_footer = footer_descriptions(app)
        await switch_with_picker(pilot, 2)  # Қазақ тілі
        assert app.screen is screen
        kazakh_prompt = str(screen.query_one("#prompt", Static).render())
        assert kazakh_prompt == session.question.prompt["kk"] != english_prompt
        assert footer_descriptions(app) != english_footer
        assert session.current == position and session.points() == points and session.answers == answers
        assert screen.query_one(Input).value == "Shang"
        await switch_with_picker(pilot, 0)  # Türkçe
        assert str(screen.query_one("#prompt", Static).render()) == session.question.prompt["tr"]
        assert screen.query_one(Input).value == "Shang"
        assert app.settings.language == "tr"


async def test_exam_switch_keeps_answers_flags_and_timer() -> None:
    app = build_app(language="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        await choose_mode(pilot, "exam")
        await pilot.click("#time-limit")
        await pilot.press("9")
        await pilot.press("ctrl+s")
        screen = quiz_screen(pilot)
        session = screen.session
        await answer_current(pilot, right=True)
        if session.current == 0:
            await pilot.press("ctrl+n")
        await pilot.press("ctrl+f")
        await pilot.pause()
        before = (session.current, dict(session.answers), set(session.flagged))
        english_status = str(screen.query_one("#status", Label).render())
        await switch_with_picker(pilot, 2)
        status = str(screen.query_one("#status", Label).render())
        assert status != english_status and "9:00" in status
        assert (session.current, dict(session.answers), set(session.flagged)) == before
        assert str(screen.query_one("#prompt", Static).render()) == session.question.prompt["kk"]
