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
from quizapp.core.store import Store, StoreError


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
