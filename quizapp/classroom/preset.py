"""The exam preset: one YAML file that fixes the quiz every student of ``quizapp serve`` takes.

::

    # exam.yaml
    bank: kazakhstan-foreign-policy     # the bank's id (required)
    topics: [russia, china]     # topic ids; default: every topic
    difficulties: [1, 2]        # 1 easy, 2 medium, 3 hard; default: all
    count: 20                   # questions asked; a whole number or "all" (default: all)
    mode: exam                  # practice, exam or review (default: exam)
    time_limit: 30              # minutes, exam only; default: none
    seed: 2026                  # shuffle seed: everybody gets the same questions in the same
                                # order; default: each student gets an order of their own

The file is read with the same hardened reader as the banks (no anchors, tags or duplicate keys)
and every problem is reported as ``path:line:col: error: message``. What it describes is a
:class:`~quizapp.core.setup.QuizSetup`, the value the home screen shows and starts; its own rules
(e.g. only an exam has a time limit) are reported at the field they concern. :func:`check_preset`
then checks it against the banks that are served: the bank must exist, the topics must be the
bank's, and the choices must leave at least one question.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.core.errors import BankError, Problem
from quizapp.core.session import Mode
from quizapp.core.setup import MAX_TIME_LIMIT, QuizSetup, SetupError
from quizapp.core.yamlread import MarkedList, MarkedMap, Pos, decode, read_yaml

if TYPE_CHECKING:
    from quizapp.core.catalog import Catalog

FIELDS = ("bank", "topics", "difficulties", "count", "mode", "time_limit", "seed")
_WHOLE = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class Preset:
    """What every student takes, and where the file said it."""

    setup: QuizSetup
    #: The preset file, and where each field's value stands in it (for later checks).
    path: str = ""
    positions: dict[str, Pos] = field(default_factory=dict, compare=False)


def _whole(value: Any, plain: bool) -> int | None:
    return int(value) if isinstance(value, str) and plain and _WHOLE.fullmatch(value) else None


def _ids(value: Any) -> list[str] | None:
    if isinstance(value, MarkedList) and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    return None


def parse_preset(data: bytes, path: str) -> Preset:
    """The preset in *data* (the bytes of the file at *path*); raises :class:`BankError`."""
    root, problems = read_yaml(decode(data, path), path)
    if not isinstance(root, MarkedMap):
        raise BankError.at(path, 1, 1, "a preset must be a mapping of fields, e.g. bank: my-bank")

    def error(key: str, message: str, where: Pos | None = None) -> None:
        problems.append(Problem(path, *(where or root.where(key)), message))

    for key in root:
        if key not in FIELDS:
            hint = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6)
            extra = f"; did you mean {hint[0]!r}?" if hint else f"; expected {', '.join(FIELDS)}"
            error(key, f"unknown field {key!r}{extra}", root.key_pos.get(key))
    values: dict[str, Any] = {}
    bank = root.get("bank")
    if "bank" not in root:
        error("bank", "missing 'bank': the id of the question bank every student takes")
    elif not isinstance(bank, str) or not bank.strip():
        error("bank", "'bank' must be a bank id, e.g. bank: kazakhstan-foreign-policy")
    else:
        values["bank_id"] = bank.strip()
    if root.get("topics") is not None:
        topics = _ids(root["topics"])
        if topics is None or not topics:
            error("topics", "'topics' must be a list of topic ids, e.g. topics: [russia, china]")
        else:
            values["topics"] = tuple(topics)
    if root.get("difficulties") is not None:
        levels = root["difficulties"]
        parsed = (
            [_whole(v, p) for v, p in zip(levels, levels.plain, strict=True)]
            if isinstance(levels, MarkedList)
            else None
        )
        if not parsed or any(level not in (1, 2, 3) for level in parsed):
            error("difficulties", "'difficulties' must be a list of 1 (easy), 2 (medium) and 3 (hard)")
        else:
            values["difficulties"] = tuple(sorted(set(level for level in parsed if level is not None)))
    if root.get("count") is not None and root["count"] != "all":
        count = _whole(root["count"], "count" in root.plain)
        if count is None or count < 1:
            error("count", "'count' must be a whole number of questions (1 or more) or all")
        else:
            values["count"] = count
    if root.get("mode") is not None:
        try:
            values["mode"] = Mode(str(root["mode"]))
        except ValueError:
            error("mode", f"'mode' must be one of {', '.join(m.value for m in Mode)}")
    mode = values.get("mode", Mode.EXAM)
    if root.get("time_limit") is not None:
        limit = _whole(root["time_limit"], "time_limit" in root.plain)
        if limit is None or not 1 <= limit <= MAX_TIME_LIMIT:
            error("time_limit", f"'time_limit' must be whole minutes from 1 to {MAX_TIME_LIMIT}")
        elif mode is not Mode.EXAM:
            error("time_limit", "'time_limit' applies to exams only: remove it or set mode: exam")
        else:
            values["time_limit"] = limit
    if root.get("seed") is not None:
        seed = _whole(root["seed"], "seed" in root.plain)
        if seed is None:
            error("seed", "'seed' must be a whole number, e.g. seed: 2026")
        else:
            values["seed"] = seed
    setup = None
    if not problems:
        values.setdefault("count", None)  # a preset without a count asks every question
        values.setdefault("mode", Mode.EXAM)
        try:
            setup = QuizSetup(**values)
        except SetupError as exc:
            error(exc.field if exc.field in root else "bank", f"{exc.field!r} {exc.message}")
    if problems or setup is None:
        raise BankError(sorted(problems, key=lambda p: (p.line, p.column)))
    positions = {key: root.where(key) for key in root}
    positions["."] = root.pos
    return Preset(setup, path=path, positions=positions)


def load_preset(path: Path) -> Preset:
    """Read the preset file at *path*; raises :class:`BankError`."""
    from quizapp.core.loading import read_file_bytes

    return parse_preset(read_file_bytes(path), str(path))


def check_preset(preset: Preset, catalog: Catalog) -> list[Problem]:
    """What is wrong with *preset* given the banks on offer (empty: it can be used)."""

    def at(key: str, message: str) -> Problem:
        pos = preset.positions.get(key) or preset.positions.get(".") or Pos(1, 1)
        return Problem(preset.path, pos.line, pos.column, message)

    setup = preset.setup
    loaded = catalog.bank(setup.bank_id)
    if loaded is None:
        known = ", ".join(b.bank.id for b in catalog.banks) or "none loaded"
        return [at("bank", f"no question bank with the id {setup.bank_id!r} (banks: {known})")]
    bank = loaded.bank
    problems = []
    declared = {t.id for t in bank.topics}
    for topic in setup.unknown_topics(bank):
        hint = difflib.get_close_matches(topic, declared, n=1, cutoff=0.6)
        extra = f"; did you mean {hint[0]!r}?" if hint else f"; topics: {', '.join(sorted(declared))}"
        problems.append(at("topics", f"the bank {bank.id!r} has no topic {topic!r}{extra}"))
    if not problems and not setup.questions(bank):
        problems.append(at(".", "no question of the bank matches these topics and difficulties"))
    return problems
