"""The JSON Schema (draft-07) of bank format version 1, for editors' autocompletion.

It describes the same rules the loader enforces (``loading.py``), minus what a schema cannot say
(cross-references such as "answer must be one of the choice ids"). ``quizapp schema`` prints it,
and a test keeps ``questions/bank.schema.json`` equal to it.
"""

from __future__ import annotations

import json
from typing import Any

from quizapp.core.model import LANGUAGES, AnswerMatch, Kind

_ID_PATTERN = "^[a-z0-9][a-z0-9._-]*$"
_CHOICE_ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _kind_schema(
    kind: Kind, required: list[str], properties: dict[str, Any], description: str
) -> dict[str, Any]:
    common = ["id", "kind", "topics", "difficulty", "prompt", "explanation", "source"]
    return {
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": common + required,
        "properties": {
            "id": {"type": "string", "pattern": _ID_PATTERN, "description": "Unique and stable question id."},
            "kind": {"const": kind.value},
            "topics": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": _ID_PATTERN},
                "description": "Topic ids declared in the bank's topics.",
            },
            "difficulty": {"type": "integer", "enum": [1, 2, 3], "description": "1 easy, 2 medium, 3 hard."},
            "points": {"type": "number", "exclusiveMinimum": 0, "default": 1},
            "prompt": _ref("text"),
            "explanation": _ref("text"),
            "source": _ref("source"),
            **properties,
        },
    }


def bank_schema() -> dict[str, Any]:
    """The schema as a dict."""
    choices = {"type": "array", "minItems": 2, "maxItems": 8, "items": _ref("choice")}
    shuffle = {"type": "boolean", "default": True, "description": "Show the choices in random order."}
    kinds = [
        _kind_schema(
            Kind.CHOICE,
            ["choices", "answer"],
            {
                "choices": choices,
                "answer": {
                    "type": "string",
                    "pattern": _CHOICE_ID_PATTERN,
                    "description": "The id of the right choice.",
                },
                "shuffle": shuffle,
            },
            "One right answer among 2-8 choices.",
        ),
        _kind_schema(
            Kind.MULTI,
            ["choices", "answers"],
            {
                "choices": choices,
                "answers": {
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"type": "string", "pattern": _CHOICE_ID_PATTERN},
                    "description": "The ids of every right choice.",
                },
                "shuffle": shuffle,
            },
            "Several right answers; partial credit.",
        ),
        _kind_schema(
            Kind.TRUEFALSE, ["answer"], {"answer": {"type": "boolean"}}, "A statement that is true or false."
        ),
        _kind_schema(
            Kind.TEXT,
            ["answers"],
            {
                "answers": {
                    "type": "object",
                    "additionalProperties": False,
                    "minProperties": 1,
                    "properties": {
                        lang: {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
                        for lang in LANGUAGES
                    },
                    "description": "Accepted answers per language; the first is shown as the answer.",
                },
                "match": _ref("answerMatch"),
            },
            "A typed answer.",
        ),
        _kind_schema(
            Kind.NUMBER,
            ["answer"],
            {
                "answer": {"type": "number"},
                "tolerance": {"type": "number", "minimum": 0, "default": 0},
                "unit": {
                    "oneOf": [
                        _ref("text"),
                        {
                            "type": "string",
                            "minLength": 1,
                            "description": "A unit by name (year, square-kilometer, percent…): written "
                            "in every language with the plural the number needs.",
                        },
                    ]
                },
            },
            "A number, with an optional tolerance and unit.",
        ),
        _kind_schema(
            Kind.DATE,
            ["answer"],
            {
                "answer": {
                    "type": "string",
                    "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                    "description": "YYYY, YYYY-MM or YYYY-MM-DD: the student must be as precise.",
                }
            },
            "A year, a month or a day.",
        ),
        _kind_schema(
            Kind.ORDER,
            ["items"],
            {
                "items": {
                    "type": "array",
                    "minItems": 3,
                    "maxItems": 8,
                    "items": _ref("text"),
                    "description": "The items in the right order; they are shown shuffled.",
                }
            },
            "Put 3-8 items in order; partial credit.",
        ),
        _kind_schema(
            Kind.MATCH,
            ["pairs"],
            {
                "pairs": {
                    "type": "array",
                    "minItems": 2,
                    "maxItems": 8,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["left", "right"],
                        "properties": {"left": _ref("text"), "right": _ref("text")},
                    },
                },
                "distractors": {"type": "array", "maxItems": 8, "items": _ref("text")},
            },
            "Pair each left-hand item with its right-hand item; partial credit.",
        ),
    ]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://quizapp.invalid/bank.schema.json",
        "title": "quizapp question bank, format 1",
        "description": "A question bank file. See questions/README.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format"],
        "properties": {
            "format": {"const": 1, "description": "The bank format version."},
            "bank": _ref("bank"),
            "questions": {"type": "array", "items": {"oneOf": kinds}},
        },
        "definitions": {
            "text": {
                "description": "A text per language.",
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
            },
            "answerMatch": {
                "enum": [m.value for m in AnswerMatch],
                "default": AnswerMatch.FORMS.value,
                "description": "How typed answers meet the accepted ones: 'forms' accepts endings, "
                "spellings without the right keyboard and name variants; 'exact' only ignores case, "
                "spaces and punctuation at the ends. See questions/README.md.",
            },
            "source": {
                "description": "The passage the question draws on, or a list of every passage it uses.",
                "oneOf": [
                    _ref("sourceRef"),
                    {"type": "array", "minItems": 1, "uniqueItems": True, "items": _ref("sourceRef")},
                ],
            },
            "sourceRef": {
                "description": "A section of one of the bank's sources.",
                "type": "object",
                "additionalProperties": False,
                "required": ["document", "section"],
                "properties": {"document": {"type": "string"}, "section": {"type": "string"}},
            },
            "choice": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "text"],
                "properties": {"id": {"type": "string", "pattern": _CHOICE_ID_PATTERN}, "text": _ref("text")},
            },
            "bank": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "source_language", "sources", "topics"],
                "properties": {
                    "id": {"type": "string", "pattern": _ID_PATTERN},
                    "title": _ref("text"),
                    "description": _ref("text"),
                    "match": _ref("answerMatch"),
                    "source_language": {"enum": list(LANGUAGES)},
                    "retired": {
                        "description": "Ids of questions the bank no longer has; never reuse them.",
                        "type": "array",
                        "uniqueItems": True,
                        "items": {"type": "string", "pattern": _ID_PATTERN},
                    },
                    "sources": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "title", "sections"],
                            "properties": {
                                "id": {"type": "string", "pattern": _ID_PATTERN},
                                "title": _ref("text"),
                                "author": {"type": "string"},
                                "date": {"type": "string"},
                                "sections": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["id", "title"],
                                        "properties": {
                                            "id": {"type": "string", "pattern": _ID_PATTERN},
                                            "title": _ref("text"),
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "topics": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "name"],
                            "properties": {
                                "id": {"type": "string", "pattern": _ID_PATTERN},
                                "name": _ref("text"),
                            },
                        },
                    },
                },
            },
        },
    }


def schema_json() -> str:
    """The schema as pretty JSON text, as committed in ``questions/bank.schema.json``."""
    return json.dumps(bank_schema(), ensure_ascii=False, indent=2) + "\n"
