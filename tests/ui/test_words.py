"""Answers in feedback read as a sentence in each language, and units take the plural their number
needs ("4 years", never "4 year")."""

from __future__ import annotations

import pytest

from quizapp import i18n
from quizapp.core.loading import load_bank_bytes
from quizapp.core.model import Question
from quizapp.ui.text import describe_answer, describe_right_answer
from tests.core.test_loading import HEADER, question

BANK = HEADER + "".join(
    [
        question(
            "multi",
            "    choices:\n"
            "      - {id: ru, text: {tr: Rusya, en: Russia, kk: Ресей}}\n"
            "      - {id: cn, text: {tr: Çin, en: China, kk: Қытай}}\n"
            "      - {id: kg, text: {tr: Kırgızistan, en: Kyrgyzstan, kk: Қырғызстан}}\n"
            "      - {id: tr, text: {tr: Türkiye, en: Turkey, kk: Түркия}}\n"
            "    answers: [ru, cn, kg]\n"
            "    shuffle: false\n",
            qid="multi",
        ),
        question(
            "match",
            "    pairs:\n"
            "      - {left: {tr: Putin, en: Putin, kk: Путин}, right: {tr: Rusya, en: Russia, kk: Ресей}}\n"
            "      - {left: {tr: Şi, en: Xi, kk: Си}, right: {tr: Çin, en: China, kk: Қытай}}\n",
            qid="match",
        ),
        question("number", "    answer: 4\n    tolerance: 1\n    unit: year\n", qid="years"),
        question("number", "    answer: 1\n    unit: year\n", qid="one-year"),
    ]
)


def by_id(qid: str) -> Question:
    bank = load_bank_bytes(BANK.encode(), strict=True).bank
    found = bank.question(qid)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("language", "multi", "match"),
    [
        ("en", "Russia, China, and Kyrgyzstan", "Putin – Russia and Xi – China"),
        ("tr", "Rusya, Çin ve Kırgızistan", "Putin – Rusya ve Şi – Çin"),
        ("kk", "Ресей, Қытай және Қырғызстан", "Путин – Ресей және Си – Қытай"),
    ],
)
def test_answers_read_as_a_sentence(language: str, multi: str, match: str) -> None:
    i18n._current = language
    assert describe_right_answer(by_id("multi")) == multi
    assert describe_answer(by_id("multi"), ["kg", "cn", "ru"]) == multi
    assert describe_right_answer(by_id("match")) == match


@pytest.mark.parametrize(
    ("language", "years", "one_year"),
    [
        ("en", "4 years ± 1 year", "1 year"),
        ("tr", "4 yıl ± 1 yıl", "1 yıl"),
        ("kk", "4 жыл ± 1 жыл", "1 жыл"),
    ],
)
def test_a_named_unit_takes_the_plural_of_its_number(language: str, years: str, one_year: str) -> None:
    i18n._current = language
    assert describe_right_answer(by_id("years")) == years
    assert describe_right_answer(by_id("one-year")) == one_year


def test_aligned_names_cut_only_what_does_not_fit() -> None:
    from quizapp.ui.screens.results import aligned_names

    names = ["Экономика, сауда және энергетика", "Бета"]
    assert aligned_names(names, 80) == ["Экономика, сауда және энергетика", "Бета" + " " * 28]
    assert aligned_names(names, 20) == ["Экономика, сауда жә…", "Бета" + " " * 16]
    assert aligned_names(names, 2) == ["Экономи…", "Бета    "]  # never narrower than 8


@pytest.mark.parametrize("width", [80, 110])
async def test_topic_rows_keep_to_one_line_and_cut_names_with_an_ellipsis(width: int) -> None:
    from tests.ui.helpers import DATA, answer_current, build_app, open_quiz, screen_text

    app = build_app(DATA / "long_texts.yaml", language="kk")
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await open_quiz(pilot, "practice")
        for _ in range(screen.session.total):
            await answer_current(pilot, right=True)
            await pilot.press("ctrl+n")
            await pilot.pause()
        app.screen.query_one("#results").scroll_home(animate=False)
        await pilot.pause()
        for title in ("Экономика, сауда және энергетика", "Сыртқы саясаттың қағидаттары мен басымдықтары"):
            assert title in screen_text(app)  # room for the whole name beside a 20-cell bar
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.action_statistics()
        await pilot.pause(0.3)
        text = screen_text(app)
        long_name = "Сыртқы саясаттың қағидаттары мен басымдықтары"
        if width >= 110:
            assert long_name in text
        else:
            assert long_name not in text and "Сыртқы саясаттың қағидаттары мен басымд…" in text
