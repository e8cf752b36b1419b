"""``quizapp results``: every saved answer as CSV or JSON, for teachers.

One row per answer (blank exam questions included, with an empty answer): profile, bank,
question id, kind, topics, the answer given (as JSON text), the answer given and the right
answer as text in ``--lang`` (a multi's option texts, an order's items…), correct (1/0, empty
while an exam is still ungraded), points, max points, time taken in seconds, timestamp (UTC,
ISO 8601), attempt id, mode, and when the attempt started (with the profile and attempt id it
tells attempts apart in exports merged from several machines). The database is opened
read-only: exporting never migrates or repairs anything.

An empty history (no database yet, or no answers) is not an error: the CSV header alone (JSON
``[]``) and exit code 0.

Exit codes: 0 written; 1 the database is damaged or of another version, the profile is unknown,
or the output cannot be written; 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.cli_common import (
    Parser,
    add_language_option,
    data_dir,
    iso_date,
    load_banks,
    set_language,
    write_output,
)
from quizapp.core.store import DB_NAME, ExportRow, Store, StoreError

if TYPE_CHECKING:
    from quizapp.core.catalog import Catalog

PROG = "quizapp results"
COLUMNS = (
    "profile",
    "bank",
    "question_id",
    "kind",
    "topics",
    "answer",
    "answer_text",
    "right_answer",
    "correct",
    "points",
    "max_points",
    "time_s",
    "timestamp",
    "attempt_id",
    "mode",
    "attempt_started",
)


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Write every saved answer, one row each, as CSV or JSON.",
        epilog=f"Columns: {', '.join(COLUMNS)}. answer is the answer as stored (JSON); answer_text and "
        "right_answer are the answer given and the right answer as text in --lang. Timestamps are UTC. "
        "A CSV file written with --output starts with a UTF-8 byte-order mark so that spreadsheet "
        "programs read Turkish and Kazakh letters correctly. No answers yet: the header alone (JSON []).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="BANK",
        help="bank files or folders besides the bundled ones, for the answer texts",
    )
    parser.add_argument("--profile", metavar="NAME", help="only this student profile")
    parser.add_argument(
        "--since", type=iso_date, metavar="YYYY-MM-DD", help="only answers from this day on (local time)"
    )
    parser.add_argument("--bank", metavar="ID", help="only this question bank")
    parser.add_argument("--format", choices=("csv", "json"), required=True, help="output format")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="where progress is stored (also QUIZAPP_DATA_DIR)"
    )
    add_language_option(parser, "language of the answer texts (default: the system's)")
    return parser


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{round(value, 3):g}"


def _timestamp(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds") if value else None


def _started(value: datetime | None) -> str | None:
    # Microseconds: two attempts of one student may start within the same second.
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def answer_texts(row: ExportRow, catalog: Catalog | None) -> tuple[str, str]:
    """The answer given and the right answer as text in the current language; for a question no
    loaded bank has, the stored answer as JSON and no right answer."""
    from quizapp.describe import NO_ANSWER, describe_answer, describe_right_answer

    loaded = catalog.bank(row.bank) if catalog is not None else None
    question = loaded.bank.question(row.question_id) if loaded is not None else None
    if question is None or loaded is None:
        return (json.dumps(row.answer, ensure_ascii=False) if row.answered else "", "")
    fallback = loaded.bank.source_language
    given = describe_answer(question, row.answer, fallback) if row.answered else ""
    return ("" if given == NO_ANSWER else given, describe_right_answer(question, fallback))


def row_data(row: ExportRow, catalog: Catalog | None = None) -> dict[str, Any]:
    """*row* as JSON-compatible values, keyed by :data:`COLUMNS`."""
    given, right = answer_texts(row, catalog)
    return {
        "profile": row.profile,
        "bank": row.bank,
        "question_id": row.question_id,
        "kind": row.kind,
        "topics": list(row.topics),
        "answer": row.answer,
        "answer_text": given,
        "right_answer": right,
        "correct": row.correct,
        "points": row.points,
        "max_points": row.max_points,
        "time_s": None if row.duration_s is None else round(row.duration_s, 3),
        "timestamp": _timestamp(row.timestamp),
        "attempt_id": row.attempt_id,
        "mode": row.mode,
        "attempt_started": _started(row.attempt_started),
    }


def csv_cells(row: ExportRow, catalog: Catalog | None = None) -> list[str]:
    """*row* as CSV cells, in the order of :data:`COLUMNS`."""
    given, right = answer_texts(row, catalog)
    return [
        row.profile,
        row.bank,
        row.question_id,
        row.kind,
        ";".join(row.topics),
        json.dumps(row.answer, ensure_ascii=False) if row.answered else "",
        given,
        right,
        "" if row.correct is None else str(int(row.correct)),
        _number(row.points),
        _number(row.max_points),
        _number(row.duration_s),
        _timestamp(row.timestamp) or "",
        str(row.attempt_id),
        row.mode,
        _started(row.attempt_started) or "",
    ]


def render(rows: Sequence[ExportRow], fmt: str, catalog: Catalog | None = None) -> str:
    """The export text of *rows* in *fmt* (``csv`` or ``json``)."""
    if fmt == "json":
        return json.dumps([row_data(r, catalog) for r in rows], ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_cells(r, catalog) for r in rows)
    return buffer.getvalue()


class UnknownProfileError(Exception):
    """``--profile`` names nobody in a history that has profiles (a typo, most likely)."""


def read_rows(
    directory: Path, profile: str | None, since: datetime | None, bank: str | None
) -> list[ExportRow]:
    """The saved answers in *directory* with the filters applied; none if there is no database
    yet. Raises :class:`StoreError` (damaged, other version) or :class:`UnknownProfileError`."""
    try:
        store = Store.open_readonly(directory)
    except StoreError:
        if not (directory / DB_NAME).exists():
            return []  # nobody has answered anything here yet: an empty history
        raise
    try:
        if profile is not None and store.profile_id(profile) is None:
            known = store.profiles()
            if known:
                raise UnknownProfileError(f"no profile called {profile!r} (profiles: {', '.join(known)})")
            return []
        return store.export_rows(profile=profile, since=since, bank_id=bank)
    finally:
        store.close()


def results_command(argv: Sequence[str]) -> int:
    """Run ``quizapp results`` with *argv* (the arguments after ``results``)."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    set_language(args.lang)
    since = datetime.combine(args.since, time()).astimezone() if args.since else None
    try:
        rows = read_rows(data_dir(args.data_dir), args.profile, since, args.bank)
    except StoreError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except UnknownProfileError as exc:
        print(f"{PROG}: error: {exc.args[0]}", file=sys.stderr)
        return 1
    except Exception as exc:  # a damaged row must not print a traceback at a teacher
        print(f"{PROG}: error: could not read the progress database: {exc}", file=sys.stderr)
        return 1
    catalog = load_banks(args.paths, PROG) if rows else None
    text = render(rows, args.format, catalog)
    return write_output(text, args.output, args.format, PROG)
