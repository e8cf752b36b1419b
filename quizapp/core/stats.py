"""Figures for the statistics screen, computed from the store with ``now`` passed in.

Definitions (so the screen can explain them):

- **Seen**: questions of the bank the student has answered at least once, in any mode.
- **Mastered**: questions whose review card was last answered Good or Easy *and* whose FSRS
  stability is at least :data:`MASTERED_STABILITY_DAYS` days, i.e. FSRS expects the student to
  still recall it with 90 % probability that long after the last review. A new card answered
  Good three times at its due dates gets there (stability ≈ 11 days), as does one answered Easy
  twice; one lucky answer does not.
- **Topic mastery**: mastered questions of a topic ÷ all the bank's questions of that topic (a
  question counts in each of its topics).
- **Accuracy** of a day: the mean credit (0–1, partial credit counted) of the graded answers
  given that day.
- **Streak**: consecutive days with at least one answer, ending today, or yesterday if nothing has
  been answered yet today (the streak is not lost before the day is over).

Days are calendar days in the time zone of ``now``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from quizapp.core.model import Bank
from quizapp.core.review import ReviewPlanner
from quizapp.core.store import AttemptSummary, CardRecord, Store

#: FSRS stability (days) from which a question counts as mastered.
MASTERED_STABILITY_DAYS = 10.0
_GOOD = 3  # fsrs.Rating.Good


@dataclass(frozen=True, slots=True)
class TopicMastery:
    """How far one topic is learnt."""

    topic: str
    #: The bank's questions in this topic, those answered at least once, and those mastered.
    questions: int
    seen: int
    mastered: int

    @property
    def ratio(self) -> float:
        """Mastered ÷ questions (0–1)."""
        return self.mastered / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class StudyCounts:
    """The bank's questions by study state."""

    questions: int
    seen: int
    mastered: int
    #: Due for review now.
    due: int
    #: Never answered.
    new: int


@dataclass(frozen=True, slots=True)
class StatsOverview:
    """Everything the statistics screen shows for one profile and bank."""

    topics: list[TopicMastery]
    #: ``(day, accuracy)`` for the days with graded answers in the window, oldest first.
    accuracy: list[tuple[date, float]]
    streak: int
    counts: StudyCounts
    history: list[AttemptSummary]


def is_mastered(card: CardRecord) -> bool:
    """Whether a card counts as mastered (see the module docstring)."""
    return (
        card.stability is not None
        and card.stability >= MASTERED_STABILITY_DAYS
        and (card.last_rating or 0) >= _GOOD
    )


def _zone(now: datetime) -> tzinfo:
    zone = now.tzinfo if now.tzinfo is not None else now.astimezone().tzinfo
    assert zone is not None
    return zone


def _local_day(moment: datetime, zone: tzinfo) -> date:
    return moment.astimezone(zone).date()


def topic_mastery(store: Store, profile: int | str, bank: Bank) -> list[TopicMastery]:
    """Mastery per topic, in the bank's topic order."""
    mastered = {c.question_id for c in store.cards(profile, bank.id) if is_mastered(c)}
    seen = store.answered_questions(profile, bank.id) | {c.question_id for c in store.cards(profile, bank.id)}
    totals: dict[str, list[int]] = {topic.id: [0, 0, 0] for topic in bank.topics}
    for question in bank.questions:
        for topic in question.topics:
            entry = totals.setdefault(topic, [0, 0, 0])
            entry[0] += 1
            entry[1] += question.id in seen
            entry[2] += question.id in mastered
    return [TopicMastery(topic, *values) for topic, values in totals.items() if values[0]]


def accuracy_by_day(
    store: Store, profile: int | str, now: datetime, days: int = 30, bank_id: str | None = None
) -> list[tuple[date, float]]:
    """Mean credit per day over the *days* days ending today, only days with graded answers."""
    zone = _zone(now)
    today = _local_day(now, zone)
    first = today - timedelta(days=days - 1)
    sums: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for answer in store.scored_answers(profile, bank_id):
        day = _local_day(answer.answered_at, zone)
        if first <= day <= today:
            sums[day][0] += answer.credit
            sums[day][1] += 1
    return [(day, total / count) for day, (total, count) in sorted(sums.items())]


def streak(store: Store, profile: int | str, now: datetime) -> int:
    """Consecutive days with at least one answer, up to today (or yesterday)."""
    zone = _zone(now)
    days = {_local_day(moment, zone) for moment in store.answer_times(profile)}
    day = _local_day(now, zone)
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def study_counts(
    store: Store, profile: int | str, bank: Bank, now: datetime, planner: ReviewPlanner | None = None
) -> StudyCounts:
    """Questions seen, mastered, due now and never answered, in *bank*."""
    planner = planner or ReviewPlanner()
    in_bank = {q.id for q in bank.questions}
    cards = [c for c in store.cards(profile, bank.id) if c.question_id in in_bank]
    seen = (store.answered_questions(profile, bank.id) & in_bank) | {c.question_id for c in cards}
    return StudyCounts(
        questions=len(in_bank),
        seen=len(seen),
        mastered=sum(1 for c in cards if is_mastered(c)),
        due=planner.due_count(store, profile, bank, now),
        new=len(in_bank) - len(seen),
    )


def overview(
    store: Store,
    profile: int | str,
    bank: Bank,
    now: datetime,
    days: int = 30,
    history_limit: int = 50,
    planner: ReviewPlanner | None = None,
) -> StatsOverview:
    """All the figures of the statistics screen for *profile* in *bank*."""
    return StatsOverview(
        topics=topic_mastery(store, profile, bank),
        accuracy=accuracy_by_day(store, profile, now, days, bank.id),
        streak=streak(store, profile, now),
        counts=study_counts(store, profile, bank, now, planner),
        history=store.attempts(profile, history_limit, bank.id),
    )
