"""Many writers at once, and writers killed at random moments (RELIABILITY.md §3.2, §3.3).

The writers are real processes (tests/core/store_writer.py) sharing one database file, as
several ``textual serve`` sessions or terminals of one machine do.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core.store import DB_NAME, Store

WRITER = Path(__file__).with_name("store_writer.py")
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _writer(data_dir: Path, name: str, count: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), name, count],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _acknowledged(output: str) -> set[tuple[int, str]]:
    """The ``attempt question`` lines printed in full (a kill may cut the last one short)."""
    acks = set()
    for line in output.splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 2:
            acks.add((int(parts[0]), parts[1]))
    return acks


def _saved(path: Path) -> set[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return {(a, q) for a, q in conn.execute("SELECT attempt_id, question_id FROM answers")}
    finally:
        conn.close()


def test_twenty_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    # Every writer opens (creates and migrates) the database at the same moment too.
    writers = [_writer(data_dir, f"student{i}", "40") for i in range(20)]
    acks: set[tuple[int, str]] = set()
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.endswith("done\n")
        acks |= _acknowledged(out)
    assert len(acks) == 20 * 40
    assert _saved(data_dir / DB_NAME) == acks
    store, notices = Store.open(data_dir, T0)
    assert notices == []
    assert len(store.profiles()) == 20
    store.close()


@pytest.mark.slow
def test_writer_killed_at_random_moments_keeps_every_acknowledged_answer(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20250301)
    acks: set[tuple[int, str]] = set()
    kills = 0
    for _ in range(24):
        proc = _writer(data_dir, "victim", "forever")
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is writing
        assert first, proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.35))
        proc.kill()  # SIGKILL: no cleanup, no checkpoint, maybe mid-transaction
        rest = proc.stdout.read()  # not communicate(): it would skip what readline() buffered
        assert proc.wait(timeout=30) == -9
        if proc.stderr is not None:
            proc.stderr.close()
        proc.stdout.close()
        kills += 1
        acks |= _acknowledged(first + rest)
        saved = _saved(data_dir / DB_NAME)
        missing = acks - saved
        assert not missing, f"acknowledged but lost: {sorted(missing)[:5]}"
        # At most the one answer between COMMIT and its acknowledgement is saved but unacknowledged.
        assert len(saved - acks) <= kills
    assert kills >= 20
    assert len(acks) > 100
    store, notices = Store.open(data_dir, T0)
    assert notices == []
    store.close()
