"""The one error type of bank loading: every problem carries a path, a line and a column."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How bad a problem is: errors stop a bank from loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a bank file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"

    def to_data(self) -> dict[str, object]:
        """A JSON-compatible dict (for ``quizapp validate --format json``)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
        }


class BankError(Exception):
    """A bank could not be loaded. ``problems`` lists every problem found, first one first.

    ``path``, ``line``, ``column`` and ``message`` are those of the first problem, so a single
    ``except BankError as e: print(e)`` already says exactly where to look. ``valid_questions``
    counts the questions that passed every check, for a summary that still says how much is fine.
    """

    def __init__(self, problems: Sequence[Problem], valid_questions: int = 0) -> None:
        if not problems:
            raise ValueError("BankError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.valid_questions = valid_questions
        first = self.problems[0]
        self.path = first.path
        self.line = first.line
        self.column = first.column
        self.message = first.message
        super().__init__(str(first))

    @classmethod
    def at(cls, path: str, line: int, column: int, message: str) -> BankError:
        """A BankError with a single problem."""
        return cls([Problem(path, line, column, message)])
