"""The key bar at the bottom of every screen: the keys that work here, drawn as one line.

Textual's ``Footer`` is a container that recomposes a child widget per key whenever the bindings
change, which is on every focus change. Mounting and styling those children again cost about
120 ms of the app's start-up (the footer is rebuilt seven times before the home screen is idle)
and a few milliseconds after every answer. This bar is a single widget that redraws one line of
text instead: the same keys, order, colours, palette key on the right, click and hover.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

#: Before the palette key on the right.
_SEPARATOR = "▏"


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One key as the bar shows it."""

    key: str
    """The key to simulate when the entry is clicked (Textual's key name)."""
    display: str
    """How the key is written (``^s``, ``f1``)."""
    description: str
    """What it does, in the current language."""
    enabled: bool
    """Whether the action can run now (disabled entries are dimmed and only ring the bell)."""
    tooltip: str
    """Shown while the mouse rests on the entry."""


class KeyBar(Widget, can_focus=False):
    """The current screen's shown key bindings on one line, with the command palette key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--separator",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover { background: $block-hover-background; }
        & > .key-bar--separator { color: $foreground 20%; }
    }
    """

    hovered: reactive[KeyEntry | None] = reactive(None)
    """The entry under the mouse, if any (drawn highlighted; a change redraws the bar)."""

    def __init__(
        self, *, spare: tuple[str, ...] = (), id: str | None = None, classes: str | None = None
    ) -> None:
        """*spare*: keys (Textual names, the palette's included) to leave out first, in that order,
        when the screen's keys do not all fit; otherwise keys are left out from the end."""
        super().__init__(id=id, classes=classes)
        #: Keys left out first when the bar is too narrow for every key.
        self.spare = spare
        #: Each drawn entry's first and last-plus-one column, from the last render.
        self._spans: list[tuple[int, int, KeyEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    # -- what to show --
    def entries(self) -> tuple[list[KeyEntry], KeyEntry | None]:
        """The shown keys (one per action, in binding order) and the command palette key."""
        app = self.app
        active = self.screen.active_bindings
        seen_actions: set[str] = set()
        keys: list[KeyEntry] = []
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            keys.append(
                KeyEntry(
                    binding.key, app.get_key_display(binding), binding.description, enabled, tooltip or ""
                )
            )
        palette: KeyEntry | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = KeyEntry(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip or binding.description,
            )
        return keys, palette

    # -- drawing --
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("key-bar--key")
        description_style = base + self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        separator_style = base + self.get_component_rich_style("key-bar--separator")
        keys, palette = self.entries()
        keys, palette = self._fitting(keys, palette, width)

        def pieces(entry: KeyEntry, key_text: str, end: str = " ") -> list[Segment]:
            extra = hover_style if entry == self.hovered else Style()
            if not entry.enabled:
                extra += Style(dim=True)
            parts = [Segment(key_text, key_style + extra)]
            if entry.description:
                parts.append(Segment(f"{entry.description}{end}", description_style + extra))
            return parts

        right: list[Segment] = []
        if palette is not None:
            # Drawn like Textual's footer: "▏^p Commands" against the right edge.
            right = [
                Segment(_SEPARATOR, separator_style),
                *pieces(palette, f"{palette.display} ", end=""),
            ]
        right_width = Segment.get_line_length(right)
        if right_width >= width:  # too narrow for the palette key: the screen's keys come first
            right, right_width = [], 0

        # Roomy (" ^s Start ") when every key fits that way, else compact ("^s Start "), so that a
        # longer language keeps its keys; whatever still does not fit is left out from the end.
        room = width - right_width
        roomy = sum(cell_len(f" {e.display} {e.description} ") for e in keys) <= room
        spans: list[tuple[int, int, KeyEntry]] = []
        line: list[Segment] = []
        x = 0
        for entry in keys:
            entry_segments = pieces(entry, f" {entry.display} " if roomy else f"{entry.display} ")
            entry_width = Segment.get_line_length(entry_segments)
            if x + entry_width > room:
                break
            line.extend(entry_segments)
            spans.append((x, x + entry_width, entry))
            x += entry_width
        if right:
            assert palette is not None
            line.append(Segment(" " * (width - x - right_width), base))
            line.extend(right)
            spans.append((width - right_width + len(_SEPARATOR), width, palette))
        self._spans = spans
        return Strip(line).adjust_cell_length(width, base)

    def _fitting(
        self, keys: list[KeyEntry], palette: KeyEntry | None, width: int
    ) -> tuple[list[KeyEntry], KeyEntry | None]:
        """*keys* and *palette* without the spare keys that must go for the rest to fit."""

        def needed(keys: list[KeyEntry], palette: KeyEntry | None) -> int:
            right = cell_len(f"{_SEPARATOR}{palette.display} {palette.description}") if palette else 0
            return right + sum(cell_len(f"{e.display} {e.description} ") for e in keys)

        for key in self.spare:
            if needed(keys, palette) <= width:
                break
            if palette is not None and palette.key == key:
                palette = None
            else:
                keys = [entry for entry in keys if entry.key != key]
        return keys, palette

    # -- mouse --
    def entry_at(self, x: int) -> KeyEntry | None:
        """The entry drawn at column *x* (from the last render), if any."""
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self.entry_at(event.x)
        self.hovered = entry
        self.tooltip = (entry.tooltip or entry.description) if entry else None

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None
        self.tooltip = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
