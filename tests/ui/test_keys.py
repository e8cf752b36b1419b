"""Keys do the same on every kind, and the hints, the help and the key bar say what they do.

Digits choose option N (ticking or unticking it on multi questions) and never check; Enter
checks in practice and review, and goes on in an exam; the hint over each question says so for
its kind and mode (an exam's hint never says that ctrl+s checks: there it submits the exam).
"""

from __future__ import annotations

import pytest
from textual.widgets import Label

from quizapp.core.model import Kind
from quizapp.ui.dialogs import help_markdown
from quizapp.ui.widgets.answers import AnswerWidget
from tests.ui.helpers import build_app, burst, open_quiz, screen_text, show_kind

OPTION_KINDS = [Kind.CHOICE, Kind.TRUEFALSE, Kind.MULTI]


def hint(widget: AnswerWidget) -> str:
    return str(widget.query_one(".hint", Label).render())


@pytest.mark.parametrize("mode", ["practice", "review", "exam"])
@pytest.mark.parametrize("kind", OPTION_KINDS)
async def test_a_digit_chooses_without_checking_or_moving_on(kind: Kind, mode: str) -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, mode, kind)
        session = screen.session
        question, position = session.question, session.current
        await burst(pilot, "2")
        assert session.current == position
        assert not session.is_checked(question.id)
        widget = screen._answer_widget
        assert widget is not None
        second = session.presentation.order[1] if kind is not Kind.TRUEFALSE else False
        assert widget.answer == ([second] if kind is Kind.MULTI else second)
        if mode == "exam":
            assert session.answers[question.id] == widget.answer  # saved as it is chosen
        await burst(pilot, "2")  # again: the same choice (multi: unticked)
        assert widget.answer == ([] if kind is Kind.MULTI else second)
        await burst(pilot, "9")  # no such option: nothing happens
        assert session.current == position and not session.is_checked(question.id)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("mode", ["practice", "review", "exam"])
async def test_the_hint_says_what_finishes_the_answer_in_this_mode(kind: Kind, mode: str) -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, mode, kind)
        widget = await show_kind(pilot, kind)
        text = hint(widget)
        last = screen.session.current == screen.session.total - 1
        if mode == "exam":
            assert "checks" not in text
            finish = (
                "ctrl+n goes to the next question."
                if kind is Kind.MATCH
                else "Enter goes to the next question."
            )
            if last:
                finish = "Submit the exam with ctrl+s when you are done."
        else:
            finish = "ctrl+s checks your answer." if kind is Kind.MATCH else "Enter checks your answer."
        assert text.endswith(finish), text
        if kind in OPTION_KINDS:
            assert "1–" in text  # the digits are named


async def test_the_last_exam_question_says_how_to_finish() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "exam")
        screen.session.goto(screen.session.total - 1)
        screen.show_question()
        await pilot.pause()
        await pilot.pause()
        assert hint(screen.query_one(AnswerWidget)).endswith("Submit the exam with ctrl+s when you are done.")


async def test_after_checking_the_hint_says_enter_goes_on() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice", Kind.MULTI)
        await burst(pilot, "1", "enter")
        assert screen.session.is_checked(screen.session.question.id)
        widget = screen._answer_widget
        assert widget is not None
        assert hint(widget).endswith("Enter goes to the next question.")


def test_the_readme_keys_table_is_the_help_table() -> None:
    from pathlib import Path

    from quizapp.ui.dialogs import key_rows

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Every key (the help, F1)", 1)[1].split("\n###", 1)[0]
    rows = [
        tuple(cell.strip() for cell in line.strip().strip("|").split(" | "))
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Key |")
    ]
    assert rows == key_rows()


def test_help_says_what_digits_space_and_enter_do() -> None:
    text = help_markdown()
    assert "| 1–8 | Choose option 1 to 8 (several answers: tick or untick it); this does not check |" in text
    assert "| Enter | Check the answer (practice, review) or go to the next question (exam); " in text


async def test_the_key_bar_names_what_ctrl_s_does_in_each_mode() -> None:
    for mode, says in (("practice", "^s Check"), ("exam", "^s Submit")):
        app = build_app()
        async with app.run_test(size=(100, 40)) as pilot:
            await open_quiz(pilot, mode, Kind.CHOICE)
            assert says in screen_text(app)


@pytest.mark.parametrize("language", ["en", "tr", "kk"])
@pytest.mark.parametrize("mode", ["practice", "review", "exam"])
async def test_at_80_columns_the_quiz_bar_keeps_every_quiz_key_help_and_language(
    language: str, mode: str
) -> None:
    """Quit (Escape leaves as well) and the palette key give way first, never Help or Language."""
    from quizapp.ui.widgets.keybar import KeyBar

    app = build_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot, mode, Kind.MULTI)
        screen.session.goto(2)  # not the first question: Previous is on in an exam
        screen.show_question()
        widget = await show_kind(pilot, Kind.MULTI)
        for checked in (False, True):
            if checked:
                if mode == "exam":
                    break
                await burst(pilot, "1", "enter")  # review: F5–F8 join the bar
                assert widget.locked
            bar = app.screen.query_one(KeyBar)
            keys, _palette = bar.entries()
            drawn = [entry.key for _s, _e, entry in bar._spans]
            wanted = [entry.key for entry in keys if entry.key not in ("ctrl+q", "ctrl+p")]
            assert [key for key in drawn if key in wanted] == wanted, (drawn, wanted)
            assert "f1" in drawn and "f2" in drawn


async def test_ctrl_arrows_move_between_exam_questions_from_a_text_entry_too() -> None:
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "exam")
        await show_kind(pilot, Kind.NUMBER)
        position = screen.session.current
        assert 0 < position < screen.session.total - 1
        await burst(pilot, "1", "ctrl+left")
        assert screen.session.current == position - 1
        assert screen.session.answers[screen.session.questions[position].id] == "1"
        await burst(pilot, "ctrl+right")
        assert screen.session.current == position
        # Practice: nothing to move to before the answer is checked, so the entry keeps the keys.
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice")
        widget = await show_kind(pilot, Kind.TEXT)
        position = screen.session.current
        await burst(pilot, "a", " ", "b", "ctrl+left", "x")
        assert screen.session.current == position
        assert widget.answer == "a xb"
