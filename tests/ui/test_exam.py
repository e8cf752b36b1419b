"""A full exam with every kind: no feedback until the end, navigation, flags, confirm, time limit."""

from __future__ import annotations

from textual.widgets import Input, Label, Static

from quizapp.core.model import Kind
from quizapp.ui.dialogs import ConfirmDialog
from quizapp.ui.screens.results import ResultsScreen
from tests.ui.helpers import answer_current, build_app, choose_mode, quiz_screen, start_quiz, wait_for_home


async def test_full_exam_every_kind_with_navigation_flags_and_confirm() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "exam")
        session = screen.session
        kinds = set()
        wrong_ids = set()
        for index in range(session.total):
            assert session.current == index
            question = session.question
            kinds.add(question.kind)
            right = question.kind not in (Kind.TRUEFALSE, Kind.NUMBER)
            if not right:
                wrong_ids.add(question.id)
            if index == 2:
                await pilot.press("ctrl+f")
                await pilot.pause()
            await answer_current(pilot, right=right)
            # No feedback in an exam.
            assert not screen.query_one("#feedback", Static).display
            if session.current == index:  # kinds whose Enter does not move on
                await pilot.press("ctrl+n")
                await pilot.pause()
        assert kinds == set(Kind)
        assert session.flagged == {session.questions[2].id}
        assert len(session.answers) == 8 and not session.grades
        # Go back and change the number answer to the right one.
        number_index = next(i for i, q in enumerate(session.questions) if q.kind is Kind.NUMBER)
        for _ in range(session.total):
            if session.current == number_index:
                break
            # ctrl+← belongs to a text field while it has focus, so use the button as a user would.
            await pilot.click("#previous")
            await pilot.pause()
        field = screen.query_one(Input)
        assert field.value == "1"
        field.value = ""
        field.focus()
        await pilot.press("1", "6", "8")
        await pilot.pause()
        assert session.answers[session.question.id] == "168"
        wrong_ids.discard(session.question.id)
        status = str(screen.query_one("#status", Label).render())
        assert "8 answered" in status and "1 flagged" in status
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Unanswered: 0. Flagged: 1." in str(dialog.query_one("#details", Label).render())
        await pilot.click("#yes")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.session.points() == 7
        assert "7 of 8 points (88%)" in str(results.query_one("#headline", Label).render())
        assert {q.id for q in results.session.wrong_questions()} == wrong_ids


async def test_exam_cancel_confirm_keeps_the_exam_and_time_limit_submits() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        await choose_mode(pilot, "exam")
        await pilot.click("#time-limit")
        await pilot.press("5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = quiz_screen(pilot)
        assert "Time left 5:00" in str(screen.query_one("#status", Label).render())
        await answer_current(pilot, right=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.session.finished
        # Time runs out (the clock is injected): the next tick submits the exam.
        from datetime import timedelta

        from tests.ui.helpers import FIXED_NOW

        app.clock = lambda: FIXED_NOW + timedelta(minutes=6)
        screen._tick()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.session.finished_at == FIXED_NOW + timedelta(minutes=5)
        assert results.session.points() == 1
