"""User settings (language, theme, last quiz choices), kept as a small JSON file.

Written atomically (temp file + rename) so a crash never leaves half a file; a missing or broken
file simply gives the defaults.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """What the app remembers between runs."""

    language: str | None = None
    theme: str | None = None
    profile: str | None = None
    #: The last quiz set-up on the home screen: bank id, topics, difficulties, count, mode, time limit.
    last_choices: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> Settings:
        """The settings saved in *directory*, or defaults if there are none or they are unreadable."""
        try:
            raw = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        settings = cls()
        for key, value in values.items():
            if key == "last_choices" and not isinstance(value, dict):
                continue
            if key != "last_choices" and value is not None and not isinstance(value, str):
                continue
            setattr(settings, key, value)
        return settings

    def save(self, directory: Path) -> None:
        """Write the settings to *directory* atomically."""
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, ensure_ascii=False, indent=2)
            os.replace(tmp, directory / SETTINGS_FILE)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
