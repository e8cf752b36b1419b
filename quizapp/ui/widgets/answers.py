"""One answer widget per question kind. Each shows a question's options, reports the answer the
student has given so far (``answer``), can be filled in again (``set_answer``, for exam navigation
and resume), locked after checking, and redrawn in another language without losing anything.

Widgets post :class:`AnswerWidget.Submitted` when the student presses Enter; the quiz screen
decides what that means (check, save, next).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizapp.core.grading import Answer, prepare
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
from quizapp.core.session import Presentation
from quizapp.i18n import N_, _
from quizapp.ui.text import content, localized, truefalse_label


class AnswerWidget(Widget):
    """Base of the answer widgets."""

    DEFAULT_CSS = """
    AnswerWidget { height: auto; }
    """

    class Submitted(Message):
        """The student pressed Enter on their answer."""

    class Changed(Message):
        """The answer changed (exam mode saves it)."""

    def __init__(
        self,
        question: Question,
        presentation: Presentation,
        fallback: str,
        initial: Answer = None,
        locked: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.presentation = presentation
        self.fallback = fallback
        self.initial = initial
        self.start_locked = locked
        self.locked = False

    def on_mount(self) -> None:
        # Children exist now: show a saved answer and lock a checked one.
        if self.initial is not None:
            self.set_answer(self.initial)
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

    def lock_answer(self) -> None:
        """No more changes (the answer has been checked)."""
        self.locked = True
        for child in self.query("Input, OptionList, Select"):
            if isinstance(child, Input):
                child.disabled = True

    def refresh_language(self) -> None:
        """Redraw option texts in the current language, keeping the answer."""

    def focus_input(self) -> None:
        """Give the keyboard to the widget's main input."""
        target = next(iter(self.query("Input, OptionList, Select")), None)
        if isinstance(target, Widget):
            target.focus()


class _Options(OptionList):
    """An OptionList whose digits pick an option, and whose Enter submits."""

    BINDINGS = [Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 9)]

    def action_pick(self, index: int) -> None:
        if index < self.option_count and not self.get_option_at_index(index).disabled:
            self.highlighted = index
            self.action_select()


class ChoiceAnswer(AnswerWidget):
    """``choice`` and ``truefalse``: number keys or arrows + Enter pick one option."""

    def _options(self) -> list[tuple[Any, Content]]:
        question = self.question
        if isinstance(question, TrueFalseQuestion):
            return [(True, Content(truefalse_label(True))), (False, Content(truefalse_label(False)))]
        assert isinstance(question, ChoiceQuestion)
        by_id = {c.id: c for c in question.choices}
        return [(cid, content(by_id[cid].text, self.fallback)) for cid in self.presentation.order]

    def compose(self) -> ComposeResult:
        self._values = [value for value, _label in self._options()]
        yield _Options(*[Option(self._prompt(i, label)) for i, (_v, label) in enumerate(self._options())])

    def _right_value(self) -> Any:
        question = self.question
        return question.answer if isinstance(question, (ChoiceQuestion, TrueFalseQuestion)) else None

    def _prompt(self, index: int, label: Content) -> Content:
        number = (f"{index + 1}. ", "bold")
        if not self.locked:
            return Content.assemble(number, label)
        # Checked: mark the right option, and the student's choice if it was wrong.
        value = self._values[index]
        if value == self._right_value():
            return Content.assemble(("✓ ", "bold $success"), number, label)
        if value == self.answer:
            return Content.assemble(("✗ ", "bold $error"), number, label)
        return Content.assemble("  ", number, label)

    def lock_answer(self) -> None:
        super().lock_answer()
        self.refresh_language()

    @property
    def answer(self) -> Answer:
        return self._chosen if hasattr(self, "_chosen") else None

    def set_answer(self, answer: Answer) -> None:
        if answer in self._values:
            self._chosen = answer
            self.query_one(_Options).highlighted = self._values.index(answer)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.locked:
            return
        self._chosen = self._values[event.option_index]
        self.post_message(self.Changed())
        self.post_message(self.Submitted())

    def refresh_language(self) -> None:
        options = self.query_one(_Options)
        for index, (_value, label) in enumerate(self._options()):
            options.replace_option_prompt_at_index(index, self._prompt(index, label))


class _Ticks(SelectionList[str]):
    """A SelectionList where Space ticks and Enter submits."""

    BINDINGS = [Binding("enter", "submit", N_("Check"), show=False)]

    class SubmitRequested(Message):
        """Enter was pressed."""

    def action_submit(self) -> None:
        self.post_message(self.SubmitRequested())


class MultiAnswer(AnswerWidget):
    """``multi``: Space ticks choices, Enter submits."""

    def _labels(self) -> list[tuple[str, Content]]:
        assert isinstance(self.question, MultiQuestion)
        by_id = {c.id: c for c in self.question.choices}
        return [(cid, content(by_id[cid].text, self.fallback)) for cid in self.presentation.order]

    def compose(self) -> ComposeResult:
        yield Label(_("Tick every right answer (Space), then press Enter."), classes="hint", markup=False)
        yield _Ticks(*[Selection(label, cid) for cid, label in self._labels()])

    @property
    def answer(self) -> Answer:
        selected = self.query_one(_Ticks).selected
        return sorted(selected)

    def set_answer(self, answer: Answer) -> None:
        ticks = self.query_one(_Ticks)
        ticks.deselect_all()
        for cid in answer or []:
            ticks.select(cid)

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        self.post_message(self.Changed())

    @on(_Ticks.SubmitRequested)
    def _submit(self, event: _Ticks.SubmitRequested) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def lock_answer(self) -> None:
        super().lock_answer()
        self.query_one(_Ticks).disabled = True
        self.refresh_language()

    def _marked(self, cid: str, label: Content) -> Content:
        if not self.locked:
            return label
        assert isinstance(self.question, MultiQuestion)
        ticked = cid in self.query_one(_Ticks).selected
        if cid in self.question.answers:
            return Content.assemble(("✓ ", "bold $success"), label)
        if ticked:
            return Content.assemble(("✗ ", "bold $error"), label)
        return Content.assemble("  ", label)

    def refresh_language(self) -> None:
        self.query_one(".hint", Label).update(_("Tick every right answer (Space), then press Enter."))
        ticks = self.query_one(_Ticks)
        for index, (cid, label) in enumerate(self._labels()):
            ticks.replace_option_prompt_at_index(index, self._marked(cid, label))


class TypedAnswer(AnswerWidget):
    """``text``, ``number`` and ``date``: type, then Enter."""

    def _hint(self) -> str:
        question = self.question
        if isinstance(question, NumberQuestion):
            unit = f" ({localized(question.unit, self.fallback)})" if question.unit else ""
            return _("Type a number{unit}.").format(unit=unit)
        if isinstance(question, DateQuestion):
            precision = question.answer.precision
            if precision == 1:
                return _("Type a year, e.g. 1991.")
            if precision == 2:
                return _("Type a month and year, e.g. 12.1991 or December 1991.")
            return _("Type a full date: day, month and year, e.g. 16.12.1991 or 16 December 1991.")
        return _("Type your answer.")

    def compose(self) -> ComposeResult:
        yield Label(self._hint(), classes="hint", markup=False)
        yield Input(placeholder=_("Your answer"))

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

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.locked:
            self.post_message(self.Submitted())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())

    def refresh_language(self) -> None:
        self.query_one(".hint", Label).update(self._hint())
        self.query_one(Input).placeholder = _("Your answer")


class _Reorder(OptionList):
    """An OptionList whose highlighted item moves with shift+up/down; Enter submits."""

    BINDINGS = [
        Binding("shift+up", "move(-1)", N_("Move up")),
        Binding("shift+down", "move(1)", N_("Move down")),
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
        if self.highlighted is not None and not self.disabled:
            self.post_message(self.Moved(self.highlighted, delta))

    def action_submit(self) -> None:
        self.post_message(self.SubmitRequested())


class OrderAnswer(AnswerWidget):
    """``order``: move the highlighted item with shift+↑/↓, then Enter."""

    def compose(self) -> ComposeResult:
        self._order: list[int] = list(self.presentation.order)
        yield Label(
            _("Put the items in order: shift+↑/↓ moves the highlighted item; Enter checks."),
            classes="hint",
            markup=False,
        )
        yield _Reorder(*[Option(p) for p in self._prompts()])

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
            self.refresh_language()

    @on(_Reorder.Moved)
    def _moved(self, event: _Reorder.Moved) -> None:
        event.stop()
        if self.locked:
            return
        target = event.index + event.delta
        if 0 <= target < len(self._order):
            order = self._order
            order[event.index], order[target] = order[target], order[event.index]
            self.refresh_language()
            self.query_one(_Reorder).highlighted = target
            self.post_message(self.Changed())

    @on(_Reorder.SubmitRequested)
    def _submit(self, event: _Reorder.SubmitRequested) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def lock_answer(self) -> None:
        super().lock_answer()
        self.query_one(_Reorder).disabled = True

    def refresh_language(self) -> None:
        hint = self.query("Label.hint")
        if hint:
            hint.first(Label).update(
                _("Put the items in order: shift+↑/↓ moves the highlighted item; Enter checks.")
            )
        options = self.query_one(_Reorder)
        for index, prompt in enumerate(self._prompts()):
            options.replace_option_prompt_at_index(index, prompt)


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

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, MatchQuestion)
        yield Label(
            _("Choose the partner of each item (Tab moves, Enter opens a list); ctrl+s checks."),
            classes="hint",
            markup=False,
        )
        with Vertical():
            for index, pair in enumerate(self.question.pairs):
                with Horizontal(classes="pair"):
                    yield Label(content(pair.left, self.fallback), classes="left", id=f"left-{index}")
                    yield Select(self._right_options(), prompt=_("Choose…"), id=f"right-{index}")

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
        self.post_message(self.Changed())

    def lock_answer(self) -> None:
        super().lock_answer()
        for select in self._selects():
            select.disabled = True

    def refresh_language(self) -> None:
        assert isinstance(self.question, MatchQuestion)
        self.query_one(".hint", Label).update(
            _("Choose the partner of each item (Tab moves, Enter opens a list); ctrl+s checks.")
        )
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
) -> AnswerWidget:
    """The answer widget for *question*'s kind, showing *initial* (and locked if checked)."""
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
    return widget_class(question, presentation, fallback, initial=initial, locked=locked)
