"""Profiles, the statistics screen and review-mode niceties, driven through the real app."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Static

from quizapp.core.settings import SETTINGS_FILE
from quizapp.core.store import Store
from quizapp.i18n import format_number, format_relative
from quizapp.paths import config_dir, data_dir
from quizapp.ui.app import QuizApp, _default_profile, make_app
from quizapp.ui.profiles import ProfileDialog
from quizapp.ui.screens.home import HomeScreen
from quizapp.ui.screens.results import ResultsScreen
from quizapp.ui.screens.stats import AttemptScreen, StatsScreen
from quizapp.ui.text import describe_answer, describe_right_answer
from tests.ui.helpers import (
    ALL_KINDS,
    FIXED_NOW,
    answer_current,
    build_app,
    choose_mode,
    quiz_screen,
    screen_text,
    start_quiz,
    type_text,
    wait_for_home,
)

SIZE = (110, 45)


def first_start_app(language: str = "en") -> QuizApp:
    """The app as on a first start: no --profile and none saved."""
    return make_app(
        extra_paths=[ALL_KINDS],
        language=language,
        clock=lambda: FIXED_NOW,
        rng=random.Random(7),
        include_bundled=False,
    )


def remembered_in_data_dir() -> str | None:
    """The profile the data dir will open on next time."""
    with Store.open(data_dir(), FIXED_NOW)[0] as store:
        return store.remembered_profile()


async def wait_for_dialog(pilot: Pilot[None]) -> ProfileDialog:
    for _ in range(50):
        await pilot.pause(0.02)
        if isinstance(pilot.app.screen, ProfileDialog):
            return pilot.app.screen
    raise AssertionError(f"no profile dialog, but {pilot.app.screen!r}")


async def practice_all(pilot: Pilot[None], right: bool | None = None) -> None:
    """Take a practice quiz of the whole test bank (every other answer right unless *right*)."""
    await choose_mode(pilot, "practice")
    await pilot.press("ctrl+s")
    await pilot.pause()
    for index in range(quiz_screen(pilot).session.total):
        await answer_current(pilot, right=index % 2 == 0 if right is None else right)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert isinstance(pilot.app.screen, ResultsScreen)


# -- profiles ---------------------------------------------------------------------------------


async def test_first_start_asks_who_is_studying_and_records_under_that_profile() -> None:
    app = first_start_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await wait_for_dialog(pilot)
        # No profiles yet: only the name field, with the focus.
        assert not dialog.query_one("#profiles", OptionList).display
        assert isinstance(app.focused, Input)
        assert app.recorder is None
        await pilot.press("enter")  # an empty name is refused, with a reason
        assert "Type a name first." in str(dialog.query_one("#error", Label).render())
        await type_text(pilot, "  Ayşe   Kaya ")
        await pilot.press("enter")
        await wait_for_home(pilot)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.profile_name == "Ayşe Kaya"
        assert app.recorder is not None and app.recorder.profile == "Ayşe Kaya"
        assert "Profile: Ayşe Kaya" in str(app.screen.query_one("#profile", Label).render())
        await choose_mode(pilot, "practice")
        await pilot.press("ctrl+s")
        for _ in range(3):
            await answer_current(pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
        store = app.recorder.store
        (attempt,) = store.attempts("Ayşe Kaya")
        assert (attempt.answered, attempt.correct) == (3, 3)
    # Remembered with the progress, in the data dir; nothing about the student in the config dir.
    assert remembered_in_data_dir() == "Ayşe Kaya"
    settings_file = config_dir() / SETTINGS_FILE
    assert not settings_file.exists() or "Ayşe" not in settings_file.read_text(encoding="utf-8")

    # The next start remembers the student and asks nothing.
    app = first_start_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, ProfileDialog)
        assert app.profile_name == "Ayşe Kaya"
        assert app.recorder is not None and app.recorder.store.profiles() == ["Ayşe Kaya"]


async def test_another_data_dir_asks_who_is_studying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile chosen in one data dir is not the profile of another (``--data-dir``, or the
    next student of a lab machine who has their own)."""
    app = first_start_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_dialog(pilot)
        await type_text(pilot, "Ayşe")
        await pilot.press("enter")
        await wait_for_home(pilot)
        assert app.profile_name == "Ayşe"
    with monkeypatch.context() as patch:
        patch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "other-data"))
        app = first_start_app()
        async with app.run_test(size=SIZE) as pilot:
            dialog = await wait_for_dialog(pilot)
            assert dialog.profiles == []  # nobody from the first data dir is offered
            assert app.profile_name is None and app.recorder is None
            assert "Ayşe" not in screen_text(app)
    # The first data dir still opens on its student.
    app = first_start_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home(pilot)
        assert app.profile_name == "Ayşe"


async def test_cancelling_the_first_dialog_uses_the_os_user_without_remembering_it() -> None:
    app = first_start_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_dialog(pilot)
        await pilot.press("escape")
        await wait_for_home(pilot)
        assert app.profile_name == _default_profile()
        assert app.recorder is not None and app.recorder.profile == _default_profile()
    assert remembered_in_data_dir() is None


async def test_f3_switches_profile_and_each_profile_has_its_own_progress() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home(pilot)
        await practice_all(pilot)
        await pilot.press("ctrl+n")  # results -> home
        await pilot.pause()
        await pilot.press("f3")
        dialog = await wait_for_dialog(pilot)
        assert dialog.profiles == ["test-student"]
        await pilot.click("#new-name")
        await type_text(pilot, "Bob")
        await pilot.click("#create")
        await pilot.pause()
        assert app.profile_name == "Bob" and app.recorder.profile == "Bob"
        assert remembered_in_data_dir() == "Bob"
        await pilot.press("f4")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        assert not stats.query_one("#history", DataTable).display
        assert "No quizzes yet." in screen_text(app)
        await pilot.press("escape")
        # Back to the first student through the command palette, picking from the list.
        await pilot.press("ctrl+p")
        await type_text(pilot, "profile")
        await pilot.pause(0.3)
        await pilot.press("enter")
        dialog = await wait_for_dialog(pilot)
        assert dialog.profiles == ["Bob", "test-student"]
        assert dialog.query_one("#profiles", OptionList).highlighted == 0  # the current one
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.profile_name == "test-student"
        assert len(app.recorder.store.attempts("test-student")) == 1
        assert app.recorder.store.attempts("Bob") == []


# -- statistics -------------------------------------------------------------------------------


async def test_statistics_show_counts_streak_mastery_and_history_and_open_an_attempt() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home(pilot)
        await practice_all(pilot)
        session = app.screen.session  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        counts = str(stats.query_one("#counts", Static).render())
        assert "Questions seen: 8 of 8" in counts
        assert "Mastered: 0" in counts
        assert "Due for review now: 0" in counts
        assert "Daily streak: 1 day" in counts
        topics = str(stats.query_one("#topics", Static).render())
        assert "Alpha" in topics and "Beta" in topics and "0 of 5 mastered, 5 seen" in topics
        accuracy = str(stats.query_one("#accuracy", Static).render())
        assert "Nov 24" in accuracy
        assert f"{round(session.ratio() * 100)}%" in accuracy.replace("\xa0", "")
        table = stats.query_one("#history", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[1:5] == ["Practice", "Finished", "8/8", str(session.correct_count())]
        await pilot.press("enter")
        await pilot.pause()
        attempt = app.screen
        assert isinstance(attempt, AttemptScreen)
        blocks = [str(block.render()) for block in attempt.query(".answer").results(Static)]
        assert len(blocks) == 8
        for number, (question, block) in enumerate(zip(session.questions, blocks, strict=True), 1):
            grade = session.grades[question.id]
            mark = "✓" if grade.correct else "◐" if grade.partial else "✗"
            assert block.startswith(f"{mark} {number}. {question.prompt['en']}\n"), block
            assert f"Right answer: {describe_right_answer(question)}" in block
            assert f"Your answer: {describe_answer(question, session.answers[question.id])}" in block
            assert f"Points: {format_number(round(grade.points, 2))}/1" in block
        choice = next(i for i, q in enumerate(session.questions) if q.id == "q-choice")
        assert "Your answer: Astana\nRight answer: Astana" in blocks[choice]
        await pilot.press("escape")
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_statistics_follow_a_language_switch() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_home(pilot)
        await practice_all(pilot, right=True)
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.action_statistics()  # the palette's entry
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        app.set_language("tr")
        await pilot.pause()
        assert "Görülen sorular: 8 / 8" in str(stats.query_one("#counts", Static).render())
        assert "Alıştırma" in [str(c) for c in stats.query_one("#history", DataTable).get_row_at(0)]


# -- review mode --------------------------------------------------------------------------------


def _card_due(app: QuizApp, question_id: str) -> timedelta:
    record = app.recorder.store.card("test-student", "ui-test", question_id)
    assert record is not None
    return record.due - FIXED_NOW


@pytest.mark.parametrize("language", ["en", "tr", "kk"])
async def test_review_shows_when_the_question_is_next_due_and_a_self_rating_reschedules_it(
    language: str,
) -> None:
    app = build_app(language=language)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_quiz(pilot, "review")
        question_id = screen.session.question.id
        assert not screen.check_action("rate", ("good",))  # not before the answer is checked
        await answer_current(pilot, right=True)
        # Answered right at once (the test clock stands still): rated Easy, due in days.
        automatic = _card_due(app, question_id)
        assert automatic >= timedelta(days=1)
        feedback = str(screen.query_one("#feedback", Static).render())
        assert format_relative(automatic) in feedback
        assert "F5" in feedback and "F8" in feedback

        await pilot.press("f5")  # "again": a new card is due again in a minute
        await pilot.pause()
        assert _card_due(app, question_id) == timedelta(minutes=1)
        feedback = str(screen.query_one("#feedback", Static).render())
        assert format_relative(timedelta(minutes=1)) in feedback

        await pilot.press("f7")  # "good" replaces "again" (not a second review): ten minutes
        await pilot.pause()
        assert _card_due(app, question_id) == timedelta(minutes=10)
        assert format_relative(timedelta(minutes=10)) in str(screen.query_one("#feedback", Static).render())
        ratings = [
            row[0]
            for row in app.recorder.store._query(
                "SELECT rating FROM reviews WHERE question_id = ? ORDER BY id", (question_id,)
            )
        ]
        assert ratings == [4, 1, 3]  # the log keeps the automatic rating and each self-rating


async def test_practice_and_exam_offer_no_self_rating() -> None:
    app = build_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_quiz(pilot, "practice")
        await answer_current(pilot, right=True)
        assert not screen.check_action("rate", ("good",))
        question_id = screen.session.question.id
        before = _card_due(app, question_id)
        await pilot.press("f5")
        await pilot.pause()
        assert _card_due(app, question_id) == before
        assert "F5" not in str(screen.query_one("#feedback", Static).render())
