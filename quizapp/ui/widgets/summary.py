"""A two-column table of labels and values in one widget (the home screen's quiz summary).

A grid of a label widget per cell would be styled and laid out cell by cell on the app's first
frame; this widget draws the whole table as one piece of text instead. Values wrap under
themselves (a hanging indent), so a long value is never cut mid-word and never runs under the
labels; when the widget is too narrow for a label column, each label goes above its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

#: Between the label column and the values.
_GAP = 2
#: Below this many cells for the values, labels go above their values instead.
_MIN_VALUE_WIDTH = 16


class SummaryTable(Widget, can_focus=False):
    """Rows of ``label  value``; set :attr:`rows` with :meth:`update`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"summary-table--label"}
    DEFAULT_CSS = """
    SummaryTable {
        height: auto;
        & > .summary-table--label { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: The rows shown: a label (interface text) and its value (literal Content).
        self.rows: list[tuple[str, Content]] = []

    def update(self, rows: Sequence[tuple[str, Content]]) -> None:
        """Show *rows* instead (redrawn and laid out again)."""
        self.rows = list(rows)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        if width <= 0 or not self.rows:
            return []
        label_style = self.get_visual_style("summary-table--label", partial=True)
        label_width = max(cell_len(label) for label, _value in self.rows) + _GAP
        stacked = width - label_width < _MIN_VALUE_WIDTH
        lines: list[Content] = []
        for label, value in self.rows:
            if stacked:
                lines += [Content.styled(label, label_style).truncate(width, ellipsis=True)]
                lines += [line.pad_left(_GAP) for line in value.wrap(max(1, width - _GAP))]
                continue
            wrapped = value.wrap(width - label_width)
            head = Content.styled(label, label_style).pad_right(label_width - cell_len(label))
            lines.append(head + wrapped[0] if wrapped else head)
            lines += [line.pad_left(label_width) for line in wrapped[1:]]
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))
