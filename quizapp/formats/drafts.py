"""What readers produce: drafts of questions with their origin, and a report of problems.

A reader knows its format, not our bank: it cannot tell which ids are taken, which topics and
sources the bank will declare, or which language an unmarked text is in until every file is
read. So it produces :class:`Draft` questions (the model's answer fields, plus the source's own
title, category and line) and :mod:`quizapp.formats.importing` settles the rest.

Every problem is a :class:`~quizapp.core.errors.Problem` at the file, line and column it comes
from, in the words ``quizapp validate`` uses: an *error* means something could not be imported,
a *warning* that something was imported with a loss (an image, partial credit, feedback), or
that the teacher should look at it. Questions of kinds the app cannot ask are *skipped*: listed
with their location and kind, and counted in the summary. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizapp.core.errors import Problem, Severity
from quizapp.core.model import AnswerMatch, Kind, LocalizedText, SourceRef
from quizapp.formats.html import SOURCE_CLASS, html_to_text
from quizapp.formats.multilang import has_marks, split_languages
from quizapp.formats.text import clean, too_long


@dataclass(frozen=True, slots=True)
class Origin:
    """Where something was read: a file as the teacher named it, a 1-based line and column."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Category:
    """A category of the source (a Moodle category, a GIFT ``$CATEGORY``): it becomes a topic."""

    #: The path's parts, e.g. ("Tarih", "Osmanlı"), each as the text shows it.
    path: tuple[str, ...]
    #: The name of the last part, per language.
    name: LocalizedText
    #: An id the source gives the category (Moodle's ``idnumber``), if any.
    idnumber: str | None = None


@dataclass(slots=True)
class Restored:
    """quizapp fields our own exports carry (a GIFT comment, Moodle tags), read back."""

    kind: Kind | None = None
    difficulty: int | None = None
    topics: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    points: float | None = None
    shuffle: bool | None = None
    #: The language of each accepted answer of a text question, in order.
    answer_languages: tuple[str, ...] = ()
    #: The number's unit was appended to the prompt in parentheses (GIFT has no units).
    unit_in_prompt: bool = False
    #: The ids of a choice or multi question's choices, in order.
    choice_ids: tuple[str, ...] = ()
    #: How a text question's typed answers are matched, if not the usual way.
    match: AnswerMatch | None = None


@dataclass(slots=True)
class Draft:
    """A question as read, before its id, topics and sources are settled."""

    origin: Origin
    kind: Kind
    #: The model's fields for *kind*: ``prompt`` (LocalizedText), optionally ``explanation``, and
    #: the answer fields (``choices``/``answer``, ``answers``, ``items``, ``pairs``…).
    fields: dict[str, Any]
    #: The source's own name for the question (GIFT ``::title::``, Moodle ``name``).
    title: str | None = None
    category: Category | None = None
    points: float | None = None
    difficulty: int | None = None
    topics: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    restored: Restored | None = None


@dataclass
class Declarations:
    """Bank metadata a source may declare itself (our CSV's ``bank``/``topic``/``source`` rows)."""

    bank_id: str | None = None
    title: LocalizedText | None = None
    description: LocalizedText | None = None
    source_language: str | None = None
    #: Ids of questions the bank no longer has (never to be given to a new question).
    retired: tuple[str, ...] = ()
    #: How the bank's typed answers are matched (``forms`` or ``exact``), if it says.
    match: AnswerMatch | None = None
    topics: dict[str, LocalizedText] = field(default_factory=dict)
    #: Source documents: id → (title, author, date, sections: id → title).
    documents: dict[str, tuple[LocalizedText, str | None, str | None, dict[str, LocalizedText]]] = field(
        default_factory=dict
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    """A question that could not be imported: where, and what it was."""

    origin: Origin
    what: str


@dataclass
class Report:
    """Problems and skipped questions, collected while reading and writing."""

    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def error(self, origin: Origin, message: str) -> None:
        """Something at *origin* could not be imported."""
        self.problems.append(Problem(origin.path, origin.line, origin.column, message))

    def warn(self, origin: Origin, message: str) -> None:
        """Something at *origin* was imported with a loss, or needs a look."""
        self.problems.append(Problem(origin.path, origin.line, origin.column, message, Severity.WARNING))

    def skip(self, origin: Origin, what: str, why: str) -> None:
        """A whole question at *origin* is left out; *what* names it in the summary ("essay")."""
        self.skipped.append(Skipped(origin, what))
        self.warn(origin, f"skipped {what}: {why}")

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)


_OUR_CITATION = re.compile(f'<p class="{SOURCE_CLASS}"><em>.*?</em></p>', re.DOTALL)


#: Where a text stands: an Origin, or a function giving it (only called to report a problem,
#: as working out a line and column for every text of a big file would cost time).
Where = Origin | Callable[[], Origin]


def _resolve(where: Where) -> Origin:
    return where if isinstance(where, Origin) else where()


class TextReader:
    """Turns the texts of a source (HTML, multilang, plain) into bank texts, reporting losses.

    *default* is the language of texts that name none in a single-language file (``--lang``,
    or a guess); ``used_default`` records whether any text needed it. In a file that marks its
    translations (Moodle multilang), a text with no mark is shown by Moodle to every student,
    whatever their language: so it stands for every language of *marked* (a name such as
    "Tokayev", a number).
    """

    def __init__(self, report: Report, default: str, marked: Sequence[str] = ()) -> None:
        self.report = report
        self.default = default
        self.unmarked: tuple[str, ...] = tuple(marked) or (default,)
        self.used_default = False

    def localized(self, raw: str, origin: Where, what: str, fmt: str = "html") -> LocalizedText | None:
        """*raw* per language, as plain text; None (and an error) if nothing usable is left.

        *fmt* is ``html`` (tags and entities), ``moodle`` (HTML where a newline is a line
        break), or ``plain`` (taken literally, no language marks).
        """
        texts = self.localized_or_empty(raw, origin, what, fmt)
        if texts is None:
            return None
        if not texts:
            self.report.error(_resolve(origin), f"{what} is empty")
            return None
        return texts

    def localized_or_empty(
        self, raw: str, where: Where, what: str, fmt: str = "html"
    ) -> LocalizedText | None:
        """Like :meth:`localized`, but an empty text gives an empty LocalizedText, not an error."""
        if SOURCE_CLASS in raw:
            # Our own exports' source citation; dropped here by a quick match in the form we
            # write (the HTML reader drops any other form of it too, only slower).
            raw = _OUR_CITATION.sub("", raw)
        if fmt == "plain" or not has_marks(raw):
            fragments = dict.fromkeys(self.unmarked, raw)
            self.used_default |= len(self.unmarked) == 1
        else:
            split = split_languages(raw, self.default)
            if split.dropped:
                self.report.warn(
                    _resolve(where),
                    f"{what}: text in {', '.join(split.dropped)} left out (quizapp keeps tr, en and kk)",
                )
            if split.incomplete:
                self.report.warn(
                    _resolve(where),
                    f"{what}: the {', '.join(split.incomplete)} text covers only part of it and is left out",
                )
            fragments = split.texts
        texts: dict[str, str] = {}
        reported: set[str] = set()
        for language, fragment in fragments.items():
            images: list[str] = []
            if fmt == "plain":
                text = fragment
            else:
                text, images = html_to_text(fragment, newlines_are_breaks=fmt == "moodle")
            for image in images:
                if image not in reported:
                    reported.add(image)
                    self.report.warn(
                        _resolve(where), f"{what}: an image is replaced by its description {image!r}"
                    )
            text, removed = clean(text)
            if removed:
                self.report.warn(
                    _resolve(where),
                    f"{what}: control characters or invisible direction marks removed ({language})",
                )
            if too_long(text):
                self.report.error(
                    _resolve(where), f"{what} is longer than a bank text may be ({len(text):,} characters)"
                )
                return None
            if text:
                texts[language] = text
        return LocalizedText(texts)


_WILDCARD = re.compile(r"(?<!\\)\*")


def typed_answer(value: str) -> tuple[str, bool]:
    """A short answer as Moodle matches it: ``(text, is_wildcard)``. An unescaped ``*`` is
    Moodle's wildcard (quizapp has none); ``\\*`` is a literal asterisk."""
    if "*" not in value:
        return value, False
    if _WILDCARD.search(value):
        return value, True
    return value.replace("\\*", "*"), False


def escape_typed(value: str) -> str:
    """A short answer written for Moodle: a literal ``*`` must not act as its wildcard."""
    return value.replace("*", "\\*")


_MOODLE_ROOTS = re.compile(r"^\$[a-z0-9]+\$$", re.IGNORECASE)
_PATH_TOKENS = re.compile(r"<[^>]*>|//|/")


def split_category_path(raw: str) -> list[str]:
    """A Moodle category path's parts: split at "/", where "//" is a slash inside a name (and a
    slash inside markup such as ``</span>`` splits nothing, written doubled or not)."""
    parts: list[str] = []
    current: list[str] = []
    position = 0
    for token in _PATH_TOKENS.finditer(raw):
        current.append(raw[position : token.start()])
        if token.group() == "/":
            parts.append("".join(current))
            current = []
        elif token.group() == "//":
            current.append("/")
        else:
            current.append(token.group().replace("//", "/"))
        position = token.end()
    current.append(raw[position:])
    parts.append("".join(current))
    return [part.strip() for part in parts]


def category_from_path(
    raw: str, texts: TextReader, origin: Origin, idnumber: str | None = None
) -> Category | None:
    """A Moodle category path (``$course$/top/Tarih/Osmanlı``) as a Category; None if it names
    only Moodle's own levels (``$course$``, ``top``, ``Default for …``)."""
    parts = split_category_path(raw.strip())
    kept = [
        part
        for part in parts
        if part
        and not _MOODLE_ROOTS.match(part)
        and part.lower() != "top"
        and not part.startswith("Default for ")
    ]
    if not kept:
        return None
    path: list[str] = []
    name = LocalizedText({})
    for part in kept:
        localized = texts.localized_or_empty(part, origin, "the category name")
        if not localized:
            continue
        name = localized
        path.append(localized.get_text(texts.default))
    if not path:
        return None
    return Category(tuple(path), name, idnumber)
