"""A quiz in progress: which questions, in what order and presentation, the answers so far,
the score, and the rules of the mode (practice, exam, review).

Time and randomness come in from outside (``now``, ``rng``) so sessions are deterministic in
tests; the whole session round-trips through ``to_data``/``from_data`` so storage can save it
answer by answer and resume it after a crash.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from quizapp.core.dates import parse_user_date
from quizapp.core.grading import (
    NOTE_NOT_A_DATE,
    NOTE_NOT_A_NUMBER,
    Answer,
    Grade,
    grade,
    is_answered,
    number_readings,
)
from quizapp.core.model import (
    Bank,
    ChoiceQuestion,
    DateQuestion,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
)


class Mode(enum.StrEnum):
    """How a quiz is run."""

    #: Feedback after every answer; running score and streak.
    PRACTICE = "practice"
    #: No feedback until the end; free navigation, flags, optional time limit.
    EXAM = "exam"
    #: Spaced-repetition self-study: due questions first, feedback after each answer.
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Presentation:
    """How one question is shown: the shuffled order of its choices, items or right-hand options."""

    #: choice/multi: choice ids in display order. order: item indexes in display order.
    #: match: right-option indexes in display order. Empty for other kinds.
    order: tuple[Any, ...] = ()


def make_presentation(question: Question, rng: random.Random) -> Presentation:
    """A random presentation of *question* (choices unshuffled where the bank says so)."""
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        ids = [c.id for c in question.choices]
        if question.shuffle:
            rng.shuffle(ids)
        return Presentation(tuple(ids))
    if isinstance(question, OrderQuestion):
        indexes = list(range(len(question.items)))
        # A shuffle that happens to be the answer would give the question away.
        for _ in range(10):
            rng.shuffle(indexes)
            if indexes != sorted(indexes):
                break
        return Presentation(tuple(indexes))
    if isinstance(question, MatchQuestion):
        indexes = list(range(len(question.right_options)))
        rng.shuffle(indexes)
        return Presentation(tuple(indexes))
    return Presentation()


@dataclass(frozen=True, slots=True)
class TopicScore:
    """Points earned and available in one topic."""

    topic: str
    points: float
    max_points: float
    questions: int

    @property
    def ratio(self) -> float:
        """Points earned ÷ points available (0 when nothing was available)."""
        return self.points / self.max_points if self.max_points else 0.0


@dataclass
class QuizSession:
    """A quiz being taken. Create one with :meth:`start`."""

    bank: Bank
    questions: list[Question]
    presentations: list[Presentation]
    mode: Mode
    started_at: datetime
    time_limit: timedelta | None = None
    current: int = 0
    answers: dict[str, Answer] = field(default_factory=dict)
    #: Grades of answers already checked (practice/review: on submit; exam: at the end).
    grades: dict[str, Grade] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    #: When each answer was given, and how long the student took on it (seconds).
    answered_at: dict[str, datetime] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    finished_at: datetime | None = None
    streak: int = 0
    best_streak: int = 0

    @classmethod
    def start(
        cls,
        bank: Bank,
        questions: Sequence[Question],
        mode: Mode,
        rng: random.Random,
        now: datetime,
        count: int | None = None,
        time_limit: timedelta | None = None,
        shuffle: bool = True,
    ) -> QuizSession:
        """A new session over *questions* (shuffled unless *shuffle* is false, cut to *count*)."""
        chosen = list(questions)
        if shuffle:
            rng.shuffle(chosen)
        if count is not None:
            chosen = chosen[:count]
        if not chosen:
            raise ValueError("a quiz needs at least one question")
        return cls(
            bank=bank,
            questions=chosen,
            presentations=[make_presentation(q, rng) for q in chosen],
            mode=mode,
            started_at=now,
            time_limit=time_limit if mode is Mode.EXAM else None,
        )

    # -- where we are --
    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.questions[self.current]

    @property
    def presentation(self) -> Presentation:
        """How the question on screen is shown."""
        return self.presentations[self.current]

    @property
    def total(self) -> int:
        """Number of questions."""
        return len(self.questions)

    @property
    def finished(self) -> bool:
        """Whether the quiz has been submitted or completed."""
        return self.finished_at is not None

    @property
    def gives_feedback(self) -> bool:
        """Whether each answer is checked at once (practice and review)."""
        return self.mode is not Mode.EXAM

    def goto(self, index: int) -> None:
        """Show question *index* (clamped to the quiz)."""
        self.current = max(0, min(index, self.total - 1))

    def is_checked(self, question_id: str) -> bool:
        """Whether the answer to *question_id* has been checked and is locked."""
        return question_id in self.grades and self.gives_feedback

    # -- answering --
    def answer(self, answer: Answer, now: datetime, shown_at: datetime | None = None) -> Grade | None:
        """Record *answer* to the current question; in practice/review, check it and return the grade.

        In an exam the answer can be changed until the exam is submitted; in practice it is
        locked once checked.
        """
        if self.finished:
            raise RuntimeError("the quiz is already finished")
        question = self.question
        if self.is_checked(question.id):
            return self.grades[question.id]
        self.answers[question.id] = answer
        self.answered_at[question.id] = now
        if shown_at is not None:
            self.durations[question.id] = max(0.0, (now - shown_at).total_seconds())
        if not self.gives_feedback:
            return None
        result = grade(question, answer)
        self.grades[question.id] = result
        if result.correct:
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        else:
            self.streak = 0
        return result

    def toggle_flag(self) -> bool:
        """Flag or unflag the current question (exam); returns whether it is now flagged."""
        qid = self.question.id
        if qid in self.flagged:
            self.flagged.discard(qid)
            return False
        self.flagged.add(qid)
        return True

    def unanswered(self) -> list[int]:
        """Indexes of questions with no answer yet."""
        return [i for i, q in enumerate(self.questions) if not is_answered(q, self.answers.get(q.id))]

    # -- time --
    def deadline(self) -> datetime | None:
        """When an exam's time runs out."""
        return self.started_at + self.time_limit if self.time_limit else None

    def time_left(self, now: datetime) -> timedelta | None:
        """Time left in an exam with a limit (never negative)."""
        deadline = self.deadline()
        if deadline is None:
            return None
        return max(timedelta(0), deadline - now)

    def expired(self, now: datetime) -> bool:
        """Whether an exam's time limit has passed."""
        deadline = self.deadline()
        return deadline is not None and now >= deadline

    # -- finishing and scoring --
    def finish(self, now: datetime) -> None:
        """Submit the quiz: grade every question (unanswered ones earn nothing)."""
        if self.finished:
            return
        deadline = self.deadline()
        self.finished_at = min(now, deadline) if deadline is not None else now
        for question in self.questions:
            if question.id not in self.grades:
                self.grades[question.id] = grade(question, self.answers.get(question.id))

    def points(self) -> float:
        """Points earned so far (checked answers only)."""
        return sum(g.points for g in self.grades.values())

    def max_points(self) -> float:
        """Points available in the whole quiz."""
        return sum(q.points for q in self.questions)

    def checked_max_points(self) -> float:
        """Points available in the questions checked so far."""
        return sum(g.max_points for g in self.grades.values())

    def ratio(self) -> float:
        """Share of all points earned (0–1)."""
        available = self.max_points()
        return self.points() / available if available else 0.0

    def correct_count(self) -> int:
        """Questions answered fully right."""
        return sum(1 for g in self.grades.values() if g.correct)

    def topic_scores(self) -> list[TopicScore]:
        """Points per topic, in the bank's topic order; a question counts in each of its topics."""
        totals: dict[str, list[float]] = {}
        for question in self.questions:
            result = self.grades.get(question.id)
            for topic in question.topics:
                entry = totals.setdefault(topic, [0.0, 0.0, 0])
                entry[0] += result.points if result else 0.0
                entry[1] += question.points
                entry[2] += 1
        order = {t.id: i for i, t in enumerate(self.bank.topics)}
        return [
            TopicScore(topic, values[0], values[1], int(values[2]))
            for topic, values in sorted(totals.items(), key=lambda kv: order.get(kv[0], len(order)))
        ]

    def wrong_questions(self) -> list[Question]:
        """Questions not answered fully right (to retry)."""
        return [q for q in self.questions if not (g := self.grades.get(q.id)) or not g.correct]

    def elapsed(self, now: datetime | None = None) -> timedelta:
        """Time from start to finish (or to *now* while running)."""
        end = self.finished_at or now or self.started_at
        return end - self.started_at

    # -- persistence --
    def to_data(self) -> dict[str, Any]:
        """The session's state as JSON-compatible data (questions by id)."""
        return {
            "bank": self.bank.id,
            "questions": [q.id for q in self.questions],
            "presentations": [list(p.order) for p in self.presentations],
            "mode": self.mode.value,
            "started_at": self.started_at.isoformat(),
            "time_limit": self.time_limit.total_seconds() if self.time_limit else None,
            "current": self.current,
            "flagged": sorted(self.flagged),
        }

    @classmethod
    def from_data(
        cls,
        bank: Bank,
        data: dict[str, Any],
        answers: Iterable[tuple[str, Answer, datetime, float | None]] = (),
    ) -> QuizSession:
        """Rebuild a session saved with :meth:`to_data` plus its saved answers, replaying them
        in order so grades, score and streak come out exactly as before."""
        questions = []
        presentations = []
        for qid, order in zip(data["questions"], data["presentations"], strict=True):
            question = bank.question(qid)
            if question is None:
                continue  # removed from the bank since; skip rather than refuse to resume
            questions.append(question)
            presentations.append(Presentation(tuple(order)))
        if not questions:
            raise ValueError("none of the session's questions are in the bank any more")
        limit = data.get("time_limit")
        session = cls(
            bank=bank,
            questions=questions,
            presentations=presentations,
            mode=Mode(data["mode"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            time_limit=timedelta(seconds=limit) if limit else None,
        )
        index = {q.id: i for i, q in enumerate(questions)}
        for qid, answer, at, duration in answers:
            if qid not in index:
                continue
            session.current = index[qid]
            if session.gives_feedback:
                session.grades.pop(qid, None)
            session.answer(answer, at)
            if duration is not None:
                session.durations[qid] = duration
        session.current = max(0, min(int(data.get("current", 0)), len(questions) - 1))
        session.flagged = {q for q in data.get("flagged", []) if q in index}
        return session


def unreadable(question: Question, answer: Answer) -> str | None:
    """Why a typed *answer* cannot be taken at all, or None if it can.

    A number question refuses text that is not a number, and a date question text that is not a
    date (the reason is the grading note, an English msgid). Such an entry is a slip of the
    keyboard, not a wrong answer: it is neither graded nor saved, and the question stays open.
    Every other answer, and an empty one, can be taken.
    """
    if answer is None or not str(answer).strip():
        return None
    if isinstance(question, NumberQuestion) and not number_readings(str(answer)):
        return NOTE_NOT_A_NUMBER
    if isinstance(question, DateQuestion) and parse_user_date(str(answer)) is None:
        return NOTE_NOT_A_DATE
    return None
