"""Dialogs: confirm, choose a language, help. Each is a modal that dismisses a typed result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from quizapp.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, get_language, ngettext
from quizapp.ui.base import QuizModal


class ConfirmDialog(QuizModal):
    """Ask a yes/no question; dismisses True for yes, False for no.

    The answer that loses nothing (*safe*: no, unless told otherwise) is the default: it has the
    focus, so Enter picks it, and Escape picks it too. Throwing work away always takes a
    deliberate choice.

    The texts are msgids with format arguments, so the dialog can redraw itself in another
    language while it is open.
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 60; max-width: 90%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    ConfirmDialog #question { width: 100%; margin-bottom: 1; }
    ConfirmDialog #details { width: 100%; color: $text-muted; margin-bottom: 1; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; width: auto; min-width: 12; }
    """
    BINDINGS = [
        Binding("escape", "answer_safely", N_("Cancel")),
        Binding("y", "answer(True)", N_("Yes"), show=False),
        Binding("n", "answer(False)", N_("No"), show=False),
        # The buttons sit side by side: the arrows move between them, as Tab does.
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        question: str,
        details: str | tuple[str, str, str] = "",
        yes: str = N_("Yes"),
        no: str = N_("No"),
        safe: bool = False,
        **format_args: object,
    ) -> None:
        """*details* is a msgid, or ``(singular, plural, name)`` where ``format_args[name]`` is the
        count; *safe* is the answer that loses nothing (focused, and what Escape gives)."""
        super().__init__()
        self._question, self._details, self._yes, self._no = question, details, yes, no
        #: The answer that loses nothing.
        self.safe = safe
        self._format_args = format_args

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="question", markup=False)
            yield Label(id="details", markup=False)
            with Horizontal():
                yield Button(id="yes", variant="primary" if self.safe else "default")
                yield Button(id="no", variant="default" if self.safe else "primary")

    def on_mount(self) -> None:
        self.refresh_language()
        self.query_one("#yes" if self.safe else "#no", Button).focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one("#question", Label).update(_(self._question).format(**self._format_args))
        details = self.query_one("#details", Label)
        if isinstance(self._details, tuple):
            singular, plural, count_name = self._details
            count = self._format_args[count_name]
            assert isinstance(count, int)
            text = ngettext(singular, plural, count).format(**self._format_args)
        else:
            text = _(self._details).format(**self._format_args) if self._details else ""
        details.update(text)
        details.display = bool(self._details)
        self.query_one("#yes", Button).label = _(self._yes)
        self.query_one("#no", Button).label = _(self._no)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_answer_safely(self) -> None:
        self.dismiss(self.safe)


class LanguagePicker(QuizModal):
    """Pick the interface language; dismisses the code or None."""

    DEFAULT_CSS = """
    LanguagePicker { align: center middle; }
    LanguagePicker > Vertical {
        width: 40; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    LanguagePicker Label { margin-bottom: 1; }
    LanguagePicker OptionList { height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="title")
            # Each language in its own name, so anyone can find theirs whatever is on screen.
            yield OptionList(*[Option(f"{LANGUAGE_NAMES[code]}", id=code) for code in LANGUAGES])

    def on_mount(self) -> None:
        self.refresh_language()
        options = self.query_one(OptionList)
        options.highlighted = LANGUAGES.index(get_language())
        options.focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one("#title", Label).update(_("Language"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def key_rows() -> list[tuple[str, str]]:
    """Every key and what it does, in the current language (the help's table; the README's
    "Keys" table says the same in English, and a test holds them together)."""
    return [
        (_("F1 or ?"), _("This help")),
        ("F2", _("Change the language")),
        ("F3", _("Switch to another profile (start screen)")),
        ("F4", _("Statistics: mastery by topic, accuracy, past quizzes (start screen)")),
        ("F5", _("Change the quiz: the set-up form (start screen)")),
        ("F5–F8", _("After a review answer, rate yourself: again, hard, good, easy")),
        ("ctrl+p", _("Command palette: new quiz, language, theme, help, quit")),
        ("ctrl+q", _("Quit")),
        ("1–8", _("Choose option 1 to 8 (several answers: tick or untick it); this does not check")),
        ("↑ / ↓", _("Move between the options")),
        (_("Space"), _("Tick or untick the highlighted option (several answers)")),
        (
            _("Enter"),
            _(
                "Check the answer (practice, review) or go to the next question (exam); "
                "on a checked answer, go on"
            ),
        ),
        (_("shift+↑ / shift+↓"), _("Move an item up or down (ordering)")),
        ("Enter, Tab", _("Open the list of partners, go to the next item (matching)")),
        (
            "ctrl+s",
            _("Check the answer (practice, review) or submit the exam; start the quiz (start screen)"),
        ),
        ("ctrl+n", _("Next question")),
        ("ctrl+← / ctrl+→", _("Previous / next question (exam)")),
        ("ctrl+f", _("Flag the question for later (exam)")),
        (_("Escape"), _("Leave the quiz (asks first)")),
    ]


def help_markdown() -> str:
    """The help text in the current language (keys and scoring rules)."""
    rows = key_rows()
    keys = "\n".join(f"| {key} | {what} |" for key, what in rows)
    return "\n\n".join(
        [
            "# " + _("Help"),
            "## " + _("Keys"),
            "| " + _("Key") + " | " + _("Action") + " |\n|---|---|\n" + keys,
            "## " + _("Modes"),
            "- **"
            + _("Practice")
            + "**: "
            + _("you see at once whether you were right, the right answer and why."),
            "- **"
            + _("Exam")
            + "**: "
            + _(
                "no feedback until the end; move between questions, change answers, flag some for later. With a time limit the exam is submitted when time runs out."
            ),
            "- **"
            + _("Review")
            + "**: "
            + _("spaced repetition: questions that are due come first, then new ones."),
            "## " + _("Scoring"),
            _("Each question is worth its points (usually 1). There is no negative marking."),
            "- "
            + _(
                "Several answers: (right choices ticked − wrong choices ticked) ÷ number of right choices, never below 0."
            ),
            "- " + _("Ordering: the share of items in their right place."),
            "- " + _("Matching: the share of items paired correctly."),
            "- "
            + _(
                "All other kinds are right or wrong. Typed answers ignore case and extra spaces; dates must be as precise as asked."
            ),
        ]
    )


class HelpDialog(QuizModal):
    """Keys and scoring rules."""

    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "close", N_("Close")), Binding("f1", "close", N_("Close"), show=False)]

    def compose(self) -> ComposeResult:
        # Imported here: markdown-it and its plugins cost ~25 ms, and the app imports this module
        # before its first frame (for TooSmallScreen).
        from textual.widgets import Markdown

        with VerticalScroll():
            yield Markdown(help_markdown(), id="help")

    def refresh_language(self) -> None:
        from textual.widgets import Markdown

        super().refresh_language()
        self.query_one("#help", Markdown).update(help_markdown())

    def action_close(self) -> None:
        self.dismiss(None)


class TooSmallScreen(QuizModal):
    """Shown over everything while the terminal is smaller than the app can use; nothing is lost."""

    MIN_WIDTH = 60
    MIN_HEIGHT = 18
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Label { width: 100%; content-align: center middle; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="message", markup=False)

    def on_mount(self) -> None:
        self.refresh_language()

    def on_resize(self) -> None:
        self.refresh_language()

    def refresh_language(self) -> None:
        super().refresh_language()
        size = self.app.size
        self.query_one("#message", Label).update(
            _(
                "The terminal is too small ({width}×{height}). Make it at least {min_width}×{min_height}."
            ).format(
                width=size.width, height=size.height, min_width=self.MIN_WIDTH, min_height=self.MIN_HEIGHT
            )
        )

    @classmethod
    def fits(cls, width: int, height: int) -> bool:
        """Whether a terminal of this size is big enough."""
        return width >= cls.MIN_WIDTH and height >= cls.MIN_HEIGHT
