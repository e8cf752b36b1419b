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


# Month names typed without the Turkish or Kazakh letters (a keyboard without them): "aralik",
# "subat", "желтоксан", "кыркуйек". Only used to read month and day names, never to grade text.
_PLAIN_LETTERS = str.maketrans("çğıöşüâîûқңғүұөәһі", "cgiosuaiuкнгууоахи")
# Case endings a month name may carry: Turkish "Aralıkta", "Aralık'ta"; Kazakh "желтоқсанда",
# "желтоқсанның", "наурызында". Longest first.
_MONTH_SUFFIXES = sorted(
    {
        *("da", "de", "ta", "te", "nda", "nde", "ında", "inde", "unda", "ünde", "ın", "in", "un", "ün"),
        *("ından", "inden", "dan", "den", "tan", "ten", "ı", "i", "u", "ü", "sı", "si", "su", "sü"),
        *("да", "де", "та", "те", "нда", "нде", "ында", "інде", "ның", "нің", "дың", "дің", "тың", "тің"),
        *("нан", "нен", "дан", "ден", "тан", "тен", "ы", "і", "сы", "сі", "ынан", "інен"),
    },
    key=len,
    reverse=True,
)


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Every month name and abbreviation in Turkish, English and Kazakh, folded, to its number
    (also spelt without the Turkish and Kazakh letters)."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for language in ("tr", "en", "kk"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    folded = _fold(name).rstrip(".")
                    names[folded] = number
                    names[folded.translate(_PLAIN_LETTERS)] = number
                    if language == "en":
                        # English is often typed with a capital I that the Turkish fold would dot.
                        names[name.lower().rstrip(".")] = number
    return names


@lru_cache(maxsize=1)
def _ignorable() -> frozenset[str]:
    """Words that carry no value in a date: _NOISE and weekday names ("16 Aralık 1991 Pazartesi")."""
    from babel.dates import get_day_names

    names: set[str] = set()
    for language in ("tr", "en", "kk"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for name in get_day_names(width, context, language).values():
                    folded = _fold(name).rstrip(".")
                    names |= {folded, folded.translate(_PLAIN_LETTERS), name.lower().rstrip(".")}
    return frozenset(names | _NOISE | _PLAIN_NOISE)


def _month(token: str) -> int | None:
    """The month *token* names, allowing a case ending and missing Turkish/Kazakh letters."""
    months = _month_names()
    for candidate in (_fold(token), token.lower()):
        for word in (candidate, candidate.translate(_PLAIN_LETTERS)):
            if word in months:
                return months[word]
            for suffix in _MONTH_SUFFIXES:
                stem = word[: -len(suffix)]
                if word.endswith(suffix) and len(stem) >= 3 and stem in months:
                    return months[stem]
    return None


_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
# A suffix joined with an apostrophe ("1991'de", "Aralık'ta") or, after a number, a hyphen
# (Kazakh ordinals "16-шы", "1991-жылы").
_JOINED_SUFFIX = re.compile(r"(?<=\d)[-'’ʼ][^\W\d_]+|(?<=[^\W\d_])['’ʼ][^\W\d_]+", re.UNICODE)
# Words that decorate dates but carry no value: Kazakh "ж." (year), "жылы", English "of", ordinals.
_NOISE = {
    *("ж", "жыл", "жылы", "жылғы", "жылдың", "күні", "г"),
    *("yıl", "yılı", "yılında", "yılının", "ay", "ayı", "ayında", "tarih", "tarihi", "tarihinde", "günü"),
    *("айы", "айында"),
    *("of", "the", "st", "nd", "rd", "th", "year", "on", "in"),
}
# The same words as typed without Turkish or Kazakh letters ("yili", "жылгы").
_PLAIN_NOISE = frozenset(word.translate(_PLAIN_LETTERS) for word in _NOISE)


def parse_user_date(text: str) -> PartialDate | None:
    """A date typed by a student in any of the supported languages, or ``None``.

    Numeric forms are read day-first (``16.12.1991``), as in Turkey and Kazakhstan, except
    ISO ``1991-12-16`` and a leading four-digit year (``1991.12.16``). A year needs at least three
    digits: "16.12.91" is not read as the year 91.
    """
    iso = parse_iso_partial_date(text)
    if iso is not None:
        return iso
    ignorable = _ignorable()
    numbers: list[int] = []
    month_from_name: int | None = None
    first_is_year = False
    for token in _TOKEN.findall(_JOINED_SUFFIX.sub("", unicodedata.normalize("NFKC", text))):
        if token.isdigit():
            if not numbers and month_from_name is None and len(token) == 4:
                first_is_year = True
            numbers.append(int(token))
            continue
        folded = _fold(token)
        if folded in ignorable or token.lower() in ignorable or folded.translate(_PLAIN_LETTERS) in ignorable:
            continue
        month = _month(token)
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
        year, month = (numbers[0], numbers[1]) if first_is_year else (numbers[1], numbers[0])
        return _valid(year, month, None) if year >= 100 else None
    if len(numbers) == 3:
        year, month, day = numbers if first_is_year else (numbers[2], numbers[1], numbers[0])
        return _valid(year, month, day) if year >= 100 else None
    return None
