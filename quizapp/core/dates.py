"""Reading dates: ISO partial dates in banks, and dates typed by students the local way.

A student may type "16 Aralık 1991", "December 16, 1991", "1991 ж. 16 желтоқсан",
"16.12.1991", "16/12/1991", "1991-12-16", "Aralık 1991", "12.1991" or just "1991".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from quizapp.core.model import PartialDate

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _valid(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1 <= year <= 9999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None:
            return None
        try:
            date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


def parse_iso_partial_date(text: str) -> PartialDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or ``None`` if *text* is not one of those."""
    match = _ISO.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    return _valid(int(year), int(month) if month else None, int(day) if day else None)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("İ", "i").replace("I", "ı")
    return text.lower()


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Every month name and abbreviation in Turkish, English and Kazakh, folded, to its number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for language in ("tr", "en", "kk"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    folded = _fold(name).rstrip(".")
                    names[folded] = number
                    if language == "en":
                        # English is often typed with a capital I that the Turkish fold would dot.
                        names[name.lower().rstrip(".")] = number
    return names


_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
# Words that decorate dates but carry no value: Kazakh "ж." (year), "жылы", English "of", ordinals.
_NOISE = {"ж", "жыл", "жылы", "жылғы", "of", "the", "st", "nd", "rd", "th", "yılı", "yil", "г", "year"}


def parse_user_date(text: str) -> PartialDate | None:
    """A date typed by a student in any of the supported languages, or ``None``.

    Numeric forms are read day-first (``16.12.1991``), as in Turkey and Kazakhstan, except
    ISO ``1991-12-16`` and a leading four-digit year (``1991.12.16``).
    """
    iso = parse_iso_partial_date(text)
    if iso is not None:
        return iso
    months = _month_names()
    numbers: list[int] = []
    month_from_name: int | None = None
    first_is_year = False
    for token in _TOKEN.findall(text):
        if token.isdigit():
            if not numbers and month_from_name is None and len(token) == 4:
                first_is_year = True
            numbers.append(int(token))
            continue
        folded = _fold(token)
        if folded in _NOISE or token.lower() in _NOISE:
            continue
        month = months.get(folded) or months.get(token.lower())
        if month is None or month_from_name is not None:
            return None
        month_from_name = month
    if month_from_name is not None:
        years = [n for n in numbers if n >= 100]
        days = [n for n in numbers if n < 100]
        if len(years) != 1 or len(days) > 1:
            return None
        return _valid(years[0], month_from_name, days[0] if days else None)
    if len(numbers) == 1:
        return _valid(numbers[0], None, None) if numbers[0] >= 100 else None
    if len(numbers) == 2:
        if first_is_year:
            return _valid(numbers[0], numbers[1], None)
        return _valid(numbers[1], numbers[0], None)
    if len(numbers) == 3:
        if first_is_year:
            return _valid(numbers[0], numbers[1], numbers[2])
        return _valid(numbers[2], numbers[1], numbers[0])
    return None
