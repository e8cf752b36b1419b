"""Taking a quiz: one question at a time, with the widget of its kind.

Practice and review check each answer at once and show why; an exam saves answers silently,
lets the student move around and flag questions, counts down an optional time limit and is
graded when submitted (or when time runs out).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Label, Static

from quizapp.core.grading import NOTE_NOT_A_DATE, NOTE_NOT_A_NUMBER, NOTE_NOT_PRECISE, Grade
from quizapp.core.model import NumberQuestion
from quizapp.core.session import Mode, QuizSession, unreadable
from quizapp.i18n import (
    N_,
    _,
    format_clock,
    format_number,
    format_percent,
    format_relative,
    ngettext,
)
from quizapp.ui.base import QuizScreen
from quizapp.ui.text import (
    accepted_note,
    content,
    describe_right_answer,
    describe_sources,
    literal,
    localized,
    shorten,
)
from quizapp.ui.widgets.answers import AnswerWidget, answer_widget_for
from quizapp.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    pass

DIFFICULTY = {1: N_("Easy"), 2: N_("Medium"), 3: N_("Hard")}
NOTES = {
    NOTE_NOT_PRECISE: NOTE_NOT_PRECISE,
    NOTE_NOT_A_DATE: NOTE_NOT_A_DATE,
    NOTE_NOT_A_NUMBER: NOTE_NOT_A_NUMBER,
}
#: The self-ratings of review mode, by the name the recorder takes.
SELF_RATING_NAMES = {"again": N_("Again"), "hard": N_("Hard"), "good": N_("Good"), "easy": N_("Easy")}
#: Their keys, as printed on the keyboard (see the F5–F8 bindings).
RATING_KEYS = ("F5", "F6", "F7", "F8")
# Extract the grading notes for translation (they are defined, untranslated, in the core).
_NOTE_MSGIDS = (
    N_("The answer needs a more precise date."),
    N_("That is not a date the app understands."),
    N_("That is not a number."),
)


class QuizRunScreen(QuizScreen):
    """A quiz in progress."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("ctrl+s", "check", N_("Check")),
        # "Submit", not "Submit exam" (the button's label): the key bar needs the room in Kazakh.
        Binding("ctrl+s", "submit_exam", N_("Submit")),
        Binding("ctrl+n", "next", N_("Next")),
        # In an exam a text entry leaves ctrl+←/→ to these (answers.TypedAnswer).
        Binding("ctrl+right", "next", N_("Next"), show=False),
        Binding("ctrl+left", "previous", N_("Previous")),
        Binding("ctrl+f", "flag", N_("Flag")),
        Binding("escape", "leave", N_("Leave")),
        # Review mode: the student's own rating. Function keys, because an Input may have focus.
        Binding("f5", "rate('again')", N_("Again"), tooltip=N_("I did not know it")),
        Binding("f6", "rate('hard')", N_("Hard"), tooltip=N_("I knew it, with difficulty")),
        Binding("f7", "rate('good')", N_("Good"), tooltip=N_("I knew it")),
        Binding("f8", "rate('easy')", N_("Easy"), tooltip=N_("I knew it at once")),
        # Scroll the question and its feedback while a button has the keyboard (a list or an
        # entry with the keyboard keeps these keys for itself).
        Binding("up", "scroll_body('up')", show=False),
        Binding("down", "scroll_body('down')", show=False),
        Binding("pageup", "scroll_body('page_up')", show=False),
        Binding("pagedown", "scroll_body('page_down')", show=False),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session
        self.shown_at: datetime | None = None
        self._answer_widget: AnswerWidget | None = None
        self._last_grade: Grade | None = None
        #: Exam entries that could not be taken (not a number, not a date), by question id: not
        #: saved (the question counts as unanswered) but shown again as typed on coming back.
        self._drafts: dict[str, str] = {}

    @property
    def exam(self) -> bool:
        return self.session.mode is Mode.EXAM

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(id="status", markup=False)
        with VerticalScroll(id="body"):
            yield Label(id="meta", markup=False)
            yield Static(id="prompt", markup=False)
            yield Vertical(id="answer")
            yield Static(id="feedback", markup=False)
        with Horizontal(id="actions"):
            yield Button(id="previous")
            yield Button(id="flag")
            yield Button(id="check", variant="primary")
            yield Button(id="next")
            yield Button(id="submit", variant="warning")
        # Where the keys do not all fit (an exam at 80 columns in Kazakh), Quit (Escape leaves
        # too) and the palette key give way first, so Help and Language stay.
        yield KeyBar(spare=("ctrl+q", self.app.COMMAND_PALETTE_BINDING))

    def on_mount(self) -> None:
        self.add_class("-exam" if self.exam else "-practice")
        self.show_question()
        if self.session.time_limit is not None:
            self.set_interval(1, self._tick)
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.started(self.session)
        self._warm_up()

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        """Load what the first feedback needs (the FSRS scheduler, Babel's number formats) while
        the student reads the first question: otherwise the first answer takes ~40 ms longer."""
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.planner.scheduler  # noqa: B018 (built on first use)
        format_percent(0.5)

    # -- drawing --
    def show_question(self) -> None:
        """Draw the current question (and its saved answer or feedback, if any)."""
        session = self.session
        question = session.question
        fallback = session.bank.source_language
        container = self.query_one("#answer", Vertical)
        container.remove_children()
        # An exam entry that could not be taken (not a number, not a date) is shown again as typed.
        saved = self._drafts.get(question.id, session.answers.get(question.id))
        checked = session.is_checked(question.id)
        widget = answer_widget_for(
            question,
            session.presentation,
            fallback,
            initial=saved,
            locked=checked,
            exam=self.exam,
            last=session.current == session.total - 1,
        )
        self._answer_widget = widget
        container.mount(widget)
        self.shown_at = self.quiz_app.clock()
        self._last_grade = session.grades.get(question.id) if checked else None
        if checked:
            self.call_after_refresh(self.query_one("#next", Button).focus)
        self._draw_texts()
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def _draw_texts(self) -> None:
        session = self.session
        question = session.question
        fallback = session.bank.source_language
        topics = [localized(t.name, fallback) for tid in question.topics if (t := session.bank.topic(tid))]
        meta = _("Question {current} of {total}").format(current=session.current + 1, total=session.total)
        # Topic names may hold commas and "and" themselves ("Economy, trade and energy"), so they
        # are set apart with semicolons rather than joined as a sentence.
        meta += " · " + "; ".join(topics) + " · " + _(DIFFICULTY.get(question.difficulty, ""))
        if question.id in session.flagged:
            meta += " · ⚑ " + _("Flagged")
        self.query_one("#meta", Label).update(meta)
        self.query_one("#prompt", Static).update(content(question.prompt, fallback, "bold"))
        self._draw_status()
        self._draw_feedback()
        checked = session.is_checked(question.id)
        last = session.current == session.total - 1
        buttons = {
            "previous": (_("Previous"), self.exam and session.current > 0),
            "flag": (_("Unflag") if question.id in session.flagged else _("Flag"), self.exam),
            "check": (_("Check"), not self.exam and not checked),
            "next": (
                _("Finish") if last and not self.exam else _("Next"),
                (checked or self.exam) and not (self.exam and last),
            ),
            "submit": (_("Submit exam"), self.exam),
        }
        for button_id, (label, visible) in buttons.items():
            button = self.query_one(f"#{button_id}", Button)
            button.label = label
            button.display = visible
        self.refresh_bindings()

    def _draw_status(self) -> None:
        session = self.session
        if self.exam:
            answered = session.total - len(session.unanswered())
            parts = [
                ngettext("{count} answered", "{count} answered", answered).format(count=answered),
                ngettext("{count} flagged", "{count} flagged", len(session.flagged)).format(
                    count=len(session.flagged)
                ),
            ]
            left = session.time_left(self.quiz_app.clock())
            if left is not None:
                parts.append(_("Time left {time}").format(time=format_clock(left.total_seconds())))
        else:
            parts = [
                _("Score {points} of {total}").format(
                    points=format_number(round(session.points(), 2)),
                    total=format_number(session.checked_max_points()),
                ),
                _("Streak {count}").format(count=session.streak),
            ]
        self.query_one("#status", Label).update(" · ".join(parts))

    def _draw_feedback(self) -> None:
        feedback = self.query_one("#feedback", Static)
        session = self.session
        question = session.question
        grade = session.grades.get(question.id) if session.is_checked(question.id) else None
        if grade is None:
            feedback.display = False
            feedback.remove_class("-correct", "-wrong", "-partial")
            return
        fallback = session.bank.source_language
        if grade.correct:
            verdict, style, css = "✓ " + _("Right!"), "bold $success", "-correct"
        elif grade.partial:
            verdict = "◐ " + _("Partly right: {percent} of the points.").format(
                percent=format_percent(grade.credit)
            )
            style, css = "bold $warning", "-partial"
        else:
            verdict, style, css = "✗ " + _("Not right."), "bold $error", "-wrong"
        parts: list[Content | str | tuple[str, str]] = [(verdict, style)]
        if accepted := accepted_note(grade):
            parts += ["\n", literal(accepted)]
        if grade.note:
            parts += ["\n", literal(_(grade.note))]
        if not grade.correct:
            parts += ["\n", (_("The answer: "), "bold"), literal(describe_right_answer(question, fallback))]
        parts += ["\n\n", content(question.explanation, fallback)]
        cited = describe_sources(session.bank, question, fallback)
        if cited is not None:
            parts += ["\n\n", (cited[0], "italic"), (cited[1], "italic")]
        parts += self._review_feedback(question.id)
        feedback.update(Content.assemble(*parts))
        feedback.remove_class("-correct", "-wrong", "-partial")
        feedback.add_class(css)
        feedback.display = True

    def _tick(self) -> None:
        if self.session.finished:
            return
        now = self.quiz_app.clock()
        if self.session.expired(now):
            self.quiz_app.say(lambda: _("Time is up: the exam has been submitted."))
            self._finish()
            return
        self._draw_status()

    # -- answering --
    def _record_current(self) -> None:
        """In an exam, keep what the widget shows as the answer (an entry that cannot be taken
        leaves the question unanswered, and is kept aside to be shown again)."""
        widget = self._answer_widget
        if widget is None or not self.exam or self.session.finished:
            return
        answer = widget.answer
        question = self.session.question
        if unreadable(question, answer) is not None:
            self._drafts[question.id] = str(answer)
            answer = None
        else:
            self._drafts.pop(question.id, None)
        if answer != self.session.answers.get(question.id):
            self.session.answer(answer, self.quiz_app.clock(), self.shown_at)
            recorder = getattr(self.quiz_app, "recorder", None)
            if recorder is not None:
                recorder.answered(self.session, question.id)

    def _leave_question(self) -> None:
        """Before an exam moves away from the question on screen: save its answer, and say so if
        the entry could not be taken."""
        self._record_current()
        question = self.session.question
        draft = self._drafts.get(question.id)
        if draft is None:
            return
        number = self.session.current + 1
        text = shorten(draft.strip(), 24)
        if isinstance(question, NumberQuestion):
            message = N_("Question {number} is left unanswered: “{text}” is not a number.")
        else:
            message = N_("Question {number} is left unanswered: “{text}” is not a date.")
        self.quiz_app.say(lambda: _(message).format(number=number, text=text), severity="warning")

    @on(AnswerWidget.Changed)
    def _answer_changed(self, event: AnswerWidget.Changed) -> None:
        event.stop()
        if self.exam and event.widget is self._answer_widget:
            self._record_current()
            self._draw_status()

    @on(AnswerWidget.Submitted)
    def _answer_submitted(self, event: AnswerWidget.Submitted) -> None:
        event.stop()
        if event.widget is not self._answer_widget:
            return  # from the question before (a key of a burst that was already on its way)
        if self.exam:
            self._record_current()
            if self.session.current < self.session.total - 1:
                self.action_next()
        elif self.session.is_checked(self.session.question.id):
            self.action_next()  # Enter on a checked answer goes on
        else:
            self.action_check()

    def action_check(self) -> None:
        session = self.session
        widget = self._answer_widget
        if self.exam or widget is None or session.is_checked(session.question.id):
            return
        answer = widget.answer
        if answer is None:
            self.quiz_app.say(lambda: _("Give an answer first."), severity="warning")
            return
        if widget.refused():
            return  # not a number / not a date: the widget says why; nothing is graded
        grade = session.answer(answer, self.quiz_app.clock(), self.shown_at)
        self._last_grade = grade
        widget.lock_answer()
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.answered(session, session.question.id)
        self._draw_texts()
        self.query_one("#next", Button).focus()
        # Once the feedback is laid out, bring it into view (a tall question may hide it).
        feedback = self.query_one("#feedback", Static)
        self.call_after_refresh(
            self.query_one("#body", VerticalScroll).scroll_to_widget, feedback, animate=False
        )

    def action_next(self) -> None:
        session = self.session
        last = session.current >= session.total - 1
        if self.exam:
            if last:
                self._record_current()
                return
            self._leave_question()
        elif not session.is_checked(session.question.id):
            self.action_check()
            return
        elif last:
            self._finish()
            return
        session.goto(session.current + 1)
        self._position_changed()

    def action_previous(self) -> None:
        if not self.exam or self.session.current == 0:
            return
        self._leave_question()
        self.session.goto(self.session.current - 1)
        self._position_changed()

    def _position_changed(self) -> None:
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.moved(self.session)
        self.show_question()

    def action_flag(self) -> None:
        if not self.exam:
            return
        self._record_current()
        flagged = self.session.toggle_flag()
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.moved(self.session)
        self.quiz_app.say(lambda: _("Flagged for later.") if flagged else _("Flag removed."))
        self._draw_texts()

    def action_submit_exam(self) -> None:
        if not self.exam:
            return
        self._leave_question()
        from quizapp.ui.dialogs import ConfirmDialog

        unanswered = len(self.session.unanswered())
        flagged = len(self.session.flagged)
        details = N_("Unanswered: {unanswered}. Flagged: {flagged}.")

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish()

        self.app.push_screen(
            ConfirmDialog(
                N_("Submit the exam now?"),
                details,
                yes=N_("Submit"),
                no=N_("Go back"),
                unanswered=unanswered,
                flagged=flagged,
            ),
            confirmed,
        )

    def _finish(self) -> None:
        session = self.session
        if session.finished:
            return
        self._record_current()
        session.finish(self.quiz_app.clock())
        recorder = getattr(self.quiz_app, "recorder", None)
        if recorder is not None:
            recorder.finished(session)
        from quizapp.ui.screens.results import ResultsScreen

        self.app.switch_screen(ResultsScreen(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "check":
            return not self.exam and not session.is_checked(session.question.id)
        if action == "submit_exam" or action == "flag":
            return self.exam
        if action == "previous":
            return self.exam and session.current > 0
        if action == "next":
            if self.exam:
                return session.current < session.total - 1
            return session.is_checked(session.question.id)
        if action == "rate":
            return self._can_rate()
        return True

    # -- review mode: next due date and self-rating --
    def _can_rate(self) -> bool:
        """Self-rating is offered in review mode once the answer is checked and saved."""
        session = self.session
        recorder = getattr(self.quiz_app, "recorder", None)
        return (
            session.mode is Mode.REVIEW
            and recorder is not None
            and recorder.attempt_id(session) is not None
            and session.is_checked(session.question.id)
        )

    def _review_feedback(self, question_id: str) -> list[Content | str | tuple[str, str]]:
        """The end of the feedback in review mode: when the question comes back, how to rate it."""
        recorder = getattr(self.quiz_app, "recorder", None)
        if self.session.mode is not Mode.REVIEW or recorder is None:
            return []
        due = recorder.next_due(self.session, question_id)
        if due is None:
            return []
        delta = due - self.quiz_app.clock()
        parts: list[Content | str | tuple[str, str]] = [
            "\n\n",
            (_("Next review: {when}").format(when=format_relative(delta)), "bold"),
        ]
        rating = recorder.self_rating(self.session, question_id)
        if rating is not None:
            parts += [" · ", _("your rating: {rating}").format(rating=_(SELF_RATING_NAMES[rating]))]
        keys = " · ".join(
            key + " " + _(name) for key, name in zip(RATING_KEYS, SELF_RATING_NAMES.values(), strict=True)
        )
        parts += ["\n", (_("How well did you know it?") + " " + keys, "italic $text-muted")]
        return parts

    def action_rate(self, rating: str) -> None:
        """Replace the automatic review rating of the current question with the student's own."""
        if not self._can_rate():
            return
        recorder = self.quiz_app.recorder
        due = recorder.rate(self.session, self.session.question.id, rating)
        if due is not None:
            delta = due - self.quiz_app.clock()
            self.quiz_app.say(
                lambda: _("Rated {rating}: next review {when}.").format(
                    rating=_(SELF_RATING_NAMES[rating]), when=format_relative(delta)
                )
            )
        self._draw_feedback()

    def action_scroll_body(self, how: str) -> None:
        body = self.query_one("#body", VerticalScroll)
        getattr(body, f"scroll_{how}")(animate=False)

    # -- leaving --
    def action_leave(self) -> None:
        self.confirm_leave(then=self.app.pop_screen)

    def confirm_leave(self, then: Callable[[], object], quitting: bool = False) -> None:
        """Ask before leaving a quiz in progress (or, *quitting*, the app); progress so far is kept.
        Staying is the default."""
        from quizapp.ui.dialogs import ConfirmDialog

        if self.session.finished:
            then()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._record_current()
                recorder = getattr(self.quiz_app, "recorder", None)
                if recorder is not None:
                    recorder.left(self.session)
                then()

        self.app.push_screen(
            ConfirmDialog(
                N_("Quit the app?") if quitting else N_("Leave this quiz?"),
                N_("Your answers so far are saved; you can resume it next time."),
                yes=N_("Quit") if quitting else N_("Leave"),
                no=N_("Stay"),
            ),
            confirmed,
        )

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "previous": self.action_previous,
            "flag": self.action_flag,
            "check": self.action_check,
            "next": self.action_next,
            "submit": self.action_submit_exam,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def refresh_language(self) -> None:
        super().refresh_language()
        if self._answer_widget is not None:
            self._answer_widget.refresh_language()
        self._draw_texts()
