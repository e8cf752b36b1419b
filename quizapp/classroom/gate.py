"""What one served tab knows about its class: the roster and PIN check, and the preset.

The tab's app asks :meth:`Classroom.sign_in` whether a student may go on as a roster name; the
answer is a value the dialog draws (right, wrong with the wait it caused, still waiting, not on
the roster). The decision is made here, not in the dialog, so it is tested without a screen.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from quizapp.classroom.lockout import PinGuard
from quizapp.classroom.preset import Preset, load_preset
from quizapp.classroom.roster import Roster, load_roster


class Outcome(enum.Enum):
    """How a sign-in went."""

    OK = "ok"
    #: The PIN was wrong; ``wait_s`` may now be more than 0.
    WRONG = "wrong"
    #: Too many wrong PINs: the name is locked for ``wait_s`` more seconds (the PIN was not checked).
    WAIT = "wait"
    #: The name is not on the roster.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SignIn:
    """The answer to a sign-in: the outcome, the roster's spelling of the name, the wait."""

    outcome: Outcome
    name: str
    wait_s: float = 0.0


@dataclass
class Classroom:
    """A served tab's class: who may answer (None: anybody, by typing a name) and what everybody
    takes (None: each student chooses)."""

    roster: Roster | None = None
    preset: Preset | None = None
    guard: PinGuard | None = None

    @classmethod
    def load(cls, data_dir: Path, roster: Path | None, preset: Path | None) -> Classroom:
        """Read the roster and preset files; raises ``RosterError`` or ``BankError``."""
        return cls(
            roster=load_roster(roster) if roster is not None else None,
            preset=load_preset(preset) if preset is not None else None,
            guard=PinGuard(data_dir) if roster is not None else None,
        )

    def sign_in(self, name: str, pin: str, now: float) -> SignIn:
        """Check *name*'s *pin* at *now* (seconds since the epoch)."""
        if self.roster is None:
            raise RuntimeError("sign_in needs a roster")
        canonical = self.roster.canonical(name)
        if canonical is None:
            return SignIn(Outcome.UNKNOWN, name)
        guard = self.guard or PinGuard(None)
        self.guard = guard
        waiting = guard.wait(canonical, now)
        if waiting > 0:
            return SignIn(Outcome.WAIT, canonical, waiting)
        if self.roster.check(canonical, pin):
            guard.succeeded(canonical)
            return SignIn(Outcome.OK, canonical)
        return SignIn(Outcome.WRONG, canonical, guard.failed(canonical, now))
