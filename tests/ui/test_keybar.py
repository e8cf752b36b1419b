"""The key bar: the screen's keys in the current language, redrawn (not rebuilt), clickable."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding

from quizapp import i18n
from quizapp.ui.dialogs import HelpDialog
from quizapp.ui.widgets.keybar import KeyBar
from tests.ui.helpers import answer_current, build_app, quiz_screen, start_quiz, wait_for_home


def bar_text(app: App[None]) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(segment.text for segment in bar.render_line(0))


@pytest.mark.parametrize("language", i18n.LANGUAGES)
async def test_the_bar_shows_the_home_keys_in_each_language(language: str) -> None:
    app = build_app(language=language)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        text = bar_text(app)
        for msgid in ("Change", "Profile", "Statistics", "Quit", "Help", "Language"):
            assert i18n._(msgid) in text, (msgid, text)
        assert text.rstrip().endswith(i18n._("Commands"))
        assert len(text) == 100


async def test_the_bar_follows_a_live_language_switch_without_being_rebuilt() -> None:
    app = build_app(language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        bar = app.screen.query_one(KeyBar)
        app.set_language("kk")
        await pilot.pause()
        assert app.screen.query_one(KeyBar) is bar
        assert "Тіл" in bar_text(app)
        assert "Language" not in bar_text(app)


async def test_the_bar_follows_the_quiz_state() -> None:
    """Practice: "Check" until the answer is checked, then "Next"."""
    app = build_app(language="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await start_quiz(pilot, "practice")
        screen = quiz_screen(pilot)
        assert "Check" in bar_text(app)
        assert " Next " not in bar_text(app)
        await answer_current(pilot)
        assert screen.session.is_checked(screen.session.question.id)
        await pilot.pause()
        assert "Next" in bar_text(app)


async def test_clicking_an_entry_runs_its_key() -> None:
    app = build_app(language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        bar = app.screen.query_one(KeyBar)
        bar_text(app)
        help_x = next(start for start, _end, entry in bar._spans if entry.description == "Help")
        assert bar.entry_at(help_x + 1) is not None
        await pilot.click(KeyBar, offset=(help_x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


async def test_hovering_an_entry_highlights_it_and_shows_its_tooltip() -> None:
    app = build_app(language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        bar = app.screen.query_one(KeyBar)
        bar_text(app)
        start, _end, _entry = next(span for span in bar._spans if span[2].description == "Statistics")
        await pilot.hover(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert bar.hovered is not None and bar.hovered.description == "Statistics"
        styles = {
            segment.text.strip(): segment.style for segment in bar.render_line(0) if segment.text.strip()
        }
        assert styles["Statistics"] != styles["Profile"], "the hovered entry is not highlighted"
        assert bar.tooltip == "Your progress in this question bank"
        await pilot.hover(KeyBar, offset=(99, 0))  # the palette key
        await pilot.pause()
        assert bar.tooltip == "Commands"


class _Disabled(App[None]):
    BINDINGS = [Binding("f5", "ring", "Ring"), Binding("f6", "later", "Later")]

    def __init__(self) -> None:
        super().__init__()
        self.rung = 0

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "later" else True

    def action_ring(self) -> None:
        self.rung += 1

    def action_later(self) -> None:
        raise AssertionError("a disabled key must not run")


async def test_a_disabled_entry_is_dim_and_does_nothing_when_clicked() -> None:
    app = _Disabled()
    async with app.run_test(size=(60, 5)) as pilot:
        bar = app.query_one(KeyBar)
        segments = list(bar.render_line(0))
        later = [s for s in segments if "Later" in s.text or "f6" in s.text]
        ring = [s for s in segments if "Ring" in s.text or "f5" in s.text]
        assert later and all(s.style is not None and s.style.dim for s in later)
        assert ring and not any(s.style is not None and s.style.dim for s in ring)
        start, _end, _entry = next(span for span in bar._spans if span[2].description == "Later")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        start, _end, _entry = next(span for span in bar._spans if span[2].description == "Ring")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.rung == 1


@pytest.mark.parametrize("width", [20, 45, 60, 80])
async def test_a_narrow_bar_drops_whole_entries_and_keeps_the_palette_key(width: int) -> None:
    app = build_app(language="kk")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        bar = app.screen.query_one(KeyBar)
        bar.styles.width = width
        await pilot.pause()
        text = bar_text(app)
        assert len(text) == width
        keys, palette = bar.entries()
        drawn = [entry for _s, _e, entry in bar._spans]
        left = [entry for entry in drawn if entry != palette]
        assert left == keys[: len(left)]
        for start, end, entry in bar._spans:
            assert entry.display in text[start:end]
        if width >= 20:
            assert palette in drawn


@pytest.mark.parametrize("language", i18n.LANGUAGES)
async def test_every_home_key_fits_at_80_columns(language: str) -> None:
    """A longer language switches to the compact form instead of losing keys (F2 above all)."""
    app = build_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        bar = app.screen.query_one(KeyBar)
        text = bar_text(app)
        keys, palette = bar.entries()
        assert [entry for _s, _e, entry in bar._spans] == [*keys, palette]
        assert i18n._("Language") in text
