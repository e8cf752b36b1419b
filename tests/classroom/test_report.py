"""The teacher's report: figures checked against a small history computed by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.classroom.report import MIN_ATTEMPTS, Flag, WrongAnswer, build_report, pearson
from quizapp.core.store import ExportRow

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def row(
    profile: str,
    attempt: int,
    question: str,
    points: float | None,
    *,
    max_points: float = 1.0,
    answer: object = True,
    topics: tuple[str, ...] = ("t",),
    kind: str = "truefalse",
    time_s: float | None = 10.0,
    minute: int = 0,
    bank: str = "b",
) -> ExportRow:
    """One exported answer; the attempt starts at T0 + *attempt* hours."""
    started = T0 + timedelta(hours=attempt)
    return ExportRow(
        profile=profile,
        bank=bank,
        question_id=question,
        kind=kind,
        topics=topics,
        answer=answer,
        answered=answer is not None,
        correct=None if points is None else points == max_points,
        points=points,
        max_points=max_points,
        duration_s=time_s,
        timestamp=started + timedelta(minutes=minute),
        attempt_id=attempt,
        mode="exam",
        attempt_started=started,
    )


# Six attempts (one student each) of three one-point questions. Credits:
#            q1 q2 q3 | facility: q1 4/6, q2 3/6, q3 2/6
#   A1        1  1  1
#   A2        1  1  0
#   A3        1  0  0
#   A4        0  1  0
#   A5        1  0  1
#   A6        0  0  0
CREDITS = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 1, 0), (1, 0, 1), (0, 0, 0)]


def six_attempts() -> list[ExportRow]:
    rows = []
    for number, credits in enumerate(CREDITS, start=1):
        for index, credit in enumerate(credits):
            rows.append(row(f"S{number}", number, f"q{index + 1}", float(credit), minute=index))
    return rows


def test_facility_and_discrimination_against_hand_computation() -> None:
    report = build_report(six_attempts())
    by_id = {q.question_id: q for q in report.questions}
    assert [by_id[q].facility for q in ("q1", "q2", "q3")] == pytest.approx([4 / 6, 3 / 6, 2 / 6])
    # q1: x = 1 1 1 0 1 0 against the rest (q2+q3)/2 = 1 .5 0 .5 .5 0.
    #   deviations: x − 2/3, rest − 5/12; Σdx·dy = 1/3, Σdx² = 4/3, Σdy² = 17/24
    #   r = (1/3) / √(4/3 · 17/24) = 0.3430
    hand = (1 / 3) / math.sqrt(4 / 3 * 17 / 24)
    assert by_id["q1"].discrimination == pytest.approx(hand)
    assert round(hand, 4) == 0.343
    # q2: x = 1 1 0 1 0 0 against (q1+q3)/2 = 1 .5 .5 0 1 0: Σdx·dy = .25 + 0 + 0 − .25 − .25 + .25 = 0.
    assert by_id["q2"].discrimination == pytest.approx(0.0)
    # q3: x = 1 0 0 0 1 0 against (q1+q2)/2 = 1 1 .5 .5 .5 0: Σdx·dy = 12/36, Σdx² = 4/3, Σdy² = 102/144.
    assert by_id["q3"].discrimination == pytest.approx(hand)
    # q2 tells nobody apart (< 0.2); none is too easy or too hard.
    assert {q.question_id: q.flags for q in report.questions} == {
        "q1": frozenset(),
        "q2": frozenset({Flag.NOT_DISCRIMINATING}),
        "q3": frozenset(),
    }
    assert (report.answers, report.attempts) == (18, 6)
    assert all(q.attempts == 6 for q in report.questions)


def test_per_student_and_per_topic() -> None:
    rows = six_attempts()
    # S1 takes a second attempt: one two-point multi in topics t and u, half right.
    rows.append(
        row("S1", 7, "q4", 1.0, max_points=2.0, answer=["a"], topics=("t", "u"), kind="multi", time_s=20)
    )
    report = build_report(rows)
    s1 = report.students[0]
    assert (s1.profile, s1.attempts, s1.answers) == ("S1", 2, 4)
    assert (s1.points, s1.max_points, s1.score) == (4.0, 5.0, pytest.approx(0.8))
    assert s1.time_s == pytest.approx(50.0)
    assert [s.profile for s in report.students] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert report.students[5].score == 0.0
    topics = {(t.bank, t.topic): t for t in report.topics}
    # t: 9 right of 18 one-point answers, plus 1 of 2 points → 10 / 20.
    assert topics[("b", "t")].mean == pytest.approx(10 / 20)
    assert (topics[("b", "u")].answers, topics[("b", "u")].mean) == (1, 0.5)


def test_discrimination_needs_five_attempts() -> None:
    five = [r for r in six_attempts() if r.profile != "S6"]
    assert MIN_ATTEMPTS == 5
    assert all(q.discrimination is not None for q in build_report(five).questions)
    four = [r for r in five if r.profile != "S5"]
    report = build_report(four)
    assert all(q.discrimination is None for q in report.questions)
    assert all(not q.flags for q in report.questions)


def test_too_easy_and_too_hard_flags() -> None:
    rows = []
    for number in range(1, 6):
        rows.append(row(f"S{number}", number, "easy", 1.0))
        rows.append(row(f"S{number}", number, "hard", 0.0, answer=False))
        rows.append(row(f"S{number}", number, "mid", float(number % 2)))
    by_id = {q.question_id: q for q in build_report(rows).questions}
    assert by_id["easy"].flags == {Flag.TOO_EASY}
    assert by_id["hard"].flags == {Flag.TOO_HARD}
    # Everybody got the same credit: no correlation to compute, "–".
    assert by_id["easy"].discrimination is None
    assert by_id["hard"].wrong_answers == (WrongAnswer(False, 5),)
    # Four attempts: too few to flag anything.
    assert all(not q.flags for q in build_report(rows[:12]).questions)


def test_most_common_wrong_answers() -> None:
    typed = ["Paris", "paris ", "Moscow", None, "Paris", "Astana", "PARIS"]
    rows = [
        row(f"S{i}", i, "q", 1.0 if answer == "Astana" else 0.0, answer=answer, kind="text")
        for i, answer in enumerate(typed)
    ]
    rows += [
        row("M1", 20, "m", 0.5, answer=["c", "a"], kind="multi"),
        row("M2", 21, "m", 0.5, answer=["a", "c"]),
    ]
    by_id = {q.question_id: q for q in build_report(rows).questions}
    # Case and spaces do not make another mistake; the most common spelling is shown; a blank
    # is listed too (None); the right answer is not.
    assert by_id["q"].wrong_answers == (
        WrongAnswer("Paris", 4),
        WrongAnswer(None, 1),
        WrongAnswer("Moscow", 1),
    )
    # Partly right counts as not right; ticks in another order are the same answer.
    assert by_id["m"].wrong_answers == (WrongAnswer(["c", "a"], 2),)
    assert by_id["m"].facility == 0.5


def test_ungraded_answers_are_left_out_and_blanks_count_zero() -> None:
    rows = [
        row("A", 1, "q1", 1.0),
        row("A", 1, "q2", 0.0, answer=None, time_s=None),  # left blank in a submitted exam
        row("B", 2, "q1", None),  # an exam still in progress
    ]
    report = build_report(rows)
    assert (report.answers, report.attempts, [s.profile for s in report.students]) == (2, 1, ["A"])
    assert {q.question_id: q.facility for q in report.questions} == {"q1": 1.0, "q2": 0.0}


def test_empty_history() -> None:
    report = build_report([])
    assert report.empty
    assert (report.students, report.topics, report.questions) == ((), (), ())


def test_same_attempt_id_on_two_machines_is_two_attempts() -> None:
    rows = [row("A", 1, "q1", 1.0), row("A", 1, "q2", 0.0)]
    other_machine = [r.__class__(**{**_fields(r), "attempt_started": T0 + timedelta(days=3)}) for r in rows]
    assert build_report(rows + other_machine).attempts == 2


def _fields(value: ExportRow) -> dict[str, object]:
    return {name: getattr(value, name) for name in ExportRow.__dataclass_fields__}


@pytest.mark.parametrize(
    ("xs", "ys", "expected"),
    [
        ([1, 2, 3], [2, 4, 6], 1.0),
        ([1, 2, 3], [3, 2, 1], -1.0),
        ([1, 1, 1], [1, 2, 3], None),
        ([1], [1], None),
    ],
)
def test_pearson(xs: list[float], ys: list[float], expected: float | None) -> None:
    assert pearson(xs, ys) == (pytest.approx(expected) if expected is not None else None)
