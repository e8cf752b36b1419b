"""A typo is not a wrong answer: text that is not a number (or not a date) is refused next to the
entry, and the question stays open: no grade, no streak lost, nothing saved."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from quizapp.core.model import Kind
from quizapp.core.session import unreadable
from quizapp.ui.dialogs import ConfirmDialog
from quizapp.ui.screens.results import ResultsScreen
from quizapp.ui.widgets.answers import TypedAnswer
from tests.ui.helpers import answer_current, build_app, burst, open_quiz, show_kind


def refusal(widget: TypedAnswer) -> str:
    label = widget.query_one(".refusal", Label)
    return str(label.render()) if label.has_class("-shown") else ""


def saved_answers(app: object) -> list[tuple[str, object]]:
    store = app.recorder.store
    return [(row[0], row[1]) for row in store._query("SELECT question_id, answer_json FROM answers")]


@pytest.mark.parametrize(
    ("kind", "typo", "says", "fixed"),
    [
        (Kind.NUMBER, "abc", "“abc” is not a number. Type digits, e.g. 12 or 2.5.", "168"),
        (Kind.DATE, "next year", "“next year” is not a date. Type a full date", "16.12.1991"),
    ],
)
@pytest.mark.parametrize("check_key", ["enter", "ctrl+s"])
async def test_practice_refuses_a_typo_and_keeps_the_question_open(
    kind: Kind, typo: str, says: str, fixed: str, check_key: str
) -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice", Kind.CHOICE)
        session = screen.session
        await answer_current(pilot, right=True)  # a streak to lose
        assert session.streak == 1
        widget = await show_kind(pilot, kind)
        assert isinstance(widget, TypedAnswer)
        question = session.question
        await burst(pilot, *typo, check_key)
        assert says in refusal(widget)
        assert not session.is_checked(question.id) and question.id not in session.answers
        assert session.streak == 1
        assert [qid for qid, _ in saved_answers(app)] != [] and question.id not in dict(saved_answers(app))
        assert screen.query_one(Input).value == typo  # what was typed stays, to be corrected
        # Correcting it takes the hint away and checks as usual.
        widget.query_one(Input).value = ""
        await burst(pilot, *fixed)
        assert refusal(widget) == ""
        await burst(pilot, "enter")
        assert session.is_checked(question.id) and session.grades[question.id].correct
        assert session.streak == 2


async def test_the_refusal_follows_a_language_switch() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_quiz(pilot, "practice")
        widget = await show_kind(pilot, Kind.NUMBER)
        assert isinstance(widget, TypedAnswer)
        await burst(pilot, "x", "enter")
        app.set_language("tr")
        await pilot.pause()
        assert "sayı değil" in refusal(widget)


async def test_an_exam_saves_no_typo_and_says_so_on_moving_on() -> None:
    """In an exam an entry that cannot be taken leaves the question unanswered: Enter stays on it
    and says why; moving away anyway (ctrl+n, ctrl+←, submit) is allowed, with a warning, and the
    entry is shown again on coming back, so nothing typed is lost and nothing is graded."""
    app = build_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        screen = await open_quiz(pilot, "exam")
        session = screen.session
        widget = await show_kind(pilot, Kind.NUMBER)
        assert isinstance(widget, TypedAnswer)
        question, position = session.question, session.current
        await burst(pilot, "1", "6", "8")
        assert session.answers[question.id] == "168"
        await burst(pilot, "backspace", "backspace", "backspace", "a", "b", "c", "enter")
        assert session.current == position
        assert "“abc” is not a number." in refusal(widget)
        assert session.answers[question.id] is None and position in session.unanswered()
        await burst(pilot, "ctrl+n")
        assert session.current == position + 1
        toasts = [toast.message for toast in app._notifications]
        assert f"Question {position + 1} is left unanswered: “abc” is not a number." in toasts
        # Back on it: the entry as typed, with the reason.
        screen.session.goto(position)
        screen.show_question()
        await pilot.pause()
        await pilot.pause()
        widget = screen.query_one(TypedAnswer)
        assert widget.query_one(Input).value == "abc"
        assert "is not a number" in refusal(widget)
        # Submitting: it counts as unanswered, and is graded as no answer, not as a wrong one.
        await burst(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Unanswered: 8." in str(dialog.query_one("#details", Label).render())
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert session.grades[question.id].note is None and session.grades[question.id].points == 0


@pytest.mark.parametrize(
    ("kind", "text", "refused"),
    [
        (Kind.NUMBER, "168", False),
        (Kind.NUMBER, "1.234,5", False),
        (Kind.NUMBER, "about 12 km", False),
        (Kind.NUMBER, "abc", True),
        (Kind.NUMBER, "12 or 13", True),
        (Kind.NUMBER, "   ", False),
        (Kind.DATE, "1991", False),
        (Kind.DATE, "16 Aralık 1991", False),
        (Kind.DATE, "yesterday", True),
        (Kind.TEXT, "anything at all", False),
    ],
)
def test_what_cannot_be_taken(kind: Kind, text: str, refused: bool) -> None:
    from quizapp.core.loading import load_bank
    from tests.ui.helpers import ALL_KINDS

    bank = load_bank(ALL_KINDS).bank
    question = next(q for q in bank.questions if q.kind is kind)
    assert (unreadable(question, text) is not None) is refused
