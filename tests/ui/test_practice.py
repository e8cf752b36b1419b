"""A full practice quiz with every kind of question, driven with keys through the real app."""

from __future__ import annotations

from textual.widgets import Label, Static

from quizapp.core.model import Kind
from quizapp.ui.screens.results import ResultsScreen
from tests.ui.helpers import answer_current, build_app, quiz_screen, start_quiz


async def test_full_practice_quiz_every_kind_all_right() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        assert screen.session.total == 8
        kinds_seen = set()
        for number in range(1, 9):
            question = screen.session.question
            kinds_seen.add(question.kind)
            await answer_current(pilot, right=True)
            # Feedback is shown at once, with the explanation.
            feedback = screen.query_one("#feedback", Static)
            assert feedback.display, question.id
            rendered = str(feedback.render())
            assert "Right!" in rendered, (question.id, rendered)
            assert question.explanation["en"] in rendered
            assert "Source: Document — Part one" in rendered
            assert f"Score {number} of {number}" in str(screen.query_one("#status", Label).render())
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert kinds_seen == set(Kind)
        assert isinstance(app.screen, ResultsScreen)
        headline = str(app.screen.query_one("#headline", Label).render())
        assert headline == "Your score: 8 of 8 points (100%)"
        assert app.screen.session.best_streak == 8


async def test_practice_wrong_answers_show_the_right_one_and_retry_offers_them() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        for _ in range(8):
            question = screen.session.question
            await answer_current(pilot, right=False)
            rendered = str(screen.query_one("#feedback", Static).render())
            assert "Right!" not in rendered, question.id
            assert "The answer:" in rendered or "Partly right" in rendered, (question.id, rendered)
            assert str(screen.query_one("#status", Label).render()).endswith("Streak 0")
            await pilot.press("ctrl+n")
            await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        session = results.session
        assert session.points() == 0
        assert "0 of 8 points" in str(results.query_one("#headline", Label).render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        retry = quiz_screen(pilot)
        assert {q.id for q in retry.session.questions} == {q.id for q in session.questions}
