"""``quizapp report`` end to end: the database, merged exports, every format, every language."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.cli import run
from quizapp.core.loading import load_bank_bytes
from quizapp.core.model import Bank
from quizapp.core.session import Mode, QuizSession
from quizapp.core.store import Store
from tests.core.test_results_cli import MINI_BANK

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

# The mini bank's metadata (topics capitals and history), with questions of its own.
BANK = (
    MINI_BANK.split("questions:\n")[0]
    + """\
questions:
  - id: q-choice
    kind: choice
    topics: [capitals]
    difficulty: 1
    prompt: {tr: "Kazakistan'ın başkenti? <script>", en: "Capital of Kazakhstan? <script>", kk: Қазақстанның астанасы?}
    choices:
      - {id: a, text: {tr: Astana, en: Astana, kk: Астана}}
      - {id: b, text: {tr: Paris, en: Paris, kk: Париж}}
    answer: a
    explanation: {tr: Astana., en: Astana., kk: Астана.}
    source: {document: atlas, section: asia}
  - id: q-tf
    kind: truefalse
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Paris Fransa'da mı?, en: Is Paris in France?, kk: Париж Францияда ма?}
    answer: true
    explanation: {tr: Evet., en: Yes., kk: Иә.}
    source: {document: atlas, section: asia}
"""
)


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


def _bank() -> Bank:
    return load_bank_bytes(BANK.encode()).bank


def take(store: Store, name: str, answers: list[object], start: datetime, mode: Mode = Mode.PRACTICE) -> int:
    """*name* answers the two questions in order (None: skips it); practice is finished, an exam
    is left in progress."""
    bank = _bank()
    store.get_or_create_profile(name, start)
    session = QuizSession.start(bank, bank.questions, mode, random.Random(1), start, shuffle=False)
    attempt = store.start_attempt(name, session)
    moment = start
    for index, answer in enumerate(answers):
        session.goto(index)
        if answer is None:
            continue
        moment += timedelta(seconds=30)
        session.answer(answer, moment, shown_at=moment - timedelta(seconds=20))
        store.save_answer(attempt, session, session.question.id, moment)
    if mode is Mode.PRACTICE:
        store.finish_attempt(attempt, session, moment + timedelta(seconds=5))
    return attempt


def report(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "csv", "json", "html"])
@pytest.mark.parametrize("lang", ["tr", "en", "kk"])
def test_empty_history_exits_0(
    tmp_path: Path, fmt: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = report(["--format", fmt, "--lang", lang, "--data-dir", str(tmp_path / "none")], capsys)
    assert (code, err) == (0, "")
    no_answers = {"tr": "Henüz cevap yok.", "en": "No answers yet.", "kk": "Әзірге жауап жоқ."}[lang]
    if fmt == "csv":
        assert (
            out
            == "bank,question_id,kind,topics,question,attempts,facility,discrimination,wrong_answers,flags\r\n"
        )
    elif fmt == "json":
        data = json.loads(out)
        assert (data["answers"], data["students"], data["topics"], data["questions"]) == (0, [], [], [])
    else:
        assert no_answers in out


@pytest.fixture
def history(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store, _ = Store.open(data, T0)
    take(store, "Ayşe", ["a", True], T0)
    take(store, "Bob", ["b", False], T0 + timedelta(hours=1))
    take(store, "Carol", ["a", False], T0 + timedelta(hours=2))
    store.close()
    return data


def test_text_report(history: Path, bank_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(["--lang", "en", "--data-dir", str(history), str(bank_path)], capsys)
    assert (code, err) == (0, "")
    assert "6 answers in 3 attempts" in out
    for text in (
        "Ayşe",
        "Capitals",
        "<script>",
        "Paris (1)",
        "False (2)",
        "0.67",
        "0.33",
    ):
        assert text in out
    assert "Discrimination index" in out  # how to read it


def test_text_report_in_turkish_and_kazakh(
    history: Path, bank_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = report(["--lang", "tr", "--data-dir", str(history), str(bank_path)], capsys)
    assert code == 0
    assert "3 denemede 6 cevap" in out
    assert "0,67" in out and "Yanlış (2)" in out and "%50" in out
    code, out, _ = report(["--lang", "kk", "--data-dir", str(history), str(bank_path)], capsys)
    assert code == 0
    assert "0,67" in out and "Бұрыс (2)" in out and "Астаналар" in out


def test_csv_one_row_per_question(history: Path, bank_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(["--format", "csv", "--data-dir", str(history), str(bank_path)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["question_id"], r["attempts"], r["facility"], r["discrimination"]) for r in rows] == [
        ("q-choice", "3", "0.667", ""),
        ("q-tf", "3", "0.333", ""),
    ]
    assert rows[0]["wrong_answers"] == "Paris (1)"


def test_html_is_self_contained_and_escapes_bank_text(
    history: Path, bank_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, out, _ = report(
        ["--format", "html", "--lang", "kk", "-o", str(target), "--data-dir", str(history), str(bank_path)],
        capsys,
    )
    assert (code, out) == (0, "")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="kk">' in page
    assert "<svg" in page and "@media print" in page
    # No external assets: nothing is fetched (no src=, no link rel, no url(), no http).
    assert not re.search(r"\bsrc=|<link|url\(|https?://", page)
    assert "<script>" not in page
    code, _, _ = report(
        ["--format", "html", "--lang", "en", "-o", str(target), "--data-dir", str(history), str(bank_path)],
        capsys,
    )
    page = target.read_text(encoding="utf-8")
    assert "Capital of Kazakhstan? &lt;script&gt;" in page


def test_filters(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = report(
        ["--format", "json", "--profile", "Ayşe", "Carol", "--data-dir", str(history)], capsys
    )
    assert [s["profile"] for s in json.loads(out)["students"]] == ["Ayşe", "Carol"]
    _code, out, _ = report(["--format", "json", "--bank", "other", "--data-dir", str(history)], capsys)
    assert json.loads(out)["answers"] == 0
    _code, out, _ = report(["--format", "json", "--since", "2025-03-02", "--data-dir", str(history)], capsys)
    assert json.loads(out)["answers"] == 0


def _export(data: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["results", "--format", "json", "--data-dir", str(data), "-o", str(target)]) == 0
    capsys.readouterr()


def test_merge_of_two_overlapping_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Monday's and Friday's exports of one machine overlap, and a second machine has attempt ids
    of its own: every answer is counted once, and an exam exported before and after it was
    submitted counts as submitted."""
    lab = tmp_path / "lab"
    store, _ = Store.open(lab, T0)
    take(store, "Ayşe", ["a", True], T0)
    exam = take(store, "Bob", ["b", None], T0 + timedelta(hours=1), mode=Mode.EXAM)
    monday = tmp_path / "monday.json"
    _export(lab, monday, capsys)
    session = store.load_session(exam, _bank())
    store.finish_attempt(exam, session, T0 + timedelta(hours=2))
    take(store, "Carol", ["a", False], T0 + timedelta(days=4))
    store.close()
    friday = tmp_path / "friday.json"
    _export(lab, friday, capsys)
    home = tmp_path / "home"
    store, _ = Store.open(home, T0)
    take(store, "Ayşe", ["b", False], T0 + timedelta(days=1))  # attempt id 1 again, on another machine
    store.close()
    other = tmp_path / "home.json"
    _export(home, other, capsys)

    code, out, err = report(["--format", "json", "--from", str(monday), str(friday), str(other)], capsys)
    assert (code, err) == (0, "")
    merged = json.loads(out)
    # Ayşe 2 + 2, Bob 2 (the blank counts, graded), Carol 2.
    assert (merged["answers"], merged["attempts"]) == (8, 4)
    assert {s["profile"]: s["answers"] for s in merged["students"]} == {"Ayşe": 4, "Bob": 2, "Carol": 2}
    # The same as reading the lab database plus the home export once each.
    code, out, _ = report(["--format", "json", "--from", str(friday), str(other), str(friday)], capsys)
    assert json.loads(out)["questions"] == merged["questions"]
    code, out, _ = report(["--format", "json", "--data-dir", str(lab)], capsys)
    assert json.loads(out)["answers"] == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON (line 1, column 2"),
        ("{}", "not an export"),
        ('[{"profile": "A"}]', "item 1: "),
        (
            '[{"profile": "A", "bank": "b", "question_id": "q", "kind": "choice", "topics": [], "answer": "a", '
            '"correct": true, "points": 5, "max_points": 1, "attempt_id": 1, "mode": "exam"}]',
            "item 1: points must be between 0 and max_points",
        ),
    ],
)
def test_bad_export_exits_1_with_its_location(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = report(["--from", str(path)], capsys)
    assert (code, out) == (1, "")
    assert f"quizapp report: error: {path}" in err and message in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["report", "--format", "pdf"]) == 2
    assert run(["report", "--since", "yesterday"]) == 2
    assert "usage:" in capsys.readouterr().err
