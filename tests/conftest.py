"""Fixtures shared by every test: keep the host machine (dirs, locale, language) out of tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import quizapp.i18n

# The "ci" profile is what `make test` runs: reproducible (derandomize) and free of timing
# flakiness on a busy 2-core runner (no deadline). Per-test budgets stay in the tests; the loader
# fuzz test takes its budget from HYPOTHESIS_MAX_EXAMPLES (default 2000; e.g. 50000 nightly).
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def isolated_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every user directory at tmp_path, pin the locale, and reset the UI language."""
    for name in ("data", "config", "cache"):
        directory = tmp_path / f"quizapp-{name}"
        directory.mkdir()
        monkeypatch.setenv(f"QUIZAPP_{name.upper()}_DIR", str(directory))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    quizapp.i18n._current = quizapp.i18n.DEFAULT_LANGUAGE
    yield
    # Set directly, not through set_language(): listeners of a finished test must not fire.
    quizapp.i18n._current = quizapp.i18n.DEFAULT_LANGUAGE
