"""Machine-wide settings in the config dir, and how an older version's remembered profile and
choices move to the one data dir they belong to (and to no other)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core.session import Mode
from quizapp.core.settings import SETTINGS_FILE, Settings, adopt_legacy
from quizapp.core.setup import QuizSetup
from quizapp.core.store import Store

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
OLD_CHOICES = {
    "bank": "kz",
    "topics": ["a"],
    "difficulties": [1, 2, 3],
    "count": 20,
    "mode": "exam",
    "time_limit": 1,
}


def write_old_settings(config: Path, **extra: object) -> None:
    config.mkdir(parents=True, exist_ok=True)
    data = {"language": "kk", "theme": "nord", "profile": "Ayşe", "last_choices": OLD_CHOICES, **extra}
    (config / SETTINGS_FILE).write_text(json.dumps(data), encoding="utf-8")


def open_store(data_dir: Path, *profiles: str) -> Store:
    store, _ = Store.open(data_dir, NOW)
    for name in profiles:
        store.get_or_create_profile(name, NOW)
    return store


def test_only_language_and_theme_are_written(tmp_path: Path) -> None:
    Settings(language="tr", theme="nord").save(tmp_path)
    assert json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8")) == {
        "language": "tr",
        "theme": "nord",
    }
    assert Settings.load(tmp_path) == Settings(language="tr", theme="nord")


@pytest.mark.parametrize("content", ["", "[]", "{", '{"language": 3, "profile": ["x"], "last_choices": "x"}'])
def test_a_broken_file_gives_the_defaults(tmp_path: Path, content: str) -> None:
    (tmp_path / SETTINGS_FILE).write_text(content, encoding="utf-8")
    assert Settings.load(tmp_path) == Settings()


def test_the_data_dir_with_that_profile_adopts_it_and_no_other_data_dir_can(tmp_path: Path) -> None:
    config = tmp_path / "config"
    write_old_settings(config)
    settings = Settings.load(config)
    assert (settings.legacy_profile, settings.legacy_choices) == ("Ayşe", OLD_CHOICES)

    # A data dir where Ayşe never studied: nothing leaks in, and the old values wait.
    with open_store(tmp_path / "other", "Bob") as other:
        assert not adopt_legacy(settings, other, NOW)
        assert other.remembered_profile() is None
        assert other.last_setup("Bob") is None
    assert settings.legacy_profile == "Ayşe"

    # The data dir she used: it opens on her, with her last choices.
    with open_store(tmp_path / "hers", "Ayşe", "Bob") as hers:
        assert adopt_legacy(settings, hers, NOW)
        assert hers.remembered_profile() == "Ayşe"
        assert hers.last_setup("Ayşe") == QuizSetup("kz", ("a",), (1, 2, 3), 20, Mode.EXAM, 1)
        assert hers.last_setup("Bob") is None
    settings.save(config)
    saved = json.loads((config / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved == {"language": "kk", "theme": "nord"}

    # Taken out of the config dir: a third data dir, even one with an Ayşe, gets nothing.
    with open_store(tmp_path / "third", "Ayşe") as third:
        assert not adopt_legacy(Settings.load(config), third, NOW)
        assert third.remembered_profile() is None


def test_a_data_dir_that_remembers_someone_keeps_them(tmp_path: Path) -> None:
    write_old_settings(tmp_path / "config")
    settings = Settings.load(tmp_path / "config")
    with open_store(tmp_path / "data", "Ayşe", "Bob") as store:
        store.remember_profile("Bob", NOW)
        assert not adopt_legacy(settings, store, NOW)
        assert store.remembered_profile() == "Bob"
        assert store.last_setup("Ayşe") is None


def test_choices_this_version_cannot_read_are_dropped_not_fatal(tmp_path: Path) -> None:
    write_old_settings(tmp_path / "config", last_choices={"bank": "kz", "mode": "marathon"})
    settings = Settings.load(tmp_path / "config")
    with open_store(tmp_path / "data", "Ayşe") as store:
        assert adopt_legacy(settings, store, NOW)
        assert store.remembered_profile() == "Ayşe"
        assert store.last_setup("Ayşe") is None
    assert settings.legacy_choices is None


def test_choices_of_nobody_are_dropped(tmp_path: Path) -> None:
    write_old_settings(tmp_path / "config", profile=None)
    settings = Settings.load(tmp_path / "config")
    with open_store(tmp_path / "data", "Ayşe") as store:
        assert adopt_legacy(settings, store, NOW)
        assert store.remembered_profile() is None
        assert store.last_setup("Ayşe") is None
    assert settings.to_data() == {"language": "kk", "theme": "nord"}
