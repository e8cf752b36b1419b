"""The progress store: saving answer by answer, resuming, migrations, refusing newer databases,
and surviving damaged files (RELIABILITY.md §3)."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core.loading import load_bank_bytes
from quizapp.core.model import Bank
from quizapp.core.session import Mode, QuizSession
from quizapp.core.setup import QuizSetup
from quizapp.core.store import (
    DB_NAME,
    MIGRATIONS,
    MSG_MIGRATED,
    MSG_RECOVERED,
    SCHEMA_VERSION,
    AttemptClosedError,
    DatabaseTooNewError,
    MigrationError,
    Store,
    StoreError,
)
from tests.core.store_writer import make_bank

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

MIXED_BANK = """\
format: 1
bank:
  id: mixed
  title: {tr: Karışık, en: Mixed, kk: Аралас}
  source_language: en
  sources:
    - id: atlas
      title: {tr: Atlas, en: Atlas, kk: Атлас}
      sections:
        - id: asia
          title: {tr: Asya, en: Asia, kk: Азия}
  topics:
    - id: capitals
      name: {tr: Başkentler, en: Capitals, kk: Астаналар}
    - id: history
      name: {tr: Tarih, en: History, kk: Тарих}
questions:
  - id: q-choice
    kind: choice
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Başkent?, en: Capital?, kk: Астана?}
    choices:
      - {id: a, text: {tr: Astana, en: Astana, kk: Астана}}
      - {id: b, text: {tr: Almatı, en: Almaty, kk: Алматы}}
    answer: a
    explanation: {tr: A., en: A., kk: A.}
    source: {document: atlas, section: asia}
  - id: q-multi
    kind: multi
    topics: [capitals, history]
    difficulty: 2
    points: 2
    prompt: {tr: Hangileri?, en: Which?, kk: Қайсысы?}
    choices:
      - {id: a, text: {tr: Astana, en: Astana, kk: Астана}}
      - {id: b, text: {tr: Paris, en: Paris, kk: Париж}}
      - {id: c, text: {tr: Pekin, en: Beijing, kk: Бейжің}}
    answers: [a, c]
    explanation: {tr: A ve C., en: A and C., kk: A мен C.}
    source: {document: atlas, section: asia}
  - id: q-text
    kind: text
    topics: [history]
    difficulty: 3
    prompt: {tr: Açılımı?, en: Stands for?, kk: Нені білдіреді?}
    answers:
      tr: [ŞİÖ]
      en: [SCO]
      kk: [ШЫҰ]
    explanation: {tr: Ş., en: S., kk: Ш.}
    source: {document: atlas, section: asia}
  - id: q-order
    kind: order
    topics: [history]
    difficulty: 3
    prompt: {tr: Sıralayın., en: Put in order., kk: Ретімен.}
    items:
      - {tr: Bir, en: One, kk: Бір}
      - {tr: İki, en: Two, kk: Екі}
      - {tr: Üç, en: Three, kk: Үш}
    explanation: {tr: Sayılar., en: Numbers., kk: Сандар.}
    source: {document: atlas, section: asia}
  - id: q-truefalse
    kind: truefalse
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Doğru mu?, en: True?, kk: Рас па?}
    answer: false
    explanation: {tr: Yanlış., en: False., kk: Жалған.}
    source: {document: atlas, section: asia}
  - id: q-number
    kind: number
    topics: [history]
    difficulty: 2
    prompt: {tr: Kaç?, en: How many?, kk: Қанша?}
    answer: 168
    explanation: {tr: 168., en: 168., kk: 168.}
    source: {document: atlas, section: asia}
"""

#: An answer to each question of MIXED_BANK: right, partly right, right, partly right, wrong, right.
MIXED_ANSWERS = {
    "q-choice": "a",
    "q-multi": ["a"],
    "q-text": "sco",
    "q-order": [0, 2, 1],
    "q-truefalse": True,
    "q-number": "168",
}


@pytest.fixture
def mixed_bank() -> Bank:
    return load_bank_bytes(MIXED_BANK.encode()).bank


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def open_store(data_dir: Path, now: datetime = T0) -> Store:
    store, notices = Store.open(data_dir, now)
    assert notices == []
    return store


def answer_some(store: Store, attempt_id: int, session: QuizSession, count: int, start: datetime) -> datetime:
    """Answer the next *count* questions in order (10 s each), saving each; returns the clock."""
    clock = start
    for _ in range(count):
        question = session.question
        shown = clock
        clock += timedelta(seconds=10)
        session.answer(MIXED_ANSWERS[question.id], clock, shown_at=shown)
        store.save_answer(attempt_id, session, question.id, clock)
        session.goto(session.current + 1)
        store.save_position(attempt_id, session)
    return clock


# --- opening -------------------------------------------------------------------------------


def test_new_database_is_configured(data_dir: Path) -> None:
    store = open_store(data_dir)
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert store.schema_version == SCHEMA_VERSION
    store.close()
    assert (data_dir / DB_NAME).is_file()
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]  # no backup of a new database


def test_zero_byte_file_is_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"")
    store, notices = Store.open(data_dir, T0)
    assert notices == []
    assert store.profiles() == []
    store.close()
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


def test_unopenable_path_is_an_error_not_corruption(data_dir: Path) -> None:
    (data_dir / DB_NAME).mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(StoreError):
        Store.open(data_dir, T0)
    assert (data_dir / DB_NAME).is_dir()
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


# --- profiles ------------------------------------------------------------------------------


def test_profiles(data_dir: Path) -> None:
    store = open_store(data_dir)
    ayse = store.create_profile("  Ayşe  ", T0)
    assert store.get_or_create_profile("Ayşe", T0) == ayse
    bob = store.get_or_create_profile("bob", T0)
    assert bob != ayse
    store.create_profile("Ädam", T0)
    assert store.profiles() == ["Ädam", "Ayşe", "bob"]
    with pytest.raises(ValueError):
        store.create_profile("Ayşe", T0)
    with pytest.raises(ValueError):
        store.create_profile("   ", T0)
    with pytest.raises(ValueError):
        store.create_profile("x" * 41, T0)
    assert store.profile_id("nobody") is None


# --- attempts and resume -------------------------------------------------------------------


@pytest.mark.parametrize("mode", [Mode.PRACTICE, Mode.EXAM])
def test_resume_after_reopening_gives_same_answers_position_and_score(
    data_dir: Path, mixed_bank: Bank, mode: Mode
) -> None:
    store = open_store(data_dir)
    profile = store.get_or_create_profile("Ayşe", T0)
    session = QuizSession.start(mixed_bank, mixed_bank.questions, mode, random.Random(7), T0)
    attempt_id = store.start_attempt(profile, session)
    answer_some(store, attempt_id, session, 3, T0)
    if mode is Mode.EXAM:
        session.toggle_flag()
        store.save_position(attempt_id, session)
    # The app is killed here: nothing else is written. A new process opens the store.
    store.close()

    store = open_store(data_dir, T0 + timedelta(minutes=5))
    unfinished = store.unfinished_attempt("Ayşe")
    assert unfinished is not None
    assert unfinished.attempt_id == attempt_id
    assert unfinished.bank_id == "mixed"
    assert [a[0] for a in unfinished.answers] == [q.id for q in session.questions[:3]]
    resumed = store.load_session(unfinished.attempt_id, mixed_bank)

    assert [q.id for q in resumed.questions] == [q.id for q in session.questions]
    assert resumed.presentations == session.presentations
    assert resumed.answers == session.answers
    assert resumed.answered_at == session.answered_at
    assert resumed.durations == session.durations
    assert resumed.grades == session.grades
    assert resumed.current == session.current == 3
    assert resumed.flagged == session.flagged
    assert resumed.points() == session.points()
    assert resumed.streak == session.streak
    assert resumed.mode is mode

    # Finishing the resumed session gives the score the uninterrupted one would have had.
    clock = answer_some(store, attempt_id, resumed, 3, T0 + timedelta(minutes=5))
    store.finish_attempt(attempt_id, resumed, clock)
    assert store.unfinished_attempt("Ayşe") is None
    summary = store.attempts("Ayşe", 10)[0]
    assert summary.state == "finished"
    # right, partial (0.5 × 2), right, partial (1/3), wrong, right
    assert summary.points == pytest.approx(1 + 1 + 1 + 1 / 3 + 0 + 1)
    assert summary.max_points == 7
    assert (summary.questions, summary.answered, summary.correct) == (6, 6, 3)


def test_exam_answer_given_again_updates_its_row(data_dir: Path, mixed_bank: Bank) -> None:
    store = open_store(data_dir)
    session = QuizSession.start(
        mixed_bank, mixed_bank.questions, Mode.EXAM, random.Random(1), T0, shuffle=False
    )
    attempt_id = store.start_attempt(store.get_or_create_profile("a", T0), session)
    session.answer("b", T0 + timedelta(seconds=5))
    store.save_answer(attempt_id, session, "q-choice", T0 + timedelta(seconds=5))
    session.answer("a", T0 + timedelta(seconds=9))
    store.save_answer(attempt_id, session, "q-choice", T0 + timedelta(seconds=9))
    rows = store.attempt_answers(attempt_id)
    assert len(rows) == 1
    assert (rows[0].answer, rows[0].answered_at, rows[0].credit) == ("a", T0 + timedelta(seconds=9), None)


def test_expired_exam_is_finished_at_its_deadline(data_dir: Path, mixed_bank: Bank) -> None:
    store = open_store(data_dir)
    session = QuizSession.start(
        mixed_bank,
        mixed_bank.questions,
        Mode.EXAM,
        random.Random(3),
        T0,
        time_limit=timedelta(minutes=10),
        shuffle=False,
    )
    attempt_id = store.start_attempt(store.get_or_create_profile("a", T0), session)
    answer_some(store, attempt_id, session, 2, T0)  # q-choice right, q-multi half
    store.close()

    later = T0 + timedelta(hours=2)
    store = open_store(data_dir, later)
    unfinished = store.unfinished_attempt("a")
    assert unfinished is not None
    resumed = store.load_session(unfinished.attempt_id, mixed_bank)
    assert resumed.expired(later)
    finished = store.finish_expired(unfinished.attempt_id, mixed_bank, later)
    assert finished.finished_at == T0 + timedelta(minutes=10)
    assert finished.points() == pytest.approx(2.0)
    summary = store.attempts("a", 1)[0]
    assert summary.finished_at == T0 + timedelta(minutes=10)
    assert (summary.state, summary.points, summary.max_points) == ("finished", 2.0, 7.0)
    answers = store.attempt_answers(attempt_id)
    assert [a.question_id for a in answers] == [q.id for q in mixed_bank.questions]
    assert [a.answered for a in answers] == [True, True, False, False, False, False]
    assert [a.credit for a in answers] == [1.0, 0.5, 0.0, 0.0, 0.0, 0.0]
    assert answers[2].answered_at is None
    # Loading it again gives the finished session.
    assert store.load_session(attempt_id, mixed_bank).finished_at == T0 + timedelta(minutes=10)


def test_closed_attempts_refuse_answers(data_dir: Path, mixed_bank: Bank) -> None:
    store = open_store(data_dir)
    profile = store.get_or_create_profile("a", T0)
    session = QuizSession.start(mixed_bank, mixed_bank.questions, Mode.PRACTICE, random.Random(1), T0)
    attempt_id = store.start_attempt(profile, session)
    answer_some(store, attempt_id, session, 1, T0)
    store.finish_attempt(attempt_id, session, T0 + timedelta(minutes=1))
    store.finish_attempt(attempt_id, session, T0 + timedelta(minutes=2))  # twice: no-op
    assert store.attempts(profile, 1)[0].finished_at == T0 + timedelta(minutes=1)

    other = QuizSession.start(mixed_bank, mixed_bank.questions, Mode.PRACTICE, random.Random(2), T0)
    other_id = store.start_attempt(profile, other)
    store.abandon_attempt(other_id, T0 + timedelta(minutes=3))
    assert store.unfinished_attempt(profile) is None
    other.answer("a", T0 + timedelta(minutes=4))
    with pytest.raises(AttemptClosedError):
        store.save_answer(other_id, other, other.question.id, T0 + timedelta(minutes=4))
    assert store.attempt_answers(other_id) == []  # the refused write left nothing behind
    assert [s.state for s in store.attempts(profile)] == ["abandoned", "finished"]


def test_start_attempt_keeps_answers_already_given(data_dir: Path, mixed_bank: Bank) -> None:
    store = open_store(data_dir)
    session = QuizSession.start(mixed_bank, mixed_bank.questions, Mode.PRACTICE, random.Random(1), T0)
    session.answer(MIXED_ANSWERS[session.question.id], T0 + timedelta(seconds=4), shown_at=T0)
    attempt_id = store.start_attempt(store.get_or_create_profile("a", T0), session)
    [record] = store.attempt_answers(attempt_id)
    assert record.question_id == session.questions[0].id
    assert record.duration_s == 4.0


def test_remembers_whom_it_opens_on_and_each_profiles_last_set_up(data_dir: Path) -> None:
    store = open_store(data_dir)
    assert store.remembered_profile() is None
    for name in ("Ayşe", "Bob"):
        store.get_or_create_profile(name, T0)
    store.remember_profile("Bob", T0)
    store.remember_profile("Ayşe", T0)
    exam = QuizSetup("mixed", topics=("history",), count=None, mode=Mode.EXAM, time_limit=15)
    store.save_setup("Ayşe", exam)
    store.save_setup("Bob", QuizSetup("mixed"))
    store.close()
    store = open_store(data_dir)
    assert store.remembered_profile() == "Ayşe"
    assert store.last_setup("Ayşe") == exam
    assert store.last_setup("Bob") == QuizSetup("mixed")
    store.remember_profile(None, T0)  # forget: the next start asks
    assert store.remembered_profile() is None
    with pytest.raises(KeyError):
        store.remember_profile("nobody", T0)
    # A stored set-up this version cannot read (edited by hand, damaged) gives the defaults.
    with store.transaction() as conn:
        conn.execute('UPDATE profiles SET last_setup = \'{"bank": "mixed", "count": 0}\'')
    assert store.last_setup("Ayşe") is None
    with store.transaction() as conn:
        conn.execute("UPDATE profiles SET last_setup = 'not json'")
    assert store.last_setup("Bob") is None
    store.close()


# --- migrations ----------------------------------------------------------------------------


def build_old_database(path: Path, version: int) -> None:
    """A database as quizapp at schema *version* left it, with one answer when it could hold one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("BEGIN")
    for number in range(version):
        MIGRATIONS[number](conn)
    conn.execute(f"PRAGMA user_version={version}")
    if version >= 1:
        conn.execute(
            "INSERT INTO profiles(id, name, created_at) VALUES (1, 'Ayşe', '2024-01-01T00:00:00.000000+00:00')"
        )
        conn.execute(
            "INSERT INTO attempts VALUES (1, 1, 'mixed', 'practice', 'finished', '{}',"
            " '2024-01-01T00:00:00.000000+00:00', '2024-01-01T00:01:00.000000+00:00', 1, 1)"
        )
        conn.execute(
            "INSERT INTO answers VALUES (1, 1, 'q-choice', 'choice', '[\"capitals\"]', '\"a\"', 1, 1, 1, 1,"
            " '2024-01-01T00:00:30.000000+00:00', 4.5)"
        )
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_older_version(data_dir: Path, version: int) -> None:
    build_old_database(data_dir / DB_NAME, version)
    store, notices = Store.open(data_dir, T0)
    assert store.schema_version == SCHEMA_VERSION
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backups = sorted(data_dir.glob(f"{DB_NAME}.bak-*"))
    if version == 0:
        assert (notices, backups) == ([], [])
        return
    assert [b.name for b in backups] == [f"{DB_NAME}.bak-v{version}-20250301-090000"]
    assert notices == [(MSG_MIGRATED, {"path": str(backups[0])})]
    # The data came through, and the new tables work.
    assert store.profiles() == ["Ayşe"]
    [answer] = store.attempt_answers(1)
    assert (answer.question_id, answer.answer, answer.duration_s) == ("q-choice", "a", 4.5)
    assert store.cards(1, "mixed") == []
    # Nothing remembered yet: the data dir's first start after the upgrade asks who is studying.
    assert store.remembered_profile() is None
    assert store.last_setup("Ayşe") is None
    store.close()
    # The backup is a complete copy of the old version (made with the backup API, WAL included).
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    assert backup.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backup.close()


def test_migration_failing_midway_is_rolled_back(data_dir: Path) -> None:
    build_old_database(data_dir / DB_NAME, 1)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done(x)")
        conn.execute("INSERT INTO profiles(name, created_at) VALUES ('ghost', 'x')")
        raise RuntimeError("disk on fire")

    # Version 1 → 2 succeeds, 2 → 3 fails: all of it must be undone.
    with pytest.raises(MigrationError) as caught:
        Store.open(data_dir, T0, migrations=(MIGRATIONS[0], MIGRATIONS[1], broken))
    assert "disk on fire" in str(caught.value)
    conn = sqlite3.connect(data_dir / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"profiles", "attempts", "answers"}
    assert conn.execute("SELECT name FROM profiles").fetchall() == [("Ayşe",)]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # A backup was taken before trying; the real migrations still work afterwards.
    assert len(list(data_dir.glob(f"{DB_NAME}.bak-v1-*"))) == 1
    store, _ = Store.open(data_dir, T0 + timedelta(seconds=1))
    assert store.schema_version == SCHEMA_VERSION
    assert store.profiles() == ["Ayşe"]


def test_database_newer_than_the_app_is_refused_and_untouched(data_dir: Path) -> None:
    build_old_database(data_dir / DB_NAME, SCHEMA_VERSION)
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = (data_dir / DB_NAME).read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        Store.open(data_dir, T0)
    assert caught.value.notice.kwargs == {
        "path": str(data_dir / DB_NAME),
        "found": SCHEMA_VERSION + 1,
        "known": SCHEMA_VERSION,
    }
    assert (data_dir / DB_NAME).read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [DB_NAME]


# --- damaged files -------------------------------------------------------------------------


def build_full_database(data_dir: Path, attempts: int = 40) -> int:
    """A database with *attempts* finished attempts of 40 answers each; returns the answer count."""
    bank = make_bank(40)
    store = open_store(data_dir)
    profile = store.get_or_create_profile("Ayşe", T0)
    store.remember_profile(profile, T0)
    with store.transaction() as conn:
        for number in range(attempts):
            session = QuizSession.start(bank, bank.questions, Mode.PRACTICE, random.Random(number), T0)
            attempt_id = store.start_attempt(profile, session)
            for question in bank.questions:
                conn.execute(
                    "INSERT INTO answers(attempt_id, question_id, kind, topics, answer_json, credit, points,"
                    " max_points, correct, answered_at, duration_s)"
                    " VALUES (?, ?, 'truefalse', '[\"a\"]', 'true', 1, 1, 1, 1, ?, 2.5)",
                    (attempt_id, question.id, T0.isoformat(timespec="microseconds")),
                )
    store.close()
    return attempts * 40


def _truncate(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def _zero_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"\0" * 100)


def _random_page(path: Path) -> None:
    pages = path.stat().st_size // 4096
    with path.open("r+b") as handle:
        handle.seek(4096 * (pages // 2))
        handle.write(random.Random(5).randbytes(4096))


def _zeros(path: Path) -> None:
    path.write_bytes(b"\0" * 8192)


def _text(path: Path) -> None:
    path.write_text("format: 1\nbank:\n  id: not-a-database\n", encoding="utf-8")


DAMAGE = {
    "truncated": (_truncate, True),
    "zeroed-header": (_zero_header, False),
    "random-page": (_random_page, True),
    "empty-but-not-zero": (_zeros, False),
    "text-file": (_text, False),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_database_is_moved_aside_and_salvaged(data_dir: Path, damage: str) -> None:
    total = build_full_database(data_dir)
    path = data_dir / DB_NAME
    damage_file, salvageable = DAMAGE[damage]
    damage_file(path)
    damaged_bytes = path.read_bytes()

    later = T0 + timedelta(days=1)
    store, notices = Store.open(data_dir, later)
    kept = data_dir / f"{DB_NAME}.corrupt-20250302-090000"
    assert kept.read_bytes() == damaged_bytes  # kept aside, byte for byte
    [notice] = notices
    assert notice.msgid == MSG_RECOVERED
    assert notice.kwargs["path"] == str(kept)
    recovered = notice.kwargs["count"]
    if salvageable:
        assert 0 < recovered < total
    else:
        assert recovered == 0

    # The new database is sound, holds what was salvaged, and works.
    conn = store._conn
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == recovered
    assert store.schema_version == SCHEMA_VERSION
    bank = make_bank(3)
    session = QuizSession.start(bank, bank.questions, Mode.PRACTICE, random.Random(1), later)
    attempt_id = store.start_attempt(store.get_or_create_profile("Ayşe", later), session)
    session.answer(True, later)
    store.save_answer(attempt_id, session, session.question.id, later)
    store.close()
    # Opening again is quiet.
    store, notices = Store.open(data_dir, later)
    assert notices == []
    store.close()


def test_damaged_database_with_its_wal_keeps_every_file(data_dir: Path, tmp_path: Path) -> None:
    build_full_database(data_dir, attempts=5)
    # Commit more with checkpoints off, then take a "hot" copy: the new rows live only in the WAL.
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO profiles(name, created_at) VALUES ('Bob', '2025-03-01T09:00:00.000000+00:00')")
    hot = tmp_path / "hot"
    hot.mkdir()
    for suffix in ("", "-wal"):
        (hot / (DB_NAME + suffix)).write_bytes((data_dir / (DB_NAME + suffix)).read_bytes())
    conn.close()
    assert (hot / f"{DB_NAME}-wal").stat().st_size > 0
    _random_page(hot / DB_NAME)
    damaged = {suffix: (hot / (DB_NAME + suffix)).read_bytes() for suffix in ("", "-wal")}

    store, notices = Store.open(hot, T0)
    assert [n.msgid for n in notices] == [MSG_RECOVERED]
    for suffix, content in damaged.items():  # nothing was checkpointed into the damaged file
        assert (hot / f"{DB_NAME}.corrupt-20250301-090000{suffix}").read_bytes() == content
    assert "Bob" in store.profiles()  # read from the kept WAL
    store.close()


def test_damage_found_twice_in_the_same_second_keeps_both(data_dir: Path) -> None:
    data_dir.mkdir()
    for _ in range(2):
        _text(data_dir / DB_NAME)
        Store.open(data_dir, T0)[0].close()
    names = sorted(p.name for p in data_dir.iterdir() if ".corrupt-" in p.name)
    assert names == [f"{DB_NAME}.corrupt-20250301-090000", f"{DB_NAME}.corrupt-20250301-090000-2"]


def test_session_data_is_plain_json(data_dir: Path, mixed_bank: Bank) -> None:
    store = open_store(data_dir)
    session = QuizSession.start(mixed_bank, mixed_bank.questions, Mode.EXAM, random.Random(1), T0)
    attempt_id = store.start_attempt(store.get_or_create_profile("a", T0), session)
    raw = store._conn.execute("SELECT session_json FROM attempts WHERE id = ?", (attempt_id,)).fetchone()[0]
    assert json.loads(raw) == session.to_data()
