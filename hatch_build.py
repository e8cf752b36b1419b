"""Hatch build hook: compile the gettext catalogs into the wheel as quizapp/locales/…/quizapp.mo."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    """Compile every ``locales/<lang>/LC_MESSAGES/quizapp.po`` and include the ``.mo``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="quizapp-mo-"))
        for po_path in sorted((root / "locales").glob("*/LC_MESSAGES/quizapp.po")):
            language = po_path.parent.parent.name
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
            mo_path = out / language / "quizapp.mo"
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo_path)] = f"quizapp/locales/{language}/LC_MESSAGES/quizapp.mo"
            build_data["force_include"][str(po_path)] = f"quizapp/locales/{language}/LC_MESSAGES/quizapp.po"
