"""Typed answers in Turkish, English and Kazakh: normalisation, matching, dates and numbers."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from quizapp.core.dates import parse_user_date
from quizapp.core.grading import (
    NOTE_NOT_A_DATE,
    NOTE_NOT_A_NUMBER,
    NOTE_NOT_PRECISE,
    grade,
    normalize_text,
    number_readings,
    parse_number,
    text_matches,
)
from quizapp.core.model import (
    AnswerMatch,
    DateQuestion,
    LocalizedText,
    NumberQuestion,
    PartialDate,
    SourceRef,
    TextQuestion,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


def _common(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": "q1",
        "topics": ("history",),
        "difficulty": 1,
        "prompt": LocalizedText({"tr": "Soru?", "en": "Question?", "kk": "Сұрақ?"}),
        "explanation": LocalizedText({"en": "Because."}),
        "sources": (SourceRef("doc", "s1"),),
    }
    fields.update(overrides)
    return fields


def date_question(answer: PartialDate) -> DateQuestion:
    return DateQuestion(answer=answer, **_common())


def text_question(
    answers: dict[str, tuple[str, ...]], match: AnswerMatch = AnswerMatch.FORMS
) -> TextQuestion:
    return TextQuestion(answers=answers, match=match, **_common())


def number_question(answer: float, tolerance: float = 0.0) -> NumberQuestion:
    return NumberQuestion(answer=answer, tolerance=tolerance, **_common())


# --- normalize_text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Turkish: İ↔i and I↔ı are case pairs.
        ("İSTANBUL", "tr", "istanbul"),
        ("istanbul", "tr", "istanbul"),
        ("Istanbul", "tr", "ıstanbul"),
        ("DİYARBAKIR", "tr", "diyarbakır"),
        ("diyarbakır", "tr", "diyarbakır"),
        ("IĞDIR", "tr", "ığdır"),
        ("ığdır", "tr", "ığdır"),
        ("I\u0307ZMIR", "tr", "izmır"),  # decomposed İ
        # Elsewhere, I is just i and a stray İ loses its dot.
        ("Istanbul", "en", "istanbul"),
        ("İSTANBUL", "en", "istanbul"),
        ("DİYARBAKIR", "en", "diyarbakir"),
        ("İstanbul", "kk", "istanbul"),
        # NFC: composed and decomposed letters are the same answer.
        ("Çin", "tr", "çin"),
        (NFD("Çin"), "tr", "çin"),
        (NFD("ÇİN"), "tr", "çin"),
        (NFD("Türkiye"), "en", "türkiye"),
        (NFD("Өскемен"), "kk", "өскемен"),
        (NFD("Йемен"), "kk", "йемен"),
        # Kazakh letters lower-case to themselves, never to Russian or Latin look-alikes.
        ("ҚАЗАҚСТАН", "kk", "қазақстан"),
        ("Казахстан", "kk", "казахстан"),
        ("ІЛЕ", "kk", "іле"),
        ("ӘЛЕМ", "kk", "әлем"),
        ("ҮКІМЕТ", "kk", "үкімет"),
        ("ҰЛЫТАУ", "kk", "ұлытау"),
        ("ҒАЛЫМ", "kk", "ғалым"),
        ("ҢҺ", "kk", "ңһ"),
        # Spaces and punctuation at the ends; runs of spaces inside.
        ("  Ankara. ", "tr", "ankara"),
        ("Ankara\t", "tr", "ankara"),
        ('"Ankara"', "tr", "ankara"),
        ("«Астана»", "kk", "астана"),
        ("ABD!", "tr", "abd"),
        ("¿Qué?", "en", "qué"),
        ("Ankara   Büyükşehir", "tr", "ankara büyükşehir"),
        ("Нұр-Сұлтан", "kk", "нұр-сұлтан"),
        ("Кот-д’Ивуар", "kk", "кот-д'ивуар"),
        ("ＡＢＤ", "tr", "abd"),  # full-width letters
        ("...", "en", ""),
    ],
)
def test_normalize_text(text: str, language: str, expected: str) -> None:
    assert normalize_text(text, language) == expected


def test_cyrillic_and_latin_look_alikes_stay_apart() -> None:
    assert normalize_text("і", "kk") != normalize_text("i", "kk")  # U+0456 vs U+0069
    assert normalize_text("Астана", "kk") != normalize_text("Aстана", "kk")  # Latin A
    assert normalize_text("Қазақстан", "kk") != normalize_text("Казахстан", "kk")
    assert normalize_text("Ұ", "kk") != normalize_text("У", "kk")


# --- text_matches / grade on text questions ----------------------------------------------------
# Each case: what the default matching (``match: forms``) says, then what ``match: exact`` says.
# Where they differ, the old behaviour (exact) was deliberately changed by issue 12: Turkish letters
# typed as ASCII and Kazakh letters typed as their Russian look-alikes are now accepted (the
# feedback shows the right spelling); ``match: exact`` keeps the old strictness.


@pytest.mark.parametrize(
    ("accepted", "typed", "forms", "exact"),
    [
        ({"tr": ("İstanbul",)}, "İSTANBUL", True, True),
        ({"tr": ("İstanbul",)}, "istanbul", True, True),
        ({"tr": ("İstanbul",)}, NFD("İstanbul"), True, True),
        # Turkish I is ı: "ISTANBUL" spells ıstanbul, which is İstanbul typed without a Turkish keyboard.
        ({"tr": ("İstanbul",)}, "ISTANBUL", True, False),
        ({"tr": ("Diyarbakır",)}, "DİYARBAKIR", True, True),
        ({"tr": ("Diyarbakır",)}, "diyarbakir", True, False),
        ({"tr": ("Iğdır",)}, "IĞDIR", True, True),
        ({"tr": ("Iğdır",)}, "ığdır", True, True),
        ({"tr": ("Iğdır",)}, "iğdir", True, False),
        ({"tr": ("Çin",)}, NFD("çin"), True, True),
        ({"tr": ("Çin",)}, "Cin", True, False),
        ({"tr": ("Ankara",)}, " ankara. ", True, True),
        # English rules for an English answer: ISTANBUL is istanbul.
        ({"en": ("Istanbul",)}, "ISTANBUL", True, True),
        ({"en": ("Istanbul",)}, "İSTANBUL", True, True),
        # Each language's answers are compared under that language's rules.
        ({"en": ("Istanbul",), "tr": ("İstanbul",)}, "istanbul", True, True),
        # Kazakh: Russian look-alikes (к for қ, и or a Latin i for і, о for ө) are accepted unless
        # exact; other letters (х for қ) and Latin look-alikes (a Latin A) never.
        ({"kk": ("Қазақстан",)}, "ҚАЗАҚСТАН", True, True),
        ({"kk": ("Қазақстан",)}, "Казахстан", False, False),
        ({"kk": ("Қазақстан", "Казахстан")}, "казахстан", True, True),
        ({"kk": ("Іле",)}, "іле", True, True),
        ({"kk": ("Іле",)}, "ІЛЕ", True, True),
        ({"kk": ("Іле",)}, "Ile", False, False),  # all Latin
        ({"kk": ("Іле",)}, "Iле", True, False),  # a Latin I for І
        ({"kk": ("Іле",)}, "Иле", True, False),  # Russian И
        ({"kk": ("Өскемен",)}, "Оскемен", True, False),
        ({"kk": ("Өскемен", "Усть-Каменогорск")}, "усть-каменогорск", True, True),
        ({"kk": ("Астана",)}, "«Астана»", True, True),
        ({"kk": ("Астана",)}, "Aстана", False, False),  # Latin A
        # An empty answer never matches, even an answer made of punctuation.
        ({"en": ("?",)}, "", False, False),
        ({"en": ("Ankara",)}, "   ", False, False),
    ],
)
def test_text_matches(accepted: dict[str, tuple[str, ...]], typed: str, forms: bool, exact: bool) -> None:
    assert text_matches(accepted, typed) is forms
    assert grade(text_question(accepted), typed).correct is forms
    assert text_matches(accepted, typed, exact=True) is exact
    assert grade(text_question(accepted, match=AnswerMatch.EXACT), typed).correct is exact


# --- Dates typed the local way --------------------------------------------------------------------

DEC_16 = PartialDate(1991, 12, 16)
DEC = PartialDate(1991, 12)
YEAR = PartialDate(1991)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Turkish
        ("16 Aralık 1991", DEC_16),
        ("16 ARALIK 1991", DEC_16),
        ("16 aralık 1991", DEC_16),
        ("16 aralik 1991", DEC_16),  # no Turkish keyboard
        ("16 Ara 1991", DEC_16),
        ("16 Aralık 1991 Pazartesi", DEC_16),  # the full format, copied
        ("16 Aralık 1991'de", DEC_16),
        ("16 Aralık 1991 tarihinde", DEC_16),
        ("Aralık 1991", DEC),
        ("ARALIK 1991", DEC),
        ("Aralik 1991", DEC),
        ("1991 yılının Aralık ayında", DEC),
        ("Aralıkta 1991", DEC),
        ("1991'de", YEAR),
        ("1991 yılı", YEAR),
        ("1 Mart 1992", PartialDate(1992, 3, 1)),
        ("ŞUBAT 1992", PartialDate(1992, 2)),
        ("Mayıs 1992", PartialDate(1992, 5)),
        ("mayis 1992", PartialDate(1992, 5)),
        ("AĞUSTOS 1991", PartialDate(1991, 8)),
        ("kasim 1991", PartialDate(1991, 11)),
        # Numeric, day first, and ISO
        ("16.12.1991", DEC_16),
        ("16/12/1991", DEC_16),
        ("16-12-1991", DEC_16),
        ("16 12 1991", DEC_16),
        ("1991-12-16", DEC_16),
        ("1991.12.16", DEC_16),
        ("12.1991", DEC),
        ("1991-12", DEC),
        ("1991", YEAR),
        (" 1991 ", YEAR),
        ("１９９１", YEAR),  # full-width digits
        # English
        ("December 16, 1991", DEC_16),
        ("December 16th, 1991", DEC_16),
        ("16 December 1991", DEC_16),
        ("16th of December 1991", DEC_16),
        ("on 16 December 1991", DEC_16),
        ("16 DECEMBER 1991", DEC_16),
        ("Monday, December 16, 1991", DEC_16),
        ("Dec 16, 1991", DEC_16),
        ("December 1991", DEC),
        ("Dec 1991", DEC),
        ("APRIL 1992", PartialDate(1992, 4)),
        ("May 1992", PartialDate(1992, 5)),
        # Kazakh
        ("1991 ж. 16 желтоқсан", DEC_16),
        ("1991\u202fж. 16 желтоқсан", DEC_16),  # as Babel writes it
        ("1991 жылғы 16 желтоқсан", DEC_16),
        ("1991 жылы 16 желтоқсанда", DEC_16),
        ("16 желтоқсан 1991 ж.", DEC_16),
        ("16-шы желтоқсан 1991", DEC_16),
        ("желтоқсанның 16-сы, 1991", DEC_16),
        ("1991 ж. 16 желтоқсан, дүйсенбі", DEC_16),
        ("1991 ж. 16 жел.", DEC_16),
        ("желтоқсан 1991", DEC),
        ("Желтоқсан 1991", DEC),
        ("ЖЕЛТОҚСАН 1991", DEC),
        ("1991 ж. желтоқсан", DEC),
        ("желтоксан 1991", DEC),  # Russian keyboard
        ("1991 ж.", YEAR),
        ("1991 жылы", YEAR),
        ("2 наурыз 1992", PartialDate(1992, 3, 2)),
        ("АҚПАН 1992", PartialDate(1992, 2)),
        ("қыркүйек 1991", PartialDate(1991, 9)),
    ],
)
def test_parse_user_date(text: str, expected: PartialDate) -> None:
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "İstanbul",
        "Sudan 1991",
        "16 Aralık",  # no year
        "31.02.1991",  # no such day
        "32.12.1991",
        "1991-13",
        "16.13.1991",
        "16.12.91",  # a two-digit year is not the year 91
        "12.91",
        "99",
        "16 December 1991 AD",
        "Aralık Ocak 1991",  # two months
        "16 17 Aralık 1991",
    ],
)
def test_parse_user_date_rejects(text: str) -> None:
    assert parse_user_date(text) is None


@pytest.mark.parametrize(
    "example",
    [
        # The examples the input hints give (quizapp/ui/widgets/answers.py and their translations).
        "1991",
        "12.1991",
        "December 1991",
        "Aralık 1991",
        "1991 ж. желтоқсан",
        "16.12.1991",
        "16 December 1991",
        "16 Aralık 1991",
        "1991 ж. 16 желтоқсан",
    ],
)
def test_hint_examples_are_understood(example: str) -> None:
    assert parse_user_date(example) is not None


# --- Date precision through grade() ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["1991", "16 Aralık 1991", "December 16, 1991", "1991 ж. 16 желтоқсан", "Aralık 1991", "желтоқсан 1991"],
)
def test_year_key_accepts_any_precision_in_that_year(typed: str) -> None:
    result = grade(date_question(YEAR), typed)
    assert result.correct
    assert result.note is None


@pytest.mark.parametrize("typed", ["1990", "16.12.1990", "Aralık 1992"])
def test_year_key_rejects_another_year(typed: str) -> None:
    result = grade(date_question(YEAR), typed)
    assert result.credit == 0
    assert result.note is None


@pytest.mark.parametrize(
    "typed",
    [
        "16 Aralık 1991",
        "16.12.1991",
        "1991-12-16",
        "December 16, 1991",
        "16 December 1991",
        "1991 ж. 16 желтоқсан",
    ],
)
def test_full_date_key_accepts_the_date_typed_any_way(typed: str) -> None:
    result = grade(date_question(DEC_16), typed)
    assert result.correct
    assert result.points == 1.0


@pytest.mark.parametrize("typed", ["1991", "Aralık 1991", "желтоқсан 1991", "December 1991", "12.1991"])
def test_full_date_key_rejects_a_less_precise_answer_with_a_note(typed: str) -> None:
    result = grade(date_question(DEC_16), typed)
    assert result.credit == 0
    assert result.note == NOTE_NOT_PRECISE


@pytest.mark.parametrize("typed", ["1990", "Kasım 1991", "15.12.1991"])
def test_full_date_key_rejects_a_wrong_date_without_the_precision_note(typed: str) -> None:
    result = grade(date_question(DEC_16), typed)
    assert result.credit == 0
    assert result.note is None


def test_month_key() -> None:
    question = date_question(DEC)
    assert grade(question, "Aralık 1991").correct
    assert grade(question, "желтоқсан 1991").correct
    assert grade(question, "16.12.1991").correct
    assert grade(question, "1991").note == NOTE_NOT_PRECISE
    assert not grade(question, "Kasım 1991").correct


@pytest.mark.parametrize("typed", ["dün", "ертең", "16.12.91", "İstanbul"])
def test_unreadable_date_gets_the_not_a_date_note(typed: str) -> None:
    result = grade(date_question(DEC_16), typed)
    assert result.credit == 0
    assert result.note == NOTE_NOT_A_DATE


# --- Numbers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),  # Turkish
        ("1 234,5", 1234.5),  # Kazakh, plain space
        ("1\xa0234,5", 1234.5),  # Kazakh as Babel writes it
        ("1\u202f234,5", 1234.5),
        ("1,234.5", 1234.5),  # English
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1,5", 1.5),
        ("0,001", 0.001),
        ("12,34", 12.34),
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("12 345 678", 12345678),
        ("1.000.000,25", 1000000.25),
        ("1,000,000.25", 1000000.25),
        ("-3,5", -3.5),
        ("−3,5", -3.5),  # U+2212 MINUS SIGN
        ("+2", 2),
        ("%86", 86),
        ("86%", 86),
        ("3 km", 3),
        ("300 млн", 300),
        ("1e3", 1000),
        ("１２３", 123),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "бес", "1,234,5", "1.234.5", "1,2.3", "2 3", "5-6", "1 2 3 4"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None
    assert number_readings(text) == ()


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("1.234", {1.234, 1234}),  # a Turkish thousand or an English decimal
        ("1,234", {1.234, 1234}),
        ("-1.234", {-1.234, -1234}),
        ("0,123", {0.123}),  # a leading 0 is never a thousands group
        ("1,5", {1.5}),
        ("1.234,5", {1234.5}),
        ("1234", {1234}),
    ],
)
def test_number_readings(text: str, readings: set[float]) -> None:
    assert set(number_readings(text)) == readings


@pytest.mark.parametrize(
    ("answer", "typed", "correct"),
    [
        (1234.5, "1.234,5", True),
        (1234.5, "1 234,5", True),
        (1234.5, "1,234.5", True),
        (1234.5, "1\xa0234,5", True),
        (1234, "1.234", True),  # as a Turkish student writes a thousand
        (1234, "1,234", True),  # as an English student does
        (1.234, "1,234", True),
        (1.234, "1.234", True),
        (1234, "1.235", False),
        (-5, "−5", True),
        (-5, "5", False),
        (86, "%86", True),
    ],
)
def test_grade_number(answer: float, typed: str, correct: bool) -> None:
    assert grade(number_question(answer), typed).correct is correct


def test_grade_number_tolerance_and_note() -> None:
    question = number_question(300, tolerance=5)
    assert grade(question, "304,9").correct
    assert not grade(question, "305,5").correct
    result = grade(question, "üç yüz")
    assert result.credit == 0
    assert result.note == NOTE_NOT_A_NUMBER
