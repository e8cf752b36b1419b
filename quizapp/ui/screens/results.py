"""The results of a finished quiz: score, time, per-topic bars, every question with your answer
and the right one, and what to do next (retry the wrong ones, or a new quiz)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Label, Static

from quizapp.core.model import Question
from quizapp.core.session import QuizSession
from quizapp.i18n import N_, _, format_duration, format_number, format_percent, ngettext
from quizapp.ui.base import QuizScreen
from quizapp.ui.text import accepted_note, describe_answer, describe_right_answer, localized, shorten
from quizapp.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    pass

BAR_WIDTH = 20


def aligned_names(names: list[str], room: int) -> list[str]:
    """*names* padded to one width, to stand in a column before bars: as wide as the longest, or
    *room* columns when that is less, with "…" where a name had to be cut (it stays one line)."""
    longest = max((cell_len(name) for name in names), default=0)
    width = max(8, min(longest, room))
    shortened = [shorten(name, width) for name in names]
    return [name + " " * (width - cell_len(name)) for name in shortened]


def bar(ratio: float, width: int = BAR_WIDTH) -> str:
    """A text bar such as ``█████░░░░░`` for *ratio* (0–1)."""
    filled = round(max(0.0, min(1.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)


class ResultsScreen(QuizScreen):
    """How the quiz went."""

    CSS_PATH = "results.tcss"
    BINDINGS = [
        Binding("ctrl+r", "retry", N_("Retry wrong ones")),
        Binding("ctrl+n", "new_quiz", N_("New quiz")),
        Binding("escape", "new_quiz", N_("Home"), show=False),
    ]

    def __init__(self, session: QuizSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results"):
            yield Label(id="headline", markup=False)
            yield Label(id="summary", markup=False)
            yield Label(id="topics-title", classes="section", markup=False)
            yield Static(id="topics", markup=False)
            yield Label(id="questions-title", classes="section", markup=False)
            yield Vertical(id="questions")
            with Horizontal(id="actions"):
                yield Button(id="retry", variant="primary")
                yield Button(id="new")
        yield KeyBar()

    def on_mount(self) -> None:
        # One block per question: long Kazakh and Turkish prompts wrap instead of being cut off.
        self.query_one("#questions", Vertical).mount_all(
            [Static(classes=f"answer {self._verdict(q.id)[1]}") for q in self.session.questions]
        )
        self.refresh_language()
        retry = self.query_one("#retry", Button)
        retry.disabled = not self.session.wrong_questions()
        (self.query_one("#new", Button) if retry.disabled else retry).focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        session = self.session
        ratio = session.ratio()
        correct = session.correct_count()
        self.query_one("#headline", Label).update(
            _("Your score: {points} of {total} points ({percent})").format(
                points=format_number(round(session.points(), 2)),
                total=format_number(session.max_points()),
                percent=format_percent(ratio),
            )
        )
        summary = [
            ngettext(
                "{correct} of {total} question fully right",
                "{correct} of {total} questions fully right",
                session.total,
            ).format(correct=correct, total=session.total),
            _("time taken: {duration}").format(duration=format_duration(session.elapsed().total_seconds())),
        ]
        if session.best_streak > 1:
            summary.append(_("best streak: {count}").format(count=session.best_streak))
        self.query_one("#summary", Label).update(" · ".join(summary))
        self.query_one("#topics-title", Label).update(_("By topic"))
        self._draw_topics()
        self.query_one("#questions-title", Label).update(_("Questions"))
        blocks = list(self.query("#questions > .answer").results(Static))
        for number, (question, block) in enumerate(zip(session.questions, blocks, strict=False), 1):
            block.update(self._describe(number, question))
        self.query_one("#retry", Button).label = _("Retry wrong ones")
        self.query_one("#new", Button).label = _("New quiz")

    def _draw_topics(self) -> None:
        session = self.session
        fallback = session.bank.source_language
        scores = session.topic_scores()
        names = []
        for score in scores:
            topic = session.bank.topic(score.topic)
            names.append(localized(topic.name, fallback) if topic else score.topic)
        # Beside the names: padding and scroll bar (4), two gaps (4), the bar and "100%" (5).
        room = self.app.size.width - 4 - 4 - BAR_WIDTH - 5
        rows: list[Content | str | tuple[str, str]] = []
        for index, (score, name) in enumerate(zip(scores, aligned_names(names, room), strict=True)):
            if index:
                rows.append("\n")
            style = "$success" if score.ratio >= 0.8 else "$warning" if score.ratio >= 0.5 else "$error"
            rows += [name + "  ", (bar(score.ratio), style), f"  {format_percent(score.ratio)}"]
        self.query_one("#topics", Static).update(Content.assemble(*rows))

    def on_resize(self) -> None:
        self._draw_topics()

    def _verdict(self, question_id: str) -> tuple[str, str]:
        grade = self.session.grades.get(question_id)
        if grade is not None and grade.correct:
            return "✓", "-correct"
        if grade is not None and grade.partial:
            return "◐", "-partial"
        return "✗", "-wrong"

    def _describe(self, number: int, question: Question) -> Content:
        """One question as literal Content: mark, number and prompt, then the answers and points."""
        session = self.session
        fallback = session.bank.source_language
        grade = session.grades.get(question.id)
        mark, _css = self._verdict(question.id)
        points = f"{format_number(round(grade.points, 2)) if grade else 0}/{format_number(question.points)}"
        given = describe_answer(question, session.answers.get(question.id), fallback)
        if accepted := accepted_note(grade):
            given += " · " + accepted
        return Content.assemble(
            (f"{mark} {number}. ", "bold"),
            (localized(question.prompt, fallback), "bold"),
            "\n",
            _("Your answer: {answer}").format(answer=given),
            "\n",
            _("Right answer: {answer}").format(answer=describe_right_answer(question, fallback)),
            "\n",
            (_("Points: {points}").format(points=points), "dim"),
        )

    def action_retry(self) -> None:
        wrong = self.session.wrong_questions()
        if not wrong:
            self.quiz_app.say(lambda: _("Nothing to retry: every answer was right."))
            return
        app = self.quiz_app
        session = QuizSession.start(
            self.session.bank,
            wrong,
            self.session.mode,
            app.rng,
            app.clock(),
            time_limit=self.session.time_limit,
        )
        from quizapp.ui.screens.quiz import QuizRunScreen

        app.switch_screen(QuizRunScreen(session))

    def action_new_quiz(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#retry")
    def _retry(self) -> None:
        self.action_retry()

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.action_new_quiz()
