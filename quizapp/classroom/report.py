"""The teacher's figures, computed from answer rows: per student, per topic, per question.

Pure: rows in (:class:`~quizapp.core.store.ExportRow`, from the database or from merged exports),
frozen values out; the texts are added when the report is written (:mod:`.render`).

Which answers count: graded ones. An exam still in progress has no grades yet and is left out
until it is submitted; a question left blank in a submitted exam counts, with no credit. Every
mode counts (practice, exam, review).

The item analysis follows Moodle's quiz statistics:

- **Facility index**: the mean credit students got on the question, from 0 (nobody got any of it)
  to 1 (everybody got all of it). Credit is the share of the question's points earned, so partial
  credit counts as a fraction.
- **Discrimination index**: Pearson's correlation, over the attempts that asked the question,
  between the credit on this question and the score on the *rest* of the attempt (the attempt's
  other questions: points earned ÷ points available). From −1 to 1: high when the students who did
  well on the rest of the quiz also got this question right. It is left out ("–") below
  :data:`MIN_ATTEMPTS` attempts, and when it cannot be computed: everybody got the same credit on
  the question, or the same score on the rest, or the attempt asked nothing else.
- **Flags** (from :data:`MIN_ATTEMPTS` attempts on): too easy (facility above 0.9), too hard
  (below 0.2), does not discriminate (discrimination below 0.2).
"""

from __future__ import annotations

import enum
import json
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizapp.core.grading import Answer
from quizapp.core.store import ExportRow

#: Below this many attempts a question gets no discrimination index and no flags.
MIN_ATTEMPTS = 5
#: A facility index above this flags a question as too easy.
TOO_EASY = 0.9
#: A facility index below this flags a question as too hard.
TOO_HARD = 0.2
#: A discrimination index below this flags a question as not telling students apart.
LOW_DISCRIMINATION = 0.2
#: How many of the most common wrong answers are kept per question.
WRONG_ANSWERS_KEPT = 3


class Flag(enum.StrEnum):
    """Why a question deserves a second look."""

    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"
    NOT_DISCRIMINATING = "not_discriminating"


@dataclass(frozen=True, slots=True)
class StudentSummary:
    """One student's answers in the report."""

    profile: str
    #: Attempts (quizzes) with at least one graded answer.
    attempts: int
    #: Graded answers.
    answers: int
    points: float
    max_points: float
    #: Time spent answering, summed over the answers (seconds).
    time_s: float
    first_answer: datetime | None
    last_answer: datetime | None

    @property
    def score(self) -> float | None:
        """Points earned ÷ points available (None without answers)."""
        return self.points / self.max_points if self.max_points else None


@dataclass(frozen=True, slots=True)
class TopicSummary:
    """The answers to the questions of one topic (a question counts in each of its topics)."""

    bank: str
    topic: str
    answers: int
    points: float
    max_points: float

    @property
    def mean(self) -> float | None:
        """The mean score: points earned ÷ points available."""
        return self.points / self.max_points if self.max_points else None


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """A wrong (or partly right, or blank) answer and how many gave it."""

    #: The answer as stored (``None``: left blank); the most common spelling of a typed answer.
    answer: Answer
    count: int


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """Item analysis of one question."""

    bank: str
    question_id: str
    kind: str
    topics: tuple[str, ...]
    #: Attempts that asked the question and graded it.
    attempts: int
    #: Mean credit, 0–1.
    facility: float
    #: Correlation of the credit with the rest of the attempt; None when not shown ("–").
    discrimination: float | None
    #: The most common answers that were not fully right, most common first.
    wrong_answers: tuple[WrongAnswer, ...]
    flags: frozenset[Flag] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the teacher's report shows."""

    students: tuple[StudentSummary, ...]
    topics: tuple[TopicSummary, ...]
    questions: tuple[QuestionStats, ...]
    #: Graded answers counted, and attempts they belong to.
    answers: int
    attempts: int
    first_answer: datetime | None
    last_answer: datetime | None

    @property
    def empty(self) -> bool:
        """Whether there is nothing to report yet."""
        return self.answers == 0


# --- helpers ---------------------------------------------------------------------------------


def credit_of(row: ExportRow) -> float | None:
    """The share of the question's points earned (None while ungraded)."""
    if row.points is None:
        return None
    return row.points / row.max_points if row.max_points else 0.0


def attempt_key(row: ExportRow) -> tuple[Any, ...]:
    """What names an attempt, even across exports from several machines."""
    started = row.attempt_started.isoformat() if row.attempt_started else None
    return (row.profile, row.bank, row.attempt_id, started)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of *xs* and *ys*; None if either does not vary."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    # Sums of squares of values that all agree come out as rounding noise, not exactly 0.
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _answer_group(answer: Answer) -> str:
    """Answers that are the same mistake: typed text compared without case and extra spaces,
    ticked options in any order."""
    if isinstance(answer, str):
        return "s:" + " ".join(unicodedata.normalize("NFC", answer).casefold().split())
    if isinstance(answer, list) and all(isinstance(a, str) for a in answer):
        return "set:" + json.dumps(sorted(answer), ensure_ascii=False)
    return "j:" + json.dumps(answer, ensure_ascii=False, sort_keys=True)


def _wrong_answers(answers: Iterable[Answer]) -> tuple[WrongAnswer, ...]:
    groups: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, Answer] = {}
    for answer in answers:
        key = _answer_group(answer)
        groups[key] += 1
        shown.setdefault(key, answer)
        if isinstance(answer, str):
            spellings[key][answer] += 1
    top = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))[:WRONG_ANSWERS_KEPT]
    result = []
    for key, count in top:
        answer = shown[key]
        if key in spellings:
            answer = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        result.append(WrongAnswer(answer, count))
    return tuple(result)


def _name_key(name: str) -> tuple[str, str]:
    folded = name.casefold()
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return plain, name


# --- the report ------------------------------------------------------------------------------


def build_report(rows: Iterable[ExportRow]) -> Report:
    """The report over *rows* (ungraded rows are left out; see the module docstring)."""
    graded = [row for row in rows if row.points is not None]
    attempts: dict[tuple[Any, ...], list[ExportRow]] = defaultdict(list)
    for row in graded:
        attempts[attempt_key(row)].append(row)
    times = [row.timestamp for row in graded if row.timestamp is not None]
    return Report(
        students=_students(graded),
        topics=_topics(graded),
        questions=_questions(attempts),
        answers=len(graded),
        attempts=len(attempts),
        first_answer=min(times) if times else None,
        last_answer=max(times) if times else None,
    )


def _students(graded: Sequence[ExportRow]) -> tuple[StudentSummary, ...]:
    by_profile: dict[str, list[ExportRow]] = defaultdict(list)
    for row in graded:
        by_profile[row.profile].append(row)
    result = []
    for profile in sorted(by_profile, key=_name_key):
        mine = by_profile[profile]
        times = [row.timestamp for row in mine if row.timestamp is not None]
        result.append(
            StudentSummary(
                profile=profile,
                attempts=len({attempt_key(row) for row in mine}),
                answers=len(mine),
                points=sum(row.points or 0.0 for row in mine),
                max_points=sum(row.max_points for row in mine),
                time_s=sum(row.duration_s or 0.0 for row in mine),
                first_answer=min(times) if times else None,
                last_answer=max(times) if times else None,
            )
        )
    return tuple(result)


def _topics(graded: Sequence[ExportRow]) -> tuple[TopicSummary, ...]:
    totals: dict[tuple[str, str], list[float]] = {}
    for row in graded:
        for topic in row.topics:
            entry = totals.setdefault((row.bank, topic), [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += row.points or 0.0
            entry[2] += row.max_points
    return tuple(
        TopicSummary(bank, topic, int(values[0]), values[1], values[2])
        for (bank, topic), values in sorted(totals.items())
    )


def _questions(attempts: dict[tuple[Any, ...], list[ExportRow]]) -> tuple[QuestionStats, ...]:
    credits: dict[tuple[str, str], list[float]] = defaultdict(list)
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    wrong: dict[tuple[str, str], list[Answer]] = defaultdict(list)
    first: dict[tuple[str, str], ExportRow] = {}
    for rows in attempts.values():
        points = sum(row.points or 0.0 for row in rows)
        available = sum(row.max_points for row in rows)
        for row in rows:
            key = (row.bank, row.question_id)
            first.setdefault(key, row)
            credit = credit_of(row)
            assert credit is not None  # only graded rows get here
            credits[key].append(credit)
            rest_available = available - row.max_points
            if rest_available > 0:
                rest = (points - (row.points or 0.0)) / rest_available
                pairs[key].append((credit, rest))
            if credit < 1.0 - 1e-9:
                wrong[key].append(row.answer if row.answered else None)
    result = []
    for key in sorted(credits):
        values = credits[key]
        facility = sum(values) / len(values)
        xy = pairs[key]
        discrimination = pearson([x for x, _ in xy], [y for _, y in xy]) if len(xy) >= MIN_ATTEMPTS else None
        flags: set[Flag] = set()
        if len(values) >= MIN_ATTEMPTS:
            if facility > TOO_EASY:
                flags.add(Flag.TOO_EASY)
            if facility < TOO_HARD:
                flags.add(Flag.TOO_HARD)
            if discrimination is not None and discrimination < LOW_DISCRIMINATION:
                flags.add(Flag.NOT_DISCRIMINATING)
        row = first[key]
        result.append(
            QuestionStats(
                bank=key[0],
                question_id=key[1],
                kind=row.kind,
                topics=row.topics,
                attempts=len(values),
                facility=facility,
                discrimination=discrimination,
                wrong_answers=_wrong_answers(wrong[key]),
                flags=frozenset(flags),
            )
        )
    return tuple(result)
