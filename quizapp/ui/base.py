"""What every screen shares: key descriptions that follow the live language switch.

Textual freezes ``Binding.description`` when the class is created, so descriptions are English
msgids and are translated here, in ``active_bindings`` (which the Footer, the key panel and the
command palette all read). After a language change the app calls ``refresh_language`` on every
screen in the stack, which redraws its texts and asks Textual to redraw the footer.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual.app import ActiveBinding
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from quizapp.i18n import _, get_language

if TYPE_CHECKING:
    from quizapp.ui.app import QuizApp

# Keyed by the binding itself (a frozen, hashable dataclass): an id() could be reused by another
# binding once the first is gone.
_translated: dict[tuple[str, Binding], Binding] = {}


def translate_binding(binding: Binding) -> Binding:
    """*binding* with its description and tooltip in the current language."""
    key = (get_language(), binding)
    cached = _translated.get(key)
    if cached is None:
        cached = dataclasses.replace(
            binding,
            description=_(binding.description) if binding.description else "",
            tooltip=_(binding.tooltip) if binding.tooltip else "",
        )
        _translated[key] = cached
    return cached


def translate_active_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings with translated descriptions."""
    return {
        key: ActiveBinding(
            active.node,
            translate_binding(active.binding),
            active.enabled,
            _(active.tooltip) if active.tooltip else active.tooltip,
        )
        for key, active in bindings.items()
    }


class LanguageAware:
    """Mixin for screens: translated bindings and a hook to redraw texts on a language change."""

    @property
    def quiz_app(self) -> QuizApp:
        """The app, typed as the QuizApp it always is."""
        from quizapp.ui.app import QuizApp

        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, QuizApp)
        return app

    def refresh_language(self) -> None:
        """Redraw every translated text; screens override this and call super()."""
        self.refresh_bindings()  # type: ignore[attr-defined]


class QuizScreen(LanguageAware, Screen[Any]):
    """Base of the app's full screens."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_active_bindings(super().active_bindings)


class QuizModal(LanguageAware, ModalScreen[Any]):
    """Base of the app's dialogs."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_active_bindings(super().active_bindings)
