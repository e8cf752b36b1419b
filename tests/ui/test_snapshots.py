"""Snapshots of key screens at 80×24 (regenerate with `make snapshots` after intended changes)."""

from __future__ import annotations

from typing import Any

from tests.ui.helpers import answer_current, build_app, choose_mode, wait_for_home

SIZE = (80, 24)


def test_home_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


def test_quiz_question_and_feedback(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await choose_mode(pilot, "practice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await answer_current(pilot, right=False)
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)


def test_results_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for_home(pilot)
        await choose_mode(pilot, "practice")
        await pilot.press("ctrl+s")
        for index in range(8):
            await answer_current(pilot, right=index % 3 != 0)
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=SIZE, run_before=run_before)
