"""Aiken, Moodle's simplest format: single-answer multiple choice in plain text.

As Moodle reads it::

    Kazakistan'ın başkenti neresidir?
    A) Almatı
    B. Astana
    ANSWER: B

The question is a line of text (further lines before the first option are kept as more lines of
the question), then options, each a capital letter, ``)`` or ``.``, a space and the text, then
``ANSWER:`` and the letter. Blank lines between questions are optional. Texts are plain: no
HTML, no escapes. Problems are located by line, and the good questions around them are kept:
a question with fewer than two options, options with no question before them, a question that
ends without ``ANSWER:``, an answer letter that names no option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizapp.core.model import Choice, Kind
from quizapp.formats.drafts import Draft, Origin, Report, TextReader

_OPTION = re.compile(r"^([A-Za-z])[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*?)\s*$", re.IGNORECASE)
_MAX_CHOICES = 8


@dataclass
class _Pending:
    line: int
    text: list[str]
    options: list[tuple[str, str, int]] = field(default_factory=list)


class AikenReader:
    """Reads one Aiken file into drafts."""

    def __init__(self, path: str, report: Report, texts: TextReader) -> None:
        self.path = path
        self.report = report
        self.texts = texts

    def at(self, line: int) -> Origin:
        return Origin(self.path, line, 1)

    def read(self, text: str) -> list[Draft]:
        drafts: list[Draft] = []
        pending: _Pending | None = None
        orphan_reported = False
        for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
            line = raw.strip()
            if not line:
                if pending is not None and pending.options:
                    # Options then a blank line: the question is over, and has no ANSWER line.
                    self.report.error(
                        self.at(pending.line),
                        "this question ends without an 'ANSWER: X' line; it is not imported",
                    )
                    pending = None
                continue
            answer = _ANSWER.match(line)
            option = _OPTION.match(line)
            if answer:
                if pending is None:
                    self.report.error(self.at(number), "ANSWER: with no question before it")
                else:
                    draft = self.finish(pending, answer.group(1), number)
                    if draft is not None:
                        drafts.append(draft)
                pending = None
                orphan_reported = False
                continue
            if option and pending is not None:
                pending.options.append((option.group(1).upper(), option.group(2), number))
                continue
            if option and pending is None:
                if not orphan_reported:
                    self.report.error(
                        self.at(number), f"option {option.group(1)}) with no question before it"
                    )
                    orphan_reported = True
                continue
            if pending is not None and pending.options:
                # A new question starts while the last one never got its ANSWER line.
                self.report.error(
                    self.at(pending.line),
                    "this question ends without an 'ANSWER: X' line; it is not imported",
                )
                pending = None
            if pending is None:
                pending = _Pending(number, [line])
            else:
                pending.text.append(line)
        if pending is not None:
            self.report.error(
                self.at(pending.line), "this question ends without an 'ANSWER: X' line; it is not imported"
            )
        return drafts

    def finish(self, pending: _Pending, letter: str, answer_line: int) -> Draft | None:
        origin = self.at(pending.line)
        if len(pending.options) < 2:
            self.report.error(
                origin,
                f"a question needs at least two options (A) …, B) …); this one has {len(pending.options)}",
            )
            return None
        if len(pending.options) > _MAX_CHOICES:
            self.report.skip(
                origin,
                "multiple-choice question",
                f"it has {len(pending.options)} options; quizapp asks with 2 to {_MAX_CHOICES}",
            )
            return None
        letters = [letter_ for letter_, _text, _line in pending.options]
        if len(set(letters)) != len(letters):
            self.report.error(origin, "two options have the same letter")
            return None
        wanted = letter.strip().upper()
        if wanted not in letters:
            self.report.error(
                self.at(answer_line),
                f"ANSWER: {letter.strip()!r} is not one of the options {', '.join(letters)}",
            )
            return None
        prompt = self.texts.localized("\n".join(pending.text), origin, "the question text", "plain")
        choices = []
        for option_letter, option_text, line in pending.options:
            text = self.texts.localized(option_text, self.at(line), f"option {option_letter}", "plain")
            if text is None:
                return None
            choices.append(Choice(option_letter.lower(), text))
        if prompt is None:
            return None
        return Draft(
            origin=origin,
            kind=Kind.CHOICE,
            fields={"prompt": prompt, "choices": tuple(choices), "answer": wanted.lower()},
        )


def read(text: str, path: str, report: Report, texts: TextReader) -> list[Draft]:
    """The questions of the Aiken *text* (from *path*) as drafts."""
    return AikenReader(path, report, texts).read(text)
