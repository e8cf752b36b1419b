"""A served tab's app, driven with Pilot: who is studying, the roster and PIN, the preset, downloads."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Label, OptionList

from quizapp.classroom.gate import Classroom, Outcome
from quizapp.classroom.lockout import PinGuard
from quizapp.classroom.preset import parse_preset
from quizapp.classroom.roster import parse_roster
from quizapp.core.store import Store
from quizapp.ui.app import QuizApp, make_app
from quizapp.ui.profiles import ProfileDialog
from quizapp.ui.roster import RosterDialog
from quizapp.ui.screens.quiz import QuizRunScreen
from tests.ui.helpers import ALL_KINDS, wait_for_home

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ROSTER = "name,pin\nAyşe Yılmaz,4821\nНұрлан Әбенов,0093\n".encode()


class Clock:
    """Seconds for the PIN delays, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def classroom_app(classroom: Classroom, language: str = "en") -> QuizApp:
    """A served tab's app over the UI test bank, with a fixed clock and seed."""
    return make_app(
        extra_paths=[ALL_KINDS],
        language=language,
        clock=lambda: NOW,
        rng=random.Random(1),
        include_bundled=False,
        classroom=classroom,
    )


def with_roster(data_dir: Path) -> Classroom:
    return Classroom(roster=parse_roster(ROSTER, "students.csv"), guard=PinGuard(data_dir))


def test_gate_decides() -> None:
    classroom = Classroom(roster=parse_roster(ROSTER, "s.csv"), guard=PinGuard(None))
    assert classroom.sign_in("ayşe yılmaz", "4821", 0).outcome is Outcome.OK
    assert classroom.sign_in("ayşe yılmaz", "4821", 0).name == "Ayşe Yılmaz"
    assert classroom.sign_in("Mallory", "4821", 0).outcome is Outcome.UNKNOWN
    results = [classroom.sign_in("Ayşe Yılmaz", "0000", 10) for _ in range(3)]
    assert [r.outcome for r in results] == [Outcome.WRONG] * 3
    assert [r.wait_s for r in results] == [0, 0, 2]
    # Locked: even the right PIN waits, and is not checked.
    assert classroom.sign_in("Ayşe Yılmaz", "4821", 11).outcome is Outcome.WAIT
    assert classroom.sign_in("Ayşe Yılmaz", "4821", 12).outcome is Outcome.OK


async def test_a_tab_never_opens_on_a_remembered_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    store, _ = Store.open(data, NOW)
    store.get_or_create_profile("Ayşe Yılmaz", NOW)
    store.remember_profile("Ayşe Yılmaz", NOW)
    store.close()
    app = classroom_app(Classroom())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        assert app.profile_name is None
        # No list of classmates to pick from, and no way around the question.
        assert not dialog.query_one("#profiles").display
        assert not dialog.query_one("#cancel").display
        await pilot.press("escape")
        assert app.screen is dialog
        await pilot.press(*"Bob", "enter")
        await pilot.pause()
        assert app.profile_name == "Bob"
    store = Store.open_readonly(data)
    assert store.remembered_profile() == "Ayşe Yılmaz"  # a tab remembers nobody
    store.close()


async def test_roster_sign_in_wrong_pin_and_growing_delay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    clock = Clock()
    classroom = with_roster(data)
    app = classroom_app(classroom)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        dialog = app.screen
        assert isinstance(dialog, RosterDialog)
        dialog._clock = clock
        names = dialog.query_one("#names", OptionList)
        assert [str(names.get_option_at_index(i).prompt) for i in range(names.option_count)] == [
            "Ayşe Yılmaz",
            "Нұрлан Әбенов",
        ]
        message = dialog.query_one("#message", Label)
        # Three wrong PINs, the keys in bursts right after Enter on the name.
        for attempt in range(3):
            await pilot.press("enter", *"1234", "enter")
            await pilot.pause()
            assert "Wrong PIN for Ayşe Yılmaz" in str(message.render()) or attempt == 2
            assert app.profile_name is None
            dialog.query_one("#names").focus()
        assert "Too many wrong PINs: try again in 2 seconds." in str(message.render())
        assert dialog.query_one("#pin", Input).disabled
        assert dialog.query_one("#sign-in", Button).disabled
        # The delay passes: tries are open again, the right PIN works.
        clock.now += 2.5
        await pilot.pause(0.7)
        assert not dialog.query_one("#pin", Input).disabled
        assert "You can try again now." in str(message.render())
        await pilot.press(*"4821", "enter")
        await pilot.pause()
        assert app.profile_name == "Ayşe Yılmaz"
        assert not isinstance(app.screen, RosterDialog)


async def test_roster_another_tab_sees_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The count is shared: wrong PINs in one tab (process) lock the name in the next."""
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    elsewhere = PinGuard(data)
    now = datetime.now(UTC).timestamp()
    for _ in range(4):
        elsewhere.failed("Нұрлан Әбенов", now)
    app = classroom_app(with_roster(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("down", "enter", *"0093", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RosterDialog)
        assert "Too many wrong PINs: try again in" in str(dialog.query_one("#message", Label).render())
        assert app.profile_name is None


async def test_f3_in_a_tab_asks_the_roster_again_and_can_be_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    app = classroom_app(with_roster(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("down", "enter", *"0093", "enter")
        await pilot.pause()
        assert app.profile_name == "Нұрлан Әбенов"
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, RosterDialog)
        assert app.screen.query_one("#cancel").display
        await pilot.press("escape")
        await pilot.pause()
        assert app.profile_name == "Нұрлан Әбенов"


async def test_preset_is_what_start_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    preset = parse_preset(b"bank: ui-test\nmode: exam\ncount: 3\ntime_limit: 5\nseed: 11\n", "exam.yaml")
    orders = []
    for name in ("A", "B"):
        app = classroom_app(Classroom(preset=preset))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_home(pilot)
            await pilot.press(*name, "enter")
            await wait_for_home(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuizRunScreen)
            session = screen.session
            assert (session.mode.value, session.total, session.time_limit.total_seconds()) == ("exam", 3, 300)
            orders.append([q.id for q in session.questions])
    # The seed: both students get the same questions in the same order.
    assert orders[0] == orders[1]


def two_students_history(data: Path) -> None:
    """One answer each for two students of the roster."""
    from quizapp.core.session import Mode, QuizSession
    from tests.core.store_writer import make_bank

    bank = make_bank()
    store, _ = Store.open(data, NOW)
    for name in ("Ayşe Yılmaz", "Нұрлан Әбенов"):
        store.get_or_create_profile(name, NOW)
        session = QuizSession.start(bank, bank.questions[:1], Mode.PRACTICE, random.Random(1), NOW)
        attempt = store.start_attempt(name, session)
        session.answer(True, NOW)
        store.save_answer(attempt, session, session.question.id, NOW)
    store.close()


async def test_download_my_results_sends_only_mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    two_students_history(data)
    delivered: list[dict[str, Any]] = []
    app = classroom_app(with_roster(data))

    def deliver_text(path_or_file: Any, **kwargs: Any) -> str:
        delivered.append({"text": path_or_file.read(), **kwargs})
        return "key"

    app.deliver_text = deliver_text  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("down", "enter", *"0093", "enter")
        await pilot.pause()
        app.action_download_results()
        await pilot.pause()
    assert len(delivered) == 1
    text = delivered[0]["text"]
    assert delivered[0]["save_filename"] == "quizapp-Нұрлан-Әбенов-2026-11-24.csv"
    assert delivered[0]["mime_type"] == "text/csv"
    assert text.startswith("\ufeffprofile,bank,question_id")
    assert "Нұрлан Әбенов" in text and "Ayşe" not in text


async def test_in_a_terminal_my_results_are_saved_and_the_app_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh account without ~/Downloads: the file goes to the home folder, not nowhere.
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    two_students_history(data)
    app = classroom_app(with_roster(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_home(pilot)
        await pilot.press("down", "enter", *"0093", "enter")
        await pilot.pause()
        app.action_download_results()
        saved = home / "quizapp-Нұрлан-Әбенов-2026-11-24.csv"
        for _ in range(50):
            await pilot.pause(0.05)
            if any("saved" in str(n.message) for n in app._notifications):
                break
        messages = [str(n.message) for n in app._notifications]
    assert f"Your results are saved: {saved}" in messages
    text = saved.read_text(encoding="utf-8-sig")
    assert "Нұрлан Әбенов" in text and "Ayşe" not in text
