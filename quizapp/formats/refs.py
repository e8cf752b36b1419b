"""Every place this package touches a question's source references, in one module.

The model is moving from one source per question (``Question.source``) to several
(``Question.sources``); keeping the access here means only this module has to follow it.
"""

from __future__ import annotations

from typing import Any

from quizapp.core.model import Question, SourceRef


def question_sources(question: Question) -> tuple[SourceRef, ...]:
    """The sources *question* cites, first one first."""
    many = getattr(question, "sources", None)
    if many is not None:
        return tuple(many)
    return (question.source,)


def source_fields(refs: tuple[SourceRef, ...]) -> dict[str, Any]:
    """The keyword arguments that give a new question the sources *refs* (at least one)."""
    if "sources" in Question.__dataclass_fields__:
        return {"sources": refs}
    return {"source": refs[0]}


def sources_data(refs: tuple[SourceRef, ...]) -> dict[str, str] | list[dict[str, str]]:
    """*refs* as the bank format's ``source:`` value: a mapping, or a list of them."""
    items = [{"document": ref.document, "section": ref.section} for ref in refs]
    return items[0] if len(items) == 1 else items
