"""Writing a bank as YAML that our hardened reader accepts and a teacher can read and edit.

Why not ``yaml.safe_dump``? It chooses quoting by YAML 1.1 rules and line-wraps long texts, and
its output is hard to read (no blank line between questions, no comments). This emitter writes
the style of the bundled banks: block mappings, ``{tr: "…", en: "…", kk: "…"}`` on one line for
short texts, one line per language for long ones, a blank line between questions, and a comment
above each question saying where it was imported from (``# from quiz.gift:12``).

**Safety.** Every text is written double-quoted with JSON's escapes (a JSON string is a valid
YAML double-quoted scalar), so nothing is ever read as a number, a boolean, a date or null
(``No``, ``2024-01-01``, ``1:20``, ``null`` stay text), and no anchor, alias, tag or merge key is
ever written. Ids are written bare only when they start with a letter and no YAML 1.1 tool would
read them as anything but text. Numbers are written with ``repr`` so they read back exactly.
Fields the emitter does not know (a newer model) are written as JSON flow values, still valid.

The emitter records the lines each question occupies, so a problem found by the validator in
the written text can be traced back to the question and the foreign file it came from.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.core.model import LANGUAGES, Bank, Question, question_to_data
from quizapp.core.yamlread import yaml11_reading
from quizapp.formats.refs import question_sources, sources_data
from quizapp.formats.text import number_text

_BARE = re.compile(r"[a-z][a-z0-9._-]*")
_FLOW_LIMIT = 90
#: Keys written before and after the kind's own fields, in this order.
_HEAD = ("id", "kind", "topics", "difficulty", "points", "prompt")
_TAIL = ("explanation", "source", "sources")
#: Default values left out, as a teacher would.
_DEFAULTS: dict[str, Any] = {
    "points": 1.0,
    "shuffle": True,
    "tolerance": 0.0,
    "unit": None,
    "distractors": [],
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


_encode = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) calls, in C


def quote(text: str) -> str:
    """*text* as a double-quoted scalar (a JSON string is a valid YAML double-quoted scalar)."""
    return _encode(text)


def ident(value: str) -> str:
    """An id, bare when that is safe, else quoted."""
    if _BARE.fullmatch(value) and yaml11_reading(value) is None and value not in ("null", "y", "n"):
        return value
    return quote(value)


def number(value: float) -> str:
    """A number that reads back exactly (``2``, ``0.5``, ``1e+16``)."""
    if isinstance(value, bool):
        raise TypeError("not a number")
    if isinstance(value, int):
        return str(value)
    return number_text(value)


def _is_localized(value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and bool(value)
        and all(k in LANGUAGES for k in value)
        and all(isinstance(v, str) for v in value.values())
    )


def flow_text(value: Mapping[str, str]) -> str:
    """A translated text on one line: ``{tr: "…", en: "…"}``."""
    return "{" + ", ".join(f"{language}: {quote(text)}" for language, text in _ordered(value)) + "}"


#: Orders of language keys that are already the bank's order (tr, en, kk).
_IN_ORDER = {combo for size in (1, 2, 3) for combo in itertools.combinations(LANGUAGES, size)}


def _ordered(value: Mapping[str, Any]) -> list[tuple[str, Any]]:
    items = list(value.items())
    if tuple(value) not in _IN_ORDER:
        items.sort(key=lambda item: LANGUAGES.index(item[0]) if item[0] in LANGUAGES else 99)
    return items


def _flow_or_none(value: Mapping[str, str]) -> str | None:
    """*value* on one line if it is short and has no line break, else None."""
    if any("\n" in text for text in value.values()):
        return None
    flow = flow_text(value)
    return flow if len(flow) <= _FLOW_LIMIT else None


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if value is None:
        return "null"
    if isinstance(value, str):
        return quote(value)
    return json.dumps(value, ensure_ascii=False)


class _Lines:
    """Collects output lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def text(self, key: str, value: Mapping[str, str], indent: str) -> None:
        """``key:`` and a translated text, on one line if short."""
        self.keyed(indent, key, value, len(indent), single_on_one_line=False)

    def keyed(
        self, prefix: str, key: str, value: Mapping[str, str], column: int, single_on_one_line: bool = True
    ) -> None:
        """``key:`` after *prefix* (its key at *column*), then a translated text: on one line if
        short (or, with *single_on_one_line*, if it has a single language), else a line each."""
        flow = _flow_or_none(value)
        if (
            flow is None
            and single_on_one_line
            and len(value) == 1
            and all("\n" not in t for t in value.values())
        ):
            flow = flow_text(value)
        if flow is not None:
            self.add(f"{prefix}{key}: {flow}")
        else:
            self.add(f"{prefix}{key}:")
            for language, text in _ordered(value):
                self.add(f"{' ' * (column + 2)}{language}: {quote(text)}")

    def item_text(self, value: Mapping[str, str], indent: str) -> None:
        """A list item that is a translated text."""
        flow = _flow_or_none(value)
        if flow is not None:
            self.add(f"{indent}- {flow}")
        else:
            first = True
            for language, text in _ordered(value):
                self.add(f"{indent}{'- ' if first else '  '}{language}: {quote(text)}")
                first = False


def _field(out: _Lines, key: str, value: Any, indent: str) -> None:
    if key in ("id", "kind") and isinstance(value, str):
        out.add(f"{indent}{key}: {ident(value)}")
    elif key == "topics":
        out.add(f"{indent}topics: [{', '.join(ident(t) for t in value)}]")
    elif key in ("source", "sources"):
        _sources(out, value, indent)
    elif key == "choices":
        out.add(f"{indent}choices:")
        for choice in value:
            text = choice["text"]
            line = f"{indent}  - {{id: {ident(choice['id'])}, text: {flow_text(text)}}}"
            if len(line) <= _FLOW_LIMIT + 20 and all("\n" not in t for t in text.values()):
                out.add(line)
            else:
                out.add(f"{indent}  - id: {ident(choice['id'])}")
                out.text("text", text, indent + "    ")
    elif key == "answers" and isinstance(value, list):
        out.add(f"{indent}answers: [{', '.join(ident(a) for a in value)}]")
    elif key == "answers" and isinstance(value, Mapping):
        out.add(f"{indent}answers:")
        for language, accepted in _ordered(value):
            out.add(f"{indent}  {language}: [{', '.join(quote(a) for a in accepted)}]")
    elif key == "answer" and isinstance(value, str):
        # A choice id, or a date ("1991-12-16" must stay text).
        out.add(f"{indent}answer: {ident(value) if _BARE.fullmatch(value) else quote(value)}")
    elif key == "pairs":
        out.add(f"{indent}pairs:")
        for pair in value:
            out.keyed(f"{indent}  - ", "left", pair["left"], len(indent) + 4)
            out.keyed(f"{indent}    ", "right", pair["right"], len(indent) + 4)
    elif key in ("items", "distractors"):
        out.add(f"{indent}{key}:")
        for item in value:
            out.item_text(item, indent + "  ")
    elif _is_localized(value):
        out.text(key, value, indent)
    else:
        out.add(f"{indent}{key}: {_scalar(value)}")


def _sources(out: _Lines, refs: Any, indent: str) -> None:
    def flow(ref: Mapping[str, str]) -> str:
        return f"{{document: {ident(ref['document'])}, section: {ident(ref['section'])}}}"

    if isinstance(refs, Mapping):
        out.add(f"{indent}source: {flow(refs)}")
    else:
        out.add(f"{indent}source: [{', '.join(flow(r) for r in refs)}]")


def question_data(question: Question, bank_match: str = "forms") -> dict[str, Any]:
    """*question* as the bank format's fields, defaults left out (``match`` when it is the
    bank's, *bank_match*)."""
    data = question_to_data(question)
    unit_name = data.pop("unit_name", None)
    if unit_name:  # a named unit is written as its name (``unit: duration-year``)
        data["unit"] = unit_name
    if data.get("match") == bank_match:
        del data["match"]
    data.pop("source", None)
    data.pop("sources", None)
    data["source"] = sources_data(question_sources(question))
    for key, default in _DEFAULTS.items():
        if key in data and data[key] == default:
            del data[key]
    if "difficulty" in data:
        data["difficulty"] = int(data["difficulty"])
    return data


def _comment(text: str) -> str:
    return _CONTROL.sub(" ", text)


@dataclass
class Written:
    """A written question file: its text and the lines (1-based, inclusive) of each question."""

    text: str
    spans: list[tuple[int, int, int]]  # (question index, first line, last line)


def question_lines(question: Question, comment: str | None, bank_match: str = "forms") -> list[str]:
    """The lines of one question as an item of ``questions:``, with a comment above it."""
    out = _Lines()
    data = question_data(question, bank_match)
    indent = "    "
    if comment:
        out.add(f"  # {_comment(comment)}")
    ordered = [k for k in _HEAD if k in data]
    ordered += [k for k in data if k not in _HEAD and k not in _TAIL]
    ordered += [k for k in _TAIL if k in data]
    # "- id: …" opens the list item.
    out.add(f"  - {ordered[0]}: {ident(data[ordered[0]])}")
    for key in ordered[1:]:
        _field(out, key, data[key], indent)
    return out.lines


def _assemble(head: list[str], rendered: Sequence[tuple[int, list[str]]]) -> Written:
    """*head* lines, then ``questions:`` with each rendered question; records their spans."""
    lines = [*head, "questions:"]
    spans: list[tuple[int, int, int]] = []
    for position, (index, question) in enumerate(rendered):
        if position:
            lines.append("")
        spans.append((index, len(lines) + 1, len(lines) + len(question)))
        lines.extend(question)
    return Written("\n".join(lines) + "\n", spans)


def metadata_lines(bank: Bank) -> list[str]:
    """The ``bank:`` section of *bank* (without questions)."""
    out = _Lines()
    out.add("bank:")
    out.add(f"  id: {ident(bank.id)}")
    out.text("title", bank.title, "  ")
    if bank.description is not None:
        out.text("description", bank.description, "  ")
    out.add(f"  source_language: {bank.source_language}")
    if bank.retired:
        out.add(f"  retired: [{', '.join(ident(r) for r in bank.retired)}]")
    if bank.match.value != "forms":
        out.add(f"  match: {bank.match.value}")
    out.add("  sources:")
    for document in bank.sources:
        out.add(f"    - id: {ident(document.id)}")
        out.text("title", document.title, "      ")
        if document.author is not None:
            out.add(f"      author: {quote(document.author)}")
        if document.date is not None:
            out.add(f"      date: {quote(document.date)}")
        out.add("      sections:")
        for section in document.sections:
            out.add(f"        - id: {ident(section.id)}")
            out.text("title", section.title, "          ")
    out.add("  topics:")
    for topic in bank.topics:
        out.add(f"    - id: {ident(topic.id)}")
        out.text("name", topic.name, "      ")
    return out.lines


def header(lines: Iterable[str]) -> list[str]:
    """Comment lines at the top of a file."""
    return [f"# {_comment(line)}" if line else "#" for line in lines]


def one_file(bank: Bank, rendered: Sequence[tuple[int, list[str]]], notes: Sequence[str]) -> Written:
    """A one-file bank: metadata and every question (as made by :func:`question_lines`)."""
    return _assemble([*header(notes), "format: 1", *metadata_lines(bank)], rendered)


def metadata_file(bank: Bank, notes: Sequence[str]) -> str:
    """The ``bank.yaml`` of a folder bank."""
    return "\n".join([*header(notes), "format: 1", *metadata_lines(bank)]) + "\n"


def questions_file(rendered: Sequence[tuple[int, list[str]]], notes: Sequence[str]) -> Written:
    """A questions file of a folder bank."""
    return _assemble([*header(notes), "format: 1"], rendered)
