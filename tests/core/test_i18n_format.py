"""Babel-formatted output in Turkish, English and Kazakh, and the start-up language.

CLDR puts U+202F NARROW NO-BREAK SPACE in Kazakh dates ("1991 ж.") and U+00A0 NO-BREAK SPACE in
Kazakh numbers; the expected strings below spell those characters out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

import quizapp.i18n as i18n

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\xa0"  # no-break space

# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("tr", "16 Aralık 1991"),
        ("en", "December 16, 1991"),
        ("kk", f"1991{NNBSP}ж. 16 желтоқсан"),
    ],
)
def test_format_date(language: str, expected: str) -> None:
    assert i18n.format_date(date(1991, 12, 16), language) == expected


def test_kazakh_date_space_is_the_narrow_no_break_space() -> None:
    text = i18n.format_date(date(1991, 12, 16), "kk")
    assert text != "1991 ж. 16 желтоқсан"
    assert text.replace(NNBSP, " ") == "1991 ж. 16 желтоқсан"


def test_format_date_uses_the_current_language_by_default() -> None:
    i18n._current = "tr"
    assert i18n.format_date(date(1991, 12, 16)) == "16 Aralık 1991"
    i18n._current = "kk"
    assert i18n.format_date(datetime(1991, 12, 16, 14, 5)) == f"1991{NNBSP}ж. 16 желтоқсан"


@pytest.mark.parametrize(
    ("language", "year", "month", "day", "expected"),
    [
        ("tr", 1991, None, None, "1991"),
        ("tr", 1991, 12, None, "Aralık 1991"),
        ("tr", 1991, 12, 16, "16 Aralık 1991"),
        ("en", 1991, None, None, "1991"),
        ("en", 1991, 12, None, "December 1991"),
        ("en", 1991, 12, 16, "December 16, 1991"),
        ("kk", 1991, None, None, "1991"),
        ("kk", 1991, 12, None, f"1991{NNBSP}ж. желтоқсан"),
        ("kk", 1991, 12, 16, f"1991{NNBSP}ж. 16 желтоқсан"),
        ("tr", 1992, 3, None, "Mart 1992"),
        ("kk", 1992, 3, 2, f"1992{NNBSP}ж. 2 наурыз"),
    ],
)
def test_format_partial_date(
    language: str, year: int, month: int | None, day: int | None, expected: str
) -> None:
    assert i18n.format_partial_date(year, month, day, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("tr", "16 Ara 1991 14:05:00"),
        ("en", f"Dec 16, 1991, 2:05:00{NNBSP}PM"),
        ("kk", f"1991{NNBSP}ж. 16 жел., 14:05:00"),
    ],
)
def test_format_datetime(language: str, expected: str) -> None:
    assert i18n.format_datetime(datetime(1991, 12, 16, 14, 5), language) == expected


# --- Numbers and percentages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("tr", 1234.5, "1.234,5"),
        ("en", 1234.5, "1,234.5"),
        ("kk", 1234.5, f"1{NBSP}234,5"),
        ("tr", 1234567.891, "1.234.567,891"),
        ("en", 1234567.891, "1,234,567.891"),
        ("kk", 1234567.891, f"1{NBSP}234{NBSP}567,891"),
        ("tr", 3, "3"),
        ("kk", -0.5, "-0,5"),
        ("en", -0.5, "-0.5"),
    ],
)
def test_format_number(language: str, value: float, expected: str) -> None:
    assert i18n.format_number(value, language) == expected


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_small_whole_numbers_are_formatted_as_babel_would(language: str) -> None:
    """format_number skips Babel below 1,000; the result must not differ from Babel's."""
    from babel.numbers import format_decimal

    for value in [*range(1000), 1000, 1001, 9999, 10_222]:
        assert i18n.format_number(value, language) == format_decimal(value, locale=language), value


@pytest.mark.parametrize(
    ("language", "ratio", "expected"),
    [
        ("tr", 0.857, "%86"),
        ("en", 0.857, "86%"),
        ("kk", 0.857, "86%"),
        ("tr", 1.0, "%100"),
        ("tr", 0.0, "%0"),
        ("en", 0.5, "50%"),
        ("kk", 0.333, "33%"),
    ],
)
def test_format_percent(language: str, ratio: float, expected: str) -> None:
    assert i18n.format_percent(ratio, language) == expected


# --- Lists ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "items", "expected"),
    [
        ("tr", ["Rusya", "Çin", "ABD"], "Rusya, Çin ve ABD"),
        ("en", ["Russia", "China", "the USA"], "Russia, China, and the USA"),
        # CLDR 47 joins three or more Kazakh items with commas only ("Ресей, Қытай, АҚШ"); a list
        # in a sentence ends with "және", as two items are joined.
        ("kk", ["Ресей", "Қытай"], "Ресей және Қытай"),
        ("kk", ["Ресей", "Қытай", "АҚШ"], "Ресей, Қытай және АҚШ"),
        ("kk", ["Ресей", "Қытай", "АҚШ", "Түркия"], "Ресей, Қытай, АҚШ және Түркия"),
        ("tr", ["Rusya", "Çin", "ABD", "Türkiye"], "Rusya, Çin, ABD ve Türkiye"),
        ("tr", ["Rusya", "Çin"], "Rusya ve Çin"),
        ("tr", ["Rusya"], "Rusya"),
        ("en", [], ""),
    ],
)
def test_format_list(language: str, items: list[str], expected: str) -> None:
    assert i18n.format_list(items, language) == expected


# --- Quantities with a unit -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", 1, "1 year"),
        ("en", 4, "4 years"),
        ("en", 13.0, "13 years"),
        ("tr", 1, "1 yıl"),
        ("tr", 4, "4 yıl"),
        ("kk", 4, "4 жыл"),
    ],
)
def test_format_quantity_takes_the_plural_the_number_needs(
    language: str, value: float, expected: str
) -> None:
    assert i18n.format_quantity(value, "duration-year", language) == expected


def test_unit_display_name_is_the_name_for_several() -> None:
    names = [i18n.unit_display_name("duration-year", lang) for lang in ("en", "tr", "kk")]
    assert names == ["years", "yıl", "жыл"]


# --- Durations and relative times ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("tr", 45, "45 saniye"),
        ("en", 45, "45 seconds"),
        ("kk", 45, "45 секунд"),
        ("tr", 180, "3 dakika"),
        ("en", 180, "3 minutes"),
        ("kk", 180, "3 минут"),
        ("en", 60, "1 minute"),
        ("tr", 3600, "1 saat"),
        ("kk", 3600, "1 сағат"),
        ("en", 7200, "2 hours"),
        ("kk", 2 * 86400, "2 күн"),
        ("en", -5, "0 seconds"),
    ],
)
def test_format_duration(language: str, seconds: float, expected: str) -> None:
    assert i18n.format_duration(seconds, language) == expected


@pytest.mark.parametrize(
    ("language", "delta", "expected"),
    [
        ("en", timedelta(days=3), "in 3 days"),
        ("tr", timedelta(days=3), "3 gün sonra"),
        ("kk", timedelta(days=3), "3 күннен кейін"),
        ("en", timedelta(days=-3), "3 days ago"),
        ("tr", timedelta(days=-3), "3 gün önce"),
        ("kk", timedelta(days=-3), "3 күн бұрын"),
        ("tr", timedelta(hours=-2), "2 saat önce"),
        ("en", timedelta(days=1), "in 1 day"),
        # A due time computed a moment ago is a hair short of the round interval: it still
        # reads as the interval ("in 1 minute", not "in 60 seconds").
        ("en", timedelta(seconds=59.6), "in 1 minute"),
        ("kk", timedelta(seconds=59.99), "1 минуттан кейін"),
        ("tr", timedelta(seconds=86399.9), "1 gün sonra"),
    ],
)
def test_format_relative(language: str, delta: timedelta, expected: str) -> None:
    assert i18n.format_relative(delta, language) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0:00"), (65, "1:05"), (599.9, "9:59"), (3725, "1:02:05"), (-5, "0:00")],
)
def test_format_clock_is_the_same_in_every_language(seconds: float, expected: str) -> None:
    for language in i18n.LANGUAGES:
        i18n._current = language
        assert i18n.format_clock(seconds) == expected


def test_every_formatter_follows_the_current_language() -> None:
    i18n._current = "tr"
    assert i18n.format_percent(0.857) == "%86"
    assert i18n.format_number(1234.5) == "1.234,5"
    assert i18n.format_list(["Rusya", "Çin", "ABD"]) == "Rusya, Çin ve ABD"
    assert i18n.format_relative(timedelta(days=3)) == "3 gün sonra"
    i18n._current = "kk"
    assert i18n.format_relative(timedelta(days=3)) == "3 күннен кейін"
    assert i18n.format_duration(180) == "3 минут"
    i18n._current = "en"
    assert i18n.format_partial_date(1991, 12, None) == "December 1991"


# --- Start-up language from the environment -----------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "kk_KZ.UTF-8"}, "kk"),
        ({"LANG": "tr_TR.UTF-8"}, "tr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANGUAGE": "kk:tr"}, "kk"),
        ({"LANGUAGE": "tr:kk"}, "tr"),
        ({"LANG": "de_DE"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
        # LANGUAGE is a preference list: the first of ours wins, unknown ones are skipped.
        ({"LANGUAGE": "de:kk", "LANG": "en_US.UTF-8"}, "kk"),
        ({"LANGUAGE": "de_DE:en_US", "LANG": "tr_TR.UTF-8"}, "en"),
        # None of LANGUAGE is ours: fall through to the locale variables.
        ({"LANGUAGE": "de", "LANG": "tr_TR.UTF-8"}, "tr"),
        ({"LANGUAGE": "", "LANG": "kk_KZ.UTF-8"}, "kk"),
        # LC_ALL beats LC_MESSAGES beats LANG (the first one set decides).
        ({"LC_ALL": "tr_TR.UTF-8", "LANG": "kk_KZ.UTF-8"}, "tr"),
        ({"LC_ALL": "C.UTF-8", "LANG": "kk_KZ.UTF-8"}, "en"),
        ({"LC_MESSAGES": "kk_KZ.UTF-8", "LANG": "tr_TR.UTF-8"}, "kk"),
        ({"LC_ALL": "kk_KZ.UTF-8", "LC_MESSAGES": "tr_TR.UTF-8", "LANG": "en_US.UTF-8"}, "kk"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "tr_TR.UTF-8"}, "en"),
        ({"LANGUAGE": "kk", "LC_ALL": "tr_TR.UTF-8"}, "kk"),
        # Other spellings of a locale.
        ({"LANG": "tr_TR.ISO-8859-9"}, "tr"),
        ({"LANG": "tr_TR@euro"}, "tr"),
        ({"LANG": "kk-KZ"}, "kk"),
        ({"LANG": "kk_Cyrl_KZ.UTF-8"}, "kk"),
        ({"LANG": "tr"}, "tr"),
        ({"LANG": "not a locale!"}, "en"),
    ],
)
def test_detect_language(environ: dict[str, str], expected: str) -> None:
    assert i18n.detect_language(environ) == expected


def test_detect_language_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert i18n.detect_language() == "kk"
    monkeypatch.setenv("LC_ALL", "tr_TR.UTF-8")
    assert i18n.detect_language() == "tr"
    monkeypatch.setenv("LANGUAGE", "kk:tr")
    assert i18n.detect_language() == "kk"


def test_language_names_are_in_their_own_language() -> None:
    assert dict(i18n.LANGUAGE_NAMES) == {"tr": "Türkçe", "en": "English", "kk": "Қазақ тілі"}
    assert set(i18n.LANGUAGES) == {"tr", "en", "kk"}


def test_set_language_rejects_unknown_codes() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language("de")
    assert i18n.get_language() == "en"
