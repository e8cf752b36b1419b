"""``quizapp export``: load a bank and write it in another tool's format.

The bank is loaded through the compiled cache (an unchanged bank is not parsed again) and must
load without errors. Each writer gets an :class:`Exporter`: the bank, the language(s) asked
for, and helpers that pick each text in those languages. A single-language export falls back
to the bank's source language where a translation is missing, with one warning per question;
``--lang all`` writes every language the text has (as Moodle multilang spans where the format
is HTML). Warnings point at the question's ``id:`` line in the bank's YAML.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizapp.core.errors import BankError, Problem, Severity
from quizapp.core.model import LANGUAGES, Bank, LocalizedText, NumberQuestion, Question, SourceRef
from quizapp.formats.html import SOURCE_CLASS, text_to_html
from quizapp.formats.multilang import join_languages
from quizapp.formats.refs import question_sources
from quizapp.formats.text import gc_paused

#: Export formats and the file extension each is usually saved with.
EXTENSIONS: dict[str, str] = {"gift": ".gift", "moodle-xml": ".xml", "anki": ".txt", "csv": ".csv"}
#: Orders of language keys that are already the bank's order (tr, en, kk).
_IN_ORDER = {combo for size in (1, 2, 3) for combo in itertools.combinations(LANGUAGES, size)}
_ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*["']?([a-z0-9][a-z0-9._-]*)["']?\s*(?:#.*)?$""")


@dataclass
class Exporter:
    """What every writer needs: the bank, the language(s) to write, and a place for warnings."""

    bank: Bank
    #: ``tr``, ``en``, ``kk`` or ``all``.
    language: str
    #: The bank's files, to find where a question is defined when warning about it.
    files: tuple[Path, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    _missing: dict[str, set[str]] = field(default_factory=dict)
    _citations: dict[tuple[SourceRef, ...], str] = field(default_factory=dict)
    _places: dict[str, tuple[str, int]] | None = None

    def place(self, question_id: str) -> tuple[str, int]:
        """Where a question is defined: its file and the line of its ``id:`` (read on first use:
        most exports have nothing to warn about)."""
        if self._places is None:
            self._places = question_places(self.files)
        return self._places.get(question_id, (self.bank.origin, 1))

    @property
    def fallback(self) -> str:
        """The bank's source language, written where a translation is missing."""
        return self.bank.source_language

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages written."""
        return LANGUAGES if self.language == "all" else (self.language,)

    def texts(self, text: LocalizedText | None, question: Question | None = None) -> dict[str, str]:
        """*text* in each written language that has it (or the fallback, noted for a warning)."""
        if text is None:
            return {}
        if self.language == "all":
            data = text.to_data()
            if tuple(data) in _IN_ORDER:
                return data
            return {language: data[language] for language in LANGUAGES if language in data} or data
        shown, used = text.resolve(self.language, self.fallback)
        if used != self.language and question is not None:
            self._missing.setdefault(question.id, set()).add(used)
        return {self.language: shown} if shown else {}

    def missing(self, question: Question, used: str) -> None:
        """Note that a text of *question* was written in *used* for want of a translation."""
        if used != self.language and self.language != "all":
            self._missing.setdefault(question.id, set()).add(used)

    def one(self, text: LocalizedText | None, question: Question | None = None) -> str:
        """*text* in the single written language (the first of all for ``all``)."""
        texts = self.texts(text, question)
        return next(iter(texts.values()), "")

    def html(self, text: LocalizedText | None, question: Question | None = None) -> str:
        """*text* as HTML: one language, or multilang spans for ``all``."""
        texts = self.texts(text, question)
        if self.language == "all":
            return join_languages({language: text_to_html(value) for language, value in texts.items()})
        return text_to_html(next(iter(texts.values()), ""))

    def html_by_language(self, make: Callable[[str], str]) -> str:
        """HTML made per written language by *make(language)* (already HTML), joined like :meth:`html`."""
        if self.language == "all":
            return join_languages({language: make(language) for language in LANGUAGES})
        return make(self.language)

    def source_paragraph(self, question: Question) -> str:
        """The HTML paragraph citing *question*'s sources, in the written language(s).

        It carries the class our readers drop, so the citation never comes back as part of the
        explanation. Many questions cite the same passages: each citation is made once.
        """
        refs = question_sources(question)
        cached = self._citations.get(refs)
        if cached is None:
            from quizapp.formats.answers import citation

            cited = self.html_by_language(
                lambda language: text_to_html(citation(self.bank, question, language, self.fallback))
            )
            cached = self._citations[refs] = f'<p class="{SOURCE_CLASS}"><em>{cited}</em></p>'
        return cached

    def warn(self, question: Question, message: str) -> None:
        """A warning about *question*, at its place in the bank."""
        path, line = self.place(question.id)
        self.problems.append(Problem(path, line, 1, f"question {question.id!r}: {message}", Severity.WARNING))

    def finish(self) -> list[Problem]:
        """Every warning, with one per question that lacked a translation."""
        for question_id, used in self._missing.items():
            path, line = self.place(question_id)
            self.problems.append(
                Problem(
                    path,
                    line,
                    1,
                    f"question {question_id!r}: some texts have no {self.language} translation; "
                    f"written in {', '.join(sorted(used))}",
                    Severity.WARNING,
                )
            )
        self._missing.clear()
        self.problems.sort(key=lambda p: (p.path, p.line, p.column))
        return self.problems


def by_first_topic(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """Questions grouped by their first topic (a Moodle category each), in bank order."""
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.topics[0], []).append(question)
    return groups


def question_places(files: tuple[Path, ...] | list[Path]) -> dict[str, tuple[str, int]]:
    """Where each question id is defined in the bank's *files* (its ``id:`` line)."""
    places: dict[str, tuple[str, int]] = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if "id:" in line:
                match = _ID_LINE.match(line)
                if match and line.lstrip().startswith("-"):
                    places.setdefault(match.group(1), (str(path), number))
    return places


@dataclass
class ExportResult:
    """What :func:`export_bank` made: the text (None if the bank did not load) and problems."""

    text: str | None
    problems: list[Problem]
    questions: int = 0


def write(fmt: str, exporter: Exporter) -> str:
    """The bank in *fmt*."""
    if fmt == "gift":
        from quizapp.formats import gift

        return gift.write(exporter)
    if fmt == "moodle-xml":
        from quizapp.formats import moodlexml

        return moodlexml.write(exporter)
    if fmt == "anki":
        from quizapp.formats import anki

        return anki.write(exporter)
    if fmt == "csv":
        from quizapp.formats import spreadsheet

        return spreadsheet.write(exporter.bank)
    raise ValueError(f"unknown export format {fmt!r}")


def load_for_export(root: Path) -> tuple[Bank | None, list[Problem], tuple[Path, ...]]:
    """The bank at *root* through the cache; its problems if it does not load."""
    from quizapp.core.cache import load_bank_cached
    from quizapp.paths import cache_dir

    try:
        loaded = load_bank_cached(root, cache_dir())
    except BankError as exc:
        return None, list(exc.problems), ()
    return loaded.bank, [], loaded.files


def export_bank(root: Path, fmt: str, language: str | None) -> ExportResult:
    """Load the bank at *root* and write it in *fmt* (``language`` None: the bank's own)."""
    bank, problems, files = load_for_export(root)
    if bank is None:
        return ExportResult(None, problems)
    # A CSV keeps a named unit by name; the other tools know units only as words.
    shown = bank if fmt == "csv" else units_as_text(bank)
    exporter = Exporter(shown, language or bank.source_language, files=files)
    with gc_paused():
        text = write(fmt, exporter)
    return ExportResult(text, exporter.finish(), len(bank.questions))


def unit_words(unit: str, value: float) -> LocalizedText:
    """A named (CLDR) *unit* as words in each language, in the form *value* needs: "years",
    "yıl", "жыл" for 13."""
    from babel.numbers import format_decimal

    from quizapp.i18n import format_quantity

    words = {}
    for language in LANGUAGES:
        quantity = format_quantity(value, unit, language)
        words[language] = quantity.replace(format_decimal(value, locale=language), "", 1).strip() or quantity
    return LocalizedText(words)


def units_as_text(bank: Bank) -> Bank:
    """*bank* with every named unit (``unit: year``) written out as words: the other tools know
    a unit only as text."""
    if not any(isinstance(q, NumberQuestion) and q.unit_name for q in bank.questions):
        return bank
    questions = tuple(
        replace(q, unit=unit_words(q.unit_name, q.answer), unit_name=None)
        if isinstance(q, NumberQuestion) and q.unit_name
        else q
        for q in bank.questions
    )
    return replace(bank, questions=questions, _by_id={})


def format_for(path: Path) -> str | None:
    """The export format a file name asks for by its extension (``.gift``, ``.xml``…), if any."""
    return next((fmt for fmt, extension in EXTENSIONS.items() if path.suffix.lower() == extension), None)


def save(text: str, fmt: str, path: Path) -> None:
    """Write an export to *path*: UTF-8, with a byte-order mark for CSV so that Excel reads
    Kazakh and Turkish letters right (raises OSError)."""
    path.write_bytes(text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))
