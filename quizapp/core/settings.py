"""Machine-wide preferences (language, theme), kept as a small JSON file in the config dir.

Only what belongs to the person at this computer's account, whichever data dir they study in,
lives here. Who is studying and their last quiz set-up belong to the progress they describe, so
the store keeps them in the data dir (``Store.remembered_profile``, ``Store.last_setup``): a
second ``--data-dir``, or the next student of a lab machine with their own data dir, starts by
asking "Who is studying?" instead of opening on someone else's name.

Older versions kept ``profile`` and ``last_choices`` here. They are read as *legacy* values and
handed to the first data dir that already holds a profile of that name (:func:`adopt_legacy`):
that is the data dir they were used with, while a data dir without that profile never sees them.
Once adopted they are removed from this file, so no other data dir can pick them up later.

Written atomically (temp file + rename) so a crash never leaves half a file; a missing or broken
file simply gives the defaults.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.core.store import Store

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """What the app remembers between runs, whatever the data dir."""

    language: str | None = None
    theme: str | None = None
    #: The profile an older version remembered here, until a data dir adopts it.
    legacy_profile: str | None = None
    #: The quiz choices an older version remembered here, until a data dir adopts them.
    legacy_choices: dict[str, Any] | None = field(default=None)

    @classmethod
    def load(cls, directory: Path) -> Settings:
        """The settings saved in *directory*, or defaults if there are none or they are unreadable."""
        try:
            raw = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()

        def text(key: str) -> str | None:
            value = raw.get(key)
            return value if isinstance(value, str) else None

        choices = raw.get("last_choices")
        return cls(
            language=text("language"),
            theme=text("theme"),
            legacy_profile=text("profile") or None,
            legacy_choices=choices if isinstance(choices, dict) and choices else None,
        )

    def to_data(self) -> dict[str, Any]:
        """What :meth:`save` writes (legacy values under their old keys, only while unadopted)."""
        data: dict[str, Any] = {"language": self.language, "theme": self.theme}
        if self.legacy_profile is not None:
            data["profile"] = self.legacy_profile
        if self.legacy_choices is not None:
            data["last_choices"] = self.legacy_choices
        return data

    def save(self, directory: Path) -> None:
        """Write the settings to *directory* atomically."""
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.to_data(), handle, ensure_ascii=False, indent=2)
            os.replace(tmp, directory / SETTINGS_FILE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def adopt_legacy(settings: Settings, store: Store, now: datetime) -> bool:
    """Move an older version's remembered profile and choices into *store*'s data dir, if they
    belong there: the data dir holds a profile of that name and remembers no profile yet. Returns
    whether *settings* changed (they should then be saved, without the legacy values).

    The choices become that profile's last set-up unless it has one; choices that are not a
    valid set-up are dropped (the student starts from the defaults).
    """
    from quizapp.core.setup import QuizSetup

    name = settings.legacy_profile
    if name is None and settings.legacy_choices is not None:
        # Choices of nobody in particular (the first start's question was cancelled): there is
        # no telling which data dir or student they were for.
        settings.legacy_choices = None
        return True
    if name is None or store.profile_id(name) is None or store.remembered_profile() is not None:
        return False
    store.remember_profile(name, now)
    if settings.legacy_choices is not None and store.last_setup(name) is None:
        # Choices that are not a set-up this version understands: the defaults will do.
        with contextlib.suppress(ValueError):
            store.save_setup(name, QuizSetup.from_data(settings.legacy_choices))
    settings.legacy_profile = None
    settings.legacy_choices = None
    return True
