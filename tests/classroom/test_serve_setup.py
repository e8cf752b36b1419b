"""``quizapp serve`` before it serves: the preset file, the roster, the binding warning, the command."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

import pytest

from quizapp.classroom.commands import plan_serve
from quizapp.classroom.preset import check_preset, parse_preset
from quizapp.classroom.serve import ServePlan, is_loopback, open_warning
from quizapp.cli import run
from quizapp.core.catalog import load_catalog
from quizapp.core.errors import BankError
from quizapp.core.session import Mode
from quizapp.core.setup import QuizSetup
from quizapp.paths import bundled_questions_dir

BANK_ID = "kazakhstan-foreign-policy"


def preset_problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_preset(text.encode(), "exam.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_full_preset() -> None:
    preset = parse_preset(
        b"bank: kz\ntopics: [a, b]\ndifficulties: [2, 1]\ncount: 20\nmode: exam\ntime_limit: 30\nseed: 2026\n",
        "exam.yaml",
    )
    setup = preset.setup
    assert (setup.bank_id, setup.topics, setup.difficulties, setup.count) == ("kz", ("a", "b"), (1, 2), 20)
    assert (setup.mode, setup.time_limit, setup.seed) == (Mode.EXAM, 30, 2026)


def test_defaults() -> None:
    preset = parse_preset(b"bank: kz\ncount: all\n", "exam.yaml")
    assert preset.setup == QuizSetup(bank_id="kz", count=None, mode=Mode.EXAM)
    assert (preset.setup.topics, preset.setup.difficulties, preset.setup.seed) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("topics: [a]\n", "exam.yaml:1:1: error: missing 'bank'"),
        ("bank: kz\ncuont: 3\n", "exam.yaml:2:1: error: unknown field 'cuont'; did you mean 'count'?"),
        ("bank: kz\ncount: 0\n", "exam.yaml:2:8: error: 'count' must be a whole number"),
        ("bank: kz\ncount: '12'\n", "exam.yaml:2:8: error: 'count' must be a whole number"),
        ("bank: kz\nmode: quiz\n", "exam.yaml:2:7: error: 'mode' must be one of practice, exam, review"),
        (
            "bank: kz\nmode: practice\ntime_limit: 5\n",
            "exam.yaml:3:13: error: 'time_limit' applies to exams only",
        ),
        (
            "bank: kz\ntime_limit: 1000\n",
            "exam.yaml:2:13: error: 'time_limit' must be whole minutes from 1 to 999",
        ),
        ("bank: kz\nseed: x\n", "exam.yaml:2:7: error: 'seed' must be a whole number"),
        (
            "bank: kz\nseed: 99999999999999999999\n",
            "exam.yaml:2:7: error: 'seed' must be a whole number from 0",
        ),
        ("bank: kz\ntopics: [a, a]\n", "exam.yaml:2:9: error: 'topics' lists a topic twice"),
        ("bank: kz\ntopics: a\n", "exam.yaml:2:9: error: 'topics' must be a list of topic ids"),
        ("bank: kz\ndifficulties: [4]\n", "exam.yaml:2:15: error: 'difficulties' must be a list of 1 (easy)"),
        ("bank: kz\nbank: other\n", "exam.yaml:2:1: error: duplicate key 'bank' (first defined at line 1)"),
        ("bank: &a kz\n", "exam.yaml:1:7: error: YAML anchors and aliases"),
        ("- bank\n", "exam.yaml:1:1: error: a preset must be a mapping of fields"),
        ("bank: [kz\n", "exam.yaml:1:7: error: YAML syntax"),
    ],
)
def test_bad_presets_are_located(text: str, expected: str) -> None:
    assert preset_problems(text)[0].startswith(expected)


def test_preset_against_the_banks() -> None:
    catalog = load_catalog([bundled_questions_dir()])
    bank = catalog.bank(BANK_ID)
    assert bank is not None
    topic = bank.bank.topics[0].id
    good = parse_preset(f"bank: {BANK_ID}\ntopics: [{topic}]\n".encode(), "exam.yaml")
    assert check_preset(good, catalog) == []
    assert [str(p) for p in check_preset(parse_preset(b"\nbank: nope\n", "exam.yaml"), catalog)] == [
        f"exam.yaml:2:7: error: no question bank with the id 'nope' (banks: {BANK_ID})"
    ]
    wrong_topic = parse_preset(f"bank: {BANK_ID}\ntopics: [{topic}x]\n".encode(), "exam.yaml")
    assert str(check_preset(wrong_topic, catalog)[0]).startswith(
        f"exam.yaml:2:9: error: the bank '{BANK_ID}' has no topic '{topic}x'; did you mean '{topic}'?"
    )


def _args(tmp_path: Path, *argv: str) -> argparse.Namespace:
    from quizapp.cli import _serve_parser

    return _serve_parser().parse_args(["--data-dir", str(tmp_path / "data"), *argv])


def test_malformed_roster_is_refused_at_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "students.csv"
    roster.write_text("name,pin\nAli,1\nAli,2\nVeli,\n", encoding="utf-8")
    assert run(["serve", "--roster", str(roster), "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{roster}:3: error: 'Ali' is listed twice (first at line 2)",
        f"{roster}:4: error: the PIN is empty",
    ]


def test_bad_preset_is_refused_at_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    preset = tmp_path / "exam.yaml"
    preset.write_text("bank: nope\ncount: many\n", encoding="utf-8")
    assert run(["serve", "--preset", str(preset), "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{preset}:2:8: error: 'count' must be a whole number of questions (1 or more) or all"
    ]
    preset.write_text("bank: nope\n", encoding="utf-8")
    assert run(["serve", "--preset", str(preset), "--data-dir", str(tmp_path)]) == 2
    assert f"{preset}:1:7: error: no question bank with the id 'nope'" in capsys.readouterr().err


def test_missing_files_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["serve", "--roster", str(tmp_path / "none.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert run(["serve", str(tmp_path / "nobank")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert run(["serve", "--port", "70000"]) == 2


def test_plan_and_command(tmp_path: Path) -> None:
    roster = tmp_path / "my students.csv"
    roster.write_text("name,pin\nAli,1\n", encoding="utf-8")
    plan = plan_serve(_args(tmp_path, "--roster", str(roster), "--lang", "kk", "--port", "8123"))
    assert isinstance(plan, ServePlan)
    words = shlex.split(plan.command("/py"))
    assert words[:5] == ["exec", "/py", "-m", "quizapp", "--classroom"]
    assert words[words.index("--roster") + 1] == str(roster.resolve())
    assert words[words.index("--lang") + 1] == "kk"
    assert words[words.index("--data-dir") + 1] == str((tmp_path / "data").resolve())
    assert plan.url == "http://127.0.0.1:8123/"


@pytest.mark.parametrize(
    ("host", "roster", "warned"),
    [
        ("127.0.0.1", False, False),
        ("localhost", False, False),
        ("::1", False, False),
        ("0.0.0.0", False, True),
        ("192.168.1.5", False, True),
        ("0.0.0.0", True, False),
    ],
)
def test_open_server_without_roster_warns(tmp_path: Path, host: str, roster: bool, warned: bool) -> None:
    argv = ["--host", host]
    if roster:
        path = tmp_path / "students.csv"
        path.write_text("name,pin\nAli,1\n", encoding="utf-8")
        argv += ["--roster", str(path)]
    plan = plan_serve(_args(tmp_path, *argv))
    assert isinstance(plan, ServePlan)
    warning = open_warning(plan)
    assert (warning is not None) == warned
    if warning:
        assert "anyone who can reach port 8000 can answer under any name" in warning


def test_loopback() -> None:
    assert is_loopback("127.0.0.2") and is_loopback("localhost") and not is_loopback("0.0.0.0")
