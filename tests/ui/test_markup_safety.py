"""Bank text is data: markup-like and bracket-heavy strings show literally on every screen."""

from __future__ import annotations

from textual.widgets import Static

from quizapp.ui.screens.results import ResultsScreen
from tests.ui.helpers import (
    MARKUP,
    answer_current,
    build_app,
    choose_mode,
    quiz_screen,
    screen_text,
    wait_for_home,
)


async def test_markup_like_text_is_shown_literally_everywhere() -> None:
    app = build_app(MARKUP)
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for_home(pilot)
        home = screen_text(app)
        assert "[b]Bold[/b] bank [/]" in home
        await choose_mode(pilot, "practice")
        form = screen_text(app)  # the set-up form lists the bank and its topics
        assert "[b]Bold[/b] bank [/]" in form
        assert "[/] Alpha [b]" in form
        await pilot.press("ctrl+s")
        screen = quiz_screen(pilot)
        for _ in range(screen.session.total):
            await pilot.pause()
            shown = screen_text(app)
            question = screen.session.question
            assert question.prompt["en"] in shown, question.id
            await answer_current(pilot, right=True)
            feedback = str(screen.query_one("#feedback", Static).render())
            assert question.explanation["en"] in feedback
            assert "[red]Document[/red] [/] — [i]Part[/]" in feedback
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        results = screen_text(app)
        assert "[/] Alpha [b]" in results
        # The app is still running: no [@click=app.quit] fired and no MarkupError.
        assert app.is_running


async def test_markup_text_survives_language_switch() -> None:
    app = build_app(MARKUP, language="kk")
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.set_language("tr")
        await pilot.pause()
        app.set_language("en")
        await pilot.pause()
        assert app.is_running
        assert quiz_screen(pilot).session.question.prompt["en"] in screen_text(app)
