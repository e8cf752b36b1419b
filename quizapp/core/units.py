"""Measurement units a bank names instead of translating them (``unit: year``).

A translated unit (``unit: {en: years, …}``) is shown as written whatever the number, so a bank
that writes ``year`` shows "4 year". A unit named by its CLDR identifier is written by Babel in
each language with the form the number needs: "1 year", "4 years", "4 yıl", "4 жыл". A name is
the identifier itself (``duration-year``, ``area-square-kilometer``) or its last part where that
names one unit only (``year``, ``square-kilometer``, ``percent``); Babel's own fuzzy lookup is not
used, since it takes ``person`` for ``duration-day-person``.
"""

from __future__ import annotations

from functools import cache


@cache
def _known_units() -> frozenset[str]:
    from babel import Locale

    return frozenset(Locale.parse("en").unit_display_names)


def measurement_unit(name: str) -> str | None:
    """The CLDR unit identifier *name* stands for, or None if it names none (or several)."""
    units = _known_units()
    wanted = name.strip().lower().replace(" ", "-")
    for candidate in (wanted, wanted.removesuffix("s")):  # "years" is meant as "year"
        if candidate in units:
            return candidate
        matches = [unit for unit in units if unit.split("-", 1)[-1] == candidate]
        if len(matches) == 1:
            return matches[0]
    return None


#: Some units a bank may name, for error messages.
EXAMPLES = ("year", "month", "day", "hour", "kilometer", "square-kilometer", "percent", "kilogram")
