"""Answers as readable text in the current language, without Textual.

The quiz screens, ``quizapp results`` (the spreadsheet columns) and ``quizapp report`` (the most
common wrong answers) all say what a student answered and what the right answer was, the same
way: a choice by its option text, a multi by its option texts as a list, order and match item by
item. Everything here returns plain strings; the UI wraps them as literal Content (bank text is
never markup).
"""

from __future__ import annotations

from quizapp.core.grading import Answer
from quizapp.core.model import (
    ChoiceQuestion,
    DateQuestion,
    LocalizedText,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.i18n import _, format_list, format_number, format_partial_date, format_quantity, get_language

#: Shown for no answer at all.
NO_ANSWER = "—"


def localized(text: LocalizedText | None, fallback: str = "en") -> str:
    """*text* in the current language (or the fallback), as a plain string."""
    if text is None:
        return ""
    return text.get_text(get_language(), fallback)


def truefalse_label(value: bool) -> str:
    """ "True"/"False" in the current language."""
    return _("True") if value else _("False")


def describe_answer(question: Question, answer: Answer, fallback: str = "en") -> str:
    """A student's *answer* as readable text in the current language ("—" if none)."""
    if answer is None or answer == "" or answer == []:
        return NO_ANSWER
    try:
        match question:
            case ChoiceQuestion():
                choice = next((c for c in question.choices if c.id == answer), None)
                return localized(choice.text, fallback) if choice else NO_ANSWER
            case MultiQuestion():
                names = [localized(c.text, fallback) for c in question.choices if c.id in answer]
                return format_list(names) if names else NO_ANSWER
            case TrueFalseQuestion():
                return truefalse_label(bool(answer))
            case TextQuestion() | NumberQuestion() | DateQuestion():
                return str(answer).strip() or NO_ANSWER
            case OrderQuestion():
                return " → ".join(localized(question.items[i], fallback) for i in answer)
            case MatchQuestion():
                options = question.right_options
                parts = []
                for pair, chosen in zip(question.pairs, answer, strict=False):
                    right = localized(options[chosen], fallback) if chosen is not None else "?"
                    parts.append(f"{localized(pair.left, fallback)} – {right}")
                return format_list(parts)  # "Putin – Russia and Xi – China", as a sentence
    except (IndexError, TypeError, ValueError):
        return NO_ANSWER
    return str(answer)


def describe_right_answer(question: Question, fallback: str = "en") -> str:
    """The right answer as readable text in the current language."""
    language = get_language()
    match question:
        case ChoiceQuestion():
            return describe_answer(question, question.answer, fallback)
        case MultiQuestion():
            return describe_answer(question, sorted(question.answers), fallback)
        case TrueFalseQuestion():
            return truefalse_label(question.answer)
        case TextQuestion():
            return question.shown_answer(language, fallback)
        case NumberQuestion():
            if question.unit_name:
                # Babel puts the unit where the language wants it, in the form the number needs.
                text = format_quantity(question.answer, question.unit_name)
                if question.tolerance:
                    text += " ± " + format_quantity(question.tolerance, question.unit_name)
                return text
            text = format_number(question.answer)
            if question.tolerance:
                text += " ± " + format_number(question.tolerance)
            if question.unit:
                text += " " + localized(question.unit, fallback)
            return text
        case DateQuestion():
            date = question.answer
            return format_partial_date(date.year, date.month, date.day)
        case OrderQuestion():
            return describe_answer(question, list(range(len(question.items))), fallback)
        case MatchQuestion():
            return describe_answer(question, list(range(len(question.pairs))), fallback)
    return ""
