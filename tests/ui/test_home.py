"""The first screen shows exactly what Start runs and starts it with one key; the set-up form is
one key away and works with the keyboard alone (issue 11, items 5, 6, 7 and 15)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet

from quizapp import i18n
from quizapp.core.session import Mode
from quizapp.core.setup import QuizSetup
from quizapp.ui.app import QuizApp, make_app
from quizapp.ui.screens.home import MODE_HELP, MODE_NAMES, HomeScreen
from quizapp.ui.screens.quiz import QuizRunScreen
from quizapp.ui.widgets.summary import SummaryTable
from quizapp.ui.widgets.toggles import ToggleList
from tests.ui.helpers import ALL_KINDS, DATA, FIXED_NOW, open_setup, screen_text, type_text, wait_for_home

SECOND = DATA / "second.yaml"
SIZES = [(80, 24), (100, 30), (200, 60)]


def two_bank_app(language: str = "en", profile: str | None = "Ayşe") -> QuizApp:
    """The app over the small test bank and a second one with long topic names."""
    return make_app(
        extra_paths=[ALL_KINDS, SECOND],
        language=language,
        clock=lambda: FIXED_NOW,
        rng=random.Random(7),
        include_bundled=False,
        profile=profile,
    )


def remember(app: QuizApp, setup: QuizSetup) -> None:
    """Store *setup* as the profile's last one, as a previous run would have."""
    from quizapp.core.store import Store
    from quizapp.paths import data_dir

    with Store.open(data_dir(), FIXED_NOW)[0] as store:
        assert app.profile_name is not None
        store.get_or_create_profile(app.profile_name, FIXED_NOW)
        store.save_setup(app.profile_name, setup)


def home(app: QuizApp) -> HomeScreen:
    screen = app.screen
    assert isinstance(screen, HomeScreen), type(screen)
    return screen


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def fully_shown(text: str, shown: str) -> bool:
    """Every word of *text* is on screen (a word cut mid-way, or hidden, is not)."""
    return all(word in shown for word in words(text))


async def in_view(pilot: Pilot[None], widget: Widget) -> None:
    """Wait until *widget* is scrolled fully into view in the form's right-hand column (a busy
    machine may take a few frames)."""
    column = widget.screen.query_one("#right")
    for _ in range(50):
        await pilot.pause()
        if widget.region.area and column.region.contains_region(widget.region):
            return
    raise AssertionError(f"{widget} never came into view")


async def started(pilot: Pilot[None]) -> QuizRunScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, QuizRunScreen):
            return pilot.app.screen
    raise AssertionError(f"no quiz started: {pilot.app.screen!r}")


# -- item 5: the first screen shows what Start runs ---------------------------------------------

EXAM = QuizSetup(
    "second", topics=("security", "economy"), difficulties=(2, 3), count=20, mode=Mode.EXAM, time_limit=1
)


@pytest.mark.parametrize("language", ["en", "tr", "kk"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_summary_shows_exactly_what_start_runs_at_every_size(
    language: str, size: tuple[int, int]
) -> None:
    app = two_bank_app(language)
    remember(app, EXAM)
    async with app.run_test(size=size) as pilot:
        await wait_for_home(pilot)
        screen = home(app)
        shown = screen_text(app)
        # Every row of the summary is on screen, above the start bar: nothing hidden below.
        summary = screen.query_one(SummaryTable)
        assert summary.region.bottom <= screen.query_one("#start-bar").region.y
        assert screen.query_one("#start", Button).region.bottom <= size[1] - 1
        for expected in (
            i18n._("Second bank")
            if language == "en"
            else {"tr": "İkinci banka", "kk": "Екінші банк"}[language],
            i18n._(MODE_NAMES[Mode.EXAM]),
            i18n.ngettext("{count} minute", "{count} minutes", 1).format(count=1),
            i18n._("Medium"),
            i18n._("Hard"),
        ):
            assert expected in shown, (expected, shown)
        assert fully_shown(i18n._(MODE_HELP[Mode.EXAM]), shown)
        # Start runs exactly that, with one key.
        assert screen.focused is screen.query_one("#start")
        await pilot.press("enter")
        quiz = await started(pilot)
    session = quiz.session
    assert session.bank.id == "second" and session.mode is Mode.EXAM
    assert session.time_limit is not None and session.time_limit.total_seconds() == 60
    # 2 topics × 2 levels × 2 questions = 8 match, fewer than the 20 asked for.
    assert session.total == 8
    assert {t for q in session.questions for t in q.topics} == {"security", "economy"}
    assert {q.difficulty for q in session.questions} == {2, 3}


async def test_a_review_summary_counts_what_the_review_asks() -> None:
    """Review asks what is due and what is new, not every question of the topics: the summary
    says how many that is, and Start asks exactly those."""
    from quizapp.core.review import SELF_RATINGS

    app = two_bank_app()
    remember(app, QuizSetup("second", topics=("history", "ministry"), count=None, mode=Mode.REVIEW))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        recorder = app.recorder
        assert recorder is not None and app.catalog is not None
        bank = app.catalog.banks[1].bank
        # Five of the twelve questions of those topics were reviewed just now: not due yet.
        for question in [q for q in bank.questions if q.topics[0] in ("history", "ministry")][:5]:
            rating = recorder.planner.rating_for(None, None, SELF_RATINGS[-1])
            recorder.planner.record_review(
                recorder.store, recorder.profile, bank.id, question.id, rating, FIXED_NOW
            )
        app.push_screen(Screen())  # away and back: counted again
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        summary = str(home(app).query_one(SummaryTable).render())
        assert re.search(r"Number of questions\s+7\b", summary), summary
        await pilot.press("enter")
        assert (await started(pilot)).session.total == 7


async def test_a_first_time_student_gets_a_suggested_quiz_and_one_key_starts_it() -> None:
    app = two_bank_app(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await type_text(pilot, "Ayşe")
        await pilot.press("enter")
        await wait_for_home(pilot)
        assert "Suggested for a start" in screen_text(app)
        assert "All 2 topics" in screen_text(app) and "Practice" in screen_text(app)
        await pilot.press("enter")
        quiz = await started(pilot)
        assert quiz.session.mode is Mode.PRACTICE and quiz.session.bank.id == "ui-test"
    # Started once, it is what the student is offered next time.
    app = two_bank_app(profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        assert app.profile_name == "Ayşe"
        hint = next(s for s in app.screen_stack if isinstance(s, HomeScreen)).query_one("#hint", Label)
        assert str(hint.render()) == i18n._("Press Enter to start, or F5 to change it.")


async def test_each_profile_has_its_own_set_up() -> None:
    app = two_bank_app()
    remember(app, EXAM)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        assert "Exam" in screen_text(app)
        app.use_profile("Bob")
        await pilot.pause()
        assert "Exam" not in screen_text(app) and "Suggested for a start" in screen_text(app)
        app.use_profile("Ayşe")
        await pilot.pause()
        assert "Exam" in screen_text(app)


async def test_a_teachers_fixed_set_up_is_shown_read_only_and_started_as_is() -> None:
    app = two_bank_app()
    remember(app, QuizSetup("ui-test"))
    app.fixed_setup = QuizSetup("second", topics=("history",), count=3, mode=Mode.EXAM, time_limit=5, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        screen = home(app)
        assert "Quiz set by your teacher" in screen_text(app)
        assert not screen.query_one("#change").display
        await pilot.press("f5")  # no form to change it
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")
        quiz = await started(pilot)
    assert (quiz.session.bank.id, quiz.session.total, quiz.session.mode) == ("second", 3, Mode.EXAM)
    assert app.setup == QuizSetup("ui-test")  # the student's own set-up is left alone


async def test_back_from_the_form_keeps_the_choices() -> None:
    app = two_bank_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        form = await open_setup(pilot)
        form.query_one("#mode").focus()
        await pilot.press("down", "enter")  # exam
        await pilot.press("escape")
        await pilot.pause()
        assert "Exam" in screen_text(app)
        assert app.setup is not None and app.setup.mode is Mode.EXAM
        await pilot.press("ctrl+s")
        assert (await started(pilot)).session.mode is Mode.EXAM


# -- item 7: every control with keys alone ----------------------------------------------------


async def test_an_exam_on_another_bank_set_up_with_keys_only() -> None:
    """No clicks: F5, another bank, two topics off, 20 questions, exam, 15 minutes, Start."""
    app = two_bank_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("f5")
        form = await open_setup(pilot)
        assert form.focused is form.query_one("#banks")
        await pilot.press("down", "enter")  # the second bank; Enter goes on to its topics
        await pilot.pause()
        assert form.focused is form.query_one("#topics")
        await pilot.press("down", "space", "down", "space")  # untick history and the ministry
        await pilot.press("tab", "tab")  # past difficulty to the number of questions
        assert form.focused is form.query_one("#count")
        await pilot.press("right", "enter")  # 20
        await pilot.press("tab", "down", "enter")  # exam
        await pilot.pause()
        await pilot.press("tab")
        assert form.focused is form.query_one("#time-limit")
        await pilot.press("1", "5", "enter")  # Enter goes on to Start
        assert form.focused is form.query_one("#start")
        await pilot.press("enter")
        quiz = await started(pilot)
    session = quiz.session
    assert session.bank.id == "second" and session.mode is Mode.EXAM
    assert session.time_limit is not None and session.time_limit.total_seconds() == 15 * 60
    assert session.total == 12  # 20 asked for, 12 in the two topics left
    assert {t for q in session.questions for t in q.topics} == {"security", "economy"}
    assert app.setup == QuizSetup("second", ("security", "economy"), None, 20, Mode.EXAM, 15)


async def test_tab_and_shift_tab_reach_every_control_with_a_visible_focus() -> None:
    app = two_bank_app()
    remember(app, EXAM)  # an exam: the time limit is on the form too
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        screen = home(app)
        assert screen.focused is not None and screen.focused.id == "start"
        await pilot.press("tab")
        assert screen.focused is not None and screen.focused.id == "change"
        await pilot.press("right")
        assert screen.focused is not None and screen.focused.id == "start"
        await pilot.press("left", "enter")  # Change quiz
        form = await open_setup(pilot)
        order = ["banks", "topics", "difficulty", "count", "mode", "time-limit", "back", "start"]
        seen = []
        for _ in order:
            focused = form.focused
            assert focused is not None
            seen.append(focused.id)
            # Shown: inside the screen, and marked (a focus style that differs from the rest).
            assert focused.region.bottom <= 24 and focused.region.right <= 80, focused
            assert focused.has_pseudo_class("focus")
            await pilot.press("tab")
        assert seen == order
        assert form.focused is form.query_one("#banks")  # round again
        back = []
        for _ in order:
            await pilot.press("shift+tab")
            assert form.focused is not None
            back.append(form.focused.id)
        assert back == order[::-1]
        # The lists and radio sets show focus with a bar on their left.
        mode = form.query_one("#mode", RadioSet)
        count = form.query_one("#count", RadioSet)
        mode.focus()
        await pilot.pause()
        assert mode.styles.border_left[1] != count.styles.border_left[1]


async def test_review_is_reachable_at_80_by_24() -> None:
    app = two_bank_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        form = await open_setup(pilot)
        form.query_one("#mode").focus()
        await pilot.press("down", "down", "space")
        await pilot.pause()
        review = form.query_one("#mode-review")
        assert review.region.bottom <= 24 - 4  # above the button bar
        await pilot.press("ctrl+s")
        assert (await started(pilot)).session.mode is Mode.REVIEW


async def test_a_burst_of_keys_ticks_exactly_the_options_pressed() -> None:
    """Space Down Down Space arriving together (a fast typist): the first and third topics are
    unticked, as when the keys come apart (RELIABILITY.md §9)."""
    app = two_bank_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        form = await open_setup(pilot)
        form.query_one("#banks", OptionList).highlighted = 1
        await pilot.pause()
        topics = form.query_one("#topics", ToggleList)
        topics.focus()
        topics.highlighted = 0
        await pilot.pause()
        for key, character in (("space", " "), ("down", None), ("down", None), ("space", " ")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert topics.highlighted == 2
        assert list(topics.selected) == ["ministry", "economy"]


# -- item 6: text that fits -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "tr", "kk"])
async def test_long_topic_names_wrap_and_keep_their_counts(language: str) -> None:
    app = two_bank_app(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        form = await open_setup(pilot)
        form.query_one("#banks", OptionList).highlighted = 1
        await pilot.pause()
        shown = screen_text(app)
        bank = app.catalog.bank("second") if app.catalog else None
        assert bank is not None
        for topic in bank.bank.topics:
            assert fully_shown(topic.name[language], shown), topic.name[language]
        topics = form.query_one("#topics", ToggleList)
        # One checkbox per topic, on its first line; a wrapped name continues under the name.
        lines = [topics.render_line(y).text for y in range(topics.size.height)]
        boxes = [line for line in lines if line.lstrip().startswith("▐")]
        assert len(boxes) == topics.option_count == 4
        assert len([line for line in lines if line.strip()]) > 4, "no name needed wrapping"
        for line in lines:
            if line.strip() and not line.lstrip().startswith("▐"):
                assert line.startswith("    "), line
        # The question count follows every name (at the end of its last line).
        ends = [line.rstrip() for line in lines if line.strip()]
        assert sum(1 for line in ends if line.endswith("  6")) == 4, ends


@pytest.mark.parametrize("language", ["en", "tr", "kk"])
@pytest.mark.parametrize("width", [80, 110])
async def test_mode_descriptions_and_the_time_limit_are_never_cut(language: str, width: int) -> None:
    app = two_bank_app(language)
    remember(app, EXAM)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_for_home(pilot)
        form = await open_setup(pilot)
        for mode in Mode:
            form.query_one(f"#mode-{mode.value}", RadioButton).value = True
            await pilot.pause()
            help_label = form.query_one("#mode-help", Label)
            help_label.scroll_visible(animate=False, immediate=True)
            await in_view(pilot, help_label)
            assert fully_shown(i18n._(MODE_HELP[mode]), screen_text(app)), mode
        form.query_one("#mode-exam", RadioButton).value = True
        await pilot.pause()
        form.query_one("#time-limit", Input).focus()
        await in_view(pilot, form.query_one("#time-unit"))
        assert fully_shown(i18n._("minutes (empty: no limit)"), screen_text(app))
        assert fully_shown(i18n._("Time limit"), screen_text(app))


async def test_bank_problems_stay_one_line_each_with_an_ellipsis(tmp_path: Path) -> None:
    broken = tmp_path / ("a-bank-with-a-very-long-name-" * 4 + ".yaml")
    broken.write_text("format: 1\nbank: [\n", encoding="utf-8")
    app = make_app(
        extra_paths=[ALL_KINDS, broken],
        language="kk",
        clock=lambda: FIXED_NOW,
        include_bundled=False,
        profile="p",
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        screen = home(app)
        problems = screen.query_one("#problems", Label)
        assert problems.display
        lines = [line.text for line in problems.render_lines(problems.region.reset_offset)]
        assert lines[0].strip().endswith(":")
        assert any(line.rstrip().endswith("…") for line in lines[1:])
        assert problems.region.height == 2  # a heading and one problem: not wrapped
        # The summary and Start are still there.
        assert screen.query_one("#start", Button).region.bottom <= 23
        assert not screen.query_one("#start", Button).disabled


@pytest.mark.parametrize("profiles", [(), ("Айгүл", "Bob")])
async def test_the_profile_dialog_wraps_its_hints_in_kazakh(profiles: tuple[str, ...]) -> None:
    from quizapp.core.store import Store
    from quizapp.paths import data_dir
    from quizapp.ui.profiles import ProfileDialog

    with Store.open(data_dir(), FIXED_NOW)[0] as store:
        for name in profiles:
            store.get_or_create_profile(name, FIXED_NOW)
    app = two_bank_app("kk", profile=None)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, ProfileDialog):
                break
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        shown = screen_text(app)
        for widget_id in ("#title", "#pick-hint", "#new-hint"):
            label = dialog.query_one(widget_id, Label)
            if label.display:
                assert fully_shown(str(label.render()), shown), widget_id


async def test_without_banks_the_screen_says_so_and_nothing_can_start() -> None:
    app = make_app(language="en", clock=lambda: FIXED_NOW, include_bundled=False, profile="p")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if app.catalog is not None:
                break
        await pilot.pause()
        screen = home(app)
        assert "There are no question banks to choose from." in screen_text(app)
        assert screen.query_one("#start", Button).disabled
        await pilot.press("f5", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
