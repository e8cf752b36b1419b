"""The Textual app: the factory, app-wide actions (language, theme, help) and little else."""

from __future__ import annotations

import gc
import random
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SeverityLevel, SystemCommand
from textual.binding import Binding
from textual.command import CommandListItem, CommandPalette, SimpleProvider
from textual.screen import Screen

from quizapp import i18n
from quizapp.core.settings import Settings
from quizapp.i18n import LANGUAGES, N_, _
from quizapp.paths import bundled_questions_dir, cache_dir, config_dir
from quizapp.ui.base import LanguageAware, translate_active_bindings
from quizapp.ui.commands import QuizCommandPalette, QuizCommands
from quizapp.ui.toasts import LiveToasts, Render

if TYPE_CHECKING:
    from quizapp.classroom.gate import Classroom
    from quizapp.core.catalog import Catalog
    from quizapp.core.loading import LoadedBank
    from quizapp.core.model import Bank
    from quizapp.core.setup import QuizSetup
    from quizapp.core.store import Store


class QuizApp(App[None]):
    """quizapp's Textual application. Build it with :func:`make_app`."""

    CSS_PATH = "app.tcss"
    COMMANDS = {QuizCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", N_("Help")),
        Binding("question_mark", "help", N_("Help"), show=False),
        Binding("f2", "choose_language", N_("Language")),
        Binding("ctrl+q", "request_quit", N_("Quit"), priority=True),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
    ]

    def __init__(
        self,
        bank_paths: Sequence[Path],
        settings: Settings,
        settings_dir: Path,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
        data_dir: Path | None = None,
        profile: str | None = None,
        classroom: Classroom | None = None,
    ) -> None:
        super().__init__()
        self.bank_paths = list(bank_paths)
        self.settings = settings
        self.settings_dir = settings_dir
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.rng = rng or random.Random()
        self.data_dir = data_dir
        from quizapp.core.store import normalize_profile_name

        #: Whose progress is recorded: ``--profile``, else the one this data dir remembers (read
        #: when the store opens); None until chosen (a data dir's first start asks).
        self.profile_name: str | None = normalize_profile_name(profile or "") or None
        #: The current profile's quiz set-up (the last one started or edited); None: none yet,
        #: and the home screen offers the defaults.
        self.setup: QuizSetup | None = None
        #: A set-up fixed by a teacher: shown read-only and started as it is (None: the student
        #: chooses).
        self.fixed_setup: QuizSetup | None = (
            classroom.preset.setup if classroom is not None and classroom.preset is not None else None
        )
        #: A tab of ``quizapp serve`` (None: the terminal app): always asks who is studying,
        #: remembers nobody, and may check names against a roster.
        self.classroom = classroom
        #: The progress database (None if it could not be opened: the app then runs unsaved).
        self.store: Store | None = None
        #: Records the quizzes of the current profile (None while no profile or no store).
        self.recorder: Any = None
        #: The banks, once loaded (shared by the home and statistics screens).
        self.catalog: Catalog | None = None
        self._loaded: Catalog | None = None
        self._catalog_done = threading.Event()
        #: Toasts whose text follows a language change.
        self.toasts = LiveToasts(self)
        if settings.theme:
            self.theme = settings.theme
        i18n.add_listener(self._language_changed)

    # -- life cycle --
    def on_mount(self) -> None:
        from quizapp.ui.screens.home import HomeScreen

        self._load_catalog()
        self._update_title()
        self._open_store()
        if self.profile_name is None and self.store is not None and self.classroom is None:
            # A served tab never opens on a remembered name: the last student's is not this one's.
            self.profile_name = self._remembered_profile(self.store)
        if self.profile_name is not None:
            self.use_profile(self.profile_name, remember=False)
        self.push_screen(HomeScreen())
        if self.profile_name is None:
            self._ask_profile()
        self.call_after_refresh(self.check_size)

    async def _on_resize(self, event: events.Resize) -> None:
        # Before Textual lays anything out at the new size: below the usable size the screens'
        # content is hidden (some widgets cannot lay out in a few cells) and a notice covers them.
        from quizapp.ui.dialogs import TooSmallScreen

        self.set_class(not TooSmallScreen.fits(event.size.width, event.size.height), "-too-small")
        await super()._on_resize(event)
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        """Cover the app with a notice while the terminal is too small, and lift it after."""
        from quizapp.ui.dialogs import TooSmallScreen

        fits = TooSmallScreen.fits(self.size.width, self.size.height)
        self.set_class(not fits, "-too-small")
        covered = isinstance(self.screen, TooSmallScreen)
        if not fits and not covered:
            self.push_screen(TooSmallScreen())
        elif fits and covered:
            self.pop_screen()

    def _open_store(self) -> None:
        """Open the progress database; if it cannot be opened the app still runs, unsaved."""
        from quizapp.core.store import Store, StoreError
        from quizapp.paths import data_dir

        try:
            store, notices = Store.open(self.data_dir or data_dir(), self.clock())
        except StoreError as exc:
            notice = getattr(exc, "notice", None)
            error = str(exc)

            def message() -> str:
                text = _(notice[0]).format(**notice[1]) if notice else error
                return text + "\n" + _("Progress will not be saved this time.")

            self.say(message, severity="error", timeout=15)
            return
        except OSError as exc:
            failure = exc
            self.say(
                lambda: _("Could not open the progress database: {error}").format(error=failure),
                severity="error",
                timeout=15,
            )
            return
        for msgid, kwargs in notices:
            self.say(partial(_format, msgid, kwargs), severity="warning", timeout=20)
        self.store = store

    def _remembered_profile(self, store: Store) -> str | None:
        """Whom this data dir was last used by (taking over an older version's config-dir
        profile if it belongs here, see ``core.settings``)."""
        from quizapp.core.settings import adopt_legacy
        from quizapp.core.store import StoreError

        try:
            if adopt_legacy(self.settings, store, self.clock()):
                self.save_settings()
            return store.remembered_profile()
        except (StoreError, sqlite3.Error) as exc:
            self._storage_failed(exc)
            return None

    # -- profiles --
    def use_profile(self, name: str, remember: bool = True) -> None:
        """Record everything under the profile *name* from now on (created if new); *remember*
        makes it the profile this data dir opens on next time."""
        from quizapp.core.store import StoreError, normalize_profile_name
        from quizapp.ui.recorder import Recorder
        from quizapp.ui.screens.home import HomeScreen

        if self.classroom is not None:
            remember = False  # every tab asks; nobody is "the last student" of a class
        self.profile_name = normalize_profile_name(name)
        self.recorder = None
        self.setup = None
        if self.store is not None:
            try:
                self.store.get_or_create_profile(self.profile_name, self.clock())
                if remember:
                    self.store.remember_profile(self.profile_name, self.clock())
                self.setup = self.store.last_setup(self.profile_name)
            except (StoreError, ValueError, sqlite3.Error) as exc:
                self._storage_failed(exc)
            else:
                self.recorder = Recorder(self.store, self.profile_name, self.clock, self._storage_failed)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.profile_changed()

    def remember_setup(self, setup: QuizSetup) -> None:
        """Make *setup* the current profile's set-up, now and at its next start."""
        from quizapp.core.store import StoreError

        self.setup = setup
        if self.store is None or self.profile_name is None:
            return
        try:
            self.store.save_setup(self.profile_name, setup)
        except (StoreError, KeyError, sqlite3.Error) as exc:
            self._storage_failed(exc)

    def _ask_profile(self) -> None:
        """Show the profile picker; on the first start, cancelling falls back to the OS user name."""
        from quizapp.core.store import StoreError
        from quizapp.ui.profiles import ProfileDialog

        if self.classroom is not None:
            from quizapp.ui.classroom import ask_who

            ask_who(self)
            return
        if isinstance(self.screen, ProfileDialog):
            return
        first_start = self.profile_name is None
        profiles: list[str] = []
        if self.store is not None:
            try:
                profiles = self.store.profiles()
            except (StoreError, sqlite3.Error) as exc:
                self._storage_failed(exc)

        def chosen(name: str | None) -> None:
            if name:
                self.use_profile(name)
            elif first_start:
                self.use_profile(_default_profile(), remember=False)

        self.push_screen(ProfileDialog(profiles, self.profile_name), chosen)

    def action_switch_profile(self) -> None:
        """Back to the home screen (leaving a quiz asks first), then pick another profile."""

        def switch() -> None:
            self._to_home()
            self._ask_profile()

        leave = getattr(self.screen, "confirm_leave", None)
        if leave is not None:
            leave(then=switch)
        else:
            switch()

    # -- statistics --
    def action_statistics(self) -> None:
        """Show the statistics of the bank chosen on the home screen (or the last one used)."""
        from quizapp.ui.screens.home import HomeScreen
        from quizapp.ui.screens.stats import StatsScreen

        if isinstance(self.screen, StatsScreen):
            return
        bank = next((s.selected_bank for s in self.screen_stack if isinstance(s, HomeScreen)), None)
        self.open_statistics(bank)

    def open_statistics(self, bank: Bank | None) -> None:
        """Push the statistics screen for *bank* (default: the last bank used, else the first)."""
        from quizapp.ui.screens.stats import StatsScreen

        if self.recorder is None:
            self.say(
                lambda: _("Progress is not being saved, so there are no statistics."), severity="warning"
            )
            return
        if bank is None and self.catalog is not None and self.catalog.banks:
            last = self.setup.bank_id if self.setup is not None else ""
            bank = (self.catalog.bank(last) or self.catalog.banks[0]).bank
        if bank is None:
            self.say(lambda: _("The question banks are still loading."), severity="warning")
            return
        self.push_screen(StatsScreen(bank))

    def _storage_failed(self, error: Exception) -> None:
        self.say(lambda: _("Could not save your progress: {error}").format(error=error), severity="error")

    def on_unmount(self) -> None:
        i18n.remove_listener(self._language_changed)
        # Hand what start-up froze back to the collector (an app run inside a longer-lived
        # process, e.g. the tests, must not keep its garbage forever).
        gc.unfreeze()

    # -- banks --
    @work(thread=True, exclusive=True, group="load-banks")
    def _load_catalog(self) -> None:
        """Load the banks in a thread, started before the home screen is composed: a small or
        cached bank is then in place for its first frame, and a big one loads behind a spinner."""
        # Imported here: nothing of bank loading is needed before the thread runs.
        from quizapp.core.catalog import load_catalog

        self._loaded = load_catalog(self.bank_paths, self.load_bank)
        # The banks, the modules and the widgets built so far live as long as the app: move them
        # out of the garbage collector's sight. Otherwise the next full collections, which the
        # tens of thousands of new objects of a big bank set off while the first frame is being
        # drawn, walk all of them again (a 10,000-question bank: about a fifth of the start-up).
        gc.freeze()
        self._catalog_done.set()
        self.call_from_thread(self._catalog_loaded)

    def catalog_within(self, seconds: float) -> Catalog | None:
        """The banks, waiting at most *seconds* for them to finish loading (None if still loading)."""
        if self._catalog_done.wait(seconds):
            self.catalog = self._loaded
        return self.catalog

    def _catalog_loaded(self) -> None:
        from quizapp.ui.screens.home import HomeScreen

        catalog = self.catalog_within(0)
        assert catalog is not None
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_catalog(catalog)

    def load_bank(self, root: Path) -> LoadedBank:
        """Load one bank for the home screen, through the compiled bank cache."""
        from quizapp.core.cache import load_bank_cached

        return load_bank_cached(root, cache_dir())

    @property
    def active_bindings(self) -> dict[str, Any]:
        return translate_active_bindings(super().active_bindings)

    def save_settings(self) -> None:
        """Persist the settings; a read-only disk must not stop the quiz."""
        if self.classroom is not None:
            # Every tab of a class shares the server's config dir: one student's language or
            # theme must not become the next student's.
            return
        try:
            self.settings.save(self.settings_dir)
        except OSError as exc:
            error = exc.strerror or exc
            self.say(
                lambda: _("Could not save your settings: {error}").format(error=error), severity="warning"
            )

    # -- language --
    def set_language(self, language: str) -> None:
        """Switch the interface language everywhere, live, and remember the choice."""
        i18n.set_language(language)
        self.settings.language = language
        self.save_settings()

    def say(
        self, render: Render, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """Show a toast whose text *render* composes in the current language, now and again if
        the language changes while it is on screen (see :mod:`quizapp.ui.toasts`)."""
        self.toasts.say(render, severity, timeout)

    def _language_changed(self, language: str) -> None:
        self._update_title()
        self.toasts.retranslate()
        for screen in self.screen_stack:
            if isinstance(screen, LanguageAware):
                screen.refresh_language()
            else:
                screen.refresh_bindings()

    def _update_title(self) -> None:
        self.title = _("Quiz")

    def action_choose_language(self) -> None:
        from quizapp.ui.dialogs import LanguagePicker

        def chosen(language: str | None) -> None:
            if language:
                self.set_language(language)

        if not isinstance(self.screen, LanguagePicker):
            self.push_screen(LanguagePicker(), chosen)

    # -- other app-wide actions --
    def action_download_results(self) -> None:
        """Send the student's own answers as a CSV file (a download in the browser)."""
        from quizapp.ui.classroom import deliver_results

        deliver_results(self)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.path is not None and not self.is_web:
            path = event.path
            self.say(lambda: _("Your results are saved: {file}").format(file=path))

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        error = event.exception
        self.say(lambda: _("Your results could not be saved: {error}").format(error=error), severity="error")

    def action_help(self) -> None:
        from quizapp.ui.dialogs import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog())

    def action_new_quiz(self) -> None:
        """Back to the home screen (leaving a quiz asks first)."""
        from quizapp.ui.screens.home import HomeScreen

        leave = getattr(self.screen, "confirm_leave", None)
        if leave is not None:
            leave(then=self._to_home)
            return
        if not isinstance(self.screen, HomeScreen):
            self._to_home()

    def _to_home(self) -> None:
        from quizapp.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_request_quit(self) -> None:
        """Quit; mid-quiz, ask first."""
        leave = getattr(self.screen, "confirm_leave", None)
        if leave is not None:
            leave(then=self.exit, quitting=True)
        else:
            self.exit()

    def action_choose_theme(self) -> None:
        def set_theme(name: str) -> None:
            self.theme = name
            self.settings.theme = name
            self.save_settings()

        commands: list[CommandListItem] = [
            (name, partial(set_theme, name)) for name in sorted(self.available_themes)
        ]
        self.push_screen(
            QuizCommandPalette(
                providers=[SimpleProvider(self.screen, commands)], placeholder=N_("Search for themes…")
            )
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(QuizCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own commands are English literals; ours are translated and cover the same.
        yield SystemCommand(_("Theme"), _("Change the colour theme"), self.action_choose_theme)
        yield SystemCommand(_("Help"), _("Keys and scoring rules"), self.action_help)
        yield SystemCommand(_("Quit"), _("Leave the app"), self.action_request_quit)


def _format(msgid: str, kwargs: dict[str, Any]) -> str:
    return _(msgid).format(**kwargs)


def _default_profile() -> str:
    import getpass

    try:
        return getpass.getuser() or "student"
    except (OSError, KeyError, ImportError):
        return "student"


def make_app(
    extra_paths: Sequence[Path] = (),
    language: str | None = None,
    profile: str | None = None,
    clock: Callable[[], datetime] | None = None,
    rng: random.Random | None = None,
    include_bundled: bool = True,
    classroom: Classroom | None = None,
) -> QuizApp:
    """Build the app: settings, start-up language (``--lang`` > saved > system > English), banks."""
    settings_dir = config_dir()
    settings = Settings.load(settings_dir)
    chosen = (
        language or (settings.language if settings.language in LANGUAGES else None) or i18n.detect_language()
    )
    i18n.set_language(chosen)
    paths = ([bundled_questions_dir()] if include_bundled else []) + [Path(p) for p in extra_paths]
    return QuizApp(paths, settings, settings_dir, clock=clock, rng=rng, profile=profile, classroom=classroom)
