"""A bank may name a unit (``unit: year``) instead of translating it; the app then writes it in
every language with the plural the number needs, where a translated "year" would read "4 year"."""

from __future__ import annotations

import pytest

from quizapp.core.errors import BankError, Severity
from quizapp.core.loading import load_bank_bytes
from quizapp.core.model import NumberQuestion, question_from_data, question_to_data
from quizapp.core.units import measurement_unit
from tests.core.test_loading import HEADER, question, where


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("year", "duration-year"),
        ("years", "duration-year"),
        ("Year", "duration-year"),
        ("duration-year", "duration-year"),
        ("square-kilometer", "area-square-kilometer"),
        ("square kilometers", "area-square-kilometer"),
        ("percent", "concentr-percent"),
        ("kilogram", "mass-kilogram"),
        ("person", None),  # Babel's fuzzy lookup would take duration-day-person
        ("agreements", None),
        ("km", None),
    ],
)
def test_measurement_unit(name: str, unit: str | None) -> None:
    assert measurement_unit(name) == unit


def number_bank(unit_line: str) -> bytes:
    return (HEADER + question("number", f"    answer: 4\n{unit_line}")).encode()


def test_a_named_unit_loads_and_round_trips() -> None:
    loaded = load_bank_bytes(number_bank("    unit: years\n"), strict=True)
    (number,) = loaded.bank.questions
    assert isinstance(number, NumberQuestion)
    assert number.unit_name == "duration-year" and number.unit is None
    assert question_from_data(question_to_data(number)) == number


def test_a_translated_unit_still_loads() -> None:
    loaded = load_bank_bytes(
        number_bank("    unit: {tr: anlaşma, en: agreements, kk: келісім}\n"), strict=True
    )
    (number,) = loaded.bank.questions
    assert isinstance(number, NumberQuestion)
    assert number.unit is not None and number.unit["en"] == "agreements" and number.unit_name is None


def test_an_unknown_unit_name_points_at_it_and_says_what_to_write() -> None:
    with pytest.raises(BankError) as caught:
        load_bank_bytes(number_bank("    unit: agreements\n"))
    errors = [p for p in caught.value.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1
    assert where(errors[0]) == "22:11"
    assert "'agreements' is not a unit the app can write in every language" in errors[0].message
    assert "year" in errors[0].message and "{tr: …, en: …, kk: …}" in errors[0].message
