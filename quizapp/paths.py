"""Where quizapp keeps things: user data/config/cache dirs and the bundled resources.

Every path the app touches is resolved here, so tests can point all of them at a temporary
directory with environment variables (``QUIZAPP_DATA_DIR``, ``QUIZAPP_CONFIG_DIR``,
``QUIZAPP_CACHE_DIR``) and the bundled ``questions/`` and ``locales/`` are found both in a source
checkout and in an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quizapp"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A resource shipped in the wheel as ``quizapp/<name>``, else the checkout's top-level one."""
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def bundled_questions_dir() -> Path:
    """The bundled question banks."""
    return _bundled("questions")


def bundled_locales_dir() -> Path:
    """The gettext catalogs (``<lang>/LC_MESSAGES/quizapp.po`` and, when built, ``.mo``)."""
    return _bundled("locales")


def _user_dir(env_var: str, kind: str) -> Path:
    override = os.environ.get(env_var)
    if override:
        return Path(override)
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Path(getattr(dirs, f"user_{kind}_dir"))


def data_dir() -> Path:
    """Progress, review history, who studied last and their set-up (``QUIZAPP_DATA_DIR`` overrides)."""
    return _user_dir("QUIZAPP_DATA_DIR", "data")


def config_dir() -> Path:
    """Machine-wide preferences: language, theme (``QUIZAPP_CONFIG_DIR`` overrides)."""
    return _user_dir("QUIZAPP_CONFIG_DIR", "config")


def cache_dir() -> Path:
    """Compiled bank cache (``QUIZAPP_CACHE_DIR`` overrides)."""
    return _user_dir("QUIZAPP_CACHE_DIR", "cache")
