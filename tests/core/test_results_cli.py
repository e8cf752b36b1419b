"""``quizapp results``: the export teachers get, checked against a known history."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import run
from quizapp.core.loading import load_bank_bytes
from quizapp.core.model import Bank
from quizapp.core.session import Mode, QuizSession
from quizapp.core.store import DB_NAME, Store
from quizapp.results_cli import results_command

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

MINI_BANK = """\
format: 1
bank:
  id: mini
  title: {tr: Mini, en: Mini, kk: Шағын}
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
  - id: q-text
    kind: text
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Başkent?, en: Capital?, kk: Астана?}
    answers: {tr: [Astana], en: [Astana], kk: [Астана]}
    explanation: {tr: Astana., en: Astana., kk: Астана.}
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
  - id: q-tf
    kind: truefalse
    topics: [history]
    difficulty: 1
    prompt: {tr: Doğru mu?, en: True?, kk: Рас па?}
    answer: false
    explanation: {tr: Yanlış., en: False., kk: Жалған.}
    source: {document: atlas, section: asia}
"""

EXPECTED_CSV = (
    "profile,bank,question_id,kind,topics,answer,answer_text,right_answer,correct,points,max_points,"
    "time_s,timestamp,attempt_id,mode,attempt_started\r\n"
    'Ayşe,mini,q-text,text,capitals,"""Астана""",Астана,Astana,1,1,1,12,2025-03-01T09:00:12+00:00,1,practice,'
    "2025-03-01T09:00:00.000000+00:00\r\n"
    'Ayşe,mini,q-multi,multi,capitals;history,"[""a""]",Astana,Astana and Beijing,0,1,2,28,'
    "2025-03-01T09:00:40+00:00,1,practice,2025-03-01T09:00:00.000000+00:00\r\n"
    "Ayşe,mini,q-tf,truefalse,history,,,False,0,0,1,,,1,practice,2025-03-01T09:00:00.000000+00:00\r\n"
    "Bob,mini,q-tf,truefalse,history,false,False,False,,,1,5.25,2025-03-02T09:00:05+00:00,2,exam,"
    "2025-03-02T09:00:00.000000+00:00\r\n"
)


@pytest.fixture(autouse=True)
def utc_local_time() -> Iterator[None]:
    """--since is a local date: pin the local time zone (and put it back afterwards)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """Ayşe's finished practice (right, half right, blank) and Bob's exam in progress."""
    bank: Bank = load_bank_bytes(MINI_BANK.encode()).bank
    data_dir = tmp_path / "data"
    store, _ = Store.open(data_dir, T0)
    store.get_or_create_profile("Ayşe", T0)
    session = QuizSession.start(bank, bank.questions, Mode.PRACTICE, random.Random(1), T0, shuffle=False)
    attempt_id = store.start_attempt("Ayşe", session)
    session.answer("Астана", T0 + timedelta(seconds=12), shown_at=T0)
    store.save_answer(attempt_id, session, "q-text", T0 + timedelta(seconds=12))
    session.goto(1)
    session.answer(["a"], T0 + timedelta(seconds=40), shown_at=T0 + timedelta(seconds=12))
    store.save_answer(attempt_id, session, "q-multi", T0 + timedelta(seconds=40))
    store.finish_attempt(attempt_id, session, T0 + timedelta(seconds=60))

    later = T0 + timedelta(days=1)
    store.get_or_create_profile("Bob", later)
    exam = QuizSession.start(bank, bank.questions, Mode.EXAM, random.Random(1), later, shuffle=False)
    exam_id = store.start_attempt("Bob", exam)
    exam.goto(2)
    exam.answer(False, later + timedelta(seconds=5), shown_at=later - timedelta(seconds=0.25))
    store.save_answer(exam_id, exam, "q-tf", later + timedelta(seconds=5))
    store.close()
    return data_dir


@pytest.fixture
def bank_file(tmp_path: Path) -> str:
    """The mini bank as a file, for the answer texts."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_BANK, encoding="utf-8")
    return str(path)


def test_csv_matches_the_known_history(
    history: Path, bank_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert results_command(["--format", "csv", "--data-dir", str(history), bank_file]) == 0
    out, err = capsys.readouterr()
    assert out == EXPECTED_CSV
    assert err == ""


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("tr", [("Астана", "Astana"), ("Astana", "Astana ve Pekin"), ("", "Yanlış"), ("Yanlış", "Yanlış")]),
        ("kk", [("Астана", "Астана"), ("Астана", "Астана және Бейжің"), ("", "Бұрыс"), ("Бұрыс", "Бұрыс")]),
    ],
)
def test_answer_texts_follow_lang(
    history: Path, bank_file: str, lang: str, texts: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The spreadsheet columns say the answer given and the right one in the teacher's language;
    a multi lists its option texts."""
    assert results_command(["--format", "csv", "--lang", lang, "--data-dir", str(history), bank_file]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["answer_text"], r["right_answer"]) for r in rows] == texts


def test_without_the_bank_the_stored_answer_stands_in(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert results_command(["--format", "csv", "--data-dir", str(history)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["answer_text"], r["right_answer"]) for r in rows] == [
        ('"Астана"', ""),
        ('["a"]', ""),
        ("", ""),
        ("false", ""),
    ]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_empty_history_gives_the_header_and_exit_0(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No database yet, an empty one, or a filter that matches nothing: the header alone (JSON
    ``[]``), exit 0."""
    expected = EXPECTED_CSV.splitlines(keepends=True)[0] if fmt == "csv" else "[]\n"
    fresh = tmp_path / "fresh"
    assert results_command(["--format", fmt, "--data-dir", str(fresh)]) == 0
    assert capsys.readouterr().out == expected
    assert not fresh.exists()  # exporting creates nothing
    Store.open(fresh, T0)[0].close()
    assert results_command(["--format", fmt, "--data-dir", str(fresh)]) == 0
    assert capsys.readouterr().out == expected
    assert results_command(["--format", fmt, "--data-dir", str(fresh), "--profile", "Ayşe"]) == 0
    assert capsys.readouterr().out == expected


def test_through_the_cli_and_the_environment(
    history: Path, bank_file: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(history))
    assert run(["results", "--format", "csv", bank_file]) == 0
    assert capsys.readouterr().out == EXPECTED_CSV


def test_filters(history: Path, bank_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    header, *rows = EXPECTED_CSV.splitlines(keepends=True)
    assert (
        results_command(["--format", "csv", "--data-dir", str(history), "--profile", "Bob", bank_file]) == 0
    )
    assert capsys.readouterr().out == header + rows[3]
    assert (
        results_command(["--format", "csv", "--data-dir", str(history), "--since", "2025-03-02", bank_file])
        == 0
    )
    assert capsys.readouterr().out == header + rows[3]
    assert (
        results_command(["--format", "csv", "--data-dir", str(history), "--profile", "Ayşe", "--bank", "x"])
        == 0
    )
    assert capsys.readouterr().out == header


def test_output_file_has_a_byte_order_mark_for_spreadsheets(
    history: Path, bank_file: str, tmp_path: Path
) -> None:
    target = tmp_path / "results.csv"
    assert (
        results_command(["--format", "csv", "--data-dir", str(history), "--output", str(target), bank_file])
        == 0
    )
    assert target.read_bytes() == b"\xef\xbb\xbf" + EXPECTED_CSV.encode()


def test_json(history: Path, bank_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert results_command(["--format", "json", "--data-dir", str(history), bank_file]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 4
    assert rows[1] == {
        "profile": "Ayşe",
        "bank": "mini",
        "question_id": "q-multi",
        "kind": "multi",
        "topics": ["capitals", "history"],
        "answer": ["a"],
        "answer_text": "Astana",
        "right_answer": "Astana and Beijing",
        "correct": False,
        "points": 1.0,
        "max_points": 2.0,
        "time_s": 28.0,
        "timestamp": "2025-03-01T09:00:40+00:00",
        "attempt_id": 1,
        "mode": "practice",
        "attempt_started": "2025-03-01T09:00:00.000000+00:00",
    }
    assert (rows[2]["answer"], rows[2]["timestamp"]) == (None, None)
    assert (rows[3]["correct"], rows[3]["points"]) == (None, None)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--format", "xml"],
        ["--format", "csv", "--since", "1 March"],
        ["--format", "csv", "--bogus"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert results_command(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_damaged_database_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_text("not a database\n")
    assert results_command(["--format", "csv", "--data-dir", str(damaged)]) == 1
    assert "damaged" in capsys.readouterr().err
    # Exporting never repairs or moves anything.
    assert sorted(p.name for p in damaged.iterdir()) == [DB_NAME]


def test_newer_database_and_unknown_profile_exit_1(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert results_command(["--format", "csv", "--data-dir", str(history), "--profile", "Carol"]) == 1
    assert "Carol" in capsys.readouterr().err
    conn = sqlite3.connect(history / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert results_command(["--format", "csv", "--data-dir", str(history)]) == 1
    assert "newer version" in capsys.readouterr().err


def test_unwritable_output_exits_1(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.csv"
    assert results_command(["--format", "csv", "--data-dir", str(history), "--output", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err
