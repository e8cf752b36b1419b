"""Scoring rules (documented in the help screen and the README) and quiz sessions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.grading import (
    NOTE_NOT_A_NUMBER,
    NOTE_NOT_PRECISE,
    grade,
    is_answered,
    match_credit,
    order_credit,
)
from quizapp.core.loading import load_bank
from quizapp.core.model import Bank, Kind, Question
from quizapp.core.session import Mode, QuizSession

BANK_FILE = Path(__file__).resolve().parents[1] / "ui" / "data" / "all_kinds.yaml"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK_FILE).bank


def q(bank: Bank, kind: Kind) -> Question:
    return next(question for question in bank.questions if question.kind is kind)


def test_multi_partial_credit_right_minus_wrong_over_right(bank: Bank) -> None:
    multi = q(bank, Kind.MULTI)  # right: ru, cn; wrong: tr
    assert grade(multi, ["ru", "cn"]).credit == 1
    assert grade(multi, ["ru"]).credit == 0.5
    assert grade(multi, ["ru", "tr"]).credit == 0  # (1 - 1) / 2
    assert grade(multi, ["ru", "cn", "tr"]).credit == 0.5
    assert grade(multi, ["tr"]).credit == 0  # never negative
    assert grade(multi, []).credit == 0
    assert grade(multi, ["ru"]).partial and not grade(multi, ["ru"]).correct


def test_order_credit_is_share_in_right_place(bank: Bank) -> None:
    order = q(bank, Kind.ORDER)
    assert grade(order, [0, 1, 2]).credit == 1
    assert grade(order, [0, 2, 1]).credit == pytest.approx(1 / 3)
    assert grade(order, [2, 0, 1]).credit == 0
    assert order_credit(4, [0, 1, 3, 2]) == 0.5


def test_match_credit_is_share_paired_correctly(bank: Bank) -> None:
    match = q(bank, Kind.MATCH)
    assert grade(match, [0, 1]).credit == 1
    assert grade(match, [0, 2]).credit == 0.5  # second paired with the distractor
    assert grade(match, [None, None]).credit == 0
    assert match_credit(3, 4, [0, None, 2]) == pytest.approx(2 / 3)


def test_all_or_nothing_kinds(bank: Bank) -> None:
    assert grade(q(bank, Kind.CHOICE), "a").correct and grade(q(bank, Kind.CHOICE), "b").credit == 0
    assert grade(q(bank, Kind.TRUEFALSE), True).correct and not grade(q(bank, Kind.TRUEFALSE), False).correct
    text = q(bank, Kind.TEXT)
    for typed in ("SCO", "  shanghai cooperation organisation. ", "ŞİÖ", "şiö", "ШЫҰ"):
        assert grade(text, typed).correct, typed
    assert not grade(text, "Shanghai").correct
    number = q(bank, Kind.NUMBER)
    assert grade(number, "168").correct and not grade(number, "167").correct
    assert grade(number, "lots").note == NOTE_NOT_A_NUMBER
    date = q(bank, Kind.DATE)  # 1991-12-16: the full date is needed
    assert grade(date, "16 Aralık 1991").correct
    assert grade(date, "1991").note == NOTE_NOT_PRECISE and grade(date, "1991").credit == 0


def test_points_scale_credit_and_no_answer_earns_nothing(bank: Bank) -> None:
    multi = q(bank, Kind.MULTI)
    result = grade(multi, ["ru"])
    assert (result.points, result.max_points) == (0.5, 1.0)
    for question in bank.questions:
        assert grade(question, None).points == 0
        assert not is_answered(question, None)


@given(st.lists(st.one_of(st.none(), st.integers(-3, 10), st.text(max_size=3)), max_size=10))
def test_credit_always_between_zero_and_one(answer: list[object]) -> None:
    bank = load_bank(BANK_FILE).bank
    for question in bank.questions:
        assert 0 <= grade(question, answer).credit <= 1


def start(bank: Bank, mode: Mode, limit: timedelta | None = None) -> QuizSession:
    return QuizSession.start(
        bank, bank.questions, mode, random.Random(3), NOW, time_limit=limit, shuffle=False
    )


def right_answer(question: Question) -> object:
    return {
        Kind.CHOICE: "a",
        Kind.MULTI: ["ru", "cn"],
        Kind.TRUEFALSE: True,
        Kind.TEXT: "SCO",
        Kind.NUMBER: "168",
        Kind.DATE: "1991-12-16",
        Kind.ORDER: [0, 1, 2],
        Kind.MATCH: [0, 1],
    }[question.kind]


def test_practice_session_checks_at_once_and_keeps_a_streak(bank: Bank) -> None:
    session = start(bank, Mode.PRACTICE)
    for index, question in enumerate(session.questions):
        session.goto(index)
        answer = right_answer(question) if index != 3 else None
        result = session.answer(answer, NOW + timedelta(seconds=index))
        assert result is not None and result.correct == (index != 3)
        assert session.is_checked(question.id)
    assert session.streak == 4 and session.best_streak == 3 + 1
    assert session.points() == 7 and session.max_points() == 8
    # A checked answer is locked.
    session.goto(0)
    assert session.answer("b", NOW).correct
    session.finish(NOW + timedelta(minutes=2))
    assert session.ratio() == 7 / 8
    assert session.elapsed() == timedelta(minutes=2)
    assert [x.id for x in session.wrong_questions()] == [session.questions[3].id]


def test_exam_grades_only_at_the_end_and_allows_changes(bank: Bank) -> None:
    session = start(bank, Mode.EXAM, limit=timedelta(minutes=10))
    assert session.answer("b", NOW) is None and not session.grades
    session.answer("a", NOW)  # changed
    session.goto(1)
    assert session.toggle_flag() and session.flagged == {session.questions[1].id}
    assert len(session.unanswered()) == len(session.questions) - 1
    assert session.time_left(NOW + timedelta(minutes=4)) == timedelta(minutes=6)
    assert session.expired(NOW + timedelta(minutes=10))
    session.finish(NOW + timedelta(minutes=30))
    assert session.finished_at == NOW + timedelta(minutes=10)  # submitted at the deadline
    assert session.points() == 1 and len(session.grades) == len(session.questions)


def test_topic_scores_count_each_topic_of_a_question(bank: Bank) -> None:
    session = start(bank, Mode.PRACTICE)
    for index, question in enumerate(session.questions):
        session.goto(index)
        session.answer(right_answer(question), NOW)
    scores = {s.topic: s for s in session.topic_scores()}
    assert [s.topic for s in session.topic_scores()] == ["alpha", "beta"]
    assert scores["alpha"].questions == 5 and scores["beta"].questions == 4  # multi is in both
    assert scores["alpha"].ratio == 1


def test_session_round_trips_through_its_data(bank: Bank) -> None:
    session = start(bank, Mode.PRACTICE)
    saved = []
    for index in range(3):
        session.goto(index)
        answer = right_answer(session.question) if index else "b"
        session.answer(answer, NOW + timedelta(seconds=index))
        saved.append((session.question.id, answer, NOW + timedelta(seconds=index), None))
    session.goto(3)
    restored = QuizSession.from_data(bank, session.to_data(), saved)
    assert restored.answers == session.answers
    assert restored.points() == session.points() == 2
    assert restored.current == 3 and restored.streak == session.streak == 2
