"""Loading question banks: hardened YAML (see ``yamlread``) checked against format version 1.

A bank is a single ``.yaml`` file with ``bank:`` metadata and ``questions:``, or a folder whose
``bank.yaml`` holds the metadata and whose other ``.yaml`` files hold questions. Every problem
is reported with its file, line and column; all schema problems of a file are collected, not
just the first. See ``questions/README.md`` for the format, written for teachers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from quizapp.core.bankfiles import METADATA_FILE, LoadedBank, bank_files
from quizapp.core.dates import parse_iso_partial_date
from quizapp.core.errors import BankError, Problem, Severity
from quizapp.core.model import (
    LANGUAGES,
    AnswerMatch,
    Bank,
    Choice,
    ChoiceQuestion,
    DateQuestion,
    Kind,
    LocalizedText,
    MatchPair,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
    Section,
    SourceDocument,
    SourceRef,
    TextQuestion,
    Topic,
    TrueFalseQuestion,
)
from quizapp.core.units import EXAMPLES as UNIT_EXAMPLES
from quizapp.core.units import measurement_unit
from quizapp.core.yamlread import MarkedList, MarkedMap, Pos, decode, read_yaml, yaml11_reading

FORMAT_VERSION = 1
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CHOICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LIMITS = {"choices": (2, 8), "items": (3, 8), "pairs": (2, 8)}

#: How one source reference is written, for error messages.
_SOURCE_FORM = "{document: <source id>, section: <section id>}"
_COMMON_FIELDS = {"id", "kind", "topics", "difficulty", "points", "prompt", "explanation", "source"}
_KIND_FIELDS: dict[Kind, tuple[set[str], set[str]]] = {
    # kind: (required, optional)
    Kind.CHOICE: ({"choices", "answer"}, {"shuffle"}),
    Kind.MULTI: ({"choices", "answers"}, {"shuffle"}),
    Kind.TRUEFALSE: ({"answer"}, set()),
    Kind.TEXT: ({"answers"}, {"match"}),
    Kind.NUMBER: ({"answer"}, {"tolerance", "unit"}),
    Kind.DATE: ({"answer"}, set()),
    Kind.ORDER: ({"items"}, set()),
    Kind.MATCH: ({"pairs"}, {"distractors"}),
}


#: What a field's value looks like, shown when a value has the wrong shape (by field name).
_FORMS = {
    "choices": "a list of options, each {id: a, text: {tr: …, en: …, kk: …}}",
    "topics": "a list of topic ids, e.g. [history]",
    "answers": "a list of choice ids, e.g. [a, c]",
    "items": "a list of translated texts in the right order, each {tr: …, en: …, kk: …}",
    "pairs": "a list of pairs, each {left: {tr: …, en: …, kk: …}, right: {tr: …, en: …, kk: …}}",
    "distractors": "a list of translated texts, each {tr: …, en: …, kk: …}",
    "questions": "a list of questions, each starting with '- id: …'",
    "sources": "a list of documents, each with an id, a title and sections",
    "sections": "a list of sections, each {id: …, title: {tr: …, en: …, kk: …}}",
}
_TEXT_ANSWERS_FORM = "a mapping from language to a list of accepted answers, e.g. {en: [Tashkent]}"
_BANK_TOPICS_FORM = "a list of topics, each {id: …, name: {tr: …, en: …, kk: …}}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, MarkedMap):
        return "a mapping"
    if isinstance(value, MarkedList):
        return "a list"
    return repr(value)


class _FileChecker:
    """Checks one file's data against the format, collecting every problem."""

    def __init__(self, path: str, strict: bool) -> None:
        self.path = path
        self.strict = strict
        self.problems: list[Problem] = []
        #: The retired question ids of the bank metadata, with where each is listed.
        self.retired_at: dict[str, Pos] = {}
        # Several checks may find the same fault (a missing field is reported by the field check
        # and by the reader of that field): report each problem once.
        self._seen: set[Problem] = set()

    # -- reporting --
    def _report(self, problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def error_count(self) -> int:
        """How many errors (warnings made errors by --strict included) have been reported."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    def error(self, pos: Pos, message: str) -> None:
        self._report(Problem(self.path, pos.line, pos.column, message))

    def warn(self, pos: Pos, message: str) -> None:
        severity = Severity.ERROR if self.strict else Severity.WARNING
        self._report(Problem(self.path, pos.line, pos.column, message, severity))

    # -- structure --
    def mapping(self, value: Any, pos: Pos, what: str, form: str = "a mapping of fields") -> MarkedMap | None:
        """*value* if it is a mapping, else an error saying what *form* it should have."""
        if isinstance(value, MarkedMap):
            return value
        self.error(pos, f"{what} must be {form}, got {_describe(value)}")
        return None

    def fields(self, data: MarkedMap, required: Iterable[str], optional: Iterable[str], what: str) -> bool:
        """Report unknown and missing fields; True if every required field is present."""
        required, allowed = set(required), set(required) | set(optional)
        for key in data:
            if key not in allowed:
                hint = _closest(key, allowed)
                extra = f"; did you mean {hint!r}?" if hint else f"; expected {', '.join(sorted(allowed))}"
                self.error(data.key_pos.get(key, data.pos), f"{what}: unknown field {key!r}{extra}")
        ok = True
        for key in sorted(required - set(data)):
            self.error(data.pos, f"{what}: missing {key!r}")
            ok = False
        return ok

    def string(
        self, data: MarkedMap, key: str, what: str, pattern: re.Pattern[str] | None = None
    ) -> str | None:
        if key not in data:
            return None
        value, pos = data[key], data.where(key)
        if not isinstance(value, str) or not value.strip():
            self.error(pos, f"{what}: {key!r} must be text, got {_describe(value)}")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.error(
                pos,
                f"{what}: {key!r} must be lowercase letters, digits and - _ (no spaces), got {value!r}",
            )
            return None
        return value

    def integer(self, data: MarkedMap, key: str, what: str, low: int, high: int) -> int | None:
        if key not in data:
            return None
        value, pos = data[key], data.where(key)
        if isinstance(value, str) and key in data.plain and re.fullmatch(r"[0-9]+", value):
            number = int(value)
            if low <= number <= high:
                return number
        self.error(
            pos, f"{what}: {key!r} must be a whole number from {low} to {high}, got {_describe(value)}"
        )
        return None

    def number(self, data: MarkedMap, key: str, what: str, minimum: float | None = None) -> float | None:
        if key not in data:
            return None
        value, pos = data[key], data.where(key)
        number = _to_number(value) if key in data.plain else None
        if number is None:
            hint = ""
            if isinstance(value, str) and key not in data.plain and _to_number(value) is not None:
                hint = " (write it without quotes)"
            elif isinstance(value, str) and ":" in value:
                hint = " (YAML 1.1 would read 1:20 as 80; write the number itself)"
            self.error(pos, f"{what}: {key!r} must be a number, got {_describe(value)}{hint}")
            return None
        if minimum is not None and number < minimum:
            self.error(pos, f"{what}: {key!r} must be at least {minimum:g}, got {number:g}")
            return None
        return number

    def boolean(self, data: MarkedMap, key: str, what: str) -> bool | None:
        if key not in data:
            return None
        value, pos = data[key], data.where(key)
        if key in data.plain and value in ("true", "false"):
            return value == "true"
        hint = ""
        if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n", "true", "false"):
            meant = "true" if value.lower() in ("yes", "on", "y", "true") else "false"
            hint = f" (write {meant}, without quotes: quizapp does not guess what {value!r} means)"
        self.error(pos, f"{what}: {key!r} must be true or false, got {_describe(value)}{hint}")
        return None

    def sequence(
        self,
        data: MarkedMap,
        key: str,
        what: str,
        low: int = 0,
        high: int | None = None,
        form: str | None = None,
    ) -> MarkedList | None:
        """The list under *key* (None if absent); errors for a wrong shape or length."""
        if key not in data:
            return None
        value, pos = data[key], data.where(key)
        if not isinstance(value, MarkedList):
            form = form or _FORMS.get(key, "a list")
            self.error(pos, f"{what}: {key!r} must be {form}, got {_describe(value)}")
            return None
        if len(value) < low or (high is not None and len(value) > high):
            span = f"{low} to {high}" if high is not None else f"at least {low}"
            self.error(pos, f"{what}: {key!r} must have {span} items, got {len(value)}")
        return value

    def text_value(self, value: Any, plain: bool, pos: Pos, what: str) -> str | None:
        """A single text value (e.g. one language of a translated text)."""
        if isinstance(value, str) and value.strip():
            if plain:
                reading = yaml11_reading(value)
                if reading is not None:
                    self.warn(
                        pos,
                        f"{what}: {value!r} is kept as text, but other YAML tools read it as "
                        f'{reading}; quote it: "{value}"',
                    )
            return value.strip()
        if isinstance(value, str) or value is None:
            self.error(pos, f"{what}: the text is empty")
        else:
            self.error(pos, f"{what}: must be text, got {_describe(value)}")
        return None

    def localized(self, data: MarkedMap, key: str, what: str, optional: bool = False) -> LocalizedText | None:
        if key not in data:
            if not optional:
                self.error(data.pos, f"{what}: missing {key!r}")
            return None
        value, pos = data[key], data.where(key)
        return self.localized_value(value, pos, f"{what} {key!r}")

    def localized_value(self, value: Any, pos: Pos, what: str) -> LocalizedText | None:
        if not isinstance(value, MarkedMap):
            hint = " (give it per language: {tr: …, en: …, kk: …})" if isinstance(value, str) else ""
            self.error(pos, f"{what} must be a mapping of language to text, got {_describe(value)}{hint}")
            return None
        texts: dict[str, str] = {}
        plain = value.plain
        for language, text in value.items():
            # Fast path for the common case (runs for every text of a bank): quoted, non-empty
            # text in a known language needs no check beyond what the reader did.
            if type(text) is str and language not in plain and language in LANGUAGES:
                stripped = text.strip()
                if stripped:
                    texts[language] = stripped
                    continue
            lpos = value.where(language)
            if language not in LANGUAGES:
                hint = ""
                if "," in str(value.get(language, "")) or " " in language:
                    hint = ' (a comma inside {…} splits the text: put such a text in quotes, "like, this")'
                self.error(
                    value.key_pos.get(language, pos),
                    f"{what}: unknown language {language!r}; use {', '.join(LANGUAGES)}{hint}",
                )
                continue
            checked = self.text_value(text, language in plain, lpos, f"{what} ({language})")
            if checked is not None:
                texts[language] = checked
        if not value:
            self.error(pos, f"{what} has no text in any language")
            return None
        missing = [lang for lang in LANGUAGES if lang not in value]
        if missing:
            self.warn(pos, f"{what}: missing translation for {', '.join(missing)}")
        return LocalizedText(texts) if texts else None

    # -- the bank metadata --
    def bank_meta(self, data: MarkedMap) -> dict[str, Any] | None:
        what = "bank"
        self.fields(
            data,
            {"id", "title", "source_language", "sources", "topics"},
            {"description", "retired", "match"},
            what,
        )
        bank_id = self.string(data, "id", what, _ID)
        title = self.localized(data, "title", what)
        description = self.localized(data, "description", what, optional=True)
        language = self.string(data, "source_language", what)
        if language is not None and language not in LANGUAGES:
            self.error(
                data.where("source_language"),
                f"bank: 'source_language' must be one of {', '.join(LANGUAGES)}, got {language!r}",
            )
            language = None
        sources: list[SourceDocument] = []
        seen: dict[str, Pos] = {}
        for index, item in self.items(data, "sources", what, 1):
            where = f"source {index + 1}"
            source = self.source_document(item, where)
            if source is not None:
                if source.id in seen:
                    self.error(
                        item.where("id"),
                        f"{where}: duplicate source id {source.id!r} (first at line {seen[source.id].line})",
                    )
                else:
                    seen[source.id] = item.where("id")
                    sources.append(source)
        topics: list[Topic] = []
        seen = {}
        for index, item in self.items(data, "topics", what, 1, form=_BANK_TOPICS_FORM):
            where = f"topic {index + 1}"
            self.fields(item, {"id", "name"}, set(), where)
            topic_id = self.string(item, "id", where, _ID)
            name = self.localized(item, "name", where)
            if topic_id and name:
                if topic_id in seen:
                    self.error(
                        item.where("id"),
                        f"{where}: duplicate topic id {topic_id!r} (first at line {seen[topic_id].line})",
                    )
                else:
                    seen[topic_id] = item.where("id")
                    topics.append(Topic(topic_id, name))
        retired = self.retired_ids(data) if "retired" in data else {}
        if bank_id is None or title is None or language is None or retired is None:
            return None
        self.retired_at = retired
        return {
            "id": bank_id,
            "title": title,
            "description": description,
            "source_language": language,
            "sources": tuple(sources),
            "topics": tuple(topics),
            "retired": tuple(retired),
            "match": (self.answer_match(data, what) if "match" in data else None) or AnswerMatch.FORMS,
        }

    def retired_ids(self, data: MarkedMap) -> dict[str, Pos] | None:
        """The ids listed under ``retired:``, each with where it is written; None if malformed."""
        seq = self.sequence(data, "retired", "bank")
        if seq is None:
            return None
        found: dict[str, Pos] = {}
        ok = True
        for index, value in enumerate(seq):
            pos = seq.item_pos[index]
            if not isinstance(value, str) or not _ID.fullmatch(value):
                self.error(pos, f"bank: each of 'retired' must be a question id, got {_describe(value)}")
                ok = False
            elif value in found:
                self.error(
                    pos, f"bank: {value!r} is listed twice in 'retired' (first at line {found[value].line})"
                )
                ok = False
            else:
                found[value] = pos
        return found if ok else None

    def items(
        self,
        data: MarkedMap,
        key: str,
        what: str,
        low: int = 0,
        high: int | None = None,
        form: str | None = None,
    ) -> list[tuple[int, MarkedMap]]:
        """The mappings of a list field, each checked to be a mapping."""
        seq = self.sequence(data, key, what, low, high, form)
        if seq is None:
            if key not in data:
                self.error(data.pos, f"{what}: missing {key!r}")
            return []
        result = []
        for index, item in enumerate(seq):
            checked = self.mapping(item, seq.item_pos[index], f"{what} {key!r} item {index + 1}")
            if checked is not None:
                result.append((index, checked))
        return result

    def source_document(self, data: MarkedMap, what: str) -> SourceDocument | None:
        self.fields(data, {"id", "title", "sections"}, {"author", "date"}, what)
        source_id = self.string(data, "id", what, _ID)
        title = self.localized(data, "title", what)
        author = self.string(data, "author", what)
        date = self.string(data, "date", what)
        sections: list[Section] = []
        seen: set[str] = set()
        for index, item in self.items(data, "sections", what, 1):
            where = f"{what} section {index + 1}"
            self.fields(item, {"id", "title"}, set(), where)
            section_id = self.string(item, "id", where, _ID)
            section_title = self.localized(item, "title", where)
            if section_id and section_title:
                if section_id in seen:
                    self.error(item.where("id"), f"{where}: duplicate section id {section_id!r}")
                seen.add(section_id)
                sections.append(Section(section_id, section_title))
        if source_id is None or title is None:
            return None
        return SourceDocument(source_id, title, tuple(sections), author, date)

    # -- questions --
    def question(self, data: MarkedMap, number: int) -> tuple[Question, dict[str, Pos]] | None:
        """A question, and the positions of the fields cross-file checks may point at."""
        question_id = self.string(data, "id", f"question {number}", _ID)
        what = f"question {question_id!r}" if question_id else f"question {number}"
        kind_text = self.string(data, "kind", what)
        kind: Kind | None = None
        if kind_text is not None:
            try:
                kind = Kind(kind_text)
            except ValueError:
                self.error(
                    data.where("kind"),
                    f"{what}: unknown kind {kind_text!r}; use one of {', '.join(k.value for k in Kind)}",
                )
        if kind is None:
            if "kind" not in data:
                self.error(data.pos, f"{what}: missing 'kind'")
            return None
        required, optional = _KIND_FIELDS[kind]
        self.fields(data, (_COMMON_FIELDS - {"points"}) | required, optional | {"points", "match"}, what)
        if "match" in data and "match" not in optional:
            self.error(
                data.key_pos.get("match", data.pos),
                f"{what}: 'match' applies to text questions only (numbers and dates are read "
                "the way students type them)",
            )
        topics: list[str] = []
        topic_pos: dict[str, Pos] = {}
        topic_list = self.sequence(data, "topics", what, 1)
        if topic_list is not None:
            for index, topic in enumerate(topic_list):
                if isinstance(topic, str) and _ID.fullmatch(topic):
                    topics.append(topic)
                    topic_pos.setdefault(f"topic:{topic}", topic_list.item_pos[index])
                else:
                    self.error(
                        topic_list.item_pos[index],
                        f"{what}: a topic must be a topic id, got {_describe(topic)}",
                    )
        difficulty = self.integer(data, "difficulty", what, 1, 3)
        points = self.number(data, "points", what) if "points" in data else 1.0
        if points is not None and points <= 0:
            self.error(data.where("points"), f"{what}: 'points' must be more than 0")
            points = None
        prompt = self.localized(data, "prompt", what)
        explanation = self.localized(data, "explanation", what)
        cited = self.source_refs(data, what) if "source" in data else None
        specific = self.kind_fields(kind, data, what)
        if None in (question_id, difficulty, points, prompt, explanation, cited, specific) or not topics:
            return None
        assert question_id is not None and difficulty is not None and points is not None
        assert prompt is not None and explanation is not None and cited is not None and specific is not None
        sources, source_pos = cited
        question = _build(
            kind,
            specific,
            id=question_id,
            topics=tuple(topics),
            difficulty=difficulty,
            points=points,
            prompt=prompt,
            explanation=explanation,
            sources=sources,
        )
        positions = {"id": data.where("id"), "topics": data.where("topics"), **topic_pos, **source_pos}
        if "match" in data:
            positions["match"] = data.where("match")  # set here, so the bank's 'match' does not apply
        return question, positions

    def answer_match(self, data: MarkedMap, what: str) -> AnswerMatch | None:
        """The ``match`` field: how typed answers meet the accepted ones."""
        value = data["match"]
        if isinstance(value, str) and value in {m.value for m in AnswerMatch}:
            return AnswerMatch(value)
        choices = " or ".join(m.value for m in AnswerMatch)
        self.error(data.where("match"), f"{what}: 'match' must be {choices}, got {_describe(value)}")
        return None

    def source_refs(self, data: MarkedMap, what: str) -> tuple[tuple[SourceRef, ...], dict[str, Pos]] | None:
        """The passages a question cites, from ``source:`` (one mapping or a list of them).

        Returns the references and, for the cross-file checks, the position of each one's
        ``document`` and ``section`` (keys ``source:N`` and ``section:N``), or None.
        """
        value, pos = data["source"], data.where("source")
        if isinstance(value, MarkedMap):
            entries: list[tuple[Any, Pos, str]] = [(value, pos, "'source'")]
        elif isinstance(value, MarkedList):
            if not value:
                self.error(pos, f"{what}: 'source' is an empty list; cite at least one {_SOURCE_FORM}")
                return None
            entries = [
                (item, value.item_pos[index], f"'source' item {index + 1}")
                for index, item in enumerate(value)
            ]
        else:
            self.error(
                pos,
                f"{what}: 'source' must be {_SOURCE_FORM} or a list of them, got {_describe(value)}",
            )
            return None
        refs: list[SourceRef] = []
        positions: dict[str, Pos] = {}
        first: dict[SourceRef, int] = {}
        ok = True
        for index, (entry, entry_pos, label) in enumerate(entries):
            where = f"{what} {label}"
            if not isinstance(entry, MarkedMap):
                self.error(entry_pos, f"{what}: {label} must be {_SOURCE_FORM}, got {_describe(entry)}")
                ok = False
                continue
            self.fields(entry, {"document", "section"}, set(), where)
            document = self.string(entry, "document", where)
            section = self.string(entry, "section", where)
            if not (document and section):
                ok = False
                continue
            ref = SourceRef(document, section)
            if ref in first:
                self.error(
                    entry_pos,
                    f"{what}: {label} cites {document}/{section} again (already item {first[ref] + 1}); "
                    "cite each passage once",
                )
                ok = False
                continue
            first[ref] = index
            positions[f"source:{len(refs)}"] = entry.where("document")
            positions[f"section:{len(refs)}"] = entry.where("section")
            refs.append(ref)
        return (tuple(refs), positions) if ok else None

    def choices(self, data: MarkedMap, what: str) -> tuple[tuple[Choice, ...], dict[str, Pos]] | None:
        low, high = _LIMITS["choices"]
        seq = self.sequence(data, "choices", what, low, high)
        if seq is None:
            return None
        result: list[Choice] = []
        ids: dict[str, Pos] = {}
        seen_text: dict[tuple[str, str], int] = {}
        ok = True
        for index, item in enumerate(seq):
            where = f"{what} choice {index + 1}"
            entry = self.mapping(item, seq.item_pos[index], where)
            if entry is None:
                ok = False
                continue
            self.fields(entry, {"id", "text"}, set(), where)
            choice_id = self.string(entry, "id", where, _CHOICE_ID)
            text = self.localized(entry, "text", where)
            if choice_id is None or text is None:
                ok = False
                continue
            if choice_id in ids:
                self.error(entry.where("id"), f"{where}: duplicate choice id {choice_id!r}")
                ok = False
                continue
            for language, value in text.items():
                folded = " ".join(value.casefold().split())
                if (language, folded) in seen_text:
                    self.error(
                        entry.where("text"),
                        f"{where}: the same text as choice {seen_text[(language, folded)]} ({language}: {value!r})",
                    )
                    ok = False
                seen_text[(language, folded)] = index + 1
            ids[choice_id] = entry.where("id")
            result.append(Choice(choice_id, text))
        if not ok:
            return None
        return tuple(result), ids

    def kind_fields(self, kind: Kind, data: MarkedMap, what: str) -> dict[str, Any] | None:
        """The answer fields of *kind*, or None (with problems reported)."""
        if kind is Kind.CHOICE:
            parsed = self.choices(data, what)
            answer = self.string(data, "answer", what)
            if parsed is None or answer is None:
                return None
            choices, ids = parsed
            if answer not in ids:
                self.error(
                    data.where("answer"),
                    f"{what}: 'answer' must be one of the choice ids {', '.join(ids)}; got {answer!r}",
                )
                return None
            shuffle = self.boolean(data, "shuffle", what) if "shuffle" in data else True
            return None if shuffle is None else {"choices": choices, "answer": answer, "shuffle": shuffle}
        if kind is Kind.MULTI:
            parsed = self.choices(data, what)
            answers_seq = self.sequence(data, "answers", what, 1)
            if parsed is None or answers_seq is None:
                return None
            choices, ids = parsed
            answers: set[str] = set()
            for index, answer in enumerate(answers_seq):
                pos = answers_seq.item_pos[index]
                if not isinstance(answer, str) or answer not in ids:
                    self.error(
                        pos,
                        f"{what}: each of 'answers' must be one of the choice ids {', '.join(ids)}; got {_describe(answer)}",
                    )
                    return None
                if answer in answers:
                    self.error(pos, f"{what}: {answer!r} is listed twice in 'answers'")
                    return None
                answers.add(answer)
            shuffle = self.boolean(data, "shuffle", what) if "shuffle" in data else True
            return (
                None
                if shuffle is None
                else {"choices": choices, "answers": frozenset(answers), "shuffle": shuffle}
            )
        if kind is Kind.TRUEFALSE:
            value = self.boolean(data, "answer", what)
            return None if value is None else {"answer": value}
        if kind is Kind.TEXT:
            answers_map = (
                self.mapping(data["answers"], data.where("answers"), f"{what} 'answers'", _TEXT_ANSWERS_FORM)
                if "answers" in data
                else None
            )
            if answers_map is None:
                return None
            accepted: dict[str, tuple[str, ...]] = {}
            for language, values in answers_map.items():
                lpos = answers_map.where(language)
                if language not in LANGUAGES:
                    self.error(
                        answers_map.key_pos.get(language, lpos),
                        f"{what} 'answers': unknown language {language!r}; use {', '.join(LANGUAGES)}",
                    )
                    continue
                if not isinstance(values, MarkedList) or not values:
                    self.error(
                        lpos,
                        f"{what} 'answers' ({language}) must be a list of accepted answers, e.g. [SCO, Shanghai Cooperation Organisation]",
                    )
                    continue
                texts = [
                    self.text_value(v, values.plain[i], values.item_pos[i], f"{what} 'answers' ({language})")
                    for i, v in enumerate(values)
                ]
                if all(t is not None for t in texts):
                    accepted[language] = tuple(t for t in texts if t is not None)
            missing = [lang for lang in LANGUAGES if lang not in answers_map]
            if missing and answers_map:
                self.warn(answers_map.pos, f"{what} 'answers': missing translation for {', '.join(missing)}")
            mode = self.answer_match(data, what) if "match" in data else AnswerMatch.FORMS
            return {"answers": accepted, "match": mode} if accepted and mode else None
        if kind is Kind.NUMBER:
            answer_number = self.number(data, "answer", what)
            tolerance = self.number(data, "tolerance", what, minimum=0) if "tolerance" in data else 0.0
            unit_name = None
            if isinstance(data.get("unit"), str):
                # A unit named, not translated: Babel writes it in every language (core/units.py).
                unit, unit_name = None, measurement_unit(data["unit"])
                if unit_name is None:
                    self.error(
                        data.where("unit"),
                        f"{what}: 'unit' {data['unit']!r} is not a unit the app can write in every language; "
                        f"name one such as {', '.join(UNIT_EXAMPLES)}, or give its text per language: "
                        "{tr: …, en: …, kk: …}",
                    )
                    return None
            else:
                unit = self.localized(data, "unit", what, optional=True)
                if "unit" in data and unit is None:
                    return None
            if answer_number is None or tolerance is None:
                return None
            return {"answer": answer_number, "tolerance": tolerance, "unit": unit, "unit_name": unit_name}
        if kind is Kind.DATE:
            raw = data.get("answer")
            parsed_date = parse_iso_partial_date(raw) if isinstance(raw, str) else None
            if parsed_date is None:
                self.error(
                    data.where("answer"),
                    f'{what}: \'answer\' must be a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD", got {_describe(raw)}',
                )
                return None
            return {"answer": parsed_date}
        if kind is Kind.ORDER:
            low, high = _LIMITS["items"]
            seq = self.sequence(data, "items", what, low, high)
            if seq is None:
                return None
            items = [
                self.localized_value(v, seq.item_pos[i], f"{what} item {i + 1}") for i, v in enumerate(seq)
            ]
            if any(i is None for i in items) or not low <= len(items) <= high:
                return None
            self.distinct(items, seq, what, "item")
            return {"items": tuple(i for i in items if i is not None)}
        if kind is Kind.MATCH:
            low, high = _LIMITS["pairs"]
            seq = self.sequence(data, "pairs", what, low, high)
            if seq is None:
                return None
            pairs: list[MatchPair] = []
            for index, item in enumerate(seq):
                where = f"{what} pair {index + 1}"
                entry = self.mapping(item, seq.item_pos[index], where)
                if entry is None:
                    return None
                self.fields(entry, {"left", "right"}, set(), where)
                left = self.localized(entry, "left", where)
                right = self.localized(entry, "right", where)
                if left is None or right is None:
                    return None
                pairs.append(MatchPair(left, right))
            distractors: list[LocalizedText] = []
            if "distractors" in data:
                dseq = self.sequence(data, "distractors", what, 0, 8)
                if dseq is None:
                    return None
                for index, value in enumerate(dseq):
                    checked = self.localized_value(
                        value, dseq.item_pos[index], f"{what} distractor {index + 1}"
                    )
                    if checked is None:
                        return None
                    distractors.append(checked)
            if not low <= len(pairs) <= high:
                return None
            lefts = [p.left for p in pairs]
            rights = [p.right for p in pairs] + distractors
            self.distinct(lefts, seq, what, "left-hand item")
            self.distinct(rights, seq, what, "right-hand item")
            return {"pairs": tuple(pairs), "distractors": tuple(distractors)}
        raise AssertionError(kind)

    def distinct(self, texts: Sequence[LocalizedText | None], seq: MarkedList, what: str, noun: str) -> None:
        seen: dict[tuple[str, str], int] = {}
        for index, text in enumerate(texts):
            if text is None:
                continue
            for language, value in text.items():
                folded = " ".join(value.casefold().split())
                if (language, folded) in seen:
                    pos = seq.item_pos[index] if index < len(seq.item_pos) else seq.pos
                    self.error(
                        pos,
                        f"{what}: {noun} {index + 1} has the same text as {noun} {seen[(language, folded)]} ({language}: {value!r})",
                    )
                seen[(language, folded)] = index + 1


def _closest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.7)
    return found[0] if found else None


def _to_number(value: Any) -> float | None:
    if not isinstance(value, str) or not re.fullmatch(
        r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", value
    ):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _build(kind: Kind, specific: dict[str, Any], **common: Any) -> Question:
    builders: dict[Kind, Callable[..., Question]] = {
        Kind.CHOICE: ChoiceQuestion,
        Kind.MULTI: MultiQuestion,
        Kind.TRUEFALSE: TrueFalseQuestion,
        Kind.TEXT: TextQuestion,
        Kind.NUMBER: NumberQuestion,
        Kind.DATE: DateQuestion,
        Kind.ORDER: OrderQuestion,
        Kind.MATCH: MatchQuestion,
    }
    return builders[kind](**common, **specific)


# --- Files, folders and banks ------------------------------------------------------------


@dataclass
class _ParsedFile:
    path: str
    meta: dict[str, Any] | None
    meta_present: bool
    questions: list[tuple[Question, dict[str, Pos]]]
    problems: list[Problem]
    #: The retired question ids of the bank metadata (if this file has it), with where each is listed.
    retired_at: dict[str, Pos] = field(default_factory=dict)
    #: Ids of the questions whose own checks found an error (built, but not usable).
    flawed: set[str] = field(default_factory=set)

    def clean_questions(self) -> int:
        """How many of this file's questions passed their own checks."""
        return sum(1 for question, _pos in self.questions if question.id not in self.flawed)


def parse_file_bytes(data: bytes, path: str, strict: bool = False) -> _ParsedFile:
    """Read and check one bank file. Raises BankError only when the file cannot be read at all."""
    text = decode(data, path)
    root, read_problems = read_yaml(text, path)
    checker = _FileChecker(path, strict)
    checker.problems.extend(read_problems)
    meta = None
    questions: list[tuple[Question, dict[str, Pos]]] = []
    flawed: set[str] = set()
    top = checker.mapping(root, Pos(1, 1), "the file") if root is not None else None
    if root is None:
        checker.error(Pos(1, 1), "the file is empty; a bank file starts with 'format: 1'")
    if top is not None:
        checker.fields(top, {"format"}, {"bank", "questions"}, "the file")
        if "format" in top:
            version = checker.integer(top, "format", "the file", 1, 999)
            if version is not None and version != FORMAT_VERSION:
                checker.error(
                    top.where("format"),
                    f"format {version} is not supported; this quizapp reads format {FORMAT_VERSION}",
                )
        if "bank" in top:
            meta_map = checker.mapping(top["bank"], top.where("bank"), "'bank'")
            if meta_map is not None:
                meta = checker.bank_meta(meta_map)
        elif "questions" not in top:
            checker.error(top.pos, "the file has neither 'bank' nor 'questions'")
        for index, item in checker.items(top, "questions", "the file") if "questions" in top else []:
            errors_before = checker.error_count()
            parsed = checker.question(item, index + 1)
            if parsed is not None:
                questions.append(parsed)
                if checker.error_count() != errors_before:
                    flawed.add(parsed[0].id)
    return _ParsedFile(
        path,
        meta,
        top is not None and "bank" in top,
        questions,
        checker.problems,
        retired_at=checker.retired_at,
        flawed=flawed,
    )


def _assemble(files: Sequence[_ParsedFile], origin: str, strict: bool) -> LoadedBank:
    """Join checked files into one bank, with cross-file checks (ids, topics, sources)."""
    problems = [p for f in files for p in f.problems]
    metas = [f for f in files if f.meta_present]
    meta = None
    if not metas:
        problems.append(
            Problem(origin, 1, 1, f"no bank metadata: add a {METADATA_FILE} with a 'bank:' section")
        )
    else:
        for extra in metas[1:]:
            problems.append(
                Problem(extra.path, 1, 1, f"a bank has one 'bank:' section; it is already in {metas[0].path}")
            )
        meta = metas[0].meta
    retired_at = metas[0].retired_at if metas else {}
    questions: list[Question] = []
    seen: dict[str, tuple[str, Pos]] = {}
    # Counted for the teacher's summary ("1 bank, 7 questions: 1 error"), even if the bank fails.
    clean = 0
    for parsed in files:
        for question, positions in parsed.questions:
            problems_before = len(problems)
            pos = positions["id"]
            if question.id in retired_at:
                problems.append(
                    Problem(
                        parsed.path,
                        pos.line,
                        pos.column,
                        f"question id {question.id!r} is retired ({metas[0].path}:{retired_at[question.id].line}); "
                        "progress is stored against ids, so give this question a new id",
                    )
                )
                continue
            if question.id in seen:
                first_path, first_pos = seen[question.id]
                problems.append(
                    Problem(
                        parsed.path,
                        pos.line,
                        pos.column,
                        f"duplicate question id {question.id!r} (first in {first_path}:{first_pos.line})",
                    )
                )
                continue
            seen[question.id] = (parsed.path, pos)
            if meta is not None:
                topic_ids = {t.id for t in meta["topics"]}
                for topic in question.topics:
                    if topic not in topic_ids:
                        tpos = positions.get(f"topic:{topic}", positions["topics"])
                        problems.append(
                            Problem(
                                parsed.path,
                                tpos.line,
                                tpos.column,
                                f"question {question.id!r}: unknown topic {topic!r}; declared topics: {', '.join(sorted(topic_ids))}",
                            )
                        )
                problems.extend(_unknown_sources(question, positions, meta["sources"], parsed.path))
            if (
                meta is not None
                and meta["match"] is AnswerMatch.EXACT
                and isinstance(question, TextQuestion)
                and "match" not in positions
            ):
                question = dataclasses.replace(question, match=AnswerMatch.EXACT)
            questions.append(question)
            if question.id not in parsed.flawed and not any(
                p.severity is Severity.ERROR for p in problems[problems_before:]
            ):
                clean += 1
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or meta is None:
        raise BankError(errors or problems, valid_questions=clean)
    bank = Bank(questions=tuple(questions), origin=origin, **meta)
    if not bank.questions:
        raise BankError([Problem(origin, 1, 1, "the bank has no questions")])
    return LoadedBank(bank, [p for p in problems if p.severity is Severity.WARNING])


def _unknown_sources(
    question: Question, positions: dict[str, Pos], documents: Sequence[SourceDocument], path: str
) -> list[Problem]:
    """A problem for each source reference of *question* naming an undeclared document or section."""
    problems = []
    for index, ref in enumerate(question.sources):
        document = next((s for s in documents if s.id == ref.document), None)
        if document is None:
            spos = positions[f"source:{index}"]
            message = (
                f"question {question.id!r}: unknown source document {ref.document!r}; "
                f"declared: {', '.join(s.id for s in documents)}"
            )
        elif document.section(ref.section) is None:
            spos = positions[f"section:{index}"]
            message = (
                f"question {question.id!r}: document {document.id!r} has no section {ref.section!r}; "
                f"its sections: {', '.join(s.id for s in document.sections)}"
            )
        else:
            continue
        problems.append(Problem(path, spos.line, spos.column, message))
    return problems


def read_file_bytes(path: Path) -> bytes:
    """A bank file's bytes, refusing an oversized file before reading it."""
    from quizapp.core.yamlread import MAX_FILE_BYTES

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BankError.at(
                str(path),
                1,
                1,
                f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (1 MiB). "
                "Split the bank into several files in one folder.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise BankError.at(str(path), 1, 1, f"cannot read the file: {exc.strerror or exc}") from None


def _load_files(files: Iterable[tuple[str, Callable[[], bytes]]], origin: str, strict: bool) -> LoadedBank:
    """Parse each ``(path, read)`` file and assemble the bank; raise BankError listing every problem."""
    parsed: list[_ParsedFile] = []
    fatal: list[Problem] = []
    for path, read in files:
        try:
            parsed.append(parse_file_bytes(read(), path, strict))
        except BankError as exc:
            fatal.extend(exc.problems)
    if fatal:
        others = [p for f in parsed for p in f.problems if p.severity is Severity.ERROR]
        raise BankError(fatal + others, valid_questions=sum(f.clean_questions() for f in parsed))
    return _assemble(parsed, origin, strict)


def load_bank(root: Path | str, strict: bool = False) -> LoadedBank:
    """Load the bank at *root* (a file or a folder); raise BankError listing every problem."""
    root = Path(root)
    files = bank_files(root)
    if not files:
        raise BankError.at(str(root), 1, 1, "no .yaml files here")
    loaded = _load_files(((str(path), partial(read_file_bytes, path)) for path in files), str(root), strict)
    loaded.files = tuple(files)
    return loaded


def load_bank_bytes(data: bytes, path: str = "bank.yaml", strict: bool = False) -> LoadedBank:
    """Load a single-file bank from *data*; every failure is a BankError."""
    return _assemble([parse_file_bytes(data, path, strict)], path, strict)


def load_bank_texts(files: Sequence[tuple[str, bytes]], origin: str, strict: bool = False) -> LoadedBank:
    """Load a bank from files held in memory, as ``(path, bytes)`` pairs; every failure is a
    BankError. ``quizapp import`` checks what it is about to write with this before writing."""
    return _load_files(((path, partial(bytes, data)) for path, data in files), origin, strict)
