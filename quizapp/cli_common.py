"""What the teachers' sub-commands share: argument parsing that never prints a traceback, the
data directory, the interface language, and the banks that give answers their texts.

Kept apart from :mod:`quizapp.cli` so that ``results``, ``report`` and ``serve`` import only what
they use (and no import circle runs through the dispatcher).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.core.catalog import Catalog


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with 2 after the usage line (no traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def iso_date(text: str) -> date:
    """An argparse type for ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_language_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--lang tr|en|kk``."""
    parser.add_argument("--lang", choices=("tr", "en", "kk"), help=help_text)


def set_language(option: str | None) -> str:
    """Use ``--lang`` if given, else the system locale's language (as the app does); returns it."""
    from quizapp import i18n

    language = option or i18n.detect_language()
    i18n.set_language(language)
    return language


def data_dir(option: Path | None) -> Path:
    """``--data-dir``, else ``QUIZAPP_DATA_DIR``, else the user data directory."""
    if option is not None:
        return option
    if os.environ.get("QUIZAPP_DATA_DIR"):
        return Path(os.environ["QUIZAPP_DATA_DIR"])
    from quizapp.paths import data_dir as default_data_dir

    return default_data_dir()


def load_banks(extra: Sequence[Path], prog: str) -> Catalog:
    """The bundled banks and *extra* ones (through the bank cache); a bank that does not load is
    reported on stderr as a warning and left out: its answers are then shown as stored."""
    from quizapp.core.cache import load_bank_cached
    from quizapp.core.catalog import load_catalog
    from quizapp.paths import bundled_questions_dir, cache_dir

    cache = cache_dir()
    catalog = load_catalog([bundled_questions_dir(), *extra], lambda root: load_bank_cached(root, cache))
    for problem in catalog.problems:
        print(f"{prog}: warning: {problem}", file=sys.stderr)
    return catalog


def write_output(text: str, output: Path | None, fmt: str, prog: str) -> int:
    """Write *text* to stdout, or to the file *output* (a CSV file with a byte-order mark, so
    spreadsheet programs read Turkish and Kazakh letters right); returns the exit code."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(output, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"{prog}: error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
