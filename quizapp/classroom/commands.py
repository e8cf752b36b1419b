"""What ``quizapp report`` and ``quizapp serve`` do, once :mod:`quizapp.cli` has parsed them.

Diagnostics go to stderr and never as a traceback; exit codes: 0 done, 1 the input could not
be read (a damaged database, an unreadable export, an unwritable output), 2 usage error (also a
malformed roster or preset, refused before serving anything).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.classroom.serve import ServePlan

REPORT = "quizapp report"


def report_command(args: argparse.Namespace) -> int:
    """``quizapp report``: the teacher's view over the database or over merged exports."""
    from quizapp.classroom.exports import ExportError, merge, read_export, select
    from quizapp.classroom.render import Texts, render
    from quizapp.classroom.report import build_report
    from quizapp.cli_common import data_dir, load_banks, set_language, write_output
    from quizapp.core.store import StoreError
    from quizapp.results_cli import read_rows

    set_language(args.lang)
    try:
        if args.exports:
            rows = merge(read_export(path) for path in args.exports)
        else:
            rows = read_rows(data_dir(args.data_dir), None, None, None)
    except (ExportError, StoreError) as exc:
        print(f"{REPORT}: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a damaged row must not print a traceback at a teacher
        print(f"{REPORT}: error: could not read the answers: {exc}", file=sys.stderr)
        return 1
    rows = select(rows, bank=args.bank, since=args.since, profiles=args.profile or ())
    report = build_report(rows)
    texts = Texts(load_banks(args.paths, REPORT) if not report.empty else None)
    to_terminal = args.output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    text = render(report, args.format, texts, now=datetime.now(UTC), width=width, color=to_terminal)
    return write_output(text, args.output, args.format, REPORT)


SERVE = "quizapp serve"


def plan_serve(args: argparse.Namespace) -> ServePlan | int:
    """Check everything ``quizapp serve`` was given; the plan, or an exit code after printing
    every problem (2 for a malformed roster or preset)."""
    from quizapp.classroom.preset import check_preset, load_preset
    from quizapp.classroom.roster import RosterError, load_roster
    from quizapp.classroom.serve import ServePlan
    from quizapp.cli_common import data_dir, load_banks
    from quizapp.core.errors import BankError

    if not 0 < args.port < 65536:
        print(f"{SERVE}: error: --port must be from 1 to 65535", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{SERVE}: error: {path}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    roster = preset = None
    failed = False
    if args.roster is not None:
        try:
            roster = load_roster(args.roster)
        except RosterError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            failed = True
    # Loading the banks here also fills the bank cache, so every tab starts warm.
    catalog = load_banks(args.paths, SERVE)
    if args.preset is not None:
        try:
            preset = load_preset(args.preset)
        except BankError as exc:
            for bank_problem in exc.problems:
                print(bank_problem, file=sys.stderr)
            failed = True
        else:
            for bank_problem in check_preset(preset, catalog):
                print(bank_problem, file=sys.stderr)
                failed = True
    if not catalog.banks:
        print(f"{SERVE}: error: no question bank loaded", file=sys.stderr)
        failed = True
    if failed:
        return 2
    return ServePlan(
        host=args.host,
        port=args.port,
        data_dir=data_dir(args.data_dir).resolve(),
        banks=tuple(p.resolve() for p in args.paths),
        roster_path=args.roster.resolve() if args.roster is not None else None,
        roster=roster,
        preset_path=args.preset.resolve() if args.preset is not None else None,
        preset=preset,
        language=args.lang,
    )


def serve_command(args: argparse.Namespace) -> int:
    """``quizapp serve``: check the roster and preset, warn about an open server, then serve."""
    from quizapp.classroom.serve import make_server, open_warning

    plan = plan_serve(args)
    if isinstance(plan, int):
        return plan
    warning = open_warning(plan)
    if warning:
        print(warning, file=sys.stderr)
    try:
        make_server(plan).serve()
    except OSError as exc:
        print(
            f"{SERVE}: error: cannot listen on {plan.host}:{plan.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
