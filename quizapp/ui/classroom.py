"""The app in a served classroom tab (``quizapp serve``): who is studying, and their results.

A served tab never opens on anybody's name: it asks at start, and cannot be past the question
without a name. Without a roster the student types a name (the list of existing profiles is not
shown: classmates' names are not offered to pick); with a roster they pick theirs and type its PIN.

A student may download their own results (what ``quizapp results`` would list for their profile
only) through Textual's ``deliver_text``: in the browser that is a download of the CSV file; in a
terminal the file is saved in the downloads folder (the home folder when there is none) and the
app says where once it is written (or why it could not be).
"""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.i18n import _

if TYPE_CHECKING:
    from quizapp.ui.app import QuizApp


def ask_who(app: QuizApp) -> None:
    """Ask who is studying, the classroom way (roster and PIN, or a typed name)."""
    from quizapp.ui.profiles import ProfileDialog
    from quizapp.ui.roster import RosterDialog

    classroom = app.classroom
    assert classroom is not None
    if isinstance(app.screen, (ProfileDialog, RosterDialog)):
        return
    signed_in = app.profile_name is not None

    def chosen(name: str | None) -> None:
        if name:
            app.use_profile(name, remember=False)

    if classroom.roster is not None:
        app.push_screen(RosterDialog(classroom, cancellable=signed_in), chosen)
    else:
        app.push_screen(ProfileDialog([], None, cancellable=signed_in), chosen)


def results_file_name(profile: str, day: str) -> str:
    """A file name for *profile*'s results: letters and digits kept, the rest dashes."""
    slug = re.sub(r"[^\w]+", "-", profile, flags=re.UNICODE).strip("-") or "student"
    return f"quizapp-{slug}-{day}.csv"


def deliver_results(app: QuizApp) -> None:
    """Send the current student's own answers as a CSV file (a download in the browser)."""
    from quizapp.core.store import StoreError
    from quizapp.results_cli import render

    store, profile = app.store, app.profile_name
    if store is None or profile is None or app.recorder is None:
        app.say(
            lambda: _("Progress is not being saved, so there are no results to download."), severity="warning"
        )
        return
    try:
        # Only this profile's rows, ever: the name comes from the signed-in student, not from input.
        rows = store.export_rows(profile=profile)
    except (StoreError, sqlite3.Error) as exc:
        error = str(exc)  # `exc` is unbound after the except block; the toast recomposes later
        app.say(lambda: _("Could not read your results: {error}").format(error=error), severity="error")
        return
    text = render(rows, "csv", app.catalog)
    name = results_file_name(profile, app.clock().date().isoformat())
    # A byte-order mark, as `quizapp results -o` writes: spreadsheets then read ğ, ş, ә, қ right.
    app.deliver_text(
        io.StringIO("\ufeff" + text),
        save_directory=None if app.is_web else download_folder(),
        save_filename=name,
        mime_type="text/csv",
        encoding="utf-8",
    )
    if app.is_web:
        app.say(lambda: _("Your results are on their way: {file}").format(file=name))
    # In a terminal the app says where the file is once it is written (QuizApp.on_delivery_complete).


def download_folder() -> Path:
    """Where a terminal saves a download: the user's downloads folder, or home if there is none
    (a fresh account or a server often has no ~/Downloads, and Textual would not create it)."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.home()
