"""``quizapp results``: every saved answer as CSV or JSON, for teachers.

One row per answer (blank exam questions included, with an empty answer): profile, bank,
question id, kind, topics, the answer given (as JSON text), correct (1/0, empty while an exam is
still ungraded), points, max points, time taken in seconds, timestamp (UTC, ISO 8601), attempt id
and mode. The database is opened read-only: exporting never migrates or repairs anything.

Exit codes: 0 written; 1 the database is missing, damaged, or of another version, or the
output cannot be written; 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from quizapp.core.store import ExportRow, Store, StoreError

COLUMNS = (
    "profile",
    "bank",
    "question_id",
    "kind",
    "topics",
    "answer",
    "correct",
    "points",
    "max_points",
    "time_s",
    "timestamp",
    "attempt_id",
    "mode",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizapp results",
        description="Write every saved answer, one row each, as CSV or JSON.",
        epilog=f"Columns: {', '.join(COLUMNS)}. Timestamps are UTC. A CSV file written with --output "
        "starts with a UTF-8 byte-order mark so that spreadsheet programs read Turkish and Kazakh "
        "letters correctly.",
    )
    parser.add_argument("--profile", metavar="NAME", help="only this student profile")
    parser.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="only answers from this day on (local time)"
    )
    parser.add_argument("--bank", metavar="ID", help="only this question bank")
    parser.add_argument("--format", choices=("csv", "json"), required=True, help="output format")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="where progress is stored (also QUIZAPP_DATA_DIR)"
    )
    return parser


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{round(value, 3):g}"


def _timestamp(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def row_data(row: ExportRow) -> dict[str, Any]:
    """*row* as JSON-compatible values, keyed by :data:`COLUMNS`."""
    return {
        "profile": row.profile,
        "bank": row.bank,
        "question_id": row.question_id,
        "kind": row.kind,
        "topics": list(row.topics),
        "answer": row.answer,
        "correct": row.correct,
        "points": row.points,
        "max_points": row.max_points,
        "time_s": None if row.duration_s is None else round(row.duration_s, 3),
        "timestamp": _timestamp(row.timestamp),
        "attempt_id": row.attempt_id,
        "mode": row.mode,
    }


def csv_cells(row: ExportRow) -> list[str]:
    """*row* as CSV cells, in the order of :data:`COLUMNS`."""
    return [
        row.profile,
        row.bank,
        row.question_id,
        row.kind,
        ";".join(row.topics),
        json.dumps(row.answer, ensure_ascii=False) if row.answered else "",
        "" if row.correct is None else str(int(row.correct)),
        _number(row.points),
        _number(row.max_points),
        _number(row.duration_s),
        _timestamp(row.timestamp) or "",
        str(row.attempt_id),
        row.mode,
    ]


def render(rows: Sequence[ExportRow], fmt: str) -> str:
    """The export text of *rows* in *fmt* (``csv`` or ``json``)."""
    if fmt == "json":
        return json.dumps([row_data(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_cells(r) for r in rows)
    return buffer.getvalue()


def _data_dir(option: Path | None) -> Path:
    if option is not None:
        return option
    if os.environ.get("QUIZAPP_DATA_DIR"):
        return Path(os.environ["QUIZAPP_DATA_DIR"])
    from quizapp.paths import data_dir

    return data_dir()


def results_command(argv: Sequence[str]) -> int:
    """Run ``quizapp results`` with *argv* (the arguments after ``results``)."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    since = datetime.combine(args.since, time()).astimezone() if args.since else None
    try:
        store = Store.open_readonly(_data_dir(args.data_dir))
    except StoreError as exc:
        print(f"quizapp results: error: {exc}", file=sys.stderr)
        return 1
    try:
        if args.profile is not None and store.profile_id(args.profile) is None:
            known = ", ".join(store.profiles()) or "none"
            print(
                f"quizapp results: error: no profile called {args.profile!r} (profiles: {known})",
                file=sys.stderr,
            )
            return 1
        rows = store.export_rows(profile=args.profile, since=since, bank_id=args.bank)
    except Exception as exc:  # a damaged row must not print a traceback at a teacher
        print(f"quizapp results: error: could not read the progress database: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    text = render(rows, args.format)
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        with open(args.output, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"quizapp results: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
