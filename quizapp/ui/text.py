"""Turning bank content into things to draw: always literal text, never markup.

Bank text is untrusted: ``[b]``, ``[/]`` or ``[@click=app.quit]`` must show as typed. Everything
here returns :class:`textual.content.Content` built from plain strings.
"""

from __future__ import annotations

from textual.content import Content

from quizapp.core.grading import Grade
from quizapp.core.model import Bank, LocalizedText, Question

# The plain-text descriptions live in quizapp.describe (no Textual: the CLI reports use them too).
from quizapp.describe import describe_answer, describe_right_answer, localized, truefalse_label
from quizapp.i18n import _, format_list, get_language

__all__ = [
    "accepted_note",
    "content",
    "describe_answer",
    "describe_right_answer",
    "describe_sources",
    "literal",
    "localized",
    "shorten",
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


def shorten(text: str, width: int) -> str:
    """*text* cut to *width* terminal cells, with "…" where it was cut."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def accepted_note(grade: Grade | None) -> str:
    """For a typed answer accepted in another spelling or form, the answer as the bank spells it
    ("Spelling: Kırım" for "Kirim", "Accepted as: Astana" for "Astana'da"); otherwise ""."""
    if grade is None or not grade.correct or not grade.accepted_as:
        return ""
    if grade.respelled:
        # Translators: after "Right!" when a typed answer was spelled another way ("Kirim" for "Kırım").
        return _("Spelling: {answer}").format(answer=grade.accepted_as)
    # Translators: after "Right!" when a typed answer carried an ending ("Astana'da" for "Astana").
    return _("Accepted as: {answer}").format(answer=grade.accepted_as)


def describe_sources(bank: Bank, question: Question, fallback: str = "en") -> tuple[str, str] | None:
    """The label and text of *question*'s source line, e.g. ("Sources: ", "Essay — Russia and …").

    Each cited document is named once, with the sections cited from it ("Overview — Russia;
    China": section titles may hold commas or "and" themselves), and the documents are joined
    as a list in the current language. None when the bank declares none of them.
    """
    cited: dict[str, tuple[str, list[str]]] = {}
    count = 0
    for ref in question.sources:
        document = bank.source_document(ref.document)
        if document is None:
            continue
        count += 1
        _title, sections = cited.setdefault(document.id, (localized(document.title, fallback), []))
        section = document.section(ref.section)
        if section is not None:
            sections.append(localized(section.title, fallback))
    if not cited:
        return None
    passages = [
        title + (" — " + "; ".join(sections) if sections else "") for title, sections in cited.values()
    ]
    if count == 1:
        # Translators: the label before the passage a question cites, shown after the explanation.
        label = _("Source: ")
    else:
        # Translators: the label before the passages a question cites (two or more), shown as a list.
        label = _("Sources: ")
    return label, format_list(passages)
