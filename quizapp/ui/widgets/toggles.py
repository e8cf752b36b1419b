"""A selection list whose ticks follow the keys exactly, and whose long options wrap.

Two fixes over Textual's ``SelectionList`` (8.2), both pinned by tests in tests/ui/test_setup.py:

- **Keys that come together.** ``SelectionList`` toggles whatever option is highlighted when its
  "option selected" message is *handled*, not the option the key was pressed on; keys that arrive
  together (``Space Down Down Space`` from a fast typist) move the highlight before that message
  is handled, so the wrong option is toggled (RELIABILITY.md §9). This list toggles the option
  the message names.
- **Options longer than a line.** ``SelectionList`` draws a checkbox on every screen line and
  takes line *n* to be option *n*, so an option that wraps shows two checkboxes and every option
  below it shows its neighbour's state. This list draws the checkbox on an option's first line
  only, from the option list's own line map, so long names (a topic and its question count) wrap
  instead of being cut.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton

ValueType = TypeVar("ValueType")


class ToggleList(SelectionList[ValueType]):
    """A ``SelectionList`` that toggles the option each key was pressed on and wraps long options."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # Instead of SelectionList's own handler, not as well as it (handlers run down the MRO).
        event.prevent_default()
        self.toggle(self.get_option_at_index(event.option_index))

    def render_line(self, y: int) -> Strip:
        # OptionList's line (one line of a possibly wrapped option), not SelectionList's.
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        selection = self.get_option_at_index(index)
        underlying = next(iter(line)).style or self.rich_style
        gutter = len(ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT) + 1
        if offset:
            # A continuation line: under the checkbox, blank (clicks still reach this option).
            return Strip([Segment(" " * gutter, underlying + Style(meta={"option": index})), *line])
        component = "selection-list--button"
        if selection.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button_style = self.get_component_rich_style(component)
        side_style = Style.from_color(button_style.bgcolor, underlying.bgcolor) + Style(
            meta={"option": index}
        )
        button_style += Style(meta={"option": index})
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, style=side_style),
                Segment(ToggleButton.BUTTON_INNER, style=button_style),
                Segment(ToggleButton.BUTTON_RIGHT, style=side_style),
                Segment(" ", style=underlying),
                *line,
            ]
        )
