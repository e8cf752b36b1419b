"""Choosing whose progress this is: pick a profile or create one.

Several students may share a machine (or a ``textual serve`` server), so the first start asks
who is studying and everything saved is kept per profile. The dialog only returns a name; the
app creates the profile in the store and remembers the choice in the settings.

Profile names are typed by students, so they are drawn literally, never as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from quizapp.core.store import MAX_PROFILE_NAME, normalize_profile_name
from quizapp.i18n import N_, _, format_number, ngettext
from quizapp.ui.base import QuizModal


class ProfileDialog(QuizModal):
    """Pick an existing profile or type a new name; dismisses the name, or None if cancelled."""

    DEFAULT_CSS = """
    ProfileDialog { align: center middle; }
    ProfileDialog > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    /* Full width, so that a long hint (Kazakh) wraps instead of being cut at the dialog's edge. */
    ProfileDialog Label { width: 100%; }
    ProfileDialog #title { text-style: bold; margin-bottom: 1; }
    ProfileDialog .muted { color: $text-muted; }
    ProfileDialog #profiles { height: auto; max-height: 10; margin-bottom: 1; }
    ProfileDialog #error { color: $error; height: auto; }
    ProfileDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ProfileDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, profiles: list[str], current: str | None = None) -> None:
        super().__init__()
        #: The profiles that exist already, in the order to offer them.
        self.profiles = list(profiles)
        #: The profile in use, highlighted in the list (None on first start).
        self.current = current
        #: Why the typed name was refused ("empty" or "long"), shown until the next try.
        self._error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(id="title", markup=False)
            yield Label(id="pick-hint", classes="muted", markup=False)
            yield OptionList(
                *[Option(Content(name), id=str(i)) for i, name in enumerate(self.profiles)], id="profiles"
            )
            yield Label(id="new-hint", classes="muted", markup=False)
            yield Input(id="new-name", max_length=MAX_PROFILE_NAME)
            yield Label(id="error", markup=False)
            with Horizontal():
                yield Button(id="create", variant="primary")
                yield Button(id="cancel")

    def on_mount(self) -> None:
        has_profiles = bool(self.profiles)
        self.query_one("#pick-hint").display = has_profiles
        self.query_one("#profiles").display = has_profiles
        self.refresh_language()
        if has_profiles:
            options = self.query_one("#profiles", OptionList)
            options.highlighted = self.profiles.index(self.current) if self.current in self.profiles else 0
            options.focus()
        else:
            self.query_one("#new-name", Input).focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one("#title", Label).update(_("Who is studying?"))
        self.query_one("#pick-hint", Label).update(_("Pick your profile:"))
        self.query_one("#new-hint", Label).update(
            _("Or type a new name (your progress is saved under it):")
            if self.profiles
            else _("Type your name (your progress is saved under it):")
        )
        self.query_one("#new-name", Input).placeholder = _("Name")
        self.query_one("#create", Button).label = _("Use this name")
        self.query_one("#cancel", Button).label = _("Cancel")
        self._draw_error()

    @on(OptionList.OptionSelected, "#profiles")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.profiles[event.option_index])

    @on(Input.Submitted, "#new-name")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self._use_typed_name()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self._use_typed_name()
        else:
            self.action_cancel()

    def _use_typed_name(self) -> None:
        name = normalize_profile_name(self.query_one("#new-name", Input).value)
        if name and len(name) <= MAX_PROFILE_NAME:
            self.dismiss(name)
            return
        self._error = "empty" if not name else "long"
        self._draw_error()

    def _draw_error(self) -> None:
        error = self.query_one("#error", Label)
        error.display = self._error is not None
        if self._error == "empty":
            error.update(_("Type a name first."))
        elif self._error == "long":
            error.update(
                ngettext(
                    "A name can have at most {count} character.",
                    "A name can have at most {count} characters.",
                    MAX_PROFILE_NAME,
                ).format(count=format_number(MAX_PROFILE_NAME))
            )

    def action_cancel(self) -> None:
        self.dismiss(None)
