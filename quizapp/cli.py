"""The command line: ``quizapp [PATH…]`` starts the app; ``validate``, ``schema``, ``results``,
``import``, ``export``, ``report`` and ``serve`` are tools for teachers.

Diagnostics go to stderr; exit codes: 0 fine, 1 problems found, 2 usage error. Whatever the
input, no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp import __version__
from quizapp.cli_common import Parser as _Parser

SUBCOMMANDS = ("validate", "schema", "results", "import", "export", "report", "serve")


def _run_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizapp", description="Take quizzes and review in the terminal (Türkçe, English, Қазақ тілі)."
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="extra banks to offer (files or folders)"
    )
    parser.add_argument("--lang", choices=("tr", "en", "kk"), help="interface language")
    parser.add_argument("--data-dir", type=Path, help="where progress is stored (also QUIZAPP_DATA_DIR)")
    parser.add_argument("--profile", help="student profile to use")
    # What `quizapp serve` runs in each browser tab (see quizapp.classroom.serve): not for people.
    parser.add_argument("--classroom", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--roster", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--preset", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.epilog = (
        "Teachers: quizapp validate [PATH…], quizapp schema, quizapp results --help, "
        "quizapp import --help, quizapp export --help, quizapp report --help, quizapp serve --help"
    )
    return parser


def _report_parser() -> argparse.ArgumentParser:
    from quizapp.cli_common import add_language_option, iso_date

    parser = _Parser(
        prog="quizapp report",
        description="The teacher's report: per student, per topic, and an item analysis per question "
        "(facility, discrimination, common wrong answers), over the progress database or over "
        "exports from several machines.",
        epilog="How each figure is computed and how to read it: README, 'The teacher's report'.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="BANK",
        help="bank files or folders besides the bundled ones, for question and answer texts",
    )
    parser.add_argument("--bank", metavar="ID", help="only this question bank")
    parser.add_argument(
        "--since", type=iso_date, metavar="YYYY-MM-DD", help="only answers from this day on (local time)"
    )
    parser.add_argument("--profile", nargs="+", metavar="NAME", help="only these students")
    parser.add_argument(
        "--from",
        dest="exports",
        nargs="+",
        type=Path,
        metavar="EXPORT.json",
        help="read these `quizapp results --format json` files (merged, each answer once) "
        "instead of the database",
    )
    parser.add_argument(
        "--format", choices=("text", "csv", "json", "html"), default="text", help="output format"
    )
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="where progress is stored (also QUIZAPP_DATA_DIR)"
    )
    add_language_option(parser, "language of the report (default: the system's)")
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizapp validate", description="Check question banks and report every problem as path:line:col."
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files or folders (default: the bundled banks)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings (e.g. missing translations) as errors"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    return parser


def _serve_parser() -> argparse.ArgumentParser:
    from quizapp.cli_common import add_language_option

    parser = _Parser(
        prog="quizapp serve",
        description="Serve quizapp to a class in the browser: every tab runs its own quiz, every "
        "answer goes to one progress database.",
        epilog="Then open http://HOST:PORT in each student's browser. With a roster, students pick "
        "their name and type their PIN; with a preset, everybody takes the same quiz.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="BANK", help="extra banks to offer (files or folders)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--roster", type=Path, metavar="FILE", help="students.csv with the columns name,pin")
    parser.add_argument("--preset", type=Path, metavar="FILE", help="exam.yaml: the quiz every student takes")
    parser.add_argument("--data-dir", type=Path, help="where progress is stored (also QUIZAPP_DATA_DIR)")
    add_language_option(parser, "language every new tab starts in (students may switch)")
    return parser


def _import_parser() -> argparse.ArgumentParser:
    from quizapp.formats import IMPORT_FORMATS

    parser = _Parser(
        prog="quizapp import",
        description="Turn GIFT, Moodle XML, Aiken or CSV files into a quizapp bank that passes validate.",
        epilog="OUT ending in .yaml is a one-file bank; otherwise a folder (bank.yaml and one file per "
        "topic). Problems print as path:line:col; what can be imported is still written. "
        "Exit code 0 clean, 1 problems, 2 usage error.",
    )
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE", help="files to import")
    parser.add_argument(
        "--from", dest="fmt", choices=IMPORT_FORMATS, help="the files' format (default: guessed)"
    )
    parser.add_argument(
        "--lang", choices=("tr", "en", "kk"), help="the language of texts that do not say (default: guessed)"
    )
    parser.add_argument("--bank-id", metavar="ID", help="the bank's id (default: from OUT)")
    parser.add_argument("--title", metavar="TEXT", help="the bank's title (default: from OUT)")
    parser.add_argument("-o", "--output", dest="out", type=Path, required=True, metavar="OUT")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    from quizapp.formats import EXPORT_FORMATS

    parser = _Parser(
        prog="quizapp export",
        description="Write a bank as Moodle XML, GIFT, an Anki text file or CSV.",
        epilog="Without --to, the format follows OUT's extension (.xml, .gift, .txt for Anki, .csv). "
        "A CSV always holds every language. Exit code 0 clean, 1 problems, 2 usage error.",
    )
    parser.add_argument("bank", type=Path, metavar="BANK", help="a bank file or folder")
    parser.add_argument("--to", dest="fmt", choices=EXPORT_FORMATS, help="the format to write")
    parser.add_argument(
        "--lang",
        choices=("tr", "en", "kk", "all"),
        help="the language to write; all = every language (Moodle multilang); default: the bank's",
    )
    parser.add_argument("-o", "--output", dest="out", type=Path, metavar="OUT", help="default: stdout")
    return parser


def import_command(args: argparse.Namespace) -> int:
    """``quizapp import``: print problems like validate and a summary; exit 0/1/2."""
    from quizapp.formats.importing import UsageError, import_files

    missing = [p for p in args.sources if not p.is_file()]
    for path in missing:
        print(f"quizapp import: error: {path}: no such file", file=sys.stderr)
    if missing:
        return 2
    try:
        result = import_files(
            args.sources, args.out, args.fmt, args.lang, args.bank_id, args.title, force=args.force
        )
    except UsageError as exc:
        print(f"quizapp import: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug of ours must still not print a traceback at a teacher
        print(f"quizapp import: internal error (please report it): {exc!r}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result.summary(args.out), file=sys.stderr if result.problems else sys.stdout)
    return 1 if result.errors or not result.written else 0


def export_command(args: argparse.Namespace) -> int:
    """``quizapp export``: write the bank to OUT or stdout; problems on stderr; exit 0/1/2."""
    from quizapp.formats.exporting import export_bank, format_for, save

    fmt = args.fmt or (format_for(args.out) if args.out is not None else None)
    if fmt is None:
        print("quizapp export: error: say which format with --to gift|moodle-xml|anki|csv", file=sys.stderr)
        return 2
    if not args.bank.exists():
        print(f"quizapp export: error: {args.bank}: no such file or folder", file=sys.stderr)
        return 2
    try:
        result = export_bank(args.bank, fmt, None if fmt == "csv" else args.lang)
    except Exception as exc:  # a bug of ours must still not print a traceback at a teacher
        print(f"quizapp export: internal error (please report it): {exc!r}", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.text is None:
        return 1
    if args.out is None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        try:
            save(result.text, fmt, args.out)
        except OSError as exc:
            print(f"quizapp export: error: {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{result.questions} questions written to {args.out}", file=sys.stderr)
    errors = sum(1 for p in result.problems if p.severity.value == "error")
    return 1 if errors else 0


def run(argv: Sequence[str]) -> int:
    """Dispatch *argv* to a sub-command or start the app."""
    try:
        if argv and argv[0] in SUBCOMMANDS:
            command, rest = argv[0], list(argv[1:])
            if command == "validate":
                return validate(_validate_parser().parse_args(rest))
            if command == "import":
                return import_command(_import_parser().parse_args(rest))
            if command == "export":
                return export_command(_export_parser().parse_args(rest))
            if command == "schema":
                _Parser(
                    prog="quizapp schema", description="Print the JSON Schema of the bank format."
                ).parse_args(rest)
                from quizapp.core.schema import schema_json

                sys.stdout.write(schema_json())
                return 0
            if command == "report":
                from quizapp.classroom.commands import report_command

                return report_command(_report_parser().parse_args(rest))
            if command == "serve":
                from quizapp.classroom.commands import serve_command

                return serve_command(_serve_parser().parse_args(rest))
            from quizapp.results_cli import results_command

            return results_command(rest)
        return start_app(_run_parser().parse_args(list(argv)))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def validate(args: argparse.Namespace) -> int:
    """``quizapp validate``: check banks, print problems like a compiler, exit 0/1/2."""
    from quizapp.core.bankfiles import discover_banks
    from quizapp.core.errors import BankError, Problem, Severity
    from quizapp.core.loading import load_bank
    from quizapp.paths import bundled_questions_dir

    paths = args.paths or [bundled_questions_dir()]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"quizapp validate: error: {path}: no such file or folder", file=sys.stderr)
        return 2
    problems: list[Problem] = []
    banks = 0
    questions = 0
    for root in discover_banks(paths):
        banks += 1
        try:
            loaded = load_bank(root, strict=args.strict)
        except BankError as exc:
            problems.extend(exc.problems)
            questions += exc.valid_questions
        except Exception as exc:  # a bug of ours must still not print a traceback at a teacher
            problems.append(Problem(str(root), 1, 1, f"internal error while checking this bank: {exc!r}"))
        else:
            problems.extend(loaded.warnings)
            questions += len(loaded.bank.questions)
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if args.format == "json":
        json.dump(
            {
                "banks": banks,
                "questions": questions,
                "errors": errors,
                "warnings": warnings,
                "problems": [p.to_data() for p in problems],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem)
        summary = (
            f"{banks} bank{'s' if banks != 1 else ''}, {questions} question{'s' if questions != 1 else ''}: "
        )
        summary += (
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
        print(summary, file=sys.stderr if problems else sys.stdout)
    if banks == 0:
        print("quizapp validate: no banks found", file=sys.stderr)
        return 1
    return 1 if errors else 0


def start_app(args: argparse.Namespace) -> int:
    """Start the terminal UI."""
    if args.data_dir is not None:
        os.environ["QUIZAPP_DATA_DIR"] = str(args.data_dir)
    classroom = None
    if args.classroom:
        from quizapp.classroom.gate import Classroom
        from quizapp.classroom.roster import RosterError
        from quizapp.core.errors import BankError
        from quizapp.paths import data_dir

        try:
            classroom = Classroom.load(data_dir(), args.roster, args.preset)
        except (RosterError, BankError) as exc:
            print(exc, file=sys.stderr)
            return 2
    from quizapp.ui.app import make_app

    app = make_app(
        extra_paths=args.paths,
        language=args.lang,
        profile=None if classroom is not None else args.profile,
        classroom=classroom,
    )
    app.run()
    return app.return_code or 0
