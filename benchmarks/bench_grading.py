"""Grading a typed answer (issue 12): it runs on the key → feedback path, so it must stay ≤ 1 ms.

Measured in this process with :func:`quizapp.core.grading.grade` on ``text`` questions, for a mix
of typed answers: as listed, with an ending, without the right keyboard, and wrong (near misses,
which try every ending before giving up). Two questions: one like the bundled bank's (a few
answers per language) and one with 300 accepted answers per language.

- **warm**: the question's accepted forms are prepared (the second and later answers to it);
- **first answer**: the preparation cache is cleared before each answer, so each pays for
  preparing the question's forms (what the first answer to a question costs).

The baseline is the old exact comparison (``normalize_text`` of the typed answer against each
accepted answer), measured in the same run; the budget row gives the absolute time per answer
against the 1 ms target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from measure import Row, timed

from quizapp.core.answer_forms import normalize_text

#: Typed answers per language: listed, inflected, respelled, wrong.
TYPED = [
    "Kırım",
    "Kırım'da",
    "Kirimda",
    "Kırımlı",
    "Şanghay İşbirliği Örgütü'nün",
    "Sanghay Isbirligi Orgutu",
    "Rus",
    "Қырымның",
    "Кырымнын",
    "Ресейлік",
    "Астанада",
    "Crimea's",
    "the Russian Federation",
    "Nazarbayev N. A.",
    "Kassym Jomart Tokayev",
    "something else entirely",
]

FEW: dict[str, tuple[str, ...]] = {
    "tr": ("Kırım", "Şanghay İşbirliği Örgütü", "ŞİÖ", "Rusya", "Nazarbayev", "N. A. Nazarbayev"),
    "en": ("Crimea", "the Crimea", "the Russian Federation", "Kassym-Jomart Tokayev"),
    "kk": ("Қырым", "Крым", "Ресей", "Астана"),
}


def _many(count: int) -> dict[str, tuple[str, ...]]:
    """*count* accepted answers per language, the real ones last (so a match is not found early)."""
    return {
        language: tuple(f"{answers[0]} {index}" for index in range(count - len(answers))) + answers
        for language, answers in FEW.items()
    }


def _old_text_matches(accepted: Mapping[str, Sequence[str]], given: str) -> bool:
    """The exact comparison grading used before issue 12 (the baseline)."""
    for language, answers in accepted.items():
        typed = normalize_text(given, language)
        if typed and any(typed == normalize_text(a, language) for a in answers):
            return True
    return False


def grading(ctx: Any) -> list[Any]:
    """Per-answer time of grading typed answers, against the old exact match and the 1 ms budget."""

    from quizapp.core import answer_forms
    from quizapp.core.grading import grade, prepare
    from quizapp.core.model import LocalizedText, SourceRef, TextQuestion

    rows: list[Row] = []
    rounds = 20
    for label, answers in (("bundled-like question", FEW), ("300 answers per language", _many(300))):
        question = TextQuestion(
            id="q",
            topics=("t",),
            difficulty=1,
            prompt=LocalizedText({"en": "?"}),
            explanation=LocalizedText({"en": "."}),
            sources=(SourceRef("doc", "sec"),),
            answers=answers,
        )
        size = f"{label}, {len(TYPED)} typed answers"
        ctx.log(f"grading: {size}")
        answered = len(TYPED) * rounds

        def warm(question: TextQuestion = question) -> None:
            prepare(question)  # as the answer widget does when the question is shown
            for _ in range(rounds):
                for typed in TYPED:
                    grade(question, typed)

        def unprepared(question: TextQuestion = question) -> None:
            for _ in range(rounds):
                for typed in TYPED:
                    answer_forms.accepted_forms.cache_clear()
                    grade(question, typed)

        def old(answers: Mapping[str, Sequence[str]] = answers) -> None:
            for _ in range(rounds):
                for typed in TYPED:
                    _old_text_matches(answers, typed)

        def preparing(question: TextQuestion = question) -> None:
            for _ in range(rounds):
                answer_forms.accepted_forms.cache_clear()
                prepare(question)

        warm_s, unprepared_s, old_s, prepare_s = (
            seconds / count * 1e6
            for seconds, count in zip(
                timed([warm, unprepared, old, preparing], max(3, ctx.repeat)),
                (answered, answered, answered, rounds),
                strict=True,
            )
        )
        bundled = label.startswith("bundled")
        measure = "typed answer graded (per answer)"
        rows += [
            Row("grading", measure, size, warm_s, "old exact match (per answer)", old_s, unit="µs"),
            Row("grading", measure, size, warm_s, "budget: 1 ms", 1000.0, 1.0, unit="µs"),
            Row(
                "grading",
                "typed answer graded, question not prepared (per answer)",
                size,
                unprepared_s,
                "budget: 1 ms",
                1000.0,
                1.0 if bundled else None,
                note="" if bundled else UNPREPARED_NOTE,
                unit="µs",
            ),
            Row(
                "grading",
                "preparing a question's accepted forms (when shown)",
                size,
                prepare_s,
                "one frame: 16 ms",
                16_000.0,
                unit="µs",
            ),
        ]
    return rows


UNPREPARED_NOTE = (
    "preparing costs a few µs per accepted answer; the answer widget prepares the question when it "
    "is shown, so the key → feedback path is the warm row"
)
