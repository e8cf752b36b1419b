"""Translation and locale-aware formatting for the whole app.

Strings are English msgids marked with ``_()``/``ngettext()``/``N_()`` and translated when they
are drawn, never at import time, so the language can change live. The current language is a
module-level setting; the UI listens for changes with :func:`add_listener`.

Catalogs are compiled ``.mo`` files in an installed wheel; in a source checkout the ``.po`` files
are compiled on first use, so no build step is needed for development, and the result is kept in
the cache directory under the hash of the ``.po`` (compiling imports Babel's parser and takes
about 40 ms, a tenth of the app's start-up).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from io import BytesIO
from pathlib import Path

from quizapp.paths import bundled_locales_dir

DOMAIN = "quizapp"
#: The interface languages, in the order they are offered.
LANGUAGES: tuple[str, ...] = ("tr", "en", "kk")
#: Each language in its own name, for the language picker.
LANGUAGE_NAMES: Mapping[str, str] = {"tr": "Türkçe", "en": "English", "kk": "Қазақ тілі"}
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def get_language() -> str:
    """The current interface language code."""
    return _current


def set_language(language: str) -> None:
    """Switch the interface language and tell every listener."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {', '.join(LANGUAGES)}")
    if language == _current:
        return
    _current = language
    for listener in list(_listeners):
        listener(language)


def add_listener(listener: Callable[[str], None]) -> None:
    """Call *listener(language)* after every language change."""
    _listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    """Stop calling *listener*."""
    if listener in _listeners:
        _listeners.remove(listener)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog for *language*: the compiled ``.mo`` if present and fresh, else the ``.po``."""
    base = bundled_locales_dir() / language / "LC_MESSAGES"
    mo_path, po_path = base / f"{DOMAIN}.mo", base / f"{DOMAIN}.po"
    if mo_path.is_file() and (not po_path.is_file() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po_path.is_file():
        return _compiled_po(po_path)
    return _gettext.NullTranslations()


def _compiled_po(po_path: Path) -> _gettext.NullTranslations:
    """The ``.po`` at *po_path*, compiled: from the cache if it holds this very ``.po``'s ``.mo``."""
    import hashlib

    from quizapp.paths import cache_dir

    source = po_path.read_bytes()
    key = hashlib.blake2b(source, digest_size=16).hexdigest()
    cached = cache_dir() / "locales" / f"{po_path.parent.parent.name}-{key}.mo"
    try:
        return _gettext.GNUTranslations(BytesIO(cached.read_bytes()))
    except Exception:  # missing, unreadable or damaged: compile it again
        pass
    compiled = _compile_po(source)
    _store_atomically(cached, compiled)
    return _gettext.GNUTranslations(BytesIO(compiled))


def _compile_po(source: bytes) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source))
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _store_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file; a cache that cannot be written is skipped."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".mo")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass


def gettext(message: str) -> str:
    """Translate *message* into the current language."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate the form of *singular*/*plural* that fits *count* in the current language."""
    return translations(_current).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate *message* in *context* (for words that differ by use)."""
    return translations(_current).pgettext(context, message)


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it now (translate it when drawn)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction; translate it later with :func:`ngettext`."""
    return singular, plural


_ = gettext


# --- Start-up language -------------------------------------------------------------------


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system locale asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``), if it is one of ours; else English."""
    env = os.environ if environ is None else environ
    from babel import Locale, UnknownLocaleError

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if not value:
            continue
        for candidate in value.split(":"):
            candidate = candidate.split(".")[0].split("@")[0]
            if not candidate or candidate in ("C", "POSIX"):
                continue
            try:
                language = Locale.parse(candidate, sep="_" if "_" in candidate else "-").language
            except (ValueError, UnknownLocaleError):
                continue
            if language in LANGUAGES:
                return language
        if name != "LANGUAGE":
            # The first set variable of LC_ALL/LC_MESSAGES/LANG decides, as in POSIX.
            break
    return DEFAULT_LANGUAGE


# --- Formatting with Babel -----------------------------------------------------------------


def _locale(language: str | None) -> str:
    return language or _current


def format_date(value: date | datetime, language: str | None = None) -> str:
    """A date the way *language* writes it in full: 16 Aralık 1991 / December 16, 1991 / 1991 ж. 16 желтоқсан."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="long", locale=_locale(language))


def format_partial_date(year: int, month: int | None, day: int | None, language: str | None = None) -> str:
    """A year, a month of a year, or a full date, localised."""
    from babel.dates import format_date as babel_format_date
    from babel.dates import format_skeleton

    loc = _locale(language)
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", date(year, month, 1), locale=loc)
    return babel_format_date(date(year, month, day), format="long", locale=loc)


def format_datetime(value: datetime, language: str | None = None) -> str:
    """A date and time, medium length."""
    from babel.dates import format_datetime as babel_format_datetime

    return babel_format_datetime(value, format="medium", locale=_locale(language))


def format_day(value: date | datetime, language: str | None = None) -> str:
    """A day of the year, short and without the year: 24 Kas / Nov 24 / 24 қар."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", value, locale=_locale(language))


def format_moment(value: datetime, language: str | None = None) -> str:
    """A date and a time to the minute, short (for lists of past quizzes): 24 Kas 2026 10:05."""
    from babel.dates import format_skeleton, format_time

    loc = _locale(language)
    return f"{format_skeleton('yMMMd', value, locale=loc)} {format_time(value, 'short', locale=loc)}"


def format_number(value: float, language: str | None = None) -> str:
    """A number with the locale's separators (1.234,5 in Turkish)."""
    if type(value) is int and 0 <= value < 1000:
        # No separator or sign to place: the same in every language we offer (a test checks it
        # against Babel), and it spares the home screen's first frame Babel's number tables.
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(language))


def format_fixed(value: float, places: int = 2, language: str | None = None) -> str:
    """A number with exactly *places* decimals, the locale's way (0,67 in Turkish)."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="0." + "0" * places if places else "0", locale=_locale(language))


def format_percent(ratio: float, language: str | None = None) -> str:
    """A ratio as a whole percentage, with the locale's sign placement (%86 in Turkish)."""
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(round(ratio, 2), locale=_locale(language))


def format_list(items: Sequence[str], language: str | None = None) -> str:
    """Items joined as a sentence the locale's way: "A, B, and C", "A, B ve C", "A, B және C".

    Babel's patterns, except where the locale's last join has no word at all (CLDR's Kazakh
    writes "A, B, C"): there the last two items are joined the way a pair is ("A және B"), so the
    list still reads as a sentence.
    """
    from babel import Locale

    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    patterns = Locale.parse(_locale(language)).list_patterns["standard"]
    if len(items) == 2:
        return patterns["2"].format(*items)
    end = patterns["end"]
    if not end.replace("{0}", "").replace("{1}", "").strip(" ,"):
        end = patterns["2"]
    text = end.format(items[-2], items[-1])
    for item in reversed(items[1:-2]):
        text = patterns["middle"].format(item, text)
    return patterns["start"].format(items[0], text)


def format_quantity(value: float, unit: str, language: str | None = None) -> str:
    """A number with a CLDR *unit* (``duration-year``), in the plural it needs: "1 year",
    "4 years", "4 yıl", "4 жыл"."""
    from babel.units import format_unit

    return format_unit(value, unit, length="long", locale=_locale(language))


def unit_display_name(unit: str, language: str | None = None) -> str:
    """A CLDR *unit*'s name for a count of several: "years", "yıl", "жыл"."""
    from babel.units import get_unit_name

    return get_unit_name(unit, length="long", locale=_locale(language)) or unit


def format_duration(seconds: float, language: str | None = None) -> str:
    """An elapsed time such as "3 dakika" or "1 сағат", rounded the way people say it."""
    from babel.dates import format_timedelta

    return format_timedelta(
        timedelta(seconds=max(0, round(seconds))), threshold=1.0, locale=_locale(language)
    )


def format_clock(seconds: float) -> str:
    """A countdown or stopwatch reading: ``m:ss`` or ``h:mm:ss`` (the same in every language)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_relative(delta: timedelta, language: str | None = None) -> str:
    """A time relative to now: "in 3 days", "3 gün sonra", "3 күннен кейін"."""
    from babel.dates import format_timedelta

    # Whole seconds first: a due time computed a moment ago is a hair short of its interval, and
    # Babel would round 59.9 s to "60 seconds" instead of moving up to "1 minute".
    delta = timedelta(seconds=round(delta.total_seconds()))
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=_locale(language))
