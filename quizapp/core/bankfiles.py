"""Which files make up a bank, and the loaded-bank value: what a warm start needs.

Kept apart from :mod:`quizapp.core.loading` so that serving a bank from the compiled cache never
imports the YAML reader and the validator (together about a fifth of the app's start-up).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.errors import Problem
from quizapp.core.model import Bank

METADATA_FILE = "bank.yaml"
BANK_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedBank:
    """A bank that loaded, with the warnings found on the way."""

    bank: Bank
    warnings: list[Problem] = field(default_factory=list)
    files: tuple[Path, ...] = ()


def bank_files(root: Path) -> list[Path]:
    """The files that make up the bank at *root*: the file itself, or a folder's YAML files."""
    if root.is_dir():
        return sorted(p for p in root.rglob("*") if p.suffix in BANK_SUFFIXES and p.is_file())
    return [root]


def discover_banks(paths: Iterable[Path | str]) -> list[Path]:
    """The bank roots under *paths*: folders holding a bank.yaml, and single-file banks.

    A path that is itself a bank (a file, or a folder with bank.yaml) is returned as is; other
    folders are searched one level down.
    """
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file() or (path / METADATA_FILE).is_file() or not path.is_dir():
            roots.append(path)
            continue
        for child in sorted(path.iterdir()):
            if (child.is_dir() and (child / METADATA_FILE).is_file()) or (
                child.is_file() and child.suffix in BANK_SUFFIXES
            ):
                roots.append(child)
    return roots
