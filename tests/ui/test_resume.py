"""Progress survives the app being killed: the next start offers to resume where it stopped."""

from __future__ import annotations

from textual.widgets import Label

from quizapp.ui.dialogs import ConfirmDialog
from tests.ui.helpers import answer_current, build_app, quiz_screen, start_quiz, wait_for_home


async def test_half_a_quiz_then_killed_resumes_with_same_answers_and_score() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        for index in range(4):
            await answer_current(pilot, right=index % 2 == 0)
            await pilot.press("ctrl+n")
            await pilot.pause()
        before = screen.session
        saved_answers = dict(before.answers)
        saved_points = before.points()
        position = before.current
        assert len(saved_answers) == 4 and position == 4
    # The app is gone without finishing the quiz or saying goodbye, as after kill -9: every
    # answer was committed in its own transaction when it was given.

    app = build_app(seed=99)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "4 answers were saved." in str(dialog.query_one("#details", Label).render())
        await pilot.click("#yes")
        await pilot.pause()
        resumed = quiz_screen(pilot).session
        assert resumed.answers == saved_answers
        assert resumed.points() == saved_points
        assert resumed.current == position
        assert [q.id for q in resumed.questions] == [q.id for q in before.questions]
        assert "Score 2 of 4" in str(quiz_screen(pilot).query_one("#status", Label).render())
