"""Saves a quiz as it is taken: the attempt, every answer in its own transaction, and review cards.

Screens tell the recorder what happened (started, answered, moved, finished); it keeps the
store and the scheduler out of the screens. A storage failure is shown, never fatal: the quiz
goes on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from quizapp.core.review import ReviewPlanner
from quizapp.core.session import Mode, QuizSession
from quizapp.core.store import CardRecord, Store, StoreError


class Recorder:
    """The bridge between quiz screens and :class:`~quizapp.core.store.Store`."""

    def __init__(
        self, store: Store, profile: str, clock: Callable[[], datetime], warn: Callable[[Exception], None]
    ) -> None:
        self.store = store
        self.profile = profile
        self.clock = clock
        self.warn = warn
        self.planner = ReviewPlanner()
        self._attempts: dict[int, int] = {}
        #: The card of each question as it was before this session rated it (None: a new card),
        #: so that a self-rating can replace the automatic rating instead of adding a review.
        self._cards_before: dict[tuple[int, str], CardRecord | None] = {}
        #: The self-rating given to each question of a session (``again`` … ``easy``).
        self._self_ratings: dict[tuple[int, str], str] = {}

    def attempt_id(self, session: QuizSession) -> int | None:
        """The stored attempt of *session*, if any."""
        return self._attempts.get(id(session))

    def adopt(self, session: QuizSession, attempt_id: int) -> None:
        """Continue recording a resumed *session* under its existing attempt."""
        self._attempts[id(session)] = attempt_id

    def _safely(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (StoreError, sqlite3.Error, OSError) as exc:
            self.warn(exc)

    def started(self, session: QuizSession) -> None:
        if id(session) in self._attempts:
            return

        def start() -> None:
            self._attempts[id(session)] = self.store.start_attempt(self.profile, session)

        self._safely(start)

    def answered(self, session: QuizSession, question_id: str) -> None:
        attempt = self.attempt_id(session)
        if attempt is None:
            return
        now = self.clock()

        def save() -> None:
            self.store.save_answer(attempt, session, question_id, now)
            grade = session.grades.get(question_id)
            if session.gives_feedback and grade is not None:
                key = (id(session), question_id)
                if key not in self._cards_before:
                    self._cards_before[key] = self.store.card(self.profile, session.bank.id, question_id)
                rating = self.planner.rating_for(grade, session.durations.get(question_id, 0.0))
                self.planner.record_review(
                    self.store,
                    self.profile,
                    session.bank.id,
                    question_id,
                    rating,
                    now,
                    duration_s=session.durations.get(question_id),
                    attempt_id=attempt,
                )

        self._safely(save)

    def moved(self, session: QuizSession) -> None:
        attempt = self.attempt_id(session)
        if attempt is not None:
            self._safely(lambda: self.store.save_position(attempt, session))

    def finished(self, session: QuizSession) -> None:
        attempt = self.attempt_id(session)
        if attempt is None:
            return

        def finish() -> None:
            self.store.finish_attempt(attempt, session, self.clock())
            if session.mode is Mode.EXAM:
                self.planner.record_session(self.store, self.profile, session, attempt)

        self._safely(finish)

    def left(self, session: QuizSession) -> None:
        """The student left mid-quiz: the attempt stays open so it can be resumed."""
        self.moved(session)

    # -- self-study review --
    def next_due(self, session: QuizSession, question_id: str) -> datetime | None:
        """When the card of *question_id* is next due (UTC), or None if it has none (yet)."""
        try:
            record = self.store.card(self.profile, session.bank.id, question_id)
        except (StoreError, sqlite3.Error, KeyError) as exc:
            self.warn(exc)
            return None
        return record.due if record is not None else None

    def self_rating(self, session: QuizSession, question_id: str) -> str | None:
        """The student's own rating of *question_id* in *session*, if given."""
        return self._self_ratings.get((id(session), question_id))

    def rate(self, session: QuizSession, question_id: str, rating: str) -> datetime | None:
        """Re-rate an answered question with the student's own *rating* (``again``, ``hard``,
        ``good`` or ``easy``); returns when it is next due (UTC), or None if nothing was saved.

        The self-rating *replaces* the rating derived from correctness and time: the card is
        rescheduled from its state before this answer, at the time of the answer, so pressing
        several ratings in turn ends with the last one, not with several reviews. The review log
        keeps both (the automatic rating, then the student's).
        """
        key = (id(session), question_id)
        attempt = self.attempt_id(session)
        if attempt is None or question_id not in session.grades:
            return None
        fsrs_rating = self.planner.rating_for(None, None, rating)
        answered_at = session.answered_at.get(question_id) or self.clock()
        duration_s = session.durations.get(question_id)
        due: list[datetime] = []

        def save() -> None:
            if key not in self._cards_before:
                # Not rated automatically in this run (e.g. resumed): review it once more, now.
                due.append(
                    self.planner.record_review(
                        self.store,
                        self.profile,
                        session.bank.id,
                        question_id,
                        fsrs_rating,
                        self.clock(),
                        duration_s=duration_s,
                        attempt_id=attempt,
                    )
                )
                return
            due.append(
                self.planner.review_from(
                    self.store,
                    self.profile,
                    session.bank.id,
                    question_id,
                    self._cards_before[key],
                    fsrs_rating,
                    answered_at,
                    duration_s=duration_s,
                    attempt_id=attempt,
                )
            )

        self._safely(save)
        if not due:
            return None
        self._self_ratings[key] = rating
        return due[0]
