"""One answer widget per question kind. Each shows a question's options, reports the answer the
student has given so far (``answer``), can be filled in again (``set_answer``, for exam navigation
and resume), locked after checking, and redrawn in another language without losing anything.

Widgets post :class:`AnswerWidget.Changed` when the answer changes and
:class:`AnswerWidget.Submitted` when the student presses Enter; the quiz screen decides what that
means (check, save, go on). A one-line hint above each widget says what the keys do for that kind
in the quiz's mode.

**Keys that come fast.** Textual hands a key to the widget that has focus when the key arrives,
but runs its binding only after the key has bubbled back up to the app; by then, in a burst
(``Space Down Down Space`` from a fast typist or ``tmux send-keys``), the later keys have already
moved the highlight. So every action here acts on the option the key was meant for, taken when the
key's binding runs, never on "whatever is highlighted" when a message posted by that binding is
handled later (that is how a burst once ticked nothing on a multi question).

**Digits** choose option N on choice, true/false and multi questions (ticking or unticking it on
multi) without checking; Enter checks. Arrows and Enter choose the highlighted option and check.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from quizapp.core.grading import NOTE_NOT_A_NUMBER, Answer, prepare
from quizapp.core.model import (
    ChoiceQuestion,
    DateQuestion,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.core.session import Presentation, unreadable
from quizapp.i18n import N_, _, format_number, unit_display_name
from quizapp.ui.text import content, localized, shorten, truefalse_label

#: Digits choose options 1–8 (a question has at most 8 choices).
DIGITS = range(1, 9)


class AnswerWidget(Widget):
    """Base of the answer widgets: the hint line, the messages, locking."""

    DEFAULT_CSS = """
    AnswerWidget { height: auto; }
    AnswerWidget > .hint { color: $text-muted; margin-bottom: 1; width: 100%; }
    """

    class _Message(Message):
        """A message about the answer in *widget*."""

        def __init__(self, widget: AnswerWidget) -> None:
            super().__init__()
            self.widget = widget

        @property
        def control(self) -> AnswerWidget:
            """The answer widget."""
            return self.widget

    class Submitted(_Message):
        """The student pressed Enter on their answer (to check it, or to go on once checked)."""

    class Changed(_Message):
        """The answer changed (exam mode saves it)."""

    def __init__(
        self,
        question: Question,
        presentation: Presentation,
        fallback: str,
        initial: Answer = None,
        locked: bool = False,
        exam: bool = False,
        last: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.presentation = presentation
        self.fallback = fallback
        self.initial = initial
        self.start_locked = locked
        #: In an exam, Enter goes on instead of checking (the hint says so).
        self.exam = exam
        #: The last question of the quiz (the hint says how to finish).
        self.last = last
        self.locked = False

    def compose(self) -> ComposeResult:
        yield Label(self.hint(), classes="hint", markup=False)
        yield from self.compose_answer()

    def compose_answer(self) -> ComposeResult:
        """The widgets that take the answer."""
        yield from ()

    def on_mount(self) -> None:
        # Children exist now: show a saved answer and lock a checked one.
        if self.initial is not None:
            self.set_answer(self.initial)
            if not self.start_locked:
                self.refused()  # an entry kept from before that could not be taken says why again
        if self.start_locked:
            self.lock_answer()
        else:
            self.focus_input()

    @property
    def answer(self) -> Answer:
        """The answer as given so far (None if nothing yet)."""
        raise NotImplementedError

    def set_answer(self, answer: Answer) -> None:
        """Show *answer* as given (e.g. when coming back to a question)."""

    def refused(self) -> bool:
        """Whether the entry cannot be taken at all (a typed answer that is not a number or not a
        date); if so the widget says why, next to the entry."""
        return False

    def lock_answer(self) -> None:
        """No more changes (the answer has been checked)."""
        self.locked = True
        for child in self.query("Input, OptionList, Select"):
            if isinstance(child, Input):
                child.disabled = True
        self._draw_hint()

    def refresh_language(self) -> None:
        """Redraw texts in the current language, keeping the answer."""
        self._draw_hint()

    def focus_input(self) -> None:
        """Give the keyboard to the widget's main input."""
        target = next(iter(self.query("Input, OptionList, Select")), None)
        if isinstance(target, Widget):
            target.focus()

    # -- the hint --
    def hint(self) -> str:
        """What to do (for this kind) and what Enter does (in this mode)."""
        return f"{self.how()} {self.then()}"

    def how(self) -> str:
        """How to answer this kind of question."""
        return ""

    def then(self) -> str:
        """What finishes the answer, in this mode."""
        if self.locked:
            return _("Enter shows your results.") if self.last else _("Enter goes to the next question.")
        if not self.exam:
            return _("Enter checks your answer.")
        if self.last:
            return _("Submit the exam with ctrl+s when you are done.")
        return _("Enter goes to the next question.")

    def _draw_hint(self) -> None:
        hints = self.query(".hint")
        if hints:
            hints.first(Label).update(self.hint())

    def _digit_keys(self, count: int) -> str:
        """The digits that choose options, e.g. "1–4"."""
        return f"1–{min(count, len(DIGITS))}"


class _Options(OptionList):
    """Options where a digit chooses one and Enter asks for the highlighted one to be checked."""

    BINDINGS = [
        Binding("enter", "submit", show=False),
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in DIGITS],
    ]

    class SubmitRequested(Message):
        """Enter was pressed on option *index* (None: nothing highlighted)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def action_pick(self, index: int) -> None:
        if index < self.option_count and not self.get_option_at_index(index).disabled:
            self.highlighted = index
            self.action_select()

    def action_submit(self) -> None:
        # The highlighted option now, when Enter's binding runs: later keys may move it.
        self.post_message(self.SubmitRequested(self.highlighted))


class ChoiceAnswer(AnswerWidget):
    """``choice`` and ``truefalse``: a digit or a click chooses an option; Enter chooses the
    highlighted one and checks."""

    def _options(self) -> list[tuple[Any, Content]]:
        question = self.question
        if isinstance(question, TrueFalseQuestion):
            return [(True, Content(truefalse_label(True))), (False, Content(truefalse_label(False)))]
        assert isinstance(question, ChoiceQuestion)
        by_id = {c.id: c for c in question.choices}
        return [(cid, content(by_id[cid].text, self.fallback)) for cid in self.presentation.order]

    def compose_answer(self) -> ComposeResult:
        options = self._options()
        self._values = [value for value, _label in options]
        #: The chosen option's position on screen (None: none yet).
        self._chosen: int | None = None
        yield _Options(*[Option(self._prompt(i, label)) for i, (_v, label) in enumerate(options)])

    def how(self) -> str:
        return _("Choose an answer with {keys}, or with ↑/↓ and Enter.").format(
            keys=self._digit_keys(len(self._options()))
        )

    def _right_value(self) -> Any:
        question = self.question
        return question.answer if isinstance(question, (ChoiceQuestion, TrueFalseQuestion)) else None

    def _prompt(self, index: int, label: Content) -> Content:
        number = (f"{index + 1}. ", "bold")
        if not self.locked:
            mark = ("● ", "bold $accent") if index == self._chosen else ("○ ", "dim")
            return Content.assemble(mark, number, label)
        # Checked: mark the right option, and the student's choice if it was wrong.
        value = self._values[index]
        if value == self._right_value():
            return Content.assemble(("✓ ", "bold $success"), number, label)
        if index == self._chosen:
            return Content.assemble(("✗ ", "bold $error"), number, label)
        return Content.assemble("  ", number, label)

    def lock_answer(self) -> None:
        super().lock_answer()
        self._draw_options()

    @property
    def answer(self) -> Answer:
        return self._values[self._chosen] if self._chosen is not None else None

    def set_answer(self, answer: Answer) -> None:
        if answer in self._values:
            self._chosen = self._values.index(answer)
            self.query_one(_Options).highlighted = self._chosen
            self._draw_options()

    def _choose(self, index: int) -> None:
        if self.locked or not 0 <= index < len(self._values):
            return
        if index != self._chosen:
            self._chosen = index
            self._draw_options()
            self.post_message(self.Changed(self))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    @on(_Options.SubmitRequested)
    def _submit(self, event: _Options.SubmitRequested) -> None:
        event.stop()
        if event.index is not None:
            self._choose(event.index)
        self.post_message(self.Submitted(self))

    def _draw_options(self) -> None:
        options = self.query_one(_Options)
        for index, (_value, label) in enumerate(self._options()):
            options.replace_option_prompt_at_index(index, self._prompt(index, label))

    def refresh_language(self) -> None:
        super().refresh_language()
        self._draw_options()


class _Ticks(OptionList):
    """Options to tick: Space or a digit ticks and unticks one at once, Enter asks for a check.

    An OptionList with the ticks drawn in the prompts rather than Textual's SelectionList, which
    cannot wrap a long option (its checkbox is drawn again on every wrapped line) and toggles
    whatever is highlighted when its message arrives, not the option Space was pressed on.
    """

    BINDINGS = [
        Binding("enter", "submit", show=False),
        Binding("space", "toggle_highlighted", show=False),
        *[Binding(str(n), f"toggle_at({n - 1})", show=False) for n in DIGITS],
    ]

    class Toggled(Message):
        """Option *index* was ticked or unticked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class SubmitRequested(Message):
        """Enter was pressed."""

    def action_submit(self) -> None:
        self.post_message(self.SubmitRequested())

    def action_toggle_highlighted(self) -> None:
        if self.highlighted is not None:
            self.action_toggle_at(self.highlighted)

    def action_toggle_at(self, index: int) -> None:
        # The option is named now, when the key's binding runs: a later key of the same burst
        # may already have moved the highlight by the time the message is handled.
        if index < self.option_count and not self.disabled:
            self.highlighted = index
            self.post_message(self.Toggled(index))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click: tick or untick the clicked option.
        event.stop()
        self.post_message(self.Toggled(event.option_index))


class MultiAnswer(AnswerWidget):
    """``multi``: Space or a digit ticks choices, Enter checks."""

    def _labels(self) -> list[tuple[str, Content]]:
        assert isinstance(self.question, MultiQuestion)
        by_id = {c.id: c for c in self.question.choices}
        return [(cid, content(by_id[cid].text, self.fallback)) for cid in self.presentation.order]

    def compose_answer(self) -> ComposeResult:
        #: The ticked choices' ids.
        self._ticked: set[str] = set()
        yield _Ticks(*[Option(self._prompt(i, cid, label)) for i, (cid, label) in enumerate(self._labels())])

    def how(self) -> str:
        return _("Tick every right answer: Space or {keys} ticks and unticks.").format(
            keys=self._digit_keys(len(self.presentation.order))
        )

    @property
    def answer(self) -> Answer:
        return sorted(self._ticked)

    def set_answer(self, answer: Answer) -> None:
        ids = set(self.presentation.order)
        self._ticked = {cid for cid in answer or [] if cid in ids}
        self._draw_options()

    @on(_Ticks.Toggled)
    def _toggled(self, event: _Ticks.Toggled) -> None:
        event.stop()
        if self.locked:
            return
        cid = self.presentation.order[event.index]
        self._ticked ^= {cid}
        self._draw_options()
        self.post_message(self.Changed(self))

    @on(_Ticks.SubmitRequested)
    def _submit(self, event: _Ticks.SubmitRequested) -> None:
        event.stop()
        self.post_message(self.Submitted(self))

    def lock_answer(self) -> None:
        super().lock_answer()
        self.query_one(_Ticks).disabled = True
        self._draw_options()

    def _prompt(self, index: int, cid: str, label: Content) -> Content:
        number = (f"{index + 1}. ", "bold")
        ticked = cid in self._ticked
        if not self.locked:
            box = ("☒ ", "bold $accent") if ticked else ("☐ ", "dim")
            return Content.assemble(box, number, label)
        # Checked: mark the right choices, and the wrong ones that were ticked.
        assert isinstance(self.question, MultiQuestion)
        given = "☒ " if ticked else "☐ "
        if cid in self.question.answers:
            return Content.assemble(("✓ ", "bold $success"), given, number, label)
        if ticked:
            return Content.assemble(("✗ ", "bold $error"), given, number, label)
        return Content.assemble("  ", given, number, label)

    def _draw_options(self) -> None:
        ticks = self.query_one(_Ticks)
        for index, (cid, label) in enumerate(self._labels()):
            ticks.replace_option_prompt_at_index(index, self._prompt(index, cid, label))

    def refresh_language(self) -> None:
        super().refresh_language()
        self._draw_options()


class _Entry(Input):
    """An Input that edits in the order the keys come, even in a burst.

    Textual types a character as soon as the key reaches the Input, but runs the Input's editing
    bindings (Backspace, Delete, arrows, Enter) only once the key has come back up to the app: in
    a burst, "1 6 8 Backspace Backspace Backspace a b c" typed "168abc" first and then deleted
    "abc". Here the Input's own bindings run as the key reaches it, in order with the typing.
    """

    #: Leave ctrl+←/→ (a word left/right) to the screen, which moves between exam questions.
    yields_word_keys = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.yields_word_keys and not parameters and action in ("cursor_left_word", "cursor_right_word"):
            return False
        return super().check_action(action, parameters)

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)


class TypedAnswer(AnswerWidget):
    """``text``, ``number`` and ``date``: type, then Enter. A number or date question refuses
    an entry that is not a number or not a date, and says so under it."""

    DEFAULT_CSS = """
    TypedAnswer > .refusal { color: $text-error; width: 100%; display: none; }
    TypedAnswer > .refusal.-shown { display: block; }
    """

    def how(self) -> str:
        question = self.question
        if isinstance(question, NumberQuestion):
            unit = ""
            if question.unit_name:
                unit = f" ({unit_display_name(question.unit_name)})"
            elif question.unit:
                unit = f" ({localized(question.unit, self.fallback)})"
            return _("Type a number{unit}.").format(unit=unit)
        if isinstance(question, DateQuestion):
            precision = question.answer.precision
            if precision == 1:
                return _("Type a year, e.g. 1991.")
            if precision == 2:
                return _("Type a month and year, e.g. 12.1991 or December 1991.")
            return _("Type a full date: day, month and year, e.g. 16.12.1991 or 16 December 1991.")
        return _("Type your answer.")

    def compose_answer(self) -> ComposeResult:
        entry = _Entry(placeholder=_("Your answer"))
        # In an exam ctrl+←/→ move between questions on every kind, as the help and bar say.
        entry.yields_word_keys = self.exam
        yield entry
        yield Label(classes="refusal", markup=False)

    def on_mount(self) -> None:
        # (AnswerWidget.on_mount runs too: Textual calls each class's handler.) Prepare the
        # accepted forms now, while the student types: checking the answer then takes ~20 µs
        # however many answers the bank lists (benchmarks/bench_grading.py).
        prepare(self.question)

    @property
    def answer(self) -> Answer:
        value = self.query_one(Input).value
        return value if value.strip() else None

    def set_answer(self, answer: Answer) -> None:
        self.query_one(Input).value = "" if answer is None else str(answer)

    def refused(self) -> bool:
        reason = unreadable(self.question, self.answer)
        self._draw_refusal(reason)
        return reason is not None

    def _draw_refusal(self, reason: str | None) -> None:
        label = self.query_one(".refusal", Label)
        label.set_class(reason is not None, "-shown")
        if reason is None:
            return
        typed = shorten(str(self.answer).strip(), 24)
        if reason == NOTE_NOT_A_NUMBER:
            text = _("“{text}” is not a number. Type digits, e.g. {whole} or {decimal}.").format(
                text=typed, whole=format_number(12), decimal=format_number(2.5)
            )
        else:
            text = _("“{text}” is not a date.").format(text=typed) + " " + self.how()
        label.update(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.locked or not self.refused():
            self.post_message(self.Submitted(self))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.query_one(".refusal", Label).has_class("-shown"):
            # Once refused, the reason follows the entry and goes when it can be read.
            self.refused()
        self.post_message(self.Changed(self))

    def refresh_language(self) -> None:
        super().refresh_language()
        self.query_one(Input).placeholder = _("Your answer")
        if self.query_one(".refusal", Label).has_class("-shown"):
            self.refused()


class _Reorder(OptionList):
    """An OptionList whose highlighted item moves with shift+up/down; Enter asks for a check."""

    BINDINGS = [
        # Not on the key bar: the hint over the list says it, and the bar needs the room.
        Binding("shift+up", "move(-1)", N_("Move up"), show=False),
        Binding("shift+down", "move(1)", N_("Move down"), show=False),
        Binding("enter", "submit", N_("Check"), show=False),
    ]

    class Moved(Message):
        """Item at *index* moves by *delta*."""

        def __init__(self, index: int, delta: int) -> None:
            super().__init__()
            self.index, self.delta = index, delta

    class SubmitRequested(Message):
        """Enter was pressed."""

    def action_move(self, delta: int) -> None:
        index = self.highlighted
        if index is None or self.disabled or not 0 <= index + delta < self.option_count:
            return
        # The highlight follows the item at once, so the next key of a burst moves it further.
        self.highlighted = index + delta
        self.post_message(self.Moved(index, delta))

    def action_submit(self) -> None:
        self.post_message(self.SubmitRequested())


class OrderAnswer(AnswerWidget):
    """``order``: move the highlighted item with shift+↑/↓, then Enter."""

    def compose_answer(self) -> ComposeResult:
        self._order: list[int] = list(self.presentation.order)
        yield _Reorder(*[Option(p) for p in self._prompts()])

    def how(self) -> str:
        return _("Put the items in order: shift+↑/↓ moves the highlighted item.")

    def _prompts(self) -> list[Content]:
        assert isinstance(self.question, OrderQuestion)
        items = self.question.items
        return [
            Content.assemble((f"{pos + 1}. ", "bold"), content(items[i], self.fallback))
            for pos, i in enumerate(self._order)
        ]

    @property
    def answer(self) -> Answer:
        return list(self._order)

    def set_answer(self, answer: Answer) -> None:
        if isinstance(answer, list) and sorted(answer) == sorted(self._order):
            self._order = list(answer)
            self._draw_items()

    @on(_Reorder.Moved)
    def _moved(self, event: _Reorder.Moved) -> None:
        event.stop()
        if self.locked:
            return
        target = event.index + event.delta
        if 0 <= target < len(self._order):
            order = self._order
            order[event.index], order[target] = order[target], order[event.index]
            self._draw_items()
            self.post_message(self.Changed(self))

    @on(_Reorder.SubmitRequested)
    def _submit(self, event: _Reorder.SubmitRequested) -> None:
        event.stop()
        self.post_message(self.Submitted(self))

    def lock_answer(self) -> None:
        super().lock_answer()
        self.query_one(_Reorder).disabled = True

    def _draw_items(self) -> None:
        options = self.query_one(_Reorder)
        for index, prompt in enumerate(self._prompts()):
            options.replace_option_prompt_at_index(index, prompt)

    def refresh_language(self) -> None:
        super().refresh_language()
        self._draw_items()


class _Partner(Select[int]):
    """A Select that keeps the keyboard while its list is open, so every key acts at once.

    Textual's Select gives the keyboard to its list a moment after opening it and takes it back a
    moment after a choice; keys of a burst that arrive in between reopen the list, or a Tab lands
    in the list being closed. Here the keys stay with the Select: ↑/↓ open the list and move in it,
    Enter (or Space) opens it and chooses, Escape closes it, Tab closes it and moves on.
    """

    BINDINGS = [
        Binding("enter,space", "open_or_choose", show=False),
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
        Binding("escape", "close", show=False),
    ]

    def _overlay(self) -> OptionList:
        return self.query_one(OptionList)

    def _watch_expanded(self, expanded: bool) -> None:
        # Textual's version, without handing the keyboard to the list.
        self.set_class(expanded, "-expanded")
        if not expanded or not self.is_mounted:
            return
        overlay = self._overlay()
        values = [value for _prompt, value in self._options]
        overlay.highlighted = values.index(self.value) if self.value in values else 0
        overlay.scroll_to_highlight()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":
            return self.expanded  # otherwise Escape is the screen's (leave the quiz)
        return True

    def action_open_or_choose(self) -> None:
        if not self.expanded:
            self.expanded = True
            return
        index = self._overlay().highlighted
        self.expanded = False
        if index is not None:
            self._choose(index)

    def action_step(self, delta: int) -> None:
        if not self.expanded:
            self.expanded = True  # and move at once: ↓ then Enter chooses the first option
        if delta > 0:
            self._overlay().action_cursor_down()
        else:
            self._overlay().action_cursor_up()

    def action_close(self) -> None:
        self.expanded = False

    def _choose(self, index: int) -> None:
        value = self._options[index][1]
        if value != self.value:
            self.value = value

    def on_blur(self) -> None:
        if self.app.focused is not self._overlay():
            self.expanded = False

    def _on_select_overlay_update_selection(self, event: Message) -> None:
        # A click in the list: choose at once and keep the keyboard here (Textual's handler would
        # take it back a moment later, perhaps after a Tab to the next item).
        event.prevent_default()
        event.stop()
        focused = self.app.focused
        self.expanded = False
        self._choose(getattr(event, "option_index"))  # noqa: B009
        if focused is not None and focused in (self, self._overlay()):
            self.screen.set_focus(self, scroll_visible=False)


class MatchAnswer(AnswerWidget):
    """``match``: for each left-hand item choose its partner from a list."""

    DEFAULT_CSS = """
    MatchAnswer .pair { height: auto; }
    MatchAnswer .left { width: 1fr; padding: 1 1 0 0; }
    MatchAnswer Select { width: 1fr; }
    """

    def _right_options(self) -> list[tuple[Content, int]]:
        assert isinstance(self.question, MatchQuestion)
        options = self.question.right_options
        return [(content(options[i], self.fallback), i) for i in self.presentation.order]

    def compose_answer(self) -> ComposeResult:
        assert isinstance(self.question, MatchQuestion)
        with Vertical():
            for index, pair in enumerate(self.question.pairs):
                with Horizontal(classes="pair"):
                    yield Label(content(pair.left, self.fallback), classes="left", id=f"left-{index}")
                    yield _Partner(self._right_options(), prompt=_("Choose…"), id=f"right-{index}")

    def how(self) -> str:
        return _("Choose the partner of each item: Enter opens a list, Tab goes to the next item.")

    def then(self) -> str:
        # Enter opens a list here, so the hint names the keys that check or go on.
        if self.locked or not self.exam:
            return super().then() if self.locked else _("ctrl+s checks your answer.")
        if self.last:
            return _("Submit the exam with ctrl+s when you are done.")
        return _("ctrl+n goes to the next question.")

    def _selects(self) -> list[Select[int]]:
        return list(self.query(Select).results(Select))

    @property
    def answer(self) -> Answer:
        values = [s.value if isinstance(s.value, int) else None for s in self._selects()]
        return values if any(v is not None for v in values) else None

    def set_answer(self, answer: Answer) -> None:
        if not isinstance(answer, list):
            return
        for select, value in zip(self._selects(), answer, strict=False):
            if value is not None:
                select.value = value

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def lock_answer(self) -> None:
        super().lock_answer()
        for select in self._selects():
            select.disabled = True

    def refresh_language(self) -> None:
        super().refresh_language()
        assert isinstance(self.question, MatchQuestion)
        for index, pair in enumerate(self.question.pairs):
            self.query_one(f"#left-{index}", Label).update(content(pair.left, self.fallback))
        for select in self._selects():
            value = select.value
            select.set_options(self._right_options())
            select.prompt = _("Choose…")
            if isinstance(value, int):
                select.value = value


def answer_widget_for(
    question: Question,
    presentation: Presentation,
    fallback: str,
    initial: Answer = None,
    locked: bool = False,
    exam: bool = False,
    last: bool = False,
) -> AnswerWidget:
    """The answer widget for *question*'s kind, showing *initial* (and locked if checked); *exam*
    and *last* choose the hint (what Enter does)."""
    widget_class: type[AnswerWidget]
    if isinstance(question, (ChoiceQuestion, TrueFalseQuestion)):
        widget_class = ChoiceAnswer
    elif isinstance(question, MultiQuestion):
        widget_class = MultiAnswer
    elif isinstance(question, (TextQuestion, NumberQuestion, DateQuestion)):
        widget_class = TypedAnswer
    elif isinstance(question, OrderQuestion):
        widget_class = OrderAnswer
    elif isinstance(question, MatchQuestion):
        widget_class = MatchAnswer
    else:
        raise TypeError(f"no widget for {question!r}")
    return widget_class(
        question, presentation, fallback, initial=initial, locked=locked, exam=exam, last=last
    )
