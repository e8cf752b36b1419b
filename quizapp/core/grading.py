"""Checking answers and giving credit, for every kind of question.

Credit is a number from 0 to 1 (the share of the question's points earned). Partial credit
(never negative):

- ``multi``: (right choices ticked − wrong choices ticked) ÷ number of right choices, at least 0;
- ``order``: the share of items in their right place;
- ``match``: the share of left-hand items paired with their right-hand item.

Typed answers (``text``) are right when they equal an accepted answer of any language under that
language's rules, in the forms students type (``quizapp.core.answer_forms`` holds the rules and
the tables):

- always: NFC, case (Turkish ``I``/``ı`` and ``İ``/``i`` are case pairs in Turkish), runs of
  spaces and punctuation at the ends are ignored;
- unless the question or its bank says ``match: exact``: quotes; hyphen, space or nothing between
  the parts of a name; initials before or after a surname; English "the" at the start; Turkish
  letters typed as ASCII (``Kirim``) and Kazakh letters typed with their Russian look-alikes
  (``Кырым``); and one inflectional ending from the language's closed list on the last word, in
  the variant the answer takes (``Kırım'da``, ``Rusya'nın``, ``Астанада``, ``Ресеймен``,
  ``Putin's``). A prefix of an answer and a derivational suffix (``Rus``, ``Astanalı``) stay wrong.

A typed answer accepted in another spelling or form says so (:attr:`Grade.accepted_as`), so that
the student sees the answer as the bank spells it. Numbers and dates have readers of their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.core.answer_forms import FormMatch, accepted_forms
from quizapp.core.answer_forms import normalize_text as normalize_text  # re-exported: it lived here
from quizapp.core.dates import parse_user_date
from quizapp.core.model import (
    AnswerMatch,
    ChoiceQuestion,
    DateQuestion,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    PartialDate,
    Question,
    TextQuestion,
    TrueFalseQuestion,
)

#: An answer as the UI produces it and storage keeps it (JSON-compatible):
#: choice → choice id; multi → list of choice ids; truefalse → bool; text/number/date → the typed
#: string; order → list of item indexes (into ``items``) in the order given; match → list, for each
#: pair, of the index into ``right_options`` chosen (or None).
Answer = Any

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
# One number: digits with group/decimal separators inside; a unit, currency or % may surround it.
_NUMBER_RUN = re.compile(r"[-+]?\d(?:[\d.,' ]*\d)?")
_SCIENTIFIC = re.compile(r"[-+]?\d+(?:\.\d+)?[eE][-+]?\d+")
_SPACE_GROUPED = re.compile(r"[-+]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
# "1.234" / "1,234": a Turkish/Kazakh thousand or an English decimal (and the other way round).
_AMBIGUOUS = re.compile(r"([-+]?)([1-9]\d{0,2})[.,](\d{3})")
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+")


def _number_core(text: str) -> str | None:
    """The one number in *text* (separators kept, spaces inside it normalised), or None."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_MINUS).strip()
    cleaned = re.sub(r"[\u202f\xa0\u2009\u2007]", " ", cleaned)
    if _SCIENTIFIC.fullmatch(cleaned):
        return cleaned
    runs = _NUMBER_RUN.findall(cleaned)
    if len(runs) != 1:
        return None
    run = runs[0].strip()
    if " " in run and not _SPACE_GROUPED.fullmatch(run):
        return None
    return run.replace(" ", "").replace("'", "")


def parse_number(text: str) -> float | None:
    """A number typed the Turkish, Kazakh or English way: ``1.234,5``, ``1 234,5``, ``1,234.5``.

    A lone separator before a single group of three digits ("1.234", "1,234") is read as a decimal
    point here; :func:`number_readings` gives both readings.
    """
    cleaned = _number_core(text)
    if cleaned is None:
        return None
    if _SCIENTIFIC.fullmatch(cleaned):
        return float(cleaned)
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        head, _, tail = cleaned.rpartition(decimal)
        if decimal in head or not re.fullmatch(rf"[-+]?\d{{1,3}}(?:\{thousands}\d{{3}})*", head):
            return None
        cleaned = head.replace(thousands, "") + "." + tail
    elif cleaned.count(",") > 1 or cleaned.count(".") > 1:
        # Only thousands separators: "1.234.567", "1,234,567".
        if not _GROUPED.fullmatch(cleaned):
            return None
        cleaned = cleaned.replace(",", "").replace(".", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def number_readings(text: str) -> tuple[float, ...]:
    """Every reasonable reading of a typed number: "1.234" is 1234 in Turkish and Kazakh and
    1.234 in English, so both; an unambiguous number has one reading; not a number, none."""
    value = parse_number(text)
    if value is None:
        return ()
    core = _number_core(text) or ""
    ambiguous = _AMBIGUOUS.fullmatch(core)
    if ambiguous:
        sign, head, tail = ambiguous.groups()
        grouped = float(f"{sign}{head}{tail}")
        if grouped != value:
            return (value, grouped)
    return (value,)


@dataclass(frozen=True, slots=True)
class Grade:
    """The outcome of one answer."""

    #: Share of the points earned, 0–1.
    credit: float
    #: Points earned (credit × the question's points).
    points: float
    #: Points available.
    max_points: float
    #: Why no credit was given although the answer was understood (e.g. "not precise enough").
    note: str | None = None
    #: A typed answer accepted in another spelling or form: the accepted answer it stands for, as
    #: the bank spells it ("Kırım" for "Kirim'de"); None when typed as listed (or not accepted).
    accepted_as: str | None = None
    #: Whether that was another spelling (letters, hyphens, word order), not just an ending.
    respelled: bool = False

    @property
    def correct(self) -> bool:
        """Full credit."""
        return self.credit >= 0.999999

    @property
    def partial(self) -> bool:
        """Some but not full credit."""
        return 0 < self.credit < 0.999999


#: Notes (English msgids) that the UI translates.
NOTE_NOT_PRECISE = "The answer needs a more precise date."
NOTE_NOT_A_DATE = "That is not a date the app understands."
NOTE_NOT_A_NUMBER = "That is not a number."


def grade(question: Question, answer: Answer) -> Grade:
    """Grade *answer* to *question*; an empty or malformed answer earns nothing."""
    if isinstance(question, TextQuestion) and answer is not None:
        found = match_text(question.answers, str(answer), exact=question.match is AnswerMatch.EXACT)
        if found is None:
            return Grade(0.0, 0.0, question.points)
        if found.as_listed:
            return Grade(1.0, question.points, question.points)
        return Grade(1.0, question.points, question.points, None, found.answer, found.respelled)
    credit, note = _credit(question, answer)
    credit = max(0.0, min(1.0, credit))
    return Grade(credit, credit * question.points, question.points, note)


def _credit(question: Question, answer: Answer) -> tuple[float, str | None]:
    if answer is None:
        return 0.0, None
    match question:
        case ChoiceQuestion():
            return (1.0 if answer == question.answer else 0.0), None
        case MultiQuestion():
            if not isinstance(answer, (list, tuple, set, frozenset)):
                return 0.0, None
            ticked = {a for a in answer if isinstance(a, str)}
            right = len(ticked & question.answers)
            wrong = len(ticked - question.answers)
            return (right - wrong) / len(question.answers), None
        case TrueFalseQuestion():
            return (1.0 if answer is question.answer else 0.0), None
        case NumberQuestion():
            values = number_readings(str(answer))
            if not values:
                return 0.0, NOTE_NOT_A_NUMBER
            right = any(abs(value - question.answer) <= question.tolerance + 1e-9 for value in values)
            return (1.0 if right else 0.0), None
        case DateQuestion():
            given = parse_user_date(str(answer))
            if given is None:
                return 0.0, NOTE_NOT_A_DATE
            return date_credit(question.answer, given)
        case OrderQuestion():
            return order_credit(len(question.items), answer), None
        case MatchQuestion():
            return match_credit(len(question.pairs), len(question.right_options), answer), None
    return 0.0, None


def match_text(accepted: Mapping[str, Sequence[str]], given: str, *, exact: bool = False) -> FormMatch | None:
    """How *given* meets an accepted answer of any language, under that language's rules, or None.

    With *exact* (``match: exact``) only the normalisation applies (case, spaces, punctuation at
    the ends). Otherwise the closest reading wins: as listed, then another spelling or an ending.
    """
    best: FormMatch | None = None
    for language, answers in accepted.items():
        found = accepted_forms(language, tuple(answers)).match(given, exact=exact)
        if found is None:
            continue
        if found.as_listed:
            return found
        if best is None or (found.respelled, bool(found.ending)) < (best.respelled, bool(best.ending)):
            best = found
    return best


def prepare(question: Question) -> None:
    """Prepare what grading a typed answer to *question* needs (a text question's accepted forms,
    cached), so that the first answer is checked as fast as the next: call it when it is shown."""
    if isinstance(question, TextQuestion):
        for language, answers in question.answers.items():
            accepted_forms(language, tuple(answers))


def text_matches(accepted: Mapping[str, Sequence[str]], given: str, *, exact: bool = False) -> bool:
    """Whether *given* is an accepted answer of any language (see :func:`match_text`)."""
    return match_text(accepted, given, exact=exact) is not None


def date_credit(expected: PartialDate, given: PartialDate) -> tuple[float, str | None]:
    """Full credit if *given* matches *expected* to the precision *expected* has."""
    if given.precision < expected.precision:
        if given == expected.truncated(given.precision):
            return 0.0, NOTE_NOT_PRECISE
        return 0.0, None
    return (1.0 if given.truncated(expected.precision) == expected else 0.0), None


def order_credit(count: int, answer: Answer) -> float:
    """The share of items placed in their right position (``answer[i]`` = item put at i)."""
    if not isinstance(answer, (list, tuple)) or not count:
        return 0.0
    return sum(1 for position, item in enumerate(answer[:count]) if item == position) / count


def match_credit(pairs: int, options: int, answer: Answer) -> float:
    """The share of left-hand items given their own right-hand item (index i for pair i)."""
    if not isinstance(answer, (list, tuple)) or not pairs:
        return 0.0
    return sum(1 for index, chosen in enumerate(answer[:pairs]) if chosen == index) / pairs


def is_answered(question: Question, answer: Answer) -> bool:
    """Whether *answer* counts as an attempt (for "unanswered" counts in exams)."""
    if answer is None:
        return False
    if isinstance(question, (TextQuestion, NumberQuestion, DateQuestion)):
        return bool(str(answer).strip())
    if isinstance(question, MultiQuestion):
        return bool(answer)
    if isinstance(question, MatchQuestion):
        return isinstance(answer, (list, tuple)) and any(a is not None for a in answer)
    return True
