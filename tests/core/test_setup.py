"""The quiz set-up value: validation of stored and preset data, storage round trip, fitting a
remembered set-up to a changed bank, and starting a session from it."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.session import Mode
from quizapp.core.setup import MAX_COUNT, MAX_TIME_LIMIT, QuizSetup, SetupError
from tests.core.store_writer import make_bank

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_defaults_are_ten_practice_questions_from_everything() -> None:
    setup = QuizSetup.default_for(make_bank(40))
    assert setup == QuizSetup("demo", None, None, 10, Mode.PRACTICE, None, None)
    assert setup.question_count(make_bank(40)) == 10
    assert setup.question_count(make_bank(4)) == 4


setups = st.builds(
    QuizSetup,
    bank_id=st.text(min_size=1).filter(str.strip),
    topics=st.none() | st.lists(st.text(min_size=1), min_size=1, unique=True).map(tuple),
    difficulties=st.none() | st.lists(st.sampled_from((1, 2, 3)), min_size=1, unique=True).map(tuple),
    count=st.none() | st.integers(1, MAX_COUNT),
    mode=st.sampled_from([Mode.PRACTICE, Mode.REVIEW]),
    seed=st.none() | st.integers(0, 2**63 - 1),
) | st.builds(
    QuizSetup,
    bank_id=st.just("b"),
    mode=st.just(Mode.EXAM),
    time_limit=st.none() | st.integers(1, MAX_TIME_LIMIT),
)


@given(setups)
def test_storage_round_trip(setup: QuizSetup) -> None:
    import json

    assert QuizSetup.from_data(json.loads(json.dumps(setup.to_data()))) == setup


def test_what_older_versions_stored_still_reads() -> None:
    """The home screen's ``last_choices`` of before (now adopted from the config dir)."""
    old = {
        "bank": "kz",
        "topics": ["a", "b"],
        "difficulties": [1, 3],
        "count": 20,
        "mode": "exam",
        "time_limit": 15,
    }
    assert QuizSetup.from_data(old) == QuizSetup("kz", ("a", "b"), (1, 3), 20, Mode.EXAM, 15)
    assert QuizSetup.from_data({"bank": "kz"}) == QuizSetup("kz")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ([], "set-up"),
        ("kz", "set-up"),
        ({}, "bank"),
        ({"bank": ""}, "bank"),
        ({"bank": 3}, "bank"),
        ({"bank": "kz", "topics": []}, "topics"),
        ({"bank": "kz", "topics": "history"}, "topics"),
        ({"bank": "kz", "topics": ["a", "a"]}, "topics"),
        ({"bank": "kz", "topics": [1]}, "topics"),
        ({"bank": "kz", "difficulties": [4]}, "difficulties"),
        ({"bank": "kz", "difficulties": [True]}, "difficulties"),
        ({"bank": "kz", "difficulties": []}, "difficulties"),
        ({"bank": "kz", "count": 0}, "count"),
        ({"bank": "kz", "count": True}, "count"),
        ({"bank": "kz", "count": "10"}, "count"),
        ({"bank": "kz", "count": 2.5}, "count"),
        ({"bank": "kz", "mode": "quiz"}, "mode"),
        ({"bank": "kz", "mode": ["exam"]}, "mode"),
        ({"bank": "kz", "mode": "exam", "time_limit": 0}, "time_limit"),
        ({"bank": "kz", "mode": "exam", "time_limit": 1000}, "time_limit"),
        ({"bank": "kz", "mode": "practice", "time_limit": 10}, "time_limit"),
        ({"bank": "kz", "seed": -1}, "seed"),
        ({"bank": "kz", "time_limt": 10}, "time_limt"),
    ],
)
def test_invalid_data_names_the_wrong_field(data: Any, field: str) -> None:
    with pytest.raises(SetupError) as caught:
        QuizSetup.from_data(data)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_a_remembered_set_up_is_fitted_to_the_bank_as_it_is_now() -> None:
    bank = make_bank(40)  # topics a and b
    assert QuizSetup("demo", topics=("a", "gone")).fitted_to(bank).topics == ("a",)
    assert QuizSetup("demo", topics=("gone",)).fitted_to(bank).topics is None  # all topics, not none
    assert QuizSetup("demo", topics=("a", "gone")).unknown_topics(bank) == ("gone",)
    assert QuizSetup("old-bank").fitted_to(bank).bank_id == "demo"


def test_questions_and_count_follow_topics_difficulties_and_count() -> None:
    bank = make_bank(40)
    assert len(QuizSetup("demo", topics=("a",), count=None).questions(bank)) == 20
    assert QuizSetup("demo", topics=("a",), count=None).question_count(bank) == 20
    assert QuizSetup("demo", topics=("a",), count=5).question_count(bank) == 5
    assert QuizSetup("demo", difficulties=(2, 3)).question_count(bank) == 0  # all are easy


def test_start_builds_the_session_it_describes() -> None:
    bank = make_bank(40)
    setup = QuizSetup("demo", topics=("b",), count=7, mode=Mode.EXAM, time_limit=12)
    session = setup.start(bank, random.Random(1), NOW)
    assert session.mode is Mode.EXAM and session.total == 7
    assert session.time_limit is not None and session.time_limit.total_seconds() == 12 * 60
    assert all(q.topics == ("b",) for q in session.questions)


def test_a_seed_gives_everyone_the_same_quiz() -> None:
    bank = make_bank(40)
    setup = QuizSetup("demo", seed=42)
    first = setup.start(bank, random.Random(1), NOW)
    second = setup.start(bank, random.Random(2), NOW)
    assert [q.id for q in first.questions] == [q.id for q in second.questions]
    unseeded = QuizSetup("demo")
    assert [q.id for q in unseeded.start(bank, random.Random(1), NOW).questions] != [
        q.id for q in unseeded.start(bank, random.Random(2), NOW).questions
    ]


def test_review_keeps_the_due_first_order_within_the_chosen_topics() -> None:
    bank = make_bank(40)
    setup = QuizSetup("demo", topics=("a",), count=3, mode=Mode.REVIEW)
    due_first = [bank.questions[i] for i in (5, 2, 1, 4, 0, 6)]  # even numbers are topic b
    assert [q.id for q in due_first] == ["q06", "q03", "q02", "q05", "q01", "q07"]
    session = setup.start(bank, random.Random(1), NOW, first=due_first)
    assert [q.id for q in session.questions] == ["q03", "q05", "q01"]
    # What the summary counts is what start asks: 4 of topic a in the due-first list, count 3.
    assert setup.question_count(bank, due_first) == 3
    assert QuizSetup("demo", topics=("a",), count=None, mode=Mode.REVIEW).question_count(bank, due_first) == 4
    # Nothing of the topics due or new: every question of the topics, shuffled.
    assert setup.pool(bank, [bank.questions[1]]) == (setup.questions(bank), True)
