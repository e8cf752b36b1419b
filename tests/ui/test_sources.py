"""The feedback names every passage a question cites, as a list in the student's language."""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets import Static

from quizapp.core.loading import load_bank
from quizapp.core.model import SourceRef
from quizapp.i18n import set_language
from quizapp.ui.text import describe_sources
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


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Essay — Part one; Part three and Overview — Part two"),
        ("tr", "Deneme — Birinci bölüm; Üçüncü bölüm ve Genel bakış — İkinci bölüm"),
        ("kk", "Эссе — Бірінші бөлім; Үшінші бөлім және Шолу — Екінші бөлім"),
    ],
)
def test_sections_of_one_document_are_named_with_it_once(language: str, line: str) -> None:
    bank = load_bank(TWO_SOURCES).bank
    (question,) = bank.questions
    three = dataclasses.replace(
        question,
        sources=(SourceRef("essay", "one"), SourceRef("overview", "two"), SourceRef("essay", "three")),
    )
    set_language(language)
    try:
        described = describe_sources(bank, three)
        assert described is not None
        assert described[1] == line
        assert describe_sources(
            bank, dataclasses.replace(question, sources=(SourceRef("overview", "two"),))
        ) == (
            {"en": "Source: ", "tr": "Kaynak: ", "kk": "Дереккөз: "}[language],
            {"en": "Overview — Part two", "tr": "Genel bakış — İkinci bölüm", "kk": "Шолу — Екінші бөлім"}[
                language
            ],
        )
    finally:
        set_language("en")
