"""Finding and loading every bank the app should offer, collecting problems instead of failing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.errors import BankError, Problem
from quizapp.core.loading import LoadedBank, discover_banks, load_bank


@dataclass
class Catalog:
    """The banks that loaded and the problems of those that did not."""

    banks: list[LoadedBank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def bank(self, bank_id: str) -> LoadedBank | None:
        """The loaded bank with *bank_id*."""
        return next((b for b in self.banks if b.bank.id == bank_id), None)


def load_catalog(
    paths: Iterable[Path],
    loader: Callable[[Path], LoadedBank] = load_bank,
) -> Catalog:
    """Load every bank under *paths*; a broken bank is reported, never fatal."""
    catalog = Catalog()
    seen: set[str] = set()
    for root in discover_banks(paths):
        if not root.exists():
            catalog.problems.append(Problem(str(root), 1, 1, "no such file or folder"))
            continue
        try:
            loaded = loader(root)
        except BankError as exc:
            catalog.problems.extend(exc.problems)
            continue
        if loaded.bank.id in seen:
            catalog.problems.append(
                Problem(str(root), 1, 1, f"a bank with id {loaded.bank.id!r} is already loaded")
            )
            continue
        seen.add(loaded.bank.id)
        catalog.banks.append(loaded)
    return catalog
