"""Progress that lasts: profiles, attempts answer by answer, review cards, in one SQLite file.

Why it is built the way it is (see ``docs/RELIABILITY.md`` §3):

- **WAL, ``synchronous=NORMAL``, ``busy_timeout=5000``.** Several app processes may share one
  database (``textual serve`` runs one per browser tab, all as the same OS user); WAL lets readers
  and the writer proceed together and NORMAL keeps every commit safe from a crashed or killed
  app (only a power cut can lose the last commits).
- **``BEGIN IMMEDIATE`` for every write, one transaction per answer.** A deferred transaction
  that reads first and writes later cannot wait for the write lock and fails with "database is
  locked"; taking the lock up front lets the busy timeout do its job. Saving each answer as it
  is given is the autosave: a crash loses at most the answer being typed.
- **Migrations with ``PRAGMA user_version``.** DDL and the version bump commit together, so a
  migration that fails midway leaves the database exactly as it was. A database written by a
  newer quizapp is refused rather than misread. Before migrating a database that holds data, a
  copy is taken with the SQLite backup API (a plain file copy would miss what is still in the WAL).
- **``quick_check`` at start.** Ordinary queries do not notice a damaged page. A damaged file is
  never deleted: it is moved aside with its ``-wal``/``-shm`` files, a new database is started, the
  readable rows of the old one are copied over (bisecting rowid ranges around the damage), and
  the caller gets a :class:`Notice` to show the student.

Times are always passed in (``now``) and stored as UTC ISO-8601 text with microseconds, which
sorts correctly as text. A naive datetime is taken to be local time.

One :class:`Store` holds one connection. Its methods may be called from several threads (Textual
workers): a lock serialises them.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, ParamSpec, TypeVar

from quizapp.core.grading import Answer, Grade
from quizapp.core.model import Bank, Question
from quizapp.core.session import QuizSession
from quizapp.core.setup import QuizSetup

DB_NAME = "quiz.db"
#: Names longer than this are refused (they have to fit on the profile picker).
MAX_PROFILE_NAME = 40
_SIDE_FILES = ("-wal", "-shm", "-journal")


def N_(message: str) -> str:
    """Mark *message* for translation; the UI translates it when it shows it."""
    return message


#: Notices and errors are English msgids with named placeholders, for ``_(msgid).format(**kwargs)``.
MSG_RECOVERED = N_(
    "Your progress database was damaged. It was moved aside to {path} and a new one was started. "
    "Answers recovered: {count}."
)
MSG_MIGRATED = N_("Your progress database was upgraded. A copy of the old one was kept at {path}.")
MSG_TOO_NEW = N_(
    "Your progress database ({path}) was written by a newer version of quizapp (format {found}; "
    "this version knows up to {known}). Please update quizapp."
)
MSG_MIGRATION_FAILED = N_(
    "Your progress database ({path}) could not be upgraded: {error}. It was left unchanged."
)
MSG_CANNOT_OPEN = N_("The progress database {path} could not be opened: {error}")
MSG_NO_DATABASE = N_("There is no progress database at {path}.")
MSG_DAMAGED = N_("The progress database {path} is damaged. Start quizapp once to repair it.")
MSG_TOO_OLD = N_("The progress database {path} is from an older version. Start quizapp once to upgrade it.")
MSG_ATTEMPT_CLOSED = N_("This quiz was already submitted or abandoned; the answer was not saved.")


class Notice(NamedTuple):
    """Something the student should be told: an English msgid and its named placeholders."""

    msgid: str
    kwargs: dict[str, Any]


class StoreError(Exception):
    """The store cannot do what was asked. Show ``notice`` to the student (translated)."""

    def __init__(self, msgid: str, **kwargs: Any) -> None:
        super().__init__(msgid.format(**kwargs))
        self.notice = Notice(msgid, kwargs)


class DatabaseTooNewError(StoreError):
    """The database was written by a newer quizapp; it is left untouched."""


class MigrationError(StoreError):
    """A schema migration failed and was rolled back; the database is unchanged."""


class AttemptClosedError(StoreError):
    """A write to an attempt that is already finished or abandoned."""


# --- schema ------------------------------------------------------------------------------
# Each migration takes the database from version N to N+1 inside the caller's transaction. Never
# edit a released migration: add a new one. The first three steps are the schema of quizapp 1.0,
# built in steps so that upgrading from each older version is exercised by the tests.

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, statements: Iterable[str]) -> None:
    # Not executescript(): it commits first, which would break the migration's atomicity.
    for statement in statements:
        conn.execute(statement)


def _v1_attempts(conn: sqlite3.Connection) -> None:
    """Profiles, attempts and their answers."""
    _run(
        conn,
        [
            """CREATE TABLE profiles(
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL)""",
            """CREATE TABLE attempts(
                id INTEGER PRIMARY KEY,
                profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                bank_id TEXT NOT NULL,
                mode TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'in_progress'
                    CHECK (state IN ('in_progress', 'finished', 'abandoned')),
                session_json TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                points REAL,
                max_points REAL)""",
            # answer_json NULL = never answered (an exam question left blank, graded at the end).
            """CREATE TABLE answers(
                id INTEGER PRIMARY KEY,
                attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                topics TEXT NOT NULL DEFAULT '[]',
                answer_json TEXT,
                credit REAL,
                points REAL,
                max_points REAL NOT NULL,
                correct INTEGER,
                answered_at TEXT,
                duration_s REAL,
                UNIQUE (attempt_id, question_id))""",
        ],
    )


def _v2_review(conn: sqlite3.Connection) -> None:
    """Spaced-repetition cards (one per profile, bank and question) and the review log."""
    _run(
        conn,
        [
            """CREATE TABLE cards(
                profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                bank_id TEXT NOT NULL,
                question_id TEXT NOT NULL,
                card_json TEXT NOT NULL,
                due TEXT NOT NULL,
                state INTEGER NOT NULL,
                stability REAL,
                last_rating INTEGER,
                last_review TEXT,
                reps INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (profile_id, bank_id, question_id))""",
            """CREATE TABLE reviews(
                id INTEGER PRIMARY KEY,
                profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
                bank_id TEXT NOT NULL,
                question_id TEXT NOT NULL,
                rating INTEGER NOT NULL,
                reviewed_at TEXT NOT NULL,
                duration_s REAL,
                due_after TEXT NOT NULL,
                stability_after REAL,
                attempt_id INTEGER REFERENCES attempts(id) ON DELETE SET NULL)""",
        ],
    )


def _v3_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for resume, history, statistics and export."""
    _run(
        conn,
        [
            "CREATE INDEX attempts_by_profile ON attempts(profile_id, state, started_at)",
            "CREATE INDEX answers_by_time ON answers(answered_at)",
            "CREATE INDEX cards_by_due ON cards(profile_id, bank_id, due)",
            "CREATE INDEX reviews_by_card ON reviews(profile_id, bank_id, question_id, reviewed_at)",
        ],
    )


def _v4_remembered(conn: sqlite3.Connection) -> None:
    """What a data directory remembers between runs: whose progress it shows at start, and each
    profile's last quiz set-up. Kept here, with the progress, rather than in the per-user config
    dir: another data dir (``--data-dir``, a lab machine's next student) must not open on this
    one's student."""
    _run(
        conn,
        [
            # One row at most (id 1). The profile is forgotten with it (ON DELETE SET NULL).
            """CREATE TABLE remembered(
                id INTEGER PRIMARY KEY CHECK (id = 1),
                profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
                updated_at TEXT NOT NULL)""",
            # QuizSetup.to_data() as JSON; NULL = never started a quiz here.
            "ALTER TABLE profiles ADD COLUMN last_setup TEXT",
        ],
    )


#: The schema history; the database's ``user_version`` is how many of these it has had.
MIGRATIONS: tuple[Migration, ...] = (_v1_attempts, _v2_review, _v3_indexes, _v4_remembered)
SCHEMA_VERSION = len(MIGRATIONS)

#: Tables in the order their rows can be copied without breaking references.
_TABLES = ("profiles", "remembered", "attempts", "answers", "cards", "reviews")


# --- values handed to the UI -----------------------------------------------------------------


class UnfinishedAttempt(NamedTuple):
    """An attempt left in progress (crash, kill, closed terminal), to offer to resume."""

    attempt_id: int
    bank_id: str
    #: ``QuizSession.to_data()`` as last saved (mode, questions, current, flagged, time limit…).
    session_data: dict[str, Any]
    #: ``(question_id, answer, answered_at, duration_s)`` in the order given, for ``from_data``.
    answers: list[tuple[str, Answer, datetime, float | None]]


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One line of the attempt history."""

    id: int
    profile: str
    bank_id: str
    #: ``practice``, ``exam`` or ``review``.
    mode: str
    #: ``in_progress``, ``finished`` or ``abandoned``.
    state: str
    started_at: datetime
    finished_at: datetime | None
    #: Points earned and available (``None`` until finished).
    points: float | None
    max_points: float | None
    #: Questions in the quiz, answered, and answered fully right.
    questions: int
    answered: int
    correct: int


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One question of a past attempt, as saved."""

    question_id: str
    kind: str
    topics: tuple[str, ...]
    #: ``answered`` is false for a question left blank (``answer`` is then ``None``).
    answered: bool
    answer: Answer
    #: ``None`` while ungraded (an exam still in progress).
    credit: float | None
    points: float | None
    max_points: float
    correct: bool | None
    answered_at: datetime | None
    duration_s: float | None


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A spaced-repetition card as stored (``data`` is ``fsrs.Card.to_dict()``)."""

    bank_id: str
    question_id: str
    data: dict[str, Any]
    due: datetime
    #: ``fsrs.State`` value: 1 learning, 2 review, 3 relearning.
    state: int
    stability: float | None
    #: ``fsrs.Rating`` value of the last review (1 again … 4 easy).
    last_rating: int | None
    last_review: datetime | None
    reps: int


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One answer, for ``quizapp results``."""

    profile: str
    bank: str
    question_id: str
    kind: str
    topics: tuple[str, ...]
    #: The answer as given (``None`` if the question was left blank).
    answer: Answer
    answered: bool
    correct: bool | None
    points: float | None
    max_points: float
    duration_s: float | None
    timestamp: datetime | None
    attempt_id: int
    mode: str


@dataclass(frozen=True, slots=True)
class ScoredAnswer:
    """An answer's credit and when it was given (for statistics)."""

    bank_id: str
    question_id: str
    credit: float
    answered_at: datetime


# --- helpers -----------------------------------------------------------------------------


def to_utc(moment: datetime) -> datetime:
    """*moment* in UTC (a naive datetime is taken as local time)."""
    return moment.astimezone(UTC)


def _ts(moment: datetime) -> str:
    return to_utc(moment).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON-serialisable: {value!r}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def normalize_profile_name(name: str) -> str:
    """*name* as stored: NFC, spaces collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _name_key(name: str) -> tuple[str, str, str]:
    folded = name.casefold()
    plain = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return plain, folded, name


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _free_name(directory: Path, base: str, suffixes: Sequence[str] = ("",)) -> str:
    """*base*, or *base*-2, -3… so that no ``base+suffix`` exists yet in *directory*."""
    candidate = base
    number = 1
    while any((directory / (candidate + s)).exists() for s in suffixes):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _is_corruption(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class _Damaged(Exception):
    """quick_check did not say ok."""


P = ParamSpec("P")
R = TypeVar("R")


def _locked(method: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, Store)
        with store._lock:
            return method(*args, **kwargs)

    return wrapper


# --- the store ---------------------------------------------------------------------------


class Store:
    """The progress database of one data directory. Open it with :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    # -- opening --
    @classmethod
    def open(
        cls,
        data_dir: Path,
        now: datetime,
        *,
        synchronous: str = "NORMAL",
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> tuple[Store, list[Notice]]:
        """Open (creating, upgrading or repairing) ``quiz.db`` in *data_dir*.

        Returns the store and the notices to show the student (a repaired or upgraded database).
        Raises :class:`DatabaseTooNewError`, :class:`MigrationError` or :class:`StoreError` when
        the database cannot be used; nothing is changed on disk then.
        *synchronous* may be ``"FULL"`` to survive power cuts too (slower).
        """
        path = data_dir / DB_NAME
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(MSG_CANNOT_OPEN, path=str(path), error=exc.strerror or str(exc)) from exc
        notices: list[Notice] = []
        try:
            conn = cls._connect(path, synchronous)
        except _Damaged:
            conn = None
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise StoreError(MSG_CANNOT_OPEN, path=str(path), error=str(exc)) from exc
            conn = None
        if conn is not None:
            try:
                backup = _migrate(conn, path, now, migrations)
            except sqlite3.DatabaseError as exc:
                conn.close()
                if not _is_corruption(exc):
                    raise StoreError(MSG_CANNOT_OPEN, path=str(path), error=str(exc)) from exc
                conn = None
            except BaseException:
                conn.close()
                raise
            else:
                if backup is not None:
                    notices.append(Notice(MSG_MIGRATED, {"path": str(backup)}))
        if conn is None:
            try:
                moved = _move_aside(path, now)
            except OSError as exc:
                raise StoreError(MSG_CANNOT_OPEN, path=str(path), error=exc.strerror or str(exc)) from exc
            conn = cls._connect(path, synchronous)
            try:
                _migrate(conn, path, now, migrations)
                count = _salvage(moved, conn, now)
            except BaseException:
                conn.close()
                raise
            notices.append(Notice(MSG_RECOVERED, {"path": str(moved), "count": count}))
        return cls(conn, path), notices

    @classmethod
    def open_readonly(cls, data_dir: Path) -> Store:
        """Open an existing, current database without changing anything (for ``quizapp results``).

        Raises :class:`StoreError` if it is missing, damaged, older or newer than this version.
        """
        path = data_dir / DB_NAME
        if not path.is_file():
            raise StoreError(MSG_NO_DATABASE, path=str(path))
        try:
            conn = sqlite3.connect(
                path.resolve().as_uri() + "?mode=ro",
                uri=True,
                timeout=5.0,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA busy_timeout=5000")
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                conn.close()
                raise StoreError(MSG_DAMAGED, path=str(path))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                raise StoreError(MSG_DAMAGED, path=str(path)) from exc
            raise StoreError(MSG_CANNOT_OPEN, path=str(path), error=str(exc)) from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise DatabaseTooNewError(MSG_TOO_NEW, path=str(path), found=version, known=SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(MSG_TOO_OLD, path=str(path))
        return cls(conn, path)

    @staticmethod
    def _connect(path: Path, synchronous: str) -> sqlite3.Connection:
        """A configured connection that passed quick_check (raises _Damaged or DatabaseError)."""
        if synchronous not in ("NORMAL", "FULL"):
            raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous!r}")
        checked = _check_readonly(path)
        conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            if not checked:
                _quick_check(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the connection (the last one to close checkpoints the WAL)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The database's ``user_version``."""
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); nested uses join the outer one.

        Use it to make a read-modify-write atomic across processes (e.g. reviewing a card).
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        # Fetch everything at once so no read transaction stays open (it would pin the WAL).
        cursor = self._conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        try:
            return list(cursor.fetchall())
        finally:
            cursor.close()

    # -- profiles --
    @_locked
    def profiles(self) -> list[str]:
        """Profile names, alphabetically (ignoring case and accents)."""
        names = [row["name"] for row in self._query("SELECT name FROM profiles")]
        return sorted(names, key=_name_key)

    @_locked
    def create_profile(self, name: str, now: datetime) -> int:
        """Create a profile; raises ``ValueError`` for an empty, too long or taken name."""
        clean = normalize_profile_name(name)
        if not clean or len(clean) > MAX_PROFILE_NAME:
            raise ValueError(f"a profile name needs 1–{MAX_PROFILE_NAME} characters")
        try:
            with self.transaction() as conn:
                cursor = conn.execute(
                    "INSERT INTO profiles(name, created_at) VALUES (?, ?)", (clean, _ts(now))
                )
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"the profile {clean!r} exists already") from exc
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @_locked
    def profile_id(self, name: str) -> int | None:
        """The id of the profile called *name*, if there is one."""
        rows = self._query("SELECT id FROM profiles WHERE name = ?", (normalize_profile_name(name),))
        return int(rows[0]["id"]) if rows else None

    @_locked
    def get_or_create_profile(self, name: str, now: datetime) -> int:
        """The id of the profile called *name*, created if needed."""
        clean = normalize_profile_name(name)
        if not clean or len(clean) > MAX_PROFILE_NAME:
            raise ValueError(f"a profile name needs 1–{MAX_PROFILE_NAME} characters")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO profiles(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                (clean, _ts(now)),
            )
            row = conn.execute("SELECT id FROM profiles WHERE name = ?", (clean,)).fetchone()
        return int(row[0])

    # -- what this data directory remembers --
    @_locked
    def remembered_profile(self) -> str | None:
        """The profile the last student of this data directory chose (None: ask who is studying)."""
        rows = self._query(
            "SELECT p.name FROM remembered r JOIN profiles p ON p.id = r.profile_id WHERE r.id = 1"
        )
        return str(rows[0]["name"]) if rows else None

    @_locked
    def remember_profile(self, profile: int | str | None, now: datetime) -> None:
        """Open this data directory on *profile* next time (None: ask again next time)."""
        pid = None if profile is None else self._pid(profile)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO remembered(id, profile_id, updated_at) VALUES (1, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET profile_id = excluded.profile_id,"
                " updated_at = excluded.updated_at",
                (pid, _ts(now)),
            )

    @_locked
    def last_setup(self, profile: int | str) -> QuizSetup | None:
        """The set-up *profile* last started (None if none, or if what is stored is not a valid
        set-up any more: the student then starts from the defaults rather than from an error)."""
        rows = self._query("SELECT last_setup FROM profiles WHERE id = ?", (self._pid(profile),))
        if not rows or rows[0]["last_setup"] is None:
            return None
        try:
            return QuizSetup.from_data(json.loads(rows[0]["last_setup"]))
        except (ValueError, TypeError):  # SetupError, JSONDecodeError (ValueErrors), odd JSON types
            return None

    @_locked
    def save_setup(self, profile: int | str, setup: QuizSetup) -> None:
        """Remember *setup* as *profile*'s last one."""
        pid = self._pid(profile)
        with self.transaction() as conn:
            conn.execute("UPDATE profiles SET last_setup = ? WHERE id = ?", (_dumps(setup.to_data()), pid))

    def _pid(self, profile: int | str) -> int:
        if isinstance(profile, int):
            return profile
        found = self.profile_id(profile)
        if found is None:
            raise KeyError(f"no profile called {profile!r}")
        return found

    # -- attempts --
    @_locked
    def start_attempt(self, profile: int | str, session: QuizSession) -> int:
        """Save a new attempt for *session* (and any answers it already has); returns its id."""
        pid = self._pid(profile)
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts(profile_id, bank_id, mode, state, session_json, started_at)"
                " VALUES (?, ?, ?, 'in_progress', ?, ?)",
                (
                    pid,
                    session.bank.id,
                    session.mode.value,
                    _dumps(session.to_data()),
                    _ts(session.started_at),
                ),
            )
            attempt_id = cursor.lastrowid
            assert attempt_id is not None
            for question in session.questions:
                if question.id in session.answers:
                    self._upsert_answer(conn, attempt_id, session, question, session.started_at)
        return attempt_id

    def _upsert_answer(
        self,
        conn: sqlite3.Connection,
        attempt_id: int,
        session: QuizSession,
        question: Question,
        now: datetime,
    ) -> None:
        qid = question.id
        answered = qid in session.answers
        result: Grade | None = session.grades.get(qid)
        answered_at = session.answered_at.get(qid, now) if answered else None
        conn.execute(
            """INSERT INTO answers(attempt_id, question_id, kind, topics, answer_json, credit, points,
                   max_points, correct, answered_at, duration_s)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(attempt_id, question_id) DO UPDATE SET
                   answer_json = excluded.answer_json, credit = excluded.credit,
                   points = excluded.points, max_points = excluded.max_points,
                   correct = excluded.correct, answered_at = excluded.answered_at,
                   duration_s = excluded.duration_s""",
            (
                attempt_id,
                qid,
                question.kind.value,
                _dumps(list(question.topics)),
                _dumps(session.answers[qid]) if answered else None,
                result.credit if result else None,
                result.points if result else None,
                question.points,
                (1 if result.correct else 0) if result else None,
                _ts(answered_at) if answered_at else None,
                session.durations.get(qid) if answered else None,
            ),
        )

    def _require_open(self, conn: sqlite3.Connection, attempt_id: int) -> str:
        row = conn.execute("SELECT state FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise KeyError(f"no attempt {attempt_id}")
        return str(row[0])

    @_locked
    def save_answer(self, attempt_id: int, session: QuizSession, question_id: str, now: datetime) -> None:
        """Save the answer to *question_id* (its grade, time and duration too) and the position,
        in one transaction. Raises :class:`AttemptClosedError` if the attempt is closed."""
        question = session.bank.question(question_id)
        if question is None or question_id not in session.answers:
            raise KeyError(f"the session has no answer to {question_id!r}")
        with self.transaction() as conn:
            if self._require_open(conn, attempt_id) != "in_progress":
                raise AttemptClosedError(MSG_ATTEMPT_CLOSED)
            conn.execute(
                "UPDATE attempts SET session_json = ? WHERE id = ?", (_dumps(session.to_data()), attempt_id)
            )
            self._upsert_answer(conn, attempt_id, session, question, now)

    @_locked
    def save_position(self, attempt_id: int, session: QuizSession) -> None:
        """Save where the student is (current question, flags) in an attempt in progress."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE attempts SET session_json = ? WHERE id = ? AND state = 'in_progress'",
                (_dumps(session.to_data()), attempt_id),
            )

    @_locked
    def finish_attempt(self, attempt_id: int, session: QuizSession, now: datetime) -> None:
        """Submit: finish *session* at *now* if needed (an exam at its deadline at the latest) and
        store the grade of every question, the score and the state, in one transaction.

        Finishing an attempt already finished does nothing.
        """
        session.finish(now)
        finished_at = session.finished_at or now
        with self.transaction() as conn:
            state = self._require_open(conn, attempt_id)
            if state == "finished":
                return
            if state != "in_progress":
                raise AttemptClosedError(MSG_ATTEMPT_CLOSED)
            for question in session.questions:
                self._upsert_answer(conn, attempt_id, session, question, finished_at)
            conn.execute(
                "UPDATE attempts SET state = 'finished', finished_at = ?, points = ?, max_points = ?,"
                " session_json = ? WHERE id = ?",
                (
                    _ts(finished_at),
                    session.points(),
                    session.max_points(),
                    _dumps(session.to_data()),
                    attempt_id,
                ),
            )

    @_locked
    def abandon_attempt(self, attempt_id: int, now: datetime) -> None:
        """Close an attempt the student chose not to resume (its answers are kept)."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE attempts SET state = 'abandoned', finished_at = ? WHERE id = ? AND state = 'in_progress'",
                (_ts(now), attempt_id),
            )

    def _saved_answers(self, attempt_id: int) -> list[tuple[str, Answer, datetime, float | None]]:
        rows = self._query(
            "SELECT question_id, answer_json, answered_at, duration_s FROM answers"
            " WHERE attempt_id = ? AND answer_json IS NOT NULL ORDER BY answered_at, id",
            (attempt_id,),
        )
        return [
            (
                row["question_id"],
                json.loads(row["answer_json"]),
                datetime.fromisoformat(row["answered_at"]),
                row["duration_s"],
            )
            for row in rows
        ]

    @_locked
    def unfinished_attempt(self, profile: int | str, bank_id: str | None = None) -> UnfinishedAttempt | None:
        """The most recent attempt of *profile* still in progress (optionally in *bank_id*)."""
        pid = self._pid(profile)
        sql = "SELECT id, bank_id, session_json FROM attempts WHERE profile_id = ? AND state = 'in_progress'"
        params: list[Any] = [pid]
        if bank_id is not None:
            sql += " AND bank_id = ?"
            params.append(bank_id)
        rows = self._query(sql + " ORDER BY started_at DESC, id DESC LIMIT 1", params)
        if not rows:
            return None
        row = rows[0]
        return UnfinishedAttempt(
            int(row["id"]), row["bank_id"], json.loads(row["session_json"]), self._saved_answers(row["id"])
        )

    @_locked
    def load_session(self, attempt_id: int, bank: Bank) -> QuizSession:
        """Rebuild the :class:`QuizSession` of an attempt: same questions, order, answers,
        position, flags and score. A finished attempt comes back finished."""
        rows = self._query(
            "SELECT bank_id, state, session_json, finished_at FROM attempts WHERE id = ?", (attempt_id,)
        )
        if not rows:
            raise KeyError(f"no attempt {attempt_id}")
        row = rows[0]
        if row["bank_id"] != bank.id:
            raise ValueError(f"attempt {attempt_id} is from bank {row['bank_id']!r}, not {bank.id!r}")
        session = QuizSession.from_data(
            bank, json.loads(row["session_json"]), self._saved_answers(attempt_id)
        )
        if row["state"] == "finished" and row["finished_at"]:
            session.finish(datetime.fromisoformat(row["finished_at"]))
        return session

    def finish_expired(self, attempt_id: int, bank: Bank, now: datetime) -> QuizSession:
        """Submit an attempt with what was saved, e.g. an exam whose time ran out while the app
        was closed (it is finished at its deadline, not at *now*). Returns the finished session."""
        session = self.load_session(attempt_id, bank)
        self.finish_attempt(attempt_id, session, now)
        return session

    @_locked
    def attempts(
        self, profile: int | str, limit: int = 50, bank_id: str | None = None
    ) -> list[AttemptSummary]:
        """The attempt history of *profile*, newest first."""
        pid = self._pid(profile)
        sql = """SELECT a.*, p.name AS profile,
                     (SELECT count(*) FROM answers s WHERE s.attempt_id = a.id
                        AND s.answer_json IS NOT NULL) AS answered,
                     (SELECT count(*) FROM answers s WHERE s.attempt_id = a.id AND s.correct = 1) AS right
                 FROM attempts a JOIN profiles p ON p.id = a.profile_id WHERE a.profile_id = ?"""
        params: list[Any] = [pid]
        if bank_id is not None:
            sql += " AND a.bank_id = ?"
            params.append(bank_id)
        sql += " ORDER BY a.started_at DESC, a.id DESC LIMIT ?"
        params.append(limit)
        result = []
        for row in self._query(sql, params):
            data = json.loads(row["session_json"])
            result.append(
                AttemptSummary(
                    id=int(row["id"]),
                    profile=row["profile"],
                    bank_id=row["bank_id"],
                    mode=row["mode"],
                    state=row["state"],
                    started_at=datetime.fromisoformat(row["started_at"]),
                    finished_at=_dt(row["finished_at"]),
                    points=row["points"],
                    max_points=row["max_points"],
                    questions=len(data.get("questions", [])),
                    answered=int(row["answered"]),
                    correct=int(row["right"]),
                )
            )
        return result

    @_locked
    def attempt_answers(self, attempt_id: int) -> list[AnswerRecord]:
        """The saved answers of an attempt, in the quiz's question order."""
        attempt = self._query("SELECT session_json FROM attempts WHERE id = ?", (attempt_id,))
        if not attempt:
            raise KeyError(f"no attempt {attempt_id}")
        order = {qid: i for i, qid in enumerate(json.loads(attempt[0]["session_json"]).get("questions", []))}
        rows = self._query("SELECT * FROM answers WHERE attempt_id = ?", (attempt_id,))
        rows.sort(key=lambda r: (order.get(r["question_id"], len(order)), r["id"]))
        return [_answer_record(row) for row in rows]

    # -- export and statistics --
    @_locked
    def export_rows(
        self, profile: str | None = None, since: datetime | None = None, bank_id: str | None = None
    ) -> list[ExportRow]:
        """Every saved answer (blank exam questions included), oldest first, optionally only of
        *profile*, of *bank_id*, and given at or after *since*."""
        sql = """SELECT s.*, p.name AS profile, a.bank_id, a.mode,
                        COALESCE(s.answered_at, a.finished_at, a.started_at) AS at
                 FROM answers s JOIN attempts a ON a.id = s.attempt_id
                 JOIN profiles p ON p.id = a.profile_id WHERE 1 = 1"""
        params: list[Any] = []
        if profile is not None:
            sql += " AND p.name = ?"
            params.append(normalize_profile_name(profile))
        if bank_id is not None:
            sql += " AND a.bank_id = ?"
            params.append(bank_id)
        if since is not None:
            sql += " AND at >= ?"
            params.append(_ts(since))
        sql += " ORDER BY at, s.attempt_id, s.id"
        result = []
        for row in self._query(sql, params):
            record = _answer_record(row)
            result.append(
                ExportRow(
                    profile=row["profile"],
                    bank=row["bank_id"],
                    question_id=record.question_id,
                    kind=record.kind,
                    topics=record.topics,
                    answer=record.answer,
                    answered=record.answered,
                    correct=record.correct,
                    points=record.points,
                    max_points=record.max_points,
                    duration_s=record.duration_s,
                    timestamp=record.answered_at,
                    attempt_id=int(row["attempt_id"]),
                    mode=row["mode"],
                )
            )
        return result

    @_locked
    def scored_answers(self, profile: int | str, bank_id: str | None = None) -> list[ScoredAnswer]:
        """Every graded answer of *profile* (optionally in *bank_id*), oldest first."""
        sql = """SELECT a.bank_id, s.question_id, s.credit, s.answered_at
                 FROM answers s JOIN attempts a ON a.id = s.attempt_id
                 WHERE a.profile_id = ? AND s.credit IS NOT NULL AND s.answer_json IS NOT NULL"""
        params: list[Any] = [self._pid(profile)]
        if bank_id is not None:
            sql += " AND a.bank_id = ?"
            params.append(bank_id)
        sql += " ORDER BY s.answered_at, s.id"
        return [
            ScoredAnswer(row["bank_id"], row["question_id"], float(row["credit"]), _parse(row["answered_at"]))
            for row in self._query(sql, params)
        ]

    @_locked
    def answer_times(self, profile: int | str, bank_id: str | None = None) -> list[datetime]:
        """When *profile* gave each answer (any mode, graded or not), oldest first."""
        sql = """SELECT s.answered_at FROM answers s JOIN attempts a ON a.id = s.attempt_id
                 WHERE a.profile_id = ? AND s.answered_at IS NOT NULL AND s.answer_json IS NOT NULL"""
        params: list[Any] = [self._pid(profile)]
        if bank_id is not None:
            sql += " AND a.bank_id = ?"
            params.append(bank_id)
        return [_parse(row["answered_at"]) for row in self._query(sql + " ORDER BY s.answered_at", params)]

    @_locked
    def answered_questions(self, profile: int | str, bank_id: str) -> set[str]:
        """Ids of the questions of *bank_id* that *profile* has ever answered."""
        rows = self._query(
            """SELECT DISTINCT s.question_id FROM answers s JOIN attempts a ON a.id = s.attempt_id
               WHERE a.profile_id = ? AND a.bank_id = ? AND s.answer_json IS NOT NULL""",
            (self._pid(profile), bank_id),
        )
        return {row["question_id"] for row in rows}

    # -- review cards --
    @_locked
    def card(self, profile: int | str, bank_id: str, question_id: str) -> CardRecord | None:
        """The card of one question, if it has been answered before."""
        rows = self._query(
            "SELECT * FROM cards WHERE profile_id = ? AND bank_id = ? AND question_id = ?",
            (self._pid(profile), bank_id, question_id),
        )
        return _card_record(rows[0]) if rows else None

    @_locked
    def cards(self, profile: int | str, bank_id: str, due_before: datetime | None = None) -> list[CardRecord]:
        """The cards of *profile* in *bank_id* (only those due at *due_before*, if given), by due time."""
        sql = "SELECT * FROM cards WHERE profile_id = ? AND bank_id = ?"
        params: list[Any] = [self._pid(profile), bank_id]
        if due_before is not None:
            sql += " AND due <= ?"
            params.append(_ts(due_before))
        rows = self._query(sql + " ORDER BY due, question_id", params)
        return [_card_record(row) for row in rows]

    @_locked
    def put_card(
        self,
        profile: int | str,
        bank_id: str,
        question_id: str,
        data: dict[str, Any],
        *,
        due: datetime,
        state: int,
        stability: float | None,
        rating: int,
        reviewed_at: datetime,
        duration_s: float | None = None,
        attempt_id: int | None = None,
    ) -> None:
        """Store a card after a review and log the review (one transaction, or the caller's)."""
        pid = self._pid(profile)
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO cards(profile_id, bank_id, question_id, card_json, due, state, stability,
                       last_rating, last_review, reps)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                   ON CONFLICT(profile_id, bank_id, question_id) DO UPDATE SET
                       card_json = excluded.card_json, due = excluded.due, state = excluded.state,
                       stability = excluded.stability, last_rating = excluded.last_rating,
                       last_review = excluded.last_review, reps = cards.reps + 1""",
                (
                    pid,
                    bank_id,
                    question_id,
                    _dumps(data),
                    _ts(due),
                    state,
                    stability,
                    rating,
                    _ts(reviewed_at),
                ),
            )
            conn.execute(
                """INSERT INTO reviews(profile_id, bank_id, question_id, rating, reviewed_at, duration_s,
                       due_after, stability_after, attempt_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    pid,
                    bank_id,
                    question_id,
                    rating,
                    _ts(reviewed_at),
                    duration_s,
                    _ts(due),
                    stability,
                    attempt_id,
                ),
            )


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _answer_record(row: sqlite3.Row) -> AnswerRecord:
    answered = row["answer_json"] is not None
    return AnswerRecord(
        question_id=row["question_id"],
        kind=row["kind"],
        topics=tuple(json.loads(row["topics"] or "[]")),
        answered=answered,
        answer=json.loads(row["answer_json"]) if answered else None,
        credit=row["credit"],
        points=row["points"],
        max_points=float(row["max_points"]),
        correct=None if row["correct"] is None else bool(row["correct"]),
        answered_at=_dt(row["answered_at"]),
        duration_s=row["duration_s"],
    )


def _card_record(row: sqlite3.Row) -> CardRecord:
    return CardRecord(
        bank_id=row["bank_id"],
        question_id=row["question_id"],
        data=json.loads(row["card_json"]),
        due=datetime.fromisoformat(row["due"]),
        state=int(row["state"]),
        stability=row["stability"],
        last_rating=row["last_rating"],
        last_review=_dt(row["last_review"]),
        reps=int(row["reps"]),
    )


# --- migrations, recovery ------------------------------------------------------------------


def _quick_check(conn: sqlite3.Connection) -> None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise _Damaged(rows[:3])


def _check_readonly(path: Path) -> bool:
    """Run quick_check on an existing database through a read-only connection; returns whether
    it could be checked. Read-only, because closing the last read-write connection checkpoints
    the WAL into the main file, and a damaged file must be kept aside exactly as it was found.
    Raises _Damaged or a corruption DatabaseError."""
    try:
        if path.stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0, isolation_level=None
        )
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        _quick_check(conn)
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise
        return False  # e.g. a WAL that needs recovery first: check through the real connection
    finally:
        conn.close()
    return True


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _migrate(
    conn: sqlite3.Connection, path: Path, now: datetime, migrations: Sequence[Migration]
) -> Path | None:
    """Bring the database up to ``len(migrations)``; returns the backup taken, if any."""
    known = len(migrations)
    version = _user_version(conn)
    if version > known:
        raise DatabaseTooNewError(MSG_TOO_NEW, path=str(path), found=version, known=known)
    if version == known:
        return None
    backup: Path | None = None
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
    if version > 0 or has_tables:
        # A 0-byte or brand-new file has nothing worth keeping; anything else is copied first.
        backup = path.with_name(_free_name(path.parent, f"{path.name}.bak-v{version}-{_stamp(now)}"))
        target = sqlite3.connect(backup)
        try:
            conn.backup(target)
        finally:
            target.close()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock: read the version again.
        version = _user_version(conn)
        if version > known:
            raise DatabaseTooNewError(MSG_TOO_NEW, path=str(path), found=version, known=known)
        for number in range(version, known):
            migrations[number](conn)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, StoreError) or (isinstance(exc, sqlite3.DatabaseError) and _is_corruption(exc)):
            raise
        if isinstance(exc, Exception):
            raise MigrationError(MSG_MIGRATION_FAILED, path=str(path), error=str(exc) or repr(exc)) from exc
        raise
    return backup


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database and its side files to ``quiz.db.corrupt-<time>`` (+ ``-wal``…).

    The side files keep SQLite's own suffixes so the set still opens together.
    """
    base = _free_name(path.parent, f"{path.name}.corrupt-{_stamp(now)}", ("", *_SIDE_FILES))
    target = path.with_name(base)
    for suffix in ("", *_SIDE_FILES):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, path.with_name(base + suffix))
    return target


#: Give up salvaging a table after this many failed range reads (a destroyed root page).
_SALVAGE_BUDGET = 4000


def _salvage(old: Path, conn: sqlite3.Connection, now: datetime) -> int:
    """Copy the readable rows of the damaged database *old* into *conn*; returns answers copied.

    Rows are read by rowid ranges, halving any range that fails to read (RELIABILITY §3.4), so
    one broken page costs only the rows on it. Never raises.
    """
    try:
        source = _open_damaged(old)
    except sqlite3.Error:
        return 0
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # rows arrive in any order; orphans are fixed below
        with _immediate(conn):
            for table in _TABLES:
                try:
                    _copy_table(source, conn, table)
                except sqlite3.Error:
                    continue
            _repair_references(conn, now)
    except sqlite3.Error:
        return 0
    finally:
        source.close()
        conn.execute("PRAGMA foreign_keys=ON")
    return int(conn.execute("SELECT count(*) FROM answers").fetchone()[0])


def _open_damaged(path: Path) -> sqlite3.Connection:
    if not path.exists() or path.stat().st_size == 0:
        raise sqlite3.DatabaseError("nothing to salvage")
    # Read-only, so the kept files stay exactly as found; writable_schema lets a half-readable
    # schema still be parsed.
    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        source.execute("PRAGMA writable_schema=ON")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        source.close()
        # The WAL may be what is unreadable: try the main file alone.
        source = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None
        )
        source.execute("PRAGMA writable_schema=ON")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return source


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> int:
    wanted = [row[1] for row in target.execute(f"PRAGMA table_info({table})")]
    try:
        cursor = source.execute(f"SELECT * FROM {table} LIMIT 0")
        present = [d[0] for d in cursor.description]
    except sqlite3.Error:
        return 0
    columns = [c for c in wanted if c in present]
    if not columns:
        return 0
    column_list = ", ".join(columns)
    try:
        low, high = source.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
    except sqlite3.Error:
        low, high = -(2**40), 2**40  # unknown: search everything, within the budget
    if low is None:
        return 0
    rows: list[tuple[Any, ...]] = []
    budget = [_SALVAGE_BUDGET]

    def read(lo: int, hi: int) -> None:
        if budget[0] <= 0:
            return
        try:
            found = source.execute(
                f"SELECT {column_list} FROM {table} WHERE rowid BETWEEN ? AND ?", (lo, hi)
            ).fetchall()
        except sqlite3.Error:
            budget[0] -= 1
            if lo < hi:
                middle = (lo + hi) // 2
                read(lo, middle)
                read(middle + 1, hi)
            return
        rows.extend(found)

    read(int(low), int(high))
    placeholders = ", ".join("?" * len(columns))
    before = target.total_changes
    target.executemany(f"INSERT OR IGNORE INTO {table} ({column_list}) VALUES ({placeholders})", rows)
    return target.total_changes - before


def _repair_references(conn: sqlite3.Connection, now: datetime) -> None:
    """Make the salvaged rows consistent: attempts whose profile was lost get a stand-in profile;
    answers, cards and reviews whose owner was lost are dropped (they could not be shown)."""
    for (profile_id,) in conn.execute(
        "SELECT DISTINCT profile_id FROM attempts WHERE profile_id NOT IN (SELECT id FROM profiles)"
    ).fetchall():
        conn.execute(
            "INSERT INTO profiles(id, name, created_at) VALUES (?, ?, ?)",
            (profile_id, f"recovered-{profile_id}", _ts(now)),
        )
    conn.execute("UPDATE remembered SET profile_id = NULL WHERE profile_id NOT IN (SELECT id FROM profiles)")
    conn.execute("DELETE FROM answers WHERE attempt_id NOT IN (SELECT id FROM attempts)")
    conn.execute("DELETE FROM cards WHERE profile_id NOT IN (SELECT id FROM profiles)")
    conn.execute("DELETE FROM reviews WHERE profile_id NOT IN (SELECT id FROM profiles)")
    conn.execute(
        "UPDATE reviews SET attempt_id = NULL WHERE attempt_id IS NOT NULL"
        " AND attempt_id NOT IN (SELECT id FROM attempts)"
    )
