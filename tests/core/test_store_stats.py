"""Statistics from the store with a fixed clock: mastery, accuracy per day, streak, counts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating

from quizapp.core.model import Bank
from quizapp.core.review import ReviewPlanner
from quizapp.core.session import Mode, QuizSession
from quizapp.core.stats import (
    StudyCounts,
    TopicMastery,
    accuracy_by_day,
    overview,
    streak,
    study_counts,
    topic_mastery,
)
from quizapp.core.store import Store
from tests.core.store_writer import make_bank

#: The student's time zone (Kazakhstan): days begin at 19:00 UTC.
ALMATY = timezone(timedelta(hours=5))
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
planner = ReviewPlanner()


@pytest.fixture
def bank() -> Bank:
    return make_bank(6)  # q01..q06; topic a = odd, b = even; answer = bool(i % 3)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store, _ = Store.open(tmp_path / "data", T0)
    store.get_or_create_profile("Ayşe", T0)
    return store


def practice(store: Store, bank: Bank, answers: list[tuple[str, bool, datetime]]) -> None:
    """One practice attempt answering (question, answer, when) in that order."""
    session = QuizSession.start(
        bank, bank.questions, Mode.PRACTICE, random.Random(0), answers[0][2], shuffle=False
    )
    attempt_id = store.start_attempt("Ayşe", session)
    for qid, value, at in answers:
        session.goto(next(i for i, q in enumerate(session.questions) if q.id == qid))
        session.answer(value, at, shown_at=at - timedelta(seconds=20))
        store.save_answer(attempt_id, session, qid, at)
    store.finish_attempt(attempt_id, session, answers[-1][2])


def test_accuracy_per_local_day_and_streak(store: Store, bank: Bank) -> None:
    day = timedelta(days=1)
    practice(store, bank, [("q01", True, T0), ("q02", False, T0 + timedelta(minutes=1))])  # 1 Mar: 1/2
    # 22:30 UTC on 1 March is already 2 March in Almaty.
    practice(store, bank, [("q03", False, T0 + timedelta(hours=13, minutes=30))])  # 2 Mar (local): right
    practice(store, bank, [("q04", True, T0 + 3 * day), ("q05", False, T0 + 3 * day)])  # 4 Mar: 1/2
    practice(store, bank, [("q06", True, T0 + 4 * day)])  # 5 Mar: wrong (q06 is false)

    now = datetime(2025, 3, 5, 20, 0, tzinfo=ALMATY)
    assert accuracy_by_day(store, "Ayşe", now) == [
        (date(2025, 3, 1), 0.5),
        (date(2025, 3, 2), 1.0),
        (date(2025, 3, 4), 0.5),
        (date(2025, 3, 5), 0.0),
    ]
    assert accuracy_by_day(store, "Ayşe", now, days=2) == [(date(2025, 3, 4), 0.5), (date(2025, 3, 5), 0.0)]
    # In UTC the 22:30 answer belongs to 1 March.
    utc_days = accuracy_by_day(store, "Ayşe", datetime(2025, 3, 5, 12, 0, tzinfo=UTC))
    assert utc_days[0] == (date(2025, 3, 1), pytest.approx(2 / 3))

    assert streak(store, "Ayşe", now) == 2  # 4 and 5 March
    assert streak(store, "Ayşe", now + day) == 2  # nothing yet on the 6th: the streak still stands
    assert streak(store, "Ayşe", now + 2 * day) == 0
    assert streak(store, "Ayşe", datetime(2025, 3, 2, 12, 0, tzinfo=ALMATY)) == 2  # 1 and 2 March
    assert streak(store, "Ayşe", datetime(2025, 3, 3, 12, 0, tzinfo=ALMATY)) == 2
    assert streak(store, "Ayşe", datetime(2025, 3, 2, 12, 0, tzinfo=UTC)) == 1  # in UTC only 1 March
    assert streak(store, "Ayşe", datetime(2025, 3, 3, 12, 0, tzinfo=UTC)) == 0


def test_mastery_counts_and_overview(store: Store, bank: Bank) -> None:
    practice(store, bank, [("q01", True, T0), ("q02", True, T0), ("q03", True, T0), ("q04", True, T0)])
    # q01: Good at each due time → stability ≈ 11 days: mastered.
    due = T0
    for _ in range(3):
        due = planner.record_review(store, "Ayşe", "demo", "q01", Rating.Good, due)
    # q02: Easy twice → mastered. q03: Easy once (stability 8.3) → not yet.
    due2 = planner.record_review(store, "Ayşe", "demo", "q02", Rating.Easy, T0)
    planner.record_review(store, "Ayşe", "demo", "q02", Rating.Easy, due2)
    planner.record_review(store, "Ayşe", "demo", "q03", Rating.Easy, T0)
    # q04 was answered but never reviewed: seen, no card.

    assert topic_mastery(store, "Ayşe", bank) == [
        TopicMastery("a", questions=3, seen=2, mastered=1),
        TopicMastery("b", questions=3, seen=2, mastered=1),
    ]
    now = T0 + timedelta(days=30)
    counts = study_counts(store, "Ayşe", bank, now)
    assert counts == StudyCounts(questions=6, seen=4, mastered=2, due=2, new=2)  # q03 due; q01 due after 11 d
    full = overview(store, "Ayşe", bank, now)
    assert full.counts == counts
    assert [h.state for h in full.history] == ["finished"]
    assert full.topics[0].ratio == pytest.approx(1 / 3)
