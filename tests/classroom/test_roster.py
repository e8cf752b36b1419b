"""The roster (``name,pin``) and the growing delay after wrong PINs."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from quizapp.classroom.lockout import FREE_TRIES, MAX_DELAY_S, PinGuard, delay_after
from quizapp.classroom.roster import RosterError, parse_roster


def problems(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(RosterError) as caught:
        parse_roster(data, "students.csv")
    return [str(p) for p in caught.value.problems]


def test_a_good_roster() -> None:
    roster = parse_roster("name,pin\nAyşe  Yılmaz,4821\r\n\nНұрлан Әбенов, 0093 \n".encode(), "students.csv")
    assert roster.names == ("Ayşe Yılmaz", "Нұрлан Әбенов")
    assert roster.check("Ayşe Yılmaz", "4821")
    assert roster.check("ayşe yılmaz", " 4821")  # the app's name rules; spaces around a PIN
    assert roster.check("Нұрлан Әбенов", "0093")  # a PIN is text: leading zeros count
    assert not roster.check("Нұрлан Әбенов", "93")
    assert not roster.check("Ayşe Yılmaz", "4820")
    assert roster.canonical("ayşe yılmaz") == "Ayşe Yılmaz"


def test_wrong_pin_and_unknown_name_are_refused() -> None:
    roster = parse_roster(b"name,pin\nAli,1234\n", "students.csv")
    assert not roster.check("Ali", "")
    assert not roster.check("Veli", "1234")
    assert "Veli" not in roster and "Ali" in roster
    assert roster.canonical("Veli") is None


def test_byte_order_mark_and_other_column_order() -> None:
    roster = parse_roster("\ufeffPIN,Name\n1111,Ali\n".encode(), "s.csv")
    assert roster.names == ("Ali",)
    roster = parse_roster(b"\xef\xbb\xbfname,pin,class\nAli,1111,7B\n", "s.csv")
    assert roster.check("Ali", "1111")


def test_duplicate_names() -> None:
    assert problems("name,pin\nAli,1\nVeli,2\nali ,3\n") == [
        "students.csv:4: error: 'ali' is listed twice (first at line 2)"
    ]


def test_missing_column() -> None:
    assert problems("name,password\nAli,1\n") == [
        "students.csv:1: error: missing column 'pin': the first line must name the columns, e.g. name,pin"
    ]
    assert problems("Ali,1234\n")[0].startswith("students.csv:1: error: missing column 'name', 'pin'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,pin\nAli\n", "students.csv:2: error: expected 2 values (as the header), found 1"),
        ("name,pin\nAli,\n", "students.csv:2: error: the PIN is empty"),
        ("name,pin\n ,12\n", "students.csv:2: error: the name is empty"),
        ("name,pin\n" + "x" * 41 + ",1\n", "students.csv:2: error: the name is longer than 40 characters"),
        (
            'name,pin\n"A\x1b]0;X\x07",1\n',
            "students.csv:2: error: the name contains the control character U+001B",
        ),
        ("", "students.csv:1: error: the roster is empty: the first line must be name,pin"),
        ("name,pin\n\n", "students.csv:2: error: the roster lists no students"),
        ('name,pin\n"Ali,1\n', "students.csv:"),
    ],
)
def test_malformed_rows(text: str, expected: str) -> None:
    assert problems(text)[0].startswith(expected)


def test_every_problem_is_reported_with_its_line() -> None:
    assert [p.split(": error")[0] for p in problems("name,pin\nA,1\nB,\nA,2\n,3\n")] == [
        "students.csv:3",
        "students.csv:4",
        "students.csv:5",
    ]


def test_not_utf8() -> None:
    assert problems("name,pin\nAyşe,1\n".encode("cp1254")) == [
        "students.csv:2: error: not valid UTF-8; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)"
    ]


def test_the_delay_grows_after_three_wrong_pins() -> None:
    assert FREE_TRIES == 3
    assert [delay_after(n) for n in range(1, 8)] == [0, 0, 2, 4, 8, 16, 32]
    assert delay_after(100) == MAX_DELAY_S


def test_guard_counts_and_forgives(tmp_path: Path) -> None:
    guard = PinGuard(tmp_path)
    now = 1000.0
    assert [guard.failed("ali", now) for _ in range(2)] == [0, 0]
    assert guard.wait("ali", now) == 0
    assert guard.failed("ali", now) == 2
    assert guard.wait("ali", now) == 2 and guard.wait("ali", now + 1.5) == 0.5
    assert guard.wait("veli", now) == 0  # per name
    assert guard.failed("ali", now + 2) == 4
    guard.succeeded("ali")
    assert guard.wait("ali", now + 2) == 0
    assert guard.failed("ali", now + 3) == 0
    guard.close()


def test_guard_is_shared_by_processes(tmp_path: Path) -> None:
    """A reload starts a new process: the count must survive it."""
    first = PinGuard(tmp_path)
    for _ in range(3):
        first.failed("ali", 1000.0)
    first.close()
    second = PinGuard(tmp_path)
    assert second.wait("ali", 1000.0) == 2
    assert second.failed("ali", 1000.0) == 4
    second.close()


def _fail_many(directory: str) -> None:
    guard = PinGuard(Path(directory))
    for _ in range(10):
        guard.failed("ali", 1000.0)
    guard.close()


def test_guard_counts_every_try_of_concurrent_tabs(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_fail_many, args=(str(tmp_path),)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    guard = PinGuard(tmp_path)
    # 40 wrong tries in all: the 41st would wait the longest delay.
    assert guard.failed("ali", 1000.0) == delay_after(41)
    guard.close()


def test_guard_without_a_usable_directory_counts_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    guard = PinGuard(blocker / "sub")
    for _ in range(3):
        guard.failed("ali", 0.0)
    assert guard.wait("ali", 0.0) == 2
