"""A typed answer accepted in another spelling or form: the feedback and the results say how the
bank spells it (issue 12), in the student's language."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from quizapp.core.answer_forms import accepted_forms
from quizapp.core.model import TextQuestion
from quizapp.ui.screens.results import ResultsScreen
from tests.ui.helpers import answer_current, build_app, start_quiz, type_text


@pytest.mark.parametrize(
    ("language", "typed", "note"),
    [
        ("tr", "Sanghay Isbirligi Orgutu'nun", "Doğru yazılışı: Şanghay İşbirliği Örgütü"),
        ("en", "the Shanghai Cooperation Organisation's", "Accepted as: Shanghai Cooperation Organisation"),
        ("kk", "Шанхай ынтымактастык уйымына", "Дұрыс жазылуы: Шанхай ынтымақтастық ұйымы"),
        ("en", "Shanghai Cooperation Organisation", None),  # as listed: nothing to add
    ],
)
async def test_feedback_and_results_show_the_spelling(language: str, typed: str, note: str | None) -> None:
    accepted_forms.cache_clear()
    app = build_app(language=language)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start_quiz(pilot, "practice")
        for _ in range(screen.session.total):
            question = screen.session.question
            if isinstance(question, TextQuestion):
                # Shown, so prepared: the check on Enter finds the accepted forms ready.
                misses = accepted_forms.cache_info().misses
                for lang, answers in question.answers.items():
                    accepted_forms(lang, tuple(answers))
                assert accepted_forms.cache_info().misses == misses
                await type_text(pilot, typed)
                await pilot.press("enter")
                await pilot.pause()
                feedback = str(screen.query_one("#feedback", Static).render())
                assert screen.session.grades[screen.session.question.id].correct, feedback
                if note is None:
                    assert ": Shanghai" not in feedback
                else:
                    assert note in feedback.splitlines()[1], feedback
            else:
                await answer_current(pilot, right=True)
            await pilot.press("ctrl+n")
            await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        blocks = [str(block.render()) for block in results.query("#questions > .answer").results(Static)]
        text_block = next(b for b in blocks if typed in b)
        if note is None:
            assert " · " not in text_block.splitlines()[1]
        else:
            assert text_block.splitlines()[1].endswith(f"{typed} · {note}"), text_block
