"""Snapshots of a served tab at 80×24 in Kazakh (the longest language): the roster sign-in after a
wrong PIN, and the home screen with the teacher's preset (regenerate with `make snapshots`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quizapp.classroom.gate import Classroom
from quizapp.classroom.lockout import PinGuard
from quizapp.classroom.preset import parse_preset
from quizapp.classroom.roster import parse_roster
from tests.classroom.test_classroom_ui import classroom_app
from tests.ui.helpers import wait_for_home


async def settle(pilot: Any) -> None:
    """Let focus, layout and animations settle (the mouse stays off the screen)."""
    for _ in range(20):
        await pilot.pause()
        if pilot.app.screen.focused is not None:
            break
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


SIZE = (80, 24)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
ROSTER = "name,pin\nAyşe Yılmaz,4821\nНұрлан Әбенов,0093\nJohn Smith,1234\n".encode()


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "data"))


def test_roster_sign_in_kk(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await pilot.press("down", "enter", *"1111", "enter")
        await settle(pilot)

    classroom = Classroom(roster=parse_roster(ROSTER, "students.csv"), guard=PinGuard(None))
    assert snap_compare(classroom_app(classroom, "kk"), terminal_size=SIZE, run_before=run_before)


def test_preset_home_kk(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await pilot.press(*"Әлия", "enter")
        await wait_for_home(pilot)
        await settle(pilot)

    preset = parse_preset(b"bank: ui-test\nmode: exam\ncount: 3\ntime_limit: 15\nseed: 11\n", "exam.yaml")
    assert snap_compare(
        classroom_app(Classroom(preset=preset), "kk"), terminal_size=SIZE, run_before=run_before
    )
