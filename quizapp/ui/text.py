"""Turning bank content into things to draw: always literal text, never markup.

Bank text is untrusted: ``[b]``, ``[/]`` or ``[@click=app.quit]`` must show as typed. Everything
here returns :class:`textual.content.Content` built from plain strings.
"""

from __future__ import annotations

from textual.content import Content

from quizapp.core.model import LocalizedText

# The plain-text descriptions live in quizapp.describe (no Textual: the CLI reports use them too).
from quizapp.describe import describe_answer, describe_right_answer, localized, truefalse_label
from quizapp.i18n import _, get_language

__all__ = [
    "content",
    "describe_answer",
    "describe_right_answer",
    "literal",
    "localized",
    "truefalse_label",
]


def content(text: LocalizedText | None, fallback: str = "en", style: str = "") -> Content:
    """*text* as literal Content, with a small marker when it is shown in another language."""
    if text is None:
        return Content("")
    shown, used = text.resolve(get_language(), fallback)
    body = Content.styled(shown, style) if style else Content(shown)
    if used != get_language():
        # Translators: marks a text shown in another language because the bank lacks a translation; {language} is a code like "tr".
        return Content.assemble(body, (" " + _("[{language}]").format(language=used), "dim italic"))
    return body


def literal(text: str, style: str = "") -> Content:
    """A plain string as Content (no markup parsing)."""
    return Content.styled(text, style) if style else Content(text)
