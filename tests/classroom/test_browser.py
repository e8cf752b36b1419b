"""``quizapp serve`` in a real browser: headless Chromium from the OS packages, driven by Playwright.

Each test starts the server on a free loopback port, opens the page, signs in as a student would
(by typing), answers, and then finds the answers in the progress database. ``.ci/run`` installs
Chromium when it is missing, so these run in CI; locally they are skipped only when
``/usr/bin/chromium`` or the playwright package is truly absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizapp.core.store import Store
from tests.classroom.browser import (
    browser,
    chromium_missing_reason,
    open_tab,
    screen_text,
    serving,
    type_keys,
    wait_for_text,
)
from tests.core.test_results_cli import MINI_BANK

MISSING = chromium_missing_reason()
pytestmark = [
    pytest.mark.slow,
    # Skipped only on a developer machine without Chromium; CI (.ci/run installs it) must run them.
    pytest.mark.skipif(MISSING is not None and not os.environ.get("CI"), reason=str(MISSING)),
]


def test_ci_has_a_browser() -> None:
    """In CI the browser tests must run, not skip: .ci/run installs Chromium when missing."""
    assert MISSING is None, MISSING


# The mini bank's metadata, with two questions typed in the browser.
BANK = (
    MINI_BANK.split("questions:\n")[0]
    + """\
questions:
  - id: kz
    kind: text
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Kazakistan'ın başkenti?, en: What is the capital of Kazakhstan?, kk: Қазақстанның астанасы?}
    answers: {tr: [Astana], en: [Astana], kk: [Астана]}
    explanation: {tr: Astana., en: Astana., kk: Астана.}
    source: {document: atlas, section: asia}
  - id: kg
    kind: text
    topics: [capitals]
    difficulty: 1
    prompt: {tr: Kırgızistan'ın başkenti?, en: What is the capital of Kyrgyzstan?, kk: Қырғызстанның астанасы?}
    answers: {tr: [Bişkek], en: [Bishkek], kk: [Бішкек]}
    explanation: {tr: Bişkek., en: Bishkek., kk: Бішкек.}
    source: {document: atlas, section: asia}
"""
)
PRESET = "bank: mini\nmode: practice\ncount: 1\nseed: 7\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "capitals.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "exam.yaml").write_text(PRESET, encoding="utf-8")
    (tmp_path / "students.csv").write_text(
        "name,pin\nAyşe Yılmaz,4821\nНұрлан Әбенов,0093\n", encoding="utf-8"
    )
    return {
        "bank": tmp_path / "capitals.yaml",
        "preset": tmp_path / "exam.yaml",
        "roster": tmp_path / "students.csv",
        "data": tmp_path / "data",
    }


def answers_in_db(data: Path) -> list[tuple[str, str, object]]:
    store = Store.open_readonly(data)
    try:
        return sorted((r.profile, r.question_id, r.answer) for r in store.export_rows())
    finally:
        store.close()


def answer_the_question(page: object) -> str:
    """Start the preset's one question and answer it right; returns which question it was."""
    wait_for_text(page, "Start")
    type_keys(page, "Control+s")
    screen = wait_for_text(page, r"capital of (Kazakhstan|Kyrgyzstan)\?")
    question = "kz" if "Kazakhstan?" in screen else "kg"
    # Read first, then type at a person's pace: keys typed while the question is still being
    # drawn, and bursts on the quiz screens, are the quiz screen tests' subject.
    page.wait_for_timeout(600)
    type_keys(page, "Astana" if question == "kz" else "Bishkek", "Enter", delay=60)
    wait_for_text(page, "Right!")
    return question


def test_a_student_types_a_name_and_answers(files: dict[str, Path]) -> None:
    argv = [
        str(files["bank"]),
        "--preset",
        str(files["preset"]),
        "--data-dir",
        str(files["data"]),
        "--lang",
        "en",
    ]
    with serving(argv) as (url, _server), browser() as chromium:
        page = open_tab(chromium, url)
        wait_for_text(page, "Who is studying?")
        type_keys(page, "Ayşe Yılmaz", "Enter")
        assert "Ayşe Yılmaz" in wait_for_text(page, "Profile: Ayşe Yılmaz")
        question = answer_the_question(page)
        # A second tab is somebody else: it asks again, and never opens on Ayşe's name.
        other = open_tab(chromium, url)
        screen = wait_for_text(other, "Who is studying?")
        assert "Ayşe" not in screen
    assert answers_in_db(files["data"]) == [
        ("Ayşe Yılmaz", question, "Astana" if question == "kz" else "Bishkek")
    ]


def test_roster_pin_two_students_and_own_download(files: dict[str, Path], tmp_path: Path) -> None:
    argv = [
        str(files["bank"]),
        "--preset", str(files["preset"]),
        "--roster", str(files["roster"]),
        "--data-dir", str(files["data"]),
        "--lang", "en",
    ]  # fmt: skip
    with serving(argv) as (url, _server), browser() as chromium:
        first, second = open_tab(chromium, url), open_tab(chromium, url)
        for page in (first, second):
            wait_for_text(page, "Pick your name from the class list")
        # Ayşe (first on the list) mistypes her PIN, then gets it right; the keys come in one
        # burst, right after Enter on her name, and none may be lost.
        type_keys(first, "Enter", "1111", "Enter")
        wait_for_text(first, "Wrong PIN for Ayşe Yılmaz")
        type_keys(first, "4821", "Enter")
        wait_for_text(first, "Profile: Ayşe Yılmaz")
        # Нұрлан (second) signs in in the other tab at the same time.
        type_keys(second, "ArrowDown", "Enter", "0093", "Enter")
        wait_for_text(second, "Profile: Нұрлан Әбенов")
        asked = {"Ayşe Yılmaz": answer_the_question(first), "Нұрлан Әбенов": answer_the_question(second)}
        # Nurlan downloads his results (from the command palette): his answer only.
        with second.expect_download(timeout=30_000) as download_info:
            type_keys(second, "Control+p")
            wait_for_text(second, "Search for commands")
            type_keys(second, "Download my results", "Enter")
        downloaded = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
        assert "Нұрлан Әбенов" in downloaded and "Ayşe" not in downloaded
        assert "Ayşe" not in screen_text(second)
    expected = [(name, q, "Astana" if q == "kz" else "Bishkek") for name, q in asked.items()]
    assert answers_in_db(files["data"]) == sorted(expected)
