"""Slowing down PIN guessing, across every browser tab of ``quizapp serve``.

Each tab is its own process, and a reload starts a new one, so a counter kept in the app would
reset with every reload. The count of wrong PINs per name is kept instead in a small SQLite file
beside the progress database (``pin-tries.db``), which every tab's process shares, with the same
discipline as the store (WAL, ``BEGIN IMMEDIATE``, busy timeout).

The rule: the first :data:`FREE_TRIES` wrong PINs for a name cost nothing (typos happen); from
then on each wrong PIN locks the name for a delay that doubles, 2 s, 4 s, 8 s… up to
:data:`MAX_DELAY_S`. A right PIN clears the count. If the file cannot be used (a read-only data
directory), the count is kept in the process: weaker, but the quiz still runs.

Time is passed in (``now``, seconds since the epoch).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

FILE_NAME = "pin-tries.db"
#: Wrong PINs allowed for a name before delays start.
FREE_TRIES = 3
#: The longest wait between two tries, in seconds.
MAX_DELAY_S = 300.0


def delay_after(failures: int) -> float:
    """Seconds to wait after *failures* wrong PINs in a row before the next try."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_TRIES + 1))


class PinGuard:
    """The wrong-PIN count of every roster name, shared by every process using *directory*."""

    def __init__(self, directory: Path | None) -> None:
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[int, float]] = {}
        self._conn: sqlite3.Connection | None = None
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(
                    directory / FILE_NAME, timeout=5.0, isolation_level=None, check_same_thread=False
                )
                conn.execute("PRAGMA busy_timeout=5000")
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS tries("
                    "name TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until REAL NOT NULL)"
                )
                self._conn = conn
            except (OSError, sqlite3.Error):
                self._conn = None

    def close(self) -> None:
        """Close the shared file."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _read(self, name: str) -> tuple[int, float]:
        if self._conn is None:
            return self._memory.get(name, (0, 0.0))
        row = self._conn.execute(
            "SELECT failures, locked_until FROM tries WHERE name = ?", (name,)
        ).fetchone()
        return (int(row[0]), float(row[1])) if row else (0, 0.0)

    def wait(self, name: str, now: float) -> float:
        """Seconds before *name* may try a PIN again (0: now)."""
        with self._lock:
            try:
                _failures, until = self._read(name)
            except sqlite3.Error:
                _failures, until = self._memory.get(name, (0, 0.0))
        return max(0.0, until - now)

    def failed(self, name: str, now: float) -> float:
        """Count a wrong PIN for *name*; returns the seconds to wait before the next try."""
        with self._lock:
            if self._conn is not None:
                try:
                    return self._failed_shared(self._conn, name, now)
                except sqlite3.Error:
                    pass
            failures = self._memory.get(name, (0, 0.0))[0] + 1
            delay = delay_after(failures)
            self._memory[name] = (failures, now + delay)
            return delay

    @staticmethod
    def _failed_shared(conn: sqlite3.Connection, name: str, now: float) -> float:
        # Read and write in one IMMEDIATE transaction: two tabs guessing at once both count.
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT failures FROM tries WHERE name = ?", (name,)).fetchone()
            failures = (int(row[0]) if row else 0) + 1
            delay = delay_after(failures)
            conn.execute(
                "INSERT INTO tries(name, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE"
                " SET failures = excluded.failures, locked_until = excluded.locked_until",
                (name, failures, now + delay),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return delay

    def succeeded(self, name: str) -> None:
        """A right PIN: *name* starts again with free tries."""
        with self._lock:
            self._memory.pop(name, None)
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("DELETE FROM tries WHERE name = ?", (name,))
