"""The full quiz set-up form: bank, topics, difficulty, number of questions, mode, time limit.

Opened from the home screen (F5) on the set-up it shows, and composed only then, so the lists and
radio buttons cost nothing at start-up. It dismisses a :class:`SetupChoice`: the set-up built
from the form, and whether to start it at once (Start) or go back to the summary (Back, Escape).
Going back keeps the choices: the summary then shows them, and Start runs them.

Every control is reached with Tab / shift+Tab and worked with the arrows, Enter and Space; the
scrolling body itself never takes the focus (a focused scroll container would swallow the arrow
keys meant for the next list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizapp.core.session import Mode
from quizapp.core.setup import DEFAULT_COUNT, DIFFICULTIES, QuizSetup
from quizapp.i18n import N_, _, format_number, ngettext
from quizapp.ui.base import QuizScreen
from quizapp.ui.screens.home import DIFFICULTY_NAMES, MODE_HELP, MODE_NAMES
from quizapp.ui.text import content
from quizapp.ui.widgets.keybar import KeyBar
from quizapp.ui.widgets.toggles import ToggleList

if TYPE_CHECKING:
    from quizapp.core.bankfiles import LoadedBank
    from quizapp.core.catalog import Catalog
    from quizapp.core.model import Bank, Question

#: The numbers of questions offered (None: all); a set-up's own other number is added.
COUNTS: tuple[int | None, ...] = (DEFAULT_COUNT, 20, None)


@dataclass(frozen=True, slots=True)
class SetupChoice:
    """What the form was left with."""

    setup: QuizSetup
    """The set-up the form shows."""
    start: bool
    """Start it now (Start) rather than go back to the summary (Back)."""


class SetupScreen(QuizScreen):
    """Choose the bank, topics, difficulty, number of questions, mode and time limit."""

    CSS_PATH = "setup.tcss"
    AUTO_FOCUS = "#banks"
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start"), priority=True),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the summary, keeping these choices")),
    ]

    def __init__(
        self,
        catalog: Catalog,
        setup: QuizSetup,
        review_order: Callable[[Bank], Sequence[Question] | None] = lambda _bank: None,
    ) -> None:
        super().__init__()
        #: The banks to choose from (at least one).
        self.catalog = catalog
        #: A review's order of questions in a bank (due first, then new), to count what it asks.
        self.review_order = review_order
        #: The set-up the form opened on.
        self.initial = setup
        counts = list(COUNTS)
        if setup.count not in counts:
            counts.insert(-1, setup.count)
        #: The numbers of questions offered.
        self.counts = tuple(counts)
        #: The bank whose topics the topic list shows.
        self._topics_of = ""
        self._available_pending = False

    def compose(self) -> ComposeResult:
        setup = self.initial
        ids = [b.bank.id for b in self.catalog.banks]
        bank_index = ids.index(setup.bank_id) if setup.bank_id in ids else 0
        bank = self.catalog.banks[bank_index].bank
        titles = self._section_titles()

        def section(widget_id: str) -> Label:
            return Label(titles[widget_id], id=widget_id, classes="section", markup=False)

        banks = OptionList(
            *[Option(self._bank_prompt(b), id=b.bank.id) for b in self.catalog.banks], id="banks"
        )
        # Set before mounting: a highlight change would refill the topics the form starts with.
        banks.set_reactive(OptionList.highlighted, bank_index)
        self._topics_of = bank.id
        yield Header()
        with Horizontal(id="columns"):
            with Vertical(id="left"):
                yield section("banks-title")
                yield banks
                yield section("topics-title")
                yield ToggleList[str](*self._topic_selections(bank, setup), id="topics")
            with VerticalScroll(id="right", can_focus=False):
                yield section("difficulty-title")
                yield ToggleList[int](*self._difficulty_selections(setup), id="difficulty")
                yield section("count-title")
                yield RadioSet(
                    *[
                        RadioButton(self._count_label(count), value=count == setup.count, id=f"count-{index}")
                        for index, count in enumerate(self.counts)
                    ],
                    id="count",
                )
                yield section("mode-title")
                yield RadioSet(
                    *[
                        RadioButton(
                            Content(_(MODE_NAMES[mode])), value=mode is setup.mode, id=f"mode-{mode.value}"
                        )
                        for mode in Mode
                    ],
                    id="mode",
                )
                yield Label(id="mode-help", classes="muted", markup=False)
                with Vertical(id="time"):
                    yield section("time-title")
                    with Horizontal(id="time-row"):
                        yield Input(
                            str(setup.time_limit or ""), id="time-limit", type="integer", max_length=3
                        )
                        yield Label(_("minutes (empty: no limit)"), id="time-unit", markup=False)
        with Horizontal(id="form-bar"):
            yield Label(id="available", markup=False)
            yield Button(_("Back"), id="back", action="screen.back")
            yield Button(_("Start"), id="start", variant="primary", action="screen.start")
        yield KeyBar()

    def on_mount(self) -> None:
        # A radio set puts its cursor on its first button when mounted; put it on the pressed one,
        # so that Enter or Space on a set just reached by Tab keeps the choice instead of
        # changing it.
        for radio_set in self.query(RadioSet):
            if radio_set.pressed_index >= 0:
                radio_set._selected = radio_set.pressed_index
        self._draw_available()

    # -- what the form says --
    def _selected_bank(self) -> Bank:
        index = self.query_one("#banks", OptionList).highlighted or 0
        return self.catalog.banks[index].bank

    def _mode(self) -> Mode:
        pressed = self.query_one("#mode", RadioSet).pressed_button
        return Mode(pressed.id.removeprefix("mode-")) if pressed and pressed.id else Mode.PRACTICE

    def _count(self) -> int | None:
        pressed = self.query_one("#count", RadioSet).pressed_button
        index = int(pressed.id.removeprefix("count-")) if pressed and pressed.id else 0
        return self.counts[index]

    def _time_limit(self) -> int | None:
        raw = self.query_one("#time-limit", Input).value.strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else None

    def setup(self) -> QuizSetup | None:
        """The set-up the form shows (None while no topic or no difficulty is ticked)."""
        topics_list = self.query_one("#topics", ToggleList)
        topics = tuple(topics_list.selected)
        levels = tuple(sorted(self.query_one("#difficulty", ToggleList).selected))
        if not topics or not levels:
            return None
        mode = self._mode()
        return QuizSetup(
            bank_id=self._selected_bank().id,
            topics=None if len(topics) == topics_list.option_count else topics,
            difficulties=None if set(levels) == set(DIFFICULTIES) else levels,
            count=self._count(),
            mode=mode,
            time_limit=self._time_limit() if mode is Mode.EXAM else None,
            seed=self.initial.seed,
        )

    def _asked(self, setup: QuizSetup | None) -> int:
        """How many questions Start would ask."""
        if setup is None:
            return 0
        bank = self._selected_bank()
        return setup.question_count(bank, self.review_order(bank) if setup.mode is Mode.REVIEW else None)

    def _update_available(self) -> None:
        """Redraw what the choices add up to, once per refresh however many choices changed."""
        if not self._available_pending:
            self._available_pending = True
            self.call_after_refresh(self._draw_available)

    def _draw_available(self) -> None:
        self._available_pending = False
        setup = self.setup()
        asked = self._asked(setup)
        available = self.query_one("#available", Label)
        available.update(
            ngettext("{count} question will be asked.", "{count} questions will be asked.", asked).format(
                count=format_number(asked)
            )
            if asked
            else _("No questions match these choices.")
        )
        available.set_class(not asked, "-warning")
        self.query_one("#start", Button).disabled = not asked
        self._draw_mode()

    def _draw_mode(self) -> None:
        # At once, not after the next refresh: a Tab right after choosing Exam must find the
        # time limit already there.
        mode = self._mode()
        self.query_one("#mode-help", Label).update(_(MODE_HELP[mode]))
        self.query_one("#time").display = mode is Mode.EXAM

    # -- choosing --
    @on(OptionList.OptionHighlighted, "#banks")
    def _bank_changed(self) -> None:
        bank = self._selected_bank()
        if bank.id == self._topics_of:
            return
        self._topics_of = bank.id
        topics = self.query_one("#topics", ToggleList)
        topics.clear_options()
        topics.add_options(self._topic_selections(bank, None))
        self._update_available()

    @on(OptionList.OptionSelected, "#banks")
    def _bank_chosen(self) -> None:
        # Enter on a bank: on to its topics.
        self.query_one("#topics").focus()

    @on(ToggleList.SelectedChanged)
    @on(RadioSet.Changed)
    def _choice_changed(self) -> None:
        self._draw_mode()
        self._update_available()

    @on(Input.Submitted, "#time-limit")
    def _time_entered(self) -> None:
        # Enter after typing the minutes: on to Start (one more Enter starts).
        self.query_one("#start", Button).focus()

    def action_start(self) -> None:
        """Start a quiz from the form's set-up (remembered by the home screen)."""
        setup = self.setup()
        if setup is None or not self._asked(setup):
            self.quiz_app.say(lambda: _("No questions match these choices."), severity="warning")
            return
        self.dismiss(SetupChoice(setup, start=True))

    def action_back(self) -> None:
        """Back to the summary, which then shows these choices (unless they match nothing)."""
        setup = self.setup()
        self.dismiss(SetupChoice(setup, start=False) if setup is not None else None)

    # -- building the lists --
    def _topic_selections(self, bank: Bank, setup: QuizSetup | None) -> list[Selection[str]]:
        """The bank's topics that have questions, ticked as in *setup* (None: all)."""
        wanted = set(setup.topics) if setup is not None and setup.topics is not None else None
        if setup is not None and setup.bank_id != bank.id:
            wanted = None
        counts = bank.topic_counts()
        return [
            Selection(self._topic_label(bank, t.id, counts[t.id]), t.id, wanted is None or t.id in wanted)
            for t in bank.topics
            if counts.get(t.id, 0)
        ]

    def _difficulty_selections(self, setup: QuizSetup) -> list[Selection[int]]:
        wanted = set(setup.difficulties or DIFFICULTIES)
        return [Selection(Content(_(DIFFICULTY_NAMES[d])), d, d in wanted) for d in DIFFICULTIES]

    def _bank_prompt(self, loaded: LoadedBank) -> Content:
        count = len(loaded.bank.questions)
        return Content.assemble(
            content(loaded.bank.title, loaded.bank.source_language),
            (
                "  "
                + ngettext("{count} question", "{count} questions", count).format(count=format_number(count)),
                "dim",
            ),
        )

    def _topic_label(self, bank: Any, topic_id: str, count: int) -> Content:
        topic = bank.topic(topic_id)
        return Content.assemble(
            content(topic.name, bank.source_language) if topic else Content(topic_id),
            (f"  {format_number(count)}", "dim"),
        )

    def _count_label(self, count: int | None) -> Content:
        return Content(_("All") if count is None else format_number(count))

    def _section_titles(self) -> dict[str, str]:
        return {
            "banks-title": _("Question bank"),
            "topics-title": _("Topics"),
            "difficulty-title": _("Difficulty"),
            "count-title": _("Number of questions"),
            "mode-title": _("Mode"),
            "time-title": _("Time limit"),
        }

    # -- language --
    def refresh_language(self) -> None:
        super().refresh_language()
        for widget_id, title in self._section_titles().items():
            self.query_one(f"#{widget_id}", Label).update(title)
        self.query_one("#time-unit", Label).update(_("minutes (empty: no limit)"))
        self.query_one("#start", Button).label = _("Start")
        self.query_one("#back", Button).label = _("Back")
        for index, count in enumerate(self.counts):
            self.query_one(f"#count-{index}", RadioButton).label = self._count_label(count)
        for mode in Mode:
            self.query_one(f"#mode-{mode.value}", RadioButton).label = Content(_(MODE_NAMES[mode]))
        banks = self.query_one("#banks", OptionList)
        for index, loaded in enumerate(self.catalog.banks):
            banks.replace_option_prompt_at_index(index, self._bank_prompt(loaded))
        bank = self._selected_bank()
        counts = bank.topic_counts()
        topics = self.query_one("#topics", ToggleList)
        for index in range(topics.option_count):
            topic_id = topics.get_option_at_index(index).value
            topics.replace_option_prompt_at_index(
                index, self._topic_label(bank, topic_id, counts.get(topic_id, 0))
            )
        levels = self.query_one("#difficulty", ToggleList)
        for index in range(levels.option_count):
            levels.replace_option_prompt_at_index(index, Content(_(DIFFICULTY_NAMES[index + 1])))
        self._update_available()
