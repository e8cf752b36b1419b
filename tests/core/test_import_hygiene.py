"""The core must not pull in Textual or Rich (HOUSE_STYLE rule 1): it stays fast to import and
usable without a terminal. Each module is imported in a fresh interpreter so that nothing
imported by another test can hide a violation."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import quizapp.core
import quizapp.formats

# quizapp.formats (import and export) is held to the same rule: the CLI runs it without a UI.
CORE_MODULES = sorted(
    ["quizapp.core", "quizapp.formats"]
    + [info.name for info in pkgutil.walk_packages(quizapp.core.__path__, prefix="quizapp.core.")]
    + [info.name for info in pkgutil.walk_packages(quizapp.formats.__path__, prefix="quizapp.formats.")]
)
FORBIDDEN = ("textual", "rich")

PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r})))
"""


def test_core_modules_are_found() -> None:
    assert "quizapp.core.loading" in CORE_MODULES
    assert "quizapp.core.yamlread" in CORE_MODULES
    assert "quizapp.formats.moodlexml" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_textual_or_rich(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(forbidden=set(FORBIDDEN)), module],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"
