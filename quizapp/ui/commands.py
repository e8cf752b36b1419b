"""The command palette: the app's commands, and Textual's palette with its own words translated.

Textual's ``CommandPalette`` writes "No matches found" as an English literal and keeps the
placeholder it was opened with. :class:`QuizCommandPalette` draws both in the current language
and redraws them when the language changes while it is open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandInput, CommandList, CommandPalette, Hit, Hits, Provider
from textual.widgets.option_list import Option

from quizapp.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _
from quizapp.ui.base import LanguageAware


def _fold(text: str) -> str:
    return text.replace("I", "ı").replace("İ", "i").casefold()


class QuizCommands(Provider):
    """The app's actions in the command palette, matched in the current language and in English."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app  # the QuizApp (not imported here: it imports this module)
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            (N_("New quiz"), N_("Go back to the start screen and set up a quiz"), app.action_new_quiz),
            (
                N_("Statistics"),
                N_("Your progress: mastery by topic, accuracy, past quizzes"),
                app.action_statistics,
            ),
            (
                N_("Profile"),
                N_("Switch to another profile or create one"),
                app.action_switch_profile,
            ),
            (N_("Language"), N_("Change the interface language"), app.action_choose_language),
            (
                N_("Download my results"),
                N_("Save every answer of yours as a spreadsheet file (in the browser: a download)"),
                app.action_download_results,
            ),
            (N_("Theme"), N_("Change the colour theme"), app.action_choose_theme),
            (N_("Help"), N_("Keys and scoring rules"), app.action_help),
            (N_("Quit"), N_("Leave the app"), app.action_request_quit),
        ]
        return commands

    async def discover(self) -> Hits:
        app: Any = self.app
        for title, help_text, callback in self._commands():
            yield Hit(1.0, _(title), callback, help=_(help_text))
        for code in LANGUAGES:
            yield Hit(
                1.0,
                LANGUAGE_NAMES[code],
                partial(app.set_language, code),
                help=_("Change the interface language"),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(_fold(query))
        app: Any = self.app
        entries = [(title, _(title), help_text, cb) for title, help_text, cb in self._commands()]
        entries += [
            (name, name, N_("Change the interface language"), partial(app.set_language, code))
            for code, name in LANGUAGE_NAMES.items()
        ]
        for msgid, shown, help_text, callback in entries:
            # Match the translated title and the English one, so either finds the command.
            score = max(matcher.match(_fold(shown)), matcher.match(_fold(msgid)))
            if score > 0:
                yield Hit(score, matcher.highlight(shown), callback, help=_(help_text))


class QuizCommandPalette(LanguageAware, CommandPalette):
    """Textual's command palette, with its placeholder and its "No matches found" translated.

    *placeholder* is a msgid, translated when drawn.
    """

    def __init__(self, placeholder: str = N_("Search for commands…"), **kwargs: Any) -> None:
        super().__init__(placeholder=_(placeholder), **kwargs)
        self._placeholder_msgid = placeholder

    def refresh_language(self) -> None:
        """Redraw the placeholder and an empty result in the current language."""
        super().refresh_language()
        self.query_one(CommandInput).placeholder = _(self._placeholder_msgid)
        commands = self.query_one(CommandList)
        if commands.option_count and commands.get_option_at_index(0).id == self._NO_MATCHES:
            commands.replace_option_prompt_at_index(0, self._no_matches())

    @staticmethod
    def _no_matches() -> Align:
        return Align.center(Text(_("No matches found"), style="not bold"))

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own version of this method, with the text translated: after a short wait
        # without results, say there are none (only for a search, not for the list of commands).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(self._no_matches(), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
