"""Spaced-repetition self-study with FSRS (the ``fsrs`` package, py-fsrs 6).

Every question a student answers, in any mode, becomes a card for that student; each answer is a
review that reschedules the card. Review mode then serves what is due (most overdue first) and
after that questions never seen, in bank order.

How an answer becomes an FSRS rating (:meth:`ReviewPlanner.rating_for`):

==========================================  ==========
answer                                      rating
==========================================  ==========
wrong or blank (no credit)                  Again
partly right (partial credit)               Hard
right, in more than ``slow_s`` (60 s)       Hard
right, in at most ``quick_s`` (10 s)        Easy
right otherwise, or time unknown            Good
==========================================  ==========

The student's own rating (again/hard/good/easy), when given, overrides all of this. The time
bands are generous because reading a question in a second language takes time; a slow but right
answer is still "recalled with difficulty" in FSRS terms.

Scheduling is deterministic: the scheduler runs without fuzzing and every time is passed in.
``fsrs`` is imported on first use, not with this module: counting what is due (the home screen)
needs only the store, and the import costs a tenth of the app's start-up.
With the default learning steps (1 and 10 minutes) a new card answered Again is due in a minute,
Hard in 5½ minutes, Good in 10 minutes, and Easy goes straight to review (days).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.core.grading import Grade
from quizapp.core.model import Bank, Question
from quizapp.core.session import QuizSession
from quizapp.core.store import CardRecord, Store, to_utc

if TYPE_CHECKING:
    from fsrs import Card, Rating, Scheduler

#: Self-ratings the UI may pass, by the key it shows (each names an ``fsrs.Rating``).
SELF_RATINGS: tuple[str, ...] = ("again", "hard", "good", "easy")


def card_id(bank_id: str, question_id: str) -> int:
    """A stable id for the card of a question (FSRS would otherwise use the wall clock)."""
    return zlib.crc32(f"{bank_id}\0{question_id}".encode())


class ReviewPlanner:
    """Decides what to review next and reschedules cards after each answer."""

    def __init__(
        self, scheduler: Scheduler | None = None, quick_s: float = 10.0, slow_s: float = 60.0
    ) -> None:
        self._scheduler = scheduler
        #: A right answer at most this fast is rated Easy.
        self.quick_s = quick_s
        #: A right answer slower than this is rated Hard.
        self.slow_s = slow_s

    @property
    def scheduler(self) -> Scheduler:
        """The FSRS scheduler (default parameters, no fuzzing, so tests can predict intervals)."""
        if self._scheduler is None:
            from fsrs import Scheduler

            self._scheduler = Scheduler(enable_fuzzing=False)
        return self._scheduler

    # -- rating --
    def rating_for(
        self, grade: Grade | None, duration_s: float | None, self_rating: str | None = None
    ) -> Rating:
        """The FSRS rating of an answer (see the module docstring)."""
        from fsrs import Rating

        if self_rating is not None:
            if self_rating.lower() not in SELF_RATINGS:
                raise ValueError(f"unknown self-rating {self_rating!r}")
            return Rating[self_rating.capitalize()]
        if grade is None or grade.credit <= 0:
            return Rating.Again
        if not grade.correct:
            return Rating.Hard
        if duration_s is None:
            return Rating.Good
        if duration_s > self.slow_s:
            return Rating.Hard
        if duration_s <= self.quick_s:
            return Rating.Easy
        return Rating.Good

    # -- what to study --
    def due_questions(
        self,
        store: Store,
        profile: int | str,
        bank: Bank,
        now: datetime,
        limit: int = 20,
        new_limit: int | None = None,
    ) -> list[Question]:
        """Up to *limit* questions: due cards first (most overdue first), then questions never
        answered, in bank order (at most *new_limit* of those, if given)."""
        chosen: list[Question] = []
        for record in store.cards(profile, bank.id, due_before=now):
            question = bank.question(record.question_id)
            if question is not None:
                chosen.append(question)
        chosen = chosen[:limit]
        if len(chosen) < limit:
            room = limit - len(chosen)
            if new_limit is not None:
                room = min(room, new_limit)
            chosen.extend(self.new_questions(store, profile, bank)[:room])
        return chosen

    def new_questions(self, store: Store, profile: int | str, bank: Bank) -> list[Question]:
        """Questions of *bank* that *profile* has never answered (no card, no answer), in bank order."""
        seen = {record.question_id for record in store.cards(profile, bank.id)}
        seen |= store.answered_questions(profile, bank.id)
        return [q for q in bank.questions if q.id not in seen]

    def due_count(self, store: Store, profile: int | str, bank: Bank, now: datetime) -> int:
        """How many of the bank's questions are due for review at *now* (for the home screen)."""
        return sum(1 for r in store.cards(profile, bank.id, due_before=now) if bank.question(r.question_id))

    def new_count(self, store: Store, profile: int | str, bank: Bank) -> int:
        """How many of the bank's questions *profile* has never answered."""
        return len(self.new_questions(store, profile, bank))

    # -- rescheduling --
    def _card(self, store: Store, profile: int | str, bank_id: str, question_id: str, now: datetime) -> Card:
        return _card_from(store.card(profile, bank_id, question_id), bank_id, question_id, now)

    def preview(
        self, store: Store, profile: int | str, bank_id: str, question_id: str, now: datetime
    ) -> dict[Rating, datetime]:
        """When the card would next be due after each rating (to label self-rating buttons)."""
        from fsrs import Rating

        card = self._card(store, profile, bank_id, question_id, now)
        at = _review_time(card, now)
        return {rating: self.scheduler.review_card(card, rating, at)[0].due for rating in Rating}

    def record_review(
        self,
        store: Store,
        profile: int | str,
        bank_id: str,
        question_id: str,
        rating: Rating,
        now: datetime,
        *,
        duration_s: float | None = None,
        attempt_id: int | None = None,
    ) -> datetime:
        """Review the card of *question_id* with *rating* at *now* (creating the card on first
        answer), in one transaction; returns when it is next due (UTC)."""
        with store.transaction():
            before = store.card(profile, bank_id, question_id)
            return self.review_from(
                store,
                profile,
                bank_id,
                question_id,
                before,
                rating,
                now,
                duration_s=duration_s,
                attempt_id=attempt_id,
            )

    def review_from(
        self,
        store: Store,
        profile: int | str,
        bank_id: str,
        question_id: str,
        before: CardRecord | None,
        rating: Rating,
        now: datetime,
        *,
        duration_s: float | None = None,
        attempt_id: int | None = None,
    ) -> datetime:
        """Review *question_id* starting from the card state *before* (None: a new card) and
        store the result; returns when it is next due (UTC).

        Used directly to replace a rating: rescheduling from the state before an answer makes
        a later self-rating count once, instead of stacking a second review.
        """
        card = _card_from(before, bank_id, question_id, now)
        at = _review_time(card, now)
        duration_ms = round(duration_s * 1000) if duration_s is not None else None
        card, _ = self.scheduler.review_card(card, rating, at, duration_ms)
        with store.transaction():
            store.put_card(
                profile,
                bank_id,
                question_id,
                dict(card.to_dict()),
                due=card.due,
                state=int(card.state),
                stability=card.stability,
                rating=int(rating),
                reviewed_at=at,
                duration_s=duration_s,
                attempt_id=attempt_id,
            )
        return card.due

    def record_session(
        self,
        store: Store,
        profile: int | str,
        session: QuizSession,
        attempt_id: int | None = None,
        only: Sequence[str] | None = None,
    ) -> dict[str, datetime]:
        """Review every graded, answered question of *session* (e.g. an exam at submission), each
        at the time it was answered, in one transaction; returns each question's next due time.
        *only* limits it to some question ids."""
        due: dict[str, datetime] = {}
        with store.transaction():
            for question in session.questions:
                qid = question.id
                if qid not in session.answers or qid not in session.grades:
                    continue
                if only is not None and qid not in only:
                    continue
                at = session.answered_at.get(qid) or session.finished_at or session.started_at
                rating = self.rating_for(session.grades[qid], session.durations.get(qid))
                due[qid] = self.record_review(
                    store,
                    profile,
                    session.bank.id,
                    qid,
                    rating,
                    at,
                    duration_s=session.durations.get(qid),
                    attempt_id=attempt_id,
                )
        return due


def _card_from(record: CardRecord | None, bank_id: str, question_id: str, now: datetime) -> Card:
    """The FSRS card stored in *record*, or a new card due at *now* (None: never answered)."""
    from fsrs import Card

    if record is None:
        return Card(card_id=card_id(bank_id, question_id), due=to_utc(now))
    return Card.from_dict(record.data)  # type: ignore[arg-type]


def _review_time(card: Card, now: datetime) -> datetime:
    """*now* in UTC, but never before the card's last review (a clock set back must not confuse FSRS)."""
    at = to_utc(now)
    if card.last_review is not None and at < card.last_review:
        return card.last_review
    return at
