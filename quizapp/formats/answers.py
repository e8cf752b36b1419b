"""A question's right answer and its source, as text in a given language.

Exports need these words in the language they write, not in the interface language of whoever
runs the command: Anki's card backs, Moodle's general feedback ("Kaynak: …" for a Turkish
export), and the explanation given to an imported question that came without one. So every
function here takes the language explicitly and translates through that language's catalog.
"""

from __future__ import annotations

import datetime

from quizapp.core.model import (
    Bank,
    ChoiceQuestion,
    DateQuestion,
    LocalizedText,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    PartialDate,
    Question,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.formats.refs import question_sources
from quizapp.i18n import format_list, format_number, format_partial_date, translations


def translate(message: str, language: str) -> str:
    """*message* (an English msgid marked elsewhere) in *language*."""
    return translations(language).gettext(message)


def _text(text: LocalizedText | None, language: str, fallback: str) -> str:
    return text.get_text(language, fallback) if text is not None else ""


def truefalse(value: bool, language: str) -> str:
    """ "True"/"False" in *language*."""
    return translate("True", language) if value else translate("False", language)


def right_answer(question: Question, language: str, fallback: str) -> str:
    """The right answer of *question* as readable text in *language*."""
    match question:
        case ChoiceQuestion():
            choice = next((c for c in question.choices if c.id == question.answer), None)
            return _text(choice.text if choice else None, language, fallback)
        case MultiQuestion():
            names = [_text(c.text, language, fallback) for c in question.choices if c.id in question.answers]
            return format_list(names, language)
        case TrueFalseQuestion():
            return truefalse(question.answer, language)
        case TextQuestion():
            return question.shown_answer(language, fallback)
        case NumberQuestion():
            text = format_number(question.answer, language)
            if question.tolerance:
                text += " ± " + format_number(question.tolerance, language)
            if question.unit:
                text += " " + _text(question.unit, language, fallback)
            return text
        case DateQuestion():
            date = question.answer
            return format_partial_date(date.year, date.month, date.day, language)
        case OrderQuestion():
            return " → ".join(_text(item, language, fallback) for item in question.items)
        case MatchQuestion():
            return "; ".join(
                f"{_text(p.left, language, fallback)} = {_text(p.right, language, fallback)}"
                for p in question.pairs
            )
    return ""


def citation(bank: Bank, question: Question, language: str, fallback: str) -> str:
    """Where *question*'s facts come from, in *language*: "Source: Document — Section", or
    "Sources: A — x and B — y" when it cites several passages (as the app shows it)."""
    places = []
    for ref in question_sources(question):
        document = bank.source_document(ref.document)
        if document is None:
            continue
        where = _text(document.title, language, fallback)
        section = document.section(ref.section)
        if section is not None:
            where += " — " + _text(section.title, language, fallback)
        places.append(where)
    if not places:
        return ""
    if len(places) == 1:
        return translate("Source: ", language) + places[0]
    return translate("Sources: ", language) + format_list(places, language)


def date_spellings(date: PartialDate, languages: tuple[str, ...]) -> list[str]:
    """Ways to write *date* that a typed-answer question should accept, ISO first."""
    spellings = [date.iso()]
    if date.month is not None:
        numeric = f"{date.month:02d}.{date.year}"
        if date.day is not None:
            numeric = f"{date.day:02d}." + numeric
            spellings.append(f"{date.day}.{date.month}.{date.year}")
        spellings.append(numeric)
        for language in languages:
            spellings.append(format_partial_date(date.year, date.month, date.day, language))
        if "en" in languages and date.day is not None:
            # Babel's long English form is "December 16, 1991"; British order is as common.
            from babel.dates import format_date

            spellings.append(
                format_date(datetime.date(date.year, date.month, date.day), "d MMMM y", locale="en")
            )
    unique: list[str] = []
    for spelling in spellings:
        if spelling not in unique:
            unique.append(spelling)
    return unique
