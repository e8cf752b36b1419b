"""Keys that come fast are all taken: a burst (a fast typist, ``tmux send-keys`` with several keys)
queues every key before the app has handled the first, which once ticked nothing on a multi
question although the highlight moved.

Each case presses one burst on one kind's widget and checks that every key took effect: the
answer recorded is exactly what the keys say, and in practice the final Enter checked it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from quizapp.core.model import Kind
from quizapp.core.session import Presentation
from tests.ui.helpers import build_app, burst, open_quiz

#: For each kind: the keys of one burst, and the answer they give (from the shuffled presentation).
Case = tuple[tuple[str, ...], Callable[[Presentation], Any]]
CASES: dict[str, Case] = {
    # Arrows move the highlight; Enter chooses the highlighted option.
    "choice-arrows": (("down", "down", "enter"), lambda p: p.order[2]),
    # A digit chooses an option without checking; the last digit counts; Enter checks it.
    "choice-digits": (("3", "1", "enter"), lambda p: p.order[0]),
    "truefalse": (("2", "enter"), lambda p: False),
    "multi-space": (("space", "down", "down", "space", "enter"), lambda p: sorted([p.order[0], p.order[2]])),
    "multi-digits": (("1", "3", "2", "2", "enter"), lambda p: sorted([p.order[0], p.order[2]])),
    # The highlighted item travels down twice: the first item ends up last.
    "order": (("shift+down", "shift+down", "enter"), lambda p: [p.order[1], p.order[2], p.order[0]]),
    # Each list opens on the blank prompt: option k of the display order is k+1 steps down.
    "match": (
        ("enter", "down", "down", "enter", "tab", "enter", "down", "enter", "ctrl+s"),
        lambda p: [p.order[1], p.order[0]],
    ),
    # ↓ opens a list on its first option; ↓ again moves on.
    "match-arrows": (
        ("down", "enter", "tab", "down", "down", "enter", "ctrl+s"),
        lambda p: [p.order[0], p.order[1]],
    ),
    "text": (("S", "C", "O", "enter"), lambda p: "SCO"),
    "number": (("1", "6", "8", "enter"), lambda p: "168"),
    "date": (("1", "2", ".", "1", "9", "9", "1", "enter"), lambda p: "12.1991"),
}


def kind_of(case: str) -> Kind:
    return Kind(case.split("-")[0])


@pytest.mark.parametrize("case", list(CASES))
async def test_a_burst_in_practice_gives_every_key_and_checks(case: str) -> None:
    keys, expected = CASES[case]
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice", kind_of(case))
        session = screen.session
        question, presentation = session.question, session.presentation
        await burst(pilot, *keys)
        assert session.answers.get(question.id) == expected(presentation), case
        assert session.is_checked(question.id), case


@pytest.mark.parametrize("case", list(CASES))
async def test_a_burst_in_an_exam_records_every_key(case: str) -> None:
    # The same keys save the same answer in an exam (Enter goes on to the next question there;
    # ctrl+s would submit the whole exam, so the match case goes without it).
    keys, expected = CASES[case]
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "exam", kind_of(case))
        session = screen.session
        question, presentation = session.question, session.presentation
        await burst(pilot, *[key for key in keys if key != "ctrl+s"])
        assert session.answers.get(question.id) == expected(presentation), case


async def test_check_then_go_on_in_one_burst() -> None:
    # Enter checks; the next Enter goes on, even while the first is still being handled.
    app = build_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_quiz(pilot, "practice", Kind.MULTI)
        session = screen.session
        start = session.current
        await burst(pilot, "space", "enter", "enter")
        assert session.is_checked(session.questions[start].id)
        assert session.current == start + 1
