"""Every place this package touches a question's source references, in one module.

A question cites one or more passages (``Question.sources``); the bank format writes one as a
mapping and several as a list. Keeping that knowledge here means a change to how questions cite
their sources is made in one place for every format.
"""

from __future__ import annotations

from typing import Any

from quizapp.core.model import Question, SourceRef


def question_sources(question: Question) -> tuple[SourceRef, ...]:
    """The sources *question* cites, first one first."""
    return question.sources


def source_fields(refs: tuple[SourceRef, ...]) -> dict[str, Any]:
    """The keyword arguments that give a new question the sources *refs* (at least one)."""
    return {"sources": tuple(dict.fromkeys(refs))}


def sources_data(refs: tuple[SourceRef, ...]) -> dict[str, str] | list[dict[str, str]]:
    """*refs* as the bank format's ``source:`` value: a mapping, or a list of them."""
    items = [{"document": ref.document, "section": ref.section} for ref in refs]
    return items[0] if len(items) == 1 else items
