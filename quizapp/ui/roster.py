"""Signing in from the class roster: pick your name, type your PIN.

Used by ``quizapp serve --roster``: only roster names can be used, each needs its PIN, and after
three wrong PINs for a name every further try waits longer (the decision and the waiting are
:class:`~quizapp.classroom.gate.Classroom`'s; this dialog only shows them). The dialog dismisses
the roster's spelling of the name once the PIN is right, or None when cancelled (only allowed
when a student is already signed in, i.e. when switching).

Names are typed by teachers in a CSV file, so they are drawn literally, never as markup.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from quizapp.classroom.gate import Classroom, Outcome
from quizapp.i18n import N_, _, format_number, ngettext
from quizapp.ui.base import QuizModal


class NameList(OptionList):
    """The class list. What is typed on it is the PIN: a quick student presses Enter on a name and
    types on before the focus has moved, and no key may be lost. So the list handles the keys
    itself, in the order they came: printable keys and Backspace edit the PIN field without
    moving the focus, and Enter signs in once a PIN is typed (else it moves on to the PIN field).
    """

    def __init__(
        self, *options: Option, pin: Callable[[], Input], enter: Callable[[], None], id: str
    ) -> None:
        super().__init__(*options, id=id)
        self._pin = pin
        self._enter = enter

    #: Moves handled here rather than by the bindings: a binding runs once the key has bubbled
    #: up to the app, after the keys behind it, so Down, Enter sent together would sign in the
    #: name that was highlighted before Down (see RELIABILITY §9).
    MOVES = {
        "up": "cursor_up",
        "down": "cursor_down",
        "home": "first",
        "end": "last",
        "pageup": "page_up",
        "pagedown": "page_down",
    }

    def on_key(self, event: events.Key) -> None:
        pin = self._pin()
        if event.key in self.MOVES:
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{self.MOVES[event.key]}")()
            return
        if pin.disabled:
            return
        if event.key == "enter":
            # Handled here, in key order, not through OptionSelected (a message that arrives
            # after the keys typed next): one Enter, one sign-in.
            event.stop()
            event.prevent_default()
            self._enter()
        elif event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            pin.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            event.stop()
            event.prevent_default()
            pin.action_delete_left()


class RosterDialog(QuizModal):
    """Pick a roster name and type its PIN; dismisses the name, or None if cancelled."""

    DEFAULT_CSS = """
    RosterDialog { align: center middle; }
    RosterDialog > VerticalScroll {
        width: 64; max-width: 95%; height: auto; max-height: 100%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    RosterDialog Label { width: 100%; }
    RosterDialog #title { text-style: bold; }
    RosterDialog .muted { color: $text-muted; }
    RosterDialog #names { height: auto; max-height: 10; }
    RosterDialog #pin-hint { margin-top: 1; }
    RosterDialog #message { height: auto; }
    RosterDialog #message.-error { color: $error; }
    RosterDialog Horizontal { height: auto; align-horizontal: right; }
    RosterDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self, classroom: Classroom, cancellable: bool, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__()
        assert classroom.roster is not None
        self.classroom = classroom
        self.names = list(classroom.roster.names)
        #: Whether Esc/Cancel may close the dialog (not before anyone has signed in).
        self.cancellable = cancellable
        self._clock = clock
        #: What the message line says: a msgid kind and its values, redrawn on a language switch.
        self._message: tuple[str, dict[str, object]] | None = None
        self._unlock_at = 0.0
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        # Scrolls when a long class list does not fit a small terminal (80×24 and up fit 10 names).
        with VerticalScroll():
            yield Label(id="title", markup=False)
            yield Label(id="pick-hint", classes="muted", markup=False)
            yield NameList(
                *[Option(Content(name), id=str(i)) for i, name in enumerate(self.names)],
                pin=lambda: self.query_one("#pin", Input),
                enter=self._enter_on_name,
                id="names",
            )
            yield Label(id="pin-hint", classes="muted", markup=False)
            # No select-on-focus: a key typed ahead on the name list must not be replaced by the next.
            yield Input(id="pin", password=True, max_length=64, select_on_focus=False)
            yield Label(id="message", markup=False)
            with Horizontal():
                yield Button(id="sign-in", variant="primary")
                yield Button(id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel").display = self.cancellable
        self.refresh_language()
        self.query_one("#names", OptionList).focus()

    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one("#title", Label).update(_("Who is studying?"))
        self.query_one("#pick-hint", Label).update(_("Pick your name from the class list:"))
        self.query_one("#pin-hint", Label).update(_("Then type your PIN and press Enter:"))
        self.query_one("#pin", Input).placeholder = _("PIN")
        self.query_one("#sign-in", Button).label = _("Sign in")
        self.query_one("#cancel", Button).label = _("Cancel")
        self._draw_message()

    @property
    def chosen(self) -> str | None:
        """The highlighted roster name."""
        index = self.query_one("#names", OptionList).highlighted
        return self.names[index] if index is not None else None

    def _enter_on_name(self) -> None:
        if self.query_one("#pin", Input).value:
            self.sign_in()
        else:
            self.query_one("#pin", Input).focus()

    @on(OptionList.OptionSelected, "#names")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # Only a click gets here (the list handles Enter itself): go on to the PIN.
        event.stop()
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self.sign_in()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "sign-in":
            self.sign_in()
        else:
            self.action_cancel()

    def sign_in(self) -> None:
        """Check the PIN typed for the highlighted name."""
        name = self.chosen
        pin_input = self.query_one("#pin", Input)
        if name is None:
            self._say("pick")
            self.query_one("#names", OptionList).focus()
            return
        if not pin_input.value.strip():
            self._say("empty")
            pin_input.focus()
            return
        result = self.classroom.sign_in(name, pin_input.value, self._clock())
        pin_input.value = ""
        if result.outcome is Outcome.OK:
            self.dismiss(result.name)
            return
        if result.outcome is Outcome.WRONG:
            self._say("wrong", name=result.name)
        elif result.outcome is Outcome.UNKNOWN:  # the roster is fixed: cannot happen from the list
            self._say("unknown", name=result.name)
        if result.wait_s > 0:
            self._lock(result.wait_s, result.outcome is Outcome.WAIT)
        pin_input.focus()

    def _lock(self, seconds: float, still: bool) -> None:
        """Refuse tries for *seconds*, counting down on the message line."""
        self._unlock_at = self._clock() + seconds
        self._say("still-wait" if still else "wait", seconds=seconds)
        self.query_one("#pin", Input).disabled = True
        self.query_one("#sign-in", Button).disabled = True
        if self._ticker is None:
            self._ticker = self.set_interval(0.5, self._tick)

    def _tick(self) -> None:
        left = self._unlock_at - self._clock()
        if left > 0:
            kind = self._message[0] if self._message else "wait"
            self._say(kind, seconds=left)
            return
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.query_one("#pin", Input).disabled = False
        self.query_one("#sign-in", Button).disabled = False
        self._say("again")
        self.query_one("#pin", Input).focus()

    def _say(self, kind: str, **values: object) -> None:
        self._message = (kind, values)
        self._draw_message()

    def _draw_message(self) -> None:
        label = self.query_one("#message", Label)
        label.display = self._message is not None
        if self._message is None:
            return
        kind, values = self._message
        label.set_class(kind not in ("again",), "-error")
        if kind in ("wait", "still-wait"):
            seconds = max(1, round(float(str(values["seconds"]))))
            text = ngettext(
                "Too many wrong PINs: try again in {count} second.",
                "Too many wrong PINs: try again in {count} seconds.",
                seconds,
            ).format(count=format_number(seconds))
            if kind == "wait":
                text = _("Wrong PIN.") + " " + text
        elif kind == "wrong":
            text = _("Wrong PIN for {name}. Try again, or ask your teacher.").format(name=values["name"])
        elif kind == "unknown":
            text = _("{name} is not on the class list.").format(name=values["name"])
        elif kind == "empty":
            text = _("Type your PIN first.")
        elif kind == "pick":
            text = _("Pick your name first.")
        else:
            text = _("You can try again now.")
        label.update(text)

    def action_cancel(self) -> None:
        if self.cancellable:
            self.dismiss(None)
