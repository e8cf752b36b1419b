"""`quizapp validate`: compiler-style output, a summary, JSON for tools, exit codes 0/1/2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import run

VALID_BANK = Path(__file__).parent / "data" / "valid_bank.yaml"
PROJECT = Path(__file__).resolve().parents[2]
PROBLEM_LINE = re.compile(r"^(.+):(\d+):(\d+): (error|warning): (.+)$")


def write_variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = VALID_BANK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """valid_bank.yaml with a wrong answer key (33:13) and an out-of-range difficulty (28:17)."""
    text = VALID_BANK.read_text(encoding="utf-8")
    q_choice = text.index("id: q-choice")
    head, tail = text[:q_choice], text[q_choice:]
    tail = tail.replace("answer: a", "answer: z", 1).replace("difficulty: 1", "difficulty: 7", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(head + tail, encoding="utf-8")
    return path


@pytest.fixture
def untranslated(tmp_path: Path) -> Path:
    """valid_bank.yaml with the Kazakh prompt of q-truefalse missing (a warning)."""
    return write_variant(
        tmp_path, "untranslated.yaml", "en: Paris is in Asia., kk: Париж Азияда.}", "en: Paris is in Asia.}"
    )


def test_clean_bank_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(VALID_BANK)]) == 0
    out, err = capsys.readouterr()
    assert out == "1 bank, 8 questions: 0 errors, 0 warnings\n"
    assert err == ""


def test_problems_exit_1_with_compiler_style_lines(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(broken)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines == [
        f"{broken}:28:17: error: question 'q-choice': 'difficulty' must be a whole number from 1 to 3, got '7'",
        f"{broken}:33:13: error: question 'q-choice': 'answer' must be one of the choice ids a, b; got 'z'",
    ]
    assert all(PROBLEM_LINE.match(line) for line in lines)
    # The summary still counts the seven questions that are fine.
    assert err == "1 bank, 7 questions: 2 errors, 0 warnings\n"


def test_warnings_alone_exit_0(untranslated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(untranslated)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"{untranslated}:54:13: warning: question 'q-truefalse' 'prompt': missing translation for kk\n"
    )
    assert err == "1 bank, 8 questions: 0 errors, 1 warning\n"


def test_strict_turns_warnings_into_errors(untranslated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--strict", str(untranslated)]) == 1
    out, err = capsys.readouterr()
    assert (
        out == f"{untranslated}:54:13: error: question 'q-truefalse' 'prompt': missing translation for kk\n"
    )
    assert err == "1 bank, 7 questions: 1 error, 0 warnings\n"


def test_several_banks_sorted_output(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", str(VALID_BANK), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert [line.split(":")[1:3] for line in out.splitlines()] == [["28", "17"], ["33", "13"]]
    assert err == "2 banks, 15 questions: 2 errors, 0 warnings\n"


def test_json_format(broken: Path, untranslated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--format", "json", str(broken), str(untranslated)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    report = json.loads(out)
    assert set(report) == {"banks", "questions", "errors", "warnings", "problems"}
    assert (report["banks"], report["questions"], report["errors"], report["warnings"]) == (2, 15, 2, 1)
    assert report["problems"][0] == {
        "path": str(broken),
        "line": 28,
        "column": 17,
        "severity": "error",
        "message": "question 'q-choice': 'difficulty' must be a whole number from 1 to 3, got '7'",
    }
    assert [(p["path"], p["line"], p["column"], p["severity"]) for p in report["problems"]] == [
        (str(broken), 28, 17, "error"),
        (str(broken), 33, 13, "error"),
        (str(untranslated), 54, 13, "warning"),
    ]


def test_json_format_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--format=json", str(VALID_BANK)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"banks": 1, "questions": 8, "errors": 0, "warnings": 0, "problems": []}


def test_json_keeps_non_ascii(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_variant(tmp_path, "kk.yaml", "answer: a", "answer: қ")
    assert run(["validate", "--format", "json", str(path)]) == 1
    out = capsys.readouterr().out
    assert "got 'қ'" in out
    assert json.loads(out)["problems"][0]["message"].endswith("got 'қ'")


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--bogus"],
        ["validate", "--format", "xml", "x"],
        ["schema", "extra"],
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage:" in err and "error:" in err


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    assert run(["validate", str(VALID_BANK), str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"quizapp validate: error: {missing}: no such file or folder\n"


def test_folder_without_banks_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert run(["validate", str(tmp_path / "empty")]) == 1
    assert "no banks found" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--help"]) == 0
    assert "--strict" in capsys.readouterr().out


def test_default_is_the_bundled_banks(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["validate", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["banks"] >= 1
    assert code == (1 if report["errors"] else 0)
    assert all("kazakhstan-foreign-policy" in p["path"] for p in report["problems"])


def test_internal_error_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import quizapp.core.loading

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(quizapp.core.loading, "load_bank", explode)
    assert run(["validate", str(VALID_BANK)]) == 1
    out, _ = capsys.readouterr()
    assert out == f"{VALID_BANK}:1:1: error: internal error while checking this bank: RuntimeError('boom')\n"


def test_python_m_quizapp_validate_subprocess(broken: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(VALID_BANK), str(broken)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{broken}:28:17: error: ")
    assert result.stderr == "2 banks, 15 questions: 2 errors, 0 warnings\n"
    ok = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(VALID_BANK)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "1 bank, 8 questions: 0 errors, 0 warnings\n", "")
