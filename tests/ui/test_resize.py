"""Resizing never crashes; below the usable size the app says so and keeps the student's place."""

from __future__ import annotations

from quizapp.ui.dialogs import TooSmallScreen
from tests.ui.helpers import (
    answer_current,
    build_app,
    start_quiz,
    type_text,
)


async def test_resizing_mid_quiz_keeps_state_and_warns_when_too_small() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        await answer_current(pilot, right=True)
        answers = dict(screen.session.answers)
        for width, height in [(80, 24), (40, 10), (1, 1), (200, 60), (59, 30), (60, 18), (20, 5), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            too_small = isinstance(app.screen, TooSmallScreen)
            assert too_small == (width < 60 or height < 18), (width, height)
            if too_small:
                from textual.widgets import Label

                message = str(app.screen.query_one("#message", Label).render())
                assert f"({width}×{height})" in message and "60×18" in message
        assert app.screen is screen
        assert screen.session.answers == answers


async def test_typed_text_survives_a_too_small_terminal() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        from quizapp.core.model import Kind

        while screen.session.question.kind is not Kind.TEXT:
            await answer_current(pilot, right=True)
            await pilot.press("ctrl+n")
            await pilot.pause()
        await type_text(pilot, "Shang")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen
        from textual.widgets import Input

        assert screen.query_one(Input).value == "Shang"
