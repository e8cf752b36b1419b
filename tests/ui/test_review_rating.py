"""After a self-rating (F5–F8), "Next review" shows the interval the rating gave, the same as its
toast and the stored card, also after time has passed and in a resumed review."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from textual.widgets import Static

from quizapp.i18n import format_relative
from quizapp.ui.app import QuizApp
from tests.ui.helpers import FIXED_NOW, answer_current, build_app, open_quiz, quiz_screen, wait_for_home


def shown_interval(app: QuizApp) -> str:
    """The interval in the feedback's "Next review: …" line."""
    feedback = str(app.screen.query_one("#feedback", Static).render())
    match = re.search(r"Next review: (.+?)(?: · |\n|$)", feedback)
    assert match, feedback
    return match.group(1)


def stored_interval(app: QuizApp, question_id: str, now: datetime) -> str:
    record = app.recorder.store.card("test-student", "ui-test", question_id)
    assert record is not None
    return format_relative(record.due - now)


@pytest.mark.parametrize("right", [True, False])
async def test_easy_after_an_answer_shows_the_new_interval(right: bool) -> None:
    app = build_app()
    clock = [FIXED_NOW]
    app.clock = lambda: clock[0]
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        screen = await open_quiz(pilot, "review")
        question_id = screen.session.question.id
        clock[0] += timedelta(seconds=20)  # a slow answer: rated Hard (right) or Again (wrong)
        await answer_current(pilot, right=right)
        before = shown_interval(app)
        assert before == stored_interval(app, question_id, clock[0])
        clock[0] += timedelta(seconds=30)  # time to think about the rating
        for key, name in (("f8", "Easy"), ("f5", "Again"), ("f8", "Easy")):
            await pilot.press(key)
            await pilot.pause()
            after = shown_interval(app)
            assert after == stored_interval(app, question_id, clock[0]), key
            toasts = [toast.message for toast in app._notifications]
            assert toasts[-1] == f"Rated {name}: next review {after}.", key
        assert after != before  # Easy gives a longer interval than the automatic rating did


async def test_easy_in_a_resumed_review_shows_the_new_interval() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "review")
        question_id = screen.session.question.id
        await answer_current(pilot, right=False)
        before = shown_interval(app)
    app = build_app(seed=99)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert quiz_screen(pilot).session.question.id == question_id
        assert shown_interval(app) == before
        await pilot.press("f8")
        await pilot.pause()
        after = shown_interval(app)
        assert after == stored_interval(app, question_id, FIXED_NOW) != before
