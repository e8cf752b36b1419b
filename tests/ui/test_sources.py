"""The feedback names every passage a question cites, as a list in the student's language."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.ui.helpers import DATA, answer_current, build_app, start_quiz

TWO_SOURCES = DATA / "two_sources.yaml"


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Sources: Essay — Part one and Overview — Part two"),
        ("tr", "Kaynaklar: Deneme — Birinci bölüm ve Genel bakış — İkinci bölüm"),
        ("kk", "Дереккөздер: Эссе — Бірінші бөлім және Шолу — Екінші бөлім"),
    ],
)
async def test_feedback_lists_both_sources(language: str, line: str) -> None:
    app = build_app(TWO_SOURCES, language=language)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        await answer_current(pilot, right=True)
        await pilot.pause()
        rendered = str(screen.query_one("#feedback", Static).render())
        assert line in " ".join(rendered.split()), rendered
