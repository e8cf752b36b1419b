"""Reading ``quizapp results --format json`` exports back, and merging several into one history.

A teacher collects an export from each machine (or the same machine twice, a week apart), so
the same answer may arrive more than once: it is counted once. An answer is named by its
student, bank, attempt (id and start time: attempt ids restart on every machine) and question;
when two copies differ (an exam exported before and after it was submitted), the graded one wins.
Exports written before ``attempt_started`` existed fall back to the answer's timestamp.

Export files are untrusted input: every problem is reported as ``path: item N: message``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from quizapp.core.store import ExportRow

#: The largest export file read (an answer takes about 500 bytes: this is ~400,000 answers).
MAX_EXPORT_BYTES = 200 * 1024 * 1024


class ExportError(Exception):
    """An export file that cannot be read; the message says where (``path: item N: …``)."""


def _fail(path: Path, index: int | None, message: str) -> ExportError:
    where = f"{path}: item {index + 1}" if index is not None else str(path)
    return ExportError(f"{where}: {message}")


def _moment(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be an ISO 8601 date and time or null")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not an ISO 8601 date and time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _number(value: Any, name: str, optional: bool = True) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValueError(f"{name} must be a number" + (" or null" if optional else ""))
    return float(value)


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty text")
    return value


def row_from_data(item: Any) -> ExportRow:
    """One exported answer back as an :class:`ExportRow`; raises ``ValueError`` saying what is wrong."""
    if not isinstance(item, dict):
        raise ValueError("each answer must be a JSON object")
    topics = item.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise ValueError("topics must be a list of texts")
    correct = item.get("correct")
    if correct is not None and not isinstance(correct, bool):
        raise ValueError("correct must be true, false or null")
    attempt_id = item.get("attempt_id")
    if isinstance(attempt_id, bool) or not isinstance(attempt_id, int):
        raise ValueError("attempt_id must be a whole number")
    max_points = _number(item.get("max_points"), "max_points", optional=False)
    assert max_points is not None
    if max_points < 0:
        raise ValueError("max_points must not be negative")
    points = _number(item.get("points"), "points")
    if points is not None and not 0 <= points <= max_points + 1e-9:
        raise ValueError("points must be between 0 and max_points")
    answer = item.get("answer")
    return ExportRow(
        profile=_text(item, "profile"),
        bank=_text(item, "bank"),
        question_id=_text(item, "question_id"),
        kind=_text(item, "kind"),
        topics=tuple(topics),
        answer=answer,
        answered=answer is not None,
        correct=correct,
        points=points,
        max_points=max_points,
        duration_s=_number(item.get("time_s"), "time_s"),
        timestamp=_moment(item.get("timestamp"), "timestamp"),
        attempt_id=attempt_id,
        mode=_text(item, "mode"),
        attempt_started=_moment(item.get("attempt_started"), "attempt_started"),
    )


def read_export(path: Path) -> list[ExportRow]:
    """The answers in the export file *path*; raises :class:`ExportError`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise _fail(path, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_EXPORT_BYTES:
        raise _fail(path, None, f"larger than {MAX_EXPORT_BYTES // (1024 * 1024)} MiB")
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(path, None, "not UTF-8 text; pass the file quizapp results --format json wrote") from None
    except json.JSONDecodeError as exc:
        raise _fail(path, None, f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise _fail(path, None, "nested too deeply to be an export") from None
    if not isinstance(items, list):
        raise _fail(
            path, None, "not an export: expected a list of answers, as quizapp results --format json writes"
        )
    rows = []
    for index, item in enumerate(items):
        try:
            rows.append(row_from_data(item))
        except ValueError as exc:
            raise _fail(path, index, str(exc)) from None
    return rows


def _answer_key(row: ExportRow) -> tuple[Any, ...]:
    if row.attempt_started is not None:
        return (row.profile, row.bank, row.attempt_id, row.attempt_started, row.question_id)
    return (row.profile, row.bank, row.attempt_id, None, row.question_id, row.timestamp)


def merge(exports: Iterable[Sequence[ExportRow]]) -> list[ExportRow]:
    """The answers of every export, each answer once (the graded copy when copies differ), in
    time order."""
    chosen: dict[tuple[Any, ...], ExportRow] = {}
    for rows in exports:
        for row in rows:
            key = _answer_key(row)
            held = chosen.get(key)
            if held is None or (held.points is None and row.points is not None):
                chosen[key] = row
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(
        chosen.values(),
        key=lambda r: (r.timestamp or r.attempt_started or epoch, r.profile, r.attempt_id, r.question_id),
    )


def select(
    rows: Iterable[ExportRow],
    *,
    bank: str | None = None,
    since: date | None = None,
    profiles: Sequence[str] = (),
) -> list[ExportRow]:
    """The rows of *bank*, of one of *profiles* (all if empty), given on or after the local day
    *since*."""
    from quizapp.core.store import normalize_profile_name

    wanted = {normalize_profile_name(p) for p in profiles}
    start = datetime.combine(since, datetime.min.time()).astimezone() if since else None
    result = []
    for row in rows:
        if bank is not None and row.bank != bank:
            continue
        if wanted and row.profile not in wanted:
            continue
        moment = row.timestamp or row.attempt_started
        if start is not None and (moment is None or moment < start):
            continue
        result.append(row)
    return result
