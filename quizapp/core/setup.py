"""A quiz set-up: everything that decides what "Start" runs, as one value.

Bank, topics, difficulties, how many questions, mode, time limit and (optionally) a fixed shuffle
seed. The home screen shows one and starts it, the store remembers each profile's last one, and a
teacher's preset file fixes one for a whole class. Stored data and preset files are untrusted, so
:meth:`QuizSetup.from_data` checks every field and names the one that is wrong; the constructor
checks the same rules, so an invalid set-up cannot exist at all.

A set-up names its bank by id only. Banks change between runs (a topic renamed, a file removed),
so :meth:`QuizSetup.fitted_to` adapts a remembered set-up to the bank as it is now instead of
failing, while :meth:`QuizSetup.unknown_topics` lets a stricter caller (a preset) refuse it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from quizapp.core.model import Bank, Question
from quizapp.core.session import Mode, QuizSession

#: The difficulty levels a bank can use (1 easy, 2 medium, 3 hard).
DIFFICULTIES = (1, 2, 3)
#: The longest time limit, in minutes (three digits: the form's field holds no more).
MAX_TIME_LIMIT = 999
#: More questions than any bank holds; a bigger count is surely a typo.
MAX_COUNT = 100_000
#: How many questions a new set-up asks.
DEFAULT_COUNT = 10

_KEYS = ("bank", "topics", "difficulties", "count", "mode", "time_limit", "seed")


class SetupError(ValueError):
    """Stored or preset set-up data is not a valid set-up. ``field`` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        #: The data key that is wrong (e.g. ``time_limit``).
        self.field = field
        #: What is wrong with it, for a teacher.
        self.message = message


def _whole(value: object) -> bool:
    # bool is an int subclass: `count: true` in a preset must not mean one question.
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class QuizSetup:
    """What a quiz is made of, before it starts."""

    bank_id: str
    """The bank's id (``Bank.id``)."""
    topics: tuple[str, ...] | None = None
    """Topic ids to draw from, in the bank's order of choice; ``None``: every topic (also ones
    the bank gains later)."""
    difficulties: tuple[int, ...] | None = None
    """Difficulty levels to draw from; ``None``: all of them."""
    count: int | None = DEFAULT_COUNT
    """How many questions at most; ``None``: every question that matches."""
    mode: Mode = Mode.PRACTICE
    """Practice, exam or review."""
    time_limit: int | None = None
    """Minutes for an exam (``None``: no limit). Only an exam can have one."""
    seed: int | None = None
    """A fixed shuffle (everyone who starts this set-up gets the same questions in the same
    order); ``None``: a new shuffle every time."""

    def __post_init__(self) -> None:
        if not isinstance(self.bank_id, str) or not self.bank_id.strip():
            raise SetupError("bank", "must be the id of a question bank")
        if self.topics is not None:
            if not isinstance(self.topics, tuple) or not self.topics:
                raise SetupError("topics", "must list at least one topic id (or be left out for all topics)")
            if not all(isinstance(t, str) and t for t in self.topics):
                raise SetupError("topics", "every topic must be a topic id (text)")
            if len(set(self.topics)) != len(self.topics):
                raise SetupError("topics", "lists a topic twice")
        if self.difficulties is not None:
            if not isinstance(self.difficulties, tuple) or not self.difficulties:
                raise SetupError("difficulties", "must list at least one of 1, 2, 3 (or be left out for all)")
            if not all(_whole(d) and d in DIFFICULTIES for d in self.difficulties):
                raise SetupError("difficulties", "may only contain 1 (easy), 2 (medium) and 3 (hard)")
            if len(set(self.difficulties)) != len(self.difficulties):
                raise SetupError("difficulties", "lists a difficulty twice")
        if self.count is not None and not (_whole(self.count) and 1 <= self.count <= MAX_COUNT):
            raise SetupError("count", f"must be a whole number from 1 to {MAX_COUNT} (or left out for all)")
        if not isinstance(self.mode, Mode):
            raise SetupError("mode", "must be practice, exam or review")
        if self.time_limit is not None:
            if not (_whole(self.time_limit) and 1 <= self.time_limit <= MAX_TIME_LIMIT):
                raise SetupError(
                    "time_limit", f"must be a whole number of minutes from 1 to {MAX_TIME_LIMIT}"
                )
            if self.mode is not Mode.EXAM:
                raise SetupError("time_limit", "only an exam can have a time limit")
        if self.seed is not None and not (_whole(self.seed) and 0 <= self.seed < 2**63):
            raise SetupError("seed", "must be a whole number from 0 to 2**63 - 1")

    # -- storage --
    def to_data(self) -> dict[str, Any]:
        """A plain JSON-compatible dict; :meth:`from_data` reads it back."""
        return {
            "bank": self.bank_id,
            "topics": list(self.topics) if self.topics is not None else None,
            "difficulties": list(self.difficulties) if self.difficulties is not None else None,
            "count": self.count,
            "mode": self.mode.value,
            "time_limit": self.time_limit,
            "seed": self.seed,
        }

    @classmethod
    def from_data(cls, data: object) -> QuizSetup:
        """The set-up described by *data* (as :meth:`to_data` writes it; a missing key takes its
        default, ``bank`` is required). Raises :class:`SetupError` naming the wrong field."""
        if not isinstance(data, Mapping):
            raise SetupError(
                "set-up", "must be a mapping of bank, topics, difficulties, count, mode, time_limit"
            )
        for key in data:
            if key not in _KEYS:
                raise SetupError(str(key), f"is not a set-up field (known: {', '.join(_KEYS)})")
        if "bank" not in data:
            raise SetupError("bank", "is missing")
        mode_value = data.get("mode", Mode.PRACTICE.value)
        if not isinstance(mode_value, str) or mode_value not in {m.value for m in Mode}:
            raise SetupError("mode", "must be practice, exam or review")
        return cls(
            bank_id=data["bank"],
            topics=_sequence(data, "topics"),
            difficulties=_sequence(data, "difficulties"),
            count=data.get("count", DEFAULT_COUNT),
            mode=Mode(mode_value),
            time_limit=data.get("time_limit"),
            seed=data.get("seed"),
        )

    # -- against a bank --
    @classmethod
    def default_for(cls, bank: Bank) -> QuizSetup:
        """What a first-time student is offered: 10 practice questions from everything."""
        return cls(bank_id=bank.id)

    def unknown_topics(self, bank: Bank) -> tuple[str, ...]:
        """The chosen topic ids that *bank* does not declare."""
        known = {t.id for t in bank.topics}
        return tuple(t for t in self.topics or () if t not in known)

    def fitted_to(self, bank: Bank) -> QuizSetup:
        """This set-up for *bank* as it is now: topics it no longer has are dropped (all of them
        gone: every topic), so a remembered set-up survives an edited bank."""
        fitted = self if self.bank_id == bank.id else replace(self, bank_id=bank.id)
        if self.topics is None:
            return fitted
        known = {t.id for t in bank.topics}
        kept = tuple(t for t in self.topics if t in known)
        return replace(fitted, topics=kept or None)

    def questions(self, bank: Bank) -> list[Question]:
        """The questions of *bank* this set-up draws from (before shuffling and counting)."""
        return bank.select(self.topics, self.difficulties)

    def pool(self, bank: Bank, first: Sequence[Question] | None = None) -> tuple[list[Question], bool]:
        """The questions a quiz is drawn from, and whether they are shuffled: this set-up's
        questions, or, given *first* (for review: due questions first, then new ones), those of
        them in that order, unshuffled (all of this set-up's questions if none is in *first*)."""
        questions = self.questions(bank)
        if first is not None:
            wanted = {q.id for q in questions}
            ordered = [q for q in first if q.id in wanted]
            if ordered:
                return ordered, False
        return questions, True

    def question_count(self, bank: Bank, first: Sequence[Question] | None = None) -> int:
        """How many questions a quiz from this set-up will have (*first* as for :meth:`start`)."""
        available = len(self.pool(bank, first)[0])
        return available if self.count is None else min(self.count, available)

    def start(
        self,
        bank: Bank,
        rng: random.Random,
        now: datetime,
        first: Sequence[Question] | None = None,
    ) -> QuizSession:
        """A new quiz session. *first*, for review, is the order to ask in (due questions first):
        it is kept, not shuffled. With a :attr:`seed` the shuffle and presentation come from it,
        not from *rng*. Raises ``ValueError`` if no question matches."""
        questions, shuffle = self.pool(bank, first)
        return QuizSession.start(
            bank,
            questions,
            self.mode,
            random.Random(self.seed) if self.seed is not None else rng,
            now,
            count=self.count,
            time_limit=timedelta(minutes=self.time_limit) if self.time_limit else None,
            shuffle=shuffle,
        )


def _sequence(data: Mapping[str, Any], key: str) -> tuple[Any, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise SetupError(key, "must be a list")
    return tuple(value)
