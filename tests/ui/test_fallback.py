"""A bank without a translation shows its source language with a small marker, never a blank."""

from __future__ import annotations

from textual.widgets import Static

from tests.ui.helpers import DATA, answer_current, build_app, quiz_screen, screen_text, wait_for_home


async def test_missing_translation_falls_back_to_source_language_with_marker() -> None:
    app = build_app(DATA / "untranslated.yaml", language="kk")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        home = screen_text(app)
        assert "Eksik çeviri [tr]" in home  # the bank title has no Kazakh
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = quiz_screen(pilot)
        shown = screen_text(app)
        assert str(screen.query_one("#prompt", Static).render()) == "Başkent neresidir? [tr]"
        assert "Астана" in shown  # translated choice shown as is
        assert "Almatı [tr]" in shown
        await answer_current(pilot, right=True)
        feedback = str(screen.query_one("#feedback", Static).render())
        assert "Başkent Astana'dır. [tr]" in feedback
