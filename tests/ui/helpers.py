"""Driving the real app with keys: build it isolated, and answer each kind of question."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select

from quizapp.core.model import (
    ChoiceQuestion,
    DateQuestion,
    Kind,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.ui.app import QuizApp, make_app
from quizapp.ui.screens.quiz import QuizRunScreen
from quizapp.ui.screens.setup import SetupScreen
from quizapp.ui.widgets.answers import AnswerWidget, OrderAnswer

DATA = Path(__file__).parent / "data"
ALL_KINDS = DATA / "all_kinds.yaml"
MARKUP = DATA / "markup.yaml"
FIXED_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def build_app(bank: Path = ALL_KINDS, language: str = "en", seed: int = 7) -> QuizApp:
    """The real app over one test bank, with a fixed clock and seeded randomness."""
    return make_app(
        extra_paths=[bank],
        language=language,
        clock=lambda: FIXED_NOW,
        rng=random.Random(seed),
        include_bundled=False,
        profile="test-student",
    )


async def wait_for_home(pilot: Pilot[None]) -> None:
    """Wait until the banks have loaded and the set-up panel is laid out on the home screen."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        homes = [screen for screen in app.screen_stack if getattr(screen, "catalog", None) is not None]
        if homes and (not homes[0].query("#start") or homes[0].query_one("#start").region.area):
            await pilot.pause()
            return
    raise AssertionError("banks did not load")


async def open_setup(pilot: Pilot[None]) -> SetupScreen:
    """From the home screen, open the full set-up form (F5); on the form already, stay."""
    if not isinstance(pilot.app.screen, SetupScreen):
        await pilot.press("f5")
        for _ in range(50):
            await pilot.pause()
            if isinstance(pilot.app.screen, SetupScreen) and pilot.app.screen.focused is not None:
                break
    screen = pilot.app.screen
    assert isinstance(screen, SetupScreen), type(screen)
    return screen


async def choose_mode(pilot: Pilot[None], mode: str, count_all: bool = True) -> None:
    """On the set-up form (opened if need be), pick a mode (and 'All' questions) with the mouse,
    as a user could, and check it took. ctrl+s then starts the quiz."""
    from textual.widgets import RadioButton

    await open_setup(pilot)
    targets = [f"#mode-{mode}"] + (["#count-2"] if count_all else [])
    for target in targets:
        for _ in range(10):
            pilot.app.screen.query_one(target).scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            await pilot.click(target)
            await pilot.pause()
            if pilot.app.screen.query_one(target, RadioButton).value:
                break
        else:
            raise AssertionError(f"could not choose {target}")


async def start_quiz(pilot: Pilot[None], mode: str) -> QuizRunScreen:
    """From a fresh app: wait for the banks, choose *mode* with all questions, press Start."""
    await wait_for_home(pilot)
    await choose_mode(pilot, mode)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return quiz_screen(pilot)


async def open_quiz(pilot: Pilot[None], mode: str, kind: Kind | None = None) -> QuizRunScreen:
    """From a fresh app: wait for the banks, then open a quiz over every question of the first
    bank straight away (not through the home screen's form), showing a question of *kind*."""
    from quizapp.core.session import Mode, QuizSession

    app = pilot.app
    assert isinstance(app, QuizApp)
    for _ in range(200):
        catalog = app.catalog_within(0)
        if catalog is not None:
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("banks did not load")
    await pilot.pause()
    bank = catalog.banks[0].bank
    session = QuizSession.start(bank, bank.questions, Mode(mode), app.rng, app.clock())
    app.push_screen(QuizRunScreen(session))
    await pilot.pause()
    screen = quiz_screen(pilot)
    if kind is not None:
        await show_kind(pilot, kind)
    return screen


async def show_kind(pilot: Pilot[None], kind: Kind) -> AnswerWidget:
    """Go to the first question of *kind* and wait until its answer widget has the keyboard."""
    screen = quiz_screen(pilot)
    screen.session.goto(next(i for i, q in enumerate(screen.session.questions) if q.kind is kind))
    screen.show_question()
    return await answer_widget_ready(pilot)


async def answer_widget_ready(pilot: Pilot[None]) -> AnswerWidget:
    """The answer widget on screen, once it is mounted and (unless locked) has the keyboard."""
    screen = quiz_screen(pilot)
    for _ in range(100):
        await pilot.pause()
        widget = screen._answer_widget
        if widget is not None and widget.is_mounted and widget.children:
            focused = pilot.app.focused
            if widget.locked or (focused is not None and widget in focused.ancestors_with_self):
                return widget
    raise AssertionError("the answer widget did not get the keyboard")


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Press *keys* as one burst, the way a fast typist or ``tmux send-keys`` delivers them: every
    key is queued before the app has handled the first (``pilot.press`` waits after each key)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(5):
        await pilot.pause()


def quiz_screen(pilot: Pilot[None]) -> QuizRunScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuizRunScreen), type(screen)
    return screen


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[" " if ch == " " else ch for ch in text])


async def answer_current(pilot: Pilot[None], right: bool = True) -> None:
    """Answer the question on screen with keys only (right, or deliberately wrong); no submit for
    the kinds whose Enter already submits is needed beyond what a student would press."""
    screen = quiz_screen(pilot)
    await pilot.pause()
    question = screen.session.question
    order = screen.session.presentation.order
    if isinstance(question, ChoiceQuestion):
        target = question.answer if right else next(c.id for c in question.choices if c.id != question.answer)
        await pilot.press(str(order.index(target) + 1), "enter")  # a digit chooses, Enter checks
    elif isinstance(question, TrueFalseQuestion):
        value = question.answer if right else not question.answer
        await pilot.press("1" if value else "2", "enter")
    elif isinstance(question, MultiQuestion):
        wanted = question.answers if right else {c.id for c in question.choices} - question.answers
        await pilot.press("home")
        for index, cid in enumerate(order):
            if cid in wanted:
                await pilot.press("space")
            if index < len(order) - 1:
                await pilot.press("down")
        await pilot.press("enter")
    elif isinstance(question, TextQuestion):
        await type_text(pilot, question.answers["en"][0] if right else "Zzz")
        await pilot.press("enter")
    elif isinstance(question, NumberQuestion):
        await type_text(pilot, str(int(question.answer)) if right else "1")
        await pilot.press("enter")
    elif isinstance(question, DateQuestion):
        await type_text(pilot, "16.12.1991" if right else "1990")
        await pilot.press("enter")
    elif isinstance(question, OrderQuestion):
        widget = screen.query_one(OrderAnswer)
        if right:
            for target in range(len(question.items)):
                position = widget.answer.index(target)
                await pilot.press("home")
                for _ in range(position):
                    await pilot.press("down")
                for _ in range(position - target):
                    await pilot.press("shift+up")
        await pilot.press("enter")
    elif isinstance(question, MatchQuestion):
        selects = list(screen.query(Select).results(Select))
        for pair_index, select in enumerate(selects):
            select.focus()
            await pilot.pause()
            wanted_option = pair_index if right else (pair_index + 1) % len(question.pairs)
            await pilot.press("enter")
            await pilot.pause()
            # The list opens on the blank prompt; option k of the display order is k+1 steps down.
            for _ in range(order.index(wanted_option) + 1):
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
        if not screen.exam:  # in an exam ctrl+s submits the whole exam
            await pilot.press("ctrl+s")
    await pilot.pause()


def screen_text(app: object) -> str:
    """The text on screen, as a user would read it (from a screenshot, markup-free)."""
    import html
    import re

    from textual.app import App

    assert isinstance(app, App)
    svg = app.export_screenshot()
    lines = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")
