"""FSRS self-study scheduling with a fixed clock: ratings, intervals, due order, new questions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from quizapp.core.grading import Grade
from quizapp.core.model import Bank
from quizapp.core.review import ReviewPlanner
from quizapp.core.session import Mode, QuizSession
from quizapp.core.store import Store
from tests.core.store_writer import make_bank

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
RIGHT = Grade(1.0, 1.0, 1.0)
HALF = Grade(0.5, 0.5, 1.0)
WRONG = Grade(0.0, 0.0, 1.0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store, _ = Store.open(tmp_path / "data", T0)
    store.get_or_create_profile("Ayşe", T0)
    return store


@pytest.fixture
def bank() -> Bank:
    return make_bank(6)


planner = ReviewPlanner()


@pytest.mark.parametrize(
    ("grade", "duration", "self_rating", "expected"),
    [
        (WRONG, 5.0, None, Rating.Again),
        (None, None, None, Rating.Again),
        (HALF, 5.0, None, Rating.Hard),
        (RIGHT, 4.0, None, Rating.Easy),
        (RIGHT, 10.0, None, Rating.Easy),
        (RIGHT, 10.5, None, Rating.Good),
        (RIGHT, 60.0, None, Rating.Good),
        (RIGHT, 61.0, None, Rating.Hard),
        (RIGHT, None, None, Rating.Good),
        (WRONG, 5.0, "easy", Rating.Easy),
        (RIGHT, 4.0, "Again", Rating.Again),
        (RIGHT, 4.0, "hard", Rating.Hard),
        (HALF, 4.0, "good", Rating.Good),
    ],
)
def test_rating_for(
    grade: Grade | None, duration: float | None, self_rating: str | None, expected: Rating
) -> None:
    assert planner.rating_for(grade, duration, self_rating) is expected


def test_unknown_self_rating_is_refused() -> None:
    with pytest.raises(ValueError):
        planner.rating_for(RIGHT, 1.0, "meh")


@pytest.mark.parametrize(
    ("rating", "interval"),
    [
        (Rating.Again, timedelta(minutes=1)),
        (Rating.Hard, timedelta(minutes=5, seconds=30)),
        (Rating.Good, timedelta(minutes=10)),
        (Rating.Easy, timedelta(days=8)),
    ],
)
def test_first_answer_intervals(store: Store, rating: Rating, interval: timedelta) -> None:
    due = planner.record_review(store, "Ayşe", "demo", "q01", rating, T0)
    assert due == T0 + interval


def test_good_goes_further_than_hard_and_grows_with_each_success(store: Store) -> None:
    hard = planner.record_review(store, "Ayşe", "demo", "q01", Rating.Hard, T0)
    good = planner.record_review(store, "Ayşe", "demo", "q02", Rating.Good, T0)
    assert hard < good
    # q02: Good at its due time (10 min) graduates it to review, due 2 days later; then 11 days.
    second = planner.record_review(store, "Ayşe", "demo", "q02", Rating.Good, good)
    assert second == good + timedelta(days=2)
    third = planner.record_review(store, "Ayşe", "demo", "q02", Rating.Good, second)
    assert third == second + timedelta(days=11)
    # Forgetting it sends it to relearning: due again in 10 minutes.
    lapse_at = third + timedelta(days=1)
    assert planner.record_review(
        store, "Ayşe", "demo", "q02", Rating.Again, lapse_at
    ) == lapse_at + timedelta(minutes=10)
    card = store.card("Ayşe", "demo", "q02")
    assert card is not None
    assert (card.reps, card.state, card.last_rating) == (4, 3, int(Rating.Again))


def test_cards_survive_reopening(tmp_path: Path) -> None:
    store, _ = Store.open(tmp_path / "d", T0)
    store.get_or_create_profile("a", T0)
    due = planner.record_review(store, "a", "demo", "q01", Rating.Good, T0)
    store.close()
    store, _ = Store.open(tmp_path / "d", T0)
    assert planner.record_review(store, "a", "demo", "q01", Rating.Good, due) == due + timedelta(days=2)


def test_due_first_most_overdue_first_then_new_in_bank_order(store: Store, bank: Bank) -> None:
    planner.record_review(store, "Ayşe", "demo", "q04", Rating.Good, T0)  # due 09:10
    planner.record_review(store, "Ayşe", "demo", "q02", Rating.Again, T0)  # due 09:01
    planner.record_review(store, "Ayşe", "demo", "q05", Rating.Easy, T0)  # due in 8 days
    planner.record_review(store, "Ayşe", "demo", "q03", Rating.Hard, T0)  # due 09:05:30

    def ids(now: datetime, limit: int = 20, new_limit: int | None = None) -> list[str]:
        return [q.id for q in planner.due_questions(store, "Ayşe", bank, now, limit, new_limit)]

    assert ids(T0) == ["q01", "q06"]  # nothing due yet: only the new ones
    assert ids(T0 + timedelta(minutes=6)) == ["q02", "q03", "q01", "q06"]
    assert ids(T0 + timedelta(hours=1)) == ["q02", "q03", "q04", "q01", "q06"]
    assert ids(T0 + timedelta(hours=1), limit=2) == ["q02", "q03"]
    assert ids(T0 + timedelta(hours=1), new_limit=1) == ["q02", "q03", "q04", "q01"]
    assert ids(T0 + timedelta(days=9)) == ["q02", "q03", "q04", "q05", "q01", "q06"]
    assert planner.due_count(store, "Ayşe", bank, T0) == 0
    assert planner.due_count(store, "Ayşe", bank, T0 + timedelta(minutes=6)) == 2
    assert planner.due_count(store, "Ayşe", bank, T0 + timedelta(days=9)) == 4
    assert planner.new_count(store, "Ayşe", bank) == 2
    # Another profile's cards are its own.
    store.get_or_create_profile("Bob", T0)
    assert [q.id for q in planner.due_questions(store, "Bob", bank, T0, 3)] == ["q01", "q02", "q03"]


def test_questions_answered_in_any_mode_are_not_new(store: Store, bank: Bank) -> None:
    session = QuizSession.start(bank, bank.questions, Mode.PRACTICE, random.Random(1), T0, shuffle=False)
    attempt_id = store.start_attempt("Ayşe", session)
    session.answer(True, T0 + timedelta(seconds=5), shown_at=T0)
    store.save_answer(attempt_id, session, "q01", T0 + timedelta(seconds=5))
    assert [q.id for q in planner.new_questions(store, "Ayşe", bank)] == ["q02", "q03", "q04", "q05", "q06"]


def test_exam_answers_become_cards_at_submission(store: Store, bank: Bank) -> None:
    session = QuizSession.start(bank, bank.questions, Mode.EXAM, random.Random(1), T0, shuffle=False)
    attempt_id = store.start_attempt("Ayşe", session)
    # q01 is true (1 % 3), q02 true, q03 false: answer q01 right quickly, q02 wrong, q03 right slowly.
    for index, (answer, seconds) in enumerate([(True, 5), (False, 20), (False, 90)]):
        session.goto(index)
        session.answer(
            answer,
            T0 + timedelta(seconds=100 * index + seconds),
            shown_at=T0 + timedelta(seconds=100 * index),
        )
    session.finish(T0 + timedelta(minutes=10))
    store.finish_attempt(attempt_id, session, T0 + timedelta(minutes=10))
    due = planner.record_session(store, "Ayşe", session, attempt_id)
    assert due == {
        "q01": T0 + timedelta(seconds=5) + timedelta(days=8),  # Easy
        "q02": T0 + timedelta(seconds=120) + timedelta(minutes=1),  # Again
        "q03": T0 + timedelta(seconds=290) + timedelta(minutes=5, seconds=30),  # Hard
    }
    assert {c.question_id for c in store.cards("Ayşe", "demo")} == {"q01", "q02", "q03"}
    log = store._conn.execute("SELECT question_id, rating, attempt_id FROM reviews ORDER BY id").fetchall()
    assert log == [("q01", 4, attempt_id), ("q02", 1, attempt_id), ("q03", 2, attempt_id)]


def test_preview_gives_the_due_time_of_each_rating(store: Store) -> None:
    preview = planner.preview(store, "Ayşe", "demo", "q01", T0)
    assert preview == {
        Rating.Again: T0 + timedelta(minutes=1),
        Rating.Hard: T0 + timedelta(minutes=5, seconds=30),
        Rating.Good: T0 + timedelta(minutes=10),
        Rating.Easy: T0 + timedelta(days=8),
    }
    assert store.card("Ayşe", "demo", "q01") is None  # previewing stores nothing


def test_clock_set_back_does_not_confuse_the_scheduler(store: Store) -> None:
    due = planner.record_review(store, "Ayşe", "demo", "q01", Rating.Good, T0)
    earlier = T0 - timedelta(hours=1)
    assert planner.record_review(store, "Ayşe", "demo", "q01", Rating.Good, earlier) >= due
