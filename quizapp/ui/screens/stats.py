"""Statistics of the current profile in one bank, and each past quiz's answers.

The figures come from :func:`quizapp.core.stats.overview` (its module docstring defines seen,
mastered, accuracy and streak). Days are the student's local calendar days, so ``now`` is passed
in local time. The history table opens an :class:`AttemptScreen` with every saved answer of a
past quiz, described with the same helpers as the results screen.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Label, Sparkline, Static

from quizapp.core.session import Mode
from quizapp.core.stats import MASTERED_STABILITY_DAYS, StatsOverview, overview
from quizapp.core.store import AnswerRecord, AttemptSummary, StoreError
from quizapp.i18n import N_, _, format_day, format_moment, format_number, format_percent, ngettext
from quizapp.ui.base import QuizScreen
from quizapp.ui.screens.home import MODE_NAMES
from quizapp.ui.screens.results import aligned_names, bar
from quizapp.ui.text import describe_answer, describe_right_answer, localized
from quizapp.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from quizapp.core.model import Bank

#: How many days the accuracy covers, and how many of its days are listed with bars.
ACCURACY_DAYS = 30
ACCURACY_ROWS = 7
STATE_NAMES = {
    "finished": N_("Finished"),
    "in_progress": N_("Not finished"),
    "abandoned": N_("Abandoned"),
}

Parts = list[Content | str | tuple[str, str]]


def cell(text: str) -> Text:
    """A literal table cell: a DataTable parses ``str`` cells as markup and measures ``Content``
    cells too narrow, so cells are Rich ``Text`` (never parsed) built from the plain string."""
    return Text(text)


def _style(ratio: float) -> str:
    return "$success" if ratio >= 0.8 else "$warning" if ratio >= 0.5 else "$error"


def _mode_name(mode: str) -> str:
    try:
        return _(MODE_NAMES[Mode(mode)])
    except ValueError:
        return mode


def _points(points: float | None, max_points: float | None) -> str:
    if points is None or max_points is None:
        return "—"
    return f"{format_number(round(points, 2))}/{format_number(max_points)}"


def _local(moment: datetime) -> datetime:
    return moment.astimezone()


class StatsScreen(QuizScreen):
    """Progress of the current profile in one bank: counts, mastery, accuracy, streak, history."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding("escape", "close", N_("Back")),
        Binding("f4", "close", N_("Back"), show=False),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        #: The bank whose statistics are shown.
        self.bank = bank
        #: The figures, computed on mount.
        self.overview: StatsOverview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static(id="heading")
            yield Static(id="counts")
            yield Label(id="topics-title", classes="section", markup=False)
            yield Static(id="topics")
            yield Label(id="mastered-help", classes="muted", markup=False)
            yield Label(id="accuracy-title", classes="section", markup=False)
            yield Sparkline(id="sparkline")
            yield Static(id="accuracy")
            yield Label(id="history-title", classes="section", markup=False)
            yield Label(id="history-empty", classes="muted", markup=False)
            yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#history", DataTable).focus()

    def load(self) -> None:
        """Compute the figures again (from the store, at the app's clock in local time)."""
        recorder = self.quiz_app.recorder
        self.overview = None
        if recorder is not None:
            now = self.quiz_app.clock().astimezone()
            try:
                self.overview = overview(
                    recorder.store, recorder.profile, self.bank, now, ACCURACY_DAYS, planner=recorder.planner
                )
            except (StoreError, sqlite3.Error, KeyError) as exc:
                recorder.warn(exc)
        self.refresh_language()

    # -- drawing --
    def refresh_language(self) -> None:
        super().refresh_language()
        fallback = self.bank.source_language
        profile = self.quiz_app.profile_name or ""
        self.query_one("#heading", Static).update(
            Content.assemble(
                (_("Statistics of {name}").format(name=profile), "bold"),
                " · ",
                Content(localized(self.bank.title, fallback)),
            )
        )
        self.query_one("#topics-title", Label).update(_("Mastery by topic"))
        self.query_one("#mastered-help", Label).update(
            ngettext(
                "Mastered: answered well at growing intervals, so you should still know it in {days} day.",
                "Mastered: answered well at growing intervals, so you should still know it in {days} days.",
                int(MASTERED_STABILITY_DAYS),
            ).format(days=format_number(MASTERED_STABILITY_DAYS))
        )
        self.query_one("#accuracy-title", Label).update(
            ngettext("Accuracy, last {count} day", "Accuracy, last {count} days", ACCURACY_DAYS).format(
                count=format_number(ACCURACY_DAYS)
            )
        )
        self.query_one("#history-title", Label).update(_("Past quizzes (Enter shows the answers)"))
        self._draw_counts()
        self._draw_topics()
        self._draw_accuracy()
        self._draw_history()

    def _draw_counts(self) -> None:
        stats = self.overview
        counts = self.query_one("#counts", Static)
        if stats is None:
            counts.update(_("Progress is not being saved, so there are no statistics."))
            return
        figures = stats.counts
        lines = [
            _("Questions seen: {seen} of {total}").format(
                seen=format_number(figures.seen), total=format_number(figures.questions)
            ),
            _("Mastered: {count}").format(count=format_number(figures.mastered)),
            _("Due for review now: {count}").format(count=format_number(figures.due)),
            ngettext("Daily streak: {count} day", "Daily streak: {count} days", stats.streak).format(
                count=format_number(stats.streak)
            ),
        ]
        counts.update(Content("\n".join(lines)))

    def on_resize(self) -> None:
        if self.overview is not None:
            self._draw_topics()

    def _draw_topics(self) -> None:
        stats = self.overview
        fallback = self.bank.source_language
        rows: Parts = []
        entries = stats.topics if stats is not None else []
        names = []
        for entry in entries:
            topic = self.bank.topic(entry.topic)
            names.append(localized(topic.name, fallback) if topic else entry.topic)
        details = [
            _("{mastered} of {total} mastered, {seen} seen").format(
                mastered=format_number(entry.mastered),
                total=format_number(entry.questions),
                seen=format_number(entry.seen),
            )
            for entry in entries
        ]
        # Each topic on one line, its detail on one line below the bar: beside the names stand
        # the padding and scroll bar (4), a gap (2), and the bar with "100%" (17) or the detail;
        # a name longer than the room left is cut with "…".
        beside = 2 + max([17, *(cell_len(detail) for detail in details)])
        names = aligned_names(names, self.app.size.width - 4 - beside)
        width = cell_len(names[0]) if names else 0
        for index, (entry, name, detail) in enumerate(zip(entries, names, details, strict=True)):
            if index:
                rows.append("\n")
            rows += [
                Content(name + "  "),
                (bar(entry.ratio, 10), _style(entry.ratio)),
                f"  {format_percent(entry.ratio)}",
                "\n",
                (" " * (width + 2) + detail, "dim"),
            ]
        self.query_one("#topics", Static).update(Content.assemble(*rows))

    def _draw_accuracy(self) -> None:
        days = self.overview.accuracy if self.overview is not None else []
        sparkline = self.query_one("#sparkline", Sparkline)
        sparkline.data = [accuracy for _day, accuracy in days]
        sparkline.display = len(days) > 1
        text = self.query_one("#accuracy", Static)
        if not days:
            text.update(_("No answers in this time."))
            return
        rows: Parts = []
        for index, (day, accuracy) in enumerate(days[-ACCURACY_ROWS:]):
            if index:
                rows.append("\n")
            rows += [
                f"{format_day(day):>8}  ",
                (bar(accuracy), _style(accuracy)),
                f"  {format_percent(accuracy)}",
            ]
        text.update(Content.assemble(*rows))

    def _draw_history(self) -> None:
        history = self.overview.history if self.overview is not None else []
        self.query_one("#history-empty", Label).update(_("No quizzes yet."))
        self.query_one("#history-empty").display = not history
        table = self.query_one("#history", DataTable)
        table.display = bool(history)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_columns(_("Started"), _("Mode"), _("State"), _("Answered"), _("Right"), _("Points"))
        for attempt in history:
            cells = [
                format_moment(_local(attempt.started_at)),
                _mode_name(attempt.mode),
                _(STATE_NAMES.get(attempt.state, attempt.state)),
                f"{format_number(attempt.answered)}/{format_number(attempt.questions)}",
                format_number(attempt.correct),
                _points(attempt.points, attempt.max_points),
            ]
            table.add_row(*[cell(text) for text in cells], key=str(attempt.id))
        if cursor and cursor < len(history):
            table.move_cursor(row=cursor)

    # -- actions --
    @on(DataTable.RowSelected, "#history")
    def _attempt_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.overview is None or event.row_key.value is None:
            return
        wanted = int(event.row_key.value)
        attempt = next((a for a in self.overview.history if a.id == wanted), None)
        if attempt is not None:
            self.app.push_screen(AttemptScreen(attempt, self.bank))

    def action_close(self) -> None:
        self.app.pop_screen()


class AttemptScreen(QuizScreen):
    """Every saved answer of one past quiz: the question, your answer, the right one, the points.

    Each answer is a block that wraps to the terminal's width (questions and answers in Turkish
    or Kazakh are long); the blocks scroll together.
    """

    CSS_PATH = "stats.tcss"
    BINDINGS = [Binding("escape", "close", N_("Back"))]

    def __init__(self, attempt: AttemptSummary, bank: Bank) -> None:
        super().__init__()
        #: The quiz shown.
        self.attempt = attempt
        #: Its bank (questions removed from the bank since are shown by id).
        self.bank = bank
        #: The saved answers, in the quiz's order (read on mount).
        self.answers: list[AnswerRecord] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="attempt"):
            yield Static(id="attempt-heading")
            yield Label(id="attempt-summary", classes="muted", markup=False)
            yield Vertical(id="answers")
        yield KeyBar()

    def on_mount(self) -> None:
        recorder = self.quiz_app.recorder
        if recorder is not None:
            try:
                self.answers = recorder.store.attempt_answers(self.attempt.id)
            except (StoreError, sqlite3.Error, KeyError) as exc:
                recorder.warn(exc)
        blocks = [Static(classes=f"answer {_verdict(record)[1]}") for record in self.answers]
        self.query_one("#answers", Vertical).mount_all(blocks)
        self.refresh_language()
        self.query_one("#attempt", VerticalScroll).focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        attempt = self.attempt
        fallback = self.bank.source_language
        self.query_one("#attempt-heading", Static).update(
            Content.assemble(
                (
                    _("{mode} of {date}").format(
                        mode=_mode_name(attempt.mode), date=format_moment(_local(attempt.started_at))
                    ),
                    "bold",
                ),
                " · ",
                Content(localized(self.bank.title, fallback)),
            )
        )
        summary = [_(STATE_NAMES.get(attempt.state, attempt.state))]
        if attempt.points is not None and attempt.max_points:
            summary.append(
                _("score: {points} ({percent})").format(
                    points=_points(attempt.points, attempt.max_points),
                    percent=format_percent(attempt.points / attempt.max_points),
                )
            )
        summary.append(
            ngettext(
                "{answered} of {total} question answered",
                "{answered} of {total} questions answered",
                attempt.questions,
            ).format(answered=format_number(attempt.answered), total=format_number(attempt.questions))
        )
        self.query_one("#attempt-summary", Label).update(" · ".join(summary))
        blocks = self.query(".answer").results(Static)
        for number, (record, block) in enumerate(zip(self.answers, blocks, strict=False), 1):
            block.update(self.describe(number, record))

    def describe(self, number: int, record: AnswerRecord) -> Content:
        """One answer as literal Content: mark, number and question, then the three facts."""
        fallback = self.bank.source_language
        mark, _css = _verdict(record)
        question = self.bank.question(record.question_id)
        if question is None:
            prompt = _("{id} (no longer in the bank)").format(id=record.question_id)
            given = str(record.answer) if record.answered else "—"
            right = "—"
        else:
            prompt = localized(question.prompt, fallback)
            given = describe_answer(question, record.answer, fallback) if record.answered else "—"
            right = describe_right_answer(question, fallback)
        return Content.assemble(
            (f"{mark} {number}. ", "bold"),
            (prompt, "bold"),
            "\n",
            _("Your answer: {answer}").format(answer=given),
            "\n",
            _("Right answer: {answer}").format(answer=right),
            "\n",
            (_("Points: {points}").format(points=_points(record.points, record.max_points)), "dim"),
        )

    def action_close(self) -> None:
        self.app.pop_screen()


def _verdict(record: AnswerRecord) -> tuple[str, str]:
    """The mark and the CSS class of a saved answer: right, partly right, wrong or not graded."""
    if record.correct:
        return "✓", "-correct"
    if record.credit:
        return "◐", "-partial"
    if record.answered and record.credit is not None:
        return "✗", "-wrong"
    return "·", "-blank"
