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
