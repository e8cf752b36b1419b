"""The class roster: who may answer under which name, and the PIN that proves it.

``students.csv`` is UTF-8 (a byte-order mark, as spreadsheet programs write it, is fine) with a
header line naming the columns ``name`` and ``pin`` (in any order; other columns are ignored)::

    name,pin
    Ayşe Yılmaz,4821
    Нұрлан Әбенов,0093

The whole file is checked before anything is served, and every problem is reported as
``path:line: error: message``: names must be 1–40 characters with no control characters, PINs
must not be empty, and a name may appear only once (compared as the app compares profile names:
spaces collapsed, Unicode NFC, ignoring case).

PINs are compared in constant time (:func:`hmac.compare_digest`), so the time a wrong guess takes
says nothing about how close it was.
"""

from __future__ import annotations

import csv
import hmac
import io
import re
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.store import MAX_PROFILE_NAME, normalize_profile_name

#: The largest roster file read: a school, not a city.
MAX_ROSTER_BYTES = 1024 * 1024
REQUIRED_COLUMNS = ("name", "pin")
#: Control characters and invisible direction marks, which would disturb the screen.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """One thing wrong with a roster file, at a 1-based line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"


class RosterError(Exception):
    """A roster that cannot be used; ``problems`` lists every problem, first line first."""

    def __init__(self, problems: list[RosterProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class Roster:
    """The students who may answer, each with a PIN."""

    #: Names as the app stores profile names, in the file's order.
    names: tuple[str, ...]
    _pins: dict[str, str]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self._pins

    def check(self, name: str, pin: str) -> bool:
        """Whether *pin* is *name*'s PIN (False for a name not on the roster)."""
        expected = self._pins.get(_key(name))
        given = pin.strip().encode("utf-8")
        if expected is None:
            # Compare anyway, so an unknown name takes as long as a wrong PIN.
            hmac.compare_digest(given, given)
            return False
        return hmac.compare_digest(given, expected.encode("utf-8"))

    def canonical(self, name: str) -> str | None:
        """The roster's spelling of *name* (None if not on the roster)."""
        key = _key(name)
        return next((n for n in self.names if _key(n) == key), None)


def _key(name: str) -> str:
    return normalize_profile_name(name).casefold()


def parse_roster(data: bytes, path: str) -> Roster:
    """The roster in *data* (the bytes of the file at *path*); raises :class:`RosterError`."""
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError([RosterProblem(path, 1, f"the file is larger than {MAX_ROSTER_BYTES:,} bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterError(
            [
                RosterProblem(
                    path, line, "not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)"
                )
            ]
        ) from None
    problems: list[RosterProblem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    columns: dict[str, int] = {}
    names: list[str] = []
    pins: dict[str, str] = {}
    first_line: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines are fine
            if header is None:
                header = [cell.strip().casefold() for cell in record]
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    problems.append(
                        RosterProblem(
                            path,
                            line,
                            f"missing column {', '.join(repr(m) for m in missing)}: the first line must "
                            "name the columns, e.g. name,pin",
                        )
                    )
                    break
                columns = {c: header.index(c) for c in REQUIRED_COLUMNS}
                continue
            if len(record) <= max(columns.values()):
                problems.append(
                    RosterProblem(
                        path, line, f"expected {len(header)} values (as the header), found {len(record)}"
                    )
                )
                continue
            raw_name, pin = record[columns["name"]], record[columns["pin"]].strip()
            name = normalize_profile_name(raw_name)
            problem = _name_problem(raw_name, name) or (None if pin else "the PIN is empty")
            if problem is not None:
                problems.append(RosterProblem(path, line, problem))
                continue
            key = _key(name)
            if key in first_line:
                problems.append(
                    RosterProblem(path, line, f"{name!r} is listed twice (first at line {first_line[key]})")
                )
                continue
            first_line[key] = line
            names.append(name)
            pins[key] = pin
    except csv.Error as exc:
        problems.append(RosterProblem(path, reader.line_num or 1, f"not valid CSV: {exc}"))
    if header is None and not problems:
        problems.append(RosterProblem(path, 1, "the roster is empty: the first line must be name,pin"))
    elif not names and not problems:
        problems.append(RosterProblem(path, 2, "the roster lists no students"))
    if problems:
        raise RosterError(problems)
    return Roster(tuple(names), pins)


def _name_problem(raw: str, name: str) -> str | None:
    if not name:
        return "the name is empty"
    bad = _FORBIDDEN.search(raw)
    if bad is not None:
        return f"the name contains the control character U+{ord(bad.group()):04X}"
    if len(name) > MAX_PROFILE_NAME:
        return f"the name is longer than {MAX_PROFILE_NAME} characters"
    return None


def load_roster(path: Path) -> Roster:
    """Read and check the roster file at *path*; raises :class:`RosterError` (with ``path:1``
    for a file that cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError([RosterProblem(str(path), 1, f"cannot read: {exc.strerror or exc}")]) from None
    return parse_roster(data, str(path))
