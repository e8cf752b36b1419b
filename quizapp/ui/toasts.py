"""Toasts that follow the language.

A toast is a short message in a corner that goes away by itself. Textual keeps its text as a
string, so a toast composed before F2 would stay in the old language for the seconds it is on
screen. Ours are kept with the function that composes their text, and composed again (same
numbers and names, new language) when the language changes. Their text is never parsed as
markup: it may quote what a student typed or a file name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, SeverityLevel
from textual.notifications import Notification, Notify

#: Composes a toast's text in the current language.
Render = Callable[[], str]


class LiveToasts:
    """The app's toasts whose text follows the language."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        #: Each live toast by its identity: the notification Textual shows, and its composer.
        self._live: dict[str, tuple[Notification, Render]] = {}

    def say(
        self, render: Render, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """Show a toast with the text *render* composes (now, and again after a language change)."""
        notification = Notification(
            render(),
            severity=severity,
            timeout=self._app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=False,
        )
        self._live = {key: entry for key, entry in self._live.items() if not entry[0].has_expired}
        self._live[notification.identity] = (notification, render)
        self._app.post_message(Notify(notification))

    def retranslate(self) -> None:
        """Compose every toast still on screen again, in the current language."""
        for key, (notification, render) in list(self._live.items()):
            if notification.has_expired:
                del self._live[key]
            else:
                notification.message = render()
        # A toast draws its notification's message each time it is rendered.
        for screen in self._app.screen_stack:
            for toast in screen.query("Toast"):
                toast.refresh(layout=True)
