"""The home screen: pick a bank, topics, difficulty, how many questions and a mode, then start.

Banks load in a worker thread so the screen appears at once, however big they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    LoadingIndicator,
    OptionList,
    RadioButton,
    RadioSet,
    SelectionList,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizapp.core.session import Mode
from quizapp.core.setup import DIFFICULTIES, QuizSetup
from quizapp.i18n import N_, N_plural, _, format_number, ngettext
from quizapp.ui.base import QuizScreen
from quizapp.ui.text import content
from quizapp.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quizapp.core.bankfiles import LoadedBank
    from quizapp.core.catalog import Catalog
    from quizapp.core.model import Bank

#: How long the home screen's first frame waits for the banks before it shows a spinner instead:
#: a spinner shown for less than a tenth of a second is a flicker, not information.
FIRST_FRAME_WAIT_S = 0.1

WELCOME = N_("Choose a question bank, topics and a mode, then press Start.")
DIFFICULTY_NAMES = {1: N_("Easy"), 2: N_("Medium"), 3: N_("Hard")}
COUNTS = (("10", 10), ("20", 20), (N_("All"), None))
MODE_NAMES = {Mode.PRACTICE: N_("Practice"), Mode.EXAM: N_("Exam"), Mode.REVIEW: N_("Review")}
MODE_HELP = {
    Mode.PRACTICE: N_("See right away whether each answer is right, and why."),
    Mode.EXAM: N_("No feedback until the end; change answers, flag questions, optional time limit."),
    Mode.REVIEW: N_("Self-study: questions due for review first, then new ones."),
}


class HomeScreen(QuizScreen):
    """Set up a quiz."""

    CSS_PATH = "home.tcss"
    # Straight to Start: focusing the first focusable widget (the scrolling container) and then
    # moving on would restyle the whole set-up panel twice.
    AUTO_FOCUS = "#start"
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start"), priority=True),
        Binding("f3", "app.switch_profile", N_("Profile"), tooltip=N_("Switch to another profile")),
        Binding("f4", "app.statistics", N_("Statistics"), tooltip=N_("Your progress in this question bank")),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The banks on show (None until the set-up panel is filled in).
        self.catalog: Catalog | None = None
        self._shown: Catalog | None = None
        #: The bank whose topics the topic list shows.
        self._topics_of: str | None = None
        self._available_pending = False
        self._due_counts: dict[tuple[str, str], int] = {}

    def compose(self) -> ComposeResult:
        # Banks that load within FIRST_FRAME_WAIT_S (cached or small ones) are laid out with the
        # first frame, already filled in; bigger ones load behind a spinner and the set-up panel is
        # mounted when they are in. Either way every widget is built with its final content, so
        # the screen is styled and laid out once.
        catalog = self.quiz_app.catalog_within(FIRST_FRAME_WAIT_S)
        yield Header()
        with VerticalScroll(id="home"):
            yield Label(_(WELCOME), id="welcome", markup=False)
            yield Label(id="profile", classes="muted", markup=False)
            if catalog is None:
                yield LoadingIndicator(id="loading")
            yield Label(id="problems", markup=False)
            if catalog is not None and catalog.banks:
                yield self._setup_panel(catalog)
        if catalog is not None and catalog.banks:
            yield self._start_bar()
        yield KeyBar()

    def _start_bar(self) -> Horizontal:
        return Horizontal(
            Label(id="available", markup=False),
            Button(_("Start"), id="start", variant="primary"),
            id="start-bar",
        )

    def _setup_panel(self, catalog: Catalog) -> Horizontal:
        """The quiz set-up widgets (bank, topics, difficulty, count, mode, time limit), built
        with the last choices (no change messages to race with the student)."""
        setup = self.quiz_app.setup
        ids = [b.bank.id for b in catalog.banks]
        bank_index = ids.index(setup.bank_id) if setup is not None and setup.bank_id in ids else 0
        bank = catalog.banks[bank_index].bank
        if setup is None:
            setup = QuizSetup.default_for(bank)
        count_index = next((i for i, (_l, v) in enumerate(COUNTS) if v == setup.count), 0)
        mode_value = setup.mode.value
        limit_text = str(setup.time_limit) if setup.time_limit else ""
        titles = self._section_titles()

        def section(widget_id: str) -> Label:
            return Label(titles[widget_id], id=widget_id, classes="section", markup=False)

        banks = OptionList(*[Option(self._bank_prompt(b), id=b.bank.id) for b in catalog.banks], id="banks")
        # Set before mounting: a highlight change would refill the topics the panel starts with.
        banks.set_reactive(OptionList.highlighted, bank_index)
        self._topics_of = bank.id
        left = Vertical(
            section("banks-title"),
            banks,
            section("topics-title"),
            SelectionList[str](*self._topic_selections(bank, restore=True), id="topics"),
            id="left",
        )
        right = Vertical(
            section("difficulty-title"),
            SelectionList[int](*self._difficulty_selections(restore=True), id="difficulty"),
            section("count-title"),
            RadioSet(
                *[
                    RadioButton(Content(_(label)), value=index == count_index, id=f"count-{index}")
                    for index, (label, _value) in enumerate(COUNTS)
                ],
                id="count",
            ),
            section("mode-title"),
            RadioSet(
                *[
                    RadioButton(
                        Content(_(MODE_NAMES[mode])), value=mode.value == mode_value, id=f"mode-{mode.value}"
                    )
                    for mode in Mode
                ],
                id="mode",
            ),
            Label(id="mode-help", classes="muted", markup=False),
            Horizontal(
                Label(titles["time-title"], id="time-title", markup=False),
                Input(limit_text, id="time-limit", type="integer", max_length=3),
                id="time-row",
            ),
            id="right",
        )
        return Horizontal(left, right, id="setup")

    def on_mount(self) -> None:
        self.query_one("#problems").display = False
        self._draw_profile()
        # is_mounted turns true only after this handler: show the banks once it has.
        self.call_later(self._show_loaded)

    def _show_loaded(self) -> None:
        catalog = self.quiz_app.catalog_within(0)
        if catalog is not None:
            self.show_catalog(catalog)

    def show_catalog(self, catalog: Catalog) -> None:
        """Show the loaded banks (mounting the set-up panel first if they came after the first frame)."""
        if self._shown is catalog or not self.is_mounted:
            return  # already shown or on its way; before mounting, on_mount shows it
        self._shown = catalog
        if self.query("#loading"):
            self.call_later(self._mount_panel, catalog)
        else:
            self._catalog_shown(catalog)

    async def _mount_panel(self, catalog: Catalog) -> None:
        await self.query_one("#loading").remove()
        if catalog.banks:
            await self.query_one("#home", VerticalScroll).mount(self._setup_panel(catalog))
            await self.mount(self._start_bar(), before=self.query_one(KeyBar))
        self._catalog_shown(catalog)

    def _catalog_shown(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if catalog.problems:
            self.query_one("#problems", Label).display = True
            self._show_problems()
        if catalog.banks:
            self.query_one("#start", Button).focus()
            self._draw_available()
            self._offer_resume()

    def _offer_resume(self) -> None:
        """After a crash or a closed terminal, offer to continue the unfinished quiz."""
        recorder = self.quiz_app.recorder
        if recorder is None or self.catalog is None:
            return
        unfinished = recorder.store.unfinished_attempt(recorder.profile)
        if unfinished is None:
            return
        loaded = self.catalog.bank(unfinished.bank_id)
        if loaded is None:
            return
        from quizapp.ui.dialogs import ConfirmDialog

        answered = len(unfinished.answers)

        def chosen(resume: bool | None) -> None:
            now = self.quiz_app.clock()
            if not resume:
                recorder.store.abandon_attempt(unfinished.attempt_id, now)
                return
            session = recorder.store.load_session(unfinished.attempt_id, loaded.bank)
            recorder.adopt(session, unfinished.attempt_id)
            if session.expired(now):
                session = recorder.store.finish_expired(unfinished.attempt_id, loaded.bank, now)
                self.notify(
                    _(
                        "The exam's time ran out while the app was closed; it was submitted with your saved answers."
                    )
                )
                from quizapp.ui.screens.results import ResultsScreen

                self.app.push_screen(ResultsScreen(session))
                return
            from quizapp.ui.screens.quiz import QuizRunScreen

            self.app.push_screen(QuizRunScreen(session))

        self.app.push_screen(
            ConfirmDialog(
                N_("Resume your unfinished quiz?"),
                (*N_plural("{answered} answer was saved.", "{answered} answers were saved."), "answered"),
                yes=N_("Resume"),
                no=N_("Discard"),
                answered=answered,
            ),
            chosen,
        )

    def profile_changed(self) -> None:
        """Another profile is in use: show its name and due count, and offer its unfinished quiz."""
        self._draw_profile()
        self._update_available()
        if self.catalog is not None:
            self._offer_resume()

    def _draw_profile(self) -> None:
        name = self.quiz_app.profile_name
        label = self.query_one("#profile", Label)
        label.display = name is not None
        if name is not None:
            label.update(_("Profile: {name}").format(name=name))

    def _show_problems(self) -> None:
        assert self.catalog is not None
        count = len(self.catalog.problems)
        lines = [
            ngettext(
                "{count} problem in the question banks:", "{count} problems in the question banks:", count
            ).format(count=count)
        ]
        lines += [str(p) for p in self.catalog.problems[:5]]
        if count > 5:
            lines.append(_("Run quizapp validate to see them all."))
        self.query_one("#problems", Label).update("\n".join(lines))

    # -- current choices --
    @property
    def selected_bank(self) -> Bank | None:
        """The bank highlighted in the list (None while the banks load or if there are none)."""
        bank: Bank | None = self._selected_bank()
        return bank

    def _selected_bank(self) -> Any:
        if not self.catalog or not self.catalog.banks:
            return None
        index = self.query_one("#banks", OptionList).highlighted or 0
        return self.catalog.banks[index].bank

    def _fill_bank(self) -> None:
        """Show the topics of the highlighted bank, all chosen, and every difficulty."""
        bank = self._selected_bank()
        if bank is None or bank.id == self._topics_of:
            return
        self._topics_of = bank.id
        topics = self.query_one("#topics", SelectionList)
        topics.clear_options()
        topics.add_options(self._topic_selections(bank, restore=False))
        levels = self.query_one("#difficulty", SelectionList)
        levels.clear_options()
        levels.add_options(self._difficulty_selections(restore=False))
        self._update_available()

    def _topic_selections(self, bank: Bank, restore: bool) -> list[Selection[str]]:
        """The bank's topics that have questions; chosen as last time (*restore*) or all."""
        setup = self.quiz_app.setup if restore else None
        saved = set(setup.topics or ()) if setup is not None and setup.bank_id == bank.id else set()
        counts = bank.topic_counts()
        return [
            Selection(self._topic_label(bank, t.id, counts[t.id]), t.id, (not saved) or t.id in saved)
            for t in bank.topics
            if counts.get(t.id, 0)
        ]

    def _difficulty_selections(self, restore: bool) -> list[Selection[int]]:
        setup = self.quiz_app.setup if restore else None
        saved = set((setup.difficulties if setup is not None else None) or DIFFICULTIES)
        return [Selection(Content(_(DIFFICULTY_NAMES[d])), d, d in saved) for d in (1, 2, 3)]

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

    def _section_titles(self) -> dict[str, str]:
        return {
            "banks-title": _("Question bank"),
            "topics-title": _("Topics"),
            "difficulty-title": _("Difficulty"),
            "count-title": _("Number of questions"),
            "mode-title": _("Mode"),
            "time-title": _("Time limit in minutes (empty: none)"),
        }

    def _topic_label(self, bank: Any, topic_id: str, count: int) -> Content:
        topic = bank.topic(topic_id)
        return Content.assemble(
            content(topic.name, bank.source_language) if topic else Content(topic_id),
            (f"  {format_number(count)}", "dim"),
        )

    def _mode(self) -> Mode:
        pressed = self.query_one("#mode", RadioSet).pressed_button
        return Mode(pressed.id.removeprefix("mode-")) if pressed and pressed.id else Mode.PRACTICE

    def _count(self) -> int | None:
        pressed = self.query_one("#count", RadioSet).pressed_button
        index = int(pressed.id.removeprefix("count-")) if pressed and pressed.id else 0
        return COUNTS[index][1]

    def _candidates(self) -> list[Any]:
        bank = self._selected_bank()
        if bank is None:
            return []
        topics = self.query_one("#topics", SelectionList).selected
        levels = self.query_one("#difficulty", SelectionList).selected
        return bank.select(topics, levels)

    def _time_limit(self) -> int | None:
        raw = self.query_one("#time-limit", Input).value.strip()
        return int(raw) if raw.isdigit() and int(raw) > 0 else None

    def _update_available(self) -> None:
        """Redraw what the choices add up to, once per refresh however many choices changed
        (building the panel alone sends dozens of change messages)."""
        if not self._available_pending:
            self._available_pending = True
            self.call_after_refresh(self._draw_available)

    def _draw_available(self) -> None:
        self._available_pending = False
        if self.catalog is None or not self.query("#setup"):
            return
        available = len(self._candidates())
        count = self._count()
        chosen = available if count is None else min(count, available)
        self.query_one("#available", Label).update(
            ngettext("{count} question will be asked.", "{count} questions will be asked.", chosen).format(
                count=format_number(chosen)
            )
            if available
            else _("No questions match these choices.")
        )
        self.query_one("#start", Button).disabled = available == 0
        mode = self._mode()
        help_text = _(MODE_HELP[mode])
        due = self._due_count()
        if due is not None:
            help_text += "\n" + ngettext(
                "{count} question is due for review today.",
                "{count} questions are due for review today.",
                due,
            ).format(count=format_number(due))
        self.query_one("#mode-help", Label).update(help_text)
        self.query_one("#time-row").display = mode is Mode.EXAM

    def _due_count(self) -> int | None:
        """How many questions of the chosen bank are due for the profile (None: not recorded).
        Counted once per bank, profile and visit of this screen, not on every choice."""
        recorder = self.quiz_app.recorder
        bank = self._selected_bank()
        if recorder is None or bank is None:
            return None
        key = (recorder.profile, bank.id)
        if key not in self._due_counts:
            planner = recorder.planner
            self._due_counts[key] = planner.due_count(
                recorder.store, recorder.profile, bank, self.quiz_app.clock()
            )
        return self._due_counts[key]

    def on_screen_resume(self) -> None:
        # Back from another screen: a quiz there may have recorded answers, so count again.
        self._due_counts.clear()
        self._update_available()

    @on(OptionList.OptionHighlighted, "#banks")
    def _bank_changed(self) -> None:
        self._fill_bank()

    @on(SelectionList.SelectedChanged)
    @on(RadioSet.Changed)
    def _choice_changed(self) -> None:
        self._update_available()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        bank = self._selected_bank()
        questions = self._candidates()
        if bank is None or not questions:
            self.notify(_("No questions match these choices."), severity="warning")
            return
        mode = self._mode()
        app = self.quiz_app
        topics = tuple(self.query_one("#topics", SelectionList).selected)
        levels = tuple(self.query_one("#difficulty", SelectionList).selected)
        all_topics = self.query_one("#topics", SelectionList).option_count == len(topics)
        setup = QuizSetup(
            bank_id=bank.id,
            topics=None if all_topics else topics,
            difficulties=None if set(levels) == set(DIFFICULTIES) else levels,
            count=self._count(),
            mode=mode,
            time_limit=self._time_limit() if mode is Mode.EXAM else None,
        )
        first = None
        if mode is Mode.REVIEW and app.recorder is not None:
            planner = app.recorder.planner
            first = planner.due_questions(
                app.recorder.store, app.recorder.profile, bank, app.clock(), limit=len(questions)
            )
        app.remember_setup(setup)
        session = setup.start(bank, app.rng, app.clock(), first=first)
        from quizapp.ui.screens.quiz import QuizRunScreen

        app.push_screen(QuizRunScreen(session))

    # -- language --
    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one("#welcome", Label).update(_(WELCOME))
        self._draw_profile()
        if self.catalog is None or not self.query("#setup"):
            return  # the set-up panel is built (and drawn in this language) once banks are loaded
        for widget_id, title in self._section_titles().items():
            self.query_one(f"#{widget_id}", Label).update(title)
        self.query_one("#start", Button).label = _("Start")
        for index, (label, _value) in enumerate(COUNTS):
            self.query_one(f"#count-{index}", RadioButton).label = Content(_(label))
        for mode in Mode:
            self.query_one(f"#mode-{mode.value}", RadioButton).label = Content(_(MODE_NAMES[mode]))
        if self.catalog.problems:
            self._show_problems()
        banks = self.query_one("#banks", OptionList)
        for index, loaded in enumerate(self.catalog.banks):
            banks.replace_option_prompt_at_index(index, self._bank_prompt(loaded))
        bank = self._selected_bank()
        if bank is not None:
            counts = bank.topic_counts()
            topics = self.query_one("#topics", SelectionList)
            for index in range(topics.option_count):
                topic_id = topics.get_option_at_index(index).value
                topics.replace_option_prompt_at_index(
                    index, self._topic_label(bank, topic_id, counts.get(topic_id, 0))
                )
            levels = self.query_one("#difficulty", SelectionList)
            for index in range(levels.option_count):
                levels.replace_option_prompt_at_index(index, Content(_(DIFFICULTY_NAMES[index + 1])))
        self._update_available()
