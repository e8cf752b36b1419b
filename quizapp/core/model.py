"""The question-bank model: a bank, its sources and topics, and the eight kinds of question.

Every value is a frozen dataclass so that a loaded bank can be shared freely between screens,
sessions and worker threads, and cached as plain data (see ``to_data``/``from_data``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

#: The languages every text may carry, in the order the app offers them.
LANGUAGES: tuple[str, ...] = ("tr", "en", "kk")


class Kind(enum.StrEnum):
    """The kinds of question a bank may hold."""

    CHOICE = "choice"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    ORDER = "order"
    MATCH = "match"


class AnswerMatch(enum.StrEnum):
    """How typed text answers meet the accepted answers (``match:`` on a bank or a question)."""

    #: In the forms students type: endings, spellings without the right keyboard, name variants.
    FORMS = "forms"
    #: As listed: only case, spaces and punctuation at the ends are ignored (a language bank).
    EXACT = "exact"


class LocalizedText(Mapping[str, str]):
    """A text in several languages, e.g. ``{"tr": "Rusya", "en": "Russia", "kk": "Ресей"}``.

    Read it with :meth:`get_text`, which falls back to another language rather than to nothing.
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts: dict[str, str] = dict(texts)

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalizedText):
            return self._texts == other._texts
        if isinstance(other, Mapping):
            return self._texts == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"LocalizedText({self._texts!r})"

    def resolve(self, language: str, fallback: str = "en") -> tuple[str, str]:
        """Return ``(text, language_used)``: the text in *language*, else in *fallback*, else any."""
        text = self._texts.get(language)
        if text:
            return text, language
        text = self._texts.get(fallback)
        if text:
            return text, fallback
        for other in LANGUAGES:
            if self._texts.get(other):
                return self._texts[other], other
        for other, text in self._texts.items():
            return text, other
        return "", language

    def get_text(self, language: str, fallback: str = "en") -> str:
        """The text in *language*, falling back to *fallback* and then to any language."""
        return self.resolve(language, fallback)[0]

    def to_data(self) -> dict[str, str]:
        """A plain dict, for caching and export."""
        return dict(self._texts)


@dataclass(frozen=True, slots=True)
class Section:
    """A section (heading) of a source document, which questions cite."""

    id: str
    title: LocalizedText


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document the bank's questions are drawn from."""

    id: str
    title: LocalizedText
    sections: tuple[Section, ...]
    author: str | None = None
    date: str | None = None

    def section(self, section_id: str) -> Section | None:
        """The section with *section_id*, if the document has it."""
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic tag from the bank's vocabulary."""

    id: str
    name: LocalizedText


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a question's facts come from: a document id and one of its section ids."""

    document: str
    section: str


@dataclass(frozen=True, slots=True)
class Choice:
    """An option of a ``choice`` or ``multi`` question."""

    id: str
    text: LocalizedText


@dataclass(frozen=True, slots=True)
class MatchPair:
    """A left-hand item and the right-hand item it belongs with."""

    left: LocalizedText
    right: LocalizedText


class DatePrecision(enum.IntEnum):
    """How precise a ``date`` answer is, and so how precise the student must be."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        """How many parts of the date are known."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def truncated(self, precision: DatePrecision) -> PartialDate:
        """This date cut down to *precision*."""
        return PartialDate(
            self.year,
            self.month if precision >= DatePrecision.MONTH else None,
            self.day if precision >= DatePrecision.DAY else None,
        )

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """Fields every question has; each kind adds its own answer fields in a subclass."""

    kind: ClassVar[Kind]

    id: str
    topics: tuple[str, ...]
    difficulty: int
    prompt: LocalizedText
    explanation: LocalizedText
    #: Every passage the question draws on: at least one, none twice, in the bank's order.
    sources: tuple[SourceRef, ...]
    points: float = 1.0

    def __post_init__(self) -> None:
        # The loader reports these with a line and column; this guards every other builder
        # (imports, the cache) so that no question ever cites nothing or one passage twice.
        if not self.sources:
            raise ValueError(f"question {self.id!r} cites no source")
        if len(set(self.sources)) != len(self.sources):
            raise ValueError(f"question {self.id!r} cites a source twice")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceQuestion(Question):
    """One right answer among 2–8 options."""

    kind: ClassVar[Kind] = Kind.CHOICE
    choices: tuple[Choice, ...]
    answer: str
    shuffle: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class MultiQuestion(Question):
    """Several right answers among 2–8 options, with partial credit."""

    kind: ClassVar[Kind] = Kind.MULTI
    choices: tuple[Choice, ...]
    answers: frozenset[str]
    shuffle: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseQuestion(Question):
    """A statement that is true or false."""

    kind: ClassVar[Kind] = Kind.TRUEFALSE
    answer: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TextQuestion(Question):
    """A typed answer; each language lists the answers it accepts, the first being *the* answer."""

    kind: ClassVar[Kind] = Kind.TEXT
    answers: Mapping[str, tuple[str, ...]]
    #: How typed answers meet the accepted ones (the bank's ``match`` unless the question sets it).
    match: AnswerMatch = AnswerMatch.FORMS

    def shown_answer(self, language: str, fallback: str = "en") -> str:
        """The answer to show a student working in *language*."""
        for lang in (language, fallback, *LANGUAGES, *self.answers):
            accepted = self.answers.get(lang)
            if accepted:
                return accepted[0]
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberQuestion(Question):
    """A number, optionally with a tolerance and a unit."""

    kind: ClassVar[Kind] = Kind.NUMBER
    answer: float
    tolerance: float = 0.0
    #: The unit as translated text, shown as written.
    unit: LocalizedText | None = None
    #: Or a CLDR unit (``duration-year``), written by Babel with the plural the number needs.
    unit_name: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DateQuestion(Question):
    """A year, a month or a day."""

    kind: ClassVar[Kind] = Kind.DATE
    answer: PartialDate


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderQuestion(Question):
    """3–8 items to put in order; ``items`` holds them in the right order."""

    kind: ClassVar[Kind] = Kind.ORDER
    items: tuple[LocalizedText, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchQuestion(Question):
    """Pair each left-hand item with its right-hand item; distractors match nothing."""

    kind: ClassVar[Kind] = Kind.MATCH
    pairs: tuple[MatchPair, ...]
    distractors: tuple[LocalizedText, ...] = ()

    @property
    def right_options(self) -> tuple[LocalizedText, ...]:
        """Every right-hand text: the pairs' in order, then the distractors."""
        return tuple(pair.right for pair in self.pairs) + self.distractors


AnyQuestion = (
    ChoiceQuestion
    | MultiQuestion
    | TrueFalseQuestion
    | TextQuestion
    | NumberQuestion
    | DateQuestion
    | OrderQuestion
    | MatchQuestion
)

QUESTION_CLASSES: dict[Kind, type[Question]] = {
    Kind.CHOICE: ChoiceQuestion,
    Kind.MULTI: MultiQuestion,
    Kind.TRUEFALSE: TrueFalseQuestion,
    Kind.TEXT: TextQuestion,
    Kind.NUMBER: NumberQuestion,
    Kind.DATE: DateQuestion,
    Kind.ORDER: OrderQuestion,
    Kind.MATCH: MatchQuestion,
}


@dataclass(frozen=True, slots=True)
class Bank:
    """A validated question bank: metadata and questions, possibly gathered from several files."""

    id: str
    title: LocalizedText
    source_language: str
    sources: tuple[SourceDocument, ...]
    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]
    description: LocalizedText | None = None
    #: Ids of questions the bank no longer has. Progress is stored against question ids, so a
    #: retired id is never given to another question (the loader refuses it).
    retired: tuple[str, ...] = ()
    #: How typed answers meet the accepted ones, for text questions that do not say.
    match: AnswerMatch = AnswerMatch.FORMS
    #: Where the bank was loaded from (a file or a folder), for display and for the cache.
    origin: str = ""
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((q.id, q) for q in self.questions)

    def question(self, question_id: str) -> Question | None:
        """The question with *question_id*, if the bank has it."""
        return self._by_id.get(question_id)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with *topic_id*, if declared."""
        return next((t for t in self.topics if t.id == topic_id), None)

    def source_document(self, document_id: str) -> SourceDocument | None:
        """The source document with *document_id*, if declared."""
        return next((s for s in self.sources if s.id == document_id), None)

    def topic_counts(self) -> dict[str, int]:
        """How many questions carry each declared topic, in declaration order."""
        counts = {topic.id: 0 for topic in self.topics}
        for question in self.questions:
            for topic_id in question.topics:
                counts[topic_id] = counts.get(topic_id, 0) + 1
        return counts

    def select(
        self,
        topics: Iterable[str] | None = None,
        difficulties: Iterable[int] | None = None,
    ) -> list[Question]:
        """Questions having any of *topics* and one of *difficulties* (``None`` = any)."""
        wanted_topics = set(topics) if topics is not None else None
        wanted_levels = set(difficulties) if difficulties is not None else None
        return [
            q
            for q in self.questions
            if (wanted_topics is None or wanted_topics.intersection(q.topics))
            and (wanted_levels is None or q.difficulty in wanted_levels)
        ]


def question_to_data(question: Question) -> dict[str, Any]:
    """A plain, JSON-compatible dict for *question* (its kind-specific fields included)."""
    data: dict[str, Any] = {
        "id": question.id,
        "kind": question.kind.value,
        "topics": list(question.topics),
        "difficulty": question.difficulty,
        "points": question.points,
        "prompt": question.prompt.to_data(),
        "explanation": question.explanation.to_data(),
        # Always a list, as the bank format allows (one mapping is the one-source shorthand).
        "source": [{"document": ref.document, "section": ref.section} for ref in question.sources],
    }
    match question:
        case ChoiceQuestion():
            data["choices"] = [{"id": c.id, "text": c.text.to_data()} for c in question.choices]
            data["answer"] = question.answer
            data["shuffle"] = question.shuffle
        case MultiQuestion():
            data["choices"] = [{"id": c.id, "text": c.text.to_data()} for c in question.choices]
            data["answers"] = sorted(question.answers)
            data["shuffle"] = question.shuffle
        case TrueFalseQuestion():
            data["answer"] = question.answer
        case TextQuestion():
            data["answers"] = {lang: list(v) for lang, v in question.answers.items()}
            data["match"] = question.match.value
        case NumberQuestion():
            data["answer"] = question.answer
            data["tolerance"] = question.tolerance
            data["unit"] = question.unit.to_data() if question.unit else None
            data["unit_name"] = question.unit_name
        case DateQuestion():
            data["answer"] = question.answer.iso()
        case OrderQuestion():
            data["items"] = [item.to_data() for item in question.items]
        case MatchQuestion():
            data["pairs"] = [{"left": p.left.to_data(), "right": p.right.to_data()} for p in question.pairs]
            data["distractors"] = [d.to_data() for d in question.distractors]
    return data


def _source_refs_from_data(data: Any) -> tuple[SourceRef, ...]:
    # A list of {document, section} mappings; a single mapping (the YAML shorthand) is read too.
    entries = [data] if isinstance(data, Mapping) else list(data)
    refs = tuple(SourceRef(str(e["document"]), str(e["section"])) for e in entries)
    if not refs:
        raise ValueError("a question needs at least one source")
    return refs


def question_from_data(data: Mapping[str, Any]) -> Question:
    """The inverse of :func:`question_to_data`; raises ``KeyError``/``ValueError``/``TypeError`` on bad data."""
    kind = Kind(data["kind"])
    common: dict[str, Any] = {
        "id": str(data["id"]),
        "topics": tuple(str(t) for t in data["topics"]),
        "difficulty": int(data["difficulty"]),
        "points": float(data["points"]),
        "prompt": LocalizedText(data["prompt"]),
        "explanation": LocalizedText(data["explanation"]),
        "sources": _source_refs_from_data(data["source"]),
    }
    match kind:
        case Kind.CHOICE:
            return ChoiceQuestion(
                **common,
                choices=tuple(Choice(c["id"], LocalizedText(c["text"])) for c in data["choices"]),
                answer=str(data["answer"]),
                shuffle=bool(data["shuffle"]),
            )
        case Kind.MULTI:
            return MultiQuestion(
                **common,
                choices=tuple(Choice(c["id"], LocalizedText(c["text"])) for c in data["choices"]),
                answers=frozenset(str(a) for a in data["answers"]),
                shuffle=bool(data["shuffle"]),
            )
        case Kind.TRUEFALSE:
            return TrueFalseQuestion(**common, answer=bool(data["answer"]))
        case Kind.TEXT:
            return TextQuestion(
                **common,
                answers={str(k): tuple(str(a) for a in v) for k, v in data["answers"].items()},
                match=AnswerMatch(data.get("match", AnswerMatch.FORMS)),
            )
        case Kind.NUMBER:
            unit = data.get("unit")
            return NumberQuestion(
                **common,
                answer=float(data["answer"]),
                tolerance=float(data["tolerance"]),
                unit=LocalizedText(unit) if unit else None,
                unit_name=data.get("unit_name"),
            )
        case Kind.DATE:
            from quizapp.core.dates import parse_iso_partial_date

            parsed = parse_iso_partial_date(str(data["answer"]))
            if parsed is None:
                raise ValueError(f"bad date {data['answer']!r}")
            return DateQuestion(**common, answer=parsed)
        case Kind.ORDER:
            return OrderQuestion(**common, items=tuple(LocalizedText(i) for i in data["items"]))
        case Kind.MATCH:
            return MatchQuestion(
                **common,
                pairs=tuple(
                    MatchPair(LocalizedText(p["left"]), LocalizedText(p["right"])) for p in data["pairs"]
                ),
                distractors=tuple(LocalizedText(d) for d in data["distractors"]),
            )
    raise ValueError(f"unknown kind {kind!r}")
