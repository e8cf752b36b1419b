"""The home screen: what Start will run, at a glance, and Start.

Most visits start the same quiz as last time, so the first screen is a summary of exactly what
Start runs (bank, topics, difficulty, number of questions, mode, time limit, and what is due for
review) with Start focused: one key. Changing the set-up is one key away (F5, or the button
beside Start) on a separate screen, :mod:`quizapp.ui.screens.setup`, composed only when asked
for: its lists and radio buttons cost more to style and lay out than everything else on the
first frame together.

A first-time student (no remembered set-up) is offered a sensible default, labelled as such. A
set-up fixed by a teacher (``QuizApp.fixed_setup``) is shown the same way, read-only.

Banks load in a worker thread so the screen appears at once, however big they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Label, LoadingIndicator

from quizapp.core.session import Mode
from quizapp.core.setup import DIFFICULTIES, QuizSetup
from quizapp.i18n import N_, N_plural, _, format_list, format_number, ngettext
from quizapp.ui.base import QuizScreen
from quizapp.ui.text import content
from quizapp.ui.widgets.keybar import KeyBar
from quizapp.ui.widgets.summary import SummaryTable

if TYPE_CHECKING:
    from quizapp.core.bankfiles import LoadedBank
    from quizapp.core.catalog import Catalog
    from quizapp.core.model import Bank, Question
    from quizapp.ui.screens.setup import SetupChoice

#: How long the home screen's first frame waits for the banks before it shows a spinner instead:
#: a spinner shown for less than a tenth of a second is a flicker, not information.
FIRST_FRAME_WAIT_S = 0.1
#: How many bank problems the home screen lists (``quizapp validate`` shows them all).
SHOWN_PROBLEMS = 3
#: Up to this many chosen (or left-out) topics are named in the summary.
NAMED_TOPICS = 3

DIFFICULTY_NAMES = {1: N_("Easy"), 2: N_("Medium"), 3: N_("Hard")}
MODE_NAMES = {Mode.PRACTICE: N_("Practice"), Mode.EXAM: N_("Exam"), Mode.REVIEW: N_("Review")}
MODE_HELP = {
    Mode.PRACTICE: N_("See right away whether each answer is right, and why."),
    Mode.EXAM: N_("No feedback until the end; change answers, flag questions, optional time limit."),
    Mode.REVIEW: N_("Self-study: questions due for review first, then new ones."),
}


class HomeScreen(QuizScreen):
    """What Start will run, and Start."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#start"
    BINDINGS = [
        # Not in the key bar: the Start button beside it has the focus, and Enter presses it.
        Binding("ctrl+s", "start", N_("Start"), priority=True, show=False),
        Binding(
            "f5",
            "change",
            N_("Change"),
            tooltip=N_("Choose the bank, topics, difficulty, number of questions, mode and time limit"),
        ),
        Binding("f3", "app.switch_profile", N_("Profile"), tooltip=N_("Switch to another profile")),
        Binding("f4", "app.statistics", N_("Statistics"), tooltip=N_("Your progress in this question bank")),
        # The two buttons sit side by side: arrows move between them too.
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The banks on show (None while they load).
        self.catalog: Catalog | None = None
        self._shown: Catalog | None = None
        self._due_counts: dict[tuple[str, str], int] = {}
        self._review_orders: dict[tuple[str, str], list[Question]] = {}
        #: How many questions Start asks (0: Start is disabled).
        self._asked = 0

    def compose(self) -> ComposeResult:
        # Banks that load within FIRST_FRAME_WAIT_S (cached or small ones) are summarised in the
        # first frame; bigger ones load behind a spinner. Nothing is mounted later either way.
        loaded = self.quiz_app.catalog_within(FIRST_FRAME_WAIT_S) is not None
        yield Header()
        with VerticalScroll(id="home", can_focus=False):
            yield Label(id="profile", markup=False)
            if not loaded:
                yield LoadingIndicator(id="loading")
            yield Label(id="summary-title", classes="section", markup=False)
            yield SummaryTable(id="summary")
            yield Label(id="due", classes="muted", markup=False)
            yield Label(id="hint", classes="muted", markup=False)
            yield Label(id="problems", markup=False)
        with Horizontal(id="start-bar"):
            yield Button(_("Change quiz"), id="change", action="screen.change")
            yield Button(_("Start"), id="start", variant="primary", disabled=True, action="screen.start")
        yield KeyBar()

    def on_mount(self) -> None:
        self._draw_profile()
        # is_mounted turns true only after this handler: show the banks once it has.
        self.call_later(self._show_loaded)

    def _show_loaded(self) -> None:
        catalog = self.quiz_app.catalog_within(0)
        if catalog is not None:
            self.show_catalog(catalog)

    def show_catalog(self, catalog: Catalog) -> None:
        """Show the loaded banks (called by the app when they are in)."""
        if self._shown is catalog or not self.is_mounted:
            return  # already shown; before mounting, on_mount shows it
        self._shown = catalog
        self.catalog = catalog
        for spinner in self.query("#loading"):
            spinner.remove()
        self._draw_summary()
        self._show_problems()
        if catalog.banks:
            self.query_one("#start", Button).focus()
            self._offer_resume()

    # -- what Start runs --
    def current(self) -> tuple[LoadedBank, QuizSetup] | None:
        """The bank and set-up Start runs: a teacher's fixed set-up, else the profile's last one
        (fitted to the bank as it is now), else the default for the first bank. None while the
        banks load, if there are none, or if a fixed set-up's bank is missing."""
        app = self.quiz_app
        if self.catalog is None or not self.catalog.banks:
            return None
        fixed = app.fixed_setup
        if fixed is not None:
            loaded = self.catalog.bank(fixed.bank_id)
            return (loaded, fixed) if loaded is not None else None
        wanted = app.setup
        loaded = self.catalog.bank(wanted.bank_id) if wanted is not None else None
        if wanted is None or loaded is None:
            first = self.catalog.banks[0]
            return first, QuizSetup.default_for(first.bank)
        return loaded, wanted.fitted_to(loaded.bank)

    @property
    def selected_bank(self) -> Bank | None:
        """The bank Start runs (None while the banks load or if there are none)."""
        chosen = self.current()
        return chosen[0].bank if chosen is not None else None

    def _draw_summary(self) -> None:
        app = self.quiz_app
        chosen = self.current()
        fixed = app.fixed_setup is not None
        title = self.query_one("#summary-title", Label)
        title.update(_("Quiz set by your teacher") if fixed else _("Next quiz"))
        title.display = chosen is not None
        self.query_one("#change", Button).display = not fixed
        self.query_one("#change", Button).disabled = not (self.catalog and self.catalog.banks)
        start = self.query_one("#start", Button)
        hint = self.query_one("#hint", Label)
        if chosen is None:
            self._asked = 0
            self.query_one(SummaryTable).update([])
            self.query_one("#due").display = False
            start.disabled = True
            hint.display = self.catalog is not None
            # No banks at all, or (a teacher's set-up) not the bank it names.
            banks = bool(self.catalog and self.catalog.banks)
            hint.update(
                _("No questions match these choices.")
                if banks
                else _("There are no question banks to choose from.")
            )
            self.refresh_bindings()
            return
        loaded, setup = chosen
        bank = loaded.bank
        first = self.review_order(bank) if setup.mode is Mode.REVIEW else None
        self._asked = setup.question_count(bank, first)
        self.query_one(SummaryTable).update(summary_rows(bank, setup, first))
        start.disabled = self._asked == 0
        self.refresh_bindings()
        due = self._due_count(bank)
        due_label = self.query_one("#due", Label)
        due_label.display = due is not None
        if due is not None:
            due_label.update(
                ngettext(
                    "{count} question is due for review today.",
                    "{count} questions are due for review today.",
                    due,
                ).format(count=format_number(due))
            )
        hint.display = True
        if self._asked == 0:
            hint.update(_("Press F5 to choose other topics or difficulties."))
        elif fixed:
            hint.update(_("Press Enter to start."))
        elif app.setup is not None:
            hint.update(_("Press Enter to start, or F5 to change it."))
        else:
            hint.update(
                _("Suggested for a start. Press Enter to start, or F5 to choose the bank, topics and mode.")
            )

    def _due_count(self, bank: Bank) -> int | None:
        """How many questions of *bank* are due for the profile (None: not recorded).
        Counted once per bank, profile and visit of this screen."""
        recorder = self.quiz_app.recorder
        if recorder is None:
            return None
        key = (recorder.profile, bank.id)
        if key not in self._due_counts:
            self._due_counts[key] = recorder.planner.due_count(
                recorder.store, recorder.profile, bank, self.quiz_app.clock()
            )
        return self._due_counts[key]

    def review_order(self, bank: Bank) -> list[Question] | None:
        """The order a review of *bank* asks in for the profile (due first, then new; None: not
        recorded). Worked out once per bank, profile and visit, like the due count."""
        recorder = self.quiz_app.recorder
        if recorder is None:
            return None
        key = (recorder.profile, bank.id)
        if key not in self._review_orders:
            self._review_orders[key] = recorder.planner.due_questions(
                recorder.store, recorder.profile, bank, self.quiz_app.clock(), limit=len(bank.questions)
            )
        return self._review_orders[key]

    def _show_problems(self) -> None:
        label = self.query_one("#problems", Label)
        problems = self.catalog.problems if self.catalog is not None else []
        label.display = bool(problems)
        if not problems:
            return
        count = len(problems)
        lines = [
            ngettext(
                "{count} problem in the question banks:", "{count} problems in the question banks:", count
            ).format(count=format_number(count))
        ]
        lines += [str(p) for p in problems[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            lines.append(_("Run quizapp validate to see them all."))
        # One line per problem, cut with "…" (home.tcss): a long path must not push Start away.
        label.update("\n".join(lines))

    def _draw_profile(self) -> None:
        name = self.quiz_app.profile_name
        label = self.query_one("#profile", Label)
        label.display = name is not None
        if name is not None:
            label.update(_("Profile: {name}").format(name=name))

    # -- actions --
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change":
            # A teacher's fixed set-up has no form; without banks there is nothing to choose.
            if self.quiz_app.fixed_setup is not None:
                return False
            return None if self.catalog is None or not self.catalog.banks else True
        if action == "start":
            return True if self._asked else None
        return True

    def action_start(self) -> None:
        """Start the quiz the summary shows."""
        chosen = self.current()
        if chosen is None or not self._asked:
            self.quiz_app.say(lambda: _("No questions match these choices."), severity="warning")
            return
        loaded, setup = chosen
        app = self.quiz_app
        first = self.review_order(loaded.bank) if setup.mode is Mode.REVIEW else None
        if app.fixed_setup is None:
            app.remember_setup(setup)
        session = setup.start(loaded.bank, app.rng, app.clock(), first=first)
        from quizapp.ui.screens.quiz import QuizRunScreen

        app.push_screen(QuizRunScreen(session))

    def action_change(self) -> None:
        """Open the full set-up form on the set-up shown (composed now, not at start-up)."""
        chosen = self.current()
        if chosen is None or self.catalog is None or self.quiz_app.fixed_setup is not None:
            return
        from quizapp.ui.screens.setup import SetupScreen

        def done(choice: SetupChoice | None) -> None:
            if choice is None:
                return
            self.quiz_app.remember_setup(choice.setup)
            self._draw_summary()
            if choice.start:
                self.action_start()

        self.app.push_screen(SetupScreen(self.catalog, chosen[1], self.review_order), done)

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
                self.quiz_app.say(
                    lambda: _(
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
                safe=True,  # Enter and Escape keep the saved answers; discarding takes a choice
                answered=answered,
            ),
            chosen,
        )

    def profile_changed(self) -> None:
        """Another profile is in use: its name, its set-up and due count, its unfinished quiz."""
        self._draw_profile()
        if self.catalog is not None:
            self._draw_summary()
            self._offer_resume()

    def on_screen_resume(self) -> None:
        # Back from another screen: a quiz there may have recorded answers, so count again.
        self._due_counts.clear()
        self._review_orders.clear()
        if self.catalog is not None:
            self._draw_summary()

    # -- language --
    def refresh_language(self) -> None:
        super().refresh_language()
        self._draw_profile()
        self.query_one("#start", Button).label = _("Start")
        self.query_one("#change", Button).label = _("Change quiz")
        if self.catalog is not None:
            self._draw_summary()
            self._show_problems()


# -- the summary, in words --


def summary_rows(
    bank: Bank, setup: QuizSetup, first: Sequence[Question] | None = None
) -> list[tuple[str, Content]]:
    """The summary table's rows for *setup* on *bank* (*first*: a review's order), in the
    current language."""
    available = len(setup.pool(bank, first)[0])
    asked = available if setup.count is None else min(setup.count, available)
    if not asked:
        questions = Content.styled(_("No questions match these choices."), "$text-warning")
    elif asked == available:
        questions = Content(format_number(asked))
    else:
        questions = Content(
            _("{count} (of {available} that match)").format(
                count=format_number(asked), available=format_number(available)
            )
        )
    mode = Content.assemble((_(MODE_NAMES[setup.mode]), "bold"), " — ", _(MODE_HELP[setup.mode]))
    rows = [
        (_("Question bank"), content(bank.title, bank.source_language)),
        (_("Topics"), Content(describe_topics(bank, setup))),
        (_("Difficulty"), Content(describe_difficulties(setup))),
        (_("Number of questions"), questions),
        (_("Mode"), mode),
    ]
    if setup.mode is Mode.EXAM:
        limit = setup.time_limit
        rows.append(
            (
                _("Time limit"),
                Content(
                    ngettext("{count} minute", "{count} minutes", limit).format(count=format_number(limit))
                    if limit
                    else _("None")
                ),
            )
        )
    return rows


def describe_topics(bank: Bank, setup: QuizSetup) -> str:
    """ "All 14 topics", or the few chosen (or left out) by name, always with how many."""
    offered = topics_in_use(bank)
    total = len(offered)
    chosen = [t for t in offered if setup.topics is None or t.id in setup.topics]
    if len(chosen) == total:
        return ngettext("All {count} topic", "All {count} topics", total).format(count=format_number(total))
    numbers = {"count": format_number(len(chosen)), "total": format_number(total)}

    def names(topics: list[Any]) -> str:
        # .plain keeps the marker of a name shown in the bank's language ("Tarih [tr]").
        return format_list([content(t.name, bank.source_language).plain for t in topics])

    left_out = [t for t in offered if t not in chosen]
    if len(chosen) <= NAMED_TOPICS:
        return _("{count}/{total}: {topics}").format(topics=names(chosen), **numbers)
    if len(left_out) <= NAMED_TOPICS:
        return _("{count}/{total}: all except {topics}").format(topics=names(left_out), **numbers)
    return _("{count}/{total}: {topics} and {more} more").format(
        topics=", ".join(content(t.name, bank.source_language).plain for t in chosen[:NAMED_TOPICS]),
        more=format_number(len(chosen) - NAMED_TOPICS),
        **numbers,
    )


def topics_in_use(bank: Bank) -> list[Any]:
    """The bank's topics that have questions (the ones the form offers), in the bank's order.
    Stops reading questions once every topic has been seen, which in a big bank is early: the
    summary is drawn on the first frame."""
    declared = {t.id for t in bank.topics}
    seen: set[str] = set()
    for question in bank.questions:
        seen.update(question.topics)
        if seen >= declared:
            break
    return [t for t in bank.topics if t.id in seen]


def describe_difficulties(setup: QuizSetup) -> str:
    """ "All", or the chosen levels by name."""
    levels = setup.difficulties
    if levels is None or set(levels) == set(DIFFICULTIES):
        return _("All")
    return format_list([_(DIFFICULTY_NAMES[d]) for d in sorted(levels)])
