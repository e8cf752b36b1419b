"""Anki: a text file for Anki's File ▸ Import, one Basic note per question.

The file follows the Anki manual's "Text files" page: UTF-8, tab-separated, HTML fields, and
header lines that make the import need no choices in Anki's dialog::

    #separator:tab
    #html:true
    #notetype:Basic
    #deck:Kazakistan'ın Dış Politikası
    #guid column:1
    #tags column:4

Anki has no multiple-choice or ordering notes, so the front shows the prompt and the options
(the items to order or to match in alphabetical order, never in the answer's order) and the
back the answer, the explanation and the source. The GUID column is derived from the bank id,
the question id and the language: importing a newer export of the same bank updates the notes
(keeping their review history) instead of adding duplicates, and a Turkish and a Kazakh deck of
the same bank stay apart. Tags are the question's topics.
"""

from __future__ import annotations

import base64
import hashlib

from quizapp.core.model import (
    LANGUAGES,
    ChoiceQuestion,
    MatchQuestion,
    MultiQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
)
from quizapp.formats.answers import citation, right_answer, translate, truefalse
from quizapp.formats.exporting import Exporter
from quizapp.formats.html import text_to_html

LETTERS = "ABCDEFGH"


def guid(bank_id: str, question_id: str, language: str) -> str:
    """A stable note id for one question of one bank in one language (12 characters)."""
    digest = hashlib.blake2b(f"{bank_id}\x1f{question_id}\x1f{language}".encode(), digest_size=9).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def _html(text: str) -> str:
    return text_to_html(text).replace('"', "&quot;")


def _sorted_texts(texts: list[str]) -> list[str]:
    return sorted(texts, key=lambda text: (text.casefold(), text))


class _AnkiWriter:
    def __init__(self, exporter: Exporter) -> None:
        self.x = exporter

    def text(self, question: Question, value: object, language: str) -> str:
        from quizapp.core.model import LocalizedText

        assert isinstance(value, LocalizedText)
        if self.x.language == "all":
            return value.get_text(language, self.x.fallback)
        return self.x.one(value, question)

    def front(self, question: Question, language: str) -> str:
        parts = [_html(self.text(question, question.prompt, language))]
        match question:
            case ChoiceQuestion() | MultiQuestion():
                parts += [
                    f"{LETTERS[i]}. {_html(self.text(question, choice.text, language))}"
                    for i, choice in enumerate(question.choices)
                ]
            case TrueFalseQuestion():
                parts.append(f"({_html(truefalse(True, language))} / {_html(truefalse(False, language))})")
            case OrderQuestion():
                items = _sorted_texts([self.text(question, item, language) for item in question.items])
                parts += [f"• {_html(item)}" for item in items]
            case MatchQuestion():
                lefts = [self.text(question, pair.left, language) for pair in question.pairs]
                rights = _sorted_texts(
                    [self.text(question, right, language) for right in question.right_options]
                )
                parts += [f"{i}. {_html(left)}" for i, left in enumerate(lefts, start=1)]
                parts.append("")
                parts += [
                    f"{LETTERS[i] if i < len(LETTERS) else i + 1}) {_html(r)}" for i, r in enumerate(rights)
                ]
        return "<br>".join(parts)

    def answer(self, question: Question, language: str) -> str:
        fallback = self.x.fallback
        match question:
            case ChoiceQuestion():
                index = next(i for i, c in enumerate(question.choices) if c.id == question.answer)
                return f"{LETTERS[index]}. {_html(right_answer(question, language, fallback))}"
            case MultiQuestion():
                return "<br>".join(
                    f"{LETTERS[i]}. {_html(self.text(question, c.text, language))}"
                    for i, c in enumerate(question.choices)
                    if c.id in question.answers
                )
            case OrderQuestion():
                return "<br>".join(
                    f"{n}. {_html(self.text(question, item, language))}"
                    for n, item in enumerate(question.items, 1)
                )
            case MatchQuestion():
                return "<br>".join(
                    f"{_html(self.text(question, p.left, language))} → {_html(self.text(question, p.right, language))}"
                    for p in question.pairs
                )
        return _html(right_answer(question, language, fallback))

    def back(self, question: Question, language: str) -> str:
        answer = self.answer(question, language)
        label = _html(translate("Right answer: {answer}", language)).replace("{answer}", f"<b>{answer}</b>")
        parts = [label, "<br><br>" + _html(self.text(question, question.explanation, language))]
        source = citation(self.x.bank, question, language, self.x.fallback)
        if source:
            parts.append(f"<br><br><i>{_html(source)}</i>")
        return "".join(parts)

    def languages(self, question: Question) -> list[str]:
        if self.x.language != "all":
            return [self.x.language]
        return [language for language in LANGUAGES if language in question.prompt] or [self.x.fallback]

    def write(self) -> str:
        bank = self.x.bank
        deck = " ".join(self.x.one(bank.title).split()).replace("\t", " ")
        lines = [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            f"#deck:{deck}",
            "#guid column:1",
            "#tags column:4",
        ]
        for question in bank.questions:
            languages = self.languages(question)
            front = "<hr>".join(self.front(question, language) for language in languages)
            back = "<hr>".join(self.back(question, language) for language in languages)
            tags = " ".join(question.topics)
            lines.append("\t".join((guid(bank.id, question.id, self.x.language), front, back, tags)))
        return "\n".join(lines) + "\n"


def write(exporter: Exporter) -> str:
    """The exporter's bank as an Anki import file."""
    return _AnkiWriter(exporter).write()
