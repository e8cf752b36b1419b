"""Finding and loading every bank the app should offer, collecting problems instead of failing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.bankfiles import LoadedBank, discover_banks
from quizapp.core.errors import BankError, Problem


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
    loader: Callable[[Path], LoadedBank] | None = None,
) -> Catalog:
    """Load every bank under *paths* with *loader* (default: straight from YAML, uncached); a
    broken bank is reported, never fatal."""
    if loader is None:
        from quizapp.core.loading import load_bank

        loader = load_bank
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
