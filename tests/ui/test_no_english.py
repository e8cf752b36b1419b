"""In Kazakh and Turkish no English interface word is left on any screen or dialog.

The vocabulary to look for is every word of the English msgids (what the app itself could show)
plus Textual's own English strings; key names (ctrl, shift, esc, enter, tab) are allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from textual.pilot import Pilot

from quizapp.core.model import Kind
from quizapp.i18n import LANGUAGES
from quizapp.ui.dialogs import ConfirmDialog, HelpDialog, LanguagePicker
from quizapp.ui.screens.results import ResultsScreen
from tests.ui.helpers import (
    answer_current,
    build_app,
    choose_mode,
    open_quiz,
    quiz_screen,
    screen_text,
    wait_for_home,
)

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"ctrl", "shift", "esc", "escape", "enter", "tab", "space", "quizapp", "validate", "english"}
TEXTUAL_WORDS = {
    "search",
    "commands",
    "command",
    "palette",
    "keys",
    "theme",
    "quit",
    "matches",
    "found",
    "screenshot",
    "maximize",
    "minimize",
}


def english_vocabulary() -> set[str]:
    with (ROOT / "locales" / "quizapp.pot").open("rb") as handle:
        catalog = read_po(handle)
    words = set(TEXTUAL_WORDS)
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", text)))
    return words - ALLOWED


def english_words(text: str, vocabulary: set[str]) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in vocabulary}


async def collect(pilot: Pilot[None], seen: dict[str, str]) -> None:
    seen[type(pilot.app.screen).__name__ + f"#{len(seen)}"] = screen_text(pilot.app)


async def walk_every_screen(pilot: Pilot[None]) -> dict[str, str]:
    app = pilot.app
    seen: dict[str, str] = {}
    await wait_for_home(pilot)
    home = app.screen
    await collect(pilot, seen)
    # Dialogs over the home screen: help, language picker, command palette.
    for key, dialog in (("f1", HelpDialog), ("f2", LanguagePicker)):
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        await collect(pilot, seen)
        await pilot.press("escape")
        await pilot.pause()
    # Profile and statistics (the statistics screen again after the quizzes, with history).
    for key in ("f3", "f4"):
        await pilot.press(key)
        await pilot.pause(0.3)
        assert app.screen is not home
        await collect(pilot, seen)
        await pilot.press("escape")
        await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    await collect(pilot, seen)
    # A search that finds nothing: Textual's own "No matches found" must not show.
    await pilot.press(*"zzqqx")
    await pilot.pause(0.8)
    await collect(pilot, seen)
    await pilot.press("escape")
    await pilot.pause()
    # An exam: every kind of question, then the submit dialog.
    await choose_mode(pilot, "exam")
    await collect(pilot, seen)  # the set-up form
    await pilot.press("ctrl+s")
    screen = quiz_screen(pilot)
    for _ in range(screen.session.total):
        await pilot.pause()
        await collect(pilot, seen)
        screen.action_next()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await collect(pilot, seen)
    await pilot.press("escape")
    await pilot.pause()
    # Leaving asks first.
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await collect(pilot, seen)
    await pilot.click("#yes")
    await pilot.pause()
    # A practice quiz: feedback after each answer (right and wrong), then the results.
    await choose_mode(pilot, "practice")
    await pilot.press("ctrl+s")
    screen = quiz_screen(pilot)
    for index in range(screen.session.total):
        await answer_current(pilot, right=index % 2 == 0)
        await collect(pilot, seen)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert isinstance(app.screen, ResultsScreen)
    await collect(pilot, seen)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press("f4")
    await pilot.pause(0.3)
    await collect(pilot, seen)
    await pilot.press("enter")  # open the latest attempt
    await pilot.pause(0.3)
    await collect(pilot, seen)
    # The terminal-too-small notice.
    await pilot.resize_terminal(40, 10)
    await pilot.pause()
    await collect(pilot, seen)
    return seen


@pytest.mark.parametrize("language", ["kk", "tr"])
async def test_no_english_word_on_any_screen(language: str) -> None:
    vocabulary = english_vocabulary()
    app = build_app(language=language)
    async with app.run_test(size=(100, 40)) as pilot:
        seen = await walk_every_screen(pilot)
    assert len(seen) >= 20
    leaks = {name: sorted(words) for name, text in seen.items() if (words := english_words(text, vocabulary))}
    assert not leaks, f"English words in {language}: {leaks}"


@pytest.mark.parametrize("language", ["kk", "tr"])
async def test_a_toast_on_screen_follows_a_language_switch(language: str) -> None:
    """A toast composed in English ("Rated Easy: next review in 1 week.") is redrawn in the
    language chosen while it is still on screen."""
    vocabulary = english_vocabulary()
    app = build_app(language="en")
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await open_quiz(pilot, "review", Kind.CHOICE)
        await answer_current(pilot, right=True)
        await pilot.press("f8")
        await pilot.pause()
        toasts = [toast.message for toast in app._notifications]
        assert toasts == ["Rated Easy: next review in 1 week."]
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*(["home"] + ["down"] * LANGUAGES.index(language) + ["enter"]))
        await pilot.pause()
        toasts = [toast.message for toast in app._notifications]
        assert len(toasts) == 1 and not english_words(toasts[0], vocabulary), toasts
        drawn = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert drawn == toasts
        assert not english_words(screen_text(app), vocabulary)
